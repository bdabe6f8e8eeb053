//! Writes that create or move, with `Idempotency-Key`: the effect, its idempotency record and
//! its answer commit in one transaction ([`store::Store::write`], retried whole when the
//! database asks).
//!
//! Same key and same request: the first answer again, with `Idempotent-Replayed: true`, and
//! no second effect. The first answer is the key's whether it was a success or a refusal of
//! the request (a 409 for a balance too small, a 422 for a field): a refused request is not
//! re-run under its key, so a key cannot be reused for a second try with another body. Same
//! key, another request: 422. Same key while the first is still running: 409. A failure of
//! the platform itself (5xx) leaves no record, so the request may be retried with its key.

use std::future::Future;

use app::AppError;
use axum::Json;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use store::Tx;
use store::idempotency::Claim;

use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;

/// The request header.
pub const IDEMPOTENCY_KEY: &str = "idempotency-key";
/// The response header on a replayed answer.
pub const IDEMPOTENT_REPLAYED: &str = "idempotent-replayed";
/// Longest key accepted.
pub const KEY_LENGTH_CHARS_MAX: usize = 255;

/// What an effect answers: its status and body.
pub type Answer = (StatusCode, serde_json::Value);

/// An answer with `status` and `body` as JSON; a body that cannot be serialised is an
/// internal error, never a success with `null`.
pub fn answer(status: StatusCode, body: &impl Serialize) -> Result<Answer, AppError> {
    serde_json::to_value(body)
        .map(|value| (status, value))
        .map_err(|error| AppError::Internal(format!("the answer could not be serialised: {error}")))
}

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

/// A digest of what the request asks: its route and its whole parsed body (every field,
/// passwords included, so that a replay with another password is another request), so that
/// the same JSON with other spacing is the same request.
pub fn fingerprint(route: &str, body: &impl Serialize) -> Result<String, ApiError> {
    let body = serde_json::to_string(body).map_err(ApiError::internal)?;
    Ok(app::secrets::sha256_hex(&format!("{route}\n{body}")))
}

enum Outcome {
    Answer(Answer),
    Replay(u16, String),
    Mismatch,
    InFlight,
}

/// Runs `effect` once for this caller and the request's key (if any): `route` and `body`
/// identify the request.
pub async fn write<F, Fut>(
    state: &AppState,
    caller: &Caller,
    headers: &HeaderMap,
    route: &str,
    body: &impl Serialize,
    mut effect: F,
) -> Result<Response, ApiError>
where
    F: FnMut(Tx) -> Fut,
    Fut: Future<Output = Result<Answer, AppError>>,
{
    let key = key(headers)?;
    let fingerprint = fingerprint(route, body)?;
    let user = caller.user.id;
    let (key, fingerprint) = (key.as_deref(), fingerprint.as_str());
    let outcome = state
        .app
        .write(|tx| {
            let effect = effect(tx.clone());
            async move {
                if let Some(key) = key {
                    match tx.claim_idempotency_key(user, key, fingerprint).await? {
                        Claim::Fresh => {}
                        Claim::Replay { status, body } => return Ok(Outcome::Replay(status, body)),
                        Claim::Mismatch => return Ok(Outcome::Mismatch),
                        Claim::InFlight => return Ok(Outcome::InFlight),
                    }
                }
                let (status, body) = effect.await?;
                if let Some(key) = key {
                    tx.complete_idempotency_key(user, key, status.as_u16(), &body.to_string())
                        .await?;
                }
                Ok(Outcome::Answer((status, body)))
            }
        })
        .await;
    let outcome = match (outcome, key) {
        (Ok(outcome), _) => outcome,
        // The request was refused: that refusal is the key's first answer. Recorded in a
        // transaction of its own, since the effect's was rolled back.
        (Err(error), Some(key)) if error.is_request_failure() => {
            let refusal = ApiError::from(error);
            let problem = refusal.problem();
            let text = serde_json::to_string(&problem).map_err(ApiError::internal)?;
            let recorded = state
                .app
                .write(|tx| {
                    let text = text.clone();
                    async move {
                        Ok(
                            match tx.claim_idempotency_key(user, key, fingerprint).await? {
                                Claim::Fresh => {
                                    tx.complete_idempotency_key(user, key, problem.status, &text)
                                        .await?;
                                    None
                                }
                                Claim::Replay { status, body } => {
                                    Some(Outcome::Replay(status, body))
                                }
                                Claim::Mismatch => Some(Outcome::Mismatch),
                                Claim::InFlight => Some(Outcome::InFlight),
                            },
                        )
                    }
                })
                .await?;
            match recorded {
                None => return Err(refusal),
                Some(outcome) => outcome,
            }
        }
        (Err(error), _) => return Err(ApiError::from(error)),
    };
    match outcome {
        Outcome::Answer((status, body)) => Ok((status, Json(body)).into_response()),
        Outcome::Replay(status, body) => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
            let content_type = if status.is_success() {
                "application/json"
            } else {
                crate::error::PROBLEM_CONTENT_TYPE
            };
            let mut response = (
                status,
                [(axum::http::header::CONTENT_TYPE, content_type)],
                body,
            )
                .into_response();
            response
                .headers_mut()
                .insert(IDEMPOTENT_REPLAYED, HeaderValue::from_static("true"));
            Ok(response)
        }
        Outcome::Mismatch => Err(ApiError::invalid(
            "Idempotency-Key",
            "this key was used for a different request; use a new key for a new request",
        )),
        Outcome::InFlight => Err(ApiError::conflict(
            "request_in_flight",
            "the first request with this Idempotency-Key is still running; retry in a moment",
        )),
    }
}
