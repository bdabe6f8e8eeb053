//! Lots: registering one (which releases its doses), and reading one as the policy allows.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use domain::access::{Action, Actor, LotView, lot_view, may, oversees_all};
use domain::audit::{AuditAction, ObjectKind, ObjectRef};
use domain::gs1::parse_element_string;
use domain::ledger::{AccountState, LotId};
use domain::party::Lot;
use domain::time::Timestamp;
use serde::{Deserialize, Serialize};
use store::Tx;
use store::ledger::{Balance, BalanceFilter, Movement, NewLot};

use crate::{AppError, Fields, LIST_ITEMS_MAX, audit};

/// A lot to register: by fields, or by the GS1 element string printed on the pack.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewLotInput {
    /// The product's code (or give `gs1`, whose GTIN names it).
    #[schema(example = "AZD1222")]
    pub product: Option<String>,
    /// The lot number (or give `gs1`).
    #[schema(example = "AB1234")]
    pub lot_number: Option<String>,
    /// The last day a dose may be given (YYYY-MM-DD), today or later.
    #[schema(example = "2022-03-31")]
    pub expiry: Option<String>,
    /// A GS1 element string with AIs 01 (GTIN), 10 (lot), 17 (expiry) and optionally 21.
    #[schema(example = "(01)09501101530003(17)220331(10)AB1234")]
    pub gs1: Option<String>,
    /// Doses released.
    #[schema(example = 100000)]
    pub doses: i64,
}

/// The longest a lot may keep, from registration to expiry.
pub const EXPIRY_YEARS_AHEAD_MAX: u32 = 20;

/// Registers a lot of one of the actor's products and releases its doses into the
/// manufacturer's `available` account.
pub async fn register(
    tx: &Tx,
    now: Timestamp,
    actor: &Actor,
    input: &NewLotInput,
) -> Result<(Lot, Movement), AppError> {
    may(actor, &Action::RegisterLot)?;
    let new_lot = validate(tx, now, actor, input).await?;
    let (lot, movement) = tx.register_lot(&new_lot, Some(actor.user), now).await?;
    audit::record(
        tx,
        Some(actor),
        now,
        AuditAction::LotRegistered,
        ObjectRef::new(ObjectKind::Lot, lot.id.0),
        Vec::new(),
        serde_json::json!({"product": lot.product, "lot_number": lot.lot_number,
            "expiry": lot.expiry, "doses": lot.doses, "movement": movement.id}),
    )
    .await?;
    crate::movements::record_audit(tx, Some(actor), now, &movement, Some(&lot)).await?;
    Ok((lot, movement))
}

async fn validate(
    tx: &Tx,
    now: Timestamp,
    actor: &Actor,
    input: &NewLotInput,
) -> Result<NewLot, AppError> {
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
    let (product, lot_number, expiry, gtin, serial) = match &input.gs1 {
        Some(element_string) => {
            if input.lot_number.is_some() || input.expiry.is_some() {
                fields.push("gs1", "give either gs1 or lot_number and expiry, not both");
            }
            let data = parse_element_string(element_string)
                .map_err(|error| AppError::invalid("gs1", error.to_string()))?;
            let product = match tx.product_by_gtin(&data.gtin).await? {
                Some(product) if product.manufacturer == actor.party => product.code,
                _ => {
                    return Err(AppError::invalid(
                        "gs1",
                        format!("none of your products has GTIN {}", data.gtin),
                    ));
                }
            };
            if let Some(named) = &input.product
                && product != *named.as_str()
            {
                fields.push("product", format!("the GTIN is product {product}'s"));
            }
            if data.lot_number.is_none() {
                fields.push("gs1", "the element string has no lot number (AI 10)");
            }
            if data.expiry.is_none() {
                fields.push("gs1", "the element string has no expiry (AI 17)");
            }
            (
                Some(product),
                data.lot_number,
                data.expiry,
                Some(data.gtin),
                data.serial,
            )
        }
        None => {
            let expiry = match &input.expiry {
                Some(text) => fields.check(
                    "expiry",
                    NaiveDate::parse_from_str(text, "%Y-%m-%d")
                        .map_err(|_| format!("not a date (YYYY-MM-DD): {text:?}")),
                ),
                None => {
                    fields.push("expiry", "required (or give gs1)");
                    None
                }
            };
            if input.lot_number.is_none() {
                fields.push("lot_number", "required (or give gs1)");
            }
            let product = match &input.product {
                Some(code) => match tx.product(code).await? {
                    Some(product) if product.manufacturer == actor.party => Some(product.code),
                    _ => {
                        fields.push("product", format!("you have no product {code}"));
                        None
                    }
                },
                None => {
                    fields.push("product", "required (or give gs1)");
                    None
                }
            };
            (product, input.lot_number.clone(), expiry, None, None)
        }
    };
    let lot_number = match &lot_number {
        Some(text) => fields.check(
            if input.gs1.is_some() {
                "gs1"
            } else {
                "lot_number"
            },
            domain::party::LotNumber::parse(text),
        ),
        None => None,
    };
    let field = if input.gs1.is_some() { "gs1" } else { "expiry" };
    let today = now.date();
    if let Some(expiry) = expiry {
        if expiry < today {
            fields.push(field, format!("the expiry {expiry} is before today ({today}): a lot past its expiry cannot be released"));
        } else if expiry
            > today
                .checked_add_months(chrono::Months::new(12 * EXPIRY_YEARS_AHEAD_MAX))
                .unwrap_or(today)
        {
            fields.push(field, format!("the expiry {expiry} is more than {EXPIRY_YEARS_AHEAD_MAX} years away; check the date"));
        }
    }
    fields.finish()?;
    match (product, lot_number, expiry) {
        (Some(product), Some(lot_number), Some(expiry)) => Ok(NewLot {
            product,
            manufacturer: actor.party.clone(),
            lot_number,
            expiry,
            doses: input.doses,
            gtin,
            serial,
        }),
        _ => Err(AppError::invalid(
            "",
            "the lot's product, number and expiry are required",
        )),
    }
}

/// A lot as the actor may see it.
#[derive(Debug, Clone)]
pub struct LotDetail {
    /// The lot.
    pub lot: Lot,
    /// Its doses by state over every holder, when the actor may see them.
    pub totals: Option<BTreeMap<AccountState, i64>>,
    /// The balances the actor may see: every holder's for its manufacturer and
    /// organizations, the actor's own for anyone else.
    pub balances: Vec<Balance>,
    /// How much the actor sees.
    pub view: LotView,
}

/// The lot, if `actor` may see it, with what the policy lets it see; else not found.
pub async fn view(tx: &Tx, actor: &Actor, id: LotId) -> Result<LotDetail, AppError> {
    let (lot, view) = visible(tx, actor, id).await?;
    let totals = match view {
        LotView::Full | LotView::Holder { holds_doses: true } => Some(tx.lot_totals(id).await?),
        _ => None,
    };
    let balances = tx
        .balances(&BalanceFilter {
            lot: Some(id),
            holder: (view != LotView::Full).then(|| actor.party.clone()),
            limit: LIST_ITEMS_MAX,
            ..BalanceFilter::default()
        })
        .await?;
    Ok(LotDetail {
        lot,
        totals,
        balances,
        view,
    })
}

/// The lot and how much `actor` sees of it; a lot outside its reach is not found, whether
/// or not it exists.
pub async fn visible(tx: &Tx, actor: &Actor, id: LotId) -> Result<(Lot, LotView), AppError> {
    let not_found = || AppError::NotFound(format!("there is no lot {} that you can see", id.0));
    let lot = tx.lot(id).await?.ok_or_else(not_found)?;
    let own = if oversees_all(actor) || lot.manufacturer == actor.party {
        None
    } else {
        tx.own_doses(&actor.party, id).await?
    };
    match lot_view(actor, &lot.manufacturer, own) {
        LotView::Hidden => Err(not_found()),
        view => Ok((lot, view)),
    }
}

/// The lots `actor` may see (made, held or once held; all for organizations), by id.
pub async fn list(
    tx: &Tx,
    actor: &Actor,
    after: Option<LotId>,
    limit: i64,
) -> Result<Vec<Lot>, AppError> {
    let visible_to = (!oversees_all(actor)).then_some(&actor.party);
    Ok(tx
        .lots(visible_to, after, limit.clamp(1, LIST_ITEMS_MAX))
        .await?)
}
