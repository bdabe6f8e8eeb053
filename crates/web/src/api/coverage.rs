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
