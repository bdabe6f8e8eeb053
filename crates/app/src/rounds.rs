//! Allocation rounds: an organization pools its lots and open requests (`create`, `replace`),
//! and `compute` turns them into the engine's input exactly as `cooperation.md` says, runs
//! the engine and stores its answer as the round's proposal. Anyone who may read a round
//! may recompute it from its input with `equidose allocate`.

use std::collections::BTreeSet;

use chrono::Duration;
use domain::access::{Action, Actor, may, sees_round};
use domain::audit::{AuditAction, ObjectKind, ObjectRef};
use domain::cooperation::request::RequestState;
use domain::cooperation::round::{self, RoundState};
use domain::ledger::{AccountState, LotId, PartyCode};
use domain::time::Timestamp;
use serde::{Deserialize, Serialize};
use store::Tx;
use store::ledger::BalanceFilter;
use store::rounds::{PooledLot, Round, RoundContents};

use crate::requests::{changed_meanwhile, invalid_state, parse_day};
use crate::{AppError, Fields, audit};

/// Days of reported administrations a country's recent daily rate is the mean of, when its
/// request gives no absorption.
pub const REFERENCE_RATE_DAYS: i64 = 28;
/// The most lots and requests one round pools.
pub const ROUND_ITEMS_MAX: usize = 20_000;

/// Doses of a lot to pool.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoundLotInput {
    /// The lot's id.
    pub lot: i64,
    /// Who holds the doses: the organization itself (the default). Another holder's doses
    /// enter a round only through its redistribution proposal.
    pub holder: Option<String>,
    /// How many: by default the holder's whole available balance of the lot.
    pub doses: Option<i64>,
}

/// A round's contents, as its organization's official gives them.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoundInput {
    /// The round's day (YYYY-MM-DD).
    #[schema(example = "2021-08-06")]
    pub date: String,
    /// The default target, doses per 100 people.
    #[schema(value_type = Option<f64>, example = 20.0)]
    pub target_per_100: Option<serde_json::Number>,
    /// The lots pooled.
    pub lots: Vec<RoundLotInput>,
    /// The ids of the open requests it serves.
    pub requests: Vec<i64>,
}

fn not_found(id: i64) -> AppError {
    AppError::NotFound(format!("there is no round {id} that you can see"))
}

async fn contents(tx: &Tx, actor: &Actor, input: &RoundInput) -> Result<RoundContents, AppError> {
    let mut fields = Fields::new();
    let date = fields.check("date", parse_day(&input.date));
    if let Some(target) = &input.target_per_100
        && !target
            .as_f64()
            .is_some_and(|value| value > 0.0 && value <= 1_000.0)
    {
        fields.push(
            "target_per_100",
            "must be a number of doses per 100 people above 0, at most 1,000",
        );
    }
    if input.lots.len() > ROUND_ITEMS_MAX || input.requests.len() > ROUND_ITEMS_MAX {
        fields.push(
            "",
            format!("a round pools at most {ROUND_ITEMS_MAX} lots and {ROUND_ITEMS_MAX} requests"),
        );
    }
    let mut lots = Vec::new();
    let mut seen_lots = BTreeSet::new();
    for (index, pooled) in input.lots.iter().enumerate() {
        let field = format!("lots[{index}]");
        let holder = match pooled.holder.as_deref().map(PartyCode::parse).transpose() {
            Ok(holder) => holder.unwrap_or_else(|| actor.party.clone()),
            Err(error) => {
                fields.push(&format!("{field}.holder"), error.to_string());
                continue;
            }
        };
        if holder != actor.party {
            fields.push(&format!("{field}.holder"), "another holder's doses enter a round only through that holder's redistribution proposal");
            continue;
        }
        if !seen_lots.insert(pooled.lot) {
            fields.push(
                &format!("{field}.lot"),
                format!("lot {} is pooled twice", pooled.lot),
            );
            continue;
        }
        let available: i64 = tx
            .balances(&BalanceFilter {
                holder: Some(holder.clone()),
                lot: Some(LotId(pooled.lot)),
                state: Some(AccountState::Available),
                limit: 1,
                ..BalanceFilter::default()
            })
            .await?
            .first()
            .map_or(0, |balance| balance.doses);
        let doses = pooled.doses.unwrap_or(available);
        if doses <= 0 || doses > available {
            fields.push(
                &format!("{field}.doses"),
                format!(
                    "{holder} holds {available} available doses of lot {}; pool 1 to {available}",
                    pooled.lot
                ),
            );
            continue;
        }
        lots.push(PooledLot {
            lot: LotId(pooled.lot),
            holder,
            doses,
        });
    }
    let mut countries = BTreeSet::new();
    for (index, id) in input.requests.iter().enumerate() {
        let field = format!("requests[{index}]");
        match tx.request(*id).await? {
            Some(request) if request.state != RequestState::Open => fields.push(
                &field,
                format!(
                    "request {id} is {}: only open requests are served",
                    request.state
                ),
            ),
            Some(request) if !countries.insert(request.country.clone()) => {
                fields.push(
                    &field,
                    format!(
                        "{} has two requests in this round; a round serves one per country",
                        request.country
                    ),
                );
            }
            Some(_) => {}
            None => fields.push(&field, format!("there is no request {id}")),
        }
    }
    fields.finish()?;
    let Some(date) = date else {
        return Err(AppError::invalid("date", "is required"));
    };
    Ok(RoundContents {
        date,
        target_per_100: input.target_per_100.as_ref().map(ToString::to_string),
        lots,
        requests: input.requests.clone(),
    })
}

/// Opens a draft round of the actor's organization.
pub async fn create(
    tx: &Tx,
    now: Timestamp,
    actor: &Actor,
    input: &RoundInput,
) -> Result<Round, AppError> {
    may(actor, &Action::CreateRound)?;
    let contents = contents(tx, actor, input).await?;
    let id = tx.create_round(&actor.party, &contents, now).await?;
    audit::record(tx, Some(actor), now, AuditAction::RoundCreated, ObjectRef::new(ObjectKind::Round, id), Vec::new(),
        serde_json::json!({"date": contents.date, "lots": contents.lots.len(), "requests": contents.requests})).await?;
    tx.round(id).await?.ok_or_else(|| not_found(id))
}

/// Replaces a draft round's contents (its organization); the old proposal is dropped.
pub async fn replace(
    tx: &Tx,
    now: Timestamp,
    actor: &Actor,
    id: i64,
    input: &RoundInput,
) -> Result<Round, AppError> {
    let current = view(tx, Some(actor), id).await?;
    may(
        actor,
        &Action::EditRound {
            organization: current.organization.clone(),
        },
    )?;
    round::editable(id, current.state, "changed").map_err(invalid_state)?;
    let contents = contents(tx, actor, input).await?;
    if !tx.replace_round(id, &contents, now).await? {
        return Err(changed_meanwhile("round", id));
    }
    audit::record(tx, Some(actor), now, AuditAction::RoundChanged, ObjectRef::new(ObjectKind::Round, id), Vec::new(),
        serde_json::json!({"date": contents.date, "lots": contents.lots.len(), "requests": contents.requests})).await?;
    tx.round(id).await?.ok_or_else(|| not_found(id))
}

/// The parties a round's draft may be read by besides its organization: the holders in its
/// pool and the countries of its requests.
async fn involved(tx: &Tx, round: &Round) -> Result<Vec<PartyCode>, AppError> {
    let mut parties: Vec<PartyCode> = round
        .lots
        .iter()
        .map(|pooled| pooled.holder.clone())
        .collect();
    for id in &round.requests {
        if let Some(request) = tx.request(*id).await? {
            parties.push(request.country);
        }
    }
    Ok(parties)
}

/// The round, if `actor` (none: anonymous) may read it.
pub async fn view(tx: &Tx, actor: Option<&Actor>, id: i64) -> Result<Round, AppError> {
    let round = tx.round(id).await?.ok_or_else(|| not_found(id))?;
    let parties = involved(tx, &round).await?;
    if sees_round(
        actor,
        &round.organization,
        &parties,
        round.state != RoundState::Draft,
    ) {
        Ok(round)
    } else {
        Err(not_found(id))
    }
}

/// The engine's input for the round as it stands, exactly as `cooperation.md` builds it.
pub async fn engine_input(tx: &Tx, round: &Round) -> Result<serde_json::Value, AppError> {
    let date = round.date;
    let totals = tx.totals_on(date).await?;
    let totals_before = tx
        .totals_on(date - Duration::days(REFERENCE_RATE_DAYS))
        .await?;
    let after_the_date = Timestamp::start_of(date + Duration::days(1));
    let mut recipients = Vec::new();
    for id in &round.requests {
        let request = tx.request(*id).await?.ok_or_else(|| {
            AppError::Internal(format!(
                "round {} names request {id}, which is gone",
                round.id
            ))
        })?;
        let country = tx.party(request.country.as_str()).await?;
        let Some(population) = country.and_then(|party| party.population) else {
            return Err(AppError::Conflict {
                code: "reference_data_incomplete",
                detail: format!(
                    "{} has no population in the reference data; it cannot be allocated to",
                    request.country
                ),
            });
        };
        let code = domain::country::CountryCode::parse(request.country.as_str()).ok();
        let reported = code
            .as_ref()
            .and_then(|code| totals.get(code))
            .copied()
            .unwrap_or(0);
        let received = tx.received_since(&request.country, after_the_date).await?;
        let mut recipient = serde_json::json!({
            "id": request.country.as_str(),
            "population": population,
            "doses_received": reported + received,
            "max_doses": (request.doses - request.doses_allocated).max(0),
            "start": date + Duration::days(request.lead_time_days.unwrap_or(0)),
        });
        let Some(fields) = recipient.as_object_mut() else {
            return Err(AppError::Internal("a recipient is an object".into()));
        };
        // The request's absorption, else the country's mean daily administrations over the
        // 28 days before the round in the reference data; neither: no limit.
        let recent = code
            .as_ref()
            .map(|code| {
                totals.get(code).copied().unwrap_or(0)
                    - totals_before.get(code).copied().unwrap_or(0)
            })
            .unwrap_or(0);
        match request.absorption_per_day {
            Some(rate) => {
                fields.insert("absorption_per_day".into(), rate.into());
            }
            None if recent > 0 => {
                fields.insert(
                    "absorption_per_day".into(),
                    (recent / REFERENCE_RATE_DAYS).max(1).into(),
                );
            }
            None => {}
        }
        if let Some(target) = request
            .target_per_100
            .as_deref()
            .and_then(|text| text.parse::<serde_json::Number>().ok())
        {
            fields.insert("target_per_100".into(), target.into());
        }
        if let Some(days) = request.min_shelf_life_days {
            fields.insert("min_shelf_days".into(), days.into());
        }
        if let Some(products) = &request.products {
            fields.insert(
                "products".into(),
                products
                    .iter()
                    .map(|code| serde_json::Value::from(code.as_str()))
                    .collect(),
            );
        }
        recipients.push(recipient);
    }
    let mut lots = Vec::new();
    for pooled in &round.lots {
        let lot = tx.lot(pooled.lot).await?.ok_or_else(|| {
            AppError::Internal(format!(
                "round {} pools lot {}, which is gone",
                round.id, pooled.lot.0
            ))
        })?;
        lots.push(serde_json::json!({
            "id": lot_key(pooled.lot, &pooled.holder),
            "product": lot.product.as_str(),
            "doses": pooled.doses,
            "expiry": lot.expiry,
        }));
    }
    let mut input = serde_json::json!({"date": date, "recipients": recipients, "lots": lots});
    if let (Some(target), Some(fields)) = (
        round
            .target_per_100
            .as_deref()
            .and_then(|text| text.parse::<serde_json::Number>().ok()),
        input.as_object_mut(),
    ) {
        fields.insert("target_per_100".into(), target.into());
    }
    Ok(input)
}

/// The engine's id of a pooled lot: its id and its holder, `7@covax`.
pub fn lot_key(lot: LotId, holder: &PartyCode) -> String {
    format!("{}@{holder}", lot.0)
}

/// Computes a draft's proposal: builds the engine's input, runs the engine, and stores both.
pub async fn compute(tx: &Tx, now: Timestamp, actor: &Actor, id: i64) -> Result<Round, AppError> {
    let current = view(tx, Some(actor), id).await?;
    may(
        actor,
        &Action::EditRound {
            organization: current.organization.clone(),
        },
    )?;
    round::editable(id, current.state, "computed").map_err(invalid_state)?;
    let input = engine_input(tx, &current).await?.to_string();
    let problem = allocation::parse_problem(&input).map_err(|error| AppError::Conflict {
        code: "round_not_computable",
        detail: format!("the round's pool and requests do not make an allocation problem: {error}"),
    })?;
    let solution = allocation::solve(&problem);
    let proposal =
        serde_json::to_string(&solution).map_err(|error| AppError::Internal(error.to_string()))?;
    if !tx.set_round_proposal(id, &input, &proposal, now).await? {
        return Err(changed_meanwhile("round", id));
    }
    audit::record(tx, Some(actor), now, AuditAction::RoundComputed, ObjectRef::new(ObjectKind::Round, id), Vec::new(),
        serde_json::json!({"total_doses": solution.total_doses, "recipients": solution.recipients.len()})).await?;
    tx.round(id).await?.ok_or_else(|| not_found(id))
}

/// One country's share of a proposal.
#[derive(Debug, Clone, PartialEq)]
pub struct Share {
    /// Its number in the proposal, from 1, in the order of the round's requests.
    pub share: usize,
    /// The country.
    pub country: PartyCode,
    /// The request it serves.
    pub request: i64,
    /// Doses allocated.
    pub doses: i64,
    /// Doses per 100 people before the round.
    pub coverage_before: f64,
    /// And after it.
    pub coverage_after: f64,
    /// Why it got no more: `cap`, `expiry`, `level` or `supply`.
    pub limited_by: String,
}

/// Doses of one pooled lot and holder, going to a country or left unallocated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LotDoses {
    /// The lot.
    pub lot: LotId,
    /// Its holder.
    pub holder: PartyCode,
    /// The country, for a shipment.
    pub country: Option<PartyCode>,
    /// How many doses.
    pub doses: i64,
}

/// A round's proposal, in the platform's terms.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Proposal {
    /// One share per request.
    pub shares: Vec<Share>,
    /// The doses each lot and holder sends to each country.
    pub shipments: Vec<LotDoses>,
    /// The doses each lot and holder keeps.
    pub unallocated: Vec<LotDoses>,
}

fn split_key(key: &str) -> Option<(LotId, PartyCode)> {
    let (lot, holder) = key.split_once('@')?;
    Some((LotId(lot.parse().ok()?), PartyCode::parse(holder).ok()?))
}

/// The round's proposal, if computed, read back from the engine's answer.
pub async fn proposal(tx: &Tx, round: &Round) -> Result<Option<Proposal>, AppError> {
    let Some(text) = &round.proposal else {
        return Ok(None);
    };
    let corrupt =
        |what: &str| AppError::Internal(format!("round {}'s stored proposal has {what}", round.id));
    let answer: serde_json::Value = serde_json::from_str(text).map_err(|_| corrupt("no JSON"))?;
    let mut requests = Vec::new();
    for id in &round.requests {
        if let Some(request) = tx.request(*id).await? {
            requests.push((request.country, *id));
        }
    }
    let mut proposal = Proposal::default();
    for (index, recipient) in answer["recipients"]
        .as_array()
        .ok_or_else(|| corrupt("no recipients"))?
        .iter()
        .enumerate()
    {
        let country = recipient["id"]
            .as_str()
            .and_then(|code| PartyCode::parse(code).ok())
            .ok_or_else(|| corrupt("a bad recipient"))?;
        let request = requests
            .iter()
            .find(|(code, _)| *code == country)
            .map(|(_, id)| *id)
            .ok_or_else(|| corrupt("an unknown recipient"))?;
        proposal.shares.push(Share {
            share: index + 1,
            country,
            request,
            doses: recipient["doses"]
                .as_i64()
                .ok_or_else(|| corrupt("bad doses"))?,
            coverage_before: recipient["coverage_before"].as_f64().unwrap_or_default(),
            coverage_after: recipient["coverage_after"].as_f64().unwrap_or_default(),
            limited_by: recipient["limited_by"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
        });
    }
    for (list, with_country) in [("shipments", true), ("unallocated", false)] {
        for entry in answer[list].as_array().ok_or_else(|| corrupt(list))? {
            let (lot, holder) = entry["lot"]
                .as_str()
                .and_then(split_key)
                .ok_or_else(|| corrupt("a bad lot"))?;
            let country = if with_country {
                Some(
                    entry["recipient"]
                        .as_str()
                        .and_then(|code| PartyCode::parse(code).ok())
                        .ok_or_else(|| corrupt("a bad recipient"))?,
                )
            } else {
                None
            };
            let doses = entry["doses"]
                .as_i64()
                .ok_or_else(|| corrupt("bad doses"))?;
            let target = if with_country {
                &mut proposal.shipments
            } else {
                &mut proposal.unallocated
            };
            target.push(LotDoses {
                lot,
                holder,
                country,
                doses,
            });
        }
    }
    Ok(Some(proposal))
}
