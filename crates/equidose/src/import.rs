//! `equidose import` and `equidose snapshot`: reference data into the store, and the built-in snapshot.

use std::fs::File;
use std::io::{BufReader, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::Subcommand;
use domain::country::ReferenceData;
use importer::owid::{ImportSummary, Input, read_owid};
use importer::snapshot;
use store::Store;

use crate::database::Database;
use crate::output::{errln, outln};
use crate::words::{count, count_of, thousands};

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Import Our World in Data's vaccinations with the population and income-group files.
    #[command(after_help = "Example:\n  \
        equidose import owid --vaccinations vaccinations.csv --population population_2020.csv \\\n      \
        --income-groups income_groups.csv --strict")]
    Owid {
        /// The vaccinations table (vaccinations.csv).
        #[arg(long)]
        vaccinations: PathBuf,
        /// The population table (population_2020.csv).
        #[arg(long)]
        population: PathBuf,
        /// The World Bank income classification (income_groups.csv).
        #[arg(long)]
        income_groups: PathBuf,
        /// Refuse the whole import when any row is bad: every bad row is listed, nothing is
        /// stored and the exit status is 4. Without it the good rows are stored, the bad ones
        /// listed and left out, and the exit status is 3.
        #[arg(long)]
        strict: bool,
        #[command(flatten)]
        database: Database,
    },
    /// Import the snapshot built into the program (daily totals to 2021-08-06).
    #[command(after_help = "Example:\n  equidose import snapshot --database sqlite://equidose.db")]
    Snapshot {
        #[command(flatten)]
        database: Database,
    },
}

impl ImportCommand {
    /// The database to import into.
    pub fn database(&self) -> &Database {
        match self {
            ImportCommand::Owid { database, .. } | ImportCommand::Snapshot { database } => database,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum SnapshotCommand {
    /// Regenerate the built-in snapshot from the full files (which must have no bad row).
    #[command(after_help = "Example:\n  \
        equidose snapshot write --vaccinations vaccinations.csv --population population_2020.csv \\\n      \
        --income-groups income_groups.csv --output crates/importer/snapshot")]
    Write {
        /// The vaccinations table (vaccinations.csv), as for `import owid`.
        #[arg(long)]
        vaccinations: PathBuf,
        /// The population table (population_2020.csv), as for `import owid`.
        #[arg(long)]
        population: PathBuf,
        /// The World Bank income classification (income_groups.csv), as for `import owid`.
        #[arg(long)]
        income_groups: PathBuf,
        /// The folder to write the three snapshot files into (created if need be); the
        /// repository's `crates/importer/snapshot` to regenerate the one built into the
        /// program.
        #[arg(long)]
        output: PathBuf,
    },
}

/// `import` stored everything the files hold.
const EXIT_ALL_STORED: u8 = 0;
/// `import` stored the good rows and left out bad ones, each listed with file and line.
const EXIT_ROWS_LEFT_OUT: u8 = 3;
/// `import` stored nothing: the files were refused (cannot be read, lack a column or the
/// group rows the report needs, hold no report, or have bad rows under `--strict`).
const EXIT_NOTHING_STORED: u8 = 4;

/// Ends an import that stores nothing: the reason on standard error, and its own status.
fn refuse(reason: impl std::fmt::Display) -> anyhow::Result<ExitCode> {
    errln!("error: {reason}; nothing was stored");
    Ok(ExitCode::from(EXIT_NOTHING_STORED))
}

pub async fn run(command: ImportCommand, database: &str) -> anyhow::Result<ExitCode> {
    let (data, summary, strict) = match command {
        ImportCommand::Owid {
            vaccinations,
            population,
            income_groups,
            strict,
            database: _,
        } => match read_files(&vaccinations, &population, &income_groups) {
            Ok((data, summary)) => (data, summary, strict),
            Err(error) => return refuse(format_args!("{error:#}")),
        },
        ImportCommand::Snapshot { database: _ } => {
            let (data, summary) =
                snapshot::builtin().context("the built-in snapshot cannot be read")?;
            (data, summary, true)
        }
    };
    if strict && !summary.bad_rows.is_empty() {
        write_summary(&summary, Stored::Nothing)?;
        return refuse(format_args!(
            "--strict refuses the import for {} (listed above)",
            count_of(summary.bad_rows.len(), "bad row", "bad rows")
        ));
    }
    let missing = importer::owid::missing_group_rows(&data.group_populations);
    if !missing.is_empty() {
        write_summary(&summary, Stored::Nothing)?;
        return refuse(format_args!(
            "the population file has no row for {}, which the coverage report divides by",
            missing
                .iter()
                .map(|entity| format!("{entity:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if data.reports.is_empty() {
        write_summary(&summary, Stored::Nothing)?;
        return refuse("the vaccinations file has no report that can be stored");
    }
    let store = Store::open(database).await?;
    store.import_reference_data(&data).await?;
    // What the database holds now, this import and earlier ones together.
    let held = store.reference_data().await?;
    store.close().await;
    // Printed once stored: a reader that leaves early (`| head -1`) does not stop the import.
    write_summary(&summary, Stored::GoodRows)?;
    outln!(
        "{} now holds {}, {} and {}",
        store::redact(database),
        count_of(held.countries.len(), "country", "countries"),
        count_of(
            held.group_populations.len(),
            "group population",
            "group populations"
        ),
        count_of(held.reports.len(), "report", "reports"),
    )?;
    if summary.bad_rows.is_empty() {
        Ok(ExitCode::from(EXIT_ALL_STORED))
    } else {
        errln!(
            "warning: {} left out (listed above); the good rows were stored",
            if summary.bad_rows.len() == 1 {
                "1 bad row was".to_owned()
            } else {
                format!("{} bad rows were", thousands(summary.bad_rows.len() as u64))
            }
        );
        Ok(ExitCode::from(EXIT_ROWS_LEFT_OUT))
    }
}

/// Loads the built-in snapshot into an empty store, so that a fresh installation has data.
pub async fn ensure_reference_data(store: &Store) -> anyhow::Result<()> {
    if store.report_days().await?.is_none() && store.countries().await?.is_empty() {
        let (data, _) = snapshot::builtin().context("the built-in snapshot cannot be read")?;
        store.import_reference_data(&data).await?;
        errln!(
            "note: the database had no reference data; loaded the built-in snapshot ({}, Our World in Data CC BY 4.0, UN WPP, World Bank)",
            count_of(data.countries.len(), "country", "countries")
        );
    }
    Ok(())
}

fn open(path: &Path) -> anyhow::Result<(File, u64)> {
    let file = File::open(path).with_context(|| format!("{}: cannot be opened", path.display()))?;
    let length = file.metadata().map(|metadata| metadata.len()).unwrap_or(0);
    Ok((file, length))
}

fn read_files(
    vaccinations: &Path,
    population: &Path,
    income_groups: &Path,
) -> anyhow::Result<(ReferenceData, ImportSummary)> {
    let (vaccinations_file, length) = open(vaccinations)?;
    let (population_file, _) = open(population)?;
    let (income_file, _) = open(income_groups)?;
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::new(length);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{msg} [{bar:40}] {bytes}/{total_bytes}")
                .expect("a valid template")
                .progress_chars("=> "),
        );
        bar.set_message("importing");
        bar
    });
    let mut progress = |bytes: u64| {
        if let Some(bar) = &bar {
            bar.set_position(bytes);
        }
    };
    let result = read_owid(
        Input::new(
            vaccinations.display().to_string(),
            BufReader::new(vaccinations_file),
        ),
        Input::new(
            population.display().to_string(),
            BufReader::new(population_file),
        ),
        Input::new(
            income_groups.display().to_string(),
            BufReader::new(income_file),
        ),
        &mut progress,
    );
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    Ok(result?)
}

/// What an import did with the rows it read, for the words of its summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stored {
    /// The good rows were stored, the bad ones left out.
    GoodRows,
    /// Nothing was stored (the import was refused, or `snapshot write` read the files).
    Nothing,
}

/// The summary on standard output; `snapshot write` prints it beside its own error, where a
/// failure to print would hide nothing more.
fn print_summary(summary: &ImportSummary) {
    let _ = write_summary(summary, Stored::Nothing);
}

fn write_summary(summary: &ImportSummary, stored: Stored) -> anyhow::Result<()> {
    let bad_vaccination_rows = summary.rows_skipped - summary.aggregate_rows - summary.blank_rows;
    // A refused import stored nothing: its summary says what would have been stored, so that
    // it never says "stored" before "nothing was stored".
    let (good, left_out) = match stored {
        Stored::GoodRows => ("stored", ", left out"),
        Stored::Nothing => ("good", ""),
    };
    outln!(
        "vaccinations: {} read, {} {good}, {} skipped ({} of aggregates, {} without a total, {} bad)",
        count(summary.rows_read, "row", "rows"),
        thousands(summary.rows_stored),
        thousands(summary.rows_skipped),
        thousands(summary.aggregate_rows),
        thousands(summary.blank_rows),
        thousands(bad_vaccination_rows),
    )?;
    outln!("countries: {}", thousands(summary.countries))?;
    if !summary.unclassified.is_empty() {
        outln!("could not be classified ({}):", summary.unclassified.len())?;
        for place in &summary.unclassified {
            outln!("  {} {}: {}", place.code, place.name, place.reason)?;
        }
    }
    if !summary.bad_rows.is_empty() {
        outln!("bad rows ({}){left_out}:", summary.bad_rows.len())?;
        for row in &summary.bad_rows {
            outln!("  {row}")?;
        }
    }
    Ok(())
}

pub async fn run_snapshot(command: SnapshotCommand) -> anyhow::Result<ExitCode> {
    let SnapshotCommand::Write {
        vaccinations,
        population,
        income_groups,
        output,
    } = command;
    let (data, summary) = read_files(&vaccinations, &population, &income_groups)?;
    if !summary.bad_rows.is_empty() {
        print_summary(&summary);
        anyhow::bail!("the files have bad rows; a snapshot is only written from clean files");
    }
    let files = snapshot::render(&data);
    std::fs::create_dir_all(&output)
        .with_context(|| format!("{}: cannot be created", output.display()))?;
    let written = [
        (snapshot::VACCINATIONS_FILE, &files.vaccinations),
        (snapshot::POPULATION_FILE, &files.population),
        (snapshot::INCOME_GROUPS_FILE, &files.income_groups),
    ];
    // The three files are one snapshot: none takes its place unless all were written.
    let staged = written
        .iter()
        .map(|(name, text)| {
            crate::files::stage(&output.join(name), |file| file.write_all(text.as_bytes()))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    crate::files::commit_all(staged)?;
    for (name, text) in written {
        outln!(
            "wrote {} ({} bytes)",
            output.join(name).display(),
            thousands(text.len() as u64)
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
