//! `equidose verify`: checks every invariant of the dose ledger on a live store.

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
