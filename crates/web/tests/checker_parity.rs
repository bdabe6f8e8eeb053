//! The round page's JavaScript checker (`src/pages/check.js`) against the Rust one
//! (`allocation-check`): on the engine's fixtures, generated rounds and seeded random rounds,
//! their answers and certificates as the engine writes them (both must accept), and the same
//! answers and certificates perturbed as `crates/allocation/tests/mutations.rs` perturbs them
//! (a dose moved between recipients, a lot moved in or out of a witness, a recipient's level
//! shifted, a level's doses or value changed) and tampered with by hand (totals, leftovers,
//! unknown ids, missing or repeated entries), and on rounds that are not valid. For every
//! case the two must give the same verdict and, document by document, the same sentences.
//!
//! The script runs under `node` (one process for all cases); without `node` the test says
//! so and passes, except under `CI=true`, where it fails. Also: the server serves the script.

mod common;

use std::collections::BTreeMap;
use std::process::Command;
use std::time::Instant;

use allocation::{Problem, parse_problem, solve};
use chrono::{Days, NaiveDate};
use serde_json::{Value, json};
use store::store_test;

/// The script as the server serves it.
const SCRIPT: &str = include_str!("../src/pages/check.js");

/// Runs `check(round, answer, certificate)` of the script on every case, in one process.
const RUNNER: &str = r"
const fs = require('fs');
const { check } = require(process.argv[2]);
const { rounds, cases } = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
const started = process.hrtime.bigint();
const verdicts = cases.map(([round, answer, certificate]) => check(rounds[round], answer, certificate));
const nanoseconds = Number(process.hrtime.bigint() - started);
fs.writeFileSync(process.argv[4], JSON.stringify({ verdicts, nanoseconds }));
";

/// `node`'s version, or `None` having said why the test cannot run (a failure under CI).
fn node() -> Option<String> {
    let found = Command::new("node")
        .arg("--version")
        .output()
        .ok()
        .filter(|output| output.status.success());
    match found {
        Some(output) => Some(String::from_utf8_lossy(&output.stdout).trim().to_owned()),
        None => {
            let message = "the parity test of the page's checker needs node on the PATH (apt-get install nodejs) to run src/pages/check.js";
            assert!(
                !std::env::var("CI").is_ok_and(|value| value == "true"),
                "{message}"
            );
            eprintln!("skipped: {message}");
            None
        }
    }
}

/// A seeded generator (SplitMix64): the cases are the same on every run.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A whole number from `low` to `high`, both included.
    fn range(&mut self, low: i64, high: i64) -> i64 {
        let span = u64::try_from(high - low + 1).unwrap();
        low + i64::try_from(self.next() % span).unwrap()
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[usize::try_from(self.next() % items.len() as u64).unwrap()]
    }
}

/// A random round of the shape of `crates/allocation/tests/common`'s: up to
/// `recipients_max` recipients and `lots_max` lots, with weights, targets, caps, absorption,
/// start days, shelf lives, products and earmarks. `None` if the engine refuses it.
fn random_round(seed: u64, recipients_max: i64, lots_max: i64) -> Option<Problem> {
    let mut random = Random(seed);
    let date = NaiveDate::from_ymd_opt(2021, 8, 4).unwrap();
    let at = |days: i64| {
        let shift = Days::new(days.unsigned_abs());
        let day = if days >= 0 {
            date.checked_add_days(shift)
        } else {
            date.checked_sub_days(shift)
        };
        day.unwrap().to_string()
    };
    let products = ["A", "B", "C"];
    let n = random.range(1, recipients_max);
    let recipients: Vec<Value> = (0..n)
        .map(|j| {
            let population = random.range(10, 400);
            let mut recipient = json!({
                "id": format!("R{j}"),
                "population": population,
                "doses_received": if random.chance(50) { random.range(0, population / 2) } else { 0 },
                "weight": random.pick(&[1.0, 1.0, 0.5, 1.5, 2.0, 0.7, 1.3, 0.1]),
                "min_shelf_days": if random.chance(20) { random.range(0, 9) } else { 0 },
            });
            if random.chance(30) {
                recipient["target_per_100"] = json!(random.pick(&[20.0, 40.0, 60.0, 12.5, 33.3, 7.1]));
            }
            if random.chance(20) {
                recipient["max_doses"] = json!(random.range(0, 59));
            }
            if random.chance(50) {
                recipient["absorption_per_day"] =
                    json!(random.pick(&[1.0, 2.0, 3.0, 5.0, 0.5, 2.5, 0.3, 1.7]));
            }
            if random.chance(50) {
                recipient["start"] = json!(at(random.range(0, 5)));
            }
            if random.chance(30) {
                let chosen: Vec<&str> =
                    products.iter().copied().filter(|_| random.chance(60)).collect();
                recipient["products"] = json!(chosen);
            }
            recipient
        })
        .collect();
    let m = random.range(1, lots_max);
    let lots: Vec<Value> = (0..m)
        .map(|i| {
            let mut lot = json!({
                "id": format!("L{i}"),
                "product": random.pick(&products),
                "doses": random.range(1, 80),
                "expiry": at(random.range(-2, 24)),
            });
            if random.chance(40) {
                let earmark: Vec<String> = (0..n)
                    .filter(|_| random.chance(50))
                    .map(|j| format!("R{j}"))
                    .collect();
                lot["recipients"] = json!(earmark);
            }
            lot
        })
        .collect();
    let mut round = json!({"date": at(0), "recipients": recipients, "lots": lots});
    if random.chance(50) {
        round["target_per_100"] = json!(50.0);
    }
    parse_problem(&round.to_string()).ok()
}

/// The cases: rounds (each once, as text) and (round, answer, certificate) triples.
#[derive(Default)]
struct Cases {
    rounds: Vec<String>,
    cases: Vec<(usize, String, String, String)>,
}

impl Cases {
    fn round(&mut self, text: String) -> usize {
        self.rounds.push(text);
        self.rounds.len() - 1
    }

    fn add(&mut self, round: usize, name: &str, answer: &Value, certificate: &Value) {
        self.add_text(round, name, answer.to_string(), certificate.to_string());
    }

    fn add_text(&mut self, round: usize, name: &str, answer: String, certificate: String) {
        self.cases
            .push((round, name.to_owned(), answer, certificate));
    }

    /// The engine's answer and certificate on `problem`, and their perturbations.
    fn solved(&mut self, name: &str, problem: &Problem, perturb: bool) {
        let solution = solve(problem);
        let round = self.round(serde_json::to_string(problem).unwrap());
        let answer = serde_json::to_value(&solution).unwrap();
        let certificate = serde_json::to_value(&solution.certificate).unwrap();
        self.add(round, &format!("{name}: as solved"), &answer, &certificate);
        if !perturb {
            return;
        }
        let ids: Vec<String> = problem.recipients.iter().map(|r| r.id.clone()).collect();
        // A dose of each shipment moved to each other recipient.
        for s in 0..solution.shipments.len() {
            for to in &ids {
                if *to != solution.shipments[s].recipient {
                    let moved = moved(&answer, s, to);
                    self.add(
                        round,
                        &format!("{name}: shipment {s} moved to {to}"),
                        &moved,
                        &certificate,
                    );
                }
            }
        }
        for (what, tampered) in tampered_answers(&answer, problem) {
            self.add(round, &format!("{name}: {what}"), &tampered, &certificate);
        }
        for (what, variant) in certificate_variants(&certificate) {
            self.add(round, &format!("{name}: {what}"), &answer, &variant);
        }
    }
}

/// `answer` with one dose of shipment `s` moved to recipient `to` (mutations.rs `moved`).
fn moved(answer: &Value, s: usize, to: &str) -> Value {
    let mut answer = answer.clone();
    let shipments = answer["shipments"].as_array_mut().unwrap();
    let lot = shipments[s]["lot"].clone();
    let giver = shipments[s]["recipient"].as_str().unwrap().to_owned();
    shipments[s]["doses"] = json!(shipments[s]["doses"].as_u64().unwrap() - 1);
    match shipments
        .iter_mut()
        .find(|other| other["lot"] == lot && other["recipient"] == to)
    {
        Some(other) => other["doses"] = json!(other["doses"].as_u64().unwrap() + 1),
        None => shipments.push(json!({"lot": lot, "recipient": to, "doses": 1})),
    }
    shipments.retain(|shipment| shipment["doses"] != 0);
    for recipient in answer["recipients"].as_array_mut().unwrap() {
        let doses = recipient["doses"].as_u64().unwrap();
        if recipient["id"] == giver.as_str() {
            recipient["doses"] = json!(doses - 1);
        }
        if recipient["id"] == to {
            recipient["doses"] = json!(recipient["doses"].as_u64().unwrap() + 1);
        }
    }
    answer
}

/// Answers altered by hand: what a careless or dishonest editor of the file might do.
fn tampered_answers(answer: &Value, problem: &Problem) -> Vec<(&'static str, Value)> {
    let mut out = Vec::new();
    let mut changed = answer.clone();
    changed["total_doses"] = json!(answer["total_doses"].as_u64().unwrap() + 1);
    out.push(("total_doses raised by one", changed));
    let mut changed = answer.clone();
    changed["recipients"][0]["doses"] =
        json!(answer["recipients"][0]["doses"].as_u64().unwrap() + 1);
    out.push(("a recipient's doses raised by one", changed));
    let mut changed = answer.clone();
    let lot = &problem.lots[0].id;
    changed["unallocated"]
        .as_array_mut()
        .unwrap()
        .push(json!({"lot": lot, "doses": 1}));
    out.push(("a dose more left over", changed));
    let mut changed = answer.clone();
    changed["unallocated"] = json!([]);
    out.push(("nothing left over", changed));
    let mut changed = answer.clone();
    changed["unallocated"]
        .as_array_mut()
        .unwrap()
        .push(json!({"lot": "NOWHERE", "doses": 1}));
    out.push(("an unknown lot left over", changed));
    let mut changed = answer.clone();
    let recipient = &problem.recipients[0].id;
    changed["shipments"]
        .as_array_mut()
        .unwrap()
        .push(json!({"lot": lot, "recipient": recipient, "doses": 0}));
    out.push(("a shipment of zero doses", changed));
    let mut changed = answer.clone();
    changed["shipments"]
        .as_array_mut()
        .unwrap()
        .push(json!({"lot": "NOWHERE", "recipient": recipient, "doses": 1}));
    out.push(("a shipment of an unknown lot", changed));
    // Every lot's doses to the first recipient as well: ineligible pairs, over-shipped
    // lots, caps and expiry limits exceeded.
    let mut changed = answer.clone();
    for (i, lot) in problem.lots.iter().enumerate() {
        changed["shipments"]
            .as_array_mut()
            .unwrap()
            .push(json!({"lot": lot.id, "recipient": recipient, "doses": 1 + i}));
    }
    out.push(("every lot shipped again to the first recipient", changed));
    if problem.recipients.len() > 1 {
        let mut changed = answer.clone();
        changed["recipients"].as_array_mut().unwrap().reverse();
        out.push(("the recipients in another order", changed));
    }
    out
}

/// Certificates perturbed as mutations.rs perturbs them, and altered by hand.
fn certificate_variants(certificate: &Value) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    let levels = certificate["levels"].as_array().unwrap().len();
    let level_of = |value: &Value| value.as_u64().map(|k| usize::try_from(k).unwrap());
    for (i, lot) in certificate["lots"].as_array().unwrap().iter().enumerate() {
        let o = level_of(&lot["outside_from"]).unwrap_or(levels);
        for shifted in [o.checked_sub(1), Some(o + 1)].into_iter().flatten() {
            if shifted <= levels {
                let mut c = certificate.clone();
                c["lots"][i] = if shifted < levels {
                    json!({"id": lot["id"], "outside_from": shifted})
                } else {
                    json!({"id": lot["id"]})
                };
                out.push((format!("lot {i} outside from {shifted}"), c));
            }
        }
    }
    for (j, recipient) in certificate["recipients"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        let options: Vec<Option<usize>> = match level_of(&recipient["level"]) {
            Some(k) => vec![k.checked_sub(1), Some(k + 1).filter(|&k| k < levels), None],
            None => (0..levels).map(Some).collect(),
        };
        for level in options {
            let mut c = certificate.clone();
            c["recipients"][j] = match level {
                Some(k) => json!({"id": recipient["id"], "level": k}),
                None => json!({"id": recipient["id"]}),
            };
            out.push((format!("recipient {j} at level {level:?}"), c));
        }
    }
    for k in 0..levels {
        for delta in [-1i64, 1] {
            let mut c = certificate.clone();
            let doses = c["levels"][k]["doses"].as_u64().unwrap();
            c["levels"][k]["doses"] = json!(doses.saturating_add_signed(delta));
            out.push((format!("level {k} doses {delta:+}"), c));
            let mut c = certificate.clone();
            let value = c["levels"][k]["coverage_per_100"].as_f64().unwrap();
            #[allow(clippy::cast_precision_loss, reason = "one or minus one")]
            let factor = 1.0 + 0.2 * delta as f64;
            c["levels"][k]["coverage_per_100"] = json!(value * factor);
            out.push((format!("level {k} value x{factor}"), c));
        }
    }
    let mut c = certificate.clone();
    c["total_doses"] = json!(certificate["total_doses"].as_u64().unwrap() + 1);
    out.push(("certificate total raised by one".into(), c));
    let mut c = certificate.clone();
    c["lots"].as_array_mut().unwrap().remove(0);
    out.push(("a lot dropped from the certificate".into(), c));
    let mut c = certificate.clone();
    let first = c["recipients"][0].clone();
    c["recipients"].as_array_mut().unwrap().push(first);
    out.push(("a recipient named twice".into(), c));
    let mut c = certificate.clone();
    c["recipients"][0]["id"] = json!("NOBODY");
    out.push(("an unknown recipient named".into(), c));
    let mut c = certificate.clone();
    c["levels"] = json!([]);
    out.push(("no levels".into(), c));
    out
}

/// The round of `crates/allocation-check/tests/sentences.rs`, checked by hand there, and its
/// answers altered by hand.
fn hand_cases(cases: &mut Cases) {
    let round = json!({
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
    });
    let answer = |ago: (u64, u64), ben: (u64, u64), cha: u64| {
        let mut shipments = Vec::new();
        for (id, (l1, l2)) in [("AGO", ago), ("BEN", ben), ("CHA", (0, cha))] {
            for (lot, doses) in [("L1", l1), ("L2", l2)] {
                if doses > 0 {
                    shipments.push(json!({"lot": lot, "recipient": id, "doses": doses}));
                }
            }
        }
        let left: Vec<Value> = [
            ("L1", 800 - ago.0 - ben.0),
            ("L2", 600 - ago.1 - ben.1 - cha),
        ]
        .into_iter()
        .filter(|&(_, left)| left > 0)
        .map(|(lot, left)| json!({"lot": lot, "doses": left}))
        .collect();
        let doses = [ago.0 + ago.1, ben.0 + ben.1, cha];
        json!({
            "recipients": [
                {"id": "AGO", "doses": doses[0]},
                {"id": "BEN", "doses": doses[1]},
                {"id": "CHA", "doses": doses[2]}
            ],
            "shipments": shipments,
            "unallocated": left,
            "total_doses": doses.iter().sum::<u64>()
        })
    };
    let certificate = json!({
        "total_doses": 1400,
        "levels": [{"coverage_per_100": 65.0, "doses": 1400}],
        "recipients": [
            {"id": "AGO", "level": 0}, {"id": "BEN", "level": 0}, {"id": "CHA", "level": 0}
        ],
        "lots": [{"id": "L1", "outside_from": 0}, {"id": "L2", "outside_from": 0}]
    });
    let index = cases.round(round.to_string());
    for (name, ago, ben, cha) in [
        ("hand: the right answer", (500, 150), (300, 350), 100),
        (
            "hand: another split between the lots",
            (450, 200),
            (350, 300),
            100,
        ),
        (
            "hand: too many doses expiring early",
            (600, 50),
            (200, 450),
            100,
        ),
        (
            "hand: a dose moved between equals",
            (500, 149),
            (300, 351),
            100,
        ),
        ("hand: doses left behind", (500, 140), (300, 350), 100),
    ] {
        cases.add(index, name, &answer(ago, ben, cha), &certificate);
    }
    let right = answer((500, 150), (300, 350), 100);
    let mut stated = certificate.clone();
    stated["levels"][0]["coverage_per_100"] = json!(70.0);
    cases.add(index, "hand: a level stated wrong", &right, &stated);
    // Documents that are not what they should be.
    cases.add_text(
        index,
        "hand: an answer that is not JSON",
        "{".into(),
        certificate.to_string(),
    );
    cases.add_text(
        index,
        "hand: an answer without shipments",
        json!({"recipients": [], "unallocated": [], "total_doses": 0}).to_string(),
        certificate.to_string(),
    );
    cases.add_text(index, "hand: a certificate with a level as text", right.to_string(), json!({"total_doses": 1400, "levels": [], "recipients": [{"id": "AGO", "level": "0"}], "lots": []}).to_string());
    cases.add_text(
        index,
        "hand: a certificate that is a list",
        right.to_string(),
        "[]".into(),
    );
    let escaped = round.to_string().replace("\"AGO\"", "\"\\u0041GO\"");
    let escaped = cases.round(escaped);
    cases.add(
        escaped,
        "hand: ids written with escapes",
        &right,
        &certificate,
    );
}

/// Rounds the checker must refuse: the engine's invalid fixtures that are JSON, and a few
/// more, with an empty answer and certificate.
fn invalid_rounds(cases: &mut Cases, fixtures: &[(String, String)]) {
    let mut texts: Vec<(String, String)> = fixtures
        .iter()
        .filter(|(name, _)| name.starts_with("error_"))
        .cloned()
        .collect();
    let base = json!({"date": "2021-08-04", "recipients": [{"id": "A", "population": 10}], "lots": [{"id": "L", "product": "P", "doses": 5, "expiry": "2021-09-01"}]});
    let altered = |pointer: &str, value: Value| {
        let mut round = base.clone();
        *round.pointer_mut(pointer).unwrap() = value;
        round.to_string()
    };
    for (name, text) in [
        (
            "weight with 26 digits",
            altered(
                "/recipients/0",
                json!({"id": "A", "population": 10, "weight": 1e25}),
            ),
        ),
        (
            "negative shelf life",
            altered(
                "/recipients/0",
                json!({"id": "A", "population": 10, "min_shelf_days": -1}),
            ),
        ),
        (
            "start not a date",
            altered(
                "/recipients/0",
                json!({"id": "A", "population": 10, "start": "2021-02-30"}),
            ),
        ),
        (
            "zero absorption",
            altered(
                "/recipients/0",
                json!({"id": "A", "population": 10, "absorption_per_day": 0}),
            ),
        ),
        (
            "expiry not a date",
            altered("/lots/0/expiry", json!("1 September")),
        ),
        (
            "earmark naming nobody",
            altered(
                "/lots/0",
                json!({"id": "L", "product": "P", "doses": 5, "expiry": "2021-09-01", "recipients": ["B"]}),
            ),
        ),
        (
            "population a fraction",
            altered("/recipients/0/population", json!(10.5)),
        ),
    ] {
        texts.push((name.to_owned(), text));
    }
    // Well-formed and empty, so that the round's own flaws are what the checkers report.
    let answer = json!({"recipients": [], "shipments": [], "unallocated": [], "total_doses": 0});
    let certificate = json!({"total_doses": 0, "levels": [], "recipients": [], "lots": []});
    for (name, text) in texts {
        let round = cases.round(text);
        cases.add(
            round,
            &format!("invalid round {name}"),
            &answer,
            &certificate,
        );
    }
}

/// Where the two checkers may differ: JSON.parse reads every number as an f64, so the
/// script refuses whole numbers past 2^53 (sending the reader to `equidose check`) that
/// the Rust checker reads exactly. A round of one lot of 2^53 + 1 doses, all given.
const BEYOND_2_53: &str = "beyond 2^53";

fn beyond_exact_doubles(cases: &mut Cases) {
    let doses: u64 = (1 << 53) + 1;
    let round = json!({"date": "2021-08-04", "recipients": [{"id": "A", "population": 10}], "lots": [{"id": "L", "product": "P", "doses": doses, "expiry": "2021-09-01"}]});
    let answer = json!({"recipients": [{"id": "A", "doses": doses}], "shipments": [{"lot": "L", "recipient": "A", "doses": doses}], "unallocated": [], "total_doses": doses});
    let certificate = json!({"total_doses": doses, "levels": [], "recipients": [{"id": "A"}], "lots": [{"id": "L"}]});
    let index = cases.round(round.to_string());
    cases.add(index, BEYOND_2_53, &answer, &certificate);
}

/// The first words of a sentence with its figures and ids (capitals) taken out: its kind.
fn kind(sentence: &str) -> String {
    sentence
        .split_whitespace()
        .filter(|word| {
            !word.chars().any(|c| c.is_ascii_digit())
                && !word
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase)
        })
        .take(8)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The three documents' prefixes of a sentence saying one is not what it should be: the
/// reason after them comes from serde in Rust and from the script's reader in JavaScript.
const UNREADABLE: [&str; 3] = [
    "the round is not a round's JSON",
    "the answer is not an answer's JSON",
    "the certificate is not a certificate's JSON",
];

/// Whether two sentences differ only in the stated value of a level they print in full
/// (`…, not at 104.4`), by one unit in its last place: serde_json, built without its
/// `float_roundtrip` feature, reads some 17-digit decimals (104.39999999999999, which the
/// engine writes) one unit off, where JSON.parse reads them exactly. The verdicts cannot
/// differ by it but where a level sits within a unit of its 10^-9 slack.
fn same_but_the_last_place(rust: &str, javascript: &str) -> bool {
    let split = |sentence: &str| {
        let (head, value) = sentence.rsplit_once(", not at ")?;
        Some((head.to_owned(), value.parse::<f64>().ok()?))
    };
    match (split(rust), split(javascript)) {
        (Some((a, x)), Some((b, y))) => a == b && x.to_bits().abs_diff(y.to_bits()) <= 1,
        _ => false,
    }
}

fn unreadable(sentence: &str) -> Option<&'static str> {
    UNREADABLE
        .into_iter()
        .find(|prefix| sentence.starts_with(&format!("{prefix}: ")))
}

#[test]
fn the_pages_checker_agrees_with_the_rust_checker_sentence_for_sentence() {
    let Some(version) = node() else { return };
    let mut cases = Cases::default();
    let directory = format!(
        "{}/../allocation/tests/fixtures",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut fixtures: Vec<(String, String)> = std::fs::read_dir(&directory)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&path).unwrap())
        })
        .collect();
    fixtures.sort();
    let mut solved_fixtures = 0;
    for (name, text) in &fixtures {
        if let Ok(problem) = parse_problem(text) {
            cases.solved(&format!("fixture {name}"), &problem, true);
            solved_fixtures += 1;
        }
    }
    assert_eq!(solved_fixtures, 12);
    for (seed, (recipients, lots)) in [(3, 30), (10, 100), (60, 600), (200, 2_000)]
        .into_iter()
        .enumerate()
    {
        let problem =
            allocation::generate::generate(recipients, lots, u64::try_from(seed).unwrap());
        cases.solved(&format!("generated {recipients}x{lots}"), &problem, false);
    }
    let mut random_rounds = 0;
    for seed in 0..200 {
        if let Some(problem) = random_round(seed, 4, 6) {
            cases.solved(&format!("tiny {seed}"), &problem, true);
            random_rounds += 1;
        }
    }
    for seed in 1_000..1_060 {
        if let Some(problem) = random_round(seed, 8, 14) {
            cases.solved(&format!("small {seed}"), &problem, true);
            random_rounds += 1;
        }
    }
    assert!(
        random_rounds > 200,
        "{random_rounds} random rounds the engine takes"
    );
    hand_cases(&mut cases);
    invalid_rounds(&mut cases, &fixtures);
    beyond_exact_doubles(&mut cases);

    // Rust.
    let started = Instant::now();
    let rust: Vec<Vec<String>> = cases
        .cases
        .iter()
        .map(|(round, _, answer, certificate)| {
            allocation_check::check(&cases.rounds[*round], answer, certificate)
        })
        .collect();
    let rust_time = started.elapsed();

    // JavaScript, in one node process.
    let scratch =
        std::env::temp_dir().join(format!("equidose-checker-parity-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).unwrap();
    let script = scratch.join("check.js");
    std::fs::write(&script, SCRIPT).unwrap();
    std::fs::write(scratch.join("runner.js"), RUNNER).unwrap();
    let input = json!({
        "rounds": cases.rounds,
        "cases": cases.cases.iter().map(|(round, _, answer, certificate)| json!([round, answer, certificate])).collect::<Vec<_>>(),
    });
    std::fs::write(scratch.join("cases.json"), input.to_string()).unwrap();
    let output = Command::new("node")
        .arg(scratch.join("runner.js"))
        .arg(&script)
        .arg(scratch.join("cases.json"))
        .arg(scratch.join("verdicts.json"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "node {version} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let result: Value =
        serde_json::from_str(&std::fs::read_to_string(scratch.join("verdicts.json")).unwrap())
            .unwrap();
    std::fs::remove_dir_all(&scratch).unwrap();
    let javascript: Vec<Vec<String>> = serde_json::from_value(result["verdicts"].clone()).unwrap();
    assert_eq!(javascript.len(), rust.len());

    let (mut accepted, mut refused, mut last_places) = (0, 0, 0);
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for ((rust, javascript), (_, name, _, _)) in rust.iter().zip(&javascript).zip(&cases.cases) {
        if name == BEYOND_2_53 {
            assert_eq!(rust, &Vec::<String>::new(), "{name}");
            assert_eq!(javascript.len(), 1, "{name}: {javascript:?}");
            assert!(
                javascript[0].contains("larger than this page can read exactly"),
                "{javascript:?}"
            );
            continue;
        }
        assert_eq!(
            rust.is_empty(),
            javascript.is_empty(),
            "{name}: the verdicts differ\nRust: {rust:#?}\nJavaScript: {javascript:#?}"
        );
        match rust.first().and_then(|sentence| unreadable(sentence)) {
            // The reason is the reader's own: the document and the verdict must agree.
            Some(prefix) => {
                assert_eq!(javascript.len(), 1, "{name}: {javascript:#?}");
                assert_eq!(
                    unreadable(&javascript[0]),
                    Some(prefix),
                    "{name}: {rust:?} {javascript:?}"
                );
            }
            None => {
                let same = rust.len() == javascript.len()
                    && rust.iter().zip(javascript).all(|(a, b)| {
                        let last_place = a != b && same_but_the_last_place(a, b);
                        last_places += usize::from(last_place);
                        a == b || last_place
                    });
                assert!(
                    same,
                    "{name}: the sentences differ\nRust: {rust:#?}\nJavaScript: {javascript:#?}"
                );
            }
        }
        if rust.is_empty() {
            accepted += 1;
        } else {
            refused += 1;
        }
        for sentence in rust {
            *kinds.entry(kind(sentence)).or_default() += 1;
        }
    }
    let nanoseconds = result["nanoseconds"].as_f64().unwrap();
    println!(
        "{} cases on {} rounds: {accepted} accepted, {refused} refused, the same sentences ({last_places} stating a level's value one unit in the last place apart); Rust (debug build) {:.0} ms, node {version} {:.0} ms",
        cases.cases.len(),
        cases.rounds.len(),
        rust_time.as_secs_f64() * 1e3,
        nanoseconds / 1e6
    );
    println!("{} kinds of sentence: {kinds:#?}", kinds.len());
    // Both verdicts, and the failures of every step, must be exercised.
    assert!(
        accepted > 300 && refused > 3_000,
        "{accepted} accepted, {refused} refused"
    );
    for expected in [
        "doses expiring by",
        "is earmarked for other recipients",
        "product is not authorised",
        "accepts only lots expiring",
        "exceed its cap of",
        "doses shipped, more than its",
        "are left, but the answer says",
        "but its shipments add up to",
        "total_doses is",
        "could give a dose to",
        "its witness bounds them at",
        "top witness bounds what can be allocated",
        "has no level, so it must get all it could ever get",
        "the certificate says the recipients at or below it receive",
        "whole doses put this level between",
        "names recipient",
        "is missing (every lot must be named)",
        "the certificate has no levels",
        "the round: lots[0].recipients[0] names no recipient",
    ] {
        assert!(
            rust.iter()
                .flatten()
                .any(|sentence| sentence.contains(expected)),
            "no case gives a sentence with {expected:?}"
        );
    }
}

store_test! {
    async fn the_server_serves_the_script_as_javascript(store: Store) {
        let app = common::app(store);
        let answer = common::get(&app, web::pages::round::SCRIPT_PATH).await;
        assert_eq!(answer.status, axum::http::StatusCode::OK);
        assert_eq!(answer.header("content-type"), Some("text/javascript; charset=utf-8"));
        assert_eq!(answer.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(String::from_utf8(answer.body).unwrap(), SCRIPT);
    }
}
