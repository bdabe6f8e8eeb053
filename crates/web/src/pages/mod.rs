//! The public HTML pages, beside the API: one module per page, routed by [`routes`], outside
//! the OpenAPI document. No sign-in; they show only what `cooperation.md` makes public.
//!
//! To add a page: a module with its handler (it takes a [`Context`], reads through the use
//! cases of [`app`] in one `App::read`, and answers [`render`] of its template in
//! `templates/`), its messages in every `locales/{lang}/pages.ftl`, a line in [`routes`], and
//! a row in `tests/pages.rs`. A chart is a [`Figure`]: its SVG ([`chart`]), its legend, its
//! source and date, its figures as a CSV download and as a table.
//!
//! Every page is in seven languages ([`locale`]): `?lang=` chooses one and a cookie keeps
//! it, else `Accept-Language`. Errors on any path answer an HTML page to a browser (a request
//! whose `Accept` prefers `text/html`) and problem+json to a program ([`crate::layers`]);
//! pages escape everything they did not write themselves (askama does, and [`escape`]).

pub mod chart;
pub mod countries;
pub mod country;
pub mod dashboard;
pub mod locale;
pub mod meeting;
pub mod pledges;
pub mod regions;
pub mod round;
pub mod simulate;

use askama::Template;
use axum::Router;
use axum::extract::FromRequestParts;
use axum::http::header::{ACCEPT_LANGUAGE, CONTENT_TYPE, COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;

use crate::AppState;
use locale::{Lang, Locale};

/// The stylesheet every page links to.
pub const STYLESHEET_PATH: &str = "/assets/equidose.css";
const STYLESHEET: &str = include_str!("equidose.css");

/// The cookie that remembers the language a reader chose.
pub const LANGUAGE_COOKIE: &str = "lang";

/// Every page route.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(dashboard::page))
        .route("/charts/coverage.csv", get(dashboard::coverage_csv))
        .route("/charts/fulfilment.csv", get(pledges::fulfilment_csv))
        .route("/charts/expiry.csv", get(dashboard::expiry_csv))
        .route("/countries", get(countries::page))
        .route("/countries/{code}", get(country::page))
        .route("/countries/{code}/coverage.csv", get(country::coverage_csv))
        .route("/rounds/{id}", get(round::page))
        .route("/rounds/{id}/shares.csv", get(round::shares_csv))
        .route("/pledges", get(pledges::page))
        .route("/meetings/{id}", get(meeting::page))
        .route("/meetings/{id}/outcomes.csv", get(meeting::outcomes_csv))
        .route("/simulate", get(simulate::page))
        .route("/simulate/coverage.csv", get(simulate::coverage_csv))
        .route(STYLESHEET_PATH, get(stylesheet))
        .route(round::SCRIPT_PATH, get(round::script))
}

async fn stylesheet() -> Response {
    (
        [
            (CONTENT_TYPE, "text/css; charset=utf-8"),
            (axum::http::header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        STYLESHEET,
    )
        .into_response()
}

/// The request's language and where the page is, for the layout's links.
#[derive(Debug, Clone)]
pub struct Context {
    /// The page's locale.
    pub locale: &'static Locale,
    /// Whether the request chose a language (`?lang=`) the cookie does not hold yet.
    remember: bool,
    /// The path, for the language switcher's links.
    path: String,
    /// The query without `lang`, kept by the switcher's links.
    query: Vec<(String, String)>,
}

impl<S: Send + Sync> FromRequestParts<S> for Context {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let pairs: Vec<(String, String)> =
            form_urlencoded::parse(parts.uri.query().unwrap_or_default().as_bytes())
                .into_owned()
                .collect();
        let asked = pairs
            .iter()
            .find(|(name, _)| name == "lang")
            .map(|(_, value)| value.as_str());
        let cookie = parts
            .headers
            .get_all(COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == LANGUAGE_COOKIE)
            .map(|(_, value)| value.to_owned());
        let accept = parts
            .headers
            .get(ACCEPT_LANGUAGE)
            .and_then(|value| value.to_str().ok());
        let lang = locale::negotiate(asked, cookie.as_deref(), accept);
        let remember = asked.and_then(Lang::parse).is_some()
            && cookie.as_deref().and_then(Lang::parse) != Some(lang);
        Ok(Context {
            locale: locale::locale(lang),
            remember,
            path: parts.uri.path().to_owned(),
            query: pairs
                .into_iter()
                .filter(|(name, _)| name != "lang")
                .collect(),
        })
    }
}

impl Context {
    /// The context of a page at `path` in `lang` (benchmarks, tests).
    pub fn new(lang: Lang, path: &str) -> Self {
        Context {
            locale: locale::locale(lang),
            remember: false,
            path: path.to_owned(),
            query: Vec::new(),
        }
    }

    /// The language.
    pub fn lang(&self) -> Lang {
        self.locale.lang
    }

    /// The query parameter `name`, if given.
    pub fn query(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// The frame around a page titled `title`, with `current` the navigation entry it is.
    pub fn frame(&self, title: String, current: &'static str) -> Frame {
        let locale = self.locale;
        let languages = Lang::ALL
            .into_iter()
            .map(|lang| {
                let mut query = form_urlencoded::Serializer::new(String::new());
                for (name, value) in &self.query {
                    query.append_pair(name, value);
                }
                query.append_pair("lang", lang.code());
                LanguageLink {
                    code: lang.code(),
                    name: lang.own_name(),
                    href: format!("{}?{}", self.path, query.finish()),
                    current: lang == locale.lang,
                }
            })
            .collect();
        let nav = [
            ("dashboard", "/", "nav-dashboard"),
            ("countries", "/countries", "nav-countries"),
            ("pledges", "/pledges", "nav-pledges"),
            ("simulate", "/simulate", "nav-simulate"),
            // The workspace sends a visitor without a session to the sign-in page first.
            ("workspace", "/workspace", "nav-workspace"),
        ]
        .into_iter()
        .map(|(id, href, message)| NavLink {
            href,
            text: locale.t(message),
            current: id == current,
        })
        .collect();
        Frame {
            lang: locale.lang.code(),
            dir: locale.lang.direction(),
            title,
            site_name: locale.t("site-name"),
            tagline: locale.t("site-tagline"),
            skip: locale.t("skip-to-content"),
            nav_label: locale.t("nav-label"),
            language_label: locale.t("language-label"),
            footer_data: locale.t("footer-data"),
            footer_api: locale.t("footer-api"),
            stylesheet: STYLESHEET_PATH,
            nav,
            languages,
        }
    }
}

/// A link of the language switcher.
#[derive(Debug, Clone)]
pub struct LanguageLink {
    /// `fr`.
    pub code: &'static str,
    /// `Français`.
    pub name: &'static str,
    /// This page in that language.
    pub href: String,
    /// Whether it is the page's language.
    pub current: bool,
}

/// A link of the main navigation.
#[derive(Debug, Clone)]
pub struct NavLink {
    /// Where it goes.
    pub href: &'static str,
    /// Its text.
    pub text: String,
    /// Whether it is the page shown.
    pub current: bool,
}

/// What the layout (`templates/layout.html`) shows around every page.
#[derive(Debug, Clone)]
pub struct Frame {
    /// The page's language code.
    pub lang: &'static str,
    /// `ltr` or `rtl`.
    pub dir: &'static str,
    /// The page's title.
    pub title: String,
    #[allow(missing_docs)]
    pub site_name: String,
    #[allow(missing_docs)]
    pub tagline: String,
    #[allow(missing_docs)]
    pub skip: String,
    #[allow(missing_docs)]
    pub nav_label: String,
    #[allow(missing_docs)]
    pub language_label: String,
    #[allow(missing_docs)]
    pub footer_data: String,
    #[allow(missing_docs)]
    pub footer_api: String,
    /// The stylesheet's path.
    pub stylesheet: &'static str,
    /// The main navigation.
    pub nav: Vec<NavLink>,
    /// The language switcher.
    pub languages: Vec<LanguageLink>,
}

/// A table of figures: caption, header and rows of text already formatted.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// What it holds.
    pub caption: String,
    /// The columns' names.
    pub header: Vec<String>,
    /// The rows; the first cell of each is its header.
    pub rows: Vec<Vec<String>>,
}

/// A chart with everything a reader needs around it.
#[derive(Debug, Clone, Template)]
#[template(path = "figure.html")]
pub struct Figure {
    /// A name unique on the page.
    pub id: String,
    /// Its heading.
    pub title: String,
    /// A sentence on what it shows, if any.
    pub description: String,
    /// The chart.
    pub svg: String,
    /// Its legend (HTML), if any.
    pub legend: String,
    /// Its source and date, written out.
    pub source: String,
    /// Where its figures are as CSV.
    pub csv_href: String,
    /// "Download the figures (CSV)".
    pub csv_text: String,
    /// "The numbers behind the chart".
    pub numbers_text: String,
    /// Its figures.
    pub table: Table,
}

impl Figure {
    /// The figure as HTML.
    pub fn html(&self) -> String {
        self.render().unwrap_or_default()
    }
}

/// The answer of a page: its HTML, and the language cookie when the request chose one.
pub fn render(context: &Context, template: &impl Template) -> Response {
    let html = match template.render() {
        Ok(html) => html,
        Err(error) => {
            tracing::error!(%error, "a page's template cannot be rendered");
            return crate::ApiError::from(app::AppError::Internal(format!(
                "a page's template cannot be rendered: {error}"
            )))
            .into_response();
        }
    };
    let mut response = Html(html).into_response();
    if context.remember {
        // Not `Secure`: it holds only a language, and must work on plain-HTTP installations.
        let cookie = format!(
            "{LANGUAGE_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly",
            context.lang().code()
        );
        if let Ok(value) = axum::http::HeaderValue::from_str(&cookie) {
            response.headers_mut().insert(SET_COOKIE, value);
        }
    }
    response
}

/// A CSV download named `name`.
pub fn csv(name: &str, text: String) -> Response {
    let disposition = format!("inline; filename=\"{name}\"");
    let mut response =
        ([(CONTENT_TYPE, "text/csv; charset=utf-8".to_owned())], text).into_response();
    if let Ok(value) = axum::http::HeaderValue::from_str(&disposition) {
        response
            .headers_mut()
            .insert(axum::http::header::CONTENT_DISPOSITION, value);
    }
    response
}

/// A CSV field, quoted when it needs it.
pub fn csv_field(field: &str) -> String {
    if field.contains([',', '"', '\n']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

/// An optional figure in CSV: empty when absent.
pub fn csv_number(value: Option<f64>) -> String {
    value.map(|value| value.to_string()).unwrap_or_default()
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

/// `text` as a sentence: its first letter a capital (the API's details start in lower case,
/// to be quoted inside other sentences).
pub(crate) fn sentence(text: &str) -> String {
    let mut characters = text.chars();
    match characters.next() {
        Some(first) => first.to_uppercase().chain(characters).collect(),
        None => String::new(),
    }
}

/// The page of an error (`templates/error.html`), inside the layout like any page.
#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    frame: Frame,
    status: u16,
    heading: String,
    detail: String,
    errors: Vec<crate::FieldError>,
    /// Whether the page is in English, the language of the problem's sentences.
    english: bool,
    back: String,
}

/// The message of an error page's title: one per status a browser may meet, else a general
/// one for client or server errors.
fn error_title_id(status: u16) -> &'static str {
    match status {
        400 => "error-400",
        401 => "error-401",
        403 => "error-403",
        404 => "error-404",
        405 => "error-405",
        408 => "error-408",
        409 => "error-409",
        413 => "error-413",
        415 => "error-415",
        422 => "error-422",
        429 => "error-429",
        503 => "error-503",
        500..=599 => "error-500",
        _ => "error-other",
    }
}

/// The HTML page of an error, for browsers, in the reader's language: its status, a title
/// per status, the problem's sentence (and its fields) as the API wrote it, in English, and a
/// way back.
pub fn error_page(context: &Context, problem: &crate::Problem) -> Response {
    let locale = context.locale;
    let heading = locale.t(error_title_id(problem.status));
    let page = ErrorPage {
        frame: context.frame(heading.clone(), ""),
        status: problem.status,
        heading,
        detail: sentence(&problem.detail),
        errors: problem.errors.clone(),
        english: context.lang() == Lang::En,
        back: locale.t("error-back"),
    };
    render(context, &page)
}

/// A party's name on a page: a country's in the page's language, else its own.
pub fn party_name(
    locale: &Locale,
    names: &std::collections::BTreeMap<domain::ledger::PartyCode, String>,
    code: &domain::ledger::PartyCode,
) -> String {
    let fallback = names
        .get(code)
        .cloned()
        .unwrap_or_else(|| code.as_str().to_owned());
    locale.country(code.as_str(), &fallback)
}
