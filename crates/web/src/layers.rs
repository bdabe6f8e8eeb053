//! The middleware every request passes through, and the fallbacks for unrouted requests.
//!
//! Outermost first: request logs ([`TraceLayer`]), security headers, the rewrite of any bare
//! error into problem+json, panic capture, the time limit, the body size limit. Headers sit
//! outside everything that can answer, so no response leaves without them.

use std::any::Any;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{ConnectInfo, FromRequestParts, MatchedPath, State};
use axum::http::{HeaderName, HeaderValue, Method, Request, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use std::net::SocketAddr;
use tower::ServiceBuilder;
use tower_http::LatencyUnit;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::REQUEST_BODY_BYTES_MAX;
use crate::error::{ApiError, PROBLEM_CONTENT_TYPE, Problem, problem_response};

/// The security headers on every response, and their values.
pub const SECURITY_HEADERS: [(&str, &str); 4] = [
    (
        "content-security-policy",
        "default-src 'self'; form-action 'self'; frame-ancestors 'none'",
    ),
    ("x-content-type-options", "nosniff"),
    // Not `no-referrer`: under it a browser sends `Origin: null` with the workspace's forms,
    // and the origin check could not tell them from a forged one. `same-origin` still sends
    // nothing to other sites.
    ("referrer-policy", "same-origin"),
    ("x-frame-options", "DENY"),
];

/// Adds the middleware to a router whose routes are all registered (layers wrap only what
/// exists when they are added). Requests taking longer than `request_duration_max` answer 503;
/// those that find no turn within [`Admission::wait_max`] answer 503 at once; a body slower
/// than `body_read_duration_max` answers 408.
pub fn apply(
    router: Router,
    request_duration_max: Duration,
    admission: Admission,
    body_read_duration_max: Duration,
) -> Router {
    let [csp, nosniff, referrer, frame] = SECURITY_HEADERS.map(|(name, value)| {
        SetResponseHeaderLayer::overriding(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        )
    });
    router.layer(
        ServiceBuilder::new()
            .layer(
                TraceLayer::new_for_http()
                    .make_span_with(request_span)
                    .on_response(
                        DefaultOnResponse::new()
                            .level(Level::INFO)
                            .latency_unit(LatencyUnit::Millis),
                    ),
            )
            .layer(csp)
            .layer(nosniff)
            .layer(referrer)
            .layer(frame)
            // API answers are per caller and some carry secrets (tokens, CSRF values): no
            // cache keeps them. Pages that may be cached say so themselves.
            .layer(SetResponseHeaderLayer::if_not_present(
                header::CACHE_CONTROL,
                HeaderValue::from_static("no-store"),
            ))
            .layer(axum::middleware::from_fn(html_for_browsers))
            .layer(axum::middleware::map_response_with_state(
                request_duration_max,
                problem_for_bare_errors,
            ))
            .layer(CatchPanicLayer::custom(panic_response))
            // 503, not 408: the server was too slow, not the client. Rewritten into
            // problem+json by the layer above.
            .layer(TimeoutLayer::with_status_code(
                StatusCode::SERVICE_UNAVAILABLE,
                request_duration_max,
            ))
            .layer(axum::middleware::from_fn_with_state(
                (admission, body_read_duration_max),
                admit,
            ))
            .layer(RequestBodyLimitLayer::new(REQUEST_BODY_BYTES_MAX)),
    )
}

/// Whether an answer's body is a problem (its media type says so).
fn is_problem(headers: &axum::http::HeaderMap) -> bool {
    headers.get(header::CONTENT_TYPE).is_some_and(|value| {
        value
            .as_bytes()
            .starts_with(PROBLEM_CONTENT_TYPE.as_bytes())
    })
}

/// Whether an answer is a page: a page that answers an error status with itself (the
/// simulator's form with its mistakes marked, 422) meant it for the reader as it is.
fn is_page(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .is_some_and(|value| value.as_bytes().starts_with(b"text/html"))
}

/// Whether the request prefers an HTML answer: its `Accept` names `text/html` before any JSON
/// type (as browsers' navigation requests do).
fn prefers_html(headers: &axum::http::HeaderMap) -> bool {
    let accept = headers
        .get(header::ACCEPT)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    let html = accept.find("text/html");
    let json = accept.find("json");
    match (html, json) {
        (Some(html), Some(json)) => html < json,
        (Some(_), None) => true,
        _ => false,
    }
}

/// Answers a browser's request that failed with the error as an HTML page (same status and
/// headers) in the reader's language, chosen as for any page (`?lang=`, the cookie,
/// `Accept-Language`); programs keep problem+json.
async fn html_for_browsers(request: Request<Body>, next: axum::middleware::Next) -> Response {
    if !prefers_html(request.headers()) {
        return next.run(request).await;
    }
    let (mut parts, body) = request.into_parts();
    // Read before the request goes on: the language and the path are the request's.
    let context = match crate::pages::Context::from_request_parts(&mut parts, &()).await {
        Ok(context) => context,
        Err(never) => match never {},
    };
    let response = next.run(Request::from_parts(parts, body)).await;
    if !is_problem(response.headers()) {
        return response;
    }
    let (parts, body) = response.into_parts();
    let problem = axum::body::to_bytes(body, 64 * 1024)
        .await
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Problem>(&bytes).ok());
    let Some(problem) = problem else {
        return ApiError::internal("an error answer could not be read back").into_response();
    };
    let mut page = crate::pages::error_page(&context, &problem);
    *page.status_mut() = parts.status;
    with_headers_of(page, parts.headers)
}

/// The span each request's log lines belong to: method, route (the pattern, so logs group
/// by endpoint), the concrete path and the client's address.
fn request_span(request: &Request<Body>) -> tracing::Span {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("(unrouted)", MatchedPath::as_str);
    let client = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(address)| address.to_string())
        .unwrap_or_default();
    tracing::info_span!(
        "request",
        method = %request.method(),
        route = %route,
        path = %request.uri().path(),
        client = %client,
    )
}

/// Rewrites an error response that is not problem+json (tower-http's plain-text 413, the
/// timeout's empty 503, axum's own rejections should a handler use them) into one, keeping
/// its status and headers. Handlers' own errors, and pages, pass untouched.
async fn problem_for_bare_errors<B>(
    State(request_duration_max): State<Duration>,
    response: Response<B>,
) -> Response
where
    B: axum::body::HttpBody<Data = axum::body::Bytes> + Send + 'static,
    B::Error: Into<axum::BoxError>,
{
    let response = response.map(Body::new);
    let status = response.status();
    let passes = is_problem(response.headers()) || is_page(response.headers());
    if !(status.is_client_error() || status.is_server_error()) || passes {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let error = match status {
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::PayloadTooLarge {
            limit_bytes: REQUEST_BODY_BYTES_MAX,
        },
        // Handlers answer 503 as problems already; a bare one is the time limit's.
        StatusCode::SERVICE_UNAVAILABLE => ApiError::service_unavailable(format!(
            "The request took longer than {} ms, the most this server spends on one; try again later.",
            request_duration_max.as_millis()
        )),
        _ => {
            let text = axum::body::to_bytes(body, 4 * 1024)
                .await
                .ok()
                .and_then(|bytes| String::from_utf8(bytes.to_vec()).ok())
                .unwrap_or_default();
            let text = text.trim();
            if status.is_server_error() {
                // Logged by ApiError, never shown: it may describe internals.
                ApiError::internal(format!("a {status} answer was not problem+json: {text:?}"))
            } else {
                // axum's own rejections (should a handler use axum's extractors) are short
                // sentences about the request; keep them, under the generic problem type.
                let reason = status.canonical_reason().unwrap_or("Client error");
                let problem = Problem {
                    problem_type: "about:blank".to_owned(),
                    title: reason.to_owned(),
                    status: status.as_u16(),
                    detail: if text.is_empty() {
                        format!("{reason}.")
                    } else {
                        text.to_owned()
                    },
                    code: None,
                    errors: Vec::new(),
                };
                return with_headers_of(problem_response(&problem), parts.headers);
            }
        }
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    with_headers_of(error.into_response(), parts.headers)
}

/// `response` with the other response's headers added, except those describing its body.
fn with_headers_of(mut response: Response, headers: axum::http::HeaderMap) -> Response {
    for (name, value) in &headers {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            response.headers_mut().insert(name.clone(), value.clone());
        }
    }
    response
}

/// A panic in a handler answers 500 problem+json, and is logged, instead of dropping the
/// connection.
fn panic_response(panic: Box<dyn Any + Send + 'static>) -> Response {
    let message = panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|text| (*text).to_owned()))
        .unwrap_or_else(|| "a panic without a message".to_owned());
    ApiError::internal(format!("handler panicked: {message}")).into_response()
}

/// The answer for a path no route has.
pub async fn unknown_route(uri: Uri) -> ApiError {
    ApiError::UnknownRoute {
        path: uri.path().to_owned(),
    }
}

/// The answer for a routed path with a method it does not serve.
pub async fn method_not_allowed(method: Method, uri: Uri) -> ApiError {
    ApiError::MethodNotAllowed {
        method: method.to_string(),
        path: uri.path().to_owned(),
    }
}

/// How many requests are served at once, and how long one may wait for its turn: past that,
/// the server sheds it at once with 503 and `Retry-After`, so that under overload the
/// requests it admits stay fast instead of every request growing slow together.
///
/// Reads and writes have separate turns (writes wait on the database's one writer and would
/// otherwise hold every turn from the reads). A write's body is read before it takes a turn,
/// so a client uploading slowly holds only its own connection, never a turn.
/// `/api/v1/health` is never shed: it says whether the server is up.
#[derive(Debug, Clone)]
pub struct Admission {
    /// Turns for reads (`GET`, `HEAD`).
    pub reads: std::sync::Arc<tokio::sync::Semaphore>,
    /// Turns for everything else.
    pub writes: std::sync::Arc<tokio::sync::Semaphore>,
    /// How long a read waits for a turn before it is shed.
    pub wait_max: Duration,
    /// How long a write waits: [`WRITE_WAIT_FACTOR`] times longer, since writes queue behind
    /// the database's one writer anyway and a shed write costs its client a retry.
    pub write_wait_max: Duration,
}

/// How many times longer a write may wait for its turn than a read.
pub const WRITE_WAIT_FACTOR: u32 = 5;

/// Reads served at once by default.
pub const READS_AT_ONCE: usize = 64;
/// Writes served at once by default.
pub const WRITES_AT_ONCE: usize = 16;
/// How long a read waits for its turn by default (a write, five times as long).
pub const ADMISSION_WAIT_MAX: Duration = Duration::from_millis(100);

impl Default for Admission {
    fn default() -> Self {
        Self::new(READS_AT_ONCE, WRITES_AT_ONCE, ADMISSION_WAIT_MAX)
    }
}

impl Admission {
    /// `reads` and `writes` turns; a read waits at most `wait_max` for one, a write
    /// [`WRITE_WAIT_FACTOR`] times that.
    pub fn new(reads: usize, writes: usize, wait_max: Duration) -> Self {
        Self {
            reads: std::sync::Arc::new(tokio::sync::Semaphore::new(reads)),
            writes: std::sync::Arc::new(tokio::sync::Semaphore::new(writes)),
            wait_max,
            write_wait_max: wait_max.saturating_mul(WRITE_WAIT_FACTOR),
        }
    }
}

/// The admission middleware: a turn, or 503 with `Retry-After`.
pub(crate) async fn admit(
    State((admission, body_read_limit)): State<(Admission, Duration)>,
    request: Request<Body>,
    next: axum::middleware::Next,
) -> Response {
    if request.uri().path() == "/api/v1/health" {
        return next.run(request).await;
    }
    let read = matches!(*request.method(), Method::GET | Method::HEAD);
    let request = if read {
        request
    } else {
        // The whole body first, within its time and size limits, outside any turn.
        use http_body_util::BodyExt;
        let (parts, body) = request.into_parts();
        let limited = http_body_util::Limited::new(body, REQUEST_BODY_BYTES_MAX);
        match tokio::time::timeout(body_read_limit, limited.collect()).await {
            Ok(Ok(collected)) => Request::from_parts(parts, Body::from(collected.to_bytes())),
            Ok(Err(error)) if error.is::<http_body_util::LengthLimitError>() => {
                return ApiError::PayloadTooLarge {
                    limit_bytes: REQUEST_BODY_BYTES_MAX,
                }
                .into_response();
            }
            Ok(Err(error)) => {
                return ApiError::bad_request(format!(
                    "The request body could not be read: {error}."
                ))
                .into_response();
            }
            Err(_) => {
                return ApiError::RequestTimeout {
                    limit: body_read_limit,
                }
                .into_response();
            }
        }
    };
    let (turns, wait_max) = if read {
        (&admission.reads, admission.wait_max)
    } else {
        (&admission.writes, admission.write_wait_max)
    };
    let turn = tokio::time::timeout(wait_max, turns.clone().acquire_owned()).await;
    let Ok(Ok(turn)) = turn else {
        let kind = if read { "reads" } else { "writes" };
        tracing::warn!(
            path = %request.uri().path(),
            "shedding a request: every turn for {kind} was taken for {} ms",
            wait_max.as_millis()
        );
        return ApiError::service_unavailable(format!(
            "The server is busy with other {kind}; retry after the delay in Retry-After."
        ))
        .into_response();
    };
    let response = next.run(request).await;
    drop(turn);
    response
}
