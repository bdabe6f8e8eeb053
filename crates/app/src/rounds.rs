//! Allocation rounds: an organization pools its lots and open requests (`create`, `replace`),
//! and `compute` turns them into the engine's input exactly as `cooperation.md` says, runs
//! the engine and stores its answer as the round's proposal. Anyone who may read a round
//! may recompute it from its input with `equidose allocate`.

use std::collections::BTreeSet;

use chrono::{Duration, NaiveDate};
use domain::access::{Action, Actor, may, sees_round};
use domain::audit::{AuditAction, ObjectKind, ObjectRef};
use domain::cooperation::request::RequestState;
use domain::cooperation::round::{self, DeclineReason, RoundState};
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
    /// Who holds the doses: the organization itself (the default), a donor with an open
    /// pledge to the organization (the doses count against that pledge), the holder whose
    /// redistribution proposal opened the round, or a holder of the previous round's pool.
    pub holder: Option<String>,
    /// How many: by default the holder's whole available balance of the lot (for a donor, at
    /// most what its pledges still promise).
    pub doses: Option<i64>,
}

/// A new round, as its organization's official gives it.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoundInput {
    /// The round's day (YYYY-MM-DD).
    #[schema(example = "2021-08-06")]
    pub date: String,
    /// The default target, doses per 100 people.
    #[schema(value_type = Option<f64>, example = 20.0)]
    pub target_per_100: Option<serde_json::Number>,
    /// The lots pooled. Required, unless `after` is given: then what is left of the previous
    /// round's pool (its lots less the doses of shares not declined, at most what each holder
    /// still has available).
    pub lots: Option<Vec<RoundLotInput>>,
    /// The ids of the open requests it serves. Required, unless `after` is given: then the
    /// previous round's requests that are still open, less those whose country declined.
    pub requests: Option<Vec<i64>>,
    /// The published or closed round of the same organization this one follows.
    pub after: Option<i64>,
}

/// A change to a draft round: what is given replaces what was there; what is absent stays.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoundChange {
    /// The round's day (YYYY-MM-DD).
    #[schema(example = "2021-08-06")]
    pub date: Option<String>,
    /// The default target, doses per 100 people.
    #[schema(value_type = Option<f64>, example = 20.0)]
    pub target_per_100: Option<serde_json::Number>,
    /// The lots pooled.
    pub lots: Option<Vec<RoundLotInput>>,
    /// The ids of the open requests it serves.
    pub requests: Option<Vec<i64>>,
}

fn not_found(id: i64) -> AppError {
    AppError::NotFound(format!("there is no round {id} that you can see"))
}

/// Where a round may take doses from besides its organization's own stock.
struct Sources<'a> {
    organization: &'a PartyCode,
    proposed_by: Option<&'a PartyCode>,
    /// The holders of the previous round's pool, with the pledge their doses counted against.
    previous: Vec<(PartyCode, Option<i64>)>,
}

/// A donor's open pledges to an organization, oldest first, with the doses each still
/// promises (pledged less shipped or planned against it).
async fn pledge_room(
    tx: &Tx,
    donor: &PartyCode,
    organization: &PartyCode,
) -> Result<Vec<(i64, i64)>, AppError> {
    let pledges = tx
        .pledges(&store::cooperation::CooperationFilter {
            state: Some("open".into()),
            party: Some(donor.clone()),
            to: Some(organization.clone()),
            limit: i64::MAX,
            ..store::cooperation::CooperationFilter::default()
        })
        .await?;
    let mut room = Vec::new();
    for pledge in pledges {
        let left = pledge.doses - tx.pledge_doses_shipped(pledge.id).await?;
        if left > 0 {
            room.push((pledge.id, left));
        }
    }
    Ok(room)
}

async fn available_of(tx: &Tx, holder: &PartyCode, lot: LotId) -> Result<i64, AppError> {
    Ok(tx
        .balances(&BalanceFilter {
            holder: Some(holder.clone()),
            lot: Some(lot),
            state: Some(AccountState::Available),
            limit: 1,
            ..BalanceFilter::default()
        })
        .await?
        .first()
        .map_or(0, |balance| balance.doses))
}

async fn pooled_lots(
    tx: &Tx,
    sources: &Sources<'_>,
    input: &[RoundLotInput],
    fields: &mut Fields,
) -> Result<Vec<PooledLot>, AppError> {
    let mut lots = Vec::new();
    let mut seen = BTreeSet::new();
    // What each donor's pledges still promise, used up as its lots are pooled.
    let mut rooms: std::collections::BTreeMap<PartyCode, Vec<(i64, i64)>> =
        std::collections::BTreeMap::new();
    for (index, pooled) in input.iter().enumerate() {
        let field = format!("lots[{index}]");
        let holder = match pooled.holder.as_deref().map(PartyCode::parse).transpose() {
            Ok(holder) => holder.unwrap_or_else(|| sources.organization.clone()),
            Err(error) => {
                fields.push(&format!("{field}.holder"), error.to_string());
                continue;
            }
        };
        if !seen.insert((pooled.lot, holder.clone())) {
            fields.push(
                &format!("{field}.lot"),
                format!("lot {} of {holder} is pooled twice", pooled.lot),
            );
            continue;
        }
        let available = available_of(tx, &holder, LotId(pooled.lot)).await?;
        let own = holder == *sources.organization
            || sources.proposed_by == Some(&holder)
            || sources
                .previous
                .iter()
                .any(|(previous, pledge)| *previous == holder && pledge.is_none());
        let (limit, pledge) = if own {
            (available, None)
        } else {
            if !rooms.contains_key(&holder) {
                let room = pledge_room(tx, &holder, sources.organization).await?;
                rooms.insert(holder.clone(), room);
            }
            match rooms
                .get(&holder)
                .and_then(|room| room.iter().find(|(_, left)| *left > 0))
            {
                Some(&(pledge, left)) => (available.min(left), Some(pledge)),
                None => {
                    fields.push(
                        &format!("{field}.holder"),
                        format!("{holder}'s doses enter a round of {} only as doses it pledged to {} (it has no open pledge with doses left) or through its redistribution proposal", sources.organization, sources.organization),
                    );
                    continue;
                }
            }
        };
        let doses = pooled.doses.unwrap_or(limit);
        if doses <= 0 || doses > limit {
            let why = if pledge.is_some() {
                format!(
                    "{holder} holds {available} available doses of lot {} and its pledge {} promises {limit} more at most; pool 1 to {limit}",
                    pooled.lot,
                    pledge.unwrap_or_default()
                )
            } else {
                format!(
                    "{holder} holds {available} available doses of lot {}; pool 1 to {available}",
                    pooled.lot
                )
            };
            fields.push(&format!("{field}.doses"), why);
            continue;
        }
        if let (Some(pledge), Some(room)) = (pledge, rooms.get_mut(&holder))
            && let Some(entry) = room.iter_mut().find(|(id, _)| *id == pledge)
        {
            entry.1 -= doses;
        }
        lots.push(PooledLot {
            lot: LotId(pooled.lot),
            holder,
            doses,
            pledge,
        });
    }
    Ok(lots)
}

async fn checked_requests(tx: &Tx, requests: &[i64], fields: &mut Fields) -> Result<(), AppError> {
    let mut countries = BTreeSet::new();
    for (index, id) in requests.iter().enumerate() {
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
    Ok(())
}

fn checked_target(fields: &mut Fields, target: Option<&serde_json::Number>) {
    if let Some(target) = target
        && !target
            .as_f64()
            .is_some_and(|value| value > 0.0 && value <= 1_000.0)
    {
        fields.push(
            "target_per_100",
            "must be a number of doses per 100 people above 0, at most 1,000",
        );
    }
}

fn checked_sizes(fields: &mut Fields, lots: usize, requests: usize) {
    if lots > ROUND_ITEMS_MAX || requests > ROUND_ITEMS_MAX {
        fields.push(
            "",
            format!("a round pools at most {ROUND_ITEMS_MAX} lots and {ROUND_ITEMS_MAX} requests"),
        );
    }
}

/// What is left of a previous round: its pool less the doses of shares not declined (at
/// most what each holder still has available), and its open requests whose country did not
/// decline.
async fn leftover(tx: &Tx, previous: &Round) -> Result<(Vec<RoundLotInput>, Vec<i64>), AppError> {
    let shares = tx.shares(previous.id).await?;
    let mut lots = Vec::new();
    for pooled in &previous.lots {
        let promised: i64 = shares
            .iter()
            .filter(|share| share.response.as_deref() != Some("decline"))
            .flat_map(|share| share.lots.iter())
            .filter(|lot| lot.lot == pooled.lot && lot.holder == pooled.holder)
            .map(|lot| lot.doses)
            .sum();
        let available = available_of(tx, &pooled.holder, pooled.lot).await?;
        let left = (pooled.doses - promised).min(available);
        if left > 0 {
            lots.push(RoundLotInput {
                lot: pooled.lot.0,
                holder: Some(pooled.holder.to_string()),
                doses: Some(left),
            });
        }
    }
    let mut requests = Vec::new();
    for id in &previous.requests {
        let declined = shares
            .iter()
            .any(|share| share.request == *id && share.response.as_deref() == Some("decline"));
        if !declined
            && tx
                .request(*id)
                .await?
                .is_some_and(|request| request.state == RequestState::Open)
        {
            requests.push(*id);
        }
    }
    Ok((lots, requests))
}

/// The previous round a new one follows, checked: the same organization's, published or
/// closed.
async fn previous_round(
    tx: &Tx,
    actor: &Actor,
    id: i64,
    fields: &mut Fields,
) -> Result<Option<Round>, AppError> {
    match tx.round(id).await? {
        Some(previous) if previous.organization != actor.party => {
            fields.push(
                "after",
                format!(
                    "round {id} is {}'s: a round follows one of its own organization",
                    previous.organization
                ),
            );
            Ok(None)
        }
        Some(previous) if previous.state == RoundState::Draft => {
            fields.push(
                "after",
                format!("round {id} is a draft: a round follows a published or closed one"),
            );
            Ok(None)
        }
        Some(previous) => Ok(Some(previous)),
        None => {
            fields.push("after", format!("there is no round {id}"));
            Ok(None)
        }
    }
}

fn previous_holders(previous: Option<&Round>) -> Vec<(PartyCode, Option<i64>)> {
    previous
        .map(|round| {
            round
                .lots
                .iter()
                .map(|pooled| (pooled.holder.clone(), pooled.pledge))
                .collect()
        })
        .unwrap_or_default()
}

/// Opens a draft round of the actor's organization.
pub async fn create(
    tx: &Tx,
    now: Timestamp,
    actor: &Actor,
    input: &RoundInput,
) -> Result<Round, AppError> {
    may(actor, &Action::CreateRound)?;
    let mut fields = Fields::new();
    let date = fields.check("date", parse_day(&input.date));
    checked_target(&mut fields, input.target_per_100.as_ref());
    let previous = match input.after {
        Some(id) => previous_round(tx, actor, id, &mut fields).await?,
        None => None,
    };
    if input.after.is_none() {
        if input.lots.is_none() {
            fields.push(
                "lots",
                "is required (or give `after` to pool what is left of a previous round)",
            );
        }
        if input.requests.is_none() {
            fields.push(
                "requests",
                "is required (or give `after` to serve a previous round's open requests)",
            );
        }
    }
    let (left_lots, left_requests) = match &previous {
        Some(previous) => leftover(tx, previous).await?,
        None => (Vec::new(), Vec::new()),
    };
    let lot_input = input.lots.as_deref().unwrap_or(&left_lots);
    let requests = input.requests.clone().unwrap_or(left_requests);
    checked_sizes(&mut fields, lot_input.len(), requests.len());
    let sources = Sources {
        organization: &actor.party,
        proposed_by: None,
        previous: previous_holders(previous.as_ref()),
    };
    let lots = pooled_lots(tx, &sources, lot_input, &mut fields).await?;
    checked_requests(tx, &requests, &mut fields).await?;
    fields.finish()?;
    let Some(date) = date else {
        return Err(AppError::invalid("date", "is required"));
    };
    let contents = RoundContents {
        date,
        target_per_100: input.target_per_100.as_ref().map(ToString::to_string),
        lots,
        requests,
    };
    let origin = store::rounds::RoundOrigin {
        after: previous.as_ref().map(|round| round.id),
        proposed_by: None,
    };
    let id = tx
        .create_round(&actor.party, &contents, &origin, now)
        .await?;
    audit::record(tx, Some(actor), now, AuditAction::RoundCreated, ObjectRef::new(ObjectKind::Round, id), Vec::new(),
        serde_json::json!({"date": contents.date, "lots": contents.lots.len(), "requests": contents.requests, "after": origin.after})).await?;
    tx.round(id).await?.ok_or_else(|| not_found(id))
}

/// Opens a draft round of `organization` for doses of the actor's party that it cannot use
/// in time (its redistribution proposal); the organization then adds the requests to serve.
pub async fn open_for_proposal(
    tx: &Tx,
    now: Timestamp,
    actor: &Actor,
    organization: &PartyCode,
    lot: LotId,
    doses: i64,
    fields: &mut Fields,
) -> Result<Option<i64>, AppError> {
    let sources = Sources {
        organization,
        proposed_by: Some(&actor.party),
        previous: Vec::new(),
    };
    let input = [RoundLotInput {
        lot: lot.0,
        holder: Some(actor.party.to_string()),
        doses: Some(doses),
    }];
    let mut lot_fields = Fields::new();
    let lots = pooled_lots(tx, &sources, &input, &mut lot_fields).await?;
    if let Err(AppError::Invalid(errors)) = lot_fields.finish() {
        // The proposal's own fields are `lot` and `doses`, not `lots[0].…`.
        for error in errors {
            let field = error.field.strip_prefix("lots[0].").unwrap_or(&error.field);
            fields.push(field, error.message);
        }
    }
    if lots.is_empty() {
        return Ok(None);
    }
    let contents = RoundContents {
        date: now.date(),
        target_per_100: None,
        lots,
        requests: Vec::new(),
    };
    let origin = store::rounds::RoundOrigin {
        after: None,
        proposed_by: Some(actor.party.clone()),
    };
    Ok(Some(
        tx.create_round(organization, &contents, &origin, now)
            .await?,
    ))
}

/// Changes a draft round's contents (its organization): what the change gives replaces what
/// was there; the old proposal is dropped.
pub async fn replace(
    tx: &Tx,
    now: Timestamp,
    actor: &Actor,
    id: i64,
    change: &RoundChange,
) -> Result<Round, AppError> {
    let current = view(tx, Some(actor), id).await?;
    may_edit(actor, &current)?;
    round::editable(id, current.state, "changed").map_err(invalid_state)?;
    let mut fields = Fields::new();
    let date = match &change.date {
        Some(text) => fields.check("date", parse_day(text)),
        None => Some(current.date),
    };
    checked_target(&mut fields, change.target_per_100.as_ref());
    let previous = match current.after {
        Some(after) => tx.round(after).await?,
        None => None,
    };
    let lot_input: Vec<RoundLotInput> = match &change.lots {
        Some(lots) => lots.clone(),
        None => current
            .lots
            .iter()
            .map(|pooled| RoundLotInput {
                lot: pooled.lot.0,
                holder: Some(pooled.holder.to_string()),
                doses: Some(pooled.doses),
            })
            .collect(),
    };
    let requests = change
        .requests
        .clone()
        .unwrap_or_else(|| current.requests.clone());
    checked_sizes(&mut fields, lot_input.len(), requests.len());
    let sources = Sources {
        organization: &current.organization,
        proposed_by: current.proposed_by.as_ref(),
        previous: previous_holders(previous.as_ref()),
    };
    let lots = pooled_lots(tx, &sources, &lot_input, &mut fields).await?;
    checked_requests(tx, &requests, &mut fields).await?;
    fields.finish()?;
    let Some(date) = date else {
        return Err(AppError::invalid("date", "is required"));
    };
    let contents = RoundContents {
        date,
        target_per_100: change
            .target_per_100
            .as_ref()
            .map(ToString::to_string)
            .or(current.target_per_100.clone()),
        lots,
        requests,
    };
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
    parties.extend(
        tx.round_requests(round.id)
            .await?
            .into_iter()
            .map(|request| request.country),
    );
    Ok(parties)
}

/// The round, if `actor` (none: anonymous) may read it.
pub async fn view(tx: &Tx, actor: Option<&Actor>, id: i64) -> Result<Round, AppError> {
    let round = tx.round(id).await?.ok_or_else(|| not_found(id))?;
    visible(tx, actor, round).await
}

/// Refuses the actor unless it may change, compute, publish or close the round: an official of its
/// organization (the policy's `EditRound`).
fn may_edit(actor: &Actor, round: &Round) -> Result<(), AppError> {
    may(
        actor,
        &Action::EditRound {
            organization: round.organization.clone(),
        },
    )?;
    Ok(())
}

/// The round if `actor` may read it, else not found.
async fn visible(tx: &Tx, actor: Option<&Actor>, round: Round) -> Result<Round, AppError> {
    let id = round.id;
    let published = round.state != RoundState::Draft;
    // The organization's own officials and everyone once published see it without the
    // parties involved, read (its requests' countries) only for the others.
    if sees_round(actor, &round.organization, &[], published)
        || sees_round(
            actor,
            &round.organization,
            &involved(tx, &round).await?,
            published,
        )
    {
        Ok(round)
    } else {
        Err(not_found(id))
    }
}

/// The latest `limit` rounds anyone may read (published or closed), newest first.
pub async fn published(tx: &Tx, limit: i64) -> Result<Vec<Round>, AppError> {
    let mut rounds = Vec::new();
    for id in tx
        .published_round_ids(limit.clamp(0, crate::LIST_ITEMS_MAX))
        .await?
    {
        rounds.push(view(tx, None, id).await?);
    }
    Ok(rounds)
}

/// The latest `limit` rounds of the actor's organization, drafts included, newest first.
pub async fn of_organization(tx: &Tx, actor: &Actor, limit: i64) -> Result<Vec<Round>, AppError> {
    let mut rounds = Vec::new();
    for id in tx
        .round_ids_of(&actor.party, limit.clamp(0, crate::LIST_ITEMS_MAX))
        .await?
    {
        rounds.push(view(tx, Some(actor), id).await?);
    }
    Ok(rounds)
}

/// One recipient of the engine's input (spec/allocation.md), its fields in the order a
/// JSON object of them was always written in (by name), so that the text is as before.
#[derive(Serialize)]
struct InputRecipient<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    absorption_per_day: Option<i64>,
    doses_received: i64,
    id: &'a str,
    max_doses: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    min_shelf_days: Option<i64>,
    population: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    products: Option<Vec<&'a str>>,
    start: chrono::NaiveDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    target_per_100: Option<serde_json::Number>,
}

/// One pooled lot and holder of the engine's input.
#[derive(Serialize)]
struct InputLot<'a> {
    doses: i64,
    expiry: chrono::NaiveDate,
    id: String,
    product: &'a str,
}

/// The engine's input.
#[derive(Serialize)]
struct Input<'a> {
    date: chrono::NaiveDate,
    lots: Vec<InputLot<'a>>,
    recipients: Vec<InputRecipient<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    target_per_100: Option<serde_json::Number>,
}

/// The engine's input for the round as it stands, exactly as `cooperation.md` builds it, as
/// JSON text; with the request each recipient's country has in the round.
///
/// `reference`: the reference data (the countries' reported totals); `facts`: those of the
/// round's lots, in the order of its lots.
pub async fn engine_input(
    tx: &Tx,
    round: &Round,
    reference: &domain::coverage::CoverageSources,
    facts: &[store::cooperation::LotFacts],
) -> Result<(String, Vec<(PartyCode, i64)>), AppError> {
    let date = round.date;
    let date_before = date - Duration::days(REFERENCE_RATE_DAYS);
    let reported_on = |code: &domain::country::CountryCode, date: NaiveDate| {
        reference
            .last_report_on(code, date)
            .map_or(0, |(_, total)| total)
    };
    let after_the_date = Timestamp::start_of(date + Duration::days(1));
    // The requests and their countries' figures in one query, whatever the round's size.
    let requests = tx.round_request_facts(round.id, after_the_date).await?;
    let mut recipients = Vec::with_capacity(requests.len());
    for request in &requests {
        let Some(population) = request.population else {
            return Err(AppError::Conflict {
                code: "reference_data_incomplete",
                detail: format!(
                    "{} has no population in the reference data; it cannot be allocated to",
                    request.country
                ),
            });
        };
        let code = domain::country::CountryCode::parse(request.country.as_str()).ok();
        let reported = code.as_ref().map_or(0, |code| reported_on(code, date));
        let received = request.received;
        // The request's absorption, else the country's mean daily administrations over the
        // 28 days before the round in the reference data; neither: no limit.
        let recent = code.as_ref().map_or(0, |code| {
            reported_on(code, date) - reported_on(code, date_before)
        });
        let absorption_per_day = match request.absorption_per_day {
            Some(rate) => Some(rate),
            None if recent > 0 => Some((recent / REFERENCE_RATE_DAYS).max(1)),
            None => None,
        };
        recipients.push(InputRecipient {
            absorption_per_day,
            doses_received: reported + received,
            id: request.country.as_str(),
            max_doses: (request.doses - request.doses_allocated).max(0),
            min_shelf_days: request.min_shelf_life_days,
            population,
            products: request
                .products
                .as_ref()
                .map(|products| products.iter().map(|code| code.as_str()).collect()),
            start: date + Duration::days(request.lead_time_days.unwrap_or(0)),
            target_per_100: request
                .target_per_100
                .as_deref()
                .and_then(|text| text.parse::<serde_json::Number>().ok()),
        });
    }
    if facts.len() != round.lots.len() {
        return Err(AppError::Internal(format!(
            "round {} pools {} lots but {} were found",
            round.id,
            round.lots.len(),
            facts.len()
        )));
    }
    let mut lots = Vec::with_capacity(round.lots.len());
    for (pooled, lot) in round.lots.iter().zip(facts) {
        if lot.lot != pooled.lot {
            return Err(AppError::Internal(format!(
                "round {}'s lot {} was given the facts of lot {}",
                round.id, pooled.lot.0, lot.lot.0
            )));
        }
        lots.push(InputLot {
            doses: pooled.doses,
            expiry: lot.expiry,
            id: lot_key(pooled.lot, &pooled.holder),
            product: lot.product.as_str(),
        });
    }
    let input = Input {
        date,
        lots,
        recipients,
        target_per_100: round
            .target_per_100
            .as_deref()
            .and_then(|text| text.parse::<serde_json::Number>().ok()),
    };
    let text =
        serde_json::to_string(&input).map_err(|error| AppError::Internal(error.to_string()))?;
    let countries = requests
        .into_iter()
        .map(|request| (request.country, request.id))
        .collect();
    Ok((text, countries))
}

/// The engine's id of a pooled lot: its id and its holder, `7@covax`.
pub fn lot_key(lot: LotId, holder: &PartyCode) -> String {
    format!("{}@{holder}", lot.0)
}

/// Computes a draft's proposal: builds the engine's input, runs the engine, and stores both.
/// `reference`: the reference data kept between imports ([`App::reference`](crate::App)).
pub async fn compute(
    tx: &Tx,
    reference: &crate::coverage::ReferenceCache,
    now: Timestamp,
    actor: &Actor,
    id: i64,
) -> Result<Round, AppError> {
    Ok(compute_proposal(tx, reference, now, actor, id).await?.0)
}

/// As [`compute`], with the proposal made from the engine's answer as [`proposal`] would
/// read it back from the stored text (without parsing 400 KB of it again).
pub async fn compute_proposal(
    tx: &Tx,
    reference: &crate::coverage::ReferenceCache,
    now: Timestamp,
    actor: &Actor,
    id: i64,
) -> Result<(Round, Proposal), AppError> {
    // The round's lots and their facts in one read; its texts are replaced, not read.
    let (current, facts) = tx
        .round_with_lot_facts(id)
        .await?
        .ok_or_else(|| not_found(id))?;
    let current = visible(tx, Some(actor), current).await?;
    may_edit(actor, &current)?;
    round::editable(id, current.state, "computed").map_err(invalid_state)?;
    let reference = crate::coverage::reference_cached(tx, reference).await?;
    let (input, requests) = engine_input(tx, &current, &reference, &facts).await?;
    // The engine works on its own thread while the input is stored beside it (and the
    // previous answer cleared, in this transaction), so that the database's write of the
    // largest text costs the round no time.
    let solving = solve_on_its_own_thread(input.clone());
    if !tx.set_round_input(id, &input, now).await? {
        return Err(changed_meanwhile("round", id));
    }
    let (solution, answer, certificate) = solving.await?;
    tx.set_round_answer(id, &answer, &certificate).await?;
    audit::record(tx, Some(actor), now, AuditAction::RoundComputed, ObjectRef::new(ObjectKind::Round, id), Vec::new(),
        serde_json::json!({"total_doses": solution.total_doses, "recipients": solution.recipients.len()})).await?;
    let proposal = proposal_of(id, solution, &requests)?;
    // The round as just stored, without reading its 2,000 lots and two texts back.
    Ok((
        Round {
            input: Some(input),
            proposal: Some(answer),
            updated_at: now,
            ..current
        },
        proposal,
    ))
}

/// The engine's answer to `input` (the allocation JSON of spec/allocation.md), with its
/// text and its certificate's, worked out on a blocking thread: a large round takes the
/// engine tens of milliseconds to seconds of one core, which would otherwise stall every
/// other request waiting on this async worker. The work starts at once; the future returned
/// waits for it.
fn solve_on_its_own_thread(
    input: String,
) -> impl std::future::Future<Output = Result<(allocation::Solution, String, String), AppError>> {
    let work = move || -> Result<_, AppError> {
        let problem = allocation::parse_problem(&input).map_err(|error| AppError::Conflict {
            code: "round_not_computable",
            detail: format!(
                "the round's pool and requests do not make an allocation problem: {error}"
            ),
        })?;
        let solution = allocation::solve(&problem);
        let text_error = |error: serde_json::Error| AppError::Internal(error.to_string());
        let answer = serde_json::to_string(&solution).map_err(text_error)?;
        let certificate = serde_json::to_string(&solution.certificate).map_err(text_error)?;
        Ok((solution, answer, certificate))
    };
    let running = tokio::task::spawn_blocking(work);
    async move {
        running
            .await
            .map_err(|error| AppError::Internal(format!("the engine stopped: {error}")))?
    }
}

/// The proposal of the engine's answer to a round's input, as [`proposal`] reads it from
/// the stored answer; no share answered yet (the round is a draft).
fn proposal_of(
    id: i64,
    solution: allocation::Solution,
    requests: &[(PartyCode, i64)],
) -> Result<Proposal, AppError> {
    let corrupt = |what: &str| AppError::Internal(format!("round {id}'s engine answer has {what}"));
    // A country's first request in the round, as [`proposal`] finds it.
    let mut first_requests: std::collections::HashMap<&str, i64> =
        std::collections::HashMap::with_capacity(requests.len());
    for (country, request) in requests {
        first_requests.entry(country.as_str()).or_insert(*request);
    }
    let limited_by = |limit: allocation::LimitedBy| -> Result<String, AppError> {
        match serde_json::to_value(limit) {
            Ok(serde_json::Value::String(text)) => Ok(text),
            _ => Err(corrupt("a limit without a name")),
        }
    };
    let mut proposal = Proposal::default();
    for (index, recipient) in solution.recipients.into_iter().enumerate() {
        let country = PartyCode::parse(&recipient.id).map_err(|_| corrupt("a bad recipient"))?;
        let request = *first_requests
            .get(recipient.id.as_str())
            .ok_or_else(|| corrupt("an unknown recipient"))?;
        proposal.shares.push(Share {
            share: index + 1,
            country,
            request,
            doses: i64::try_from(recipient.doses).map_err(|_| corrupt("too many doses"))?,
            coverage_before: recipient.coverage_before,
            coverage_after: recipient.coverage_after,
            limited_by: limited_by(recipient.limited_by)?,
            response: None,
            reason: None,
        });
    }
    for shipment in solution.shipments {
        let (lot, holder) = split_key(&shipment.lot).ok_or_else(|| corrupt("a bad lot"))?;
        proposal.shipments.push(LotDoses {
            lot,
            holder,
            country: Some(
                PartyCode::parse(&shipment.recipient).map_err(|_| corrupt("a bad recipient"))?,
            ),
            doses: i64::try_from(shipment.doses).map_err(|_| corrupt("too many doses"))?,
        });
    }
    for left in solution.unallocated {
        let (lot, holder) = split_key(&left.lot).ok_or_else(|| corrupt("a bad lot"))?;
        proposal.unallocated.push(LotDoses {
            lot,
            holder,
            country: None,
            doses: i64::try_from(left.doses).map_err(|_| corrupt("too many doses"))?,
        });
    }
    Ok(proposal)
}

/// The certificate of a computed round's proposal (`crates/allocation/CERTIFICATE.md`),
/// for whoever may read the round (as its input): with the input and the proposal,
/// `equidose check` proves the proposal without trusting the engine. `None` until computed.
pub async fn certificate(
    tx: &Tx,
    actor: Option<&Actor>,
    id: i64,
) -> Result<Option<String>, AppError> {
    view(tx, actor, id).await?;
    Ok(tx.round_certificate(id).await?)
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
    /// The country's answer, once published and answered: `accept` or `decline`.
    pub response: Option<String>,
    /// Why it was declined.
    pub reason: Option<String>,
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
    /// The parts of the engine's answer (spec/allocation.md) a proposal shows, read typed:
    /// a round's answer holds thousands of entries.
    #[derive(Deserialize)]
    struct Answer {
        recipients: Vec<Recipient>,
        shipments: Vec<Entry>,
        unallocated: Vec<Entry>,
    }
    #[derive(Deserialize)]
    struct Recipient {
        id: String,
        doses: i64,
        #[serde(default)]
        coverage_before: f64,
        #[serde(default)]
        coverage_after: f64,
        #[serde(default)]
        limited_by: String,
    }
    #[derive(Deserialize)]
    struct Entry {
        lot: String,
        recipient: Option<String>,
        doses: i64,
    }
    let Some(text) = &round.proposal else {
        return Ok(None);
    };
    let corrupt =
        |what: &str| AppError::Internal(format!("round {}'s stored proposal has {what}", round.id));
    let answer: Answer =
        serde_json::from_str(text).map_err(|_| corrupt("no answer of the engine"))?;
    let requests: Vec<(PartyCode, i64)> = tx
        .round_requests(round.id)
        .await?
        .into_iter()
        .map(|request| (request.country, request.id))
        .collect();
    let mut proposal = Proposal::default();
    for (index, recipient) in answer.recipients.into_iter().enumerate() {
        let country = PartyCode::parse(&recipient.id).map_err(|_| corrupt("a bad recipient"))?;
        let request = requests
            .iter()
            .find(|(code, _)| *code == country)
            .map(|(_, id)| *id)
            .ok_or_else(|| corrupt("an unknown recipient"))?;
        proposal.shares.push(Share {
            share: index + 1,
            country,
            request,
            doses: recipient.doses,
            coverage_before: recipient.coverage_before,
            coverage_after: recipient.coverage_after,
            limited_by: recipient.limited_by,
            response: None,
            reason: None,
        });
    }
    for (entries, with_country) in [(answer.shipments, true), (answer.unallocated, false)] {
        for entry in entries {
            let (lot, holder) = split_key(&entry.lot).ok_or_else(|| corrupt("a bad lot"))?;
            let country = match (with_country, entry.recipient) {
                (true, Some(code)) => {
                    Some(PartyCode::parse(&code).map_err(|_| corrupt("a bad recipient"))?)
                }
                (true, None) => return Err(corrupt("a shipment without a recipient")),
                (false, _) => None,
            };
            let target = if with_country {
                &mut proposal.shipments
            } else {
                &mut proposal.unallocated
            };
            target.push(LotDoses {
                lot,
                holder,
                country,
                doses: entry.doses,
            });
        }
    }
    for stored in tx.shares(round.id).await? {
        if let Some(share) = proposal
            .shares
            .iter_mut()
            .find(|share| share.country == stored.country)
        {
            share.response = stored.response;
            share.reason = stored.reason;
        }
    }
    Ok(Some(proposal))
}

/// Publishes a computed draft: every share's doses are reserved at their holders at once
/// (so nothing is promised twice), and the shares await their countries' answers.
pub async fn publish(tx: &Tx, now: Timestamp, actor: &Actor, id: i64) -> Result<Round, AppError> {
    Ok(publish_proposal(tx, now, actor, id).await?.0)
}

/// As [`publish`], with the proposal as [`proposal`] would read it back (no share answered
/// yet), without reading the round and parsing its 400 KB answer a second time. The round
/// comes without its input text (`None`), which publishing does not need.
pub async fn publish_proposal(
    tx: &Tx,
    now: Timestamp,
    actor: &Actor,
    id: i64,
) -> Result<(Round, Proposal), AppError> {
    // The round with its answer and its lots' makers in one read; its input is not needed.
    let (current, makers) = tx
        .round_with_answer_and_lot_makers(id)
        .await?
        .ok_or_else(|| not_found(id))?;
    let current = visible(tx, Some(actor), current).await?;
    may_edit(actor, &current)?;
    round::publishable(id, current.state).map_err(invalid_state)?;
    let Some(proposal) = proposal(tx, &current).await? else {
        return Err(AppError::Conflict {
            code: "invalid_state",
            detail: format!("round {id} has no proposal: compute it before publishing"),
        });
    };
    if !tx
        .set_round_state(id, RoundState::Draft, RoundState::Published, now)
        .await?
    {
        return Err(changed_meanwhile("round", id));
    }
    // Every share's doses reserved in a few statements, whatever the round's size: one
    // journal entry and one trail event per lot, holder and share, as one by one.
    let manufacturers: std::collections::BTreeMap<LotId, PartyCode> = makers.into_iter().collect();
    let mut shares = Vec::new();
    let mut reservations = Vec::new();
    let mut reserved_for = Vec::new();
    for share in &proposal.shares {
        let number =
            i64::try_from(share.share).map_err(|error| AppError::Internal(error.to_string()))?;
        shares.push(store::rounds::NewShare {
            share: number,
            country: share.country.clone(),
            request: share.request,
            doses: share.doses,
        });
        for entry in proposal
            .shipments
            .iter()
            .filter(|entry| entry.country.as_ref() == Some(&share.country))
        {
            reservations.push(domain::ledger::MovementRequest {
                kind: domain::ledger::MovementKind::Reserve,
                lot: entry.lot,
                doses: entry.doses,
                actor: entry.holder.clone(),
                to: None,
                from_state: None,
                reason: Some(format!(
                    "round {id}, share {} for {}",
                    share.share, share.country
                )),
            });
            reserved_for.push(number);
        }
    }
    let movements = tx
        .apply_movements(&reservations, Some(actor.user), now)
        .await?;
    let events: Vec<domain::audit::NewEvent> = movements
        .iter()
        .map(|movement| crate::movements::audit_event(movement, manufacturers.get(&movement.lot)))
        .collect();
    tx.append_events(Some(actor), now, &events).await?;
    let share_lots: Vec<(i64, store::rounds::ShareLot)> = movements
        .iter()
        .zip(&reserved_for)
        .map(|(movement, share)| {
            (
                *share,
                store::rounds::ShareLot {
                    lot: movement.lot,
                    holder: movement.to.holder.clone(),
                    doses: movement.doses,
                    movement: movement.id,
                },
            )
        })
        .collect();
    tx.insert_shares(id, &shares, &share_lots).await?;
    let countries: Vec<PartyCode> = proposal
        .shares
        .iter()
        .map(|share| share.country.clone())
        .collect();
    audit::record(tx, Some(actor), now, AuditAction::RoundPublished, ObjectRef::new(ObjectKind::Round, id), countries,
        serde_json::json!({"shares": proposal.shares.len(), "doses": proposal.shares.iter().map(|share| share.doses).sum::<i64>()})).await?;
    // The round as just stored, without reading its 2,000 lots and its answer back.
    Ok((
        Round {
            state: RoundState::Published,
            updated_at: now,
            ..current
        },
        proposal,
    ))
}

/// A country's answer to its share.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResponseInput {
    /// `accept` or `decline`.
    #[schema(example = "decline")]
    pub decision: String,
    /// Required to decline: `short_shelf_life`, `no_cold_chain`, `insufficient_notice`,
    /// `product_not_authorised`, `no_absorption_capacity` or `other` (with `note`).
    #[schema(example = "short_shelf_life")]
    pub reason: Option<String>,
    /// A note; required with `other`.
    pub note: Option<String>,
}

/// What an answer did: the share as answered and the shipments or movements it made.
#[derive(Debug, Clone)]
pub struct Answered {
    /// The share, answered.
    pub share: store::rounds::StoredShare,
    /// For an accept: the planned shipments, one per lot and holder.
    pub shipments: Vec<store::cooperation::Shipment>,
    /// For a decline: the movements that gave the doses back to the pool.
    pub movements: Vec<store::ledger::Movement>,
}

async fn give_back(
    tx: &Tx,
    now: Timestamp,
    actor: Option<&Actor>,
    id: i64,
    share: &store::rounds::StoredShare,
) -> Result<Vec<store::ledger::Movement>, AppError> {
    let mut movements = Vec::new();
    for lot in &share.lots {
        let unreserve = domain::ledger::MovementRequest {
            kind: domain::ledger::MovementKind::Unreserve,
            lot: lot.lot,
            doses: lot.doses,
            actor: lot.holder.clone(),
            to: None,
            from_state: None,
            reason: Some(format!("round {id}, share {} declined", share.share)),
        };
        let movement = tx
            .apply_movement(&unreserve, actor.map(|actor| actor.user), now)
            .await?;
        let found = tx.lot(lot.lot).await?;
        crate::movements::record_audit(tx, actor, now, &movement, found.as_ref()).await?;
        movements.push(movement);
    }
    Ok(movements)
}

/// Records the actor's country's answer to its share of a published round: accepting plans
/// a shipment per lot and holder (the doses stay reserved for it); declining gives the doses
/// back to the pool. One answer per share; a second is a conflict.
pub async fn respond(
    tx: &Tx,
    now: Timestamp,
    actor: &Actor,
    id: i64,
    input: &ResponseInput,
) -> Result<Answered, AppError> {
    let current = view(tx, Some(actor), id).await?;
    round::open_to_answers(id, current.state, "answered").map_err(invalid_state)?;
    let shares = tx.shares(id).await?;
    let Some(share) = shares
        .into_iter()
        .find(|share| share.country == actor.party)
    else {
        return Err(AppError::NotFound(format!(
            "round {id} has no share for {}",
            actor.party
        )));
    };
    may(
        actor,
        &Action::RespondToShare {
            country: share.country.clone(),
        },
    )?;
    let mut fields = Fields::new();
    let accept = match input.decision.as_str() {
        "accept" => Some(true),
        "decline" => Some(false),
        other => {
            fields.push(
                "decision",
                format!("{other:?} is not a decision: expected \"accept\" or \"decline\""),
            );
            None
        }
    };
    let reason = match (&input.reason, accept) {
        (Some(text), Some(false)) => match DeclineReason::parse(text) {
            Ok(DeclineReason::NoResponse) => {
                fields.push(
                    "reason",
                    "no_response is the platform's, for shares unanswered at closing",
                );
                None
            }
            Ok(reason) => Some(reason),
            Err(message) => {
                fields.push("reason", message);
                None
            }
        },
        (None, Some(false)) => {
            fields.push(
                "reason",
                "required to decline: say why, with one of the coded reasons",
            );
            None
        }
        (Some(_), Some(true)) => {
            fields.push("reason", "an accept takes no reason");
            None
        }
        _ => None,
    };
    if reason == Some(DeclineReason::Other)
        && input
            .note
            .as_deref()
            .is_none_or(|note| note.trim().is_empty())
    {
        fields.push("note", "required with reason other: say what it is");
    }
    if let Some(note) = &input.note {
        fields.check("note", crate::requests::check_note(note));
    }
    fields.finish()?;
    let Some(accept) = accept else {
        return Err(AppError::invalid("decision", "is required"));
    };
    let response = if accept { "accept" } else { "decline" };
    if !tx
        .answer_share(
            id,
            share.share,
            response,
            reason.map(DeclineReason::as_str),
            input.note.as_deref(),
            now,
        )
        .await?
    {
        return Err(AppError::Conflict {
            code: "already_answered",
            detail: format!(
                "share {} of round {id} has been answered already: one answer per share",
                share.share
            ),
        });
    }
    let mut shipments = Vec::new();
    let mut movements = Vec::new();
    if accept {
        for lot in &share.lots {
            // Doses a donor pledged to the organization count against its pledge while it
            // is open and still promises that many; beyond it they are a gift all the same.
            let pledge = match current
                .lots
                .iter()
                .find(|pooled| pooled.lot == lot.lot && pooled.holder == lot.holder)
                .and_then(|pooled| pooled.pledge)
            {
                Some(pledge) if tx.hold_open_pledge(pledge).await? => {
                    let promised = tx.pledge(pledge).await?.map_or(0, |found| found.doses);
                    let left = promised - tx.pledge_doses_shipped(pledge).await?;
                    (left >= lot.doses).then_some(pledge)
                }
                _ => None,
            };
            let shipment_id = tx
                .create_shipment(
                    &store::cooperation::NewShipment {
                        lot: lot.lot,
                        from: lot.holder.clone(),
                        to: share.country.clone(),
                        doses: lot.doses,
                        pledge,
                        request: Some(share.request),
                        agreement: None,
                        round: Some(id),
                    },
                    now,
                )
                .await?;
            // The doses were reserved when the round was published: the shipment is made of that reservation.
            tx.link_shipment_movement(shipment_id, lot.movement).await?;
            if let Some(shipment) = tx.shipment(shipment_id).await? {
                shipments.push(shipment);
            }
        }
    } else {
        movements = give_back(tx, now, Some(actor), id, &share).await?;
    }
    audit::record_related(tx, Some(actor), now, AuditAction::RoundResponse, ObjectRef::new(ObjectKind::Round, id),
        vec![ObjectRef::new(ObjectKind::Request, share.request)], vec![current.organization.clone()],
        serde_json::json!({"share": share.share, "decision": response, "reason": reason.map(DeclineReason::as_str), "shipments": shipments.iter().map(|shipment| shipment.id).collect::<Vec<_>>()})).await?;
    let share = tx
        .shares(id)
        .await?
        .into_iter()
        .find(|candidate| candidate.share == share.share)
        .ok_or_else(|| not_found(id))?;
    Ok(Answered {
        share,
        shipments,
        movements,
    })
}

/// Closes a published round: shares without an answer are declined with `no_response` and
/// their doses given back to the pool.
pub async fn close(tx: &Tx, now: Timestamp, actor: &Actor, id: i64) -> Result<Round, AppError> {
    let current = view(tx, Some(actor), id).await?;
    may_edit(actor, &current)?;
    round::open_to_answers(id, current.state, "closed").map_err(invalid_state)?;
    if !tx
        .set_round_state(id, RoundState::Published, RoundState::Closed, now)
        .await?
    {
        return Err(changed_meanwhile("round", id));
    }
    let mut unanswered = Vec::new();
    for share in tx.shares(id).await? {
        if share.response.is_none()
            && tx
                .answer_share(
                    id,
                    share.share,
                    "decline",
                    Some(DeclineReason::NoResponse.as_str()),
                    None,
                    now,
                )
                .await?
        {
            give_back(tx, now, Some(actor), id, &share).await?;
            unanswered.push(share.country.clone());
        }
    }
    audit::record(tx, Some(actor), now, AuditAction::RoundClosed, ObjectRef::new(ObjectKind::Round, id), unanswered.clone(),
        serde_json::json!({"declined_for_no_response": unanswered.iter().map(PartyCode::as_str).collect::<Vec<_>>()})).await?;
    tx.round(id).await?.ok_or_else(|| not_found(id))
}
