//! Property: whatever sequence of cooperation actions the parties attempt (shipments planned,
//! dispatched, confirmed and cancelled; rounds opened, computed, published, answered, closed
//! and followed by another; doses proposed for redistribution), the ledger's invariants hold,
//! a refused action changes nothing, and every reserved or travelling dose is accounted for:
//! each holder's reserved doses of a lot are exactly those of its planned shipments and of
//! the unanswered shares of published rounds, and each lot's doses in transit exactly those
//! of its shipments in transit. On both backends; a failure prints the minimal sequence.

mod common;

use std::collections::BTreeMap;

use app::{App, AppError};
use domain::access::Actor;
use domain::cooperation::round::RoundState;
use domain::cooperation::shipment::ShipmentAction;
use domain::ledger::{AccountState, LotId};
use domain::party::{PartyKind, Role};
use proptest::prelude::*;
use store::Store;
use store::cooperation::CooperationFilter;
use store::ledger::BalanceFilter;

/// maker, covax, ETH, TCD, and a viewer of ETH who may act on nothing.
const ACTORS: [(&str, PartyKind, Role); 5] = [
    ("maker", PartyKind::Manufacturer, Role::Official),
    ("covax", PartyKind::Organization, Role::Official),
    ("ETH", PartyKind::Country, Role::Official),
    ("TCD", PartyKind::Country, Role::Official),
    ("ETH", PartyKind::Country, Role::Viewer),
];

#[derive(Debug, Clone)]
enum Step {
    /// A shipment by an actor of one of its doses of a lot to a party.
    Plan {
        actor: usize,
        lot: usize,
        doses: i64,
        to: usize,
    },
    /// An action on the n-th shipment of the case, by an actor.
    Act {
        actor: usize,
        shipment: usize,
        action: usize,
    },
    /// COVAX opens a round pooling doses of its lots, for the case's requests, or after the
    /// n-th round.
    Open { doses: i64, after: Option<usize> },
    /// An action on the n-th round: compute, publish, close.
    Run { round: usize, action: usize },
    /// An answer to the n-th round by an actor.
    Answer {
        actor: usize,
        round: usize,
        accept: bool,
    },
    /// A holder proposes doses of a lot to COVAX.
    Propose {
        actor: usize,
        lot: usize,
        doses: i64,
    },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0..ACTORS.len(), 0..2usize, 0..400i64, 0..4usize).prop_map(|(actor, lot, doses, to)| {
            Step::Plan {
                actor,
                lot,
                doses,
                to,
            }
        }),
        (0..ACTORS.len(), 0..8usize, 0..3usize).prop_map(|(actor, shipment, action)| Step::Act {
            actor,
            shipment,
            action
        }),
        (0..500i64, proptest::option::of(0..4usize))
            .prop_map(|(doses, after)| Step::Open { doses, after }),
        (0..4usize, 0..3usize).prop_map(|(round, action)| Step::Run { round, action }),
        (0..ACTORS.len(), 0..4usize, any::<bool>()).prop_map(|(actor, round, accept)| {
            Step::Answer {
                actor,
                round,
                accept,
            }
        }),
        (0..ACTORS.len(), 0..2usize, 0..300i64).prop_map(|(actor, lot, doses)| Step::Propose {
            actor,
            lot,
            doses
        }),
    ]
}

/// The snapshot's countries (rounds need their populations), then the actors.
async fn install(store: &Store) -> Vec<Actor> {
    let (data, _) = importer::snapshot::builtin().unwrap();
    store.import_reference_data(&data).await.unwrap();
    common::install_actors(store, &ACTORS).await
}

/// The journal's and the trail's lengths: a refused action must change neither.
async fn counts(platform: &App) -> (usize, usize) {
    platform
        .read(|tx| async move {
            let movements = tx
                .movements(&store::ledger::MovementFilter {
                    limit: 1_000_000,
                    ..Default::default()
                })
                .await?
                .len();
            let events = tx
                .events(&store::audit::EventFilter {
                    limit: 1_000_000,
                    ..Default::default()
                })
                .await?
                .len();
            Ok::<_, AppError>((movements, events))
        })
        .await
        .unwrap()
}

/// Reserved doses by (holder, lot) and doses in transit by lot, from the balances, and the
/// same from the shipments and the rounds' unanswered shares.
type Accounts = (BTreeMap<(String, i64), i64>, BTreeMap<i64, i64>);

async fn accounts(platform: &App) -> (Accounts, Accounts) {
    platform
        .read(|tx| async move {
            let (mut reserved, mut in_transit) = (BTreeMap::new(), BTreeMap::new());
            for state in [AccountState::Reserved, AccountState::InTransit] {
                let rows = tx
                    .balances(&BalanceFilter {
                        state: Some(state),
                        limit: 100_000,
                        ..Default::default()
                    })
                    .await?;
                for row in rows.into_iter().filter(|row| row.doses != 0) {
                    if state == AccountState::Reserved {
                        *reserved
                            .entry((row.holder.to_string(), row.lot.0))
                            .or_default() += row.doses;
                    } else {
                        *in_transit.entry(row.lot.0).or_default() += row.doses;
                    }
                }
            }
            let (mut promised, mut travelling) = (BTreeMap::new(), BTreeMap::new());
            for state in ["planned", "in_transit"] {
                let shipments = tx
                    .shipments(&CooperationFilter {
                        state: Some(state.into()),
                        limit: 100_000,
                        ..Default::default()
                    })
                    .await?;
                for shipment in shipments {
                    if state == "planned" {
                        *promised
                            .entry((shipment.from.to_string(), shipment.lot.0))
                            .or_default() += shipment.doses;
                    } else {
                        *travelling.entry(shipment.lot.0).or_default() += shipment.doses;
                    }
                }
            }
            // Every round of every case so far: ids are consecutive from 1.
            let mut round = 1;
            while let Some(found) = tx.round(round).await? {
                if found.state == RoundState::Published {
                    for share in tx
                        .shares(round)
                        .await?
                        .into_iter()
                        .filter(|share| share.response.is_none())
                    {
                        for lot in share.lots {
                            *promised
                                .entry((lot.holder.to_string(), lot.lot.0))
                                .or_default() += lot.doses;
                        }
                    }
                }
                round += 1;
            }
            Ok::<_, AppError>(((reserved, in_transit), (promised, travelling)))
        })
        .await
        .unwrap()
}

/// What one step attempts; `Ok(Some(id))` names a shipment or round it made.
async fn attempt(
    platform: &App,
    actors: &[Actor],
    lots: &[LotId],
    requests: &[i64],
    shipments: &[i64],
    rounds: &[i64],
    step: &Step,
) -> Result<Option<i64>, AppError> {
    let now = platform.now();
    let parties = ["ETH", "TCD", "covax", "maker"];
    match step.clone() {
        Step::Plan {
            actor,
            lot,
            doses,
            to,
        } => {
            let input = app::shipments::NewShipmentInput {
                lot: lots[lot].0,
                doses,
                to: parties[to].into(),
                pledge: None,
                agreement: None,
            };
            let (actor, input) = (&actors[actor], &input);
            let planned = platform
                .write(|tx| async move { app::shipments::plan(&tx, now, actor, input).await })
                .await?;
            Ok(Some(planned.shipment.id))
        }
        Step::Act {
            actor,
            shipment,
            action,
        } => {
            let Some(id) = shipments.get(shipment).copied() else {
                return Ok(None);
            };
            let action = [
                ShipmentAction::Dispatch,
                ShipmentAction::Confirm,
                ShipmentAction::Cancel,
            ][action];
            let actor = &actors[actor];
            platform
                .write(|tx| async move { app::shipments::act(&tx, now, actor, id, action).await })
                .await?;
            Ok(None)
        }
        Step::Open { doses, after } => {
            let after = match after {
                Some(index) => match rounds.get(index) {
                    Some(round) => Some(*round),
                    None => return Ok(None),
                },
                None => None,
            };
            let input = app::rounds::RoundInput {
                date: "2021-08-06".into(),
                target_per_100: None,
                lots: after.is_none().then(|| {
                    lots.iter()
                        .map(|lot| app::rounds::RoundLotInput {
                            lot: lot.0,
                            holder: None,
                            doses: Some(doses),
                        })
                        .collect()
                }),
                requests: after.is_none().then(|| requests.to_vec()),
                after,
            };
            let (covax, input) = (&actors[1], &input);
            let round = platform
                .write(|tx| async move { app::rounds::create(&tx, now, covax, input).await })
                .await?;
            Ok(Some(round.id))
        }
        Step::Run { round, action } => {
            let Some(id) = rounds.get(round).copied() else {
                return Ok(None);
            };
            let (covax, reference) = (&actors[1], &*platform.reference);
            platform
                .write(|tx| async move {
                    match action {
                        0 => app::rounds::compute(&tx, reference, now, covax, id).await,
                        1 => app::rounds::publish(&tx, now, covax, id).await,
                        _ => app::rounds::close(&tx, now, covax, id).await,
                    }
                })
                .await?;
            Ok(None)
        }
        Step::Answer {
            actor,
            round,
            accept,
        } => {
            let Some(id) = rounds.get(round).copied() else {
                return Ok(None);
            };
            let input = app::rounds::ResponseInput {
                decision: if accept { "accept" } else { "decline" }.into(),
                reason: (!accept).then(|| "short_shelf_life".into()),
                note: None,
            };
            let (actor, input) = (&actors[actor], &input);
            let answered = platform
                .write(|tx| async move { app::rounds::respond(&tx, now, actor, id, input).await })
                .await?;
            // An accept's planned shipments join the case's, to be dispatched and confirmed.
            Ok(answered.shipments.first().map(|shipment| shipment.id))
        }
        Step::Propose { actor, lot, doses } => {
            let input = app::expiry::ProposalInput {
                lot: lots[lot].0,
                doses,
                organization: "covax".into(),
            };
            let (actor, input) = (&actors[actor], &input);
            let round = platform
                .write(|tx| async move { app::expiry::propose(&tx, now, actor, input).await })
                .await?;
            Ok(Some(round.id))
        }
    }
}

async fn run_case(
    platform: &App,
    actors: &[Actor],
    case: usize,
    steps: &[Step],
) -> Result<(), TestCaseError> {
    let now = platform.now();
    let (maker, covax) = (&actors[0], &actors[1]);
    // Two lots, most of them shipped to COVAX's pool; ETH and TCD ask.
    let mut lots = Vec::new();
    for (index, (doses, expiry)) in [(1_000i64, "2021-09-15"), (300, "2022-03-31")]
        .into_iter()
        .enumerate()
    {
        let input = app::lots::NewLotInput {
            product: Some("VAX1".into()),
            lot_number: Some(format!("C{case}L{index}")),
            expiry: Some(expiry.into()),
            gs1: None,
            doses,
        };
        let input = &input;
        let lot = platform
            .write(|tx| async move {
                let (lot, _) = app::lots::register(&tx, now, maker, input).await?;
                let to_pool = app::shipments::NewShipmentInput {
                    lot: lot.id.0,
                    doses: input.doses * 2 / 3,
                    to: "covax".into(),
                    pledge: None,
                    agreement: None,
                };
                let id = app::shipments::plan(&tx, now, maker, &to_pool)
                    .await?
                    .shipment
                    .id;
                app::shipments::act(&tx, now, maker, id, ShipmentAction::Dispatch).await?;
                app::shipments::act(&tx, now, covax, id, ShipmentAction::Confirm).await?;
                Ok::<_, AppError>(lot.id)
            })
            .await
            .unwrap();
        lots.push(lot);
    }
    let mut requests = Vec::new();
    for (actor, doses) in [(&actors[2], 400), (&actors[3], 300)] {
        let input = app::requests::NewRequestInput {
            doses,
            needed_by: "2021-12-31".into(),
            products: None,
            min_shelf_life_days: None,
            absorption_per_day: Some(20),
            lead_time_days: None,
            target_per_100: None,
            note: None,
        };
        let input = &input;
        let request = platform
            .write(|tx| async move { app::requests::create(&tx, now, actor, input).await })
            .await
            .unwrap();
        requests.push(request.id);
    }
    let (mut shipments, mut rounds) = (Vec::new(), Vec::new());
    for step in steps {
        let before = counts(platform).await;
        let outcome = attempt(
            platform, actors, &lots, &requests, &shipments, &rounds, step,
        )
        .await;
        match outcome {
            Ok(Some(id)) => match step {
                Step::Open { .. } | Step::Propose { .. } => rounds.push(id),
                _ => shipments.push(id),
            },
            Ok(None) => {}
            Err(error) => {
                prop_assert!(error.is_request_failure(), "{:?}: {}", step, error);
                prop_assert_eq!(
                    counts(platform).await,
                    before,
                    "a refused {:?} changed something: {}",
                    step,
                    error
                );
            }
        }
        let report = platform.store.verify().await.unwrap();
        prop_assert!(
            report.violations.is_empty(),
            "after {:?}: {:?}",
            step,
            report.violations
        );
        let (held, accounted) = accounts(platform).await;
        prop_assert_eq!(
            held,
            accounted,
            "after {:?}: reserved or travelling doses nothing accounts for",
            step
        );
    }
    Ok(())
}

fn check(backend: store::Backend, cases: u32) {
    let Some(harness) = common::Harness::new(backend) else {
        return;
    };
    let actors = harness.runtime.block_on(install(&harness.store));
    harness.create_product(&actors[0]);
    harness.run(
        cases,
        proptest::collection::vec(step(), 1..30),
        |case, steps| {
            harness
                .runtime
                .block_on(run_case(&harness.platform, &actors, case, &steps))
        },
    );
    harness.finish();
}

mod random_cooperation_actions_leave_no_dose_unaccounted_for {
    #[test]
    fn sqlite() {
        super::check(store::Backend::Sqlite, 24);
    }

    #[test]
    fn postgres() {
        super::check(store::Backend::Postgres, 24);
    }
}
