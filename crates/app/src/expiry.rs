//! Expiry risk: the doses each holder will not administer before they expire, at its recent
//! rate (`cooperation.md`, "Expiry risk").

use chrono::Duration;
use domain::access::{Actor, Denied, oversees_all};
use domain::cooperation::expiry::{Rate, Stock, at_risk};
use domain::ledger::{LotId, PartyCode};
use domain::party::ProductCode;
use domain::time::Timestamp;
use store::Tx;

use crate::AppError;

/// Days of administrations the recent rate is the mean of.
pub const RATE_WINDOW_DAYS: i64 = 28;

/// One lot with doses at risk at one holder.
#[derive(Debug, Clone, PartialEq)]
pub struct RiskRow {
    /// The holder.
    pub holder: PartyCode,
    /// The lot.
    pub lot: LotId,
    /// Its product.
    pub product: ProductCode,
    /// Its last day of use.
    pub expiry: chrono::NaiveDate,
    /// The holder's available doses of it.
    pub doses: i64,
    /// Of which left at the end of its expiry day at the holder's rate.
    pub doses_at_risk: i64,
    /// The holder's rate: its mean daily administrations over the last 28 days, else its
    /// latest open request's absorption per day, else 0.
    pub rate_per_day: f64,
}

/// The holder's rate of use as of `now`.
pub async fn rate_of(tx: &Tx, holder: &PartyCode, now: Timestamp) -> Result<Rate, AppError> {
    let today = Timestamp::start_of(now.date());
    let administered = tx
        .administered_between(holder, today.plus(Duration::days(-RATE_WINDOW_DAYS)), today)
        .await?;
    if administered > 0 {
        return Ok(Rate {
            doses: administered,
            days: RATE_WINDOW_DAYS,
        });
    }
    Ok(match tx.latest_absorption(holder).await? {
        Some(rate) => Rate {
            doses: rate,
            days: 1,
        },
        None => Rate::NONE,
    })
}

/// The lots with doses at risk, earliest expiry first within each holder: the holder's own
/// (`holder` absent or the actor's party), or any holder's for organizations.
pub async fn list(
    tx: &Tx,
    now: Timestamp,
    actor: &Actor,
    holder: Option<&PartyCode>,
) -> Result<Vec<RiskRow>, AppError> {
    let holder = match holder {
        Some(holder) if *holder != actor.party && !oversees_all(actor) => {
            return Err(AppError::Denied(Denied::OnlyThem {
                who: "the holder and organizations",
            }));
        }
        Some(holder) => Some(holder.clone()),
        None if oversees_all(actor) => None,
        None => Some(actor.party.clone()),
    };
    risk_rows(tx, now, holder.as_ref()).await
}

/// The lots with doses at risk of `holder`, or of every holder.
async fn risk_rows(
    tx: &Tx,
    now: Timestamp,
    holder: Option<&PartyCode>,
) -> Result<Vec<RiskRow>, AppError> {
    let stock = tx.available_stock(holder).await?;
    let mut rows = Vec::new();
    for own in stock.chunk_by(|left, right| left.holder == right.holder) {
        let Some(holder) = own.first().map(|entry| entry.holder.clone()) else {
            continue;
        };
        let rate = rate_of(tx, &holder, now).await?;
        let entries = own
            .iter()
            .map(|entry| Stock {
                lot: entry.lot,
                expiry: entry.expiry,
                doses: entry.doses,
            })
            .collect();
        for risk in at_risk(entries, rate, now.date()) {
            let product = own
                .iter()
                .find(|entry| entry.lot == risk.lot)
                .map(|entry| entry.product.clone());
            if let Some(product) = product {
                rows.push(RiskRow {
                    holder: holder.clone(),
                    lot: risk.lot,
                    product,
                    expiry: risk.expiry,
                    doses: risk.doses,
                    doses_at_risk: risk.doses_at_risk,
                    rate_per_day: rate.per_day(),
                });
            }
        }
    }
    Ok(rows)
}

/// Doses at risk over every holder, as the public pages show them: who holds them is not
/// public (`cooperation.md`, "Who sees what"), so only totals, by product and by week.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PublicRisk {
    /// Doses at risk, over every holder and lot.
    pub doses_at_risk: i64,
    /// Doses at risk by the Monday of their expiry's week, earliest first.
    pub by_week: Vec<(chrono::NaiveDate, i64)>,
    /// Doses at risk by product, by product code.
    pub by_product: Vec<(ProductCode, i64)>,
}

/// The public totals of doses at risk of expiry (no actor: everyone may read them).
pub async fn public_totals(tx: &Tx, now: Timestamp) -> Result<PublicRisk, AppError> {
    use chrono::Datelike;
    use std::collections::BTreeMap;
    let mut weeks: BTreeMap<chrono::NaiveDate, i64> = BTreeMap::new();
    let mut products: BTreeMap<ProductCode, i64> = BTreeMap::new();
    let mut total = 0;
    for row in risk_rows(tx, now, None).await? {
        if row.doses_at_risk <= 0 {
            continue;
        }
        let monday =
            row.expiry - Duration::days(i64::from(row.expiry.weekday().num_days_from_monday()));
        *weeks.entry(monday).or_default() += row.doses_at_risk;
        *products.entry(row.product).or_default() += row.doses_at_risk;
        total += row.doses_at_risk;
    }
    Ok(PublicRisk {
        doses_at_risk: total,
        by_week: weeks.into_iter().collect(),
        by_product: products.into_iter().collect(),
    })
}

/// A holder's proposal to redistribute doses it will not use in time.
#[derive(Debug, Clone, serde::Deserialize, serde::Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProposalInput {
    /// The lot's id.
    pub lot: i64,
    /// How many of the holder's available doses of it to offer.
    pub doses: i64,
    /// The organization whose round is to allocate them.
    #[schema(example = "covax")]
    pub organization: String,
}

/// Opens a draft round of the organization whose pool holds the proposed doses, with the
/// actor's party as their holder (it ships the shares itself); the organization adds the
/// requests to serve and runs the round.
pub async fn propose(
    tx: &Tx,
    now: Timestamp,
    actor: &Actor,
    input: &ProposalInput,
) -> Result<store::rounds::Round, AppError> {
    use domain::access::{Action, may};
    use domain::audit::{AuditAction, ObjectKind, ObjectRef};
    use domain::party::PartyKind;

    may(actor, &Action::ProposeRedistribution)?;
    let mut fields = crate::Fields::new();
    let organization = match PartyCode::parse(&input.organization) {
        Ok(code) => match tx.party(code.as_str()).await? {
            Some(party) if party.kind == PartyKind::Organization => Some(party.code),
            Some(party) => {
                fields.push(
                    "organization",
                    format!(
                        "{} is a {}, not an organization: rounds are run by organizations",
                        party.code, party.kind
                    ),
                );
                None
            }
            None => {
                fields.push("organization", format!("there is no party {code}"));
                None
            }
        },
        Err(error) => {
            fields.push("organization", error.to_string());
            None
        }
    };
    if organization.as_ref() == Some(&actor.party) {
        fields.push(
            "organization",
            "an organization pools its own doses with POST /api/v1/rounds",
        );
    }
    if input.doses <= 0 {
        fields.push("doses", "must be a whole number of doses above 0");
    }
    let lot = LotId(input.lot);
    let risk = list(tx, now, actor, Some(&actor.party))
        .await?
        .into_iter()
        .find(|row| row.lot == lot);
    let Some(organization) = organization.filter(|_| fields.is_empty()) else {
        fields.finish()?;
        return Err(AppError::invalid("organization", "is required"));
    };
    let id = crate::rounds::open_for_proposal(
        tx,
        now,
        actor,
        &organization,
        lot,
        input.doses,
        &mut fields,
    )
    .await?;
    fields.finish()?;
    let Some(id) = id else {
        return Err(AppError::invalid(
            "lot",
            format!("lot {} cannot be proposed", input.lot),
        ));
    };
    crate::audit::record(tx, Some(actor), now, AuditAction::ExpiryProposed, ObjectRef::new(ObjectKind::Round, id),
        vec![organization.clone()],
        serde_json::json!({"lot": input.lot, "doses": input.doses, "doses_at_risk": risk.as_ref().map_or(0, |row| row.doses_at_risk), "organization": organization})).await?;
    tx.round(id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("there is no round {id}")))
}
