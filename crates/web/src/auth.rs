//! Who is calling: bearer tokens for programs, session cookies (with CSRF protection) for
//! pages, and the throttle that slows password guessing.
//!
//! Handlers take a [`Caller`] to require a signed-in user (401 otherwise) or a
//! [`MaybeCaller`] where anonymous visitors are welcome. A cookie is an ambient credential:
//! a browser sends it with requests another site makes it send, so every state-changing
//! request that authenticates by cookie must also carry the session's CSRF token in the
//! `X-CSRF-Token` header. A bearer token is never sent on its own by a browser and needs none.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{Method, header};
use chrono::{DateTime, Utc};
use domain::party::{PartyKind, Role};
use store::accounts::User;

use crate::AppState;
use crate::error::ApiError;
use crate::secrets::token_digest;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "equidose_session";
/// The header that carries the session's CSRF token.
pub const CSRF_HEADER: &str = "x-csrf-token";
/// How long a session lasts from sign-in.
pub const SESSION_DURATION: chrono::Duration = chrono::Duration::hours(12);

/// How the caller proved who they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credential {
    Session { token_digest: String },
    Token,
}

/// A signed-in user.
#[derive(Debug, Clone)]
pub struct Caller {
    pub user: User,
    pub credential: Credential,
}

impl Caller {
    /// The caller must be an official of their party: viewers read, admins run the
    /// platform, and neither acts for a party.
    pub fn require_official(&self) -> Result<(), ApiError> {
        match self.user.role {
            Role::Official => Ok(()),
            Role::Viewer => Err(ApiError::forbidden(
                "a viewer reads what the party may read and cannot act for it",
            )),
            Role::Admin => Err(ApiError::forbidden(
                "an administrator runs the platform and does not act for a party; sign in as an official",
            )),
        }
    }

    pub fn require_official_of(&self, kind: PartyKind) -> Result<(), ApiError> {
        self.require_official()?;
        if self.user.party_kind == kind {
            Ok(())
        } else {
            Err(ApiError::forbidden(format!(
                "only an official of a {kind} may do this"
            )))
        }
    }

    pub fn require_admin(&self) -> Result<(), ApiError> {
        if self.user.role == Role::Admin {
            Ok(())
        } else {
            Err(ApiError::forbidden("only an administrator may do this"))
        }
    }

    /// Organizations oversee everything; other parties see what they hold or made.
    pub fn oversees_all(&self) -> bool {
        self.user.party_kind == PartyKind::Organization
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
        let user = state
            .store
            .user_by_api_token(&token_digest(token))
            .await?
            .ok_or_else(|| {
                ApiError::unauthorized(
                    "the bearer token is not valid; create one with POST /api/v1/tokens",
                )
            })?;
        return active(user).map(|user| {
            Some(Caller {
                user,
                credential: Credential::Token,
            })
        });
    }
    let Some(session_token) = session_cookie(parts) else {
        return Ok(None);
    };
    let digest = token_digest(session_token);
    let (user, csrf_token, expires_at) = state
        .store
        .session(&digest)
        .await?
        .ok_or_else(|| ApiError::unauthorized("the session has ended; sign in again"))?;
    let expired =
        DateTime::parse_from_rfc3339(&expires_at).map_or(true, |expiry| expiry < Utc::now());
    if expired {
        return Err(ApiError::unauthorized(
            "the session has expired; sign in again",
        ));
    }
    if is_state_changing(&parts.method) {
        let sent = parts
            .headers
            .get(CSRF_HEADER)
            .and_then(|value| value.to_str().ok());
        if !sent.is_some_and(|sent| constant_time_equal(sent.as_bytes(), csrf_token.as_bytes())) {
            return Err(ApiError::forbidden(
                "a request signed in by cookie that changes something must carry the session's CSRF token in the X-CSRF-Token header",
            ));
        }
    }
    active(user).map(|user| {
        Some(Caller {
            user,
            credential: Credential::Session {
                token_digest: digest,
            },
        })
    })
}

fn active(user: User) -> Result<User, ApiError> {
    if user.disabled {
        Err(ApiError::unauthorized(
            "this user is disabled; ask an administrator",
        ))
    } else {
        Ok(user)
    }
}

fn constant_time_equal(left: &[u8], right: &[u8]) -> bool {
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

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let address = parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map_or_else(|| "unknown".to_owned(), |info| info.0.ip().to_string());
        Ok(Self(address))
    }
}

/// Failed sign-ins per account and per address in a sliding window; past the limit, further
/// attempts answer 429 until the oldest failure leaves the window.
#[derive(Debug)]
pub struct SignInThrottle {
    failures: Mutex<HashMap<String, VecDeque<Instant>>>,
    window: Duration,
    failures_per_account_max: usize,
    failures_per_address_max: usize,
}

/// Keys the throttle remembers at most; past it, keys without a recent failure are forgotten.
const THROTTLE_KEYS_MAX: usize = 100_000;

impl Default for SignInThrottle {
    fn default() -> Self {
        Self {
            failures: Mutex::new(HashMap::new()),
            window: Duration::from_secs(15 * 60),
            failures_per_account_max: 5,
            failures_per_address_max: 20,
        }
    }
}

impl SignInThrottle {
    fn keys(email: &str, address: &str) -> [(String, bool); 2] {
        [
            (format!("account:{}", email.to_lowercase()), true),
            (format!("address:{address}"), false),
        ]
    }

    /// Refuses the attempt while either key has too many recent failures.
    pub fn check(&self, email: &str, address: &str) -> Result<(), ApiError> {
        let now = Instant::now();
        let mut failures = self
            .failures
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for (key, is_account) in Self::keys(email, address) {
            let limit = if is_account {
                self.failures_per_account_max
            } else {
                self.failures_per_address_max
            };
            if let Some(times) = failures.get_mut(&key) {
                while times
                    .front()
                    .is_some_and(|time| now.duration_since(*time) > self.window)
                {
                    times.pop_front();
                }
                if times.len() >= limit {
                    let oldest = times.front().copied().unwrap_or(now);
                    let retry_after = self.window.saturating_sub(now.duration_since(oldest));
                    return Err(ApiError::too_many_requests(
                        "too many failed sign-ins; wait before trying again",
                        retry_after.max(Duration::from_secs(1)),
                    ));
                }
            }
        }
        Ok(())
    }

    pub fn record_failure(&self, email: &str, address: &str) {
        let now = Instant::now();
        let mut failures = self
            .failures
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if failures.len() >= THROTTLE_KEYS_MAX {
            let window = self.window;
            failures.retain(|_, times| {
                times
                    .back()
                    .is_some_and(|time| now.duration_since(*time) <= window)
            });
        }
        for (key, _) in Self::keys(email, address) {
            failures.entry(key).or_default().push_back(now);
        }
    }

    /// A successful sign-in clears the account's failures (not the address's).
    pub fn record_success(&self, email: &str) {
        let mut failures = self
            .failures
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        failures.remove(&format!("account:{}", email.to_lowercase()));
    }
}
