//! Test support: a fresh, empty database per test on either backend.
//!
//! Used by this crate's conformance suite and by the web layer's tests, so that every store
//! test runs, by name, on SQLite and on PostgreSQL. PostgreSQL is found at
//! `EQUIDOSE_TEST_POSTGRES_URL` (default `postgres://postgres@127.0.0.1:5432/postgres`); when it
//! cannot be reached the test says it was skipped and why, except under `CI=true`, where a
//! missing PostgreSQL is a failure: CI must run both.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use sqlx::{AnyConnection, AssertSqlSafe, Connection, Executor};

use crate::{Backend, Store};

static NEXT: AtomicU64 = AtomicU64::new(0);

const DEFAULT_POSTGRES_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// A database made for one test, removed by [`TestDatabase::remove`].
pub struct TestDatabase {
    /// Its URL.
    pub url: String,
    /// Its backend.
    pub backend: Backend,
    file: Option<PathBuf>,
    postgres_name: Option<String>,
}

fn unique_name() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.subsec_nanos());
    format!(
        "equidose_test_{}_{}_{nanos}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// The PostgreSQL server's URL for tests.
pub fn postgres_admin_url() -> String {
    std::env::var("EQUIDOSE_TEST_POSTGRES_URL").unwrap_or_else(|_| DEFAULT_POSTGRES_URL.to_owned())
}

impl TestDatabase {
    /// Makes an empty database, or `None` (having said why) when PostgreSQL is not reachable
    /// outside CI.
    pub async fn create(backend: Backend) -> Option<TestDatabase> {
        sqlx::any::install_default_drivers();
        let name = unique_name();
        match backend {
            Backend::Sqlite => {
                let file = std::env::temp_dir().join(format!("{name}.db"));
                Some(TestDatabase {
                    url: format!("sqlite://{}", file.display()),
                    backend,
                    file: Some(file),
                    postgres_name: None,
                })
            }
            Backend::Postgres => {
                let admin = postgres_admin_url();
                let mut connection = match AnyConnection::connect(&admin).await {
                    Ok(connection) => connection,
                    Err(error) => {
                        let message = format!(
                            "PostgreSQL is not reachable at {} ({error}); start it, or set EQUIDOSE_TEST_POSTGRES_URL",
                            crate::redact(&admin)
                        );
                        if std::env::var("CI").is_ok_and(|value| value == "true") {
                            panic!("{message}: CI must run the PostgreSQL tests");
                        }
                        eprintln!("skipped: {message}");
                        return None;
                    }
                };
                connection
                    .execute(AssertSqlSafe(format!("CREATE DATABASE {name}")))
                    .await
                    .expect("the test user can create databases");
                let _ = connection.close().await;
                let base = admin
                    .rsplit_once('/')
                    .map_or(admin.as_str(), |(base, _)| base);
                Some(TestDatabase {
                    url: format!("{base}/{name}"),
                    backend,
                    file: None,
                    postgres_name: Some(name),
                })
            }
        }
    }

    /// Opens the store on it.
    pub async fn open(&self) -> Store {
        Store::open(&self.url)
            .await
            .expect("a fresh test database opens")
    }

    /// Removes the database; call it after closing every store on it.
    pub async fn remove(self) {
        if let Some(file) = &self.file {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
            }
        }
        if let Some(name) = &self.postgres_name
            && let Ok(mut connection) = AnyConnection::connect(&postgres_admin_url()).await
        {
            let _ = connection
                .execute(AssertSqlSafe(format!(
                    "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                )))
                .await;
            let _ = connection.close().await;
        }
    }
}

/// Runs `test` on a fresh store of `backend`, then removes the database (when the test
/// passes; a failing test leaves it behind for inspection).
pub async fn with_store<F, Fut>(backend: Backend, test: F)
where
    F: FnOnce(Store) -> Fut,
    Fut: Future<Output = ()>,
{
    let Some(database) = TestDatabase::create(backend).await else {
        return;
    };
    let store = database.open().await;
    test(store.clone()).await;
    store.close().await;
    database.remove().await;
}

/// Declares a store test that runs on both backends, as `NAME::sqlite` and `NAME::postgres`.
#[macro_export]
macro_rules! store_test {
    ($(#[$meta:meta])* async fn $name:ident($store:ident: Store) $body:block) => {
        $(#[$meta])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn body($store: $crate::Store) $body

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                $crate::testing::with_store($crate::Backend::Sqlite, body).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                $crate::testing::with_store($crate::Backend::Postgres, body).await;
            }
        }
    };
}

/// Seeds a manufacturer `maker` (with product `VAX1`) if missing and registers a lot of
/// `doses` under `lot_number`; returns the lot. For tests that need doses to move.
pub async fn seed_lot(store: &Store, lot_number: &str, doses: i64) -> domain::ledger::LotId {
    use domain::ledger::PartyCode;
    use domain::party::{LotNumber, Party, PartyKind, Product, ProductCode, Storage};
    let maker = PartyCode::parse("maker").expect("a valid code");
    let at = domain::time::Timestamp::parse("2021-08-06T00:00:00.000Z").expect("a time");
    store
        .write(|tx| {
            let maker = maker.clone();
            async move {
                if tx.party("maker").await?.is_none() {
                    tx.create_party(&Party {
                        code: maker.clone(),
                        kind: PartyKind::Manufacturer,
                        name: "Maker".into(),
                        population: None,
                        income_group: None,
                    })
                    .await?;
                }
                if tx.product("VAX1").await?.is_none() {
                    tx.create_product(&Product {
                        code: ProductCode::parse("VAX1").expect("a valid code"),
                        manufacturer: maker.clone(),
                        name: "Vaccine".into(),
                        doses_per_course: 1,
                        storage: Storage::Refrigerated,
                        shelf_life_days: 100,
                        gtin: None,
                    })
                    .await?;
                }
                let (lot, _) = tx
                    .register_lot(
                        &crate::ledger::NewLot {
                            product: ProductCode::parse("VAX1").expect("a valid code"),
                            manufacturer: maker,
                            lot_number: LotNumber::parse(lot_number).expect("a valid lot number"),
                            expiry: chrono::NaiveDate::from_ymd_opt(2030, 1, 1).expect("a date"),
                            doses,
                            gtin: None,
                            serial: None,
                        },
                        None,
                        at,
                    )
                    .await?;
                Ok::<_, crate::StoreError>(lot.id)
            }
        })
        .await
        .expect("a new lot")
}

/// Runs raw SQL on the store outside the store's rules, for tests that damage a database on
/// purpose (to check that `verify` notices, or that triggers refuse). Never for anything else.
pub async fn execute_raw(store: &Store, sql: &str) -> Result<u64, crate::StoreError> {
    let sql = sql.to_owned();
    store
        .write(|tx| {
            let sql = sql.clone();
            async move {
                let mut connection = tx.connection().await?;
                let done = sqlx::raw_sql(AssertSqlSafe(sql))
                    .execute(&mut *connection)
                    .await?;
                Ok::<_, crate::StoreError>(done.rows_affected())
            }
        })
        .await
}

/// The one integer `sql` answers (`SELECT COUNT(*) FROM …`), read on the store outside its
/// rules: for tests that look at what the store wrote, row by row.
pub async fn scalar(store: &Store, sql: &str) -> Result<i64, crate::StoreError> {
    let sql = sql.to_owned();
    store
        .read(|tx| {
            let sql = sql.clone();
            async move {
                let mut connection = tx.connection().await?;
                let value: i64 = sqlx::query_scalar(AssertSqlSafe(sql))
                    .fetch_one(&mut *connection)
                    .await?;
                Ok::<_, crate::StoreError>(value)
            }
        })
        .await
}

/// Runs an SQL script (a dump of a database, such as an upgrade fixture) on a raw connection
/// to the database at `url`, outside the store: no migrations run and no pragmas are set, so
/// the database is exactly what the script makes. An SQLite file is created if missing.
/// For tests that load a database written by an earlier release.
pub async fn execute_script(url: &str, sql: &str) -> Result<(), crate::StoreError> {
    sqlx::any::install_default_drivers();
    let url = match crate::Backend::of_url(url)? {
        crate::Backend::Sqlite if !url.contains("mode=") => {
            format!("{url}{}mode=rwc", if url.contains('?') { '&' } else { '?' })
        }
        _ => url.to_owned(),
    };
    let mut connection = AnyConnection::connect(&url).await?;
    sqlx::raw_sql(AssertSqlSafe(sql.to_owned()))
        .execute(&mut connection)
        .await?;
    connection.close().await?;
    Ok(())
}

/// The rows of every table of the database at `url` (PostgreSQL: of its `public` schema),
/// by table name, read on a raw connection outside the store (nothing is migrated).
pub async fn row_counts(
    url: &str,
) -> Result<std::collections::BTreeMap<String, i64>, crate::StoreError> {
    sqlx::any::install_default_drivers();
    let listing = match crate::Backend::of_url(url)? {
        crate::Backend::Sqlite => {
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        }
        crate::Backend::Postgres => {
            "SELECT CAST(table_name AS TEXT) FROM information_schema.tables \
             WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
        }
    };
    let mut connection = AnyConnection::connect(url).await?;
    let tables: Vec<String> = sqlx::query_scalar(listing)
        .fetch_all(&mut connection)
        .await?;
    let mut counts = std::collections::BTreeMap::new();
    for table in tables {
        // Table names come from the database's own catalogue, quoted.
        let count: i64 =
            sqlx::query_scalar(AssertSqlSafe(format!("SELECT COUNT(*) FROM \"{table}\"")))
                .fetch_one(&mut connection)
                .await?;
        counts.insert(table, count);
    }
    connection.close().await?;
    Ok(counts)
}

/// The first column of each row `sql` returns, as text, read on a raw connection to the
/// database at `url` outside the store (nothing is migrated): for tests that compare a
/// database before and after something changes it (`SELECT holder || ':' || doses …`).
pub async fn query_text(url: &str, sql: &str) -> Result<Vec<String>, crate::StoreError> {
    sqlx::any::install_default_drivers();
    let mut connection = AnyConnection::connect(url).await?;
    let rows: Vec<String> = sqlx::query_scalar(AssertSqlSafe(sql.to_owned()))
        .fetch_all(&mut connection)
        .await?;
    connection.close().await?;
    Ok(rows)
}
