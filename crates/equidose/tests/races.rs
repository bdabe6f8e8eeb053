//! Races through real server processes: 2 to 64 concurrent attempts on the same doses, the
//! same share of a round, the same shipment and the same offer, through one `equidose serve`
//! and through two on one PostgreSQL (and one on SQLite). Exactly one attempt takes effect
//! per contested thing, the others answer 409, none a 5xx; afterwards no balance is
//! negative, and every reserved or travelling dose belongs to a planned shipment, a shipment
//! in transit or an unanswered share.

mod fire;

use std::collections::BTreeMap;

use fire::{Call, MAKER, POOL, Server, expect, send, start};
use serde_json::json;
use store::Backend;
use store::testing::TestDatabase;

/// How many attempts race at once, in turn.
const ATTEMPTS: [usize; 4] = [2, 8, 32, 64];

/// Sends every call at once, spread over `servers`; the count of each status.
async fn contest(servers: &[Server], calls: Vec<Call>) -> BTreeMap<u16, usize> {
    let tasks: Vec<_> = calls
        .into_iter()
        .enumerate()
        .map(|(index, call)| {
            let address = servers[index % servers.len()].address.clone();
            tokio::spawn(async move { send(&address, &call).await })
        })
        .collect();
    let mut statuses = BTreeMap::new();
    for task in tasks {
        let answer = task
            .await
            .expect("an attempt ends")
            .expect("every attempt is answered");
        assert!(answer.status < 500, "a server error: {answer:?}");
        let success = if answer.is_success() {
            200
        } else {
            answer.status
        };
        *statuses.entry(success).or_default() += 1;
    }
    statuses
}

/// One success, the rest 409.
fn one_winner(statuses: &BTreeMap<u16, usize>, attempts: usize, what: &str) {
    let expected: BTreeMap<u16, usize> = if attempts == 1 {
        BTreeMap::from([(200, 1)])
    } else {
        BTreeMap::from([(200, 1), (409, attempts - 1)])
    };
    assert_eq!(statuses, &expected, "{what}, {attempts} at once");
}

async fn races(backend: Backend, processes: usize) {
    let Some(database) = TestDatabase::create(backend).await else {
        return;
    };
    let store = database.open().await;
    fire::install_parties(&store).await;
    let mut servers = Vec::new();
    for _ in 0..processes {
        servers.push(start(&database.url).await);
    }
    let address = servers[0].address.clone();
    fire::product(&address).await;
    let pool_lot = fire::lot(&address, "POOL", 1_000_000).await;
    fire::deliver(&address, pool_lot, 100_000, POOL).await;
    let shipment_lot = fire::lot(&address, "SHIP", 1_000_000).await;
    let checked = [pool_lot, shipment_lot];
    for attempts in ATTEMPTS {
        let what = |thing: &str| format!("{backend:?}, {processes} process(es): {thing}");

        // The same doses: each attempt wants more than half of them.
        let lot = fire::lot(&address, &format!("CONTESTED{attempts}"), 100).await;
        let body = json!({"kind": "reserve", "lot": lot, "doses": 60});
        let calls = (0..attempts)
            .map(|_| Call::post(MAKER, "/api/v1/movements", Some(body.clone())))
            .collect();
        one_winner(&contest(&servers, calls).await, attempts, &what("doses"));
        let balances = expect(
            &address,
            &Call::get(MAKER, format!("/api/v1/balances?lot={lot}")),
            200,
        )
        .await
        .json();
        let reserved: i64 = balances
            .as_array()
            .into_iter()
            .flatten()
            .filter(|row| row["state"] == "reserved")
            .filter_map(|row| row["doses"].as_i64())
            .sum();
        assert_eq!(reserved, 60, "{}", what("doses reserved"));

        // The same share: Ethiopia accepts and declines it at once.
        let round = fire::published_round(&address, pool_lot, 10, &["ETH"]).await;
        let calls = (0..attempts)
            .map(|index| {
                let body = if index % 2 == 0 {
                    json!({"decision": "accept"})
                } else {
                    json!({"decision": "decline", "reason": "no_cold_chain"})
                };
                Call::post(
                    "ETH",
                    format!("/api/v1/rounds/{round}/responses"),
                    Some(body),
                )
            })
            .collect();
        one_winner(&contest(&servers, calls).await, attempts, &what("a share"));

        // The same shipment: dispatched and cancelled at once.
        let shipment = expect(
            &address,
            &Call::post(
                MAKER,
                "/api/v1/shipments",
                Some(json!({"lot": shipment_lot, "doses": 5, "to": "TCD"})),
            ),
            201,
        )
        .await
        .id();
        let calls = (0..attempts)
            .map(|index| {
                let action = if index % 2 == 0 { "dispatch" } else { "cancel" };
                Call::post(
                    MAKER,
                    format!("/api/v1/shipments/{shipment}/{action}"),
                    None,
                )
            })
            .collect();
        one_winner(
            &contest(&servers, calls).await,
            attempts,
            &what("a shipment"),
        );

        // The same offer: the Congo takes all of it, and declines it, at once.
        let offer = expect(
            &address,
            &Call::post(
                MAKER,
                "/api/v1/offers",
                Some(json!({"product": "VAX1", "doses": 100, "available_from": "2021-08-15", "available_to": "2021-10-31", "to": "COD"})),
            ),
            201,
        )
        .await
        .id();
        let calls = (0..attempts)
            .map(|index| {
                if index % 2 == 0 {
                    Call::post(
                        "COD",
                        format!("/api/v1/offers/{offer}/accept"),
                        Some(json!({"doses": 100})),
                    )
                } else {
                    Call::post("COD", format!("/api/v1/offers/{offer}/decline"), None)
                }
            })
            .collect();
        one_winner(&contest(&servers, calls).await, attempts, &what("an offer"));

        fire::assert_accounted(&store, &checked, &what("after the races")).await;
    }
    drop(servers);
    store.close().await;
    database.remove().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn races_through_one_server_on_sqlite_have_one_winner_each() {
    races(Backend::Sqlite, 1).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn races_through_two_servers_on_one_sqlite_file_have_one_winner_each() {
    races(Backend::Sqlite, 2).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn races_through_one_server_on_postgresql_have_one_winner_each() {
    races(Backend::Postgres, 1).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn races_through_two_servers_on_one_postgresql_have_one_winner_each() {
    races(Backend::Postgres, 2).await;
}
