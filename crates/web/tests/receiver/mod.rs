//! A webhook receiver for tests: an HTTP server on 127.0.0.1 that checks the signature of
//! every delivery with its own HMAC-SHA256 (not the platform's code), records what came in
//! which order, answers as each path is told to, and counts deliveries of one event id to one
//! webhook that overlap in time. Shared by the `web` and `equidose` tests (`#[path]`).

#![allow(dead_code)] // Each test file uses a different part of this module.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;

/// How a path answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Behaviour {
    /// 204 at once.
    Succeed,
    /// 500 to the first `n` deliveries of each event id, then 204.
    FailFirst(usize),
    /// Never answers (holds the connection).
    Hang,
}

/// One delivery as received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    /// The path it was posted to.
    pub path: String,
    /// The payload's `id`.
    pub id: i64,
    /// The payload's `event`.
    pub event: String,
    /// The whole payload.
    pub body: serde_json::Value,
    /// Whether the receiver answered 2xx.
    pub accepted: bool,
}

#[derive(Debug, Default)]
struct Log {
    secrets: BTreeMap<String, String>,
    behaviours: BTreeMap<String, Behaviour>,
    received: Vec<Received>,
    bad_signatures: Vec<String>,
    tries: BTreeMap<(String, i64), usize>,
    in_flight: BTreeMap<(String, i64), usize>,
    overlaps: usize,
}

/// A running receiver; stops when dropped.
pub struct Receiver {
    /// Where it listens.
    pub address: SocketAddr,
    log: Arc<Mutex<Log>>,
    task: tokio::task::JoinHandle<()>,
    /// How long each delivery is held before it is answered (to make overlaps visible).
    hold: Duration,
}

impl Drop for Receiver {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Receiver {
    /// A receiver on a new port.
    pub async fn start(hold: Duration) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        Self::on(listener, hold)
    }

    /// A receiver on `address` (a port chosen before, while the receiver was down).
    pub async fn start_at(address: SocketAddr, hold: Duration) -> Self {
        let listener = tokio::net::TcpListener::bind(address).await.unwrap();
        Self::on(listener, hold)
    }

    fn on(listener: tokio::net::TcpListener, hold: Duration) -> Self {
        let address = listener.local_addr().unwrap();
        let log = Arc::new(Mutex::new(Log::default()));
        let shared = log.clone();
        let task = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                let log = shared.clone();
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(move |request| {
                        let log = log.clone();
                        async move {
                            Ok::<_, std::convert::Infallible>(answer(log, request, hold).await)
                        }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Self {
            address,
            log,
            task,
            hold,
        }
    }

    /// The URL of `path` on this receiver.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    /// Tells the receiver the secret deliveries to `path` are signed with, and how to answer.
    pub fn expect(&self, path: &str, secret: &str, behaviour: Behaviour) {
        let mut log = self.log.lock().unwrap();
        log.secrets.insert(path.to_owned(), secret.to_owned());
        log.behaviours.insert(path.to_owned(), behaviour);
    }

    /// Every delivery received so far, in arrival order.
    pub fn received(&self) -> Vec<Received> {
        self.log.lock().unwrap().received.clone()
    }

    /// Deliveries to `path`, in arrival order.
    pub fn received_at(&self, path: &str) -> Vec<Received> {
        self.received()
            .into_iter()
            .filter(|received| received.path == path)
            .collect()
    }

    /// Paths whose deliveries carried a wrong or missing signature.
    pub fn bad_signatures(&self) -> Vec<String> {
        self.log.lock().unwrap().bad_signatures.clone()
    }

    /// How many times a delivery arrived while another of the same event id to the same path
    /// was in flight.
    pub fn overlaps(&self) -> usize {
        self.log.lock().unwrap().overlaps
    }

    /// Waits until `done` holds of the deliveries received, at most `limit`.
    pub async fn wait_for(&self, limit: Duration, done: impl Fn(&[Received]) -> bool) -> bool {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            if done(&self.received()) {
                return true;
            }
            if tokio::time::Instant::now() > deadline {
                return false;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

/// HMAC-SHA256 of `body` with `secret`, as the receiver computes it.
pub fn sign(secret: &str, body: &[u8]) -> String {
    use hmac::{KeyInit, Mac};
    let mut mac = <hmac::Hmac<sha2::Sha256> as KeyInit>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(body);
    let digest = mac.finalize().into_bytes();
    let hex: String = digest.iter().map(|byte| format!("{byte:02x}")).collect();
    format!("sha256={hex}")
}

async fn answer(
    log: Arc<Mutex<Log>>,
    request: Request<Incoming>,
    hold: Duration,
) -> Response<Full<Bytes>> {
    let path = request.uri().path().to_owned();
    let signature = request
        .headers()
        .get("equidose-signature")
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let content_type = request
        .headers()
        .get("content-type")
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let body = request
        .into_body()
        .collect()
        .await
        .map(|body| body.to_bytes())
        .unwrap_or_default();
    let payload: serde_json::Value =
        serde_json::from_slice(&body).unwrap_or(serde_json::Value::Null);
    let id = payload["id"].as_i64().unwrap_or(-1);
    let behaviour = {
        let mut log = log.lock().unwrap();
        let good = log
            .secrets
            .get(&path)
            .is_some_and(|secret| signature.as_deref() == Some(sign(secret, &body).as_str()));
        if !good || content_type.as_deref() != Some("application/json") {
            log.bad_signatures.push(path.clone());
        }
        let in_flight = log.in_flight.entry((path.clone(), id)).or_default();
        *in_flight += 1;
        if *in_flight > 1 {
            log.overlaps += 1;
        }
        log.behaviours
            .get(&path)
            .copied()
            .unwrap_or(Behaviour::Succeed)
    };
    // Out of flight however this ends: answered, or dropped when the sender's connection
    // died under it (a killed server), which must not count as in flight forever.
    let mut in_flight = InFlight {
        log: log.clone(),
        key: Some((path.clone(), id)),
    };
    tokio::time::sleep(hold).await;
    let accepted = match behaviour {
        Behaviour::Succeed => true,
        Behaviour::FailFirst(failures) => {
            let mut log = log.lock().unwrap();
            let tries = log.tries.entry((path.clone(), id)).or_default();
            *tries += 1;
            *tries > failures
        }
        Behaviour::Hang => {
            // Still in flight for the platform's timeout; the record says it was not accepted.
            {
                let mut log = log.lock().unwrap();
                log.received.push(Received {
                    path: path.clone(),
                    id,
                    event: payload["event"].as_str().unwrap_or_default().to_owned(),
                    body: payload.clone(),
                    accepted: false,
                });
            }
            in_flight.end();
            std::future::pending::<()>().await;
            false
        }
    };
    in_flight.end();
    let mut log = log.lock().unwrap();
    log.received.push(Received {
        path,
        id,
        event: payload["event"].as_str().unwrap_or_default().to_owned(),
        body: payload,
        accepted,
    });
    let status = if accepted { 204 } else { 500 };
    Response::builder()
        .status(status)
        .body(Full::new(Bytes::new()))
        .unwrap()
}

/// A delivery in flight at the receiver, counted out when it ends or is dropped.
struct InFlight {
    log: Arc<Mutex<Log>>,
    key: Option<(String, i64)>,
}

impl InFlight {
    fn end(&mut self) {
        if let Some(key) = self.key.take() {
            let mut log = self.log.lock().unwrap();
            *log.in_flight.entry(key).or_default() -= 1;
        }
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.end();
    }
}
