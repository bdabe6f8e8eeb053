//! Signing in and out, API tokens, and `GET /api/v1/me`.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use store::accounts::User;
use utoipa::ToSchema;

use crate::AppState;
use crate::auth::{Caller, ClientAddress, Credential, SESSION_COOKIE, SESSION_DURATION};
use crate::error::{ApiError, Problem};
use crate::extract::ApiJson;
use crate::secrets::{decoy_hash, random_token, token_digest, verify_password};

/// Email and password.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignIn {
    #[schema(example = "official@eth.example")]
    pub email: String,
    pub password: String,
}

/// Who is signed in.
#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
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
    #[serde(flatten)]
    pub me: Me,
    /// Send it in `X-CSRF-Token` with every request that changes something.
    pub csrf_token: String,
}

/// A token to create: for a signed-in user `{name}`; for a program `{email, password, name}`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
    #[schema(example = "ministry-erp")]
    pub name: String,
    pub email: Option<String>,
    pub password: Option<String>,
}

/// A new bearer token; it is shown once and stored only as a digest.
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenCreated {
    pub token: String,
    pub name: String,
    #[serde(flatten)]
    pub me: Me,
}

/// Checks a password sign-in, throttled per account and per address.
async fn check_credentials(
    state: &AppState,
    email: &str,
    password: &str,
    address: &str,
) -> Result<User, ApiError> {
    let email = email.trim().to_lowercase();
    state.throttle.check(&email, address)?;
    let found = state.store.user_by_email(&email).await?;
    // Hash even when the email is unknown, so timing does not tell which emails exist.
    let (user, hash) = match &found {
        Some((user, hash)) => (Some(user), hash.as_str()),
        None => (None, decoy_hash()),
    };
    let password = password.to_owned();
    let hash = hash.to_owned();
    let matches = tokio::task::spawn_blocking(move || verify_password(&password, &hash))
        .await
        .map_err(ApiError::internal)?;
    match user {
        Some(user) if matches && !user.disabled => {
            state.throttle.record_success(&email);
            Ok(user.clone())
        }
        _ => {
            state.throttle.record_failure(&email, address);
            Err(ApiError::unauthorized(
                "the email or the password is wrong, or the user is disabled",
            ))
        }
    }
}

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
    // A new token at every sign-in: a session token seen before sign-in is worth nothing after.
    let session_token = random_token("session").map_err(ApiError::internal)?;
    let csrf_token = random_token("csrf").map_err(ApiError::internal)?;
    let expires_at = (Utc::now() + SESSION_DURATION).to_rfc3339();
    state
        .store
        .create_session(
            &token_digest(&session_token),
            user.id,
            &csrf_token,
            &expires_at,
        )
        .await?;
    let cookie = format!(
        "{SESSION_COOKIE}={session_token}; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age={}",
        SESSION_DURATION.num_seconds()
    );
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
    state.store.delete_session(token_digest).await?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_static(
            "equidose_session=; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=0",
        ),
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
    domain::party::check_name(&request.name)
        .map_err(|message| ApiError::invalid("name", message))?;
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
    let token = random_token("eqd").map_err(ApiError::internal)?;
    state
        .store
        .create_api_token(&token_digest(&token), user.id, request.name.trim())
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(TokenCreated {
            token,
            name: request.name.trim().into(),
            me: Me::from(&user),
        }),
    )
        .into_response())
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
