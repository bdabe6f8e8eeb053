//! `GET /api/v1/balances`: the balances the caller may read.

use app::movements::BalanceQuery;
use axum::extract::State;
use domain::ledger::{AccountState, LotId, PartyCode};
use serde::{Deserialize, Serialize};
use store::ledger::{Balance, BalanceCursor};
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::auth::Caller;
use crate::error::{ApiError, Problem};
use crate::extract::ApiQuery;
use crate::pagination::{Page, PageRequest};

/// A balance: doses of a lot held by a party in a state.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BalanceBody {
    /// Who holds them.
    pub holder: String,
    /// The lot's id.
    pub lot: i64,
    /// `available`, `reserved`, `in_transit`, `administered`, `expired` or `wasted`.
    pub state: String,
    /// How many.
    pub doses: i64,
}

impl From<Balance> for BalanceBody {
    fn from(balance: Balance) -> Self {
        Self {
            holder: balance.holder.as_str().into(),
            lot: balance.lot.0,
            state: balance.state.as_str().into(),
            doses: balance.doses,
        }
    }
}

/// Filters of `GET /api/v1/balances`.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct BalancesQuery {
    /// A party code.
    pub holder: Option<String>,
    /// A lot id.
    pub lot: Option<i64>,
    /// An account state.
    pub state: Option<String>,
    /// Items per page, 1 to 500; 100 by default.
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<usize>,
    /// The previous page's `Next-Cursor`.
    #[param(min_length = 1)]
    pub cursor: Option<String>,
}

fn cursor_of(cursor: &str) -> Result<BalanceCursor, ApiError> {
    let mut parts = cursor.splitn(3, ':');
    let lot = parts.next().and_then(|lot| lot.parse::<i64>().ok());
    let holder = parts
        .next()
        .and_then(|holder| PartyCode::parse(holder).ok());
    let state = parts
        .next()
        .and_then(|state| state.parse::<AccountState>().ok());
    match (lot, holder, state) {
        (Some(lot), Some(holder), Some(state)) => Ok(BalanceCursor {
            lot: LotId(lot),
            holder,
            state,
        }),
        _ => Err(ApiError::invalid(
            "cursor",
            "must be a value from a previous page's Next-Cursor header",
        )),
    }
}

/// The balances the caller may read: its own, and every holder's of the lots it made (all
/// for organizations), by lot, holder and state.
#[utoipa::path(
    get,
    path = "/api/v1/balances",
    tag = "ledger",
    params(BalancesQuery),
    responses(
        (status = 200, description = "A page of balances.", body = Vec<BalanceBody>),
        (status = 401, description = "Not signed in.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A bad filter.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn list_balances(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<BalancesQuery>,
) -> Result<Page<BalanceBody>, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor.clone())?;
    let holder = query
        .holder
        .as_deref()
        .map(PartyCode::parse)
        .transpose()
        .map_err(|error| ApiError::invalid("holder", error.to_string()))?;
    let account_state = query
        .state
        .as_deref()
        .map(str::parse::<AccountState>)
        .transpose()
        .map_err(|error| ApiError::invalid("state", error.to_string()))?;
    let balance_query = BalanceQuery {
        holder,
        lot: query.lot.map(LotId),
        state: account_state,
        after: page.cursor.as_deref().map(cursor_of).transpose()?,
        limit: page.fetch_limit(),
    };
    let (actor, balance_query) = (&caller.actor, &balance_query);
    let balances: Vec<BalanceBody> = state
        .app
        .read(|tx| async move { app::movements::balances(&tx, actor, balance_query).await })
        .await?
        .into_iter()
        .map(BalanceBody::from)
        .collect();
    let path = crate::pagination::path_with_filters(
        "/api/v1/balances",
        &[
            ("holder", query.holder.clone()),
            ("lot", query.lot.map(|lot| lot.to_string())),
            ("state", query.state.clone()),
        ],
    )?;
    Ok(page.page_with_owned_keys(
        balances,
        |balance| format!("{}:{}:{}", balance.lot, balance.holder, balance.state),
        &path,
    ))
}
