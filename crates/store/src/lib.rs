//! Storage: one `Store` over embedded SQLite (the default) or PostgreSQL (production).
//!
//! The SQL is written once, for sqlx's `Any` driver with `$1` placeholders that both
//! backends accept; what differs between them lives in [`Backend`]: how to connect, the
//! migrations (one folder per backend, applied on open), and how a write transaction starts.
//! Values cross the `Any` driver as text and 64-bit integers only, so days are ISO 8601 text.
//!
//! The modules add domain verbs to [`Store`]: [`reference`](mod@reference) for countries and their reported
//! doses, [`accounts`] for parties, users, sessions and tokens, [`ledger`] for products, lots
//! and the dose ledger, [`idempotency`] for replayed requests. Functions that take an
//! `&mut AnyConnection` run inside the caller's transaction, so that a request's effect and
//! its idempotency record commit together.

pub mod accounts;
pub mod idempotency;
pub mod ledger;
pub mod reference;
pub mod testing;

mod migrate;

use std::time::Duration;

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{AnyPool, Executor};

/// The database behind a store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// Which backend a database URL names.
    pub fn of_url(url: &str) -> Result<Self, StoreError> {
        if url.starts_with("sqlite:") {
            Ok(Self::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Self::Postgres)
        } else {
            Err(StoreError::UnsupportedUrl(redact(url)))
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Sqlite => "SQLite",
            Self::Postgres => "PostgreSQL",
        }
    }
}

/// What went wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "the database URL {0:?} is not supported: use sqlite://FILE (embedded) or postgres://USER@HOST:PORT/DATABASE"
    )]
    UnsupportedUrl(String),
    #[error("cannot open the {backend} database at {url}: {source}")]
    Connect {
        backend: &'static str,
        url: String,
        source: sqlx::Error,
    },
    #[error(
        "the {backend} migration {version} ({name}) failed; the database is as it was before it: {source}"
    )]
    Migrate {
        backend: &'static str,
        version: i64,
        name: &'static str,
        source: sqlx::Error,
    },
    #[error(
        "the database has migration {found}, newer than this program knows ({known}); run a newer equidose against it"
    )]
    NewerSchema { found: i64, known: i64 },
    #[error("the database holds a value this program cannot read: {0}")]
    Corrupt(String),
    #[error(transparent)]
    Coverage(#[from] domain::coverage::CoverageError),
    #[error("{0}")]
    Rejected(domain::ledger::Rejection),
    #[error("{0}")]
    Conflict(String),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
}

impl StoreError {
    /// `conflict` when the database refused `error` for a taken unique key, else `error` itself.
    pub fn conflict_or(error: sqlx::Error, conflict: String) -> Self {
        match error.as_database_error() {
            Some(database_error) if database_error.is_unique_violation() => {
                Self::Conflict(conflict)
            }
            _ => Self::Database(error),
        }
    }

    /// Whether PostgreSQL aborted the transaction for a conflict it could not order
    /// (serialization failure 40001 or deadlock 40P01): the whole transaction may be retried.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Database(error) => error
                .as_database_error()
                .and_then(|database_error| database_error.code())
                .is_some_and(|code| code == "40001" || code == "40P01"),
            _ => false,
        }
    }
}

pub(crate) fn corrupt(error: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(error.to_string())
}

/// A handle on the platform's database; cheap to clone.
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    /// SQLite allows one writer at a time: writes go through this one connection, so they
    /// queue in the process instead of failing with "database is locked". PostgreSQL writes
    /// use the main pool.
    writer: Option<AnyPool>,
    backend: Backend,
}

impl Store {
    /// Opens (creating an SQLite file if needed) and migrates the database at `url`.
    pub async fn open(url: &str) -> Result<Self, StoreError> {
        install_default_drivers();
        let backend = Backend::of_url(url)?;
        let connect = |source| StoreError::Connect {
            backend: backend.name(),
            url: redact(url),
            source,
        };
        let store = match backend {
            Backend::Sqlite => {
                let url = sqlite_url(url);
                let options = || {
                    AnyPoolOptions::new()
                        .acquire_timeout(Duration::from_secs(30))
                        .after_connect(|connection, _| {
                            Box::pin(async move {
                                // WAL lets readers work beside the writer; FULL makes every
                                // commit durable across power loss, which a ledger promises.
                                connection
                                    .execute(
                                        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                                         PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;",
                                    )
                                    .await?;
                                Ok(())
                            })
                        })
                };
                let writer = options()
                    .max_connections(1)
                    .connect(&url)
                    .await
                    .map_err(connect)?;
                let pool = options()
                    .max_connections(8)
                    .connect(&url)
                    .await
                    .map_err(connect)?;
                Self {
                    pool,
                    writer: Some(writer),
                    backend,
                }
            }
            Backend::Postgres => {
                let pool = AnyPoolOptions::new()
                    .max_connections(16)
                    .acquire_timeout(Duration::from_secs(30))
                    .connect(url)
                    .await
                    .map_err(connect)?;
                Self {
                    pool,
                    writer: None,
                    backend,
                }
            }
        };
        migrate::run(&store).await?;
        Ok(store)
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The pool for reads.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Starts a write transaction. On SQLite it takes the write lock first (`BEGIN
    /// IMMEDIATE`): a transaction that reads and then writes would otherwise fail at once
    /// under contention instead of waiting its turn.
    pub async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>, StoreError> {
        Ok(match &self.writer {
            Some(writer) => writer.begin_with("BEGIN IMMEDIATE").await?,
            None => self.pool.begin().await?,
        })
    }

    /// Closes every connection; on SQLite this also checkpoints the write-ahead log.
    pub async fn close(&self) {
        if let Some(writer) = &self.writer {
            writer.close().await;
        }
        self.pool.close().await;
    }
}

/// The SQLite URL with `mode=rwc` (create the file if missing) unless a mode is given.
fn sqlite_url(url: &str) -> String {
    if url.contains("mode=") || url.contains(":memory:") {
        url.to_owned()
    } else if url.contains('?') {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    }
}

/// A URL with its password, if any, replaced, for messages and logs.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.find(':') {
                Some(colon) => format!(
                    "{}{}:***{}",
                    &url[..scheme_end + 3],
                    &credentials[..colon],
                    &url[at..]
                ),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(
            redact("postgres://app:secret@db:5432/equidose"),
            "postgres://app:***@db:5432/equidose"
        );
        assert_eq!(
            redact("postgres://postgres@127.0.0.1/x"),
            "postgres://postgres@127.0.0.1/x"
        );
        assert_eq!(redact("sqlite://equidose.db"), "sqlite://equidose.db");
    }

    #[test]
    fn urls_name_their_backend() {
        assert_eq!(Backend::of_url("sqlite://a.db").unwrap(), Backend::Sqlite);
        assert_eq!(
            Backend::of_url("postgresql://h/d").unwrap(),
            Backend::Postgres
        );
        assert!(
            Backend::of_url("mysql://h/d")
                .unwrap_err()
                .to_string()
                .contains("sqlite://FILE")
        );
    }
}
