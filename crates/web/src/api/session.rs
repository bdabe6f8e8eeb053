//! Signing in and out, API tokens (issue, list, revoke), and `GET /api/v1/me`.
//!
//! Answers that carry a secret (a session's CSRF token, a bearer token) are never cached:
//! every API answer has `Cache-Control: no-store` (see [`crate::layers`]).

use app::sessions::SESSION_DURATION;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::access::TokenId;
use domain::time::Timestamp;
use serde::{Deserialize, Serialize};
use store::accounts::{ApiToken, User};
use utoipa::ToSchema;

use crate::AppState;
use crate::auth::{Caller, ClientAddress, Credential, SESSION_COOKIE, Stage};
use crate::error::{ApiError, Problem};
use crate::extract::{ApiJson, ApiPath};

/// Email and password.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignIn {
    /// The user's email.
    #[schema(example = "official@eth.example")]
    pub email: String,
    /// Their password.
    pub password: String,
}

/// Who is signed in.
#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    /// The user's email.
    pub email: String,
    /// `official`, `viewer` or `admin`.
    pub role: String,
    /// The party's code.
    pub party: String,
    /// `country`, `manufacturer` or `organization`.
    pub party_kind: String,
}

impl From<&User> for Me {
    fn from(user: &User) -> Self {
        Self {
            email: user.email.clone(),
            role: user.role.as_str().into(),
            party: user.party.as_str().into(),
            party_kind: user.party_kind.as_str().into(),
        }
    }
}

/// A new session: who, and the CSRF token that state-changing requests must send back.
#[derive(Debug, Serialize, ToSchema)]
pub struct SessionCreated {
    /// The signed-in user: email, role and party.
    #[serde(flatten)]
    pub me: Me,
    /// Send it in `X-CSRF-Token` with every request that changes something.
    pub csrf_token: String,
}

/// A token to create: for a signed-in user `{name}`; for a program `{email, password, name}`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
    /// A name to recognise the token by.
    #[schema(example = "ministry-erp")]
    pub name: String,
    /// A program's user's email (with `password`).
    pub email: Option<String>,
    /// Their password (with `email`).
    pub password: Option<String>,
    /// Days until the token stops working: 1 to 365, 90 by default.
    #[schema(example = 90)]
    pub lifetime_days: Option<i64>,
}

/// A new bearer token; it is shown once and stored only as a digest.
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenCreated {
    /// The token: send it as `Authorization: Bearer …`.
    pub token: String,
    /// Its id, to revoke it by (`DELETE /api/v1/tokens/{id}`).
    pub id: i64,
    /// Its name.
    pub name: String,
    /// When it stops working.
    #[schema(value_type = String, example = "2021-11-04T09:30:00.000Z")]
    pub expires_at: Timestamp,
    /// Who it acts as.
    #[serde(flatten)]
    pub me: Me,
}

/// A bearer token as listed (never the token itself).
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenBody {
    /// Its id.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// When it was made.
    #[schema(value_type = String, example = "2021-11-04T09:30:00.000Z")]
    pub created_at: Timestamp,
    /// When it stops working.
    #[schema(value_type = String, example = "2021-11-04T09:30:00.000Z")]
    pub expires_at: Timestamp,
    /// When it was revoked; `null` while it works.
    #[schema(value_type = Option<String>, example = "2021-11-04T09:30:00.000Z")]
    pub revoked_at: Option<Timestamp>,
}

impl From<ApiToken> for TokenBody {
    fn from(token: ApiToken) -> Self {
        Self {
            id: token.id.0,
            name: token.name,
            created_at: token.created_at,
            expires_at: token.expires_at,
            revoked_at: token.revoked_at,
        }
    }
}

/// Checks a password sign-in, throttled per account and per address (see
/// [`crate::auth::SignInThrottle`]).
pub(crate) async fn check_credentials(
    state: &AppState,
    email: &str,
    password: &str,
    address: &str,
) -> Result<User, ApiError> {
    let email = email.trim().to_lowercase();
    state.throttle.check(&email, address, Stage::Before)?;
    match app::sessions::check_password(&state.app, &email, password, address).await {
        Ok(user) => {
            state.throttle.record_success(&email, address);
            Ok(user)
        }
        Err(error) => {
            // A wrong password from an address that has failed too often waits; a correct
            // one from it went through above.
            state
                .throttle
                .check(&email, address, Stage::AfterWrongPassword)?;
            state.throttle.record_failure(&email, address);
            Err(ApiError::from(error))
        }
    }
}

/// The `Set-Cookie` value of a new session (the API's and the sign-in page's).
pub fn session_cookie_value(session_token: &str) -> String {
    format!(
        "{SESSION_COOKIE}={session_token}; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age={}",
        SESSION_DURATION.num_seconds()
    )
}

/// The `Set-Cookie` value that clears the session cookie.
pub const CLEAR_SESSION_COOKIE: &str =
    "equidose_session=; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=0";

/// Signs in with email and password: sets the session cookie.
#[utoipa::path(
    post,
    path = "/api/v1/session",
    tag = "session",
    request_body = SignIn,
    responses(
        (status = 201, description = "Signed in; the `equidose_session` cookie is set.", body = SessionCreated),
        (status = 401, description = "Wrong email or password.", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many failed sign-ins.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn sign_in(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    ApiJson(request): ApiJson<SignIn>,
) -> Result<Response, ApiError> {
    let user = check_credentials(&state, &request.email, &request.password, &address).await?;
    let session = app::sessions::begin(&state.app, &user).await?;
    let (session_token, csrf_token) = (session.token, session.csrf_token);
    let cookie = session_cookie_value(&session_token);
    let mut response = (
        StatusCode::CREATED,
        Json(SessionCreated {
            me: Me::from(&user),
            csrf_token,
        }),
    )
        .into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_str(&cookie).map_err(ApiError::internal)?,
    );
    Ok(response)
}

/// Signs out: ends the session and clears the cookie.
#[utoipa::path(
    delete,
    path = "/api/v1/session",
    tag = "session",
    responses(
        (status = 204, description = "Signed out."),
        (status = 400, description = "Signed in by bearer token: there is no session to end.", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in by cookie.", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing CSRF token.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("session" = []))
)]
pub async fn sign_out(State(state): State<AppState>, caller: Caller) -> Result<Response, ApiError> {
    let Credential::Session { token_digest } = &caller.credential else {
        return Err(ApiError::bad_request(
            "a bearer token is not a session: there is nothing to sign out of",
        ));
    };
    app::sessions::end(&state.app, token_digest).await?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_static(CLEAR_SESSION_COOKIE),
    );
    Ok(response)
}

/// Creates a bearer token acting as the user.
#[utoipa::path(
    post,
    path = "/api/v1/tokens",
    tag = "session",
    request_body = TokenRequest,
    responses(
        (status = 201, description = "The token, shown once.", body = TokenCreated),
        (status = 401, description = "Not signed in, or wrong email or password.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A bad name.", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many failed sign-ins.", body = Problem, content_type = "application/problem+json"),
    ),
    security((), ("bearer" = []), ("session" = []))
)]
pub async fn create_token(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    caller: crate::auth::MaybeCaller,
    ApiJson(request): ApiJson<TokenRequest>,
) -> Result<Response, ApiError> {
    let user = match (&request.email, &request.password, caller.0) {
        (Some(email), Some(password), _) => {
            check_credentials(&state, email, password, &address).await?
        }
        (None, None, Some(caller)) => caller.user,
        (None, None, None) => {
            return Err(ApiError::unauthorized(
                "sign in first, or send email and password with the token's name",
            ));
        }
        _ => {
            return Err(ApiError::invalid(
                "password",
                "email and password go together",
            ));
        }
    };
    let now = state.app.now();
    let (user_ref, name, lifetime) = (&user, request.name.as_str(), request.lifetime_days);
    let issued = state
        .app
        .write(|tx| async move { app::tokens::issue(&tx, now, user_ref, name, lifetime).await })
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(TokenCreated {
            token: issued.secret,
            id: issued.token.id.0,
            name: issued.token.name,
            expires_at: issued.token.expires_at,
            me: Me::from(&user),
        }),
    )
        .into_response())
}

/// The signed-in user's bearer tokens (never the tokens themselves).
#[utoipa::path(
    get,
    path = "/api/v1/tokens",
    tag = "session",
    responses(
        (status = 200, description = "The caller's tokens, oldest first.", body = Vec<TokenBody>),
        (status = 401, description = "Not signed in.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn list_tokens(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<TokenBody>>, ApiError> {
    let (actor, user) = (&caller.actor, caller.user.id);
    let tokens = state
        .app
        .read(|tx| async move { app::tokens::list(&tx, actor, user).await })
        .await?;
    Ok(Json(tokens.into_iter().map(TokenBody::from).collect()))
}

/// Revokes a bearer token: the caller's own, or anyone's for an administrator. It stops
/// working at once.
#[utoipa::path(
    delete,
    path = "/api/v1/tokens/{id}",
    tag = "session",
    params(("id" = i64, Path, description = "The token's id.")),
    responses(
        (status = 200, description = "The token, revoked.", body = TokenBody),
        (status = 401, description = "Not signed in.", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A cookie request without its CSRF token.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such token of the caller's.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn revoke_token(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<TokenBody>, ApiError> {
    let now = state.app.now();
    let actor = &caller.actor;
    let token = state
        .app
        .write(|tx| async move { app::tokens::revoke(&tx, now, actor, TokenId(id)).await })
        .await?;
    Ok(Json(TokenBody::from(token)))
}

/// Who is signed in.
#[utoipa::path(
    get,
    path = "/api/v1/me",
    tag = "session",
    responses(
        (status = 200, description = "The signed-in user.", body = Me),
        (status = 401, description = "Not signed in.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn me(caller: Caller) -> Json<Me> {
    Json(Me::from(&caller.user))
}
