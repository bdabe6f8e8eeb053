//! `equidose verify` and `equidose expire`: the ledger's checks and its daily chore, on a live store.

use std::process::ExitCode;

use store::Store;

use crate::output::{errln, outln};
use crate::words::{count, count_of};

pub async fn run(database: &str) -> anyhow::Result<ExitCode> {
    // A check creates nothing: a mistyped path must not pass as an empty, consistent ledger.
    let store = Store::open_existing(database).await?;
    let report = store.verify().await?;
    store.close().await;
    if report.violations.is_empty() && report.integrity_problems.is_empty() {
        outln!(
            "ledger verified: {}, {}, {}; doses are conserved per lot, no balance is negative, and the journal replays to the stored balances",
            count_of(report.lots, "lot", "lots"),
            count_of(report.balances, "balance", "balances"),
            count_of(report.movements, "movement", "movements")
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    for violation in &report.violations {
        errln!("violation: {violation}");
    }
    for problem in &report.integrity_problems {
        errln!("database integrity: {problem}");
    }
    errln!(
        "error: the ledger is not consistent: {}, {}",
        count_of(report.violations.len(), "violation", "violations"),
        count_of(
            report.integrity_problems.len(),
            "integrity problem",
            "integrity problems"
        )
    );
    Ok(ExitCode::FAILURE)
}

pub async fn expire(database: &str, date: Option<chrono::NaiveDate>) -> anyhow::Result<ExitCode> {
    let store = Store::open(database).await?;
    let app = match date {
        // Lots whose expiry is before that day expire: the system acts as of its start.
        Some(date) => app::App::with_clock(
            store.clone(),
            std::sync::Arc::new(app::FixedClock(app::Timestamp::start_of(date))),
        ),
        None => app::App::new(store.clone()),
    };
    let today = app.clock.today();
    let now = app.now();
    let entries = app
        .write(|tx| async move { app::movements::expire_due(&tx, now).await })
        .await?;
    store.close().await;
    let doses: i64 = entries.iter().map(|entry| entry.doses).sum();
    outln!(
        "expired {} in {} of lots past their expiry before {today}",
        count(doses, "dose", "doses"),
        count_of(entries.len(), "account", "accounts")
    )?;
    Ok(ExitCode::SUCCESS)
}
