//! Storage: one `Store` over embedded SQLite (the default) or PostgreSQL (production).
//!
//! The SQL is written once, for sqlx's `Any` driver with `$1` placeholders that both
//! backends accept; what differs between them lives in [`Backend`]: how to connect, the
//! migrations (one folder per backend, applied on open), and how a write transaction starts.
//! Values cross the `Any` driver as text and 64-bit integers only, so days are ISO 8601 text.
//!
//! One door for writes and one for reads: [`Store::write`] runs a closure in one write
//! transaction, retried whole when the database asks, and [`Store::read`] (or
//! [`Store::read_snapshot`]) on a read connection. Both hand the closure a [`Tx`], and every
//! store operation is a method of [`Tx`], reads included, so the reads that decide a write
//! are in its transaction, and a request's effect, its audit event and its idempotency
//! record commit together. No driver type appears in this crate's public signatures.
//!
//! The modules add domain verbs to [`Tx`]: [`reference`](mod@reference) for countries and
//! their reported doses, [`accounts`] for parties, users, sessions and tokens, [`ledger`] for
//! products, lots and the dose ledger, [`audit`] for the audit trail, [`threads`] for threads,
//! their append-only messages and read marks, [`idempotency`] for replayed requests,
//! [`webhooks`] for webhooks and their delivery outbox; [`backup`](mod@backup) copies a live
//! SQLite database whole.

#![warn(missing_docs)]

pub mod accounts;
pub mod agreements;
pub mod audit;
pub mod backup;
pub mod cooperation;
pub mod idempotency;
pub mod ledger;
pub mod notifications;
pub mod reference;
pub mod rounds;
pub mod schema;
pub mod testing;
pub mod threads;
pub mod webhooks;

mod migrate;

use std::sync::Arc;
use std::time::Duration;

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{AnyPool, Executor};
use tokio::sync::{MappedMutexGuard, Mutex, MutexGuard};

/// The database behind a store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// Embedded SQLite, the default.
    Sqlite,
    /// PostgreSQL, the production store.
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

    /// The backend's name for people: `SQLite` or `PostgreSQL`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Sqlite => "SQLite",
            Self::Postgres => "PostgreSQL",
        }
    }
}

/// A failure of the database itself (connection, I/O, a constraint the code did not expect),
/// kept opaque so that no driver type crosses the store's boundary.
#[derive(Debug)]
pub struct DatabaseError(sqlx::Error);

impl DatabaseError {
    pub(crate) fn from_driver(error: sqlx::Error) -> Self {
        Self(error)
    }

    /// Every connection stayed busy for the whole acquire timeout: overload, not a bug.
    pub fn is_pool_timeout(&self) -> bool {
        matches!(self.0, sqlx::Error::PoolTimedOut)
    }

    /// Whether the database aborted the transaction for a conflict it could not order
    /// (PostgreSQL's serialization failure 40001 or deadlock 40P01; SQLite's busy 5 or
    /// locked 6): the whole transaction may be run again.
    pub fn is_retryable(&self) -> bool {
        self.0
            .as_database_error()
            .and_then(|database_error| database_error.code())
            .is_some_and(|code| matches!(code.as_ref(), "40001" | "40P01" | "5" | "6"))
    }

    fn is_unique_violation(&self) -> bool {
        self.0
            .as_database_error()
            .is_some_and(|database_error| database_error.is_unique_violation())
    }
}

impl std::fmt::Display for DatabaseError {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(formatter)
    }
}

impl std::error::Error for DatabaseError {
    // No source: the driver's message already ends with its cause's, and a chain printed
    // with `{:#}` would say it twice (`Is a directory (os error 21): Is a directory …`).
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        None
    }
}

/// What went wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The URL names no backend this program speaks.
    #[error(
        "the database URL {0:?} is not supported: use sqlite://FILE (embedded) or postgres://USER@HOST:PORT/DATABASE"
    )]
    UnsupportedUrl(String),
    /// The database cannot be reached or opened.
    #[error("cannot open the {backend} database at {url}: {reason}")]
    Connect {
        /// `SQLite` or `PostgreSQL`.
        backend: &'static str,
        /// The URL, without its password.
        url: String,
        /// Why, as the end of one sentence (`the folder /srv/db does not exist`).
        reason: String,
    },
    /// A migration failed and was rolled back.
    #[error(
        "the {backend} migration {version} ({name}) failed; the database is as it was before it: {source}"
    )]
    Migrate {
        /// `SQLite` or `PostgreSQL`.
        backend: &'static str,
        /// The migration's number.
        version: i64,
        /// The migration's file name.
        name: &'static str,
        /// Why.
        source: DatabaseError,
    },
    /// The database was migrated by a newer program.
    #[error(
        "the database has migration {found}, newer than this program knows ({known}); run a newer equidose against it"
    )]
    NewerSchema {
        /// The newest migration in the database.
        found: i64,
        /// The newest this program knows.
        known: i64,
    },
    /// A stored value does not parse: the database was changed by hand or is damaged.
    #[error("the database holds a value this program cannot read: {0}")]
    Corrupt(String),
    /// The reference data cannot answer a coverage question.
    #[error(transparent)]
    Coverage(#[from] domain::coverage::CoverageError),
    /// A ledger rule refused a movement.
    #[error("{0}")]
    Rejected(domain::ledger::Rejection),
    /// A unique key (a code, an email, a lot number) is taken.
    #[error("{0}")]
    Conflict(String),
    /// A [`Tx`] was used after its transaction ended (a handle kept past its closure).
    #[error("the transaction has ended; store operations run inside Store::write or Store::read")]
    TransactionEnded,
    /// The database failed.
    #[error("database error: {0}")]
    Database(DatabaseError),
}

impl From<sqlx::Error> for StoreError {
    fn from(error: sqlx::Error) -> Self {
        Self::Database(DatabaseError(error))
    }
}

impl StoreError {
    /// `conflict` when the database refused `error` for a taken unique key, else `error` itself.
    pub(crate) fn conflict_or(error: sqlx::Error, conflict: String) -> Self {
        let error = DatabaseError(error);
        if error.is_unique_violation() {
            Self::Conflict(conflict)
        } else {
            Self::Database(error)
        }
    }

    /// Whether the transaction failed for a conflict among concurrent ones that running it
    /// again may resolve.
    pub fn is_retryable(&self) -> bool {
        matches!(self, Self::Database(error) if error.is_retryable())
    }
}

/// Errors that [`Store::write`] can tell apart: those worth running the transaction again for.
pub trait Retryable {
    /// Whether running the whole transaction again may succeed.
    fn is_retryable(&self) -> bool;
}

impl Retryable for StoreError {
    fn is_retryable(&self) -> bool {
        StoreError::is_retryable(self)
    }
}

/// Many rows bound as one parameter: `$n`, a JSON array of arrays (one per row, its
/// elements in column order), read back as `SELECT <columns> FROM <rows> WHERE true ORDER
/// BY key`, in the order given. One parameter and one statement for thousands of rows:
/// each bound value costs more than the row it fills through the `Any` driver, and each
/// statement is a round trip to PostgreSQL (or a handoff to SQLite's worker thread).
pub(crate) struct JsonRows {
    /// The select list, one expression per column of `types`.
    pub(crate) columns: String,
    /// The `FROM` source: rows with a `value` (the row's array) and a `key` (its place).
    pub(crate) source: String,
}

impl JsonRows {
    /// The rows of parameter `$parameter`, with these column types (`TEXT`, `BIGINT`).
    pub(crate) fn new(backend: Backend, parameter: usize, types: &[&str]) -> Self {
        let columns: Vec<String> = types
            .iter()
            .enumerate()
            .map(|(index, kind)| match backend {
                // SQLite's `json_extract` gives integers and texts their own types already;
                // PostgreSQL parses the text once into `jsonb` (`json` would parse each
                // row's text again for each column: ten times slower for 2,000 rows).
                Backend::Sqlite => format!("json_extract(value, '$[{index}]')"),
                Backend::Postgres => format!("CAST(value->>{index} AS {kind})"),
            })
            .collect();
        let source = match backend {
            Backend::Sqlite => format!("json_each(${parameter})"),
            Backend::Postgres => format!(
                "jsonb_array_elements(CAST(${parameter} AS JSONB)) WITH ORDINALITY AS rows (value, key)"
            ),
        };
        Self {
            columns: columns.join(", "),
            source,
        }
    }

    /// `SELECT <columns> FROM <rows> WHERE true ORDER BY key`: the rows as a query, in the
    /// order given (the `WHERE` lets SQLite read an `ON CONFLICT` after it as an upsert).
    pub(crate) fn select(&self) -> String {
        format!(
            "SELECT {} FROM {} WHERE true ORDER BY key",
            self.columns, self.source
        )
    }
}

/// The rows as the JSON text [`JsonRows`] reads.
pub(crate) fn json_text<T: serde::Serialize>(rows: &[T]) -> Result<String, StoreError> {
    serde_json::to_string(rows).map_err(|error| StoreError::Corrupt(error.to_string()))
}

/// `(CAST($1 AS T1), CAST($2 AS T2), …), (…)` for `rows` rows of these column types,
/// numbering parameters from 1.
pub(crate) fn values(rows: usize, types: &[&str]) -> String {
    let mut text = String::new();
    let mut parameter = 0;
    for row in 0..rows {
        if row > 0 {
            text.push_str(", ");
        }
        text.push('(');
        for (column, kind) in types.iter().enumerate() {
            if column > 0 {
                text.push_str(", ");
            }
            parameter += 1;
            text.push_str(&format!("CAST(${parameter} AS {kind})"));
        }
        text.push(')');
    }
    text
}

/// Rows per multi-row statement with `columns` bound values each. SQLite's `$n` parameters
/// are named ones, each found by a scan of the statement's names when bound: the cost grows
/// with the square of the parameters in one statement, so statements stay near 200.
pub(crate) fn rows_per_statement(columns: usize) -> usize {
    (200 / columns.max(1)).max(1)
}

/// Reads many small rows as one: `columns` (a comma-separated list of expressions) of the
/// rows of `from` (a `FROM … WHERE …` tail binding `$1`), ordered by `order`, aggregated
/// into one JSON array of arrays. Each row read from SQLite crosses a channel from the
/// driver's thread, which dominates for thousands of rows; one text crosses once.
pub(crate) async fn json_rows<T, K>(
    connection: &mut sqlx::AnyConnection,
    backend: Backend,
    columns: &str,
    from: &str,
    order: &str,
    key: K,
) -> Result<Vec<T>, StoreError>
where
    T: serde::de::DeserializeOwned,
    K: for<'q> sqlx::Encode<'q, sqlx::Any> + sqlx::Type<sqlx::Any> + Send + 'static,
{
    let text: String = sqlx::query_scalar(sqlx::AssertSqlSafe(json_rows_sql(
        backend, columns, from, order,
    )))
    .bind(key)
    .fetch_one(&mut *connection)
    .await?;
    serde_json::from_str(&text).map_err(corrupt)
}

/// The statement [`json_rows`] runs, for a caller that binds more than one value.
pub(crate) fn json_rows_sql(backend: Backend, columns: &str, from: &str, order: &str) -> String {
    match backend {
        Backend::Sqlite => format!(
            "SELECT COALESCE(json_group_array(json_array({columns}) ORDER BY {order}), '[]') {from}"
        ),
        Backend::Postgres => format!(
            "SELECT CAST(COALESCE(json_agg(json_build_array({columns}) ORDER BY {order}), '[]') AS TEXT) {from}"
        ),
    }
}

/// Reads many small rows as one text, as [`json_rows`] does, for rows whose values are all
/// numbers, codes and days (none holds a space or a line break): each row a line of its
/// `columns` separated by single spaces, an empty value for NULL, the rows in no particular
/// order. PostgreSQL makes this text in about 60% of the time it takes to make the same rows
/// as JSON (1.2 ms instead of 2.1 for a round's 2,000 pooled lots: JSON looks up each value's
/// type again for every row), and reading it allocates nothing per row. Read the lines with
/// [`PackedRow`].
pub(crate) async fn packed_rows<K>(
    connection: &mut sqlx::AnyConnection,
    backend: Backend,
    columns: &[&str],
    from: &str,
    key: K,
) -> Result<String, StoreError>
where
    K: for<'q> sqlx::Encode<'q, sqlx::Any> + sqlx::Type<sqlx::Any> + Send + 'static,
{
    let row = columns
        .iter()
        .map(|column| format!("COALESCE(CAST({column} AS TEXT), '')"))
        .collect::<Vec<_>>()
        .join(" || ' ' || ");
    let sql = match backend {
        Backend::Sqlite => format!("SELECT COALESCE(group_concat({row}, char(10)), '') {from}"),
        Backend::Postgres => format!("SELECT COALESCE(string_agg({row}, chr(10)), '') {from}"),
    };
    Ok(sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
        .bind(key)
        .fetch_one(&mut *connection)
        .await?)
}

/// The values of one line of [`packed_rows`], read in the order of its columns; a value
/// missing, left over or not of its kind is a corrupt store.
pub(crate) struct PackedRow<'a> {
    line: &'a str,
    values: std::str::Split<'a, char>,
}

impl<'a> PackedRow<'a> {
    pub(crate) fn new(line: &'a str) -> Self {
        PackedRow {
            line,
            values: line.split(' '),
        }
    }

    /// The next value as text (empty for NULL).
    pub(crate) fn text(&mut self) -> Result<&'a str, StoreError> {
        self.values
            .next()
            .ok_or_else(|| corrupt(format!("the row {:?} has too few values", self.line)))
    }

    /// The next value, a number.
    pub(crate) fn number(&mut self) -> Result<i64, StoreError> {
        let text = self.text()?;
        text.parse().map_err(|_| {
            corrupt(format!(
                "{text:?} in the row {:?} is not a number",
                self.line
            ))
        })
    }

    /// The next value, a number or NULL.
    pub(crate) fn optional_number(&mut self) -> Result<Option<i64>, StoreError> {
        if self.values.clone().next() == Some("") {
            self.values.next();
            return Ok(None);
        }
        self.number().map(Some)
    }

    /// Checks that no value is left.
    pub(crate) fn end(mut self) -> Result<(), StoreError> {
        match self.values.next() {
            None => Ok(()),
            Some(_) => Err(corrupt(format!(
                "the row {:?} has too many values",
                self.line
            ))),
        }
    }
}

/// Inserts `rows` (each a tuple of the columns `into` names, of these `types`) with one
/// statement, `{into} SELECT …` from one JSON parameter (see [`JsonRows`]); the new rows'
/// ids, in the order of the rows given.
pub(crate) async fn inserted_ids<T: serde::Serialize>(
    connection: &mut sqlx::AnyConnection,
    backend: Backend,
    into: &str,
    types: &[&str],
    rows: &[T],
) -> Result<Vec<i64>, StoreError> {
    let insert = format!("{into} {}", JsonRows::new(backend, 1, types).select());
    let rows_json = json_text(rows)?;
    let rows = rows.len();
    let mut ids: Vec<i64> = match backend {
        // The ids come back as one JSON text, not as a row each: each row read through the
        // `Any` driver costs more than the id it holds (2,300 rows, about 10 ms).
        Backend::Postgres => {
            let sql = format!(
                "WITH inserted AS ({insert} RETURNING id) \
                 SELECT CAST(COALESCE(json_agg(id), '[]') AS TEXT) FROM inserted"
            );
            let text: String = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                .bind(rows_json)
                .fetch_one(&mut *connection)
                .await?;
            serde_json::from_str(&text).map_err(corrupt)?
        }
        // SQLite hands them out one after another from the last one (its writer is alone).
        Backend::Sqlite => {
            let done = sqlx::query(sqlx::AssertSqlSafe(insert))
                .bind(rows_json)
                .execute(&mut *connection)
                .await?;
            let last: i64 = sqlx::query_scalar("SELECT last_insert_rowid()")
                .fetch_one(&mut *connection)
                .await?;
            let count = i64::try_from(done.rows_affected()).map_err(corrupt)?;
            ((last - count + 1)..=last).collect()
        }
    };
    // Identities are handed out in the order of the rows given.
    ids.sort_unstable();
    if ids.len() != rows {
        return Err(StoreError::Corrupt(format!(
            "an insert of {rows} rows made {}",
            ids.len()
        )));
    }
    Ok(ids)
}

pub(crate) fn corrupt(error: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(error.to_string())
}

/// Times [`Store::write`] runs a transaction again after a retryable failure.
pub const WRITE_RETRIES_MAX: u32 = 5;

/// A handle on the platform's database; cheap to clone.
///
/// Everything goes through two doors: [`Store::write`] runs a closure in one write
/// transaction (retried whole on a conflict), [`Store::read`] runs one on a read
/// connection. Both hand the closure a [`Tx`], the only type with store operations.
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    /// SQLite allows one writer at a time: writes go through this one connection, so they
    /// queue in the process instead of failing with "database is locked". PostgreSQL writes
    /// use the main pool.
    writer: Option<AnyPool>,
    backend: Backend,
}

/// What a [`Tx`] runs its statements on.
enum Connection {
    Transaction(sqlx::Transaction<'static, sqlx::Any>),
    Pooled(sqlx::pool::PoolConnection<sqlx::Any>),
}

/// A transaction (or, for [`Store::read`], a read connection) that store operations run on.
///
/// Cheap to clone: clones share one connection, and statements run one at a time on it.
/// When the closure given to [`Store::write`] returns, the transaction commits or rolls
/// back and every clone stops working ([`StoreError::TransactionEnded`]).
#[derive(Clone)]
pub struct Tx {
    connection: Arc<Mutex<Option<Connection>>>,
    backend: Backend,
}

impl std::fmt::Debug for Tx {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("Tx")
            .field("backend", &self.backend)
            .finish_non_exhaustive()
    }
}

impl Tx {
    fn new(connection: Connection, backend: Backend) -> Self {
        Self {
            connection: Arc::new(Mutex::new(Some(connection))),
            backend,
        }
    }

    /// The backend this transaction runs on.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The connection, for one statement or a few in a row. Operations must not call other
    /// `Tx` operations while holding it (the lock is not reentrant).
    pub(crate) async fn connection(
        &self,
    ) -> Result<MappedMutexGuard<'_, sqlx::AnyConnection>, StoreError> {
        let guard = self.connection.lock().await;
        MutexGuard::try_map(guard, |slot| match slot {
            Some(Connection::Transaction(transaction)) => Some(&mut **transaction),
            Some(Connection::Pooled(connection)) => Some(&mut **connection),
            None => None,
        })
        .map_err(|_| StoreError::TransactionEnded)
    }

    /// Moves the object `id` of `table` (one of the cooperation objects' tables, named by
    /// the store's own code, never by input) from state `from` to `to` at `at`; false when it
    /// was not in `from`: a concurrent change came first, and of two only one passes.
    pub(crate) async fn transition(
        &self,
        table: &'static str,
        id: i64,
        from: &str,
        to: &str,
        at: domain::time::Timestamp,
    ) -> Result<bool, StoreError> {
        let mut connection = self.connection().await?;
        let sql =
            format!("UPDATE {table} SET state = $1, updated_at = $2 WHERE id = $3 AND state = $4");
        let done = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(to)
            .bind(at.to_string())
            .bind(id)
            .bind(from)
            .execute(&mut *connection)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn take(&self) -> Option<Connection> {
        self.connection.lock().await.take()
    }
}

impl Store {
    /// Opens (creating an SQLite file if needed) and migrates the database at `url`.
    pub async fn open(url: &str) -> Result<Self, StoreError> {
        Self::open_with(url, true).await
    }

    /// Opens and migrates the database at `url`, which must exist: an SQLite file is never
    /// created, so a mistyped path is an error naming it rather than a new, empty database.
    pub async fn open_existing(url: &str) -> Result<Self, StoreError> {
        Self::open_with(url, false).await
    }

    async fn open_with(url: &str, create: bool) -> Result<Self, StoreError> {
        install_default_drivers();
        let backend = Backend::of_url(url)?;
        let connect = |reason: String| StoreError::Connect {
            backend: backend.name(),
            url: redact(url),
            reason,
        };
        let connect_driver = |error: sqlx::Error| connect(describe_connect(&error));
        // One connection first, with a short timeout and no retry: the pools below retry a
        // failed connection until their acquire timeout, logging each attempt, so a wrong
        // URL would take half a minute and print a page before saying why.
        let probe_url = match backend {
            Backend::Sqlite => {
                check_sqlite_file(url, create).map_err(connect)?;
                sqlite_url(url, create)
            }
            Backend::Postgres => url.to_owned(),
        };
        probe(&probe_url, backend).await.map_err(connect)?;
        let store = match backend {
            Backend::Sqlite => {
                let url = probe_url;
                let options = || {
                    AnyPoolOptions::new()
                        .acquire_timeout(Duration::from_secs(30))
                        .after_connect(|connection, _| {
                            Box::pin(async move {
                                // WAL lets readers work beside the writer; FULL makes every
                                // commit durable across power loss, which a ledger promises.
                                // A 16 MiB page cache keeps a round's publication (thousands
                                // of rows) from spilling pages to the log mid-transaction.
                                connection.execute(SQLITE_PRAGMAS).await?;
                                Ok(())
                            })
                        })
                };
                let writer = options()
                    .max_connections(1)
                    .connect(&url)
                    .await
                    .map_err(connect_driver)?;
                let pool = options()
                    .max_connections(8)
                    .connect(&url)
                    .await
                    .map_err(connect_driver)?;
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
                    .map_err(connect_driver)?;
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

    /// The database behind this store.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Runs `work` in one write transaction and commits what it did when it returns `Ok`;
    /// an `Err` rolls everything back. A conflict among concurrent transactions (a
    /// PostgreSQL serialization failure or deadlock, SQLite busy), whether raised by `work`
    /// or by the commit, runs the whole of `work` again on a new transaction, at most
    /// [`WRITE_RETRIES_MAX`] times: `work` must therefore do nothing outside the
    /// transaction that cannot be repeated. This is the one retry loop of the codebase.
    ///
    /// On SQLite the transaction takes the write lock first (`BEGIN IMMEDIATE`): one that
    /// reads and then writes would otherwise fail at once under contention instead of
    /// waiting its turn. Every read inside `work` sees the transaction's own state, so the
    /// reads that decide a write are part of it.
    pub async fn write<T, E, F, Fut>(&self, mut work: F) -> Result<T, E>
    where
        F: FnMut(Tx) -> Fut,
        Fut: Future<Output = Result<T, E>>,
        E: From<StoreError> + Retryable,
    {
        let mut attempt = 0;
        loop {
            let transaction = self.begin_write().await.map_err(E::from)?;
            let tx = Tx::new(Connection::Transaction(transaction), self.backend);
            let outcome = work(tx.clone()).await;
            let Some(Connection::Transaction(transaction)) = tx.take().await else {
                unreachable!("a write's Tx holds its transaction until the write takes it back");
            };
            let failure = match outcome {
                Ok(value) => match transaction.commit().await {
                    Ok(()) => return Ok(value),
                    Err(error) => E::from(StoreError::from(error)),
                },
                Err(error) => {
                    // Rolled back explicitly so the connection is clean before it is reused.
                    let _ = transaction.rollback().await;
                    error
                }
            };
            if !(failure.is_retryable() && attempt < WRITE_RETRIES_MAX) {
                return Err(failure);
            }
            attempt += 1;
        }
    }

    /// Runs `work` on a read connection (no transaction: each statement sees the latest
    /// committed state). For reads that must agree with each other, use
    /// [`Store::read_snapshot`].
    pub async fn read<T, E, F, Fut>(&self, work: F) -> Result<T, E>
    where
        F: FnOnce(Tx) -> Fut,
        Fut: Future<Output = Result<T, E>>,
        E: From<StoreError>,
    {
        let connection = self
            .pool
            .acquire()
            .await
            .map_err(|error| E::from(StoreError::from(error)))?;
        let tx = Tx::new(Connection::Pooled(connection), self.backend);
        let outcome = work(tx.clone()).await;
        drop(tx.take().await);
        outcome
    }

    /// Runs `work` in a read-only transaction that sees one snapshot of the database
    /// (SQLite's read transaction, PostgreSQL's `REPEATABLE READ`), so that a write committed
    /// in between cannot make its reads disagree.
    pub async fn read_snapshot<T, E, F, Fut>(&self, work: F) -> Result<T, E>
    where
        F: FnOnce(Tx) -> Fut,
        Fut: Future<Output = Result<T, E>>,
        E: From<StoreError>,
    {
        let begun = async {
            let mut transaction = self.pool.begin().await?;
            if self.backend == Backend::Postgres {
                transaction
                    .execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
                    .await?;
            }
            Ok::<_, StoreError>(transaction)
        };
        let transaction = begun.await.map_err(E::from)?;
        let tx = Tx::new(Connection::Transaction(transaction), self.backend);
        let outcome = work(tx.clone()).await;
        if let Some(Connection::Transaction(transaction)) = tx.take().await {
            let _ = transaction.rollback().await;
        }
        outcome
    }

    /// Whether the database answers: a connection is taken from the pool (which tests it).
    pub async fn ping(&self) -> Result<(), StoreError> {
        self.pool.acquire().await?;
        Ok(())
    }

    async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>, StoreError> {
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

/// The SQLite URL with `mode=rwc` (create the file if missing) or, when `create` is false,
/// `mode=rw`, unless a mode is given.
fn sqlite_url(url: &str, create: bool) -> String {
    let mode = if create { "rwc" } else { "rw" };
    if url.contains("mode=") || url.contains(":memory:") {
        url.to_owned()
    } else if url.contains('?') {
        format!("{url}&mode={mode}")
    } else {
        format!("{url}?mode={mode}")
    }
}

/// Set on every SQLite connection.
/// WAL lets readers work beside the writer; FULL makes every commit durable across power
/// loss, which a ledger promises. A 16 MiB page cache keeps a round's publication
/// (thousands of rows) from spilling pages to the log mid-transaction.
const SQLITE_PRAGMAS: &str = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
     PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA cache_size = -16384;";

/// How long the first connection may take before the database is called unreachable.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// The file an SQLite URL names (`sqlite://FILE` or `sqlite:FILE`, options cut off), or
/// `None` for an in-memory database.
fn sqlite_file(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url);
    let path = rest.split('?').next().unwrap_or_default();
    (!path.contains(":memory:")).then_some(path)
}

/// Why an SQLite URL cannot name a database file, said before SQLite says it less clearly.
fn check_sqlite_file(url: &str, create: bool) -> Result<(), String> {
    let Some(path) = sqlite_file(url) else {
        return Ok(());
    };
    if path.is_empty() {
        return Err(
            "the URL names no file; write sqlite://FILE, such as sqlite://equidose.db".into(),
        );
    }
    let file = std::path::Path::new(path);
    if file.is_dir() {
        return Err(format!("{path} is a folder, not a database file"));
    }
    if let Some(folder) = file.parent()
        && !folder.as_os_str().is_empty()
        && !folder.is_dir()
    {
        return Err(format!("the folder {} does not exist", folder.display()));
    }
    if !create && !file.exists() {
        return Err(format!(
            "there is no file {path}; this command does not create a database"
        ));
    }
    Ok(())
}

/// Opens one connection (and, for SQLite, sets its pragmas, which reads the file's header)
/// within [`CONNECT_TIMEOUT`], then closes it; the reason it cannot, as a clause.
async fn probe(url: &str, backend: Backend) -> Result<(), String> {
    use sqlx::Connection;
    let attempt = async {
        let mut connection = sqlx::AnyConnection::connect(url).await?;
        if backend == Backend::Sqlite {
            connection.execute(SQLITE_PRAGMAS).await?;
        }
        connection.close().await
    };
    match tokio::time::timeout(CONNECT_TIMEOUT, attempt).await {
        Ok(Ok(())) => Ok(()),
        Ok(Err(error)) => Err(describe_connect(&error)),
        Err(_) => Err(format!(
            "no answer within {} seconds",
            CONNECT_TIMEOUT.as_secs()
        )),
    }
}

/// The driver's reason a connection failed, once (its `Display` repeats its cause).
fn describe_connect(error: &sqlx::Error) -> String {
    match error {
        sqlx::Error::Database(database_error) => {
            let message = database_error.message();
            match database_error.code().as_deref() {
                // SQLite's codes for a file that is not a database, or is damaged or cut short.
                Some("26") => "the file is not an SQLite database".into(),
                Some("11") => format!("the file is damaged or cut short ({message})"),
                _ => message.to_owned(),
            }
        }
        sqlx::Error::Io(io) => io.to_string(),
        sqlx::Error::PoolTimedOut => "no connection could be made in time".into(),
        other => other.to_string(),
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
    fn a_packed_row_reads_its_values_in_order_and_refuses_what_does_not_fit() {
        let mut row = PackedRow::new("7 covax 1000  VAX1 2022-01-31");
        assert_eq!(row.number().unwrap(), 7);
        assert_eq!(row.text().unwrap(), "covax");
        assert_eq!(row.optional_number().unwrap(), Some(1000));
        assert_eq!(
            row.optional_number().unwrap(),
            None,
            "an empty value is NULL"
        );
        assert_eq!(row.text().unwrap(), "VAX1");
        assert_eq!(row.text().unwrap(), "2022-01-31");
        row.end().unwrap();

        let mut short = PackedRow::new("7 covax");
        short.number().unwrap();
        short.text().unwrap();
        let error = short.text().unwrap_err().to_string();
        assert!(error.contains("too few values"), "{error}");

        let long = PackedRow::new("7 covax");
        let error = long.end().unwrap_err().to_string();
        assert!(error.contains("too many values"), "{error}");

        let error = PackedRow::new("seven").number().unwrap_err().to_string();
        assert!(
            error.contains("\"seven\"") && error.contains("not a number"),
            "{error}"
        );
        let error = PackedRow::new("").number().unwrap_err().to_string();
        assert!(
            error.contains("not a number"),
            "a NULL where a number must be: {error}"
        );
    }

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
