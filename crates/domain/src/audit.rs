//! The audit trail's vocabulary: which object an event is about, and what happened to it.
//!
//! Events are written by the use cases in the transaction of the change they record, and
//! never changed afterwards (the store refuses UPDATE and DELETE, as for the journal).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::ledger::PartyCode;

named_enum!(
    /// The kinds of object the trail records.
    ObjectKind, "a kind of object", {
        /// A lot (by id).
        Lot => "lot",
        /// A product (by code).
        Product => "product",
        /// A journal entry (by id).
        Movement => "movement",
        /// A party (by code).
        Party => "party",
        /// A user (by id).
        User => "user",
        /// A bearer token (by id).
        Token => "token",
        /// A request for doses (by id).
        Request => "request",
        /// A pledge (by id).
        Pledge => "pledge",
        /// A shipment (by id).
        Shipment => "shipment",
        /// An allocation round (by id).
        Round => "round",
        /// A conversation among parties (by id).
        Thread => "thread",
        /// A message in a thread (by id).
        Message => "message",
        /// A manufacturer's monthly capacity of a product (by id).
        Capacity => "capacity",
        /// A manufacturer's offer of doses (by id).
        Offer => "offer",
        /// A supply or donation agreement (by id).
        Agreement => "agreement",
        /// A local-production partnership (by id).
        Partnership => "partnership",
        /// A forum meeting (by id).
        Meeting => "meeting",
        /// A party's webhook (by id).
        Webhook => "webhook",
    }
);

named_enum!(
    /// What happened.
    AuditAction, "an audit action", {
        /// A product was created.
        ProductCreated => "product.created",
        /// A lot was registered and its doses released.
        LotRegistered => "lot.registered",
        /// Doses moved (the movement's kind is in the detail).
        MovementRecorded => "movement.recorded",
        /// A party was created.
        PartyCreated => "party.created",
        /// A user was created.
        UserCreated => "user.created",
        /// A user was disabled.
        UserDisabled => "user.disabled",
        /// A user was enabled again.
        UserEnabled => "user.enabled",
        /// A bearer token was issued.
        TokenIssued => "token.issued",
        /// A bearer token was revoked.
        TokenRevoked => "token.revoked",
        /// Someone failed to sign in as this user.
        SignInFailed => "sign_in.failed",
        /// A country asked for doses.
        RequestCreated => "request.created",
        /// The country withdrew its request.
        RequestWithdrawn => "request.withdrawn",
        /// The doses delivered reached the request.
        RequestFulfilled => "request.fulfilled",
        /// A party pledged doses.
        PledgeCreated => "pledge.created",
        /// The donor withdrew its pledge.
        PledgeWithdrawn => "pledge.withdrawn",
        /// The doses delivered reached the pledge.
        PledgeFulfilled => "pledge.fulfilled",
        /// A shipment was planned and its doses reserved.
        ShipmentPlanned => "shipment.planned",
        /// The holder dispatched it.
        ShipmentDispatched => "shipment.dispatched",
        /// The recipient confirmed it.
        ShipmentDelivered => "shipment.delivered",
        /// The holder cancelled it before dispatch.
        ShipmentCancelled => "shipment.cancelled",
        /// An organization opened a round.
        RoundCreated => "round.created",
        /// The round's lots, requests, date or target changed.
        RoundChanged => "round.changed",
        /// The engine computed the round's proposal.
        RoundComputed => "round.computed",
        /// The round was published: every share reserved at its holders.
        RoundPublished => "round.published",
        /// A country answered its share.
        RoundResponse => "round.response",
        /// The round was closed: unanswered shares declined.
        RoundClosed => "round.closed",
        /// A holder proposed doses at risk of expiring to an organization's round.
        ExpiryProposed => "expiry.proposed",
        /// A party opened a thread.
        ThreadCreated => "thread.created",
        /// A party wrote in a thread.
        MessageCreated => "message.created",
        /// A manufacturer stated its capacity of a product for a month.
        CapacitySet => "capacity.set",
        /// A manufacturer offered doses.
        OfferCreated => "offer.created",
        /// A country or organization accepted an offer (an agreement is signed).
        OfferAccepted => "offer.accepted",
        /// The party an offer was made to declined it.
        OfferDeclined => "offer.declined",
        /// The manufacturer withdrew its offer.
        OfferWithdrawn => "offer.withdrawn",
        /// A party proposed an agreement.
        AgreementProposed => "agreement.proposed",
        /// An agreement was signed by its other party (or by accepting an offer).
        AgreementSigned => "agreement.signed",
        /// A party cancelled an agreement before any shipment.
        AgreementCancelled => "agreement.cancelled",
        /// Delivered shipments reached the agreement's doses.
        AgreementCompleted => "agreement.completed",
        /// A partnership for local production was proposed.
        PartnershipProposed => "partnership.proposed",
        /// A partnership moved to another stage.
        PartnershipStage => "partnership.stage",
        /// An organization recorded a forum meeting.
        MeetingCreated => "meeting.created",
        /// A commitment was linked to a meeting as one of its outcomes.
        MeetingOutcomeLinked => "meeting.outcome_linked",
        /// A party registered a webhook.
        WebhookCreated => "webhook.created",
        /// A party removed a webhook.
        WebhookDeleted => "webhook.deleted",
    }
);

impl AuditAction {
    /// Whether the event notifies the users of the parties it concerns (`cooperation.md`,
    /// "Notifications"), but the actor's party: the acting party knows already.
    pub fn notifies(self) -> bool {
        matches!(
            self,
            Self::RoundPublished
                | Self::RoundResponse
                | Self::RoundClosed
                | Self::ShipmentDispatched
                | Self::ShipmentDelivered
                | Self::ExpiryProposed
                | Self::MessageCreated
                | Self::OfferCreated
                | Self::AgreementSigned
                | Self::PartnershipStage
        )
    }

    /// The notification's sentence for an event by `actor` (a party's code; none for the
    /// platform) about `object`.
    pub fn summary(self, actor: Option<&str>, object: &ObjectRef) -> String {
        let who = actor.unwrap_or("the platform");
        let id = &object.id;
        match self {
            Self::RoundPublished => {
                format!("{who} published round {id}: your share awaits your answer")
            }
            Self::RoundResponse => format!("{who} answered its share of round {id}"),
            Self::RoundClosed => format!("{who} closed round {id}"),
            Self::ShipmentDispatched => format!("{who} dispatched shipment {id}"),
            Self::ShipmentDelivered => format!("{who} confirmed the delivery of shipment {id}"),
            Self::ExpiryProposed => format!(
                "{who} proposes doses at risk of expiring for redistribution: draft round {id}"
            ),
            Self::MessageCreated => format!("{who} wrote in thread {id}"),
            Self::OfferCreated => format!("{who} offers doses: offer {id}"),
            Self::AgreementSigned => format!("{who} signed agreement {id}"),
            Self::PartnershipStage => format!("{who} moved partnership {id} to its next stage"),
            other => format!("{who}: {} on {} {id}", other.as_str(), object.kind.as_str()),
        }
    }
}

/// The object an event is about: its kind and its id (a number, or a code for parties and
/// products), as text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ObjectRef {
    /// What kind of object.
    pub kind: ObjectKind,
    /// Its id or code.
    pub id: String,
}

impl ObjectRef {
    /// The object `kind` with id `id`.
    pub fn new(kind: ObjectKind, id: impl fmt::Display) -> Self {
        Self {
            kind,
            id: id.to_string(),
        }
    }
}

/// An event to record: what happened to which object, the objects that object belongs to
/// (a movement's lot), the facts worth keeping (`detail`, a JSON object as text), and the
/// parties it concerns, who may read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvent {
    /// What happened.
    pub action: AuditAction,
    /// To what.
    pub object: ObjectRef,
    /// The objects it belongs to: asking for their trail finds this event too.
    pub related: Vec<ObjectRef>,
    /// The facts, as a JSON object.
    pub detail: String,
    /// The parties concerned (deduplicated when stored).
    pub parties: Vec<PartyCode>,
}
