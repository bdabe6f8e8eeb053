//! Webhooks: `POST /api/v1/webhooks` (a party's official; the secret is in this answer
//! only), the party's list, one webhook, `DELETE` (deliveries stop), and
//! `GET /api/v1/webhooks/{id}/deliveries` (the outbox rows with their attempts). Only the
//! webhook's party reads it; to anyone else it does not exist. Deliveries are made by
//! [`crate::delivery`].

use app::webhooks::NewWebhookInput;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::Serialize;
use store::webhooks::{Attempt, Delivery, Webhook};
use utoipa::ToSchema;

use crate::AppState;
use crate::auth::Caller;
use crate::error::{ApiError, Problem};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::idempotent;
use crate::pagination::{Page, PageQuery, PageRequest};

/// A webhook as the API shows it (never with its secret, but in the answer that made it).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WebhookBody {
    /// Its id.
    pub id: i64,
    /// The party whose events it receives.
    pub party: String,
    /// Where deliveries are posted.
    pub url: String,
    /// The events it receives.
    pub events: Vec<String>,
    /// The user who registered it.
    pub created_by: i64,
    /// When (UTC).
    pub created_at: String,
    /// When it was deleted (UTC); deliveries stopped then.
    pub deleted_at: Option<String>,
}

impl From<Webhook> for WebhookBody {
    fn from(webhook: Webhook) -> Self {
        Self {
            id: webhook.id,
            party: webhook.party.into(),
            url: webhook.url,
            events: webhook
                .events
                .iter()
                .map(|event| event.as_str().to_owned())
                .collect(),
            created_by: webhook.created_by.0,
            created_at: webhook.created_at.to_string(),
            deleted_at: webhook.deleted_at.map(|at| at.to_string()),
        }
    }
}

/// A webhook just registered, with the secret its deliveries are signed with: shown in this
/// answer only.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CreatedWebhookBody {
    /// The webhook.
    #[serde(flatten)]
    pub webhook: WebhookBody,
    /// The key of `Equidose-Signature: sha256=<hex HMAC-SHA256 of the body>`; keep it, it is
    /// not shown again.
    pub secret: String,
}

/// One attempt at a delivery.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AttemptBody {
    /// 1 for the first.
    pub number: i64,
    /// When it started (UTC).
    pub at: String,
    /// The HTTP status answered, or null when none came.
    pub status: Option<i64>,
    /// Why it failed, when no answer came (a timeout, a refused connection, a refused address).
    pub error: Option<String>,
    /// How long it took, in milliseconds.
    pub duration_ms: i64,
}

impl From<Attempt> for AttemptBody {
    fn from(attempt: Attempt) -> Self {
        Self {
            number: attempt.number,
            at: attempt.at.to_string(),
            status: attempt.status,
            error: attempt.error,
            duration_ms: attempt.duration_ms,
        }
    }
}

/// One event to deliver to a webhook, and how its delivery went.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DeliveryBody {
    /// The delivery's id.
    pub id: i64,
    /// The event's id: the payload's `id`, the same on every attempt.
    pub event_id: i64,
    /// The event's name: the payload's `event`.
    pub event: String,
    /// `pending`, `delivered` or `cancelled` (the webhook was deleted first).
    pub state: String,
    /// How many attempts were made.
    pub attempts: usize,
    /// The HTTP status of the last attempt, if it got one.
    pub last_status: Option<i64>,
    /// When the next attempt is due (UTC), while pending.
    pub next_attempt_at: Option<String>,
    /// When the event happened (UTC).
    pub created_at: String,
    /// When a 2xx answer came (UTC).
    pub delivered_at: Option<String>,
    /// Every attempt, first first.
    pub attempt_log: Vec<AttemptBody>,
}

impl From<Delivery> for DeliveryBody {
    fn from(delivery: Delivery) -> Self {
        let pending = delivery.state == store::webhooks::DeliveryState::Pending;
        Self {
            id: delivery.id,
            event_id: delivery.event,
            event: delivery.action.as_str().into(),
            state: delivery.state.as_str().into(),
            attempts: delivery.attempts.len(),
            last_status: delivery.attempts.last().and_then(|attempt| attempt.status),
            next_attempt_at: pending.then(|| delivery.next_attempt_at.to_string()),
            created_at: delivery.created_at.to_string(),
            delivered_at: delivery.delivered_at.map(|at| at.to_string()),
            attempt_log: delivery
                .attempts
                .into_iter()
                .map(AttemptBody::from)
                .collect(),
        }
    }
}

/// Registers a webhook for the caller's party's events.
#[utoipa::path(
    post,
    path = "/api/v1/webhooks",
    tag = "webhooks",
    request_body = NewWebhookInput,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request safe: one effect, the first answer again.")),
    responses(
        (status = 201, description = "The webhook and its secret (shown this once).", body = CreatedWebhookBody),
        (status = 401, description = "Not signed in.", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an official.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A `url` that is not http(s), carries credentials, is too long or names a refused address (loopback, private, link-local: unless the server runs with `--webhooks-allow-private`); unknown `events`.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn create_webhook(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    ApiJson(request): ApiJson<NewWebhookInput>,
) -> Result<Response, ApiError> {
    let now = state.app.now();
    let allow_private = state.webhooks_allow_private;
    let (actor, input) = (&caller.actor, &request);
    idempotent::write(
        &state,
        &caller,
        &headers,
        "POST /api/v1/webhooks",
        &request,
        |tx| async move {
            let created = app::webhooks::create(&tx, now, actor, input, allow_private).await?;
            idempotent::answer(
                StatusCode::CREATED,
                &CreatedWebhookBody {
                    webhook: WebhookBody::from(created.webhook),
                    secret: created.secret,
                },
            )
        },
    )
    .await
}

/// The caller's party's webhooks, by id.
#[utoipa::path(
    get,
    path = "/api/v1/webhooks",
    tag = "webhooks",
    params(PageQuery),
    responses(
        (status = 200, description = "A page of the party's webhooks.", body = Vec<WebhookBody>),
        (status = 401, description = "Not signed in.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn list_webhooks(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> Result<Page<WebhookBody>, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor.clone())?;
    let (actor, after, limit) = (&caller.actor, page.cursor_id()?, page.fetch_limit());
    let webhooks = state
        .app
        .read(|tx| async move { app::webhooks::list(&tx, actor, after, limit).await })
        .await?;
    let items: Vec<WebhookBody> = webhooks.into_iter().map(WebhookBody::from).collect();
    Ok(page.page_with_owned_keys(items, |item| item.id.to_string(), "/api/v1/webhooks"))
}

/// One webhook of the caller's party.
#[utoipa::path(
    get,
    path = "/api/v1/webhooks/{id}",
    tag = "webhooks",
    params(("id" = i64, Path, description = "The webhook's id.")),
    responses(
        (status = 200, description = "The webhook.", body = WebhookBody),
        (status = 401, description = "Not signed in.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such webhook of the caller's party.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn get_webhook(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<WebhookBody>, ApiError> {
    let actor = &caller.actor;
    let webhook = state
        .app
        .read(|tx| async move { app::webhooks::found(&tx, actor, id).await })
        .await?;
    Ok(Json(WebhookBody::from(webhook)))
}

/// Deletes a webhook of the caller's party: its pending deliveries are cancelled.
#[utoipa::path(
    delete,
    path = "/api/v1/webhooks/{id}",
    tag = "webhooks",
    params(("id" = i64, Path, description = "The webhook's id.")),
    responses(
        (status = 200, description = "The webhook, deleted.", body = WebhookBody),
        (status = 401, description = "Not signed in.", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an official, or a cookie request without its CSRF token.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such webhook of the caller's party.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn delete_webhook(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<WebhookBody>, ApiError> {
    let now = state.app.now();
    let actor = &caller.actor;
    let webhook = state
        .app
        .write(|tx| async move { app::webhooks::delete(&tx, now, actor, id).await })
        .await?;
    Ok(Json(WebhookBody::from(webhook)))
}

/// A webhook's deliveries, oldest first: each event's state, attempts and answers.
#[utoipa::path(
    get,
    path = "/api/v1/webhooks/{id}/deliveries",
    tag = "webhooks",
    params(("id" = i64, Path, description = "The webhook's id."), PageQuery),
    responses(
        (status = 200, description = "A page of deliveries, by id.", body = Vec<DeliveryBody>),
        (status = 401, description = "Not signed in.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such webhook of the caller's party.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn list_deliveries(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> Result<Page<DeliveryBody>, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor.clone())?;
    let (actor, after, limit) = (&caller.actor, page.cursor_id()?, page.fetch_limit());
    let deliveries = state
        .app
        .read(|tx| async move { app::webhooks::deliveries(&tx, actor, id, after, limit).await })
        .await?;
    let items: Vec<DeliveryBody> = deliveries.into_iter().map(DeliveryBody::from).collect();
    let path = format!("/api/v1/webhooks/{id}/deliveries");
    Ok(page.page_with_owned_keys(items, |item| item.id.to_string(), &path))
}
