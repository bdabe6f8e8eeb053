//! What the tests under fire share: real `equidose serve` processes, a plain HTTP/1.1 client
//! that says when a connection died before its answer, a seeded generator, and a world of
//! parties with bearer tokens, doses and open requests set up through the API.

#![allow(dead_code)]

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use domain::ledger::PartyCode;
use domain::party::{PartyKind, Role};
use domain::time::Timestamp;
use serde_json::{Value, json};
use store::Store;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// The platform's day in every test here: the demo's, so that the reference data of August
/// 2021 and the ledger tell one story.
pub const TODAY: &str = "2021-08-06";

/// The manufacturer, the organization, and the countries whose officials act here. Each
/// official's bearer token is its party code (`"maker"`).
pub const MAKER: &str = "maker";
pub const POOL: &str = "covax";
pub const COUNTRIES: &[&str] = &["ETH", "TCD", "COD", "MWI"];

/// A running `equidose serve`; killed with SIGKILL when dropped.
pub struct Server {
    pub child: Child,
    pub address: String,
    /// From the spawn to the banner that says where it listens.
    pub ready_after: Duration,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// `kill -9`: no shutdown, no flush, whatever was in flight is cut.
    pub fn kill(mut self) {
        self.child.kill().expect("the server can be killed");
        self.child.wait().expect("the killed server is reaped");
    }
}

/// Starts `equidose serve` on `database` at [`TODAY`] and waits for its banner.
pub async fn start(database: &str) -> Server {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_equidose"))
        .args([
            "--database",
            database,
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--today",
            TODAY,
            // These tests are about what contention does to the ledger, not about shedding
            // (tests/connections.rs in web): nothing here waits long enough to be shed.
            "--queue-wait-ms",
            "30000",
        ])
        // Webhooks to the test's receiver on loopback, retried soon after a failure.
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
        .expect("the binary starts");
    let stdout = child.stdout.take().expect("a piped standard output");
    let stdout = tokio::process::ChildStdout::from_std(stdout).expect("an async pipe");
    let mut lines = BufReader::new(stdout).lines();
    let address = tokio::time::timeout(Duration::from_secs(30), async {
        while let Ok(Some(line)) = lines.next_line().await {
            if let Some(rest) = line.split("http://").nth(1) {
                return rest.split('/').next().unwrap_or_default().to_owned();
            }
        }
        panic!("the server ended before saying where it listens");
    })
    .await
    .expect("the server starts within 30 s");
    // Keep reading its output so that it never blocks on a full pipe.
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    Server {
        child,
        address,
        ready_after: started.elapsed(),
    }
}

/// One answer, read whole.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub status: u16,
    pub replayed: bool,
    pub body: String,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or(Value::Null)
    }

    pub fn id(&self) -> i64 {
        self.json()["id"]
            .as_i64()
            .unwrap_or_else(|| panic!("no id in {} {}", self.status, self.body))
    }

    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// One request, as a test sends it.
#[derive(Debug, Clone)]
pub struct Call {
    pub method: &'static str,
    pub path: String,
    pub token: String,
    pub key: Option<String>,
    pub body: Option<Value>,
}

impl Call {
    pub fn post(token: &str, path: impl Into<String>, body: Option<Value>) -> Self {
        Self {
            method: "POST",
            path: path.into(),
            token: token.to_owned(),
            key: None,
            body,
        }
    }

    pub fn get(token: &str, path: impl Into<String>) -> Self {
        Self {
            method: "GET",
            path: path.into(),
            token: token.to_owned(),
            key: None,
            body: None,
        }
    }

    pub fn keyed(mut self, key: impl Into<String>) -> Self {
        self.key = Some(key.into());
        self
    }
}

/// Sends `call` on a new connection; `None` when the connection failed or closed before a
/// whole answer arrived (the server was killed under it).
pub async fn send(address: &str, call: &Call) -> Option<Answer> {
    let mut stream = TcpStream::connect(address).await.ok()?;
    let body = call.body.as_ref().map(Value::to_string).unwrap_or_default();
    let key = call
        .key
        .as_ref()
        .map(|key| format!("Idempotency-Key: {key}\r\n"))
        .unwrap_or_default();
    let text = format!(
        "{} {} HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer {}\r\nContent-Type: application/json\r\n{key}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        call.method,
        call.path,
        call.token,
        body.len()
    );
    stream.write_all(text.as_bytes()).await.ok()?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.ok()?;
    let raw = String::from_utf8(raw).ok()?;
    let (head, body) = raw.split_once("\r\n\r\n")?;
    let status = head.split(' ').nth(1)?.parse().ok()?;
    let header = |name: &str| {
        head.lines().skip(1).find_map(|line| {
            let (field, value) = line.split_once(':')?;
            field
                .eq_ignore_ascii_case(name)
                .then(|| value.trim().to_owned())
        })
    };
    // A body shorter than its length was cut by the kill: no answer.
    let length: usize = header("content-length")?.parse().ok()?;
    if body.len() != length {
        return None;
    }
    Some(Answer {
        status,
        replayed: header("idempotent-replayed").as_deref() == Some("true"),
        body: body.to_owned(),
    })
}

/// Sends `call` and insists on an answer of `status`.
pub async fn expect(address: &str, call: &Call, status: u16) -> Answer {
    let answer = send(address, call)
        .await
        .unwrap_or_else(|| panic!("{} {}: no answer", call.method, call.path));
    assert_eq!(
        answer.status, status,
        "{} {}: {}",
        call.method, call.path, answer.body
    );
    answer
}

/// A small seeded generator (SplitMix64): a run is replayed by giving its seed again.
#[derive(Debug, Clone)]
pub struct Seeded(u64);

impl Seeded {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `low..high`.
    pub fn within(&mut self, low: u64, high: u64) -> u64 {
        low + self.next() % (high - low)
    }
}

/// The seed of this run: `EQUIDOSE_SEED` if given, else one from the clock (printed, so that
/// a failing run can be replayed).
pub fn seed() -> u64 {
    std::env::var("EQUIDOSE_SEED")
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|since| since.as_secs() ^ u64::from(since.subsec_nanos()))
                .unwrap_or(1)
        })
}

/// The parties and their officials, with tokens equal to their codes; the reference data.
pub async fn install_parties(store: &Store) {
    let (data, _) = importer::snapshot::builtin().expect("the built-in snapshot");
    store
        .import_reference_data(&data)
        .await
        .expect("the snapshot loads");
    let created = Timestamp::parse("2021-07-01T00:00:00.000Z").expect("a time");
    let expires = Timestamp::parse("2099-01-01T00:00:00.000Z").expect("a time");
    store
        .write(|tx| async move {
            for (code, kind) in [
                (MAKER, PartyKind::Manufacturer),
                (POOL, PartyKind::Organization),
            ] {
                tx.create_party(&domain::party::Party {
                    code: PartyCode::parse(code).expect("a code"),
                    kind,
                    name: code.into(),
                    population: None,
                    income_group: None,
                })
                .await?;
            }
            for code in [MAKER, POOL].iter().chain(COUNTRIES) {
                let email = format!("{}@x.example", code.to_lowercase());
                let user = tx
                    .create_user(&store::accounts::NewUser {
                        email: &email,
                        password_hash: "unused",
                        party: &PartyCode::parse(code).expect("a code"),
                        role: Role::Official,
                    })
                    .await?;
                tx.create_api_token(
                    &app::secrets::token_digest(code),
                    user,
                    "test",
                    created,
                    expires,
                )
                .await?;
            }
            Ok::<_, store::StoreError>(())
        })
        .await
        .expect("the parties and officials are created");
}

/// A lot of the maker's, registered through the API.
pub async fn lot(address: &str, number: &str, doses: i64) -> i64 {
    expect(
        address,
        &Call::post(
            MAKER,
            "/api/v1/lots",
            Some(json!({"product": "VAX1", "lot_number": number, "expiry": "2030-01-31", "doses": doses})),
        ),
        201,
    )
    .await
    .id()
}

/// The maker's product `VAX1`, through the API.
pub async fn product(address: &str) {
    expect(
        address,
        &Call::post(
            MAKER,
            "/api/v1/products",
            Some(json!({"code": "VAX1", "name": "Vaccine one", "doses_per_course": 2, "storage": "2-8C", "shelf_life_days": 365})),
        ),
        201,
    )
    .await;
}

/// Ships `doses` of `lot` from the maker to `to` and has `to` confirm them.
pub async fn deliver(address: &str, lot: i64, doses: i64, to: &str) {
    let shipment = expect(
        address,
        &Call::post(
            MAKER,
            "/api/v1/shipments",
            Some(json!({"lot": lot, "doses": doses, "to": to})),
        ),
        201,
    )
    .await
    .id();
    expect(
        address,
        &Call::post(
            MAKER,
            format!("/api/v1/shipments/{shipment}/dispatch"),
            None,
        ),
        200,
    )
    .await;
    expect(
        address,
        &Call::post(to, format!("/api/v1/shipments/{shipment}/confirm"), None),
        200,
    )
    .await;
}

/// A published round of the pool's doses of `lot` for one new request of each country in
/// `countries`; its id.
pub async fn published_round(address: &str, lot: i64, doses: i64, countries: &[&str]) -> i64 {
    let mut requests = Vec::new();
    for country in countries {
        let request = expect(
            address,
            &Call::post(
                country,
                "/api/v1/requests",
                Some(json!({"doses": doses, "needed_by": "2021-12-31"})),
            ),
            201,
        )
        .await;
        requests.push(request.id());
    }
    let round = expect(
        address,
        &Call::post(
            POOL,
            "/api/v1/rounds",
            Some(json!({"date": TODAY, "lots": [{"lot": lot, "doses": doses * i64::try_from(countries.len()).expect("a few countries")}], "requests": requests})),
        ),
        201,
    )
    .await
    .id();
    for action in ["compute", "publish"] {
        expect(
            address,
            &Call::post(POOL, format!("/api/v1/rounds/{round}/{action}"), None),
            200,
        )
        .await;
    }
    round
}

/// Checks the ledger's invariants, and that every reserved dose is held for a planned
/// shipment or an unanswered share of a published round, and every dose in transit travels
/// in a shipment (`lots` limits the check to the lots no bare `reserve` movement touched).
pub async fn assert_accounted(store: &Store, lots: &[i64], context: &str) {
    let report = store.verify().await.expect("verify runs");
    assert!(
        report.violations.is_empty() && report.integrity_problems.is_empty(),
        "{context}: {report:?}"
    );
    // One snapshot: on PostgreSQL a killed server's last commit may still land meanwhile.
    let (held, promised) = store
        .read_snapshot(|tx| async move {
            use domain::ledger::AccountState;
            let mut held = std::collections::BTreeMap::<(String, i64, &'static str), i64>::new();
            for state in [AccountState::Reserved, AccountState::InTransit] {
                let rows = tx
                    .balances(&store::ledger::BalanceFilter {
                        state: Some(state),
                        limit: 1_000_000,
                        ..Default::default()
                    })
                    .await?;
                for row in rows.into_iter().filter(|row| row.doses != 0) {
                    let holder = if state == AccountState::InTransit {
                        String::new()
                    } else {
                        row.holder.to_string()
                    };
                    *held.entry((holder, row.lot.0, state.as_str())).or_default() += row.doses;
                }
            }
            let mut promised =
                std::collections::BTreeMap::<(String, i64, &'static str), i64>::new();
            for state in ["planned", "in_transit"] {
                let shipments = tx
                    .shipments(&store::cooperation::CooperationFilter {
                        state: Some(state.into()),
                        limit: 1_000_000,
                        ..Default::default()
                    })
                    .await?;
                for shipment in shipments {
                    let key = if state == "planned" {
                        (shipment.from.to_string(), shipment.lot.0, "reserved")
                    } else {
                        (String::new(), shipment.lot.0, "in_transit")
                    };
                    *promised.entry(key).or_default() += shipment.doses;
                }
            }
            for round in round_ids(&tx).await? {
                let Some(found) = tx.round(round).await? else {
                    continue;
                };
                if found.state == domain::cooperation::round::RoundState::Published {
                    for share in tx.shares(round).await? {
                        if share.response.is_none() {
                            for lot in share.lots {
                                *promised
                                    .entry((lot.holder.to_string(), lot.lot.0, "reserved"))
                                    .or_default() += lot.doses;
                            }
                        }
                    }
                }
            }
            Ok::<_, store::StoreError>((held, promised))
        })
        .await
        .expect("the balances, shipments and shares are read");
    let only = |map: std::collections::BTreeMap<(String, i64, &'static str), i64>| {
        map.into_iter()
            .filter(|((_, lot, _), doses)| lots.contains(lot) && *doses != 0)
            .collect::<Vec<_>>()
    };
    let (held, promised) = (only(held), only(promised));
    if held != promised {
        panic!(
            "{context}: reserved or travelling doses that no shipment or unanswered share accounts for: balances {held:?}, shipments and shares {promised:?}; rounds: {}",
            rounds_told(store).await
        );
    }
}

/// Every round with its state and shares, and the shipments planned for them: what a
/// failed accounting needs to be understood.
async fn rounds_told(store: &Store) -> String {
    store
        .read_snapshot(|tx| async move {
            let mut told = String::new();
            for round in round_ids(&tx).await? {
                let Some(found) = tx.round(round).await? else {
                    continue;
                };
                told.push_str(&format!(
                    "\n  round {round} {:?} lots {:?}:",
                    found.state,
                    found
                        .lots
                        .iter()
                        .map(|lot| format!("{lot:?}"))
                        .collect::<Vec<_>>()
                ));
                for share in tx.shares(round).await? {
                    told.push_str(&format!(
                        " [{} {} doses {:?} {:?}]",
                        share.country, share.doses, share.response, share.reason
                    ));
                }
                let shipments = tx
                    .shipments(&store::cooperation::CooperationFilter {
                        round: Some(round),
                        limit: 1_000,
                        ..Default::default()
                    })
                    .await?;
                for shipment in shipments {
                    told.push_str(&format!(
                        " shipment {} {} doses {}",
                        shipment.id, shipment.state, shipment.doses
                    ));
                }
            }
            Ok::<_, store::StoreError>(told)
        })
        .await
        .unwrap_or_else(|error| format!("(cannot read the rounds: {error})"))
}

/// The ids of every round. Ids are not consecutive on PostgreSQL (a rolled-back insert uses
/// up its number), so the scan goes on past gaps, until 100 ids in a row are free.
pub async fn round_ids(tx: &store::Tx) -> Result<Vec<i64>, store::StoreError> {
    let (mut ids, mut id, mut free) = (Vec::new(), 1, 0);
    while free < 100 {
        if tx.round(id).await?.is_some() {
            ids.push(id);
            free = 0;
        } else {
            free += 1;
        }
        id += 1;
    }
    Ok(ids)
}
