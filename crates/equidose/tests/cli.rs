//! The command line as a user meets it: reports on a fresh installation, and refusals of bad input.

mod support;

use store::testing::TestDatabase;
use support::equidose;

async fn fresh_sqlite() -> TestDatabase {
    TestDatabase::create(store::Backend::Sqlite).await.unwrap()
}

#[tokio::test]
async fn a_fresh_installation_reports_from_the_builtin_snapshot() {
    let database = fresh_sqlite().await;
    let run = equidose(
        &database.url,
        &["report", "coverage", "--date", "2021-08-06"],
        "",
    );
    assert!(run.success, "{}", run.stderr);
    assert!(
        run.stderr.contains("loaded the built-in snapshot"),
        "{}",
        run.stderr
    );
    insta::assert_snapshot!(run.stdout);
    database.remove().await;
}

#[tokio::test]
async fn a_day_outside_the_data_is_answered_with_a_warning() {
    let database = fresh_sqlite().await;
    let mut warnings = String::new();
    for day in ["2019-01-01", "2025-01-01"] {
        let run = equidose(&database.url, &["report", "coverage", "--date", day], "");
        assert!(run.success, "{}", run.stderr);
        assert!(run.stdout.contains(day), "{}", run.stdout);
        for line in run
            .stderr
            .lines()
            .filter(|line| line.starts_with("warning"))
        {
            warnings.push_str(line);
            warnings.push('\n');
        }
    }
    insta::assert_snapshot!(warnings);
    database.remove().await;
}

#[tokio::test]
async fn a_series_has_every_group_on_every_day() {
    let database = fresh_sqlite().await;
    let run = equidose(
        &database.url,
        &[
            "report",
            "coverage",
            "--from",
            "2021-07-02",
            "--to",
            "2021-08-06",
            "--every",
            "7d",
            "--format",
            "json",
        ],
        "",
    );
    assert!(run.success, "{}", run.stderr);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(rows.len(), 6 * 5);
    for row in &rows {
        for field in ["group", "date", "doses", "population", "per_100"] {
            assert!(row.get(field).is_some(), "{field} missing in {row}");
        }
    }
    // Cumulative doses never fall from one week to the next in any group.
    for group in [
        "Low income",
        "Lower middle income",
        "Upper middle income",
        "High income",
        "World",
    ] {
        let doses: Vec<i64> = rows
            .iter()
            .filter(|row| row["group"] == group)
            .map(|row| row["doses"].as_i64().unwrap())
            .collect();
        assert!(
            doses.windows(2).all(|pair| pair[0] <= pair[1]),
            "{group}: {doses:?}"
        );
    }
    let csv = equidose(
        &database.url,
        &[
            "report",
            "coverage",
            "--date",
            "2021-08-06",
            "--by",
            "country",
            "--format",
            "csv",
        ],
        "",
    );
    assert!(
        csv.stdout
            .starts_with("country,name,date,doses,population,per_100\n")
    );
    // Burundi had reported nothing by then: no figure, rather than a zero it never reported.
    assert!(
        csv.stdout.contains("\nBDI,Burundi,2021-08-06,,11890781,\n"),
        "{}",
        csv.stdout
    );
    assert!(csv.stdout.contains("\nETH,Ethiopia,2021-08-06,"));
    database.remove().await;
}

#[tokio::test]
async fn bad_report_arguments_are_refused_by_name() {
    let database = fresh_sqlite().await;
    let cases: &[&[&str]] = &[
        &["report", "coverage", "--date", "2021-13-01"],
        &["report", "coverage", "--date", "2021-02-30"],
        &[
            "report",
            "coverage",
            "--from",
            "2021-08-01",
            "--to",
            "2021-07-01",
        ],
        &[
            "report",
            "coverage",
            "--from",
            "2021-07-01",
            "--to",
            "2021-08-01",
            "--every",
            "0d",
        ],
        &[
            "report",
            "coverage",
            "--date",
            "2021-08-01",
            "--by",
            "continent",
        ],
    ];
    let mut messages = String::new();
    for args in cases {
        let run = equidose(&database.url, args, "");
        assert!(!run.success && run.code.is_some(), "{args:?} was accepted");
        assert!(run.stdout.is_empty(), "{args:?} printed {}", run.stdout);
        let first_line = run.stderr.lines().next().unwrap_or_default();
        messages.push_str(&format!("{}\n  {first_line}\n", args.join(" ")));
    }
    insta::assert_snapshot!(messages);
    database.remove().await;
}

fn fixture(case: &str, name: &str) -> String {
    format!(
        "{}/../importer/tests/fixtures/{case}/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// `equidose import owid` of a vaccinations file with a fixture case's other two files.
fn import(database: &str, vaccinations: &str, case: &str, strict: bool) -> support::Run {
    let (population, income_groups) = (
        fixture(case, "population.csv"),
        fixture(case, "income_groups.csv"),
    );
    let mut args = vec![
        "import",
        "owid",
        "--vaccinations",
        vaccinations,
        "--population",
        &population,
        "--income-groups",
        &income_groups,
    ];
    if strict {
        args.push("--strict");
    }
    equidose(database, &args, "")
}

#[tokio::test]
async fn a_failed_import_stores_nothing() {
    let database = fresh_sqlite().await;
    // A missing file, a file without a needed column, and bad rows under --strict.
    let missing = import(&database.url, "/nonexistent/v.csv", "bad_rows", false);
    assert_eq!(missing.code, Some(4), "{}", missing.stderr);
    assert!(
        missing
            .stderr
            .contains("/nonexistent/v.csv: cannot be opened"),
        "{}",
        missing.stderr
    );
    let no_column = import(
        &database.url,
        &fixture("missing_column", "vaccinations.csv"),
        "missing_column",
        false,
    );
    assert_eq!(no_column.code, Some(4), "{}", no_column.stderr);
    // A population file without the groups' rows would make the report fail later.
    let no_groups = import(
        &database.url,
        &fixture("joins", "vaccinations.csv"),
        "joins",
        false,
    );
    assert_eq!(no_groups.code, Some(4), "{}", no_groups.stderr);
    insta::assert_snapshot!(
        "an_import_without_the_group_rows_is_refused",
        no_groups.stderr
    );
    assert!(
        no_column
            .stderr
            .contains("the header has no column \"date\""),
        "{}",
        no_column.stderr
    );
    let strict = import(
        &database.url,
        &fixture("bad_rows", "vaccinations.csv"),
        "bad_rows",
        true,
    );
    assert_eq!(strict.code, Some(4), "{}", strict.stderr);
    assert!(
        strict
            .stdout
            .contains("bad_rows/vaccinations.csv:3: date: \"2021-13-01\" is not a date"),
        "{}",
        strict.stdout
    );
    // Refused under --strict, the summary never says "stored" before "nothing was stored".
    assert!(!strict.stdout.contains("stored"), "{}", strict.stdout);
    insta::assert_snapshot!(
        "a_strict_import_refused_says_what_would_have_been_stored",
        format!("{}{}", strict.stdout, strict.stderr)
            .replace(&fixture("bad_rows", ""), "[FIXTURES]/")
    );
    let store = database.open().await;
    assert!(
        store.countries().await.unwrap().is_empty(),
        "a refused import stored countries"
    );
    store.close().await;

    // Without --strict the good rows are kept and every bad one is listed.
    let lenient = import(
        &database.url,
        &fixture("bad_rows", "vaccinations.csv"),
        "bad_rows",
        false,
    );
    assert_eq!(lenient.code, Some(3), "{}", lenient.stderr);
    let fixtures = fixture("bad_rows", "");
    insta::assert_snapshot!(
        "a_lenient_import_lists_every_row_left_out",
        format!("{}{}", lenient.stdout, lenient.stderr)
            .replace(&fixtures, "[FIXTURES]/")
            .replace(&database.url, "[DATABASE]")
    );
    let store = database.open().await;
    let reports = store
        .read(|tx| async move { tx.dose_reports().await })
        .await
        .unwrap();
    assert_eq!(reports.len(), 2);
    store.close().await;
    database.remove().await;
}

#[test]
fn allocate_answers_a_round_as_json_on_standard_output() {
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../allocation/tests/fixtures/covax_first_phase.json"
    );
    let run = equidose("sqlite://unused.db", &["allocate", fixture], "");
    assert!(run.success, "{}", run.stderr);
    let answer: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let recipients = answer["recipients"].as_array().unwrap();
    let total: i64 = recipients
        .iter()
        .map(|recipient| recipient["doses"].as_i64().unwrap())
        .sum();
    assert_eq!(answer["total_doses"].as_i64(), Some(total));
    // The same round from standard input gives the same answer.
    let input = std::fs::read_to_string(fixture).unwrap();
    let piped = equidose("sqlite://unused.db", &["allocate", "-"], &input);
    assert_eq!(piped.stdout, run.stdout);
}

#[test]
fn allocate_refuses_bad_input_naming_the_field_and_prints_nothing() {
    let run = equidose(
        "sqlite://unused.db",
        &["allocate", "-"],
        r#"{"date": "2021-08-04", "recipients": [{"id": "A", "population": 0}], "lots": []}"#,
    );
    assert_eq!(run.code, Some(2));
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr
            .starts_with("error: standard input: recipients[0].population"),
        "{}",
        run.stderr
    );
}

/// `equidose allocate -` reading `input`, with its standard output sent to `stdout`.
fn allocate_to(input: &str, stdout: std::process::Stdio) -> std::process::Child {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_equidose"))
        .args(["--database", "sqlite://unused.db", "allocate", "-"])
        .stdin(Stdio::piped())
        .stdout(stdout)
        .stderr(Stdio::piped())
        .spawn()
        .expect("the equidose binary runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child
}

#[test]
fn allocate_stops_quietly_when_the_reader_of_its_answer_goes_away() {
    use std::io::BufRead;
    // An answer of about 150 kB: far more than a pipe holds, so the writer is still writing
    // when the reader leaves after the first line (as `| head -1` does).
    let round = serde_json::to_string(&allocation::generate::generate(100, 1000, 7)).unwrap();
    let mut child = allocate_to(&round, std::process::Stdio::piped());
    let mut first_line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first_line)
        .unwrap();
    assert_eq!(first_line, "{\n");
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}

#[cfg(target_os = "linux")]
#[test]
fn allocate_names_standard_output_when_it_cannot_be_written() {
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../allocation/tests/fixtures/covax_first_phase.json"
    );
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let child = allocate_to(&std::fs::read_to_string(fixture).unwrap(), full.into());
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with("error: standard output: cannot be written: "),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[tokio::test]
async fn verify_passes_on_a_fresh_store() {
    let database = fresh_sqlite().await;
    // Verify creates no database: the store makes it, as any other command would.
    database.open().await.close().await;
    let run = equidose(&database.url, &["verify"], "");
    assert!(run.success, "{}", run.stderr);
    assert!(
        run.stdout.starts_with("ledger verified: 0 lots"),
        "{}",
        run.stdout
    );
    database.remove().await;
}

#[tokio::test]
async fn verify_fails_naming_the_lot_when_a_balance_was_edited_by_hand() {
    let database = fresh_sqlite().await;
    let run = equidose(
        &database.url,
        &[
            "user",
            "add",
            "--email",
            "root@example.org",
            "--role",
            "admin",
            "--password-stdin",
        ],
        "a long enough password\n",
    );
    assert!(run.success, "{}", run.stderr);
    assert!(run.stdout.contains("admin of operator"), "{}", run.stdout);
    // A lot with doses, through the store, then a hand edit that breaks conservation.
    let store = database.open().await;
    let lot = store::testing::seed_lot(&store, "L1", 100).await;
    assert!(equidose(&database.url, &["verify"], "").success);
    store::testing::execute_raw(&store, "UPDATE balances SET doses = 90")
        .await
        .unwrap();
    store.close().await;
    let run = equidose(&database.url, &["verify"], "");
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains(&format!("lot {}", lot.0)),
        "{}",
        run.stderr
    );
    database.remove().await;
}

#[tokio::test]
async fn user_add_refuses_what_it_cannot_do() {
    let database = fresh_sqlite().await;
    let add = |args: &[&str], password: &str| {
        let mut all = vec!["user", "add"];
        all.extend_from_slice(args);
        equidose(&database.url, &all, password)
    };
    let short = add(
        &[
            "--email",
            "a@example.org",
            "--role",
            "admin",
            "--password-stdin",
        ],
        "short\n",
    );
    assert!(
        !short.success
            && short
                .stderr
                .contains("the password must have 8 to 256 characters"),
        "{}",
        short.stderr
    );
    let no_party = add(
        &[
            "--email",
            "a@example.org",
            "--role",
            "official",
            "--password-stdin",
        ],
        "long enough password\n",
    );
    assert!(
        !no_party.success && no_party.stderr.contains("--party: required"),
        "{}",
        no_party.stderr
    );
    let unknown = add(
        &[
            "--email",
            "a@example.org",
            "--role",
            "official",
            "--party",
            "nowhere",
            "--password-stdin",
        ],
        "long enough password\n",
    );
    assert!(
        !unknown.success && unknown.stderr.contains("there is no party nowhere"),
        "{}",
        unknown.stderr
    );
    let official = add(
        &[
            "--email",
            "a@example.org",
            "--role",
            "official",
            "--party",
            "ETH",
            "--password-stdin",
        ],
        "long enough password\n",
    );
    assert!(official.success, "{}", official.stderr);
    let again = add(
        &[
            "--email",
            "A@example.org",
            "--role",
            "viewer",
            "--party",
            "ETH",
            "--password-stdin",
        ],
        "long enough password\n",
    );
    assert!(
        !again.success
            && again
                .stderr
                .contains("a user with email a@example.org exists already"),
        "{}",
        again.stderr
    );
    database.remove().await;
}

#[tokio::test]
async fn unusable_databases_are_refused_at_once_in_one_sentence() {
    let folder = std::env::temp_dir().join(format!("equidose-databases-{}", std::process::id()));
    std::fs::create_dir_all(folder.join("a folder")).unwrap();
    let csv = folder.join("data.csv");
    std::fs::write(&csv, "a,b\n1,2\n").unwrap();
    // A database cut short: the first page of a real one, without the rest.
    let database = fresh_sqlite().await;
    assert!(equidose(&database.url, &["report", "coverage"], "").success);
    let path = database.url.trim_start_matches("sqlite://").to_owned();
    let truncated = folder.join("truncated.db");
    std::fs::write(&truncated, &std::fs::read(&path).unwrap()[..5000]).unwrap();
    database.remove().await;
    let at = |name: &str| format!("sqlite://{}", folder.join(name).display());
    let cases = [
        ("report", "postgres://postgres@127.0.0.1:1/x".to_owned()),
        ("report", at("data.csv")),
        ("report", at("truncated.db")),
        ("report", "sqlite://".to_owned()),
        ("report", at("no folder/equidose.db")),
        ("report", at("a folder")),
        ("verify", at("mistyped.db")),
    ];
    let mut messages = String::new();
    for (command, url) in &cases {
        let args: &[&str] = if *command == "report" {
            &["report", "coverage"]
        } else {
            &["verify"]
        };
        let run = equidose(url, args, "");
        assert_eq!(run.code, Some(1), "{url}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{url}: {}", run.stdout);
        messages.push_str(&format!("{command} {url}\n  {}", run.stderr));
    }
    assert!(
        !folder.join("mistyped.db").exists(),
        "verify created a database"
    );
    insta::assert_snapshot!(messages.replace(&folder.display().to_string(), "[FOLDER]"));
    std::fs::remove_dir_all(&folder).unwrap();
}

/// The names in `folder`, sorted: what a user listing it would see, hidden files included.
fn listing(folder: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Every file in `folder` with its text.
fn contents(folder: &std::path::Path) -> Vec<(String, String)> {
    listing(folder)
        .into_iter()
        .map(|name| {
            let text = std::fs::read_to_string(folder.join(&name)).unwrap();
            (name, text)
        })
        .collect()
}

/// `equidose ARGS…` with files limited to `blocks` of 512 bytes (`ulimit -f`), and the
/// signal that would kill it ignored: a write past the limit fails with "File too large",
/// as on a disk that fills up in the middle of a file.
fn equidose_with_file_size_limit(blocks: u32, args: &[&str]) -> support::Run {
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "trap '' XFSZ; ulimit -f {blocks}; exec \"$0\" \"$@\""
        ))
        .arg(env!("CARGO_BIN_EXE_equidose"))
        .args(["--database", "sqlite://unused.db"])
        .args(args)
        .env_remove("EQUIDOSE_DATABASE_URL")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("sh runs");
    support::Run {
        success: output.status.success(),
        code: output.status.code(),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

/// A fresh empty folder for one test.
fn empty_folder(name: &str) -> std::path::PathBuf {
    let folder = std::env::temp_dir().join(format!("equidose-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).unwrap();
    folder
}

#[cfg(target_os = "linux")]
#[test]
fn allocate_writes_its_files_whole_or_not_at_all() {
    let folder = empty_folder("allocate-files");
    let round = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../allocation/tests/fixtures/covax_first_phase.json"
    );
    let answer = folder.join("answer.json").display().to_string();
    let certificate = folder.join("certificate.json").display().to_string();
    let both = [
        "allocate",
        round,
        "--output",
        &answer,
        "--certificate",
        &certificate,
    ];
    // Written, and written again over the first: each time exactly the two files, the
    // answer as standard output prints it.
    for _ in 0..2 {
        let run = equidose("sqlite://unused.db", &both, "");
        assert!(run.success, "{}", run.stderr);
        assert!(run.stdout.is_empty(), "{}", run.stdout);
        assert_eq!(listing(&folder), ["answer.json", "certificate.json"]);
    }
    let printed = equidose("sqlite://unused.db", &["allocate", round], "").stdout;
    assert_eq!(std::fs::read_to_string(&answer).unwrap(), printed);
    let before = contents(&folder);

    // Every failure leaves the folder as it was and names the path given.
    let in_folder = |name: &str| folder.join(name).display().to_string();
    let mut messages = String::new();
    let mut record = |what: &str, run: support::Run| {
        assert_eq!(run.code, Some(1), "{what}: {}", run.stderr);
        assert!(!run.stderr.contains("partial"), "{}", run.stderr);
        messages.push_str(&format!("{what}\n  {}", run.stderr));
    };
    record(
        "a folder that cannot be written (/sys)",
        equidose(
            "sqlite://unused.db",
            &["allocate", round, "--output", "/sys/answer.json"],
            "",
        ),
    );
    record(
        "a folder that does not exist",
        equidose(
            "sqlite://unused.db",
            &[
                "allocate",
                round,
                "--output",
                &in_folder("missing/answer.json"),
            ],
            "",
        ),
    );
    record(
        "a folder given as the file",
        equidose(
            "sqlite://unused.db",
            &["allocate", round, "--output", &folder.display().to_string()],
            "",
        ),
    );
    record(
        "a disk that fills up while the answer is written",
        equidose_with_file_size_limit(1, &both),
    );
    record(
        "a certificate that cannot be written (the new answer is not put in place either)",
        equidose(
            "sqlite://unused.db",
            &[
                "allocate",
                round,
                "--output",
                &in_folder("new.json"),
                "--certificate",
                &in_folder("missing/certificate.json"),
            ],
            "",
        ),
    );
    assert_eq!(
        contents(&folder),
        before,
        "a failed write changed the folder"
    );
    insta::assert_snapshot!(messages.replace(&folder.display().to_string(), "[FOLDER]"));
    std::fs::remove_dir_all(&folder).unwrap();
}

#[cfg(target_os = "linux")]
#[test]
fn snapshot_write_and_simulate_write_whole_files_or_none() {
    let folder = empty_folder("command-files");
    let fixture = |name: &str| fixture("aggregates_and_nations", name);
    let (vaccinations, population, income_groups) = (
        fixture("vaccinations.csv"),
        fixture("population.csv"),
        fixture("income_groups.csv"),
    );
    let snapshot_folder = folder.join("snapshot");
    let snapshot_folder_text = snapshot_folder.display().to_string();
    let snapshot = [
        "snapshot",
        "write",
        "--vaccinations",
        &vaccinations,
        "--population",
        &population,
        "--income-groups",
        &income_groups,
        "--output",
        &snapshot_folder_text,
    ];
    let written = equidose("sqlite://unused.db", &snapshot, "");
    assert!(written.success, "{}", written.stderr);
    assert_eq!(
        listing(&snapshot_folder),
        [
            "income-groups.csv",
            "population.csv",
            "vaccinations-daily.csv"
        ]
    );
    let before = contents(&snapshot_folder);
    let failed = equidose_with_file_size_limit(1, &snapshot);
    assert_eq!(failed.code, Some(1), "{}", failed.stderr);
    assert_eq!(contents(&snapshot_folder), before);

    // The README's example over 30 days.
    let scenario = folder.join("scenario.toml");
    std::fs::write(
        &scenario,
        include_str!("../../../examples/august-2021.toml").replace("days = 730", "days = 30"),
    )
    .unwrap();
    let out = folder.join("out");
    let simulate = [
        "simulate",
        scenario.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    let simulated = equidose("sqlite://unused.db", &simulate, "");
    assert!(simulated.success, "{}", simulated.stderr);
    assert_eq!(
        listing(&out),
        ["chart.svg", "coverage.csv", "events.csv", "expired.csv"]
    );
    let before = contents(&out);
    let failed_simulation = equidose_with_file_size_limit(1, &simulate);
    assert_eq!(
        failed_simulation.code,
        Some(1),
        "{}",
        failed_simulation.stderr
    );
    assert_eq!(contents(&out), before);

    let first_error = |run: &support::Run| {
        run.stderr
            .lines()
            .find(|line| line.starts_with("error"))
            .unwrap_or_default()
            .replace(&folder.display().to_string(), "[FOLDER]")
    };
    insta::assert_snapshot!(format!(
        "snapshot write\n  {}\nsimulate --out\n  {}\n",
        first_error(&failed),
        first_error(&failed_simulation)
    ));
    std::fs::remove_dir_all(&folder).unwrap();
}

/// `equidose ARGS… --help`, with no environment variable shown as a default.
fn help_of(args: &[String]) -> String {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_equidose"))
        .args(args)
        .arg("--help")
        .env_remove("EQUIDOSE_DATABASE_URL")
        .env_remove("EQUIDOSE_ADDR")
        .output()
        .expect("the equidose binary runs");
    assert!(output.status.success(), "{args:?} --help failed");
    String::from_utf8(output.stdout).unwrap()
}

/// The commands a help lists under "Commands:", without `help`.
fn commands_listed(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|line| *line != "Commands:")
        .skip(1)
        .take_while(|line| !line.is_empty())
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_owned)
        .collect()
}

/// Every command's help, found by walking the command groups from the top (so a command
/// added later is in it without being named here): every option described, and every
/// command that does something with an example.
#[test]
fn every_command_has_help_with_an_example() {
    let mut pending = vec![Vec::<String>::new()];
    let mut all = String::new();
    let mut leaves = 0;
    while let Some(path) = pending.pop() {
        let help = help_of(&path);
        let listed = commands_listed(&help);
        if listed.is_empty() {
            leaves += 1;
            assert!(
                help.contains("\nExample"),
                "equidose {} --help has no example",
                path.join(" ")
            );
        }
        // An option or argument is described on its line, or (in the long layout clap uses
        // when a description is long) on the next line, indented deeper.
        let lines: Vec<&str> = help.lines().collect();
        for (index, line) in lines.iter().enumerate() {
            let entry = line.trim_start();
            if !line.starts_with("  ") || !(entry.starts_with('-') || entry.starts_with('<')) {
                continue;
            }
            let words: Vec<&str> = entry.split_whitespace().collect();
            let name_only = words.len() <= 2
                && words
                    .last()
                    .is_some_and(|word| word.starts_with('<') || word.starts_with('-'));
            let indent = |text: &str| text.len() - text.trim_start().len();
            let described_below = lines.get(index + 1).is_some_and(|next| {
                indent(next) > indent(line) && !next.trim_start().starts_with('-')
            });
            assert!(
                !name_only || described_below,
                "equidose {} --help: {line:?} is not described",
                path.join(" ")
            );
        }
        let command = std::iter::once("equidose")
            .chain(path.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join(" ");
        all.push_str(&format!("$ {command} --help\n{help}\n"));
        for name in listed.into_iter().rev() {
            let mut next = path.clone();
            next.push(name);
            pending.push(next);
        }
    }
    assert_eq!(leaves, 13, "the commands that do something");
    insta::assert_snapshot!(all);
}

#[tokio::test]
async fn a_report_by_country_names_each_country_and_says_where_there_is_no_report() {
    let database = fresh_sqlite().await;
    let run = equidose(
        &database.url,
        &[
            "report",
            "coverage",
            "--date",
            "2021-01-15",
            "--by",
            "country",
        ],
        "",
    );
    assert!(run.success, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    // Albania had reported 308 doses; Burundi nothing yet: "no report", not 0.00.
    let wanted = [
        "country",
        "ALB ",
        "BDI ",
        "CIV ",
        "ETH ",
        "GBR ",
        "OWID_KOS ",
    ];
    let shown: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|line| wanted.iter().any(|start| line.starts_with(start)))
        .collect();
    insta::assert_snapshot!(shown.join("\n"));
    assert_eq!(lines.len(), 1 + 229, "a header and every country");
    database.remove().await;
}
