//! Notifications: each user reads their own and marks them read (`cooperation.md`,
//! "Notifications"); they are written by [`crate::audit::record`] in the event's transaction.

use domain::access::Actor;
use domain::time::Timestamp;
use store::Tx;
use store::notifications::Notification;

use crate::{AppError, LIST_ITEMS_MAX};

/// The most ids one `read` call marks.
pub const MARK_IDS_MAX: usize = 1_000;

/// The actor's own notifications, oldest first.
pub async fn list(
    tx: &Tx,
    actor: &Actor,
    unread_only: bool,
    after: Option<i64>,
    limit: i64,
) -> Result<Vec<Notification>, AppError> {
    Ok(tx
        .notifications(
            actor.user,
            unread_only,
            after,
            limit.clamp(1, LIST_ITEMS_MAX),
        )
        .await?)
}

/// Marks the actor's notifications with these ids read; ids of others' notifications (or of
/// none) change nothing. How many were unread and now are read.
pub async fn mark_read(
    tx: &Tx,
    now: Timestamp,
    actor: &Actor,
    ids: &[i64],
) -> Result<u64, AppError> {
    if ids.len() > MARK_IDS_MAX {
        return Err(AppError::invalid(
            "ids",
            format!("at most {MARK_IDS_MAX} ids at once; {} given", ids.len()),
        ));
    }
    Ok(tx.mark_notifications_read(actor.user, ids, now).await?)
}
