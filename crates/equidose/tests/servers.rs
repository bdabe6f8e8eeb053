//! Real server processes: two `equidose serve` on one PostgreSQL racing for the same doses,
//! where exactly the moves the doses cover win. (`kill -9` under load is `under_fire.rs`;
//! races on shares, shipments and offers are `races.rs`.)

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use domain::ledger::PartyCode;
use domain::party::Role;
use domain::time::Timestamp;
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
        // About contention on the ledger, not shedding: nothing waits long enough to be shed.
        .args(["--queue-wait-ms", "30000"])
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
