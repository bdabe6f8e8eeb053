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

/// Doses a country received and administered on the platform on one day (its `receive` and
/// `administer` movements).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PlatformDay {
    /// Doses received (shipments confirmed).
    pub delivered: i64,
    /// Doses administered.
    pub administered: i64,
}

/// A coverage row with what the platform adds to the reference data.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlatformCoverageRow {
    /// The row from the reference data alone (`doses`, `per_100`), as `report coverage`.
    pub reference: CoverageRow,
    /// Doses received on the platform by that day (all of them: the reference data counts
    /// administrations, not deliveries).
    pub platform_doses_delivered: i64,
    /// Doses administered on the platform after each country's last reference report on or
    /// before the day, through the day (earlier ones are in the reported totals already).
    pub platform_doses_administered: i64,
    /// `reference.doses` plus `platform_doses_administered`.
    pub doses_administered: i64,
    /// `doses_administered` per 100 people; absent when the population is.
    pub administered_per_100: Option<f64>,
    /// `platform_doses_delivered` per 100 people; absent when the population is.
    pub delivered_per_100: Option<f64>,
}

/// Everything coverage over time is computed from: the reference data and the platform's
/// daily deliveries and administrations, by country.
#[derive(Debug, Clone, Default)]
pub struct CoverageSources {
    /// The countries of the reference data.
    pub countries: Vec<Country>,
    /// The population table's rows for groups (`Low-income countries`, `World`).
    pub group_populations: BTreeMap<String, i64>,
    /// Each country's reported cumulative totals, sorted by day.
    pub reports: BTreeMap<CountryCode, Vec<(NaiveDate, i64)>>,
    /// Each country's platform doses by day.
    pub platform: BTreeMap<CountryCode, BTreeMap<NaiveDate, PlatformDay>>,
}

impl CoverageSources {
    /// A country's last report on or before `date` in the reference data: its day and the
    /// cumulative total of doses it gives.
    pub fn last_report_on(
        &self,
        country: &CountryCode,
        date: NaiveDate,
    ) -> Option<(NaiveDate, i64)> {
        let series = self.reports.get(country)?;
        let reported = series.partition_point(|(day, _)| *day <= date);
        reported.checked_sub(1).map(|index| series[index])
    }

    /// Coverage on `date`, the reference figures and what the platform adds.
    pub fn on(
        &self,
        date: NaiveDate,
        grouping: Grouping,
    ) -> Result<Vec<PlatformCoverageRow>, CoverageError> {
        let mut totals = BTreeMap::new();
        let mut added: BTreeMap<&CountryCode, PlatformDay> = BTreeMap::new();
        for country in &self.countries {
            let last = self.last_report_on(&country.code, date);
            if let Some((_, total)) = last {
                totals.insert(country.code.clone(), total);
            }
            let mut figures = PlatformDay::default();
            if let Some(days) = self.platform.get(&country.code) {
                for (day, doses) in days.range(..=date) {
                    figures.delivered += doses.delivered;
                    if last.is_none_or(|(reported_on, _)| *day > reported_on) {
                        figures.administered += doses.administered;
                    }
                }
            }
            added.insert(&country.code, figures);
        }
        // What the platform adds, summed for each row's group: a country, an income group
        // (by name) or the world.
        let mut sums: BTreeMap<&str, PlatformDay> = BTreeMap::new();
        for country in &self.countries {
            let Some(day) = added.get(&country.code) else {
                continue;
            };
            let mut keys = vec![country.code.as_str(), WORLD];
            if let Some(group) = country.income_group {
                keys.push(group.name());
            }
            for key in keys {
                let sum = sums.entry(key).or_default();
                sum.delivered += day.delivered;
                sum.administered += day.administered;
            }
        }
        let rows = coverage_on(
            date,
            grouping,
            &self.countries,
            &self.group_populations,
            &totals,
        )?;
        Ok(rows
            .into_iter()
            .map(|reference| {
                let sum = sums
                    .get(reference.group.as_str())
                    .copied()
                    .unwrap_or_default();
                let per_100 = |doses: i64| {
                    reference
                        .population
                        .map(|population| doses as f64 * 100.0 / population as f64)
                };
                let doses_administered = reference.doses + sum.administered;
                PlatformCoverageRow {
                    platform_doses_delivered: sum.delivered,
                    platform_doses_administered: sum.administered,
                    doses_administered,
                    administered_per_100: per_100(doses_administered),
                    delivered_per_100: per_100(sum.delivered),
                    reference,
                }
            })
            .collect())
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

    fn sources() -> CoverageSources {
        let country = |code: &str, group| Country {
            code: CountryCode::parse(code).unwrap(),
            name: code.into(),
            population: Some(1_000),
            income_group: Some(group),
        };
        let mut sources = CoverageSources {
            countries: vec![
                country("TCD", IncomeGroup::Low),
                country("FRA", IncomeGroup::High),
            ],
            ..CoverageSources::default()
        };
        for (entity, population) in [
            ("Low-income countries", 1_000),
            ("Lower-middle-income countries", 1),
            ("Upper-middle-income countries", 1),
            ("High-income countries", 1_000),
            (WORLD, 2_000),
        ] {
            sources.group_populations.insert(entity.into(), population);
        }
        let tcd = CountryCode::parse("TCD").unwrap();
        sources.reports.insert(
            tcd.clone(),
            vec![(day("2021-08-01"), 100), (day("2021-08-04"), 130)],
        );
        let mut platform = BTreeMap::new();
        // Administered on the 3rd (in the report of the 4th already), the 5th and the 9th;
        // delivered on the 2nd and the 5th.
        for (date, delivered, administered) in [
            ("2021-08-02", 50, 0),
            ("2021-08-03", 0, 20),
            ("2021-08-05", 40, 7),
            ("2021-08-09", 0, 5),
        ] {
            platform.insert(
                day(date),
                PlatformDay {
                    delivered,
                    administered,
                },
            );
        }
        sources.platform.insert(tcd, platform);
        sources
    }

    #[test]
    fn the_platform_adds_deliveries_and_the_administrations_after_the_last_report() {
        let rows = sources().on(day("2021-08-06"), Grouping::Country).unwrap();
        let tcd = rows
            .iter()
            .find(|row| row.reference.group == "TCD")
            .unwrap();
        assert_eq!(tcd.reference.doses, 130);
        assert_eq!(tcd.platform_doses_delivered, 90);
        assert_eq!(
            tcd.platform_doses_administered, 7,
            "the 3rd is in the report of the 4th"
        );
        assert_eq!(tcd.doses_administered, 137);
        assert_eq!(tcd.administered_per_100, Some(13.7));
        assert_eq!(tcd.delivered_per_100, Some(9.0));
        let before = sources().on(day("2021-08-03"), Grouping::Country).unwrap();
        let tcd = before
            .iter()
            .find(|row| row.reference.group == "TCD")
            .unwrap();
        assert_eq!(
            (
                tcd.reference.doses,
                tcd.platform_doses_administered,
                tcd.platform_doses_delivered
            ),
            (100, 20, 50)
        );
    }

    #[test]
    fn groups_and_the_world_sum_their_countries_platform_doses() {
        let rows = sources()
            .on(day("2021-08-31"), Grouping::IncomeGroup)
            .unwrap();
        let figures: Vec<(&str, i64, i64, i64)> = rows
            .iter()
            .map(|row| {
                (
                    row.reference.group.as_str(),
                    row.reference.doses,
                    row.platform_doses_administered,
                    row.platform_doses_delivered,
                )
            })
            .collect();
        assert_eq!(
            figures,
            [
                ("Low income", 130, 12, 90),
                ("Lower middle income", 0, 0, 0),
                ("Upper middle income", 0, 0, 0),
                ("High income", 0, 0, 0),
                (WORLD, 130, 12, 90),
            ]
        );
    }
}
