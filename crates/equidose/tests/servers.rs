//! Real server processes: two `equidose serve` on one PostgreSQL racing for the same doses,
//! and `kill -9` under write load, after which no acknowledged write is lost or doubled.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use domain::ledger::PartyCode;
use domain::party::Role;
use domain::time::Timestamp;
use store::ledger::MovementFilter;
use store::testing::TestDatabase;
use store::{Backend, Store};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

const TOKEN: &str = "eqd_servers_test_token";

/// A manufacturer with an official whose bearer token is [`TOKEN`], and one lot.
async fn install(store: &Store, doses: i64) -> i64 {
    let lot = store::testing::seed_lot(store, "L1", doses).await;
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

/// A running `equidose serve` and its address; killed when dropped.
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

async fn start(database: &str) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_equidose"))
        .args(["--database", database, "serve", "--addr", "127.0.0.1:0"])
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let stdout = tokio::process::ChildStdout::from_std(stdout).unwrap();
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
    // Keep reading its output so that it never blocks on a full pipe.
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    Server { child, address }
}

/// Sends one request and returns the status and body (`None` if the connection failed).
async fn request(
    address: &str,
    method: &str,
    path: &str,
    key: Option<&str>,
    body: &str,
) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect(address).await.ok()?;
    let key = key
        .map(|key| format!("Idempotency-Key: {key}\r\n"))
        .unwrap_or_default();
    let text = format!(
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer {TOKEN}\r\nContent-Type: application/json\r\n{key}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(text.as_bytes()).await.ok()?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.ok()?;
    let status = answer.split(' ').nth(1)?.parse().ok()?;
    let body = answer
        .split_once("\r\n\r\n")
        .map(|(_, body)| body.to_owned())
        .unwrap_or_default();
    Some((status, body))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_on_one_postgresql_let_exactly_the_covered_moves_win() {
    let Some(database) = TestDatabase::create(Backend::Postgres).await else {
        return;
    };
    let store = database.open().await;
    let lot = install(&store, 1_000).await;
    let servers = [start(&database.url).await, start(&database.url).await];
    // 48 requests for 50 doses each, spread over both servers, race for 1,000 doses.
    let body = format!(r#"{{"kind":"reserve","lot":{lot},"doses":50}}"#);
    let tasks: Vec<_> = (0..48)
        .map(|index| {
            let address = servers[index % 2].address.clone();
            let body = body.clone();
            tokio::spawn(async move {
                request(&address, "POST", "/api/v1/movements", None, &body).await
            })
        })
        .collect();
    let mut won = 0;
    let mut refused = 0;
    for task in tasks {
        match task.await.unwrap() {
            Some((201, _)) => won += 1,
            Some((409, body)) => {
                assert!(body.contains("insufficient_balance"), "{body}");
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

async fn kill_cycles(backend: Backend, cycles: usize) {
    let Some(database) = TestDatabase::create(backend).await else {
        return;
    };
    let store = database.open().await;
    let lot = install(&store, 1_000_000).await;
    let mut acknowledged: Vec<i64> = Vec::new();
    let mut sent = 0usize;
    let mut restart_ms_max = 0;
    for cycle in 0..cycles {
        let started = std::time::Instant::now();
        let server = start(&database.url).await;
        restart_ms_max = restart_ms_max.max(started.elapsed().as_millis());
        // Writes from two clients until the server is killed under them.
        let writers: Vec<_> = (0..2)
            .map(|client| {
                let address = server.address.clone();
                let start = sent + client * 10_000;
                tokio::spawn(async move {
                    let mut ids = Vec::new();
                    for index in start..start + 10_000 {
                        let body = format!(r#"{{"kind":"reserve","lot":{lot},"doses":1}}"#);
                        let key = format!("kill-{index}");
                        match request(&address, "POST", "/api/v1/movements", Some(&key), &body)
                            .await
                        {
                            Some((201, body)) => {
                                let entry: serde_json::Value = serde_json::from_str(&body).unwrap();
                                ids.push(entry["id"].as_i64().unwrap());
                            }
                            Some((status, body)) => panic!("cycle {cycle}: {status} {body}"),
                            None => break,
                        }
                    }
                    ids
                })
            })
            .collect();
        tokio::time::sleep(Duration::from_millis(300 + 97 * cycle as u64)).await;
        let mut server = server;
        server.child.kill().unwrap();
        server.child.wait().unwrap();
        for writer in writers {
            acknowledged.extend(writer.await.unwrap());
        }
        sent += 20_000;
        let report = store.verify().await.unwrap();
        assert!(
            report.violations.is_empty(),
            "cycle {cycle}: {:?}",
            report.violations
        );
        assert!(
            report.integrity_problems.is_empty(),
            "cycle {cycle}: {:?}",
            report.integrity_problems
        );
    }
    // Every acknowledged write is in the journal, once.
    let journal: Vec<i64> = store
        .read(|tx| async move {
            tx.movements(&MovementFilter {
                lot: None,
                involving: None,
                after: None,
                limit: 10_000_000,
            })
            .await
        })
        .await
        .unwrap()
        .iter()
        .map(|entry| entry.id)
        .collect();
    let mut sorted = acknowledged.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(
        sorted.len(),
        acknowledged.len(),
        "an acknowledged id was answered twice"
    );
    let journal_set: std::collections::BTreeSet<i64> = journal.iter().copied().collect();
    assert!(
        acknowledged.iter().all(|id| journal_set.contains(id)),
        "an acknowledged write was lost"
    );
    eprintln!(
        "{backend:?}: {} writes acknowledged over {cycles} kills, journal {} entries, slowest start to ready {restart_ms_max} ms",
        acknowledged.len(),
        journal.len()
    );
    assert!(
        acknowledged.len() > cycles,
        "too few writes were acknowledged to mean anything: {}",
        acknowledged.len()
    );
    store.close().await;
    database.remove().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_under_write_load_loses_no_acknowledged_write_on_sqlite() {
    kill_cycles(Backend::Sqlite, 5).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_under_write_load_loses_no_acknowledged_write_on_postgresql() {
    kill_cycles(Backend::Postgres, 5).await;
}
