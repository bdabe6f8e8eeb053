//! Conformance tests of the dose ledger in the store, run by name on SQLite and PostgreSQL.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;
use domain::ledger::{
    AccountKey, AccountState, Ledger, LotId, MovementKind, MovementRequest, PartyCode, Rejection,
};
use domain::party::{Party, PartyKind, Product, Storage};
use store::idempotency::{Claim, claim, complete};
use store::ledger::{BalanceFilter, NewLot, create_product, register_lot};
use store::{Store, StoreError, accounts, store_test};

fn party(code: &str) -> PartyCode {
    PartyCode::parse(code).unwrap()
}

/// A manufacturer, two countries, an organization and one product.
async fn setup(store: &Store) {
    let mut transaction = store.begin_write().await.unwrap();
    for (code, kind) in [
        ("maker", PartyKind::Manufacturer),
        ("ETH", PartyKind::Country),
        ("TCD", PartyKind::Country),
        ("who", PartyKind::Organization),
    ] {
        let population = (kind == PartyKind::Country).then_some(1_000_000);
        accounts::create_party(
            &mut transaction,
            &Party {
                code: party(code),
                kind,
                name: code.to_owned(),
                population,
                income_group: None,
            },
        )
        .await
        .unwrap();
    }
    create_product(
        &mut transaction,
        &Product {
            code: "VAX1".into(),
            manufacturer: party("maker"),
            name: "Vaccine one".into(),
            doses_per_course: 2,
            storage: Storage::Refrigerated,
            shelf_life_days: 180,
            gtin: None,
        },
    )
    .await
    .unwrap();
    transaction.commit().await.unwrap();
}

async fn new_lot(store: &Store, lot_number: &str, doses: i64) -> LotId {
    let mut transaction = store.begin_write().await.unwrap();
    let (lot, movement) = register_lot(
        &mut transaction,
        &NewLot {
            product: "VAX1".into(),
            manufacturer: party("maker"),
            lot_number: lot_number.into(),
            expiry: NaiveDate::from_ymd_opt(2022, 3, 31).unwrap(),
            doses,
            gtin: None,
            serial: None,
        },
        None,
    )
    .await
    .unwrap();
    transaction.commit().await.unwrap();
    assert_eq!(movement.kind, MovementKind::Release);
    lot.id
}

fn request(
    kind: MovementKind,
    lot: LotId,
    doses: i64,
    actor: &str,
    to: Option<&str>,
) -> MovementRequest {
    MovementRequest {
        kind,
        lot,
        doses,
        actor: party(actor),
        to: to.map(party),
        from_state: None,
        reason: (kind == MovementKind::Waste).then(|| "broken vials".to_owned()),
    }
}

async fn balances_of(store: &Store, lot: LotId) -> BTreeMap<(String, AccountState), i64> {
    store
        .balances(&BalanceFilter {
            lot: Some(lot),
            limit: 1_000,
            ..BalanceFilter::default()
        })
        .await
        .unwrap()
        .into_iter()
        .map(|balance| {
            (
                (balance.holder.as_str().to_owned(), balance.state),
                balance.doses,
            )
        })
        .collect()
}

async fn assert_verified(store: &Store) {
    let report = store.verify().await.unwrap();
    assert!(report.violations.is_empty(), "{:?}", report.violations);
    assert!(
        report.integrity_problems.is_empty(),
        "{:?}",
        report.integrity_problems
    );
}

store_test! {
    async fn doses_flow_from_release_to_administration(store: Store) {
        setup(&store).await;
        let lot = new_lot(&store, "AB1234", 1_000).await;
        use MovementKind::*;
        for step in [
            request(Reserve, lot, 600, "maker", None),
            request(Ship, lot, 500, "maker", Some("ETH")),
            request(Receive, lot, 500, "ETH", None),
            request(Administer, lot, 300, "ETH", None),
            request(Waste, lot, 20, "ETH", None),
            request(Unreserve, lot, 100, "maker", None),
        ] {
            store.move_doses(&step, None).await.unwrap();
        }
        let balances = balances_of(&store, lot).await;
        assert_eq!(
            balances,
            BTreeMap::from([
                (("ETH".to_owned(), AccountState::Administered), 300),
                (("ETH".to_owned(), AccountState::Available), 180),
                (("ETH".to_owned(), AccountState::InTransit), 0),
                (("ETH".to_owned(), AccountState::Wasted), 20),
                (("maker".to_owned(), AccountState::Available), 500),
                (("maker".to_owned(), AccountState::Reserved), 0),
            ])
        );
        let journal = store.movements(Some(lot), 0, 100).await.unwrap();
        let kinds: Vec<MovementKind> = journal.iter().map(|movement| movement.kind).collect();
        assert_eq!(kinds, vec![Release, Reserve, Ship, Receive, Administer, Waste, Unreserve]);
        assert!(journal.windows(2).all(|pair| pair[0].id < pair[1].id));
        assert_eq!(journal[5].reason.as_deref(), Some("broken vials"));
        assert!(store.party_sees_lot(&party("ETH"), lot).await.unwrap());
        assert!(!store.party_sees_lot(&party("TCD"), lot).await.unwrap());
        assert_verified(&store).await;
    }
}

store_test! {
    async fn an_overdraw_is_refused_whole_and_changes_nothing(store: Store) {
        setup(&store).await;
        let lot = new_lot(&store, "L1", 100).await;
        let before = balances_of(&store, lot).await;
        let error = store.move_doses(&request(MovementKind::Reserve, lot, 101, "maker", None), None).await.unwrap_err();
        match error {
            StoreError::Rejected(Rejection::InsufficientBalance { balance, requested, .. }) => {
                assert_eq!((balance, requested), (100, 101));
            }
            other => panic!("expected an insufficient balance, got {other}"),
        }
        // A party that holds nothing cannot ship either.
        let error = store.move_doses(&request(MovementKind::Ship, lot, 1, "TCD", Some("ETH")), None).await.unwrap_err();
        assert!(matches!(error, StoreError::Rejected(Rejection::InsufficientBalance { balance: 0, .. })), "{error}");
        assert_eq!(balances_of(&store, lot).await, before);
        assert_eq!(store.movements(Some(lot), 0, 100).await.unwrap().len(), 1);
        assert_verified(&store).await;
    }
}

store_test! {
    async fn concurrent_debits_of_one_balance_never_overdraw(store: Store) {
        setup(&store).await;
        let lot = new_lot(&store, "RACE", 1_000).await;
        // 16 requests of 100 doses race for 1,000: exactly ten may win.
        let store = Arc::new(store);
        let mut tasks = Vec::new();
        for _ in 0..16 {
            let store = Arc::clone(&store);
            tasks.push(tokio::spawn(async move {
                store.move_doses(&request(MovementKind::Reserve, lot, 100, "maker", None), None).await
            }));
        }
        let mut won = 0;
        for task in tasks {
            match task.await.unwrap() {
                Ok(_) => won += 1,
                Err(StoreError::Rejected(Rejection::InsufficientBalance { .. })) => {}
                Err(other) => panic!("a racing move failed with a server error: {other}"),
            }
        }
        assert_eq!(won, 10);
        let balances = balances_of(&store, lot).await;
        assert_eq!(balances[&("maker".to_owned(), AccountState::Reserved)], 1_000);
        assert_eq!(balances[&("maker".to_owned(), AccountState::Available)], 0);
        assert_verified(&store).await;
    }
}

store_test! {
    async fn the_journal_is_append_only_and_balances_never_negative(store: Store) {
        setup(&store).await;
        let lot = new_lot(&store, "L2", 10).await;
        let update = sqlx::query("UPDATE movements SET doses = 99").execute(store.pool()).await;
        assert!(update.unwrap_err().to_string().contains("append-only"));
        let delete = sqlx::query("DELETE FROM movements").execute(store.pool()).await;
        assert!(delete.unwrap_err().to_string().contains("append-only"));
        let negative = sqlx::query("UPDATE balances SET doses = -1 WHERE lot = $1").bind(lot.0).execute(store.pool()).await;
        assert!(negative.is_err(), "the database accepted a negative balance");
        assert_verified(&store).await;
    }
}

store_test! {
    async fn verify_names_the_lot_whose_balance_was_tampered_with(store: Store) {
        setup(&store).await;
        let _clean = new_lot(&store, "CLEAN", 10).await;
        let tampered = new_lot(&store, "BAD", 10).await;
        // Hand-editing a balance is what verify exists to catch.
        sqlx::query("UPDATE balances SET doses = 7 WHERE lot = $1").bind(tampered.0).execute(store.pool()).await.unwrap();
        let report = store.verify().await.unwrap();
        assert!(!report.violations.is_empty());
        assert!(report.violations.iter().all(|violation| violation.lot() == tampered), "{:?}", report.violations);
        let messages: Vec<String> = report.violations.iter().map(ToString::to_string).collect();
        assert!(messages.iter().any(|message| message.contains("7")), "{messages:?}");
    }
}

store_test! {
    async fn a_registered_lot_number_is_a_conflict_and_leaves_no_trace(store: Store) {
        setup(&store).await;
        new_lot(&store, "DUP", 10).await;
        let mut transaction = store.begin_write().await.unwrap();
        let error = register_lot(
            &mut transaction,
            &NewLot {
                product: "VAX1".into(),
                manufacturer: party("maker"),
                lot_number: "DUP".into(),
                expiry: NaiveDate::from_ymd_opt(2022, 1, 1).unwrap(),
                doses: 5,
                gtin: None,
                serial: None,
            },
            None,
        )
        .await
        .unwrap_err();
        drop(transaction);
        assert_eq!(error.to_string(), "lot DUP of product VAX1 is registered already");
        assert_eq!(store.lots(None, 0, 100).await.unwrap().len(), 1);
        assert_verified(&store).await;
    }
}

store_test! {
    async fn an_idempotency_key_replays_the_first_answer(store: Store) {
        setup(&store).await;
        let mut transaction = store.begin_write().await.unwrap();
        let user = accounts::create_user(
            &mut transaction,
            &accounts::NewUser { email: "a@maker.example", password_hash: "x", party: &party("maker"), role: domain::party::Role::Official },
        )
        .await
        .unwrap();
        assert_eq!(claim(&mut transaction, user, "key-1", "hash-a").await.unwrap(), Claim::Fresh);
        complete(&mut transaction, user, "key-1", 201, "{\"id\":1}").await.unwrap();
        transaction.commit().await.unwrap();

        let mut transaction = store.begin_write().await.unwrap();
        assert_eq!(
            claim(&mut transaction, user, "key-1", "hash-a").await.unwrap(),
            Claim::Replay { status: 201, body: "{\"id\":1}".into() }
        );
        assert_eq!(claim(&mut transaction, user, "key-1", "hash-b").await.unwrap(), Claim::Mismatch);
        assert_eq!(claim(&mut transaction, user, "key-2", "hash-a").await.unwrap(), Claim::Fresh);
        // Not completed: a second claim in flight sees it unfinished.
        assert_eq!(claim(&mut transaction, user, "key-2", "hash-a").await.unwrap(), Claim::InFlight);
        transaction.rollback().await.unwrap();
    }
}

/// The store against the domain's reference model, on random sequences of movements.
mod matches_the_reference_model {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};

    use super::*;

    #[derive(Debug, Clone)]
    struct Step {
        kind: MovementKind,
        lot_index: usize,
        doses: i64,
        actor: usize,
        to: usize,
    }

    const PARTIES: [&str; 3] = ["maker", "ETH", "TCD"];

    fn step() -> impl Strategy<Value = Step> {
        let kinds = prop_oneof![
            Just(MovementKind::Reserve),
            Just(MovementKind::Unreserve),
            Just(MovementKind::Ship),
            Just(MovementKind::Receive),
            Just(MovementKind::Administer),
            Just(MovementKind::Expire),
            Just(MovementKind::Waste),
        ];
        (kinds, 0..2usize, 1..400i64, 0..3usize, 0..3usize).prop_map(
            |(kind, lot_index, doses, actor, to)| Step {
                kind,
                lot_index,
                doses,
                actor,
                to,
            },
        )
    }

    async fn run_case(store: &Store, case: usize, steps: &[Step]) -> Result<(), TestCaseError> {
        let lots = [
            new_lot(store, &format!("P{case}A"), 1_000).await,
            new_lot(store, &format!("P{case}B"), 500).await,
        ];
        let mut model = Ledger::new();
        for (lot, doses) in [(lots[0], 1_000), (lots[1], 500)] {
            model
                .apply(&request(MovementKind::Release, lot, doses, "maker", None))
                .unwrap();
        }
        for step in steps {
            let movement = request(
                step.kind,
                lots[step.lot_index],
                step.doses,
                PARTIES[step.actor],
                (step.kind == MovementKind::Ship).then_some(PARTIES[step.to]),
            );
            let expected = model.apply(&movement).map(|_| ());
            let actual = store.move_doses(&movement, None).await.map(|_| ());
            match (&expected, &actual) {
                (Ok(()), Ok(())) => {}
                (Err(rejection), Err(StoreError::Rejected(stored))) => {
                    prop_assert_eq!(rejection, stored)
                }
                _ => prop_assert!(
                    false,
                    "model said {:?}, store said {:?} for {:?}",
                    expected,
                    actual,
                    step
                ),
            }
        }
        for lot in lots {
            let stored = balances_of(store, lot).await;
            let modelled: BTreeMap<(String, AccountState), i64> = model
                .balances()
                .filter(|(account, _)| account.lot == lot)
                .map(|(account, doses)| {
                    ((account.holder.as_str().to_owned(), account.state), doses)
                })
                .collect();
            let stored_nonzero: BTreeMap<_, _> = stored
                .into_iter()
                .filter(|(_, doses)| *doses != 0)
                .collect();
            prop_assert_eq!(stored_nonzero, modelled);
            let key = AccountKey {
                holder: party("maker"),
                lot,
                state: AccountState::Available,
            };
            prop_assert!(model.balance(&key) >= 0);
        }
        Ok(())
    }

    fn check(backend: store::Backend, cases: u32) {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let Some(database) = runtime.block_on(store::testing::TestDatabase::create(backend)) else {
            return;
        };
        let store = runtime.block_on(database.open());
        runtime.block_on(setup(&store));
        // One database for all cases: each case registers its own lots, so cases cannot
        // disturb each other, and a failure prints the minimal sequence and proptest's seed.
        let mut runner = TestRunner::new(Config {
            cases,
            failure_persistence: None,
            ..Config::default()
        });
        let counter = std::cell::Cell::new(0usize);
        let result = runner.run(&proptest::collection::vec(step(), 1..50), |steps| {
            let case = counter.get();
            counter.set(case + 1);
            runtime.block_on(run_case(&store, case, &steps))
        });
        if let Err(failure) = result {
            panic!("{failure}");
        }
        runtime.block_on(async {
            assert_verified(&store).await;
            store.close().await;
            database.remove().await;
        });
    }

    #[test]
    fn sqlite() {
        check(store::Backend::Sqlite, 200);
    }

    #[test]
    fn postgres() {
        check(store::Backend::Postgres, 200);
    }
}

store_test! {
    async fn the_system_expires_what_is_left_of_lots_past_their_day(store: Store) {
        setup(&store).await;
        // new_lot's expiry is 2022-03-31.
        let lot = new_lot(&store, "OLD", 1_000).await;
        store.move_doses(&request(MovementKind::Reserve, lot, 300, "maker", None), None).await.unwrap();
        store.move_doses(&request(MovementKind::Ship, lot, 100, "maker", Some("ETH")), None).await.unwrap();
        let on_the_day = store.expire_due(NaiveDate::from_ymd_opt(2022, 3, 31).unwrap()).await.unwrap();
        assert!(on_the_day.is_empty(), "a lot may still be used on its expiry day");
        let entries = store.expire_due(NaiveDate::from_ymd_opt(2022, 4, 1).unwrap()).await.unwrap();
        let moved: Vec<(AccountState, i64)> =
            entries.iter().map(|entry| (entry.from.as_ref().unwrap().state, entry.doses)).collect();
        assert_eq!(moved, vec![(AccountState::Available, 700), (AccountState::Reserved, 200)]);
        let balances = balances_of(&store, lot).await;
        assert_eq!(balances[&("maker".to_owned(), AccountState::Expired)], 900);
        // In transit is not the holder's to expire: it stays until received.
        assert_eq!(balances[&("ETH".to_owned(), AccountState::InTransit)], 100);
        assert!(store.expire_due(NaiveDate::from_ymd_opt(2022, 4, 2).unwrap()).await.unwrap().is_empty());
        assert_verified(&store).await;
    }
}
