//! Upgrades: the demo installation as an earlier release wrote it (its schema ends at
//! migration 11; `fixtures/upgrade/before-0012.*.sql.gz`, made by `tools/make-upgrade-fixture`
//! from that release's own binary) is loaded into a fresh database and opened with today's
//! store. Every later migration is then applied (12, the reference version; 13, the
//! rebuilt tables of a round's shares and of the trail's subjects and parties), `verify` holds, no row of any table is lost,
//! every balance is as it was, and the platform reads it (a coverage report, the rounds).

mod support;

use std::collections::BTreeMap;
use std::io::Read;

use store::testing::{TestDatabase, execute_script, query_text, row_counts};
use store::{Backend, Store};
use support::equidose;

/// The migrations today's store knows.
const MIGRATIONS_NOW: i64 = 14;

/// The migrations the fixture's release had applied.
const MIGRATIONS_BEFORE: i64 = 11;

/// Every balance, as `holder lot state doses` lines, read outside the store.
const BALANCES: &str = "SELECT holder || ' ' || CAST(lot AS TEXT) || ' ' || state || ' ' || \
     CAST(doses AS TEXT) FROM balances ORDER BY lot, holder, state";

/// The journal, one line per movement, read outside the store.
const JOURNAL: &str = "SELECT CAST(id AS TEXT) || ' ' || kind || ' ' || CAST(lot AS TEXT) || ' ' || \
     CAST(doses AS TEXT) FROM movements ORDER BY id";

async fn upgrade_keeps_everything(backend: Backend) {
    let Some(database) = TestDatabase::create(backend).await else {
        return;
    };
    let fixture = match backend {
        Backend::Sqlite => &include_bytes!("fixtures/upgrade/before-0012.sqlite.sql.gz")[..],
        Backend::Postgres => &include_bytes!("fixtures/upgrade/before-0012.postgres.sql.gz")[..],
    };
    let mut script = String::new();
    flate2::read::GzDecoder::new(fixture)
        .read_to_string(&mut script)
        .expect("the fixture is gzipped UTF-8 text");
    execute_script(&database.url, &script)
        .await
        .expect("the fixture loads");
    let before = row_counts(&database.url).await.unwrap();
    let balances_before = query_text(&database.url, BALANCES).await.unwrap();
    let journal_before = query_text(&database.url, JOURNAL).await.unwrap();
    // The fixture is the previous schema, and holds a working installation.
    assert_eq!(before["schema_migrations"], MIGRATIONS_BEFORE);
    assert!(!before.contains_key("reference_version"));
    for table in [
        "parties",
        "users",
        "products",
        "lots",
        "balances",
        "movements",
        "dose_reports",
        "rounds",
        "round_shares",
        "shipments",
        "threads",
        "messages",
        "audit_events",
    ] {
        assert!(before[table] > 0, "the fixture's {table} is empty");
    }

    // Today's store upgrades it on open.
    let store = Store::open_existing(&database.url)
        .await
        .expect("the old database opens and migrates");
    let versions = query_text(
        &database.url,
        "SELECT CAST(version AS TEXT) AS text FROM schema_migrations ORDER BY schema_migrations.version",
    )
    .await
    .unwrap();
    let expected: Vec<String> = (1..=MIGRATIONS_NOW)
        .map(|version| version.to_string())
        .collect();
    assert_eq!(versions, expected, "every migration is applied, once");
    let report = store.verify().await.unwrap();
    assert!(report.violations.is_empty(), "{:?}", report.violations);
    assert!(
        report.integrity_problems.is_empty(),
        "{:?}",
        report.integrity_problems
    );
    assert_eq!(report.movements, journal_before.len());

    // No row lost or added, but the migration's own.
    let after = row_counts(&database.url).await.unwrap();
    let mut expected_after: BTreeMap<String, i64> = before.clone();
    *expected_after.get_mut("schema_migrations").unwrap() += MIGRATIONS_NOW - MIGRATIONS_BEFORE;
    expected_after.insert("reference_version".into(), 1);
    assert_eq!(after, expected_after);
    assert_eq!(
        query_text(&database.url, BALANCES).await.unwrap(),
        balances_before
    );
    assert_eq!(
        query_text(&database.url, JOURNAL).await.unwrap(),
        journal_before
    );

    // The platform reads it: the rounds and their shares, the reference version.
    let rounds = store
        .read(|tx| async move {
            let ids = tx.published_round_ids(100).await?;
            let mut shares = 0;
            for id in &ids {
                assert!(tx.round(*id).await?.is_some());
                shares += tx.shares(*id).await?.len();
            }
            Ok::<_, store::StoreError>((ids.len(), shares, tx.reference_version().await?))
        })
        .await
        .unwrap();
    assert!(
        rounds.0 > 0 && rounds.1 > 0,
        "rounds and shares: {rounds:?}"
    );
    assert_eq!(rounds.2, 0, "the new reference version starts at 0");
    store.close().await;

    // And so does the binary: its checks and a coverage report on the ledger's day.
    let run = equidose(&database.url, &["verify"], "");
    assert!(run.success, "{}", run.stderr);
    let run = equidose(
        &database.url,
        &["report", "coverage", "--date", "2021-08-01"],
        "",
    );
    assert!(run.success, "{}", run.stderr);
    assert!(!run.stdout.trim().is_empty());
    database.remove().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_previous_release_s_sqlite_database_upgrades_without_loss() {
    upgrade_keeps_everything(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_previous_release_s_postgresql_database_upgrades_without_loss() {
    upgrade_keeps_everything(Backend::Postgres).await;
}
