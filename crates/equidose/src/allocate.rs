//! `equidose allocate`: one allocation round from a JSON file, answered as JSON.

use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;

use crate::files;
use crate::output::errln;

/// Largest input read: a round of 5,000 recipients and 20,000 lots is a few megabytes.
const INPUT_BYTES_MAX: u64 = 256 * 1024 * 1024;

/// Output is written in pieces of this size (the answer of a 200 x 2,000 round is 360 kB).
const OUTPUT_BUFFER_BYTES: usize = 64 * 1024;

pub fn run(
    input: &Path,
    output: Option<&PathBuf>,
    certificate: Option<&PathBuf>,
) -> anyhow::Result<ExitCode> {
    keep_freed_memory();
    let (name, size, mut reader): (String, u64, Box<dyn Read>) = if input == Path::new("-") {
        ("standard input".into(), 0, Box::new(io::stdin().lock()))
    } else {
        let file = std::fs::File::open(input)
            .with_context(|| format!("{}: cannot be opened", input.display()))?;
        let size = file.metadata().map_or(0, |metadata| metadata.len());
        (input.display().to_string(), size, Box::new(file))
    };
    let mut text = String::new();
    // One allocation of the right size for a file (a hint: the read still stops at the cap).
    text.reserve(usize::try_from(size.min(INPUT_BYTES_MAX)).unwrap_or(0));
    reader
        .by_ref()
        .take(INPUT_BYTES_MAX + 1)
        .read_to_string(&mut text)
        .with_context(|| format!("{name}: cannot be read as UTF-8 text"))?;
    if !u64::try_from(text.len()).is_ok_and(|length| length <= INPUT_BYTES_MAX) {
        anyhow::bail!(
            "{name}: larger than {} MiB; split the round",
            INPUT_BYTES_MAX / 1024 / 1024
        );
    }
    let problem = match allocation::parse_problem(&text) {
        Ok(problem) => problem,
        Err(error) => {
            errln!("error: {name}: {error}");
            return Ok(ExitCode::from(2));
        }
    };
    drop(text);
    let solution = allocation::solve(&problem);
    // The files are written in full before either takes its place, so that an answer is
    // never left beside the certificate of another (or without its own).
    let mut staged = Vec::new();
    if let Some(path) = output {
        staged.push(files::stage(path, |file| write_answer(file, &solution))?);
    }
    if let Some(path) = certificate {
        staged.push(files::stage(path, |file| {
            write_answer(file, &solution.certificate)
        })?);
    }
    if output.is_none() {
        match write_answer(io::stdout().lock(), &solution) {
            Ok(()) => {}
            // The reader is gone (`equidose allocate round.json | head -1`): it has read all it
            // wanted, and there is no one left to tell; the certificate is still written.
            Err(error) if error.kind() == io::ErrorKind::BrokenPipe => {}
            Err(error) => return Err(crate::output::StdoutError(error).into()),
        }
    }
    files::commit_all(staged)?;
    Ok(ExitCode::SUCCESS)
}

/// Asks the C library's allocator to keep the memory the engine frees for the engine's next
/// allocations, instead of handing it back to the system and taking fresh pages again: in
/// a process that solves one round and exits, every fresh page is a page fault, and they
/// add up to a good part of a round (figures in `crates/allocation/README.md`).
///
/// glibc's malloc serves a block above its threshold (128 kB at first) with its own
/// mapping, returned when freed, and trims its heap when more than twice that is free at
/// the top; freeing such a block raises the threshold to the block's size, up to 32 MiB
/// (mallopt(3), "M_MMAP_THRESHOLD"). One block of just under 32 MiB, never written, so
/// never backed by memory, takes the threshold to its top at once. Other allocators
/// ignore this; it changes nothing but where memory comes from.
fn keep_freed_memory() {
    drop(std::hint::black_box(Vec::<u8>::with_capacity(31 << 20)));
}

/// The answer (or its certificate) as indented JSON and a final newline, through a buffer, flushed: every error
/// of the writes is returned (none is left for a drop to swallow).
fn write_answer(to: impl Write, solution: &impl serde::Serialize) -> io::Result<()> {
    let mut writer = BufWriter::with_capacity(OUTPUT_BUFFER_BYTES, to);
    serde_json::to_writer_pretty(&mut writer, solution)?;
    writer.write_all(b"\n")?;
    writer.flush()
}
