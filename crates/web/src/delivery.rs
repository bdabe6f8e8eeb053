//! The webhook delivery worker: a background task that `equidose serve` starts beside the
//! HTTP server. It claims due outbox rows ([`app::webhooks::claim`]: the earliest pending row
//! of each webhook, under a lease), posts each one's payload signed with its webhook's secret
//! (`Equidose-Signature: sha256=<hex HMAC-SHA256 of the body>`), and records the attempt
//! ([`app::webhooks::record_attempt`]): a 2xx answer within the timeout is a delivery,
//! anything else is retried after doubling delays.
//!
//! At least once: a row stays pending until a 2xx is recorded, so a server killed mid-way
//! delivers it again after restart (once its lease is over); in order per webhook, because
//! only a webhook's earliest pending row is ever due. Different webhooks are delivered
//! concurrently (at most [`DeliverySettings::concurrency`] at once), so a slow or dead
//! receiver holds up only its own webhook. Each attempt is bounded by the timeout as a whole
//! (name resolution, connection, TLS, the answer's head).
//!
//! Host names are resolved here, at every attempt, and every address is checked against
//! [`domain::webhook::refused_address`] before a connection is made: a name registered
//! while public cannot be rebound to a private address later (DNS rebinding). https is
//! rustls on ring with Mozilla's roots; no OpenSSL.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

use app::App;
use app::webhooks::RetryPolicy;
use domain::webhook::{Host, Target, parse_target, refused_address};
use http_body_util::Full;
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use store::webhooks::{Attempt, Claimed};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio_rustls::rustls;

/// The header that carries a delivery's signature.
pub const SIGNATURE_HEADER: &str = "equidose-signature";

/// How the worker delivers.
#[derive(Debug, Clone, Copy)]
pub struct DeliverySettings {
    /// Whether targets may be loopback, private or link-local addresses (`serve
    /// --webhooks-allow-private`).
    pub allow_private: bool,
    /// How long one attempt may take; a 2xx after it is not a delivery.
    pub timeout: Duration,
    /// The waits between attempts.
    pub retry: RetryPolicy,
    /// The most deliveries in flight at once (each to another webhook).
    pub concurrency: usize,
    /// How often the worker looks for due rows.
    pub poll_interval: Duration,
}

/// One attempt's time limit by default (`cooperation.md`: a 2xx within 10 s).
pub const TIMEOUT_DEFAULT: Duration = Duration::from_secs(10);

impl Default for DeliverySettings {
    fn default() -> Self {
        Self {
            allow_private: false,
            timeout: TIMEOUT_DEFAULT,
            retry: RetryPolicy::default(),
            concurrency: 16,
            poll_interval: Duration::from_millis(250),
        }
    }
}

impl DeliverySettings {
    /// How long a claim lasts: longer than any attempt (twice the timeout, and a second for
    /// recording it), so that no other worker takes a row while its delivery may still run.
    pub fn lease(&self) -> chrono::Duration {
        let lease = self.timeout.saturating_mul(2) + Duration::from_secs(1);
        chrono::Duration::from_std(lease).unwrap_or(chrono::Duration::hours(1))
    }
}

/// Starts the worker on the current runtime; abort the handle to stop it (a delivery cut
/// short is delivered again once its lease is over).
pub fn spawn(app: App, settings: DeliverySettings) -> tokio::task::JoinHandle<()> {
    tokio::spawn(run(app, settings))
}

/// The worker's loop: look for due rows, claim as many as there are free slots, deliver
/// each in its own task.
pub async fn run(app: App, settings: DeliverySettings) {
    let client = Arc::new(Client::new(settings));
    let slots = Arc::new(tokio::sync::Semaphore::new(settings.concurrency.max(1)));
    // A finished delivery wakes the loop at once: the next row of its webhook waited for it
    // (rows go in order), and waiting out the poll interval would cap each webhook at a few
    // deliveries a second, behind any busier party for good.
    let finished = Arc::new(tokio::sync::Notify::new());
    loop {
        let free = slots.available_permits();
        let mut claimed_all = false;
        if free > 0 {
            match claim(&app, &settings, free).await {
                Ok((token, rows)) => {
                    claimed_all = !rows.is_empty() && rows.len() == free;
                    for row in rows {
                        let Ok(permit) = slots.clone().acquire_owned().await else {
                            return;
                        };
                        let (app, client, token) = (app.clone(), client.clone(), token.clone());
                        let finished = finished.clone();
                        tokio::spawn(async move {
                            deliver(&app, &client, &settings, &row, &token).await;
                            drop(permit);
                            finished.notify_one();
                        });
                    }
                }
                Err(error) => {
                    tracing::warn!(%error, "webhooks: cannot claim deliveries; trying again");
                }
            }
        }
        if !claimed_all {
            tokio::select! {
                () = tokio::time::sleep(settings.poll_interval) => {}
                () = finished.notified() => {}
            }
        } else {
            // Every slot was filled: wait for one to free up rather than spin.
            if let Ok(permit) = slots.clone().acquire_owned().await {
                drop(permit);
            }
        }
    }
}

/// Claims up to `free` due rows under a new lease token, after a cheap look (a read) that
/// spares the writer a transaction when nothing is due.
async fn claim(
    app: &App,
    settings: &DeliverySettings,
    free: usize,
) -> Result<(Arc<str>, Vec<Claimed>), app::AppError> {
    let now = app.now();
    if !app
        .read(|tx| async move { app::webhooks::any_due(&tx, now).await })
        .await?
    {
        return Ok((Arc::from(""), Vec::new()));
    }
    let token: Arc<str> = Arc::from(
        app::secrets::random_token("lease")
            .map_err(|error| app::AppError::Internal(error.to_string()))?,
    );
    let (lease, limit) = (settings.lease(), i64::try_from(free).unwrap_or(1));
    let token_text = &*token;
    let rows =
        app.write(|tx| async move {
            app::webhooks::claim(&tx, app.now(), lease, token_text, limit).await
        })
        .await?;
    Ok((token, rows))
}

/// One attempt at one claimed row, and its record.
async fn deliver(
    app: &App,
    client: &Client,
    settings: &DeliverySettings,
    row: &Claimed,
    token: &str,
) {
    let at = app.now();
    let started = Instant::now();
    let answer = tokio::time::timeout(settings.timeout, client.post(row)).await;
    let duration_ms = i64::try_from(started.elapsed().as_millis()).unwrap_or(i64::MAX);
    let (status, error) = match answer {
        Ok(Ok(status)) => (Some(i64::from(status)), None),
        Ok(Err(error)) => (None, Some(error)),
        Err(_) => (
            None,
            Some(format!(
                "no answer within {} ms",
                settings.timeout.as_millis()
            )),
        ),
    };
    let delivered = status.is_some_and(|status| (200..300).contains(&status));
    let attempt = Attempt {
        number: row.attempts + 1,
        at,
        status,
        error,
        duration_ms,
    };
    if delivered {
        tracing::info!(
            webhook = row.webhook,
            event = row.event,
            attempt = attempt.number,
            duration_ms,
            "webhooks: delivered"
        );
    } else {
        tracing::info!(webhook = row.webhook, event = row.event, attempt = attempt.number, status = ?attempt.status, error = ?attempt.error, "webhooks: not delivered; will retry");
    }
    let (attempt, policy) = (&attempt, settings.retry);
    let recorded = app
        .write(|tx| async move {
            app::webhooks::record_attempt(&tx, row, token, attempt, delivered, policy).await
        })
        .await;
    match recorded {
        Ok(true) => {}
        Ok(false) => tracing::warn!(
            webhook = row.webhook,
            event = row.event,
            "webhooks: the claim was lost before the attempt was recorded"
        ),
        // The lease runs out and the row is delivered again: at least once.
        Err(error) => {
            tracing::warn!(%error, webhook = row.webhook, event = row.event, "webhooks: cannot record an attempt")
        }
    }
}

/// Posts payloads: resolves and checks addresses, connects (TLS for https), sends one
/// HTTP/1.1 request per connection.
struct Client {
    allow_private: bool,
    tls: Option<tokio_rustls::TlsConnector>,
}

impl Client {
    #[allow(
        deprecated,
        reason = "ring spares the build aws-lc's C and cmake; a webhook post needs no post-quantum key exchange"
    )]
    fn new(settings: DeliverySettings) -> Self {
        let mut roots = rustls::RootCertStore::empty();
        roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let tls = match rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
        {
            Ok(builder) => Some(tokio_rustls::TlsConnector::from(Arc::new(
                builder.with_root_certificates(roots).with_no_client_auth(),
            ))),
            Err(error) => {
                tracing::error!(%error, "webhooks: no TLS configuration; https deliveries will fail");
                None
            }
        };
        Self {
            allow_private: settings.allow_private,
            tls,
        }
    }

    /// The status the target answered, or why there was none.
    async fn post(&self, row: &Claimed) -> Result<u16, String> {
        let target = parse_target(&row.url).map_err(|error| format!("the URL {error}"))?;
        let addresses = self.addresses(&target).await?;
        let mut last_error = String::from("no address");
        for address in addresses {
            let stream = match tokio::net::TcpStream::connect(address).await {
                Ok(stream) => stream,
                Err(error) => {
                    last_error = format!("cannot connect to {address}: {error}");
                    continue;
                }
            };
            let _ = stream.set_nodelay(true);
            return if target.https {
                let name = rustls::pki_types::ServerName::try_from(match &target.host {
                    Host::Address(address) => address.to_string(),
                    Host::Name(name) => name.clone(),
                })
                .map_err(|error| format!("not a TLS server name: {error}"))?;
                let tls = self
                    .tls
                    .as_ref()
                    .ok_or("this server has no TLS configuration")?;
                let stream = tls
                    .connect(name, stream)
                    .await
                    .map_err(|error| format!("TLS with {address} failed: {error}"))?;
                send(stream, &target, row).await
            } else {
                send(stream, &target, row).await
            };
        }
        Err(last_error)
    }

    /// The target's addresses that may be called: every resolved address is checked.
    async fn addresses(&self, target: &Target) -> Result<Vec<SocketAddr>, String> {
        let resolved: Vec<IpAddr> = match &target.host {
            Host::Address(address) => vec![*address],
            Host::Name(name) => tokio::net::lookup_host((name.as_str(), target.port))
                .await
                .map_err(|error| format!("cannot resolve {name}: {error}"))?
                .map(|address| address.ip())
                .collect(),
        };
        let mut refusals = Vec::new();
        let allowed: Vec<SocketAddr> = resolved
            .into_iter()
            .filter(
                |address| match refused_address(*address, self.allow_private) {
                    Some(reason) => {
                        refusals.push(reason);
                        false
                    }
                    None => true,
                },
            )
            .map(|address| SocketAddr::new(address, target.port))
            .collect();
        if allowed.is_empty() {
            return Err(if refusals.is_empty() {
                format!("{} resolves to no address", target.host_text())
            } else {
                format!("refused: {}", refusals.join("; "))
            });
        }
        Ok(allowed)
    }
}

/// Sends the row's payload on `io` as one HTTP/1.1 POST; the answer's status.
async fn send<S>(io: S, target: &Target, row: &Claimed) -> Result<u16, String>
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(io))
        .await
        .map_err(|error| format!("HTTP handshake failed: {error}"))?;
    let connection = tokio::spawn(connection);
    let body = row.payload.as_bytes().to_vec();
    let request = hyper::Request::post(target.path_and_query.as_str())
        .header(hyper::header::HOST, target.authority())
        .header(hyper::header::CONTENT_TYPE, "application/json")
        .header(hyper::header::USER_AGENT, "Equidose-Webhooks/1")
        .header(
            SIGNATURE_HEADER,
            app::webhooks::signature(&row.secret, &body),
        )
        .header("equidose-event-id", row.event.to_string())
        .header(hyper::header::CONNECTION, "close")
        .body(Full::new(Bytes::from(body)))
        .map_err(|error| format!("cannot build the request: {error}"))?;
    let answer = sender.send_request(request).await;
    // The answer's body is not needed; closing the connection drops it.
    connection.abort();
    answer
        .map(|response| response.status().as_u16())
        .map_err(|error| format!("no HTTP answer: {error}"))
}
