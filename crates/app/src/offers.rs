//! Offers: a manufacturer offers doses of one of its products for a window of days, to one
//! party or to every country and organization; a country or organization accepts doses of
//! it (each acceptance an agreement, signed at once), the party it was made to may decline
//! it, and the manufacturer may withdraw it while it is open.

use chrono::NaiveDate;
use domain::access::{Action, Actor, may, oversees_all, sees_offer};
use domain::audit::{AuditAction, ObjectKind, ObjectRef};
use domain::cooperation::agreement::{AgreementKind, AgreementState};
use domain::cooperation::offer::{self, OfferAction, OfferState};
use domain::ledger::PartyCode;
use domain::party::{Party, PartyKind, ProductCode};
use domain::time::Timestamp;
use serde::{Deserialize, Serialize};
use store::Tx;
use store::agreements::{Agreement, AgreementFilter, NewAgreement, NewOffer, Offer};

use crate::requests::{changed_meanwhile, invalid_state, parse_day};
use crate::{AppError, Fields, LIST_ITEMS_MAX, audit};

/// The longest an offer's window may be, in days (two years).
pub const WINDOW_DAYS_MAX: i64 = 731;

/// An offer, as a manufacturer's official makes it.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewOfferInput {
    /// One of the caller's products.
    #[schema(example = "AZD1222")]
    pub product: String,
    /// Doses offered.
    #[schema(example = 2000000)]
    pub doses: i64,
    /// The first day the doses can be delivered (YYYY-MM-DD).
    #[schema(example = "2021-09-01")]
    pub available_from: String,
    /// The last day (YYYY-MM-DD).
    #[schema(example = "2021-10-31")]
    pub available_to: String,
    /// The price of one dose, in `currency`.
    #[schema(value_type = Option<f64>, example = 3.0)]
    pub price_per_dose: Option<serde_json::Number>,
    /// The price's currency, ISO 4217 (`USD`); required with a price.
    #[schema(example = "USD")]
    pub currency: Option<String>,
    /// The country or organization it is made to; absent: every country and organization.
    pub to: Option<String>,
}

/// What an accepting party takes of an offer.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AcceptOfferInput {
    /// Doses taken; absent: every dose still on offer.
    pub doses: Option<i64>,
}

/// An offer and the agreement an acceptance made.
#[derive(Debug, Clone)]
pub struct Acceptance {
    /// The offer after the acceptance.
    pub offer: Offer,
    /// The agreement, signed.
    pub agreement: Agreement,
}

/// The party `code` names, or its error noted on `field`.
pub(crate) async fn existing_party(
    tx: &Tx,
    fields: &mut Fields,
    field: &str,
    code: &str,
) -> Result<Option<Party>, AppError> {
    match PartyCode::parse(code) {
        Ok(code) => match tx.party(code.as_str()).await? {
            Some(party) => Ok(Some(party)),
            None => {
                fields.push(field, format!("there is no party {code}"));
                Ok(None)
            }
        },
        Err(error) => {
            fields.push(field, error.to_string());
            Ok(None)
        }
    }
}

/// The product `code` names if `manufacturer` makes it, or its error noted on `field`.
pub(crate) async fn own_product(
    tx: &Tx,
    fields: &mut Fields,
    field: &str,
    code: &str,
    manufacturer: &PartyCode,
) -> Result<Option<ProductCode>, AppError> {
    match ProductCode::parse(code) {
        Ok(code) => match tx.product(code.as_str()).await? {
            Some(product) if product.manufacturer == *manufacturer => Ok(Some(code)),
            Some(product) => {
                fields.push(
                    field,
                    format!(
                        "{code} is {}'s product, not {manufacturer}'s",
                        product.manufacturer
                    ),
                );
                Ok(None)
            }
            None => {
                fields.push(field, format!("there is no product {code}"));
                Ok(None)
            }
        },
        Err(message) => {
            fields.push(field, message);
            Ok(None)
        }
    }
}

/// Checks a price per dose: a decimal from 0 to 10,000 with at most 4 places, with its
/// currency (three capital letters). Returns them as stored.
pub(crate) fn check_price(
    fields: &mut Fields,
    price: Option<&serde_json::Number>,
    currency: Option<&str>,
) -> (Option<String>, Option<String>) {
    let price = price.and_then(|number| {
        let text = number.to_string();
        let places = text.split_once('.').map_or(0, |(_, places)| places.len());
        match number.as_f64() {
            Some(value)
                if (0.0..=10_000.0).contains(&value)
                    && places <= 4
                    && !text.contains(['e', 'E']) =>
            {
                Some(text)
            }
            _ => {
                fields.push(
                    "price_per_dose",
                    "must be a decimal from 0 to 10000 with at most 4 decimal places",
                );
                None
            }
        }
    });
    let currency = match (currency, &price) {
        (Some(code), _)
            if code.len() == 3 && code.bytes().all(|byte| byte.is_ascii_uppercase()) =>
        {
            Some(code.to_owned())
        }
        (Some(code), _) => {
            fields.push(
                "currency",
                format!("{code:?} is not a currency code: expected three capital letters (ISO 4217, like USD)"),
            );
            None
        }
        (None, Some(_)) => {
            fields.push("currency", "is required with a price");
            None
        }
        (None, None) => None,
    };
    (price, currency)
}

/// Records an offer of the actor's manufacturer, `open`; the party it is made to is notified.
pub async fn create(
    tx: &Tx,
    now: Timestamp,
    actor: &Actor,
    input: &NewOfferInput,
) -> Result<Offer, AppError> {
    may(actor, &Action::CreateOffer)?;
    let mut fields = Fields::new();
    let product = own_product(tx, &mut fields, "product", &input.product, &actor.party).await?;
    if !(1..=domain::ledger::DOSES_MAX).contains(&input.doses) {
        fields.push(
            "doses",
            format!(
                "must be a whole number from 1 to {}",
                domain::ledger::DOSES_MAX
            ),
        );
    }
    let from = fields.check("available_from", parse_day(&input.available_from));
    let to_day = fields.check("available_to", parse_day(&input.available_to));
    if let (Some(from), Some(to_day)) = (from, to_day) {
        window(&mut fields, now.date(), from, to_day);
    }
    let (price, currency) = check_price(
        &mut fields,
        input.price_per_dose.as_ref(),
        input.currency.as_deref(),
    );
    let to = match &input.to {
        Some(code) => match existing_party(tx, &mut fields, "to", code).await? {
            Some(party) if party.kind == PartyKind::Manufacturer => {
                fields.push(
                    "to",
                    "offers go to a country or an organization, not to a manufacturer",
                );
                None
            }
            Some(party) => Some(party.code),
            None => None,
        },
        None => None,
    };
    fields.finish()?;
    let (Some(product), Some(available_from), Some(available_to)) = (product, from, to_day) else {
        return Err(AppError::invalid(
            "",
            "an offer needs a product and a window",
        ));
    };
    let new = NewOffer {
        manufacturer: actor.party.clone(),
        product,
        doses: input.doses,
        available_from,
        available_to,
        price_per_dose: price,
        currency,
        to: to.clone(),
    };
    let id = tx.create_offer(&new, now).await?;
    audit::record(
        tx,
        Some(actor),
        now,
        AuditAction::OfferCreated,
        ObjectRef::new(ObjectKind::Offer, id),
        to.into_iter().collect(),
        serde_json::json!({"product": new.product.as_str(), "doses": new.doses, "to": new.to.as_ref().map(PartyCode::as_str)}),
    )
    .await?;
    found(tx, id).await
}

fn window(fields: &mut Fields, today: NaiveDate, from: NaiveDate, to: NaiveDate) {
    if to < from {
        fields.push(
            "available_to",
            format!("{to} is before available_from ({from})"),
        );
    } else if (to - from).num_days() > WINDOW_DAYS_MAX {
        fields.push(
            "available_to",
            format!("the window may last at most {WINDOW_DAYS_MAX} days"),
        );
    }
    if to < today {
        fields.push("available_to", format!("{to} is before today ({today})"));
    }
}

async fn found(tx: &Tx, id: i64) -> Result<Offer, AppError> {
    tx.offer(id).await?.ok_or_else(|| not_found(id))
}

fn not_found(id: i64) -> AppError {
    AppError::NotFound(format!("there is no offer {id} that you can see"))
}

/// The offer, if `actor` may read it.
pub async fn view(tx: &Tx, actor: &Actor, id: i64) -> Result<Offer, AppError> {
    match tx.offer(id).await? {
        Some(offer) if sees_offer(actor, &offer.manufacturer, offer.to.as_ref()) => Ok(offer),
        _ => Err(not_found(id)),
    }
}

/// Which offers to list.
#[derive(Debug, Clone, Default)]
pub struct OfferQuery {
    /// Only in this state.
    pub state: Option<OfferState>,
    /// Only of this manufacturer.
    pub manufacturer: Option<PartyCode>,
    /// Only of this product.
    pub product: Option<ProductCode>,
    /// After this id.
    pub after: Option<i64>,
    /// At most this many.
    pub limit: i64,
}

/// The offers `actor` may read, by id.
pub async fn list(tx: &Tx, actor: &Actor, query: &OfferQuery) -> Result<Vec<Offer>, AppError> {
    Ok(tx
        .offers(&AgreementFilter {
            state: query.state.map(|state| state.as_str().to_owned()),
            party: query.manufacturer.clone(),
            product: query.product.clone(),
            visible_to: (!oversees_all(actor)).then(|| actor.party.clone()),
            open_offers_too: actor.party_kind == PartyKind::Country,
            after: query.after,
            limit: query.limit.clamp(1, LIST_ITEMS_MAX),
            ..AgreementFilter::default()
        })
        .await?)
}

/// Accepts doses of an open offer for the actor's party: a `supply` agreement between the
/// manufacturer and the actor's party, signed at once, linked to the offer.
pub async fn accept(
    tx: &Tx,
    now: Timestamp,
    actor: &Actor,
    id: i64,
    input: &AcceptOfferInput,
) -> Result<Acceptance, AppError> {
    let current = view(tx, actor, id).await?;
    may(
        actor,
        &Action::AcceptOffer {
            to: current.to.clone(),
        },
    )?;
    let left = current.doses - current.doses_taken;
    let doses = input.doses.unwrap_or(left);
    offer::next(id, current.state, OfferAction::Accept, 0).map_err(invalid_state)?;
    if doses < 1 || doses > left {
        return Err(AppError::invalid(
            "doses",
            format!("offer {id} has {left} doses left: take 1 to {left}"),
        ));
    }
    if current.available_to < now.date() {
        return Err(AppError::Conflict {
            code: "invalid_state",
            detail: format!(
                "offer {id} was available until {}: it can no longer be accepted",
                current.available_to
            ),
        });
    }
    if !tx.take_offer_doses(id, doses, now).await? {
        return Err(changed_meanwhile("offer", id));
    }
    let agreement_id = tx
        .create_agreement(
            &NewAgreement {
                kind: AgreementKind::Supply,
                supplier: current.manufacturer.clone(),
                recipient: actor.party.clone(),
                doses,
                product: Some(current.product.clone()),
                offer: Some(id),
                pledge: None,
                proposed_by: current.manufacturer.clone(),
                state: AgreementState::Signed,
            },
            now,
        )
        .await?;
    let parties = vec![current.manufacturer.clone()];
    audit::record(
        tx,
        Some(actor),
        now,
        AuditAction::OfferAccepted,
        ObjectRef::new(ObjectKind::Offer, id),
        parties.clone(),
        serde_json::json!({"doses": doses, "agreement": agreement_id}),
    )
    .await?;
    audit::record_related(
        tx,
        Some(actor),
        now,
        AuditAction::AgreementSigned,
        ObjectRef::new(ObjectKind::Agreement, agreement_id),
        vec![ObjectRef::new(ObjectKind::Offer, id)],
        parties,
        serde_json::json!({"kind": "supply", "doses": doses, "offer": id}),
    )
    .await?;
    let agreement = tx
        .agreement(agreement_id)
        .await?
        .ok_or_else(|| AppError::Internal(format!("agreement {agreement_id} vanished")))?;
    Ok(Acceptance {
        offer: found(tx, id).await?,
        agreement,
    })
}

/// Declines an open offer (the party it was made to) or withdraws it (its manufacturer).
pub async fn end(
    tx: &Tx,
    now: Timestamp,
    actor: &Actor,
    id: i64,
    action: OfferAction,
) -> Result<Offer, AppError> {
    let current = view(tx, actor, id).await?;
    let (rule, audit_action) = match action {
        OfferAction::Decline => (
            Action::DeclineOffer {
                to: current.to.clone(),
            },
            AuditAction::OfferDeclined,
        ),
        OfferAction::Withdraw => (
            Action::WithdrawOffer {
                manufacturer: current.manufacturer.clone(),
            },
            AuditAction::OfferWithdrawn,
        ),
        OfferAction::Accept => {
            return Err(AppError::Internal(
                "accept goes through offers::accept".into(),
            ));
        }
    };
    may(actor, &rule)?;
    let next = offer::next(
        id,
        current.state,
        action,
        current.doses - current.doses_taken,
    )
    .map_err(invalid_state)?;
    if !tx.set_offer_state(id, current.state, next, now).await? {
        return Err(changed_meanwhile("offer", id));
    }
    let mut parties = vec![current.manufacturer.clone()];
    parties.extend(current.to.clone());
    audit::record(
        tx,
        Some(actor),
        now,
        audit_action,
        ObjectRef::new(ObjectKind::Offer, id),
        parties,
        serde_json::json!({"doses_taken": current.doses_taken}),
    )
    .await?;
    found(tx, id).await
}
