//! `equidose`: the command line of the Equidose platform (import, report, allocate, simulate, serve).

mod allocate;
mod check;
mod dates;
mod demo;
mod files;
mod import;
mod output;
mod report;
mod serve;
mod simulate;
mod user;
mod verify;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::output::errln;

/// Equidose: a shared dose ledger, fair allocation and equity signals for vaccine cooperation.
#[derive(Debug, Parser)]
#[command(name = "equidose", version, about)]
struct Cli {
    /// The database: sqlite://FILE (embedded) or postgres://USER@HOST:PORT/DATABASE.
    #[arg(
        long,
        global = true,
        env = "EQUIDOSE_DATABASE_URL",
        default_value = "sqlite://equidose.db"
    )]
    database: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Import reference data into the database.
    #[command(subcommand)]
    Import(import::ImportCommand),
    /// Work with the built-in snapshot of the reference data.
    #[command(subcommand)]
    Snapshot(import::SnapshotCommand),
    /// Print reports.
    #[command(subcommand)]
    Report(report::ReportCommand),
    /// Allocate doses fairly: reads a round (JSON, as in spec/allocation.md), prints the answer.
    Allocate {
        /// The round's input file, or - for standard input.
        input: std::path::PathBuf,
        /// Write the answer to this file instead of standard output.
        #[arg(long)]
        output: Option<std::path::PathBuf>,
        /// Also write the answer's certificate (crates/allocation/CERTIFICATE.md) to this file.
        #[arg(long)]
        certificate: Option<std::path::PathBuf>,
    },
    /// Check an answer and its certificate against a round, independently of the engine; exits 0 only when all holds.
    Check {
        /// The round's input (JSON, as in spec/allocation.md).
        round: std::path::PathBuf,
        /// The answer to check.
        answer: std::path::PathBuf,
        /// The answer's certificate.
        certificate: std::path::PathBuf,
    },
    /// Simulate policies of sharing from the real state on a day (a scenario in TOML, as in spec/simulator.md).
    Simulate(simulate::SimulateArgs),
    /// Serve the platform's HTTP API.
    Serve {
        /// The address to listen on.
        #[arg(long, env = "EQUIDOSE_ADDR", default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// Start with a demonstration installation (parties, users, products, lots); sign-in details are printed.
        #[arg(long)]
        demo: bool,
        /// Run as of this day (YYYY-MM-DD): "today" for expiry and the pages comes from it, and
        /// the clock runs on from the current time of day. Default: the system's day, or the
        /// forum's week (2021-08-06) with --demo.
        #[arg(long, value_parser = dates::parse_day)]
        today: Option<chrono::NaiveDate>,
        #[command(flatten)]
        webhooks: serve::WebhookOptions,
    },
    /// Manage users.
    #[command(subcommand)]
    User(user::UserCommand),
    /// Expire every dose left available or reserved in lots past their expiry (as the system).
    Expire {
        /// The day to expire for (YYYY-MM-DD); by default today. Lots whose expiry is before it expire.
        #[arg(long, value_parser = dates::parse_day)]
        date: Option<chrono::NaiveDate>,
    },
    /// Check every invariant of the dose ledger; exits non-zero naming the lot when one fails.
    Verify,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return refuse_arguments(&error),
    };
    // `allocate` needs neither the logs nor the async runtime: it starts without them, so
    // that a round costs what the engine costs.
    let cli = match cli.command {
        Command::Allocate {
            input,
            output,
            certificate,
        } => {
            return finish(allocate::run(&input, output.as_ref(), certificate.as_ref()));
        }
        Command::Check {
            round,
            answer,
            certificate,
        } => return finish(check::run(&round, &answer, &certificate)),
        // The simulator is pure and runs on rayon's threads; it reads the store, if at all,
        // with a runtime of its own.
        Command::Simulate(args) => return finish(simulate::run(&args, &cli.database)),
        command => Cli { command, ..cli },
    };
    init_logs();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            errln!("error: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async {
        match cli.command {
            Command::Import(command) => import::run(command, &cli.database).await,
            Command::Snapshot(command) => import::run_snapshot(command).await,
            Command::Report(command) => report::run(command, &cli.database).await,
            // Answered above, before the runtime started.
            Command::Allocate { .. } | Command::Check { .. } | Command::Simulate(_) => {
                Ok(ExitCode::SUCCESS)
            }
            Command::Verify => verify::run(&cli.database).await,
            Command::Expire { date } => verify::expire(&cli.database, date).await,
            Command::Serve {
                addr,
                demo,
                today,
                webhooks,
            } => serve::run(&cli.database, addr, demo, today, webhooks).await,
            Command::User(command) => user::run(command, &cli.database).await,
        }
    });
    finish(result)
}

/// Prints clap's answer to arguments it does not run (help, version, or an error) and
/// returns its status. Help and version go to standard output as any output does: quietly
/// cut short by a closed pipe, an error naming standard output when it cannot be written
/// (clap alone would drop the failure and exit 0); errors go to standard error.
fn refuse_arguments(error: &clap::Error) -> ExitCode {
    use std::io::IsTerminal;
    let code = u8::try_from(error.exit_code()).unwrap_or(2);
    if error.use_stderr() || std::io::stdout().is_terminal() {
        // On a terminal, clap's own printing keeps its styles.
        let _ = error.print();
        return ExitCode::from(code);
    }
    match output::out!("{}", error.render()) {
        Ok(()) => ExitCode::from(code),
        Err(error) => finish(Err(error.into())),
    }
}

/// The process's exit code for a command's result; an error is printed with its causes,
/// except a closed standard output, which ends the command quietly (see [`output`]).
fn finish(result: anyhow::Result<ExitCode>) -> ExitCode {
    match result {
        Ok(code) => code,
        Err(error)
            if error
                .downcast_ref::<output::StdoutError>()
                .is_some_and(output::StdoutError::is_closed_pipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(error) => {
            errln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// Structured logs on standard error: JSON lines when `EQUIDOSE_LOG_FORMAT=json`, text
/// otherwise; the level from `RUST_LOG` (default `info`, with the SQL driver's chatter off).
fn init_logs() {
    use tracing_subscriber::EnvFilter;
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    // A log line that cannot be written (standard error closed or full) is dropped: the
    // subscriber would otherwise say so with `eprintln!`, which panics then.
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .log_internal_errors(false);
    if std::env::var("EQUIDOSE_LOG_FORMAT").is_ok_and(|format| format == "json") {
        builder.json().init();
    } else {
        builder.init();
    }
}
