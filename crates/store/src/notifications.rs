//! Notifications in the store: one row per user and event, written in the event's
//! transaction; reading them, and marking them read.

use domain::access::UserId;
use domain::audit::{AuditAction, ObjectKind, ObjectRef};
use domain::ledger::PartyCode;
use domain::time::Timestamp;
use sqlx::Row;

use crate::{StoreError, Tx, corrupt};

/// A notification as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    /// Its id.
    pub id: i64,
    /// The audit event it tells of.
    pub event: i64,
    /// What happened.
    pub action: AuditAction,
    /// To what.
    pub object: ObjectRef,
    /// In a sentence.
    pub summary: String,
    /// When.
    pub created_at: Timestamp,
    /// Whether its user has marked it read.
    pub read: bool,
}

impl Tx {
    /// Notifies every active user of `parties` but `except` of event `event`, in one
    /// statement; how many.
    #[allow(
        clippy::too_many_arguments,
        reason = "each is one field of the notification"
    )]
    pub async fn notify_parties(
        &self,
        parties: &[&PartyCode],
        except: Option<UserId>,
        event: i64,
        action: AuditAction,
        object: &ObjectRef,
        summary: &str,
        at: Timestamp,
    ) -> Result<u64, StoreError> {
        if parties.is_empty() {
            return Ok(0);
        }
        let mut connection = self.connection().await?;
        let list: Vec<String> = (0..parties.len())
            .map(|index| format!("(CAST(${} AS TEXT))", index + 8))
            .collect();
        let sql = format!(
            "INSERT INTO notifications (user_id, event, action, object_kind, object_id, summary, created_at) \
             SELECT id, $1, $2, $3, $4, $5, $6 FROM users \
             WHERE party IN (SELECT v.column1 FROM (VALUES {}) AS v) AND disabled = 0 \
             AND (CAST($7 AS BIGINT) IS NULL OR id <> $7) ORDER BY id",
            list.join(", ")
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(event)
            .bind(action.as_str())
            .bind(object.kind.as_str())
            .bind(object.id.clone())
            .bind(summary.to_owned())
            .bind(at.to_string())
            .bind(except.map(|user| user.0));
        for party in parties {
            query = query.bind(party.as_str().to_owned());
        }
        let done = query.execute(&mut *connection).await?;
        Ok(done.rows_affected())
    }

    /// A user's notifications after `after` (unread ones only if asked), oldest first.
    pub async fn notifications(
        &self,
        user: UserId,
        unread_only: bool,
        after: Option<i64>,
        limit: i64,
    ) -> Result<Vec<Notification>, StoreError> {
        let mut connection = self.connection().await?;
        let rows = sqlx::query(
            "SELECT id, event, action, object_kind, object_id, summary, created_at, read_at FROM notifications \
             WHERE user_id = $1 AND ($2 = 0 OR read_at IS NULL) AND (CAST($3 AS BIGINT) IS NULL OR id > $3) \
             ORDER BY id LIMIT $4",
        )
        .bind(user.0)
        .bind(i64::from(unread_only))
        .bind(after)
        .bind(limit)
        .fetch_all(&mut *connection)
        .await?;
        rows.iter()
            .map(|row| {
                let action: String = row.try_get("action")?;
                let kind: String = row.try_get("object_kind")?;
                let created_at: String = row.try_get("created_at")?;
                let read_at: Option<String> = row.try_get("read_at")?;
                Ok(Notification {
                    id: row.try_get("id")?,
                    event: row.try_get("event")?,
                    action: AuditAction::parse(&action).map_err(corrupt)?,
                    object: ObjectRef {
                        kind: ObjectKind::parse(&kind).map_err(corrupt)?,
                        id: row.try_get("object_id")?,
                    },
                    summary: row.try_get("summary")?,
                    created_at: Timestamp::parse(&created_at).map_err(corrupt)?,
                    read: read_at.is_some(),
                })
            })
            .collect()
    }

    /// How many unread notifications a user has.
    pub async fn unread_notifications(&self, user: UserId) -> Result<i64, StoreError> {
        let mut connection = self.connection().await?;
        let count: i64 = sqlx::query_scalar(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM notifications WHERE user_id = $1 AND read_at IS NULL",
        )
        .bind(user.0)
        .fetch_one(&mut *connection)
        .await?;
        Ok(count)
    }

    /// Marks the user's notifications with these ids read (others' ids are left alone);
    /// how many changed.
    pub async fn mark_notifications_read(
        &self,
        user: UserId,
        ids: &[i64],
        at: Timestamp,
    ) -> Result<u64, StoreError> {
        let mut connection = self.connection().await?;
        let mut changed = 0;
        for id in ids {
            changed += sqlx::query(
                "UPDATE notifications SET read_at = $1 WHERE id = $2 AND user_id = $3 AND read_at IS NULL",
            )
            .bind(at.to_string())
            .bind(id)
            .bind(user.0)
            .execute(&mut *connection)
            .await?
            .rows_affected();
        }
        Ok(changed)
    }
}
