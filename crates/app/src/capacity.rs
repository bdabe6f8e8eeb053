//! Capacity: a manufacturer states how many doses of one of its products it can make in a
//! month (a later statement for the same product and month replaces the earlier one); the
//! figures are public, so that the forum sees the supply to come.

use domain::access::{Action, Actor, may};
use domain::audit::{AuditAction, ObjectKind, ObjectRef};
use domain::ledger::PartyCode;
use domain::party::ProductCode;
use domain::time::Timestamp;
use serde::{Deserialize, Serialize};
use store::Tx;
use store::agreements::Capacity;

use crate::offers::own_product;
use crate::{AppError, Fields, LIST_ITEMS_MAX, audit};

/// The most doses a month's capacity may state: ten billion, above the world's.
pub const CAPACITY_DOSES_MAX: i64 = 10_000_000_000;

/// A month's capacity of a product, as the manufacturer's official states it.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CapacityInput {
    /// One of the caller's products.
    #[schema(example = "AZD1222")]
    pub product: String,
    /// The month, `YYYY-MM`.
    #[schema(example = "2021-09")]
    pub month: String,
    /// Doses it can make that month.
    #[schema(example = 200000000)]
    pub doses: i64,
}

/// Checks a month written `YYYY-MM` (years 2000 to 2100).
pub fn parse_month(text: &str) -> Result<String, String> {
    let valid = text.len() == 7
        && text.as_bytes()[4] == b'-'
        && text[..4]
            .parse::<u32>()
            .is_ok_and(|year| (2000..=2100).contains(&year))
        && text[5..]
            .parse::<u32>()
            .is_ok_and(|month| (1..=12).contains(&month))
        && text
            .bytes()
            .enumerate()
            .all(|(index, byte)| index == 4 || byte.is_ascii_digit());
    if valid {
        Ok(text.to_owned())
    } else {
        Err(format!(
            "{text:?} is not a month: expected YYYY-MM, from 2000-01 to 2100-12"
        ))
    }
}

/// States (or restates) the capacity; returns the entry as stored.
pub async fn set(
    tx: &Tx,
    now: Timestamp,
    actor: &Actor,
    input: &CapacityInput,
) -> Result<Capacity, AppError> {
    may(actor, &Action::SetCapacity)?;
    let mut fields = Fields::new();
    let product = own_product(tx, &mut fields, "product", &input.product, &actor.party).await?;
    let month = fields.check("month", parse_month(&input.month));
    if !(0..=CAPACITY_DOSES_MAX).contains(&input.doses) {
        fields.push(
            "doses",
            format!("must be a whole number from 0 to {CAPACITY_DOSES_MAX}"),
        );
    }
    fields.finish()?;
    let (Some(product), Some(month)) = (product, month) else {
        return Err(AppError::invalid(
            "",
            "a capacity needs a product and a month",
        ));
    };
    let id = tx
        .set_capacity(&actor.party, &product, &month, input.doses, now)
        .await?;
    audit::record(
        tx,
        Some(actor),
        now,
        AuditAction::CapacitySet,
        ObjectRef::new(ObjectKind::Capacity, id),
        Vec::new(),
        serde_json::json!({"product": product.as_str(), "month": month, "doses": input.doses}),
    )
    .await?;
    tx.capacity(id)
        .await?
        .ok_or_else(|| AppError::Internal(format!("capacity {id} vanished in its transaction")))
}

/// Capacity entries by id (public), of a manufacturer and a product if given.
pub async fn list(
    tx: &Tx,
    manufacturer: Option<&PartyCode>,
    product: Option<&ProductCode>,
    after: Option<i64>,
    limit: i64,
) -> Result<Vec<Capacity>, AppError> {
    Ok(tx
        .capacities(manufacturer, product, after, limit.clamp(1, LIST_ITEMS_MAX))
        .await?)
}
