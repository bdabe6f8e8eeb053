//! A pledge of doses: `open` until the donor withdraws it or delivered shipments linked to it
//! reach what it promised.

named_enum!(
    /// Where a pledge stands.
    PledgeState, "a pledge state", {
        /// Promised and not yet all delivered.
        Open => "open",
        /// Taken back by the donor (the doses delivered before count still).
        Withdrawn => "withdrawn",
        /// Delivered shipments linked to it reached the doses promised.
        Fulfilled => "fulfilled",
    }
);

use super::InvalidState;

/// The state after the donor withdraws pledge `id`; only an open pledge can be.
pub fn withdraw(id: i64, state: PledgeState) -> Result<PledgeState, InvalidState> {
    match state {
        PledgeState::Open => Ok(PledgeState::Withdrawn),
        other => Err(InvalidState {
            object: "pledge",
            id,
            state: other.as_str(),
            done: "withdrawn",
            allowed: "an open pledge can be withdrawn",
        }),
    }
}

/// The state once `delivered` of its `doses` have arrived.
pub fn after_delivery(state: PledgeState, doses: i64, delivered: i64) -> PledgeState {
    match state {
        PledgeState::Open if delivered >= doses => PledgeState::Fulfilled,
        other => other,
    }
}
