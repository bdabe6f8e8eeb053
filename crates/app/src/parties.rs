//! Parties: administrators create manufacturers, organizations and countries.

use domain::access::{Action, Actor, may};
use domain::audit::{AuditAction, ObjectKind, ObjectRef};
use domain::country::{CountryCode, IncomeGroup};
use domain::ledger::PartyCode;
use domain::party::{self, Party, PartyKind};
use domain::time::Timestamp;
use serde::{Deserialize, Serialize};
use store::Tx;

use crate::{AppError, Fields, audit};

/// A party to create.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewParty {
    /// `country`, `manufacturer` or `organization`.
    #[schema(example = "manufacturer")]
    pub kind: String,
    /// A country's ISO 3166-1 alpha-3 code, or a lowercase slug (`serum-institute`).
    #[schema(example = "serum-institute")]
    pub code: String,
    /// Its name.
    #[schema(example = "Serum Institute of India")]
    pub name: String,
    /// Countries only.
    pub population: Option<i64>,
    /// Countries only: `Low income`, `Lower middle income`, `Upper middle income`, `High income`.
    pub income_group: Option<String>,
}

/// Checks a party to create; what the administrators' API and the bootstrap share.
pub fn validate(input: &NewParty) -> Result<Party, AppError> {
    let mut fields = Fields::new();
    let kind = fields.check("kind", PartyKind::parse(&input.kind));
    let code = fields.check("code", PartyCode::parse(&input.code));
    fields.check("name", party::check_name(&input.name));
    let income_group = match &input.income_group {
        Some(name) => fields.check("income_group", IncomeGroup::parse(name)),
        None => None,
    };
    if let Some(population) = input.population
        && !(1..=party::POPULATION_MAX).contains(&population)
    {
        fields.push("population", "must be a whole number of people above zero");
    }
    if let (Some(kind), Some(code)) = (kind, &code) {
        let is_country_code = CountryCode::parse(code.as_str()).is_ok();
        if kind == PartyKind::Country && !is_country_code {
            fields.push(
                "code",
                "a country's code is its ISO 3166-1 alpha-3 code, like ETH",
            );
        }
        if kind != PartyKind::Country && is_country_code {
            fields.push(
                "code",
                "country codes are for countries; use a lowercase slug, like unicef",
            );
        }
        if kind != PartyKind::Country
            && (input.population.is_some() || input.income_group.is_some())
        {
            fields.push(
                "population",
                "population and income group are for countries only",
            );
        }
    }
    fields.finish()?;
    match (kind, code) {
        (Some(kind), Some(code)) => Ok(Party {
            code,
            kind,
            name: input.name.trim().to_owned(),
            population: input.population,
            income_group,
        }),
        _ => Err(AppError::invalid("", "a party needs a kind and a code")),
    }
}

/// Creates a party (administrators).
pub async fn create(
    tx: &Tx,
    now: Timestamp,
    actor: &Actor,
    input: &NewParty,
) -> Result<Party, AppError> {
    may(actor, &Action::CreateParty)?;
    let party = validate(input)?;
    create_as(tx, now, Some(actor), &party).await?;
    Ok(party)
}

/// Creates a party for `actor`, or for the system (bootstrap, demo) when `None`; no policy
/// check: callers have made it.
pub async fn create_as(
    tx: &Tx,
    now: Timestamp,
    actor: Option<&Actor>,
    party: &Party,
) -> Result<(), AppError> {
    tx.create_party(party).await?;
    audit::record(
        tx,
        actor,
        now,
        AuditAction::PartyCreated,
        ObjectRef::new(ObjectKind::Party, &party.code),
        vec![party.code.clone()],
        serde_json::json!({"kind": party.kind.as_str(), "name": party.name,
            "population": party.population, "income_group": party.income_group.map(IncomeGroup::name)}),
    )
    .await
}

/// Every party's display name by code, for public pages that name donors, recipients and
/// organizations (names are public; nothing else of a party is read here).
pub async fn names(tx: &Tx) -> Result<std::collections::BTreeMap<PartyCode, String>, AppError> {
    let mut names = std::collections::BTreeMap::new();
    let mut after: Option<String> = None;
    loop {
        let page = tx.parties(after.as_deref(), crate::LIST_ITEMS_MAX).await?;
        let Some(last) = page.last() else { break };
        after = Some(last.code.as_str().to_owned());
        let full = i64::try_from(page.len()).unwrap_or(i64::MAX) >= crate::LIST_ITEMS_MAX;
        names.extend(page.into_iter().map(|party| (party.code, party.name)));
        if !full {
            break;
        }
    }
    Ok(names)
}
