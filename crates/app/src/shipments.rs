//! Shipments: a holder plans one (its doses are reserved), dispatches it (shipped), the
//! recipient confirms it (received), or the holder cancels it before dispatch (unreserved).
//! Each state change is one transaction with its ledger movement and its audit event, and
//! its answer lists the movements it made.

use domain::access::{Action, Actor, may, oversees_all, sees_agreement, sees_shipment};
use domain::audit::{AuditAction, ObjectKind, ObjectRef};
use domain::cooperation::agreement::AgreementState;
use domain::cooperation::pledge::PledgeState;
use domain::cooperation::shipment::{self, ShipmentAction, ShipmentState};
use domain::ledger::{LotId, MovementRequest, PartyCode};
use domain::time::Timestamp;
use serde::{Deserialize, Serialize};
use store::Tx;
use store::cooperation::{CooperationFilter, NewShipment, Shipment};
use store::ledger::Movement;

use crate::requests::{changed_meanwhile, invalid_state};
use crate::{
    AppError, Fields, LIST_ITEMS_MAX, agreements, audit, lots, movements, pledges, requests,
};

/// A shipment to plan, as the holder's official gives it.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewShipmentInput {
    /// The lot's id.
    pub lot: i64,
    /// How many doses.
    #[schema(example = 50000)]
    pub doses: i64,
    /// The recipient's party code.
    #[schema(example = "TCD")]
    pub to: String,
    /// The pledge it fulfils: the caller's own, to the same recipient.
    pub pledge: Option<i64>,
    /// The agreement it fulfils.
    pub agreement: Option<i64>,
}

/// A shipment and the movements one action made.
#[derive(Debug, Clone)]
pub struct ShipmentChange {
    /// The shipment after the action.
    pub shipment: Shipment,
    /// The ledger movements the action made.
    pub movements: Vec<Movement>,
}

fn not_found(id: i64) -> AppError {
    AppError::NotFound(format!("there is no shipment {id} that you can see"))
}

/// Plans a shipment of the actor's doses: reserves them, `planned`.
pub async fn plan(
    tx: &Tx,
    now: Timestamp,
    actor: &Actor,
    input: &NewShipmentInput,
) -> Result<ShipmentChange, AppError> {
    may(actor, &Action::PlanShipment)?;
    let mut fields = Fields::new();
    let to = match PartyCode::parse(&input.to) {
        Ok(code) if code == actor.party => {
            fields.push("to", "a shipment goes to another party");
            None
        }
        Ok(code) => match tx.party(code.as_str()).await? {
            Some(party) => Some(party.code),
            None => {
                fields.push("to", format!("there is no party {code}"));
                None
            }
        },
        Err(error) => {
            fields.push("to", error.to_string());
            None
        }
    };
    if let Some(id) = input.pledge {
        match tx.pledge(id).await? {
            Some(pledge) if pledge.donor != actor.party => fields.push(
                "pledge",
                format!("pledge {id} is {}'s, not yours", pledge.donor),
            ),
            Some(pledge) if to.as_ref().is_some_and(|to| *to != pledge.to) => {
                fields.push(
                    "pledge",
                    format!("pledge {id} is to {}, not to {}", pledge.to, input.to),
                );
            }
            Some(pledge)
                if pledge.state != PledgeState::Open || !tx.hold_open_pledge(id).await? =>
            {
                fields.push(
                    "pledge",
                    format!(
                        "pledge {id} is {}: only an open pledge takes shipments",
                        pledge.state
                    ),
                );
            }
            Some(pledge) => {
                let shipped = tx.pledge_doses_shipped(id).await?;
                let left = pledge.doses - shipped;
                if input.doses > left {
                    fields.push(
                        "pledge",
                        format!(
                            "pledge {id} promised {} doses and {shipped} are shipped or planned: at most {left} more go against it",
                            pledge.doses
                        ),
                    );
                }
            }
            None => fields.push("pledge", format!("there is no pledge {id}")),
        }
    }
    let agreement = match input.agreement {
        Some(id) => match tx.agreement(id).await? {
            Some(agreement) if sees_agreement(actor, &agreement.supplier, &agreement.recipient) => {
                if agreement.supplier != actor.party {
                    fields.push(
                        "agreement",
                        format!(
                            "agreement {id}'s doses are supplied by {}, not by you",
                            agreement.supplier
                        ),
                    );
                } else if to.as_ref().is_some_and(|to| *to != agreement.recipient) {
                    fields.push(
                        "agreement",
                        format!(
                            "agreement {id} is to {}, not to {}",
                            agreement.recipient, input.to
                        ),
                    );
                } else if agreement.state != AgreementState::Signed {
                    fields.push(
                        "agreement",
                        format!(
                            "agreement {id} is {}: only a signed agreement takes shipments",
                            agreement.state
                        ),
                    );
                } else if input.doses > agreement.doses - agreement.doses_planned {
                    fields.push(
                        "agreement",
                        format!(
                            "agreement {id} is for {} doses and {} are shipped or planned: at most {} more go against it",
                            agreement.doses,
                            agreement.doses_planned,
                            agreement.doses - agreement.doses_planned
                        ),
                    );
                }
                Some(agreement)
            }
            _ => {
                fields.push(
                    "agreement",
                    format!("there is no agreement {id} that you can see"),
                );
                None
            }
        },
        None => None,
    };
    fields.finish()?;
    let Some(to) = to else {
        return Err(AppError::invalid("to", "is required"));
    };
    let (lot, _) = lots::visible(tx, actor, LotId(input.lot)).await?;
    if let Some(agreement) = &agreement {
        if let Some(product) = &agreement.product
            && *product != lot.product
        {
            return Err(AppError::invalid(
                "lot",
                format!(
                    "lot {} is of {}, and agreement {} is for {product}",
                    lot.id.0, lot.product, agreement.id
                ),
            ));
        }
        // One conditional statement: two concurrent shipments never plan more than it holds.
        if !tx
            .plan_agreement_doses(agreement.id, input.doses, now)
            .await?
        {
            return Err(changed_meanwhile("agreement", agreement.id));
        }
    }
    let reserve = movements::NewMovement {
        kind: "reserve".into(),
        lot: lot.id.0,
        doses: input.doses,
        to: None,
        reason: Some(format!("shipment to {to}")),
        from_state: None,
    };
    let reserved = movements::record(tx, now, actor, &reserve).await?;
    let id = tx
        .create_shipment(
            &NewShipment {
                lot: lot.id,
                from: actor.party.clone(),
                to: to.clone(),
                doses: input.doses,
                pledge: input.pledge,
                request: None,
                agreement: input.agreement,
                round: None,
            },
            now,
        )
        .await?;
    tx.link_shipment_movement(id, reserved.id).await?;
    audit::record_related(
        tx,
        Some(actor),
        now,
        AuditAction::ShipmentPlanned,
        ObjectRef::new(ObjectKind::Shipment, id),
        related(lot.id, input.pledge),
        vec![to.clone()],
        serde_json::json!({"lot": lot.id.0, "doses": input.doses, "to": to.as_str(), "pledge": input.pledge, "movement": reserved.id}),
    )
    .await?;
    let shipment = tx.shipment(id).await?.ok_or_else(|| not_found(id))?;
    Ok(ShipmentChange {
        shipment,
        movements: vec![reserved],
    })
}

fn related(lot: LotId, pledge: Option<i64>) -> Vec<ObjectRef> {
    let mut related = vec![ObjectRef::new(ObjectKind::Lot, lot.0)];
    related.extend(pledge.map(|pledge| ObjectRef::new(ObjectKind::Pledge, pledge)));
    related
}

/// Dispatches, confirms or cancels a shipment, with its movement, in the transaction.
pub async fn act(
    tx: &Tx,
    now: Timestamp,
    actor: &Actor,
    id: i64,
    action: ShipmentAction,
) -> Result<ShipmentChange, AppError> {
    let current = view(tx, actor, id).await?;
    may(
        actor,
        &Action::ActOnShipment {
            action,
            from: current.from.clone(),
            to: current.to.clone(),
        },
    )?;
    let next = shipment::next(id, current.state, action).map_err(invalid_state)?;
    // The state changes first and only from the state read: of two concurrent actions on
    // one shipment exactly one passes, and the other moves no dose.
    if !tx.set_shipment_state(id, current.state, next, now).await? {
        return Err(changed_meanwhile("shipment", id));
    }
    let request = MovementRequest {
        kind: action.movement(),
        lot: current.lot,
        doses: current.doses,
        actor: match action {
            ShipmentAction::Confirm => current.to.clone(),
            _ => current.from.clone(),
        },
        to: (action == ShipmentAction::Dispatch).then(|| current.to.clone()),
        from_state: None,
        reason: Some(format!("shipment {id}")),
    };
    let lot = tx.lot(current.lot).await?.ok_or_else(|| not_found(id))?;
    if lot.expiry < now.date() {
        return Err(AppError::Refused {
            code: "lot_expired",
            detail: format!(
                "lot {} expired on {}: its doses can only be expired now, not shipped or received",
                lot.id.0, lot.expiry
            ),
        });
    }
    let movement = tx.apply_movement(&request, Some(actor.user), now).await?;
    movements::record_audit(tx, Some(actor), now, &movement, Some(&lot)).await?;
    tx.link_shipment_movement(id, movement.id).await?;
    let action_name = match action {
        ShipmentAction::Dispatch => AuditAction::ShipmentDispatched,
        ShipmentAction::Confirm => AuditAction::ShipmentDelivered,
        ShipmentAction::Cancel => AuditAction::ShipmentCancelled,
    };
    audit::record_related(
        tx,
        Some(actor),
        now,
        action_name,
        ObjectRef::new(ObjectKind::Shipment, id),
        related(current.lot, current.pledge),
        vec![current.from.clone(), current.to.clone()],
        serde_json::json!({"state": next.as_str(), "movement": movement.id}),
    )
    .await?;
    if next == ShipmentState::Cancelled
        && let Some(agreement) = current.agreement
    {
        tx.plan_agreement_doses(agreement, -current.doses, now)
            .await?;
    }
    if next == ShipmentState::Delivered {
        if let Some(agreement) = current.agreement {
            agreements::settle(tx, now, agreement).await?;
        }
        if let Some(pledge) = current.pledge {
            pledges::settle(tx, now, pledge).await?;
        }
        if let Some(request) = current.request {
            requests::settle(tx, now, request).await?;
        }
    }
    let shipment = tx.shipment(id).await?.ok_or_else(|| not_found(id))?;
    Ok(ShipmentChange {
        shipment,
        movements: vec![movement],
    })
}

/// The shipment, if `actor` may read it (its two parties and organizations).
pub async fn view(tx: &Tx, actor: &Actor, id: i64) -> Result<Shipment, AppError> {
    match tx.shipment(id).await? {
        Some(shipment) if sees_shipment(actor, &shipment.from, &shipment.to) => Ok(shipment),
        _ => Err(not_found(id)),
    }
}

/// Which shipments to list.
#[derive(Debug, Clone, Default)]
pub struct ShipmentQuery {
    /// Only in this state.
    pub state: Option<ShipmentState>,
    /// Only from this holder.
    pub from: Option<PartyCode>,
    /// Only to this recipient.
    pub to: Option<PartyCode>,
    /// Only linked to this pledge.
    pub pledge: Option<i64>,
    /// Only linked to this agreement.
    pub agreement: Option<i64>,
    /// Only from this round.
    pub round: Option<i64>,
    /// After this id.
    pub after: Option<i64>,
    /// At most this many.
    pub limit: i64,
}

/// The shipments `actor` may read, by id.
pub async fn list(
    tx: &Tx,
    actor: &Actor,
    query: &ShipmentQuery,
) -> Result<Vec<Shipment>, AppError> {
    Ok(tx
        .shipments(&CooperationFilter {
            state: query.state.map(|state| state.as_str().to_owned()),
            party: query.from.clone(),
            to: query.to.clone(),
            pledge: query.pledge,
            agreement: query.agreement,
            round: query.round,
            visible_to: (!oversees_all(actor)).then(|| actor.party.clone()),
            after: query.after,
            limit: query.limit.clamp(1, LIST_ITEMS_MAX),
        })
        .await?)
}
