//! `equidose verify` and `equidose expire`: the ledger's checks and its daily chore, on a live store.

use std::process::ExitCode;

use store::Store;

pub async fn run(database: &str) -> anyhow::Result<ExitCode> {
    let store = Store::open(database).await?;
    let report = store.verify().await?;
    store.close().await;
    if report.violations.is_empty() && report.integrity_problems.is_empty() {
        println!(
            "ledger verified: {} lots, {} balances, {} movements; doses are conserved per lot, no balance is negative, and the journal replays to the stored balances",
            report.lots, report.balances, report.movements
        );
        return Ok(ExitCode::SUCCESS);
    }
    for violation in &report.violations {
        eprintln!("violation: {violation}");
    }
    for problem in &report.integrity_problems {
        eprintln!("database integrity: {problem}");
    }
    eprintln!(
        "error: the ledger is not consistent: {} violations, {} integrity problems",
        report.violations.len(),
        report.integrity_problems.len()
    );
    Ok(ExitCode::FAILURE)
}

pub async fn expire(database: &str, date: Option<chrono::NaiveDate>) -> anyhow::Result<ExitCode> {
    let today = date.unwrap_or_else(|| chrono::Utc::now().date_naive());
    let store = Store::open(database).await?;
    let entries = store.expire_due(today).await?;
    store.close().await;
    let doses: i64 = entries.iter().map(|entry| entry.doses).sum();
    println!(
        "expired {doses} doses in {} accounts of lots past their expiry before {today}",
        entries.len()
    );
    Ok(ExitCode::SUCCESS)
}
