//! The OpenAPI document matches the router: every operation in it is routed, every route is in
//! it, and nothing else answers on its paths.
//!
//! **When you add an endpoint, add a row to [`ROUTES`]**: the tests fail until the document,
//! this list and the router agree.

mod common;

use std::collections::BTreeSet;

use axum::body::Body;
use axum::http::{Method, Request};
use common::{app, load_snapshot, send};
use serde_json::Value;
use store::store_test;
use web::error::PROBLEM_TYPE_BASE;

/// One operation of the API, and how an anonymous caller without a body fares on it.
struct Route {
    method: &'static str,
    /// As in the document, with `{parameters}`.
    path: &'static str,
    /// A concrete path to request, against the built-in reference snapshot.
    example: &'static str,
    /// The status an anonymous request without a body gets (401 for signed-in routes).
    anonymous_status: u16,
}

const fn route(
    method: &'static str,
    path: &'static str,
    example: &'static str,
    anonymous_status: u16,
) -> Route {
    Route {
        method,
        path,
        example,
        anonymous_status,
    }
}

/// Every operation the API serves.
const ROUTES: &[Route] = &[
    route("GET", "/api/v1/health", "/api/v1/health", 200),
    route("GET", "/api/v1/openapi.json", "/api/v1/openapi.json", 200),
    route("GET", "/api/v1/coverage", "/api/v1/coverage", 200),
    route("GET", "/api/v1/parties", "/api/v1/parties", 200),
    route("GET", "/api/v1/parties/{code}", "/api/v1/parties/ETH", 200),
    route("POST", "/api/v1/parties", "/api/v1/parties", 401),
    route("POST", "/api/v1/session", "/api/v1/session", 415),
    route("DELETE", "/api/v1/session", "/api/v1/session", 401),
    route("POST", "/api/v1/tokens", "/api/v1/tokens", 415),
    route("GET", "/api/v1/tokens", "/api/v1/tokens", 401),
    route("DELETE", "/api/v1/tokens/{id}", "/api/v1/tokens/1", 401),
    route("GET", "/api/v1/me", "/api/v1/me", 401),
    route("POST", "/api/v1/users", "/api/v1/users", 401),
    route(
        "POST",
        "/api/v1/users/{id}/disable",
        "/api/v1/users/1/disable",
        401,
    ),
    route(
        "POST",
        "/api/v1/users/{id}/enable",
        "/api/v1/users/1/enable",
        401,
    ),
    route("POST", "/api/v1/products", "/api/v1/products", 401),
    route("GET", "/api/v1/products", "/api/v1/products", 200),
    route(
        "GET",
        "/api/v1/products/{code}",
        "/api/v1/products/AZD1222",
        404,
    ),
    route("POST", "/api/v1/lots", "/api/v1/lots", 401),
    route("GET", "/api/v1/lots", "/api/v1/lots", 401),
    route("GET", "/api/v1/lots/{id}", "/api/v1/lots/1", 401),
    route("GET", "/api/v1/balances", "/api/v1/balances", 401),
    route("POST", "/api/v1/movements", "/api/v1/movements", 401),
    route("GET", "/api/v1/movements", "/api/v1/movements?lot=1", 401),
    route("GET", "/api/v1/audit", "/api/v1/audit", 401),
    route("POST", "/api/v1/requests", "/api/v1/requests", 401),
    route("GET", "/api/v1/requests", "/api/v1/requests", 401),
    route("GET", "/api/v1/requests/{id}", "/api/v1/requests/1", 401),
    route(
        "POST",
        "/api/v1/requests/{id}/withdraw",
        "/api/v1/requests/1/withdraw",
        401,
    ),
    route("POST", "/api/v1/pledges", "/api/v1/pledges", 401),
    route("GET", "/api/v1/pledges", "/api/v1/pledges", 200),
    route("GET", "/api/v1/pledges/{id}", "/api/v1/pledges/1", 404),
    route(
        "POST",
        "/api/v1/pledges/{id}/withdraw",
        "/api/v1/pledges/1/withdraw",
        401,
    ),
    route(
        "GET",
        "/api/v1/coverage/series",
        "/api/v1/coverage/series",
        200,
    ),
    route(
        "GET",
        "/api/v1/pledge-fulfilment",
        "/api/v1/pledge-fulfilment",
        200,
    ),
    route("POST", "/api/v1/shipments", "/api/v1/shipments", 401),
    route("GET", "/api/v1/shipments", "/api/v1/shipments", 401),
    route("GET", "/api/v1/shipments/{id}", "/api/v1/shipments/1", 401),
    route(
        "POST",
        "/api/v1/shipments/{id}/dispatch",
        "/api/v1/shipments/1/dispatch",
        401,
    ),
    route(
        "POST",
        "/api/v1/shipments/{id}/confirm",
        "/api/v1/shipments/1/confirm",
        401,
    ),
    route(
        "POST",
        "/api/v1/shipments/{id}/cancel",
        "/api/v1/shipments/1/cancel",
        401,
    ),
    route("GET", "/api/v1/expiry-risk", "/api/v1/expiry-risk", 401),
    route("GET", "/api/v1/notifications", "/api/v1/notifications", 401),
    route(
        "POST",
        "/api/v1/notifications/read",
        "/api/v1/notifications/read",
        401,
    ),
    route(
        "POST",
        "/api/v1/expiry-risk/propose",
        "/api/v1/expiry-risk/propose",
        401,
    ),
    route("POST", "/api/v1/rounds", "/api/v1/rounds", 401),
    route("GET", "/api/v1/rounds/{id}", "/api/v1/rounds/1", 404),
    route("PATCH", "/api/v1/rounds/{id}", "/api/v1/rounds/1", 401),
    route(
        "POST",
        "/api/v1/rounds/{id}/compute",
        "/api/v1/rounds/1/compute",
        401,
    ),
    route(
        "GET",
        "/api/v1/rounds/{id}/input",
        "/api/v1/rounds/1/input",
        404,
    ),
    route(
        "GET",
        "/api/v1/rounds/{id}/answer",
        "/api/v1/rounds/1/answer",
        404,
    ),
    route(
        "GET",
        "/api/v1/rounds/{id}/certificate",
        "/api/v1/rounds/1/certificate",
        404,
    ),
    route(
        "POST",
        "/api/v1/rounds/{id}/publish",
        "/api/v1/rounds/1/publish",
        401,
    ),
    route(
        "POST",
        "/api/v1/rounds/{id}/close",
        "/api/v1/rounds/1/close",
        401,
    ),
    route(
        "POST",
        "/api/v1/rounds/{id}/responses",
        "/api/v1/rounds/1/responses",
        401,
    ),
    route("POST", "/api/v1/capacity", "/api/v1/capacity", 401),
    route("GET", "/api/v1/capacity", "/api/v1/capacity", 200),
    route("POST", "/api/v1/offers", "/api/v1/offers", 401),
    route("GET", "/api/v1/offers", "/api/v1/offers", 401),
    route("GET", "/api/v1/offers/{id}", "/api/v1/offers/1", 401),
    route(
        "POST",
        "/api/v1/offers/{id}/accept",
        "/api/v1/offers/1/accept",
        401,
    ),
    route(
        "POST",
        "/api/v1/offers/{id}/decline",
        "/api/v1/offers/1/decline",
        401,
    ),
    route(
        "POST",
        "/api/v1/offers/{id}/withdraw",
        "/api/v1/offers/1/withdraw",
        401,
    ),
    route("POST", "/api/v1/agreements", "/api/v1/agreements", 401),
    route("GET", "/api/v1/agreements", "/api/v1/agreements", 401),
    route(
        "GET",
        "/api/v1/agreements/{id}",
        "/api/v1/agreements/1",
        401,
    ),
    route(
        "POST",
        "/api/v1/agreements/{id}/sign",
        "/api/v1/agreements/1/sign",
        401,
    ),
    route(
        "POST",
        "/api/v1/agreements/{id}/cancel",
        "/api/v1/agreements/1/cancel",
        401,
    ),
    route("POST", "/api/v1/partnerships", "/api/v1/partnerships", 401),
    route("GET", "/api/v1/partnerships", "/api/v1/partnerships", 200),
    route(
        "GET",
        "/api/v1/partnerships/{id}",
        "/api/v1/partnerships/1",
        404,
    ),
    route(
        "POST",
        "/api/v1/partnerships/{id}/negotiate",
        "/api/v1/partnerships/1/negotiate",
        401,
    ),
    route(
        "POST",
        "/api/v1/partnerships/{id}/agree",
        "/api/v1/partnerships/1/agree",
        401,
    ),
    route(
        "POST",
        "/api/v1/partnerships/{id}/start_production",
        "/api/v1/partnerships/1/start_production",
        401,
    ),
    route(
        "POST",
        "/api/v1/partnerships/{id}/abandon",
        "/api/v1/partnerships/1/abandon",
        401,
    ),
    route("POST", "/api/v1/meetings", "/api/v1/meetings", 401),
    route("GET", "/api/v1/meetings", "/api/v1/meetings", 200),
    route("GET", "/api/v1/meetings/{id}", "/api/v1/meetings/1", 404),
    route(
        "POST",
        "/api/v1/meetings/{id}/outcomes",
        "/api/v1/meetings/1/outcomes",
        401,
    ),
    route("POST", "/api/v1/threads", "/api/v1/threads", 401),
    route("GET", "/api/v1/threads", "/api/v1/threads", 401),
    route("GET", "/api/v1/threads/{id}", "/api/v1/threads/1", 401),
    route(
        "POST",
        "/api/v1/threads/{id}/messages",
        "/api/v1/threads/1/messages",
        401,
    ),
    route(
        "GET",
        "/api/v1/threads/{id}/messages",
        "/api/v1/threads/1/messages",
        401,
    ),
    route("POST", "/api/v1/webhooks", "/api/v1/webhooks", 401),
    route("GET", "/api/v1/webhooks", "/api/v1/webhooks", 401),
    route("GET", "/api/v1/webhooks/{id}", "/api/v1/webhooks/1", 401),
    route("DELETE", "/api/v1/webhooks/{id}", "/api/v1/webhooks/1", 401),
    route(
        "GET",
        "/api/v1/webhooks/{id}/deliveries",
        "/api/v1/webhooks/1/deliveries",
        401,
    ),
];

/// The methods a path could be routed for (HEAD comes with GET).
const METHODS: [&str; 6] = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

fn document() -> Value {
    serde_json::to_value(web::openapi::document()).unwrap()
}

/// (method, path) of every operation in the document.
fn documented_operations(document: &Value) -> BTreeSet<(String, String)> {
    let mut operations = BTreeSet::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for method in METHODS {
            if item.get(method.to_lowercase()).is_some() {
                operations.insert((method.to_owned(), path.clone()));
            }
        }
    }
    operations
}

#[test]
fn the_document_and_the_list_name_the_same_operations() {
    let documented = documented_operations(&document());
    let listed: BTreeSet<(String, String)> = ROUTES
        .iter()
        .map(|route| (route.method.to_owned(), route.path.to_owned()))
        .collect();
    assert_eq!(
        listed.len(),
        ROUTES.len(),
        "ROUTES lists an operation twice"
    );
    let unlisted: Vec<_> = documented.difference(&listed).collect();
    let undocumented: Vec<_> = listed.difference(&documented).collect();
    assert!(
        unlisted.is_empty() && undocumented.is_empty(),
        "documented but not in ROUTES (add a row): {unlisted:?}\nin ROUTES but not documented (annotate the handler with #[utoipa::path] and register it with routes!): {undocumented:?}"
    );
}

/// Whether an answer came from the router's fallbacks rather than a route's handler.
fn is_fallback(problem: &Value) -> bool {
    let problem_type = problem["type"].as_str().unwrap_or_default();
    problem_type == format!("{PROBLEM_TYPE_BASE}unknown-route")
        || problem_type == format!("{PROBLEM_TYPE_BASE}method-not-allowed")
}

store_test! {
    async fn every_listed_operation_is_routed(store: Store) {
        load_snapshot(&store).await;
        let app = app(store);
        for route in ROUTES {
            let request = Request::builder()
                .method(route.method)
                .uri(route.example)
                .body(Body::empty())
                .unwrap();
            let answer = send(&app, request).await;
            let label = format!("{} {}", route.method, route.example);
            assert_eq!(answer.status.as_u16(), route.anonymous_status, "{label}: {:?}", String::from_utf8_lossy(&answer.body));
            // API answers are per caller and some carry secrets: no cache keeps any.
            assert_eq!(answer.header("cache-control"), Some("no-store"), "{label}");
            if answer.header("content-type") == Some("application/problem+json") {
                assert!(!is_fallback(&answer.json()), "{label} is not routed");
            }
        }
    }
}

store_test! {
    async fn no_undocumented_method_answers_on_a_documented_path(store: Store) {
        // A route added with plain axum (`.route(...)`) on a documented path would answer
        // here instead of 405.
        let app = app(store);
        let documented = documented_operations(&document());
        for route in ROUTES {
            for method in METHODS {
                if documented.contains(&(method.to_owned(), route.path.to_owned())) {
                    continue;
                }
                let request = Request::builder()
                    .method(Method::from_bytes(method.as_bytes()).unwrap())
                    .uri(route.example)
                    .body(Body::empty())
                    .unwrap();
                let answer = send(&app, request).await;
                assert_eq!(answer.status.as_u16(), 405, "{method} {} answers", route.example);
                assert!(is_fallback(&answer.problem()));
                assert_eq!(answer.header("cache-control"), Some("no-store"), "{method} {}", route.example);
            }
        }
    }
}

store_test! {
    async fn the_served_document_is_the_document(store: Store) {
        let answer = common::get(&app(store), "/api/v1/openapi.json").await;
        assert_eq!(answer.header("content-type"), Some("application/json"));
        assert_eq!(answer.json(), document());
    }
}

#[test]
fn the_document_declares_its_conventions() {
    let document = document();
    assert_eq!(document["openapi"], "3.1.0");
    let schemes = &document["components"]["securitySchemes"];
    assert_eq!(schemes["bearer"]["type"], "http");
    assert_eq!(schemes["bearer"]["scheme"], "bearer");
    assert_eq!(schemes["session"]["type"], "apiKey");
    assert_eq!(schemes["session"]["in"], "cookie");
    assert_eq!(schemes["session"]["name"], "equidose_session");
    assert!(document["components"]["schemas"]["Problem"].is_object());
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let label = format!("{method} {path}");
            assert!(
                operation["responses"]["default"]["$ref"] == "#/components/responses/Problem",
                "{label} lacks the default problem answer"
            );
            assert!(
                operation["tags"]
                    .as_array()
                    .is_some_and(|tags| !tags.is_empty()),
                "{label} has no tag"
            );
            let success = operation["responses"]
                .as_object()
                .unwrap()
                .keys()
                .any(|status| status.starts_with('2'));
            assert!(success, "{label} documents no successful answer");
        }
    }
}
