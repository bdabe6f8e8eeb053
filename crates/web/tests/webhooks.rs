//! Webhooks end to end, on both backends: registration and its refusals, the outbox written
//! in the event's transaction, and the delivery worker against a receiver that checks every
//! signature: in order, the same event id on every retry, a failing receiver retried with
//! its attempts visible, and a receiver that never answers holding up only its own webhook.

mod common;
mod receiver;

use std::sync::Arc;
use std::time::Duration;

use app::webhooks::RetryPolicy;
use app::{App, ShiftedClock};
use axum::Router;
use axum::http::StatusCode;
use common::{call, officials};
use domain::audit::{AuditAction, ObjectKind, ObjectRef};
use domain::ledger::PartyCode;
use domain::party::PartyKind;
use receiver::{Behaviour, Receiver};
use serde_json::{Value, json};
use store::{Store, store_test};
use web::AppState;
use web::delivery::DeliverySettings;

/// The platform over `store` on a clock that starts at the tests' moment and runs on (the
/// worker's backoff needs time to pass), allowing private targets (the receiver is on
/// 127.0.0.1) unless told otherwise.
fn platform(store: Store, allow_private: bool) -> (App, Router) {
    let app = App::with_clock(store, Arc::new(ShiftedClock::starting_at(common::now())));
    let state = AppState {
        webhooks_allow_private: allow_private,
        ..AppState::new(app.clone())
    };
    (app, common::app_with(state))
}

/// Fast settings: a one-second timeout, retries after 1 then 2 seconds.
fn settings() -> DeliverySettings {
    DeliverySettings {
        allow_private: true,
        timeout: Duration::from_secs(1),
        retry: RetryPolicy {
            initial_seconds: 1,
            max_seconds: 2,
        },
        concurrency: 4,
        poll_interval: Duration::from_millis(50),
    }
}

async fn install(store: &Store) {
    officials(
        store,
        &[
            ("maker", PartyKind::Manufacturer),
            ("covax", PartyKind::Organization),
        ],
        &["maker", "ETH", "TCD", "covax"],
    )
    .await;
}

/// Registers a webhook for `events` as `token`'s party; its id and secret.
async fn register(app: &Router, token: &str, url: &str, events: &[&str]) -> (i64, String) {
    let (status, body) = call(
        app,
        "POST",
        "/api/v1/webhooks",
        Some(token),
        Some(json!({"url": url, "events": events})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let secret = body["secret"].as_str().unwrap().to_owned();
    assert!(secret.len() >= 32, "{secret}");
    (body["id"].as_i64().unwrap(), secret)
}

/// Records `action` on shipment `object` by `party`'s official, concerning `concerned`, as a
/// use case would; the event's id.
async fn record(
    app: &App,
    party: &str,
    action: AuditAction,
    object: i64,
    concerned: &[&str],
) -> i64 {
    let email = format!("{}@x.example", party.to_lowercase());
    let (email, now) = (&email, app.now());
    let concerned: Vec<PartyCode> = concerned
        .iter()
        .map(|code| PartyCode::parse(code).unwrap())
        .collect();
    let concerned = &concerned;
    app.write(|tx| async move {
        let user = tx.user_by_email(email).await?.unwrap().user;
        let actor = app::tokens::actor_of(&user);
        app::audit::record(
            &tx,
            Some(&actor),
            now,
            action,
            ObjectRef::new(ObjectKind::Shipment, object),
            concerned.clone(),
            json!({}),
        )
        .await?;
        let events = tx
            .events(&store::audit::EventFilter {
                limit: 1_000_000,
                ..Default::default()
            })
            .await?;
        Ok(events.last().unwrap().id)
    })
    .await
    .unwrap()
}

async fn deliveries(app: &Router, token: &str, webhook: i64) -> Vec<Value> {
    let (status, body) = call(
        app,
        "GET",
        &format!("/api/v1/webhooks/{webhook}/deliveries"),
        Some(token),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body.as_array().unwrap().clone()
}

store_test! {
    async fn deliveries_are_signed_in_order_and_carry_the_events_id(store: Store) {
        install(&store).await;
        let lot = store::testing::seed_lot(&store, "L1", 1_000).await.0;
        let (app, router) = platform(store.clone(), true);
        let receiver = Receiver::start(Duration::ZERO).await;
        let shipping = ["shipment.dispatched", "shipment.delivered"];
        let (maker_hook, maker_secret) = register(&router, "maker", &receiver.url("/maker"), &shipping).await;
        let (eth_hook, eth_secret) = register(&router, "ETH", &receiver.url("/eth?party=ETH"), &["shipment.delivered"]).await;
        receiver.expect("/maker", &maker_secret, Behaviour::Succeed);
        receiver.expect("/eth", &eth_secret, Behaviour::Succeed);
        // The secret is shown once: reading the webhook back does not show it.
        let (_, read) = call(&router, "GET", &format!("/api/v1/webhooks/{maker_hook}"), Some("maker"), None).await;
        assert_eq!(read["events"], json!(shipping));
        assert!(read.get("secret").is_none(), "{read}");
        // Three shipments through the API, each dispatched and confirmed: six events for the
        // maker (the actor of the dispatches), three for Ethiopia.
        for _ in 0..3 {
            let (status, shipment) = call(&router, "POST", "/api/v1/shipments", Some("maker"), Some(json!({"lot": lot, "doses": 10, "to": "ETH"}))).await;
            assert_eq!(status, StatusCode::CREATED, "{shipment}");
            let id = shipment["id"].as_i64().unwrap();
            for (token, action) in [("maker", "dispatch"), ("ETH", "confirm")] {
                let (status, body) = call(&router, "POST", &format!("/api/v1/shipments/{id}/{action}"), Some(token), None).await;
                assert_eq!(status, StatusCode::OK, "{body}");
            }
        }
        let worker = web::delivery::spawn(app.clone(), settings());
        assert!(receiver.wait_for(Duration::from_secs(20), |got| got.len() >= 9).await, "{:?}", receiver.received());
        worker.abort();
        assert!(receiver.bad_signatures().is_empty(), "{:?}", receiver.bad_signatures());
        let maker = receiver.received_at("/maker");
        let eth = receiver.received_at("/eth");
        assert_eq!(maker.len(), 6);
        assert_eq!(eth.len(), 3);
        // In order per webhook: event ids only grow; dispatch, confirm, dispatch, ….
        let maker_ids: Vec<i64> = maker.iter().map(|got| got.id).collect();
        assert!(maker_ids.windows(2).all(|pair| pair[0] < pair[1]), "{maker_ids:?}");
        let events: Vec<&str> = maker.iter().map(|got| got.event.as_str()).collect();
        assert_eq!(events, ["shipment.dispatched", "shipment.delivered"].repeat(3));
        // One event, one id, whichever webhook receives it.
        let delivered_ids: Vec<i64> = maker.iter().filter(|got| got.event == "shipment.delivered").map(|got| got.id).collect();
        assert_eq!(eth.iter().map(|got| got.id).collect::<Vec<_>>(), delivered_ids);
        // The payload is exactly {id, event, object: {kind, id}, created_at}.
        let payload = &maker[0].body;
        let mut keys: Vec<&String> = payload.as_object().unwrap().keys().collect();
        keys.sort();
        assert_eq!(keys, ["created_at", "event", "id", "object"]);
        assert_eq!(payload["object"]["kind"], "shipment");
        assert!(payload["created_at"].as_str().unwrap().starts_with("2021-08-06T"), "{payload}");
        // The audit trail has the same id for the same event.
        let (_, trail) = call(&router, "GET", "/api/v1/audit?kind=shipment", Some("maker"), None).await;
        assert!(trail.as_array().unwrap().iter().any(|event| event["action"] == "shipment.dispatched"), "{trail}");
        // The deliveries show one attempt each, answered 204.
        let rows = deliveries(&router, "maker", maker_hook).await;
        assert_eq!(rows.len(), 6);
        for row in &rows {
            assert_eq!((row["state"].as_str(), row["attempts"].as_u64(), row["last_status"].as_i64()), (Some("delivered"), Some(1), Some(204)), "{row}");
            assert!(row["next_attempt_at"].is_null(), "{row}");
        }
        assert_eq!(rows.iter().map(|row| row["event_id"].as_i64().unwrap()).collect::<Vec<_>>(), maker_ids);
        // Only the webhook's party reads it: not another country, not an organization.
        for token in ["TCD", "covax", "ETH"] {
            for uri in [format!("/api/v1/webhooks/{maker_hook}"), format!("/api/v1/webhooks/{maker_hook}/deliveries")] {
                let (status, _) = call(&router, "GET", &uri, Some(token), None).await;
                assert_eq!(status, StatusCode::NOT_FOUND, "{token} {uri}");
            }
        }
        let (_, listed) = call(&router, "GET", "/api/v1/webhooks", Some("ETH"), None).await;
        assert_eq!(listed.as_array().unwrap().len(), 1);
        assert_eq!(listed[0]["id"], eth_hook);
    }
}

store_test! {
    async fn a_receiver_that_fails_twice_gets_the_same_id_three_times(store: Store) {
        install(&store).await;
        let (app, router) = platform(store.clone(), true);
        let receiver = Receiver::start(Duration::ZERO).await;
        let (hook, secret) = register(&router, "ETH", &receiver.url("/flaky"), &["shipment.dispatched"]).await;
        receiver.expect("/flaky", &secret, Behaviour::FailFirst(2));
        let event = record(&app, "maker", AuditAction::ShipmentDispatched, 1, &["ETH"]).await;
        let worker = web::delivery::spawn(app.clone(), settings());
        assert!(receiver.wait_for(Duration::from_secs(20), |got| got.iter().any(|got| got.accepted)).await, "{:?}", receiver.received());
        // The record of the third attempt follows its answer closely.
        let mut rows = Vec::new();
        for _ in 0..100 {
            rows = deliveries(&router, "ETH", hook).await;
            if rows[0]["state"] == "delivered" {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        worker.abort();
        let got = receiver.received_at("/flaky");
        assert_eq!(got.iter().map(|got| (got.id, got.accepted)).collect::<Vec<_>>(), [(event, false), (event, false), (event, true)]);
        assert!(receiver.bad_signatures().is_empty());
        assert_eq!(rows.len(), 1);
        let row = &rows[0];
        assert_eq!((row["event_id"].as_i64(), row["state"].as_str(), row["attempts"].as_u64(), row["last_status"].as_i64()), (Some(event), Some("delivered"), Some(3), Some(204)), "{row}");
        let statuses: Vec<i64> = row["attempt_log"].as_array().unwrap().iter().map(|attempt| attempt["status"].as_i64().unwrap()).collect();
        assert_eq!(statuses, [500, 500, 204]);
        // Retried after 1, then 2 seconds (the doubling delays).
        let at: Vec<chrono::DateTime<chrono::Utc>> = row["attempt_log"].as_array().unwrap().iter().map(|attempt| attempt["at"].as_str().unwrap().parse().unwrap()).collect();
        assert!(at[1] - at[0] >= chrono::Duration::milliseconds(950), "{at:?}");
        assert!(at[2] - at[1] >= chrono::Duration::milliseconds(1_950), "{at:?}");
    }
}

store_test! {
    async fn a_receiver_that_never_answers_holds_up_only_its_own_webhook(store: Store) {
        install(&store).await;
        let (app, router) = platform(store.clone(), true);
        let receiver = Receiver::start(Duration::ZERO).await;
        let (dead, dead_secret) = register(&router, "ETH", &receiver.url("/dead"), &["shipment.dispatched"]).await;
        let (_, live_secret) = register(&router, "TCD", &receiver.url("/live"), &["shipment.dispatched"]).await;
        receiver.expect("/dead", &dead_secret, Behaviour::Hang);
        receiver.expect("/live", &live_secret, Behaviour::Succeed);
        let worker = web::delivery::spawn(app.clone(), settings());
        let started = std::time::Instant::now();
        let mut live_events = Vec::new();
        for object in 0..3 {
            record(&app, "maker", AuditAction::ShipmentDispatched, object, &["ETH"]).await;
            live_events.push(record(&app, "maker", AuditAction::ShipmentDispatched, object, &["TCD"]).await);
        }
        // The live webhook gets all three while the dead one's first attempt is still hanging.
        assert!(receiver.wait_for(Duration::from_secs(5), |got| got.iter().filter(|got| got.path == "/live").count() == 3).await);
        let live: Vec<i64> = receiver.received_at("/live").iter().map(|got| got.id).collect();
        assert_eq!(live, live_events);
        // The dead webhook's attempt ends at the timeout and is recorded; its later events wait
        // behind its first (in order).
        let mut rows = Vec::new();
        for _ in 0..100 {
            rows = deliveries(&router, "ETH", dead).await;
            if rows[0]["attempts"].as_u64() >= Some(1) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        worker.abort();
        assert!(started.elapsed() < Duration::from_secs(10));
        let attempt = &rows[0]["attempt_log"][0];
        assert!(attempt["status"].is_null(), "{attempt}");
        assert!(attempt["error"].as_str().unwrap().contains("no answer within 1000 ms"), "{attempt}");
        let duration = attempt["duration_ms"].as_i64().unwrap();
        assert!((1_000..2_000).contains(&duration), "{attempt}");
        assert_eq!(rows[0]["state"], "pending");
        assert!(rows[1..].iter().all(|row| row["attempts"] == 0), "{rows:?}");
        let dead_got = receiver.received_at("/dead");
        assert!(dead_got.iter().all(|got| got.id == rows[0]["event_id"].as_i64().unwrap()), "{dead_got:?}");
        assert!(receiver.bad_signatures().is_empty());
    }
}

store_test! {
    async fn targets_and_events_are_checked_and_deleting_stops_deliveries(store: Store) {
        install(&store).await;
        let (app, router) = platform(store.clone(), false);
        let refused = |url: &str| json!({"url": url, "events": ["shipment.dispatched"]});
        for (body, field) in [
            (refused("http://127.0.0.1:8080/hook"), "url"),
            (refused("http://[::1]/hook"), "url"),
            (refused("http://localhost/hook"), "url"),
            (refused("http://10.0.0.7/hook"), "url"),
            (refused("http://169.254.169.254/latest/meta-data"), "url"),
            (refused("http://[fe80::1]/hook"), "url"),
            (refused("http://0.0.0.0/hook"), "url"),
            (refused("ftp://erp.example/hook"), "url"),
            (refused("https://user:secret@erp.example/hook"), "url"),
            (refused(&format!("https://erp.example/{}", "a".repeat(2_048))), "url"),
            (json!({"url": "https://erp.example/hook", "events": ["shipment.dispatched", "shipment.teleported"]}), "events"),
            (json!({"url": "https://erp.example/hook", "events": ["lot.registered"]}), "events"),
            (json!({"url": "https://erp.example/hook", "events": []}), "events"),
        ] {
            let (status, problem) = call(&router, "POST", "/api/v1/webhooks", Some("maker"), Some(body.clone())).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {problem}");
            assert_eq!(problem["errors"][0]["field"], field, "{problem}");
        }
        let (_, problem) = call(&router, "POST", "/api/v1/webhooks", Some("maker"), Some(json!({"url": "https://erp.example/hook", "events": ["shipment.teleported"]}))).await;
        assert!(problem["errors"][0]["message"].as_str().unwrap().contains("shipment.teleported"), "{problem}");
        // A public name is accepted at registration (it is resolved, and checked, at delivery).
        let (hook, _) = register(&router, "maker", "https://erp.example/hook", &["shipment.dispatched", "shipment.dispatched"]).await;
        let (_, read) = call(&router, "GET", &format!("/api/v1/webhooks/{hook}"), Some("maker"), None).await;
        assert_eq!(read["events"], json!(["shipment.dispatched"]));
        // With the operator's allowance, loopback and link-local targets are accepted.
        let (_, allowing) = platform(store.clone(), true);
        register(&allowing, "TCD", "http://127.0.0.1:9/hook", &["shipment.dispatched"]).await;
        register(&allowing, "TCD", "http://169.254.169.254/hook", &["shipment.dispatched"]).await;
        // An event writes an outbox row per webhook that receives it; a non-deliverable one
        // writes none.
        record(&app, "maker", AuditAction::ShipmentDispatched, 1, &["ETH"]).await;
        record(&app, "maker", AuditAction::ShipmentPlanned, 2, &["ETH"]).await;
        let rows = deliveries(&router, "maker", hook).await;
        assert_eq!(rows.len(), 1);
        assert_eq!((rows[0]["state"].as_str(), rows[0]["attempts"].as_u64()), (Some("pending"), Some(0)));
        // An event whose transaction rolls back leaves no outbox row.
        let now = app.now();
        let rolled_back: Result<(), app::AppError> = app
            .write(|tx| async move {
                let user = tx.user_by_email("maker@x.example").await?.unwrap().user;
                app::audit::record(&tx, Some(&app::tokens::actor_of(&user)), now, AuditAction::ShipmentDispatched, ObjectRef::new(ObjectKind::Shipment, 3), Vec::new(), json!({})).await?;
                Err(app::AppError::Internal("rolled back on purpose".into()))
            })
            .await;
        assert!(rolled_back.is_err());
        assert_eq!(deliveries(&router, "maker", hook).await.len(), 1);
        // Viewers and other parties cannot delete it; its official can, once: its pending
        // delivery is cancelled and later events write nothing.
        let (status, _) = call(&router, "DELETE", &format!("/api/v1/webhooks/{hook}"), Some("ETH"), None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, deleted) = call(&router, "DELETE", &format!("/api/v1/webhooks/{hook}"), Some("maker"), None).await;
        assert_eq!(status, StatusCode::OK, "{deleted}");
        assert!(deleted["deleted_at"].is_string(), "{deleted}");
        let (status, _) = call(&router, "DELETE", &format!("/api/v1/webhooks/{hook}"), Some("maker"), None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        record(&app, "maker", AuditAction::ShipmentDispatched, 4, &["ETH"]).await;
        let states: Vec<String> = store
            .read(|tx| async move { tx.webhook_deliveries(hook, None, 100).await })
            .await
            .unwrap()
            .iter()
            .map(|delivery| delivery.state.as_str().to_owned())
            .collect();
        assert_eq!(states, ["cancelled"]);
        let (_, listed) = call(&router, "GET", "/api/v1/webhooks", Some("maker"), None).await;
        assert_eq!(listed, json!([]));
        // The trail records the registration and the deletion, without the secret.
        let (_, trail) = call(&router, "GET", &format!("/api/v1/audit?kind=webhook&id={hook}"), Some("maker"), None).await;
        let actions: Vec<&str> = trail.as_array().unwrap().iter().map(|event| event["action"].as_str().unwrap()).collect();
        assert_eq!(actions, ["webhook.created", "webhook.deleted"]);
        assert!(!trail.to_string().contains("whsec_"), "{trail}");
    }
}
