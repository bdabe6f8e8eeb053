//! Webhook delivery by real `equidose serve` processes: `kill -9` with undelivered events
//! (receiver down, then mid-delivery) and a restart deliver every event, none lost, ids as
//! recorded, in order; two servers on one PostgreSQL never deliver one event twice at once.

#[path = "../../web/tests/receiver/mod.rs"]
mod receiver;

use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use domain::ledger::PartyCode;
use domain::party::Role;
use domain::time::Timestamp;
use receiver::{Behaviour, Receiver};
use store::testing::TestDatabase;
use store::{Backend, Store};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

const TOKEN: &str = "eqd_webhooks_test_token";

/// A manufacturer with an official whose bearer token is [`TOKEN`], a lot of its doses, and
/// the country ETH; the lot.
async fn install(store: &Store) -> i64 {
    let lot = store::testing::seed_lot(store, "L1", 1_000_000).await;
    let maker = PartyCode::parse("maker").unwrap();
    let now = Timestamp::from_datetime(chrono::Utc::now());
    let maker = &maker;
    store
        .write(|tx| async move {
            let user = tx
                .create_user(&store::accounts::NewUser {
                    email: "maker@x.example",
                    password_hash: "unused",
                    party: maker,
                    role: Role::Official,
                })
                .await?;
            tx.create_api_token(
                &app::secrets::token_digest(TOKEN),
                user,
                "test",
                now,
                now.plus(chrono::Duration::days(1)),
            )
            .await?;
            Ok::<_, store::StoreError>(())
        })
        .await
        .unwrap();
    lot.0
}

/// A running `equidose serve`; killed (SIGKILL) when dropped.
struct Server {
    child: Child,
    address: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// `kill -9`, and wait for the process to be gone.
    fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

/// Starts a server that delivers fast: 1 s timeout, retries after 1 then 2 s, private
/// targets allowed (the receiver is on 127.0.0.1).
async fn start(database: &str) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_equidose"))
        .args(["--database", database, "serve", "--addr", "127.0.0.1:0"])
        .args(["--webhooks-allow-private", "--webhook-timeout-seconds", "1"])
        .args([
            "--webhook-retry-initial-seconds",
            "1",
            "--webhook-retry-max-seconds",
            "2",
        ])
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = tokio::process::ChildStdout::from_std(child.stdout.take().unwrap()).unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let address = tokio::time::timeout(Duration::from_secs(30), async {
        while let Some(line) = lines.next_line().await.unwrap() {
            if let Some(rest) = line.split("http://").nth(1) {
                return rest.split('/').next().unwrap().to_owned();
            }
        }
        panic!("the server ended before saying where it listens");
    })
    .await
    .expect("the server starts within 30 s");
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    Server { child, address }
}

/// One request as the maker's official; the status and the body as JSON.
async fn request(address: &str, method: &str, path: &str, body: &str) -> (u16, serde_json::Value) {
    let mut stream = TcpStream::connect(address).await.unwrap();
    let text = format!(
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer {TOKEN}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(text.as_bytes()).await.unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.unwrap();
    let status = answer.split(' ').nth(1).unwrap().parse().unwrap();
    let body = answer
        .split_once("\r\n\r\n")
        .map(|(_, body)| body)
        .unwrap_or_default();
    (
        status,
        serde_json::from_str(body).unwrap_or(serde_json::Value::Null),
    )
}

/// Registers a webhook of the maker for its dispatches; its id and secret.
async fn register(server: &Server, url: &str) -> (i64, String) {
    let body = serde_json::json!({"url": url, "events": ["shipment.dispatched"]}).to_string();
    let (status, answer) = request(&server.address, "POST", "/api/v1/webhooks", &body).await;
    assert_eq!(status, 201, "{answer}");
    (
        answer["id"].as_i64().unwrap(),
        answer["secret"].as_str().unwrap().to_owned(),
    )
}

/// Plans and dispatches `count` shipments of one dose to ETH: `count` dispatch events.
async fn dispatch(server: &Server, lot: i64, count: usize) {
    for _ in 0..count {
        let body = format!(r#"{{"lot":{lot},"doses":1,"to":"ETH"}}"#);
        let (status, shipment) = request(&server.address, "POST", "/api/v1/shipments", &body).await;
        assert_eq!(status, 201, "{shipment}");
        let path = format!("/api/v1/shipments/{}/dispatch", shipment["id"]);
        let (status, answer) = request(&server.address, "POST", &path, "").await;
        assert_eq!(status, 200, "{answer}");
    }
}

/// The ids of every `shipment.dispatched` event in the trail, in order.
async fn dispatch_events(store: &Store) -> Vec<i64> {
    store
        .read(|tx| async move {
            tx.events(&store::audit::EventFilter {
                limit: 1_000_000,
                ..Default::default()
            })
            .await
        })
        .await
        .unwrap()
        .iter()
        .filter(|event| event.action.as_str() == "shipment.dispatched")
        .map(|event| event.id)
        .collect()
}

/// Ids accepted in arrival order are in event order; a repeat (at least once) can only be
/// of the latest one, redelivered after a kill.
fn assert_in_order(accepted: &[i64]) {
    let mut latest = i64::MIN;
    for id in accepted {
        assert!(*id >= latest, "{id} after {latest}: {accepted:?}");
        latest = *id;
    }
}

/// A port nothing listens on (yet).
async fn free_address() -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    listener.local_addr().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_with_undelivered_events_then_restart_delivers_every_event() {
    let Some(database) = TestDatabase::create(Backend::Sqlite).await else {
        return;
    };
    let store = database.open().await;
    let lot = install(&store).await;
    let address = free_address().await;
    let url = format!("http://{address}/hook");
    // The receiver is down: every attempt fails, and the events wait in the outbox.
    let server = start(&database.url).await;
    let (webhook, secret) = register(&server, &url).await;
    dispatch(&server, lot, 12).await;
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    server.kill();
    let recorded = dispatch_events(&store).await;
    assert_eq!(recorded.len(), 12);
    let outbox = store
        .read(|tx| async move { tx.webhook_deliveries(webhook, None, 100).await })
        .await
        .unwrap();
    let pending: Vec<i64> = outbox.iter().map(|row| row.event).collect();
    assert_eq!(
        pending, recorded,
        "one outbox row per event, with the event's id"
    );
    assert!(outbox.iter().all(|row| row.state.as_str() == "pending"));
    assert!(
        outbox[0]
            .attempts
            .iter()
            .all(|attempt| attempt.status.is_none() && attempt.error.is_some())
    );
    assert!(
        !outbox[0].attempts.is_empty(),
        "the worker tried while the receiver was down"
    );
    // The receiver comes up, holding each delivery a while; the server restarts and is
    // killed again mid-delivery.
    let receiver = Receiver::start_at(address, Duration::from_millis(150)).await;
    receiver.expect("/hook", &secret, Behaviour::Succeed);
    let server = start(&database.url).await;
    assert!(
        receiver
            .wait_for(Duration::from_secs(20), |got| got.len() >= 3)
            .await
    );
    server.kill();
    let before_second_kill = receiver.received().len();
    assert!(
        before_second_kill < 12,
        "the kill came too late to cut a delivery short"
    );
    // Restarted, it delivers the rest.
    let _server = start(&database.url).await;
    let all_delivered = |got: &[receiver::Received]| {
        recorded
            .iter()
            .all(|id| got.iter().any(|got| got.id == *id && got.accepted))
    };
    assert!(
        receiver
            .wait_for(Duration::from_secs(30), all_delivered)
            .await,
        "{:?}",
        receiver.received()
    );
    let accepted: Vec<i64> = receiver
        .received()
        .iter()
        .filter(|got| got.accepted)
        .map(|got| got.id)
        .collect();
    assert_in_order(&accepted);
    assert!(
        accepted.iter().all(|id| recorded.contains(id)),
        "only recorded ids: {accepted:?} {recorded:?}"
    );
    assert!(receiver.bad_signatures().is_empty());
    assert_eq!(receiver.overlaps(), 0);
    // The outbox says so too, once the last attempt is recorded.
    let mut delivered = 0;
    for _ in 0..100 {
        let rows = store
            .read(|tx| async move { tx.webhook_deliveries(webhook, None, 100).await })
            .await
            .unwrap();
        delivered = rows
            .iter()
            .filter(|row| row.state.as_str() == "delivered")
            .count();
        if delivered == recorded.len() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(delivered, recorded.len());
    store.close().await;
    database.remove().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_on_one_postgresql_never_deliver_one_event_twice_at_once() {
    let Some(database) = TestDatabase::create(Backend::Postgres).await else {
        return;
    };
    let store = database.open().await;
    let lot = install(&store).await;
    // Each delivery is held 100 ms, so that a second delivery of the same event would
    // overlap it and be counted.
    let receiver = Receiver::start(Duration::from_millis(100)).await;
    let servers = [start(&database.url).await, start(&database.url).await];
    let paths = ["/one", "/two", "/three", "/four"];
    for path in paths {
        let (_, secret) = register(&servers[0], &receiver.url(path)).await;
        receiver.expect(path, &secret, Behaviour::Succeed);
    }
    dispatch(&servers[1], lot, 10).await;
    let recorded = dispatch_events(&store).await;
    let done = |got: &[receiver::Received]| got.len() >= paths.len() * recorded.len();
    assert!(
        receiver.wait_for(Duration::from_secs(30), done).await,
        "{:?}",
        receiver.received()
    );
    // Let any stray second delivery arrive before counting.
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(receiver.overlaps(), 0);
    assert!(receiver.bad_signatures().is_empty());
    for path in paths {
        let ids: Vec<i64> = receiver
            .received_at(path)
            .iter()
            .map(|got| got.id)
            .collect();
        assert_eq!(ids, recorded, "{path}: each event once, in order");
    }
    drop(servers);
    store.close().await;
    database.remove().await;
}
