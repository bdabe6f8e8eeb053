//! The dose ledger in the store: products, lots, balances and the append-only journal.
//!
//! A movement is one transaction: a conditional debit (`… WHERE doses >= n`, so two
//! concurrent debits of the same balance cannot both pass, on either backend), an upserted
//! credit, and one journal row. The rules of what may move where are the domain's
//! ([`domain::ledger::plan`]); the store adds only what needs the data: the balance.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use domain::access::UserId;
use domain::gs1::Gtin;
use domain::ledger::{
    AccountKey, AccountState, LotId, MovementKind, MovementRequest, PartyCode, Posting, Rejection,
    Violation, plan,
};
use domain::party::{Lot, LotNumber, Product, ProductCode, Storage};
use domain::time::Timestamp;
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::reference::parse_day;
use crate::{Store, StoreError, Tx, corrupt};

/// One side of a movement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Side {
    /// The account's holder.
    pub holder: PartyCode,
    /// The account's state.
    pub state: AccountState,
}

/// A journal entry as stored: the movement, who asked for it and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Movement {
    /// The entry's place in the journal.
    pub id: i64,
    /// What kind of movement.
    pub kind: MovementKind,
    /// Of which lot.
    pub lot: LotId,
    /// How many doses.
    pub doses: i64,
    /// The account debited; `None` for a release.
    pub from: Option<Side>,
    /// The account credited.
    pub to: Side,
    /// Why, where given.
    pub reason: Option<String>,
    /// When it was recorded.
    pub recorded_at: Timestamp,
}

impl Movement {
    /// The journal entry `posting` makes, recorded as `id` at `at`: the inverse of
    /// [`Movement::posting`].
    fn recorded(id: i64, posting: &Posting, at: Timestamp) -> Self {
        let side = |account: &AccountKey| Side {
            holder: account.holder.clone(),
            state: account.state,
        };
        Movement {
            id,
            kind: posting.kind,
            lot: posting.lot,
            doses: posting.doses,
            from: posting.from.as_ref().map(side),
            to: side(&posting.to),
            reason: posting.reason.clone(),
            recorded_at: at,
        }
    }

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
    /// Who holds the doses.
    pub holder: PartyCode,
    /// Of which lot.
    pub lot: LotId,
    /// In which state.
    pub state: AccountState,
    /// How many.
    pub doses: i64,
}

/// Where a page of balances starts: after this (lot, holder, state).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BalanceCursor {
    /// The last lot of the previous page.
    pub lot: LotId,
    /// Its holder.
    pub holder: PartyCode,
    /// Its state.
    pub state: AccountState,
}

/// Which balances to list.
#[derive(Debug, Clone, Default)]
pub struct BalanceFilter {
    /// Only this holder's.
    pub holder: Option<PartyCode>,
    /// Only this lot's.
    pub lot: Option<LotId>,
    /// Only in this state.
    pub state: Option<AccountState>,
    /// Only the rows this party may read: its own, and every row of the lots it made;
    /// `None` for all (organizations).
    pub visible_to: Option<PartyCode>,
    /// Balances after this one in (lot, holder, state) order.
    pub after: Option<BalanceCursor>,
    /// At most this many.
    pub limit: i64,
}

/// Which journal entries to list.
#[derive(Debug, Clone, Default)]
pub struct MovementFilter {
    /// Only this lot's.
    pub lot: Option<LotId>,
    /// Only the entries into or out of this party's accounts.
    pub involving: Option<PartyCode>,
    /// Entries after this id.
    pub after: Option<i64>,
    /// At most this many.
    pub limit: i64,
}

/// A lot to register.
#[derive(Debug, Clone)]
pub struct NewLot {
    /// The product's code.
    pub product: ProductCode,
    /// Its manufacturer, who releases the doses.
    pub manufacturer: PartyCode,
    /// The lot number (GS1 AI 10).
    pub lot_number: LotNumber,
    /// The last day a dose may be given.
    pub expiry: NaiveDate,
    /// Doses released.
    pub doses: i64,
    /// The product's GTIN, when given by GS1 string.
    pub gtin: Option<Gtin>,
    /// A serial number (GS1 AI 21), when given.
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
    let recorded_at: String = row.try_get("recorded_at")?;
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
        recorded_at: Timestamp::parse(&recorded_at).map_err(corrupt)?,
    })
}

fn lot_from(row: &AnyRow) -> Result<Lot, StoreError> {
    let manufacturer: String = row.try_get("manufacturer")?;
    let expiry: String = row.try_get("expiry")?;
    let gtin: Option<String> = row.try_get("gtin")?;
    let product: String = row.try_get("product")?;
    let lot_number: String = row.try_get("lot_number")?;
    Ok(Lot {
        id: LotId(row.try_get("id")?),
        product: ProductCode::parse(&product).map_err(corrupt)?,
        manufacturer: PartyCode::parse(&manufacturer).map_err(corrupt)?,
        lot_number: LotNumber::parse(&lot_number).map_err(corrupt)?,
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
    let code: String = row.try_get("code")?;
    Ok(Product {
        code: ProductCode::parse(&code).map_err(corrupt)?,
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
async fn create_product(
    connection: &mut AnyConnection,
    product: &Product,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO products (code, manufacturer, name, doses_per_course, storage, shelf_life_days, gtin) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(product.code.as_str())
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

/// Registers a lot and releases its doses into the manufacturer's `available` account.
async fn register_lot(
    connection: &mut AnyConnection,
    lot: &NewLot,
    user: Option<UserId>,
    at: Timestamp,
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
    .bind(lot.product.as_str())
    .bind(lot.manufacturer.as_str())
    .bind(lot.lot_number.as_str())
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
    let movement = apply_movement(connection, &request, user, at).await?;
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

/// Binds one journal row's ten values, in the column order of the `INSERT INTO movements`
/// statements: kind, lot, doses, from holder and state, to holder and state, reason, user,
/// time.
/// A journal row as [`crate::JsonRows`] reads it: kind, lot, doses, from holder and state,
/// to holder and state, reason, user, time.
type JournalRow<'a> = (
    &'a str,
    i64,
    i64,
    Option<&'a str>,
    Option<&'a str>,
    &'a str,
    &'a str,
    Option<&'a str>,
    Option<i64>,
    &'a str,
);

fn bind_journal_row<'q>(
    query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    posting: &Posting,
    user: Option<UserId>,
    at: Timestamp,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
    query
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
        .bind(posting.to.holder.as_str().to_owned())
        .bind(posting.to.state.as_str())
        .bind(posting.reason.clone())
        .bind(user.map(|user| user.0))
        .bind(at.to_string())
}

/// Applies one movement: refused as a whole, with the rule it breaks, or debited, credited
/// and journalled.
async fn apply_movement(
    connection: &mut AnyConnection,
    request: &MovementRequest,
    user: Option<UserId>,
    at: Timestamp,
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
        "INSERT INTO movements (kind, lot, doses, from_holder, from_state, to_holder, to_state, reason, user_id, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING {MOVEMENT_COLUMNS}"
    );
    let row = bind_journal_row(sqlx::query(sqlx::AssertSqlSafe(sql)), &posting, user, at)
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
    /// Lots checked.
    pub lots: usize,
    /// Balances checked.
    pub balances: usize,
    /// Journal entries replayed.
    pub movements: usize,
    /// Every broken invariant found.
    pub violations: Vec<Violation>,
    /// The database's own integrity check, when it has one and it did not answer `ok`, and
    /// rows of the audit trail that name no event.
    pub integrity_problems: Vec<String>,
}

impl Tx {
    /// Creates a product; a taken code or GTIN is a conflict.
    pub async fn create_product(&self, product: &Product) -> Result<(), StoreError> {
        let mut connection = self.connection().await?;
        create_product(&mut connection, product).await
    }

    /// Registers a lot and releases its doses into the manufacturer's `available` account.
    pub async fn register_lot(
        &self,
        lot: &NewLot,
        user: Option<UserId>,
        at: Timestamp,
    ) -> Result<(Lot, Movement), StoreError> {
        let mut connection = self.connection().await?;
        register_lot(&mut connection, lot, user, at).await
    }

    /// Applies one movement: refused as a whole, with the rule it breaks, or debited,
    /// credited and journalled.
    pub async fn apply_movement(
        &self,
        request: &MovementRequest,
        user: Option<UserId>,
        at: Timestamp,
    ) -> Result<Movement, StoreError> {
        let mut connection = self.connection().await?;
        apply_movement(&mut connection, request, user, at).await
    }

    /// The product with this code.
    pub async fn product(&self, code: &str) -> Result<Option<Product>, StoreError> {
        let mut connection = self.connection().await?;
        let row = sqlx::query(
            "SELECT code, manufacturer, name, doses_per_course, storage, shelf_life_days, gtin FROM products WHERE code = $1",
        )
        .bind(code)
        .fetch_optional(&mut *connection)
        .await?;
        row.as_ref().map(product_from).transpose()
    }

    /// The product with this GTIN.
    pub async fn product_by_gtin(&self, gtin: &Gtin) -> Result<Option<Product>, StoreError> {
        let mut connection = self.connection().await?;
        let row = sqlx::query(
            "SELECT code, manufacturer, name, doses_per_course, storage, shelf_life_days, gtin FROM products WHERE gtin = $1",
        )
        .bind(gtin.as_str())
        .fetch_optional(&mut *connection)
        .await?;
        row.as_ref().map(product_from).transpose()
    }

    /// Products by code after `after`, at most `limit`.
    pub async fn products(
        &self,
        after: Option<&str>,
        limit: i64,
    ) -> Result<Vec<Product>, StoreError> {
        let mut connection = self.connection().await?;
        let rows = sqlx::query(
            "SELECT code, manufacturer, name, doses_per_course, storage, shelf_life_days, gtin FROM products \
             WHERE (CAST($1 AS TEXT) IS NULL OR code > $1) ORDER BY code LIMIT $2",
        )
        .bind(after)
        .bind(limit)
        .fetch_all(&mut *connection)
        .await?;
        rows.iter().map(product_from).collect()
    }

    /// The lot with this id.
    pub async fn lot(&self, id: LotId) -> Result<Option<Lot>, StoreError> {
        let mut connection = self.connection().await?;
        let sql = format!("SELECT {LOT_COLUMNS} FROM lots WHERE id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id.0)
            .fetch_optional(&mut *connection)
            .await?;
        row.as_ref().map(lot_from).transpose()
    }

    /// Lots made by or ever held by `party` (all lots for `None`), by id after `after`.
    pub async fn lots(
        &self,
        visible_to: Option<&PartyCode>,
        after: Option<LotId>,
        limit: i64,
    ) -> Result<Vec<Lot>, StoreError> {
        let mut connection = self.connection().await?;
        let sql = format!(
            "SELECT {LOT_COLUMNS} FROM lots l WHERE (CAST($1 AS BIGINT) IS NULL OR id > $1) \
             AND (CAST($2 AS TEXT) IS NULL OR manufacturer = $2 OR EXISTS \
             (SELECT 1 FROM balances b WHERE b.lot = l.id AND b.holder = $2)) ORDER BY id LIMIT $3"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(after.map(|lot| lot.0))
            .bind(visible_to.map(PartyCode::as_str))
            .bind(limit)
            .fetch_all(&mut *connection)
            .await?;
        rows.iter().map(lot_from).collect()
    }

    /// The doses `party` has of `lot` over all its states, or `None` when it never had an
    /// account of it: what [`domain::access::lot_view`] needs.
    pub async fn own_doses(
        &self,
        party: &PartyCode,
        lot: LotId,
    ) -> Result<Option<i64>, StoreError> {
        let mut connection = self.connection().await?;
        let row = sqlx::query(
            // PostgreSQL's SUM of BIGINT is NUMERIC, which the Any driver does not carry.
            "SELECT COUNT(*), CAST(COALESCE(SUM(doses), 0) AS BIGINT) FROM balances WHERE holder = $1 AND lot = $2",
        )
        .bind(party.as_str())
        .bind(lot.0)
        .fetch_one(&mut *connection)
        .await?;
        let (accounts, doses): (i64, i64) = (row.try_get(0)?, row.try_get(1)?);
        Ok((accounts > 0).then_some(doses))
    }

    /// A lot's doses by state, over every holder.
    pub async fn lot_totals(&self, lot: LotId) -> Result<BTreeMap<AccountState, i64>, StoreError> {
        let mut connection = self.connection().await?;
        let rows = sqlx::query(
            "SELECT state, CAST(SUM(doses) AS BIGINT) FROM balances WHERE lot = $1 GROUP BY state ORDER BY state",
        )
        .bind(lot.0)
        .fetch_all(&mut *connection)
        .await?;
        rows.iter()
            .map(|row| {
                let state: String = row.try_get(0)?;
                Ok((
                    state.parse::<AccountState>().map_err(corrupt)?,
                    row.try_get(1)?,
                ))
            })
            .collect()
    }

    /// Balances as `filter` says, in (lot, holder, state) order.
    pub async fn balances(&self, filter: &BalanceFilter) -> Result<Vec<Balance>, StoreError> {
        let mut connection = self.connection().await?;
        let after = filter.after.as_ref();
        let rows = sqlx::query(
            "SELECT holder, lot, state, doses FROM balances b \
             WHERE (CAST($1 AS TEXT) IS NULL OR holder = $1) AND (CAST($2 AS BIGINT) IS NULL OR lot = $2) \
             AND (CAST($3 AS TEXT) IS NULL OR state = $3) \
             AND (CAST($4 AS TEXT) IS NULL OR holder = $4 OR EXISTS \
                 (SELECT 1 FROM lots l WHERE l.id = b.lot AND l.manufacturer = $4)) \
             AND (CAST($5 AS BIGINT) IS NULL OR lot > $5 OR (lot = $5 AND (holder > $6 OR (holder = $6 AND state > $7)))) \
             ORDER BY lot, holder, state LIMIT $8",
        )
        .bind(filter.holder.as_ref().map(PartyCode::as_str))
        .bind(filter.lot.map(|lot| lot.0))
        .bind(filter.state.map(AccountState::as_str))
        .bind(filter.visible_to.as_ref().map(PartyCode::as_str))
        .bind(after.map(|cursor| cursor.lot.0))
        .bind(after.map(|cursor| cursor.holder.as_str()))
        .bind(after.map(|cursor| cursor.state.as_str()))
        .bind(filter.limit)
        .fetch_all(&mut *connection)
        .await?;
        rows.iter().map(balance_from).collect()
    }

    /// Journal entries as `filter` says, oldest first.
    pub async fn movements(&self, filter: &MovementFilter) -> Result<Vec<Movement>, StoreError> {
        let mut connection = self.connection().await?;
        let sql = format!(
            "SELECT {MOVEMENT_COLUMNS} FROM movements WHERE (CAST($1 AS BIGINT) IS NULL OR lot = $1) \
             AND (CAST($2 AS TEXT) IS NULL OR from_holder = $2 OR to_holder = $2) \
             AND (CAST($3 AS BIGINT) IS NULL OR id > $3) ORDER BY id LIMIT $4"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(filter.lot.map(|lot| lot.0))
            .bind(filter.involving.as_ref().map(PartyCode::as_str))
            .bind(filter.after)
            .bind(filter.limit)
            .fetch_all(&mut *connection)
            .await?;
        rows.iter().map(movement_from).collect()
    }

    /// The balances still `available` or `reserved` in lots whose expiry is before `today`:
    /// what the system expires.
    pub async fn balances_past_expiry(&self, today: NaiveDate) -> Result<Vec<Balance>, StoreError> {
        let mut connection = self.connection().await?;
        let due = sqlx::query(
            "SELECT b.holder, b.lot, b.state, b.doses FROM balances b JOIN lots l ON l.id = b.lot \
             WHERE l.expiry < $1 AND b.state IN ('available', 'reserved') AND b.doses > 0 \
             ORDER BY b.lot, b.holder, b.state",
        )
        .bind(today.to_string())
        .fetch_all(&mut *connection)
        .await?;
        due.iter().map(balance_from).collect()
    }
}

impl Store {
    /// Checks every invariant of the ledger on what is stored now.
    pub async fn verify(&self) -> Result<VerifyReport, StoreError> {
        // One snapshot for all the reads, so that a movement committed in between cannot
        // look like a broken invariant.
        self.read_snapshot(|tx| async move {
            let mut connection = tx.connection().await?;
            let released: BTreeMap<LotId, i64> = sqlx::query("SELECT id, doses FROM lots")
                .fetch_all(&mut *connection)
                .await?
                .iter()
                .map(|row| Ok((LotId(row.try_get(0)?), row.try_get(1)?)))
                .collect::<Result<_, StoreError>>()?;
            let balances: BTreeMap<AccountKey, i64> =
                sqlx::query("SELECT holder, lot, state, doses FROM balances")
                    .fetch_all(&mut *connection)
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
                .fetch_all(&mut *connection)
                .await?
                .iter()
                .map(|row| movement_from(row).map(|movement| movement.posting()))
                .collect::<Result<_, StoreError>>()?;
            let mut integrity_problems = Vec::new();
            if tx.backend() == crate::Backend::Sqlite {
                let answers: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
                    .fetch_all(&mut *connection)
                    .await?;
                integrity_problems.extend(answers.into_iter().filter(|answer| answer != "ok"));
            }
            // The trail's subject and party rows have no foreign key to their event
            // (migration 13): that each names an event is checked here instead.
            for (table, what) in [("audit_subjects", "subject"), ("audit_parties", "party")] {
                let orphans: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                    "SELECT COUNT(*) FROM {table} t WHERE NOT EXISTS \
                     (SELECT 1 FROM audit_events e WHERE e.id = t.event)"
                )))
                .fetch_one(&mut *connection)
                .await?;
                if orphans > 0 {
                    integrity_problems.push(format!(
                        "{orphans} {what} rows of the audit trail ({table}) name no event"
                    ));
                }
            }
            let violations = domain::ledger::verify(&released, &balances, &journal);
            Ok(VerifyReport {
                lots: released.len(),
                balances: balances.len(),
                movements: journal.len(),
                violations,
                integrity_problems,
            })
        })
        .await
    }
}

impl Tx {
    /// Applies many movements at once, as [`Tx::apply_movement`] would one by one, in a few
    /// multi-row statements: each account's debits summed and checked in one conditional
    /// update, its credits in one upsert, one journal row per movement. For batches where no
    /// account is both debited and credited (a round's reservations); the movements come
    /// back in the order given.
    pub async fn apply_movements(
        &self,
        requests: &[MovementRequest],
        user: Option<UserId>,
        at: Timestamp,
    ) -> Result<Vec<Movement>, StoreError> {
        let postings: Vec<Posting> = requests
            .iter()
            .map(|request| plan(request).map_err(StoreError::Rejected))
            .collect::<Result<_, _>>()?;
        let mut debits: BTreeMap<(String, i64, &'static str), i64> = BTreeMap::new();
        let mut credits: BTreeMap<(String, i64, &'static str), i64> = BTreeMap::new();
        for posting in &postings {
            if let Some(from) = &posting.from {
                *debits
                    .entry((from.holder.to_string(), from.lot.0, from.state.as_str()))
                    .or_default() += posting.doses;
            }
            *credits
                .entry((
                    posting.to.holder.to_string(),
                    posting.to.lot.0,
                    posting.to.state.as_str(),
                ))
                .or_default() += posting.doses;
        }
        if debits.keys().any(|account| credits.contains_key(account)) {
            return Err(StoreError::Corrupt(
                "a batch of movements may not debit and credit one account".into(),
            ));
        }
        let mut connection = self.connection().await?;
        let backend = self.backend();
        let account_types = ["TEXT", "BIGINT", "TEXT", "BIGINT"];
        if !debits.is_empty() {
            let debits: Vec<(&str, i64, &str, i64)> = debits
                .iter()
                .map(|((holder, lot, state), doses)| (holder.as_str(), *lot, *state, *doses))
                .collect();
            let accounts = crate::JsonRows::new(backend, 1, &account_types);
            let text = crate::json_text(&debits)?;
            // What each account holds, to name the first that cannot pay before changing
            // anything; the conditional upsert below still guards against a concurrent debit.
            // On PostgreSQL the rows are locked until the transaction ends, so that no other
            // debit slips in between the check and the debit, and all of them come back (a
            // missing one is a row fewer). SQLite's writer is alone: only the accounts that
            // cannot pay come back, the first of them, since each row read from SQLite
            // crosses a channel from the driver's thread.
            let check = match backend {
                crate::Backend::Postgres => format!(
                    "WITH v (holder, lot, state, doses, key) AS (SELECT {}, key FROM {}) \
                     SELECT v.holder, v.lot, v.state, v.doses, b.doses FROM v \
                     JOIN balances b ON b.holder = v.holder AND b.lot = v.lot AND b.state = v.state \
                     ORDER BY v.key FOR UPDATE OF b",
                    accounts.columns, accounts.source
                ),
                crate::Backend::Sqlite => format!(
                    "WITH v (holder, lot, state, doses, key) AS (SELECT {}, key FROM {}) \
                     SELECT v.holder, v.lot, v.state, v.doses, COALESCE(b.doses, 0) FROM v \
                     LEFT JOIN balances b ON b.holder = v.holder AND b.lot = v.lot AND b.state = v.state \
                     WHERE b.doses IS NULL OR b.doses < v.doses ORDER BY v.key LIMIT 1",
                    accounts.columns, accounts.source
                ),
            };
            let held = sqlx::query(sqlx::AssertSqlSafe(check))
                .bind(text.clone())
                .fetch_all(&mut *connection)
                .await?;
            let mut short = None;
            if backend == crate::Backend::Postgres && held.len() != debits.len() {
                // An account with no row holds nothing.
                let found: Vec<(String, i64, String)> = held
                    .iter()
                    .map(|row| Ok((row.try_get(0)?, row.try_get(1)?, row.try_get(2)?)))
                    .collect::<Result<_, StoreError>>()?;
                if let Some((holder, lot, state, doses)) =
                    debits.iter().find(|(holder, lot, state, _)| {
                        !found
                            .iter()
                            .any(|(h, l, s)| h == holder && l == lot && s == state)
                    })
                {
                    short = Some(((*holder).to_owned(), *lot, (*state).to_owned(), 0, *doses));
                }
            }
            for row in &held {
                let (holder, lot, state): (String, i64, String) =
                    (row.try_get(0)?, row.try_get(1)?, row.try_get(2)?);
                let (requested, balance): (i64, i64) = (row.try_get(3)?, row.try_get(4)?);
                if balance < requested && short.is_none() {
                    short = Some((holder, lot, state, balance, requested));
                }
            }
            if let Some((holder, lot, state, balance, requested)) = short {
                // The caller's transaction is abandoned with the error: nothing of the batch stays.
                return Err(StoreError::Rejected(Rejection::InsufficientBalance {
                    account: AccountKey {
                        holder: PartyCode::parse(&holder).map_err(corrupt)?,
                        lot: LotId(lot),
                        state: state.parse::<AccountState>().map_err(corrupt)?,
                    },
                    balance,
                    requested,
                }));
            }
            // The debit as an upsert that subtracts: it finds each row by its key (an update
            // joined to the rows would scan the table on SQLite). Every row exists and holds
            // enough: checked just above, and locked (PostgreSQL) or alone (SQLite) since, so
            // the insert branch is never taken; `CHECK (doses >= 0)` still backs the
            // subtraction.
            let sql = format!(
                "INSERT INTO balances (holder, lot, state, doses) {} \
                 ON CONFLICT (holder, lot, state) DO UPDATE SET doses = balances.doses - excluded.doses",
                accounts.select()
            );
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(text)
                .execute(&mut *connection)
                .await?;
        }
        if !credits.is_empty() {
            let credits: Vec<(&str, i64, &str, i64)> = credits
                .iter()
                .map(|((holder, lot, state), doses)| (holder.as_str(), *lot, *state, *doses))
                .collect();
            let sql = format!(
                "INSERT INTO balances (holder, lot, state, doses) {} \
                 ON CONFLICT (holder, lot, state) DO UPDATE SET doses = balances.doses + excluded.doses",
                crate::JsonRows::new(backend, 1, &account_types).select()
            );
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(crate::json_text(&credits)?)
                .execute(&mut *connection)
                .await?;
        }
        let mut movements = Vec::with_capacity(postings.len());
        if postings.is_empty() {
            return Ok(movements);
        }
        let at_text = at.to_string();
        let rows: Vec<JournalRow<'_>> = postings
            .iter()
            .map(|posting| {
                (
                    posting.kind.as_str(),
                    posting.lot.0,
                    posting.doses,
                    posting.from.as_ref().map(|from| from.holder.as_str()),
                    posting.from.as_ref().map(|from| from.state.as_str()),
                    posting.to.holder.as_str(),
                    posting.to.state.as_str(),
                    posting.reason.as_deref(),
                    user.map(|user| user.0),
                    at_text.as_str(),
                )
            })
            .collect();
        let ids = crate::inserted_ids(
            &mut connection,
            backend,
            "INSERT INTO movements (kind, lot, doses, from_holder, from_state, to_holder, to_state, reason, user_id, recorded_at)",
            &[
                "TEXT", "BIGINT", "BIGINT", "TEXT", "TEXT", "TEXT", "TEXT", "TEXT", "BIGINT", "TEXT",
            ],
            &rows,
        )
        .await?;
        for (id, posting) in ids.into_iter().zip(&postings) {
            movements.push(Movement::recorded(id, posting, at));
        }
        Ok(movements)
    }
}
