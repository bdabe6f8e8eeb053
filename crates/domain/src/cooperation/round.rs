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
