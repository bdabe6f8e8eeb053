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
//! - [`openapi`] assembles the OpenAPI 3.1 document from the handlers' `#[utoipa::path]`
//!   annotations; `GET /api/v1/openapi.json` serves it.
//!
//! **Architecture Invariant:** every route is registered through `utoipa_axum::routes!` in
//! [`api::routes`], so the document and the router cannot disagree; the crate's tests check
//! that each documented operation is routed and that no other method answers on its path.
//! Page routes live in [`pages::routes`], outside the OpenAPI document. There is no SQL and
//! no authorization rule here: handlers call the use cases of [`app`], which ask the one
//! policy of `domain::access` and run in one `Store::write`.

pub mod api;
pub mod auth;
pub mod error;
pub mod extract;
pub mod idempotent;
pub mod layers;
pub mod openapi;
pub mod pages;
pub mod pagination;

use std::net::SocketAddr;
use std::time::Duration;

use app::App;

pub use error::{ApiError, FieldError, Problem};
pub use extract::{ApiJson, ApiPath, ApiQuery, Day};
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
}

impl AppState {
    /// The state of a server for `app`, with the default limits.
    pub fn new(app: App) -> Self {
        Self {
            app,
            request_duration_max: REQUEST_DURATION_MAX_DEFAULT,
            throttle: std::sync::Arc::default(),
        }
    }
}

/// The whole application: routes, fallbacks and middleware.
pub fn router(state: AppState) -> axum::Router {
    let (routes, _document) = api::routes().split_for_parts();
    let routes = routes
        .merge(pages::routes())
        .fallback(layers::unknown_route)
        // Must come after every route: it is set on the routes that exist when it is called.
        .method_not_allowed_fallback(layers::method_not_allowed)
        .with_state(state.clone());
    layers::apply(routes, state.request_duration_max)
}

/// Serves the application on `listener` until `shutdown` completes, then stops accepting
/// connections and waits for the requests in flight (each bounded by the time limit).
///
/// Handlers can extract `ConnectInfo<SocketAddr>` (the client's address); tests that call
/// [`router`] with `oneshot` add `axum::extract::connect_info::MockConnectInfo` instead (see
/// `tests/common/mod.rs`). The caller closes the store afterwards.
pub async fn serve(
    state: AppState,
    listener: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let application = router(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, application)
        .with_graceful_shutdown(shutdown)
        .await
}
