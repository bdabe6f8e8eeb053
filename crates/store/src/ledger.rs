//! The dose ledger in the store: products, lots, balances and the append-only journal.
//!
//! A movement is one transaction: a conditional debit (`… WHERE doses >= n`, so two
//! concurrent debits of the same balance cannot both pass, on either backend), an upserted
//! credit, and one journal row. The rules of what may move where are the domain's
//! ([`domain::ledger::plan`]); the store adds only what needs the data: the balance.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use domain::gs1::Gtin;
use domain::ledger::{
    AccountKey, AccountState, LotId, MovementKind, MovementRequest, PartyCode, Posting, Rejection,
    Violation, plan,
};
use domain::party::{Lot, Product, Storage};
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::reference::parse_day;
use crate::{Store, StoreError, corrupt};

/// One side of a movement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Side {
    pub holder: PartyCode,
    pub state: AccountState,
}

/// A journal entry as stored: the movement, who asked for it and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Movement {
    pub id: i64,
    pub kind: MovementKind,
    pub lot: LotId,
    pub doses: i64,
    pub from: Option<Side>,
    pub to: Side,
    pub reason: Option<String>,
    pub recorded_at: String,
}

impl Movement {
    /// The posting this entry made, for replaying the journal.
    pub fn posting(&self) -> Posting {
        let account = |side: &Side| AccountKey {
            holder: side.holder.clone(),
            lot: self.lot,
            state: side.state,
        };
        Posting {
            kind: self.kind,
            lot: self.lot,
            doses: self.doses,
            from: self.from.as_ref().map(account),
            to: account(&self.to),
            reason: self.reason.clone(),
        }
    }
}

/// A balance: doses of a lot held by a party in a state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Balance {
    pub holder: PartyCode,
    pub lot: LotId,
    pub state: AccountState,
    pub doses: i64,
}

/// Which balances to list.
#[derive(Debug, Clone, Default)]
pub struct BalanceFilter {
    pub holder: Option<PartyCode>,
    pub lot: Option<LotId>,
    pub state: Option<AccountState>,
    /// Only balances of lots this party may see (holds or held, or made); `None` for all.
    pub visible_to: Option<PartyCode>,
    /// Balances after this one in (lot, holder, state) order.
    pub after: Option<(LotId, String, String)>,
    pub limit: i64,
}

/// A lot to register.
#[derive(Debug, Clone)]
pub struct NewLot {
    pub product: String,
    pub manufacturer: PartyCode,
    pub lot_number: String,
    pub expiry: NaiveDate,
    pub doses: i64,
    pub gtin: Option<Gtin>,
    pub serial: Option<String>,
}

const MOVEMENT_COLUMNS: &str =
    "id, kind, lot, doses, from_holder, from_state, to_holder, to_state, reason, recorded_at";
const LOT_COLUMNS: &str = "id, product, manufacturer, lot_number, expiry, doses, gtin, serial";

fn movement_from(row: &AnyRow) -> Result<Movement, StoreError> {
    let kind: String = row.try_get("kind")?;
    let from_holder: Option<String> = row.try_get("from_holder")?;
    let from_state: Option<String> = row.try_get("from_state")?;
    let to_holder: String = row.try_get("to_holder")?;
    let to_state: String = row.try_get("to_state")?;
    let side = |holder: &str, state: &str| -> Result<Side, StoreError> {
        Ok(Side {
            holder: PartyCode::parse(holder).map_err(corrupt)?,
            state: state.parse::<AccountState>().map_err(corrupt)?,
        })
    };
    Ok(Movement {
        id: row.try_get("id")?,
        kind: kind.parse::<MovementKind>().map_err(corrupt)?,
        lot: LotId(row.try_get("lot")?),
        doses: row.try_get("doses")?,
        from: match (from_holder, from_state) {
            (Some(holder), Some(state)) => Some(side(&holder, &state)?),
            _ => None,
        },
        to: side(&to_holder, &to_state)?,
        reason: row.try_get("reason")?,
        recorded_at: row.try_get("recorded_at")?,
    })
}

fn lot_from(row: &AnyRow) -> Result<Lot, StoreError> {
    let manufacturer: String = row.try_get("manufacturer")?;
    let expiry: String = row.try_get("expiry")?;
    let gtin: Option<String> = row.try_get("gtin")?;
    Ok(Lot {
        id: LotId(row.try_get("id")?),
        product: row.try_get("product")?,
        manufacturer: PartyCode::parse(&manufacturer).map_err(corrupt)?,
        lot_number: row.try_get("lot_number")?,
        expiry: parse_day(&expiry)?,
        doses: row.try_get("doses")?,
        gtin: gtin
            .map(|gtin| Gtin::parse(&gtin))
            .transpose()
            .map_err(corrupt)?,
        serial: row.try_get("serial")?,
    })
}

fn product_from(row: &AnyRow) -> Result<Product, StoreError> {
    let manufacturer: String = row.try_get("manufacturer")?;
    let storage: String = row.try_get("storage")?;
    let gtin: Option<String> = row.try_get("gtin")?;
    Ok(Product {
        code: row.try_get("code")?,
        manufacturer: PartyCode::parse(&manufacturer).map_err(corrupt)?,
        name: row.try_get("name")?,
        doses_per_course: row.try_get("doses_per_course")?,
        storage: Storage::parse(&storage).map_err(corrupt)?,
        shelf_life_days: row.try_get("shelf_life_days")?,
        gtin: gtin
            .map(|gtin| Gtin::parse(&gtin))
            .transpose()
            .map_err(corrupt)?,
    })
}

fn balance_from(row: &AnyRow) -> Result<Balance, StoreError> {
    let holder: String = row.try_get("holder")?;
    let state: String = row.try_get("state")?;
    Ok(Balance {
        holder: PartyCode::parse(&holder).map_err(corrupt)?,
        lot: LotId(row.try_get("lot")?),
        state: state.parse::<AccountState>().map_err(corrupt)?,
        doses: row.try_get("doses")?,
    })
}

/// Creates a product; a taken code or GTIN is a conflict.
pub async fn create_product(
    connection: &mut AnyConnection,
    product: &Product,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO products (code, manufacturer, name, doses_per_course, storage, shelf_life_days, gtin) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&product.code)
    .bind(product.manufacturer.as_str())
    .bind(&product.name)
    .bind(product.doses_per_course)
    .bind(product.storage.as_str())
    .bind(product.shelf_life_days)
    .bind(product.gtin.as_ref().map(Gtin::as_str))
    .execute(connection)
    .await
    .map_err(|error| StoreError::conflict_or(error, format!("a product with code {} or its GTIN exists already", product.code)))?;
    Ok(())
}

/// Registers a lot and releases its doses into the manufacturer's `available` account, in
/// the caller's transaction.
pub async fn register_lot(
    connection: &mut AnyConnection,
    lot: &NewLot,
    user_id: Option<i64>,
) -> Result<(Lot, Movement), StoreError> {
    // Plan the release first so that a refused one writes nothing, not even the lot row.
    plan(&MovementRequest {
        kind: MovementKind::Release,
        lot: LotId(0),
        doses: lot.doses,
        actor: lot.manufacturer.clone(),
        to: None,
        from_state: None,
        reason: None,
    })
    .map_err(StoreError::Rejected)?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO lots (product, manufacturer, lot_number, expiry, doses, gtin, serial) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(&lot.product)
    .bind(lot.manufacturer.as_str())
    .bind(&lot.lot_number)
    .bind(lot.expiry.to_string())
    .bind(lot.doses)
    .bind(lot.gtin.as_ref().map(Gtin::as_str))
    .bind(lot.serial.as_deref())
    .fetch_one(&mut *connection)
    .await
    .map_err(|error| {
        StoreError::conflict_or(
            error,
            format!(
                "lot {} of product {} is registered already",
                lot.lot_number, lot.product
            ),
        )
    })?;
    let request = MovementRequest {
        kind: MovementKind::Release,
        lot: LotId(id),
        doses: lot.doses,
        actor: lot.manufacturer.clone(),
        to: None,
        from_state: None,
        reason: None,
    };
    let movement = apply_movement(connection, &request, user_id).await?;
    let registered = Lot {
        id: LotId(id),
        product: lot.product.clone(),
        manufacturer: lot.manufacturer.clone(),
        lot_number: lot.lot_number.clone(),
        expiry: lot.expiry,
        doses: lot.doses,
        gtin: lot.gtin.clone(),
        serial: lot.serial.clone(),
    };
    Ok((registered, movement))
}

/// Applies one movement in the caller's transaction: refused as a whole, with the rule it
/// breaks, or debited, credited and journalled.
pub async fn apply_movement(
    connection: &mut AnyConnection,
    request: &MovementRequest,
    user_id: Option<i64>,
) -> Result<Movement, StoreError> {
    let posting = plan(request).map_err(StoreError::Rejected)?;
    if let Some(from) = &posting.from {
        let debited = sqlx::query(
            "UPDATE balances SET doses = doses - $1 WHERE holder = $2 AND lot = $3 AND state = $4 AND doses >= $1",
        )
        .bind(posting.doses)
        .bind(from.holder.as_str())
        .bind(from.lot.0)
        .bind(from.state.as_str())
        .execute(&mut *connection)
        .await?;
        if debited.rows_affected() != 1 {
            let balance: Option<i64> = sqlx::query_scalar(
                "SELECT doses FROM balances WHERE holder = $1 AND lot = $2 AND state = $3",
            )
            .bind(from.holder.as_str())
            .bind(from.lot.0)
            .bind(from.state.as_str())
            .fetch_optional(&mut *connection)
            .await?;
            return Err(StoreError::Rejected(Rejection::InsufficientBalance {
                account: from.clone(),
                balance: balance.unwrap_or(0),
                requested: posting.doses,
            }));
        }
    }
    sqlx::query(
        "INSERT INTO balances (holder, lot, state, doses) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (holder, lot, state) DO UPDATE SET doses = balances.doses + excluded.doses",
    )
    .bind(posting.to.holder.as_str())
    .bind(posting.to.lot.0)
    .bind(posting.to.state.as_str())
    .bind(posting.doses)
    .execute(&mut *connection)
    .await?;
    let sql = format!(
        "INSERT INTO movements (kind, lot, doses, from_holder, from_state, to_holder, to_state, reason, user_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING {MOVEMENT_COLUMNS}"
    );
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(posting.kind.as_str())
        .bind(posting.lot.0)
        .bind(posting.doses)
        .bind(
            posting
                .from
                .as_ref()
                .map(|from| from.holder.as_str().to_owned()),
        )
        .bind(posting.from.as_ref().map(|from| from.state.as_str()))
        .bind(posting.to.holder.as_str())
        .bind(posting.to.state.as_str())
        .bind(posting.reason.as_deref())
        .bind(user_id)
        .fetch_one(&mut *connection)
        .await?;
    let movement = movement_from(&row)?;
    // Assert where the entry is established: the journal says what the plan said.
    debug_assert_eq!(movement.posting(), posting);
    Ok(movement)
}

/// What `verify` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyReport {
    pub lots: usize,
    pub balances: usize,
    pub movements: usize,
    pub violations: Vec<Violation>,
    /// The database's own integrity check, when it has one and it did not answer `ok`.
    pub integrity_problems: Vec<String>,
}

impl Store {
    pub async fn product(&self, code: &str) -> Result<Option<Product>, StoreError> {
        let row = sqlx::query(
            "SELECT code, manufacturer, name, doses_per_course, storage, shelf_life_days, gtin FROM products WHERE code = $1",
        )
        .bind(code)
        .fetch_optional(self.pool())
        .await?;
        row.as_ref().map(product_from).transpose()
    }

    pub async fn product_by_gtin(&self, gtin: &Gtin) -> Result<Option<Product>, StoreError> {
        let row = sqlx::query(
            "SELECT code, manufacturer, name, doses_per_course, storage, shelf_life_days, gtin FROM products WHERE gtin = $1",
        )
        .bind(gtin.as_str())
        .fetch_optional(self.pool())
        .await?;
        row.as_ref().map(product_from).transpose()
    }

    /// Products by code after `after`, at most `limit`.
    pub async fn products(
        &self,
        after: Option<&str>,
        limit: i64,
    ) -> Result<Vec<Product>, StoreError> {
        let rows = sqlx::query(
            "SELECT code, manufacturer, name, doses_per_course, storage, shelf_life_days, gtin FROM products \
             WHERE code > $1 ORDER BY code LIMIT $2",
        )
        .bind(after.unwrap_or(""))
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(product_from).collect()
    }

    pub async fn lot(&self, id: LotId) -> Result<Option<Lot>, StoreError> {
        let sql = format!("SELECT {LOT_COLUMNS} FROM lots WHERE id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id.0)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(lot_from).transpose()
    }

    /// Lots made by or ever held by `party` (all lots for `None`), by id after `after`.
    pub async fn lots(
        &self,
        visible_to: Option<&PartyCode>,
        after: i64,
        limit: i64,
    ) -> Result<Vec<Lot>, StoreError> {
        let sql = format!(
            "SELECT {LOT_COLUMNS} FROM lots l WHERE id > $1 AND ($2 = '' OR manufacturer = $2 OR EXISTS \
             (SELECT 1 FROM balances b WHERE b.lot = l.id AND b.holder = $2)) ORDER BY id LIMIT $3"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(after)
            .bind(visible_to.map_or("", PartyCode::as_str))
            .bind(limit)
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(lot_from).collect()
    }

    /// Whether `party` made the lot or has ever held doses of it.
    pub async fn party_sees_lot(&self, party: &PartyCode, lot: LotId) -> Result<bool, StoreError> {
        let seen: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM lots l WHERE l.id = $1 AND (l.manufacturer = $2 OR EXISTS \
             (SELECT 1 FROM balances b WHERE b.lot = l.id AND b.holder = $2))",
        )
        .bind(lot.0)
        .bind(party.as_str())
        .fetch_one(self.pool())
        .await?;
        Ok(seen > 0)
    }

    pub async fn balances(&self, filter: &BalanceFilter) -> Result<Vec<Balance>, StoreError> {
        let (after_lot, after_holder, after_state) =
            filter
                .after
                .clone()
                .unwrap_or((LotId(0), String::new(), String::new()));
        let rows = sqlx::query(
            "SELECT holder, lot, state, doses FROM balances b \
             WHERE ($1 = '' OR holder = $1) AND ($2 = 0 OR lot = $2) AND ($3 = '' OR state = $3) \
             AND ($4 = '' OR EXISTS (SELECT 1 FROM lots l WHERE l.id = b.lot AND (l.manufacturer = $4 OR EXISTS \
                 (SELECT 1 FROM balances mine WHERE mine.lot = b.lot AND mine.holder = $4)))) \
             AND (lot > $5 OR (lot = $5 AND (holder > $6 OR (holder = $6 AND state > $7)))) \
             ORDER BY lot, holder, state LIMIT $8",
        )
        .bind(filter.holder.as_ref().map_or("", PartyCode::as_str))
        .bind(filter.lot.map_or(0, |lot| lot.0))
        .bind(filter.state.map_or("", AccountState::as_str))
        .bind(filter.visible_to.as_ref().map_or("", PartyCode::as_str))
        .bind(after_lot.0)
        .bind(after_holder)
        .bind(after_state)
        .bind(filter.limit)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(balance_from).collect()
    }

    /// The journal of one lot (or of every lot), oldest first, after entry `after`.
    pub async fn movements(
        &self,
        lot: Option<LotId>,
        after: i64,
        limit: i64,
    ) -> Result<Vec<Movement>, StoreError> {
        let sql = format!(
            "SELECT {MOVEMENT_COLUMNS} FROM movements WHERE ($1 = 0 OR lot = $1) AND id > $2 ORDER BY id LIMIT $3"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(lot.map_or(0, |lot| lot.0))
            .bind(after)
            .bind(limit)
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(movement_from).collect()
    }

    /// Applies one movement in its own transaction, retrying a PostgreSQL serialization
    /// failure or deadlock a few times (it is safe: the transaction is all or nothing).
    pub async fn move_doses(
        &self,
        request: &MovementRequest,
        user_id: Option<i64>,
    ) -> Result<Movement, StoreError> {
        let mut attempt = 0;
        loop {
            let mut transaction = self.begin_write().await?;
            match apply_movement(&mut transaction, request, user_id).await {
                Ok(movement) => match transaction.commit().await {
                    Ok(()) => return Ok(movement),
                    Err(error) => {
                        let error = StoreError::from(error);
                        if !(error.is_retryable() && attempt < RETRIES_MAX) {
                            return Err(error);
                        }
                    }
                },
                Err(error) if error.is_retryable() && attempt < RETRIES_MAX => {}
                Err(error) => return Err(error),
            }
            attempt += 1;
        }
    }

    /// Moves every dose still `available` or `reserved` in a lot whose expiry is before
    /// `today` to `expired`, as the system, in one transaction; returns the journal entries.
    /// Running it twice on a day changes nothing the second time.
    pub async fn expire_due(&self, today: NaiveDate) -> Result<Vec<Movement>, StoreError> {
        let mut transaction = self.begin_write().await?;
        let due = sqlx::query(
            "SELECT b.holder, b.lot, b.state, b.doses FROM balances b JOIN lots l ON l.id = b.lot \
             WHERE l.expiry < $1 AND b.state IN ('available', 'reserved') AND b.doses > 0 \
             ORDER BY b.lot, b.holder, b.state",
        )
        .bind(today.to_string())
        .fetch_all(&mut *transaction)
        .await?;
        let due: Vec<Balance> = due.iter().map(balance_from).collect::<Result<_, _>>()?;
        let mut entries = Vec::with_capacity(due.len());
        for balance in due {
            let request = MovementRequest {
                kind: MovementKind::Expire,
                lot: balance.lot,
                doses: balance.doses,
                actor: balance.holder,
                to: None,
                from_state: Some(balance.state),
                reason: Some(format!(
                    "expired: the lot's last day of use was before {today}"
                )),
            };
            entries.push(apply_movement(&mut transaction, &request, None).await?);
        }
        transaction.commit().await?;
        Ok(entries)
    }

    /// Checks every invariant of the ledger on what is stored now.
    pub async fn verify(&self) -> Result<VerifyReport, StoreError> {
        // One snapshot for all three reads, so that a movement committed in between cannot
        // look like a broken invariant. SQLite's read transaction and PostgreSQL's
        // REPEATABLE READ both give one.
        let mut transaction = self.pool().begin().await?;
        if self.backend() == crate::Backend::Postgres {
            sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
                .execute(&mut *transaction)
                .await?;
        }
        let released: BTreeMap<LotId, i64> = sqlx::query("SELECT id, doses FROM lots")
            .fetch_all(&mut *transaction)
            .await?
            .iter()
            .map(|row| Ok((LotId(row.try_get(0)?), row.try_get(1)?)))
            .collect::<Result<_, StoreError>>()?;
        let balances: BTreeMap<AccountKey, i64> =
            sqlx::query("SELECT holder, lot, state, doses FROM balances")
                .fetch_all(&mut *transaction)
                .await?
                .iter()
                .map(|row| {
                    let balance = balance_from(row)?;
                    Ok((
                        AccountKey {
                            holder: balance.holder,
                            lot: balance.lot,
                            state: balance.state,
                        },
                        balance.doses,
                    ))
                })
                .collect::<Result<_, StoreError>>()?;
        let sql = format!("SELECT {MOVEMENT_COLUMNS} FROM movements ORDER BY id");
        let journal: Vec<Posting> = sqlx::query(sqlx::AssertSqlSafe(sql))
            .fetch_all(&mut *transaction)
            .await?
            .iter()
            .map(|row| movement_from(row).map(|movement| movement.posting()))
            .collect::<Result<_, StoreError>>()?;
        let mut integrity_problems = Vec::new();
        if self.backend() == crate::Backend::Sqlite {
            let answers: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
                .fetch_all(&mut *transaction)
                .await?;
            integrity_problems.extend(answers.into_iter().filter(|answer| answer != "ok"));
        }
        transaction.rollback().await?;
        let violations = domain::ledger::verify(&released, &balances, &journal);
        Ok(VerifyReport {
            lots: released.len(),
            balances: balances.len(),
            movements: journal.len(),
            violations,
            integrity_problems,
        })
    }
}

/// Retries of a transaction that PostgreSQL aborted for a conflict it could not order.
const RETRIES_MAX: u32 = 5;
