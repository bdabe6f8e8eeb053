//! `equidose simulate SCENARIO.toml`: the policy simulator (`spec/simulator.md`) from the real
//! state on the scenario's start day: the imported data in the store, or the built-in snapshot
//! when nothing was imported.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, ValueEnum};
use domain::country::ReferenceData;
use importer::snapshot;
use simulator::sweep;

use crate::output::{errln, out, outln};
use crate::words::count_of;

/// Largest scenario file read.
const SCENARIO_BYTES_MAX: u64 = 1024 * 1024;

#[derive(Debug, Args)]
pub struct SimulateArgs {
    /// The scenario file (TOML).
    scenario: PathBuf,
    /// Write coverage.csv, events.csv, expired.csv and chart.svg (sweep.csv with --sweep) into this folder.
    #[arg(long)]
    out: Option<PathBuf>,
    /// What to print on standard output.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Run a grid: KEY=A..B:STEP, like `lead_time_days=7..42:7` or `policies[1].keep_per_100=100..300:50`
    /// (repeatable; every combination runs, in parallel); writes sweep.csv into --out.
    #[arg(long = "sweep", value_name = "KEY=A..B:STEP")]
    sweep: Vec<String>,
    // Without imported data in it (or without its file), the built-in snapshot is used.
    #[command(flatten)]
    pub database: crate::database::Database,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Table,
    Json,
}

pub fn run(args: &SimulateArgs, database: &str) -> anyhow::Result<ExitCode> {
    let text = read_scenario(&args.scenario)?;
    let file = args.scenario.display().to_string();
    let axes = args
        .sweep
        .iter()
        .map(|argument| sweep::parse_axis(argument))
        .collect::<Result<Vec<_>, _>>()?;
    if !axes.is_empty() && args.out.is_none() {
        anyhow::bail!("--sweep writes sweep.csv: give the folder with --out DIR");
    }
    let (data, source) = reference_data(database)?;
    let extent = simulator::DataExtent::of(&data);
    // The file is checked as written before anything runs, so its errors name its lines.
    let scenario = simulator::parse(&file, &text, &extent).map_err(anyhow::Error::new)?;
    errln!("note: the state on {} comes from {source}", scenario.start);

    if !axes.is_empty() {
        return run_sweep(&file, &text, &axes, &data, args);
    }
    let outcome = simulator::simulate(&scenario, &data);
    if let Some(out) = &args.out {
        let title = format!(
            "Doses per 100 people by income group: {}",
            args.scenario
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_else(|| file.clone())
        );
        write_files(
            out,
            &[
                ("coverage.csv", simulator::output::coverage_csv(&outcome)),
                ("events.csv", simulator::output::events_csv(&outcome)),
                ("expired.csv", simulator::output::expired_csv(&outcome)),
                ("chart.svg", simulator::output::chart_svg(&outcome, &title)),
            ],
        )?;
    }
    match args.format {
        Format::Table => out!("{}", simulator::output::table(&outcome))?,
        Format::Json => outln!(
            "{}",
            serde_json::to_string_pretty(&simulator::output::json(&outcome))?
        )?,
    }
    Ok(ExitCode::SUCCESS)
}

fn run_sweep(
    file: &str,
    text: &str,
    axes: &[sweep::Axis],
    data: &ReferenceData,
    args: &SimulateArgs,
) -> anyhow::Result<ExitCode> {
    let runs = sweep::grid(text, axes)?;
    let total = u64::try_from(runs.len()).unwrap_or(u64::MAX);
    // A bar only on a terminal, and only for more than a handful of runs.
    let bar = (std::io::stderr().is_terminal() && runs.len() > 4).then(|| {
        let bar = indicatif::ProgressBar::new(total);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{msg} [{bar:40}] {pos}/{len} runs, {elapsed} elapsed, about {eta} left",
            )
            .expect("a valid template")
            .progress_chars("=> "),
        );
        bar.set_message("simulating");
        bar
    });
    let progress = || {
        if let Some(bar) = &bar {
            bar.inc(1);
        }
    };
    let outcomes = sweep::run(file, &runs, axes, data, &progress)?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let csv = sweep::sweep_csv(axes, &runs, &outcomes);
    let out = args
        .out
        .as_ref()
        .context("--sweep writes sweep.csv: give the folder with --out DIR")?;
    write_files(out, &[("sweep.csv", csv)])?;
    match args.format {
        Format::Table => outln!(
            "{} of {} each; one row per run and policy in {}",
            count_of(runs.len(), "run", "runs"),
            count_of(
                outcomes.first().map_or(0, |outcome| outcome.policies.len()),
                "policy",
                "policies"
            ),
            out.join("sweep.csv").display()
        )?,
        Format::Json => {
            let all: Vec<serde_json::Value> =
                outcomes.iter().map(simulator::output::json).collect();
            outln!("{}", serde_json::to_string_pretty(&all)?)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn read_scenario(path: &Path) -> anyhow::Result<String> {
    let metadata =
        std::fs::metadata(path).with_context(|| format!("{}: cannot be opened", path.display()))?;
    if metadata.len() > SCENARIO_BYTES_MAX {
        anyhow::bail!(
            "{}: larger than {} KiB; a scenario is a short file",
            path.display(),
            SCENARIO_BYTES_MAX / 1024
        );
    }
    std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot be read as UTF-8 text", path.display()))
}

/// Writes the files into `folder` (created if need be), each whole, none in place unless
/// all were written.
fn write_files(folder: &Path, files: &[(&str, String)]) -> anyhow::Result<()> {
    std::fs::create_dir_all(folder)
        .with_context(|| format!("{}: cannot be created", folder.display()))?;
    let staged = files
        .iter()
        .map(|(name, text)| {
            crate::files::stage(&folder.join(name), |file| file.write_all(text.as_bytes()))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    crate::files::commit_all(staged)?;
    errln!(
        "wrote {} into {}",
        files
            .iter()
            .map(|(name, _)| *name)
            .collect::<Vec<_>>()
            .join(", "),
        folder.display()
    );
    Ok(())
}

/// The reference data: the store's when it holds reports, the built-in snapshot otherwise
/// (a fresh clone: an SQLite file that does not exist yet is not created for this).
fn reference_data(database: &str) -> anyhow::Result<(ReferenceData, String)> {
    let builtin = || -> anyhow::Result<(ReferenceData, String)> {
        let (data, _) = snapshot::builtin().context("the built-in snapshot cannot be read")?;
        Ok((
            data,
            "the built-in snapshot (Our World in Data CC BY 4.0, UN WPP, World Bank)".into(),
        ))
    };
    if let Some(path) = database.strip_prefix("sqlite://") {
        let path = path.split('?').next().unwrap_or(path);
        if path.is_empty() || !Path::new(path).exists() {
            return builtin();
        }
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let data = runtime.block_on(async {
        let store = store::Store::open(database).await?;
        let data = store.reference_data().await;
        store.close().await;
        anyhow::Ok(data?)
    })?;
    if data.reports.is_empty() {
        return builtin();
    }
    Ok((
        data,
        format!("the data imported into {}", store::redact(database)),
    ))
}
