//! Requests, pledges and shipments in the store. What was allocated and delivered against a
//! request or a pledge is summed from its shipments in the same query, never stored.

use chrono::NaiveDate;
use domain::cooperation::pledge::PledgeState;
use domain::cooperation::request::RequestState;
use domain::cooperation::shipment::ShipmentState;
use domain::ledger::{LotId, PartyCode};
use domain::party::ProductCode;
use domain::time::Timestamp;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::reference::parse_day;
use crate::{StoreError, Tx, corrupt};

/// A country's request for doses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// Its id.
    pub id: i64,
    /// The requesting country.
    pub country: PartyCode,
    /// Where it stands.
    pub state: RequestState,
    /// Doses asked for.
    pub doses: i64,
    /// The day they are needed by.
    pub needed_by: NaiveDate,
    /// The products the country accepts; `None` for any.
    pub products: Option<Vec<ProductCode>>,
    /// The shelf life a lot must have left on arrival, in days.
    pub min_shelf_life_days: Option<i64>,
    /// Doses the country can administer per day.
    pub absorption_per_day: Option<i64>,
    /// Days from a round's date to the doses' arrival.
    pub lead_time_days: Option<i64>,
    /// Doses per 100 people the country aims at, as written.
    pub target_per_100: Option<String>,
    /// A note.
    pub note: Option<String>,
    /// Doses of shipments linked to it that are planned, in transit or delivered.
    pub doses_allocated: i64,
    /// Doses of its delivered shipments.
    pub doses_delivered: i64,
    /// When it was made.
    pub created_at: Timestamp,
    /// When it last changed.
    pub updated_at: Timestamp,
}

/// A request to record.
#[derive(Debug, Clone)]
pub struct NewRequest {
    /// The requesting country.
    pub country: PartyCode,
    /// Doses asked for.
    pub doses: i64,
    /// The day they are needed by.
    pub needed_by: NaiveDate,
    /// The products the country accepts; `None` for any.
    pub products: Option<Vec<ProductCode>>,
    /// The shelf life a lot must have left on arrival, in days.
    pub min_shelf_life_days: Option<i64>,
    /// Doses the country can administer per day.
    pub absorption_per_day: Option<i64>,
    /// Days from a round's date to the doses' arrival.
    pub lead_time_days: Option<i64>,
    /// Doses per 100 people the country aims at, as written.
    pub target_per_100: Option<String>,
    /// A note.
    pub note: Option<String>,
}

/// A pledge of doses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pledge {
    /// Its id.
    pub id: i64,
    /// Who promises.
    pub donor: PartyCode,
    /// To whom: a country, or an organization's pool.
    pub to: PartyCode,
    /// Doses promised.
    pub doses: i64,
    /// The day they are promised by.
    pub by: NaiveDate,
    /// The product promised, if one.
    pub product: Option<ProductCode>,
    /// A note.
    pub note: Option<String>,
    /// Where it stands.
    pub state: PledgeState,
    /// Doses of delivered shipments linked to it.
    pub doses_delivered: i64,
    /// When it was made.
    pub created_at: Timestamp,
    /// When it last changed.
    pub updated_at: Timestamp,
}

/// A pledge to record.
#[derive(Debug, Clone)]
pub struct NewPledge {
    /// Who promises.
    pub donor: PartyCode,
    /// To whom.
    pub to: PartyCode,
    /// Doses promised.
    pub doses: i64,
    /// The day they are promised by.
    pub by: NaiveDate,
    /// The product promised, if one.
    pub product: Option<ProductCode>,
    /// A note.
    pub note: Option<String>,
}

/// Pledged and delivered doses of one donor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fulfilment {
    /// The donor.
    pub donor: PartyCode,
    /// Doses of its pledges (withdrawn ones excepted).
    pub doses_pledged: i64,
    /// Doses of delivered shipments linked to its pledges.
    pub doses_delivered: i64,
}

/// A shipment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shipment {
    /// Its id.
    pub id: i64,
    /// The lot.
    pub lot: LotId,
    /// Who sends the doses.
    pub from: PartyCode,
    /// Who receives them.
    pub to: PartyCode,
    /// How many.
    pub doses: i64,
    /// Where it stands.
    pub state: ShipmentState,
    /// The pledge it fulfils, if any.
    pub pledge: Option<i64>,
    /// The request it serves, if any.
    pub request: Option<i64>,
    /// The agreement it fulfils, if any.
    pub agreement: Option<i64>,
    /// The round it comes from, if any.
    pub round: Option<i64>,
    /// The ledger movements it made, oldest first.
    pub movements: Vec<i64>,
    /// When it was planned.
    pub created_at: Timestamp,
    /// When it last changed.
    pub updated_at: Timestamp,
}

/// A shipment to record (its movements are linked as they are made).
#[derive(Debug, Clone)]
pub struct NewShipment {
    /// The lot.
    pub lot: LotId,
    /// Who sends the doses.
    pub from: PartyCode,
    /// Who receives them.
    pub to: PartyCode,
    /// How many.
    pub doses: i64,
    /// The pledge it fulfils, if any.
    pub pledge: Option<i64>,
    /// The request it serves, if any.
    pub request: Option<i64>,
    /// The agreement it fulfils, if any.
    pub agreement: Option<i64>,
    /// The round it comes from, if any.
    pub round: Option<i64>,
}

/// Which of a list to read: after an id, at most so many, and one filter per field.
#[derive(Debug, Clone, Default)]
pub struct CooperationFilter {
    /// Only in this state (its name).
    pub state: Option<String>,
    /// Only of this party (the requesting country; the donor; the holder).
    pub party: Option<PartyCode>,
    /// Only to this party (the pledge's or the shipment's recipient).
    pub to: Option<PartyCode>,
    /// Only linked to this pledge.
    pub pledge: Option<i64>,
    /// Only linked to this agreement.
    pub agreement: Option<i64>,
    /// Only from this round.
    pub round: Option<i64>,
    /// Only those this party may read (as one of their parties); `None` for all.
    pub visible_to: Option<PartyCode>,
    /// After this id.
    pub after: Option<i64>,
    /// At most this many.
    pub limit: i64,
}

pub(crate) fn stamp(row: &AnyRow, column: &str) -> Result<Timestamp, StoreError> {
    let text: String = row.try_get(column)?;
    Timestamp::parse(&text).map_err(corrupt)
}

pub(crate) fn party(row: &AnyRow, column: &str) -> Result<PartyCode, StoreError> {
    let text: String = row.try_get(column)?;
    PartyCode::parse(&text).map_err(corrupt)
}

pub(crate) fn day(row: &AnyRow, column: &str) -> Result<NaiveDate, StoreError> {
    let text: String = row.try_get(column)?;
    parse_day(&text)
}

// The sums are cast: PostgreSQL's SUM of BIGINT is NUMERIC, which the Any driver does not carry.
const REQUEST_SELECT: &str = "SELECT r.id, r.country, r.state, r.doses, r.needed_by, r.products, \
    r.min_shelf_life_days, r.absorption_per_day, r.lead_time_days, r.target_per_100, r.note, \
    r.created_at, r.updated_at, \
    CAST(COALESCE((SELECT SUM(s.doses) FROM shipments s WHERE s.request = r.id AND s.state <> 'cancelled'), 0) AS BIGINT) AS doses_allocated, \
    CAST(COALESCE((SELECT SUM(s.doses) FROM shipments s WHERE s.request = r.id AND s.state = 'delivered'), 0) AS BIGINT) AS doses_delivered \
    FROM requests r";

fn request_from(row: &AnyRow) -> Result<Request, StoreError> {
    let state: String = row.try_get("state")?;
    let products = products_of(row.try_get("products")?)?;
    Ok(Request {
        id: row.try_get("id")?,
        country: party(row, "country")?,
        state: RequestState::parse(&state).map_err(corrupt)?,
        doses: row.try_get("doses")?,
        needed_by: day(row, "needed_by")?,
        products,
        min_shelf_life_days: row.try_get("min_shelf_life_days")?,
        absorption_per_day: row.try_get("absorption_per_day")?,
        lead_time_days: row.try_get("lead_time_days")?,
        target_per_100: row.try_get("target_per_100")?,
        note: row.try_get("note")?,
        doses_allocated: row.try_get("doses_allocated")?,
        doses_delivered: row.try_get("doses_delivered")?,
        created_at: stamp(row, "created_at")?,
        updated_at: stamp(row, "updated_at")?,
    })
}

const PLEDGE_SELECT: &str = "SELECT p.id, p.donor, p.recipient, p.doses, p.due_by, p.product, p.note, p.state, \
    p.created_at, p.updated_at, \
    CAST(COALESCE((SELECT SUM(s.doses) FROM shipments s WHERE s.pledge = p.id AND s.state = 'delivered'), 0) AS BIGINT) AS doses_delivered \
    FROM pledges p";

fn pledge_from(row: &AnyRow) -> Result<Pledge, StoreError> {
    let state: String = row.try_get("state")?;
    let product: Option<String> = row.try_get("product")?;
    Ok(Pledge {
        id: row.try_get("id")?,
        donor: party(row, "donor")?,
        to: party(row, "recipient")?,
        doses: row.try_get("doses")?,
        by: day(row, "due_by")?,
        product: product
            .map(|code| ProductCode::parse(&code))
            .transpose()
            .map_err(corrupt)?,
        note: row.try_get("note")?,
        state: PledgeState::parse(&state).map_err(corrupt)?,
        doses_delivered: row.try_get("doses_delivered")?,
        created_at: stamp(row, "created_at")?,
        updated_at: stamp(row, "updated_at")?,
    })
}

const SHIPMENT_SELECT: &str = "SELECT s.id, s.lot, s.holder, s.recipient, s.doses, s.state, s.pledge, s.request, \
    s.agreement, s.round, s.created_at, s.updated_at FROM shipments s";

fn shipment_from(row: &AnyRow) -> Result<Shipment, StoreError> {
    let state: String = row.try_get("state")?;
    Ok(Shipment {
        id: row.try_get("id")?,
        lot: LotId(row.try_get("lot")?),
        from: party(row, "holder")?,
        to: party(row, "recipient")?,
        doses: row.try_get("doses")?,
        state: ShipmentState::parse(&state).map_err(corrupt)?,
        pledge: row.try_get("pledge")?,
        request: row.try_get("request")?,
        agreement: row.try_get("agreement")?,
        round: row.try_get("round")?,
        movements: Vec::new(),
        created_at: stamp(row, "created_at")?,
        updated_at: stamp(row, "updated_at")?,
    })
}

impl Tx {
    /// Records a request, `open`.
    pub async fn create_request(
        &self,
        request: &NewRequest,
        at: Timestamp,
    ) -> Result<i64, StoreError> {
        let products = request
            .products
            .as_ref()
            .map(|codes| {
                serde_json::to_string(&codes.iter().map(ProductCode::as_str).collect::<Vec<_>>())
            })
            .transpose()
            .map_err(corrupt)?;
        let mut connection = self.connection().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO requests (country, state, doses, needed_by, products, min_shelf_life_days, absorption_per_day, \
             lead_time_days, target_per_100, note, created_at, updated_at) \
             VALUES ($1, 'open', $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
        )
        .bind(request.country.as_str())
        .bind(request.doses)
        .bind(request.needed_by.to_string())
        .bind(products)
        .bind(request.min_shelf_life_days)
        .bind(request.absorption_per_day)
        .bind(request.lead_time_days)
        .bind(request.target_per_100.as_deref())
        .bind(request.note.as_deref())
        .bind(at.to_string())
        .fetch_one(&mut *connection)
        .await?;
        Ok(id)
    }

    /// The request with this id.
    pub async fn request(&self, id: i64) -> Result<Option<Request>, StoreError> {
        let mut connection = self.connection().await?;
        let sql = format!("{REQUEST_SELECT} WHERE r.id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&mut *connection)
            .await?;
        row.as_ref().map(request_from).transpose()
    }

    /// Requests by id, as `filter` says (`party`: the country).
    pub async fn requests(&self, filter: &CooperationFilter) -> Result<Vec<Request>, StoreError> {
        let mut connection = self.connection().await?;
        let sql = format!(
            "{REQUEST_SELECT} WHERE (CAST($1 AS TEXT) IS NULL OR r.state = $1) AND (CAST($2 AS TEXT) IS NULL OR r.country = $2) \
             AND (CAST($3 AS TEXT) IS NULL OR r.country = $3) AND (CAST($4 AS BIGINT) IS NULL OR r.id > $4) ORDER BY r.id LIMIT $5"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(filter.state.as_deref())
            .bind(filter.party.as_ref().map(PartyCode::as_str))
            .bind(filter.visible_to.as_ref().map(PartyCode::as_str))
            .bind(filter.after)
            .bind(filter.limit)
            .fetch_all(&mut *connection)
            .await?;
        rows.iter().map(request_from).collect()
    }

    /// Moves a request from `from` to `to` at `at`; false when it was not in `from`
    /// (a concurrent change came first).
    pub async fn set_request_state(
        &self,
        id: i64,
        from: RequestState,
        to: RequestState,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        self.transition("requests", id, from.as_str(), to.as_str(), at)
            .await
    }

    /// Records a pledge, `open`.
    pub async fn create_pledge(
        &self,
        pledge: &NewPledge,
        at: Timestamp,
    ) -> Result<i64, StoreError> {
        let mut connection = self.connection().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO pledges (donor, recipient, doses, due_by, product, note, state, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, 'open', $7, $7) RETURNING id",
        )
        .bind(pledge.donor.as_str())
        .bind(pledge.to.as_str())
        .bind(pledge.doses)
        .bind(pledge.by.to_string())
        .bind(pledge.product.as_ref().map(ProductCode::as_str))
        .bind(pledge.note.as_deref())
        .bind(at.to_string())
        .fetch_one(&mut *connection)
        .await?;
        Ok(id)
    }

    /// The pledge with this id.
    pub async fn pledge(&self, id: i64) -> Result<Option<Pledge>, StoreError> {
        let mut connection = self.connection().await?;
        let sql = format!("{PLEDGE_SELECT} WHERE p.id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&mut *connection)
            .await?;
        row.as_ref().map(pledge_from).transpose()
    }

    /// Pledges by id, as `filter` says (`party`: the donor; `to`: the recipient).
    pub async fn pledges(&self, filter: &CooperationFilter) -> Result<Vec<Pledge>, StoreError> {
        let mut connection = self.connection().await?;
        let sql = format!(
            "{PLEDGE_SELECT} WHERE (CAST($1 AS TEXT) IS NULL OR p.state = $1) AND (CAST($2 AS TEXT) IS NULL OR p.donor = $2) \
             AND (CAST($3 AS TEXT) IS NULL OR p.recipient = $3) AND (CAST($4 AS BIGINT) IS NULL OR p.id > $4) ORDER BY p.id LIMIT $5"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(filter.state.as_deref())
            .bind(filter.party.as_ref().map(PartyCode::as_str))
            .bind(filter.to.as_ref().map(PartyCode::as_str))
            .bind(filter.after)
            .bind(filter.limit)
            .fetch_all(&mut *connection)
            .await?;
        rows.iter().map(pledge_from).collect()
    }

    /// Moves a pledge from `from` to `to` at `at`; false when it was not in `from`.
    pub async fn set_pledge_state(
        &self,
        id: i64,
        from: PledgeState,
        to: PledgeState,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        self.transition("pledges", id, from.as_str(), to.as_str(), at)
            .await
    }

    /// Holds an open pledge for the rest of the transaction (a row lock on PostgreSQL; SQLite's
    /// writer is alone anyway), so that a withdrawal cannot slip in between; false when the
    /// pledge is not open.
    pub async fn hold_open_pledge(&self, id: i64) -> Result<bool, StoreError> {
        let mut connection = self.connection().await?;
        let done = sqlx::query(
            "UPDATE pledges SET updated_at = updated_at WHERE id = $1 AND state = 'open'",
        )
        .bind(id)
        .execute(&mut *connection)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Doses of the shipments linked to a pledge that are not cancelled.
    pub async fn pledge_doses_shipped(&self, id: i64) -> Result<i64, StoreError> {
        let mut connection = self.connection().await?;
        let doses: i64 = sqlx::query_scalar(
            "SELECT CAST(COALESCE(SUM(doses), 0) AS BIGINT) FROM shipments WHERE pledge = $1 AND state <> 'cancelled'",
        )
        .bind(id)
        .fetch_one(&mut *connection)
        .await?;
        Ok(doses)
    }

    /// Pledged (withdrawn pledges excepted) and delivered doses, one row per donor, by code.
    pub async fn pledge_fulfilment(&self) -> Result<Vec<Fulfilment>, StoreError> {
        let mut connection = self.connection().await?;
        let rows = sqlx::query(
            "SELECT p.donor, \
               CAST(SUM(CASE WHEN p.state <> 'withdrawn' THEN p.doses ELSE 0 END) AS BIGINT), \
               CAST(COALESCE(SUM((SELECT SUM(s.doses) FROM shipments s WHERE s.pledge = p.id AND s.state = 'delivered')), 0) AS BIGINT) \
             FROM pledges p GROUP BY p.donor ORDER BY p.donor",
        )
        .fetch_all(&mut *connection)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(Fulfilment {
                    donor: party(row, "donor")?,
                    doses_pledged: row.try_get(1)?,
                    doses_delivered: row.try_get(2)?,
                })
            })
            .collect()
    }

    /// Records a shipment, `planned` (the caller reserves its doses in the same transaction).
    pub async fn create_shipment(
        &self,
        shipment: &NewShipment,
        at: Timestamp,
    ) -> Result<i64, StoreError> {
        let mut connection = self.connection().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO shipments (lot, holder, recipient, doses, state, pledge, request, agreement, round, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, 'planned', $5, $6, $7, $8, $9, $9) RETURNING id",
        )
        .bind(shipment.lot.0)
        .bind(shipment.from.as_str())
        .bind(shipment.to.as_str())
        .bind(shipment.doses)
        .bind(shipment.pledge)
        .bind(shipment.request)
        .bind(shipment.agreement)
        .bind(shipment.round)
        .bind(at.to_string())
        .fetch_one(&mut *connection)
        .await?;
        Ok(id)
    }

    /// The shipment with this id, with its movements.
    pub async fn shipment(&self, id: i64) -> Result<Option<Shipment>, StoreError> {
        let mut connection = self.connection().await?;
        let sql = format!("{SHIPMENT_SELECT} WHERE s.id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&mut *connection)
            .await?;
        let Some(mut shipment) = row.as_ref().map(shipment_from).transpose()? else {
            return Ok(None);
        };
        shipment.movements = sqlx::query_scalar(
            "SELECT movement FROM shipment_movements WHERE shipment = $1 ORDER BY movement",
        )
        .bind(id)
        .fetch_all(&mut *connection)
        .await?;
        Ok(Some(shipment))
    }

    /// Shipments by id, as `filter` says (`party`: the holder), each with its movements.
    pub async fn shipments(&self, filter: &CooperationFilter) -> Result<Vec<Shipment>, StoreError> {
        let mut connection = self.connection().await?;
        let sql = format!(
            "{SHIPMENT_SELECT} WHERE (CAST($1 AS TEXT) IS NULL OR s.state = $1) AND (CAST($2 AS TEXT) IS NULL OR s.holder = $2) \
             AND (CAST($3 AS TEXT) IS NULL OR s.recipient = $3) AND (CAST($4 AS BIGINT) IS NULL OR s.pledge = $4) \
             AND (CAST($5 AS BIGINT) IS NULL OR s.agreement = $5) AND (CAST($6 AS BIGINT) IS NULL OR s.round = $6) \
             AND (CAST($7 AS TEXT) IS NULL OR s.holder = $7 OR s.recipient = $7) \
             AND (CAST($8 AS BIGINT) IS NULL OR s.id > $8) ORDER BY s.id LIMIT $9"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(filter.state.as_deref())
            .bind(filter.party.as_ref().map(PartyCode::as_str))
            .bind(filter.to.as_ref().map(PartyCode::as_str))
            .bind(filter.pledge)
            .bind(filter.agreement)
            .bind(filter.round)
            .bind(filter.visible_to.as_ref().map(PartyCode::as_str))
            .bind(filter.after)
            .bind(filter.limit)
            .fetch_all(&mut *connection)
            .await?;
        let mut shipments: Vec<Shipment> =
            rows.iter().map(shipment_from).collect::<Result<_, _>>()?;
        if let (Some(first), Some(last)) = (
            shipments.first().map(|s| s.id),
            shipments.last().map(|s| s.id),
        ) {
            let links = sqlx::query("SELECT shipment, movement FROM shipment_movements WHERE shipment >= $1 AND shipment <= $2 ORDER BY shipment, movement")
                .bind(first)
                .bind(last)
                .fetch_all(&mut *connection)
                .await?;
            for link in links {
                let (shipment, movement): (i64, i64) = (link.try_get(0)?, link.try_get(1)?);
                if let Some(found) = shipments
                    .iter_mut()
                    .find(|candidate| candidate.id == shipment)
                {
                    found.movements.push(movement);
                }
            }
        }
        Ok(shipments)
    }

    /// Moves a shipment from `from` to `to` at `at`; false when it was not in `from` (a
    /// concurrent action came first), so that two actions never both apply.
    pub async fn set_shipment_state(
        &self,
        id: i64,
        from: ShipmentState,
        to: ShipmentState,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        self.transition("shipments", id, from.as_str(), to.as_str(), at)
            .await
    }

    /// Links a ledger movement to the shipment that made it.
    pub async fn link_shipment_movement(
        &self,
        shipment: i64,
        movement: i64,
    ) -> Result<(), StoreError> {
        let mut connection = self.connection().await?;
        sqlx::query("INSERT INTO shipment_movements (shipment, movement) VALUES ($1, $2)")
            .bind(shipment)
            .bind(movement)
            .execute(&mut *connection)
            .await?;
        Ok(())
    }
}

/// A holder's available doses of one lot, with what expiry risk needs of the lot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AvailableStock {
    /// The holder.
    pub holder: PartyCode,
    /// The lot.
    pub lot: LotId,
    /// Its product.
    pub product: ProductCode,
    /// Its last day of use.
    pub expiry: NaiveDate,
    /// The holder's available doses of it.
    pub doses: i64,
}

impl Tx {
    /// Available doses by holder and lot (one holder's, or everyone's), by holder then lot.
    pub async fn available_stock(
        &self,
        holder: Option<&PartyCode>,
    ) -> Result<Vec<AvailableStock>, StoreError> {
        let mut connection = self.connection().await?;
        let rows = sqlx::query(
            "SELECT b.holder, b.lot, l.product, l.expiry, b.doses FROM balances b JOIN lots l ON l.id = b.lot \
             WHERE b.state = 'available' AND b.doses > 0 AND (CAST($1 AS TEXT) IS NULL OR b.holder = $1) \
             ORDER BY b.holder, b.lot",
        )
        .bind(holder.map(PartyCode::as_str))
        .fetch_all(&mut *connection)
        .await?;
        rows.iter()
            .map(|row| {
                let product: String = row.try_get("product")?;
                Ok(AvailableStock {
                    holder: party(row, "holder")?,
                    lot: LotId(row.try_get("lot")?),
                    product: ProductCode::parse(&product).map_err(corrupt)?,
                    expiry: day(row, "expiry")?,
                    doses: row.try_get("doses")?,
                })
            })
            .collect()
    }

    /// Doses `holder` administered from `from` (included) to `to` (excluded).
    pub async fn administered_between(
        &self,
        holder: &PartyCode,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<i64, StoreError> {
        let mut connection = self.connection().await?;
        // Fixed-width UTC text: text order is time order.
        let doses: i64 = sqlx::query_scalar(
            "SELECT CAST(COALESCE(SUM(doses), 0) AS BIGINT) FROM movements \
             WHERE kind = 'administer' AND from_holder = $1 AND recorded_at >= $2 AND recorded_at < $3",
        )
        .bind(holder.as_str())
        .bind(from.to_string())
        .bind(to.to_string())
        .fetch_one(&mut *connection)
        .await?;
        Ok(doses)
    }

    /// The `absorption_per_day` of the country's latest open request that gives one.
    pub async fn latest_absorption(&self, country: &PartyCode) -> Result<Option<i64>, StoreError> {
        let mut connection = self.connection().await?;
        let rate: Option<i64> = sqlx::query_scalar(
            "SELECT absorption_per_day FROM requests WHERE country = $1 AND state = 'open' \
             AND absorption_per_day IS NOT NULL ORDER BY id DESC LIMIT 1",
        )
        .bind(country.as_str())
        .fetch_optional(&mut *connection)
        .await?;
        Ok(rate)
    }
}

/// What the engine needs of a pooled lot: its product and last day of use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LotFacts {
    /// The lot.
    pub lot: LotId,
    /// Its product.
    pub product: ProductCode,
    /// Its last day of use.
    pub expiry: NaiveDate,
}

/// A request's products as stored (a JSON array of codes; NULL: any).
fn products_of(text: Option<String>) -> Result<Option<Vec<ProductCode>>, StoreError> {
    text.map(|text| {
        serde_json::from_str::<Vec<String>>(&text)
            .map_err(corrupt)?
            .iter()
            .map(|code| ProductCode::parse(code).map_err(corrupt))
            .collect()
    })
    .transpose()
}

/// What the engine's input takes of a request a round serves, and of its country.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestFacts {
    /// The request.
    pub id: i64,
    /// The requesting country.
    pub country: PartyCode,
    /// Doses requested.
    pub doses: i64,
    /// Doses already allocated against it (shipments not cancelled).
    pub doses_allocated: i64,
    /// The products it takes; `None`: any.
    pub products: Option<Vec<ProductCode>>,
    /// Shelf life it needs left at arrival, in days.
    pub min_shelf_life_days: Option<i64>,
    /// Doses a day it can administer.
    pub absorption_per_day: Option<i64>,
    /// Days from the round's date to arrival.
    pub lead_time_days: Option<i64>,
    /// Its coverage target, a decimal as the country wrote it.
    pub target_per_100: Option<String>,
    /// The country's population in the reference data, if it has one.
    pub population: Option<i64>,
    /// Doses the country received on the platform from the time asked for on.
    pub received: i64,
}

impl Tx {
    /// The requests a round serves, by id, read as one JSON text (thousands of rows cost
    /// one crossing from the driver, not one each).
    pub async fn round_requests(&self, round: i64) -> Result<Vec<Request>, StoreError> {
        type Columns = (
            i64,
            String,
            String,
            i64,
            String,
            Option<String>,
            Option<i64>,
            Option<i64>,
            Option<i64>,
            Option<String>,
            Option<String>,
            String,
            String,
            i64,
            i64,
        );
        let mut connection = self.connection().await?;
        let rows: Vec<Columns> = crate::json_rows(
            &mut connection,
            self.backend(),
            "r.id, r.country, r.state, r.doses, r.needed_by, r.products, r.min_shelf_life_days, \
             r.absorption_per_day, r.lead_time_days, r.target_per_100, r.note, r.created_at, r.updated_at, \
             CAST(COALESCE((SELECT SUM(s.doses) FROM shipments s WHERE s.request = r.id AND s.state <> 'cancelled'), 0) AS BIGINT), \
             CAST(COALESCE((SELECT SUM(s.doses) FROM shipments s WHERE s.request = r.id AND s.state = 'delivered'), 0) AS BIGINT)",
            "FROM requests r JOIN round_requests rr ON rr.request = r.id WHERE rr.round = $1",
            "r.id",
            round,
        )
        .await?;
        rows.into_iter()
            .map(|row| {
                let products = products_of(row.5)?;
                Ok(Request {
                    id: row.0,
                    country: PartyCode::parse(&row.1).map_err(corrupt)?,
                    state: RequestState::parse(&row.2).map_err(corrupt)?,
                    doses: row.3,
                    needed_by: parse_day(&row.4)?,
                    products,
                    min_shelf_life_days: row.6,
                    absorption_per_day: row.7,
                    lead_time_days: row.8,
                    target_per_100: row.9,
                    note: row.10,
                    created_at: Timestamp::parse(&row.11).map_err(corrupt)?,
                    updated_at: Timestamp::parse(&row.12).map_err(corrupt)?,
                    doses_allocated: row.13,
                    doses_delivered: row.14,
                })
            })
            .collect()
    }

    /// What the engine's input takes of each request a round serves and of its country
    /// (population, doses received on the platform from `received_since` on), by request
    /// id, in one query whatever the round's size.
    pub async fn round_request_facts(
        &self,
        round: i64,
        received_since: Timestamp,
    ) -> Result<Vec<RequestFacts>, StoreError> {
        type Columns = (
            i64,
            String,
            i64,
            Option<String>,
            Option<i64>,
            Option<i64>,
            Option<i64>,
            Option<String>,
            i64,
            Option<i64>,
            i64,
        );
        let sql = crate::json_rows_sql(
            self.backend(),
            "r.id, r.country, r.doses, r.products, r.min_shelf_life_days, r.absorption_per_day, \
             r.lead_time_days, r.target_per_100, \
             CAST(COALESCE((SELECT SUM(s.doses) FROM shipments s WHERE s.request = r.id AND s.state <> 'cancelled'), 0) AS BIGINT), \
             c.population, \
             CAST(COALESCE((SELECT SUM(m.doses) FROM movements m WHERE m.to_holder = r.country \
                 AND m.kind = 'receive' AND m.recorded_at >= $2), 0) AS BIGINT)",
            "FROM requests r JOIN round_requests rr ON rr.request = r.id \
             LEFT JOIN parties c ON c.code = r.country WHERE rr.round = $1",
            "r.id",
        );
        let mut connection = self.connection().await?;
        let text: String = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .bind(round)
            .bind(received_since.to_string())
            .fetch_one(&mut *connection)
            .await?;
        let rows: Vec<Columns> = serde_json::from_str(&text).map_err(corrupt)?;
        rows.into_iter()
            .map(|row| {
                let products = products_of(row.3)?;
                Ok(RequestFacts {
                    id: row.0,
                    country: PartyCode::parse(&row.1).map_err(corrupt)?,
                    doses: row.2,
                    products,
                    min_shelf_life_days: row.4,
                    absorption_per_day: row.5,
                    lead_time_days: row.6,
                    target_per_100: row.7,
                    doses_allocated: row.8,
                    population: row.9,
                    received: row.10,
                })
            })
            .collect()
    }
}
