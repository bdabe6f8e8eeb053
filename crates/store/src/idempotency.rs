//! Idempotency keys: a request repeated with the same key has its effect once and gets the
//! first answer again (Stripe's model).
//!
//! The key is claimed in the transaction of the effect and the answer stored in it too, so a
//! crash can never leave an effect without its record, or a record without its effect.

use domain::access::UserId;
use sqlx::Row;

use crate::{StoreError, Tx};

/// What a claim on a key found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// The key is new: do the work, then [`Tx::complete_idempotency_key`] it in the same transaction.
    Fresh,
    /// The key was used for this same request: answer this again.
    Replay {
        /// The first answer's HTTP status.
        status: u16,
        /// The first answer's body.
        body: String,
    },
    /// The key was used for a different request.
    Mismatch,
    /// The first request with this key has not finished.
    InFlight,
}

impl Tx {
    /// Claims `key` for `user`'s request whose digest is `request_hash`.
    pub async fn claim_idempotency_key(
        &self,
        user: UserId,
        key: &str,
        request_hash: &str,
    ) -> Result<Claim, StoreError> {
        let mut connection = self.connection().await?;
        // On PostgreSQL a concurrent claim of the same key waits here until the first commits,
        // then inserts nothing and reads the finished answer below.
        let inserted = sqlx::query(
        "INSERT INTO idempotency_keys (user_id, key, request_hash) VALUES ($1, $2, $3) ON CONFLICT (user_id, key) DO NOTHING",
    )
    .bind(user.0)
    .bind(key)
    .bind(request_hash)
    .execute(&mut *connection)
    .await?;
        if inserted.rows_affected() == 1 {
            return Ok(Claim::Fresh);
        }
        let row = sqlx::query(
        "SELECT request_hash, status, body FROM idempotency_keys WHERE user_id = $1 AND key = $2",
    )
    .bind(user.0)
    .bind(key)
    .fetch_one(&mut *connection)
    .await?;
        let stored_hash: String = row.try_get(0)?;
        let status: Option<i64> = row.try_get(1)?;
        let body: Option<String> = row.try_get(2)?;
        Ok(match (stored_hash == request_hash, status, body) {
            (false, _, _) => Claim::Mismatch,
            (true, Some(status), Some(body)) => Claim::Replay {
                status: u16::try_from(status).unwrap_or(500),
                body,
            },
            (true, _, _) => Claim::InFlight,
        })
    }

    /// Stores the answer to a fresh claim.
    pub async fn complete_idempotency_key(
        &self,
        user: UserId,
        key: &str,
        status: u16,
        body: &str,
    ) -> Result<(), StoreError> {
        let mut connection = self.connection().await?;
        sqlx::query(
            "UPDATE idempotency_keys SET status = $1, body = $2 WHERE user_id = $3 AND key = $4",
        )
        .bind(i64::from(status))
        .bind(body)
        .bind(user.0)
        .bind(key)
        .execute(&mut *connection)
        .await?;
        Ok(())
    }
}
