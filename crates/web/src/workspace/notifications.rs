//! `/workspace/notifications`: the signed-in user's notifications, newest first, with a link
//! to what each is about, and a form that marks them read.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use domain::audit::ObjectKind;

use super::form::{Failed, Form, Submitted, done, done_notice, see_other, submit};
use super::{ActionRow, ActionTable, Block, Cell, Signed, show};
use crate::AppState;
use crate::pages::Context;
use crate::pages::locale::Locale;

/// How many notifications the page shows.
pub const SHOWN_MAX: i64 = 100;

/// Where a page shows the object of an event, for a link from a notification or a thread.
pub fn object_href(kind: ObjectKind, id: &str) -> String {
    match kind {
        ObjectKind::Round => format!("/rounds/{id}"),
        ObjectKind::Meeting => format!("/meetings/{id}"),
        ObjectKind::Thread => format!("/workspace/threads/{id}"),
        ObjectKind::Request => "/workspace/requests".to_owned(),
        ObjectKind::Pledge => "/workspace/pledges".to_owned(),
        ObjectKind::Shipment => "/workspace/shipments".to_owned(),
        ObjectKind::Offer | ObjectKind::Agreement => "/workspace/offers".to_owned(),
        ObjectKind::Partnership => "/workspace/partnerships".to_owned(),
        ObjectKind::Lot => "/workspace/stock".to_owned(),
        _ => "/workspace".to_owned(),
    }
}

/// What an event was, in the page's language (`ws-event-round-published`), else as the
/// trail says it.
pub fn event_text(locale: &Locale, action: &str, summary: &str) -> String {
    locale
        .find(&format!("ws-event-{}", action.replace(['.', '_'], "-")))
        .unwrap_or_else(|| summary.to_owned())
}

async fn view(state: &AppState, context: &Context, signed: &Signed, failed: &Failed) -> Response {
    let locale = context.locale;
    let actor = signed.actor().clone();
    let listed = state
        .app
        .read(|tx| async move {
            // Newest first: the last page of the user's notifications.
            let unread = app::notifications::list(&tx, &actor, true, None, SHOWN_MAX).await?;
            let all = app::notifications::list(&tx, &actor, false, None, i64::MAX).await?;
            Ok((unread, all))
        })
        .await;
    let (unread, all) = match listed {
        Ok(listed) => listed,
        Err(error) => {
            return axum::response::IntoResponse::into_response(crate::ApiError::from(error));
        }
    };
    let mut blocks = Vec::new();
    blocks.extend(done_notice(locale, context.query("done")));
    if let Some(notice) = &failed.notice {
        blocks.push(Block::Notice {
            tone: "error",
            text: notice.clone(),
        });
    }
    if !unread.is_empty() {
        let ids: Vec<String> = unread.iter().map(|row| row.id.to_string()).collect();
        let mut form = Form::new(
            signed,
            "mark-read",
            "/workspace/notifications",
            locale.t("ws-mark-all-read"),
        );
        form.fields
            .push(super::form::Field::hidden("ids", ids.join(",")));
        blocks.push(Block::Form(form));
    }
    let rows = all
        .iter()
        .rev()
        .take(usize::try_from(SHOWN_MAX).unwrap_or(100))
        .map(|row| ActionRow {
            cells: vec![
                Cell::link(
                    event_text(locale, row.action.as_str(), &row.summary),
                    object_href(row.object.kind, &row.object.id),
                ),
                Cell::text(row.summary.clone()),
                Cell::text(super::moment(locale, row.created_at)),
                Cell::text(if row.read {
                    locale.t("ws-read")
                } else {
                    locale.t("ws-unread-state")
                }),
            ],
            actions: Vec::new(),
        })
        .collect();
    blocks.push(Block::Table(ActionTable {
        caption: locale.t("ws-nav-notifications"),
        header: vec![
            locale.t("ws-col-event"),
            locale.t("ws-col-summary"),
            locale.t("ws-col-when"),
            locale.t("ws-col-state"),
        ],
        rows,
        empty: locale.t("ws-no-notifications"),
        ..ActionTable::default()
    }));
    show(
        state,
        context,
        signed,
        "notifications",
        locale.t("ws-nav-notifications"),
        blocks,
        failed.status(),
    )
    .await
}

/// `GET /workspace/notifications`.
pub async fn page(State(state): State<AppState>, context: Context, signed: Signed) -> Response {
    view(&state, &context, &signed, &Failed::default()).await
}

/// `POST /workspace/notifications`: marks the listed ones read (only the user's own).
pub async fn mark_read(
    State(state): State<AppState>,
    context: Context,
    submitted: Submitted,
) -> Response {
    let ids: Result<Vec<i64>, _> = submitted
        .get("ids")
        .split(',')
        .filter(|id| !id.is_empty())
        .map(str::parse)
        .collect();
    let Ok(ids) = ids else {
        let failed = Failed {
            form: "mark-read".into(),
            notice: Some(context.locale.t("ws-error-choice")),
            status: Some(StatusCode::UNPROCESSABLE_ENTITY),
            ..Failed::default()
        };
        return view(&state, &context, &submitted.signed, &failed).await;
    };
    let actor = submitted.signed.actor().clone();
    let now = state.app.now();
    let result = submit(&state, &submitted, "mark-read", |tx| {
        let (actor, ids) = (actor.clone(), ids.clone());
        async move {
            app::notifications::mark_read(&tx, now, &actor, &ids).await?;
            Ok(done("/workspace/notifications", "read"))
        }
    })
    .await;
    match result {
        Ok(location) => see_other(&location),
        Err(error) => {
            let failed = submitted.failed(context.locale, "mark-read", &error);
            view(&state, &context, &submitted.signed, &failed).await
        }
    }
}
