//! The platform's use cases: one function per action, the one place where an edge (the HTTP
//! API, the pages, the command line, the demo loader) turns a request into a change.
//!
//! Every use case has the same shape: it takes the [`Actor`] (or none, for the system), the
//! moment it happens (from the [`Clock`] the edge was given) and a typed input; asks the one
//! authorization policy ([`domain::access`]); validates the input, reading what it needs on
//! the transaction it is given; makes the change; records its audit event in the same
//! transaction ([`audit::record`]); and returns a typed result or an [`AppError`]. Use cases
//! run on a [`Tx`] so that an edge can add its own rows to the same transaction (the HTTP
//! layer's idempotency record); [`App::write`] and [`App::read`] are the doors.
//!
//! Modules, one per object: [`products`], [`lots`], [`movements`], [`parties`], [`users`],
//! [`tokens`], [`sessions`], [`audit`]; [`secrets`] holds password hashing and tokens.
//!
//! **Architecture Invariant:** no HTTP here (no axum, no status codes, no headers): errors are
//! [`AppError`] variants that each edge maps to its own answer.

#![warn(missing_docs)]

pub mod agreements;
pub mod audit;
pub mod capacity;
pub mod coverage;
pub mod expiry;
pub mod lots;
pub mod meetings;
pub mod movements;
pub mod notifications;
pub mod offers;
pub mod parties;
pub mod partnerships;
pub mod pledges;
pub mod products;
pub mod requests;
pub mod rounds;
pub mod secrets;
pub mod sessions;
pub mod shipments;
pub mod threads;
pub mod tokens;
pub mod users;
pub mod webhooks;

use std::future::Future;
use std::sync::Arc;

pub use domain::access::{Actor, Denied};
pub use domain::time::{Clock, FixedClock, Timestamp};
use serde::{Deserialize, Serialize};
pub use store::{Store, StoreError, Tx};

/// The most items one list answers at once.
pub const LIST_ITEMS_MAX: i64 = 10_000;

/// The platform: its store and the clock every use case reads "now" from. Cheap to clone.
#[derive(Clone, Debug)]
pub struct App {
    /// The database.
    pub store: Store,
    /// Where "now" comes from.
    pub clock: Arc<dyn Clock>,
    /// The coverage sources' reference part, kept between imports.
    pub reference: Arc<coverage::ReferenceCache>,
}

impl App {
    /// The platform over `store`, on the system's clock.
    pub fn new(store: Store) -> Self {
        Self::with_clock(store, Arc::new(SystemClock))
    }

    /// The platform over `store`, on `clock`.
    pub fn with_clock(store: Store, clock: Arc<dyn Clock>) -> Self {
        Self {
            store,
            clock,
            reference: Arc::default(),
        }
    }

    /// Now, by the platform's clock.
    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }

    /// Runs use cases in one write transaction (retried whole on a conflict; see
    /// [`Store::write`]).
    pub async fn write<T, F, Fut>(&self, work: F) -> Result<T, AppError>
    where
        F: FnMut(Tx) -> Fut,
        Fut: Future<Output = Result<T, AppError>>,
    {
        self.store.write(work).await
    }

    /// Runs reads on one read connection.
    pub async fn read<T, F, Fut>(&self, work: F) -> Result<T, AppError>
    where
        F: FnOnce(Tx) -> Fut,
        Fut: Future<Output = Result<T, AppError>>,
    {
        self.store.read(work).await
    }
}

/// The system's clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp::from_datetime(chrono::Utc::now())
    }
}

/// A clock that runs from a chosen moment at the system's pace: "as of" a date, for a demo
/// that tells the story of a past week.
#[derive(Debug, Clone, Copy)]
pub struct ShiftedClock {
    offset: chrono::Duration,
}

impl ShiftedClock {
    /// A clock whose now is `start` at the moment it is made.
    pub fn starting_at(start: Timestamp) -> Self {
        Self {
            offset: start.as_datetime() - chrono::Utc::now(),
        }
    }
}

impl Clock for ShiftedClock {
    fn now(&self) -> Timestamp {
        Timestamp::from_datetime(chrono::Utc::now() + self.offset)
    }
}

/// One invalid field of an input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct FieldError {
    /// Where: a JSON path into the body (`lots[3].expiry`), or a query or path parameter's name
    /// (`date`); empty for the body as a whole.
    pub field: String,
    /// What is wrong with it, as a sentence.
    pub message: String,
}

impl FieldError {
    /// The field `field` is wrong because of `message`.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// Why a use case did not happen. Each edge maps the variants to its own answers (the API:
/// 422, 403, 404, 401, 409, 422, and 5xx for the store's own failures).
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Some fields are wrong; each is named.
    #[error("{}", describe_fields(.0))]
    Invalid(Vec<FieldError>),
    /// The policy refuses: the actor sees the object but may not do this.
    #[error(transparent)]
    Denied(#[from] Denied),
    /// No such object, or not one the actor may see.
    #[error("{0}")]
    NotFound(String),
    /// The credentials do not identify an active user.
    #[error("{0}")]
    Unauthorized(String),
    /// The request contradicts the current state; `code` says how, for programs.
    #[error("{detail}")]
    Conflict {
        /// A stable snake_case reason.
        code: &'static str,
        /// What happened, as a sentence.
        detail: String,
    },
    /// Well-formed, but a rule refuses it; `code` names the rule.
    #[error("{detail}")]
    Refused {
        /// The rule, as a stable snake_case name.
        code: &'static str,
        /// What happened, as a sentence.
        detail: String,
    },
    /// The store failed (the database, not the request).
    #[error(transparent)]
    Store(StoreError),
    /// The server has too much of this work in hand; the same request may pass in a moment.
    #[error("{0}")]
    Busy(String),
    /// A bug or an unexpected failure outside the store.
    #[error("internal error: {0}")]
    Internal(String),
}

fn describe_fields(errors: &[FieldError]) -> String {
    match errors {
        [only] if only.field.is_empty() => format!("Invalid request body: {}.", only.message),
        [only] => format!("Invalid {}: {}.", only.field, only.message),
        _ => format!("The request has {} invalid fields.", errors.len()),
    }
}

impl AppError {
    /// One invalid field.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Invalid(vec![FieldError::new(field, message)])
    }

    /// Whether the failure is the request's (the same request would fail the same way),
    /// rather than the platform's: such an answer is kept as the answer of its idempotency key.
    pub fn is_request_failure(&self) -> bool {
        !matches!(self, Self::Store(_) | Self::Internal(_))
    }
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> Self {
        use domain::ledger::Rejection;
        match error {
            // The one rejection that depends on the ledger's state rather than the request:
            // a conflict, as the contract says for a balance too small.
            StoreError::Rejected(rejection @ Rejection::InsufficientBalance { .. }) => {
                Self::Conflict {
                    code: rejection.code(),
                    detail: rejection.to_string(),
                }
            }
            StoreError::Rejected(rejection) => Self::Refused {
                code: rejection.code(),
                detail: rejection.to_string(),
            },
            StoreError::Conflict(detail) => Self::Conflict {
                code: "already_exists",
                detail,
            },
            // The reference data cannot answer this question (a population row is missing):
            // the request is fine, the installation's data is not complete yet.
            StoreError::Coverage(error) => Self::Conflict {
                code: "reference_data_incomplete",
                detail: error.to_string(),
            },
            other => Self::Store(other),
        }
    }
}

impl store::Retryable for AppError {
    fn is_retryable(&self) -> bool {
        matches!(self, Self::Store(error) if error.is_retryable())
    }
}

/// Collects the invalid fields of an input, so that a client can fix them all at once.
#[derive(Debug, Default)]
pub struct Fields(Vec<FieldError>);

impl Fields {
    /// No errors yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether no error has been noted.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Notes that `field` is wrong.
    pub fn push(&mut self, field: &str, message: impl Into<String>) {
        self.0.push(FieldError::new(field, message));
    }

    /// The value, or `None` with its error noted.
    pub fn check<T, E: std::fmt::Display>(
        &mut self,
        field: &str,
        result: Result<T, E>,
    ) -> Option<T> {
        result
            .map_err(|error| self.push(field, error.to_string()))
            .ok()
    }

    /// `Ok(())` when no field is wrong.
    pub fn finish(self) -> Result<(), AppError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid(self.0))
        }
    }
}

/// A JSON object for an audit event's detail.
pub(crate) fn detail(value: serde_json::Value) -> String {
    value.to_string()
}
