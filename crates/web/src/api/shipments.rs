//! Shipments: `POST /api/v1/shipments` (the holder's official plans one, reserving its
//! doses), `dispatch` and `cancel` (the holder), `confirm` (the recipient); the two parties
//! and organizations read them. Every action's answer lists the ledger movements it made.

use app::shipments::{NewShipmentInput, ShipmentChange, ShipmentQuery};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use domain::cooperation::shipment::{ShipmentAction, ShipmentState};
use domain::ledger::PartyCode;
use serde::{Deserialize, Serialize};
use store::cooperation::Shipment;
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::api::movements::JournalEntry;
use crate::auth::Caller;
use crate::error::{ApiError, Problem};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::idempotent;
use crate::pagination::{Page, PageRequest, path_with_filters};

/// A shipment as the API shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ShipmentBody {
    /// Its id.
    pub id: i64,
    /// The lot's id.
    pub lot: i64,
    /// The holder the doses leave.
    pub from: String,
    /// The recipient.
    pub to: String,
    /// How many doses.
    pub doses: i64,
    /// `planned`, `in_transit`, `delivered` or `cancelled`.
    pub state: String,
    /// The pledge it fulfils.
    pub pledge: Option<i64>,
    /// The request it serves.
    pub request: Option<i64>,
    /// The agreement it fulfils.
    pub agreement: Option<i64>,
    /// The round it comes from.
    pub round: Option<i64>,
    /// The ids of every ledger movement it made, oldest first.
    pub movement_ids: Vec<i64>,
    /// When it was planned (UTC).
    pub created_at: String,
    /// When it last changed (UTC).
    pub updated_at: String,
}

impl From<Shipment> for ShipmentBody {
    fn from(shipment: Shipment) -> Self {
        Self {
            id: shipment.id,
            lot: shipment.lot.0,
            from: shipment.from.into(),
            to: shipment.to.into(),
            doses: shipment.doses,
            state: shipment.state.as_str().into(),
            pledge: shipment.pledge,
            request: shipment.request,
            agreement: shipment.agreement,
            round: shipment.round,
            movement_ids: shipment.movements,
            created_at: shipment.created_at.to_string(),
            updated_at: shipment.updated_at.to_string(),
        }
    }
}

/// A shipment and the movements the action made.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ShipmentChangeBody {
    /// The shipment after the action.
    #[serde(flatten)]
    pub shipment: ShipmentBody,
    /// The journal entries this action made.
    pub movements: Vec<JournalEntry>,
}

impl From<ShipmentChange> for ShipmentChangeBody {
    fn from(change: ShipmentChange) -> Self {
        Self {
            shipment: ShipmentBody::from(change.shipment),
            movements: change
                .movements
                .into_iter()
                .map(JournalEntry::from)
                .collect(),
        }
    }
}

/// Plans a shipment of the caller's doses: they are reserved.
#[utoipa::path(
    post,
    path = "/api/v1/shipments",
    tag = "dose path",
    request_body = NewShipmentInput,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request safe: one effect, the first answer again.")),
    responses(
        (status = 201, description = "The shipment, planned, with its `reserve` movement.", body = ShipmentChangeBody),
        (status = 403, description = "Not an official.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such lot that the caller can see.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The caller holds too few available doses of the lot.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn create_shipment(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    ApiJson(request): ApiJson<NewShipmentInput>,
) -> Result<Response, ApiError> {
    let now = state.app.now();
    let (actor, input) = (&caller.actor, &request);
    idempotent::write(
        &state,
        &caller,
        &headers,
        "POST /api/v1/shipments",
        &request,
        |tx| async move {
            let change = app::shipments::plan(&tx, now, actor, input).await?;
            idempotent::answer(StatusCode::CREATED, &ShipmentChangeBody::from(change))
        },
    )
    .await
}

async fn act(
    state: &AppState,
    caller: &Caller,
    headers: &HeaderMap,
    id: i64,
    action: ShipmentAction,
) -> Result<Response, ApiError> {
    let now = state.app.now();
    let actor = &caller.actor;
    let route = format!("POST /api/v1/shipments/{id}/{action}");
    idempotent::write(state, caller, headers, &route, &(), |tx| async move {
        let change = app::shipments::act(&tx, now, actor, id, action).await?;
        idempotent::answer(StatusCode::OK, &ShipmentChangeBody::from(change))
    })
    .await
}

/// Dispatches a planned shipment (the holder's official): `ship` moves its doses in transit.
#[utoipa::path(
    post,
    path = "/api/v1/shipments/{id}/dispatch",
    tag = "dose path",
    params(("id" = i64, Path, description = "The shipment's id."), ("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request safe: one effect, the first answer again.")),
    responses(
        (status = 200, description = "The shipment, in transit, with its `ship` movement.", body = ShipmentChangeBody),
        (status = 403, description = "Not an official of the holder.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such shipment that the caller can see.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The shipment is not planned (`invalid_state`).", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The lot has expired (`lot_expired`).", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn dispatch_shipment(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, ApiError> {
    act(&state, &caller, &headers, id, ShipmentAction::Dispatch).await
}

/// Confirms a shipment in transit (the recipient's official): `receive` puts its doses in
/// the recipient's stock.
#[utoipa::path(
    post,
    path = "/api/v1/shipments/{id}/confirm",
    tag = "dose path",
    params(("id" = i64, Path, description = "The shipment's id."), ("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request safe: one effect, the first answer again.")),
    responses(
        (status = 200, description = "The shipment, delivered, with its `receive` movement.", body = ShipmentChangeBody),
        (status = 403, description = "Not an official of the recipient.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such shipment that the caller can see.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The shipment is not in transit (`invalid_state`).", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The lot has expired (`lot_expired`).", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn confirm_shipment(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, ApiError> {
    act(&state, &caller, &headers, id, ShipmentAction::Confirm).await
}

/// Cancels a planned shipment (the holder's official): `unreserve` makes its doses available.
#[utoipa::path(
    post,
    path = "/api/v1/shipments/{id}/cancel",
    tag = "dose path",
    params(("id" = i64, Path, description = "The shipment's id."), ("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request safe: one effect, the first answer again.")),
    responses(
        (status = 200, description = "The shipment, cancelled, with its `unreserve` movement.", body = ShipmentChangeBody),
        (status = 403, description = "Not an official of the holder.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such shipment that the caller can see.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The shipment is not planned (`invalid_state`), or its reserved doses expired.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The lot has expired (`lot_expired`).", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn cancel_shipment(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, ApiError> {
    act(&state, &caller, &headers, id, ShipmentAction::Cancel).await
}

/// Filters of `GET /api/v1/shipments`.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ShipmentsQuery {
    /// `planned`, `in_transit`, `delivered` or `cancelled`.
    pub state: Option<String>,
    /// The holder's party code.
    pub from: Option<String>,
    /// The recipient's party code.
    pub to: Option<String>,
    /// A pledge's id.
    pub pledge: Option<i64>,
    /// An agreement's id.
    pub agreement: Option<i64>,
    /// A round's id.
    pub round: Option<i64>,
    /// Items per page, 1 to 500; 100 by default.
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<usize>,
    /// The previous page's `Next-Cursor`.
    #[param(min_length = 1)]
    pub cursor: Option<String>,
}

/// The shipments the caller may read (its own, either side; all for organizations), by id.
#[utoipa::path(
    get,
    path = "/api/v1/shipments",
    tag = "dose path",
    params(ShipmentsQuery),
    responses((status = 200, description = "A page of shipments.", body = Vec<ShipmentBody>)),
    security(("bearer" = []), ("session" = []))
)]
pub async fn list_shipments(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<ShipmentsQuery>,
) -> Result<Page<ShipmentBody>, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor.clone())?;
    let party = |field: &str, value: Option<&str>| {
        value
            .map(PartyCode::parse)
            .transpose()
            .map_err(|error| ApiError::invalid(field, error.to_string()))
    };
    let shipment_query = ShipmentQuery {
        state: query
            .state
            .as_deref()
            .map(ShipmentState::parse)
            .transpose()
            .map_err(|message| ApiError::invalid("state", message))?,
        from: party("from", query.from.as_deref())?,
        to: party("to", query.to.as_deref())?,
        pledge: query.pledge,
        agreement: query.agreement,
        round: query.round,
        after: page.cursor_id()?,
        limit: page.fetch_limit(),
    };
    let (actor, shipment_query) = (&caller.actor, &shipment_query);
    let shipments = state
        .app
        .read(|tx| async move { app::shipments::list(&tx, actor, shipment_query).await })
        .await?;
    let bodies: Vec<ShipmentBody> = shipments.into_iter().map(ShipmentBody::from).collect();
    let path = path_with_filters(
        "/api/v1/shipments",
        &[
            ("state", query.state.clone()),
            ("from", query.from.clone()),
            ("to", query.to.clone()),
            ("pledge", query.pledge.map(|id| id.to_string())),
            ("agreement", query.agreement.map(|id| id.to_string())),
            ("round", query.round.map(|id| id.to_string())),
        ],
    )?;
    Ok(page.page_with_owned_keys(bodies, |shipment| shipment.id.to_string(), &path))
}

/// One shipment, with the ids of its movements.
#[utoipa::path(
    get,
    path = "/api/v1/shipments/{id}",
    tag = "dose path",
    params(("id" = i64, Path, description = "The shipment's id.")),
    responses(
        (status = 200, description = "The shipment.", body = ShipmentBody),
        (status = 404, description = "No such shipment that the caller can see.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn get_shipment(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<ShipmentBody>, ApiError> {
    let actor = &caller.actor;
    let shipment = state
        .app
        .read(|tx| async move { app::shipments::view(&tx, actor, id).await })
        .await?;
    Ok(Json(ShipmentBody::from(shipment)))
}
