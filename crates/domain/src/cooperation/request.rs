//! A country's request for doses: `open` until it is withdrawn or its delivered doses reach
//! what it asked for.

named_enum!(
    /// Where a request stands.
    RequestState, "a request state", {
        /// Asked and not yet met: rounds may allocate doses to it.
        Open => "open",
        /// Taken back by the country.
        Withdrawn => "withdrawn",
        /// Its delivered doses reached what it asked for.
        Fulfilled => "fulfilled",
    }
);

use super::InvalidState;

/// The state after the country withdraws request `id`; only an open request can be.
pub fn withdraw(id: i64, state: RequestState) -> Result<RequestState, InvalidState> {
    match state {
        RequestState::Open => Ok(RequestState::Withdrawn),
        other => Err(InvalidState {
            object: "request",
            id,
            state: other.as_str(),
            done: "withdrawn",
            allowed: "an open request can be withdrawn",
        }),
    }
}

/// The state once `delivered` of its `doses` have arrived: an open request is fulfilled when
/// they reach what it asked for; any other state stays.
pub fn after_delivery(state: RequestState, doses: i64, delivered: i64) -> RequestState {
    match state {
        RequestState::Open if delivered >= doses => RequestState::Fulfilled,
        other => other,
    }
}
