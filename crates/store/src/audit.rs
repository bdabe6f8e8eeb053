//! The audit trail in the store: events appended in the transaction of the change they
//! record, and read back filtered by object and by the parties they concern.

use std::collections::BTreeSet;

use domain::access::{Actor, UserId};
use domain::audit::{AuditAction, NewEvent, ObjectKind, ObjectRef};
use domain::ledger::PartyCode;
use domain::time::Timestamp;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::{StoreError, Tx, corrupt};

/// An event as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEvent {
    /// Its place in the trail.
    pub id: i64,
    /// When it happened.
    pub at: Timestamp,
    /// The user who acted; `None` for the system or an anonymous caller.
    pub actor_user: Option<UserId>,
    /// Their party.
    pub actor_party: Option<PartyCode>,
    /// What happened.
    pub action: AuditAction,
    /// To what.
    pub object: ObjectRef,
    /// The facts, a JSON object as text.
    pub detail: String,
}

/// Which events to list.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    /// Only events about objects of this kind (as their object, or one they belong to).
    pub kind: Option<ObjectKind>,
    /// Only events about the object with this id (with `kind`): its whole trail.
    pub id: Option<String>,
    /// Only events that concern this party; `None` for all (organizations).
    pub visible_to: Option<PartyCode>,
    /// Leaves out events about objects of some kinds that do not concern one party (an
    /// organization's view of the whole trail, without others' threads).
    pub private: Option<PrivateKinds>,
    /// Events after this id.
    pub after: Option<i64>,
    /// At most this many.
    pub limit: i64,
}

/// Kinds of object whose events only the parties concerned read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrivateKinds {
    /// The reader's party: events of these kinds that concern it are kept.
    pub party: PartyCode,
    /// The kinds (of the event's own object).
    pub kinds: Vec<ObjectKind>,
}

fn event_from(row: &AnyRow) -> Result<AuditEvent, StoreError> {
    let at: String = row.try_get("at")?;
    let actor_user: Option<i64> = row.try_get("actor_user")?;
    let actor_party: Option<String> = row.try_get("actor_party")?;
    let action: String = row.try_get("action")?;
    let kind: String = row.try_get("object_kind")?;
    Ok(AuditEvent {
        id: row.try_get("id")?,
        at: Timestamp::parse(&at).map_err(corrupt)?,
        actor_user: actor_user.map(UserId),
        actor_party: actor_party
            .map(|code| PartyCode::parse(&code))
            .transpose()
            .map_err(corrupt)?,
        action: AuditAction::parse(&action).map_err(corrupt)?,
        object: ObjectRef {
            kind: ObjectKind::parse(&kind).map_err(corrupt)?,
            id: row.try_get("object_id")?,
        },
        detail: row.try_get("detail")?,
    })
}

impl Tx {
    /// Appends an event done by `actor` (`None`: the system or an anonymous caller) at `at`,
    /// with the parties it concerns; the actor's party is always one of them.
    pub async fn append_event(
        &self,
        actor: Option<&Actor>,
        at: Timestamp,
        event: &NewEvent,
    ) -> Result<i64, StoreError> {
        // One event is a batch of one: its subjects and parties go in one statement each.
        let ids = self
            .append_events(actor, at, std::slice::from_ref(event))
            .await?;
        ids.first()
            .copied()
            .ok_or_else(|| StoreError::Corrupt("the trail took no event".into()))
    }

    /// Events as `filter` says, oldest first.
    pub async fn events(&self, filter: &EventFilter) -> Result<Vec<AuditEvent>, StoreError> {
        let mut connection = self.connection().await?;
        // The private kinds are a short list from the policy, bound one parameter each.
        let private_kinds = filter
            .private
            .as_ref()
            .map_or(&[][..], |private| private.kinds.as_slice());
        // Numbered after the five fixed parameters: $6 the party, $7… the kinds.
        let private_clause = if private_kinds.is_empty() {
            String::new()
        } else {
            let list: Vec<String> = (0..private_kinds.len())
                .map(|index| format!("CAST(${} AS TEXT)", index + 7))
                .collect();
            format!(
                "AND (e.object_kind NOT IN ({}) OR e.actor_party = $6 OR EXISTS \
                 (SELECT 1 FROM audit_parties p WHERE p.event = e.id AND p.party = $6)) ",
                list.join(", ")
            )
        };
        // An event is about its own object (in its row) and those it belongs to (subjects),
        // and concerns its actor's party (in its row) and the others it names (parties).
        // Events written before 7 December 2026 also have rows for their own object and
        // actor's party: the same answer.
        let sql = format!(
            "SELECT id, at, actor_user, actor_party, action, object_kind, object_id, detail FROM audit_events e \
             WHERE (CAST($1 AS TEXT) IS NULL \
                 OR (e.object_kind = $1 AND (CAST($2 AS TEXT) IS NULL OR e.object_id = $2)) \
                 OR EXISTS (SELECT 1 FROM audit_subjects s \
                     WHERE s.event = e.id AND s.kind = $1 AND (CAST($2 AS TEXT) IS NULL OR s.id = $2))) \
             AND (CAST($3 AS TEXT) IS NULL OR e.actor_party = $3 OR EXISTS \
                 (SELECT 1 FROM audit_parties p WHERE p.event = e.id AND p.party = $3)) \
             {private_clause}\
             AND (CAST($4 AS BIGINT) IS NULL OR id > $4) ORDER BY id LIMIT $5"
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(filter.kind.map(ObjectKind::as_str))
            .bind(filter.id.as_deref())
            .bind(filter.visible_to.as_ref().map(PartyCode::as_str))
            .bind(filter.after)
            .bind(filter.limit);
        if let Some(private) = filter
            .private
            .as_ref()
            .filter(|_| !private_kinds.is_empty())
        {
            query = query.bind(private.party.as_str().to_owned());
            for kind in private_kinds {
                query = query.bind(kind.as_str());
            }
        }
        let rows = query.fetch_all(&mut *connection).await?;
        rows.iter().map(event_from).collect()
    }
}

/// An event as [`crate::JsonRows`] reads it: time, actor's user and party, action, object's
/// kind and id, detail.
type EventRow<'a> = (
    &'a str,
    Option<i64>,
    Option<&'a str>,
    &'a str,
    &'a str,
    &'a str,
    &'a str,
);

impl Tx {
    /// Appends many events by one actor at once, as [`Tx::append_event`] would one by one,
    /// in a few multi-row statements; their ids, in the order given.
    pub async fn append_events(
        &self,
        actor: Option<&Actor>,
        at: Timestamp,
        events: &[NewEvent],
    ) -> Result<Vec<i64>, StoreError> {
        let mut connection = self.connection().await?;
        if events.is_empty() {
            return Ok(Vec::new());
        }
        let backend = self.backend();
        // Each table's rows in one statement, bound as one JSON parameter.
        let at_text = at.to_string();
        let actor_user = actor.map(|actor| actor.user.0);
        let actor_party = actor.map(|actor| actor.party.as_str());
        let rows: Vec<EventRow<'_>> = events
            .iter()
            .map(|event| {
                (
                    at_text.as_str(),
                    actor_user,
                    actor_party,
                    event.action.as_str(),
                    event.object.kind.as_str(),
                    event.object.id.as_str(),
                    event.detail.as_str(),
                )
            })
            .collect();
        let ids = crate::inserted_ids(
            &mut connection,
            backend,
            "INSERT INTO audit_events (at, actor_user, actor_party, action, object_kind, object_id, detail)",
            &["TEXT", "BIGINT", "TEXT", "TEXT", "TEXT", "TEXT", "TEXT"],
            &rows,
        )
        .await?;
        let mut subjects: Vec<(i64, &str, &str)> = Vec::new();
        let mut parties: Vec<(i64, &str)> = Vec::new();
        // The event's own object and its actor's party are in its row already: only the
        // objects it belongs to and the other parties it concerns take rows of their own
        // (a reservation's event: its lot and the lot's manufacturer, two rows, not four).
        for (id, event) in ids.iter().zip(events) {
            let related: BTreeSet<&ObjectRef> = event
                .related
                .iter()
                .filter(|subject| **subject != event.object)
                .collect();
            subjects.extend(
                related
                    .into_iter()
                    .map(|subject| (*id, subject.kind.as_str(), subject.id.as_str())),
            );
            let concerned: BTreeSet<&PartyCode> = event
                .parties
                .iter()
                .filter(|party| actor_party != Some(party.as_str()))
                .collect();
            parties.extend(concerned.into_iter().map(|party| (*id, party.as_str())));
        }
        if !subjects.is_empty() {
            let sql = format!(
                "INSERT INTO audit_subjects (event, kind, id) {}",
                crate::JsonRows::new(backend, 1, &["BIGINT", "TEXT", "TEXT"]).select()
            );
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(crate::json_text(&subjects)?)
                .execute(&mut *connection)
                .await?;
        }
        if !parties.is_empty() {
            let sql = format!(
                "INSERT INTO audit_parties (event, party) {}",
                crate::JsonRows::new(backend, 1, &["BIGINT", "TEXT"]).select()
            );
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(crate::json_text(&parties)?)
                .execute(&mut *connection)
                .await?;
        }
        Ok(ids)
    }
}
