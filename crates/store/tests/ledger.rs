//! Conformance tests of the dose ledger in the store, run by name on SQLite and PostgreSQL.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;
use domain::access::{Actor, LotView, UserId, lot_view};
use domain::ledger::{
    AccountKey, AccountState, Ledger, LotId, MovementKind, MovementRequest, PartyCode, Rejection,
};
use domain::party::{LotNumber, Party, PartyKind, Product, ProductCode, Role, Storage};
use domain::time::Timestamp;
use store::idempotency::Claim;
use store::ledger::{BalanceFilter, Movement, MovementFilter, NewLot};
use store::testing::execute_raw;
use store::{Retryable, Store, StoreError, accounts, store_test};

fn party(code: &str) -> PartyCode {
    PartyCode::parse(code).unwrap()
}

/// The moment every write of these tests happens at: the ledger takes its clock from the caller.
fn at() -> Timestamp {
    Timestamp::parse("2021-08-06T00:00:00.000Z").unwrap()
}

/// One movement in its own write transaction, as the system.
async fn move_doses(store: &Store, request: &MovementRequest) -> Result<Movement, StoreError> {
    store
        .write(|tx| async move { tx.apply_movement(request, None, at()).await })
        .await
}

/// The whole journal of `lot`, oldest first.
/// Applies `batch` at once in one write transaction, as a round's publication does.
async fn move_batch(store: &Store, batch: &[MovementRequest]) -> Result<Vec<Movement>, StoreError> {
    store
        .write(|tx| async move { tx.apply_movements(batch, None, at()).await })
        .await
}

async fn journal_of(store: &Store, lot: LotId) -> Vec<Movement> {
    store
        .read(|tx| async move {
            tx.movements(&MovementFilter {
                lot: Some(lot),
                limit: 100,
                ..MovementFilter::default()
            })
            .await
        })
        .await
        .unwrap()
}

/// A manufacturer, two countries, an organization and one product.
async fn setup(store: &Store) {
    store
        .write(|tx| async move {
            for (code, kind) in [
                ("maker", PartyKind::Manufacturer),
                ("ETH", PartyKind::Country),
                ("TCD", PartyKind::Country),
                ("who", PartyKind::Organization),
            ] {
                let population = (kind == PartyKind::Country).then_some(1_000_000);
                tx.create_party(&Party {
                    code: party(code),
                    kind,
                    name: code.to_owned(),
                    population,
                    income_group: None,
                })
                .await?;
            }
            tx.create_product(&Product {
                code: ProductCode::parse("VAX1").unwrap(),
                manufacturer: party("maker"),
                name: "Vaccine one".into(),
                doses_per_course: 2,
                storage: Storage::Refrigerated,
                shelf_life_days: 180,
                gtin: None,
            })
            .await?;
            Ok::<_, StoreError>(())
        })
        .await
        .unwrap();
}

async fn new_lot(store: &Store, lot_number: &str, doses: i64) -> LotId {
    let new = NewLot {
        product: ProductCode::parse("VAX1").unwrap(),
        manufacturer: party("maker"),
        lot_number: LotNumber::parse(lot_number).unwrap(),
        expiry: NaiveDate::from_ymd_opt(2022, 3, 31).unwrap(),
        doses,
        gtin: None,
        serial: None,
    };
    let new = &new;
    let (lot, movement) = store
        .write(|tx| async move { tx.register_lot(new, None, at()).await })
        .await
        .unwrap();
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
        .read(|tx| async move {
            tx.balances(&BalanceFilter {
                lot: Some(lot),
                limit: 1_000,
                ..BalanceFilter::default()
            })
            .await
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

/// Why a test's write ended without committing: it asked to roll back, or the store failed.
#[derive(Debug)]
enum RollBack {
    Asked,
    Store(StoreError),
}

impl From<StoreError> for RollBack {
    fn from(error: StoreError) -> Self {
        Self::Store(error)
    }
}

impl Retryable for RollBack {
    fn is_retryable(&self) -> bool {
        matches!(self, Self::Store(error) if error.is_retryable())
    }
}

/// What the system's daily expiry does for `day`, in one write: every balance still
/// `available` or `reserved` in a lot whose expiry is before `day` moves to `expired`.
async fn expire_due(store: &Store, day: NaiveDate) -> Vec<Movement> {
    let now = Timestamp::start_of(day);
    store
        .write(|tx| async move {
            let mut entries = Vec::new();
            for balance in tx.balances_past_expiry(now.date()).await? {
                let expire = MovementRequest {
                    kind: MovementKind::Expire,
                    lot: balance.lot,
                    doses: balance.doses,
                    actor: balance.holder,
                    to: None,
                    from_state: Some(balance.state),
                    reason: Some(format!(
                        "expired: the lot's last day of use was before {day}"
                    )),
                };
                entries.push(tx.apply_movement(&expire, None, now).await?);
            }
            Ok::<_, StoreError>(entries)
        })
        .await
        .unwrap()
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
            move_doses(&store, &step).await.unwrap();
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
        let journal = journal_of(&store, lot).await;
        let kinds: Vec<MovementKind> = journal.iter().map(|movement| movement.kind).collect();
        assert_eq!(kinds, vec![Release, Reserve, Ship, Receive, Administer, Waste, Unreserve]);
        assert!(journal.windows(2).all(|pair| pair[0].id < pair[1].id));
        assert_eq!(journal[5].reason.as_deref(), Some("broken vials"));
        // ETH has accounts of the lot, so it sees it (as a holder); TCD never had one, and
        // is not the manufacturer, so the lot is hidden from it.
        let (eth, tcd) = store
            .read(|tx| async move {
                Ok::<_, StoreError>((tx.own_doses(&party("ETH"), lot).await?, tx.own_doses(&party("TCD"), lot).await?))
            })
            .await
            .unwrap();
        assert!(eth.is_some());
        assert!(tcd.is_none());
        let official = |code: &str| Actor {
            user: UserId(1),
            party: party(code),
            party_kind: PartyKind::Country,
            role: Role::Official,
        };
        assert_ne!(lot_view(&official("ETH"), &party("maker"), eth), LotView::Hidden);
        assert_eq!(lot_view(&official("TCD"), &party("maker"), tcd), LotView::Hidden);
        assert_verified(&store).await;
    }
}

store_test! {
    async fn an_overdraw_is_refused_whole_and_changes_nothing(store: Store) {
        setup(&store).await;
        let lot = new_lot(&store, "L1", 100).await;
        let before = balances_of(&store, lot).await;
        let error = move_doses(&store, &request(MovementKind::Reserve, lot, 101, "maker", None)).await.unwrap_err();
        match error {
            StoreError::Rejected(Rejection::InsufficientBalance { balance, requested, .. }) => {
                assert_eq!((balance, requested), (100, 101));
            }
            other => panic!("expected an insufficient balance, got {other}"),
        }
        // A party that holds nothing cannot ship either.
        let error = move_doses(&store, &request(MovementKind::Ship, lot, 1, "TCD", Some("ETH"))).await.unwrap_err();
        assert!(matches!(error, StoreError::Rejected(Rejection::InsufficientBalance { balance: 0, .. })), "{error}");
        assert_eq!(balances_of(&store, lot).await, before);
        assert_eq!(journal_of(&store, lot).await.len(), 1);
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
                move_doses(&store, &request(MovementKind::Reserve, lot, 100, "maker", None)).await
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
        let update = execute_raw(&store, "UPDATE movements SET doses = 99").await;
        assert!(update.unwrap_err().to_string().contains("append-only"));
        let delete = execute_raw(&store, "DELETE FROM movements").await;
        assert!(delete.unwrap_err().to_string().contains("append-only"));
        let negative = execute_raw(&store, &format!("UPDATE balances SET doses = -1 WHERE lot = {}", lot.0)).await;
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
        execute_raw(&store, &format!("UPDATE balances SET doses = 7 WHERE lot = {}", tampered.0)).await.unwrap();
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
        let duplicate = NewLot {
            product: ProductCode::parse("VAX1").unwrap(),
            manufacturer: party("maker"),
            lot_number: LotNumber::parse("DUP").unwrap(),
            expiry: NaiveDate::from_ymd_opt(2022, 1, 1).unwrap(),
            doses: 5,
            gtin: None,
            serial: None,
        };
        let duplicate = &duplicate;
        let error = store
            .write(|tx| async move { tx.register_lot(duplicate, None, at()).await })
            .await
            .unwrap_err();
        assert_eq!(error.to_string(), "lot DUP of product VAX1 is registered already");
        let lots = store.read(|tx| async move { tx.lots(None, None, 100).await }).await.unwrap();
        assert_eq!(lots.len(), 1);
        assert_verified(&store).await;
    }
}

store_test! {
    async fn an_idempotency_key_replays_the_first_answer(store: Store) {
        setup(&store).await;
        let user = store
            .write(|tx| async move {
                let user = tx
                    .create_user(&accounts::NewUser { email: "a@maker.example", password_hash: "x", party: &party("maker"), role: Role::Official })
                    .await?;
                assert_eq!(tx.claim_idempotency_key(user, "key-1", "hash-a").await?, Claim::Fresh);
                tx.complete_idempotency_key(user, "key-1", 201, "{\"id\":1}").await?;
                Ok::<_, StoreError>(user)
            })
            .await
            .unwrap();

        let outcome = store
            .write(|tx| async move {
                assert_eq!(
                    tx.claim_idempotency_key(user, "key-1", "hash-a").await?,
                    Claim::Replay { status: 201, body: "{\"id\":1}".into() }
                );
                assert_eq!(tx.claim_idempotency_key(user, "key-1", "hash-b").await?, Claim::Mismatch);
                assert_eq!(tx.claim_idempotency_key(user, "key-2", "hash-a").await?, Claim::Fresh);
                // Not completed: a second claim in flight sees it unfinished.
                assert_eq!(tx.claim_idempotency_key(user, "key-2", "hash-a").await?, Claim::InFlight);
                Err::<(), _>(RollBack::Asked)
            })
            .await;
        assert!(matches!(outcome, Err(RollBack::Asked)), "{outcome:?}");
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
            let actual = move_doses(store, &movement).await.map(|_| ());
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
        move_doses(&store, &request(MovementKind::Reserve, lot, 300, "maker", None)).await.unwrap();
        move_doses(&store, &request(MovementKind::Ship, lot, 100, "maker", Some("ETH"))).await.unwrap();
        let on_the_day = expire_due(&store, NaiveDate::from_ymd_opt(2022, 3, 31).unwrap()).await;
        assert!(on_the_day.is_empty(), "a lot may still be used on its expiry day");
        let entries = expire_due(&store, NaiveDate::from_ymd_opt(2022, 4, 1).unwrap()).await;
        let moved: Vec<(AccountState, i64)> =
            entries.iter().map(|entry| (entry.from.as_ref().unwrap().state, entry.doses)).collect();
        assert_eq!(moved, vec![(AccountState::Available, 700), (AccountState::Reserved, 200)]);
        let balances = balances_of(&store, lot).await;
        assert_eq!(balances[&("maker".to_owned(), AccountState::Expired)], 900);
        // In transit is not the holder's to expire: it stays until received.
        assert_eq!(balances[&("ETH".to_owned(), AccountState::InTransit)], 100);
        assert!(expire_due(&store, NaiveDate::from_ymd_opt(2022, 4, 2).unwrap()).await.is_empty());
        assert_verified(&store).await;
    }
}

store_test! {
    async fn a_batch_that_overdraws_one_account_is_refused_whole_naming_it(store: Store) {
        setup(&store).await;
        let first = new_lot(&store, "L1", 100).await;
        let second = new_lot(&store, "L2", 50).await;
        let before = (balances_of(&store, first).await, balances_of(&store, second).await);
        let batch = |doses_of_second: i64| {
            vec![
                request(MovementKind::Reserve, first, 60, "maker", None),
                request(MovementKind::Reserve, first, 40, "maker", None),
                request(MovementKind::Reserve, second, doses_of_second, "maker", None),
            ]
        };
        let refused = batch(51);
        let error = move_batch(&store, &refused).await
            .unwrap_err();
        match error {
            StoreError::Rejected(Rejection::InsufficientBalance { account, balance, requested }) => {
                assert_eq!((account.lot, balance, requested), (second, 50, 51));
            }
            other => panic!("expected an insufficient balance, got {other}"),
        }
        // An account with no row holds nothing.
        let nothing = vec![request(MovementKind::Reserve, first, 1, "TCD", None)];
        let error = move_batch(&store, &nothing).await
            .unwrap_err();
        assert!(matches!(error, StoreError::Rejected(Rejection::InsufficientBalance { balance: 0, requested: 1, .. })), "{error}");
        assert_eq!((balances_of(&store, first).await, balances_of(&store, second).await), before);
        // The same batch within the balances goes through, each movement journalled in order.
        let accepted = batch(50);
        let movements = move_batch(&store, &accepted).await
            .unwrap();
        let doses: Vec<(LotId, i64)> = movements.iter().map(|movement| (movement.lot, movement.doses)).collect();
        assert_eq!(doses, [(first, 60), (first, 40), (second, 50)]);
        assert!(movements.windows(2).all(|pair| pair[0].id < pair[1].id));
        assert_eq!(journal_of(&store, first).await.len(), 3);
        assert_verified(&store).await;
    }
}
