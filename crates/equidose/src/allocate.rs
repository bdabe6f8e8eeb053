//! `equidose allocate`: one allocation round from a JSON file, answered as JSON.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;

/// Largest input read: a round of 5,000 recipients and 20,000 lots is a few megabytes.
const INPUT_BYTES_MAX: u64 = 256 * 1024 * 1024;

pub fn run(input: &Path, output: Option<&PathBuf>) -> anyhow::Result<ExitCode> {
    let (name, mut reader): (String, Box<dyn Read>) = if input == Path::new("-") {
        ("standard input".into(), Box::new(std::io::stdin().lock()))
    } else {
        let file = std::fs::File::open(input)
            .with_context(|| format!("{}: cannot be opened", input.display()))?;
        (input.display().to_string(), Box::new(file))
    };
    let mut text = String::new();
    reader
        .by_ref()
        .take(INPUT_BYTES_MAX + 1)
        .read_to_string(&mut text)
        .with_context(|| format!("{name}: cannot be read as UTF-8 text"))?;
    if text.len() as u64 > INPUT_BYTES_MAX {
        anyhow::bail!(
            "{name}: larger than {} MiB; split the round",
            INPUT_BYTES_MAX / 1024 / 1024
        );
    }
    let problem = match allocation::parse_problem(&text) {
        Ok(problem) => problem,
        Err(error) => {
            eprintln!("error: {name}: {error}");
            return Ok(ExitCode::from(2));
        }
    };
    let solution = allocation::solve(&problem);
    let mut json = serde_json::to_string_pretty(&solution)?;
    json.push('\n');
    match output {
        None => print!("{json}"),
        Some(path) => {
            // Write beside the target and rename, so a reader never sees half an answer.
            let temporary = path.with_extension("partial");
            std::fs::write(&temporary, &json)
                .with_context(|| format!("{}: cannot be written", temporary.display()))?;
            std::fs::rename(&temporary, path)
                .with_context(|| format!("{}: cannot be written", path.display()))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
