//! `GET /api/v1/notifications` and `POST /api/v1/notifications/read`: each user's own
//! notifications of the events that concern their party.

use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use store::notifications::Notification;
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::api::audit::ObjectBody;
use crate::auth::Caller;
use crate::error::{ApiError, Problem};
use crate::extract::{ApiJson, ApiQuery};
use crate::pagination::{Page, PageRequest};

/// One notification.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NotificationBody {
    /// Its id.
    pub id: i64,
    /// What happened: `round.published`, `round.response`, `round.closed`,
    /// `shipment.dispatched`, `shipment.delivered` or `expiry.proposed`.
    #[schema(example = "round.published")]
    pub event: String,
    /// To what.
    pub object: ObjectBody,
    /// In a sentence.
    pub summary: String,
    /// When (UTC, RFC 3339 with milliseconds).
    pub created_at: String,
    /// Whether it has been marked read.
    pub read: bool,
}

impl From<Notification> for NotificationBody {
    fn from(notification: Notification) -> Self {
        Self {
            id: notification.id,
            event: notification.action.as_str().into(),
            object: ObjectBody {
                kind: notification.object.kind.as_str().into(),
                id: notification.object.id,
            },
            summary: notification.summary,
            created_at: notification.created_at.to_string(),
            read: notification.read,
        }
    }
}

/// Filters of `GET /api/v1/notifications`.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct NotificationQuery {
    /// `true`: only those not marked read.
    pub unread: Option<bool>,
    /// Items per page, 1 to 500; 100 by default.
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<usize>,
    /// The previous page's `Next-Cursor`.
    #[param(min_length = 1)]
    pub cursor: Option<String>,
}

/// The caller's notifications, oldest first.
#[utoipa::path(
    get,
    path = "/api/v1/notifications",
    tag = "notifications",
    params(NotificationQuery),
    responses(
        (status = 200, description = "A page of the caller's notifications, oldest first.", body = Vec<NotificationBody>),
        (status = 401, description = "Not signed in.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn list_notifications(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<NotificationQuery>,
) -> Result<Page<NotificationBody>, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor.clone())?;
    let (actor, unread, after, limit) = (
        &caller.actor,
        query.unread.unwrap_or(false),
        page.cursor_id()?,
        page.fetch_limit(),
    );
    let notifications = state
        .app
        .read(|tx| async move { app::notifications::list(&tx, actor, unread, after, limit).await })
        .await?;
    let items: Vec<NotificationBody> = notifications
        .into_iter()
        .map(NotificationBody::from)
        .collect();
    let path = crate::pagination::path_with_filters(
        "/api/v1/notifications",
        &[("unread", query.unread.map(|unread| unread.to_string()))],
    )?;
    Ok(page.page_with_owned_keys(items, |item| item.id.to_string(), &path))
}

/// Which notifications to mark read.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MarkReadInput {
    /// The ids, at most 1,000; ids of notifications that are not the caller's change nothing.
    pub ids: Vec<i64>,
}

/// How many were marked.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MarkedBody {
    /// Notifications that were unread and now are read.
    pub marked: u64,
    /// The caller's notifications still unread.
    pub unread: i64,
}

/// Marks some of the caller's notifications read (repeating it changes nothing more).
#[utoipa::path(
    post,
    path = "/api/v1/notifications/read",
    tag = "notifications",
    request_body = MarkReadInput,
    responses(
        (status = 200, description = "How many were marked, and how many are still unread.", body = MarkedBody),
        (status = 401, description = "Not signed in.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn mark_notifications_read(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(request): ApiJson<MarkReadInput>,
) -> Result<Json<MarkedBody>, ApiError> {
    let (now, actor, ids) = (state.app.now(), &caller.actor, &request.ids);
    let body = state
        .app
        .write(|tx| async move {
            let marked = app::notifications::mark_read(&tx, now, actor, ids).await?;
            let unread = tx.unread_notifications(actor.user).await?;
            Ok::<_, app::AppError>(MarkedBody { marked, unread })
        })
        .await?;
    Ok(Json(body))
}
