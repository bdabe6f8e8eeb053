//! The public dashboard rendered through the router (in process: the store read, the coverage
//! series of every day, the charts, the template), on SQLite: criterion's figures, then the
//! p50, p99 and largest of 500 timed renders, and each page's size.
//!
//! On the demo data when `EQUIDOSE_BENCH_DATABASE` names a database `equidose serve --demo`
//! has filled (`serve --demo --database sqlite:///tmp/demo.db`, then Ctrl-C); otherwise on a
//! fresh SQLite database holding the built-in snapshot (the demo's ledger adds only a few
//! dozen rows to what the dashboard reads).

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use app::{App, FixedClock, Timestamp};
use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode};
use criterion::{Criterion, criterion_group, criterion_main};
use store::testing::TestDatabase;
use store::{Backend, Store};
use tower::ServiceExt;

const NOW: &str = "2021-08-06T09:00:00.000Z";

async fn page(router: &Router, uri: &str) -> usize {
    let request = Request::get(uri)
        .header("accept", "text/html")
        .body(Body::empty())
        .unwrap();
    let response = router.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{uri}");
    axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap()
        .len()
}

fn pages(criterion: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let (router, _database) = runtime.block_on(async {
        let (store, database) = match std::env::var("EQUIDOSE_BENCH_DATABASE") {
            Ok(url) => (Store::open(&url).await.unwrap(), None),
            Err(_) => {
                let database = TestDatabase::create(Backend::Sqlite).await.unwrap();
                let store = Store::open(&database.url).await.unwrap();
                let (data, _) = importer::snapshot::builtin().unwrap();
                store.import_reference_data(&data).await.unwrap();
                (store, Some(database))
            }
        };
        let clock = Arc::new(FixedClock(Timestamp::parse(NOW).unwrap()));
        let state = web::AppState::new(App::with_clock(store, clock));
        let address: SocketAddr = "127.0.0.1:9".parse().unwrap();
        let router = web::router(state).layer(axum::Extension(ConnectInfo(address)));
        (router, database)
    });
    // Sizes before compression, and the first render (which loads the locales).
    runtime.block_on(async {
        for uri in [
            "/?lang=en",
            "/?lang=ar",
            "/?lang=zh",
            "/countries?lang=en",
            "/countries/TCD?lang=fr",
            "/pledges?lang=ru",
        ] {
            println!("size of {uri}: {} bytes", page(&router, uri).await);
        }
        let mut times: Vec<Duration> = Vec::new();
        for _ in 0..500 {
            let start = Instant::now();
            page(&router, "/?lang=en").await;
            times.push(start.elapsed());
        }
        times.sort();
        println!(
            "dashboard over 500 renders: p50 {:.2?}, p99 {:.2?}, max {:.2?}",
            times[249], times[494], times[499]
        );
    });
    let mut group = criterion.benchmark_group("pages");
    group.sample_size(50);
    group.bench_function("dashboard", |bencher| {
        bencher.iter(|| runtime.block_on(page(&router, "/?lang=en")));
    });
    group.bench_function("countries", |bencher| {
        bencher.iter(|| runtime.block_on(page(&router, "/countries?lang=fr")));
    });
    group.finish();
}

criterion_group!(benches, pages);
criterion_main!(benches);
