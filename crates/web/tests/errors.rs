//! Every way a request can fail answers problem+json, with the security headers; bodies are
//! snapshot-tested so a change of wording is a reviewed change.

mod common;

use std::time::Duration;

use axum::body::Body;
use axum::extract::FromRequest;
use axum::http::{Request, StatusCode};
use common::{Answer, app, get, load_snapshot, send};
use serde::Deserialize;
use store::store_test;
use web::layers::SECURITY_HEADERS;
use web::{ApiError, ApiJson, Day, REQUEST_BODY_BYTES_MAX};

fn assert_security_headers(answer: &Answer) {
    for (name, value) in SECURITY_HEADERS {
        assert_eq!(
            answer.header(name),
            Some(value),
            "{name} on a {} answer",
            answer.status
        );
    }
}

store_test! {
    async fn an_unknown_route_is_a_problem(store: Store) {
        let answer = get(&app(store), "/api/v1/no-such-thing").await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND);
        assert_security_headers(&answer);
        insta::assert_json_snapshot!("unknown_route", answer.problem());
    }
}

store_test! {
    async fn a_wrong_method_is_a_problem_with_allow(store: Store) {
        let request = Request::delete("/api/v1/parties").body(Body::empty()).unwrap();
        let answer = send(&app(store), request).await;
        assert_eq!(answer.status, StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(answer.header("allow"), Some("GET,HEAD,POST"));
        assert_security_headers(&answer);
        insta::assert_json_snapshot!("method_not_allowed", answer.problem());
    }
}

store_test! {
    async fn a_body_over_the_limit_is_a_problem(store: Store) {
        let request = Request::post("/api/v1/parties")
            .header("content-type", "application/json")
            .header("content-length", REQUEST_BODY_BYTES_MAX + 1)
            .body(Body::from(vec![b' '; REQUEST_BODY_BYTES_MAX + 1]))
            .unwrap();
        let answer = send(&app(store), request).await;
        assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
        assert_security_headers(&answer);
        insta::assert_json_snapshot!("payload_too_large", answer.problem());
    }
}

store_test! {
    async fn a_bad_date_names_the_parameter(store: Store) {
        let answer = get(&app(store), "/api/v1/coverage?date=2021-13-01").await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_security_headers(&answer);
        insta::assert_json_snapshot!("bad_date", answer.problem());
    }
}

store_test! {
    async fn bad_query_parameters_are_named(store: Store) {
        let app = app(store);
        let cases = [
            ("/api/v1/coverage?by=continent", "by"),
            ("/api/v1/coverage?dat=2021-01-01", "dat"),
            ("/api/v1/parties?limit=0", "limit"),
            ("/api/v1/parties?limit=501", "limit"),
            ("/api/v1/parties?limit=ten", "limit"),
        ];
        let mut problems = Vec::new();
        for (uri, field) in cases {
            let answer = get(&app, uri).await;
            assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{uri}");
            let problem = answer.problem();
            assert_eq!(problem["errors"][0]["field"], field, "{uri}: {problem}");
            problems.push(serde_json::json!({"uri": uri, "problem": problem}));
        }
        insta::assert_json_snapshot!("bad_query_parameters", problems);
    }
}

store_test! {
    async fn an_unknown_party_is_not_found(store: Store) {
        load_snapshot(&store).await;
        let answer = get(&app(store), "/api/v1/parties/XXX").await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND);
        assert_security_headers(&answer);
        insta::assert_json_snapshot!("unknown_party", answer.problem());
    }
}

store_test! {
    async fn coverage_without_reports_is_a_conflict(store: Store) {
        let answer = get(&app(store), "/api/v1/coverage").await;
        assert_eq!(answer.status, StatusCode::CONFLICT);
        let problem = answer.problem();
        assert_eq!(problem["code"], "no_reports");
    }
}

store_test! {
    async fn successful_answers_carry_the_security_headers_too(store: Store) {
        load_snapshot(&store).await;
        let app = app(store);
        for uri in ["/api/v1/health", "/api/v1/openapi.json", "/api/v1/parties?limit=1", "/api/v1/coverage"] {
            let answer = get(&app, uri).await;
            assert_eq!(answer.status, StatusCode::OK, "{uri}");
            assert_security_headers(&answer);
        }
    }
}

// The extractors, without a route: each rejection is an ApiError with its problem body.

#[derive(Debug, Deserialize)]
#[allow(dead_code)] // Fields are read by serde only.
struct Shipment {
    to: String,
    lots: Vec<Lot>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Lot {
    number: String,
    expiry: Day,
    doses: u64,
}

async fn json_problem(content_type: Option<&str>, body: impl Into<Body>) -> serde_json::Value {
    let mut request = Request::post("/");
    if let Some(content_type) = content_type {
        request = request.header("content-type", content_type);
    }
    let request = request.body(body.into()).unwrap();
    let error = ApiJson::<Shipment>::from_request(request, &())
        .await
        .expect_err("the body is refused");
    serde_json::to_value(error.problem()).unwrap()
}

const JSON: Option<&str> = Some("application/json");

#[tokio::test]
async fn malformed_json_is_400() {
    let problem = json_problem(JSON, r#"{"to": "ETH", "lots": [}"#).await;
    assert_eq!(problem["status"], 400);
    insta::assert_json_snapshot!("bad_json", problem);
    let trailing = json_problem(JSON, r#"{"to": "ETH", "lots": []} x"#).await;
    assert_eq!(trailing["status"], 400, "{trailing}");
}

#[tokio::test]
async fn a_missing_field_is_named_by_its_path() {
    let body = r#"{"to": "ETH", "lots": [{"number": "A1", "expiry": "2022-03-31", "doses": 5},
        {"number": "A2", "doses": 5}]}"#;
    let problem = json_problem(JSON, body).await;
    assert_eq!(problem["errors"][0]["field"], "lots[1].expiry");
    insta::assert_json_snapshot!("missing_field", problem);
    let problem = json_problem(JSON, r#"{"lots": []}"#).await;
    assert_eq!(problem["errors"][0]["field"], "to", "{problem}");
}

#[tokio::test]
async fn a_wrong_value_is_named_by_its_path() {
    let body = r#"{"to": "ETH", "lots": [{"number": "A1", "expiry": "2022-03-31", "doses": 5},
        {"number": "A2", "expiry": "2022-02-30", "doses": 5},
        {"number": "A3", "expiry": "2022-03-31", "doses": -1}]}"#;
    let problem = json_problem(JSON, body).await;
    assert_eq!(problem["errors"][0]["field"], "lots[1].expiry");
    insta::assert_json_snapshot!("wrong_value", problem);
    let body = r#"{"to": "ETH", "lots": [{"number": "A3", "expiry": "2022-03-31", "doses": -1}]}"#;
    let problem = json_problem(JSON, body).await;
    assert_eq!(problem["errors"][0]["field"], "lots[0].doses", "{problem}");
    let problem = json_problem(JSON, "[]").await;
    assert_eq!(problem["errors"][0]["field"], "", "{problem}");
}

#[tokio::test]
async fn a_body_not_declared_as_json_is_415() {
    let problem = json_problem(None, "{}").await;
    assert_eq!(problem["status"], 415);
    let problem = json_problem(Some("text/plain"), "{}").await;
    assert_eq!(problem["status"], 415);
    let problem = json_problem(Some("application/merge-patch+json; charset=utf-8"), "{}").await;
    assert_eq!(problem["status"], 422, "+json types are JSON: {problem}");
}

#[tokio::test]
async fn a_body_over_the_limit_without_a_length_is_413() {
    // Without Content-Length the limit layer cannot refuse up front; the extractor finds
    // out while reading.
    use axum::response::IntoResponse;
    use tower::{Layer, ServiceExt};
    let service = tower_http::limit::RequestBodyLimitLayer::new(REQUEST_BODY_BYTES_MAX).layer(
        tower::service_fn(|request: Request<_>| async move {
            let request = request.map(Body::new);
            let response = match ApiJson::<Shipment>::from_request(request, &()).await {
                Ok(_) => StatusCode::OK.into_response(),
                Err(error) => error.into_response(),
            };
            Ok::<_, std::convert::Infallible>(response)
        }),
    );
    let request = Request::post("/")
        .header("content-type", "application/json")
        .body(Body::from(vec![b' '; REQUEST_BODY_BYTES_MAX + 1]))
        .unwrap();
    assert!(request.headers().get("content-length").is_none());
    let response = service.oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
}

#[test]
fn problem_types_are_distinct_per_kind() {
    let errors = [
        ApiError::bad_request("x"),
        ApiError::invalid("f", "x"),
        ApiError::unauthorized("x"),
        ApiError::forbidden("x"),
        ApiError::not_found("x"),
        ApiError::UnknownRoute { path: "/x".into() },
        ApiError::MethodNotAllowed {
            method: "PUT".into(),
            path: "/x".into(),
        },
        ApiError::conflict("insufficient_balance", "x"),
        ApiError::Refused {
            code: "doses_must_be_positive",
            detail: "x".into(),
            errors: vec![web::FieldError::new("doses", "x")],
        },
        ApiError::RequestTimeout {
            limit: Duration::from_secs(5),
        },
        ApiError::PayloadTooLarge { limit_bytes: 1 },
        ApiError::UnsupportedMediaType { detail: "x".into() },
        ApiError::too_many_requests("x", Duration::from_millis(1_500)),
        ApiError::service_unavailable("x"),
        ApiError::internal("secret connection string"),
    ];
    let problems: Vec<_> = errors.iter().map(ApiError::problem).collect();
    let mut types: Vec<_> = problems
        .iter()
        .map(|problem| problem.problem_type.clone())
        .collect();
    types.sort();
    types.dedup();
    assert_eq!(types.len(), problems.len());
    assert!(!problems.last().unwrap().detail.contains("secret"));
    insta::assert_json_snapshot!("every_kind", problems);
}

#[tokio::test]
async fn headers_that_some_problems_need() {
    use axum::response::IntoResponse;
    let response =
        ApiError::too_many_requests("slow down", Duration::from_millis(1_500)).into_response();
    assert_eq!(response.headers()["retry-after"], "2");
    let response = ApiError::unauthorized("sign in").into_response();
    assert_eq!(
        response.headers()["www-authenticate"],
        "Bearer realm=\"equidose\""
    );
}

#[test]
fn store_errors_map_to_statuses_and_codes() {
    use domain::ledger::Rejection;
    use store::StoreError;
    let cases = [
        (
            StoreError::Rejected(Rejection::DosesMustBePositive { doses: 0 }),
            422,
            Some("doses_must_be_positive"),
        ),
        (
            StoreError::Conflict("a party with code ETH exists already".into()),
            409,
            Some("already_exists"),
        ),
        (StoreError::Corrupt("secret row".into()), 500, None),
    ];
    for (error, status, code) in cases {
        let label = error.to_string();
        let problem = ApiError::from(error).problem();
        assert_eq!(problem.status, status, "{label}");
        assert_eq!(problem.code.as_deref(), code, "{label}");
        if status == 500 {
            assert!(!problem.detail.contains("secret"));
        }
    }
    // A ledger rule's refusal names the field it concerns beside its code.
    let problem = ApiError::from(app::AppError::from(StoreError::Rejected(
        Rejection::DosesMustBePositive { doses: 0 },
    )))
    .problem();
    assert_eq!(problem.status, 422);
    assert_eq!(problem.code.as_deref(), Some("doses_must_be_positive"));
    assert_eq!(
        problem
            .errors
            .iter()
            .map(|error| error.field.as_str())
            .collect::<Vec<_>>(),
        ["doses"]
    );
}

store_test! {
    // Every connection busy for the whole acquire timeout (30 s): overload, answered 503,
    // never 500. The store's driver errors cannot be built outside it, so the pool is
    // really exhausted: readers hold every connection until one more read gives up.
    async fn a_pool_timeout_is_503(store: Store) {
        use std::sync::Arc;
        use store::StoreError;
        let release = Arc::new(tokio::sync::Notify::new());
        let (failures, mut failed) = tokio::sync::mpsc::unbounded_channel::<StoreError>();
        // More readers than either backend's pool holds (8 and 16 connections).
        let readers: Vec<_> = (0..24)
            .map(|_| {
                let (store, release, failures) = (store.clone(), Arc::clone(&release), failures.clone());
                tokio::spawn(async move {
                    let held = store
                        .read(|_tx| async move {
                            release.notified().await;
                            Ok::<_, StoreError>(())
                        })
                        .await;
                    if let Err(error) = held {
                        let _ = failures.send(error);
                    }
                })
            })
            .collect();
        // Only the pool's own timeout is the case here (a PostgreSQL server shared with other
        // tests may refuse a connection of its own accord: that is another error).
        let error = tokio::time::timeout(Duration::from_secs(120), async {
            loop {
                match failed.recv().await.expect("the readers report their failures") {
                    StoreError::Database(database) if database.is_pool_timeout() => {
                        break StoreError::Database(database);
                    }
                    other => eprintln!("a reader failed otherwise: {other}"),
                }
            }
        })
        .await
        .expect("a reader gives up waiting for a connection");
        release.notify_waiters();
        for reader in readers {
            reader.abort();
        }
        let label = error.to_string();
        let problem = ApiError::from(error).problem();
        assert_eq!(problem.status, 503, "{label}");
        assert_eq!(problem.code, None, "{label}");
        assert!(problem.detail.contains("busy"), "{label}: {}", problem.detail);
    }
}
