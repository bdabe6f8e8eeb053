//! Fuzzes an allocation round's input JSON (`allocation::parse_problem`) and the engine
//! behind it: any bytes are read or refused without a panic; a round that reads is written
//! back and is read again, with the same lots; a small one is solved and its answer and certificate
//! must pass the independent checker (`allocation-check`). A failure of the checker on an
//! answer of the engine is a bug of one of the two, and this target stops on it.

#![no_main]

use allocation::{Problem, parse_problem, solve};
use libfuzzer_sys::fuzz_target;

/// The largest round solved here: small enough that one case takes milliseconds, large
/// enough for earmarks, products and expiries to interact.
const RECIPIENTS_SOLVED_MAX: usize = 8;
const LOTS_SOLVED_MAX: usize = 8;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let problem = match parse_problem(text) {
        Ok(problem) => problem,
        Err(error) => {
            assert!(
                !error.path.is_empty() && !error.reason.is_empty(),
                "{error}"
            );
            return;
        }
    };
    let round = serde_json::to_string(&problem).expect("a round is JSON");
    let again = parse_problem(&round)
        .unwrap_or_else(|error| panic!("a round written back is refused: {error}\n{round}"));
    // Not compared field by field: serde_json reads a float to within one unit in the last
    // place unless its `float_roundtrip` feature is on (the README's Fuzzing section).
    assert_eq!(again.recipients.len(), problem.recipients.len());
    assert_eq!(
        again.lots, problem.lots,
        "a round written back reads differently\n{round}"
    );

    if !is_small(&problem) {
        return;
    }
    let solution = solve(&problem);
    assert_eq!(solution.recipients.len(), problem.recipients.len());
    let answer = serde_json::to_string(&solution).expect("an answer is JSON");
    let certificate = serde_json::to_string(&solution.certificate).expect("a certificate is JSON");
    let failures = allocation_check::check(&round, &answer, &certificate);
    assert!(
        failures.is_empty(),
        "the checker refuses the engine's answer: {failures:#?}\nround: {round}\nanswer: {answer}\ncertificate: {certificate}"
    );
});

fn is_small(problem: &Problem) -> bool {
    problem.recipients.len() <= RECIPIENTS_SOLVED_MAX
        && problem.lots.len() <= LOTS_SOLVED_MAX
        && !beyond_checker(problem)
}

/// The engine takes targets, weights and absorptions of any finite size (a target or an
/// absorption above what the lots can give is no limit at all); the checker reads these
/// numbers exactly only as decimals of at most 24 places and 38 digits, so rounds with
/// larger ones, or with positive ones below 1e-6 (17 significant digits may then need more
/// than 24 places), are not checked here.
fn beyond_checker(problem: &Problem) -> bool {
    const NUMBER_CHECKED_MAX: f64 = 1e23;
    const NUMBER_CHECKED_MIN: f64 = 1e-6;
    std::iter::once(problem.target_per_100)
        .chain(problem.recipients.iter().flat_map(|recipient| {
            [
                recipient.target_per_100,
                recipient.absorption_per_day,
                Some(recipient.weight),
            ]
        }))
        .flatten()
        .any(|number| number >= NUMBER_CHECKED_MAX || (number > 0.0 && number < NUMBER_CHECKED_MIN))
}
