//! Requests for doses: `POST /api/v1/requests` (a country's official), the list and one
//! request (the country and organizations), and `withdraw`.

use app::requests::{NewRequestInput, RequestQuery};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use domain::cooperation::request::RequestState;
use domain::ledger::PartyCode;
use serde::{Deserialize, Serialize};
use store::cooperation::Request;
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::auth::Caller;
use crate::error::{ApiError, Problem};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::idempotent;
use crate::pagination::{Page, PageRequest, path_with_filters};

/// A request as the API shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RequestBody {
    /// Its id.
    pub id: i64,
    /// The requesting country.
    pub country: String,
    /// `open`, `withdrawn` or `fulfilled`.
    pub state: String,
    /// Doses asked for.
    pub doses: i64,
    /// Doses of shipments linked to it that are planned, in transit or delivered.
    pub doses_allocated: i64,
    /// Doses of its delivered shipments.
    pub doses_delivered: i64,
    /// The day they are needed by.
    pub needed_by: chrono::NaiveDate,
    /// The products it accepts; null for any.
    pub products: Option<Vec<String>>,
    /// The shelf life a lot must have left on arrival, in days.
    pub min_shelf_life_days: Option<i64>,
    /// Doses the country can administer per day.
    pub absorption_per_day: Option<i64>,
    /// Days from a round's date to the doses' arrival.
    pub lead_time_days: Option<i64>,
    /// Doses per 100 people the country aims at.
    #[schema(value_type = Option<f64>)]
    pub target_per_100: Option<serde_json::Number>,
    /// A note.
    pub note: Option<String>,
    /// When it was made (UTC).
    #[schema(value_type = String)]
    pub created_at: String,
    /// When it last changed (UTC).
    #[schema(value_type = String)]
    pub updated_at: String,
}

impl From<Request> for RequestBody {
    fn from(request: Request) -> Self {
        Self {
            id: request.id,
            country: request.country.into(),
            state: request.state.as_str().into(),
            doses: request.doses,
            doses_allocated: request.doses_allocated,
            doses_delivered: request.doses_delivered,
            needed_by: request.needed_by,
            products: request
                .products
                .map(|codes| codes.into_iter().map(String::from).collect()),
            min_shelf_life_days: request.min_shelf_life_days,
            absorption_per_day: request.absorption_per_day,
            lead_time_days: request.lead_time_days,
            target_per_100: request.target_per_100.and_then(|text| text.parse().ok()),
            note: request.note,
            created_at: request.created_at.to_string(),
            updated_at: request.updated_at.to_string(),
        }
    }
}

/// Records a request of the caller's country.
#[utoipa::path(
    post,
    path = "/api/v1/requests",
    tag = "dose path",
    request_body = NewRequestInput,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request safe: one effect, the first answer again.")),
    responses(
        (status = 201, description = "The request, open.", body = RequestBody),
        (status = 403, description = "Not a country's official.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn create_request(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    ApiJson(request): ApiJson<NewRequestInput>,
) -> Result<Response, ApiError> {
    let now = state.app.now();
    let (actor, input) = (&caller.actor, &request);
    idempotent::write(
        &state,
        &caller,
        &headers,
        "POST /api/v1/requests",
        &request,
        |tx| async move {
            let created = app::requests::create(&tx, now, actor, input).await?;
            idempotent::answer(StatusCode::CREATED, &RequestBody::from(created))
        },
    )
    .await
}

/// Filters of `GET /api/v1/requests`.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct RequestsQuery {
    /// `open`, `withdrawn` or `fulfilled`.
    pub state: Option<String>,
    /// A country's code.
    pub country: Option<String>,
    /// Items per page, 1 to 500; 100 by default.
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<usize>,
    /// The previous page's `Next-Cursor`.
    #[param(min_length = 1)]
    pub cursor: Option<String>,
}

/// The requests the caller may read (its country's; all for organizations), by id.
#[utoipa::path(
    get,
    path = "/api/v1/requests",
    tag = "dose path",
    params(RequestsQuery),
    responses((status = 200, description = "A page of requests.", body = Vec<RequestBody>)),
    security(("bearer" = []), ("session" = []))
)]
pub async fn list_requests(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<RequestsQuery>,
) -> Result<Page<RequestBody>, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor.clone())?;
    let request_query = RequestQuery {
        state: query
            .state
            .as_deref()
            .map(RequestState::parse)
            .transpose()
            .map_err(|message| ApiError::invalid("state", message))?,
        country: query
            .country
            .as_deref()
            .map(PartyCode::parse)
            .transpose()
            .map_err(|error| ApiError::invalid("country", error.to_string()))?,
        after: page.cursor_id()?,
        limit: page.fetch_limit(),
    };
    let (actor, request_query) = (&caller.actor, &request_query);
    let requests = state
        .app
        .read(|tx| async move { app::requests::list(&tx, actor, request_query).await })
        .await?;
    let bodies: Vec<RequestBody> = requests.into_iter().map(RequestBody::from).collect();
    let path = path_with_filters(
        "/api/v1/requests",
        &[
            ("state", query.state.clone()),
            ("country", query.country.clone()),
        ],
    )?;
    Ok(page.page_with_owned_keys(bodies, |request| request.id.to_string(), &path))
}

/// One request.
#[utoipa::path(
    get,
    path = "/api/v1/requests/{id}",
    tag = "dose path",
    params(("id" = i64, Path, description = "The request's id.")),
    responses(
        (status = 200, description = "The request.", body = RequestBody),
        (status = 404, description = "No such request that the caller can see.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn get_request(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<RequestBody>, ApiError> {
    let actor = &caller.actor;
    let request = state
        .app
        .read(|tx| async move { app::requests::view(&tx, actor, id).await })
        .await?;
    Ok(Json(RequestBody::from(request)))
}

/// Withdraws an open request (its country's official).
#[utoipa::path(
    post,
    path = "/api/v1/requests/{id}/withdraw",
    tag = "dose path",
    params(("id" = i64, Path, description = "The request's id."), ("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request safe: one effect, the first answer again.")),
    responses(
        (status = 200, description = "The request, withdrawn.", body = RequestBody),
        (status = 403, description = "Not an official of the requesting country.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such request that the caller can see.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The request is not open (`invalid_state`).", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn withdraw_request(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, ApiError> {
    let now = state.app.now();
    let actor = &caller.actor;
    let route = format!("POST /api/v1/requests/{id}/withdraw");
    idempotent::write(&state, &caller, &headers, &route, &(), |tx| async move {
        let request = app::requests::withdraw(&tx, now, actor, id).await?;
        idempotent::answer(StatusCode::OK, &RequestBody::from(request))
    })
    .await
}
