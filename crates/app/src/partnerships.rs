//! Partnerships for local production: a manufacturer and a partner (fill-finish or technology
//! transfer of one of the manufacturer's products at a site) move in the open from
//! `proposed` to `producing`, either side taking each step; every step is audited and
//! notifies the other side. Partnerships are public.

use domain::access::{Action, Actor, may};
use domain::audit::{AuditAction, ObjectKind, ObjectRef};
use domain::cooperation::partnership::{
    self, PartnershipAction, PartnershipKind, PartnershipStage,
};
use domain::ledger::PartyCode;
use domain::party::{PartyKind, check_name};
use domain::time::Timestamp;
use serde::{Deserialize, Serialize};
use store::Tx;
use store::agreements::{NewPartnership, Partnership};

use crate::offers::{existing_party, own_product};
use crate::requests::{changed_meanwhile, invalid_state};
use crate::{AppError, Fields, LIST_ITEMS_MAX, audit};

/// The most doses a year a partnership may state: ten billion.
pub const CAPACITY_PER_YEAR_MAX: i64 = 10_000_000_000;

/// A partnership, as the manufacturer's or the partner's official proposes it.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPartnershipInput {
    /// The manufacturer whose product is made locally.
    #[schema(example = "astrazeneca")]
    pub manufacturer: String,
    /// The partner that produces (a country, an organization or another manufacturer).
    #[schema(example = "SEN")]
    pub partner: String,
    /// One of the manufacturer's products.
    #[schema(example = "AZD1222")]
    pub product: String,
    /// Where: a plant, a city.
    #[schema(example = "Dakar")]
    pub site: String,
    /// `fill_finish` or `technology_transfer`.
    #[schema(example = "fill_finish")]
    pub kind: String,
    /// Doses a year once producing.
    #[schema(example = 25000000)]
    pub capacity_per_year: i64,
}

fn not_found(id: i64) -> AppError {
    AppError::NotFound(format!("there is no partnership {id}"))
}

/// The partnership (partnerships are public).
pub async fn found(tx: &Tx, id: i64) -> Result<Partnership, AppError> {
    tx.partnership(id).await?.ok_or_else(|| not_found(id))
}

/// Proposes a partnership between the actor's party and another, `proposed`.
pub async fn create(
    tx: &Tx,
    now: Timestamp,
    actor: &Actor,
    input: &NewPartnershipInput,
) -> Result<Partnership, AppError> {
    let mut fields = Fields::new();
    let manufacturer =
        match existing_party(tx, &mut fields, "manufacturer", &input.manufacturer).await? {
            Some(party) if party.kind == PartyKind::Manufacturer => Some(party.code),
            Some(party) => {
                fields.push(
                    "manufacturer",
                    format!("{} is a {}, not a manufacturer", party.code, party.kind),
                );
                None
            }
            None => None,
        };
    let partner = existing_party(tx, &mut fields, "partner", &input.partner)
        .await?
        .map(|party| party.code);
    if let (Some(manufacturer), Some(partner)) = (&manufacturer, &partner) {
        if manufacturer == partner {
            fields.push("partner", "a partnership is between two parties");
        } else {
            may(
                actor,
                &Action::ActOnPartnership {
                    manufacturer: manufacturer.clone(),
                    partner: partner.clone(),
                },
            )?;
        }
    }
    let product = match &manufacturer {
        Some(manufacturer) => {
            own_product(tx, &mut fields, "product", &input.product, manufacturer).await?
        }
        None => None,
    };
    fields.check("site", check_name(&input.site));
    let kind = fields.check("kind", PartnershipKind::parse(&input.kind));
    if !(1..=CAPACITY_PER_YEAR_MAX).contains(&input.capacity_per_year) {
        fields.push(
            "capacity_per_year",
            format!("must be a whole number from 1 to {CAPACITY_PER_YEAR_MAX}"),
        );
    }
    fields.finish()?;
    let (Some(manufacturer), Some(partner), Some(product), Some(kind)) =
        (manufacturer, partner, product, kind)
    else {
        return Err(AppError::invalid(
            "",
            "a partnership needs two parties, a product and a kind",
        ));
    };
    let new = NewPartnership {
        manufacturer,
        partner,
        product,
        site: input.site.clone(),
        kind,
        capacity_per_year: input.capacity_per_year,
        proposed_by: actor.party.clone(),
    };
    let id = tx.create_partnership(&new, now).await?;
    audit::record(
        tx,
        Some(actor),
        now,
        AuditAction::PartnershipProposed,
        ObjectRef::new(ObjectKind::Partnership, id),
        vec![new.manufacturer.clone(), new.partner.clone()],
        serde_json::json!({"product": new.product.as_str(), "kind": kind.as_str(), "site": new.site, "capacity_per_year": new.capacity_per_year}),
    )
    .await?;
    found(tx, id).await
}

/// Moves a partnership to its next stage (or abandons it), either side.
pub async fn act(
    tx: &Tx,
    now: Timestamp,
    actor: &Actor,
    id: i64,
    action: PartnershipAction,
) -> Result<Partnership, AppError> {
    let current = found(tx, id).await?;
    may(
        actor,
        &Action::ActOnPartnership {
            manufacturer: current.manufacturer.clone(),
            partner: current.partner.clone(),
        },
    )?;
    let next = partnership::next(id, current.stage, action).map_err(invalid_state)?;
    if !tx
        .set_partnership_stage(id, current.stage, next, now)
        .await?
    {
        return Err(changed_meanwhile("partnership", id));
    }
    audit::record(
        tx,
        Some(actor),
        now,
        AuditAction::PartnershipStage,
        ObjectRef::new(ObjectKind::Partnership, id),
        vec![current.manufacturer.clone(), current.partner.clone()],
        serde_json::json!({"from": current.stage.as_str(), "to": next.as_str(), "action": action.as_str()}),
    )
    .await?;
    found(tx, id).await
}

/// Partnerships by id (public), at a stage and of a party if given.
pub async fn list(
    tx: &Tx,
    stage: Option<PartnershipStage>,
    party: Option<&PartyCode>,
    after: Option<i64>,
    limit: i64,
) -> Result<Vec<Partnership>, AppError> {
    Ok(tx
        .partnerships(stage, party, after, limit.clamp(1, LIST_ITEMS_MAX))
        .await?)
}
