//! `POST /api/v1/movements` (move doses) and `GET /api/v1/movements` (the journal).

use app::movements::NewMovement;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use domain::ledger::LotId;
use serde::{Deserialize, Serialize};
use store::ledger::Movement;
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::auth::Caller;
use crate::error::{ApiError, Problem};
use crate::extract::{ApiJson, ApiQuery};
use crate::idempotent;
use crate::pagination::{Page, PageRequest};

/// One side of a movement.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SideBody {
    /// The account's holder.
    pub holder: String,
    /// The account's state.
    pub state: String,
}

/// A journal entry.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct JournalEntry {
    /// The entry's place in the journal; entries only ever follow each other.
    pub id: i64,
    /// The movement's kind.
    pub kind: String,
    /// The lot's id.
    pub lot: i64,
    /// How many doses.
    pub doses: i64,
    /// Null for a release, whose doses come from outside the ledger.
    pub from: Option<SideBody>,
    /// The account credited.
    pub to: SideBody,
    /// Why, where given.
    pub reason: Option<String>,
    /// When it was recorded (UTC, RFC 3339 with milliseconds).
    pub recorded_at: String,
}

impl From<Movement> for JournalEntry {
    fn from(movement: Movement) -> Self {
        let side = |side: store::ledger::Side| SideBody {
            holder: side.holder.as_str().into(),
            state: side.state.as_str().into(),
        };
        Self {
            id: movement.id,
            kind: movement.kind.as_str().into(),
            lot: movement.lot.0,
            doses: movement.doses,
            from: movement.from.map(side),
            to: side(movement.to),
            reason: movement.reason,
            recorded_at: movement.recorded_at.to_string(),
        }
    }
}

/// Moves doses of a lot out of one of the caller's accounts.
#[utoipa::path(
    post,
    path = "/api/v1/movements",
    tag = "ledger",
    request_body = NewMovement,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request safe: one effect, the first answer again.")),
    responses(
        (status = 201, description = "The journal entry.", body = JournalEntry),
        (status = 401, description = "Not signed in.", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an official, a kind of movement the party may not make (only countries administer), or a cookie request without its CSRF token.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such lot that the caller can see.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The source balance is too small (`insufficient_balance`).", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, or a movement the ledger's rules refuse, with its rule as `code` (`lot_expired` after the lot's expiry).", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn create_movement(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    ApiJson(request): ApiJson<NewMovement>,
) -> Result<Response, ApiError> {
    let now = state.app.now();
    let (actor, input) = (&caller.actor, &request);
    idempotent::write(
        &state,
        &caller,
        &headers,
        "POST /api/v1/movements",
        &request,
        |tx| async move {
            let entry = app::movements::record(&tx, now, actor, input).await?;
            idempotent::answer(StatusCode::CREATED, &JournalEntry::from(entry))
        },
    )
    .await
}

/// Filters of `GET /api/v1/movements`.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct MovementsQuery {
    /// A lot id; organizations may leave it out to read the whole journal.
    pub lot: Option<i64>,
    /// Items per page, 1 to 500; 100 by default.
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<usize>,
    /// The previous page's `Next-Cursor`.
    #[param(min_length = 1)]
    pub cursor: Option<String>,
}

/// The journal of a lot as the caller may read it, oldest first: all of it for its
/// manufacturer and organizations, the entries into or out of the caller's own accounts
/// for another holder.
#[utoipa::path(
    get,
    path = "/api/v1/movements",
    tag = "ledger",
    params(MovementsQuery),
    responses(
        (status = 200, description = "A page of journal entries, oldest first.", body = Vec<JournalEntry>),
        (status = 401, description = "Not signed in.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such lot that the caller can see.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`lot` missing for a party that is not an organization, or a bad cursor.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn list_movements(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<MovementsQuery>,
) -> Result<Page<JournalEntry>, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor.clone())?;
    let (after, limit, actor, lot) = (
        page.cursor_id()?,
        page.fetch_limit(),
        &caller.actor,
        query.lot.map(LotId),
    );
    let entries = state
        .app
        .read(|tx| async move { app::movements::journal(&tx, actor, lot, after, limit).await })
        .await?;
    let entries: Vec<JournalEntry> = entries.into_iter().map(JournalEntry::from).collect();
    let path = match query.lot {
        Some(lot) => format!("/api/v1/movements?lot={lot}"),
        None => "/api/v1/movements".to_owned(),
    };
    Ok(page.page_with_owned_keys(entries, |entry| entry.id.to_string(), &path))
}
