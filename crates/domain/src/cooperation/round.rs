//! An allocation round: `draft` (pooled, computed as often as wanted) → `published` (every
//! share reserved, each country answering) → `closed`.

use super::InvalidState;

named_enum!(
    /// Where a round stands.
    RoundState, "a round state", {
        /// Being prepared by its organization: lots and requests pooled, proposals computed.
        Draft => "draft",
        /// Published: its shares are reserved and the countries answer.
        Published => "published",
        /// Closed: unanswered shares were declined.
        Closed => "closed",
    }
);

/// Whether round `id` in `state` may be changed or computed: only a draft.
pub fn editable(id: i64, state: RoundState, done: &'static str) -> Result<(), InvalidState> {
    match state {
        RoundState::Draft => Ok(()),
        other => Err(InvalidState {
            object: "round",
            id,
            state: other.as_str(),
            done,
            allowed: "a draft round can be changed and computed",
        }),
    }
}

/// Whether round `id` in `state` may be published: a draft (with a proposal, which the caller
/// checks).
pub fn publishable(id: i64, state: RoundState) -> Result<(), InvalidState> {
    editable(id, state, "published")
}

/// Whether round `id` in `state` takes answers or may be closed: only a published one.
pub fn open_to_answers(id: i64, state: RoundState, done: &'static str) -> Result<(), InvalidState> {
    match state {
        RoundState::Published => Ok(()),
        other => Err(InvalidState {
            object: "round",
            id,
            state: other.as_str(),
            done,
            allowed: "a published round takes answers and can be closed",
        }),
    }
}

named_enum!(
    /// Why a country declined its share (`cooperation.md`).
    DeclineReason, "a decline reason", {
        /// The doses would expire too soon after arrival.
        ShortShelfLife => "short_shelf_life",
        /// The cold chain the product needs is missing.
        NoColdChain => "no_cold_chain",
        /// Too little time to prepare.
        InsufficientNotice => "insufficient_notice",
        /// The product is not authorised in the country.
        ProductNotAuthorised => "product_not_authorised",
        /// The country cannot administer more now.
        NoAbsorptionCapacity => "no_absorption_capacity",
        /// Another reason, told in the note.
        Other => "other",
        /// No answer before the round closed (set by the platform, not given by a country).
        NoResponse => "no_response",
    }
);
