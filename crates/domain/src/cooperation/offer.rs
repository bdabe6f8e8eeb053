//! A manufacturer's offer of doses: `open` until the doses offered are all agreed (accepted
//! by countries or organizations, each acceptance an agreement), declined by the party it
//! was made to, or withdrawn by the manufacturer.

use super::InvalidState;

named_enum!(
    /// Where an offer stands.
    OfferState, "an offer state", {
        /// Doses are still on offer.
        Open => "open",
        /// Every dose offered is in an agreement.
        Accepted => "accepted",
        /// The party it was made to said no.
        Declined => "declined",
        /// The manufacturer took it back.
        Withdrawn => "withdrawn",
    }
);

named_enum!(
    /// What can be done to an offer.
    OfferAction, "an offer action", {
        /// A country or organization takes doses of it (an agreement, signed).
        Accept => "accept",
        /// The party it was made to says no.
        Decline => "decline",
        /// The manufacturer takes it back.
        Withdraw => "withdraw",
    }
);

/// The state after `action` on offer `id` in `state`; `doses_left` is what would remain on
/// offer afterwards (for `accept`).
pub fn next(
    id: i64,
    state: OfferState,
    action: OfferAction,
    doses_left: i64,
) -> Result<OfferState, InvalidState> {
    match (state, action) {
        (OfferState::Open, OfferAction::Accept) if doses_left == 0 => Ok(OfferState::Accepted),
        (OfferState::Open, OfferAction::Accept) => Ok(OfferState::Open),
        (OfferState::Open, OfferAction::Decline) => Ok(OfferState::Declined),
        (OfferState::Open, OfferAction::Withdraw) => Ok(OfferState::Withdrawn),
        (state, action) => Err(InvalidState {
            object: "offer",
            id,
            state: state.as_str(),
            done: match action {
                OfferAction::Accept => "accepted",
                OfferAction::Decline => "declined",
                OfferAction::Withdraw => "withdrawn",
            },
            allowed: "an open offer can be accepted, declined or withdrawn",
        }),
    }
}
