//! Who is calling: bearer tokens for programs, session cookies (with CSRF protection) for
//! pages, and the throttle that slows password guessing.
//!
//! Handlers take a [`Caller`] to require a signed-in user (401 otherwise) or a
//! [`MaybeCaller`] where anonymous visitors are welcome. A cookie is an ambient credential:
//! a browser sends it with requests another site makes it send, so every state-changing
//! request that authenticates by cookie must also carry the session's CSRF token in the
//! `X-CSRF-Token` header. A bearer token is never sent on its own by a browser and needs none.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use app::secrets::token_digest;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{Method, header};
use domain::access::{Actor, TokenId};

use store::accounts::User;

use crate::AppState;
use crate::error::ApiError;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "equidose_session";
/// The header that carries the session's CSRF token.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// How the caller proved who they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credential {
    /// A session cookie (pages), by the digest of its token.
    Session {
        /// The SHA-256 of the session token.
        token_digest: String,
    },
    /// A bearer token (programs).
    Token {
        /// Its id.
        id: TokenId,
    },
}

/// A signed-in user.
#[derive(Debug, Clone)]
pub struct Caller {
    /// Who.
    pub user: User,
    /// The same, as the authorization policy sees them.
    pub actor: Actor,
    /// How they proved it.
    pub credential: Credential,
}

impl Caller {
    pub(crate) fn new(user: User, credential: Credential) -> Self {
        Self {
            actor: app::tokens::actor_of(&user),
            user,
            credential,
        }
    }
}

/// A caller who may be anonymous.
#[derive(Debug, Clone)]
pub struct MaybeCaller(pub Option<Caller>);

fn bearer(parts: &Parts) -> Option<&str> {
    let value = parts.headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

/// The value of the session cookie, if the request has one.
pub fn session_cookie(parts: &Parts) -> Option<&str> {
    parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value)
}

fn is_state_changing(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

async fn authenticate(parts: &Parts, state: &AppState) -> Result<Option<Caller>, ApiError> {
    if let Some(token) = bearer(parts) {
        let now = state.app.now();
        let (user, api_token) = state
            .app
            .read(|tx| async move { app::tokens::authenticate(&tx, now, token).await })
            .await?;
        return Ok(Some(Caller::new(
            user,
            Credential::Token { id: api_token.id },
        )));
    }
    let Some(session_token) = session_cookie(parts) else {
        return Ok(None);
    };
    let session = app::sessions::authenticate(&state.app, session_token).await?;
    if is_state_changing(&parts.method) {
        let sent = parts
            .headers
            .get(CSRF_HEADER)
            .and_then(|value| value.to_str().ok());
        if !sent
            .is_some_and(|sent| constant_time_equal(sent.as_bytes(), session.csrf_token.as_bytes()))
        {
            return Err(ApiError::forbidden(
                "a request signed in by cookie that changes something must carry the session's CSRF token in the X-CSRF-Token header",
            ));
        }
    }
    Ok(Some(Caller::new(
        session.user,
        Credential::Session {
            token_digest: token_digest(session_token),
        },
    )))
}

pub(crate) fn constant_time_equal(left: &[u8], right: &[u8]) -> bool {
    left.len() == right.len()
        && left
            .iter()
            .zip(right)
            .fold(0u8, |difference, (a, b)| difference | (a ^ b))
            == 0
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        authenticate(parts, state).await?.ok_or_else(|| {
            ApiError::unauthorized(
                "sign in first: send a bearer token (POST /api/v1/tokens) or the session cookie",
            )
        })
    }
}

impl FromRequestParts<AppState> for MaybeCaller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        authenticate(parts, state).await.map(MaybeCaller)
    }
}

/// The client's IP address, for throttling sign-ins per address; `unknown` where the server
/// was not started with connection information (some tests).
#[derive(Debug, Clone)]
pub struct ClientAddress(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        // axum's own extractor, so that `MockConnectInfo` in router tests counts too.
        let address =
            axum::extract::ConnectInfo::<std::net::SocketAddr>::from_request_parts(parts, state)
                .await
                .map_or_else(|_| "unknown".to_owned(), |info| info.0.ip().to_string());
        Ok(Self(address))
    }
}

/// Failed sign-ins, remembered per key for [`FAILURE_MEMORY`]; each further failure doubles
/// the wait before the next attempt of that key, from one second up to [`DELAY_MAX`]. No key
/// is ever locked for good: a patient user always gets another try.
///
/// Three keys, so that nobody can lock another out:
/// - the account from this address: after 3 failures, waits grow; other addresses are not
///   slowed by them;
/// - the account from anywhere: after 20 failures (a distributed guess), waits grow for all;
/// - the address, over every account: after 20 failures (spraying one password over many
///   accounts), waits grow, but a correct password still passes: many people can sit
///   behind one address, and only that address's failures caused the wait.
#[derive(Debug, Default)]
pub struct SignInThrottle {
    failures: Mutex<HashMap<String, Failures>>,
}

#[derive(Debug, Clone, Copy)]
struct Failures {
    count: u32,
    last: Instant,
}

/// How long failures are remembered after the last one.
pub const FAILURE_MEMORY: Duration = Duration::from_secs(15 * 60);
/// The longest wait between two attempts.
pub const DELAY_MAX: Duration = Duration::from_secs(15 * 60);
/// Failures of an account from one address before waits begin.
pub const FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS: u32 = 3;
/// Failures of an account from all addresses, or of an address over all accounts, before
/// waits begin.
pub const FREE_FAILURES_PER_ACCOUNT_OR_ADDRESS: u32 = 20;

/// Keys the throttle remembers at most; past it, keys without a recent failure are forgotten.
const THROTTLE_KEYS_MAX: usize = 100_000;

/// Which check: before the password is verified, or after a wrong one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Before verifying: the account's keys.
    Before,
    /// After a wrong password: the address's key too.
    AfterWrongPassword,
}

impl SignInThrottle {
    fn keys(email: &str, address: &str, stage: Stage) -> Vec<(String, u32)> {
        let email = email.to_lowercase();
        let mut keys = vec![
            (
                format!("account:{email}:{address}"),
                FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS,
            ),
            (
                format!("account:{email}"),
                FREE_FAILURES_PER_ACCOUNT_OR_ADDRESS,
            ),
        ];
        if stage == Stage::AfterWrongPassword {
            keys.push((
                format!("address:{address}"),
                FREE_FAILURES_PER_ACCOUNT_OR_ADDRESS,
            ));
        }
        keys
    }

    fn delay(failures: Failures, free: u32) -> Duration {
        if failures.count < free {
            return Duration::ZERO;
        }
        let exponent = (failures.count - free).min(20);
        Duration::from_secs(1u64 << exponent).min(DELAY_MAX)
    }

    /// Refuses the attempt (429 with `Retry-After`) while a key's wait has not passed.
    pub fn check(&self, email: &str, address: &str, stage: Stage) -> Result<(), ApiError> {
        let now = Instant::now();
        let failures = self
            .failures
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for (key, free) in Self::keys(email, address, stage) {
            if let Some(entry) = failures.get(&key) {
                if now.duration_since(entry.last) > FAILURE_MEMORY {
                    continue;
                }
                let wait = Self::delay(*entry, free).saturating_sub(now.duration_since(entry.last));
                if !wait.is_zero() {
                    return Err(ApiError::too_many_requests(
                        "too many failed sign-ins; wait before trying again",
                        wait.max(Duration::from_secs(1)),
                    ));
                }
            }
        }
        Ok(())
    }

    /// Counts a failure against every key of the attempt.
    pub fn record_failure(&self, email: &str, address: &str) {
        let now = Instant::now();
        let mut failures = self
            .failures
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if failures.len() >= THROTTLE_KEYS_MAX {
            failures.retain(|_, entry| now.duration_since(entry.last) <= FAILURE_MEMORY);
        }
        for (key, _) in Self::keys(email, address, Stage::AfterWrongPassword) {
            let entry = failures.entry(key).or_insert(Failures {
                count: 0,
                last: now,
            });
            if now.duration_since(entry.last) > FAILURE_MEMORY {
                entry.count = 0;
            }
            entry.count = entry.count.saturating_add(1);
            entry.last = now;
        }
    }

    /// A successful sign-in clears the account's failures from this address.
    pub fn record_success(&self, email: &str, address: &str) {
        let mut failures = self
            .failures
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        failures.remove(&format!("account:{}:{address}", email.to_lowercase()));
    }
}
