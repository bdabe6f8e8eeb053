//! Property tests of the dose ledger: random movement sequences against a deliberately naive second model, and verify() against tampering.
//!
//! The naive model keeps nothing but the list of accepted postings and recomputes every
//! balance from scratch whenever it needs one; its rules are written from the spec's table
//! independently of `ledger::plan`. The two must agree on every outcome, and the `Ledger`
//! must keep the spec's invariants after every step. A failing case prints its seed and
//! proptest keeps it in `ledger_properties.proptest-regressions` next to this file
//! (commit it) so it replays first next time.

use std::collections::BTreeMap;

use domain::ledger::{
    AccountKey, AccountState, DOSES_MAX, Ledger, LotId, MovementKind, MovementRequest, PartyCode,
    REASON_LENGTH_CHARS_MAX, Violation, verify,
};
use proptest::prelude::*;
use proptest::sample::Index;

const PARTIES: [&str; 4] = ["pfizer", "unicef", "ETH", "KEN"];
const STEPS_MAX: usize = 50;

/// An account in the naive model: plain strings and numbers, no shared types.
type NaiveAccount = (String, i64, &'static str);

#[derive(Default)]
struct NaiveModel {
    /// Every accepted movement as (from, to, doses); `None` is outside the ledger.
    postings: Vec<(Option<NaiveAccount>, NaiveAccount, i64)>,
}

impl NaiveModel {
    fn balances(&self) -> BTreeMap<NaiveAccount, i64> {
        let mut balances = BTreeMap::new();
        for (from, to, doses) in &self.postings {
            if let Some(from) = from {
                *balances.entry(from.clone()).or_insert(0) -= doses;
            }
            *balances.entry(to.clone()).or_insert(0) += doses;
        }
        balances.retain(|_, balance| *balance != 0);
        balances
    }

    fn released(&self, lot: i64) -> i64 {
        self.postings
            .iter()
            .filter(|(from, to, _)| from.is_none() && to.1 == lot)
            .map(|(_, _, doses)| doses)
            .sum()
    }

    /// The spec's table, rule by rule, in the documented order.
    fn decide(
        &self,
        request: &MovementRequest,
    ) -> Result<(Option<NaiveAccount>, NaiveAccount), &'static str> {
        let kind = request.kind.as_str();
        let actor = request.actor.as_str().to_owned();
        let to = request.to.as_ref().map(|code| code.as_str().to_owned());
        let from_state = request.from_state.map(AccountState::as_str);
        let lot = request.lot.0;
        if request.doses < 1 {
            return Err("doses_must_be_positive");
        }
        if request.doses > 1_000_000_000_000 {
            return Err("doses_must_not_exceed_maximum");
        }
        if kind == "ship" && to.is_none() {
            return Err("recipient_required_for_ship");
        }
        if kind != "ship" && to.is_some() {
            return Err("recipient_only_allowed_for_ship");
        }
        if kind == "ship" && to.as_deref() == Some(actor.as_str()) {
            return Err("recipient_must_differ_from_holder");
        }
        if kind != "expire" && from_state.is_some() {
            return Err("source_state_only_allowed_for_expire");
        }
        if kind == "expire" && !matches!(from_state, None | Some("available" | "reserved")) {
            return Err("expire_must_take_from_available_or_reserved");
        }
        match &request.reason {
            None if kind == "waste" => return Err("reason_required_for_waste"),
            Some(reason) if reason.chars().all(char::is_whitespace) => {
                return Err("reason_must_not_be_blank");
            }
            Some(reason) if reason.chars().count() > 500 => {
                return Err("reason_must_not_exceed_maximum_length");
            }
            Some(reason) if reason.chars().any(char::is_control) => {
                return Err("reason_must_not_contain_control_characters");
            }
            _ => {}
        }
        let own = |state: &'static str| (actor.clone(), lot, state);
        let (from, to) = match kind {
            "release" => (None, own("available")),
            "reserve" => (Some(own("available")), own("reserved")),
            "unreserve" => (Some(own("reserved")), own("available")),
            "ship" => (Some(own("reserved")), (to.unwrap(), lot, "in_transit")),
            "receive" => (Some(own("in_transit")), own("available")),
            "administer" => (Some(own("available")), own("administered")),
            "expire" => (Some(own(from_state.unwrap_or("available"))), own("expired")),
            "waste" => (Some(own("available")), own("wasted")),
            other => panic!("unknown kind {other}"),
        };
        match &from {
            None if self.released(lot) + request.doses > 1_000_000_000_000 => {
                Err("released_must_not_exceed_maximum")
            }
            Some(from) if self.balances().get(from).copied().unwrap_or(0) < request.doses => {
                Err("insufficient_balance")
            }
            _ => Ok((from, to)),
        }
    }
}

fn naive_account(account: &AccountKey) -> NaiveAccount {
    (
        account.holder.as_str().to_owned(),
        account.lot.0,
        account.state.as_str(),
    )
}

fn kind_strategy() -> impl Strategy<Value = MovementKind> {
    use MovementKind::*;
    // Releases and the movements that follow them are weighted up so that sequences
    // reach shipments and their receipt, not only refusals from empty accounts.
    prop_oneof![
        4 => Just(Release),
        4 => Just(Reserve),
        1 => Just(Unreserve),
        4 => Just(Ship),
        4 => Just(Receive),
        2 => Just(Administer),
        2 => Just(Expire),
        2 => Just(Waste),
    ]
}

fn doses_strategy() -> impl Strategy<Value = i64> {
    prop_oneof![
        20 => 1..=300i64,
        1 => -2..=0i64,
        1 => Just(DOSES_MAX),
        1 => Just(DOSES_MAX + 1),
        1 => Just(i64::MIN),
        1 => Just(i64::MAX),
    ]
}

fn party(index: usize) -> PartyCode {
    PARTIES[index].parse().unwrap()
}

/// Mostly well-formed requests, with every kind of malformation now and then.
fn request_strategy() -> impl Strategy<Value = MovementRequest> {
    (
        kind_strategy(),
        0..PARTIES.len(),
        1..=3i64,
        doses_strategy(),
        0..PARTIES.len(),
        0..100u8,
        0..AccountState::ALL.len(),
        0..100u8,
    )
        .prop_map(
            |(kind, actor, lot, doses, recipient, to_roll, state, roll)| {
                let is_ship = kind == MovementKind::Ship;
                let to = match (is_ship, to_roll) {
                    (true, 0..=94) | (false, 0..=2) => Some(party(recipient)),
                    _ => None,
                };
                let from_state = match (kind, roll % 10) {
                    (MovementKind::Expire, 0..=3) => None,
                    (MovementKind::Expire, 4..=6) => Some(AccountState::Reserved),
                    (MovementKind::Expire, _) => Some(AccountState::ALL[state]),
                    (_, _) if roll < 3 => Some(AccountState::ALL[state]),
                    _ => None,
                };
                let reason = match (kind == MovementKind::Waste, roll) {
                    (true, 0..=84) => Some("vials frozen in transport".to_owned()),
                    (true, 85..=89) => None,
                    (_, 90..=94) => Some(" \t".to_owned()),
                    (_, 95..=96) => Some("x".repeat(REASON_LENGTH_CHARS_MAX + 1)),
                    (_, 97) => Some("a\0note".to_owned()),
                    (_, 98..=99) => Some("a note".to_owned()),
                    _ => None,
                };
                MovementRequest {
                    kind,
                    lot: LotId(lot),
                    doses,
                    actor: party(actor),
                    to,
                    from_state,
                    reason,
                }
            },
        )
}

/// A generated request and how to aim it at the ledger's state when it is applied.
#[derive(Debug, Clone)]
struct Step {
    request: MovementRequest,
    /// Below 80, the request is turned on an account that holds doses in the state its
    /// kind takes them from (random actors and lots would rarely find any); below 60 its
    /// doses are also set to at most that balance.
    aim: u8,
    source: Index,
    doses: Index,
}

fn step_strategy() -> impl Strategy<Value = Step> {
    (request_strategy(), 0..100u8, any::<Index>(), any::<Index>()).prop_map(
        |(request, aim, source, doses)| Step {
            request,
            aim,
            source,
            doses,
        },
    )
}

/// The concrete request a step makes on `ledger`: deterministic, so a failing case replays.
fn aimed(step: &Step, ledger: &Ledger) -> MovementRequest {
    let mut request = step.request.clone();
    let source_state = match request.kind {
        MovementKind::Release => return request,
        MovementKind::Reserve | MovementKind::Administer | MovementKind::Waste => {
            AccountState::Available
        }
        MovementKind::Unreserve | MovementKind::Ship => AccountState::Reserved,
        MovementKind::Receive => AccountState::InTransit,
        MovementKind::Expire => request.from_state.unwrap_or(AccountState::Available),
    };
    let sources: Vec<(&AccountKey, i64)> = ledger
        .balances()
        .filter(|(account, _)| account.state == source_state)
        .collect();
    if step.aim >= 80 || sources.is_empty() {
        return request;
    }
    let (account, balance) = sources[step.source.index(sources.len())];
    request.actor = account.holder.clone();
    request.lot = account.lot;
    if step.aim < 60 {
        let within = usize::try_from(balance.min(1_000_000)).unwrap();
        request.doses = i64::try_from(step.doses.index(within)).unwrap() + 1;
    }
    request
}

fn run(steps: &[Step]) -> Ledger {
    let mut ledger = Ledger::new();
    for step in steps {
        let request = aimed(step, &ledger);
        let _ = ledger.apply(&request);
    }
    ledger
}

fn state_of(ledger: &Ledger) -> (BTreeMap<LotId, i64>, BTreeMap<AccountKey, i64>) {
    (
        ledger.released_lots().collect(),
        ledger
            .balances()
            .map(|(account, balance)| (account.clone(), balance))
            .collect(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn ledger_agrees_with_naive_model_and_keeps_invariants(
        steps in prop::collection::vec(step_strategy(), 0..=STEPS_MAX)
    ) {
        let mut ledger = Ledger::new();
        let mut naive = NaiveModel::default();
        for (step, generated) in steps.iter().enumerate() {
            let request = &aimed(generated, &ledger);
            let before = ledger.clone();
            let expected = naive.decide(request);
            match (ledger.apply(request), expected) {
                (Ok(entry), Ok((from, to))) => {
                    prop_assert_eq!(entry.sequence, u64::try_from(naive.postings.len()).unwrap() + 1);
                    prop_assert_eq!(entry.posting.from.as_ref().map(naive_account), from.clone());
                    prop_assert_eq!(naive_account(&entry.posting.to), to.clone());
                    prop_assert_eq!(entry.posting.doses, request.doses);
                    naive.postings.push((from, to, request.doses));
                }
                (Err(rejection), Err(code)) => {
                    prop_assert_eq!(rejection.code(), code, "step {}: {:?}", step, request);
                    prop_assert_eq!(&ledger, &before, "step {}: a refused movement changed the ledger", step);
                }
                (outcome, expected) => {
                    prop_assert!(false, "step {}: {:?}: ledger gave {:?}, naive model {:?}", step, request, outcome, expected);
                }
            }

            // Same balances as the naive model recomputed from scratch.
            let balances: BTreeMap<NaiveAccount, i64> = ledger
                .balances()
                .map(|(account, balance)| (naive_account(account), balance))
                .collect();
            prop_assert_eq!(&balances, &naive.balances());
            // No negative balance; conservation per lot.
            let mut held_by_lot: BTreeMap<LotId, i64> = BTreeMap::new();
            for (account, balance) in ledger.balances() {
                prop_assert!(balance > 0, "{} holds {}", account, balance);
                *held_by_lot.entry(account.lot).or_insert(0) += balance;
            }
            for lot in 1..=3 {
                let lot = LotId(lot);
                prop_assert_eq!(held_by_lot.get(&lot).copied().unwrap_or(0), ledger.released(lot));
                prop_assert_eq!(ledger.released(lot), naive.released(lot.0));
            }
            // The journal counts from 1 without gaps and holds exactly the accepted movements.
            prop_assert_eq!(ledger.journal().len(), naive.postings.len());
            for (index, entry) in ledger.journal().iter().enumerate() {
                prop_assert_eq!(entry.sequence, u64::try_from(index).unwrap() + 1);
            }
            let violations = ledger.verify();
            prop_assert!(violations.is_empty(), "step {}: {:?}", step, violations);
        }
        let (released, balances) = state_of(&ledger);
        let postings: Vec<_> = ledger.journal().iter().map(|entry| entry.posting.clone()).collect();
        prop_assert_eq!(verify(&released, &balances, &postings), Vec::<Violation>::new());
    }

    #[test]
    fn verify_names_the_lot_of_an_altered_balance(
        steps in prop::collection::vec(step_strategy(), 1..=STEPS_MAX),
        pick in any::<Index>(),
        delta in prop_oneof![-1000..=-1i64, 1..=1000i64],
    ) {
        let ledger = run(&steps);
        let (released, mut balances) = state_of(&ledger);
        prop_assume!(!balances.is_empty());
        let account = balances.keys().nth(pick.index(balances.len())).unwrap().clone();
        *balances.get_mut(&account).unwrap() += delta;
        let postings: Vec<_> = ledger.journal().iter().map(|entry| entry.posting.clone()).collect();
        let violations = verify(&released, &balances, &postings);
        let conservation_broken = violations
            .iter()
            .any(|violation| matches!(violation, Violation::LotNotConserved { .. }));
        prop_assert!(conservation_broken, "{:?}", violations);
        let account_reported = violations.iter().any(|violation| matches!(
            violation, Violation::BalanceDiffersFromJournal { account: differing, .. } if *differing == account
        ));
        prop_assert!(account_reported, "{:?}", violations);
        for violation in &violations {
            prop_assert_eq!(violation.lot(), account.lot, "{}", violation);
        }
    }

    #[test]
    fn verify_names_the_lot_of_a_dropped_journal_entry(
        steps in prop::collection::vec(step_strategy(), 1..=STEPS_MAX),
        pick in any::<Index>(),
    ) {
        let ledger = run(&steps);
        let (released, balances) = state_of(&ledger);
        prop_assume!(!ledger.journal().is_empty());
        let mut postings: Vec<_> = ledger.journal().iter().map(|entry| entry.posting.clone()).collect();
        let dropped = postings.remove(pick.index(postings.len()));
        let violations = verify(&released, &balances, &postings);
        prop_assert!(!violations.is_empty());
        for violation in &violations {
            prop_assert_eq!(violation.lot(), dropped.lot, "{}", violation);
        }
    }
}

/// Guards against a vacuous property: generated sequences must get every kind of movement
/// accepted and every rule refused, not only refusals from empty accounts.
#[test]
fn generated_sequences_reach_every_kind_and_every_rule() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = prop::collection::vec(step_strategy(), 0..=STEPS_MAX);
    let mut accepted: BTreeMap<&str, usize> = BTreeMap::new();
    let mut refused: BTreeMap<&str, usize> = BTreeMap::new();
    for _ in 0..300 {
        let steps = strategy.new_tree(&mut runner).unwrap().current();
        let mut ledger = Ledger::new();
        for step in &steps {
            let request = aimed(step, &ledger);
            match ledger.apply(&request) {
                Ok(entry) => *accepted.entry(entry.posting.kind.as_str()).or_insert(0) += 1,
                Err(rejection) => *refused.entry(rejection.code()).or_insert(0) += 1,
            }
        }
    }
    for kind in MovementKind::ALL {
        let count = accepted.get(kind.as_str()).copied().unwrap_or(0);
        assert!(count >= 20, "only {count} {kind} accepted: {accepted:?}");
    }
    for code in domain::ledger::Rejection::CODES {
        assert!(
            refused.contains_key(code),
            "{code} never refused: {refused:?}"
        );
    }
    println!("accepted {accepted:?}\nrefused {refused:?}");
}
