//! Threads and messages: `POST /api/v1/threads` (any party's official), the caller's party's
//! threads with the caller's unread counts, `POST /api/v1/threads/{id}/messages` (officials of
//! its parties) and `GET /api/v1/threads/{id}/messages` (reads them and marks them read).
//! Only the thread's parties see it: anyone else, organizations and administrators
//! included, gets 404.

use app::threads::{NewMessageInput, NewThreadInput, ThreadQuery};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use domain::audit::ObjectKind;
use serde::{Deserialize, Serialize};
use store::threads::{Message, Thread};
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::auth::Caller;
use crate::error::{ApiError, Problem};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::idempotent;
use crate::pagination::{Page, PageQuery, PageRequest, path_with_filters};

/// What a thread is about.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AboutBody {
    /// `request`, `pledge`, `round`, `shipment`, `offer`, `agreement`, `partnership` or
    /// `meeting`.
    pub kind: String,
    /// The object's id.
    pub id: i64,
}

/// A thread as the API shows it to one user.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ThreadBody {
    /// Its id.
    pub id: i64,
    /// Its subject.
    pub subject: String,
    /// What it is about; null when nothing in particular.
    pub about: Option<AboutBody>,
    /// Its parties' codes.
    pub parties: Vec<String>,
    /// The party that opened it.
    pub created_by: String,
    /// Messages the caller has not read yet, their own excepted.
    pub unread: i64,
    /// When its last message was written (UTC); null before the first.
    pub last_message_at: Option<String>,
    /// When it was opened (UTC).
    pub created_at: String,
    /// When it last changed (UTC).
    pub updated_at: String,
}

impl From<Thread> for ThreadBody {
    fn from(thread: Thread) -> Self {
        Self {
            id: thread.id,
            subject: thread.subject,
            about: thread.about.map(|about| AboutBody {
                kind: about.kind,
                id: about.id,
            }),
            parties: thread.parties.into_iter().map(String::from).collect(),
            created_by: thread.created_by.into(),
            unread: thread.unread,
            last_message_at: thread.last_message_at.map(|at| at.to_string()),
            created_at: thread.created_at.to_string(),
            updated_at: thread.updated_at.to_string(),
        }
    }
}

/// Who wrote a message.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AuthorBody {
    /// The user's id.
    pub user: i64,
    /// Their party's code.
    pub party: String,
}

/// A message as the API shows it. The body is exactly as written: escape it when showing it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MessageBody {
    /// Its id.
    pub id: i64,
    /// Its thread.
    pub thread: i64,
    /// Who wrote it.
    pub author: AuthorBody,
    /// Its text, as written.
    pub body: String,
    /// When it was written (UTC).
    pub created_at: String,
}

impl From<Message> for MessageBody {
    fn from(message: Message) -> Self {
        Self {
            id: message.id,
            thread: message.thread,
            author: AuthorBody {
                user: message.author_user.0,
                party: message.author_party.into(),
            },
            body: message.body,
            created_at: message.created_at.to_string(),
        }
    }
}

/// Opens a thread among the caller's party and the parties named.
#[utoipa::path(
    post,
    path = "/api/v1/threads",
    tag = "threads",
    request_body = NewThreadInput,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request safe: one effect, the first answer again.")),
    responses(
        (status = 201, description = "The thread.", body = ThreadBody),
        (status = 403, description = "Not an official.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields: the subject, a party that does not exist, no other party, or an object to talk about that the caller cannot see (`about`).", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn create_thread(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    ApiJson(request): ApiJson<NewThreadInput>,
) -> Result<Response, ApiError> {
    let now = state.app.now();
    let (actor, input) = (&caller.actor, &request);
    idempotent::write(
        &state,
        &caller,
        &headers,
        "POST /api/v1/threads",
        &request,
        |tx| async move {
            let created = app::threads::create(&tx, now, actor, input).await?;
            idempotent::answer(StatusCode::CREATED, &ThreadBody::from(created))
        },
    )
    .await
}

/// Filters of `GET /api/v1/threads`.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ThreadsQuery {
    /// Only threads about objects of this kind (`request`, `round`, …).
    pub about_kind: Option<String>,
    /// Only threads about the object with this id.
    pub about_id: Option<i64>,
    /// Items per page, 1 to 500; 100 by default.
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<usize>,
    /// The previous page's `Next-Cursor`.
    #[param(min_length = 1)]
    pub cursor: Option<String>,
}

/// The threads of the caller's party, by id, each with the caller's unread count.
#[utoipa::path(
    get,
    path = "/api/v1/threads",
    tag = "threads",
    params(ThreadsQuery),
    responses((status = 200, description = "A page of threads.", body = Vec<ThreadBody>)),
    security(("bearer" = []), ("session" = []))
)]
pub async fn list_threads(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<ThreadsQuery>,
) -> Result<Page<ThreadBody>, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor.clone())?;
    let about_kind = query
        .about_kind
        .as_deref()
        .map(ObjectKind::parse)
        .transpose()
        .map_err(|message| ApiError::invalid("about_kind", message))?;
    let thread_query = ThreadQuery {
        about_kind: about_kind.map(|kind| kind.as_str().to_owned()),
        about_id: query.about_id,
        after: page.cursor_id()?,
        limit: page.fetch_limit(),
    };
    let (actor, thread_query) = (&caller.actor, &thread_query);
    let threads = state
        .app
        .read(|tx| async move { app::threads::list(&tx, actor, thread_query).await })
        .await?;
    let bodies: Vec<ThreadBody> = threads.into_iter().map(ThreadBody::from).collect();
    let path = path_with_filters(
        "/api/v1/threads",
        &[
            ("about_kind", query.about_kind.clone()),
            ("about_id", query.about_id.map(|id| id.to_string())),
        ],
    )?;
    Ok(page.page_with_owned_keys(bodies, |thread| thread.id.to_string(), &path))
}

/// One thread, with the caller's unread count (its parties only).
#[utoipa::path(
    get,
    path = "/api/v1/threads/{id}",
    tag = "threads",
    params(("id" = i64, Path, description = "The thread's id.")),
    responses(
        (status = 200, description = "The thread.", body = ThreadBody),
        (status = 404, description = "No such thread that the caller's party is in.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn get_thread(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<ThreadBody>, ApiError> {
    let actor = &caller.actor;
    let thread = state
        .app
        .read(|tx| async move { app::threads::view(&tx, actor, id).await })
        .await?;
    Ok(Json(ThreadBody::from(thread)))
}

/// Writes a message in a thread (an official of one of its parties).
#[utoipa::path(
    post,
    path = "/api/v1/threads/{id}/messages",
    tag = "threads",
    request_body = NewMessageInput,
    params(
        ("id" = i64, Path, description = "The thread's id."),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request safe: one effect, the first answer again."),
    ),
    responses(
        (status = 201, description = "The message.", body = MessageBody),
        (status = 403, description = "A viewer or an administrator: they read, they do not write.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such thread that the caller's party is in.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn post_message(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<NewMessageInput>,
) -> Result<Response, ApiError> {
    let now = state.app.now();
    let (actor, input) = (&caller.actor, &request);
    let route = format!("POST /api/v1/threads/{id}/messages");
    idempotent::write(
        &state,
        &caller,
        &headers,
        &route,
        &request,
        |tx| async move {
            let message = app::threads::post(&tx, now, actor, id, input).await?;
            idempotent::answer(StatusCode::CREATED, &MessageBody::from(message))
        },
    )
    .await
}

/// A thread's messages, oldest first; marks them read for the caller up to the last one on
/// the page.
#[utoipa::path(
    get,
    path = "/api/v1/threads/{id}/messages",
    tag = "threads",
    params(("id" = i64, Path, description = "The thread's id."), PageQuery),
    responses(
        (status = 200, description = "A page of messages, oldest first.", body = Vec<MessageBody>),
        (status = 404, description = "No such thread that the caller's party is in.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn list_messages(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> Result<Page<MessageBody>, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor.clone())?;
    let after = page.cursor_id()?;
    let page_items = i64::try_from(page.limit).unwrap_or(i64::MAX);
    let actor = &caller.actor;
    // Reading marks the messages read: a write transaction.
    let messages =
        state
            .app
            .write(|tx| async move {
                app::threads::read_messages(&tx, actor, id, after, page_items).await
            })
            .await?;
    let bodies: Vec<MessageBody> = messages.into_iter().map(MessageBody::from).collect();
    let path = format!("/api/v1/threads/{id}/messages");
    Ok(page.page_with_owned_keys(bodies, |message| message.id.to_string(), &path))
}
