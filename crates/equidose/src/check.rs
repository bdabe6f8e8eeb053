//! `equidose check`: an answer and its certificate against a round, by the independent
//! checker (`allocation-check`, which shares no code with the engine): one sentence per
//! failure on standard output, exit 0 only when everything holds.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

use crate::output::outln;

pub fn run(round: &Path, answer: &Path, certificate: &Path) -> anyhow::Result<ExitCode> {
    let read = |path: &Path| {
        std::fs::read_to_string(path)
            .with_context(|| format!("{}: cannot be read as UTF-8 text", path.display()))
    };
    let failures = allocation_check::check(&read(round)?, &read(answer)?, &read(certificate)?);
    if failures.is_empty() {
        outln!(
            "ok: the answer is feasible, allocates every dose that can be allocated, and every level of the certificate is tight and fair to within one dose"
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    for failure in &failures {
        outln!("{failure}")?;
    }
    Ok(ExitCode::from(1))
}
