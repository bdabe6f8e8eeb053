//! Hand-made rounds as data: each `tests/fixtures/<name>.json` goes through [`check`], and
//! its answer (or its error message) is snapshot-tested. Each snapshot was checked by hand
//! against the comment on its test.

mod common;

use allocation::{parse_problem, solve};
use serde_json::{Value, json};

/// Parses and solves a fixture; a solution is also checked for feasibility, optimality and
/// its `limited_by` labels against the reference solver and the spec's definitions before
/// its JSON is snapshot.
fn check(name: &str) {
    let path = format!("{}/tests/fixtures/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let output: Value = match parse_problem(&text) {
        Ok(problem) => {
            let solution = solve(&problem);
            common::check_feasible(&problem, &solution).unwrap();
            common::check_optimal(&problem, &solution).unwrap();
            common::check_limited_by(&problem, &solution).unwrap();
            serde_json::to_value(&solution).unwrap()
        }
        Err(error) => json!({ "error": error.to_string() }),
    };
    insta::assert_json_snapshot!(name, output);
}

/// Target 20: everyone is brought to 20 % (A +200, B +50, C already at 25 % gets 0), and
/// the other 750 doses stay unallocated.
#[test]
fn covax_first_phase() {
    check("covax_first_phase");
}

/// A at 0 %, B at 15 %, C at 10 %: A rises alone to 10 %, A and C to 15 %, then all three
/// to 25 % (A 250, B 100, C 300 = 650 doses).
#[test]
fn level_equalises() {
    check("level_equalises");
}

/// L1 can only go to A: A gets its 100 doses though it ends above B, who gets all of L2.
#[test]
fn earmark_blocks() {
    check("earmark_blocks");
}

/// A absorbs 100 a day from the round's day: at most 500 doses of L1 (expiring on day 5)
/// and 1,000 in all. B starts after L1 expires. Both end at 750; 500 doses of L1 are left.
#[test]
fn absorption_and_expiry() {
    check("absorption_and_expiry");
}

/// A wants 70 days of shelf life: L1 (60 days) is B's only, so A takes L2 and both get 500.
#[test]
fn min_shelf_life() {
    check("min_shelf_life");
}

/// Weight 2 means twice the coverage at the same level: A 200, B 100.
#[test]
fn weights() {
    check("weights");
}

/// Weights 0.1, 0.2 and 0.3 are not binary fractions: in decimal the answer is exactly
/// 100, 200 and 300, and it must stay so (not 101, 199, 300) however they are rounded.
#[test]
fn decimal_weights() {
    check("decimal_weights");
}

/// Target 33.3 % of 1,000 is 333 doses (the binary number nearest 33.3 would give 332);
/// B absorbs 0.1 a day from the 5th to the 24th: 20 days, exactly 2 doses.
#[test]
fn decimal_target_and_rate() {
    check("decimal_target_and_rate");
}

/// A capped by max_doses at 50, B by its target at floor(10 % of 1,000) - 20 = 80, C takes
/// the remaining 870.
#[test]
fn caps_by_max_doses_and_target() {
    check("caps_by_max_doses_and_target");
}

/// OLD expired before the round: unallocated, not an error; L1 expires on the round's day
/// and is still usable.
#[test]
fn already_expired_lot() {
    check("already_expired_lot");
}

/// A accepts only mRNA (100 doses); B takes all 300 vector doses.
#[test]
fn products() {
    check("products");
}

/// A needs 300 of 400 doses: all of EARLY is used and 100 of LATE are left for later.
#[test]
fn latest_expiry_left_over() {
    check("latest_expiry_left_over");
}

#[test]
fn errors() {
    for name in [
        "error_bad_date",
        "error_missing_population",
        "error_zero_population",
        "error_negative_doses",
        "error_zero_doses",
        "error_duplicate_recipient",
        "error_duplicate_lot",
        "error_unknown_earmark",
        "error_misspelt_field",
        "error_weight_is_a_string",
        "error_zero_weight",
        "error_negative_absorption",
        "error_fractional_population",
        "error_missing_date",
        "error_lots_not_an_array",
        "error_not_json",
    ] {
        check(name);
    }
}
