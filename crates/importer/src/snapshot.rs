//! The built-in snapshot: weekly cumulative doses per country, with population and income group.
//!
//! The snapshot is written in the same three-file format as the full data, by [`render`], so
//! the one importer reads both and the snapshot can never drift from what the importer
//! understands. Each country's total is taken every seventh day back from the last day of
//! the data, carried forward as the coverage report does, and written only when it changed:
//! a report on any of those days gives exactly the figure the full files give.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{Duration, NaiveDate};
use domain::coverage::last_reported_on;

use domain::country::ReferenceData;

use crate::owid::{ImportError, ImportSummary, Input, read_owid};

/// Where the snapshot files live in the repository, relative to this crate.
pub const DIRECTORY: &str = "snapshot";
/// The snapshot's vaccinations file: weekly cumulative doses per country.
pub const VACCINATIONS_FILE: &str = "vaccinations-weekly.csv";
/// The snapshot's population file.
pub const POPULATION_FILE: &str = "population.csv";
/// The snapshot's income-group file.
pub const INCOME_GROUPS_FILE: &str = "income-groups.csv";

const VACCINATIONS: &str = include_str!("../snapshot/vaccinations-weekly.csv");
const POPULATION: &str = include_str!("../snapshot/population.csv");
const INCOME_GROUPS: &str = include_str!("../snapshot/income-groups.csv");

const ATTRIBUTION: &str = "\
# Derived by `equidose snapshot write` from Our World in Data's COVID-19 vaccinations dataset
# (CC BY 4.0), UN World Population Prospects 2019 as used by Our World in Data (CC BY 3.0 IGO)
# and the World Bank income classification FY2022 (CC BY 4.0).
";

/// The snapshot shipped with the program, read by the same importer as the full files.
pub fn builtin() -> Result<(ReferenceData, ImportSummary), ImportError> {
    read_owid(
        Input::new(
            format!("{DIRECTORY}/{VACCINATIONS_FILE}"),
            VACCINATIONS.as_bytes(),
        ),
        Input::new(
            format!("{DIRECTORY}/{POPULATION_FILE}"),
            POPULATION.as_bytes(),
        ),
        Input::new(
            format!("{DIRECTORY}/{INCOME_GROUPS_FILE}"),
            INCOME_GROUPS.as_bytes(),
        ),
        &mut |_| {},
    )
}

/// The three files of a snapshot, as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotFiles {
    /// The content of [`VACCINATIONS_FILE`].
    pub vaccinations: String,
    /// The content of [`POPULATION_FILE`].
    pub population: String,
    /// The content of [`INCOME_GROUPS_FILE`].
    pub income_groups: String,
}

/// The days the snapshot samples: every seventh day back from the last report.
pub fn weekly_days(dataset: &ReferenceData) -> Vec<NaiveDate> {
    let (Some(first), Some(last)) = (
        dataset.reports.iter().map(|report| report.date).min(),
        dataset.reports.iter().map(|report| report.date).max(),
    ) else {
        return Vec::new();
    };
    let mut days = Vec::new();
    let mut day = last;
    while day >= first {
        days.push(day);
        day -= Duration::days(7);
    }
    days.reverse();
    days
}

/// Renders the snapshot of a full dataset.
pub fn render(dataset: &ReferenceData) -> SnapshotFiles {
    let days = weekly_days(dataset);
    let mut series: BTreeMap<&str, Vec<(NaiveDate, i64)>> = BTreeMap::new();
    for report in &dataset.reports {
        series
            .entry(report.country.as_str())
            .or_default()
            .push((report.date, report.total_doses));
    }

    let mut vaccinations = format!("{ATTRIBUTION}location,iso_code,date,total_vaccinations\n");
    for country in &dataset.countries {
        let Some(reports) = series.get(country.code.as_str()) else {
            continue;
        };
        let mut previous = None;
        for &day in &days {
            if let Some(total) = last_reported_on(reports, day)
                && Some(total) != previous
            {
                writeln!(
                    vaccinations,
                    "{},{},{day},{total}",
                    quote(&country.name),
                    country.code
                )
                .expect("writing to a String cannot fail");
                previous = Some(total);
            }
        }
    }

    let mut population = format!("{ATTRIBUTION}entity,iso_code,year,population\n");
    for country in &dataset.countries {
        if let Some(count) = country.population {
            writeln!(
                population,
                "{},{},2020,{count}",
                quote(&country.name),
                country.code
            )
            .expect("writing to a String cannot fail");
        }
    }
    for (entity, count) in &dataset.group_populations {
        // Only the groups the reports divide by; regions and the like are left out.
        if entity == domain::country::WORLD
            || domain::country::IncomeGroup::ALL
                .iter()
                .any(|group| group.population_entity() == entity)
        {
            writeln!(population, "{},,2020,{count}", quote(entity))
                .expect("writing to a String cannot fail");
        }
    }

    let mut income_groups = format!("{ATTRIBUTION}Country,Year,Income group\n");
    for country in &dataset.countries {
        if let Some(group) = country.income_group {
            writeln!(
                income_groups,
                "{},2021,{}",
                quote(&country.name),
                group.name()
            )
            .expect("writing to a String cannot fail");
        }
    }
    SnapshotFiles {
        vaccinations,
        population,
        income_groups,
    }
}

/// Quotes a CSV field when it needs it (`Bonaire, Sint Eustatius and Saba`).
fn quote(field: &str) -> String {
    if field.contains([',', '"', '\n']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}
