//! A shipment: doses of one lot from a holder to a recipient, moved only by ledger
//! movements: `reserve` when planned, `ship` on dispatch, `receive` on confirmation,
//! `unreserve` on cancellation.

use crate::ledger::MovementKind;

use super::InvalidState;

named_enum!(
    /// Where a shipment stands.
    ShipmentState, "a shipment state", {
        /// Its doses are reserved at the holder.
        Planned => "planned",
        /// Shipped: the doses are in transit to the recipient.
        InTransit => "in_transit",
        /// Confirmed by the recipient: the doses are in its stock.
        Delivered => "delivered",
        /// Cancelled before dispatch: the doses are the holder's again.
        Cancelled => "cancelled",
    }
);

named_enum!(
    /// What can be done to a shipment, and by whom.
    ShipmentAction, "a shipment action", {
        /// The holder sends it (`ship`).
        Dispatch => "dispatch",
        /// The recipient confirms it arrived (`receive`).
        Confirm => "confirm",
        /// The holder cancels it before dispatch (`unreserve`).
        Cancel => "cancel",
    }
);

/// Which side of a shipment acts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The party the doses leave.
    Holder,
    /// The party they go to.
    Recipient,
}

impl ShipmentAction {
    /// Who may take this action.
    pub fn side(self) -> Side {
        match self {
            Self::Dispatch | Self::Cancel => Side::Holder,
            Self::Confirm => Side::Recipient,
        }
    }

    /// The ledger movement it makes.
    pub fn movement(self) -> MovementKind {
        match self {
            Self::Dispatch => MovementKind::Ship,
            Self::Confirm => MovementKind::Receive,
            Self::Cancel => MovementKind::Unreserve,
        }
    }
}

/// The state after `action` on shipment `id` in `state`, or why the state refuses it.
pub fn next(
    id: i64,
    state: ShipmentState,
    action: ShipmentAction,
) -> Result<ShipmentState, InvalidState> {
    use ShipmentAction::*;
    use ShipmentState::*;
    let (done, allowed) = match action {
        Dispatch => ("dispatched", "a planned shipment can be dispatched"),
        Confirm => ("confirmed", "a shipment in transit can be confirmed"),
        Cancel => ("cancelled", "a planned shipment can be cancelled"),
    };
    match (state, action) {
        (Planned, Dispatch) => Ok(InTransit),
        (InTransit, Confirm) => Ok(Delivered),
        (Planned, Cancel) => Ok(Cancelled),
        (state, _) => Err(InvalidState {
            object: "shipment",
            id,
            state: state.as_str(),
            done,
            allowed,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_and_action() {
        let table: Vec<String> = ShipmentState::ALL
            .iter()
            .map(|state| {
                let cells: Vec<&str> = ShipmentAction::ALL
                    .iter()
                    .map(|action| next(1, *state, *action).map_or("-", |next| next.as_str()))
                    .collect();
                format!("{state}: {}", cells.join(" "))
            })
            .collect();
        assert_eq!(
            table,
            [
                "planned: in_transit - cancelled",
                "in_transit: - delivered -",
                "delivered: - - -",
                "cancelled: - - -",
            ]
        );
        assert_eq!(
            next(7, ShipmentState::Delivered, ShipmentAction::Cancel)
                .unwrap_err()
                .to_string(),
            "shipment 7 is delivered: it cannot be cancelled (only a planned shipment can be cancelled)"
        );
    }
}
