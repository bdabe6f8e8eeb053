//! The built-in snapshot: daily cumulative doses per country, with population and income group.
//!
//! Population and income groups are written in the full data's format. The vaccinations are
//! compact: one line per country holding its total on every day it changed, delta-encoded
//! ([`VACCINATIONS_FILE`]); [`builtin`] expands them back to the full data's format in
//! memory, so the one importer reads both and the snapshot cannot drift from what the
//! importer understands. Carried forward as the coverage report does, a report on any day
//! gives exactly the figure the full files give (a test checks every day).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{Duration, NaiveDate};

use domain::country::ReferenceData;

use crate::owid::{ImportError, ImportSummary, Input, read_owid};

/// Where the snapshot files live in the repository, relative to this crate.
pub const DIRECTORY: &str = "snapshot";
/// The snapshot's vaccinations file: each country's cumulative doses on every day they
/// changed, one line per country: `code,first-day total [days:]change …,name`, where a
/// step's `days` (since the previous change) is left out when it is 1.
pub const VACCINATIONS_FILE: &str = "vaccinations-daily.csv";
/// The snapshot's population file.
pub const POPULATION_FILE: &str = "population.csv";
/// The snapshot's income-group file.
pub const INCOME_GROUPS_FILE: &str = "income-groups.csv";

const VACCINATIONS: &str = include_str!("../snapshot/vaccinations-daily.csv");
const POPULATION: &str = include_str!("../snapshot/population.csv");
const INCOME_GROUPS: &str = include_str!("../snapshot/income-groups.csv");

const ATTRIBUTION: &str = "\
# Derived by `equidose snapshot write` from Our World in Data's COVID-19 vaccinations dataset
# (CC BY 4.0), UN World Population Prospects 2019 as used by Our World in Data (CC BY 3.0 IGO)
# and the World Bank income classification FY2022 (CC BY 4.0).
";

/// The snapshot shipped with the program, read by the same importer as the full files.
pub fn builtin() -> Result<(ReferenceData, ImportSummary), ImportError> {
    let vaccinations = expand(VACCINATIONS).map_err(|(line, reason)| ImportError::Malformed {
        file: format!("{DIRECTORY}/{VACCINATIONS_FILE}"),
        line,
        reason,
    })?;
    read_owid(
        Input::new(
            format!("{DIRECTORY}/{VACCINATIONS_FILE}"),
            vaccinations.as_bytes(),
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

/// Every day from the first report to the last: the days the snapshot gives exactly.
pub fn days(dataset: &ReferenceData) -> Vec<NaiveDate> {
    let (Some(first), Some(last)) = (
        dataset.reports.iter().map(|report| report.date).min(),
        dataset.reports.iter().map(|report| report.date).max(),
    ) else {
        return Vec::new();
    };
    first.iter_days().take_while(|day| *day <= last).collect()
}

/// The compact vaccinations file's lines back in the full data's format
/// (`location,iso_code,date,total_vaccinations`), or the line (from 1) that is wrong and why.
pub fn expand(compact: &str) -> Result<String, (u64, String)> {
    let mut expanded = String::with_capacity(compact.len() * 12);
    expanded.push_str("location,iso_code,date,total_vaccinations\n");
    for (index, line) in compact.lines().enumerate() {
        let number = u64::try_from(index + 1).unwrap_or(u64::MAX);
        if line.starts_with('#') || line.starts_with("iso_code,") || line.is_empty() {
            continue;
        }
        let bad = |what: &str| (number, what.to_owned());
        let mut fields = line.splitn(3, ',');
        let (Some(code), Some(steps), Some(name)) = (fields.next(), fields.next(), fields.next())
        else {
            return Err(bad("a line is `code,totals,name`"));
        };
        let name = quote(name);
        let mut tokens = steps.split(' ');
        let day = tokens.next().ok_or_else(|| bad("no first day"))?;
        let mut day = NaiveDate::parse_from_str(day, "%Y-%m-%d")
            .map_err(|_| bad("the first day is not YYYY-MM-DD"))?;
        let mut total: i64 = tokens
            .next()
            .and_then(|total| total.parse().ok())
            .ok_or_else(|| bad("no first total"))?;
        writeln!(expanded, "{name},{code},{day},{total}").expect("writing to a String cannot fail");
        for token in tokens {
            let (gap, change) = match token.split_once(':') {
                Some((gap, change)) => (gap.parse::<i64>().ok(), change),
                None => (Some(1), token),
            };
            let (Some(gap), Ok(change)) = (gap, change.parse::<i64>()) else {
                return Err(bad(&format!("{token:?} is not a step `[days:]change`")));
            };
            // Checked: a made-up gap or change must be refused, not wrap or panic.
            day = Duration::try_days(gap)
                .and_then(|gap| day.checked_add_signed(gap))
                .ok_or_else(|| bad(&format!("{token:?} steps to a day no date can name")))?;
            total = total
                .checked_add(change)
                .ok_or_else(|| bad(&format!("{token:?} takes the total out of range")))?;
            writeln!(expanded, "{name},{code},{day},{total}")
                .expect("writing to a String cannot fail");
        }
    }
    Ok(expanded)
}

/// Renders the snapshot of a full dataset.
pub fn render(dataset: &ReferenceData) -> SnapshotFiles {
    let mut series: BTreeMap<&str, Vec<(NaiveDate, i64)>> = BTreeMap::new();
    for report in &dataset.reports {
        series
            .entry(report.country.as_str())
            .or_default()
            .push((report.date, report.total_doses));
    }

    let mut vaccinations = format!(
        "{ATTRIBUTION}# Each country's total on every day it changed: the first day and total, then\n\
         # `[days:]change` steps (days since the previous change, left out when 1).\n\
         iso_code,totals,location\n"
    );
    for country in &dataset.countries {
        let Some(reports) = series.get(country.code.as_str()) else {
            continue;
        };
        // Only the days the total changed: carried forward, the others give the same figure.
        let mut previous: Option<(NaiveDate, i64)> = None;
        let mut line = format!("{},", country.code);
        for &(day, total) in reports {
            match previous {
                None => write!(line, "{day} {total}"),
                Some((_, last)) if last == total => continue,
                Some((last_day, last)) => {
                    let gap = (day - last_day).num_days();
                    if gap == 1 {
                        write!(line, " {}", total - last)
                    } else {
                        write!(line, " {gap}:{}", total - last)
                    }
                }
            }
            .expect("writing to a String cannot fail");
            previous = Some((day, total));
        }
        writeln!(vaccinations, "{line},{}", country.name).expect("writing to a String cannot fail");
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

/// Quotes a CSV field when it needs it (`Bonaire, Sint Eustatius and Saba`), and when it
/// starts with `#`: a line that starts with `#` is a comment to the reader, and a name comes
/// first on the lines of the files read back.
fn quote(field: &str) -> String {
    if field.contains([',', '"', '\n']) || field.starts_with('#') {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}
