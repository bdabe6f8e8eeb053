//! Pledges and their fulfilment: `POST /api/v1/pledges` (any party's official), public lists,
//! `withdraw` (the donor), and `GET /api/v1/pledge-fulfilment` (pledged and delivered, by
//! donor). The forum's commitments are public.

use app::pledges::{NewPledgeInput, PledgeQuery};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use domain::cooperation::pledge::PledgeState;
use domain::ledger::PartyCode;
use serde::{Deserialize, Serialize};
use store::cooperation::{Fulfilment, Pledge};
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::auth::Caller;
use crate::error::{ApiError, Problem};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::idempotent;
use crate::pagination::{Page, PageRequest, path_with_filters};

/// A pledge as the API shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PledgeBody {
    /// Its id.
    pub id: i64,
    /// Who promises.
    pub donor: String,
    /// To whom: a country, or an organization's pool.
    pub to: String,
    /// Doses promised.
    pub doses: i64,
    /// Doses of delivered shipments linked to it.
    pub doses_delivered: i64,
    /// The day they are promised by.
    pub by: chrono::NaiveDate,
    /// The product promised, if one.
    pub product: Option<String>,
    /// A note.
    pub note: Option<String>,
    /// `open`, `withdrawn` or `fulfilled`.
    pub state: String,
    /// When it was made (UTC).
    pub created_at: String,
    /// When it last changed (UTC).
    pub updated_at: String,
}

impl From<Pledge> for PledgeBody {
    fn from(pledge: Pledge) -> Self {
        Self {
            id: pledge.id,
            donor: pledge.donor.into(),
            to: pledge.to.into(),
            doses: pledge.doses,
            doses_delivered: pledge.doses_delivered,
            by: pledge.by,
            product: pledge.product.map(String::from),
            note: pledge.note,
            state: pledge.state.as_str().into(),
            created_at: pledge.created_at.to_string(),
            updated_at: pledge.updated_at.to_string(),
        }
    }
}

/// One donor's pledged and delivered doses.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FulfilmentBody {
    /// The donor's party code.
    pub donor: String,
    /// Doses of its pledges, withdrawn ones excepted.
    pub doses_pledged: i64,
    /// Doses of delivered shipments linked to its pledges.
    pub doses_delivered: i64,
}

impl From<Fulfilment> for FulfilmentBody {
    fn from(row: Fulfilment) -> Self {
        Self {
            donor: row.donor.into(),
            doses_pledged: row.doses_pledged,
            doses_delivered: row.doses_delivered,
        }
    }
}

/// Records a pledge of the caller's party.
#[utoipa::path(
    post,
    path = "/api/v1/pledges",
    tag = "dose path",
    request_body = NewPledgeInput,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request safe: one effect, the first answer again.")),
    responses(
        (status = 201, description = "The pledge, open.", body = PledgeBody),
        (status = 403, description = "Not an official.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn create_pledge(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    ApiJson(request): ApiJson<NewPledgeInput>,
) -> Result<Response, ApiError> {
    let now = state.app.now();
    let (actor, input) = (&caller.actor, &request);
    idempotent::write(
        &state,
        &caller,
        &headers,
        "POST /api/v1/pledges",
        &request,
        |tx| async move {
            let created = app::pledges::create(&tx, now, actor, input).await?;
            idempotent::answer(StatusCode::CREATED, &PledgeBody::from(created))
        },
    )
    .await
}

/// Filters of `GET /api/v1/pledges`.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PledgesQuery {
    /// `open`, `withdrawn` or `fulfilled`.
    pub state: Option<String>,
    /// The donor's party code.
    pub donor: Option<String>,
    /// The recipient's party code.
    pub to: Option<String>,
    /// Items per page, 1 to 500; 100 by default.
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<usize>,
    /// The previous page's `Next-Cursor`.
    #[param(min_length = 1)]
    pub cursor: Option<String>,
}

fn party_filter(field: &str, value: Option<&str>) -> Result<Option<PartyCode>, ApiError> {
    value
        .map(PartyCode::parse)
        .transpose()
        .map_err(|error| ApiError::invalid(field, error.to_string()))
}

/// Pledges, by id (public).
#[utoipa::path(
    get,
    path = "/api/v1/pledges",
    tag = "dose path",
    params(PledgesQuery),
    responses((status = 200, description = "A page of pledges.", body = Vec<PledgeBody>))
)]
pub async fn list_pledges(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<PledgesQuery>,
) -> Result<Page<PledgeBody>, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor.clone())?;
    let pledge_query = PledgeQuery {
        state: query
            .state
            .as_deref()
            .map(PledgeState::parse)
            .transpose()
            .map_err(|message| ApiError::invalid("state", message))?,
        donor: party_filter("donor", query.donor.as_deref())?,
        to: party_filter("to", query.to.as_deref())?,
        after: page.cursor_id()?,
        limit: page.fetch_limit(),
    };
    let pledge_query = &pledge_query;
    let pledges = state
        .app
        .read(|tx| async move { app::pledges::list(&tx, pledge_query).await })
        .await?;
    let bodies: Vec<PledgeBody> = pledges.into_iter().map(PledgeBody::from).collect();
    let path = path_with_filters(
        "/api/v1/pledges",
        &[
            ("state", query.state.clone()),
            ("donor", query.donor.clone()),
            ("to", query.to.clone()),
        ],
    )?;
    Ok(page.page_with_owned_keys(bodies, |pledge| pledge.id.to_string(), &path))
}

/// One pledge (public).
#[utoipa::path(
    get,
    path = "/api/v1/pledges/{id}",
    tag = "dose path",
    params(("id" = i64, Path, description = "The pledge's id.")),
    responses(
        (status = 200, description = "The pledge.", body = PledgeBody),
        (status = 404, description = "No such pledge.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_pledge(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<PledgeBody>, ApiError> {
    let pledge = state
        .app
        .read(|tx| async move { app::pledges::found(&tx, id).await })
        .await?;
    Ok(Json(PledgeBody::from(pledge)))
}

/// Withdraws an open pledge (the donor's official).
#[utoipa::path(
    post,
    path = "/api/v1/pledges/{id}/withdraw",
    tag = "dose path",
    params(("id" = i64, Path, description = "The pledge's id."), ("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request safe: one effect, the first answer again.")),
    responses(
        (status = 200, description = "The pledge, withdrawn.", body = PledgeBody),
        (status = 403, description = "Not an official of the donor.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such pledge.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The pledge is not open (`invalid_state`).", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn withdraw_pledge(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, ApiError> {
    let now = state.app.now();
    let actor = &caller.actor;
    let route = format!("POST /api/v1/pledges/{id}/withdraw");
    idempotent::write(&state, &caller, &headers, &route, &(), |tx| async move {
        let pledge = app::pledges::withdraw(&tx, now, actor, id).await?;
        idempotent::answer(StatusCode::OK, &PledgeBody::from(pledge))
    })
    .await
}

/// Pledged and delivered doses, one row per donor (public). `doses_delivered` counts the
/// doses of `delivered` shipments linked to the donor's pledges.
#[utoipa::path(
    get,
    path = "/api/v1/pledge-fulfilment",
    tag = "dose path",
    responses((status = 200, description = "One row per donor, by code.", body = Vec<FulfilmentBody>))
)]
pub async fn pledge_fulfilment(
    State(state): State<AppState>,
) -> Result<Json<Vec<FulfilmentBody>>, ApiError> {
    let rows = state
        .app
        .read(|tx| async move { app::pledges::fulfilment(&tx).await })
        .await?;
    Ok(Json(rows.into_iter().map(FulfilmentBody::from).collect()))
}
