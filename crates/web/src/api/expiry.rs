//! `GET /api/v1/expiry-risk`: the doses each holder will not administer before they expire.

use axum::Json;
use axum::extract::State;
use domain::ledger::PartyCode;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::auth::Caller;
use crate::error::{ApiError, Problem};
use crate::extract::ApiQuery;

/// One lot with doses at risk at one holder.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RiskBody {
    /// The holder's party code.
    pub holder: String,
    /// The lot's id.
    pub lot: i64,
    /// Its product's code.
    pub product: String,
    /// Its last day of use.
    pub expiry: chrono::NaiveDate,
    /// The holder's available doses of it.
    pub doses: i64,
    /// Of which left at the end of its expiry day at the holder's rate.
    pub doses_at_risk: i64,
    /// The holder's rate: mean daily administrations over the last 28 days, else its latest
    /// open request's absorption per day, else 0.
    pub rate_per_day: f64,
}

/// Filter of `GET /api/v1/expiry-risk`.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct RiskQuery {
    /// A holder's party code: the caller's own by default; organizations may give any, or
    /// none for every holder.
    pub holder: Option<String>,
}

/// Lots with doses at risk of expiring unused, earliest expiry first for each holder: a
/// holder uses its available doses earliest expiry first at its recent rate from today.
#[utoipa::path(
    get,
    path = "/api/v1/expiry-risk",
    tag = "dose path",
    params(RiskQuery),
    responses(
        (status = 200, description = "The lots with doses at risk.", body = Vec<RiskBody>),
        (status = 403, description = "Another holder's risk, asked by a party that is not an organization.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn expiry_risk(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<RiskQuery>,
) -> Result<Json<Vec<RiskBody>>, ApiError> {
    let holder = query
        .holder
        .as_deref()
        .map(PartyCode::parse)
        .transpose()
        .map_err(|error| ApiError::invalid("holder", error.to_string()))?;
    let (now, actor, holder) = (state.app.now(), &caller.actor, holder.as_ref());
    let rows = state
        .app
        .read(|tx| async move { app::expiry::list(&tx, now, actor, holder).await })
        .await?;
    Ok(Json(
        rows.into_iter()
            .map(|row| RiskBody {
                holder: row.holder.into(),
                lot: row.lot.0,
                product: row.product.into(),
                expiry: row.expiry,
                doses: row.doses,
                doses_at_risk: row.doses_at_risk,
                rate_per_day: row.rate_per_day,
            })
            .collect(),
    ))
}

/// Proposes doses of the caller's party that it cannot use in time to an organization: opens
/// a draft round of that organization whose pool holds them, with the caller's party as
/// their holder (it ships the shares itself). The organization adds the requests to serve,
/// computes and publishes the round.
#[utoipa::path(
    post,
    path = "/api/v1/expiry-risk/propose",
    tag = "dose path",
    request_body = app::expiry::ProposalInput,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request safe: one effect, the first answer again.")),
    responses(
        (status = 201, description = "The draft round holding the proposed doses.", body = crate::api::rounds::RoundBody),
        (status = 403, description = "A viewer, who cannot act for the party.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No such organization, or more doses than the caller has available of the lot (`errors` names the field).", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn propose_redistribution(
    State(state): State<AppState>,
    caller: Caller,
    headers: axum::http::HeaderMap,
    crate::extract::ApiJson(request): crate::extract::ApiJson<app::expiry::ProposalInput>,
) -> Result<axum::response::Response, ApiError> {
    let now = state.app.now();
    let (actor, input) = (&caller.actor, &request);
    crate::idempotent::write(
        &state,
        &caller,
        &headers,
        "POST /api/v1/expiry-risk/propose",
        &request,
        |tx| async move {
            let round = app::expiry::propose(&tx, now, actor, input).await?;
            crate::idempotent::answer(
                axum::http::StatusCode::CREATED,
                &crate::api::rounds::with_proposal(&tx, round).await?,
            )
        },
    )
    .await
}
