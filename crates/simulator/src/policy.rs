//! The three kinds of policy: who owns each day's production, when sharing rounds run, what
//! each round offers and to whom, and the round itself, run by the project's allocation
//! engine.
//!
//! - `boosters_first`: production goes to the holdings (the rest to the pool); holders
//!   vaccinate up to primary and booster; a round offers the pool and the holders' doses
//!   within `donate_when_days_to_expiry` of expiry that they would not administer before it
//!   at their rate, to every country below primary and booster.
//! - `sharing`: the same production; a round offers the pool, every holder's own doses that
//!   it would not administer before their expiry, and its own doses above `keep_per_100`
//!   (the latest-expiring first), to every country below primary and booster but those
//!   giving doses away in the round. A `keep_per_100` above primary and booster keeps
//!   everything, doses at risk included.
//!
//! Holders are the countries that own a share of production (`[[holdings]]`); only they give
//! doses away, and only their own.
//!
//! Doses a country received through a round are its to administer: they are never offered
//! again (`Holder::received`), so no dose travels from round to round.
//! - `proportional`: each day's production goes straight to all countries by population.
//!
//! A round offers only doses that every recipient would accept (at least
//! `min_shelf_life_days` left on arrival). Doses of one product whose last days fall in the
//! same week of the horizon go to the engine as one lot with the earliest of those days, so
//! the round stays small; the engine's shipments are then taken from the real lots, earliest
//! expiry first, so every dose sent still has at least the shelf life the engine counted on.

use std::collections::BTreeMap;

use allocation::{Lot as EngineLot, Problem, Recipient};
use chrono::Duration;

use crate::model::{Holder, Lot, State, Stock, Transit, doses_for, whole};
use crate::scenario::{Owner, PolicyKind, Scenario};
use crate::world::{WORLD, World};

/// Days of expiry merged into one lot of a round.
const EXPIRY_BUCKET_DAYS: i32 = 7;

/// Who owns each day's production: countries with their cumulative share (from 0 to 1, in
/// increasing order); the rest goes to the pool.
#[derive(Debug, Clone, Default)]
pub struct Split {
    /// (country index, cumulative share up to and including it).
    pub shares: Vec<(usize, f64)>,
}

/// The owners of new production under a policy.
pub fn split(kind: PolicyKind, scenario: &Scenario, world: &World) -> Split {
    #[allow(clippy::cast_precision_loss, reason = "populations are far below 2^52")]
    let mut own: Vec<f64> = vec![0.0; world.countries.len()];
    match kind {
        PolicyKind::Proportional =>
        {
            #[allow(clippy::cast_precision_loss, reason = "populations are far below 2^52")]
            for (share, country) in own.iter_mut().zip(&world.countries) {
                *share = country.population as f64 / world.population[WORLD] as f64;
            }
        }
        PolicyKind::BoostersFirst { .. } | PolicyKind::Sharing { .. } => {
            for holding in &scenario.holdings {
                match &holding.owner {
                    Owner::Group(group) => {
                        let group = crate::world::group_index(*group);
                        let people = world.population[group];
                        for (share, country) in own.iter_mut().zip(&world.countries) {
                            if country.group == group && people > 0 {
                                #[allow(
                                    clippy::cast_precision_loss,
                                    reason = "populations are far below 2^52"
                                )]
                                {
                                    *share +=
                                        holding.share * country.population as f64 / people as f64;
                                }
                            }
                        }
                    }
                    Owner::Country(code) => {
                        if let Some(index) = world
                            .countries
                            .iter()
                            .position(|country| country.code == *code)
                        {
                            own[index] += holding.share;
                        }
                    }
                }
            }
        }
    }
    let mut cumulative = 0.0;
    let mut shares = Vec::new();
    for (index, share) in own.into_iter().enumerate() {
        if share > 0.0 {
            cumulative += share;
            shares.push((index, cumulative.min(1.0)));
        }
    }
    if matches!(kind, PolicyKind::Proportional)
        && let Some(last) = shares.last_mut()
    {
        // Everything goes to the countries: no rounding left for a pool no one empties.
        last.1 = 1.0;
    }
    Split { shares }
}

/// Whether a sharing round runs at the end of this day (the first on day 1).
pub fn round_due(kind: PolicyKind, day: i32) -> bool {
    let every = match kind {
        PolicyKind::BoostersFirst {
            round_every_days, ..
        }
        | PolicyKind::Sharing {
            round_every_days, ..
        } => i32::try_from(round_every_days).unwrap_or(i32::MAX),
        PolicyKind::Proportional => return false,
    };
    (day - 1) % every.max(1) == 0
}

/// Where offered doses are now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Source {
    Pool,
    Country(usize),
}

/// Doses offered to a round from one place.
#[derive(Debug, Clone, Copy)]
struct Offer {
    source: Source,
    lot: Lot,
}

/// Runs a round at the end of `day`: builds the engine's problem, solves it, and sends the
/// shipments on their way. Returns the doses allocated.
pub(crate) fn round(state: &mut State<'_>, day: i32) -> u64 {
    let scenario = state.scenario;
    let lead = i32::try_from(scenario.lead_time_days).unwrap_or(i32::MAX);
    let arrival = day.saturating_add(lead);
    let shelf_min = i32::try_from(scenario.min_shelf_life_days).unwrap_or(i32::MAX);
    let acceptable = |lot: &Lot| lot.expiry.saturating_sub(arrival) >= shelf_min;

    // Who may receive, and up to how many doses they may hold.
    let (limit_per_100, donate_within) = match state.kind {
        PolicyKind::BoostersFirst {
            donate_when_days_to_expiry,
            ..
        } => (
            scenario.primary_per_100 + scenario.booster_per_100,
            Some(i32::try_from(donate_when_days_to_expiry).unwrap_or(i32::MAX)),
        ),
        PolicyKind::Sharing { .. } => (scenario.primary_per_100 + scenario.booster_per_100, None),
        PolicyKind::Proportional => return 0,
    };

    let growth = (1.0 + scenario.absorption_growth_per_month).powf(f64::from(day) / 30.0);
    let mut offers: Vec<Offer> = state
        .pool
        .lots()
        .filter(|lot| acceptable(lot))
        .map(|lot| Offer {
            source: Source::Pool,
            lot: *lot,
        })
        .collect();
    // A country that gives doses away in this round does not take any in it.
    let mut giving = vec![false; state.holders.len()];
    for (index, (holder, country)) in state.holders.iter().zip(&state.world.countries).enumerate() {
        // Only holders (owners of a share of production) give doses away.
        if !state.owns_production[index] {
            continue;
        }
        let rate = country.rate_per_day * growth;
        let room = state.allowed[index].saturating_sub(holder.administered);
        match state.kind {
            PolicyKind::BoostersFirst { .. } => {
                let within = donate_within.unwrap_or(0);
                if within == 0 {
                    continue;
                }
                let until = day.saturating_add(within);
                offers.extend(
                    own_at_risk(holder, rate, room, day, until)
                        .into_iter()
                        .filter(|lot| acceptable(lot))
                        .map(|lot| Offer {
                            source: Source::Country(index),
                            lot,
                        }),
                );
            }
            PolicyKind::Sharing { keep_per_100, .. } => {
                // First the doses it would let expire, then what it holds above the keep. A
                // keep above primary and booster is a holder keeping everything, even doses
                // it cannot use.
                let keeps_everything =
                    keep_per_100 > scenario.primary_per_100 + scenario.booster_per_100;
                let at_risk = if keeps_everything {
                    Vec::new()
                } else {
                    own_at_risk(holder, rate, room, day, i32::MAX)
                };
                let given: u64 = at_risk.iter().map(|lot| lot.doses).sum();
                let mut left = Stock::default();
                for lot in holder.stock.lots() {
                    left.add(*lot);
                }
                for lot in &at_risk {
                    left.take(lot.expiry, lot.product, lot.doses);
                }
                let keep = doses_for(keep_per_100, country.population);
                let mut surplus = (holder.held() - given)
                    .saturating_sub(keep)
                    .min(left.total());
                if surplus > 0 || given > 0 {
                    giving[index] = true;
                }
                offers.extend(
                    at_risk
                        .into_iter()
                        .filter(|lot| acceptable(lot))
                        .map(|lot| Offer {
                            source: Source::Country(index),
                            lot,
                        }),
                );
                // The latest-expiring doses go; the holder keeps those it will use first.
                for lot in left.lots_latest_first() {
                    if surplus == 0 {
                        break;
                    }
                    let doses = lot.doses.min(surplus);
                    surplus -= doses;
                    if acceptable(&lot) {
                        offers.push(Offer {
                            source: Source::Country(index),
                            lot: Lot { doses, ..lot },
                        });
                    }
                }
            }
            PolicyKind::Proportional => {}
        }
    }
    if offers.is_empty() {
        return 0;
    }

    let date = scenario.start + Duration::days(i64::from(day));
    let start = date + Duration::days(i64::from(lead));
    let mut recipients = Vec::new();
    let mut recipient_index = Vec::new();
    for (index, (holder, country)) in state.holders.iter().zip(&state.world.countries).enumerate() {
        let limit = doses_for(limit_per_100, country.population);
        let rate = country.rate_per_day * growth;
        if giving[index] || holder.held() >= limit || rate.is_nan() || rate <= 0.0 {
            continue;
        }
        recipients.push(Recipient {
            id: country.code.clone(),
            population: country.population,
            doses_received: holder.held(),
            weight: 1.0,
            target_per_100: Some(limit_per_100),
            max_doses: None,
            absorption_per_day: Some(rate),
            start: Some(start),
            min_shelf_days: i64::from(shelf_min),
            products: None,
        });
        recipient_index.push(index);
    }
    if recipients.is_empty() {
        return 0;
    }

    // One engine lot per product and week of expiry; its parts sorted earliest first.
    let mut buckets: BTreeMap<(u16, i32), Vec<Offer>> = BTreeMap::new();
    for offer in offers {
        buckets
            .entry((
                offer.lot.product,
                offer.lot.expiry.div_euclid(EXPIRY_BUCKET_DAYS),
            ))
            .or_default()
            .push(offer);
    }
    let mut parts: Vec<Vec<Offer>> = Vec::with_capacity(buckets.len());
    let mut lots = Vec::with_capacity(buckets.len());
    for ((product, _), mut offers) in buckets {
        offers.sort_by_key(|offer| (offer.lot.expiry, offer.source));
        let earliest = offers[0].lot.expiry;
        let doses = offers.iter().map(|offer| offer.lot.doses).sum();
        lots.push(EngineLot {
            id: lots.len().to_string(),
            product: state.products[usize::from(product)].clone(),
            doses,
            expiry: scenario.start + Duration::days(i64::from(earliest)),
            recipients: None,
        });
        parts.push(offers);
    }
    let problem = Problem {
        date,
        target_per_100: None,
        recipients,
        lots,
    };
    let solution = allocation::solve(&problem);

    let by_id: BTreeMap<&str, usize> = problem
        .recipients
        .iter()
        .zip(&recipient_index)
        .map(|(recipient, &index)| (recipient.id.as_str(), index))
        .collect();
    // How far each lot's parts are used up, across its shipments.
    let mut cursor = vec![(0usize, 0u64); parts.len()];
    let mut shared = 0;
    for shipment in &solution.shipments {
        let (Ok(lot), Some(&recipient)) = (
            shipment.lot.parse::<usize>(),
            by_id.get(shipment.recipient.as_str()),
        ) else {
            debug_assert!(
                false,
                "the engine names only the lots and recipients it was given"
            );
            continue;
        };
        let mut left = shipment.doses;
        while left > 0 {
            let (part, used) = cursor[lot];
            let Some(offer) = parts[lot].get(part) else {
                debug_assert!(false, "the engine allocates at most a lot's doses");
                break;
            };
            let doses = (offer.lot.doses - used).min(left);
            let taken = match offer.source {
                Source::Pool => state.pool.take(offer.lot.expiry, offer.lot.product, doses),
                Source::Country(index) => {
                    state.holders[index]
                        .stock
                        .take(offer.lot.expiry, offer.lot.product, doses)
                }
            };
            debug_assert_eq!(taken, doses, "an offer is taken from what its source holds");
            if taken > 0 {
                state.transit.push_back(Transit {
                    arrival,
                    recipient,
                    lot: Lot {
                        doses: taken,
                        ..offer.lot
                    },
                });
                state.holders[recipient].incoming += taken;
                shared += taken;
            }
            left -= doses;
            cursor[lot] = if used + doses == offer.lot.doses {
                (part + 1, 0)
            } else {
                (part, used + doses)
            };
        }
    }
    shared
}

/// A holder's own doses that it would let expire, lot by lot, among its lots whose last day is
/// `until` or earlier: its own and received doses administered earliest expiry first (its own
/// first on the same day) at `rate` a day from tomorrow, up to `room` more doses.
fn own_at_risk(holder: &Holder, rate: f64, room: u64, day: i32, until: i32) -> Vec<Lot> {
    let mut lots: Vec<(Lot, bool)> = holder
        .stock
        .lots_until(until)
        .map(|lot| (*lot, true))
        .chain(holder.received.lots_until(until).map(|lot| (*lot, false)))
        .collect();
    lots.sort_unstable_by_key(|(lot, own)| (lot.expiry, !own, lot.product));
    let mut cumulative = 0u64;
    let mut at_risk = 0u64;
    let mut own = Vec::new();
    for (lot, is_own) in lots {
        cumulative += lot.doses;
        let usable = whole(rate * f64::from((lot.expiry - day).max(0))).min(room);
        let risk = cumulative.saturating_sub(usable).max(at_risk);
        let this_lot = risk - at_risk;
        at_risk = risk;
        if is_own && this_lot > 0 {
            own.push(Lot {
                doses: this_lot,
                ..lot
            });
        }
    }
    own
}
