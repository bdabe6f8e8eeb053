//! Allocation rounds: `POST /api/v1/rounds` (an organization's official opens a draft),
//! `PATCH` (replace a draft's contents), `compute` (run the engine), the round with its
//! proposal, and `GET /api/v1/rounds/{id}/input`, the engine's input to recompute it with,
//! and `GET /api/v1/rounds/{id}/certificate`, the proof to check it with.

use app::rounds::{Answered, Proposal, ResponseInput, RoundChange, RoundInput};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use store::rounds::Round;
use utoipa::ToSchema;

use crate::AppState;
use crate::auth::{Caller, MaybeCaller};
use crate::error::{ApiError, Problem};
use crate::extract::{ApiJson, ApiPath};
use crate::idempotent;

/// Doses of one lot and holder in a round.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PooledLotBody {
    /// The lot's id.
    pub lot: i64,
    /// Who holds the doses.
    pub holder: String,
    /// How many are pooled.
    pub doses: i64,
    /// The pledge to the round's organization these doses count against, when the holder
    /// is a donor.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pledge: Option<i64>,
}

/// One country's share of a proposal.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ShareBody {
    /// Its number in the proposal, from 1.
    pub share: usize,
    /// The country.
    pub country: String,
    /// The request it serves.
    pub request: i64,
    /// Doses allocated.
    pub doses: i64,
    /// Doses per 100 people before the round.
    pub coverage_before: f64,
    /// And after it.
    pub coverage_after: f64,
    /// Why it got no more: `cap`, `expiry`, `level` or `supply` (spec/allocation.md).
    pub limited_by: String,
    /// The country's answer: `accept` or `decline`; null until the round is published and
    /// answered.
    pub response: Option<String>,
    /// Why it was declined (a coded reason, `no_response` when the round closed unanswered).
    pub reason: Option<String>,
}

/// Doses of a lot and holder going to a country.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RoundShipmentBody {
    /// The lot's id.
    pub lot: i64,
    /// Its holder.
    pub holder: String,
    /// The country.
    pub country: String,
    /// How many doses.
    pub doses: i64,
}

/// A proposal: the shares, the lot-level shipments and what is left.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProposalBody {
    /// One share per request, in the round's order.
    pub shares: Vec<ShareBody>,
    /// The doses each lot and holder would send to each country.
    pub shipments: Vec<RoundShipmentBody>,
    /// The doses each lot and holder keeps.
    pub unallocated: Vec<PooledLotBody>,
}

impl From<Proposal> for ProposalBody {
    fn from(proposal: Proposal) -> Self {
        Self {
            shares: proposal
                .shares
                .into_iter()
                .map(|share| ShareBody {
                    share: share.share,
                    country: share.country.into(),
                    request: share.request,
                    doses: share.doses,
                    coverage_before: share.coverage_before,
                    coverage_after: share.coverage_after,
                    limited_by: share.limited_by,
                    response: share.response,
                    reason: share.reason,
                })
                .collect(),
            shipments: proposal
                .shipments
                .into_iter()
                .map(|entry| RoundShipmentBody {
                    lot: entry.lot.0,
                    holder: entry.holder.into(),
                    country: entry.country.map(String::from).unwrap_or_default(),
                    doses: entry.doses,
                })
                .collect(),
            unallocated: proposal
                .unallocated
                .into_iter()
                .map(|entry| PooledLotBody {
                    lot: entry.lot.0,
                    holder: entry.holder.into(),
                    doses: entry.doses,
                    pledge: None,
                })
                .collect(),
        }
    }
}

/// A round as the API shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RoundBody {
    /// Its id.
    pub id: i64,
    /// The organization that runs it.
    pub organization: String,
    /// `draft`, `published` or `closed`.
    pub state: String,
    /// The round's day.
    pub date: chrono::NaiveDate,
    /// The default target, doses per 100 people.
    #[schema(value_type = Option<f64>)]
    pub target_per_100: Option<serde_json::Number>,
    /// The pooled lots.
    pub lots: Vec<PooledLotBody>,
    /// The ids of the requests it serves.
    pub requests: Vec<i64>,
    /// The round it follows, whose leftover pool it took by default.
    pub after: Option<i64>,
    /// The holder whose redistribution proposal (`POST /api/v1/expiry-risk/propose`) opened
    /// it.
    pub proposed_by: Option<String>,
    /// The engine's proposal, once computed.
    pub proposal: Option<ProposalBody>,
    /// When it was opened (UTC).
    pub created_at: String,
    /// When it last changed (UTC).
    pub updated_at: String,
}

fn body(round: Round, proposal: Option<Proposal>) -> RoundBody {
    RoundBody {
        id: round.id,
        organization: round.organization.into(),
        state: round.state.as_str().into(),
        date: round.date,
        target_per_100: round.target_per_100.and_then(|text| text.parse().ok()),
        lots: round
            .lots
            .into_iter()
            .map(|pooled| PooledLotBody {
                lot: pooled.lot.0,
                holder: pooled.holder.into(),
                doses: pooled.doses,
                pledge: pooled.pledge,
            })
            .collect(),
        requests: round.requests,
        after: round.after,
        proposed_by: round.proposed_by.map(String::from),
        proposal: proposal.map(ProposalBody::from),
        created_at: round.created_at.to_string(),
        updated_at: round.updated_at.to_string(),
    }
}

pub(crate) async fn with_proposal(
    tx: &store::Tx,
    round: Round,
) -> Result<RoundBody, app::AppError> {
    let proposal = app::rounds::proposal(tx, &round).await?;
    Ok(body(round, proposal))
}

/// Opens a draft round of the caller's organization.
#[utoipa::path(
    post,
    path = "/api/v1/rounds",
    tag = "rounds",
    request_body = RoundInput,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request safe: one effect, the first answer again.")),
    responses(
        (status = 201, description = "The round, a draft.", body = RoundBody),
        (status = 403, description = "Not an organization's official.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "A pooled lot the caller cannot see.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn create_round(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    ApiJson(request): ApiJson<RoundInput>,
) -> Result<Response, ApiError> {
    let now = state.app.now();
    let (actor, input) = (&caller.actor, &request);
    idempotent::write(
        &state,
        &caller,
        &headers,
        "POST /api/v1/rounds",
        &request,
        |tx| async move {
            let round = app::rounds::create(&tx, now, actor, input).await?;
            idempotent::answer(StatusCode::CREATED, &with_proposal(&tx, round).await?)
        },
    )
    .await
}

/// The round with its proposal: while a draft, for its organization and the parties in its
/// pool or its requests; once published, for anyone.
#[utoipa::path(
    get,
    path = "/api/v1/rounds/{id}",
    tag = "rounds",
    params(("id" = i64, Path, description = "The round's id.")),
    responses(
        (status = 200, description = "The round.", body = RoundBody),
        (status = 404, description = "No such round that the caller can see.", body = Problem, content_type = "application/problem+json"),
    ),
    security((), ("bearer" = []), ("session" = []))
)]
pub async fn get_round(
    State(state): State<AppState>,
    caller: MaybeCaller,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<RoundBody>, ApiError> {
    let actor = caller.0.as_ref().map(|caller| &caller.actor);
    let round = state
        .app
        .read(|tx| async move {
            let round = app::rounds::view(&tx, actor, id).await?;
            with_proposal(&tx, round).await
        })
        .await?;
    Ok(Json(round))
}

/// Changes a draft round's date, target, lots or requests (its organization's official): what
/// is given replaces what was there, what is absent stays; a computed proposal is dropped.
#[utoipa::path(
    patch,
    path = "/api/v1/rounds/{id}",
    tag = "rounds",
    request_body = RoundChange,
    params(("id" = i64, Path, description = "The round's id.")),
    responses(
        (status = 200, description = "The round, changed.", body = RoundBody),
        (status = 403, description = "Not an official of the round's organization.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such round that the caller can see.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The round is not a draft (`invalid_state`).", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn change_round(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<RoundChange>,
) -> Result<Json<RoundBody>, ApiError> {
    let (now, actor, input) = (state.app.now(), &caller.actor, &request);
    let round = state
        .app
        .write(|tx| async move {
            let round = app::rounds::replace(&tx, now, actor, id, input).await?;
            with_proposal(&tx, round).await
        })
        .await?;
    Ok(Json(round))
}

/// Computes a draft's proposal with the allocation engine (repeatable).
#[utoipa::path(
    post,
    path = "/api/v1/rounds/{id}/compute",
    tag = "rounds",
    params(("id" = i64, Path, description = "The round's id.")),
    responses(
        (status = 200, description = "The round with its new proposal.", body = RoundBody),
        (status = 403, description = "Not an official of the round's organization.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such round that the caller can see.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The round is not a draft (`invalid_state`), or its data do not make an allocation problem.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn compute_round(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<RoundBody>, ApiError> {
    let (now, actor) = (state.app.now(), &caller.actor);
    let reference = &*state.app.reference;
    let round = state
        .app
        .write(|tx| async move {
            // The proposal made from the engine's answer, not parsed back from its text.
            let (round, proposal) =
                app::rounds::compute_proposal(&tx, reference, now, actor, id).await?;
            Ok::<_, app::AppError>(body(round, Some(proposal)))
        })
        .await?;
    Ok(Json(round))
}

/// Exactly the allocation JSON (spec/allocation.md) the engine was given at the last
/// computation: `equidose allocate` on it reproduces the proposal.
#[utoipa::path(
    get,
    path = "/api/v1/rounds/{id}/input",
    tag = "rounds",
    params(("id" = i64, Path, description = "The round's id.")),
    responses(
        (status = 200, description = "The engine's input.", body = serde_json::Value),
        (status = 404, description = "No such round that the caller can see, or not computed yet.", body = Problem, content_type = "application/problem+json"),
    ),
    security((), ("bearer" = []), ("session" = []))
)]
pub async fn round_input(
    State(state): State<AppState>,
    caller: MaybeCaller,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, ApiError> {
    stored_json(&state, &caller, id, "input", |round| round.input).await
}

/// One of a computed round's stored JSON texts, as stored, for whoever may read the round;
/// 404 naming `what` until the round is computed.
async fn stored_json(
    state: &AppState,
    caller: &MaybeCaller,
    id: i64,
    what: &str,
    pick: fn(Round) -> Option<String>,
) -> Result<Response, ApiError> {
    let actor = caller.0.as_ref().map(|caller| &caller.actor);
    let round = state
        .app
        .read(|tx| async move { app::rounds::view(&tx, actor, id).await })
        .await?;
    let text = pick(round).ok_or_else(|| {
        ApiError::not_found(format!(
            "round {id} has not been computed yet: there is no {what}"
        ))
    })?;
    Ok(([(header::CONTENT_TYPE, "application/json")], text).into_response())
}

/// Exactly the engine's answer (spec/allocation.md) to the round's input, as stored at the
/// last computation: the proposal in the engine's own terms. With the input and the
/// certificate it is the third file `equidose check ROUND ANSWER CERTIFICATE` reads.
#[utoipa::path(
    get,
    path = "/api/v1/rounds/{id}/answer",
    tag = "rounds",
    params(("id" = i64, Path, description = "The round's id.")),
    responses(
        (status = 200, description = "The engine's answer.", body = serde_json::Value),
        (status = 404, description = "No such round that the caller can see, or not computed yet.", body = Problem, content_type = "application/problem+json"),
    ),
    security((), ("bearer" = []), ("session" = []))
)]
pub async fn round_answer(
    State(state): State<AppState>,
    caller: MaybeCaller,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, ApiError> {
    stored_json(&state, &caller, id, "answer", |round| round.proposal).await
}

/// The certificate of the round's proposal (crates/allocation/CERTIFICATE.md), stored at
/// the last computation: `equidose check` on the input, the proposal's answer and this
/// proves the proposal feasible, maximal and fair without trusting the engine.
#[utoipa::path(
    get,
    path = "/api/v1/rounds/{id}/certificate",
    tag = "rounds",
    params(("id" = i64, Path, description = "The round's id.")),
    responses(
        (status = 200, description = "The certificate of the proposal.", body = serde_json::Value),
        (status = 404, description = "No such round that the caller can see, or not computed yet.", body = Problem, content_type = "application/problem+json"),
    ),
    security((), ("bearer" = []), ("session" = []))
)]
pub async fn round_certificate(
    State(state): State<AppState>,
    caller: MaybeCaller,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, ApiError> {
    let actor = caller.0.as_ref().map(|caller| &caller.actor);
    let certificate = state
        .app
        .read(|tx| async move { app::rounds::certificate(&tx, actor, id).await })
        .await?
        .ok_or_else(|| {
            ApiError::not_found(format!(
                "round {id} has not been computed yet: there is no certificate"
            ))
        })?;
    Ok(([(header::CONTENT_TYPE, "application/json")], certificate).into_response())
}

/// Publishes a computed draft (its organization's official): every share's doses are reserved
/// at their holders at once, and the countries may answer.
#[utoipa::path(
    post,
    path = "/api/v1/rounds/{id}/publish",
    tag = "rounds",
    params(("id" = i64, Path, description = "The round's id."), ("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request safe: one effect, the first answer again.")),
    responses(
        (status = 200, description = "The round, published.", body = RoundBody),
        (status = 403, description = "Not an official of the round's organization.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such round that the caller can see.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a draft with a proposal (`invalid_state`), or a share's doses are no longer available.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn publish_round(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, ApiError> {
    let (now, actor) = (state.app.now(), &caller.actor);
    let route = format!("POST /api/v1/rounds/{id}/publish");
    idempotent::write(&state, &caller, &headers, &route, &(), |tx| async move {
        let (round, proposal) = app::rounds::publish_proposal(&tx, now, actor, id).await?;
        idempotent::answer(StatusCode::OK, &body(round, Some(proposal)))
    })
    .await
}

/// Closes a published round (its organization's official): unanswered shares are declined
/// with `no_response` and their doses return to the pool.
#[utoipa::path(
    post,
    path = "/api/v1/rounds/{id}/close",
    tag = "rounds",
    params(("id" = i64, Path, description = "The round's id."), ("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request safe: one effect, the first answer again.")),
    responses(
        (status = 200, description = "The round, closed.", body = RoundBody),
        (status = 403, description = "Not an official of the round's organization.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such round that the caller can see.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The round is not published (`invalid_state`).", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn close_round(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, ApiError> {
    let (now, actor) = (state.app.now(), &caller.actor);
    let route = format!("POST /api/v1/rounds/{id}/close");
    idempotent::write(&state, &caller, &headers, &route, &(), |tx| async move {
        let round = app::rounds::close(&tx, now, actor, id).await?;
        idempotent::answer(StatusCode::OK, &with_proposal(&tx, round).await?)
    })
    .await
}

/// What an answer did.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AnsweredBody {
    /// The share's number.
    pub share: i64,
    /// The country.
    pub country: String,
    /// Doses of the share.
    pub doses: i64,
    /// `accept` or `decline`.
    pub response: Option<String>,
    /// Why it was declined.
    pub reason: Option<String>,
    /// For an accept: the planned shipments, one per lot and holder.
    pub shipments: Vec<crate::api::shipments::ShipmentBody>,
    /// For a decline: the `unreserve` movements that gave the doses back to the pool.
    pub movements: Vec<crate::api::movements::JournalEntry>,
}

impl From<Answered> for AnsweredBody {
    fn from(answered: Answered) -> Self {
        Self {
            share: answered.share.share,
            country: answered.share.country.into(),
            doses: answered.share.doses,
            response: answered.share.response,
            reason: answered.share.reason,
            shipments: answered
                .shipments
                .into_iter()
                .map(crate::api::shipments::ShipmentBody::from)
                .collect(),
            movements: answered
                .movements
                .into_iter()
                .map(crate::api::movements::JournalEntry::from)
                .collect(),
        }
    }
}

/// Answers the caller's country's share of a published round: accept (a planned shipment per
/// lot and holder) or decline with a coded reason (the doses return to the pool). One answer
/// per share.
#[utoipa::path(
    post,
    path = "/api/v1/rounds/{id}/responses",
    tag = "rounds",
    request_body = ResponseInput,
    params(("id" = i64, Path, description = "The round's id."),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request safe: one effect, the first answer again.")),
    responses(
        (status = 201, description = "The answer and what it did.", body = AnsweredBody),
        (status = 403, description = "Not an official of the share's country.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such round that the caller can see, or no share for the caller's country.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The share was answered already (`already_answered`), or the round is not published (`invalid_state`).", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn respond_to_round(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<ResponseInput>,
) -> Result<Response, ApiError> {
    let now = state.app.now();
    let (actor, input) = (&caller.actor, &request);
    let route = format!("POST /api/v1/rounds/{id}/responses");
    idempotent::write(
        &state,
        &caller,
        &headers,
        &route,
        &request,
        |tx| async move {
            let answered = app::rounds::respond(&tx, now, actor, id, input).await?;
            idempotent::answer(StatusCode::CREATED, &AnsweredBody::from(answered))
        },
    )
    .await
}
