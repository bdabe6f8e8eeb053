//! The engine against an independent slow exact solver on thousands of small seeded rounds.

mod common;

use allocation::{Options, Problem, Solution, Threads, parse_problem, solve};

#[test]
fn matches_the_reference_solver_on_tiny_rounds() {
    for seed in 0..1500u64 {
        let problem = common::tiny(seed);
        // Through the JSON parser too, so both entry points see the same rounds.
        let json = serde_json::to_string(&problem).unwrap();
        let parsed = parse_problem(&json).unwrap_or_else(|e| panic!("seed {seed}: {e}"));
        assert_eq!(parsed, problem, "seed {seed}: JSON round trip");
        let solution = solve(&problem);
        if let Err(e) = common::check_feasible(&problem, &solution) {
            panic!("seed {seed}: infeasible: {e}\n{json}");
        }
        if let Err(e) = common::check_optimal(&problem, &solution) {
            panic!("seed {seed}: not optimal: {e}\n{json}");
        }
    }
}

#[test]
fn no_dose_can_move_to_someone_worse_off() {
    for seed in 1000..1200u64 {
        let problem = common::tiny(seed);
        let solution = solve(&problem);
        if let Err(e) = common::check_no_improving_transfer(&problem, &solution) {
            panic!(
                "seed {seed}: {e}\n{}",
                serde_json::to_string(&problem).unwrap()
            );
        }
    }
}

#[test]
fn matches_the_reference_solver_on_small_rounds() {
    for seed in 0..300u64 {
        let problem = common::small(seed);
        let solution = solve(&problem);
        if let Err(e) = common::check_feasible(&problem, &solution) {
            panic!("seed {seed}: infeasible: {e}");
        }
        if let Err(e) = common::check_optimal(&problem, &solution) {
            panic!(
                "seed {seed}: not optimal: {e}\n{}",
                serde_json::to_string(&problem).unwrap()
            );
        }
    }
}

/// Generated rounds of benchmark shape and realistic magnitude: every answer is feasible
/// day by day, and the engine's own checks (each group's rounding takes in all its supply,
/// the groups' flows fit together) hold, since tests run with debug assertions.
#[test]
fn generated_rounds_of_benchmark_shape_are_feasible() {
    for seed in 0..12u64 {
        let (recipients, lots) = if seed < 10 { (30, 300) } else { (100, 1000) };
        let problem = allocation::generate::generate(recipients, lots, seed);
        let solution = solve(&problem);
        if let Err(e) = common::check_feasible(&problem, &solution) {
            panic!("seed {seed}: infeasible: {e}");
        }
        assert!(solution.total_doses > 0, "seed {seed}");
    }
}

#[test]
fn matches_the_reference_solver_on_rounds_of_ten_recipients() {
    for seed in 0..500u64 {
        let problem = common::random_round(seed, 10, 20);
        let solution = solve(&problem);
        if let Err(e) = common::check_feasible(&problem, &solution) {
            panic!("seed {seed}: infeasible: {e}");
        }
        if let Err(e) = common::check_optimal(&problem, &solution) {
            panic!(
                "seed {seed}: not optimal: {e}\n{}",
                serde_json::to_string(&problem).unwrap()
            );
        }
    }
}

/// Two threads and one give the same answer to the dose and the shipment, and it is
/// feasible day by day.
#[test]
fn two_threads_answer_as_one() {
    for seed in [3u64, 4] {
        let problem = allocation::generate::generate(120, 1200, seed);
        same_answer(
            seed,
            &problem,
            options(Threads::One, false),
            options(Threads::Two, false),
        );
    }
}

/// The tests run on 64-bit integers where every flow fits and on 128-bit ones elsewhere;
/// with 128 bits everywhere the answer is the same to the shipment, on small rounds (where
/// the reference solver also checks it) and on generated rounds of realistic magnitude
/// (where populations of a billion make some tests need 128 bits anyway).
#[test]
fn wide_integers_answer_as_narrow_ones() {
    let (narrow, wide) = (options(Threads::One, false), options(Threads::One, true));
    for seed in 0..300u64 {
        let problem = common::small(seed);
        let solution = same_answer(seed, &problem, narrow, wide);
        if let Err(e) = common::check_optimal(&problem, &solution) {
            panic!("seed {seed}: not optimal: {e}");
        }
    }
    for seed in 0..6u64 {
        let problem = allocation::generate::generate(60, 600, seed);
        same_answer(seed, &problem, narrow, wide);
    }
}

fn options(threads: Threads, wide_integers: bool) -> Options {
    Options {
        threads,
        wide_integers,
    }
}

/// Solves the round both ways; the answers must be identical and feasible day by day.
fn same_answer(seed: u64, problem: &Problem, first: Options, second: Options) -> Solution {
    let one = allocation::solve_with(problem, first);
    let other = allocation::solve_with(problem, second);
    assert_eq!(one, other, "seed {seed}: {first:?} and {second:?} differ");
    if let Err(e) = common::check_feasible(problem, &one) {
        panic!("seed {seed}: infeasible: {e}");
    }
    one
}

/// `limited_by` against the spec's definition computed from scratch (`common::limited_by`:
/// the most each recipient could take alone, and the smallest tight set containing it
/// found among all subsets), on rounds where every label occurs.
fn labels_follow_the_spec(rounds: impl Iterator<Item = (u64, Problem)>) {
    let mut seen = std::collections::BTreeMap::new();
    for (seed, problem) in rounds {
        let solution = solve(&problem);
        if let Err(e) = common::check_limited_by(&problem, &solution) {
            panic!(
                "seed {seed}: {e}\n{}",
                serde_json::to_string(&problem).unwrap()
            );
        }
        for recipient in &solution.recipients {
            *seen
                .entry(format!("{:?}", recipient.limited_by))
                .or_insert(0) += 1;
        }
    }
    assert_eq!(
        seen.keys().collect::<Vec<_>>(),
        ["Cap", "Expiry", "Level", "Supply"],
        "every label must occur for the comparison to say something: {seen:?}"
    );
}

#[test]
fn limited_by_follows_the_spec_on_tiny_rounds() {
    labels_follow_the_spec((0..1500u64).map(|seed| (seed, common::tiny(seed))));
}

#[test]
fn limited_by_follows_the_spec_on_small_rounds() {
    labels_follow_the_spec((0..300u64).map(|seed| (seed, common::small(seed))));
}

#[test]
fn limited_by_follows_the_spec_on_rounds_of_ten_recipients() {
    labels_follow_the_spec((0..60u64).map(|seed| (seed, common::random_round(seed, 10, 20))));
}
