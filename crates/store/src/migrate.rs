//! Schema migrations, one list per backend, applied in order when a store opens.
//!
//! A small runner of our own rather than sqlx's: it needs no proc macros and works through
//! the `Any` driver. Each migration runs in its own transaction with its version record, so
//! a failed one leaves the database as it was.

use sqlx::{AssertSqlSafe, Executor};

use crate::{Backend, Store, StoreError, Tx};

struct Migration {
    version: i64,
    name: &'static str,
    sqlite: &'static str,
    postgres: &'static str,
}

macro_rules! migration {
    ($version:literal, $name:literal) => {
        Migration {
            version: $version,
            name: $name,
            sqlite: include_str!(concat!("../migrations/sqlite/", $name, ".sql")),
            postgres: include_str!(concat!("../migrations/postgres/", $name, ".sql")),
        }
    };
}

const MIGRATIONS: &[Migration] = &[
    migration!(1, "0001_reference_data"),
    migration!(2, "0002_ledger"),
    migration!(3, "0003_audit_and_tokens"),
    migration!(4, "0004_dose_path"),
    migration!(5, "0005_rounds"),
    migration!(6, "0006_round_sources"),
    migration!(7, "0007_notifications"),
    migration!(8, "0008_threads"),
    migration!(9, "0009_agreements"),
    migration!(10, "0010_webhooks"),
    migration!(11, "0011_certificates"),
    migration!(12, "0012_reference_version"),
    migration!(13, "0013_publication_writes"),
    migration!(14, "0014_round_text_compression"),
];

/// Applies every migration the database does not have yet, each in its own write
/// transaction (on the store's one retrying door, [`Store::write`]).
pub(crate) async fn run(store: &Store) -> Result<(), StoreError> {
    let known = MIGRATIONS.last().map_or(0, |migration| migration.version);
    for migration in MIGRATIONS {
        store
            .write(|tx| async move { apply(&tx, migration, known).await })
            .await?;
    }
    Ok(())
}

async fn apply(tx: &Tx, migration: &Migration, known: i64) -> Result<(), StoreError> {
    let mut connection = tx.connection().await?;
    let backend = tx.backend();
    if backend == Backend::Postgres {
        // Two servers starting at once must not both apply a migration.
        connection
            .execute("SELECT pg_advisory_xact_lock(7305114)")
            .await?;
    }
    connection
        .execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL)",
        )
        .await?;
    let newest: Option<i64> = sqlx::query_scalar("SELECT MAX(version) FROM schema_migrations")
        .fetch_one(&mut *connection)
        .await?;
    let newest = newest.unwrap_or(0);
    if newest > known {
        return Err(StoreError::NewerSchema {
            found: newest,
            known,
        });
    }
    if newest >= migration.version {
        return Ok(());
    }
    let sql = match backend {
        Backend::Sqlite => migration.sqlite,
        Backend::Postgres => migration.postgres,
    };
    let failed = |source| StoreError::Migrate {
        backend: backend.name(),
        version: migration.version,
        name: migration.name,
        source: crate::DatabaseError::from_driver(source),
    };
    sqlx::raw_sql(AssertSqlSafe(sql))
        .execute(&mut *connection)
        .await
        .map_err(failed)?;
    sqlx::query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)")
        .bind(migration.version)
        .bind(migration.name)
        .execute(&mut *connection)
        .await
        .map_err(failed)?;
    Ok(())
}
