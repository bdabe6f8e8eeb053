//! Capacity: `POST /api/v1/capacity` (a manufacturer's official states a month's capacity of
//! one of its products; a later entry for the same product and month replaces it) and
//! `GET /api/v1/capacity?manufacturer=&product=` (public: the forum's supply to come).

use app::capacity::CapacityInput;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use domain::ledger::PartyCode;
use domain::party::ProductCode;
use serde::{Deserialize, Serialize};
use store::agreements::Capacity;
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::auth::Caller;
use crate::error::{ApiError, Problem};
use crate::extract::{ApiJson, ApiQuery};
use crate::idempotent;
use crate::pagination::{Page, PageRequest, path_with_filters};

/// A month's capacity of a product, as the API shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CapacityBody {
    /// Its id (kept when a later entry replaces the doses).
    pub id: i64,
    /// The manufacturer.
    pub manufacturer: String,
    /// The product.
    pub product: String,
    /// The month, `YYYY-MM`.
    pub month: String,
    /// Doses it can make that month.
    pub doses: i64,
    /// When first stated (UTC).
    pub created_at: String,
    /// When last stated (UTC).
    pub updated_at: String,
}

impl From<Capacity> for CapacityBody {
    fn from(capacity: Capacity) -> Self {
        Self {
            id: capacity.id,
            manufacturer: capacity.manufacturer.into(),
            product: capacity.product.into(),
            month: capacity.month,
            doses: capacity.doses,
            created_at: capacity.created_at.to_string(),
            updated_at: capacity.updated_at.to_string(),
        }
    }
}

/// States a month's capacity of one of the caller's products.
#[utoipa::path(
    post,
    path = "/api/v1/capacity",
    tag = "talking and agreeing",
    request_body = CapacityInput,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request safe: one effect, the first answer again.")),
    responses(
        (status = 201, description = "The capacity entry, as stored (an earlier one for the same product and month is replaced).", body = CapacityBody),
        (status = 403, description = "Not a manufacturer's official.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn set_capacity(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    ApiJson(request): ApiJson<CapacityInput>,
) -> Result<Response, ApiError> {
    let now = state.app.now();
    let (actor, input) = (&caller.actor, &request);
    idempotent::write(
        &state,
        &caller,
        &headers,
        "POST /api/v1/capacity",
        &request,
        |tx| async move {
            let capacity = app::capacity::set(&tx, now, actor, input).await?;
            idempotent::answer(StatusCode::CREATED, &CapacityBody::from(capacity))
        },
    )
    .await
}

/// Filters of `GET /api/v1/capacity`.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CapacityQuery {
    /// The manufacturer's party code.
    pub manufacturer: Option<String>,
    /// The product's code.
    pub product: Option<String>,
    /// Items per page, 1 to 500; 100 by default.
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<usize>,
    /// The previous page's `Next-Cursor`.
    #[param(min_length = 1)]
    pub cursor: Option<String>,
}

/// Manufacturers' monthly capacity by product, by id (public).
#[utoipa::path(
    get,
    path = "/api/v1/capacity",
    tag = "talking and agreeing",
    params(CapacityQuery),
    responses((status = 200, description = "A page of capacity entries.", body = Vec<CapacityBody>))
)]
pub async fn list_capacity(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<CapacityQuery>,
) -> Result<Page<CapacityBody>, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor.clone())?;
    let manufacturer = query
        .manufacturer
        .as_deref()
        .map(PartyCode::parse)
        .transpose()
        .map_err(|error| ApiError::invalid("manufacturer", error.to_string()))?;
    let product = query
        .product
        .as_deref()
        .map(ProductCode::parse)
        .transpose()
        .map_err(|message| ApiError::invalid("product", message))?;
    let (after, limit) = (page.cursor_id()?, page.fetch_limit());
    let (manufacturer, product) = (&manufacturer, &product);
    let rows = state
        .app
        .read(|tx| async move {
            app::capacity::list(&tx, manufacturer.as_ref(), product.as_ref(), after, limit).await
        })
        .await?;
    let bodies: Vec<CapacityBody> = rows.into_iter().map(CapacityBody::from).collect();
    let path = path_with_filters(
        "/api/v1/capacity",
        &[
            ("manufacturer", query.manufacturer.clone()),
            ("product", query.product.clone()),
        ],
    )?;
    Ok(page.page_with_owned_keys(bodies, |row| row.id.to_string(), &path))
}
