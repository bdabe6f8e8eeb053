//! `/workspace/threads`: the party's conversations with other parties, each with its unread
//! count, a form to open one (with its first message), and each thread's messages with a form
//! to answer. Only the thread's parties read or write it (`app::threads`, the API's rule):
//! anyone else gets the not-found page.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use domain::access::Action;

use super::form::{Failed, Field, Form, Submitted, done, done_notice, see_other, submit};
use super::notifications::object_href;
use super::{ActionRow, ActionTable, Block, Cell, Link, Signed, moment, show};
use crate::pages::locale::Argument;
use crate::pages::{Context, party_name};
use crate::{ApiError, AppState};

/// The most messages a thread's page shows (the latest).
const MESSAGES_SHOWN_MAX: i64 = 500;

/// `about` of a thread given as the query (`?about=request:7`), for the link "discuss this"
/// on other pages.
fn about_of(text: &str) -> Option<app::threads::AboutInput> {
    let (kind, id) = text.split_once(':')?;
    Some(app::threads::AboutInput {
        kind: kind.to_owned(),
        id: id.parse().ok()?,
    })
}

async fn list_view(
    state: &AppState,
    context: &Context,
    signed: &Signed,
    failed: &Failed,
) -> Response {
    let locale = context.locale;
    let read = state
        .app
        .read(|tx| async move {
            let threads = app::threads::list(
                &tx,
                signed.actor(),
                &app::threads::ThreadQuery {
                    limit: app::LIST_ITEMS_MAX,
                    ..Default::default()
                },
            )
            .await?;
            let names = app::parties::names(&tx).await?;
            Ok((threads, names))
        })
        .await;
    let (threads, names) = match read {
        Ok(read) => read,
        Err(error) => return ApiError::from(error).into_response(),
    };
    let mut blocks = Vec::new();
    blocks.extend(done_notice(locale, context.query("done")));
    let rows = threads
        .iter()
        .rev()
        .map(|thread| ActionRow {
            cells: vec![
                Cell::link(
                    thread.subject.clone(),
                    format!("/workspace/threads/{}", thread.id),
                ),
                Cell::text(
                    thread
                        .parties
                        .iter()
                        .map(|party| party_name(locale, &names, party))
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
                Cell::text(if thread.unread > 0 {
                    locale.with("ws-unread", &[("n", Argument::Count(thread.unread))])
                } else {
                    "–".to_owned()
                }),
                Cell::text(
                    thread
                        .last_message_at
                        .map_or_else(|| "–".to_owned(), |at| moment(locale, at)),
                ),
            ],
            actions: Vec::new(),
        })
        .collect();
    blocks.push(Block::Table(ActionTable {
        caption: locale.t("ws-threads-yours"),
        header: vec![
            locale.t("ws-threads-col-subject"),
            locale.t("ws-threads-col-parties"),
            locale.t("ws-threads-col-unread"),
            locale.t("ws-threads-col-last"),
        ],
        rows,
        empty: locale.t("ws-threads-none"),
        ..ActionTable::default()
    }));
    if signed.may(&Action::CreateThread) {
        let mut form = Form::new(
            signed,
            "new-thread",
            "/workspace/threads",
            locale.t("ws-threads-open"),
        )
        .legend(locale.t("ws-threads-open-legend"))
        .field(Field::new("subject", "text", locale.t("ws-threads-subject")).required())
        .field(
            Field::new("parties", "text", locale.t("ws-threads-parties"))
                .required()
                .hint(locale.t("ws-threads-parties-hint")),
        );
        if let Some(about) = context
            .query("about")
            .filter(|about| about_of(about).is_some())
        {
            form = form.field(Field::hidden("about", about));
        }
        form = form.field(Field::new("body", "textarea", locale.t("ws-threads-body")).required());
        blocks.push(Block::Form(form.refill(failed)));
    }
    show(
        state,
        context,
        signed,
        "threads",
        locale.t("ws-nav-threads"),
        blocks,
        failed.status(),
    )
    .await
}

/// `GET /workspace/threads`.
pub async fn list(State(state): State<AppState>, context: Context, signed: Signed) -> Response {
    list_view(&state, &context, &signed, &Failed::default()).await
}

/// `POST /workspace/threads`: opens a thread and writes its first message, in one
/// transaction.
pub async fn open(
    State(state): State<AppState>,
    context: Context,
    submitted: Submitted,
) -> Response {
    let locale = context.locale;
    let mut parsed = submitted.parse(locale);
    let subject = parsed.required("subject");
    let parties = parsed.required("parties");
    parsed.required("body");
    let about = submitted.get("about");
    let about = if about.is_empty() {
        None
    } else {
        match about_of(about) {
            Some(about) => Some(about),
            None => {
                parsed.reject("about", "ws-error-choice");
                None
            }
        }
    };
    if let Err(failed) = parsed.finish("new-thread") {
        return list_view(&state, &context, &submitted.signed, &failed).await;
    }
    let input = app::threads::NewThreadInput {
        subject: subject.unwrap_or_default(),
        parties: parties
            .unwrap_or_default()
            .split([',', ' ', ';'])
            .filter(|code| !code.is_empty())
            .map(str::to_owned)
            .collect(),
        about,
    };
    let message = app::threads::NewMessageInput {
        body: submitted
            .fields
            .iter()
            .find(|(name, _)| name == "body")
            .map(|(_, body)| body.clone())
            .unwrap_or_default(),
    };
    let now = state.app.now();
    let actor = submitted.signed.actor().clone();
    let result = submit(&state, &submitted, "new-thread", |tx| {
        let (actor, input, message) = (actor.clone(), input.clone(), message.clone());
        async move {
            let thread = app::threads::create(&tx, now, &actor, &input).await?;
            app::threads::post(&tx, now, &actor, thread.id, &message).await?;
            Ok(done(
                &format!("/workspace/threads/{}", thread.id),
                "thread-opened",
            ))
        }
    })
    .await;
    match result {
        Ok(location) => see_other(&location),
        Err(error) => {
            let failed = submitted.failed(locale, "new-thread", &error);
            list_view(&state, &context, &submitted.signed, &failed).await
        }
    }
}

async fn thread_view(
    state: &AppState,
    context: &Context,
    signed: &Signed,
    id: i64,
    failed: &Failed,
) -> Response {
    let locale = context.locale;
    // Reading the messages moves the reader's mark, so it is a write.
    let read = state
        .app
        .write(|tx| async move {
            let thread = app::threads::view(&tx, signed.actor(), id).await?;
            let mut messages = Vec::new();
            let mut after = None;
            loop {
                let page =
                    app::threads::read_messages(&tx, signed.actor(), id, after, MESSAGES_SHOWN_MAX)
                        .await?;
                let Some(last) = page.last() else { break };
                after = Some(last.id);
                let full = i64::try_from(page.len()).unwrap_or(0) == MESSAGES_SHOWN_MAX;
                messages.extend(page);
                if !full {
                    break;
                }
            }
            let names = app::parties::names(&tx).await?;
            Ok((thread, messages, names))
        })
        .await;
    let (thread, messages, names) = match read {
        Ok(read) => read,
        Err(error) => return ApiError::from(error).into_response(),
    };
    let mut blocks = Vec::new();
    blocks.extend(done_notice(locale, context.query("done")));
    let mut facts = vec![(
        locale.t("ws-threads-col-parties"),
        thread
            .parties
            .iter()
            .map(|party| party_name(locale, &names, party))
            .collect::<Vec<_>>()
            .join(", "),
    )];
    if let Some(about) = &thread.about {
        facts.push((
            locale.t("ws-threads-about"),
            format!("{} {}", about.kind, about.id),
        ));
    }
    blocks.push(Block::Facts(facts));
    if let Some(about) = &thread.about
        && let Ok(kind) = domain::audit::ObjectKind::parse(&about.kind)
    {
        blocks.push(Block::Links(vec![Link {
            href: object_href(kind, &about.id.to_string()),
            text: locale.t("ws-threads-about-link"),
        }]));
    }
    blocks.push(Block::Table(ActionTable {
        caption: locale.t("ws-threads-messages"),
        header: vec![
            locale.t("ws-threads-col-from"),
            locale.t("ws-col-when"),
            locale.t("ws-threads-col-message"),
        ],
        rows: messages
            .iter()
            .map(|message| ActionRow {
                cells: vec![
                    Cell::text(party_name(locale, &names, &message.author_party)),
                    Cell::text(moment(locale, message.created_at)),
                    Cell::text(message.body.clone()),
                ],
                actions: Vec::new(),
            })
            .collect(),
        empty: locale.t("ws-threads-no-messages"),
        ..ActionTable::default()
    }));
    if signed.may(&Action::PostMessage) {
        let form = Form::new(
            signed,
            "post-message",
            format!("/workspace/threads/{id}/messages"),
            locale.t("ws-threads-send"),
        )
        .field(Field::new("body", "textarea", locale.t("ws-threads-body")).required())
        .refill(failed);
        blocks.push(Block::Form(form));
    }
    show(
        state,
        context,
        signed,
        "threads",
        thread.subject.clone(),
        blocks,
        failed.status(),
    )
    .await
}

/// `GET /workspace/threads/{id}`: the messages, read.
pub async fn thread(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    context: Context,
    signed: Signed,
) -> Response {
    thread_view(&state, &context, &signed, id, &Failed::default()).await
}

/// `POST /workspace/threads/{id}/messages`: writes a message.
pub async fn post(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    context: Context,
    submitted: Submitted,
) -> Response {
    let locale = context.locale;
    let mut parsed = submitted.parse(locale);
    parsed.required("body");
    if let Err(failed) = parsed.finish("post-message") {
        return thread_view(&state, &context, &submitted.signed, id, &failed).await;
    }
    // Stored exactly as written: not trimmed.
    let message = app::threads::NewMessageInput {
        body: submitted
            .fields
            .iter()
            .find(|(name, _)| name == "body")
            .map(|(_, body)| body.clone())
            .unwrap_or_default(),
    };
    let now = state.app.now();
    let actor = submitted.signed.actor().clone();
    let result = submit(&state, &submitted, &format!("thread {id} message"), |tx| {
        let (actor, message) = (actor.clone(), message.clone());
        async move {
            app::threads::post(&tx, now, &actor, id, &message).await?;
            Ok(done(&format!("/workspace/threads/{id}"), "message-sent"))
        }
    })
    .await;
    match result {
        Ok(location) => see_other(&location),
        Err(error) => {
            let failed = submitted.failed(locale, "post-message", &error);
            thread_view(&state, &context, &submitted.signed, id, &failed).await
        }
    }
}
