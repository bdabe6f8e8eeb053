//! The HTML pages beside the API, on both backends: each page answers with its media type in
//! each of its seven languages, and a browser that meets an error gets an HTML page where a
//! program gets problem+json. (`crates/equidose/tests/browser.rs` shows them in Chromium.)
//!
//! **When you add a page, add a row to [`PAGES`].**

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{Answer, app, get, load_snapshot, send};
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
        content_type: HTML,
        holds: "<h1>Vaccine equity at a glance</h1>",
    },
    Page {
        path: "/countries",
        content_type: HTML,
        holds: "<a href=\"/countries/TCD\">Chad</a>",
    },
    Page {
        path: "/countries/TCD",
        content_type: HTML,
        holds: "<h1>Chad</h1>",
    },
    Page {
        path: "/pledges",
        content_type: HTML,
        holds: "<h1>Pledges</h1>",
    },
    Page {
        path: "/charts/coverage.csv",
        content_type: CSV,
        holds: "Low income,2021-08-04,11453979,775710612,1.476",
    },
    Page {
        path: "/charts/fulfilment.csv",
        content_type: CSV,
        holds: "donor,doses_pledged,doses_delivered\n",
    },
    Page {
        path: "/charts/expiry.csv",
        content_type: CSV,
        holds: "week,product,doses_at_risk\n",
    },
    Page {
        path: "/countries/TCD/coverage.csv",
        content_type: CSV,
        holds: "TCD,2021-08-04,",
    },
    Page {
        path: web::pages::STYLESHEET_PATH,
        content_type: "text/css; charset=utf-8",
        holds: "{",
    },
];

const HTML: &str = "text/html; charset=utf-8";
const CSV: &str = "text/csv; charset=utf-8";

/// The HTML pages, in every language.
const HTML_PAGES: [&str; 4] = ["/", "/countries", "/countries/TCD", "/pledges"];

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
        load_snapshot(&store).await;
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

async fn browse_with(app: &axum::Router, uri: &str, headers: &[(&str, &str)]) -> Answer {
    let mut request = Request::get(uri).header("accept", BROWSER_ACCEPT);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    send(app, request.body(Body::empty()).unwrap()).await
}

store_test! {
    async fn the_dashboard_tells_the_forums_figures_in_the_readers_language(store: Store) {
        load_snapshot(&store).await;
        let app = app(store);
        // English by default; the headline day is two days before the last report.
        let english = text(&browse(&app, "/").await);
        assert!(english.starts_with("<!doctype html>"), "{english}");
        assert!(english.contains("<html lang=\"en\" dir=\"ltr\">"), "{english}");
        assert!(english.contains(&format!("href=\"{}\"", web::pages::STYLESHEET_PATH)));
        assert!(
            english.contains("On \u{2068}August 4, 2021\u{2069}, low-income countries had given \u{2068}1.48\u{2069} doses per 100 people; high-income countries \u{2068}97.50\u{2069}."),
            "{english}"
        );
        assert!(english.contains("<td>11,453,979</td>"), "{english}");
        // French by Accept-Language, with its own separators.
        let french = text(&browse_with(&app, "/", &[("accept-language", "fr-CA,fr;q=0.9,en;q=0.5")]).await);
        assert!(french.contains("<html lang=\"fr\" dir=\"ltr\">"));
        assert!(french.contains("<td>11\u{202f}453\u{202f}979</td>"), "{french}");
        assert!(french.contains("1,48"));
        // Arabic, right to left.
        let arabic = text(&browse_with(&app, "/", &[("accept-language", "ar")]).await);
        assert!(arabic.contains("<html lang=\"ar\" dir=\"rtl\">"), "{arabic}");
        // `?lang=` wins and is remembered in a cookie; the cookie then chooses.
        let spanish = browse_with(&app, "/?lang=es", &[("accept-language", "fr")]).await;
        assert!(text(&spanish).contains("<html lang=\"es\""));
        let cookie = spanish.header("set-cookie").unwrap();
        assert!(cookie.starts_with("lang=es; Path=/;"), "{cookie}");
        let remembered = browse_with(&app, "/countries", &[("cookie", "lang=es"), ("accept-language", "fr")]).await;
        assert!(text(&remembered).contains("<html lang=\"es\""));
        assert_eq!(remembered.header("set-cookie"), None);
    }
}

store_test! {
    async fn every_language_renders_every_page_whole(store: Store) {
        load_snapshot(&store).await;
        let app = app(store);
        for lang in web::pages::locale::Lang::ALL {
            for page in HTML_PAGES {
                let uri = format!("{page}?lang={}", lang.code());
                let answer = browse(&app, &uri).await;
                assert_eq!(answer.status, StatusCode::OK, "{uri}");
                assert_security_headers(&answer);
                let html = text(&answer);
                // A missing message shows as ⟦id⟧; a variable left unfilled as { $name }.
                assert!(!html.contains('⟦'), "{uri} shows a missing message");
                assert!(!html.contains("{ $") && !html.contains("{$"), "{uri}");
                assert!(html.len() < 100 * 1024, "{uri}: {} bytes", html.len());
                // Nothing fetched from elsewhere: no absolute URL in a src or href.
                assert!(!html.contains("src=\"http") && !html.contains("href=\"http"), "{uri}");
                assert!(!html.contains("<script"), "{uri}");
            }
        }
    }
}

store_test! {
    async fn an_unknown_country_or_round_is_a_404_page(store: Store) {
        load_snapshot(&store).await;
        let app = app(store);
        for uri in ["/countries/XYZ", "/rounds/1", "/rounds/abc"] {
            let answer = browse(&app, uri).await;
            assert!(answer.status.is_client_error(), "{uri}: {}", answer.status);
            assert_eq!(answer.header("content-type"), Some(HTML), "{uri}");
        }
        assert_eq!(browse(&app, "/countries/XYZ").await.status, StatusCode::NOT_FOUND);
        assert_eq!(browse(&app, "/rounds/1").await.status, StatusCode::NOT_FOUND);
    }
}

store_test! {
    async fn a_new_installation_has_a_dashboard_too(store: Store) {
        let answer = browse(&app(store), "/").await;
        assert_eq!(answer.status, StatusCode::OK, "{}", text(&answer));
        assert!(!text(&answer).contains('⟦'));
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
