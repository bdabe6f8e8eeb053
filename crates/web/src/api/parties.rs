//! `GET /api/v1/parties` and `GET /api/v1/parties/{code}`: the public facts of parties.
//!
//! Countries come from the reference data; administrators add manufacturers and organizations.

use axum::Json;
use axum::extract::State;
use domain::country::{Country, IncomeGroup};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::AppState;
use crate::error::{ApiError, Problem};
use crate::extract::{ApiPath, ApiQuery};
use crate::pagination::{Page, PageQuery, PageRequest};

/// What kind of party.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PartyKind {
    /// A country, with a population and an income group.
    Country,
    /// A vaccine maker, with products and lots.
    Manufacturer,
    /// WHO, UNICEF or a pooled-procurement facility.
    Organization,
}

/// A World Bank income group, named as in the classification file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub enum IncomeGroupName {
    /// `Low income`: a gross national income per person of at most 1,045 US dollars in 2020.
    #[serde(rename = "Low income")]
    Low,
    /// `Lower middle income`: 1,046 to 4,095 US dollars per person in 2020.
    #[serde(rename = "Lower middle income")]
    LowerMiddle,
    /// `Upper middle income`: 4,096 to 12,695 US dollars per person in 2020.
    #[serde(rename = "Upper middle income")]
    UpperMiddle,
    /// `High income`: more than 12,695 US dollars per person in 2020.
    #[serde(rename = "High income")]
    High,
}

impl From<IncomeGroup> for IncomeGroupName {
    fn from(group: IncomeGroup) -> Self {
        match group {
            IncomeGroup::Low => Self::Low,
            IncomeGroup::LowerMiddle => Self::LowerMiddle,
            IncomeGroup::UpperMiddle => Self::UpperMiddle,
            IncomeGroup::High => Self::High,
        }
    }
}

/// A party's public facts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Party {
    /// Unique among parties; for a country its ISO 3166-1 alpha-3 code.
    #[schema(example = "ETH")]
    pub code: String,
    /// What kind of party it is.
    pub kind: PartyKind,
    /// The party's display name.
    #[schema(example = "Ethiopia")]
    pub name: String,
    /// People living there (countries only; null where the sources have no figure).
    pub population: Option<i64>,
    /// Countries only; null for the few places the classification does not cover.
    pub income_group: Option<IncomeGroupName>,
}

impl From<domain::party::Party> for Party {
    fn from(party: domain::party::Party) -> Self {
        Self {
            code: party.code.as_str().to_owned(),
            kind: match party.kind {
                domain::party::PartyKind::Country => PartyKind::Country,
                domain::party::PartyKind::Manufacturer => PartyKind::Manufacturer,
                domain::party::PartyKind::Organization => PartyKind::Organization,
            },
            name: party.name,
            population: party.population,
            income_group: party.income_group.map(IncomeGroupName::from),
        }
    }
}

impl From<Country> for Party {
    fn from(country: Country) -> Self {
        Self {
            code: country.code.to_string(),
            kind: PartyKind::Country,
            name: country.name,
            population: country.population,
            income_group: country.income_group.map(IncomeGroupName::from),
        }
    }
}

/// Parties by code, a page at a time.
#[utoipa::path(
    get,
    path = "/api/v1/parties",
    tag = "parties",
    params(PageQuery),
    responses(
        (status = 200, description = "A page of parties, by code.", body = Vec<Party>,
            headers(
                ("Link" = String, description = "`<…>; rel=\"next\"`: the next page, while more remain."),
                ("Next-Cursor" = String, description = "The cursor of the next page, while more remain."),
            )),
        (status = 422, description = "An invalid `limit` or `cursor`.", body = Problem,
            content_type = "application/problem+json"),
    )
)]
pub async fn list_parties(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> Result<Page<Party>, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor)?;
    let (after, limit) = (page.cursor.as_deref(), page.fetch_limit());
    let parties: Vec<Party> = state
        .app
        .read(|tx| async move { Ok(tx.parties(after, limit).await?) })
        .await?
        .into_iter()
        .map(Party::from)
        .collect();
    Ok(page.page(parties, |party| &party.code, "/api/v1/parties"))
}

/// One party by its code.
#[utoipa::path(
    get,
    path = "/api/v1/parties/{code}",
    tag = "parties",
    params(("code" = String, Path, description = "The party's code.", example = "ETH")),
    responses(
        (status = 200, description = "The party.", body = Party),
        (status = 404, description = "No party has this code.", body = Problem,
            content_type = "application/problem+json"),
    )
)]
pub async fn get_party(
    State(state): State<AppState>,
    ApiPath(code): ApiPath<String>,
) -> Result<Json<Party>, ApiError> {
    let wanted = code.as_str();
    state
        .app
        .read(|tx| async move { Ok(tx.party(wanted).await?) })
        .await?
        .map(|party| Json(Party::from(party)))
        .ok_or_else(|| ApiError::not_found(format!("No party has the code {code:?}.")))
}
