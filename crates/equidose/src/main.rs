//! `equidose`: the command line of the Equidose platform (import, report, allocate, simulate, serve).

mod allocate;
mod backup;
mod check;
mod database;
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
mod words;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::output::errln;

/// Equidose: a shared dose ledger, fair allocation and equity signals for vaccine cooperation.
#[derive(Debug, Parser)]
#[command(
    name = "equidose",
    version,
    about,
    after_help = "Each command's --help describes its options and gives an example.\n\
                  Exit status: 0 done, 1 an error, 2 bad arguments or a round refused, 3 an \
                  import that left bad rows out, 4 an import that stored nothing."
)]
struct Cli {
    /// The database of the commands that use one, as their own --database option (which
    /// overrides this); by default $EQUIDOSE_DATABASE_URL, else sqlite://equidose.db.
    #[arg(long, value_name = "URL")]
    database: Option<String>,
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
    #[command(after_help = "Examples:\n  \
        equidose allocate round.json\n  \
        equidose allocate - --output answer.json --certificate certificate.json < round.json")]
    Allocate {
        /// The round's input file, or - for standard input.
        input: std::path::PathBuf,
        /// Write the answer to this file instead of standard output (whole or not at all: it is
        /// written beside and renamed).
        #[arg(long)]
        output: Option<std::path::PathBuf>,
        /// Also write the answer's certificate (crates/allocation/CERTIFICATE.md) to this file.
        #[arg(long)]
        certificate: Option<std::path::PathBuf>,
    },
    /// Check an answer and its certificate against a round, independently of the engine; exits 0 only when all holds.
    #[command(
        after_help = "Example (a published round's three files, from the API):\n  \
        equidose check round.json answer.json certificate.json"
    )]
    Check {
        /// The round's input (JSON, as in spec/allocation.md).
        round: std::path::PathBuf,
        /// The answer to check.
        answer: std::path::PathBuf,
        /// The answer's certificate.
        certificate: std::path::PathBuf,
    },
    /// Simulate policies of sharing from the real state on a day (a scenario in TOML, as in spec/simulator.md).
    #[command(after_help = "Examples:\n  \
        equidose simulate examples/august-2021.toml\n  \
        equidose simulate examples/august-2021.toml --out target/august --sweep lead_time_days=7..35:7")]
    Simulate(simulate::SimulateArgs),
    /// Serve the platform's HTTP API and public pages.
    #[command(after_help = "Examples:\n  \
        equidose serve --demo\n  \
        equidose serve --addr 0.0.0.0:8080 --database postgres://equidose@127.0.0.1:5432/equidose")]
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
        /// How long a read may wait for a turn (64 reads and 16 writes are served at once)
        /// before it is shed with 503 and Retry-After, in milliseconds; a write, five times as long.
        #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u64).range(1..=60_000))]
        queue_wait_ms: u64,
        #[command(flatten)]
        webhooks: serve::WebhookOptions,
        #[command(flatten)]
        database: database::Database,
    },
    /// Manage users.
    #[command(subcommand)]
    User(user::UserCommand),
    /// Expire every dose left available or reserved in lots past their expiry (as the system).
    #[command(after_help = "Example:\n  equidose expire --date 2021-08-06")]
    Expire {
        /// The day to expire for (YYYY-MM-DD); by default today. Lots whose expiry is before it expire.
        #[arg(long, value_parser = dates::parse_day)]
        date: Option<chrono::NaiveDate>,
        #[command(flatten)]
        database: database::Database,
    },
    /// Write a consistent copy of the database to a file while servers may be writing; the copy is verified before it is kept.
    #[command(after_help = "Examples:\n  \
        equidose backup --to backups/equidose-2021-08-06.db\n  \
        equidose backup --database postgres://equidose@127.0.0.1:5432/equidose --to equidose.dump")]
    Backup {
        /// The file to write: a copy of an SQLite database, or a pg_dump custom archive of a
        /// PostgreSQL one. It must not exist.
        #[arg(long, value_name = "FILE")]
        to: std::path::PathBuf,
        /// Replace FILE if it exists, once the new backup is written and verified.
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        database: database::Database,
    },
    /// Restore a backup into an empty database; it is checked first, upgraded to this version and verified.
    #[command(after_help = "Examples:\n  \
        equidose restore --from backups/equidose-2021-08-06.db --database sqlite://restored.db\n  \
        equidose restore --from equidose.dump --database postgres://equidose@127.0.0.1:5432/fresh")]
    Restore {
        /// The backup to restore (written by `equidose backup`).
        #[arg(long, value_name = "FILE")]
        from: std::path::PathBuf,
        /// Replace a database that holds data already (stop its servers first).
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        database: database::Database,
    },
    /// Check every invariant of the dose ledger; exits non-zero naming the lot when one fails.
    #[command(after_help = "Example:\n  \
        equidose verify --database postgres://equidose@127.0.0.1:5432/equidose")]
    Verify {
        #[command(flatten)]
        database: database::Database,
    },
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
        Command::Simulate(args) => {
            let url = args.database.url(cli.database.as_deref());
            return finish(simulate::run(&args, &url));
        }
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
    let before_the_command = cli.database.as_deref();
    let result = runtime.block_on(async {
        match cli.command {
            Command::Import(command) => {
                let url = command.database().url(before_the_command);
                import::run(command, &url).await
            }
            Command::Snapshot(command) => import::run_snapshot(command).await,
            Command::Report(command) => {
                let url = command.database().url(before_the_command);
                report::run(command, &url).await
            }
            // Answered above, before the runtime started.
            Command::Allocate { .. } | Command::Check { .. } | Command::Simulate(_) => {
                Ok(ExitCode::SUCCESS)
            }
            Command::Backup {
                to,
                force,
                database,
            } => backup::backup(&database.url(before_the_command), &to, force).await,
            Command::Restore {
                from,
                force,
                database,
            } => backup::restore(&database.url(before_the_command), &from, force).await,
            Command::Verify { database } => verify::run(&database.url(before_the_command)).await,
            Command::Expire { date, database } => {
                verify::expire(&database.url(before_the_command), date).await
            }
            Command::Serve {
                addr,
                demo,
                today,
                queue_wait_ms,
                webhooks,
                database,
            } => {
                let url = database.url(before_the_command);
                let queue_wait = std::time::Duration::from_millis(queue_wait_ms);
                serve::run(&url, addr, demo, today, queue_wait, webhooks).await
            }
            Command::User(command) => {
                let url = command.database().url(before_the_command);
                user::run(command, &url).await
            }
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
