//! The platform over HTTP: the JSON API under `/api/v1` (documented by OpenAPI) and the HTML
//! pages beside it, an axum router over the use cases of [`app`].
//!
//! - [`router`] builds the whole application: every route of [`api`], the fallbacks that
//!   answer unknown paths (404) and methods (405), and the middleware of [`layers`] (request
//!   logs, security headers, limits). [`serve`] runs it on a listener until shutdown.
//! - [`error::ApiError`] is the one error type; it answers `application/problem+json`.
//! - [`extract`] holds the extractors handlers use ([`extract::ApiJson`],
//!   [`extract::ApiQuery`], [`extract::ApiPath`]) so that bad input is problem+json too.
//! - [`pagination`] is how every list pages (`limit`, `cursor`, `Link`).
//! - [`delivery`] is the webhook delivery worker `equidose serve` runs beside the server.
//! - [`openapi`] assembles the OpenAPI 3.1 document from the handlers' `#[utoipa::path]`
//!   annotations; `GET /api/v1/openapi.json` serves it.
//!
//! **Architecture Invariant:** every route is registered through `utoipa_axum::routes!` in
//! [`api::routes`], so the document and the router cannot disagree; the crate's tests check
//! that each documented operation is routed and that no other method answers on its path.
//! Page routes live in [`pages::routes`], outside the OpenAPI document. There is no SQL and
//! no authorization rule here: handlers call the use cases of [`app`], which ask the one
//! policy of `domain::access` and run in one `Store::write`.

#![warn(missing_docs)]

pub mod api;
pub mod auth;
pub mod delivery;
pub mod error;
pub mod extract;
pub mod idempotent;
pub mod layers;
pub mod openapi;
pub mod pages;
pub mod pagination;
pub mod workspace;

use std::net::SocketAddr;
use std::time::Duration;

use app::App;

pub use error::{ApiError, FieldError, Problem};
pub use extract::{ApiJson, ApiPath, ApiQuery, Day, MaybeApiJson};
pub use pagination::{Page, PageRequest};

/// The largest request body accepted, in bytes; larger ones answer 413.
pub const REQUEST_BODY_BYTES_MAX: usize = 64 * 1024;

/// How long one request may take by default before it answers 503.
pub const REQUEST_DURATION_MAX_DEFAULT: Duration = Duration::from_secs(10);

/// What handlers share. Cheap to clone: every field is a handle.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The platform: its store and its clock.
    pub app: App,
    /// How long one request may take before it answers 503 (tests shorten it).
    pub request_duration_max: Duration,
    /// Failed sign-ins per account and address, shared by every request of this process.
    pub throttle: std::sync::Arc<auth::SignInThrottle>,
    /// How long a client may take to send a request's headers (tests shorten it).
    pub header_read_duration_max: Duration,
    /// How long a client may take to send a request's body before it answers 408.
    pub body_read_duration_max: Duration,
    /// The most connections served at once.
    pub connections_max: usize,
    /// Whether webhooks may target loopback, private or link-local addresses (`serve
    /// --webhooks-allow-private`); the delivery worker is told the same.
    pub webhooks_allow_private: bool,
    /// Turns for requests: how many are served at once, and how long one waits before it is
    /// shed with 503 (tests may give fewer).
    pub admission: layers::Admission,
    /// Permits for the `/simulate` page's simulations: one is held while a simulation runs,
    /// and a request that finds none answers 503 (tests may give none).
    pub simulations: std::sync::Arc<tokio::sync::Semaphore>,
}

impl AppState {
    /// The state of a server for `app`, with the default limits.
    pub fn new(app: App) -> Self {
        Self {
            app,
            request_duration_max: REQUEST_DURATION_MAX_DEFAULT,
            throttle: std::sync::Arc::default(),
            header_read_duration_max: HEADER_READ_DURATION_MAX,
            body_read_duration_max: extract::BODY_READ_DURATION_MAX,
            connections_max: CONNECTIONS_MAX,
            webhooks_allow_private: false,
            admission: layers::Admission::default(),
            simulations: std::sync::Arc::new(tokio::sync::Semaphore::new(
                pages::simulate::SIMULATIONS_AT_ONCE,
            )),
        }
    }
}

/// The whole application: routes, fallbacks and middleware.
pub fn router(state: AppState) -> axum::Router {
    let (routes, _document) = api::routes().split_for_parts();
    let routes = routes
        .merge(pages::routes())
        .merge(workspace::routes())
        .fallback(layers::unknown_route)
        // Must come after every route: it is set on the routes that exist when it is called.
        .method_not_allowed_fallback(layers::method_not_allowed)
        .layer(axum::Extension(extract::BodyReadLimit(
            state.body_read_duration_max,
        )))
        .with_state(state.clone());
    layers::apply(
        routes,
        state.request_duration_max,
        state.admission.clone(),
        state.body_read_duration_max,
    )
}

/// The most connections served at once; one more is closed as soon as it is accepted, so a
/// flood of idle connections cannot exhaust the process.
pub const CONNECTIONS_MAX: usize = 1_024;

/// How long a client may take to send a request's headers; a connection that has not sent
/// them by then is closed (a client that never finishes its headers cannot hold it).
pub const HEADER_READ_DURATION_MAX: Duration = Duration::from_secs(10);

/// Serves the application on `listener` until `shutdown` completes, then stops accepting
/// connections and waits for the requests in flight (each bounded by the time limit).
///
/// Each connection is HTTP/1.1 with a header-read timeout
/// ([`AppState::header_read_duration_max`]), and at most [`AppState::connections_max`] are
/// open at once. Handlers can extract
/// `ConnectInfo<SocketAddr>` (the client's address); tests that call [`router`] with
/// `oneshot` add `axum::extract::connect_info::MockConnectInfo` instead (see
/// `tests/common/mod.rs`). The caller closes the store afterwards.
pub async fn serve(
    state: AppState,
    listener: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use tower::ServiceExt;

    let (header_read_duration_max, connections_max) =
        (state.header_read_duration_max, state.connections_max);
    let application = router(state);
    let connections = std::sync::Arc::new(tokio::sync::Semaphore::new(connections_max));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, address) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors, or a connection reset before it was accepted:
                    // wait a moment rather than spin, and go on.
                    tracing::warn!(%error, "cannot accept a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Ok(permit) = connections.clone().try_acquire_owned() else {
            tracing::warn!(client = %address, "closing a connection: {connections_max} are open already");
            drop(stream);
            continue;
        };
        let application = application.clone();
        let service =
            hyper::service::service_fn(move |request: hyper::Request<hyper::body::Incoming>| {
                let mut request = request.map(axum::body::Body::new);
                request
                    .extensions_mut()
                    .insert(axum::extract::ConnectInfo::<SocketAddr>(address));
                application.clone().oneshot(request)
            });
        let connection = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(header_read_duration_max)
            .serve_connection(TokioIo::new(stream), service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(error) = connection.await {
                tracing::debug!(%error, client = %address, "connection ended with an error");
            }
            drop(permit);
        });
    }
    drop(listener);
    graceful.shutdown().await;
    Ok(())
}
