//! Webhooks (`cooperation.md`, "Webhooks"): a party's official registers a target for some
//! of the party's events; [`crate::audit::record`] writes one outbox row per webhook that
//! receives an event, in the event's transaction; the delivery worker (in `web`) claims due
//! rows ([`claim`]), posts them signed ([`signature`]) and records each attempt
//! ([`record_attempt`]), retrying with doubling delays. Only the webhook's party reads it.

use std::collections::BTreeSet;

use domain::access::{Action, Actor, may, sees_webhook};
use domain::audit::{AuditAction, ObjectKind, ObjectRef};
use domain::ledger::PartyCode;
use domain::time::Timestamp;
use domain::webhook::{EVENTS_MAX, check_target, deliverable_events, retry_delay_seconds};
use serde::{Deserialize, Serialize};
use store::Tx;
use store::webhooks::{Attempt, AttemptOutcome, Claimed, Delivery, NewWebhook, Webhook};

use crate::{AppError, Fields, LIST_ITEMS_MAX, audit, secrets};

/// A webhook, as a party's official registers it.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewWebhookInput {
    /// Where deliveries are posted: `http` or `https`, at most 2,048 characters, no
    /// credentials.
    #[schema(example = "https://stock.moh.example/equidose/events")]
    pub url: String,
    /// The events to receive, among those of `cooperation.md` section 7.
    #[schema(example = json!(["shipment.dispatched", "shipment.delivered"]))]
    pub events: Vec<String>,
}

/// A webhook just registered, with its secret (shown this once).
#[derive(Debug, Clone)]
pub struct CreatedWebhook {
    /// The signing key of its deliveries.
    pub secret: String,
    /// Its record.
    pub webhook: Webhook,
}

/// Registers a webhook of the actor's party. `allow_private`: the operator lets targets
/// be loopback, private or link-local addresses.
pub async fn create(
    tx: &Tx,
    now: Timestamp,
    actor: &Actor,
    input: &NewWebhookInput,
    allow_private: bool,
) -> Result<CreatedWebhook, AppError> {
    may(actor, &Action::ManageWebhooks)?;
    let mut fields = Fields::new();
    fields.check("url", check_target(&input.url, allow_private));
    let events = fields.check("events", parse_events(&input.events));
    fields.finish()?;
    let events = events.unwrap_or_default();
    let secret =
        secrets::random_token("whsec").map_err(|error| AppError::Internal(error.to_string()))?;
    let id = tx
        .create_webhook(
            &NewWebhook {
                party: &actor.party,
                url: &input.url,
                events: &events,
                secret: &secret,
                created_by: actor.user,
            },
            now,
        )
        .await?;
    let names: Vec<&str> = events.iter().map(|event| event.as_str()).collect();
    audit::record(
        tx,
        Some(actor),
        now,
        AuditAction::WebhookCreated,
        ObjectRef::new(ObjectKind::Webhook, id),
        Vec::new(),
        serde_json::json!({"url": input.url, "events": names}),
    )
    .await?;
    let webhook = found(tx, actor, id).await?;
    Ok(CreatedWebhook { secret, webhook })
}

/// The event names given, each a deliverable event, without repeats.
fn parse_events(names: &[String]) -> Result<Vec<AuditAction>, String> {
    if names.is_empty() || names.len() > EVENTS_MAX {
        return Err(format!("give 1 to {EVENTS_MAX} event names"));
    }
    let deliverable = deliverable_events();
    let mut events = BTreeSet::new();
    for name in names {
        match AuditAction::parse(name) {
            Ok(action) if deliverable.contains(&action) => {
                events.insert(action);
            }
            _ => {
                let known: Vec<&str> = deliverable.iter().map(|event| event.as_str()).collect();
                return Err(format!(
                    "{name:?} is not an event a webhook receives: expected some of {}",
                    known.join(", ")
                ));
            }
        }
    }
    Ok(events.into_iter().collect())
}

/// The webhook, if the actor's party is its party and it is not deleted.
pub async fn found(tx: &Tx, actor: &Actor, id: i64) -> Result<Webhook, AppError> {
    tx.webhook(id)
        .await?
        .filter(|webhook| webhook.deleted_at.is_none() && sees_webhook(actor, &webhook.party))
        .ok_or_else(|| AppError::NotFound(format!("there is no webhook {id} of yours")))
}

/// The actor's party's webhooks, by id.
pub async fn list(
    tx: &Tx,
    actor: &Actor,
    after: Option<i64>,
    limit: i64,
) -> Result<Vec<Webhook>, AppError> {
    Ok(tx
        .webhooks_of(&actor.party, after, limit.clamp(1, LIST_ITEMS_MAX))
        .await?)
}

/// Deletes a webhook of the actor's party: its pending deliveries are cancelled.
pub async fn delete(tx: &Tx, now: Timestamp, actor: &Actor, id: i64) -> Result<Webhook, AppError> {
    let webhook = found(tx, actor, id).await?;
    may(actor, &Action::ManageWebhooks)?;
    if !tx.delete_webhook(id, now).await? {
        return Err(AppError::NotFound(format!(
            "there is no webhook {id} of yours"
        )));
    }
    audit::record(
        tx,
        Some(actor),
        now,
        AuditAction::WebhookDeleted,
        ObjectRef::new(ObjectKind::Webhook, id),
        Vec::new(),
        serde_json::json!({"url": webhook.url}),
    )
    .await?;
    Ok(Webhook {
        deleted_at: Some(now),
        ..webhook
    })
}

/// A webhook's deliveries (outbox rows with their attempts), by id.
pub async fn deliveries(
    tx: &Tx,
    actor: &Actor,
    id: i64,
    after: Option<i64>,
    limit: i64,
) -> Result<Vec<Delivery>, AppError> {
    found(tx, actor, id).await?;
    Ok(tx
        .webhook_deliveries(id, after, limit.clamp(1, LIST_ITEMS_MAX))
        .await?)
}

/// The body every delivery of event `id` posts: `{id, event, object: {kind, id},
/// created_at}`, fixed when the event is recorded.
pub fn payload(id: i64, action: AuditAction, object: &ObjectRef, at: Timestamp) -> String {
    serde_json::json!({
        "id": id,
        "event": action.as_str(),
        "object": {"kind": object.kind.as_str(), "id": object.id},
        "created_at": at.to_string(),
    })
    .to_string()
}

/// Writes the outbox rows of event `id` (in its transaction): one per active webhook of the
/// parties concerned (the actor's included: it is that party's event too) that receives
/// `action`. Only deliverable events reach webhooks.
pub(crate) async fn enqueue(
    tx: &Tx,
    id: i64,
    action: AuditAction,
    object: &ObjectRef,
    parties: &[&PartyCode],
    at: Timestamp,
) -> Result<(), AppError> {
    if !action.notifies() {
        return Ok(());
    }
    let body = payload(id, action, object, at);
    tx.enqueue_webhook_deliveries(parties, id, action, &body, at)
        .await?;
    Ok(())
}

/// `sha256=` and the hex HMAC-SHA256 of `body` keyed with `secret`: the
/// `Equidose-Signature` header of a delivery.
pub fn signature(secret: &str, body: &[u8]) -> String {
    format!(
        "sha256={}",
        secrets::hmac_sha256_hex(secret.as_bytes(), body)
    )
}

/// How the worker retries and how long a claim lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// The wait after the first failed attempt, in seconds; it doubles after each.
    pub initial_seconds: u64,
    /// The longest wait between attempts, in seconds.
    pub max_seconds: u64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            initial_seconds: 1,
            max_seconds: 3_600,
        }
    }
}

/// Claims at most `limit` due deliveries (the earliest pending one of each webhook) for
/// `lease`, under `token`.
pub async fn claim(
    tx: &Tx,
    now: Timestamp,
    lease: chrono::Duration,
    token: &str,
    limit: i64,
) -> Result<Vec<Claimed>, AppError> {
    Ok(tx
        .claim_webhook_deliveries(now, now.plus(lease), token, limit)
        .await?)
}

/// Whether any delivery is due at `now`.
pub async fn any_due(tx: &Tx, now: Timestamp) -> Result<bool, AppError> {
    Ok(tx.webhook_deliveries_due(now).await?)
}

/// Records an attempt at a claimed delivery: delivered, or due again after the policy's
/// delay for this many attempts. False when the claim was lost (nothing recorded).
pub async fn record_attempt(
    tx: &Tx,
    claimed: &Claimed,
    token: &str,
    attempt: &Attempt,
    delivered: bool,
    policy: RetryPolicy,
) -> Result<bool, AppError> {
    let outcome = if delivered {
        AttemptOutcome::Delivered
    } else {
        let delay = retry_delay_seconds(attempt.number, policy.initial_seconds, policy.max_seconds);
        // At most ten years: chrono's durations have bounds.
        let delay = i64::try_from(delay.min(315_360_000)).unwrap_or(315_360_000);
        AttemptOutcome::RetryAt(
            attempt
                .at
                .plus(chrono::Duration::milliseconds(attempt.duration_ms))
                .plus(chrono::Duration::seconds(delay)),
        )
    };
    Ok(tx
        .finish_delivery_attempt(claimed.id, token, attempt, outcome)
        .await?)
}
