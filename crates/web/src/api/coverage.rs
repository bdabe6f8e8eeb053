//! `GET /api/v1/coverage`: doses per 100 people on a day, by country or income group; the same
//! rows as `equidose report coverage --format json`.

use axum::Json;
use axum::extract::State;
use chrono::NaiveDate;
use domain::coverage::{CoverageRow, Grouping};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::error::{ApiError, Problem};
use crate::extract::{ApiQuery, Day};

/// How rows group countries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum By {
    /// One row per income group, poorest first, then `World`.
    #[default]
    IncomeGroup,
    /// One row per country, by code.
    Country,
}

/// The query of `GET /api/v1/coverage`: which day, and how rows group countries.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CoverageQuery {
    /// The day (YYYY-MM-DD); by default the last day with a report.
    #[param(value_type = Option<String>, format = Date, example = "2021-06-30")]
    pub date: Option<Day>,
    /// `income-group` (the default) or `country`.
    #[param(inline)]
    pub by: Option<By>,
}

/// One row: a group's (or country's) cumulative doses on the day, carried forward from its
/// last report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CoverageRowBody {
    /// An income group's name (`Low income`), `World`, or a country code.
    #[schema(example = "Low income")]
    pub group: String,
    /// The day of the figure.
    pub date: NaiveDate,
    /// Cumulative doses administered by that day.
    pub doses: i64,
    /// The denominator; null for a place the population table does not cover.
    pub population: Option<i64>,
    /// Doses per 100 people; null when the population is.
    pub per_100: Option<f64>,
}

impl From<CoverageRow> for CoverageRowBody {
    fn from(row: CoverageRow) -> Self {
        Self {
            group: row.group,
            date: row.date,
            doses: row.doses,
            population: row.population,
            per_100: row.per_100,
        }
    }
}

/// Doses administered per 100 people on a day, each country's last report carried forward.
#[utoipa::path(
    get,
    path = "/api/v1/coverage",
    tag = "coverage",
    params(CoverageQuery),
    responses(
        (status = 200, description = "The rows, in report order.", body = Vec<CoverageRowBody>),
        (status = 409, description = "No reports yet (and no date given), or a population the figures divide by is missing (`code` says which).",
            body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An invalid parameter, named in `errors`.", body = Problem,
            content_type = "application/problem+json"),
    )
)]
pub async fn coverage(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<CoverageQuery>,
) -> Result<Json<Vec<CoverageRowBody>>, ApiError> {
    let date = match query.date {
        Some(Day(date)) => date,
        None => match state.app.store.report_days().await? {
            Some((_, last)) => last,
            None => {
                return Err(ApiError::conflict(
                    "no_reports",
                    "The database has no vaccination reports yet, so there is no last report day; import reports or give a date.",
                ));
            }
        },
    };
    let grouping = match query.by.unwrap_or_default() {
        By::IncomeGroup => Grouping::IncomeGroup,
        By::Country => Grouping::Country,
    };
    let rows = state.app.store.coverage_on(date, grouping).await?;
    Ok(Json(rows.into_iter().map(CoverageRowBody::from).collect()))
}

/// The query of `GET /api/v1/coverage/series`.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SeriesQuery {
    /// The first day (YYYY-MM-DD); by default the first day with a report.
    #[param(value_type = Option<String>, format = Date, example = "2021-01-01")]
    pub from: Option<Day>,
    /// The last day (YYYY-MM-DD), at most 1,000 days after `from`; by default the last day
    /// with a report, or today's platform day if later.
    #[param(value_type = Option<String>, format = Date, example = "2021-08-06")]
    pub to: Option<Day>,
    /// `income-group` (the default) or `country`.
    #[param(inline)]
    pub by: Option<By>,
    /// Only this row: an income group's name (`Low income`), `World`, or a country code
    /// (with `by=country`).
    #[param(example = "Low income")]
    pub group: Option<String>,
}

/// One day of one group (or country): the reference data's figure and what the platform adds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SeriesRowBody {
    /// An income group's name (`Low income`), `World`, or a country code.
    #[schema(example = "Low income")]
    pub group: String,
    /// The day of the figures.
    pub date: NaiveDate,
    /// Reference data only: cumulative doses administered by that day, each country's last
    /// report carried forward (the figure of `GET /api/v1/coverage`).
    pub doses: i64,
    /// The denominator; null for a place the population table does not cover.
    pub population: Option<i64>,
    /// Reference data only: `doses` per 100 people.
    pub per_100: Option<f64>,
    /// Platform only: doses received on the platform by that day (`receive` movements into
    /// the countries' accounts, every one: the reference data counts administrations, not
    /// deliveries).
    pub platform_doses_delivered: i64,
    /// Platform only: doses administered on the platform (`administer` movements) after each
    /// country's last reference report on or before the day, through the day; earlier ones
    /// are in the reported totals already and are not counted twice.
    pub platform_doses_administered: i64,
    /// Both: `doses` plus `platform_doses_administered`.
    pub doses_administered: i64,
    /// Both: `doses_administered` per 100 people.
    pub administered_per_100: Option<f64>,
    /// Platform only: `platform_doses_delivered` per 100 people.
    pub delivered_per_100: Option<f64>,
}

/// Coverage day by day, from the reference data and the platform together: doses
/// administered per 100 people as reported, plus the doses delivered and administered on the
/// platform (each figure says which source it counts).
#[utoipa::path(
    get,
    path = "/api/v1/coverage/series",
    tag = "coverage",
    params(SeriesQuery),
    responses(
        (status = 200, description = "One row per day and group (or country), by day then in report order.", body = Vec<SeriesRowBody>),
        (status = 409, description = "No reports yet (and no dates given), or a population the figures divide by is missing (`code` says which).",
            body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An invalid parameter, named in `errors`: a day, `to` before `from` or too far, an unknown `group`.", body = Problem,
            content_type = "application/problem+json"),
    )
)]
pub async fn coverage_series(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<SeriesQuery>,
) -> Result<Json<Vec<SeriesRowBody>>, ApiError> {
    let today = state.app.now().date();
    let grouping = match query.by.unwrap_or_default() {
        By::IncomeGroup => Grouping::IncomeGroup,
        By::Country => Grouping::Country,
    };
    let group = query.group;
    let (from, to) = (query.from.map(|day| day.0), query.to.map(|day| day.0));
    let reference = &state.app.reference;
    let rows = state
        .app
        .read(|tx| {
            let group = group.clone();
            async move {
                let days = tx.report_days().await?;
                let (from, to) = match (from, to, days) {
                    (Some(from), Some(to), _) => (from, to),
                    (from, to, Some((first, last))) => {
                        (from.unwrap_or(first), to.unwrap_or(last.max(today)))
                    }
                    _ => {
                        return Err(app::AppError::Conflict {
                            code: "no_reports",
                            detail: "The database has no vaccination reports yet, so there are no default days; import reports or give from and to.".into(),
                        });
                    }
                };
                let sources = app::coverage::sources_cached(&tx, reference).await?;
                app::coverage::series(&sources, from, to, grouping, group.as_deref())
            }
        })
        .await?;
    Ok(Json(
        rows.into_iter()
            .map(|row| SeriesRowBody {
                group: row.reference.group,
                date: row.reference.date,
                doses: row.reference.doses,
                population: row.reference.population,
                per_100: row.reference.per_100,
                platform_doses_delivered: row.platform_doses_delivered,
                platform_doses_administered: row.platform_doses_administered,
                doses_administered: row.doses_administered,
                administered_per_100: row.administered_per_100,
                delivered_per_100: row.delivered_per_100,
            })
            .collect(),
    ))
}
