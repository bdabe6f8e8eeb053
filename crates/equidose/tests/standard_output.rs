//! Every command whose standard output cannot be written ends without a panic: quietly and
//! successfully when the reader closed the pipe, with one error naming standard output when
//! the device is full.

mod support;

use std::process::Stdio;

use store::testing::TestDatabase;
use support::{equidose, equidose_into};

fn path(relative: &str) -> String {
    format!("{}/../{relative}", env!("CARGO_MANIFEST_DIR"))
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
    let commands: &[&[&str]] = &[
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
        &["verify"],
    ];
    let mut seen = String::new();
    for args in commands {
        let closed = equidose_into(&database.url, args, closed_pipe());
        assert_eq!(closed.code, Some(0), "{args:?}: {}", closed.stderr);
        assert!(
            !closed.stderr.contains("error") && !closed.stderr.contains("panicked"),
            "{args:?}: {}",
            closed.stderr
        );
        let full = equidose_into(&database.url, args, full_device());
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
            args[0], closed.code, full.code
        ));
    }
    insta::assert_snapshot!(seen);
    std::fs::remove_dir_all(&folder).unwrap();
    database.remove().await;
}
