//! Offers: `POST /api/v1/offers` (a manufacturer's official offers doses for a window, to one
//! party or to all), `accept` (a country or organization: an agreement, signed at once),
//! `decline` (the party it was made to), `withdraw` (the manufacturer). Read by the
//! manufacturer, the party it is made to (every country for an open offer) and organizations.

use app::offers::{AcceptOfferInput, NewOfferInput, OfferQuery};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use domain::cooperation::offer::{OfferAction, OfferState};
use domain::ledger::PartyCode;
use domain::party::ProductCode;
use serde::{Deserialize, Serialize};
use store::agreements::Offer;
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::api::agreements::AgreementBody;
use crate::auth::Caller;
use crate::error::{ApiError, Problem};
use crate::extract::{ApiJson, ApiPath, ApiQuery, MaybeApiJson};
use crate::idempotent;
use crate::pagination::{Page, PageRequest, path_with_filters};

/// An offer as the API shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OfferBody {
    /// Its id.
    pub id: i64,
    /// The offering manufacturer.
    pub manufacturer: String,
    /// The product.
    pub product: String,
    /// Doses offered.
    pub doses: i64,
    /// Doses in agreements made from it (not cancelled).
    pub doses_taken: i64,
    /// Doses still on offer.
    pub doses_left: i64,
    /// Doses of delivered shipments of its agreements.
    pub doses_delivered: i64,
    /// The first day the doses can be delivered.
    pub available_from: chrono::NaiveDate,
    /// The last day.
    pub available_to: chrono::NaiveDate,
    /// The price of a dose, in `currency`.
    #[schema(value_type = Option<f64>)]
    pub price_per_dose: Option<serde_json::Number>,
    /// The price's currency (ISO 4217).
    pub currency: Option<String>,
    /// The party it is made to; absent: every country and organization.
    pub to: Option<String>,
    /// `open`, `accepted`, `declined` or `withdrawn`.
    pub state: String,
    /// When it was made (UTC).
    pub created_at: String,
    /// When it last changed (UTC).
    pub updated_at: String,
}

impl From<Offer> for OfferBody {
    fn from(offer: Offer) -> Self {
        Self {
            id: offer.id,
            manufacturer: offer.manufacturer.into(),
            product: offer.product.into(),
            doses: offer.doses,
            doses_taken: offer.doses_taken,
            doses_left: offer.doses - offer.doses_taken,
            doses_delivered: offer.doses_delivered,
            available_from: offer.available_from,
            available_to: offer.available_to,
            // Stored as the manufacturer wrote it, so it parses back as the same number.
            price_per_dose: offer
                .price_per_dose
                .and_then(|text| text.parse::<serde_json::Number>().ok()),
            currency: offer.currency,
            to: offer.to.map(String::from),
            state: offer.state.as_str().into(),
            created_at: offer.created_at.to_string(),
            updated_at: offer.updated_at.to_string(),
        }
    }
}

/// An accepted offer and the agreement the acceptance signed.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AcceptanceBody {
    /// The offer after the acceptance.
    pub offer: OfferBody,
    /// The agreement, `signed`.
    pub agreement: AgreementBody,
}

/// Offers doses of one of the caller's products.
#[utoipa::path(
    post,
    path = "/api/v1/offers",
    tag = "talking and agreeing",
    request_body = NewOfferInput,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request safe: one effect, the first answer again.")),
    responses(
        (status = 201, description = "The offer, open; the party it is made to is notified.", body = OfferBody),
        (status = 403, description = "Not a manufacturer's official.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn create_offer(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    ApiJson(request): ApiJson<NewOfferInput>,
) -> Result<Response, ApiError> {
    let now = state.app.now();
    let (actor, input) = (&caller.actor, &request);
    idempotent::write(
        &state,
        &caller,
        &headers,
        "POST /api/v1/offers",
        &request,
        |tx| async move {
            let offer = app::offers::create(&tx, now, actor, input).await?;
            idempotent::answer(StatusCode::CREATED, &OfferBody::from(offer))
        },
    )
    .await
}

/// Filters of `GET /api/v1/offers`.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct OffersQuery {
    /// `open`, `accepted`, `declined` or `withdrawn`.
    pub state: Option<String>,
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

/// The offers the caller may read, by id.
#[utoipa::path(
    get,
    path = "/api/v1/offers",
    tag = "talking and agreeing",
    params(OffersQuery),
    responses((status = 200, description = "A page of offers.", body = Vec<OfferBody>)),
    security(("bearer" = []), ("session" = []))
)]
pub async fn list_offers(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<OffersQuery>,
) -> Result<Page<OfferBody>, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor.clone())?;
    let offer_query = OfferQuery {
        state: query
            .state
            .as_deref()
            .map(OfferState::parse)
            .transpose()
            .map_err(|message| ApiError::invalid("state", message))?,
        manufacturer: query
            .manufacturer
            .as_deref()
            .map(PartyCode::parse)
            .transpose()
            .map_err(|error| ApiError::invalid("manufacturer", error.to_string()))?,
        product: query
            .product
            .as_deref()
            .map(ProductCode::parse)
            .transpose()
            .map_err(|message| ApiError::invalid("product", message))?,
        after: page.cursor_id()?,
        limit: page.fetch_limit(),
    };
    let (actor, offer_query) = (&caller.actor, &offer_query);
    let offers = state
        .app
        .read(|tx| async move { app::offers::list(&tx, actor, offer_query).await })
        .await?;
    let bodies: Vec<OfferBody> = offers.into_iter().map(OfferBody::from).collect();
    let path = path_with_filters(
        "/api/v1/offers",
        &[
            ("state", query.state.clone()),
            ("manufacturer", query.manufacturer.clone()),
            ("product", query.product.clone()),
        ],
    )?;
    Ok(page.page_with_owned_keys(bodies, |offer| offer.id.to_string(), &path))
}

/// One offer.
#[utoipa::path(
    get,
    path = "/api/v1/offers/{id}",
    tag = "talking and agreeing",
    params(("id" = i64, Path, description = "The offer's id.")),
    responses(
        (status = 200, description = "The offer.", body = OfferBody),
        (status = 404, description = "No such offer that the caller can see.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn get_offer(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<OfferBody>, ApiError> {
    let actor = &caller.actor;
    let offer = state
        .app
        .read(|tx| async move { app::offers::view(&tx, actor, id).await })
        .await?;
    Ok(Json(OfferBody::from(offer)))
}

/// Accepts doses of an open offer (a country's or an organization's official; the party it
/// is made to, if one): a `supply` agreement between the manufacturer and the caller's
/// party, signed at once. The body may be left out: then every dose still on offer.
#[utoipa::path(
    post,
    path = "/api/v1/offers/{id}/accept",
    tag = "talking and agreeing",
    request_body(content = Option<AcceptOfferInput>, description = "Optional: the doses taken."),
    params(("id" = i64, Path, description = "The offer's id."), ("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request safe: one effect, the first answer again.")),
    responses(
        (status = 201, description = "The offer and the agreement signed.", body = AcceptanceBody),
        (status = 403, description = "Not an official of a country or organization, or not the party the offer is made to.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such offer that the caller can see.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The offer is not open or no longer available (`invalid_state`).", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn accept_offer(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    ApiPath(id): ApiPath<i64>,
    MaybeApiJson(request): MaybeApiJson<AcceptOfferInput>,
) -> Result<Response, ApiError> {
    let now = state.app.now();
    let request = request.unwrap_or_default();
    let (actor, input) = (&caller.actor, &request);
    let route = format!("POST /api/v1/offers/{id}/accept");
    idempotent::write(
        &state,
        &caller,
        &headers,
        &route,
        &request,
        |tx| async move {
            let acceptance = app::offers::accept(&tx, now, actor, id, input).await?;
            idempotent::answer(
                StatusCode::CREATED,
                &AcceptanceBody {
                    offer: OfferBody::from(acceptance.offer),
                    agreement: AgreementBody::from(acceptance.agreement),
                },
            )
        },
    )
    .await
}

async fn end(
    state: &AppState,
    caller: &Caller,
    headers: &HeaderMap,
    id: i64,
    action: OfferAction,
) -> Result<Response, ApiError> {
    let now = state.app.now();
    let actor = &caller.actor;
    let route = format!("POST /api/v1/offers/{id}/{action}");
    idempotent::write(state, caller, headers, &route, &(), |tx| async move {
        let offer = app::offers::end(&tx, now, actor, id, action).await?;
        idempotent::answer(StatusCode::OK, &OfferBody::from(offer))
    })
    .await
}

/// Declines an open offer (an official of the party it was made to).
#[utoipa::path(
    post,
    path = "/api/v1/offers/{id}/decline",
    tag = "talking and agreeing",
    params(("id" = i64, Path, description = "The offer's id."), ("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request safe: one effect, the first answer again.")),
    responses(
        (status = 200, description = "The offer, declined.", body = OfferBody),
        (status = 403, description = "Not an official of the party the offer was made to (an offer open to all is accepted or left).", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such offer that the caller can see.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The offer is not open (`invalid_state`).", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn decline_offer(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, ApiError> {
    end(&state, &caller, &headers, id, OfferAction::Decline).await
}

/// Withdraws an open offer (the manufacturer's official); agreements already made stay.
#[utoipa::path(
    post,
    path = "/api/v1/offers/{id}/withdraw",
    tag = "talking and agreeing",
    params(("id" = i64, Path, description = "The offer's id."), ("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request safe: one effect, the first answer again.")),
    responses(
        (status = 200, description = "The offer, withdrawn.", body = OfferBody),
        (status = 403, description = "Not an official of the offering manufacturer.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such offer that the caller can see.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The offer is not open (`invalid_state`).", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn withdraw_offer(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, ApiError> {
    end(&state, &caller, &headers, id, OfferAction::Withdraw).await
}
