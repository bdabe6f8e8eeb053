//! `equidose simulate` as a user meets it: on a fresh clone (no database: the built-in
//! snapshot), its files and JSON, a sweep, and a bad scenario refused before anything runs.

mod support;

use std::path::PathBuf;

use support::equidose;

/// A folder of its own under the target directory, emptied.
fn folder(name: &str) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("simulate-{name}"));
    let _ = std::fs::remove_dir_all(&path);
    std::fs::create_dir_all(&path).unwrap();
    path
}

/// The example of the README over 60 days, written into `dir`.
fn short_example(dir: &std::path::Path) -> PathBuf {
    let text =
        include_str!("../../../examples/august-2021.toml").replace("days = 730", "days = 60");
    let path = dir.join("scenario.toml");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_fresh_clone_simulates_from_the_builtin_snapshot_and_writes_its_files() {
    let dir = folder("fresh");
    let scenario = short_example(&dir);
    let database = dir.join("never-created.db");
    let url = format!("sqlite://{}", database.display());
    let out = dir.join("out");
    let run = equidose(
        &url,
        &[
            "simulate",
            scenario.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--format",
            "json",
        ],
        "",
    );
    assert!(run.success, "{}", run.stderr);
    assert!(run.stderr.contains("built-in snapshot"), "{}", run.stderr);
    assert!(!database.exists(), "simulate created a database");
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["start"], "2021-08-04");
    assert_eq!(json["days"], 60);
    let policies = json["policies"].as_array().unwrap();
    assert_eq!(policies.len(), 3);
    for policy in policies {
        for group in [
            "Low income",
            "Lower middle income",
            "Upper middle income",
            "High income",
            "World",
        ] {
            let reached = policy["reached"][group].as_object().unwrap();
            assert_eq!(reached.len(), 4, "{group}");
            assert!(policy["final_per_100"][group].is_number());
        }
        let doses = &policy["doses"];
        let get = |key: &str| doses[key].as_u64().unwrap();
        assert_eq!(
            get("produced") + get("stock_at_start"),
            get("administered") + get("expired") + get("in_stock") + get("in_transit")
        );
    }
    for name in ["coverage.csv", "events.csv", "expired.csv", "chart.svg"] {
        assert!(out.join(name).exists(), "{name} missing");
    }
    let coverage = std::fs::read_to_string(out.join("coverage.csv")).unwrap();
    assert!(coverage.starts_with("policy,date,group,doses,population,per_100\n"));
    // 3 policies × 61 days × 5 group rows, and the header.
    assert_eq!(coverage.lines().count(), 3 * 61 * 5 + 1);

    // The same file again: the same bytes.
    let again = equidose(
        &url,
        &["simulate", scenario.to_str().unwrap(), "--format", "json"],
        "",
    );
    assert_eq!(again.stdout, run.stdout);
}

#[test]
fn a_sweep_writes_one_row_per_run_and_policy() {
    let dir = folder("sweep");
    let scenario = short_example(&dir);
    let url = format!("sqlite://{}", dir.join("none.db").display());
    let out = dir.join("out");
    let run = equidose(
        &url,
        &[
            "simulate",
            scenario.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--sweep",
            "lead_time_days=14..28:14",
            "--sweep",
            "policies[1].keep_per_100=100..200:100",
        ],
        "",
    );
    assert!(run.success, "{}", run.stderr);
    let csv = std::fs::read_to_string(out.join("sweep.csv")).unwrap();
    let mut lines = csv.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("run,lead_time_days,policies[1].keep_per_100,policy,")
    );
    assert_eq!(lines.count(), 4 * 3);
}

#[test]
fn a_bad_scenario_is_refused_before_anything_runs() {
    let dir = folder("bad");
    let scenario = dir.join("bad.toml");
    std::fs::write(
        &scenario,
        "start = \"2021-08-04\"\ndays = 30\n\n[[policies]]\nname = \"a\"\nkind = \"boost\"\n",
    )
    .unwrap();
    let url = format!("sqlite://{}", dir.join("none.db").display());
    let out = dir.join("out");
    let run = equidose(
        &url,
        &[
            "simulate",
            scenario.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        "",
    );
    assert!(!run.success);
    assert_eq!(run.stdout, "");
    assert!(!out.exists(), "files were written");
    let message = run.stderr.replace(dir.to_str().unwrap(), "DIR");
    insta::assert_snapshot!(message, @r#"error: DIR/bad.toml:6: policies[0].kind: unknown policy "boost"; expected boosters_first, sharing or proportional"#);
}
