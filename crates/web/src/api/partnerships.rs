//! Partnerships for local production: `POST /api/v1/partnerships` (the manufacturer or the
//! partner proposes), `negotiate`, `agree`, `start_production`, `abandon` (either side, each
//! one stage on); public, like every commitment of the forum.

use app::partnerships::NewPartnershipInput;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use domain::cooperation::partnership::{PartnershipAction, PartnershipStage};
use domain::ledger::PartyCode;
use serde::{Deserialize, Serialize};
use store::agreements::Partnership;
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::auth::Caller;
use crate::error::{ApiError, Problem};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::idempotent;
use crate::pagination::{Page, PageRequest, path_with_filters};

/// A partnership as the API shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PartnershipBody {
    /// Its id.
    pub id: i64,
    /// The manufacturer whose product is made locally.
    pub manufacturer: String,
    /// The partner that produces.
    pub partner: String,
    /// The product.
    pub product: String,
    /// Where.
    pub site: String,
    /// `fill_finish` or `technology_transfer`.
    pub kind: String,
    /// Doses a year once producing.
    pub capacity_per_year: i64,
    /// `proposed`, `negotiating`, `agreed`, `producing` or `abandoned`.
    pub stage: String,
    /// Who proposed it.
    pub proposed_by: String,
    /// When it was proposed (UTC).
    pub created_at: String,
    /// When its stage last changed (UTC).
    pub updated_at: String,
}

impl From<Partnership> for PartnershipBody {
    fn from(partnership: Partnership) -> Self {
        Self {
            id: partnership.id,
            manufacturer: partnership.manufacturer.into(),
            partner: partnership.partner.into(),
            product: partnership.product.into(),
            site: partnership.site,
            kind: partnership.kind.as_str().into(),
            capacity_per_year: partnership.capacity_per_year,
            stage: partnership.stage.as_str().into(),
            proposed_by: partnership.proposed_by.into(),
            created_at: partnership.created_at.to_string(),
            updated_at: partnership.updated_at.to_string(),
        }
    }
}

/// Proposes a partnership between the caller's party and another.
#[utoipa::path(
    post,
    path = "/api/v1/partnerships",
    tag = "talking and agreeing",
    request_body = NewPartnershipInput,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request safe: one effect, the first answer again.")),
    responses(
        (status = 201, description = "The partnership, proposed.", body = PartnershipBody),
        (status = 403, description = "Not an official of the manufacturer or the partner.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn create_partnership(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    ApiJson(request): ApiJson<NewPartnershipInput>,
) -> Result<Response, ApiError> {
    let now = state.app.now();
    let (actor, input) = (&caller.actor, &request);
    idempotent::write(
        &state,
        &caller,
        &headers,
        "POST /api/v1/partnerships",
        &request,
        |tx| async move {
            let partnership = app::partnerships::create(&tx, now, actor, input).await?;
            idempotent::answer(StatusCode::CREATED, &PartnershipBody::from(partnership))
        },
    )
    .await
}

/// Filters of `GET /api/v1/partnerships`.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PartnershipsQuery {
    /// `proposed`, `negotiating`, `agreed`, `producing` or `abandoned`.
    pub stage: Option<String>,
    /// A party on either side.
    pub party: Option<String>,
    /// Items per page, 1 to 500; 100 by default.
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<usize>,
    /// The previous page's `Next-Cursor`.
    #[param(min_length = 1)]
    pub cursor: Option<String>,
}

/// Partnerships, by id (public).
#[utoipa::path(
    get,
    path = "/api/v1/partnerships",
    tag = "talking and agreeing",
    params(PartnershipsQuery),
    responses((status = 200, description = "A page of partnerships.", body = Vec<PartnershipBody>))
)]
pub async fn list_partnerships(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<PartnershipsQuery>,
) -> Result<Page<PartnershipBody>, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor.clone())?;
    let stage = query
        .stage
        .as_deref()
        .map(PartnershipStage::parse)
        .transpose()
        .map_err(|message| ApiError::invalid("stage", message))?;
    let party = query
        .party
        .as_deref()
        .map(PartyCode::parse)
        .transpose()
        .map_err(|error| ApiError::invalid("party", error.to_string()))?;
    let (after, limit, party) = (page.cursor_id()?, page.fetch_limit(), &party);
    let rows = state
        .app
        .read(|tx| async move {
            app::partnerships::list(&tx, stage, party.as_ref(), after, limit).await
        })
        .await?;
    let bodies: Vec<PartnershipBody> = rows.into_iter().map(PartnershipBody::from).collect();
    let path = path_with_filters(
        "/api/v1/partnerships",
        &[
            ("stage", query.stage.clone()),
            ("party", query.party.clone()),
        ],
    )?;
    Ok(page.page_with_owned_keys(bodies, |row| row.id.to_string(), &path))
}

/// One partnership (public).
#[utoipa::path(
    get,
    path = "/api/v1/partnerships/{id}",
    tag = "talking and agreeing",
    params(("id" = i64, Path, description = "The partnership's id.")),
    responses(
        (status = 200, description = "The partnership.", body = PartnershipBody),
        (status = 404, description = "No such partnership.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_partnership(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<PartnershipBody>, ApiError> {
    let partnership = state
        .app
        .read(|tx| async move { app::partnerships::found(&tx, id).await })
        .await?;
    Ok(Json(PartnershipBody::from(partnership)))
}

async fn act(
    state: &AppState,
    caller: &Caller,
    headers: &HeaderMap,
    id: i64,
    action: PartnershipAction,
) -> Result<Response, ApiError> {
    let now = state.app.now();
    let actor = &caller.actor;
    let route = format!("POST /api/v1/partnerships/{id}/{action}");
    idempotent::write(state, caller, headers, &route, &(), |tx| async move {
        let partnership = app::partnerships::act(&tx, now, actor, id, action).await?;
        idempotent::answer(StatusCode::OK, &PartnershipBody::from(partnership))
    })
    .await
}

macro_rules! stage_route {
    ($name:ident, $action:expr, $path:literal, $doc:literal, $conflict:literal) => {
        #[doc = $doc]
        #[utoipa::path(
            post,
            path = $path,
            tag = "talking and agreeing",
            params(("id" = i64, Path, description = "The partnership's id."), ("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request safe: one effect, the first answer again.")),
            responses(
                (status = 200, description = "The partnership at its new stage; the other side is notified.", body = PartnershipBody),
                (status = 403, description = "Not an official of the manufacturer or the partner.", body = Problem, content_type = "application/problem+json"),
                (status = 404, description = "No such partnership.", body = Problem, content_type = "application/problem+json"),
                (status = 409, description = $conflict, body = Problem, content_type = "application/problem+json"),
            ),
            security(("bearer" = []), ("session" = []))
        )]
        pub async fn $name(
            State(state): State<AppState>,
            caller: Caller,
            headers: HeaderMap,
            ApiPath(id): ApiPath<i64>,
        ) -> Result<Response, ApiError> {
            act(&state, &caller, &headers, id, $action).await
        }
    };
}

stage_route!(
    negotiate_partnership,
    PartnershipAction::Negotiate,
    "/api/v1/partnerships/{id}/negotiate",
    "Moves a proposed partnership to `negotiating` (either side).",
    "The partnership is not proposed (`invalid_state`)."
);
stage_route!(
    agree_partnership,
    PartnershipAction::Agree,
    "/api/v1/partnerships/{id}/agree",
    "Moves a partnership being negotiated to `agreed` (either side).",
    "The partnership is not negotiating (`invalid_state`)."
);
stage_route!(
    start_partnership_production,
    PartnershipAction::StartProduction,
    "/api/v1/partnerships/{id}/start_production",
    "Moves an agreed partnership to `producing` (either side).",
    "The partnership is not agreed (`invalid_state`)."
);
stage_route!(
    abandon_partnership,
    PartnershipAction::Abandon,
    "/api/v1/partnerships/{id}/abandon",
    "Abandons a partnership before it produces (either side).",
    "The partnership produces already or was abandoned (`invalid_state`)."
);
