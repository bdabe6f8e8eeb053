//! Pledges: any party's official promises doses to a country or to an organization's pool;
//! the donor may withdraw it; delivered shipments linked to it count as its fulfilment.

use domain::access::{Action, Actor, may};
use domain::audit::{AuditAction, ObjectKind, ObjectRef};
use domain::cooperation::pledge::{self, PledgeState};
use domain::ledger::PartyCode;
use domain::party::{PartyKind, ProductCode};
use domain::time::Timestamp;
use serde::{Deserialize, Serialize};
use store::Tx;
use store::cooperation::{CooperationFilter, Fulfilment, NewPledge, Pledge};

use crate::requests::{changed_meanwhile, check_note, invalid_state, parse_day};
use crate::{AppError, Fields, LIST_ITEMS_MAX, audit};

/// A pledge, as a party's official gives it.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPledgeInput {
    /// Doses promised.
    #[schema(example = 1000000)]
    pub doses: i64,
    /// The day they are promised by (YYYY-MM-DD).
    #[schema(example = "2021-12-31")]
    pub by: String,
    /// The recipient: a country's code, or an organization's (its pool).
    #[schema(example = "covax")]
    pub to: String,
    /// The product promised; absent: any.
    pub product: Option<String>,
    /// A note.
    pub note: Option<String>,
}

/// Records a pledge of the actor's party, `open`.
pub async fn create(
    tx: &Tx,
    now: Timestamp,
    actor: &Actor,
    input: &NewPledgeInput,
) -> Result<Pledge, AppError> {
    may(actor, &Action::CreatePledge)?;
    let mut fields = Fields::new();
    if !(1..=domain::ledger::DOSES_MAX).contains(&input.doses) {
        fields.push(
            "doses",
            format!(
                "must be a whole number from 1 to {}",
                domain::ledger::DOSES_MAX
            ),
        );
    }
    let by = fields.check("by", parse_day(&input.by));
    if let Some(day) = by
        && day < now.date()
    {
        fields.push("by", format!("{day} is before today ({})", now.date()));
    }
    let to = match PartyCode::parse(&input.to) {
        Ok(code) => {
            match tx.party(code.as_str()).await? {
                Some(party) if party.kind == PartyKind::Manufacturer => {
                    fields.push("to", "pledges go to a country or to an organization's pool, not to a manufacturer");
                    None
                }
                Some(_) if code == actor.party => {
                    fields.push("to", "a party does not pledge to itself");
                    None
                }
                Some(party) => Some(party.code),
                None => {
                    fields.push("to", format!("there is no party {code}"));
                    None
                }
            }
        }
        Err(error) => {
            fields.push("to", error.to_string());
            None
        }
    };
    let product = match &input.product {
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
    if let Some(note) = &input.note {
        fields.check("note", check_note(note));
    }
    fields.finish()?;
    let (Some(by), Some(to)) = (by, to) else {
        return Err(AppError::invalid(
            "",
            "a pledge needs a day and a recipient",
        ));
    };
    let new = NewPledge {
        donor: actor.party.clone(),
        to,
        doses: input.doses,
        by,
        product,
        note: input.note.clone(),
    };
    let id = tx.create_pledge(&new, now).await?;
    audit::record(
        tx,
        Some(actor),
        now,
        AuditAction::PledgeCreated,
        ObjectRef::new(ObjectKind::Pledge, id),
        vec![new.to.clone()],
        serde_json::json!({"doses": new.doses, "to": new.to.as_str(), "by": new.by}),
    )
    .await?;
    found(tx, id).await
}

/// The pledge (pledges are public).
pub async fn found(tx: &Tx, id: i64) -> Result<Pledge, AppError> {
    tx.pledge(id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("there is no pledge {id}")))
}

/// Which pledges to list.
#[derive(Debug, Clone, Default)]
pub struct PledgeQuery {
    /// Only in this state.
    pub state: Option<PledgeState>,
    /// Only of this donor.
    pub donor: Option<PartyCode>,
    /// Only to this recipient.
    pub to: Option<PartyCode>,
    /// After this id.
    pub after: Option<i64>,
    /// At most this many.
    pub limit: i64,
}

/// Pledges by id (public).
pub async fn list(tx: &Tx, query: &PledgeQuery) -> Result<Vec<Pledge>, AppError> {
    Ok(tx
        .pledges(&CooperationFilter {
            state: query.state.map(|state| state.as_str().to_owned()),
            party: query.donor.clone(),
            to: query.to.clone(),
            after: query.after,
            limit: query.limit.clamp(1, LIST_ITEMS_MAX),
            ..CooperationFilter::default()
        })
        .await?)
}

/// Withdraws an open pledge (its donor).
pub async fn withdraw(tx: &Tx, now: Timestamp, actor: &Actor, id: i64) -> Result<Pledge, AppError> {
    let current = found(tx, id).await?;
    may(
        actor,
        &Action::WithdrawPledge {
            donor: current.donor.clone(),
        },
    )?;
    let next = pledge::withdraw(id, current.state).map_err(invalid_state)?;
    if !tx.set_pledge_state(id, current.state, next, now).await? {
        return Err(changed_meanwhile("pledge", id));
    }
    audit::record(
        tx,
        Some(actor),
        now,
        AuditAction::PledgeWithdrawn,
        ObjectRef::new(ObjectKind::Pledge, id),
        vec![current.to.clone()],
        serde_json::json!({"doses_delivered": current.doses_delivered}),
    )
    .await?;
    found(tx, id).await
}

/// Marks the pledge fulfilled once its delivered doses reach its promise, by the system.
pub async fn settle(tx: &Tx, now: Timestamp, id: i64) -> Result<(), AppError> {
    let current = found(tx, id).await?;
    let next = pledge::after_delivery(current.state, current.doses, current.doses_delivered);
    if next != current.state && tx.set_pledge_state(id, current.state, next, now).await? {
        audit::record(
            tx,
            None,
            now,
            AuditAction::PledgeFulfilled,
            ObjectRef::new(ObjectKind::Pledge, id),
            vec![current.donor, current.to],
            serde_json::json!({"doses_delivered": current.doses_delivered}),
        )
        .await?;
    }
    Ok(())
}

/// Pledged and delivered doses by donor (public).
pub async fn fulfilment(tx: &Tx) -> Result<Vec<Fulfilment>, AppError> {
    Ok(tx.pledge_fulfilment().await?)
}
