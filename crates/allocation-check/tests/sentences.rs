//! The checker's sentences, on one small round checked by hand and answers and
//! certificates altered by hand (insta snapshots of every failure list).
//!
//! The round: AGO (1,000 people, 100 doses a day from the round's day), BEN (1,000) and
//! CHA (2,000, at most 100 doses, product P only); lot L1 (800 doses of Q, expiring on
//! 2021-08-08, so AGO can use at most 500 of it) and L2 (600 of P, 2021-12-31). CHA gets
//! its 100, AGO and BEN 650 each (65 per 100): every dose is used, AGO takes 500 of L1.

use serde_json::{Value, json};

fn round() -> Value {
    json!({
        "date": "2021-08-04",
        "recipients": [
            {"id": "AGO", "population": 1000, "absorption_per_day": 100},
            {"id": "BEN", "population": 1000},
            {"id": "CHA", "population": 2000, "max_doses": 100, "products": ["P"]}
        ],
        "lots": [
            {"id": "L1", "product": "Q", "doses": 800, "expiry": "2021-08-08"},
            {"id": "L2", "product": "P", "doses": 600, "expiry": "2021-12-31"}
        ]
    })
}

fn answer(ago: (u64, u64), ben: (u64, u64), cha: u64) -> Value {
    let mut shipments = Vec::new();
    for (id, (l1, l2)) in [("AGO", ago), ("BEN", ben), ("CHA", (0, cha))] {
        if l1 > 0 {
            shipments.push(json!({"lot": "L1", "recipient": id, "doses": l1}));
        }
        if l2 > 0 {
            shipments.push(json!({"lot": "L2", "recipient": id, "doses": l2}));
        }
    }
    let mut unallocated = Vec::new();
    let (l1, l2) = (800 - ago.0 - ben.0, 600 - ago.1 - ben.1 - cha);
    for (lot, left) in [("L1", l1), ("L2", l2)] {
        if left > 0 {
            unallocated.push(json!({"lot": lot, "doses": left}));
        }
    }
    let doses = [ago.0 + ago.1, ben.0 + ben.1, cha];
    json!({
        "recipients": [
            {"id": "AGO", "doses": doses[0]},
            {"id": "BEN", "doses": doses[1]},
            {"id": "CHA", "doses": doses[2]}
        ],
        "shipments": shipments,
        "unallocated": unallocated,
        "total_doses": doses.iter().sum::<u64>()
    })
}

fn certificate() -> Value {
    json!({
        "total_doses": 1400,
        "levels": [{"coverage_per_100": 65.0, "doses": 1400}],
        "recipients": [
            {"id": "AGO", "level": 0}, {"id": "BEN", "level": 0}, {"id": "CHA", "level": 0}
        ],
        "lots": [{"id": "L1", "outside_from": 0}, {"id": "L2", "outside_from": 0}]
    })
}

fn check(answer: &Value, certificate: &Value) -> String {
    let failures = allocation_check::check(
        &round().to_string(),
        &answer.to_string(),
        &certificate.to_string(),
    );
    if failures.is_empty() {
        "ok".into()
    } else {
        failures.join("\n")
    }
}

fn right() -> Value {
    answer((500, 150), (300, 350), 100)
}

#[test]
fn the_right_answer_checks() {
    assert_eq!(check(&right(), &certificate()), "ok");
    // Another split of the same totals between the lots is as good.
    assert_eq!(
        check(&answer((450, 200), (350, 300), 100), &certificate()),
        "ok"
    );
}

#[test]
fn too_many_doses_expiring_early() {
    insta::assert_snapshot!(check(&answer((600, 50), (200, 450), 100), &certificate()));
}

#[test]
fn a_dose_moved_between_equals() {
    insta::assert_snapshot!(check(&answer((500, 149), (300, 351), 100), &certificate()));
}

#[test]
fn doses_left_behind() {
    insta::assert_snapshot!(check(&answer((500, 140), (300, 350), 100), &certificate()));
}

#[test]
fn a_product_not_authorised_and_a_cap_exceeded() {
    let mut answer = answer((500, 150), (299, 349), 101);
    answer["shipments"]
        .as_array_mut()
        .unwrap()
        .push(json!({"lot": "L1", "recipient": "CHA", "doses": 1}));
    answer["recipients"][2]["doses"] = json!(102);
    answer["total_doses"] = json!(1400);
    answer["unallocated"] = json!([]);
    insta::assert_snapshot!(check(&answer, &certificate()));
}

#[test]
fn a_lot_dropped_from_the_witness() {
    let mut certificate = certificate();
    certificate["lots"][1] = json!({"id": "L2"});
    insta::assert_snapshot!(check(&right(), &certificate));
}

#[test]
fn a_recipient_shifted_off_its_level() {
    let mut certificate = certificate();
    certificate["recipients"][2] = json!({"id": "CHA"});
    // CHA at its own bound is true; the level without it is not tight.
    insta::assert_snapshot!(check(&right(), &certificate));
    let mut certificate = self::certificate();
    certificate["recipients"][0] = json!({"id": "AGO"});
    insta::assert_snapshot!(check(&right(), &certificate));
}

#[test]
fn a_level_stated_wrong() {
    let mut certificate = certificate();
    certificate["levels"][0]["coverage_per_100"] = json!(70.0);
    insta::assert_snapshot!(check(&right(), &certificate));
}

#[test]
fn documents_that_do_not_fit() {
    let mut certificate = certificate();
    certificate["recipients"][1]["id"] = json!("BEM");
    certificate["lots"][0]["outside_from"] = json!(3);
    insta::assert_snapshot!(check(&right(), &certificate));
    let mut answer = right();
    answer["recipients"][0]["id"] = json!("BEN");
    insta::assert_snapshot!(check(&answer, &self::certificate()));
    insta::assert_snapshot!(check(&right(), &json!({"levels": 3})));
}

/// A misspelt field (`max_dose` for `max_doses`) would make CHA uncapped: the round is
/// refused, as the engine refuses it, instead of being checked as another round.
#[test]
fn a_round_with_a_field_the_spec_does_not_define_is_refused() {
    let mut round = round();
    round["recipients"][2]["max_dose"] = json!(100);
    let failures = allocation_check::check(
        &round.to_string(),
        &right().to_string(),
        &certificate().to_string(),
    );
    insta::assert_snapshot!(failures.join("\n"));
}

#[test]
fn strings_written_with_escapes_are_the_same_strings() {
    // The checker borrows strings from the JSON text; written with escapes they must
    // still be read as the same ids, dates and products (here in an earmark as well).
    let mut round = round();
    round["lots"][0]["recipients"] = json!(["AGO", "BEN"]);
    let escape = |text: String| {
        text.replace("\"AGO\"", "\"\\u0041GO\"")
            .replace("2021-08-04", "2021-08-0\\u0034")
            .replace("\"P\"", "\"\\u0050\"")
    };
    let failures = allocation_check::check(
        &escape(round.to_string()),
        &right().to_string(),
        &escape(certificate().to_string()),
    );
    assert_eq!(failures, Vec::<String>::new());
    // And a round that is wrong for an escaped id is still refused.
    let failures = allocation_check::check(
        &escape(round.to_string()).replace("\"BEN\"]", "\"CHA\"]"),
        &right().to_string(),
        &certificate().to_string(),
    );
    assert!(
        failures
            .iter()
            .any(|f| f.contains("lot L1 is earmarked for other recipients")),
        "{failures:#?}"
    );
}
