//! Capacity, offers, agreements, partnerships and meetings in the store (`cooperation.md`,
//! "Talking and agreeing"). What was delivered against an agreement is summed from its
//! shipments in the query; the guards `doses_taken` (of an offer) and `doses_planned` (of an
//! agreement) change only by conditional updates, so that two concurrent accepts or
//! shipments cannot promise the same doses twice on either backend.

use chrono::NaiveDate;
use domain::cooperation::agreement::{AgreementKind, AgreementState};
use domain::cooperation::offer::OfferState;
use domain::cooperation::partnership::{PartnershipKind, PartnershipStage};
use domain::ledger::PartyCode;
use domain::party::ProductCode;
use domain::time::Timestamp;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::cooperation::{day, party, stamp};
use crate::{StoreError, Tx, corrupt};

/// A manufacturer's capacity of one product for one month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Capacity {
    /// Its id (kept when a later entry replaces the doses).
    pub id: i64,
    /// The manufacturer.
    pub manufacturer: PartyCode,
    /// The product.
    pub product: ProductCode,
    /// The month, `YYYY-MM`.
    pub month: String,
    /// Doses it can make that month.
    pub doses: i64,
    /// When first stated.
    pub created_at: Timestamp,
    /// When last stated.
    pub updated_at: Timestamp,
}

/// An offer of doses by a manufacturer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    /// Its id.
    pub id: i64,
    /// The offering manufacturer.
    pub manufacturer: PartyCode,
    /// The product.
    pub product: ProductCode,
    /// Doses offered.
    pub doses: i64,
    /// Doses in agreements made from it that are not cancelled.
    pub doses_taken: i64,
    /// Doses of delivered shipments of agreements made from it.
    pub doses_delivered: i64,
    /// The first day the doses can be delivered.
    pub available_from: NaiveDate,
    /// The last day.
    pub available_to: NaiveDate,
    /// The price of a dose, as written.
    pub price_per_dose: Option<String>,
    /// The price's currency (ISO 4217).
    pub currency: Option<String>,
    /// The party it is made to; `None`: every country and organization.
    pub to: Option<PartyCode>,
    /// Where it stands.
    pub state: OfferState,
    /// When it was made.
    pub created_at: Timestamp,
    /// When it last changed.
    pub updated_at: Timestamp,
}

/// An offer to record.
#[derive(Debug, Clone)]
pub struct NewOffer {
    /// The offering manufacturer.
    pub manufacturer: PartyCode,
    /// The product.
    pub product: ProductCode,
    /// Doses offered.
    pub doses: i64,
    /// The first day.
    pub available_from: NaiveDate,
    /// The last day.
    pub available_to: NaiveDate,
    /// The price of a dose, as written.
    pub price_per_dose: Option<String>,
    /// Its currency.
    pub currency: Option<String>,
    /// The party it is made to, if one.
    pub to: Option<PartyCode>,
}

/// An agreement to supply or donate doses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agreement {
    /// Its id.
    pub id: i64,
    /// Supply or donation.
    pub kind: AgreementKind,
    /// Who supplies the doses.
    pub supplier: PartyCode,
    /// Who receives them.
    pub recipient: PartyCode,
    /// Doses agreed.
    pub doses: i64,
    /// Doses of shipments planned against it and not cancelled.
    pub doses_planned: i64,
    /// Doses of its delivered shipments.
    pub doses_delivered: i64,
    /// The product, if one.
    pub product: Option<ProductCode>,
    /// The offer it came from, if any.
    pub offer: Option<i64>,
    /// The pledge it came from, if any.
    pub pledge: Option<i64>,
    /// The party that proposed it.
    pub proposed_by: PartyCode,
    /// Where it stands.
    pub state: AgreementState,
    /// When it was signed.
    pub signed_at: Option<Timestamp>,
    /// When it was made.
    pub created_at: Timestamp,
    /// When it last changed.
    pub updated_at: Timestamp,
}

/// An agreement to record.
#[derive(Debug, Clone)]
pub struct NewAgreement {
    /// Supply or donation.
    pub kind: AgreementKind,
    /// Who supplies.
    pub supplier: PartyCode,
    /// Who receives.
    pub recipient: PartyCode,
    /// Doses agreed.
    pub doses: i64,
    /// The product, if one.
    pub product: Option<ProductCode>,
    /// The offer it came from.
    pub offer: Option<i64>,
    /// The pledge it came from.
    pub pledge: Option<i64>,
    /// Who proposed it.
    pub proposed_by: PartyCode,
    /// `Proposed`, or `Signed` when made by accepting an offer.
    pub state: AgreementState,
}

/// A local-production partnership.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Partnership {
    /// Its id.
    pub id: i64,
    /// The manufacturer whose product it makes.
    pub manufacturer: PartyCode,
    /// The partner that produces locally.
    pub partner: PartyCode,
    /// The product.
    pub product: ProductCode,
    /// Where (a plant, a city).
    pub site: String,
    /// Fill-finish or technology transfer.
    pub kind: PartnershipKind,
    /// Doses a year once producing.
    pub capacity_per_year: i64,
    /// Where it stands.
    pub stage: PartnershipStage,
    /// Who proposed it.
    pub proposed_by: PartyCode,
    /// When it was proposed.
    pub created_at: Timestamp,
    /// When its stage last changed.
    pub updated_at: Timestamp,
}

/// A partnership to record, `proposed`.
#[derive(Debug, Clone)]
pub struct NewPartnership {
    /// The manufacturer.
    pub manufacturer: PartyCode,
    /// The partner.
    pub partner: PartyCode,
    /// The product.
    pub product: ProductCode,
    /// Where.
    pub site: String,
    /// Which kind.
    pub kind: PartnershipKind,
    /// Doses a year once producing.
    pub capacity_per_year: i64,
    /// Who proposed it.
    pub proposed_by: PartyCode,
}

/// A forum meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meeting {
    /// Its id.
    pub id: i64,
    /// The organization that recorded it.
    pub organization: PartyCode,
    /// Its title.
    pub title: String,
    /// The day it was held.
    pub date: NaiveDate,
    /// The parties that took part, by code.
    pub parties: Vec<PartyCode>,
    /// The commitments made there, in the order they were linked.
    pub outcomes: Vec<OutcomeLink>,
    /// When it was recorded.
    pub created_at: Timestamp,
    /// When it last changed.
    pub updated_at: Timestamp,
}

/// A commitment linked to a meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutcomeLink {
    /// `pledge`, `agreement`, `partnership` or `offer`.
    pub kind: String,
    /// The commitment's id.
    pub id: i64,
    /// When it was linked.
    pub linked_at: Timestamp,
}

/// Which of a list to read: after an id, at most so many, one filter per field.
#[derive(Debug, Clone, Default)]
pub struct AgreementFilter {
    /// Only in this state (its name).
    pub state: Option<String>,
    /// Only of this party (the manufacturer; the supplier).
    pub party: Option<PartyCode>,
    /// Only to this party (an offer's or an agreement's recipient).
    pub to: Option<PartyCode>,
    /// Only of this product.
    pub product: Option<ProductCode>,
    /// Only made from this offer.
    pub offer: Option<i64>,
    /// Only those this party may read; `None` for all.
    pub visible_to: Option<PartyCode>,
    /// With `visible_to`: also the offers open to all (the reader is a country).
    pub open_offers_too: bool,
    /// After this id.
    pub after: Option<i64>,
    /// At most this many.
    pub limit: i64,
}

fn product(row: &AnyRow, column: &str) -> Result<ProductCode, StoreError> {
    let text: String = row.try_get(column)?;
    ProductCode::parse(&text).map_err(corrupt)
}

fn optional_product(row: &AnyRow, column: &str) -> Result<Option<ProductCode>, StoreError> {
    let text: Option<String> = row.try_get(column)?;
    text.map(|code| ProductCode::parse(&code))
        .transpose()
        .map_err(corrupt)
}

fn optional_party(row: &AnyRow, column: &str) -> Result<Option<PartyCode>, StoreError> {
    let text: Option<String> = row.try_get(column)?;
    text.map(|code| PartyCode::parse(&code))
        .transpose()
        .map_err(corrupt)
}

fn capacity_from(row: &AnyRow) -> Result<Capacity, StoreError> {
    Ok(Capacity {
        id: row.try_get("id")?,
        manufacturer: party(row, "manufacturer")?,
        product: product(row, "product")?,
        month: row.try_get("month")?,
        doses: row.try_get("doses")?,
        created_at: stamp(row, "created_at")?,
        updated_at: stamp(row, "updated_at")?,
    })
}

// The sums are cast: PostgreSQL's SUM of BIGINT is NUMERIC, which the Any driver does not carry.
const OFFER_SELECT: &str = "SELECT o.id, o.manufacturer, o.product, o.doses, o.doses_taken, o.available_from, \
    o.available_to, o.price_per_dose, o.currency, o.recipient, o.state, o.created_at, o.updated_at, \
    CAST(COALESCE((SELECT SUM(s.doses) FROM shipments s JOIN agreements a ON a.id = s.agreement \
    WHERE a.offer = o.id AND s.state = 'delivered'), 0) AS BIGINT) AS doses_delivered FROM offers o";

fn offer_from(row: &AnyRow) -> Result<Offer, StoreError> {
    let state: String = row.try_get("state")?;
    Ok(Offer {
        id: row.try_get("id")?,
        manufacturer: party(row, "manufacturer")?,
        product: product(row, "product")?,
        doses: row.try_get("doses")?,
        doses_taken: row.try_get("doses_taken")?,
        doses_delivered: row.try_get("doses_delivered")?,
        available_from: day(row, "available_from")?,
        available_to: day(row, "available_to")?,
        price_per_dose: row.try_get("price_per_dose")?,
        currency: row.try_get("currency")?,
        to: optional_party(row, "recipient")?,
        state: OfferState::parse(&state).map_err(corrupt)?,
        created_at: stamp(row, "created_at")?,
        updated_at: stamp(row, "updated_at")?,
    })
}

const AGREEMENT_SELECT: &str = "SELECT a.id, a.kind, a.supplier, a.recipient, a.doses, a.doses_planned, a.product, \
    a.offer, a.pledge, a.proposed_by, a.state, a.signed_at, a.created_at, a.updated_at, \
    CAST(COALESCE((SELECT SUM(s.doses) FROM shipments s WHERE s.agreement = a.id AND s.state = 'delivered'), 0) AS BIGINT) \
    AS doses_delivered FROM agreements a";

fn agreement_from(row: &AnyRow) -> Result<Agreement, StoreError> {
    let kind: String = row.try_get("kind")?;
    let state: String = row.try_get("state")?;
    let signed_at: Option<String> = row.try_get("signed_at")?;
    Ok(Agreement {
        id: row.try_get("id")?,
        kind: AgreementKind::parse(&kind).map_err(corrupt)?,
        supplier: party(row, "supplier")?,
        recipient: party(row, "recipient")?,
        doses: row.try_get("doses")?,
        doses_planned: row.try_get("doses_planned")?,
        doses_delivered: row.try_get("doses_delivered")?,
        product: optional_product(row, "product")?,
        offer: row.try_get("offer")?,
        pledge: row.try_get("pledge")?,
        proposed_by: party(row, "proposed_by")?,
        state: AgreementState::parse(&state).map_err(corrupt)?,
        signed_at: signed_at
            .map(|text| Timestamp::parse(&text))
            .transpose()
            .map_err(corrupt)?,
        created_at: stamp(row, "created_at")?,
        updated_at: stamp(row, "updated_at")?,
    })
}

const PARTNERSHIP_SELECT: &str = "SELECT id, manufacturer, partner, product, site, kind, capacity_per_year, stage, \
    proposed_by, created_at, updated_at FROM partnerships";

fn partnership_from(row: &AnyRow) -> Result<Partnership, StoreError> {
    let kind: String = row.try_get("kind")?;
    let stage: String = row.try_get("stage")?;
    Ok(Partnership {
        id: row.try_get("id")?,
        manufacturer: party(row, "manufacturer")?,
        partner: party(row, "partner")?,
        product: product(row, "product")?,
        site: row.try_get("site")?,
        kind: PartnershipKind::parse(&kind).map_err(corrupt)?,
        capacity_per_year: row.try_get("capacity_per_year")?,
        stage: PartnershipStage::parse(&stage).map_err(corrupt)?,
        proposed_by: party(row, "proposed_by")?,
        created_at: stamp(row, "created_at")?,
        updated_at: stamp(row, "updated_at")?,
    })
}

impl Tx {
    /// States a manufacturer's capacity of a product for a month; a later entry for the same
    /// product and month replaces the doses (and keeps the id). Returns its id.
    pub async fn set_capacity(
        &self,
        manufacturer: &PartyCode,
        product: &ProductCode,
        month: &str,
        doses: i64,
        at: Timestamp,
    ) -> Result<i64, StoreError> {
        let mut connection = self.connection().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO capacities (manufacturer, product, month, doses, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $5) \
             ON CONFLICT (product, month) DO UPDATE SET doses = excluded.doses, updated_at = excluded.updated_at \
             RETURNING id",
        )
        .bind(manufacturer.as_str())
        .bind(product.as_str())
        .bind(month)
        .bind(doses)
        .bind(at.to_string())
        .fetch_one(&mut *connection)
        .await?;
        Ok(id)
    }

    /// The capacity entry with this id.
    pub async fn capacity(&self, id: i64) -> Result<Option<Capacity>, StoreError> {
        let mut connection = self.connection().await?;
        let row = sqlx::query(
            "SELECT id, manufacturer, product, month, doses, created_at, updated_at FROM capacities WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&mut *connection)
        .await?;
        row.as_ref().map(capacity_from).transpose()
    }

    /// Capacity entries by id, of a manufacturer and a product if given.
    pub async fn capacities(
        &self,
        manufacturer: Option<&PartyCode>,
        product: Option<&ProductCode>,
        after: Option<i64>,
        limit: i64,
    ) -> Result<Vec<Capacity>, StoreError> {
        let mut connection = self.connection().await?;
        let rows = sqlx::query(
            "SELECT id, manufacturer, product, month, doses, created_at, updated_at FROM capacities \
             WHERE (CAST($1 AS TEXT) IS NULL OR manufacturer = $1) AND (CAST($2 AS TEXT) IS NULL OR product = $2) \
             AND (CAST($3 AS BIGINT) IS NULL OR id > $3) ORDER BY id LIMIT $4",
        )
        .bind(manufacturer.map(PartyCode::as_str))
        .bind(product.map(ProductCode::as_str))
        .bind(after)
        .bind(limit)
        .fetch_all(&mut *connection)
        .await?;
        rows.iter().map(capacity_from).collect()
    }

    /// Records an offer, `open`.
    pub async fn create_offer(&self, offer: &NewOffer, at: Timestamp) -> Result<i64, StoreError> {
        let mut connection = self.connection().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO offers (manufacturer, product, doses, available_from, available_to, price_per_dose, currency, \
             recipient, state, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', $9, $9) RETURNING id",
        )
        .bind(offer.manufacturer.as_str())
        .bind(offer.product.as_str())
        .bind(offer.doses)
        .bind(offer.available_from.to_string())
        .bind(offer.available_to.to_string())
        .bind(offer.price_per_dose.as_deref())
        .bind(offer.currency.as_deref())
        .bind(offer.to.as_ref().map(PartyCode::as_str))
        .bind(at.to_string())
        .fetch_one(&mut *connection)
        .await?;
        Ok(id)
    }

    /// The offer with this id.
    pub async fn offer(&self, id: i64) -> Result<Option<Offer>, StoreError> {
        let mut connection = self.connection().await?;
        let sql = format!("{OFFER_SELECT} WHERE o.id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&mut *connection)
            .await?;
        row.as_ref().map(offer_from).transpose()
    }

    /// Offers by id, as `filter` says (`party`: the manufacturer; `to`: the party it is made to).
    pub async fn offers(&self, filter: &AgreementFilter) -> Result<Vec<Offer>, StoreError> {
        let mut connection = self.connection().await?;
        let sql = format!(
            "{OFFER_SELECT} WHERE (CAST($1 AS TEXT) IS NULL OR o.state = $1) AND (CAST($2 AS TEXT) IS NULL OR o.manufacturer = $2) \
             AND (CAST($3 AS TEXT) IS NULL OR o.recipient = $3) AND (CAST($4 AS TEXT) IS NULL OR o.product = $4) \
             AND (CAST($5 AS TEXT) IS NULL OR o.manufacturer = $5 OR o.recipient = $5 OR ($6 = 1 AND o.recipient IS NULL)) \
             AND (CAST($7 AS BIGINT) IS NULL OR o.id > $7) ORDER BY o.id LIMIT $8"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(filter.state.as_deref())
            .bind(filter.party.as_ref().map(PartyCode::as_str))
            .bind(filter.to.as_ref().map(PartyCode::as_str))
            .bind(filter.product.as_ref().map(ProductCode::as_str))
            .bind(filter.visible_to.as_ref().map(PartyCode::as_str))
            .bind(i64::from(filter.open_offers_too))
            .bind(filter.after)
            .bind(filter.limit)
            .fetch_all(&mut *connection)
            .await?;
        rows.iter().map(offer_from).collect()
    }

    /// Takes `doses` of an open offer for an agreement, if that many are left, and moves the
    /// offer to `accepted` when none are; false when it is not open or too few are left (a
    /// concurrent accept came first). One conditional statement, so that concurrent accepts
    /// never take more than the offer holds.
    pub async fn take_offer_doses(
        &self,
        id: i64,
        doses: i64,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        let mut connection = self.connection().await?;
        let done = sqlx::query(
            "UPDATE offers SET doses_taken = doses_taken + $1, \
             state = CASE WHEN doses_taken + $1 = doses THEN 'accepted' ELSE state END, updated_at = $2 \
             WHERE id = $3 AND state = 'open' AND doses - doses_taken >= $1",
        )
        .bind(doses)
        .bind(at.to_string())
        .bind(id)
        .execute(&mut *connection)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Gives back to an offer the doses of a cancelled agreement made from it; an accepted
    /// offer whose doses come back is open again (unless withdrawn or declined meanwhile).
    pub async fn return_offer_doses(
        &self,
        id: i64,
        doses: i64,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        let mut connection = self.connection().await?;
        sqlx::query(
            "UPDATE offers SET doses_taken = doses_taken - $1, \
             state = CASE WHEN state = 'accepted' THEN 'open' ELSE state END, updated_at = $2 WHERE id = $3",
        )
        .bind(doses)
        .bind(at.to_string())
        .bind(id)
        .execute(&mut *connection)
        .await?;
        Ok(())
    }

    /// Moves an offer from `from` to `to`; false when it was not in `from`.
    pub async fn set_offer_state(
        &self,
        id: i64,
        from: OfferState,
        to: OfferState,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        self.transition("offers", id, from.as_str(), to.as_str(), at)
            .await
    }

    /// Records an agreement.
    pub async fn create_agreement(
        &self,
        agreement: &NewAgreement,
        at: Timestamp,
    ) -> Result<i64, StoreError> {
        let mut connection = self.connection().await?;
        let signed = (agreement.state == AgreementState::Signed).then(|| at.to_string());
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO agreements (kind, supplier, recipient, doses, product, offer, pledge, proposed_by, state, \
             signed_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id",
        )
        .bind(agreement.kind.as_str())
        .bind(agreement.supplier.as_str())
        .bind(agreement.recipient.as_str())
        .bind(agreement.doses)
        .bind(agreement.product.as_ref().map(ProductCode::as_str))
        .bind(agreement.offer)
        .bind(agreement.pledge)
        .bind(agreement.proposed_by.as_str())
        .bind(agreement.state.as_str())
        .bind(signed)
        .bind(at.to_string())
        .fetch_one(&mut *connection)
        .await?;
        Ok(id)
    }

    /// The agreement with this id.
    pub async fn agreement(&self, id: i64) -> Result<Option<Agreement>, StoreError> {
        let mut connection = self.connection().await?;
        let sql = format!("{AGREEMENT_SELECT} WHERE a.id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&mut *connection)
            .await?;
        row.as_ref().map(agreement_from).transpose()
    }

    /// Agreements by id, as `filter` says (`party`: the supplier; `to`: the recipient).
    pub async fn agreements(&self, filter: &AgreementFilter) -> Result<Vec<Agreement>, StoreError> {
        let mut connection = self.connection().await?;
        let sql = format!(
            "{AGREEMENT_SELECT} WHERE (CAST($1 AS TEXT) IS NULL OR a.state = $1) AND (CAST($2 AS TEXT) IS NULL OR a.supplier = $2) \
             AND (CAST($3 AS TEXT) IS NULL OR a.recipient = $3) AND (CAST($4 AS BIGINT) IS NULL OR a.offer = $4) \
             AND (CAST($5 AS TEXT) IS NULL OR a.supplier = $5 OR a.recipient = $5) \
             AND (CAST($6 AS BIGINT) IS NULL OR a.id > $6) ORDER BY a.id LIMIT $7"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(filter.state.as_deref())
            .bind(filter.party.as_ref().map(PartyCode::as_str))
            .bind(filter.to.as_ref().map(PartyCode::as_str))
            .bind(filter.offer)
            .bind(filter.visible_to.as_ref().map(PartyCode::as_str))
            .bind(filter.after)
            .bind(filter.limit)
            .fetch_all(&mut *connection)
            .await?;
        rows.iter().map(agreement_from).collect()
    }

    /// Signs a proposed agreement; false when it was no longer proposed.
    pub async fn sign_agreement(&self, id: i64, at: Timestamp) -> Result<bool, StoreError> {
        let mut connection = self.connection().await?;
        let done = sqlx::query(
            "UPDATE agreements SET state = 'signed', signed_at = $1, updated_at = $1 WHERE id = $2 AND state = 'proposed'",
        )
        .bind(at.to_string())
        .bind(id)
        .execute(&mut *connection)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Cancels an agreement in `from` that has no shipment planned against it; false when it
    /// was not in `from` or a shipment came first.
    pub async fn cancel_agreement(
        &self,
        id: i64,
        from: AgreementState,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        let mut connection = self.connection().await?;
        let done = sqlx::query(
            "UPDATE agreements SET state = 'cancelled', updated_at = $1 WHERE id = $2 AND state = $3 AND doses_planned = 0",
        )
        .bind(at.to_string())
        .bind(id)
        .bind(from.as_str())
        .execute(&mut *connection)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Moves an agreement from `from` to `to`; false when it was not in `from`.
    pub async fn set_agreement_state(
        &self,
        id: i64,
        from: AgreementState,
        to: AgreementState,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        self.transition("agreements", id, from.as_str(), to.as_str(), at)
            .await
    }

    /// Plans `doses` against a signed agreement, if that many are not yet planned; false when
    /// it is not signed or too few are left. Negative `doses` give doses back (a cancelled
    /// shipment).
    pub async fn plan_agreement_doses(
        &self,
        id: i64,
        doses: i64,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        let mut connection = self.connection().await?;
        let done = sqlx::query(
            "UPDATE agreements SET doses_planned = doses_planned + $1, updated_at = $2 \
             WHERE id = $3 AND (($1 > 0 AND state = 'signed' AND doses - doses_planned >= $1) OR ($1 < 0 AND doses_planned + $1 >= 0))",
        )
        .bind(doses)
        .bind(at.to_string())
        .bind(id)
        .execute(&mut *connection)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Records a partnership, `proposed`.
    pub async fn create_partnership(
        &self,
        partnership: &NewPartnership,
        at: Timestamp,
    ) -> Result<i64, StoreError> {
        let mut connection = self.connection().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO partnerships (manufacturer, partner, product, site, kind, capacity_per_year, stage, proposed_by, \
             created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 'proposed', $7, $8, $8) RETURNING id",
        )
        .bind(partnership.manufacturer.as_str())
        .bind(partnership.partner.as_str())
        .bind(partnership.product.as_str())
        .bind(partnership.site.as_str())
        .bind(partnership.kind.as_str())
        .bind(partnership.capacity_per_year)
        .bind(partnership.proposed_by.as_str())
        .bind(at.to_string())
        .fetch_one(&mut *connection)
        .await?;
        Ok(id)
    }

    /// The partnership with this id.
    pub async fn partnership(&self, id: i64) -> Result<Option<Partnership>, StoreError> {
        let mut connection = self.connection().await?;
        let sql = format!("{PARTNERSHIP_SELECT} WHERE id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&mut *connection)
            .await?;
        row.as_ref().map(partnership_from).transpose()
    }

    /// Partnerships by id, at a stage and of a party (either side) if given.
    pub async fn partnerships(
        &self,
        stage: Option<PartnershipStage>,
        party: Option<&PartyCode>,
        after: Option<i64>,
        limit: i64,
    ) -> Result<Vec<Partnership>, StoreError> {
        let mut connection = self.connection().await?;
        let sql = format!(
            "{PARTNERSHIP_SELECT} WHERE (CAST($1 AS TEXT) IS NULL OR stage = $1) \
             AND (CAST($2 AS TEXT) IS NULL OR manufacturer = $2 OR partner = $2) \
             AND (CAST($3 AS BIGINT) IS NULL OR id > $3) ORDER BY id LIMIT $4"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(stage.map(PartnershipStage::as_str))
            .bind(party.map(PartyCode::as_str))
            .bind(after)
            .bind(limit)
            .fetch_all(&mut *connection)
            .await?;
        rows.iter().map(partnership_from).collect()
    }

    /// Moves a partnership from `from` to `to`; false when it was not at `from`.
    pub async fn set_partnership_stage(
        &self,
        id: i64,
        from: PartnershipStage,
        to: PartnershipStage,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        let mut connection = self.connection().await?;
        let done = sqlx::query(
            "UPDATE partnerships SET stage = $1, updated_at = $2 WHERE id = $3 AND stage = $4",
        )
        .bind(to.as_str())
        .bind(at.to_string())
        .bind(id)
        .bind(from.as_str())
        .execute(&mut *connection)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Records a meeting of `organization` with its parties.
    pub async fn create_meeting(
        &self,
        organization: &PartyCode,
        title: &str,
        date: NaiveDate,
        parties: &[PartyCode],
        at: Timestamp,
    ) -> Result<i64, StoreError> {
        let mut connection = self.connection().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO meetings (organization, title, held_on, created_at, updated_at) VALUES ($1, $2, $3, $4, $4) RETURNING id",
        )
        .bind(organization.as_str())
        .bind(title)
        .bind(date.to_string())
        .bind(at.to_string())
        .fetch_one(&mut *connection)
        .await?;
        for party in parties {
            sqlx::query("INSERT INTO meeting_parties (meeting, party) VALUES ($1, $2)")
                .bind(id)
                .bind(party.as_str())
                .execute(&mut *connection)
                .await?;
        }
        Ok(id)
    }

    /// Links a commitment to a meeting; false when it was linked already.
    pub async fn link_outcome(
        &self,
        meeting: i64,
        kind: &str,
        id: i64,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        let mut connection = self.connection().await?;
        let done = sqlx::query(
            "INSERT INTO meeting_outcomes (meeting, kind, object_id, linked_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (meeting, kind, object_id) DO NOTHING",
        )
        .bind(meeting)
        .bind(kind)
        .bind(id)
        .bind(at.to_string())
        .execute(&mut *connection)
        .await?;
        if done.rows_affected() == 1 {
            sqlx::query("UPDATE meetings SET updated_at = $1 WHERE id = $2")
                .bind(at.to_string())
                .bind(meeting)
                .execute(&mut *connection)
                .await?;
        }
        Ok(done.rows_affected() == 1)
    }

    /// The meeting with this id, with its parties and outcomes.
    pub async fn meeting(&self, id: i64) -> Result<Option<Meeting>, StoreError> {
        Ok(self.meetings(Some(id), None, 1).await?.pop())
    }

    /// Meetings by id (one, or those after `after`), with their parties and outcomes.
    pub async fn meetings(
        &self,
        only: Option<i64>,
        after: Option<i64>,
        limit: i64,
    ) -> Result<Vec<Meeting>, StoreError> {
        let mut connection = self.connection().await?;
        let rows = sqlx::query(
            "SELECT id, organization, title, held_on, created_at, updated_at FROM meetings \
             WHERE (CAST($1 AS BIGINT) IS NULL OR id = $1) AND (CAST($2 AS BIGINT) IS NULL OR id > $2) ORDER BY id LIMIT $3",
        )
        .bind(only)
        .bind(after)
        .bind(limit)
        .fetch_all(&mut *connection)
        .await?;
        let mut meetings = Vec::with_capacity(rows.len());
        for row in &rows {
            let id: i64 = row.try_get("id")?;
            let parties =
                sqlx::query("SELECT party FROM meeting_parties WHERE meeting = $1 ORDER BY party")
                    .bind(id)
                    .fetch_all(&mut *connection)
                    .await?
                    .iter()
                    .map(|row| party(row, "party"))
                    .collect::<Result<Vec<_>, _>>()?;
            let outcomes = sqlx::query(
                "SELECT kind, object_id, linked_at FROM meeting_outcomes WHERE meeting = $1 ORDER BY id",
            )
            .bind(id)
            .fetch_all(&mut *connection)
            .await?
            .iter()
            .map(|row| {
                Ok(OutcomeLink {
                    kind: row.try_get("kind")?,
                    id: row.try_get("object_id")?,
                    linked_at: stamp(row, "linked_at")?,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
            meetings.push(Meeting {
                id,
                organization: party(row, "organization")?,
                title: row.try_get("title")?,
                date: day(row, "held_on")?,
                parties,
                outcomes,
                created_at: stamp(row, "created_at")?,
                updated_at: stamp(row, "updated_at")?,
            });
        }
        Ok(meetings)
    }
}
