//! Agreements: a supply or donation of doses between a supplier and a recipient, proposed by
//! one and signed by the other (or signed at once when a party accepts an offer), linked to
//! the offer or pledge it came from and to the shipments that fulfil it. What was delivered
//! is summed from its delivered shipments; it is `completed` when that reaches its doses.

use domain::access::{Action, Actor, may, oversees_all, sees_agreement, sees_offer};
use domain::audit::{AuditAction, ObjectKind, ObjectRef};
use domain::cooperation::agreement::{self, AgreementAction, AgreementKind, AgreementState};
use domain::cooperation::pledge::PledgeState;
use domain::ledger::PartyCode;
use domain::party::ProductCode;
use domain::time::Timestamp;
use serde::{Deserialize, Serialize};
use store::Tx;
use store::agreements::{Agreement, AgreementFilter, NewAgreement};

use crate::offers::existing_party;
use crate::requests::{changed_meanwhile, invalid_state};
use crate::{AppError, Fields, LIST_ITEMS_MAX, audit};

/// An agreement, as one of its two parties proposes it.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAgreementInput {
    /// `supply` or `donation`.
    #[schema(example = "donation")]
    pub kind: String,
    /// Who supplies the doses (a party's code).
    #[schema(example = "FRA")]
    pub supplier: String,
    /// Who receives them.
    #[schema(example = "TCD")]
    pub recipient: String,
    /// Doses agreed.
    #[schema(example = 100000)]
    pub doses: i64,
    /// The product, if one.
    pub product: Option<String>,
    /// The offer it comes from (a supply by the offer's manufacturer).
    pub offer: Option<i64>,
    /// The pledge it comes from (a donation by the pledge's donor to its recipient).
    pub pledge: Option<i64>,
}

fn not_found(id: i64) -> AppError {
    AppError::NotFound(format!("there is no agreement {id} that you can see"))
}

/// The agreement, if `actor` may read it (its two parties and organizations).
pub async fn view(tx: &Tx, actor: &Actor, id: i64) -> Result<Agreement, AppError> {
    match tx.agreement(id).await? {
        Some(agreement) if sees_agreement(actor, &agreement.supplier, &agreement.recipient) => {
            Ok(agreement)
        }
        _ => Err(not_found(id)),
    }
}

/// Proposes an agreement between the actor's party and another; the other party signs it.
pub async fn create(
    tx: &Tx,
    now: Timestamp,
    actor: &Actor,
    input: &NewAgreementInput,
) -> Result<Agreement, AppError> {
    let mut fields = Fields::new();
    let kind = fields.check("kind", AgreementKind::parse(&input.kind));
    let supplier = existing_party(tx, &mut fields, "supplier", &input.supplier).await?;
    let recipient = existing_party(tx, &mut fields, "recipient", &input.recipient).await?;
    if let (Some(supplier), Some(recipient)) = (&supplier, &recipient) {
        if supplier.code == recipient.code {
            fields.push("recipient", "an agreement is between two parties");
        } else {
            // The caller must be one of the two before anything about linked objects is said.
            may(
                actor,
                &Action::CreateAgreement {
                    supplier: supplier.code.clone(),
                    recipient: recipient.code.clone(),
                },
            )?;
        }
    }
    if !(1..=domain::ledger::DOSES_MAX).contains(&input.doses) {
        fields.push(
            "doses",
            format!(
                "must be a whole number from 1 to {}",
                domain::ledger::DOSES_MAX
            ),
        );
    }
    let mut product = match &input.product {
        Some(code) => match ProductCode::parse(code) {
            Ok(code) if tx.product(code.as_str()).await?.is_some() => Some(code),
            Ok(code) => {
                fields.push("product", format!("there is no product {code}"));
                None
            }
            Err(message) => {
                fields.push("product", message);
                None
            }
        },
        None => None,
    };
    if input.offer.is_some() && input.pledge.is_some() {
        fields.push(
            "pledge",
            "an agreement comes from an offer or from a pledge, not both",
        );
    }
    if let Some(id) = input.offer {
        match tx.offer(id).await? {
            Some(offer) if sees_offer(actor, &offer.manufacturer, offer.to.as_ref()) => {
                if supplier
                    .as_ref()
                    .is_some_and(|supplier| supplier.code != offer.manufacturer)
                {
                    fields.push(
                        "offer",
                        format!(
                            "offer {id} is {}'s: its supplier must be {0}",
                            offer.manufacturer
                        ),
                    );
                }
                if kind != Some(AgreementKind::Supply) {
                    fields.push("kind", "an agreement from an offer is a supply");
                }
                if let Some(to) = &offer.to
                    && recipient
                        .as_ref()
                        .is_some_and(|recipient| recipient.code != *to)
                {
                    fields.push("offer", format!("offer {id} is made to {to}"));
                }
                if product
                    .as_ref()
                    .is_some_and(|product| *product != offer.product)
                {
                    fields.push("product", format!("offer {id} is of {}", offer.product));
                }
                product = Some(offer.product.clone());
                if offer.doses - offer.doses_taken < input.doses {
                    fields.push(
                        "doses",
                        format!(
                            "offer {id} has {} doses left",
                            offer.doses - offer.doses_taken
                        ),
                    );
                }
            }
            _ => fields.push("offer", format!("there is no offer {id} that you can see")),
        }
    }
    if let Some(id) = input.pledge {
        match tx.pledge(id).await? {
            Some(pledge) => {
                if supplier
                    .as_ref()
                    .is_some_and(|supplier| supplier.code != pledge.donor)
                    || recipient
                        .as_ref()
                        .is_some_and(|recipient| recipient.code != pledge.to)
                {
                    fields.push(
                        "pledge",
                        format!(
                            "pledge {id} is from {} to {}: the agreement must be between them",
                            pledge.donor, pledge.to
                        ),
                    );
                }
                if kind != Some(AgreementKind::Donation) {
                    fields.push("kind", "an agreement from a pledge is a donation");
                }
                if pledge.state != PledgeState::Open {
                    fields.push(
                        "pledge",
                        format!(
                            "pledge {id} is {}: only an open pledge becomes an agreement",
                            pledge.state
                        ),
                    );
                }
                if input.doses > pledge.doses {
                    fields.push(
                        "doses",
                        format!("pledge {id} promised {} doses", pledge.doses),
                    );
                }
                if product.is_none() {
                    product = pledge.product.clone();
                }
            }
            None => fields.push("pledge", format!("there is no pledge {id}")),
        }
    }
    fields.finish()?;
    let (Some(kind), Some(supplier), Some(recipient)) = (kind, supplier, recipient) else {
        return Err(AppError::invalid(
            "",
            "an agreement needs a kind and two parties",
        ));
    };
    if let Some(offer) = input.offer
        && !tx.take_offer_doses(offer, input.doses, now).await?
    {
        return Err(changed_meanwhile("offer", offer));
    }
    let new = NewAgreement {
        kind,
        supplier: supplier.code,
        recipient: recipient.code,
        doses: input.doses,
        product,
        offer: input.offer,
        pledge: input.pledge,
        proposed_by: actor.party.clone(),
        state: AgreementState::Proposed,
    };
    let id = tx.create_agreement(&new, now).await?;
    audit::record_related(
        tx,
        Some(actor),
        now,
        AuditAction::AgreementProposed,
        ObjectRef::new(ObjectKind::Agreement, id),
        linked(&new.offer, &new.pledge),
        vec![new.supplier.clone(), new.recipient.clone()],
        serde_json::json!({"kind": kind.as_str(), "doses": new.doses, "offer": new.offer, "pledge": new.pledge}),
    )
    .await?;
    view(tx, actor, id).await
}

fn linked(offer: &Option<i64>, pledge: &Option<i64>) -> Vec<ObjectRef> {
    offer
        .map(|id| ObjectRef::new(ObjectKind::Offer, id))
        .into_iter()
        .chain(pledge.map(|id| ObjectRef::new(ObjectKind::Pledge, id)))
        .collect()
}

/// Signs (the party that did not propose it) or cancels (either party, before any shipment)
/// an agreement.
pub async fn act(
    tx: &Tx,
    now: Timestamp,
    actor: &Actor,
    id: i64,
    action: AgreementAction,
) -> Result<Agreement, AppError> {
    let current = view(tx, actor, id).await?;
    let (supplier, recipient) = (current.supplier.clone(), current.recipient.clone());
    let rule = match action {
        AgreementAction::Sign => Action::SignAgreement {
            supplier: supplier.clone(),
            recipient: recipient.clone(),
            proposed_by: current.proposed_by.clone(),
        },
        AgreementAction::Cancel => Action::CancelAgreement {
            supplier: supplier.clone(),
            recipient: recipient.clone(),
        },
    };
    may(actor, &rule)?;
    agreement::next(id, current.state, action).map_err(invalid_state)?;
    let audit_action = match action {
        AgreementAction::Sign => {
            if !tx.sign_agreement(id, now).await? {
                return Err(changed_meanwhile("agreement", id));
            }
            AuditAction::AgreementSigned
        }
        AgreementAction::Cancel => {
            if !tx.cancel_agreement(id, current.state, now).await? {
                return Err(match tx.agreement(id).await? {
                    Some(now_stored) if now_stored.doses_planned > 0 => AppError::Conflict {
                        code: "invalid_state",
                        detail: format!(
                            "agreement {id} has {} doses in shipments planned or sent: it can no longer be cancelled (cancel the planned shipments first)",
                            now_stored.doses_planned
                        ),
                    },
                    _ => changed_meanwhile("agreement", id),
                });
            }
            if let Some(offer) = current.offer {
                tx.return_offer_doses(offer, current.doses, now).await?;
            }
            AuditAction::AgreementCancelled
        }
    };
    audit::record_related(
        tx,
        Some(actor),
        now,
        audit_action,
        ObjectRef::new(ObjectKind::Agreement, id),
        linked(&current.offer, &current.pledge),
        vec![supplier, recipient],
        serde_json::json!({"doses": current.doses}),
    )
    .await?;
    view(tx, actor, id).await
}

/// Marks the agreement completed once its delivered doses reach what it agreed, by the system.
pub async fn settle(tx: &Tx, now: Timestamp, id: i64) -> Result<(), AppError> {
    let Some(current) = tx.agreement(id).await? else {
        return Ok(());
    };
    let next = agreement::after_delivery(current.state, current.doses, current.doses_delivered);
    if next != current.state && tx.set_agreement_state(id, current.state, next, now).await? {
        audit::record(
            tx,
            None,
            now,
            AuditAction::AgreementCompleted,
            ObjectRef::new(ObjectKind::Agreement, id),
            vec![current.supplier, current.recipient],
            serde_json::json!({"doses_delivered": current.doses_delivered}),
        )
        .await?;
    }
    Ok(())
}

/// Which agreements to list.
#[derive(Debug, Clone, Default)]
pub struct AgreementQuery {
    /// Only in this state.
    pub state: Option<AgreementState>,
    /// Only of this supplier.
    pub supplier: Option<PartyCode>,
    /// Only to this recipient.
    pub recipient: Option<PartyCode>,
    /// Only made from this offer.
    pub offer: Option<i64>,
    /// After this id.
    pub after: Option<i64>,
    /// At most this many.
    pub limit: i64,
}

/// The agreements `actor` may read, by id.
pub async fn list(
    tx: &Tx,
    actor: &Actor,
    query: &AgreementQuery,
) -> Result<Vec<Agreement>, AppError> {
    Ok(tx
        .agreements(&AgreementFilter {
            state: query.state.map(|state| state.as_str().to_owned()),
            party: query.supplier.clone(),
            to: query.recipient.clone(),
            offer: query.offer,
            visible_to: (!oversees_all(actor)).then(|| actor.party.clone()),
            after: query.after,
            limit: query.limit.clamp(1, LIST_ITEMS_MAX),
            ..AgreementFilter::default()
        })
        .await?)
}
