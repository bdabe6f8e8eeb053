//! What administrators do: create parties and users, disable and enable users. They never
//! edit the ledger.

use app::parties::NewParty;
use app::users::NewUserInput;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use domain::access::UserId;
use serde::Serialize;
use store::accounts::User;
use utoipa::ToSchema;

use crate::AppState;
use crate::auth::Caller;
use crate::error::{ApiError, Problem};
use crate::extract::{ApiJson, ApiPath};
use crate::idempotent;

/// A user as administrators see them.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserBody {
    /// Their id.
    pub id: i64,
    /// Their email.
    pub email: String,
    /// Their party's code.
    pub party: String,
    /// `official`, `viewer` or `admin`.
    pub role: String,
    /// A disabled user cannot sign in; their sessions and tokens stop working.
    pub disabled: bool,
}

impl From<User> for UserBody {
    fn from(user: User) -> Self {
        Self {
            id: user.id.0,
            email: user.email,
            party: user.party.as_str().into(),
            role: user.role.as_str().into(),
            disabled: user.disabled,
        }
    }
}

/// Creates a party (administrators).
#[utoipa::path(
    post,
    path = "/api/v1/parties",
    tag = "parties",
    request_body = NewParty,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request safe: one effect, the first answer again.")),
    responses(
        (status = 201, description = "The party.", body = crate::api::parties::Party),
        (status = 401, description = "Not signed in.", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator, or a cookie request without its CSRF token.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The code is taken.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn create_party(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    ApiJson(request): ApiJson<NewParty>,
) -> Result<Response, ApiError> {
    let now = state.app.now();
    let (actor, input) = (&caller.actor, &request);
    idempotent::write(
        &state,
        &caller,
        &headers,
        "POST /api/v1/parties",
        &request,
        |tx| async move {
            let party = app::parties::create(&tx, now, actor, input).await?;
            idempotent::answer(
                StatusCode::CREATED,
                &crate::api::parties::Party::from(party),
            )
        },
    )
    .await
}

/// Creates a user of a party (administrators).
#[utoipa::path(
    post,
    path = "/api/v1/users",
    tag = "users",
    request_body = NewUserInput,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request safe: one effect, the first answer again.")),
    responses(
        (status = 201, description = "The user.", body = UserBody),
        (status = 401, description = "Not signed in.", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator, or a cookie request without its CSRF token.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The email is taken.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn create_user(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    ApiJson(request): ApiJson<NewUserInput>,
) -> Result<Response, ApiError> {
    // Refused before the password is hashed, so that nobody but an administrator makes the
    // server spend a hash.
    domain::access::may(&caller.actor, &domain::access::Action::CreateUser)
        .map_err(|denied| ApiError::forbidden(denied.to_string()))?;
    let prepared = app::users::prepare(&request).await?;
    let now = state.app.now();
    let (actor, prepared) = (&caller.actor, &prepared);
    idempotent::write(
        &state,
        &caller,
        &headers,
        "POST /api/v1/users",
        &request,
        |tx| async move {
            let user = app::users::create(&tx, now, Some(actor), prepared).await?;
            idempotent::answer(StatusCode::CREATED, &UserBody::from(user))
        },
    )
    .await
}

async fn set_disabled(
    state: &AppState,
    caller: &Caller,
    headers: &HeaderMap,
    id: i64,
    disabled: bool,
) -> Result<Response, ApiError> {
    let now = state.app.now();
    let actor = &caller.actor;
    let action = if disabled { "disable" } else { "enable" };
    let route = format!("POST /api/v1/users/{id}/{action}");
    idempotent::write(state, caller, headers, &route, &(), |tx| async move {
        let user = app::users::set_disabled(&tx, now, actor, UserId(id), disabled).await?;
        idempotent::answer(StatusCode::OK, &UserBody::from(user))
    })
    .await
}

/// Disables a user (administrators): they cannot sign in, and their sessions and tokens
/// stop working at once.
#[utoipa::path(
    post,
    path = "/api/v1/users/{id}/disable",
    tag = "users",
    params(("id" = i64, Path, description = "The user's id."), ("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request safe: one effect, the first answer again.")),
    responses(
        (status = 200, description = "The user, disabled.", body = UserBody),
        (status = 401, description = "Not signed in.", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator, or a cookie request without its CSRF token.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such user.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "An administrator disabling themself.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn disable_user(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, ApiError> {
    set_disabled(&state, &caller, &headers, id, true).await
}

/// Enables a disabled user again (administrators).
#[utoipa::path(
    post,
    path = "/api/v1/users/{id}/enable",
    tag = "users",
    params(("id" = i64, Path, description = "The user's id."), ("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request safe: one effect, the first answer again.")),
    responses(
        (status = 200, description = "The user, enabled.", body = UserBody),
        (status = 401, description = "Not signed in.", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator, or a cookie request without its CSRF token.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such user.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn enable_user(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, ApiError> {
    set_disabled(&state, &caller, &headers, id, false).await
}
