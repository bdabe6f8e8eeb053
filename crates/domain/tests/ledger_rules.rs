//! Unit tests of the ledger's rules: every rejection, their order, what each kind posts, parsing and serde of ledger values.

use domain::ledger::{
    AccountKey, AccountState, DOSES_MAX, Ledger, LotId, MovementKind, MovementRequest, ParseError,
    PartyCode, Posting, REASON_LENGTH_CHARS_MAX, Rejection, plan,
};

fn party(code: &str) -> PartyCode {
    code.parse().unwrap()
}

fn request(kind: MovementKind, actor: &str, doses: i64) -> MovementRequest {
    MovementRequest {
        kind,
        lot: LotId(7),
        doses,
        actor: party(actor),
        to: None,
        from_state: None,
        reason: None,
    }
}

fn account(holder: &str, state: AccountState) -> AccountKey {
    AccountKey {
        holder: party(holder),
        lot: LotId(7),
        state,
    }
}

/// A ledger where pfizer holds 100 available doses of lot 7 and nothing else.
fn ledger_with_release() -> Ledger {
    let mut ledger = Ledger::new();
    ledger
        .apply(&request(MovementKind::Release, "pfizer", 100))
        .unwrap();
    ledger
}

/// One request per rejection, in the order the rules are checked, and the ledger it is
/// applied to.
fn one_request_per_rejection() -> Vec<(Ledger, MovementRequest)> {
    use MovementKind::*;
    let with = |mut request: MovementRequest, change: &dyn Fn(&mut MovementRequest)| {
        change(&mut request);
        request
    };
    let mut full_lot = Ledger::new();
    full_lot
        .apply(&request(Release, "pfizer", DOSES_MAX))
        .unwrap();
    vec![
        (Ledger::new(), request(Reserve, "pfizer", 0)),
        (Ledger::new(), request(Release, "pfizer", DOSES_MAX + 1)),
        (Ledger::new(), request(Ship, "pfizer", 10)),
        (
            Ledger::new(),
            with(request(Reserve, "pfizer", 10), &|request| {
                request.to = Some(party("ETH"));
            }),
        ),
        (
            Ledger::new(),
            with(request(Ship, "ETH", 10), &|request| {
                request.to = Some(party("ETH"));
            }),
        ),
        (
            Ledger::new(),
            with(request(Administer, "ETH", 10), &|request| {
                request.from_state = Some(AccountState::Available);
            }),
        ),
        (
            Ledger::new(),
            with(request(Expire, "ETH", 10), &|request| {
                request.from_state = Some(AccountState::InTransit);
            }),
        ),
        (Ledger::new(), request(Waste, "ETH", 10)),
        (
            Ledger::new(),
            with(request(Waste, "ETH", 10), &|request| {
                request.reason = Some(" \t\n".to_owned());
            }),
        ),
        (
            Ledger::new(),
            with(request(Waste, "ETH", 10), &|request| {
                request.reason = Some("é".repeat(REASON_LENGTH_CHARS_MAX + 1));
            }),
        ),
        (
            Ledger::new(),
            with(request(Waste, "ETH", 10), &|request| {
                request.reason = Some("broken\nvial".to_owned());
            }),
        ),
        (full_lot, request(Release, "pfizer", 1)),
        (ledger_with_release(), request(Administer, "pfizer", 101)),
    ]
}

#[test]
fn every_rejection_is_reached_and_codes_are_listed_in_check_order() {
    let codes: Vec<&str> = one_request_per_rejection()
        .into_iter()
        .map(|(mut ledger, request)| {
            let before = ledger.clone();
            let rejection = ledger.apply(&request).unwrap_err();
            assert_eq!(ledger, before, "{} changed the ledger", rejection.code());
            rejection.code()
        })
        .collect();
    assert_eq!(codes, Rejection::CODES);
}

#[test]
fn rejection_messages() {
    let messages: Vec<String> = one_request_per_rejection()
        .into_iter()
        .map(|(mut ledger, request)| {
            let rejection = ledger.apply(&request).unwrap_err();
            format!("{}: {rejection}", rejection.code())
        })
        .collect();
    insta::assert_snapshot!(messages.join("\n"));
}

#[test]
fn codes_are_snake_case_and_unique() {
    let mut codes = Rejection::CODES.to_vec();
    for code in &codes {
        assert!(
            code.bytes()
                .all(|byte| byte.is_ascii_lowercase() || byte == b'_'),
            "{code}"
        );
    }
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), Rejection::CODES.len());
}

#[test]
fn rules_are_checked_in_a_fixed_order() {
    use MovementKind::*;
    let code = |request: MovementRequest| plan(&request).unwrap_err().code();

    // Doses before everything: a zero-dose ship without recipient, with a source state.
    let mut broken = request(Ship, "pfizer", 0);
    broken.from_state = Some(AccountState::Wasted);
    assert_eq!(code(broken.clone()), "doses_must_be_positive");
    broken.doses = DOSES_MAX + 1;
    assert_eq!(code(broken.clone()), "doses_must_not_exceed_maximum");
    // Then the recipient, before the source state.
    broken.doses = 10;
    assert_eq!(code(broken.clone()), "recipient_required_for_ship");
    broken.to = Some(party("pfizer"));
    assert_eq!(code(broken.clone()), "recipient_must_differ_from_holder");
    broken.to = Some(party("ETH"));
    assert_eq!(code(broken.clone()), "source_state_only_allowed_for_expire");

    // The recipient before the reason; the source state before the reason.
    let mut waste = request(Waste, "ETH", 10);
    waste.to = Some(party("KEN"));
    assert_eq!(code(waste.clone()), "recipient_only_allowed_for_ship");
    waste.to = None;
    waste.from_state = Some(AccountState::Available);
    assert_eq!(code(waste.clone()), "source_state_only_allowed_for_expire");

    let mut expire = request(Expire, "ETH", 10);
    expire.from_state = Some(AccountState::Administered);
    expire.reason = Some(String::new());
    assert_eq!(code(expire), "expire_must_take_from_available_or_reserved");

    // Every rule of plan before the balance: an empty account with a blank reason.
    let mut ledger = Ledger::new();
    let mut administer = request(Administer, "ETH", 10);
    administer.reason = Some(" ".to_owned());
    assert_eq!(
        ledger.apply(&administer).unwrap_err().code(),
        "reason_must_not_be_blank"
    );
}

#[test]
fn each_kind_posts_between_the_accounts_of_the_spec() {
    use AccountState::*;
    use MovementKind::*;
    let posting = |request: MovementRequest| -> (Option<AccountKey>, AccountKey) {
        let Posting { from, to, .. } = plan(&request).unwrap();
        (from, to)
    };
    assert_eq!(
        posting(request(Release, "pfizer", 5)),
        (None, account("pfizer", Available))
    );
    assert_eq!(
        posting(request(Reserve, "ETH", 5)),
        (Some(account("ETH", Available)), account("ETH", Reserved))
    );
    assert_eq!(
        posting(request(Unreserve, "ETH", 5)),
        (Some(account("ETH", Reserved)), account("ETH", Available))
    );
    let mut ship = request(Ship, "unicef", 5);
    ship.to = Some(party("ETH"));
    assert_eq!(
        posting(ship),
        (Some(account("unicef", Reserved)), account("ETH", InTransit))
    );
    assert_eq!(
        posting(request(Receive, "ETH", 5)),
        (Some(account("ETH", InTransit)), account("ETH", Available))
    );
    assert_eq!(
        posting(request(Administer, "ETH", 5)),
        (
            Some(account("ETH", Available)),
            account("ETH", Administered)
        )
    );
    assert_eq!(
        posting(request(Expire, "ETH", 5)),
        (Some(account("ETH", Available)), account("ETH", Expired))
    );
    let mut expire_reserved = request(Expire, "ETH", 5);
    expire_reserved.from_state = Some(Reserved);
    assert_eq!(
        posting(expire_reserved),
        (Some(account("ETH", Reserved)), account("ETH", Expired))
    );
    let mut expire_available = request(Expire, "ETH", 5);
    expire_available.from_state = Some(Available);
    assert_eq!(
        posting(expire_available),
        (Some(account("ETH", Available)), account("ETH", Expired))
    );
    let mut waste = request(Waste, "ETH", 5);
    waste.reason = Some("vial dropped".to_owned());
    assert_eq!(
        posting(waste.clone()),
        (Some(account("ETH", Available)), account("ETH", Wasted))
    );
    let planned = plan(&waste).unwrap();
    assert_eq!(planned.reason.as_deref(), Some("vial dropped"));
    assert_eq!(
        (planned.kind, planned.lot, planned.doses),
        (Waste, LotId(7), 5)
    );
}

#[test]
fn limits_are_inclusive() {
    let mut release = request(MovementKind::Release, "pfizer", DOSES_MAX);
    release.reason = Some("x".repeat(REASON_LENGTH_CHARS_MAX));
    assert!(plan(&release).is_ok());
    assert!(plan(&request(MovementKind::Release, "pfizer", 1)).is_ok());
}

#[test]
fn journal_counts_from_one_and_balances_are_sorted_and_non_zero() {
    use MovementKind::*;
    let mut ledger = ledger_with_release();
    assert_eq!(ledger.journal()[0].sequence, 1);
    ledger.apply(&request(Reserve, "pfizer", 100)).unwrap();
    let mut ship = request(Ship, "pfizer", 100);
    ship.to = Some(party("ETH"));
    let entry = ledger.apply(&ship).unwrap();
    assert_eq!(entry.sequence, 3);
    assert_eq!(ledger.journal().len(), 3);
    assert_eq!(ledger.journal()[2], entry);
    // pfizer's accounts went back to zero and are no longer listed; ETH sorts before pfizer.
    let balances: Vec<(AccountKey, i64)> = ledger
        .balances()
        .map(|(account, balance)| (account.clone(), balance))
        .collect();
    assert_eq!(balances, [(account("ETH", AccountState::InTransit), 100)]);
    assert_eq!(
        ledger.balance(&account("pfizer", AccountState::Available)),
        0
    );
    assert_eq!(ledger.released(LotId(7)), 100);
    assert_eq!(ledger.released(LotId(8)), 0);
    assert_eq!(
        ledger.released_lots().collect::<Vec<_>>(),
        [(LotId(7), 100)]
    );
}

#[test]
fn insufficient_balance_names_the_account_and_numbers() {
    let mut ledger = ledger_with_release();
    let rejection = ledger
        .apply(&request(MovementKind::Reserve, "pfizer", 150))
        .unwrap_err();
    assert_eq!(
        rejection,
        Rejection::InsufficientBalance {
            account: account("pfizer", AccountState::Available),
            balance: 100,
            requested: 150,
        }
    );
}

#[test]
fn party_codes() {
    for good in [
        "ETH",
        "KEN",
        "pfizer",
        "unicef",
        "serum-institute",
        "who",
        "covax2",
    ] {
        assert_eq!(PartyCode::parse(good).unwrap().as_str(), good);
    }
    let too_long = "a".repeat(65);
    for bad in [
        "",
        "E",
        "Eth",
        "eTH",
        "ETHI",
        "ET",
        "Pfizer",
        "-who",
        "who-",
        "serum--institute",
        "9lives",
        "x",
        "a b",
        "unicef_",
        "ÉTH",
        too_long.as_str(),
    ] {
        assert_eq!(
            PartyCode::parse(bad),
            Err(ParseError::PartyCode {
                input: bad.to_owned()
            }),
            "{bad:?}"
        );
    }
    assert!(PartyCode::parse(&"a".repeat(64)).is_ok());
}

#[test]
fn lot_ids() {
    assert_eq!("7".parse::<LotId>(), Ok(LotId(7)));
    assert_eq!("-3".parse::<LotId>(), Ok(LotId(-3)));
    for bad in ["", "+7", "L7", "7 ", "9223372036854775808", "-"] {
        assert!(bad.parse::<LotId>().is_err(), "{bad:?}");
    }
    assert_eq!(LotId(7).to_string(), "7");
}

#[test]
fn states_and_kinds_round_trip_through_text_and_serde() {
    for state in AccountState::ALL {
        assert_eq!(state.as_str().parse::<AccountState>(), Ok(state));
        assert_eq!(
            serde_json::to_string(&state).unwrap(),
            format!("\"{}\"", state.as_str())
        );
    }
    for kind in MovementKind::ALL {
        assert_eq!(kind.as_str().parse::<MovementKind>(), Ok(kind));
        assert_eq!(
            serde_json::to_string(&kind).unwrap(),
            format!("\"{}\"", kind.as_str())
        );
    }
    assert_eq!(AccountState::InTransit.as_str(), "in_transit");
}

#[test]
fn parse_error_messages() {
    let messages = [
        "Eth".parse::<PartyCode>().unwrap_err().to_string(),
        "L7".parse::<LotId>().unwrap_err().to_string(),
        "transit".parse::<AccountState>().unwrap_err().to_string(),
        "donate".parse::<MovementKind>().unwrap_err().to_string(),
    ];
    insta::assert_snapshot!(messages.join("\n"));
}

#[test]
fn requests_and_journal_entries_in_json() {
    let json = r#"{"kind":"ship","lot":7,"doses":100,"actor":"unicef","to":"ETH","from_state":null,"reason":null}"#;
    let request: MovementRequest = serde_json::from_str(json).unwrap();
    assert_eq!(request.to, Some(party("ETH")));
    assert_eq!(serde_json::to_string(&request).unwrap(), json);

    let bad = r#"{"kind":"ship","lot":7,"doses":100,"actor":"Unicef","to":null,"from_state":null,"reason":null}"#;
    let error = serde_json::from_str::<MovementRequest>(bad).unwrap_err();
    assert!(error.to_string().contains("party code `Unicef`"), "{error}");

    let mut ledger = ledger_with_release();
    let mut reserve = request.clone();
    reserve.kind = MovementKind::Reserve;
    reserve.actor = party("pfizer");
    reserve.to = None;
    let entry = ledger.apply(&reserve).unwrap();
    insta::assert_json_snapshot!(entry);
}
