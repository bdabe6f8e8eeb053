//! `/rounds/{id}`: a published round's proposal as a table (each share's doses, coverage
//! before and after, what limited it, the country's answer), the before-and-after chart, and
//! its input to download and recompute with `equidose allocate`, its answer and certificate
//! to check with `equidose check`, and the same check run in the page by [`SCRIPT_PATH`]
//! (`check.js`, the independent checker written again in JavaScript); `/rounds/{id}/shares.csv`
//! is the table's figures. Draft rounds are not public: they answer 404 here.

use std::fmt::Write as _;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use domain::ledger::PartyCode;

use super::chart::{self, Bars, STYLES};
use super::locale::{Argument, Locale};
use super::{Context, Figure, Frame, Table, csv, csv_field, party_name, render};
use crate::{ApiError, AppState};

/// The checker the round page runs: `crates/allocation-check` written again in JavaScript,
/// served from the same origin (the pages' policy is `default-src 'self'`, no inline script).
pub const SCRIPT_PATH: &str = "/assets/check.js";
const SCRIPT: &str = include_str!("check.js");

/// `GET /assets/check.js`.
pub async fn script() -> Response {
    (
        [
            (CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (CACHE_CONTROL, "public, max-age=3600"),
        ],
        SCRIPT,
    )
        .into_response()
}

struct Figures {
    round: store::rounds::Round,
    proposal: app::rounds::Proposal,
    names: std::collections::BTreeMap<PartyCode, String>,
}

async fn figures(state: &AppState, id: i64) -> Result<Figures, ApiError> {
    let figures = state
        .app
        .read(|tx| async move {
            let round = app::rounds::view(&tx, None, id).await?;
            let proposal = app::rounds::proposal(&tx, &round)
                .await?
                .unwrap_or_default();
            let names = app::parties::names(&tx).await?;
            Ok(Figures {
                round,
                proposal,
                names,
            })
        })
        .await?;
    Ok(figures)
}

#[derive(Template)]
#[template(path = "round.html")]
struct RoundPage {
    frame: Frame,
    id: i64,
    heading: String,
    lead: String,
    state: String,
    proposal_title: String,
    shares: Table,
    chart: String,
    recompute_title: String,
    recompute_text: String,
    input_href: String,
    input_link: String,
    check_text: String,
    answer_href: String,
    answer_link: String,
    certificate_href: String,
    certificate_link: String,
    /// The in-page check: what it says without JavaScript, and its sentences for the
    /// script (data- attributes), in the page's language.
    in_page: InPage,
    script: &'static str,
}

/// The texts of the in-page check. `passed` names the proposal's doses, formatted here;
/// the script shows it only if the answer it checked allocates exactly `doses`.
struct InPage {
    without_script: String,
    checking: String,
    passed: String,
    failed: String,
    unreachable: String,
    doses: i64,
}

fn answer(locale: &Locale, share: &app::rounds::Share) -> String {
    match (share.response.as_deref(), share.reason.as_deref()) {
        (Some("accept"), _) => locale.t("response-accept"),
        (Some("decline"), reason) => locale.with(
            "response-decline",
            &[(
                "reason",
                Argument::Text(locale.t(&format!("reason-{}", reason.unwrap_or("other")))),
            )],
        ),
        _ => locale.t("response-none"),
    }
}

/// `GET /rounds/{id}`.
pub async fn page(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    context: Context,
) -> Result<Response, ApiError> {
    let Figures {
        round,
        proposal,
        names,
    } = figures(&state, id).await?;
    let locale = context.locale;
    let text = |value: String| Argument::Text(value);
    let organization = party_name(locale, &names, &round.organization);
    let heading = locale.with(
        "round-title",
        &[
            ("id", text(locale.number(round.id))),
            ("organization", text(organization)),
        ],
    );
    let doses: i64 = proposal.shares.iter().map(|share| share.doses).sum();
    let count = i64::try_from(proposal.shares.len()).unwrap_or(i64::MAX);
    let lead = locale.with(
        "round-lead",
        &[
            ("date", text(locale.date(round.date))),
            ("doses", text(locale.number(doses))),
            (
                "countries",
                text(super::dashboard::countries_text(locale, count)),
            ),
        ],
    );
    let countries: Vec<String> = proposal
        .shares
        .iter()
        .map(|share| party_name(locale, &names, &share.country))
        .collect();
    let shares = Table {
        caption: locale.t("round-proposal"),
        header: vec![
            locale.t("col-country"),
            locale.t("col-allocated"),
            locale.t("col-before"),
            locale.t("col-after"),
            locale.t("col-limited"),
            locale.t("col-response"),
        ],
        rows: proposal
            .shares
            .iter()
            .zip(&countries)
            .map(|(share, name)| {
                vec![
                    name.clone(),
                    locale.number(share.doses),
                    locale.decimal(share.coverage_before, 2),
                    locale.decimal(share.coverage_after, 2),
                    if share.limited_by.is_empty() {
                        "–".to_owned()
                    } else {
                        locale.t(&format!("limited-{}", share.limited_by))
                    },
                    answer(locale, share),
                ]
            })
            .collect(),
    };
    let chart_figure = before_after_figure(locale, &round, &proposal, &countries);
    let page = RoundPage {
        frame: context.frame(heading.clone(), ""),
        id: round.id,
        heading,
        lead,
        state: locale.t(&format!("round-state-{}", round.state.as_str())),
        proposal_title: locale.t("round-proposal"),
        shares,
        chart: chart_figure.html(),
        recompute_title: locale.t("round-recompute"),
        recompute_text: locale.t("round-recompute-text"),
        input_href: format!("/api/v1/rounds/{}/input", round.id),
        input_link: locale.t("round-input-link"),
        check_text: locale.t("round-check-text"),
        answer_href: format!("/api/v1/rounds/{}/answer", round.id),
        answer_link: locale.t("round-answer-link"),
        certificate_href: format!("/api/v1/rounds/{}/certificate", round.id),
        certificate_link: locale.t("round-certificate-link"),
        in_page: InPage {
            without_script: locale.t("check-without-script"),
            checking: locale.t("check-checking"),
            passed: locale.with("check-passed", &[("doses", text(locale.number(doses)))]),
            failed: locale.t("check-failed"),
            // The script puts the file and the status that failed in place of `{reason}`.
            unreachable: locale.with("check-unreachable", &[("reason", text("{reason}".into()))]),
            doses,
        },
        script: SCRIPT_PATH,
    };
    Ok(render(&context, &page))
}

/// The coverage of each country of a proposal before and after it, as a figure (this page
/// and the organization's workspace show it).
pub fn before_after_figure(
    locale: &Locale,
    round: &store::rounds::Round,
    proposal: &app::rounds::Proposal,
    countries: &[String],
) -> Figure {
    let text = |value: String| Argument::Text(value);
    let title = locale.t("round-chart");
    let series = vec![
        Bars {
            label: locale.t("legend-before"),
            style: STYLES[1],
            values: proposal
                .shares
                .iter()
                .map(|share| share.coverage_before)
                .collect(),
        },
        Bars {
            label: locale.t("legend-after"),
            style: STYLES[2],
            values: proposal
                .shares
                .iter()
                .map(|share| share.coverage_after)
                .collect(),
        },
    ];
    let svg = chart::bar_chart(&chart::BarChart {
        id: "round-chart",
        title: &title,
        value_label: &locale.t("unit-per-100"),
        categories: countries,
        series: &series,
        value_text: &|value| locale.decimal(value, 2),
    });
    let legend = chart::legend(
        &series
            .iter()
            .map(|bars| (bars.label.clone(), bars.style))
            .collect::<Vec<_>>(),
        true,
    );
    Figure {
        id: "round-chart".to_owned(),
        title: title.clone(),
        description: String::new(),
        svg,
        legend,
        source: locale.with(
            "chart-source",
            &[
                ("source", text(locale.t("source-ledger"))),
                ("date", text(locale.date(round.date))),
            ],
        ),
        csv_href: format!("/rounds/{}/shares.csv", round.id),
        csv_text: locale.t("chart-csv"),
        numbers_text: locale.t("chart-numbers"),
        table: Table {
            caption: title,
            header: vec![
                locale.t("col-country"),
                locale.t("col-before"),
                locale.t("col-after"),
            ],
            rows: proposal
                .shares
                .iter()
                .zip(countries)
                .map(|(share, name)| {
                    vec![
                        name.clone(),
                        locale.decimal(share.coverage_before, 2),
                        locale.decimal(share.coverage_after, 2),
                    ]
                })
                .collect(),
        },
    }
}

/// `GET /rounds/{id}/shares.csv`: each share as the round's proposal gives it.
pub async fn shares_csv(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    let Figures { proposal, .. } = figures(&state, id).await?;
    Ok(csv(
        &format!("round-{id}-shares.csv"),
        shares_text(&proposal),
    ))
}

/// A proposal's shares as CSV.
pub fn shares_text(proposal: &app::rounds::Proposal) -> String {
    let mut text = String::from(
        "share,country,request,doses,coverage_before,coverage_after,limited_by,response,reason\n",
    );
    for share in &proposal.shares {
        writeln!(
            text,
            "{},{},{},{},{},{},{},{},{}",
            share.share,
            csv_field(share.country.as_str()),
            share.request,
            share.doses,
            share.coverage_before,
            share.coverage_after,
            csv_field(&share.limited_by),
            csv_field(share.response.as_deref().unwrap_or_default()),
            csv_field(share.reason.as_deref().unwrap_or_default()),
        )
        .expect("writing to a String cannot fail");
    }
    text
}
