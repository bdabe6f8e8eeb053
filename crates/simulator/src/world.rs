//! The world at the start: the countries the simulation holds, their doses administered on
//! the start day and the rate at which each can administer, all from the reference data.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};
use domain::country::{IncomeGroup, ReferenceData};
use domain::coverage::last_reported_on;

use crate::scenario::Scenario;

/// Number of rows of every group table: the four income groups, poorest first, then the world.
pub const GROUPS: usize = 5;
/// Index of the world in the group tables.
pub const WORLD: usize = 4;
/// The names of the group rows, in table order.
pub const GROUP_NAMES: [&str; GROUPS] = [
    "Low income",
    "Lower middle income",
    "Upper middle income",
    "High income",
    "World",
];

/// One country of the simulation.
#[derive(Debug, Clone, PartialEq)]
pub struct Country {
    /// Its code (`ETH`).
    pub code: String,
    /// People living there.
    pub population: u64,
    /// Index of its income group in [`GROUP_NAMES`].
    pub group: usize,
    /// Doses administered up to and including the start day (last report carried forward).
    pub administered_at_start: u64,
    /// Doses it administered per day over the window before the start, from the data
    /// (`None`: the data has no report in or before the window).
    pub measured_per_day: Option<f64>,
    /// The rate the simulation uses: the measured one, but at least the scenario's floor.
    pub rate_per_day: f64,
}

/// The countries of the simulation: those with a population and an income group, in the
/// order of the data (by code). The group populations are the sums of their countries'.
#[derive(Debug, Clone, PartialEq)]
pub struct World {
    /// The countries.
    pub countries: Vec<Country>,
    /// People per group row (the four groups, then the world).
    pub population: [u64; GROUPS],
}

impl World {
    /// The world of `data` on the scenario's start day.
    pub fn new(data: &ReferenceData, scenario: &Scenario) -> World {
        let mut series: BTreeMap<&str, Vec<(NaiveDate, i64)>> = BTreeMap::new();
        for report in &data.reports {
            series
                .entry(report.country.as_str())
                .or_default()
                .push((report.date, report.total_doses));
        }
        let window_start =
            scenario.start - Duration::days(i64::from(scenario.absorption_window_days));
        let mut countries = Vec::new();
        let mut population = [0u64; GROUPS];
        for country in &data.countries {
            let (Some(people), Some(group)) = (country.population, country.income_group) else {
                continue;
            };
            let Ok(people) = u64::try_from(people) else {
                continue;
            };
            if people == 0 {
                continue;
            }
            let group = group_index(group);
            let reports = series
                .get(country.code.as_str())
                .map(Vec::as_slice)
                .unwrap_or_default();
            let on_start = last_reported_on(reports, scenario.start);
            let before = last_reported_on(reports, window_start);
            let administered_at_start = on_start.and_then(|doses| u64::try_from(doses).ok());
            // A country that reported during the window but not before it started from 0.
            let measured_per_day = on_start.map(|now| {
                let then = before.unwrap_or(0);
                #[allow(clippy::cast_precision_loss, reason = "doses are far below 2^52")]
                let rate = (now - then).max(0) as f64 / f64::from(scenario.absorption_window_days);
                rate
            });
            #[allow(clippy::cast_precision_loss, reason = "populations are far below 2^52")]
            let floor = scenario.absorption_min_per_100_day * people as f64 / 100.0;
            let rate_per_day = measured_per_day.unwrap_or(0.0).max(floor);
            population[group] += people;
            population[WORLD] += people;
            countries.push(Country {
                code: country.code.as_str().to_owned(),
                population: people,
                group,
                administered_at_start: administered_at_start.unwrap_or(0),
                measured_per_day,
                rate_per_day,
            });
        }
        World {
            countries,
            population,
        }
    }
}

/// The row of an income group in the group tables.
pub fn group_index(group: IncomeGroup) -> usize {
    match group {
        IncomeGroup::Low => 0,
        IncomeGroup::LowerMiddle => 1,
        IncomeGroup::UpperMiddle => 2,
        IncomeGroup::High => 3,
    }
}
