//! Helpers shared by the use cases' property tests: a fresh store on one backend, the
//! platform on the forum's day with the product `VAX1`, and a proptest run over it.

#![allow(dead_code)] // Each test file uses a different part of this module.

use std::sync::Arc;

use app::{App, FixedClock, Timestamp};
use domain::access::Actor;
use domain::ledger::PartyCode;
use domain::party::{Party, PartyKind, Role};
use proptest::strategy::Strategy;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use store::Store;
use store::testing::TestDatabase;

/// Creates the parties of `actors` that are missing and one user for each entry (emails
/// `user{index}@example.org`); the actors, in the order given.
pub async fn install_actors(store: &Store, actors: &[(&str, PartyKind, Role)]) -> Vec<Actor> {
    store
        .write(|tx| async move {
            let mut installed = Vec::new();
            for (index, (code, kind, role)) in actors.iter().enumerate() {
                let code = PartyCode::parse(code).unwrap();
                if tx.party(code.as_str()).await?.is_none() {
                    tx.create_party(&Party {
                        code: code.clone(),
                        kind: *kind,
                        name: code.to_string(),
                        population: None,
                        income_group: None,
                    })
                    .await?;
                }
                let email = format!("user{index}@example.org");
                let user = tx
                    .create_user(&store::accounts::NewUser {
                        email: &email,
                        password_hash: "unused",
                        party: &code,
                        role: *role,
                    })
                    .await?;
                installed.push(Actor {
                    user,
                    party: code,
                    party_kind: *kind,
                    role: *role,
                });
            }
            Ok::<_, store::StoreError>(installed)
        })
        .await
        .unwrap()
}

/// A fresh database on one backend and the platform over it, its clock at 2021-08-06 09:00.
pub struct Harness {
    pub runtime: tokio::runtime::Runtime,
    pub store: Store,
    pub platform: App,
    database: TestDatabase,
}

impl Harness {
    /// The harness, or `None` when the backend is not reachable (outside CI).
    pub fn new(backend: store::Backend) -> Option<Harness> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let database = runtime.block_on(TestDatabase::create(backend))?;
        let store = runtime.block_on(database.open());
        let clock = Arc::new(FixedClock(
            Timestamp::parse("2021-08-06T09:00:00.000Z").unwrap(),
        ));
        let platform = App::with_clock(store.clone(), clock);
        Some(Harness {
            runtime,
            store,
            platform,
            database,
        })
    }

    /// Creates the product `VAX1` of `maker`'s party.
    pub fn create_product(&self, maker: &Actor) {
        let product = app::products::NewProduct {
            code: "VAX1".into(),
            manufacturer: None,
            name: "Vaccine".into(),
            doses_per_course: 1,
            storage: "2-8C".into(),
            shelf_life_days: 365,
            gtin: None,
        };
        let (now, product) = (self.platform.now(), &product);
        self.runtime
            .block_on(
                self.platform.write(|tx| async move {
                    app::products::create(&tx, now, maker, product).await
                }),
            )
            .unwrap();
    }

    /// Runs `cases` cases of `strategy` through `case` (given the case's number, for unique
    /// lot numbers); a failure panics with the minimal input.
    pub fn run<S: Strategy>(
        &self,
        cases: u32,
        strategy: S,
        case: impl Fn(usize, S::Value) -> Result<(), TestCaseError>,
    ) {
        let mut runner = TestRunner::new(Config {
            cases,
            failure_persistence: None,
            ..Config::default()
        });
        let counter = std::cell::Cell::new(0usize);
        let result = runner.run(&strategy, |value| {
            let number = counter.get();
            counter.set(number + 1);
            case(number, value)
        });
        if let Err(failure) = result {
            panic!("{failure}");
        }
    }

    /// Closes the store and drops the database.
    pub fn finish(self) {
        let Harness {
            runtime,
            store,
            database,
            ..
        } = self;
        runtime.block_on(async {
            store.close().await;
            database.remove().await;
        });
    }
}
