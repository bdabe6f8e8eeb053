//! Tests of `ledger::verify` on hand-made store data: every violation, the order they are reported in, and their messages.

use std::collections::BTreeMap;

use domain::ledger::{
    AccountKey, AccountState, LotId, MovementKind, PartyCode, Posting, Violation, verify,
};

fn account(holder: &str, lot: i64, state: AccountState) -> AccountKey {
    AccountKey {
        holder: holder.parse::<PartyCode>().unwrap(),
        lot: LotId(lot),
        state,
    }
}

fn posting(kind: MovementKind, doses: i64, from: Option<AccountKey>, to: AccountKey) -> Posting {
    Posting {
        kind,
        lot: to.lot,
        doses,
        from,
        to,
        reason: None,
    }
}

fn release(holder: &str, lot: i64, doses: i64) -> Posting {
    posting(
        MovementKind::Release,
        doses,
        None,
        account(holder, lot, AccountState::Available),
    )
}

fn reserve(holder: &str, lot: i64, doses: i64) -> Posting {
    posting(
        MovementKind::Reserve,
        doses,
        Some(account(holder, lot, AccountState::Available)),
        account(holder, lot, AccountState::Reserved),
    )
}

fn released(lots: &[(i64, i64)]) -> BTreeMap<LotId, i64> {
    lots.iter()
        .map(|(lot, doses)| (LotId(*lot), *doses))
        .collect()
}

fn balances(accounts: &[(AccountKey, i64)]) -> BTreeMap<AccountKey, i64> {
    accounts.iter().cloned().collect()
}

#[test]
fn consistent_data_has_no_violation() {
    use AccountState::*;
    let journal = [release("pfizer", 7, 1000), reserve("pfizer", 7, 300)];
    let stored = balances(&[
        (account("pfizer", 7, Available), 700),
        (account("pfizer", 7, Reserved), 300),
        // A zero balance stored explicitly is the same as none.
        (account("ETH", 7, Available), 0),
    ]);
    assert_eq!(verify(&released(&[(7, 1000)]), &stored, &journal), []);
    assert_eq!(verify(&BTreeMap::new(), &BTreeMap::new(), &[]), []);
}

#[test]
fn lot_not_conserved() {
    use AccountState::*;
    let journal = [release("pfizer", 7, 1000)];
    let stored = balances(&[(account("pfizer", 7, Available), 950)]);
    let violations = verify(&released(&[(7, 1000)]), &stored, &journal);
    assert_eq!(
        violations,
        [
            Violation::LotNotConserved {
                lot: LotId(7),
                held: 950,
                released: 1000
            },
            Violation::BalanceDiffersFromJournal {
                account: account("pfizer", 7, Available),
                stored: 950,
                replayed: 1000
            },
        ]
    );
    assert_eq!(
        violations[0].to_string(),
        "lot 7: accounts hold 950 doses but 1000 were released"
    );
}

#[test]
fn negative_balance() {
    use AccountState::*;
    let journal = [release("pfizer", 7, 100)];
    let stored = balances(&[
        (account("pfizer", 7, Available), 105),
        (account("pfizer", 7, Reserved), -5),
    ]);
    let violations = verify(&released(&[(7, 100)]), &stored, &journal);
    assert_eq!(
        violations,
        [
            Violation::NegativeBalance {
                account: account("pfizer", 7, Reserved),
                balance: -5
            },
            Violation::BalanceDiffersFromJournal {
                account: account("pfizer", 7, Available),
                stored: 105,
                replayed: 100
            },
            Violation::BalanceDiffersFromJournal {
                account: account("pfizer", 7, Reserved),
                stored: -5,
                replayed: 0
            },
        ]
    );
}

#[test]
fn replay_went_negative() {
    use AccountState::*;
    // The reserve was written before the release that covers it.
    let journal = [reserve("pfizer", 7, 10), release("pfizer", 7, 10)];
    let stored = balances(&[(account("pfizer", 7, Reserved), 10)]);
    assert_eq!(
        verify(&released(&[(7, 10)]), &stored, &journal),
        [Violation::ReplayWentNegative {
            sequence: 1,
            account: account("pfizer", 7, Available),
            balance: -10
        }]
    );
}

#[test]
fn released_differs_from_journal() {
    use AccountState::*;
    let journal = [release("pfizer", 7, 900)];
    let stored = balances(&[(account("pfizer", 7, Available), 1000)]);
    assert_eq!(
        verify(&released(&[(7, 1000)]), &stored, &journal),
        [
            Violation::BalanceDiffersFromJournal {
                account: account("pfizer", 7, Available),
                stored: 1000,
                replayed: 900
            },
            Violation::ReleasedDiffersFromJournal {
                lot: LotId(7),
                released: 1000,
                journal_released: 900
            },
        ]
    );
}

#[test]
fn posting_breaks_rule() {
    use AccountState::*;
    let mut waste = posting(
        MovementKind::Waste,
        10,
        Some(account("ETH", 7, Available)),
        account("ETH", 7, Wasted),
    );
    waste.reason = None;
    let journal = [release("ETH", 7, 10), waste];
    let stored = balances(&[(account("ETH", 7, Wasted), 10)]);
    let violations = verify(&released(&[(7, 10)]), &stored, &journal);
    assert_eq!(violations.len(), 1, "{violations:?}");
    let Violation::PostingBreaksRule {
        sequence,
        kind,
        lot,
        rejection,
    } = &violations[0]
    else {
        panic!("{violations:?}");
    };
    assert_eq!(
        (*sequence, *kind, *lot, rejection.code()),
        (
            2,
            MovementKind::Waste,
            LotId(7),
            "reason_required_for_waste"
        )
    );
}

#[test]
fn posting_does_not_match_kind() {
    use AccountState::*;
    // A "reserve" that administers; a release into a reserved account; a ship inside one party;
    // a posting whose lot differs from its accounts' lot.
    let mut wrong_lot = reserve("pfizer", 7, 1);
    wrong_lot.lot = LotId(8);
    let journal = [
        release("pfizer", 7, 100),
        posting(
            MovementKind::Reserve,
            10,
            Some(account("pfizer", 7, Available)),
            account("pfizer", 7, Administered),
        ),
        posting(
            MovementKind::Release,
            5,
            None,
            account("pfizer", 7, Reserved),
        ),
        posting(
            MovementKind::Receive,
            5,
            None,
            account("pfizer", 7, Available),
        ),
        wrong_lot,
    ];
    let stored = balances(&[
        (account("pfizer", 7, Available), 94),
        (account("pfizer", 7, Reserved), 6),
        (account("pfizer", 7, Administered), 10),
    ]);
    let violations = verify(&released(&[(7, 105)]), &stored, &journal);
    assert_eq!(
        violations,
        [
            Violation::LotNotConserved {
                lot: LotId(7),
                held: 110,
                released: 105
            },
            Violation::PostingDoesNotMatchKind {
                sequence: 2,
                kind: MovementKind::Reserve,
                lot: LotId(7)
            },
            Violation::PostingDoesNotMatchKind {
                sequence: 3,
                kind: MovementKind::Release,
                lot: LotId(7)
            },
            Violation::PostingDoesNotMatchKind {
                sequence: 4,
                kind: MovementKind::Receive,
                lot: LotId(7)
            },
            Violation::PostingDoesNotMatchKind {
                sequence: 5,
                kind: MovementKind::Reserve,
                lot: LotId(8)
            },
            // The receive from outside created doses just as a release would.
            Violation::ReleasedDiffersFromJournal {
                lot: LotId(7),
                released: 105,
                journal_released: 110
            },
        ]
    );
}

#[test]
fn every_violation_in_check_order_with_its_message() {
    use AccountState::*;
    let journal = [
        release("pfizer", 7, 900),
        posting(
            MovementKind::Unreserve,
            50,
            Some(account("pfizer", 7, Reserved)),
            account("pfizer", 7, InTransit),
        ),
        posting(
            MovementKind::Administer,
            -3,
            Some(account("pfizer", 7, Available)),
            account("pfizer", 7, Administered),
        ),
    ];
    let stored = balances(&[
        (account("pfizer", 7, Available), 1000),
        (account("pfizer", 7, InTransit), -40),
    ]);
    let violations = verify(&released(&[(7, 1000)]), &stored, &journal);
    let messages: Vec<String> = violations.iter().map(ToString::to_string).collect();
    insta::assert_snapshot!(messages.join("\n"));
    let kinds: Vec<&str> = violations
        .iter()
        .map(|violation| match violation {
            Violation::NegativeBalance { .. } => "negative_balance",
            Violation::LotNotConserved { .. } => "lot_not_conserved",
            Violation::PostingBreaksRule { .. } => "posting_breaks_rule",
            Violation::PostingDoesNotMatchKind { .. } => "posting_does_not_match_kind",
            Violation::ReplayWentNegative { .. } => "replay_went_negative",
            Violation::BalanceDiffersFromJournal { .. } => "balance_differs_from_journal",
            Violation::ReleasedDiffersFromJournal { .. } => "released_differs_from_journal",
        })
        .collect();
    let mut distinct = kinds.clone();
    distinct.dedup();
    assert_eq!(
        distinct,
        [
            "negative_balance",
            "lot_not_conserved",
            "posting_does_not_match_kind",
            "replay_went_negative",
            "posting_breaks_rule",
            "balance_differs_from_journal",
            "released_differs_from_journal",
        ]
    );
    assert!(
        violations
            .iter()
            .all(|violation| violation.lot() == LotId(7))
    );
}

#[test]
fn huge_stored_numbers_do_not_overflow() {
    use AccountState::*;
    let stored = balances(&[
        (account("pfizer", 7, Available), i64::MAX),
        (account("pfizer", 7, Reserved), i64::MAX),
    ]);
    let journal = [
        release("pfizer", 7, i64::MAX),
        release("pfizer", 7, i64::MAX),
    ];
    let violations = verify(&released(&[(7, i64::MIN)]), &stored, &journal);
    assert!(violations.contains(&Violation::LotNotConserved {
        lot: LotId(7),
        held: 2 * i128::from(i64::MAX),
        released: i64::MIN
    }));
}
