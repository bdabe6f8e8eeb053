//! The audit trail: recording events in the change's transaction, and reading them as the
//! policy allows.

use domain::access::{Action, Actor, EventReach, PRIVATE_OBJECT_KINDS, event_reach, may};
use domain::audit::{AuditAction, NewEvent, ObjectKind, ObjectRef};
use domain::ledger::PartyCode;
use domain::time::Timestamp;
use store::Tx;
use store::audit::{AuditEvent, EventFilter, PrivateKinds};

use crate::{AppError, LIST_ITEMS_MAX};

/// Records that `actor` (none: the system, or an anonymous caller) did `action` to `object`
/// at `at`, concerning `parties` (the actor's party is added), with `detail` (a JSON object).
pub async fn record(
    tx: &Tx,
    actor: Option<&Actor>,
    at: Timestamp,
    action: AuditAction,
    object: ObjectRef,
    parties: Vec<PartyCode>,
    detail: serde_json::Value,
) -> Result<(), AppError> {
    record_related(tx, actor, at, action, object, Vec::new(), parties, detail).await
}

/// As [`record`], for an object that belongs to others (`related`: a movement's lot), so
/// that their trail lists the event too.
#[allow(clippy::too_many_arguments, reason = "each is one field of the event")]
pub async fn record_related(
    tx: &Tx,
    actor: Option<&Actor>,
    at: Timestamp,
    action: AuditAction,
    object: ObjectRef,
    related: Vec<ObjectRef>,
    parties: Vec<PartyCode>,
    detail: serde_json::Value,
) -> Result<(), AppError> {
    let event = NewEvent {
        action,
        object,
        related,
        detail: crate::detail(detail),
        parties,
    };
    let id = tx.append_event(actor, at, &event).await?;
    if action.notifies() {
        // In the event's transaction too: an outbox row exists exactly when its event does,
        // for the webhooks of every party concerned, the acting party's included.
        let mut concerned: std::collections::BTreeSet<&PartyCode> = event.parties.iter().collect();
        if let Some(actor) = actor {
            concerned.insert(&actor.party);
        }
        let concerned: Vec<&PartyCode> = concerned.into_iter().collect();
        crate::webhooks::enqueue(tx, id, action, &event.object, &concerned, at).await?;
    }
    if action.notifies() {
        // In the event's transaction: a notification exists exactly when its event does.
        let summary = action.summary(actor.map(|actor| actor.party.as_str()), &event.object);
        let notified: std::collections::BTreeSet<&PartyCode> = event
            .parties
            .iter()
            .filter(|party| actor.is_none_or(|actor| actor.party != **party))
            .collect();
        let notified: Vec<&PartyCode> = notified.into_iter().collect();
        tx.notify_parties(
            &notified,
            actor.map(|actor| actor.user),
            id,
            action,
            &event.object,
            &summary,
            at,
        )
        .await?;
    }
    Ok(())
}

/// Which events to read.
#[derive(Debug, Clone, Default)]
pub struct AuditQuery {
    /// Only events about objects of this kind (their own, or one they belong to).
    pub kind: Option<ObjectKind>,
    /// Only about the object with this id (needs `kind`): its whole trail, such as a lot's
    /// registration and every movement of it.
    pub id: Option<String>,
    /// After this event.
    pub after: Option<i64>,
    /// At most this many.
    pub limit: i64,
}

/// The events `actor` may read (those concerning its party; for organizations all but others'
/// threads and messages: [`domain::access::sees_event`]), oldest first.
pub async fn list(tx: &Tx, actor: &Actor, query: &AuditQuery) -> Result<Vec<AuditEvent>, AppError> {
    may(actor, &Action::ReadAudit)?;
    if query.id.is_some() && query.kind.is_none() {
        return Err(AppError::invalid(
            "kind",
            "required with id: the id of which kind of object?",
        ));
    }
    let (visible_to, private) = match event_reach(actor) {
        EventReach::Concerning(party) => (Some(party), None),
        EventReach::AllButOthersPrivate(party) => (
            None,
            Some(PrivateKinds {
                party,
                kinds: PRIVATE_OBJECT_KINDS.to_vec(),
            }),
        ),
    };
    Ok(tx
        .events(&EventFilter {
            kind: query.kind,
            id: query.id.clone(),
            visible_to,
            private,
            after: query.after,
            limit: query.limit.clamp(1, LIST_ITEMS_MAX),
        })
        .await?)
}
