//! Moving doses, reading balances and the journal, and the system's expiry of lots past
//! their last day.

use domain::access::{Action, Actor, LotView, may, oversees_all};
use domain::audit::{AuditAction, ObjectKind, ObjectRef};
use domain::ledger::{AccountState, LotId, MovementKind, MovementRequest, PartyCode};
use domain::party::Lot;
use domain::time::Timestamp;
use serde::{Deserialize, Serialize};
use store::Tx;
use store::ledger::{Balance, BalanceCursor, BalanceFilter, Movement, MovementFilter};

use crate::{AppError, Fields, LIST_ITEMS_MAX, audit, lots};

/// A movement to make.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMovement {
    /// `reserve`, `unreserve`, `ship`, `receive`, `administer`, `expire` or `waste`
    /// (`release` happens by registering a lot).
    #[schema(example = "ship")]
    pub kind: String,
    /// The lot's id.
    pub lot: i64,
    /// How many doses.
    #[schema(example = 1000)]
    pub doses: i64,
    /// The recipient's party code, for `ship`.
    #[schema(example = "ETH")]
    pub to: Option<String>,
    /// Required for `waste`; an optional note otherwise.
    pub reason: Option<String>,
    /// For `expire`: `available` (default) or `reserved`.
    pub from_state: Option<String>,
}

/// The input field a refusal of the ledger's rules (by its code) concerns, for edges that
/// name it beside the refusal.
pub fn refused_field(code: &str) -> Option<&'static str> {
    match code {
        "doses_must_be_positive"
        | "doses_must_not_exceed_maximum"
        | "insufficient_balance"
        | "released_must_not_exceed_maximum" => Some("doses"),
        "recipient_required_for_ship"
        | "recipient_only_allowed_for_ship"
        | "recipient_must_differ_from_holder" => Some("to"),
        "source_state_only_allowed_for_expire" | "expire_must_take_from_available_or_reserved" => {
            Some("from_state")
        }
        "reason_required_for_waste"
        | "reason_must_not_be_blank"
        | "reason_must_not_exceed_maximum_length"
        | "reason_must_not_contain_control_characters" => Some("reason"),
        _ => None,
    }
}

/// Moves doses of a lot out of one of the actor's accounts.
pub async fn record(
    tx: &Tx,
    now: Timestamp,
    actor: &Actor,
    input: &NewMovement,
) -> Result<Movement, AppError> {
    let mut fields = Fields::new();
    let kind = fields.check("kind", input.kind.parse::<MovementKind>());
    if kind == Some(MovementKind::Release) {
        fields.push(
            "kind",
            "doses are released by registering a lot (POST /api/v1/lots)",
        );
    }
    let to = match &input.to {
        Some(code) => match fields.check("to", PartyCode::parse(code)) {
            Some(code) if tx.party(code.as_str()).await?.is_none() => {
                fields.push("to", format!("there is no party {code}"));
                None
            }
            other => other,
        },
        None => None,
    };
    let from_state = match &input.from_state {
        Some(text) => fields.check("from_state", text.parse::<AccountState>()),
        None => None,
    };
    fields.finish()?;
    let Some(kind) = kind else {
        return Err(AppError::invalid("kind", "is required"));
    };
    may(actor, &Action::Move(kind))?;
    let (lot, _) = lots::visible(tx, actor, LotId(input.lot)).await?;
    // After its last day a lot's doses can only expire: nobody may give, ship or keep them.
    let today = now.date();
    if kind != MovementKind::Expire && lot.expiry < today {
        return Err(AppError::Refused {
            code: "lot_expired",
            detail: format!(
                "lot {} expired on {}: its doses can only be expired now, not moved (today is {today})",
                lot.id.0, lot.expiry
            ),
        });
    }
    let request = MovementRequest {
        kind,
        lot: lot.id,
        doses: input.doses,
        actor: actor.party.clone(),
        to,
        from_state,
        reason: input.reason.clone(),
    };
    let movement = tx.apply_movement(&request, Some(actor.user), now).await?;
    record_audit(tx, Some(actor), now, &movement, Some(&lot)).await?;
    Ok(movement)
}

/// Records a journal entry in the audit trail: it concerns both sides and the lot's maker.
pub(crate) async fn record_audit(
    tx: &Tx,
    actor: Option<&Actor>,
    now: Timestamp,
    movement: &Movement,
    lot: Option<&Lot>,
) -> Result<(), AppError> {
    let event = audit_event(movement, lot.map(|lot| &lot.manufacturer));
    audit::record_related(
        tx,
        actor,
        now,
        event.action,
        event.object,
        event.related,
        event.parties,
        serde_json::from_str(&event.detail).unwrap_or_default(),
    )
    .await
}

/// The trail's event for a journal entry: about the movement, in its lot's trail, concerning
/// both sides and the lot's manufacturer.
pub(crate) fn audit_event(
    movement: &Movement,
    manufacturer: Option<&PartyCode>,
) -> domain::audit::NewEvent {
    let mut parties: Vec<PartyCode> = movement
        .from
        .iter()
        .map(|side| side.holder.clone())
        .collect();
    parties.push(movement.to.holder.clone());
    parties.extend(manufacturer.cloned());
    domain::audit::NewEvent {
        action: AuditAction::MovementRecorded,
        object: ObjectRef::new(ObjectKind::Movement, movement.id),
        related: vec![ObjectRef::new(ObjectKind::Lot, movement.lot.0)],
        detail: crate::detail(
            serde_json::json!({"kind": movement.kind.as_str(), "lot": movement.lot.0, "doses": movement.doses,
            "from": movement.from.as_ref().map(|side| serde_json::json!({"holder": side.holder.as_str(), "state": side.state.as_str()})),
            "to": {"holder": movement.to.holder.as_str(), "state": movement.to.state.as_str()},
            "reason": movement.reason}),
        ),
        parties,
    }
}

/// Which balances to read.
#[derive(Debug, Clone, Default)]
pub struct BalanceQuery {
    /// Only this holder's.
    pub holder: Option<PartyCode>,
    /// Only this lot's.
    pub lot: Option<LotId>,
    /// Only in this state.
    pub state: Option<AccountState>,
    /// After this balance.
    pub after: Option<BalanceCursor>,
    /// At most this many.
    pub limit: i64,
}

/// The balances `actor` may read: its own, and every holder's of the lots it made (all for
/// organizations).
pub async fn balances(
    tx: &Tx,
    actor: &Actor,
    query: &BalanceQuery,
) -> Result<Vec<Balance>, AppError> {
    Ok(tx
        .balances(&BalanceFilter {
            holder: query.holder.clone(),
            lot: query.lot,
            state: query.state,
            visible_to: (!oversees_all(actor)).then(|| actor.party.clone()),
            after: query.after.clone(),
            limit: query.limit.clamp(1, LIST_ITEMS_MAX),
        })
        .await?)
}

/// The journal `actor` may read, oldest first: a lot's whole journal for its manufacturer
/// and organizations, the entries into or out of its own accounts for a holder; every lot's
/// only for organizations.
pub async fn journal(
    tx: &Tx,
    actor: &Actor,
    lot: Option<LotId>,
    after: Option<i64>,
    limit: i64,
) -> Result<Vec<Movement>, AppError> {
    let involving = match lot {
        Some(lot) => match lots::visible(tx, actor, lot).await?.1 {
            LotView::Full => None,
            _ => Some(actor.party.clone()),
        },
        None => {
            may(actor, &Action::ReadWholeJournal)
                .map_err(|denied| AppError::invalid("lot", format!("required: {denied}")))?;
            None
        }
    };
    Ok(tx
        .movements(&MovementFilter {
            lot,
            involving,
            after,
            limit: limit.clamp(1, LIST_ITEMS_MAX),
        })
        .await?)
}

/// Moves every dose still `available` or `reserved` in a lot whose expiry is before today to
/// `expired`, as the system; returns the journal entries. Running it twice on a day changes
/// nothing the second time.
pub async fn expire_due(tx: &Tx, now: Timestamp) -> Result<Vec<Movement>, AppError> {
    let today = now.date();
    let due = tx.balances_past_expiry(today).await?;
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
        let movement = tx.apply_movement(&request, None, now).await?;
        let lot = tx.lot(movement.lot).await?;
        record_audit(tx, None, now, &movement, lot.as_ref()).await?;
        entries.push(movement);
    }
    Ok(entries)
}
