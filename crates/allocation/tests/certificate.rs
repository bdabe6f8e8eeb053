//! Every answer's certificate passes the independent checker (`allocation-check`): on the
//! hand-made fixtures, on seeded random rounds of every size the other tests use, and on
//! generated rounds of benchmark shape.

mod common;

use allocation::{Problem, Solution, generate::generate, parse_problem, solve};

/// The three documents as JSON, as `equidose check` reads them.
fn documents(problem: &Problem, solution: &Solution) -> (String, String, String) {
    (
        serde_json::to_string(problem).unwrap(),
        serde_json::to_string(solution).unwrap(),
        serde_json::to_string(&solution.certificate).unwrap(),
    )
}

fn assert_checks(name: &str, problem: &Problem) {
    let solution = solve(problem);
    let (round, answer, certificate) = documents(problem, &solution);
    let failures = allocation_check::check(&round, &answer, &certificate);
    assert!(
        failures.is_empty(),
        "{name}: {failures:#?}\nround: {round}\nanswer: {answer}\ncertificate: {certificate}"
    );
}

#[test]
fn fixtures_check() {
    let directory = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    for entry in std::fs::read_dir(directory).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        if let Ok(problem) = parse_problem(&text) {
            assert_checks(&path.display().to_string(), &problem);
            checked += 1;
        }
    }
    assert_eq!(checked, 12);
}

#[test]
fn random_rounds_check() {
    for seed in 0..1_500 {
        assert_checks(&format!("tiny {seed}"), &common::tiny(seed));
    }
    for seed in 0..300 {
        assert_checks(&format!("small {seed}"), &common::small(seed));
    }
    for seed in 0..500 {
        assert_checks(&format!("ten {seed}"), &common::random_round(seed, 10, 30));
    }
}

#[test]
fn generated_rounds_check() {
    for (seed, &(recipients, lots)) in [(3, 30), (10, 100), (60, 600), (100, 1_000), (200, 2_000)]
        .iter()
        .enumerate()
    {
        for round in 0..3 {
            let seed = u64::try_from(seed * 10 + round).unwrap();
            assert_checks(
                &format!("generated {recipients}x{lots} seed {seed}"),
                &generate(recipients, lots, seed),
            );
        }
    }
}
