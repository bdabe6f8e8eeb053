//! The rules of the dose ledger: accounts, movements, rejections, the in-memory reference model and `verify`.
//!
//! Every dose is in exactly one account, `(holder, lot, state)`. Doses move only by
//! movements; each movement takes `n` doses of one lot out of one account and puts them
//! into another (a release takes them from outside the ledger). This module is pure: no
//! IO, no clock, no randomness, so that stores, the web layer and property tests share one
//! statement of the rules.
//!
//! - [`plan`] turns a [`MovementRequest`] into a [`Posting`] or a [`Rejection`] without
//!   looking at balances.
//! - [`Ledger`] is the reference model: it applies requests to balances held in memory.
//!   Other crates use it as the oracle in property tests of the SQL stores.
//! - [`verify`] checks the invariants of the spec on data read back from a store.
//!
//! **Architecture Invariant:** nothing here knows about party kinds, users or
//! authorization. Who may act for a party is checked by the web layer; the ledger only
//! knows that doses leave the actor's own accounts.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The most doses one movement may move, and the most doses one lot may ever release.
///
/// A limit on everything: 10^12 doses is over a hundred times the world's population, so no
/// honest request comes near it, and with every lot bounded by it no sum of balances in
/// this module can overflow an `i64`.
pub const DOSES_MAX: i64 = 1_000_000_000_000;

/// The longest reason a movement may carry, in characters (Unicode scalar values).
pub const REASON_LENGTH_CHARS_MAX: usize = 500;

/// The longest party code, in characters; codes are identifiers, not names.
pub const PARTY_CODE_LENGTH_CHARS_MAX: usize = 64;

/// A text that does not name a ledger value: a party code, lot id, state or movement kind.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// The text is neither a country code nor a lowercase slug.
    #[error(
        "party code `{input}` is neither a country code (three capital letters, ISO 3166-1 alpha-3, like ETH) nor a lowercase slug of 2 to 64 letters, digits and inner hyphens (like pfizer or unicef)"
    )]
    PartyCode {
        /// The text given.
        input: String,
    },
    /// The text is not a lot id written in plain digits.
    #[error("lot id `{input}` is not a whole number; a lot is identified by its number, like 7")]
    LotId {
        /// The text given.
        input: String,
    },
    /// The text names no account state.
    #[error(
        "account state `{input}` is unknown; use one of available, reserved, in_transit, administered, expired, wasted"
    )]
    AccountState {
        /// The text given.
        input: String,
    },
    /// The text names no movement kind.
    #[error(
        "movement kind `{input}` is unknown; use one of release, reserve, unreserve, ship, receive, administer, expire, waste"
    )]
    MovementKind {
        /// The text given.
        input: String,
    },
}

/// The code of a party: ISO 3166-1 alpha-3 for a country (`ETH`), a lowercase slug for a
/// manufacturer or an organization (`pfizer`, `unicef`). Built only through [`PartyCode::parse`],
/// so every value in the ledger is well formed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PartyCode(String);

impl PartyCode {
    /// Reads a party code, a country code or a lowercase slug; the only constructor.
    pub fn parse(input: &str) -> Result<PartyCode, ParseError> {
        if is_country_code(input) || is_slug(input) {
            Ok(PartyCode(input.to_owned()))
        } else {
            Err(ParseError::PartyCode {
                input: input.to_owned(),
            })
        }
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A country's party code is its country code, including the data's `OWID_KOS` and
/// `OWID_CYN` for the two places without an ISO code.
fn is_country_code(input: &str) -> bool {
    crate::country::CountryCode::parse(input).is_ok()
}

fn is_slug(input: &str) -> bool {
    let bytes = input.as_bytes();
    // Length in bytes equals length in characters here because only ASCII is accepted.
    (2..=PARTY_CODE_LENGTH_CHARS_MAX).contains(&bytes.len())
        && bytes[0].is_ascii_lowercase()
        && bytes[bytes.len() - 1] != b'-'
        && bytes
            .iter()
            .all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || *byte == b'-')
        && !input.contains("--")
}

impl FromStr for PartyCode {
    type Err = ParseError;
    fn from_str(input: &str) -> Result<PartyCode, ParseError> {
        PartyCode::parse(input)
    }
}

impl TryFrom<String> for PartyCode {
    type Error = ParseError;
    fn try_from(input: String) -> Result<PartyCode, ParseError> {
        PartyCode::parse(&input)
    }
}

impl From<PartyCode> for String {
    fn from(code: PartyCode) -> String {
        code.0
    }
}

impl fmt::Display for PartyCode {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.0)
    }
}

/// The id of a lot, as assigned by the store when the lot is registered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LotId(pub i64);

impl FromStr for LotId {
    type Err = ParseError;
    fn from_str(input: &str) -> Result<LotId, ParseError> {
        // `i64::from_str` accepts a leading `+`; an id is written as plain digits only.
        let is_plain = !input.is_empty()
            && input
                .strip_prefix('-')
                .unwrap_or(input)
                .bytes()
                .all(|byte| byte.is_ascii_digit());
        match input.parse::<i64>() {
            Ok(id) if is_plain => Ok(LotId(id)),
            _ => Err(ParseError::LotId {
                input: input.to_owned(),
            }),
        }
    }
}

impl fmt::Display for LotId {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}", self.0)
    }
}

/// Where a dose is in its life. The declaration order is the sort order of accounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountState {
    /// At the holder and free to use: to reserve, administer, waste or let expire.
    Available,
    /// Set aside at the holder for a shipment, an allocation or an agreement.
    Reserved,
    /// Shipped to the holder and not yet received.
    InTransit,
    /// Given to people; final.
    Administered,
    /// Past their expiry date, or declared expired by the holder; final.
    Expired,
    /// Lost for a reason the holder gave, such as a cold-chain failure; final.
    Wasted,
}

impl AccountState {
    /// Every state, in declaration order (the sort order of accounts).
    pub const ALL: [AccountState; 6] = [
        AccountState::Available,
        AccountState::Reserved,
        AccountState::InTransit,
        AccountState::Administered,
        AccountState::Expired,
        AccountState::Wasted,
    ];

    /// The state's name in the API and the database, like `in_transit`.
    pub fn as_str(self) -> &'static str {
        match self {
            AccountState::Available => "available",
            AccountState::Reserved => "reserved",
            AccountState::InTransit => "in_transit",
            AccountState::Administered => "administered",
            AccountState::Expired => "expired",
            AccountState::Wasted => "wasted",
        }
    }
}

impl FromStr for AccountState {
    type Err = ParseError;
    fn from_str(input: &str) -> Result<AccountState, ParseError> {
        AccountState::ALL
            .into_iter()
            .find(|state| state.as_str() == input)
            .ok_or_else(|| ParseError::AccountState {
                input: input.to_owned(),
            })
    }
}

impl fmt::Display for AccountState {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

/// What a movement does; the table in the spec's "The dose ledger" section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MovementKind {
    /// Brings a newly registered lot's doses into its manufacturer's `available` account.
    Release,
    /// Sets doses aside: holder `available` to holder `reserved`.
    Reserve,
    /// Frees reserved doses: holder `reserved` back to holder `available`.
    Unreserve,
    /// Sends reserved doses to a recipient: holder `reserved` to recipient `in_transit`.
    Ship,
    /// Confirms that shipped doses arrived: recipient `in_transit` to recipient `available`.
    Receive,
    /// Reports doses given to people: `available` to `administered`.
    Administer,
    /// Writes off doses past their expiry: `available` or `reserved` to `expired`.
    Expire,
    /// Writes off doses lost otherwise, with a reason: `available` to `wasted`.
    Waste,
}

impl MovementKind {
    /// Every kind, in the order of the spec's ledger table.
    pub const ALL: [MovementKind; 8] = [
        MovementKind::Release,
        MovementKind::Reserve,
        MovementKind::Unreserve,
        MovementKind::Ship,
        MovementKind::Receive,
        MovementKind::Administer,
        MovementKind::Expire,
        MovementKind::Waste,
    ];

    /// The kind's name in the API and the database, like `unreserve`.
    pub fn as_str(self) -> &'static str {
        match self {
            MovementKind::Release => "release",
            MovementKind::Reserve => "reserve",
            MovementKind::Unreserve => "unreserve",
            MovementKind::Ship => "ship",
            MovementKind::Receive => "receive",
            MovementKind::Administer => "administer",
            MovementKind::Expire => "expire",
            MovementKind::Waste => "waste",
        }
    }
}

impl FromStr for MovementKind {
    type Err = ParseError;
    fn from_str(input: &str) -> Result<MovementKind, ParseError> {
        MovementKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == input)
            .ok_or_else(|| ParseError::MovementKind {
                input: input.to_owned(),
            })
    }
}

impl fmt::Display for MovementKind {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

/// One account: the doses of one lot that one party holds in one state.
/// Sorted by holder, then lot, then state.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct AccountKey {
    /// The party holding the doses.
    pub holder: PartyCode,
    /// The lot the doses belong to.
    pub lot: LotId,
    /// Where the doses are in their life.
    pub state: AccountState,
}

impl fmt::Display for AccountKey {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}/lot {}/{}", self.holder, self.lot, self.state)
    }
}

/// A movement as asked for by a party, before any rule is checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MovementRequest {
    /// What the movement does.
    pub kind: MovementKind,
    /// The lot whose doses move.
    pub lot: LotId,
    /// How many doses to move; [`plan`] accepts 1 to [`DOSES_MAX`].
    pub doses: i64,
    /// The party acting: the holder whose account the doses leave (for a release, the
    /// manufacturer whose account they enter).
    pub actor: PartyCode,
    /// The recipient; only for `ship`, where it is required.
    pub to: Option<PartyCode>,
    /// Only for `expire`: the state the doses leave, `available` (the default) or `reserved`.
    pub from_state: Option<AccountState>,
    /// Why; required for `waste`, an optional note for every other kind.
    pub reason: Option<String>,
}

/// What a movement does to balances: `doses` leave `from` (outside the ledger when `None`,
/// which only a release does) and enter `to`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Posting {
    /// The kind of movement it records.
    pub kind: MovementKind,
    /// The lot whose doses move.
    pub lot: LotId,
    /// How many doses move.
    pub doses: i64,
    /// The account the doses leave; `None` for a release, whose doses come from outside.
    pub from: Option<AccountKey>,
    /// The account the doses enter.
    pub to: AccountKey,
    /// The reason the request gave, if any.
    pub reason: Option<String>,
}

/// One entry of the append-only journal; `sequence` counts from 1 without gaps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalEntry {
    /// The entry's place in the journal, counted from 1.
    pub sequence: u64,
    /// What the entry moved.
    pub posting: Posting,
}

/// Why a movement is refused. Each variant's name reads as the rule it enforces.
///
/// The rules are checked in this fixed order, so a request that breaks several gets the
/// first: [`plan`] checks 1 to 9 without looking at balances, [`Ledger::apply`] then checks
/// 10 and 11.
///
/// 1. `DosesMustBePositive`
/// 2. `DosesMustNotExceedMaximum`
/// 3. `RecipientRequiredForShip`, `RecipientOnlyAllowedForShip`
/// 4. `RecipientMustDifferFromHolder`
/// 5. `SourceStateOnlyAllowedForExpire`, `ExpireMustTakeFromAvailableOrReserved`
/// 6. `ReasonRequiredForWaste`
/// 7. `ReasonMustNotBeBlank`
/// 8. `ReasonMustNotExceedMaximumLength`
/// 9. `ReasonMustNotContainControlCharacters`
/// 10. `ReleasedMustNotExceedMaximum` (release only)
/// 11. `InsufficientBalance` (every other kind)
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rejection {
    /// The request moves zero doses or fewer.
    #[error("doses must be a positive number, but {doses} was given; move at least 1 dose")]
    DosesMustBePositive {
        /// The doses given.
        doses: i64,
    },
    /// The request moves more than [`DOSES_MAX`] doses at once.
    #[error(
        "doses must not exceed {maximum} in one movement, but {doses} was given; check the number or split the movement"
    )]
    DosesMustNotExceedMaximum {
        /// The doses given.
        doses: i64,
        /// The most doses one movement may move, [`DOSES_MAX`].
        maximum: i64,
    },
    /// A ship names no recipient.
    #[error(
        "a ship movement needs a recipient; give `to`, the code of the party receiving the doses"
    )]
    RecipientRequiredForShip,
    /// A movement other than ship names a recipient.
    #[error(
        "a movement of kind {kind} takes no recipient; only ship moves doses to another party, so leave `to` out"
    )]
    RecipientOnlyAllowedForShip {
        /// The movement's kind.
        kind: MovementKind,
    },
    /// A ship names its own holder as the recipient.
    #[error(
        "a shipment's recipient must differ from its holder, but both are {holder}; to move doses between your own accounts use reserve, unreserve or receive"
    )]
    RecipientMustDifferFromHolder {
        /// The party that is both holder and recipient.
        holder: PartyCode,
    },
    /// A movement other than expire names a source state.
    #[error(
        "a movement of kind {kind} takes no source state; only expire chooses between available and reserved, so leave `from_state` out"
    )]
    SourceStateOnlyAllowedForExpire {
        /// The movement's kind.
        kind: MovementKind,
    },
    /// An expire names a source state other than `available` or `reserved`.
    #[error(
        "expire takes doses from available or reserved, not from {from_state}; set `from_state` to available or reserved"
    )]
    ExpireMustTakeFromAvailableOrReserved {
        /// The source state given.
        from_state: AccountState,
    },
    /// A waste gives no reason.
    #[error(
        "a waste movement needs a reason; say why the doses were wasted, for example a cold-chain failure"
    )]
    ReasonRequiredForWaste,
    /// The reason is empty or white space only.
    #[error("a reason must not be blank; write why, or leave the reason out where it is optional")]
    ReasonMustNotBeBlank,
    /// The reason is longer than [`REASON_LENGTH_CHARS_MAX`] characters.
    #[error(
        "a reason must not exceed {maximum_chars} characters, but this one has {length_chars}; shorten it"
    )]
    ReasonMustNotExceedMaximumLength {
        /// The reason's length, in characters.
        length_chars: usize,
        /// The longest reason allowed, in characters.
        maximum_chars: usize,
    },
    /// Line breaks, tabs and NUL have no place in a one-line note, and PostgreSQL text
    /// refuses NUL outright: a store would fail where the rules said yes.
    #[error(
        "a reason must be plain text on one line, but it contains the control character {character:?}; remove it"
    )]
    ReasonMustNotContainControlCharacters {
        /// The first control character in the reason.
        character: char,
    },
    /// A release would take its lot's release total past [`DOSES_MAX`].
    #[error(
        "lot {lot} already has {released} doses released, and {requested} more would pass the maximum of {maximum} doses per lot; check the number"
    )]
    ReleasedMustNotExceedMaximum {
        /// The lot being released.
        lot: LotId,
        /// The doses the lot has released so far.
        released: i64,
        /// The doses this release adds.
        requested: i64,
        /// The most doses one lot may release, [`DOSES_MAX`].
        maximum: i64,
    },
    /// The source account holds fewer doses than the movement takes.
    #[error(
        "account {account} holds {balance} doses but {requested} were requested; move at most {balance} doses, or first bring more doses into that account"
    )]
    InsufficientBalance {
        /// The source account.
        account: AccountKey,
        /// The doses it holds.
        balance: i64,
        /// The doses the movement takes.
        requested: i64,
    },
}

impl Rejection {
    /// Every code, in the order the rules are checked; for API documentation and tests.
    pub const CODES: [&'static str; 13] = [
        "doses_must_be_positive",
        "doses_must_not_exceed_maximum",
        "recipient_required_for_ship",
        "recipient_only_allowed_for_ship",
        "recipient_must_differ_from_holder",
        "source_state_only_allowed_for_expire",
        "expire_must_take_from_available_or_reserved",
        "reason_required_for_waste",
        "reason_must_not_be_blank",
        "reason_must_not_exceed_maximum_length",
        "reason_must_not_contain_control_characters",
        "released_must_not_exceed_maximum",
        "insufficient_balance",
    ];

    /// A stable snake_case name for the API; never changes once published.
    pub fn code(&self) -> &'static str {
        match self {
            Rejection::DosesMustBePositive { .. } => "doses_must_be_positive",
            Rejection::DosesMustNotExceedMaximum { .. } => "doses_must_not_exceed_maximum",
            Rejection::RecipientRequiredForShip => "recipient_required_for_ship",
            Rejection::RecipientOnlyAllowedForShip { .. } => "recipient_only_allowed_for_ship",
            Rejection::RecipientMustDifferFromHolder { .. } => "recipient_must_differ_from_holder",
            Rejection::SourceStateOnlyAllowedForExpire { .. } => {
                "source_state_only_allowed_for_expire"
            }
            Rejection::ExpireMustTakeFromAvailableOrReserved { .. } => {
                "expire_must_take_from_available_or_reserved"
            }
            Rejection::ReasonRequiredForWaste => "reason_required_for_waste",
            Rejection::ReasonMustNotBeBlank => "reason_must_not_be_blank",
            Rejection::ReasonMustNotExceedMaximumLength { .. } => {
                "reason_must_not_exceed_maximum_length"
            }
            Rejection::ReasonMustNotContainControlCharacters { .. } => {
                "reason_must_not_contain_control_characters"
            }
            Rejection::ReleasedMustNotExceedMaximum { .. } => "released_must_not_exceed_maximum",
            Rejection::InsufficientBalance { .. } => "insufficient_balance",
        }
    }
}

/// Checks rules 1 to 9 of [`Rejection`] and says which accounts the movement connects.
/// Looks at no balance: whether the source holds enough is [`Ledger::apply`]'s (or a
/// store's) business.
pub fn plan(request: &MovementRequest) -> Result<Posting, Rejection> {
    let kind = request.kind;
    if request.doses <= 0 {
        return Err(Rejection::DosesMustBePositive {
            doses: request.doses,
        });
    }
    if request.doses > DOSES_MAX {
        return Err(Rejection::DosesMustNotExceedMaximum {
            doses: request.doses,
            maximum: DOSES_MAX,
        });
    }
    match (kind, &request.to) {
        (MovementKind::Ship, None) => return Err(Rejection::RecipientRequiredForShip),
        (MovementKind::Ship, Some(recipient)) if *recipient == request.actor => {
            return Err(Rejection::RecipientMustDifferFromHolder {
                holder: request.actor.clone(),
            });
        }
        (MovementKind::Ship, Some(_)) | (_, None) => {}
        (_, Some(_)) => return Err(Rejection::RecipientOnlyAllowedForShip { kind }),
    }
    let expire_from_state = match (kind, request.from_state) {
        (MovementKind::Expire, None | Some(AccountState::Available)) => AccountState::Available,
        (MovementKind::Expire, Some(AccountState::Reserved)) => AccountState::Reserved,
        (MovementKind::Expire, Some(from_state)) => {
            return Err(Rejection::ExpireMustTakeFromAvailableOrReserved { from_state });
        }
        (_, Some(_)) => return Err(Rejection::SourceStateOnlyAllowedForExpire { kind }),
        // Not used for other kinds; any value would do.
        (_, None) => AccountState::Available,
    };
    match &request.reason {
        None if kind == MovementKind::Waste => return Err(Rejection::ReasonRequiredForWaste),
        None => {}
        Some(reason) if reason.trim().is_empty() => return Err(Rejection::ReasonMustNotBeBlank),
        Some(reason) => {
            let length_chars = reason.chars().count();
            if length_chars > REASON_LENGTH_CHARS_MAX {
                return Err(Rejection::ReasonMustNotExceedMaximumLength {
                    length_chars,
                    maximum_chars: REASON_LENGTH_CHARS_MAX,
                });
            }
            if let Some(character) = reason.chars().find(|character| character.is_control()) {
                return Err(Rejection::ReasonMustNotContainControlCharacters { character });
            }
        }
    }

    let account = |holder: &PartyCode, state: AccountState| AccountKey {
        holder: holder.clone(),
        lot: request.lot,
        state,
    };
    let actor = &request.actor;
    let (from, to) = match kind {
        MovementKind::Release => (None, account(actor, AccountState::Available)),
        MovementKind::Reserve => (
            Some(account(actor, AccountState::Available)),
            account(actor, AccountState::Reserved),
        ),
        MovementKind::Unreserve => (
            Some(account(actor, AccountState::Reserved)),
            account(actor, AccountState::Available),
        ),
        MovementKind::Ship => {
            let recipient = request
                .to
                .as_ref()
                .expect("a ship without a recipient was refused above");
            (
                Some(account(actor, AccountState::Reserved)),
                account(recipient, AccountState::InTransit),
            )
        }
        MovementKind::Receive => (
            Some(account(actor, AccountState::InTransit)),
            account(actor, AccountState::Available),
        ),
        MovementKind::Administer => (
            Some(account(actor, AccountState::Available)),
            account(actor, AccountState::Administered),
        ),
        MovementKind::Expire => (
            Some(account(actor, expire_from_state)),
            account(actor, AccountState::Expired),
        ),
        MovementKind::Waste => (
            Some(account(actor, AccountState::Available)),
            account(actor, AccountState::Wasted),
        ),
    };
    Ok(Posting {
        kind,
        lot: request.lot,
        doses: request.doses,
        from,
        to,
        reason: request.reason.clone(),
    })
}

/// The in-memory reference model of the ledger: balances, doses released per lot and the
/// journal. Stores must behave exactly like it; property tests use it as their oracle.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ledger {
    /// Only non-zero balances are kept, so two ledgers with equal balances compare equal.
    balances: BTreeMap<AccountKey, i64>,
    released: BTreeMap<LotId, i64>,
    journal: Vec<JournalEntry>,
}

impl Ledger {
    /// An empty ledger: no lot released, no balance, no journal entry.
    pub fn new() -> Ledger {
        Ledger::default()
    }

    /// Checks every rule of [`Rejection`] in order, then posts the movement as a whole.
    /// A refused movement changes nothing.
    pub fn apply(&mut self, request: &MovementRequest) -> Result<JournalEntry, Rejection> {
        let posting = plan(request)?;
        let doses = posting.doses;
        match &posting.from {
            None => {
                let released = self.released(posting.lot);
                let within_maximum = released
                    .checked_add(doses)
                    .is_some_and(|total| total <= DOSES_MAX);
                if !within_maximum {
                    return Err(Rejection::ReleasedMustNotExceedMaximum {
                        lot: posting.lot,
                        released,
                        requested: doses,
                        maximum: DOSES_MAX,
                    });
                }
            }
            Some(from) => {
                let balance = self.balance(from);
                if balance < doses {
                    return Err(Rejection::InsufficientBalance {
                        account: from.clone(),
                        balance,
                        requested: doses,
                    });
                }
            }
        }

        // Every check is done: from here on nothing can fail, so the posting is atomic.
        match &posting.from {
            None => {
                let released = self.released.entry(posting.lot).or_insert(0);
                *released = released
                    .checked_add(doses)
                    .expect("a lot's release total was checked against DOSES_MAX");
            }
            Some(from) => {
                let balance = self.balance(from);
                let remaining = balance
                    .checked_sub(doses)
                    .expect("the balance was checked to cover the doses");
                assert!(remaining >= 0, "a balance must never go negative");
                self.set_balance(from, remaining);
            }
        }
        let credited = self.balance(&posting.to).checked_add(doses).expect(
            "an account never holds more than its lot released, which is at most DOSES_MAX",
        );
        self.set_balance(&posting.to, credited);

        let sequence = u64::try_from(self.journal.len())
            .expect("the journal is shorter than u64::MAX")
            .checked_add(1)
            .expect("the journal is shorter than u64::MAX");
        let entry = JournalEntry { sequence, posting };
        self.journal.push(entry.clone());
        Ok(entry)
    }

    fn set_balance(&mut self, account: &AccountKey, balance: i64) {
        if balance == 0 {
            self.balances.remove(account);
        } else {
            self.balances.insert(account.clone(), balance);
        }
    }

    /// The doses in `account`; 0 for an account never used.
    pub fn balance(&self, account: &AccountKey) -> i64 {
        self.balances.get(account).copied().unwrap_or(0)
    }

    /// Every non-zero balance, sorted by account (holder, then lot, then state).
    pub fn balances(&self) -> impl Iterator<Item = (&AccountKey, i64)> + '_ {
        self.balances
            .iter()
            .map(|(account, balance)| (account, *balance))
    }

    /// The doses released into the ledger for `lot` so far; 0 for an unknown lot.
    pub fn released(&self, lot: LotId) -> i64 {
        self.released.get(&lot).copied().unwrap_or(0)
    }

    /// Every lot with doses released, sorted by lot, with its release total.
    pub fn released_lots(&self) -> impl Iterator<Item = (LotId, i64)> + '_ {
        self.released
            .iter()
            .map(|(lot, released)| (*lot, *released))
    }

    /// Every accepted movement, oldest first.
    pub fn journal(&self) -> &[JournalEntry] {
        &self.journal
    }

    /// [`verify`] on this ledger's own state: always empty unless the model has a bug.
    pub fn verify(&self) -> Vec<Violation> {
        let postings: Vec<Posting> = self
            .journal
            .iter()
            .map(|entry| entry.posting.clone())
            .collect();
        verify(&self.released, &self.balances, &postings)
    }
}

/// A broken invariant found by [`verify`]. Each names the lot (and account) at fault with
/// the numbers that disagree. Sums are `i128` because the data comes from outside and may
/// be arbitrarily wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Violation {
    /// A stored balance is below zero.
    #[error("account {account} holds {balance} doses; no balance may be negative")]
    NegativeBalance {
        /// The account.
        account: AccountKey,
        /// Its stored balance, in doses.
        balance: i64,
    },
    /// A lot's stored balances do not sum to the doses it released.
    #[error("lot {lot}: accounts hold {held} doses but {released} were released")]
    LotNotConserved {
        /// The lot.
        lot: LotId,
        /// The sum of its stored balances, in doses.
        held: i128,
        /// The doses recorded as released for it.
        released: i64,
    },
    /// A journal entry is one that [`plan`] refuses.
    #[error("journal entry {sequence} ({kind} of lot {lot}) breaks a movement rule: {rejection}")]
    PostingBreaksRule {
        /// The entry's place in the journal, counted from 1.
        sequence: u64,
        /// The entry's movement kind.
        kind: MovementKind,
        /// The entry's lot.
        lot: LotId,
        /// The rule the entry breaks.
        rejection: Rejection,
    },
    /// A journal entry connects other accounts than [`plan`] gives its movement kind.
    #[error(
        "journal entry {sequence} ({kind} of lot {lot}) moves doses between accounts that movements of kind {kind} do not connect"
    )]
    PostingDoesNotMatchKind {
        /// The entry's place in the journal, counted from 1.
        sequence: u64,
        /// The entry's movement kind.
        kind: MovementKind,
        /// The entry's lot.
        lot: LotId,
    },
    /// Replaying the journal from empty takes an account below zero.
    #[error(
        "journal entry {sequence} takes account {account} to {balance} doses; replaying the journal must never go negative"
    )]
    ReplayWentNegative {
        /// The entry that does it, counted from 1.
        sequence: u64,
        /// The account it takes below zero.
        account: AccountKey,
        /// The account's replayed balance after that entry, in doses.
        balance: i128,
    },
    /// An account's stored balance differs from the one replaying the journal gives.
    #[error(
        "account {account}: the stored balance is {stored} doses but replaying the journal gives {replayed}"
    )]
    BalanceDiffersFromJournal {
        /// The account.
        account: AccountKey,
        /// The stored balance, in doses.
        stored: i64,
        /// The balance the replay gives, in doses.
        replayed: i128,
    },
    /// A lot's recorded release total differs from the doses the journal's releases bring in.
    #[error(
        "lot {lot}: {released} doses are recorded as released but the journal's releases total {journal_released}"
    )]
    ReleasedDiffersFromJournal {
        /// The lot.
        lot: LotId,
        /// The doses recorded as released.
        released: i64,
        /// The doses the journal brings in from outside (postings without a source account).
        journal_released: i128,
    },
}

impl Violation {
    /// The lot whose doses are in question.
    pub fn lot(&self) -> LotId {
        match self {
            Violation::NegativeBalance { account, .. }
            | Violation::ReplayWentNegative { account, .. }
            | Violation::BalanceDiffersFromJournal { account, .. } => account.lot,
            Violation::LotNotConserved { lot, .. }
            | Violation::PostingBreaksRule { lot, .. }
            | Violation::PostingDoesNotMatchKind { lot, .. }
            | Violation::ReleasedDiffersFromJournal { lot, .. } => *lot,
        }
    }
}

/// Checks the spec's invariants on data read back from a store, and reports every
/// violation, in this order:
///
/// 1. no stored balance is negative (by account);
/// 2. per lot, the stored balances sum to the doses released (by lot);
/// 3. every journal posting follows the movement rules, and replaying the journal from
///    empty never takes an account below zero (by sequence, counted from 1);
/// 4. the balances the replay gives equal the stored balances, each differing account
///    reported (by account);
/// 5. per lot, the doses recorded as released equal the doses the journal brings in from
///    outside (postings without a source account, which only a well-formed release has;
///    a malformed one is also reported by check 3) (by lot).
///
/// An empty result means the data is consistent. Accounts absent from `balances` hold 0.
pub fn verify(
    released: &BTreeMap<LotId, i64>,
    balances: &BTreeMap<AccountKey, i64>,
    journal: &[Posting],
) -> Vec<Violation> {
    let mut violations = Vec::new();

    for (account, balance) in balances {
        if *balance < 0 {
            violations.push(Violation::NegativeBalance {
                account: account.clone(),
                balance: *balance,
            });
        }
    }

    let mut held_by_lot: BTreeMap<LotId, i128> = BTreeMap::new();
    for (account, balance) in balances {
        *held_by_lot.entry(account.lot).or_insert(0) += i128::from(*balance);
    }
    let mut lots: Vec<LotId> = held_by_lot.keys().chain(released.keys()).copied().collect();
    lots.sort();
    lots.dedup();
    for lot in lots {
        let held = held_by_lot.get(&lot).copied().unwrap_or(0);
        let lot_released = released.get(&lot).copied().unwrap_or(0);
        if held != i128::from(lot_released) {
            violations.push(Violation::LotNotConserved {
                lot,
                held,
                released: lot_released,
            });
        }
    }

    // i128 cannot overflow here: the journal would need 2^64 postings of i64::MAX doses.
    let mut replayed: BTreeMap<AccountKey, i128> = BTreeMap::new();
    let mut journal_released: BTreeMap<LotId, i128> = BTreeMap::new();
    for (index, posting) in journal.iter().enumerate() {
        let sequence = u64::try_from(index).expect("a slice is shorter than u64::MAX") + 1;
        check_posting(sequence, posting, &mut violations);
        let doses = i128::from(posting.doses);
        match &posting.from {
            None => *journal_released.entry(posting.lot).or_insert(0) += doses,
            Some(from) => {
                let balance = replayed.entry(from.clone()).or_insert(0);
                *balance -= doses;
                if *balance < 0 {
                    violations.push(Violation::ReplayWentNegative {
                        sequence,
                        account: from.clone(),
                        balance: *balance,
                    });
                }
            }
        }
        *replayed.entry(posting.to.clone()).or_insert(0) += doses;
    }

    let mut accounts: Vec<&AccountKey> = replayed.keys().chain(balances.keys()).collect();
    accounts.sort();
    accounts.dedup();
    for account in accounts {
        let stored = balances.get(account).copied().unwrap_or(0);
        let replayed = replayed.get(account).copied().unwrap_or(0);
        if i128::from(stored) != replayed {
            violations.push(Violation::BalanceDiffersFromJournal {
                account: account.clone(),
                stored,
                replayed,
            });
        }
    }

    let mut lots: Vec<LotId> = journal_released
        .keys()
        .chain(released.keys())
        .copied()
        .collect();
    lots.sort();
    lots.dedup();
    for lot in lots {
        let lot_released = released.get(&lot).copied().unwrap_or(0);
        let from_journal = journal_released.get(&lot).copied().unwrap_or(0);
        if i128::from(lot_released) != from_journal {
            violations.push(Violation::ReleasedDiffersFromJournal {
                lot,
                released: lot_released,
                journal_released: from_journal,
            });
        }
    }

    violations
}

/// A stored posting must be exactly what [`plan`] makes of the request it stands for.
fn check_posting(sequence: u64, posting: &Posting, violations: &mut Vec<Violation>) {
    let kind = posting.kind;
    // A release's actor is the manufacturer it credits; every other kind's is the holder it debits.
    let actor = match &posting.from {
        Some(from) if kind != MovementKind::Release => from.holder.clone(),
        _ => posting.to.holder.clone(),
    };
    let request = MovementRequest {
        kind,
        lot: posting.lot,
        doses: posting.doses,
        actor,
        to: (kind == MovementKind::Ship).then(|| posting.to.holder.clone()),
        from_state: match (kind, &posting.from) {
            (MovementKind::Expire, Some(from)) => Some(from.state),
            _ => None,
        },
        reason: posting.reason.clone(),
    };
    match plan(&request) {
        Err(rejection) => violations.push(Violation::PostingBreaksRule {
            sequence,
            kind,
            lot: posting.lot,
            rejection,
        }),
        Ok(planned) if planned != *posting => violations.push(Violation::PostingDoesNotMatchKind {
            sequence,
            kind,
            lot: posting.lot,
        }),
        Ok(_) => {}
    }
}
