//! `/`: the start page, a plain one until the public dashboard replaces it.

use axum::extract::State;
use axum::response::Html;

use crate::AppState;
use crate::pages::{escape, page};

/// The start page: what Equidose is, today's date by the server's clock, and where to go.
pub async fn home(State(state): State<AppState>) -> Html<String> {
    let today = state.app.clock.today();
    page(
        "Vaccine cooperation",
        &format!(
            "<h1>Equidose</h1>\n\
             <p class=\"lead\">A shared dose ledger, a fair allocation engine and equity signals for \
             international vaccine cooperation.</p>\n\
             <p>The platform's day: <time datetime=\"{today}\">{today_text}</time>.</p>\n\
             <ul>\n\
             <li><a href=\"/api/v1/openapi.json\">The API's OpenAPI document</a></li>\n\
             <li><a href=\"/api/v1/coverage?date=2021-08-04&amp;by=income-group\">Doses per 100 people by income group on 4 August 2021 (JSON)</a></li>\n\
             <li><a href=\"/api/v1/health\">Health</a></li>\n\
             </ul>",
            today = today,
            today_text = escape(&today.format("%-d %B %Y").to_string()),
        ),
    )
}
