//! Webhooks in the store: a party's targets, the outbox of their deliveries (one row per
//! webhook and event, written in the event's transaction), the claims the delivery worker
//! takes on due rows, and the attempts it records.
//!
//! A row is due when it is `pending`, its next attempt time has come, no live lease holds
//! it, and no earlier row of the same webhook is still pending: so each webhook receives its
//! events one at a time, in order. On PostgreSQL the claim locks the rows it takes with
//! `FOR UPDATE SKIP LOCKED`, so that two servers never take one row; on SQLite the claim's
//! write transaction is the only writer. Either way the lease (`lease_until`, and the
//! `lease_token` only its claimer knows) keeps the row from being claimed again while its
//! delivery runs, and lets a row whose claimer died be claimed once the lease is over.

use domain::access::UserId;
use domain::audit::AuditAction;
use domain::ledger::PartyCode;
use domain::time::Timestamp;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::{Backend, StoreError, Tx, corrupt};

/// A webhook as stored (its secret apart: only a claim reads it, to sign).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Webhook {
    /// Its id.
    pub id: i64,
    /// The party whose events it receives.
    pub party: PartyCode,
    /// Where deliveries are posted.
    pub url: String,
    /// The events it receives.
    pub events: Vec<AuditAction>,
    /// Who registered it.
    pub created_by: UserId,
    /// When.
    pub created_at: Timestamp,
    /// When it was deleted; deliveries stopped then.
    pub deleted_at: Option<Timestamp>,
}

/// A webhook to register.
#[derive(Debug, Clone)]
pub struct NewWebhook<'a> {
    /// The party whose events it receives.
    pub party: &'a PartyCode,
    /// Where deliveries are posted.
    pub url: &'a str,
    /// The events it receives.
    pub events: &'a [AuditAction],
    /// The key of its signatures.
    pub secret: &'a str,
    /// Who registers it.
    pub created_by: UserId,
}

/// An outbox row's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryState {
    /// Not delivered yet: due at its next attempt time.
    Pending,
    /// A 2xx answer came.
    Delivered,
    /// Its webhook was deleted first.
    Cancelled,
}

impl DeliveryState {
    /// The state's name in the database and the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Delivered => "delivered",
            Self::Cancelled => "cancelled",
        }
    }

    fn parse(text: &str) -> Result<Self, StoreError> {
        match text {
            "pending" => Ok(Self::Pending),
            "delivered" => Ok(Self::Delivered),
            "cancelled" => Ok(Self::Cancelled),
            other => Err(StoreError::Corrupt(format!(
                "{other:?} is not a delivery state"
            ))),
        }
    }
}

/// One attempt to deliver an outbox row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    /// 1 for the first.
    pub number: i64,
    /// When it started.
    pub at: Timestamp,
    /// The HTTP status answered; `None` when no answer came.
    pub status: Option<i64>,
    /// Why it failed without an answer (or a short reason beside a status).
    pub error: Option<String>,
    /// How long it took, in milliseconds.
    pub duration_ms: i64,
}

/// An outbox row with its attempts, as a webhook's deliveries list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    /// The outbox row's id.
    pub id: i64,
    /// The audit event delivered (the payload's `id`).
    pub event: i64,
    /// Its action (the payload's `event`).
    pub action: AuditAction,
    /// Where it stands.
    pub state: DeliveryState,
    /// When the next attempt is due (while pending).
    pub next_attempt_at: Timestamp,
    /// When it was written (the event's moment).
    pub created_at: Timestamp,
    /// When a 2xx answer came.
    pub delivered_at: Option<Timestamp>,
    /// Every attempt, first first.
    pub attempts: Vec<Attempt>,
}

/// A row claimed for delivery: what to post where, signed with what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claimed {
    /// The outbox row.
    pub id: i64,
    /// Its webhook.
    pub webhook: i64,
    /// The audit event it delivers.
    pub event: i64,
    /// The target.
    pub url: String,
    /// The webhook's signing key.
    pub secret: String,
    /// The exact body to post.
    pub payload: String,
    /// Attempts made before this one.
    pub attempts: i64,
}

/// How an attempt ended, for [`Tx::finish_delivery_attempt`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttemptOutcome {
    /// A 2xx answer: the row is delivered.
    Delivered,
    /// Anything else: try again at this moment.
    RetryAt(Timestamp),
}

/// When an outbox row `o` of webhook `w` is due at `$1`: pending, its time come, no live
/// lease on it, and no earlier pending row of its webhook (so that delivery is in order). A
/// row waiting behind a failing one is not due, so a backlog behind a dead receiver costs
/// the worker no write transactions.
const DUE: &str = "o.state = 'pending' AND w.deleted_at IS NULL AND o.next_attempt_at <= $1 \
     AND (o.lease_until IS NULL OR o.lease_until <= $1) \
     AND NOT EXISTS (SELECT 1 FROM webhook_outbox e \
         WHERE e.webhook = o.webhook AND e.state = 'pending' AND e.id < o.id)";

const WEBHOOK_COLUMNS: &str = "id, party, url, events, created_by, created_at, deleted_at";

fn webhook_from(row: &AnyRow) -> Result<Webhook, StoreError> {
    let party: String = row.try_get("party")?;
    let events: String = row.try_get("events")?;
    let created_at: String = row.try_get("created_at")?;
    let deleted_at: Option<String> = row.try_get("deleted_at")?;
    Ok(Webhook {
        id: row.try_get("id")?,
        party: PartyCode::parse(&party).map_err(corrupt)?,
        url: row.try_get("url")?,
        events: parse_events(&events)?,
        created_by: UserId(row.try_get("created_by")?),
        created_at: Timestamp::parse(&created_at).map_err(corrupt)?,
        deleted_at: deleted_at
            .map(|text| Timestamp::parse(&text))
            .transpose()
            .map_err(corrupt)?,
    })
}

fn parse_events(text: &str) -> Result<Vec<AuditAction>, StoreError> {
    let names: Vec<String> = serde_json::from_str(text).map_err(corrupt)?;
    names
        .iter()
        .map(|name| AuditAction::parse(name).map_err(corrupt))
        .collect()
}

fn timestamp(row: &AnyRow, column: &str) -> Result<Timestamp, StoreError> {
    let text: String = row.try_get(column)?;
    Timestamp::parse(&text).map_err(corrupt)
}

impl Tx {
    /// Registers a webhook at `at`; its id.
    pub async fn create_webhook(
        &self,
        new: &NewWebhook<'_>,
        at: Timestamp,
    ) -> Result<i64, StoreError> {
        let events: Vec<&str> = new.events.iter().map(|event| event.as_str()).collect();
        let events = serde_json::to_string(&events).map_err(corrupt)?;
        let mut connection = self.connection().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO webhooks (party, url, events, secret, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(new.party.as_str().to_owned())
        .bind(new.url.to_owned())
        .bind(events)
        .bind(new.secret.to_owned())
        .bind(new.created_by.0)
        .bind(at.to_string())
        .fetch_one(&mut *connection)
        .await?;
        Ok(id)
    }

    /// The webhook with this id, deleted or not.
    pub async fn webhook(&self, id: i64) -> Result<Option<Webhook>, StoreError> {
        let mut connection = self.connection().await?;
        let sql = format!("SELECT {WEBHOOK_COLUMNS} FROM webhooks WHERE id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&mut *connection)
            .await?;
        row.as_ref().map(webhook_from).transpose()
    }

    /// A party's webhooks that are not deleted, after `after`, by id.
    pub async fn webhooks_of(
        &self,
        party: &PartyCode,
        after: Option<i64>,
        limit: i64,
    ) -> Result<Vec<Webhook>, StoreError> {
        let mut connection = self.connection().await?;
        let sql = format!(
            "SELECT {WEBHOOK_COLUMNS} FROM webhooks WHERE party = $1 AND deleted_at IS NULL \
             AND (CAST($2 AS BIGINT) IS NULL OR id > $2) ORDER BY id LIMIT $3"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(party.as_str().to_owned())
            .bind(after)
            .bind(limit)
            .fetch_all(&mut *connection)
            .await?;
        rows.iter().map(webhook_from).collect()
    }

    /// Deletes a webhook at `at` and cancels its pending deliveries; false when it was
    /// deleted already.
    pub async fn delete_webhook(&self, id: i64, at: Timestamp) -> Result<bool, StoreError> {
        let mut connection = self.connection().await?;
        let done =
            sqlx::query("UPDATE webhooks SET deleted_at = $1 WHERE id = $2 AND deleted_at IS NULL")
                .bind(at.to_string())
                .bind(id)
                .execute(&mut *connection)
                .await?;
        if done.rows_affected() == 0 {
            return Ok(false);
        }
        sqlx::query("UPDATE webhook_outbox SET state = 'cancelled' WHERE webhook = $1 AND state = 'pending'")
            .bind(id)
            .execute(&mut *connection)
            .await?;
        Ok(true)
    }

    /// Writes one outbox row per active webhook of `parties` that receives `action`, each
    /// to deliver `payload` (event `event`, at `at`), due at once; how many.
    pub async fn enqueue_webhook_deliveries(
        &self,
        parties: &[&PartyCode],
        event: i64,
        action: AuditAction,
        payload: &str,
        at: Timestamp,
    ) -> Result<u64, StoreError> {
        if parties.is_empty() {
            return Ok(0);
        }
        let mut connection = self.connection().await?;
        let list: Vec<String> = (0..parties.len())
            .map(|index| format!("(CAST(${} AS TEXT))", index + 1))
            .collect();
        let sql = format!(
            "SELECT id, events FROM webhooks WHERE deleted_at IS NULL \
             AND party IN (SELECT v.column1 FROM (VALUES {}) AS v) ORDER BY id",
            list.join(", ")
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for party in parties {
            query = query.bind(party.as_str().to_owned());
        }
        let rows = query.fetch_all(&mut *connection).await?;
        let mut written = 0;
        for row in &rows {
            let events: String = row.try_get("events")?;
            if !parse_events(&events)?.contains(&action) {
                continue;
            }
            let webhook: i64 = row.try_get("id")?;
            written += sqlx::query(
                "INSERT INTO webhook_outbox (webhook, event, payload, state, attempts, next_attempt_at, created_at) \
                 VALUES ($1, $2, $3, 'pending', 0, $4, $4)",
            )
            .bind(webhook)
            .bind(event)
            .bind(payload.to_owned())
            .bind(at.to_string())
            .execute(&mut *connection)
            .await?
            .rows_affected();
        }
        Ok(written)
    }

    /// Whether any outbox row is due at `now` (a cheap look before a claim).
    pub async fn webhook_deliveries_due(&self, now: Timestamp) -> Result<bool, StoreError> {
        let mut connection = self.connection().await?;
        let due: Option<i64> = sqlx::query_scalar(
            sqlx::AssertSqlSafe(format!(
                "SELECT o.id FROM webhook_outbox o JOIN webhooks w ON w.id = o.webhook WHERE {DUE} LIMIT 1"
            )),
        )
        .bind(now.to_string())
        .fetch_optional(&mut *connection)
        .await?;
        Ok(due.is_some())
    }

    /// Claims at most `limit` due rows (at most one per webhook: its earliest pending one,
    /// oldest first) until `lease_until`, under `token`; what to deliver.
    pub async fn claim_webhook_deliveries(
        &self,
        now: Timestamp,
        lease_until: Timestamp,
        token: &str,
        limit: i64,
    ) -> Result<Vec<Claimed>, StoreError> {
        let mut connection = self.connection().await?;
        // Skipping rows another server holds is safe: a row it holds is leased once it
        // commits, and an earlier pending row keeps every later row of its webhook waiting.
        let lock = match self.backend() {
            Backend::Postgres => " FOR UPDATE OF o SKIP LOCKED",
            Backend::Sqlite => "",
        };
        let sql = format!(
            "SELECT o.id, o.webhook, o.event, o.payload, o.attempts, w.url, w.secret \
             FROM webhook_outbox o JOIN webhooks w ON w.id = o.webhook \
             WHERE {DUE} ORDER BY o.id LIMIT $2{lock}"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(now.to_string())
            .bind(limit)
            .fetch_all(&mut *connection)
            .await?;
        let mut claimed = Vec::with_capacity(rows.len());
        for row in &rows {
            claimed.push(Claimed {
                id: row.try_get("id")?,
                webhook: row.try_get("webhook")?,
                event: row.try_get("event")?,
                url: row.try_get("url")?,
                secret: row.try_get("secret")?,
                payload: row.try_get("payload")?,
                attempts: row.try_get("attempts")?,
            });
        }
        for row in &claimed {
            sqlx::query(
                "UPDATE webhook_outbox SET lease_until = $1, lease_token = $2 WHERE id = $3",
            )
            .bind(lease_until.to_string())
            .bind(token.to_owned())
            .bind(row.id)
            .execute(&mut *connection)
            .await?;
        }
        Ok(claimed)
    }

    /// Records attempt `attempt` of the claimed row `id` and its outcome, and releases the
    /// claim; false (nothing recorded) when the claim under `token` was lost meanwhile.
    pub async fn finish_delivery_attempt(
        &self,
        id: i64,
        token: &str,
        attempt: &Attempt,
        outcome: AttemptOutcome,
    ) -> Result<bool, StoreError> {
        let mut connection = self.connection().await?;
        let (delivered, next) = match outcome {
            AttemptOutcome::Delivered => (true, None),
            AttemptOutcome::RetryAt(at) => (false, Some(at)),
        };
        let done = sqlx::query(
            "UPDATE webhook_outbox SET attempts = $1, lease_until = NULL, lease_token = NULL, \
             state = CASE WHEN $2 = 1 THEN 'delivered' ELSE state END, \
             delivered_at = CASE WHEN $2 = 1 THEN $3 ELSE delivered_at END, \
             next_attempt_at = COALESCE(CAST($4 AS TEXT), next_attempt_at) \
             WHERE id = $5 AND lease_token = $6",
        )
        .bind(attempt.number)
        .bind(i64::from(delivered))
        .bind(
            attempt
                .at
                .plus(chrono::Duration::milliseconds(attempt.duration_ms))
                .to_string(),
        )
        .bind(next.map(|at| at.to_string()))
        .bind(id)
        .bind(token.to_owned())
        .execute(&mut *connection)
        .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        sqlx::query(
            "INSERT INTO webhook_attempts (outbox, number, at, status, error, duration_ms) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(attempt.number)
        .bind(attempt.at.to_string())
        .bind(attempt.status)
        .bind(attempt.error.clone())
        .bind(attempt.duration_ms)
        .execute(&mut *connection)
        .await?;
        Ok(true)
    }

    /// A webhook's outbox rows after `after`, by id, each with its attempts.
    pub async fn webhook_deliveries(
        &self,
        webhook: i64,
        after: Option<i64>,
        limit: i64,
    ) -> Result<Vec<Delivery>, StoreError> {
        let mut connection = self.connection().await?;
        let rows = sqlx::query(
            "SELECT o.id, o.event, e.action, o.state, o.next_attempt_at, o.created_at, o.delivered_at \
             FROM webhook_outbox o JOIN audit_events e ON e.id = o.event \
             WHERE o.webhook = $1 AND (CAST($2 AS BIGINT) IS NULL OR o.id > $2) ORDER BY o.id LIMIT $3",
        )
        .bind(webhook)
        .bind(after)
        .bind(limit)
        .fetch_all(&mut *connection)
        .await?;
        let mut deliveries = Vec::with_capacity(rows.len());
        for row in &rows {
            let action: String = row.try_get("action")?;
            let state: String = row.try_get("state")?;
            let delivered_at: Option<String> = row.try_get("delivered_at")?;
            deliveries.push(Delivery {
                id: row.try_get("id")?,
                event: row.try_get("event")?,
                action: AuditAction::parse(&action).map_err(corrupt)?,
                state: DeliveryState::parse(&state)?,
                next_attempt_at: timestamp(row, "next_attempt_at")?,
                created_at: timestamp(row, "created_at")?,
                delivered_at: delivered_at
                    .map(|text| Timestamp::parse(&text))
                    .transpose()
                    .map_err(corrupt)?,
                attempts: Vec::new(),
            });
        }
        let (Some(first), Some(last)) = (deliveries.first(), deliveries.last()) else {
            return Ok(deliveries);
        };
        let attempts = sqlx::query(
            "SELECT a.outbox, a.number, a.at, a.status, a.error, a.duration_ms FROM webhook_attempts a \
             JOIN webhook_outbox o ON o.id = a.outbox \
             WHERE o.webhook = $1 AND a.outbox BETWEEN $2 AND $3 ORDER BY a.outbox, a.number",
        )
        .bind(webhook)
        .bind(first.id)
        .bind(last.id)
        .fetch_all(&mut *connection)
        .await?;
        for row in &attempts {
            let outbox: i64 = row.try_get("outbox")?;
            let attempt = Attempt {
                number: row.try_get("number")?,
                at: timestamp(row, "at")?,
                status: row.try_get("status")?,
                error: row.try_get("error")?,
                duration_ms: row.try_get("duration_ms")?,
            };
            if let Some(delivery) = deliveries.iter_mut().find(|delivery| delivery.id == outbox) {
                delivery.attempts.push(attempt);
            }
        }
        Ok(deliveries)
    }
}
