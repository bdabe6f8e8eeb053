//! `/`: the public dashboard. Doses per 100 people by income group over time and on the
//! latest day, pledges kept by donor, doses at risk of expiry (totals only: who holds them is
//! not public), the latest published rounds, the local-production pipeline by stage and the
//! forum's latest meetings. `/charts/coverage.csv` and `/charts/expiry.csv` are the figures
//! behind its charts.
//!
//! A section of its own is one template and one read: the pipeline and the meetings are
//! rendered by `templates/pipeline.html` into the dashboard's `parts`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use app::AppError;
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use domain::coverage::{Grouping, PlatformCoverageRow};
use domain::ledger::PartyCode;

use super::chart::{self, Bars, Line, STYLES};
use super::locale::{Argument, Locale};
use super::{Context, Figure, Frame, Table, csv, csv_field, csv_number, party_name, render};
use crate::{ApiError, AppState};

/// The income groups in the order the dashboard draws them, then the world.
pub const GROUPS: [&str; 5] = [
    "Low income",
    "Lower middle income",
    "Upper middle income",
    "High income",
    "World",
];

/// Days left out of the headline figures at the end of the data: many countries report a few
/// days late, so the last days' totals are incomplete (on 6 August 2021, 64 countries had
/// reported that day and 132 on the 4th). The chart still runs to the last day.
pub const HEADLINE_LAG_DAYS: i64 = 2;

/// How many published rounds the dashboard lists.
pub const ROUNDS_SHOWN: i64 = 5;

/// Everything the dashboard shows, read in one transaction.
#[derive(Debug, Clone)]
pub struct Figures {
    /// The series' first and last days.
    pub from: NaiveDate,
    /// The last day: the latest report or today, whichever is later.
    pub to: NaiveDate,
    /// The day of the headline figures: [`HEADLINE_LAG_DAYS`] before the last report (or
    /// the day asked for with `?date=`, within the series).
    pub headline: NaiveDate,
    /// Coverage by income group and the world, day by day.
    pub coverage: Vec<PlatformCoverageRow>,
    /// Pledged and delivered doses by donor.
    pub fulfilment: Vec<store::cooperation::Fulfilment>,
    /// Doses at risk of expiry, totals.
    pub risk: app::expiry::PublicRisk,
    /// The latest published rounds with their proposals.
    pub rounds: Vec<(store::rounds::Round, Option<app::rounds::Proposal>)>,
    /// Local-production partnerships, by id.
    pub partnerships: Vec<store::agreements::Partnership>,
    /// The forum's meetings, with their outcomes' progress.
    pub meetings: Vec<app::meetings::MeetingReport>,
    /// Parties' names.
    pub names: BTreeMap<PartyCode, String>,
}

/// The dashboard's days: the first report, the series' last day (the last report or today),
/// the headline day (`asked` if within them, else [`HEADLINE_LAG_DAYS`] before the last
/// report), and whether there are reports at all.
async fn span(
    tx: &store::Tx,
    today: NaiveDate,
    asked: Option<NaiveDate>,
) -> Result<(NaiveDate, NaiveDate, NaiveDate, bool), AppError> {
    let (from, to) = app::coverage::default_span(tx, today).await?;
    let last_report = app::coverage::last_report_day(tx).await?;
    let headline = asked.filter(|day| (from..=to).contains(day)).unwrap_or(
        (last_report.unwrap_or(to) - chrono::Duration::days(HEADLINE_LAG_DAYS)).max(from),
    );
    Ok((from, to, headline, last_report.is_some()))
}

/// Reads the dashboard's figures, with the headline figures of `day` if given (and within
/// the series).
pub async fn figures(state: &AppState, day: Option<NaiveDate>) -> Result<Figures, AppError> {
    let now = state.app.now();
    let reference = &state.app.reference;
    state
        .app
        .read(|tx| async move {
            let (from, to, headline, has_reports) = span(&tx, now.date(), day).await?;
            let sources = app::coverage::sources_cached(&tx, reference).await?;
            // A new installation has no reference data yet: its dashboard has no coverage.
            let coverage = if has_reports {
                series_on(
                    &sources,
                    &chart_days(from, headline, headline),
                    Grouping::IncomeGroup,
                    None,
                )?
            } else {
                Vec::new()
            };
            let fulfilment = app::pledges::fulfilment(&tx).await?;
            let risk = app::expiry::public_totals(&tx, now).await?;
            let mut rounds = Vec::new();
            for round in app::rounds::published(&tx, ROUNDS_SHOWN).await? {
                let proposal = app::rounds::proposal(&tx, &round).await?;
                rounds.push((round, proposal));
            }
            let partnerships =
                app::partnerships::list(&tx, None, None, None, app::LIST_ITEMS_MAX).await?;
            let meetings = app::meetings::list(&tx, None, MEETINGS_SHOWN).await?;
            let names = app::parties::names(&tx).await?;
            Ok(Figures {
                from,
                to,
                headline,
                coverage,
                fulfilment,
                risk,
                rounds,
                partnerships,
                meetings,
                names,
            })
        })
        .await
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct Dashboard {
    frame: Frame,
    heading: String,
    lead: String,
    latest: Table,
    latest_note: String,
    cards: Vec<(String, String)>,
    coverage: String,
    fulfilment_title: String,
    fulfilment_none: String,
    fulfilment: Option<String>,
    expiry_title: String,
    expiry_lead: String,
    expiry: Option<String>,
    rounds_title: String,
    rounds_none: String,
    rounds: Vec<(String, String)>,
    /// Sections of objects still to come, each rendered by its own template.
    parts: Vec<String>,
}

/// `GET /`.
pub async fn page(State(state): State<AppState>, context: Context) -> Result<Response, ApiError> {
    let day = context
        .query("date")
        .and_then(|day| NaiveDate::parse_from_str(day, "%Y-%m-%d").ok());
    let figures = figures(&state, day).await?;
    Ok(render(&context, &view(&context, &figures)))
}

/// The days a coverage chart draws: every seventh day back from `to`, and `also` (a week's
/// steps draw the same curve as days at this size, for a seventh of the work; the CSV has
/// every day).
pub fn chart_days(from: NaiveDate, to: NaiveDate, also: NaiveDate) -> Vec<NaiveDate> {
    let mut days: Vec<NaiveDate> =
        std::iter::successors(Some(to), |day| day.checked_sub_days(chrono::Days::new(7)))
            .take_while(|day| *day >= from)
            .chain(std::iter::once(also).filter(|day| (from..=to).contains(day)))
            .collect();
    days.sort();
    days.dedup();
    days
}

/// Coverage rows on each of `days`, as `app::coverage::series` gives them day by day.
pub fn series_on(
    sources: &domain::coverage::CoverageSources,
    days: &[NaiveDate],
    grouping: Grouping,
    group: Option<&str>,
) -> Result<Vec<PlatformCoverageRow>, AppError> {
    let mut rows = Vec::new();
    for day in days {
        rows.extend(app::coverage::series(sources, *day, *day, grouping, group)?);
    }
    Ok(rows)
}

/// The figures of each group on `day`, in [`GROUPS`] order.
fn rows_on(coverage: &[PlatformCoverageRow], day: NaiveDate) -> Vec<&PlatformCoverageRow> {
    GROUPS
        .iter()
        .filter_map(|group| {
            coverage
                .iter()
                .find(|row| row.reference.date == day && row.reference.group == *group)
        })
        .collect()
}

fn per_100_text(locale: &Locale, value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_owned(), |value| locale.decimal(value, 2))
}

/// The coverage chart of `lines` as a figure.
pub fn coverage_figure(
    locale: &Locale,
    id: &str,
    title: String,
    description: String,
    lines: &[Line],
    csv_href: String,
    to: NaiveDate,
) -> Figure {
    let svg = chart::line_chart(&chart::LineChart {
        id,
        title: &title,
        y_label: &locale.t("unit-per-100"),
        x_label: &locale.t("axis-date"),
        lines,
        y_text: &|value| locale.decimal(value, 0),
        month_text: &|day| locale.month(day),
        end_text: &|value| locale.decimal(value, 2),
    });
    let legend = chart::legend(
        &lines
            .iter()
            .map(|line| (line.label.clone(), line.style))
            .collect::<Vec<_>>(),
        false,
    );
    // The table: the days drawn, latest first.
    let mut days: Vec<NaiveDate> = lines
        .iter()
        .flat_map(|line| line.points.iter().map(|(day, _)| *day))
        .collect();
    days.sort();
    days.dedup();
    days.reverse();
    let mut header = vec![locale.t("col-date")];
    header.extend(lines.iter().map(|line| line.label.clone()));
    let rows = days
        .iter()
        .map(|day| {
            let mut row = vec![locale.date(*day)];
            row.extend(lines.iter().map(|line| {
                line.points
                    .iter()
                    .find(|(point, _)| point == day)
                    .map_or_else(|| "–".to_owned(), |(_, value)| locale.decimal(*value, 2))
            }));
            row
        })
        .collect();
    Figure {
        id: id.to_owned(),
        title: title.clone(),
        description,
        svg,
        legend,
        source: locale.with(
            "chart-source",
            &[
                ("source", Argument::Text(locale.t("source-reference"))),
                ("date", Argument::Text(locale.date(to))),
            ],
        ),
        csv_href,
        csv_text: locale.t("chart-csv"),
        numbers_text: locale.t("chart-numbers"),
        table: Table {
            caption: title,
            header,
            rows,
        },
    }
}

fn view(context: &Context, figures: &Figures) -> Dashboard {
    let locale = context.locale;
    let text = |value: String| Argument::Text(value);
    let latest_rows = rows_on(&figures.coverage, figures.headline);
    let per_100_of = |group: &str| {
        latest_rows
            .iter()
            .find(|row| row.reference.group == group)
            .and_then(|row| row.reference.per_100)
    };
    let date = locale.date(figures.headline);
    let lead = locale.with(
        "dashboard-lead",
        &[
            ("date", text(date.clone())),
            ("low", text(per_100_text(locale, per_100_of("Low income")))),
            (
                "high",
                text(per_100_text(locale, per_100_of("High income"))),
            ),
        ],
    );
    let latest = Table {
        caption: locale.with("latest-caption", &[("date", text(date.clone()))]),
        header: vec![
            locale.t("col-group"),
            locale.t("col-doses"),
            locale.t("col-population"),
            locale.t("col-per-100"),
        ],
        rows: latest_rows
            .iter()
            .map(|row| {
                vec![
                    locale.group(&row.reference.group),
                    locale.number(row.reference.doses),
                    row.reference
                        .population
                        .map_or_else(|| "–".to_owned(), |population| locale.number(population)),
                    per_100_text(locale, row.reference.per_100),
                ]
            })
            .collect(),
    };
    let cards = latest_rows
        .iter()
        .map(|row| {
            (
                locale.group(&row.reference.group),
                per_100_text(locale, row.reference.per_100),
            )
        })
        .collect();
    let lines: Vec<Line> = GROUPS
        .iter()
        .zip(STYLES)
        .map(|(group, style)| Line {
            label: locale.group(group),
            style,
            points: figures
                .coverage
                .iter()
                .filter(|row| row.reference.group == *group)
                .filter_map(|row| {
                    row.reference
                        .per_100
                        .map(|value| (row.reference.date, value))
                })
                .collect(),
        })
        .collect();
    let coverage = coverage_figure(
        locale,
        "coverage",
        locale.t("coverage-title"),
        locale.with(
            "coverage-desc",
            &[
                ("from", text(locale.date(figures.from))),
                ("to", text(date.clone())),
            ],
        ),
        &lines,
        "/charts/coverage.csv".to_owned(),
        figures.headline,
    )
    .html();
    let fulfilment = (!figures.fulfilment.is_empty()).then(|| {
        super::pledges::fulfilment_figure(locale, &figures.fulfilment, &figures.names, figures.to)
            .html()
    });
    let expiry_lead = if figures.risk.doses_at_risk > 0 {
        locale.with(
            "expiry-lead",
            &[("doses", text(locale.number(figures.risk.doses_at_risk)))],
        )
    } else {
        locale.t("expiry-none")
    };
    let expiry = (!figures.risk.by_week.is_empty())
        .then(|| expiry_figure(locale, &figures.risk, figures.to).html());
    let rounds = figures
        .rounds
        .iter()
        .map(|(round, proposal)| {
            let (doses, countries) = proposal.as_ref().map_or((0, 0), |proposal| {
                (
                    proposal.shares.iter().map(|share| share.doses).sum::<i64>(),
                    proposal.shares.len(),
                )
            });
            let countries = i64::try_from(countries).unwrap_or(i64::MAX);
            (
                format!("/rounds/{}", round.id),
                locale.with(
                    "round-item",
                    &[
                        ("id", text(locale.number(round.id))),
                        (
                            "organization",
                            text(party_name(locale, &figures.names, &round.organization)),
                        ),
                        ("date", text(locale.date(round.date))),
                        ("doses", text(locale.number(doses))),
                        ("countries", text(countries_text(locale, countries))),
                    ],
                ),
            )
        })
        .collect();
    Dashboard {
        frame: context.frame(locale.t("dashboard-title"), "dashboard"),
        heading: locale.t("dashboard-title"),
        lead,
        latest,
        latest_note: locale.t("latest-note"),
        cards,
        coverage,
        fulfilment_title: locale.t("fulfilment-title"),
        fulfilment_none: locale.t("fulfilment-none"),
        fulfilment,
        expiry_title: locale.t("expiry-title"),
        expiry_lead,
        expiry,
        rounds_title: locale.t("rounds-title"),
        rounds_none: locale.t("rounds-none"),
        rounds,
        parts: vec![pipeline(locale, figures).render().unwrap_or_default()],
    }
}

/// How many meetings the dashboard lists.
const MEETINGS_SHOWN: i64 = 5;

/// The local-production pipeline by stage and the forum's latest meetings.
#[derive(Template)]
#[template(path = "pipeline.html")]
struct Pipeline {
    title: String,
    lead: String,
    stages: Table,
    meetings_title: String,
    meetings_none: String,
    meetings: Vec<(String, String)>,
}

fn pipeline(locale: &Locale, figures: &Figures) -> Pipeline {
    use domain::cooperation::partnership::PartnershipStage;
    let text = |value: String| Argument::Text(value);
    let rows = PartnershipStage::ALL
        .iter()
        .map(|stage| {
            let at: Vec<&store::agreements::Partnership> = figures
                .partnerships
                .iter()
                .filter(|partnership| partnership.stage == *stage)
                .collect();
            let sites = at
                .iter()
                .map(|partnership| {
                    format!(
                        "{} – {} ({})",
                        party_name(locale, &figures.names, &partnership.manufacturer),
                        party_name(locale, &figures.names, &partnership.partner),
                        partnership.site
                    )
                })
                .collect::<Vec<_>>()
                .join("; ");
            vec![
                locale.t(&format!("state-{}", stage.as_str())),
                locale.number(i64::try_from(at.len()).unwrap_or(i64::MAX)),
                locale.number(
                    at.iter()
                        .map(|partnership| partnership.capacity_per_year)
                        .sum(),
                ),
                if sites.is_empty() {
                    "–".to_owned()
                } else {
                    sites
                },
            ]
        })
        .collect();
    let meetings = figures
        .meetings
        .iter()
        .map(|report| {
            let (promised, delivered) = report.totals();
            (
                format!("/meetings/{}", report.meeting.id),
                locale.with(
                    "meeting-item",
                    &[
                        ("title", text(report.meeting.title.clone())),
                        ("date", text(locale.date(report.meeting.date))),
                        ("promised", text(locale.number(promised))),
                        ("delivered", text(locale.number(delivered))),
                    ],
                ),
            )
        })
        .collect();
    Pipeline {
        title: locale.t("pipeline-title"),
        lead: locale.t("pipeline-lead"),
        stages: Table {
            caption: locale.t("pipeline-title"),
            header: vec![
                locale.t("col-stage"),
                locale.t("col-partnerships"),
                locale.t("col-capacity"),
                locale.t("col-sites"),
            ],
            rows,
        },
        meetings_title: locale.t("meetings-title"),
        meetings_none: locale.t("meetings-none"),
        meetings,
    }
}

/// "3 countries", in the language.
pub fn countries_text(locale: &Locale, count: i64) -> String {
    locale.with(
        "countries-count",
        &[
            ("n", Argument::Count(count)),
            ("shown", Argument::Text(locale.number(count))),
        ],
    )
}

fn expiry_figure(locale: &Locale, risk: &app::expiry::PublicRisk, to: NaiveDate) -> Figure {
    let title = locale.t("expiry-chart");
    let categories: Vec<String> = risk
        .by_week
        .iter()
        .map(|(monday, _)| locale.date(*monday))
        .collect();
    #[allow(clippy::cast_precision_loss, reason = "dose counts are far below 2^53")]
    let values = risk
        .by_week
        .iter()
        .map(|(_, doses)| *doses as f64)
        .collect();
    let series = vec![Bars {
        label: locale.t("col-at-risk"),
        style: STYLES[0],
        values,
    }];
    #[allow(
        clippy::cast_possible_truncation,
        reason = "the values are whole dose counts"
    )]
    let value_text = |value: f64| locale.number(value.round() as i64);
    let svg = chart::bar_chart(&chart::BarChart {
        id: "expiry-chart",
        title: &title,
        value_label: &locale.t("unit-doses"),
        categories: &categories,
        series: &series,
        value_text: &value_text,
    });
    let mut rows: Vec<Vec<String>> = risk
        .by_week
        .iter()
        .map(|(monday, doses)| vec![locale.date(*monday), String::new(), locale.number(*doses)])
        .collect();
    rows.extend(risk.by_product.iter().map(|(product, doses)| {
        vec![
            String::from("–"),
            product.as_str().to_owned(),
            locale.number(*doses),
        ]
    }));
    Figure {
        id: "expiry-chart".to_owned(),
        title: title.clone(),
        description: locale.t("expiry-note"),
        svg,
        legend: String::new(),
        source: locale.with(
            "chart-source",
            &[
                ("source", Argument::Text(locale.t("source-ledger"))),
                ("date", Argument::Text(locale.date(to))),
            ],
        ),
        csv_href: "/charts/expiry.csv".to_owned(),
        csv_text: locale.t("chart-csv"),
        numbers_text: locale.t("chart-numbers"),
        table: Table {
            caption: title,
            header: vec![
                locale.t("col-week"),
                locale.t("col-product"),
                locale.t("col-at-risk"),
            ],
            rows,
        },
    }
}

/// The CSV header of coverage series, the fields of `GET /api/v1/coverage/series`.
pub const SERIES_CSV_HEADER: &str = "group,date,doses,population,per_100,platform_doses_delivered,platform_doses_administered,doses_administered,administered_per_100,delivered_per_100\n";

/// Coverage rows as CSV, with the API's field names and figures.
pub fn series_csv(rows: &[PlatformCoverageRow]) -> String {
    let mut text = String::from(SERIES_CSV_HEADER);
    for row in rows {
        writeln!(
            text,
            "{},{},{},{},{},{},{},{},{},{}",
            csv_field(&row.reference.group),
            row.reference.date,
            row.reference.doses,
            row.reference
                .population
                .map(|population| population.to_string())
                .unwrap_or_default(),
            csv_number(row.reference.per_100),
            row.platform_doses_delivered,
            row.platform_doses_administered,
            row.doses_administered,
            csv_number(row.administered_per_100),
            csv_number(row.delivered_per_100),
        )
        .expect("writing to a String cannot fail");
    }
    text
}

/// `GET /charts/coverage.csv`: the coverage chart's figures, every day from the first report
/// to the headline day (`?date=` as the dashboard's), as `GET /api/v1/coverage/series` gives
/// them for those days.
pub async fn coverage_csv(
    State(state): State<AppState>,
    context: Context,
) -> Result<Response, ApiError> {
    let now = state.app.now();
    let reference = &state.app.reference;
    let asked = context
        .query("date")
        .and_then(|day| NaiveDate::parse_from_str(day, "%Y-%m-%d").ok());
    let rows = state
        .app
        .read(|tx| async move {
            let (from, _, headline, has_reports) = span(&tx, now.date(), asked).await?;
            if !has_reports {
                return Ok(Vec::new());
            }
            let sources = app::coverage::sources_cached(&tx, reference).await?;
            app::coverage::series(&sources, from, headline, Grouping::IncomeGroup, None)
        })
        .await?;
    Ok(csv("coverage.csv", series_csv(&rows)))
}

/// `GET /charts/expiry.csv`: doses at risk by week of expiry and by product.
pub async fn expiry_csv(State(state): State<AppState>) -> Result<Response, ApiError> {
    let now = state.app.now();
    let risk = state
        .app
        .read(|tx| async move { app::expiry::public_totals(&tx, now).await })
        .await?;
    let mut text = String::from("week,product,doses_at_risk\n");
    for (monday, doses) in &risk.by_week {
        writeln!(text, "{monday},,{doses}").expect("writing to a String cannot fail");
    }
    for (product, doses) in &risk.by_product {
        writeln!(text, ",{},{doses}", csv_field(product.as_str()))
            .expect("writing to a String cannot fail");
    }
    Ok(csv("expiry.csv", text).into_response())
}
