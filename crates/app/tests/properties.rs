//! Property: whatever sequence of actions the parties attempt through the use cases, the
//! ledger's invariants hold (`verify`), a refused action changes nothing (neither the journal
//! nor the audit trail), and every journal entry has exactly one audit event, by its actor,
//! in the trail of its lot. On both backends; a failure prints the minimal sequence.

mod common;

use app::App;
use app::audit::AuditQuery;
use app::lots::NewLotInput;
use app::movements::NewMovement;
use domain::access::Actor;
use domain::audit::{AuditAction, ObjectKind};
use domain::ledger::LotId;
use domain::party::{PartyKind, Role};
use proptest::prelude::*;
use store::ledger::MovementFilter;

const ACTORS: [(&str, PartyKind, Role); 5] = [
    ("maker", PartyKind::Manufacturer, Role::Official),
    ("ETH", PartyKind::Country, Role::Official),
    ("TCD", PartyKind::Country, Role::Official),
    ("covax", PartyKind::Organization, Role::Official),
    ("ETH", PartyKind::Country, Role::Viewer),
];
const KINDS: [&str; 8] = [
    "reserve",
    "unreserve",
    "ship",
    "receive",
    "administer",
    "expire",
    "waste",
    "release",
];

#[derive(Debug, Clone)]
struct Step {
    actor: usize,
    kind: usize,
    lot: usize,
    doses: i64,
    to: usize,
}

fn step() -> impl Strategy<Value = Step> {
    (
        0..ACTORS.len(),
        0..KINDS.len(),
        0..2usize,
        0..500i64,
        0..4usize,
    )
        .prop_map(|(actor, kind, lot, doses, to)| Step {
            actor,
            kind,
            lot,
            doses,
            to,
        })
}

async fn counts(platform: &App, lots: &[LotId]) -> (usize, usize) {
    platform
        .read(|tx| async move {
            let mut journal = 0;
            for lot in lots {
                journal += tx
                    .movements(&MovementFilter {
                        lot: Some(*lot),
                        limit: 10_000,
                        ..MovementFilter::default()
                    })
                    .await?
                    .len();
            }
            let events = tx
                .events(&store::audit::EventFilter {
                    limit: 100_000,
                    ..Default::default()
                })
                .await?
                .len();
            Ok((journal, events))
        })
        .await
        .unwrap()
}

async fn run_case(
    platform: &App,
    actors: &[Actor],
    case: usize,
    steps: &[Step],
) -> Result<(), TestCaseError> {
    let now = platform.now();
    let maker = &actors[0];
    let mut lots = Vec::new();
    for (index, doses) in [1_000i64, 300].into_iter().enumerate() {
        let input = NewLotInput {
            product: Some("VAX1".into()),
            lot_number: Some(format!("C{case}L{index}")),
            expiry: Some("2021-12-31".into()),
            gs1: None,
            doses,
        };
        let input = &input;
        let (lot, _) = platform
            .write(|tx| async move { app::lots::register(&tx, now, maker, input).await })
            .await
            .unwrap();
        lots.push(lot.id);
    }
    let recipients = ["ETH", "TCD", "covax", "maker"];
    for step in steps {
        let actor = &actors[step.actor];
        let kind = KINDS[step.kind];
        let input = NewMovement {
            kind: kind.into(),
            lot: lots[step.lot].0,
            doses: step.doses,
            to: (kind == "ship").then(|| recipients[step.to].to_owned()),
            reason: (kind == "waste").then(|| "a cold-chain failure".to_owned()),
            from_state: None,
        };
        let before = counts(platform, &lots).await;
        let input = &input;
        let outcome = platform
            .write(|tx| async move { app::movements::record(&tx, now, actor, input).await })
            .await;
        let after = counts(platform, &lots).await;
        match outcome {
            Ok(movement) => {
                prop_assert_eq!(after, (before.0 + 1, before.1 + 1), "{:?}", step);
                prop_assert_eq!(movement.doses, step.doses);
            }
            Err(error) => {
                prop_assert!(error.is_request_failure(), "{:?}: {}", step, error);
                prop_assert_eq!(
                    after,
                    before,
                    "a refused {:?} changed something: {}",
                    step,
                    error
                );
            }
        }
    }
    let report = platform.store.verify().await.unwrap();
    prop_assert!(report.violations.is_empty(), "{:?}", report.violations);
    // Every journal entry of each lot has one event in the lot's trail, by the entry's user.
    for lot in &lots {
        let covax = &actors[3];
        let query = AuditQuery {
            kind: Some(ObjectKind::Lot),
            id: Some(lot.0.to_string()),
            after: None,
            limit: 10_000,
        };
        let query = &query;
        let (journal, trail) = platform
            .read(|tx| async move {
                let journal = tx
                    .movements(&MovementFilter {
                        lot: Some(*lot),
                        limit: 10_000,
                        ..MovementFilter::default()
                    })
                    .await?;
                let trail = app::audit::list(&tx, covax, query).await?;
                Ok((journal, trail))
            })
            .await
            .unwrap();
        let recorded: Vec<String> = trail
            .iter()
            .filter(|event| event.action == AuditAction::MovementRecorded)
            .map(|event| event.object.id.clone())
            .collect();
        let entries: Vec<String> = journal.iter().map(|entry| entry.id.to_string()).collect();
        prop_assert_eq!(recorded, entries);
    }
    Ok(())
}

fn check(backend: store::Backend, cases: u32) {
    let Some(harness) = common::Harness::new(backend) else {
        return;
    };
    let actors = harness
        .runtime
        .block_on(common::install_actors(&harness.store, &ACTORS));
    harness.create_product(&actors[0]);
    harness.run(
        cases,
        proptest::collection::vec(step(), 1..25),
        |case, steps| {
            harness
                .runtime
                .block_on(run_case(&harness.platform, &actors, case, &steps))
        },
    );
    harness.finish();
}

mod random_actions_keep_the_ledger_and_its_trail_whole {
    #[test]
    fn sqlite() {
        super::check(store::Backend::Sqlite, 40);
    }

    #[test]
    fn postgres() {
        super::check(store::Backend::Postgres, 40);
    }
}
