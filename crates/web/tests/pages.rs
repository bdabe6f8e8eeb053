//! The HTML pages beside the API, on both backends: each page answers with its media type,
//! and a browser that meets an error gets an HTML page where a program gets problem+json.
//!
//! **When you add a page, add a row to [`PAGES`].**

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{Answer, app, get, send};
use store::store_test;
use web::layers::SECURITY_HEADERS;

/// One page: its path, its media type, and a text its body holds.
struct Page {
    path: &'static str,
    content_type: &'static str,
    holds: &'static str,
}

/// Every page the server serves outside the API.
const PAGES: &[Page] = &[
    Page {
        path: "/",
        content_type: "text/html; charset=utf-8",
        holds: "<h1>Equidose</h1>",
    },
    Page {
        path: web::pages::STYLESHEET_PATH,
        content_type: "text/css; charset=utf-8",
        holds: "{",
    },
];

/// A navigation request, as a browser sends it.
const BROWSER_ACCEPT: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

async fn browse(app: &axum::Router, uri: &str) -> Answer {
    let request = Request::get(uri)
        .header("accept", BROWSER_ACCEPT)
        .body(Body::empty())
        .unwrap();
    send(app, request).await
}

fn text(answer: &Answer) -> String {
    String::from_utf8(answer.body.clone()).unwrap()
}

fn assert_security_headers(answer: &Answer) {
    for (name, value) in SECURITY_HEADERS {
        assert_eq!(answer.header(name), Some(value), "{name}");
    }
}

store_test! {
    async fn every_page_answers_with_its_media_type(store: Store) {
        let app = app(store);
        for page in PAGES {
            for answer in [get(&app, page.path).await, browse(&app, page.path).await] {
                assert_eq!(answer.status, StatusCode::OK, "{}", page.path);
                assert_eq!(answer.header("content-type"), Some(page.content_type), "{}", page.path);
                assert!(text(&answer).contains(page.holds), "{}: {}", page.path, text(&answer));
                assert_security_headers(&answer);
            }
        }
    }
}

store_test! {
    async fn the_start_page_is_html_and_says_the_platforms_day(store: Store) {
        let answer = browse(&app(store), "/").await;
        assert_eq!(answer.status, StatusCode::OK);
        assert_eq!(answer.header("content-type"), Some("text/html; charset=utf-8"));
        let page = text(&answer);
        assert!(page.starts_with("<!doctype html>"), "{page}");
        assert!(page.contains("<html lang=\"en\""), "{page}");
        assert!(page.contains(&format!("href=\"{}\"", web::pages::STYLESHEET_PATH)), "{page}");
        // The day by the server's clock (the tests' stands at 6 August 2021).
        assert!(page.contains("<time datetime=\"2021-08-06\">6 August 2021</time>"), "{page}");
        assert!(page.contains("href=\"/api/v1/openapi.json\""), "{page}");
    }
}

store_test! {
    async fn the_stylesheet_may_be_cached_and_api_answers_may_not(store: Store) {
        let app = app(store);
        let css = get(&app, web::pages::STYLESHEET_PATH).await;
        assert_eq!(css.header("cache-control"), Some("public, max-age=3600"));
        for uri in ["/api/v1/health", "/api/v1/me", "/api/v1/no-such-thing"] {
            let answer = get(&app, uri).await;
            assert_eq!(answer.header("cache-control"), Some("no-store"), "{uri}");
        }
    }
}

store_test! {
    async fn an_unknown_path_is_an_html_page_for_a_browser_and_a_problem_for_a_program(store: Store) {
        let app = app(store);
        let page = browse(&app, "/no/such&page").await;
        assert_eq!(page.status, StatusCode::NOT_FOUND);
        assert_eq!(page.header("content-type"), Some("text/html; charset=utf-8"));
        assert_security_headers(&page);
        let html = text(&page);
        assert!(html.starts_with("<!doctype html>"), "{html}");
        assert!(html.contains("<h1>404 · "), "{html}");
        // What the page did not write itself is escaped.
        assert!(html.contains("/no/such&amp;page"), "{html}");
        assert!(!html.contains("/no/such&page"), "{html}");
        // Without Accept, or preferring JSON: problem+json, the same status.
        let program = get(&app, "/no/such&page").await;
        assert_eq!(program.status, StatusCode::NOT_FOUND);
        assert_eq!(program.problem()["detail"], "No endpoint has the path /no/such&page.");
        let json_first = send(
            &app,
            Request::get("/no/such&page")
                .header("accept", "application/json, text/html")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(json_first.status, StatusCode::NOT_FOUND);
        json_first.problem();
    }
}

store_test! {
    async fn an_api_error_for_a_browser_is_a_page_with_the_same_status_and_headers(store: Store) {
        let app = app(store);
        let page = browse(&app, "/api/v1/me").await;
        assert_eq!(page.status, StatusCode::UNAUTHORIZED);
        assert_eq!(page.header("content-type"), Some("text/html; charset=utf-8"));
        assert_eq!(page.header("www-authenticate"), Some("Bearer realm=\"equidose\""));
        assert_eq!(page.header("cache-control"), Some("no-store"));
        assert!(text(&page).contains("<h1>401 · "), "{}", text(&page));
        let request = Request::delete("/api/v1/parties")
            .header("accept", BROWSER_ACCEPT)
            .body(Body::empty())
            .unwrap();
        let page = send(&app, request).await;
        assert_eq!(page.status, StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(page.header("allow"), Some("GET,HEAD,POST"));
        assert_eq!(page.header("content-type"), Some("text/html; charset=utf-8"));
        // A success is what it is, whatever the Accept.
        let health = browse(&app, "/api/v1/health").await;
        assert_eq!(health.status, StatusCode::OK);
        assert_eq!(health.header("content-type"), Some("application/json"));
    }
}
