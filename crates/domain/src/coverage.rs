//! Coverage: doses administered per 100 people, by country and by income group, on a day.
//!
//! Countries report irregularly, so a cumulative total stays true until the next report: the
//! figure for a day is each country's last reported total on or before that day, carried
//! forward, never interpolated. A group's per-100 figure divides by the group's own row of
//! the population table, as the published figures do.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::country::{Country, CountryCode, IncomeGroup, WORLD};

/// How a report groups countries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    /// One row per income group, then `World`.
    IncomeGroup,
    /// One row per country, by code.
    Country,
}

/// One line of a coverage report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoverageRow {
    /// The income group's name as in the classification file, `World`, or a country code.
    pub group: String,
    /// The day of the figure.
    pub date: NaiveDate,
    /// Cumulative doses administered by that day.
    pub doses: i64,
    /// The denominator; absent for a place the population table does not cover.
    pub population: Option<i64>,
    /// Doses per 100 people; absent when the population is.
    pub per_100: Option<f64>,
}

/// Why a report cannot be computed from what the store holds.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CoverageError {
    /// The population table has no row above zero people for a group's denominator; holds
    /// the row's name (`Low-income countries`), then the group's (`Low income`).
    #[error(
        "the population table has no row for {0:?}, which the {1} figure divides by; import a population file that has it"
    )]
    MissingGroupPopulation(String, String),
}

/// The last value reported on or before `date` in a series sorted by day.
pub fn last_reported_on(series: &[(NaiveDate, i64)], date: NaiveDate) -> Option<i64> {
    let reported = series.partition_point(|(day, _)| *day <= date);
    reported.checked_sub(1).map(|index| series[index].1)
}

/// Coverage on `date`.
///
/// `totals` holds each country's last reported cumulative total on or before `date`; a
/// country missing from it had reported nothing yet and counts zero doses. Countries in
/// `totals` but not in `countries` are ignored: the caller asked about known countries.
pub fn coverage_on(
    date: NaiveDate,
    grouping: Grouping,
    countries: &[Country],
    group_populations: &BTreeMap<String, i64>,
    totals: &BTreeMap<CountryCode, i64>,
) -> Result<Vec<CoverageRow>, CoverageError> {
    let doses_of = |country: &Country| totals.get(&country.code).copied().unwrap_or(0);
    match grouping {
        Grouping::Country => {
            let mut rows: Vec<CoverageRow> = countries
                .iter()
                .map(|country| {
                    row(
                        country.code.to_string(),
                        date,
                        doses_of(country),
                        country.population,
                    )
                })
                .collect();
            rows.sort_by(|left, right| left.group.cmp(&right.group));
            Ok(rows)
        }
        Grouping::IncomeGroup => {
            let mut rows = Vec::with_capacity(IncomeGroup::ALL.len() + 1);
            for group in IncomeGroup::ALL {
                let doses = countries
                    .iter()
                    .filter(|country| country.income_group == Some(group))
                    .map(doses_of)
                    .sum();
                let population =
                    group_population(group_populations, group.population_entity(), group.name())?;
                rows.push(row(group.name().to_owned(), date, doses, Some(population)));
            }
            // The world counts every country, classified or not.
            let doses = countries.iter().map(doses_of).sum();
            let population = group_population(group_populations, WORLD, WORLD)?;
            rows.push(row(WORLD.to_owned(), date, doses, Some(population)));
            Ok(rows)
        }
    }
}

fn group_population(
    group_populations: &BTreeMap<String, i64>,
    entity: &str,
    group: &str,
) -> Result<i64, CoverageError> {
    group_populations
        .get(entity)
        .copied()
        .filter(|population| *population > 0)
        .ok_or_else(|| CoverageError::MissingGroupPopulation(entity.to_owned(), group.to_owned()))
}

fn row(group: String, date: NaiveDate, doses: i64, population: Option<i64>) -> CoverageRow {
    let population = population.filter(|population| *population > 0);
    let per_100 = population.map(|population| doses as f64 * 100.0 / population as f64);
    CoverageRow {
        group,
        date,
        doses,
        population,
        per_100,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn last_reported_carries_forward_and_never_looks_ahead() {
        let series = [(day("2021-01-03"), 10), (day("2021-01-10"), 30)];
        assert_eq!(last_reported_on(&series, day("2021-01-02")), None);
        assert_eq!(last_reported_on(&series, day("2021-01-03")), Some(10));
        assert_eq!(last_reported_on(&series, day("2021-01-09")), Some(10));
        assert_eq!(last_reported_on(&series, day("2021-02-01")), Some(30));
        assert_eq!(last_reported_on(&[], day("2021-02-01")), None);
    }
}
