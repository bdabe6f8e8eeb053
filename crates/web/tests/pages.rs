//! The HTML pages beside the API, on both backends: each page answers with its media type in
//! each of its seven languages, and a browser that meets an error gets an HTML page where a
//! program gets problem+json. (`crates/equidose/tests/browser.rs` shows them in Chromium.)
//!
//! **When you add a page, add a row to [`PAGES`].**

mod common;

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{Answer, app_with, get, load_snapshot, now, send, state_at};
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
        path: "/simulate",
        content_type: HTML,
        holds: "<h1>Policy simulator</h1>",
    },
    Page {
        path: "/simulate/coverage.csv",
        content_type: CSV,
        holds: "policy,date,group,doses,population,per_100\nboosters first,2021-08-04,Low income,",
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
const HTML_PAGES: [&str; 5] = ["/", "/countries", "/countries/TCD", "/pledges", "/simulate"];

/// The application, with a time limit long enough for a simulation of `/simulate` in an
/// unoptimised test build (seconds, where a release build takes half of one).
fn app(store: store::Store) -> axum::Router {
    let mut state = state_at(store, now());
    state.request_duration_max = Duration::from_secs(120);
    app_with(state)
}

/// Text without fluent's isolation marks (U+2068, U+2069), as a reader sees it.
fn plain(text: &str) -> String {
    text.replace(['\u{2068}', '\u{2069}'], "")
}

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
        assert!(html.contains("/no/such&#38;page"), "{html}");
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

store_test! {
    async fn an_error_page_is_in_the_readers_language_inside_the_layout(store: Store) {
        let app = app(store);
        // French by Accept-Language: the title, the way back and the navigation in French;
        // the API's sentence stays as it was written, marked as English.
        let french = browse_with(&app, "/no/such/page", &[("accept-language", "fr")]).await;
        assert_eq!(french.status, StatusCode::NOT_FOUND);
        let html = plain(&text(&french));
        assert!(html.contains("<html lang=\"fr\" dir=\"ltr\">"), "{html}");
        assert!(html.contains("<title>Introuvable · Equidose</title>"), "{html}");
        assert!(html.contains("<h1>404 · Introuvable</h1>"), "{html}");
        assert!(html.contains("<p lang=\"en\" dir=\"ltr\">No endpoint has the path /no/such/page.</p>"), "{html}");
        assert!(html.contains("<a href=\"/\">Retour au tableau de bord</a>"), "{html}");
        assert!(html.contains(">Tableau de bord</a>"), "the navigation: {html}");
        assert!(!html.contains('⟦'), "{html}");
        // `?lang=` and the cookie choose as on any page; Arabic is right to left.
        let arabic = text(&browse(&app, "/countries/XYZ?lang=ar").await);
        assert!(arabic.contains("<html lang=\"ar\" dir=\"rtl\">"), "{arabic}");
        assert!(arabic.contains("<h1>404 · غير موجود</h1>"), "{arabic}");
        let spanish = browse_with(&app, "/api/v1/me", &[("cookie", "lang=es")]).await;
        assert_eq!(spanish.status, StatusCode::UNAUTHORIZED);
        assert_eq!(spanish.header("www-authenticate"), Some("Bearer realm=\"equidose\""));
        assert!(text(&spanish).contains("<h1>401 · Debe iniciar sesión</h1>"), "{}", text(&spanish));
        // Every status a browser may meet has its title in every language.
        let request = Request::delete("/api/v1/parties?lang=zh")
            .header("accept", BROWSER_ACCEPT)
            .body(Body::empty())
            .unwrap();
        let chinese = send(&app, request).await;
        assert_eq!(chinese.status, StatusCode::METHOD_NOT_ALLOWED);
        assert!(text(&chinese).contains("<h1>405 · 不支持该方法</h1>"), "{}", text(&chinese));
        assert_security_headers(&chinese);
        // English pages carry the sentence without a language mark of its own.
        let english = text(&browse(&app, "/no/such/page").await);
        assert!(english.contains("<h1>404 · Not found</h1>"), "{english}");
        assert!(english.contains("<p>No endpoint has the path /no/such/page.</p>"), "{english}");
    }
}

store_test! {
    async fn the_simulator_refuses_a_wrong_value_beside_its_field_and_keeps_what_was_typed(store: Store) {
        let app = app(store);
        let answer = browse(&app, "/simulate?lang=fr&booster_per_100=50&lead_time_days=trois&group=high").await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(answer.header("content-type"), Some(HTML));
        assert_security_headers(&answer);
        let html = plain(&text(&answer));
        assert!(html.contains("<html lang=\"fr\" dir=\"ltr\">"), "{html}");
        assert!(html.contains("<p class=\"error-summary\" role=\"alert\">La simulation n’a pas été lancée"), "{html}");
        // The wrong value, as typed, beside its message; the right ones kept too.
        assert!(html.contains("name=\"lead_time_days\" type=\"text\" inputmode=\"numeric\" value=\"trois\" aria-describedby=\"lead_time_days-hint lead_time_days-error\" aria-invalid=\"true\">"), "{html}");
        assert!(html.contains("<span class=\"field-error\" id=\"lead_time_days-error\">Saisissez un nombre entier de jours de 0 à 365.</span>"), "{html}");
        assert!(html.contains("name=\"booster_per_100\" type=\"text\" inputmode=\"decimal\" value=\"50\" aria-describedby=\"booster_per_100-hint\">"), "{html}");
        assert!(html.contains("<option value=\"high\" selected>Revenu élevé</option>"), "{html}");
        assert_eq!(html.matches("aria-invalid").count(), 1, "{html}");
        // Nothing ran: no chart, no table of outcomes.
        assert!(!html.contains("id=\"simulation\""), "{html}");
        // Arabic, right to left, with its own message; an unknown group is refused too.
        let arabic = browse(&app, "/simulate?lang=ar&keep_per_100=-5&group=martians").await;
        assert_eq!(arabic.status, StatusCode::UNPROCESSABLE_ENTITY);
        let html = plain(&text(&arabic));
        assert!(html.contains("<html lang=\"ar\" dir=\"rtl\">"), "{html}");
        assert!(html.contains("value=\"-5\""), "{html}");
        assert!(html.contains("<span class=\"field-error\" id=\"keep_per_100-error\">أدخل عددًا من"), "{html}");
        assert!(html.contains("<span class=\"field-error\" id=\"group-error\">اختر إحدى الفئات"), "{html}");
        assert!(!html.contains('⟦'), "{html}");
        // What a page escapes: a value typed with markup in it.
        let escaped = text(&browse(&app, "/simulate?min_shelf_life_days=%22%3E%3Cb%3E").await);
        assert!(escaped.contains("value=\"&#34;&#62;&#60;b&#62;\""), "{escaped}");
        assert!(!escaped.contains("\"><b>"), "{escaped}");
        // The figures' download refuses as the API does, naming the field.
        let csv = get(&app, "/simulate/coverage.csv?min_shelf_life_days=400&lead_time_days=7").await;
        assert_eq!(csv.status, StatusCode::UNPROCESSABLE_ENTITY);
        let problem = csv.problem();
        assert_eq!(problem["errors"][0]["field"], "min_shelf_life_days", "{problem}");
        assert_eq!(problem["errors"].as_array().unwrap().len(), 1, "{problem}");
    }
}

/// The example file with the sharing policy keeping `keep_per_100`, run directly by the
/// simulator on the built-in snapshot: what `equidose simulate` prints for that file.
fn command_run(keep_per_100: &str) -> String {
    let (data, _) = importer::snapshot::builtin().unwrap();
    let text = include_str!("../../../examples/august-2021.toml").replace(
        "keep_per_100 = 200",
        &format!("keep_per_100 = {keep_per_100}"),
    );
    let scenario =
        simulator::parse("august-2021.toml", &text, &simulator::DataExtent::of(&data)).unwrap();
    simulator::output::coverage_csv(&simulator::simulate(&scenario, &data))
}

fn rows_of<'a>(csv: &'a str, policy: &str) -> Vec<&'a str> {
    csv.lines()
        .filter(|line| line.starts_with(&format!("{policy},")))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_simulators_run_is_the_commands_run_of_the_same_file() {
    // The page reads nothing from the store: one backend is enough.
    store::testing::with_store(store::Backend::Sqlite, |store| async move {
        let app = app(store);
        let page = text(&browse(&app, "/simulate?keep_per_100=250&lang=en").await);
        assert!(page.contains("href=\"/simulate/coverage.csv?booster_per_100=100&#38;keep_per_100=250&#38;lead_time_days=21&#38;min_shelf_life_days=70\""), "{page}");
        // The outcomes: a row per policy, in the page's language.
        for policy in ["Boosters first", "Moratorium and sharing", "By population"] {
            assert!(page.contains(&format!("<tr><th scope=\"row\">{policy}</th>")), "{page}");
        }
        let changed = get(&app, "/simulate/coverage.csv?keep_per_100=250").await;
        assert_eq!(changed.status, StatusCode::OK);
        let changed = String::from_utf8(changed.body).unwrap();
        assert_eq!(changed, command_run("250"));
        // What holders keep is the sharing policy's alone: the others run as by default.
        let default = String::from_utf8(get(&app, "/simulate/coverage.csv").await.body).unwrap();
        for policy in ["boosters first", "by population"] {
            assert_eq!(rows_of(&changed, policy), rows_of(&default, policy), "{policy}");
        }
        assert_ne!(rows_of(&changed, "moratorium and sharing"), rows_of(&default, "moratorium and sharing"));
        // Every day, group and policy: 731 days × 5 rows × 3 policies, and the header.
        assert_eq!(changed.lines().count(), 731 * 5 * 3 + 1);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_simulation_beyond_the_permits_answers_503_and_a_kept_one_answers_still() {
    store::testing::with_store(store::Backend::Sqlite, |store| async move {
        // The default run, kept (other tests may have kept it already).
        let mut state = state_at(store, now());
        state.request_duration_max = Duration::from_secs(120);
        let ready = app_with(state.clone());
        assert_eq!(browse(&ready, "/simulate").await.status, StatusCode::OK);
        // No permit left: a new run is refused with a time to come back, in the reader's
        // language for a browser and as a problem for a program; a kept run is served.
        state.simulations = Arc::new(tokio::sync::Semaphore::new(0));
        let busy = app_with(state);
        let uri = "/simulate?lead_time_days=364&min_shelf_life_days=1";
        let page = browse_with(&busy, uri, &[("accept-language", "es")]).await;
        assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(page.header("retry-after"), Some("5"));
        assert_eq!(page.header("content-type"), Some(HTML));
        let html = text(&page);
        // The form stays, with the values asked for, and a way to ask again.
        assert!(html.contains("<p class=\"notice\" role=\"status\">El simulador está ocupado con las simulaciones de otros lectores."), "{html}");
        assert!(html.contains("<a href=\"/simulate?booster_per_100=100&#38;keep_per_100=200&#38;lead_time_days=364&#38;min_shelf_life_days=1&#38;group=low&#38;lang=es\">Mostrar los resultados</a>"), "{html}");
        assert!(html.contains("value=\"364\""), "{html}");
        assert!(!html.contains("id=\"simulation\""), "{html}");
        let program = get(
            &busy,
            "/simulate/coverage.csv?lead_time_days=364&min_shelf_life_days=1",
        )
        .await;
        assert_eq!(program.status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(program.header("retry-after"), Some("5"));
        assert!(
            program.problem()["detail"]
                .as_str()
                .unwrap()
                .contains("try again in 5 seconds")
        );
        let kept = browse(&busy, "/simulate?lang=en").await;
        assert_eq!(kept.status, StatusCode::OK);
        assert!(text(&kept).contains("id=\"simulation\""));
    })
    .await;
}
