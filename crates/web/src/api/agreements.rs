//! Agreements: `POST /api/v1/agreements` (one of the two parties proposes a supply or a
//! donation, from an offer or a pledge or on its own), `sign` (the other party), `cancel`
//! (either, before any shipment); `doses_delivered` and `completed` come from the delivered
//! shipments linked to it. Read by the two parties and organizations.

use app::agreements::{AgreementQuery, NewAgreementInput};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use domain::cooperation::agreement::{AgreementAction, AgreementState};
use domain::ledger::PartyCode;
use serde::{Deserialize, Serialize};
use store::agreements::Agreement;
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::auth::Caller;
use crate::error::{ApiError, Problem};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::idempotent;
use crate::pagination::{Page, PageRequest, path_with_filters};

/// An agreement as the API shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AgreementBody {
    /// Its id.
    pub id: i64,
    /// `supply` or `donation`.
    pub kind: String,
    /// Who supplies the doses.
    pub supplier: String,
    /// Who receives them.
    pub recipient: String,
    /// Doses agreed.
    pub doses: i64,
    /// Doses of shipments planned, in transit or delivered against it.
    pub doses_planned: i64,
    /// Doses of its delivered shipments.
    pub doses_delivered: i64,
    /// The product, if one.
    pub product: Option<String>,
    /// The offer it came from.
    pub offer: Option<i64>,
    /// The pledge it came from.
    pub pledge: Option<i64>,
    /// The party that proposed it.
    pub proposed_by: String,
    /// `proposed`, `signed`, `cancelled` or `completed`.
    pub state: String,
    /// When it was signed (UTC).
    pub signed_at: Option<String>,
    /// When it was made (UTC).
    pub created_at: String,
    /// When it last changed (UTC).
    pub updated_at: String,
}

impl From<Agreement> for AgreementBody {
    fn from(agreement: Agreement) -> Self {
        Self {
            id: agreement.id,
            kind: agreement.kind.as_str().into(),
            supplier: agreement.supplier.into(),
            recipient: agreement.recipient.into(),
            doses: agreement.doses,
            doses_planned: agreement.doses_planned,
            doses_delivered: agreement.doses_delivered,
            product: agreement.product.map(String::from),
            offer: agreement.offer,
            pledge: agreement.pledge,
            proposed_by: agreement.proposed_by.into(),
            state: agreement.state.as_str().into(),
            signed_at: agreement.signed_at.map(|at| at.to_string()),
            created_at: agreement.created_at.to_string(),
            updated_at: agreement.updated_at.to_string(),
        }
    }
}

/// Proposes an agreement between the caller's party and another.
#[utoipa::path(
    post,
    path = "/api/v1/agreements",
    tag = "talking and agreeing",
    request_body = NewAgreementInput,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request safe: one effect, the first answer again.")),
    responses(
        (status = 201, description = "The agreement, proposed: the other party signs it.", body = AgreementBody),
        (status = 403, description = "Not an official of one of the two parties.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The offer's doses were taken meanwhile.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn create_agreement(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    ApiJson(request): ApiJson<NewAgreementInput>,
) -> Result<Response, ApiError> {
    let now = state.app.now();
    let (actor, input) = (&caller.actor, &request);
    idempotent::write(
        &state,
        &caller,
        &headers,
        "POST /api/v1/agreements",
        &request,
        |tx| async move {
            let agreement = app::agreements::create(&tx, now, actor, input).await?;
            idempotent::answer(StatusCode::CREATED, &AgreementBody::from(agreement))
        },
    )
    .await
}

/// Filters of `GET /api/v1/agreements`.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AgreementsQuery {
    /// `proposed`, `signed`, `cancelled` or `completed`.
    pub state: Option<String>,
    /// The supplier's party code.
    pub supplier: Option<String>,
    /// The recipient's party code.
    pub recipient: Option<String>,
    /// The offer it came from.
    pub offer: Option<i64>,
    /// Items per page, 1 to 500; 100 by default.
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<usize>,
    /// The previous page's `Next-Cursor`.
    #[param(min_length = 1)]
    pub cursor: Option<String>,
}

/// The agreements the caller may read (its own, either side; all for organizations), by id.
#[utoipa::path(
    get,
    path = "/api/v1/agreements",
    tag = "talking and agreeing",
    params(AgreementsQuery),
    responses((status = 200, description = "A page of agreements.", body = Vec<AgreementBody>)),
    security(("bearer" = []), ("session" = []))
)]
pub async fn list_agreements(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<AgreementsQuery>,
) -> Result<Page<AgreementBody>, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor.clone())?;
    let party = |field: &str, value: Option<&str>| {
        value
            .map(PartyCode::parse)
            .transpose()
            .map_err(|error| ApiError::invalid(field, error.to_string()))
    };
    let agreement_query = AgreementQuery {
        state: query
            .state
            .as_deref()
            .map(AgreementState::parse)
            .transpose()
            .map_err(|message| ApiError::invalid("state", message))?,
        supplier: party("supplier", query.supplier.as_deref())?,
        recipient: party("recipient", query.recipient.as_deref())?,
        offer: query.offer,
        after: page.cursor_id()?,
        limit: page.fetch_limit(),
    };
    let (actor, agreement_query) = (&caller.actor, &agreement_query);
    let agreements = state
        .app
        .read(|tx| async move { app::agreements::list(&tx, actor, agreement_query).await })
        .await?;
    let bodies: Vec<AgreementBody> = agreements.into_iter().map(AgreementBody::from).collect();
    let path = path_with_filters(
        "/api/v1/agreements",
        &[
            ("state", query.state.clone()),
            ("supplier", query.supplier.clone()),
            ("recipient", query.recipient.clone()),
            ("offer", query.offer.map(|id| id.to_string())),
        ],
    )?;
    Ok(page.page_with_owned_keys(bodies, |agreement| agreement.id.to_string(), &path))
}

/// One agreement, with the doses delivered against it.
#[utoipa::path(
    get,
    path = "/api/v1/agreements/{id}",
    tag = "talking and agreeing",
    params(("id" = i64, Path, description = "The agreement's id.")),
    responses(
        (status = 200, description = "The agreement.", body = AgreementBody),
        (status = 404, description = "No such agreement that the caller can see.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn get_agreement(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<AgreementBody>, ApiError> {
    let actor = &caller.actor;
    let agreement = state
        .app
        .read(|tx| async move { app::agreements::view(&tx, actor, id).await })
        .await?;
    Ok(Json(AgreementBody::from(agreement)))
}

async fn act(
    state: &AppState,
    caller: &Caller,
    headers: &HeaderMap,
    id: i64,
    action: AgreementAction,
) -> Result<Response, ApiError> {
    let now = state.app.now();
    let actor = &caller.actor;
    let route = format!("POST /api/v1/agreements/{id}/{action}");
    idempotent::write(state, caller, headers, &route, &(), |tx| async move {
        let agreement = app::agreements::act(&tx, now, actor, id, action).await?;
        idempotent::answer(StatusCode::OK, &AgreementBody::from(agreement))
    })
    .await
}

/// Signs a proposed agreement (an official of the party that did not propose it).
#[utoipa::path(
    post,
    path = "/api/v1/agreements/{id}/sign",
    tag = "talking and agreeing",
    params(("id" = i64, Path, description = "The agreement's id."), ("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request safe: one effect, the first answer again.")),
    responses(
        (status = 200, description = "The agreement, signed; the other party is notified.", body = AgreementBody),
        (status = 403, description = "Not an official of the party that did not propose it.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such agreement that the caller can see.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The agreement is not proposed (`invalid_state`).", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn sign_agreement(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, ApiError> {
    act(&state, &caller, &headers, id, AgreementAction::Sign).await
}

/// Cancels an agreement (an official of either party) while no shipment is planned against
/// it; doses taken from an offer go back to it.
#[utoipa::path(
    post,
    path = "/api/v1/agreements/{id}/cancel",
    tag = "talking and agreeing",
    params(("id" = i64, Path, description = "The agreement's id."), ("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request safe: one effect, the first answer again.")),
    responses(
        (status = 200, description = "The agreement, cancelled.", body = AgreementBody),
        (status = 403, description = "Not an official of one of its parties.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such agreement that the caller can see.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The agreement is cancelled or completed, or shipments are planned against it (`invalid_state`).", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn cancel_agreement(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, ApiError> {
    act(&state, &caller, &headers, id, AgreementAction::Cancel).await
}
