//! The API's one error type, [`ApiError`], and its wire form: `application/problem+json` (RFC 9457).
//!
//! Every failure a handler, an extractor or a layer can produce ends here, so clients parse
//! one shape: `type`, `title`, `status`, `detail`, plus `errors` (the offending fields, by
//! JSON path or query parameter name) for invalid input and `code` (a machine-readable
//! reason) for conflicts. Internal errors are logged in full and answered without details.

use std::time::Duration;

use app::AppError;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use store::StoreError;
use utoipa::ToSchema;

/// The media type of every error body.
pub const PROBLEM_CONTENT_TYPE: &str = "application/problem+json";

/// Problem types are URIs under the project's address (the workspace's `repository`), one per
/// kind of problem, so a client can branch on `type` without parsing `detail`.
pub const PROBLEM_TYPE_BASE: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/problems/");

/// An error body, as RFC 9457 defines it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "type": "https://example.invalid/equidose/problems/invalid-input",
    "title": "Invalid input",
    "status": 422,
    "detail": "The request has 1 invalid field.",
    "errors": [{"field": "lots[3].expiry", "message": "\"2021-13-01\" is not a day: expected YYYY-MM-DD"}]
}))]
pub struct Problem {
    /// A URI naming the kind of problem.
    #[serde(rename = "type")]
    pub problem_type: String,
    /// A short summary of the kind of problem; the same for every problem of a type.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// What went wrong with this request, as a sentence.
    pub detail: String,
    /// For a conflict: why, as a stable snake_case word (`insufficient_balance`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// For invalid input: every offending field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

pub use app::FieldError;

/// Why a request failed. Each variant maps to one status and one problem type.
///
/// Build them with the constructors (`ApiError::not_found("…")`, `ApiError::invalid("date",
/// "…")`, `ApiError::conflict("insufficient_balance", "…")`, …) or with `?` on a
/// [`AppError`] or [`StoreError`] (see their `From` impls for the mapping: ledger rejections
/// 422 with their code, insufficient balance and taken keys 409, retryable and pool timeouts
/// 503, the rest 500).
/// Details are sentences a person can act on; they name the input.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 400: the request cannot be read at all (malformed JSON, a body that is not UTF-8).
    #[error("{detail}")]
    BadRequest {
        /// What went wrong, as a sentence.
        detail: String,
    },
    /// 422: the request was read but some fields are wrong; each is named in `errors`.
    #[error("{detail}")]
    Invalid {
        /// The invalid fields summed up, as a sentence.
        detail: String,
        /// Every invalid field, with what is wrong with it.
        errors: Vec<FieldError>,
    },
    /// 401: no valid credentials. Answered with `WWW-Authenticate: Bearer`.
    #[error("{detail}")]
    Unauthorized {
        /// What went wrong, as a sentence.
        detail: String,
    },
    /// 403: signed in, but the role may not do this. Objects outside the caller's reach are
    /// [`ApiError::NotFound`] instead, so their existence does not leak.
    #[error("{detail}")]
    Forbidden {
        /// What went wrong, as a sentence.
        detail: String,
    },
    /// 404: no such object (or not one the caller may see).
    #[error("{detail}")]
    NotFound {
        /// What went wrong, as a sentence.
        detail: String,
    },
    /// 404: no route has this path. A separate type from [`ApiError::NotFound`] so a client
    /// (and the OpenAPI completeness test) can tell a wrong URL from a missing object.
    #[error("no endpoint has the path {path}")]
    UnknownRoute {
        /// The path requested.
        path: String,
    },
    /// 405: the path exists, the method does not. axum adds the `Allow` header.
    #[error("{path} does not answer {method}")]
    MethodNotAllowed {
        /// The method requested.
        method: String,
        /// The path requested.
        path: String,
    },
    /// 422: well-formed, but a rule refuses it (the ledger's rejections); `code` names the
    /// rule, and `errors` the field it concerns where there is one.
    #[error("{detail}")]
    Refused {
        /// The rule.
        code: &'static str,
        /// What happened.
        detail: String,
        /// The field concerned, if any.
        errors: Vec<FieldError>,
    },
    /// 409: the request contradicts the current state; `code` says how, for programs.
    #[error("{detail}")]
    Conflict {
        /// Why, as a stable snake_case word for programs (`insufficient_balance`).
        code: &'static str,
        /// What went wrong, as a sentence.
        detail: String,
    },
    /// 408: the client took longer than the limit to send its body.
    #[error("the request body took longer than {} ms to arrive", limit.as_millis())]
    RequestTimeout {
        /// The limit.
        limit: Duration,
    },
    /// 413: the body is over the limit.
    #[error("the request body is larger than {limit_bytes} bytes")]
    PayloadTooLarge {
        /// The largest body accepted, in bytes.
        limit_bytes: usize,
    },
    /// 415: a body that is not declared as JSON where JSON is expected.
    #[error("{detail}")]
    UnsupportedMediaType {
        /// What went wrong, as a sentence.
        detail: String,
    },
    /// 429: too many requests; try again after the delay, sent as `Retry-After`.
    #[error("{detail}")]
    TooManyRequests {
        /// What went wrong, as a sentence.
        detail: String,
        /// How long to wait before trying again, sent as `Retry-After`.
        retry_after: Duration,
    },
    /// 503: the server is overloaded or its database unreachable; retrying later may work.
    #[error("{detail}")]
    ServiceUnavailable {
        /// What went wrong, as a sentence.
        detail: String,
    },
    /// 500: a bug or an unexpected failure. Logged in full; the client sees no details.
    #[error("internal error: {0}")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl ApiError {
    /// A 400 with `detail`: the request cannot be read at all.
    pub fn bad_request(detail: impl Into<String>) -> Self {
        Self::BadRequest {
            detail: detail.into(),
        }
    }

    /// One invalid field: `ApiError::invalid("date", "\"x\" is not a day: …")`.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::invalid_fields(vec![FieldError::new(field, message)])
    }

    /// Several invalid fields at once, so a client can fix them all in one round trip.
    pub fn invalid_fields(errors: Vec<FieldError>) -> Self {
        let detail = match errors.as_slice() {
            [only] if only.field.is_empty() => {
                format!("Invalid request body: {}.", only.message)
            }
            [only] => format!("Invalid {}: {}.", only.field, only.message),
            _ => format!("The request has {} invalid fields.", errors.len()),
        };
        Self::Invalid { detail, errors }
    }

    /// A 401 with `detail`: the request carries no valid credentials.
    pub fn unauthorized(detail: impl Into<String>) -> Self {
        Self::Unauthorized {
            detail: detail.into(),
        }
    }

    /// A 403 with `detail`: the caller can see the object, but their role may not do this.
    pub fn forbidden(detail: impl Into<String>) -> Self {
        Self::Forbidden {
            detail: detail.into(),
        }
    }

    /// A 404 with `detail`: no such object, or none the caller may see.
    pub fn not_found(detail: impl Into<String>) -> Self {
        Self::NotFound {
            detail: detail.into(),
        }
    }

    /// A conflict with a stable machine code: `ApiError::conflict("insufficient_balance", "…")`.
    pub fn conflict(code: &'static str, detail: impl Into<String>) -> Self {
        Self::Conflict {
            code,
            detail: detail.into(),
        }
    }

    /// A 429 with `detail`, to be tried again after `retry_after`.
    pub fn too_many_requests(detail: impl Into<String>, retry_after: Duration) -> Self {
        Self::TooManyRequests {
            detail: detail.into(),
            retry_after,
        }
    }

    /// A 503 with `detail`: the server is overloaded or its database unreachable.
    pub fn service_unavailable(detail: impl Into<String>) -> Self {
        Self::ServiceUnavailable {
            detail: detail.into(),
        }
    }

    /// Wraps any error as a 500; its text goes to the log only.
    pub fn internal(error: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        Self::Internal(error.into())
    }

    /// The HTTP status the error answers with.
    pub fn status(&self) -> StatusCode {
        match self {
            Self::BadRequest { .. } => StatusCode::BAD_REQUEST,
            Self::Invalid { .. } | Self::Refused { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Unauthorized { .. } => StatusCode::UNAUTHORIZED,
            Self::Forbidden { .. } => StatusCode::FORBIDDEN,
            Self::NotFound { .. } | Self::UnknownRoute { .. } => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            Self::Conflict { .. } => StatusCode::CONFLICT,
            Self::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Self::RequestTimeout { .. } => StatusCode::REQUEST_TIMEOUT,
            Self::UnsupportedMediaType { .. } => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::ServiceUnavailable { .. } => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The last part of the problem type URI, and the title shared by every problem of it.
    fn kind(&self) -> (&'static str, &'static str) {
        match self {
            Self::BadRequest { .. } => ("malformed-request", "Malformed request"),
            Self::Invalid { .. } => ("invalid-input", "Invalid input"),
            Self::Refused { .. } => ("refused", "Refused by a rule"),
            Self::Unauthorized { .. } => ("unauthorized", "Authentication required"),
            Self::Forbidden { .. } => ("forbidden", "Not allowed"),
            Self::NotFound { .. } => ("not-found", "Not found"),
            Self::UnknownRoute { .. } => ("unknown-route", "No such endpoint"),
            Self::MethodNotAllowed { .. } => ("method-not-allowed", "Method not allowed"),
            Self::Conflict { .. } => ("conflict", "Conflict with the current state"),
            Self::PayloadTooLarge { .. } => ("payload-too-large", "Request body too large"),
            Self::RequestTimeout { .. } => ("request-timeout", "Request body too slow"),
            Self::UnsupportedMediaType { .. } => {
                ("unsupported-media-type", "Unsupported media type")
            }
            Self::TooManyRequests { .. } => ("too-many-requests", "Too many requests"),
            Self::ServiceUnavailable { .. } => ("service-unavailable", "Service unavailable"),
            Self::Internal(_) => ("internal", "Internal error"),
        }
    }

    /// The body this error answers with.
    pub fn problem(&self) -> Problem {
        let (slug, title) = self.kind();
        let detail = match self {
            Self::Internal(_) => {
                "The server failed to answer this request; the failure has been logged.".to_owned()
            }
            Self::UnknownRoute { path } => format!("No endpoint has the path {path}."),
            Self::MethodNotAllowed { method, path } => format!(
                "{path} does not answer {method}; the Allow header lists the methods it answers."
            ),
            Self::RequestTimeout { limit } => format!(
                "The request body took longer than {} ms to arrive; send it faster or smaller.",
                limit.as_millis()
            ),
            Self::PayloadTooLarge { limit_bytes } => {
                format!("The request body is larger than the limit of {limit_bytes} bytes.")
            }
            other => other.to_string(),
        };
        let (code, errors) = match self {
            Self::Conflict { code, .. } => (Some((*code).to_owned()), Vec::new()),
            Self::Refused { code, errors, .. } => (Some((*code).to_owned()), errors.clone()),
            Self::Invalid { errors, .. } => (None, errors.clone()),
            _ => (None, Vec::new()),
        };
        Problem {
            problem_type: format!("{PROBLEM_TYPE_BASE}{slug}"),
            title: title.to_owned(),
            status: self.status().as_u16(),
            detail,
            code,
            errors,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let Self::Internal(error) = &self {
            // The whole chain goes to the log (inside the request's span, which names the
            // method and path); none of it goes to the client.
            let mut chain = error.to_string();
            let mut source = error.source();
            while let Some(cause) = source {
                chain.push_str(": ");
                chain.push_str(&cause.to_string());
                source = cause.source();
            }
            tracing::error!(error = %chain, "internal error");
        }
        let mut response = problem_response(&self.problem());
        let headers = response.headers_mut();
        match &self {
            Self::Unauthorized { .. } => {
                headers.insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Bearer realm=\"equidose\""),
                );
            }
            Self::TooManyRequests { retry_after, .. } => {
                // Whole seconds, rounded up: retrying early would only be refused again.
                let seconds = retry_after.as_secs() + u64::from(retry_after.subsec_nanos() > 0);
                headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds.max(1)));
            }
            // Overload and a busy database pass within a second or so: say when to retry.
            Self::ServiceUnavailable { .. } => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from(1u64));
            }
            _ => {}
        }
        response
    }
}

/// A problem as a response with its status and media type.
pub fn problem_response(problem: &Problem) -> Response {
    let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = serde_json::to_vec(problem).unwrap_or_else(|_| b"{}".to_vec());
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static(PROBLEM_CONTENT_TYPE),
        )],
        body,
    )
        .into_response()
}

impl From<AppError> for ApiError {
    fn from(error: AppError) -> Self {
        match error {
            AppError::Invalid(errors) => Self::invalid_fields(errors),
            AppError::Denied(denied) => Self::forbidden(denied.to_string()),
            AppError::NotFound(detail) => Self::not_found(detail),
            AppError::Unauthorized(detail) => Self::unauthorized(detail),
            AppError::Conflict { code, detail } => Self::conflict(code, detail),
            // A ledger rule's refusal names the field it concerns, like any invalid input.
            AppError::Refused { code, detail } => Self::Refused {
                code,
                errors: app::movements::refused_field(code)
                    .map(|field| vec![FieldError::new(field, detail.clone())])
                    .unwrap_or_default(),
                detail,
            },
            AppError::Store(error) => Self::from(error),
            AppError::Busy(detail) => Self::service_unavailable(detail),
            AppError::Internal(detail) => Self::internal(detail),
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        // The database could not order this transaction among concurrent ones and the
        // store's retries ran out: a reason to try again, never a 500.
        if error.is_retryable() {
            return Self::service_unavailable(
                "The database could not complete this request among concurrent ones; retry it.",
            );
        }
        match error {
            // Every connection busy for the whole acquire timeout: overload, not a bug.
            StoreError::Database(database) if database.is_pool_timeout() => {
                Self::service_unavailable("The database is busy; try again in a moment.")
            }
            StoreError::Rejected(_) | StoreError::Conflict(_) | StoreError::Coverage(_) => {
                Self::from(AppError::from(error))
            }
            other => Self::internal(other),
        }
    }
}
