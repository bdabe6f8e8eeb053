//! The HTML pages, beside the API: one module per page, routed by [`routes`], outside the
//! OpenAPI document.
//!
//! To add a page: a module with its handler answering [`Html`], a line in [`routes`], and a
//! row in `tests/pages.rs`. Errors on any path answer an HTML page to a browser (a request
//! whose `Accept` prefers `text/html`) and problem+json to a program
//! ([`crate::layers`]); pages escape everything they did not write themselves ([`escape`]).

pub mod home;

use axum::Router;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;

use crate::AppState;

/// The stylesheet every page links to.
pub const STYLESHEET_PATH: &str = "/assets/equidose.css";
const STYLESHEET: &str = include_str!("equidose.css");

/// Every page route.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home::home))
        .route(STYLESHEET_PATH, get(stylesheet))
}

async fn stylesheet() -> Response {
    (
        [
            (axum::http::header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (axum::http::header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        STYLESHEET,
    )
        .into_response()
}

/// `text` with the five characters that mean something in HTML escaped.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            other => escaped.push(other),
        }
    }
    escaped
}

/// A whole page: the layout around `body` (HTML the caller built and escaped).
pub fn page(title: &str, body: &str) -> Html<String> {
    Html(format!(
        "<!doctype html>\n<html lang=\"en\" dir=\"ltr\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title} · Equidose</title>\n<link rel=\"stylesheet\" href=\"{STYLESHEET_PATH}\">\n</head>\n\
         <body>\n<header><a class=\"brand\" href=\"/\">Equidose</a></header>\n<main>\n{body}\n</main>\n\
         <footer>Open software for international vaccine cooperation.</footer>\n</body>\n</html>\n",
        title = escape(title),
    ))
}

/// `text` as a sentence: its first letter a capital (the API's details start in lower case,
/// to be quoted inside other sentences).
fn sentence(text: &str) -> String {
    let mut characters = text.chars();
    match characters.next() {
        Some(first) => first.to_uppercase().chain(characters).collect(),
        None => String::new(),
    }
}

/// The HTML page of an error, for browsers: its status, title and sentence.
pub fn error_page(problem: &crate::Problem) -> Html<String> {
    page(
        &problem.title,
        &format!(
            "<h1>{status} · {title}</h1>\n<p>{detail}</p>\n<p><a href=\"/\">Back to the start page</a></p>",
            status = problem.status,
            title = escape(&problem.title),
            detail = escape(&sentence(&problem.detail)),
        ),
    )
}
