//! Real server processes: two `equidose serve` on one PostgreSQL racing for the same doses,
//! where exactly the moves the doses cover win. (`kill -9` under load is `under_fire.rs`;
//! races on shares, shipments and offers are `races.rs`; all three share `fire/mod.rs`.)

mod fire;

use fire::{Call, MAKER, send, start};
use serde_json::json;
use store::Backend;
use store::testing::TestDatabase;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_on_one_postgresql_let_exactly_the_covered_moves_win() {
    let Some(database) = TestDatabase::create(Backend::Postgres).await else {
        return;
    };
    let store = database.open().await;
    fire::install_parties(&store).await;
    let lot = store::testing::seed_lot(&store, "L1", 1_000).await.0;
    let servers = [start(&database.url).await, start(&database.url).await];
    // 48 requests for 50 doses each, spread over both servers, race for 1,000 doses.
    let body = json!({"kind": "reserve", "lot": lot, "doses": 50});
    let tasks: Vec<_> = (0..48)
        .map(|index| {
            let address = servers[index % 2].address.clone();
            let call = Call::post(MAKER, "/api/v1/movements", Some(body.clone()));
            tokio::spawn(async move { send(&address, &call).await })
        })
        .collect();
    let mut won = 0;
    let mut refused = 0;
    for task in tasks {
        match task.await.unwrap() {
            Some(answer) if answer.status == 201 => won += 1,
            Some(answer) if answer.status == 409 => {
                assert!(answer.body.contains("insufficient_balance"), "{answer:?}");
                refused += 1;
            }
            other => panic!("unexpected answer: {other:?}"),
        }
    }
    assert_eq!((won, refused), (20, 28));
    let report = store.verify().await.unwrap();
    assert!(report.violations.is_empty(), "{:?}", report.violations);
    drop(servers);
    store.close().await;
    database.remove().await;
}
