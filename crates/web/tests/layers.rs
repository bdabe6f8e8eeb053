//! The middleware on its own, around routes made for the test: whatever a handler does
//! (panic, answer a bare error, use axum's own extractors), the client gets problem+json with
//! the security headers.

use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::routing::{get, post};
use serde_json::Value;
use tower::ServiceExt;
use web::layers::{self, SECURITY_HEADERS};

#[derive(serde::Deserialize)]
#[allow(dead_code)] // Read by serde only.
struct Named {
    name: String,
}

async fn panics() -> &'static str {
    panic!("the handler's secret")
}

fn application() -> Router {
    let router = Router::new()
        .route("/panic", get(panics))
        .route(
            "/bare-500",
            get(|| async {
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "connection string with secret",
                )
            }),
        )
        .route(
            "/bare-400",
            get(|| async { (StatusCode::BAD_REQUEST, "the request was odd") }),
        )
        .route(
            "/axum-json",
            post(|axum::Json(_): axum::Json<Named>| async { "ok" }),
        );
    layers::apply(
        router,
        Duration::from_secs(10),
        layers::Admission::default(),
        Duration::from_secs(5),
    )
}

async fn problem(request: Request<Body>) -> (StatusCode, Value) {
    let response = application().oneshot(request).await.unwrap();
    for (name, value) in SECURITY_HEADERS {
        assert_eq!(response.headers()[name], value);
    }
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    let status = response.status();
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    (status, serde_json::from_slice(&body).unwrap())
}

#[tokio::test]
async fn a_panic_answers_500_without_its_message() {
    let (status, problem) = problem(Request::get("/panic").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(!problem.to_string().contains("secret"), "{problem}");
}

#[tokio::test]
async fn a_bare_server_error_is_hidden() {
    let (status, problem) = problem(Request::get("/bare-500").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(!problem.to_string().contains("secret"), "{problem}");
}

#[tokio::test]
async fn a_bare_client_error_keeps_its_text() {
    let (status, problem) = problem(Request::get("/bare-400").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(problem["detail"], "the request was odd");
    assert_eq!(problem["type"], "about:blank");
}

#[tokio::test]
async fn axums_own_rejections_become_problems() {
    let request = Request::post("/axum-json")
        .header("content-type", "application/json")
        .body(Body::from("{}"))
        .unwrap();
    let (status, problem) = problem(request).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("missing field `name`"),
        "{problem}"
    );
}

/// A handler slower than the limit answers 503 as a problem. (A zero limit on a real
/// endpoint is racy: a fast enough database answers within the first poll.)
#[tokio::test]
async fn a_request_over_the_time_limit_answers_503() {
    let slow = Router::new().route(
        "/slow",
        get(|| async {
            tokio::time::sleep(Duration::from_secs(5)).await;
            "too late"
        }),
    );
    let response = layers::apply(
        slow,
        Duration::from_millis(50),
        layers::Admission::default(),
        Duration::from_secs(5),
    )
    .oneshot(Request::get("/slow").body(Body::empty()).unwrap())
    .await
    .unwrap();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    for (name, value) in SECURITY_HEADERS {
        assert_eq!(response.headers()[name], value);
    }
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
}
