//! Threads: parties talk among themselves, on their own or about an object (a request, a
//! round, a shipment, …). Only the parties in a thread read it, with no exception for
//! organizations or administrators; its parties' officials write in it; messages are never
//! edited or deleted; each user's unread count is kept by reading (`cooperation.md`, 6).

use std::collections::BTreeSet;

use domain::access::{Action, Actor, may, sees_thread};
use domain::audit::{AuditAction, ObjectKind, ObjectRef};
use domain::ledger::PartyCode;
use domain::time::Timestamp;
use serde::{Deserialize, Serialize};
use store::Tx;
use store::threads::{About, Message, NewThread, Thread, ThreadFilter};

use crate::{AppError, Fields, LIST_ITEMS_MAX, audit, pledges, requests, rounds, shipments};

/// The most parties one thread has, the opener's included.
pub const THREAD_PARTIES_MAX: usize = 20;
/// The longest message, in characters.
pub const BODY_LENGTH_CHARS_MAX: usize = 10_000;

/// What a thread is about, as a caller names it.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AboutInput {
    /// `request`, `pledge`, `round`, `shipment`, `offer`, `agreement`, `partnership` or
    /// `meeting`.
    #[schema(example = "request")]
    pub kind: String,
    /// The object's id.
    #[schema(example = 7)]
    pub id: i64,
}

/// A thread to open, as a party's official gives it.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewThreadInput {
    /// What it is about, in a line (1 to 200 characters).
    #[schema(example = "Cold chain for the September delivery")]
    pub subject: String,
    /// The other parties' codes; the caller's party is always in the thread.
    #[schema(example = json!(["maker"]))]
    pub parties: Vec<String>,
    /// The object it is about, if any.
    pub about: Option<AboutInput>,
}

/// A message to write.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMessageInput {
    /// The text (1 to 10,000 characters, something visible, no control characters but line
    /// breaks and tabs), stored exactly as written.
    #[schema(example = "Can you receive the doses at 2-8 °C in Addis Ababa?")]
    pub body: String,
}

fn not_found(id: i64) -> AppError {
    AppError::NotFound(format!("there is no thread {id} that you can see"))
}

/// Checks what a thread is about: the object exists and `actor` can read it. The sentence
/// never tells an object the actor cannot read from one that does not exist.
///
/// One arm per kind.
async fn check_about(
    tx: &Tx,
    actor: &Actor,
    about: &AboutInput,
) -> Result<Result<About, String>, AppError> {
    let kind = match ObjectKind::parse(&about.kind) {
        Ok(kind) => kind,
        Err(_) => return Ok(Err(about_kinds_expected(&about.kind))),
    };
    let id = about.id;
    let seen = match kind {
        ObjectKind::Request => requests::view(tx, actor, id).await.map(drop),
        ObjectKind::Pledge => pledges::found(tx, id).await.map(drop),
        ObjectKind::Round => rounds::view(tx, Some(actor), id).await.map(drop),
        ObjectKind::Shipment => shipments::view(tx, actor, id).await.map(drop),
        ObjectKind::Offer => crate::offers::view(tx, actor, id).await.map(drop),
        ObjectKind::Agreement => crate::agreements::view(tx, actor, id).await.map(drop),
        ObjectKind::Partnership => crate::partnerships::found(tx, id).await.map(drop),
        ObjectKind::Meeting => crate::meetings::report(tx, id).await.map(drop),
        // Lots, products, parties, users, other threads, …: not subjects of a thread.
        _ => return Ok(Err(about_kinds_expected(&about.kind))),
    };
    match seen {
        Ok(()) => Ok(Ok(About {
            kind: kind.as_str().to_owned(),
            id,
        })),
        Err(AppError::NotFound(_)) => Ok(Err(format!("there is no {kind} {id} you can see"))),
        Err(other) => Err(other),
    }
}

fn about_kinds_expected(kind: &str) -> String {
    format!(
        "{kind:?} is not something a thread can be about: expected one of \"request\", \"pledge\", \
         \"round\", \"shipment\", \"offer\", \"agreement\", \"partnership\", \"meeting\""
    )
}

/// Checks a message's text: 1 to [`BODY_LENGTH_CHARS_MAX`] characters, something visible, no
/// control characters but line breaks and tabs (the databases cannot hold a NUL).
pub fn check_body(body: &str) -> Result<(), String> {
    let length = body.chars().count();
    if length == 0 || body.trim().is_empty() {
        Err("must not be empty".into())
    } else if length > BODY_LENGTH_CHARS_MAX {
        Err(format!(
            "must be at most {BODY_LENGTH_CHARS_MAX} characters; this one has {length}"
        ))
    } else if body
        .chars()
        .any(|character| character.is_control() && !matches!(character, '\n' | '\r' | '\t'))
    {
        Err("must not contain control characters other than line breaks and tabs".into())
    } else {
        Ok(())
    }
}

/// Opens a thread among the actor's party and `input.parties`.
pub async fn create(
    tx: &Tx,
    now: Timestamp,
    actor: &Actor,
    input: &NewThreadInput,
) -> Result<Thread, AppError> {
    may(actor, &Action::CreateThread)?;
    let mut fields = Fields::new();
    fields.check("subject", domain::party::check_name(&input.subject));
    let mut parties: BTreeSet<PartyCode> = BTreeSet::new();
    parties.insert(actor.party.clone());
    if input.parties.len() > THREAD_PARTIES_MAX {
        // Bounded before any of them is looked up.
        fields.push(
            "parties",
            format!(
                "at most {THREAD_PARTIES_MAX} parties in a thread; {} given",
                input.parties.len()
            ),
        );
    } else {
        for (index, code) in input.parties.iter().enumerate() {
            let field = format!("parties[{index}]");
            match PartyCode::parse(code) {
                Ok(code) if code == actor.party => {}
                Ok(code) => match tx.party(code.as_str()).await? {
                    Some(party) => {
                        parties.insert(party.code);
                    }
                    None => fields.push(&field, format!("there is no party {code}")),
                },
                Err(error) => fields.push(&field, error.to_string()),
            }
        }
        if parties.len() > THREAD_PARTIES_MAX {
            fields.push(
                "parties",
                format!("at most {THREAD_PARTIES_MAX} parties in a thread, yours included"),
            );
        }
        if fields.is_empty() && parties.len() < 2 {
            fields.push(
                "parties",
                "name at least one party besides your own: a thread is among parties",
            );
        }
    }
    let about = match &input.about {
        Some(about) => fields.check("about", check_about(tx, actor, about).await?),
        None => None,
    };
    fields.finish()?;
    let new = NewThread {
        subject: input.subject.clone(),
        about,
        created_by: actor.party.clone(),
        parties: parties.into_iter().collect(),
    };
    let id = tx.create_thread(&new, now).await?;
    audit::record(
        tx,
        Some(actor),
        now,
        AuditAction::ThreadCreated,
        ObjectRef::new(ObjectKind::Thread, id),
        new.parties.clone(),
        serde_json::json!({
            "parties": new.parties.iter().map(PartyCode::as_str).collect::<Vec<_>>(),
            "about": new.about.as_ref().map(|about| serde_json::json!({"kind": about.kind, "id": about.id})),
        }),
    )
    .await?;
    view(tx, actor, id).await
}

/// The thread, if `actor`'s party is in it, with the actor's unread count.
pub async fn view(tx: &Tx, actor: &Actor, id: i64) -> Result<Thread, AppError> {
    match tx.thread(id, actor.user).await? {
        Some(thread) if sees_thread(actor, &thread.parties) => Ok(thread),
        _ => Err(not_found(id)),
    }
}

/// Which threads to list.
#[derive(Debug, Clone, Default)]
pub struct ThreadQuery {
    /// Only about objects of this kind.
    pub about_kind: Option<String>,
    /// Only about the object with this id.
    pub about_id: Option<i64>,
    /// After this id.
    pub after: Option<i64>,
    /// At most this many.
    pub limit: i64,
}

/// The threads of `actor`'s party, by id, with the actor's unread counts.
pub async fn list(tx: &Tx, actor: &Actor, query: &ThreadQuery) -> Result<Vec<Thread>, AppError> {
    Ok(tx
        .threads(&ThreadFilter {
            party: actor.party.clone(),
            reader: actor.user,
            about_kind: query.about_kind.clone(),
            about_id: query.about_id,
            after: query.after,
            limit: query.limit.clamp(1, LIST_ITEMS_MAX),
        })
        .await?)
}

/// Writes a message in a thread the actor's party is in (its officials).
pub async fn post(
    tx: &Tx,
    now: Timestamp,
    actor: &Actor,
    thread: i64,
    input: &NewMessageInput,
) -> Result<Message, AppError> {
    let current = view(tx, actor, thread).await?;
    may(actor, &Action::PostMessage)?;
    check_body(&input.body).map_err(|message| AppError::invalid("body", message))?;
    let id = tx
        .append_message(thread, actor.user, &actor.party, &input.body, now)
        .await?;
    // The event is about the thread, so that its notification leads there; the body stays
    // out of the trail.
    audit::record(
        tx,
        Some(actor),
        now,
        AuditAction::MessageCreated,
        ObjectRef::new(ObjectKind::Thread, thread),
        current.parties,
        serde_json::json!({"message": id}),
    )
    .await?;
    tx.message(id)
        .await?
        .ok_or_else(|| AppError::Internal(format!("message {id} vanished after it was written")))
}

/// Reads a thread's messages after `after`, oldest first: up to `page_items + 1` of them (the
/// extra one, if there, only says that more follow), and marks the thread read by the actor
/// up to the last of the first `page_items`. A read that writes: run it in a write
/// transaction.
pub async fn read_messages(
    tx: &Tx,
    actor: &Actor,
    thread: i64,
    after: Option<i64>,
    page_items: i64,
) -> Result<Vec<Message>, AppError> {
    view(tx, actor, thread).await?;
    let page_items = page_items.clamp(1, LIST_ITEMS_MAX);
    let messages = tx.messages(thread, after, page_items + 1).await?;
    let shown = usize::try_from(page_items).unwrap_or(usize::MAX);
    if let Some(last) = messages.iter().take(shown).next_back() {
        tx.mark_thread_read(actor.user, thread, last.id).await?;
    }
    Ok(messages)
}
