//! `POST /api/v1/lots` (register a lot, releasing its doses), and the lots the caller may see.
//!
//! What a caller sees of a lot is the policy's ([`domain::access::lot_view`]): everything for
//! its manufacturer and organizations; its own balances, and the totals while it holds
//! doses, for another holder; 404 for anyone else.

use std::collections::BTreeMap;

use app::lots::{LotDetail, NewLotInput};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use chrono::NaiveDate;
use domain::ledger::LotId;
use domain::party::Lot;
use serde::Serialize;
use utoipa::ToSchema;

use crate::AppState;
use crate::api::balances::BalanceBody;
use crate::auth::Caller;
use crate::error::{ApiError, Problem};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::idempotent;
use crate::pagination::{Page, PageQuery, PageRequest};

/// A lot and, when the caller may see them, its totals and balances.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LotBody {
    /// Its id.
    pub id: i64,
    /// The product's code.
    pub product: String,
    /// The manufacturer's party code.
    pub manufacturer: String,
    /// The lot number (GS1 AI 10).
    pub lot_number: String,
    /// The last day a dose may be given.
    pub expiry: NaiveDate,
    /// Doses released when the lot was registered.
    pub doses: i64,
    /// The product's GTIN, when registered by GS1 string.
    pub gtin: Option<String>,
    /// The serial (AI 21), when given.
    pub serial: Option<String>,
    /// Doses by state over every holder; present for its manufacturer, organizations and
    /// parties holding doses of it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub totals: Option<BTreeMap<String, i64>>,
    /// The balances the caller may see: every holder's for its manufacturer and
    /// organizations, the caller's own for anyone else.
    pub balances: Vec<BalanceBody>,
}

impl LotBody {
    fn new(lot: Lot, totals: Option<BTreeMap<String, i64>>, balances: Vec<BalanceBody>) -> Self {
        Self {
            id: lot.id.0,
            product: lot.product.into(),
            manufacturer: lot.manufacturer.as_str().into(),
            lot_number: lot.lot_number.into(),
            expiry: lot.expiry,
            doses: lot.doses,
            gtin: lot.gtin.map(|gtin| gtin.as_str().to_owned()),
            serial: lot.serial,
            totals,
            balances,
        }
    }
}

impl From<LotDetail> for LotBody {
    fn from(detail: LotDetail) -> Self {
        let totals = detail.totals.map(|totals| {
            totals
                .into_iter()
                .map(|(state, doses)| (state.as_str().to_owned(), doses))
                .collect()
        });
        Self::new(
            detail.lot,
            totals,
            detail.balances.into_iter().map(BalanceBody::from).collect(),
        )
    }
}

/// Registers a lot of one of the caller's products and releases its doses into the
/// manufacturer's `available` account.
#[utoipa::path(
    post,
    path = "/api/v1/lots",
    tag = "ledger",
    request_body = NewLotInput,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request safe: one effect, the first answer again.")),
    responses(
        (status = 201, description = "The lot with its balances.", body = LotBody),
        (status = 401, description = "Not signed in.", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a manufacturer's official, or a cookie request without its CSRF token.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The lot number is registered already.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, a wrong GTIN check digit, an expiry in the past, or a product that is not the caller's.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn register_lot(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    ApiJson(request): ApiJson<NewLotInput>,
) -> Result<Response, ApiError> {
    let now = state.app.now();
    let (actor, input) = (&caller.actor, &request);
    idempotent::write(
        &state,
        &caller,
        &headers,
        "POST /api/v1/lots",
        &request,
        |tx| async move {
            let (lot, movement) = app::lots::register(&tx, now, actor, input).await?;
            let balance = BalanceBody {
                holder: movement.to.holder.as_str().into(),
                lot: lot.id.0,
                state: movement.to.state.as_str().into(),
                doses: movement.doses,
            };
            let totals = BTreeMap::from([(movement.to.state.as_str().to_owned(), movement.doses)]);
            idempotent::answer(
                StatusCode::CREATED,
                &LotBody::new(lot, Some(totals), vec![balance]),
            )
        },
    )
    .await
}

/// Lots the caller may see, by id.
#[utoipa::path(
    get,
    path = "/api/v1/lots",
    tag = "ledger",
    params(PageQuery),
    responses(
        (status = 200, description = "A page of lots (without balances).", body = Vec<LotBody>),
        (status = 401, description = "Not signed in.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A bad limit or cursor.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn list_lots(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> Result<Page<LotBody>, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor)?;
    let (after, limit, actor) = (
        page.cursor_id()?.map(LotId),
        page.fetch_limit(),
        &caller.actor,
    );
    let lots = state
        .app
        .read(|tx| async move { app::lots::list(&tx, actor, after, limit).await })
        .await?;
    let bodies: Vec<LotBody> = lots
        .into_iter()
        .map(|lot| LotBody::new(lot, None, Vec::new()))
        .collect();
    Ok(page.page_with_owned_keys(bodies, |lot| lot.id.to_string(), "/api/v1/lots"))
}

/// One lot, with what the caller may see of its balances.
#[utoipa::path(
    get,
    path = "/api/v1/lots/{id}",
    tag = "ledger",
    params(("id" = i64, Path, description = "The lot's id.")),
    responses(
        (status = 200, description = "The lot.", body = LotBody),
        (status = 401, description = "Not signed in.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such lot that the caller can see.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An id that is not a number.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn get_lot(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<LotBody>, ApiError> {
    let actor = &caller.actor;
    let detail = state
        .app
        .read(|tx| async move { app::lots::view(&tx, actor, LotId(id)).await })
        .await?;
    Ok(Json(LotBody::from(detail)))
}
