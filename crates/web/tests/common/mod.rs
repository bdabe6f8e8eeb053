//! Helpers shared by the router tests: the application over a test store, requests sent with
//! `oneshot` (no socket), and answers read back whole.

#![allow(dead_code)] // Each test file uses a different part of this module.

use std::net::SocketAddr;
use std::sync::Arc;

use app::{App, FixedClock, Timestamp};
use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Request, StatusCode};
use serde_json::Value;
use store::Store;
use tower::ServiceExt;
use web::AppState;

pub mod browser;

/// The address handlers see as the client's in these tests.
pub const CLIENT_ADDRESS: &str = "192.0.2.7:40000";

/// The moment the tests' clock stands at: the platform's day is 6 August 2021, so that lots
/// expiring in 2022 can be registered whatever the day the tests run.
pub const NOW: &str = "2021-08-06T09:00:00.000Z";

/// [`NOW`] as a timestamp.
pub fn now() -> Timestamp {
    Timestamp::parse(NOW).unwrap()
}

/// The state of a server over `store` whose clock stands still at `at`.
pub fn state_at(store: Store, at: Timestamp) -> AppState {
    // The tests race many requests at once on a busy machine; shedding has its own tests
    // (connections.rs), so here nothing waits long enough to be shed.
    AppState {
        admission: web::layers::Admission::new(
            web::layers::READS_AT_ONCE,
            web::layers::WRITES_AT_ONCE,
            std::time::Duration::from_secs(30),
        ),
        ..AppState::new(App::with_clock(store, Arc::new(FixedClock(at))))
    }
}

/// The application as `serve` runs it, at [`NOW`], with a fixed client address in place of
/// the socket's.
pub fn app(store: Store) -> Router {
    app_with(state_at(store, now()))
}

/// The application over `state`, its client at [`CLIENT_ADDRESS`].
pub fn app_with(state: AppState) -> Router {
    app_from(state, CLIENT_ADDRESS)
}

/// The application over `state`, its client at `address` (`IP:port`): two routers over one
/// state are two clients of one server.
///
/// The address is given as `serve` gives it, as the request's `ConnectInfo` extension
/// (`web::auth::ClientAddress` reads that extension; it does not see axum's
/// `MockConnectInfo`).
pub fn app_from(state: AppState, address: &str) -> Router {
    let address: SocketAddr = address.parse().unwrap();
    web::router(state).layer(axum::Extension(ConnectInfo(address)))
}

/// Loads the built-in reference snapshot (about 230 countries) into the store.
pub async fn load_snapshot(store: &Store) {
    let (data, _) = importer::snapshot::builtin().unwrap();
    store.import_reference_data(&data).await.unwrap();
}

/// Loads the snapshot, creates `parties` and one official per code of `officials` whose
/// bearer token is the code itself (`"covax"`), for tests that act as many parties.
pub async fn officials(
    store: &Store,
    parties: &[(&str, domain::party::PartyKind)],
    officials: &[&str],
) {
    use domain::ledger::PartyCode;
    load_snapshot(store).await;
    let created = Timestamp::parse("2021-07-01T00:00:00.000Z").unwrap();
    let expires = Timestamp::parse("2099-01-01T00:00:00.000Z").unwrap();
    store
        .write(|tx| async move {
            for (code, kind) in parties {
                tx.create_party(&domain::party::Party {
                    code: PartyCode::parse(code).unwrap(),
                    kind: *kind,
                    name: (*code).into(),
                    population: None,
                    income_group: None,
                })
                .await?;
            }
            for code in officials {
                let email = format!("{}@x.example", code.to_lowercase());
                let user = tx
                    .create_user(&store::accounts::NewUser {
                        email: &email,
                        password_hash: "unused",
                        party: &PartyCode::parse(code).unwrap(),
                        role: domain::party::Role::Official,
                    })
                    .await?;
                tx.create_api_token(
                    &app::secrets::token_digest(code),
                    user,
                    "test",
                    created,
                    expires,
                )
                .await?;
            }
            Ok::<_, store::StoreError>(())
        })
        .await
        .unwrap();
}

/// Checks the ledger's invariants and the store's integrity.
pub async fn verified(store: &Store) {
    let report = store.verify().await.unwrap();
    assert!(
        report.violations.is_empty() && report.integrity_problems.is_empty(),
        "{report:?}"
    );
}

/// An answer, read whole.
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Answer {
    /// The body as JSON; panics with the body's text when it is not JSON.
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|error| {
            panic!(
                "the body is not JSON ({error}): {:?}",
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .get(name)
            .map(|value| value.to_str().expect("a text header"))
    }

    /// The body as a problem, after checking the media type says it is one.
    pub fn problem(&self) -> Value {
        assert_eq!(
            self.header("content-type"),
            Some("application/problem+json"),
            "not a problem: {} {:?}",
            self.status,
            String::from_utf8_lossy(&self.body)
        );
        let problem = self.json();
        assert_eq!(problem["status"], self.status.as_u16(), "{problem}");
        problem
    }
}

pub async fn send(app: &Router, request: Request<Body>) -> Answer {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap()
        .to_vec();
    Answer {
        status,
        headers,
        body,
    }
}

pub async fn get(app: &Router, uri: &str) -> Answer {
    send(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

/// Sends a request with an optional bearer token and JSON body; the status and the body as
/// JSON (null when empty).
pub async fn call(
    app: &Router,
    method: &str,
    uri: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let mut request = Request::builder().method(method).uri(uri);
    if let Some(token) = token {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    let body = match body {
        Some(body) => {
            request = request.header("content-type", "application/json");
            Body::from(body.to_string())
        }
        None => Body::empty(),
    };
    let answer = send(app, request.body(body).unwrap()).await;
    let status = answer.status;
    (
        status,
        if answer.body.is_empty() {
            Value::Null
        } else {
            answer.json()
        },
    )
}

/// A JSON request, with a bearer token when given.
pub fn json_request(method: &str, uri: &str, token: Option<&str>, body: Value) -> Request<Body> {
    let mut builder = Request::builder()
        .method(method)
        .uri(uri)
        .header("content-type", "application/json");
    if let Some(token) = token {
        builder = builder.header("authorization", format!("Bearer {token}"));
    }
    builder.body(Body::from(body.to_string())).unwrap()
}

/// A GET, with a bearer token when given.
pub fn get_request(uri: &str, token: Option<&str>) -> Request<Body> {
    let mut builder = Request::get(uri);
    if let Some(token) = token {
        builder = builder.header("authorization", format!("Bearer {token}"));
    }
    builder.body(Body::empty()).unwrap()
}
