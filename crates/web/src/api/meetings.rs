//! Meetings of the forum: `POST /api/v1/meetings` (an organization's official records one),
//! `POST /api/v1/meetings/{id}/outcomes` (that organization links a commitment made there),
//! and the public report `GET /api/v1/meetings/{id}`: every outcome's progress now.

use app::meetings::{MeetingReport, NewMeetingInput, OutcomeInput, OutcomeProgress};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::auth::Caller;
use crate::error::{ApiError, Problem};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::idempotent;
use crate::pagination::{Page, PageRequest, path_with_filters};

/// A meeting and its outcomes' progress, as the API shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MeetingBody {
    /// Its id.
    pub id: i64,
    /// The organization that recorded it.
    pub organization: String,
    /// Its title.
    pub title: String,
    /// The day it was held.
    pub date: chrono::NaiveDate,
    /// The parties that took part.
    pub parties: Vec<String>,
    /// The commitments made there and where each stands now, in the order linked.
    pub outcomes: Vec<OutcomeProgress>,
    /// Doses promised by its pledges, offers and agreements, each dose once (an agreement
    /// made from an offer or pledge among the outcomes is not counted again).
    pub doses_promised: i64,
    /// Doses delivered against them, each dose once.
    pub doses_delivered: i64,
    /// When it was recorded (UTC).
    pub created_at: String,
    /// When it last changed (UTC).
    pub updated_at: String,
}

impl From<MeetingReport> for MeetingBody {
    fn from(report: MeetingReport) -> Self {
        let (doses_promised, doses_delivered) = report.totals();
        let meeting = report.meeting;
        Self {
            id: meeting.id,
            organization: meeting.organization.into(),
            title: meeting.title,
            date: meeting.date,
            parties: meeting.parties.into_iter().map(String::from).collect(),
            doses_promised,
            doses_delivered,
            outcomes: report.outcomes,
            created_at: meeting.created_at.to_string(),
            updated_at: meeting.updated_at.to_string(),
        }
    }
}

/// Records a meeting of the caller's organization.
#[utoipa::path(
    post,
    path = "/api/v1/meetings",
    tag = "talking and agreeing",
    request_body = NewMeetingInput,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request safe: one effect, the first answer again.")),
    responses(
        (status = 201, description = "The meeting, without outcomes yet.", body = MeetingBody),
        (status = 403, description = "Not an organization's official.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn create_meeting(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    ApiJson(request): ApiJson<NewMeetingInput>,
) -> Result<Response, ApiError> {
    let now = state.app.now();
    let (actor, input) = (&caller.actor, &request);
    idempotent::write(
        &state,
        &caller,
        &headers,
        "POST /api/v1/meetings",
        &request,
        |tx| async move {
            let report = app::meetings::create(&tx, now, actor, input).await?;
            idempotent::answer(StatusCode::CREATED, &MeetingBody::from(report))
        },
    )
    .await
}

/// Links a commitment made at the meeting (an official of the organization that recorded it).
#[utoipa::path(
    post,
    path = "/api/v1/meetings/{id}/outcomes",
    tag = "talking and agreeing",
    request_body = OutcomeInput,
    params(("id" = i64, Path, description = "The meeting's id."), ("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request safe: one effect, the first answer again.")),
    responses(
        (status = 201, description = "The meeting with the outcome linked.", body = MeetingBody),
        (status = 403, description = "Not an official of the meeting's organization.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such meeting.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The commitment is already an outcome of the meeting (`already_exists`).", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn link_outcome(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<OutcomeInput>,
) -> Result<Response, ApiError> {
    let now = state.app.now();
    let (actor, input) = (&caller.actor, &request);
    let route = format!("POST /api/v1/meetings/{id}/outcomes");
    idempotent::write(
        &state,
        &caller,
        &headers,
        &route,
        &request,
        |tx| async move {
            let report = app::meetings::link(&tx, now, actor, id, input).await?;
            idempotent::answer(StatusCode::CREATED, &MeetingBody::from(report))
        },
    )
    .await
}

/// Paging of `GET /api/v1/meetings`.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct MeetingsQuery {
    /// Items per page, 1 to 500; 100 by default.
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<usize>,
    /// The previous page's `Next-Cursor`.
    #[param(min_length = 1)]
    pub cursor: Option<String>,
}

/// Meetings with their outcomes' progress, by id (public).
#[utoipa::path(
    get,
    path = "/api/v1/meetings",
    tag = "talking and agreeing",
    params(MeetingsQuery),
    responses((status = 200, description = "A page of meetings.", body = Vec<MeetingBody>))
)]
pub async fn list_meetings(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<MeetingsQuery>,
) -> Result<Page<MeetingBody>, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor.clone())?;
    let (after, limit) = (page.cursor_id()?, page.fetch_limit());
    let reports = state
        .app
        .read(|tx| async move { app::meetings::list(&tx, after, limit).await })
        .await?;
    let bodies: Vec<MeetingBody> = reports.into_iter().map(MeetingBody::from).collect();
    let path = path_with_filters("/api/v1/meetings", &[])?;
    Ok(page.page_with_owned_keys(bodies, |meeting| meeting.id.to_string(), &path))
}

/// A meeting and where every commitment made there stands now (public): doses promised and
/// delivered, or the partnership's stage.
#[utoipa::path(
    get,
    path = "/api/v1/meetings/{id}",
    tag = "talking and agreeing",
    params(("id" = i64, Path, description = "The meeting's id.")),
    responses(
        (status = 200, description = "The meeting's report.", body = MeetingBody),
        (status = 404, description = "No such meeting.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_meeting(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<MeetingBody>, ApiError> {
    let report = state
        .app
        .read(|tx| async move { app::meetings::report(&tx, id).await })
        .await?;
    Ok(Json(MeetingBody::from(report)))
}
