//! Threads and messages in the store: a thread's parties, its messages (append-only: the
//! triggers of migration 0008 refuse UPDATE and DELETE), and each user's read mark, from
//! which a thread's unread count is computed in the query, never stored.

use domain::access::UserId;
use domain::ledger::PartyCode;
use domain::time::Timestamp;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::{StoreError, Tx, corrupt};

/// What a thread is about: a kind of object (its name, as `cooperation.md` spells it) and
/// its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct About {
    /// `request`, `pledge`, `round`, `shipment`, `offer`, `agreement`, `partnership` or
    /// `meeting`.
    pub kind: String,
    /// The object's id.
    pub id: i64,
}

/// A thread, as one user sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thread {
    /// Its id.
    pub id: i64,
    /// Its subject.
    pub subject: String,
    /// What it is about, if anything.
    pub about: Option<About>,
    /// The party that opened it.
    pub created_by: PartyCode,
    /// Its parties, by code.
    pub parties: Vec<PartyCode>,
    /// Messages the reading user has not read, their own excepted.
    pub unread: i64,
    /// When its last message was written; `None` before the first.
    pub last_message_at: Option<Timestamp>,
    /// When it was opened.
    pub created_at: Timestamp,
    /// When it last changed (its last message).
    pub updated_at: Timestamp,
}

/// A thread to record.
#[derive(Debug, Clone)]
pub struct NewThread {
    /// Its subject.
    pub subject: String,
    /// What it is about, if anything.
    pub about: Option<About>,
    /// The party that opens it.
    pub created_by: PartyCode,
    /// Its parties, the opener's included.
    pub parties: Vec<PartyCode>,
}

/// A message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// Its id.
    pub id: i64,
    /// Its thread.
    pub thread: i64,
    /// The user who wrote it.
    pub author_user: UserId,
    /// Their party.
    pub author_party: PartyCode,
    /// Its text, exactly as written.
    pub body: String,
    /// When it was written.
    pub created_at: Timestamp,
}

/// Which threads of a party to list.
#[derive(Debug, Clone)]
pub struct ThreadFilter {
    /// The party whose threads these are.
    pub party: PartyCode,
    /// The user whose unread counts to give.
    pub reader: UserId,
    /// Only about objects of this kind.
    pub about_kind: Option<String>,
    /// Only about the object with this id.
    pub about_id: Option<i64>,
    /// After this id.
    pub after: Option<i64>,
    /// At most this many.
    pub limit: i64,
}

fn stamp(row: &AnyRow, column: &str) -> Result<Timestamp, StoreError> {
    let text: String = row.try_get(column)?;
    Timestamp::parse(&text).map_err(corrupt)
}

// Unread: messages after the reader's mark, not their own. Counts are cast: PostgreSQL's
// COUNT is BIGINT already, SQLite's INTEGER; the cast keeps the Any driver's type one.
const THREAD_SELECT: &str = "SELECT t.id, t.subject, t.about_kind, t.about_id, t.created_by, \
    t.created_at, t.updated_at, \
    (SELECT MAX(m.created_at) FROM messages m WHERE m.thread = t.id) AS last_message_at, \
    CAST((SELECT COUNT(*) FROM messages m WHERE m.thread = t.id AND m.author_user <> $1 \
        AND m.id > COALESCE((SELECT r.last_read FROM thread_reads r WHERE r.user_id = $1 AND r.thread = t.id), 0)) \
        AS BIGINT) AS unread \
    FROM threads t";

fn thread_from(row: &AnyRow) -> Result<Thread, StoreError> {
    let about_kind: Option<String> = row.try_get("about_kind")?;
    let about_id: Option<i64> = row.try_get("about_id")?;
    let created_by: String = row.try_get("created_by")?;
    let last_message_at: Option<String> = row.try_get("last_message_at")?;
    Ok(Thread {
        id: row.try_get("id")?,
        subject: row.try_get("subject")?,
        about: match (about_kind, about_id) {
            (Some(kind), Some(id)) => Some(About { kind, id }),
            _ => None,
        },
        created_by: PartyCode::parse(&created_by).map_err(corrupt)?,
        parties: Vec::new(),
        unread: row.try_get("unread")?,
        last_message_at: last_message_at
            .map(|text| Timestamp::parse(&text))
            .transpose()
            .map_err(corrupt)?,
        created_at: stamp(row, "created_at")?,
        updated_at: stamp(row, "updated_at")?,
    })
}

fn message_from(row: &AnyRow) -> Result<Message, StoreError> {
    let author_party: String = row.try_get("author_party")?;
    Ok(Message {
        id: row.try_get("id")?,
        thread: row.try_get("thread")?,
        author_user: UserId(row.try_get("author_user")?),
        author_party: PartyCode::parse(&author_party).map_err(corrupt)?,
        body: row.try_get("body")?,
        created_at: stamp(row, "created_at")?,
    })
}

impl Tx {
    /// Records a thread and its parties; its id.
    pub async fn create_thread(
        &self,
        thread: &NewThread,
        at: Timestamp,
    ) -> Result<i64, StoreError> {
        let mut connection = self.connection().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO threads (subject, about_kind, about_id, created_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
        )
        .bind(thread.subject.clone())
        .bind(thread.about.as_ref().map(|about| about.kind.clone()))
        .bind(thread.about.as_ref().map(|about| about.id))
        .bind(thread.created_by.as_str())
        .bind(at.to_string())
        .fetch_one(&mut *connection)
        .await?;
        for rows in thread.parties.chunks(crate::rows_per_statement(2)) {
            let sql = format!(
                "INSERT INTO thread_parties (thread, party) VALUES {}",
                crate::values(rows.len(), &["BIGINT", "TEXT"])
            );
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
            for party in rows {
                query = query.bind(id).bind(party.as_str().to_owned());
            }
            query.execute(&mut *connection).await?;
        }
        Ok(id)
    }

    /// The parties of a thread, by code (none: no such thread).
    pub async fn thread_parties(&self, thread: i64) -> Result<Vec<PartyCode>, StoreError> {
        let mut connection = self.connection().await?;
        let codes: Vec<String> =
            sqlx::query_scalar("SELECT party FROM thread_parties WHERE thread = $1 ORDER BY party")
                .bind(thread)
                .fetch_all(&mut *connection)
                .await?;
        codes
            .iter()
            .map(|code| PartyCode::parse(code).map_err(corrupt))
            .collect()
    }

    /// The thread with this id, with `reader`'s unread count.
    pub async fn thread(&self, id: i64, reader: UserId) -> Result<Option<Thread>, StoreError> {
        let row = {
            let mut connection = self.connection().await?;
            let sql = format!("{THREAD_SELECT} WHERE t.id = $2");
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(reader.0)
                .bind(id)
                .fetch_optional(&mut *connection)
                .await?
        };
        let Some(row) = row else {
            return Ok(None);
        };
        let mut thread = thread_from(&row)?;
        thread.parties = self.thread_parties(id).await?;
        Ok(Some(thread))
    }

    /// A party's threads by id, as `filter` says, with the reader's unread counts.
    pub async fn threads(&self, filter: &ThreadFilter) -> Result<Vec<Thread>, StoreError> {
        let mut threads = {
            let mut connection = self.connection().await?;
            let sql = format!(
                "{THREAD_SELECT} WHERE EXISTS (SELECT 1 FROM thread_parties mine WHERE mine.thread = t.id AND mine.party = $2) \
                 AND (CAST($3 AS TEXT) IS NULL OR t.about_kind = $3) AND (CAST($4 AS BIGINT) IS NULL OR t.about_id = $4) \
                 AND (CAST($5 AS BIGINT) IS NULL OR t.id > $5) ORDER BY t.id LIMIT $6"
            );
            let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(filter.reader.0)
                .bind(filter.party.as_str())
                .bind(filter.about_kind.as_deref())
                .bind(filter.about_id)
                .bind(filter.after)
                .bind(filter.limit)
                .fetch_all(&mut *connection)
                .await?;
            rows.iter()
                .map(thread_from)
                .collect::<Result<Vec<_>, _>>()?
        };
        let (Some(first), Some(last)) = (threads.first(), threads.last()) else {
            return Ok(threads);
        };
        // The page's parties in one query: those of the party's threads in the page's range.
        let rows = {
            let mut connection = self.connection().await?;
            sqlx::query(
                "SELECT tp.thread, tp.party FROM thread_parties tp WHERE tp.thread >= $1 AND tp.thread <= $2 \
                 AND EXISTS (SELECT 1 FROM thread_parties mine WHERE mine.thread = tp.thread AND mine.party = $3) \
                 ORDER BY tp.thread, tp.party",
            )
            .bind(first.id)
            .bind(last.id)
            .bind(filter.party.as_str())
            .fetch_all(&mut *connection)
            .await?
        };
        let mut by_thread: std::collections::BTreeMap<i64, Vec<PartyCode>> =
            std::collections::BTreeMap::new();
        for row in rows {
            let thread: i64 = row.try_get(0)?;
            let code: String = row.try_get(1)?;
            by_thread
                .entry(thread)
                .or_default()
                .push(PartyCode::parse(&code).map_err(corrupt)?);
        }
        for thread in &mut threads {
            thread.parties = by_thread.remove(&thread.id).unwrap_or_default();
        }
        Ok(threads)
    }

    /// Appends a message to a thread (and marks the thread changed); its id.
    pub async fn append_message(
        &self,
        thread: i64,
        author_user: UserId,
        author_party: &PartyCode,
        body: &str,
        at: Timestamp,
    ) -> Result<i64, StoreError> {
        let mut connection = self.connection().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO messages (thread, author_user, author_party, body, created_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(thread)
        .bind(author_user.0)
        .bind(author_party.as_str())
        .bind(body.to_owned())
        .bind(at.to_string())
        .fetch_one(&mut *connection)
        .await?;
        sqlx::query("UPDATE threads SET updated_at = $1 WHERE id = $2")
            .bind(at.to_string())
            .bind(thread)
            .execute(&mut *connection)
            .await?;
        Ok(id)
    }

    /// The message with this id.
    pub async fn message(&self, id: i64) -> Result<Option<Message>, StoreError> {
        let mut connection = self.connection().await?;
        let row = sqlx::query(
            "SELECT id, thread, author_user, author_party, body, created_at FROM messages WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&mut *connection)
        .await?;
        row.as_ref().map(message_from).transpose()
    }

    /// A thread's messages after `after`, oldest first, at most `limit`.
    pub async fn messages(
        &self,
        thread: i64,
        after: Option<i64>,
        limit: i64,
    ) -> Result<Vec<Message>, StoreError> {
        let mut connection = self.connection().await?;
        let rows = sqlx::query(
            "SELECT id, thread, author_user, author_party, body, created_at FROM messages \
             WHERE thread = $1 AND (CAST($2 AS BIGINT) IS NULL OR id > $2) ORDER BY id LIMIT $3",
        )
        .bind(thread)
        .bind(after)
        .bind(limit)
        .fetch_all(&mut *connection)
        .await?;
        rows.iter().map(message_from).collect()
    }

    /// Marks a thread read by `user` up to message `last_read`; a mark never moves back.
    pub async fn mark_thread_read(
        &self,
        user: UserId,
        thread: i64,
        last_read: i64,
    ) -> Result<(), StoreError> {
        let mut connection = self.connection().await?;
        sqlx::query(
            "INSERT INTO thread_reads (user_id, thread, last_read) VALUES ($1, $2, $3) \
             ON CONFLICT (user_id, thread) DO UPDATE SET last_read = excluded.last_read \
             WHERE thread_reads.last_read < excluded.last_read",
        )
        .bind(user.0)
        .bind(thread)
        .bind(last_read)
        .execute(&mut *connection)
        .await?;
        Ok(())
    }
}
