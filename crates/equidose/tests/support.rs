//! Helpers shared by the command-line tests: run the built binary against a database.

#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// What a run of `equidose` printed and how it ended.
pub struct Run {
    pub success: bool,
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `equidose --database URL ARGS…` with `input` on standard input.
pub fn equidose(database: &str, args: &[&str], input: &str) -> Run {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_equidose"))
        .arg("--database")
        .arg(database)
        .args(args)
        .env_remove("EQUIDOSE_DATABASE_URL")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the equidose binary runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let Output {
        status,
        stdout,
        stderr,
    } = child.wait_with_output().unwrap();
    Run {
        success: status.success(),
        code: status.code(),
        stdout: String::from_utf8(stdout).unwrap(),
        stderr: String::from_utf8(stderr).unwrap(),
    }
}

/// The real data beside the repository, or `None` (having said so) when it is absent
/// outside CI. Under `CI=true` its absence fails the test.
pub fn real_data() -> Option<PathBuf> {
    let folder =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/owid-2021-08");
    if folder.join("vaccinations.csv").is_file() {
        return Some(folder);
    }
    let message = format!("the real data is not at {}", folder.display());
    if std::env::var("CI").is_ok_and(|value| value == "true") {
        panic!("{message}: CI runs beside ../shared");
    }
    eprintln!("skipped: {message}");
    None
}

/// Runs `equidose --database URL ARGS…` with its standard output sent to `stdout` (a closed
/// pipe, `/dev/full`); what it printed on standard error and how it ended.
pub fn equidose_into(database: &str, args: &[&str], stdout: Stdio) -> Run {
    equidose_streams(database, args, "", stdout, Stdio::piped())
}

/// Runs `equidose --database URL ARGS…` with `input` on standard input and its standard
/// output and standard error sent where they say; what it printed on those that are pipes
/// (`Stdio::piped()`), and how it ended.
pub fn equidose_streams(
    database: &str,
    args: &[&str],
    input: &str,
    stdout: Stdio,
    stderr: Stdio,
) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_equidose"));
    command.arg("--database").arg(database).args(args);
    run_with(command, input, stdout, stderr)
}

/// Runs `equidose --database URL ARGS…` through `sh`, with its standard error closed
/// (`2>&-`), and `input` on standard input; what it printed and how it ended.
pub fn equidose_with_standard_error_closed(database: &str, args: &[&str], input: &str) -> Run {
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg("exec \"$0\" \"$@\" 2>&-")
        .arg(env!("CARGO_BIN_EXE_equidose"))
        .arg("--database")
        .arg(database)
        .args(args);
    run_with(command, input, Stdio::piped(), Stdio::piped())
}

fn run_with(mut command: Command, input: &str, stdout: Stdio, stderr: Stdio) -> Run {
    use std::io::Write;
    let mut child = command
        .env_remove("EQUIDOSE_DATABASE_URL")
        .stdin(Stdio::piped())
        .stdout(stdout)
        .stderr(stderr)
        .spawn()
        .expect("the equidose binary runs");
    // A command that does not read its input may be gone before it is written.
    let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
    let Output {
        status,
        stdout,
        stderr,
    } = child.wait_with_output().unwrap();
    Run {
        success: status.success(),
        code: status.code(),
        stdout: String::from_utf8(stdout).unwrap(),
        stderr: String::from_utf8(stderr).unwrap(),
    }
}
