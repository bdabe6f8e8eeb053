//! Extreme but valid inputs never panic, and absurd ones are refused with their path.

use allocation::{parse_problem, solve};

fn round(recipient: &str, lot: &str) -> String {
    format!(
        r#"{{"date": "2021-08-04", "target_per_100": 1e300,
            "recipients": [{recipient}, {{"id": "B", "population": 1}}],
            "lots": [{lot}, {{"id": "L2", "product": "P", "doses": 1, "expiry": "9999-12-31"}}]}}"#
    )
}

#[test]
fn extreme_values_solve_without_panicking() {
    let recipients = [
        r#"{"id": "A", "population": 10000000000000, "doses_received": 10000000000000}"#,
        r#"{"id": "A", "population": 1, "weight": 1e12, "absorption_per_day": 1e300}"#,
        r#"{"id": "A", "population": 7, "weight": 1e-300, "absorption_per_day": 1e-300}"#,
        r#"{"id": "A", "population": 1400000000, "max_doses": 18446744073709551615}"#,
        r#"{"id": "A", "population": 3, "start": "0001-01-01", "min_shelf_days": 9000000000}"#,
        r#"{"id": "A", "population": 3, "start": "9999-12-31", "target_per_100": 0}"#,
    ];
    let lots = [
        r#"{"id": "L1", "product": "P", "doses": 10000000000000, "expiry": "9999-12-31"}"#,
        r#"{"id": "L1", "product": "P", "doses": 1, "expiry": "0001-01-01", "recipients": []}"#,
        r#"{"id": "L1", "product": "P", "doses": 999999999, "expiry": "2021-08-04", "recipients": ["A", "A"]}"#,
    ];
    for r in recipients {
        for l in lots {
            let text = round(r, l);
            let problem = parse_problem(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
            let solution = solve(&problem);
            let supply: u64 = problem.lots.iter().map(|l| l.doses).sum();
            assert!(solution.total_doses <= supply, "{text}");
        }
    }
}

#[test]
fn absurd_values_are_refused() {
    let cases = [
        (
            round(
                r#"{"id": "A", "population": 10000000000001}"#,
                r#"{"id": "L1", "product": "P", "doses": 1, "expiry": "2021-12-31"}"#,
            ),
            "recipients[0].population: must be at most 10000000000000, got 10000000000001",
        ),
        (
            round(
                r#"{"id": "A", "population": 5, "weight": 1e13}"#,
                r#"{"id": "L1", "product": "P", "doses": 1, "expiry": "2021-12-31"}"#,
            ),
            "recipients[0].weight: must be at most 1e12, got 10000000000000",
        ),
        (
            round(
                r#"{"id": "A", "population": 5}"#,
                r#"{"id": "L1", "product": "P", "doses": 18446744073709551615, "expiry": "2021-12-31"}"#,
            ),
            "lots[0].doses: must be at most 10000000000000, got 18446744073709551615",
        ),
        (
            round(
                r#"{"id": "A", "population": 5, "min_shelf_days": -1}"#,
                r#"{"id": "L1", "product": "P", "doses": 1, "expiry": "2021-12-31"}"#,
            ),
            "recipients[0].min_shelf_days: must not be negative, got -1",
        ),
        (
            round(
                r#"{"id": "A", "population": 5, "absorption_per_day": 0}"#,
                r#"{"id": "L1", "product": "P", "doses": 1, "expiry": "2021-12-31"}"#,
            ),
            "recipients[0].absorption_per_day: must be greater than 0, got 0",
        ),
        (
            round(
                r#"{"id": "", "population": 5}"#,
                r#"{"id": "L1", "product": "P", "doses": 1, "expiry": "2021-12-31"}"#,
            ),
            "recipients[0].id: must not be empty",
        ),
        (
            round(
                r#"{"id": "A", "population": 5}"#,
                r#"{"id": " ", "product": "P", "doses": 1, "expiry": "2021-12-31"}"#,
            ),
            "lots[0].id: must not be empty",
        ),
    ];
    for (text, message) in cases {
        assert_eq!(parse_problem(&text).unwrap_err().to_string(), message);
    }
}

#[test]
fn a_byte_order_mark_before_the_document_is_allowed() {
    let text = round(
        r#"{"id": "A", "population": 5}"#,
        r#"{"id": "L1", "product": "P", "doses": 1, "expiry": "2021-12-31"}"#,
    );
    let with_mark = format!("\u{feff}{text}");
    assert_eq!(
        parse_problem(&with_mark).unwrap(),
        parse_problem(&text).unwrap()
    );
}

/// A misspelt optional field must not pass for an absent one (`"max_dose": 10` would
/// silently remove the cap): every name the spec does not define is refused, with its path
/// and the names that are known, by both readers.
#[test]
fn unknown_fields_are_refused_naming_the_known_ones() {
    let lot = r#"{"id": "L1", "product": "P", "doses": 1, "expiry": "2021-12-31"}"#;
    let cases = [
        round(r#"{"id": "A", "population": 5, "max_dose": 10}"#, lot),
        round(
            r#"{"id": "A", "population": 5}"#,
            r#"{"id": "L1", "product": "P", "doses": 1, "expiry": "2021-12-31", "earmark": ["A"]}"#,
        ),
        round(
            r#"{"id": "A", "population": 5, "absorption per day": 3}"#,
            lot,
        ),
        round(
            r#"{"id": "A", "population": 5, "min_shelf_days": null, "": 1}"#,
            lot,
        ),
        r#"{"date": "2021-08-04", "target": 40, "recipients": [], "lots": []}"#.to_owned(),
        r#"{"date": "2021-08-04", "recipients": [{"id": "A", "populaton": 5}], "lots": []}"#
            .to_owned(),
    ];
    let messages: Vec<String> = cases
        .iter()
        .map(|text| parse_problem(text).unwrap_err().to_string())
        .collect();
    insta::assert_snapshot!(messages.join("\n"), @r#"
    recipients[0].max_dose: unknown field; expected one of id, population, doses_received, weight, target_per_100, max_doses, absorption_per_day, start, min_shelf_days, products
    lots[0].earmark: unknown field; expected one of id, product, doses, expiry, recipients
    recipients[0]["absorption per day"]: unknown field; expected one of id, population, doses_received, weight, target_per_100, max_doses, absorption_per_day, start, min_shelf_days, products
    recipients[0][""]: unknown field; expected one of id, population, doses_received, weight, target_per_100, max_doses, absorption_per_day, start, min_shelf_days, products
    target: unknown field; expected one of date, target_per_100, recipients, lots
    recipients[0].populaton: unknown field; expected one of id, population, doses_received, weight, target_per_100, max_doses, absorption_per_day, start, min_shelf_days, products
    "#);
}

/// Read with serde directly (as a caller holding a `serde_json::Value` might), a round with
/// a misspelt field is refused too.
#[test]
fn serde_refuses_unknown_fields_too() {
    let text = round(
        r#"{"id": "A", "population": 5, "max_dose": 10}"#,
        r#"{"id": "L1", "product": "P", "doses": 1, "expiry": "2021-12-31"}"#,
    );
    let error = serde_json::from_str::<allocation::Problem>(&text).unwrap_err();
    assert!(
        error.to_string().contains("unknown field `max_dose`"),
        "{error}"
    );
    let good = round(
        r#"{"id": "A", "population": 5, "max_doses": 10}"#,
        r#"{"id": "L1", "product": "P", "doses": 1, "expiry": "2021-12-31"}"#,
    );
    assert_eq!(
        serde_json::from_str::<allocation::Problem>(&good).unwrap(),
        parse_problem(&good).unwrap()
    );
}
