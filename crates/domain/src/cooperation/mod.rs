//! The cooperation objects' state machines (`cooperation.md`, "The dose path" and "Talking and agreeing"): which action
//! an object's state allows and where it leads, written once and pure, so that the use cases,
//! the property tests and the pages agree on them.
//!
//! A refused action is an [`InvalidState`], answered 409 `invalid_state` by the API.

pub mod agreement;
pub mod expiry;
pub mod offer;
pub mod partnership;
pub mod pledge;
pub mod request;
pub mod round;
pub mod shipment;

/// An action the object's current state does not allow.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{object} {id} is {state}: it cannot be {done} (only {allowed})")]
pub struct InvalidState {
    /// The kind of object (`shipment`).
    pub object: &'static str,
    /// Its id.
    pub id: i64,
    /// Its state.
    pub state: &'static str,
    /// The refused action, as a past participle (`dispatched`).
    pub done: &'static str,
    /// What its state allows, in words.
    pub allowed: &'static str,
}
