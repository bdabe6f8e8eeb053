//! The audit trail's vocabulary: which object an event is about, and what happened to it.
//!
//! Events are written by the use cases in the transaction of the change they record, and
//! never changed afterwards (the store refuses UPDATE and DELETE, as for the journal).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::ledger::PartyCode;

macro_rules! names {
    ($(#[$meta:meta])* $name:ident { $($(#[$variant_meta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$variant_meta])* #[serde(rename = $text)] $variant),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The name used in the API and the database.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// The value with this name.
            pub fn parse(text: &str) -> Result<Self, String> {
                Self::ALL.iter().copied().find(|value| value.as_str() == text).ok_or_else(|| {
                    let names: Vec<&str> = Self::ALL.iter().map(|value| value.as_str()).collect();
                    format!("{text:?} is unknown: expected one of {}", names.join(", "))
                })
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str(self.as_str())
            }
        }
    };
}

names!(
    /// The kinds of object the trail records.
    ObjectKind {
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
    }
);

names!(
    /// What happened.
    AuditAction {
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
    }
);

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
