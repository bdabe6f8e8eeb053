//! Scenario tests of the dose ledger written as data: one fixture per scenario in `tests/fixtures/ledger/`.
//!
//! A fixture is a text file, one item per line:
//!
//! ```text
//! # a comment
//! release pfizer L1 1000                  kind, actor, lot, doses
//! ship pfizer L1 100 -> ETH               `-> PARTY`: the recipient
//! expire pfizer L1 50 from reserved       `from STATE`: the source state
//! waste ETH L1 10 "cold-chain failure"    a quoted reason, always last
//! ! insufficient_balance                  the movement above must be refused with this code
//!
//! balances:                               every non-zero balance after the last movement
//! ETH L1 available 50
//! ```
//!
//! A movement not followed by `!` must be accepted. [`check`] runs the movements on a fresh
//! [`Ledger`], checks each expectation and the balances block, checks that `verify` finds
//! nothing, and snapshots the whole transcript with insta so that any change in outcome or
//! message shows up in review.

use domain::ledger::{
    AccountKey, AccountState, Ledger, LotId, MovementKind, MovementRequest, PartyCode,
};
use std::fmt::Write as _;

const FIXTURES: [&str; 5] = [
    "insufficient_balance",
    "life_cycle",
    "pooled_donation",
    "refusals",
    "release_limits",
];

#[test]
fn insufficient_balance() {
    check("insufficient_balance");
}

#[test]
fn life_cycle() {
    check("life_cycle");
}

#[test]
fn pooled_donation() {
    check("pooled_donation");
}

#[test]
fn refusals() {
    check("refusals");
}

#[test]
fn release_limits() {
    check("release_limits");
}

/// A fixture without a test would silently never run.
#[test]
fn every_fixture_has_a_test() {
    let directory = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/ledger");
    let mut found: Vec<String> = std::fs::read_dir(directory)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter_map(|name| name.strip_suffix(".txt").map(str::to_owned))
        .collect();
    found.sort();
    assert_eq!(found, FIXTURES);
}

enum Line {
    Movement {
        line_number: usize,
        text: String,
        request: MovementRequest,
    },
    Refused {
        line_number: usize,
        code: String,
    },
}

struct Fixture {
    lines: Vec<Line>,
    balances: Option<Vec<(AccountKey, i64)>>,
}

fn parse_lot(token: &str, line_number: usize) -> LotId {
    let digits = token
        .strip_prefix('L')
        .unwrap_or_else(|| panic!("line {line_number}: a lot is written L<number>, got `{token}`"));
    digits
        .parse()
        .unwrap_or_else(|error| panic!("line {line_number}: {error}"))
}

fn parse_party(token: &str, line_number: usize) -> PartyCode {
    token
        .parse()
        .unwrap_or_else(|error| panic!("line {line_number}: {error}"))
}

fn parse_movement(text: &str, line_number: usize) -> MovementRequest {
    let (words, reason) = match text.find('"') {
        Some(start) => {
            let quoted = &text[start + 1..];
            let reason = quoted.strip_suffix('"').unwrap_or_else(|| {
                panic!("line {line_number}: a reason ends with `\"` at the end of the line")
            });
            (&text[..start], Some(reason.to_owned()))
        }
        None => (text, None),
    };
    let tokens: Vec<&str> = words.split_whitespace().collect();
    let [kind, actor, lot, doses, rest @ ..] = tokens.as_slice() else {
        panic!(
            "line {line_number}: a movement is `KIND ACTOR L<lot> DOSES [-> TO] [from STATE] [\"reason\"]`"
        );
    };
    let mut request = MovementRequest {
        kind: kind
            .parse::<MovementKind>()
            .unwrap_or_else(|error| panic!("line {line_number}: {error}")),
        lot: parse_lot(lot, line_number),
        doses: doses
            .parse()
            .unwrap_or_else(|error| panic!("line {line_number}: doses: {error}")),
        actor: parse_party(actor, line_number),
        to: None,
        from_state: None,
        reason,
    };
    let mut rest = rest.iter();
    while let Some(word) = rest.next() {
        let argument = rest
            .next()
            .unwrap_or_else(|| panic!("line {line_number}: `{word}` needs a value"));
        match *word {
            "->" => request.to = Some(parse_party(argument, line_number)),
            "from" => {
                request.from_state = Some(
                    argument
                        .parse()
                        .unwrap_or_else(|error| panic!("line {line_number}: {error}")),
                );
            }
            _ => panic!("line {line_number}: unexpected `{word}`"),
        }
    }
    request
}

fn parse_fixture(text: &str) -> Fixture {
    let mut fixture = Fixture {
        lines: Vec::new(),
        balances: None,
    };
    for (index, raw_line) in text.lines().enumerate() {
        let line_number = index + 1;
        let line = raw_line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line == "balances:" {
            fixture.balances = Some(Vec::new());
            continue;
        }
        if let Some(balances) = &mut fixture.balances {
            let tokens: Vec<&str> = line.split_whitespace().collect();
            let [holder, lot, state, doses] = tokens.as_slice() else {
                panic!("line {line_number}: a balance is `HOLDER L<lot> STATE DOSES`");
            };
            let account = AccountKey {
                holder: parse_party(holder, line_number),
                lot: parse_lot(lot, line_number),
                state: state
                    .parse::<AccountState>()
                    .unwrap_or_else(|error| panic!("line {line_number}: {error}")),
            };
            balances.push((account, doses.parse().unwrap()));
        } else if let Some(code) = line.strip_prefix("! ") {
            fixture.lines.push(Line::Refused {
                line_number,
                code: code.trim().to_owned(),
            });
        } else {
            fixture.lines.push(Line::Movement {
                line_number,
                text: line.to_owned(),
                request: parse_movement(line, line_number),
            });
        }
    }
    fixture
}

/// Runs the fixture `tests/fixtures/ledger/{name}.txt`; panics naming the line of the first
/// broken expectation, then compares the transcript with its snapshot.
fn check(name: &str) {
    let path = format!(
        "{}/tests/fixtures/ledger/{name}.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"));
    let fixture = parse_fixture(&text);
    let mut ledger = Ledger::new();
    let mut transcript = String::new();

    let mut lines = fixture.lines.iter().peekable();
    while let Some(line) = lines.next() {
        let Line::Movement {
            line_number,
            text,
            request,
        } = line
        else {
            let Line::Refused { line_number, .. } = line else {
                unreachable!()
            };
            panic!("{name}.txt line {line_number}: `!` must follow a movement");
        };
        let expected_code = match lines.peek() {
            Some(Line::Refused { code, .. }) => {
                lines.next();
                Some(code.as_str())
            }
            _ => None,
        };
        let before = ledger.clone();
        match (ledger.apply(request), expected_code) {
            (Ok(entry), None) => {
                let from = entry
                    .posting
                    .from
                    .as_ref()
                    .map_or("outside".to_owned(), ToString::to_string);
                writeln!(
                    transcript,
                    "{text}\n    #{} {} doses: {from} -> {}",
                    entry.sequence, entry.posting.doses, entry.posting.to
                )
                .unwrap();
            }
            (Ok(entry), Some(code)) => panic!(
                "{name}.txt line {line_number}: `{text}` was accepted as entry #{} but should be refused with {code}",
                entry.sequence
            ),
            (Err(rejection), None) => panic!(
                "{name}.txt line {line_number}: `{text}` was refused ({}: {rejection}) but should be accepted",
                rejection.code()
            ),
            (Err(rejection), Some(code)) => {
                assert_eq!(
                    rejection.code(),
                    code,
                    "{name}.txt line {line_number}: `{text}` was refused for another reason: {rejection}"
                );
                assert_eq!(
                    ledger, before,
                    "{name}.txt line {line_number}: a refused movement changed the ledger"
                );
                writeln!(transcript, "{text}\n    ! {code}: {rejection}").unwrap();
            }
        }
    }

    let actual: Vec<(AccountKey, i64)> = ledger
        .balances()
        .map(|(account, balance)| (account.clone(), balance))
        .collect();
    if let Some(mut expected) = fixture.balances {
        expected.sort();
        assert_eq!(
            actual, expected,
            "{name}.txt: the balances after the last movement differ"
        );
    } else {
        panic!("{name}.txt: a fixture ends with a `balances:` block");
    }
    let violations = ledger.verify();
    assert!(
        violations.is_empty(),
        "{name}.txt: verify found {violations:?}"
    );

    transcript.push_str("\nbalances:\n");
    for (account, balance) in &actual {
        writeln!(transcript, "    {account}: {balance}").unwrap();
    }
    transcript.push_str("released:\n");
    for (lot, released) in ledger.released_lots() {
        writeln!(transcript, "    lot {lot}: {released}").unwrap();
    }
    insta::assert_snapshot!(name, transcript);
}
