//! Criterion benchmarks of allocation rounds through the API on both backends: `compute` of a
//! round of 200 countries and 2,000 pooled lots (the countries' data read from the store)
//! against the engine alone on the same input, and `publish` of its 200 shares in one
//! transaction.
//!
//! PostgreSQL is measured when it answers at `EQUIDOSE_TEST_POSTGRES_URL` (by default the
//! local server); otherwise it is skipped with a note.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use app::{App, FixedClock, Timestamp};
use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use domain::ledger::PartyCode;
use domain::party::{Party, PartyKind, Role};
use store::testing::TestDatabase;
use store::{Backend, Store};
use tower::ServiceExt;

const COUNTRIES: usize = 200;
const LOTS: usize = 2_000;
const NOW: &str = "2021-08-06T09:00:00.000Z";
/// Doses of each lot pooled in one round; each lot holds enough for many rounds.
const POOLED_PER_LOT: i64 = 1_000;

/// A small seeded generator, so that every run measures the same round.
struct Seeded(u64);

impl Seeded {
    fn next(&mut self, below: i64) -> i64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        i64::try_from((self.0 >> 33) % below.unsigned_abs()).unwrap_or(0)
    }

    fn pick<T: Copy>(&mut self, options: &[T]) -> T {
        let index = self.next(i64::try_from(options.len()).unwrap_or(1));
        options[usize::try_from(index).unwrap_or(0)]
    }
}

/// The store with the reference snapshot, a maker whose 2,000 lots COVAX holds, and an open
/// request of each of 200 countries; returns the request ids.
async fn install(store: &Store) -> Vec<i64> {
    let (data, _) = importer::snapshot::builtin().unwrap();
    store.import_reference_data(&data).await.unwrap();
    let now = Timestamp::parse(NOW).unwrap();
    let expires = Timestamp::parse("2099-01-01T00:00:00.000Z").unwrap();
    store
        .write(|tx| async move {
            let mut random = Seeded(7);
            for (code, kind) in [
                ("maker", PartyKind::Manufacturer),
                ("covax", PartyKind::Organization),
            ] {
                tx.create_party(&Party {
                    code: PartyCode::parse(code).unwrap(),
                    kind,
                    name: code.into(),
                    population: None,
                    income_group: None,
                })
                .await?;
            }
            let mut actors = std::collections::BTreeMap::new();
            let countries: Vec<String> = tx
                .countries()
                .await?
                .into_iter()
                .filter(|country| country.population.is_some() && country.code.as_str().len() == 3)
                .take(COUNTRIES)
                .map(|country| country.code.to_string())
                .collect();
            assert_eq!(
                countries.len(),
                COUNTRIES,
                "the snapshot has 200 countries with a population"
            );
            for code in ["maker", "covax"]
                .iter()
                .map(|code| (*code).to_owned())
                .chain(countries.iter().cloned())
            {
                let party = PartyCode::parse(&code).unwrap();
                let email = format!("{}@bench.example", code.to_lowercase());
                let user = tx
                    .create_user(&store::accounts::NewUser {
                        email: &email,
                        password_hash: "unused",
                        party: &party,
                        role: Role::Official,
                    })
                    .await?;
                tx.create_api_token(
                    &app::secrets::token_digest(&code),
                    user,
                    "bench",
                    now,
                    expires,
                )
                .await?;
                let found = tx.user_by_email(&email).await?.unwrap();
                actors.insert(code, app::tokens::actor_of(&found.user));
            }
            let (maker, covax) = (&actors["maker"], &actors["covax"]);
            app::products::create(
                &tx,
                now,
                maker,
                &app::products::NewProduct {
                    code: "VAX1".into(),
                    manufacturer: None,
                    name: "Vaccine".into(),
                    doses_per_course: 2,
                    storage: "2-8C".into(),
                    shelf_life_days: 400,
                    gtin: None,
                },
            )
            .await
            .unwrap();
            for index in 0..LOTS {
                let expiry = chrono::NaiveDate::from_ymd_opt(2021, 8, 20).unwrap()
                    + chrono::Duration::days(random.next(360));
                let (lot, _) = app::lots::register(
                    &tx,
                    now,
                    maker,
                    &app::lots::NewLotInput {
                        product: Some("VAX1".into()),
                        lot_number: Some(format!("B{index:05}")),
                        expiry: Some(expiry.to_string()),
                        gs1: None,
                        doses: 1_000_000,
                    },
                )
                .await
                .unwrap();
                let planned = app::shipments::plan(
                    &tx,
                    now,
                    maker,
                    &app::shipments::NewShipmentInput {
                        lot: lot.id.0,
                        doses: 1_000_000,
                        to: "covax".into(),
                        pledge: None,
                        agreement: None,
                    },
                )
                .await
                .unwrap();
                let id = planned.shipment.id;
                app::shipments::act(
                    &tx,
                    now,
                    maker,
                    id,
                    domain::cooperation::shipment::ShipmentAction::Dispatch,
                )
                .await
                .unwrap();
                app::shipments::act(
                    &tx,
                    now,
                    covax,
                    id,
                    domain::cooperation::shipment::ShipmentAction::Confirm,
                )
                .await
                .unwrap();
            }
            let mut requests = Vec::new();
            for code in &countries {
                let shelf = random.pick(&[None, Some(30), Some(60), Some(90)]);
                let amount = 1_000 + random.next(20_000);
                let absorption = random.pick(&[None, Some(amount)]);
                let request = app::requests::create(
                    &tx,
                    now,
                    &actors[code],
                    &app::requests::NewRequestInput {
                        doses: 500_000_000,
                        needed_by: "2021-12-31".into(),
                        products: None,
                        min_shelf_life_days: shelf,
                        absorption_per_day: absorption,
                        lead_time_days: Some(random.next(21)),
                        target_per_100: None,
                        note: None,
                    },
                )
                .await
                .unwrap();
                requests.push(request.id);
            }
            Ok::<_, store::StoreError>(requests)
        })
        .await
        .unwrap()
}

fn router(store: &Store) -> Router {
    let clock = Arc::new(FixedClock(Timestamp::parse(NOW).unwrap()));
    let state = web::AppState::new(App::with_clock(store.clone(), clock));
    let address: SocketAddr = "192.0.2.7:40000".parse().unwrap();
    web::router(state).layer(axum::Extension(ConnectInfo(address)))
}

/// The answer's status and body as the client receives them, unparsed: parsing the answer
/// is the client's work, not the server's, and is left out of what is measured.
async fn post_raw(
    router: &Router,
    uri: &str,
    body: Option<String>,
) -> (StatusCode, axum::body::Bytes) {
    let mut request = Request::builder()
        .method("POST")
        .uri(uri)
        .header("authorization", "Bearer covax");
    if body.is_some() {
        request = request.header("content-type", "application/json");
    }
    let request = request
        .body(body.map_or_else(Body::empty, Body::from))
        .unwrap();
    let answer = router.clone().oneshot(request).await.unwrap();
    let status = answer.status();
    let bytes = axum::body::to_bytes(answer.into_body(), usize::MAX)
        .await
        .unwrap();
    (status, bytes)
}

async fn post(router: &Router, uri: &str, body: Option<String>) -> (StatusCode, serde_json::Value) {
    let (status, bytes) = post_raw(router, uri, body).await;
    (status, serde_json::from_slice(&bytes).unwrap_or_default())
}

/// Opens a draft round pooling every lot (1,000 doses of each) for every request; its id.
async fn draft(router: &Router, lots: &[i64], requests: &[i64]) -> i64 {
    let body = serde_json::json!({
        "date": "2021-08-06",
        "lots": lots.iter().map(|lot| serde_json::json!({"lot": lot, "doses": POOLED_PER_LOT})).collect::<Vec<_>>(),
        "requests": requests,
    });
    let (status, round) = post(router, "/api/v1/rounds", Some(body.to_string())).await;
    assert_eq!(status, StatusCode::CREATED, "{round}");
    round["id"].as_i64().unwrap()
}

/// Computes the round as a client would, the answer received but not parsed.
async fn compute_raw(router: &Router, round: i64) -> axum::body::Bytes {
    let (status, answer) = post_raw(router, &format!("/api/v1/rounds/{round}/compute"), None).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&answer)
    );
    answer
}

async fn compute(router: &Router, round: i64) -> serde_json::Value {
    let (status, answer) = post(router, &format!("/api/v1/rounds/{round}/compute"), None).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    answer
}

fn rounds(criterion: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let mut group = criterion.benchmark_group("round");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    let mut engine_measured = false;
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let Some(database) = runtime.block_on(TestDatabase::create(backend)) else {
            eprintln!(
                "skipped: no PostgreSQL for the {} benchmarks",
                backend.name()
            );
            continue;
        };
        let store = runtime.block_on(database.open());
        let requests = runtime.block_on(install(&store));
        let router = router(&store);
        let lots: Vec<i64> = (1..=i64::try_from(LOTS).unwrap()).collect();
        let round = runtime.block_on(draft(&router, &lots, &requests));
        let computed = runtime.block_on(compute(&router, round));
        let shares = computed["proposal"]["shares"].as_array().unwrap().len();
        assert_eq!(shares, COUNTRIES);
        let name = backend.name().to_lowercase();
        group.bench_function(
            format!("compute {COUNTRIES}x{LOTS} through the API on {name}"),
            |bench| bench.iter(|| runtime.block_on(compute_raw(&router, round))),
        );
        if !engine_measured {
            // The engine alone on exactly the input the API gave it.
            let (_, input) = runtime.block_on(async {
                let request = Request::builder()
                    .uri(format!("/api/v1/rounds/{round}/input"))
                    .header("authorization", "Bearer covax")
                    .body(Body::empty())
                    .unwrap();
                let answer = router.clone().oneshot(request).await.unwrap();
                let bytes = axum::body::to_bytes(answer.into_body(), usize::MAX)
                    .await
                    .unwrap();
                ((), String::from_utf8(bytes.to_vec()).unwrap())
            });
            let problem = allocation::parse_problem(&input).unwrap();
            group.bench_function(
                format!("engine alone on the same {COUNTRIES}x{LOTS} round"),
                |bench| bench.iter(|| allocation::solve(std::hint::black_box(&problem))),
            );
            // And on a thread of the runtime's blocking pool, where `compute` runs it: the
            // allocator serves each thread from its own arena, and the two figures differ
            // by up to a few percent either way; the goal is judged against the faster.
            let shared = Arc::new(problem);
            group.bench_function(
                format!("engine alone on the same {COUNTRIES}x{LOTS} round, on a blocking thread"),
                |bench| {
                    bench.iter(|| {
                        let problem = Arc::clone(&shared);
                        runtime
                            .block_on(runtime.spawn_blocking(move || {
                                allocation::solve(std::hint::black_box(&problem))
                            }))
                            .unwrap()
                    })
                },
            );
            engine_measured = true;
        }
        // Publishing 200 shares: of the 2,000-lot round (about 2,300 reservations, one per
        // lot, holder and share) and of a round pooling the first 200 lots.
        for pooled in [LOTS, 200] {
            let lots = &lots[..pooled];
            group.bench_function(
                format!("publish {COUNTRIES} shares of {pooled} lots through the API on {name}"),
                |bench| {
                    bench.iter_batched(
                        || {
                            runtime.block_on(async {
                                let round = draft(&router, lots, &requests).await;
                                compute(&router, round).await;
                                round
                            })
                        },
                        |round| {
                            runtime.block_on(async {
                                let (status, answer) = post_raw(
                                    &router,
                                    &format!("/api/v1/rounds/{round}/publish"),
                                    None,
                                )
                                .await;
                                assert_eq!(
                                    status,
                                    StatusCode::OK,
                                    "{}",
                                    String::from_utf8_lossy(&answer)
                                );
                            })
                        },
                        BatchSize::PerIteration,
                    )
                },
            );
        }
        runtime.block_on(async {
            store.close().await;
            database.remove().await;
        });
    }
    group.finish();
}

criterion_group!(benches, rounds);
criterion_main!(benches);
