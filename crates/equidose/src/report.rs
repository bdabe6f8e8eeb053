//! `equidose report coverage`: doses per 100 people by income group or country, on a day or over time.

use std::process::ExitCode;

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Duration, NaiveDate};
use clap::{Args, Subcommand, ValueEnum};
use domain::coverage::{CoverageRow, Grouping};
use serde::Serialize;
use store::Store;

use crate::database::Database;
use crate::dates::parse_day;
use crate::import::ensure_reference_data;
use crate::output::{errln, out};
use crate::words::thousands;

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Doses administered per 100 people, each country's last report carried forward.
    #[command(after_help = "Examples:\n  \
        equidose report coverage --date 2021-08-04\n  \
        equidose report coverage --by country --format csv > coverage.csv\n  \
        equidose report coverage --from 2021-07-01 --to 2021-08-04 --every 1w --format json")]
    Coverage(CoverageArgs),
}

#[derive(Debug, Args)]
pub struct CoverageArgs {
    /// The day (YYYY-MM-DD); by default the last day with a report.
    #[arg(long, conflicts_with_all = ["from", "to"], value_parser = parse_day)]
    date: Option<NaiveDate>,
    /// First day of a series (YYYY-MM-DD).
    #[arg(long, requires = "to", value_parser = parse_day)]
    from: Option<NaiveDate>,
    /// Last day of a series (YYYY-MM-DD), included.
    #[arg(long, requires = "from", value_parser = parse_day)]
    to: Option<NaiveDate>,
    /// Days between the days of a series: `7d`, `1d`, `2w`.
    #[arg(long, default_value = "7d", value_parser = parse_interval, requires = "from")]
    every: i64,
    /// One row per income group and the world, or per country (with its name; "no report"
    /// where it had reported nothing by the day).
    #[arg(long, value_enum, default_value_t = By::IncomeGroup)]
    by: By,
    /// A table to read, CSV (one header line, then one row per group or country and day), or
    /// JSON (an array of objects with the CSV's columns).
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    #[command(flatten)]
    database: Database,
}

impl ReportCommand {
    /// The database to report from.
    pub fn database(&self) -> &Database {
        let ReportCommand::Coverage(args) = self;
        &args.database
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum By {
    IncomeGroup,
    Country,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
}

/// Longest series one command prints: ten years of days.
const DAYS_IN_SERIES_MAX: usize = 3_660;

fn parse_interval(text: &str) -> Result<i64, String> {
    let (number, unit_days) = if let Some(number) = text.strip_suffix('d') {
        (number, 1)
    } else if let Some(number) = text.strip_suffix('w') {
        (number, 7)
    } else {
        return Err(format!(
            "{text:?} is not an interval: write a number of days or weeks, like 7d or 2w"
        ));
    };
    match number.parse::<i64>() {
        Ok(count) if (1..=3_660).contains(&count) => Ok(count * unit_days),
        _ => Err(format!(
            "{text:?} is not an interval: the number must be a whole number from 1 to 3660"
        )),
    }
}

pub async fn run(command: ReportCommand, database: &str) -> anyhow::Result<ExitCode> {
    let ReportCommand::Coverage(args) = command;
    let days = match (args.date, args.from, args.to) {
        (_, Some(from), Some(to)) => {
            if from > to {
                anyhow::bail!("--from {from} is after --to {to}: the series would be empty");
            }
            series_days(from, to, args.every)?
        }
        (Some(date), _, _) => vec![date],
        _ => Vec::new(),
    };
    let store = Store::open(database).await?;
    ensure_reference_data(&store).await?;
    let Some((first, last)) = store.report_days().await? else {
        anyhow::bail!("the database has no vaccination reports; run `equidose import owid` first");
    };
    let days = if days.is_empty() { vec![last] } else { days };
    // A day outside the data is answered (reports carry forward), but it may be a typo.
    if let (Some(&earliest), Some(&latest)) = (days.first(), days.last()) {
        if earliest < first {
            errln!(
                "warning: {earliest} is before the first report ({first}); no country had reported doses yet"
            );
        }
        if latest > last {
            errln!(
                "warning: {latest} is after the last report ({last}); each country's last total is carried forward"
            );
        }
    }
    let text = match args.by {
        By::IncomeGroup => {
            let mut rows = Vec::new();
            for day in days {
                rows.extend(store.coverage_on(day, Grouping::IncomeGroup).await?);
            }
            render(&rows, args.format)?
        }
        By::Country => render_countries(&country_rows(&store, &days).await?, args.format)?,
    };
    store.close().await;
    out!("{text}")?;
    Ok(ExitCode::SUCCESS)
}

/// One country on one day, with its name, and without figures where it had reported
/// nothing yet (which is not the same as reporting zero).
#[derive(Debug, Serialize)]
struct CountryRow {
    /// The country's code.
    country: String,
    /// Its name, as the vaccination data writes it.
    name: String,
    /// The day of the figure.
    date: NaiveDate,
    /// Cumulative doses administered by that day; `None` before its first report.
    doses: Option<i64>,
    /// Its population; `None` where the population table has none.
    population: Option<i64>,
    /// Doses per 100 people; `None` before its first report or without a population.
    per_100: Option<f64>,
}

/// Every country on every day, read in one snapshot of the store.
async fn country_rows(store: &Store, days: &[NaiveDate]) -> anyhow::Result<Vec<CountryRow>> {
    let (names, by_day) = store
        .read_snapshot(|tx| async move {
            let names: BTreeMap<String, String> = tx
                .countries()
                .await?
                .into_iter()
                .map(|country| (country.code.to_string(), country.name))
                .collect();
            let mut by_day = Vec::with_capacity(days.len());
            for &day in days {
                let rows = tx.coverage_on(day, Grouping::Country).await?;
                let reported: BTreeSet<String> = tx
                    .totals_on(day)
                    .await?
                    .into_keys()
                    .map(|code| code.to_string())
                    .collect();
                by_day.push((rows, reported));
            }
            Ok::<_, store::StoreError>((names, by_day))
        })
        .await?;
    let mut rows = Vec::new();
    for (coverage, reported) in by_day {
        for row in coverage {
            let has_reported = reported.contains(&row.group);
            rows.push(CountryRow {
                name: names.get(&row.group).cloned().unwrap_or_default(),
                date: row.date,
                doses: has_reported.then_some(row.doses),
                population: row.population,
                per_100: row.per_100.filter(|_| has_reported),
                country: row.group,
            });
        }
    }
    Ok(rows)
}

fn series_days(from: NaiveDate, to: NaiveDate, every_days: i64) -> anyhow::Result<Vec<NaiveDate>> {
    let mut days = Vec::new();
    let mut day = from;
    while day <= to {
        if days.len() == DAYS_IN_SERIES_MAX {
            anyhow::bail!(
                "the series has more than {DAYS_IN_SERIES_MAX} days; choose a shorter range or a longer --every"
            );
        }
        days.push(day);
        day += Duration::days(every_days);
    }
    Ok(days)
}

/// The rows in the chosen format.
pub fn render(rows: &[CoverageRow], format: Format) -> anyhow::Result<String> {
    Ok(match format {
        Format::Json => serde_json::to_string_pretty(rows)? + "\n",
        Format::Csv => {
            let mut text = String::from("group,date,doses,population,per_100\n");
            for row in rows {
                text.push_str(&format!(
                    "{},{},{},{},{}\n",
                    csv_field(&row.group),
                    row.date,
                    row.doses,
                    row.population
                        .map(|population| population.to_string())
                        .unwrap_or_default(),
                    row.per_100
                        .map(|per_100| format!("{per_100:.4}"))
                        .unwrap_or_default(),
                ));
            }
            text
        }
        Format::Table => table(
            &["group", "date", "doses", "population", "per 100"],
            2,
            rows.iter()
                .map(|row| {
                    vec![
                        row.group.clone(),
                        row.date.to_string(),
                        thousands(row.doses),
                        row.population.map(thousands).unwrap_or_else(|| "-".into()),
                        row.per_100
                            .map(|per_100| format!("{per_100:.2}"))
                            .unwrap_or_else(|| "-".into()),
                    ]
                })
                .collect(),
        ),
    })
}

/// The countries' rows in the chosen format: empty (CSV) or `null` (JSON) figures where a
/// country had reported nothing, "no report" in the table.
fn render_countries(rows: &[CountryRow], format: Format) -> anyhow::Result<String> {
    Ok(match format {
        Format::Json => serde_json::to_string_pretty(rows)? + "\n",
        Format::Csv => {
            let mut text = String::from("country,name,date,doses,population,per_100\n");
            for row in rows {
                text.push_str(&format!(
                    "{},{},{},{},{},{}\n",
                    csv_field(&row.country),
                    csv_field(&row.name),
                    row.date,
                    row.doses.map(|doses| doses.to_string()).unwrap_or_default(),
                    row.population
                        .map(|population| population.to_string())
                        .unwrap_or_default(),
                    row.per_100
                        .map(|per_100| format!("{per_100:.4}"))
                        .unwrap_or_default(),
                ));
            }
            text
        }
        Format::Table => table(
            &["country", "name", "date", "doses", "population", "per 100"],
            3,
            rows.iter()
                .map(|row| {
                    vec![
                        row.country.clone(),
                        row.name.clone(),
                        row.date.to_string(),
                        row.doses.map(thousands).unwrap_or_else(|| "-".into()),
                        row.population.map(thousands).unwrap_or_else(|| "-".into()),
                        match (row.doses, row.per_100) {
                            (None, _) => "no report".into(),
                            (Some(_), Some(per_100)) => format!("{per_100:.2}"),
                            (Some(_), None) => "-".into(),
                        },
                    ]
                })
                .collect(),
        ),
    })
}

/// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// A table for people: the first `left_aligned` columns (names, days) read left to right,
/// the numbers line up on their last digit.
fn table(header: &[&str], left_aligned: usize, cells: Vec<Vec<String>>) -> String {
    let mut widths: Vec<usize> = header.iter().map(|name| name.chars().count()).collect();
    for row in &cells {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut text = String::new();
    let mut line = |cells: &[String]| {
        let mut parts = Vec::with_capacity(cells.len());
        for (index, cell) in cells.iter().enumerate() {
            let padding = widths[index].saturating_sub(cell.chars().count());
            if index < left_aligned {
                parts.push(format!("{cell}{}", " ".repeat(padding)));
            } else {
                parts.push(format!("{}{cell}", " ".repeat(padding)));
            }
        }
        text.push_str(parts.join("  ").trim_end());
        text.push('\n');
    };
    line(
        &header
            .iter()
            .map(|name| (*name).to_owned())
            .collect::<Vec<_>>(),
    );
    for row in &cells {
        line(row);
    }
    text
}
