//! An agreement to supply or donate doses: `proposed` by one of its two parties, `signed` by
//! the other (or at once, when a country or organization accepts an offer), `completed` when
//! delivered shipments linked to it reach its doses, or `cancelled` by either party before
//! any shipment is planned against it.

use super::InvalidState;

named_enum!(
    /// What an agreement is for.
    AgreementKind, "a kind of agreement", {
        /// Doses sold by the supplier.
        Supply => "supply",
        /// Doses given by the supplier.
        Donation => "donation",
    }
);

named_enum!(
    /// Where an agreement stands.
    AgreementState, "an agreement state", {
        /// One party proposed it; the other has not signed.
        Proposed => "proposed",
        /// Both parties agree; shipments may be planned against it.
        Signed => "signed",
        /// Taken back before any shipment.
        Cancelled => "cancelled",
        /// Delivered shipments linked to it reached its doses.
        Completed => "completed",
    }
);

named_enum!(
    /// What can be done to an agreement.
    AgreementAction, "an agreement action", {
        /// The party that did not propose it agrees.
        Sign => "sign",
        /// Either party takes it back, before any shipment.
        Cancel => "cancel",
    }
);

/// The state after `action` on agreement `id` in `state`.
pub fn next(
    id: i64,
    state: AgreementState,
    action: AgreementAction,
) -> Result<AgreementState, InvalidState> {
    match (state, action) {
        (AgreementState::Proposed, AgreementAction::Sign) => Ok(AgreementState::Signed),
        (AgreementState::Proposed | AgreementState::Signed, AgreementAction::Cancel) => {
            Ok(AgreementState::Cancelled)
        }
        (state, AgreementAction::Sign) => Err(InvalidState {
            object: "agreement",
            id,
            state: state.as_str(),
            done: "signed",
            allowed: "a proposed agreement can be signed",
        }),
        (state, AgreementAction::Cancel) => Err(InvalidState {
            object: "agreement",
            id,
            state: state.as_str(),
            done: "cancelled",
            allowed: "a proposed or signed agreement can be cancelled, before any shipment",
        }),
    }
}

/// The state once `delivered` of its `doses` have arrived.
pub fn after_delivery(state: AgreementState, doses: i64, delivered: i64) -> AgreementState {
    match state {
        AgreementState::Signed if delivered >= doses => AgreementState::Completed,
        other => other,
    }
}
