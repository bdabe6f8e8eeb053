//! Who may do what to which object: the platform's one authorization policy.
//!
//! Every use case asks [`may`] before it acts, and [`lot_view`] before it shows a lot, its
//! balances or its journal; nothing else in the codebase decides access. The rules are a
//! table ([`may`]'s `match`), tested as one in this crate (`tests/access.rs`), so that a
//! change of a rule is a change of one line and of one expected cell.
//!
//! Two kinds of "no": [`Denied`] for what the actor can see but whose role or party kind may
//! not do (answered 403), and invisibility ([`LotView::Hidden`]) for objects outside the
//! actor's reach (answered 404, so their existence does not leak).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::audit::ObjectKind;
use crate::cooperation::shipment::{ShipmentAction, Side};
use crate::ledger::{MovementKind, PartyCode};
use crate::party::{PartyKind, Role};

/// The id of a user, as assigned by the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UserId(pub i64);

impl fmt::Display for UserId {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(formatter)
    }
}

/// The id of a bearer token, as assigned by the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TokenId(pub i64);

impl fmt::Display for TokenId {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(formatter)
    }
}

/// Who acts: a signed-in user of a party.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// The user.
    pub user: UserId,
    /// The party they belong to.
    pub party: PartyCode,
    /// That party's kind.
    pub party_kind: PartyKind,
    /// Their role in it.
    pub role: Role,
}

/// What an actor may ask to do. Objects' owners are given where the rule depends on them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Create a product of the actor's manufacturer.
    CreateProduct,
    /// Register a lot of the actor's manufacturer (and release its doses).
    RegisterLot,
    /// Move doses out of the actor's own accounts.
    Move(MovementKind),
    /// Create a party.
    CreateParty,
    /// Create a user.
    CreateUser,
    /// Disable or enable a user.
    DisableUser,
    /// Issue a bearer token acting as oneself.
    IssueToken,
    /// Revoke a token of the given user.
    RevokeToken {
        /// The token's user.
        owner: UserId,
    },
    /// List the tokens of the given user.
    ListTokens {
        /// The tokens' user.
        owner: UserId,
    },
    /// Read the audit trail (each event is then filtered by [`sees_event`]).
    ReadAudit,
    /// Read the whole journal, every lot at once.
    ReadWholeJournal,
    /// Ask for doses, as a country.
    CreateRequest,
    /// Withdraw a request of the given country.
    WithdrawRequest {
        /// The requesting country.
        country: PartyCode,
    },
    /// Pledge doses, as any party.
    CreatePledge,
    /// Withdraw a pledge of the given donor.
    WithdrawPledge {
        /// The pledging party.
        donor: PartyCode,
    },
    /// Plan a shipment of the actor's own doses (it reserves them).
    PlanShipment,
    /// Open an allocation round, as an organization.
    CreateRound,
    /// Change or compute a round of the given organization.
    EditRound {
        /// The round's organization.
        organization: PartyCode,
    },
    /// Answer a round's share for the given country.
    RespondToShare {
        /// The share's country.
        country: PartyCode,
    },
    /// Propose the actor's own doses at risk of expiring to an organization's round.
    ProposeRedistribution,
    /// State a month's capacity of one of the actor's products, as a manufacturer.
    SetCapacity,
    /// Offer doses of one of the actor's products, as a manufacturer.
    CreateOffer,
    /// Accept an offer made to `to` (`None`: open to every country and organization).
    AcceptOffer {
        /// The party the offer is made to, if one.
        to: Option<PartyCode>,
    },
    /// Decline an offer made to `to`.
    DeclineOffer {
        /// The party the offer is made to, if one.
        to: Option<PartyCode>,
    },
    /// Withdraw an offer of the given manufacturer.
    WithdrawOffer {
        /// The offering manufacturer.
        manufacturer: PartyCode,
    },
    /// Propose an agreement between two parties.
    CreateAgreement {
        /// Who supplies the doses.
        supplier: PartyCode,
        /// Who receives them.
        recipient: PartyCode,
    },
    /// Sign an agreement that `proposed_by` proposed between its two parties.
    SignAgreement {
        /// Who supplies the doses.
        supplier: PartyCode,
        /// Who receives them.
        recipient: PartyCode,
        /// The party that proposed it (and so does not sign it).
        proposed_by: PartyCode,
    },
    /// Cancel an agreement between two parties.
    CancelAgreement {
        /// Who supplies the doses.
        supplier: PartyCode,
        /// Who receives them.
        recipient: PartyCode,
    },
    /// Propose, or move to its next stage, a partnership between a manufacturer and a
    /// partner.
    ActOnPartnership {
        /// The manufacturer.
        manufacturer: PartyCode,
        /// Its partner.
        partner: PartyCode,
    },
    /// Record a forum meeting, as an organization.
    CreateMeeting,
    /// Link a commitment to a meeting of the given organization.
    LinkOutcome {
        /// The organization that recorded the meeting.
        organization: PartyCode,
    },
    /// Dispatch, confirm or cancel a shipment between two parties.
    ActOnShipment {
        /// The action.
        action: ShipmentAction,
        /// The holder the doses leave.
        from: PartyCode,
        /// The recipient.
        to: PartyCode,
    },
    /// Open a thread, as any party (the actor's party is always in it).
    CreateThread,
    /// Write in a thread the actor's party is in (reading it is [`sees_thread`]'s).
    PostMessage,
    /// Register or delete a webhook of the actor's own party (one outside it is not found).
    ManageWebhooks,
}

/// Why the policy refuses an action the actor can see.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Denied {
    /// Viewers read; they never act.
    #[error("a viewer reads what the party may read and cannot act for it")]
    ViewerCannotAct,
    /// Administrators run the platform and never act for a party.
    #[error(
        "an administrator runs the platform and does not act for a party; sign in as an official"
    )]
    AdministratorDoesNotAct,
    /// The action belongs to another kind of party.
    #[error("only an official of a {needed} may do this")]
    PartyKindMayNot {
        /// The kind of party whose officials may.
        needed: PartyKind,
    },
    /// Administration reports are a country's.
    #[error("only a country reports administered doses; this party may move, but not administer")]
    OnlyCountriesAdminister,
    /// Only administrators manage parties and users.
    #[error("only an administrator may do this")]
    AdministratorsOnly,
    /// A user manages only their own tokens (administrators anyone's).
    #[error("a user revokes and lists only their own tokens; an administrator anyone's")]
    NotYourToken,
    /// The whole journal is for overseers.
    #[error("only organizations read the whole journal; give a lot")]
    OrganizationsOnly,
    /// The action belongs to one party of the object.
    #[error("only {who} may do this")]
    OnlyThem {
        /// Who may, in words (`the shipment's recipient`).
        who: &'static str,
    },
}

fn official(actor: &Actor) -> Result<(), Denied> {
    match actor.role {
        Role::Official => Ok(()),
        Role::Viewer => Err(Denied::ViewerCannotAct),
        Role::Admin => Err(Denied::AdministratorDoesNotAct),
    }
}

fn official_of(actor: &Actor, needed: PartyKind) -> Result<(), Denied> {
    official(actor)?;
    if actor.party_kind == needed {
        Ok(())
    } else {
        Err(Denied::PartyKindMayNot { needed })
    }
}

fn admin(actor: &Actor) -> Result<(), Denied> {
    if actor.role == Role::Admin {
        Ok(())
    } else {
        Err(Denied::AdministratorsOnly)
    }
}

/// Whether `actor` may attempt `action`. Whether the object exists and is within reach is
/// decided by the `*_view` and `sees_*` functions below, before this is asked.
pub fn may(actor: &Actor, action: &Action) -> Result<(), Denied> {
    match action {
        Action::CreateProduct | Action::RegisterLot => official_of(actor, PartyKind::Manufacturer),
        Action::Move(MovementKind::Administer) => {
            official(actor)?;
            if actor.party_kind == PartyKind::Country {
                Ok(())
            } else {
                Err(Denied::OnlyCountriesAdminister)
            }
        }
        Action::Move(_) => official(actor),
        Action::CreateParty | Action::CreateUser | Action::DisableUser => admin(actor),
        Action::IssueToken => Ok(()),
        Action::RevokeToken { owner } | Action::ListTokens { owner } => {
            if *owner == actor.user || actor.role == Role::Admin {
                Ok(())
            } else {
                Err(Denied::NotYourToken)
            }
        }
        Action::ReadAudit => Ok(()),
        Action::ReadWholeJournal => {
            if oversees_all(actor) {
                Ok(())
            } else {
                Err(Denied::OrganizationsOnly)
            }
        }
        Action::CreateRequest => official_of(actor, PartyKind::Country),
        Action::WithdrawRequest { country } => {
            official(actor)?;
            only(actor, country, "the requesting country")
        }
        Action::CreatePledge
        | Action::PlanShipment
        | Action::ProposeRedistribution
        | Action::CreateThread
        | Action::PostMessage => official(actor),
        Action::CreateRound => official_of(actor, PartyKind::Organization),
        Action::EditRound { organization } => {
            official(actor)?;
            only(actor, organization, "the round's organization")
        }
        Action::RespondToShare { country } => {
            official(actor)?;
            only(actor, country, "the share's country")
        }
        Action::WithdrawPledge { donor } => {
            official(actor)?;
            only(actor, donor, "the donor")
        }
        Action::SetCapacity | Action::CreateOffer => official_of(actor, PartyKind::Manufacturer),
        Action::AcceptOffer { to } => {
            official(actor)?;
            if !matches!(
                actor.party_kind,
                PartyKind::Country | PartyKind::Organization
            ) {
                return Err(Denied::OnlyThem {
                    who: "a country's or an organization's official",
                });
            }
            match to {
                Some(to) => only(actor, to, "the party the offer is made to"),
                None => Ok(()),
            }
        }
        Action::DeclineOffer { to } => {
            official(actor)?;
            match to {
                Some(to) => only(actor, to, "the party the offer is made to"),
                None => Err(Denied::OnlyThem {
                    who: "the party an offer is made to (an offer open to all is accepted or left)",
                }),
            }
        }
        Action::WithdrawOffer { manufacturer } => {
            official(actor)?;
            only(actor, manufacturer, "the offering manufacturer")
        }
        Action::CreateAgreement {
            supplier,
            recipient,
        }
        | Action::CancelAgreement {
            supplier,
            recipient,
        } => {
            official(actor)?;
            either(
                actor,
                supplier,
                recipient,
                "one of the agreement's two parties",
            )
        }
        Action::SignAgreement {
            supplier,
            recipient,
            proposed_by,
        } => {
            official(actor)?;
            either(
                actor,
                supplier,
                recipient,
                "one of the agreement's two parties",
            )?;
            if actor.party == *proposed_by {
                Err(Denied::OnlyThem {
                    who: "the party that did not propose the agreement",
                })
            } else {
                Ok(())
            }
        }
        Action::ActOnPartnership {
            manufacturer,
            partner,
        } => {
            official(actor)?;
            either(
                actor,
                manufacturer,
                partner,
                "the partnership's manufacturer or partner",
            )
        }
        Action::CreateMeeting => official_of(actor, PartyKind::Organization),
        Action::LinkOutcome { organization } => {
            official(actor)?;
            only(
                actor,
                organization,
                "the organization that recorded the meeting",
            )
        }
        Action::ManageWebhooks => official(actor),
        Action::ActOnShipment { action, from, to } => {
            official(actor)?;
            match action.side() {
                Side::Holder => only(actor, from, "the shipment's holder"),
                Side::Recipient => only(actor, to, "the shipment's recipient"),
            }
        }
    }
}

fn only(actor: &Actor, party: &PartyCode, who: &'static str) -> Result<(), Denied> {
    if actor.party == *party {
        Ok(())
    } else {
        Err(Denied::OnlyThem { who })
    }
}

fn either(
    actor: &Actor,
    one: &PartyCode,
    other: &PartyCode,
    who: &'static str,
) -> Result<(), Denied> {
    if actor.party == *one || actor.party == *other {
        Ok(())
    } else {
        Err(Denied::OnlyThem { who })
    }
}

/// Whether `actor` may read an offer of `manufacturer` made to `to` (`None`: open to every
/// country and organization): the manufacturer, the party it is made to, organizations,
/// and, for an open offer, every country.
pub fn sees_offer(actor: &Actor, manufacturer: &PartyCode, to: Option<&PartyCode>) -> bool {
    oversees_all(actor)
        || actor.party == *manufacturer
        || match to {
            Some(to) => actor.party == *to,
            None => actor.party_kind == PartyKind::Country,
        }
}

/// Whether `actor` may read an agreement between `supplier` and `recipient`: the two
/// parties and organizations.
pub fn sees_agreement(actor: &Actor, supplier: &PartyCode, recipient: &PartyCode) -> bool {
    oversees_all(actor) || actor.party == *supplier || actor.party == *recipient
}

/// Whether `actor` may read a request of `country`: the country and organizations.
pub fn sees_request(actor: &Actor, country: &PartyCode) -> bool {
    oversees_all(actor) || actor.party == *country
}

/// Whether `actor` may read a shipment from `from` to `to`: the two parties and
/// organizations.
pub fn sees_shipment(actor: &Actor, from: &PartyCode, to: &PartyCode) -> bool {
    oversees_all(actor) || actor.party == *from || actor.party == *to
}

/// Whether `actor` may read a webhook of `party` and its deliveries: that party's users
/// only (`cooperation.md`: a party's programs are its own; no exception for organizations).
pub fn sees_webhook(actor: &Actor, party: &PartyCode) -> bool {
    actor.party == *party
}

/// Organizations oversee everything (`platform.md`: "oversight of everything").
pub fn oversees_all(actor: &Actor) -> bool {
    actor.party_kind == PartyKind::Organization
}

/// How much of a lot an actor sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LotView {
    /// Every balance and movement: the lot's manufacturer (for recalls) and organizations.
    Full,
    /// A party that holds or held doses of it: its own balances and the movements into or
    /// out of its own accounts, and, while it holds doses, the lot's totals by state.
    Holder {
        /// Whether it holds doses now (in any state), and so sees the totals.
        holds_doses: bool,
    },
    /// Nothing: the lot answers 404.
    Hidden,
}

/// What `actor` sees of a lot made by `manufacturer`, given the actor's own balances of it
/// (`None` when it never had an account of the lot; `Some(doses)` summed over its states).
pub fn lot_view(actor: &Actor, manufacturer: &PartyCode, own_doses: Option<i64>) -> LotView {
    if oversees_all(actor) || actor.party == *manufacturer {
        LotView::Full
    } else {
        match own_doses {
            Some(doses) => LotView::Holder {
                holds_doses: doses > 0,
            },
            None => LotView::Hidden,
        }
    }
}

/// Kinds of object that are their parties' own: their events are read by the parties
/// concerned only, organizations included (`cooperation.md`, "Who sees what": threads and
/// messages, "no exception for organizations or admins").
pub const PRIVATE_OBJECT_KINDS: [ObjectKind; 2] = [ObjectKind::Thread, ObjectKind::Message];

/// Whether `actor` may read an audit event about an object of `kind` concerning `parties`:
/// the parties concerned, and organizations but for the [`PRIVATE_OBJECT_KINDS`]
/// (`cooperation.md`, "Who sees what").
pub fn sees_event(actor: &Actor, kind: ObjectKind, parties: &[PartyCode]) -> bool {
    parties.contains(&actor.party) || (oversees_all(actor) && !PRIVATE_OBJECT_KINDS.contains(&kind))
}

/// Which events of the trail an actor reads, in the form a query of the whole trail takes:
/// [`sees_event`]'s rule, for every event at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventReach {
    /// The events that concern this party.
    Concerning(PartyCode),
    /// Every event, except those about the [`PRIVATE_OBJECT_KINDS`] that do not concern
    /// this party.
    AllButOthersPrivate(PartyCode),
}

/// Which events `actor` reads (see [`sees_event`]).
pub fn event_reach(actor: &Actor) -> EventReach {
    if oversees_all(actor) {
        EventReach::AllButOthersPrivate(actor.party.clone())
    } else {
        EventReach::Concerning(actor.party.clone())
    }
}

/// Whether `actor` may read a thread among `parties`, and its messages: its parties only,
/// with no exception for organizations or administrators (`cooperation.md`).
pub fn sees_thread(actor: &Actor, parties: &[PartyCode]) -> bool {
    parties.contains(&actor.party)
}

/// Whether `actor` may read a round of `organization` whose pool and requests involve
/// `parties`: while a draft, its organization and those parties (`cooperation.md`: not
/// every organization); once published, anyone.
pub fn sees_round(
    actor: Option<&Actor>,
    organization: &PartyCode,
    parties: &[PartyCode],
    published: bool,
) -> bool {
    published
        || actor.is_some_and(|actor| actor.party == *organization || parties.contains(&actor.party))
}
