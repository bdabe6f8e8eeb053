//! Every command whose standard output cannot be written ends without a panic: quietly and
//! successfully when the reader closed the pipe, with one error naming standard output when
//! the device is full. Every command whose standard error cannot be written (closed, a
//! closed pipe, a full device) does what it does anyway, with the same exit status.

mod support;

use std::process::Stdio;

use store::testing::TestDatabase;
use support::{equidose, equidose_streams, equidose_with_standard_error_closed};

fn path(relative: &str) -> String {
    format!("{}/../{relative}", env!("CARGO_MANIFEST_DIR"))
}

/// The command's words up to its first path or address, for a snapshot that holds on any
/// machine.
fn label(args: &[&str]) -> String {
    args.iter()
        .take_while(|arg| !arg.contains(['/', '@']))
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A pipe whose reading end is already closed: every write into it fails with `EPIPE`.
fn closed_pipe() -> Stdio {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    writer.into()
}

#[cfg(target_os = "linux")]
fn full_device() -> Stdio {
    std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap()
        .into()
}

#[cfg(target_os = "linux")]
#[tokio::test]
async fn every_command_ends_cleanly_when_standard_output_is_closed_or_full() {
    let database = TestDatabase::create(store::Backend::Sqlite).await.unwrap();
    let folder = std::env::temp_dir().join(format!("equidose-output-{}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    let round = path("allocation/tests/fixtures/covax_first_phase.json");
    let answer = folder.join("answer.json").display().to_string();
    let certificate = folder.join("certificate.json").display().to_string();
    let made = equidose(
        &database.url,
        &[
            "allocate",
            &round,
            "--output",
            &answer,
            "--certificate",
            &certificate,
        ],
        "",
    );
    assert!(made.success, "{}", made.stderr);
    let (vaccinations, population, income_groups) = (
        path("importer/tests/fixtures/aggregates_and_nations/vaccinations.csv"),
        path("importer/tests/fixtures/aggregates_and_nations/population.csv"),
        path("importer/tests/fixtures/aggregates_and_nations/income_groups.csv"),
    );
    let scenario = path("../examples/august-2021.toml");
    let snapshot_folder = folder.join("snapshot").display().to_string();
    let commands: &[&[&str]] = &[
        &["report", "--help"],
        &[
            "report",
            "coverage",
            "--date",
            "2021-08-06",
            "--by",
            "country",
        ],
        &[
            "import",
            "owid",
            "--vaccinations",
            &vaccinations,
            "--population",
            &population,
            "--income-groups",
            &income_groups,
        ],
        &["allocate", &round],
        &["check", &round, &answer, &certificate],
        &["simulate", &scenario],
        &[
            "snapshot",
            "write",
            "--vaccinations",
            &vaccinations,
            "--population",
            &population,
            "--income-groups",
            &income_groups,
            "--output",
            &snapshot_folder,
        ],
        &["expire", "--date", "2021-08-06"],
        &[
            "user",
            "add",
            "--email",
            "{stdout}@example.org",
            "--role",
            "admin",
            "--password-stdin",
        ],
        &["verify"],
    ];
    let mut seen = String::new();
    for args in commands {
        // A user is added once: each run adds its own.
        let named = |stdout: &str| -> Vec<String> {
            args.iter()
                .map(|arg| arg.replace("{stdout}", stdout))
                .collect()
        };
        let (closed_args, full_args) = (named("closed"), named("full"));
        let closed_args: Vec<&str> = closed_args.iter().map(String::as_str).collect();
        let full_args: Vec<&str> = full_args.iter().map(String::as_str).collect();
        let password = "a long enough password\n";
        let closed = equidose_streams(
            &database.url,
            &closed_args,
            password,
            closed_pipe(),
            Stdio::piped(),
        );
        assert_eq!(closed.code, Some(0), "{args:?}: {}", closed.stderr);
        assert!(
            !closed.stderr.contains("error") && !closed.stderr.contains("panicked"),
            "{args:?}: {}",
            closed.stderr
        );
        let full = equidose_streams(
            &database.url,
            &full_args,
            password,
            full_device(),
            Stdio::piped(),
        );
        assert!(
            !full.stderr.contains("panicked"),
            "{args:?}: {}",
            full.stderr
        );
        let error = full
            .stderr
            .lines()
            .filter(|line| line.starts_with("error"))
            .collect::<Vec<_>>()
            .join("\n");
        seen.push_str(&format!(
            "{}\n  closed pipe: exit {:?}\n  /dev/full: exit {:?}, {error}\n",
            label(args),
            closed.code,
            full.code
        ));
    }
    insta::assert_snapshot!(seen);
    std::fs::remove_dir_all(&folder).unwrap();
    database.remove().await;
}

/// A standard error that cannot be written, three ways: closed (`2>&-`), a pipe whose reader
/// is gone, a full device.
#[cfg(target_os = "linux")]
#[tokio::test]
async fn every_command_does_the_same_when_standard_error_cannot_be_written() {
    let database = TestDatabase::create(store::Backend::Sqlite).await.unwrap();
    let folder = std::env::temp_dir().join(format!("equidose-errors-{}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    let bad_rows = |name: &str| path(&format!("importer/tests/fixtures/bad_rows/{name}"));
    let (vaccinations, population, income_groups) = (
        bad_rows("vaccinations.csv"),
        bad_rows("population.csv"),
        bad_rows("income_groups.csv"),
    );
    let scenario = folder.join("scenario.toml");
    std::fs::write(
        &scenario,
        include_str!("../../../examples/august-2021.toml").replace("days = 730", "days = 10"),
    )
    .unwrap();
    let missing = format!("sqlite://{}", folder.join("missing.db").display());
    // Each writes on standard error: an error, a warning, a note, a list of bad rows.
    let commands: &[(&str, &[&str], &str)] = &[
        (
            &database.url,
            &["allocate", "-"],
            r#"{"date": "2021-08-04", "recipients": [], "lots": [], "extra": 1}"#,
        ),
        (
            &database.url,
            &["report", "coverage", "--date", "2019-01-01"],
            "",
        ),
        (
            &database.url,
            &["report", "coverage", "--date", "2021-02-30"],
            "",
        ),
        (
            &database.url,
            &[
                "import",
                "owid",
                "--vaccinations",
                &vaccinations,
                "--population",
                &population,
                "--income-groups",
                &income_groups,
            ],
            "",
        ),
        (&database.url, &["simulate", scenario.to_str().unwrap()], ""),
        (&missing, &["verify"], ""),
    ];
    let mut seen = String::new();
    for (url, args, input) in commands {
        let told = equidose(url, args, input);
        assert!(
            !told.stderr.is_empty(),
            "{args:?} says nothing on standard error"
        );
        let closed = equidose_with_standard_error_closed(url, args, input);
        let into_closed_pipe = equidose_streams(url, args, input, Stdio::piped(), closed_pipe());
        let into_full_device = equidose_streams(url, args, input, Stdio::piped(), full_device());
        for (how, run) in [
            ("closed", &closed),
            ("a closed pipe", &into_closed_pipe),
            ("/dev/full", &into_full_device),
        ] {
            assert_eq!(run.code, told.code, "{args:?}, standard error {how}");
            assert_eq!(run.stdout, told.stdout, "{args:?}, standard error {how}");
        }
        seen.push_str(&format!(
            "{}: exit {:?} every time\n",
            label(args),
            told.code
        ));
    }
    insta::assert_snapshot!(seen);
    std::fs::remove_dir_all(&folder).unwrap();
    database.remove().await;
}
