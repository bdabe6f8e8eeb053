//! `GET /api/v1/audit`: the audit trail, as the caller may read it.

use app::audit::AuditQuery;
use axum::extract::State;
use domain::audit::ObjectKind;
use serde::{Deserialize, Serialize};
use store::audit::AuditEvent;
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::auth::Caller;
use crate::error::{ApiError, Problem};
use crate::extract::ApiQuery;
use crate::pagination::{Page, PageRequest};

/// Who acted: the user and their party; both null for the system (or an anonymous caller,
/// as for a failed sign-in).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ActorBody {
    /// The user's id.
    pub user: Option<i64>,
    /// Their party's code.
    pub party: Option<String>,
}

/// The object an event is about.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ObjectBody {
    /// `lot`, `product`, `movement`, `party`, `user` or `token`.
    pub kind: String,
    /// Its id (a party's or a product's code).
    pub id: String,
}

/// One event of the trail.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EventBody {
    /// Its place in the trail.
    pub id: i64,
    /// When it happened (UTC, RFC 3339 with milliseconds).
    pub at: String,
    /// Who did it.
    pub actor: ActorBody,
    /// What happened: `lot.registered`, `movement.recorded`, `token.revoked`, …
    pub action: String,
    /// To what.
    pub object: ObjectBody,
    /// The facts recorded with it.
    #[schema(value_type = Object)]
    pub detail: serde_json::Value,
}

impl TryFrom<AuditEvent> for EventBody {
    type Error = ApiError;
    fn try_from(event: AuditEvent) -> Result<Self, ApiError> {
        Ok(Self {
            id: event.id,
            at: event.at.to_string(),
            actor: ActorBody {
                user: event.actor_user.map(|user| user.0),
                party: event.actor_party.map(String::from),
            },
            action: event.action.as_str().into(),
            object: ObjectBody {
                kind: event.object.kind.as_str().into(),
                id: event.object.id,
            },
            detail: serde_json::from_str(&event.detail).map_err(ApiError::internal)?,
        })
    }
}

/// Filters of `GET /api/v1/audit`.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AuditQueryParams {
    /// The kind of object: `lot`, `product`, `movement`, `party`, `user` or `token`.
    pub kind: Option<String>,
    /// The object's id (with `kind`).
    pub id: Option<String>,
    /// Items per page, 1 to 500; 100 by default.
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<usize>,
    /// The previous page's `Next-Cursor`.
    #[param(min_length = 1)]
    pub cursor: Option<String>,
}

/// The audit trail, oldest first: the events that concern the caller's party (all of them
/// for organizations).
#[utoipa::path(
    get,
    path = "/api/v1/audit",
    tag = "audit",
    params(AuditQueryParams),
    responses(
        (status = 200, description = "A page of events, oldest first.", body = Vec<EventBody>),
        (status = 401, description = "Not signed in.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A bad filter or cursor.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn list_events(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<AuditQueryParams>,
) -> Result<Page<EventBody>, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor.clone())?;
    let kind = query
        .kind
        .as_deref()
        .map(ObjectKind::parse)
        .transpose()
        .map_err(|message| ApiError::invalid("kind", message))?;
    let audit_query = AuditQuery {
        kind,
        id: query.id.clone(),
        after: page.cursor_id()?,
        limit: page.fetch_limit(),
    };
    let (actor, audit_query) = (&caller.actor, &audit_query);
    let events = state
        .app
        .read(|tx| async move { app::audit::list(&tx, actor, audit_query).await })
        .await?;
    let events = events
        .into_iter()
        .map(EventBody::try_from)
        .collect::<Result<Vec<_>, _>>()?;
    let path = crate::pagination::path_with_filters(
        "/api/v1/audit",
        &[("kind", query.kind.clone()), ("id", query.id.clone())],
    )?;
    Ok(page.page_with_owned_keys(events, |event| event.id.to_string(), &path))
}
