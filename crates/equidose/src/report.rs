//! `equidose report coverage`: doses per 100 people by income group or country, on a day or over time.

use std::process::ExitCode;

use chrono::{Duration, NaiveDate};
use clap::{Args, Subcommand, ValueEnum};
use domain::coverage::{CoverageRow, Grouping};
use store::Store;

use crate::dates::parse_day;
use crate::import::{ensure_reference_data, thousands};
use crate::output::{errln, out};

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Doses administered per 100 people, each country's last report carried forward.
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
    #[arg(long, value_enum, default_value_t = By::IncomeGroup)]
    by: By,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
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
    let grouping = match args.by {
        By::IncomeGroup => Grouping::IncomeGroup,
        By::Country => Grouping::Country,
    };
    let mut rows = Vec::new();
    for day in days {
        rows.extend(store.coverage_on(day, grouping).await?);
    }
    store.close().await;
    out!("{}", render(&rows, args.format)?)?;
    Ok(ExitCode::SUCCESS)
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
                let group = if row.group.contains(',') {
                    format!("\"{}\"", row.group)
                } else {
                    row.group.clone()
                };
                text.push_str(&format!(
                    "{group},{},{},{},{}\n",
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
        Format::Table => table(rows),
    })
}

fn table(rows: &[CoverageRow]) -> String {
    let header = ["group", "date", "doses", "population", "per 100"];
    let cells: Vec<[String; 5]> = rows
        .iter()
        .map(|row| {
            [
                row.group.clone(),
                row.date.to_string(),
                thousands(row.doses),
                row.population.map(thousands).unwrap_or_else(|| "-".into()),
                row.per_100
                    .map(|per_100| format!("{per_100:.2}"))
                    .unwrap_or_else(|| "-".into()),
            ]
        })
        .collect();
    let mut widths = header.map(str::len);
    for row in &cells {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut text = String::new();
    let mut line = |cells: &[String]| {
        let mut parts = Vec::with_capacity(cells.len());
        for (index, cell) in cells.iter().enumerate() {
            // Names read left to right; numbers line up on their last digit.
            if index < 2 {
                parts.push(format!("{cell:<width$}", width = widths[index]));
            } else {
                parts.push(format!("{cell:>width$}", width = widths[index]));
            }
        }
        text.push_str(parts.join("  ").trim_end());
        text.push('\n');
    };
    line(&header.map(String::from));
    for row in &cells {
        line(row);
    }
    text
}
