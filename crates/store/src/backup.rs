//! Backups: a consistent copy of a live SQLite database, and what a restore must know about
//! a database before it replaces it.
//!
//! PostgreSQL is backed up by its own tools (`pg_dump`, `pg_restore`), which the binary
//! runs; this crate only answers whether a database already holds tables.

use std::path::Path;

use sqlx::{AnyConnection, Connection};

use crate::{Backend, Store, StoreError};

/// Why a backup could not be written.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// The store is not SQLite: PostgreSQL is copied with `pg_dump`.
    #[error(
        "the store's own backup copies SQLite databases; back up PostgreSQL with pg_dump --format=custom"
    )]
    NotSqlite,
    /// The file to write exists already.
    #[error("{0} exists already; the backup writes a new file only")]
    Exists(String),
    /// The database failed while copying.
    #[error("the copy to {path} failed: {source}")]
    Copy {
        /// The file being written.
        path: String,
        /// Why.
        source: StoreError,
    },
}

impl Store {
    /// Writes a consistent copy of the whole database to `path`, a file that must not exist,
    /// while writers go on: SQLite's `VACUUM INTO` reads one snapshot (a read transaction,
    /// which in WAL mode neither waits for the writer nor holds it up) and writes it out
    /// compacted. SQLite does not flush the new file to the disk; the caller does, before
    /// putting it in its place.
    pub async fn backup_to(&self, path: &Path) -> Result<(), BackupError> {
        if self.backend != Backend::Sqlite {
            return Err(BackupError::NotSqlite);
        }
        let shown = path.display().to_string();
        if path.exists() {
            return Err(BackupError::Exists(shown));
        }
        let copy = |source: StoreError| BackupError::Copy {
            path: shown.clone(),
            source,
        };
        let text = path
            .to_str()
            .ok_or_else(|| copy(StoreError::Corrupt("the path is not UTF-8".into())))?;
        let mut connection = self
            .pool
            .acquire()
            .await
            .map_err(|error| copy(error.into()))?;
        sqlx::query("VACUUM INTO $1")
            .bind(text)
            .execute(&mut *connection)
            .await
            .map_err(|error| copy(error.into()))?;
        Ok(())
    }
}

/// Whether the database at `url` holds any table of its own, found without creating,
/// migrating or changing it (an SQLite file is opened read-only; a missing file holds none).
pub async fn holds_tables(url: &str) -> Result<bool, StoreError> {
    sqlx::any::install_default_drivers();
    let backend = Backend::of_url(url)?;
    let connect = |error: sqlx::Error| StoreError::Connect {
        backend: backend.name(),
        url: crate::redact(url),
        reason: crate::describe_connect(&error),
    };
    let sql = match backend {
        Backend::Sqlite => {
            match crate::sqlite_file(url) {
                Some(path) if !Path::new(path).exists() => return Ok(false),
                _ => {}
            }
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'"
        }
        Backend::Postgres => {
            "SELECT COUNT(*) FROM information_schema.tables \
             WHERE table_schema NOT IN ('pg_catalog', 'information_schema')"
        }
    };
    let url = match backend {
        Backend::Sqlite => read_only(url),
        Backend::Postgres => url.to_owned(),
    };
    let mut connection = AnyConnection::connect(&url).await.map_err(connect)?;
    let tables: i64 = sqlx::query_scalar(sql)
        .fetch_one(&mut connection)
        .await
        .map_err(connect)?;
    let _ = connection.close().await;
    Ok(tables > 0)
}

/// The SQLite URL opened read-only.
fn read_only(url: &str) -> String {
    if url.contains("mode=") {
        url.to_owned()
    } else if url.contains('?') {
        format!("{url}&mode=ro")
    } else {
        format!("{url}?mode=ro")
    }
}
