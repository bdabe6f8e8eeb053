//! `/countries/{code}`: one country's doses per 100 people over time against its income group
//! and the world, the doses delivered to it through the platform, and the pledges it received;
//! `/countries/{code}/coverage.csv` is its chart's figures.

use app::pledges::PledgeQuery;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use domain::country::Country;
use domain::country::WORLD;
use domain::coverage::{Grouping, PlatformCoverageRow};
use domain::ledger::PartyCode;

use super::chart::{Line, STYLES};
use super::dashboard::{chart_days, coverage_figure, series_csv, series_on};
use super::locale::Argument;
use super::{Context, Frame, Table, party_name, render};
use crate::{ApiError, AppState};

/// A country's figures: itself, its group's and the world's rows, day by day.
struct Figures {
    country: Country,
    to: chrono::NaiveDate,
    rows: Vec<PlatformCoverageRow>,
    pledges: Vec<store::cooperation::Pledge>,
    names: std::collections::BTreeMap<PartyCode, String>,
}

async fn figures(state: &AppState, code: String, every_day: bool) -> Result<Figures, ApiError> {
    let now = state.app.now();
    let reference = &state.app.reference;
    let figures = state
        .app
        .read(|tx| async move {
            let (from, to) = app::coverage::default_span(&tx, now.date()).await?;
            let sources = app::coverage::sources_cached(&tx, reference).await?;
            let Some(country) = sources
                .countries
                .iter()
                .find(|country| country.code.as_str() == code)
                .cloned()
            else {
                return Ok(None);
            };
            // Every day for the CSV; the chart's days for the page.
            let days: Vec<chrono::NaiveDate> = if every_day {
                from.iter_days().take_while(|day| *day <= to).collect()
            } else {
                chart_days(from, to, to)
            };
            let mut rows = series_on(&sources, &days, Grouping::Country, Some(&code))?;
            if let Some(group) = country.income_group {
                rows.extend(series_on(
                    &sources,
                    &days,
                    Grouping::IncomeGroup,
                    Some(group.name()),
                )?);
            }
            rows.extend(series_on(
                &sources,
                &days,
                Grouping::IncomeGroup,
                Some(WORLD),
            )?);
            let pledges = match PartyCode::parse(&code) {
                Ok(party) => {
                    app::pledges::list(
                        &tx,
                        &PledgeQuery {
                            state: None,
                            donor: None,
                            to: Some(party),
                            after: None,
                            limit: app::LIST_ITEMS_MAX,
                        },
                    )
                    .await?
                }
                Err(_) => Vec::new(),
            };
            let names = app::parties::names(&tx).await?;
            Ok(Some(Figures {
                country,
                to,
                rows,
                pledges,
                names,
            }))
        })
        .await?;
    figures.ok_or_else(|| ApiError::not_found("No country has this code."))
}

#[derive(Template)]
#[template(path = "country.html")]
struct CountryPage {
    frame: Frame,
    back: String,
    heading: String,
    lead: String,
    coverage: String,
    deliveries_title: String,
    deliveries: String,
    pledges_title: String,
    no_pledges: String,
    pledges: Table,
}

/// `GET /countries/{code}`.
pub async fn page(
    State(state): State<AppState>,
    Path(code): Path<String>,
    context: Context,
) -> Result<Response, ApiError> {
    let figures = figures(&state, code.to_ascii_uppercase(), false).await?;
    let locale = context.locale;
    let text = |value: String| Argument::Text(value);
    let code = figures.country.code.as_str();
    let name = locale.country(code, &figures.country.name);
    let group = figures.country.income_group.map(|group| group.name());
    let own = |row: &&PlatformCoverageRow| row.reference.group == code;
    let last = figures
        .rows
        .iter()
        .filter(own)
        .find(|row| row.reference.date == figures.to);
    let lead = match last.and_then(|row| row.reference.per_100) {
        Some(per_100) => locale.with(
            "country-lead",
            &[
                ("country", text(name.clone())),
                (
                    "group",
                    text(group.map_or_else(|| locale.t("group-none"), |group| locale.group(group))),
                ),
                ("per100", text(locale.decimal(per_100, 2))),
                ("date", text(locale.date(figures.to))),
            ],
        ),
        None => locale.with("country-lead-unknown", &[("country", text(name.clone()))]),
    };
    let mut lines = vec![Line {
        label: name.clone(),
        style: STYLES[0],
        points: Vec::new(),
    }];
    if let Some(group) = group {
        lines.push(Line {
            label: locale.group(group),
            style: STYLES[3],
            points: Vec::new(),
        });
    }
    lines.push(Line {
        label: locale.group(WORLD),
        style: STYLES[4],
        points: Vec::new(),
    });
    for row in &figures.rows {
        let Some(value) = row.reference.per_100 else {
            continue;
        };
        let index = if row.reference.group == code {
            0
        } else if Some(row.reference.group.as_str()) == group {
            1
        } else {
            lines.len() - 1
        };
        lines[index].points.push((row.reference.date, value));
    }
    let coverage = coverage_figure(
        locale,
        "coverage",
        locale.with("country-chart", &[("country", text(name.clone()))]),
        String::new(),
        &lines,
        format!("/countries/{code}/coverage.csv"),
        figures.to,
    )
    .html();
    let delivered = last.map_or(0, |row| row.platform_doses_delivered);
    let deliveries = if delivered > 0 {
        locale.with(
            "country-delivered",
            &[
                ("doses", text(locale.number(delivered))),
                ("date", text(locale.date(figures.to))),
            ],
        )
    } else {
        locale.t("country-no-deliveries")
    };
    let pledges_title = locale.t("country-pledges");
    let pledges = Table {
        caption: pledges_title.clone(),
        header: vec![
            locale.t("col-donor"),
            locale.t("col-pledged"),
            locale.t("col-delivered"),
            locale.t("col-due"),
            locale.t("col-state"),
        ],
        rows: figures
            .pledges
            .iter()
            .map(|pledge| {
                vec![
                    party_name(locale, &figures.names, &pledge.donor),
                    locale.number(pledge.doses),
                    locale.number(pledge.doses_delivered),
                    locale.date(pledge.by),
                    super::pledges::pledge_state(locale, pledge),
                ]
            })
            .collect(),
    };
    let page = CountryPage {
        frame: context.frame(name.clone(), "countries"),
        back: locale.t("country-back"),
        heading: name,
        lead,
        coverage,
        deliveries_title: locale.t("country-deliveries"),
        deliveries,
        pledges_title,
        no_pledges: locale.t("country-no-pledges"),
        pledges,
    };
    Ok(render(&context, &page))
}

/// `GET /countries/{code}/coverage.csv`: the country's, its income group's and the world's
/// rows, day by day, with the fields of `GET /api/v1/coverage/series`.
pub async fn coverage_csv(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Response, ApiError> {
    let figures = figures(&state, code.to_ascii_uppercase(), true).await?;
    Ok(super::csv(
        &format!("coverage-{}.csv", figures.country.code.as_str()),
        series_csv(&figures.rows),
    ))
}
