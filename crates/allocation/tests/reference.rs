//! The engine against an independent slow exact solver on hundreds of tiny seeded rounds.

mod common;

use allocation::{parse_problem, solve};

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
