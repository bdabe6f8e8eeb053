//! Writes that create or move, with `Idempotency-Key`: the effect, its idempotency record and
//! its answer commit in one transaction, retried whole when PostgreSQL asks.
//!
//! Same key and same request: the first answer again, with `Idempotent-Replayed: true`, and no
//! second effect. Same key, another request: 422. Same key while the first is still running:
//! 409 (on PostgreSQL the second waits for the first and then replays it). A request that
//! fails leaves no record, so it may be retried with the same key.

use std::future::Future;
use std::pin::Pin;

use axum::Json;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use sqlx::AnyConnection;
use store::StoreError;
use store::idempotency::{Claim, claim, complete};

use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;

/// The request header.
pub const IDEMPOTENCY_KEY: &str = "idempotency-key";
/// Longest key accepted.
pub const KEY_LENGTH_CHARS_MAX: usize = 255;
/// Times a transaction that PostgreSQL aborted for a conflict is run again.
const RETRIES_MAX: u32 = 5;

/// A write to run in a transaction: returns the answer's status and body.
pub type Effect<'c> =
    Pin<Box<dyn Future<Output = Result<(StatusCode, serde_json::Value), StoreError>> + Send + 'c>>;

/// The key of a request, if it has a valid one.
pub fn key(headers: &HeaderMap) -> Result<Option<String>, ApiError> {
    let Some(value) = headers.get(IDEMPOTENCY_KEY) else {
        return Ok(None);
    };
    let key = value.to_str().ok().filter(|key| {
        (1..=KEY_LENGTH_CHARS_MAX).contains(&key.len())
            && key.bytes().all(|byte| byte.is_ascii_graphic())
    });
    match key {
        Some(key) => Ok(Some(key.to_owned())),
        None => Err(ApiError::invalid(
            "Idempotency-Key",
            format!("must be 1 to {KEY_LENGTH_CHARS_MAX} visible ASCII characters, like a UUID"),
        )),
    }
}

/// A digest of what the request asks: its route and its parsed body, so that the same JSON
/// with other spacing is the same request.
pub fn fingerprint(route: &str, body: &impl Serialize) -> String {
    let body = serde_json::to_string(body).unwrap_or_default();
    crate::secrets::sha256_hex(&format!("{route}\n{body}"))
}

/// Runs `effect` once for this caller and key.
pub async fn write<F>(
    state: &AppState,
    caller: &Caller,
    key: Option<String>,
    fingerprint: String,
    effect: F,
) -> Result<Response, ApiError>
where
    F: for<'c> Fn(&'c mut AnyConnection) -> Effect<'c>,
{
    let mut attempt = 0;
    loop {
        match attempt_write(state, caller, key.as_deref(), &fingerprint, &effect).await {
            Err(error) if error.is_retryable() && attempt < RETRIES_MAX => attempt += 1,
            Err(error) => return Err(ApiError::from(error)),
            Ok(Outcome::Answer(status, body)) => return Ok((status, Json(body)).into_response()),
            Ok(Outcome::Replay(status, body)) => {
                let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
                let mut response = (
                    status,
                    [(axum::http::header::CONTENT_TYPE, "application/json")],
                    body,
                )
                    .into_response();
                response
                    .headers_mut()
                    .insert("idempotent-replayed", HeaderValue::from_static("true"));
                return Ok(response);
            }
            Ok(Outcome::Mismatch) => {
                return Err(ApiError::invalid(
                    "Idempotency-Key",
                    "this key was used for a different request; use a new key for a new request",
                ));
            }
            Ok(Outcome::InFlight) => {
                return Err(ApiError::conflict(
                    "request_in_flight",
                    "the first request with this Idempotency-Key is still running; retry in a moment",
                ));
            }
        }
    }
}

enum Outcome {
    Answer(StatusCode, serde_json::Value),
    Replay(u16, String),
    Mismatch,
    InFlight,
}

async fn attempt_write<F>(
    state: &AppState,
    caller: &Caller,
    key: Option<&str>,
    fingerprint: &str,
    effect: &F,
) -> Result<Outcome, StoreError>
where
    F: for<'c> Fn(&'c mut AnyConnection) -> Effect<'c>,
{
    let mut transaction = state.store.begin_write().await?;
    if let Some(key) = key {
        match claim(&mut transaction, caller.user.id, key, fingerprint).await? {
            Claim::Fresh => {}
            Claim::Replay { status, body } => return Ok(Outcome::Replay(status, body)),
            Claim::Mismatch => return Ok(Outcome::Mismatch),
            Claim::InFlight => return Ok(Outcome::InFlight),
        }
    }
    let (status, body) = effect(&mut transaction).await?;
    if let Some(key) = key {
        complete(
            &mut transaction,
            caller.user.id,
            key,
            status.as_u16(),
            &body.to_string(),
        )
        .await?;
    }
    transaction.commit().await?;
    Ok(Outcome::Answer(status, body))
}
