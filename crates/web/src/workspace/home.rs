//! `/workspace`: the signed-in party's home, with what waits for it: unread messages and
//! notifications, and what each kind of party has to answer (each section comes from the
//! module of its page).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use domain::party::PartyKind;

use super::notifications::{event_text, object_href};
use super::{Block, Link, Signed, Unread, nav, show};
use crate::AppState;
use crate::pages::Context;
use crate::pages::locale::Argument;

/// How many unread notifications the home page lists.
const LATEST_MAX: i64 = 5;

/// `GET /workspace`.
pub async fn page(State(state): State<AppState>, context: Context, signed: Signed) -> Response {
    let locale = context.locale;
    let actor = signed.actor().clone();
    let latest = state
        .app
        .read(|tx| async move {
            let mut unread = app::notifications::list(&tx, &actor, true, None, i64::MAX).await?;
            unread.reverse();
            unread.truncate(usize::try_from(LATEST_MAX).unwrap_or(5));
            Ok(unread)
        })
        .await;
    let latest = match latest {
        Ok(latest) => latest,
        Err(error) => {
            return axum::response::IntoResponse::into_response(crate::ApiError::from(error));
        }
    };
    let unread = match Unread::of(&state, &signed).await {
        Ok(unread) => unread,
        Err(error) => {
            return axum::response::IntoResponse::into_response(crate::ApiError::from(error));
        }
    };
    let user = &signed.caller.user;
    let mut blocks = vec![
        Block::Facts(vec![
            (locale.t("ws-party"), user.party.as_str().to_owned()),
            (
                locale.t("ws-party-kind"),
                locale.t(&format!("ws-kind-{}", user.party_kind.as_str())),
            ),
            (
                locale.t("ws-role"),
                locale.t(&format!("ws-role-{}", user.role.as_str())),
            ),
        ]),
        Block::Heading {
            id: "waiting".into(),
            text: locale.t("ws-waiting"),
        },
    ];
    let mut waiting = Vec::new();
    if unread.messages > 0 {
        waiting.push(Link {
            href: "/workspace/threads".into(),
            text: locale.with(
                "ws-waiting-messages",
                &[("n", Argument::Count(unread.messages))],
            ),
        });
    }
    if unread.notifications > 0 {
        waiting.push(Link {
            href: "/workspace/notifications".into(),
            text: locale.with(
                "ws-waiting-notifications",
                &[("n", Argument::Count(unread.notifications))],
            ),
        });
    }
    waiting.extend(latest.iter().map(|row| Link {
        href: object_href(row.object.kind, &row.object.id),
        text: format!(
            "{} — {}",
            event_text(locale, row.action.as_str(), &row.summary),
            row.summary
        ),
    }));
    // Every kind of party holds doses (shipments, stock); shares are a country's.
    waiting.extend(super::country::waiting(&state, &signed, locale).await);
    let before_waiting = blocks.len();
    if !waiting.is_empty() {
        blocks.push(Block::Links(waiting));
    }
    if user.party_kind == PartyKind::Manufacturer {
        blocks.extend(super::maker::waiting(&state, &signed, locale).await);
    }
    if user.party_kind == PartyKind::Organization {
        let rounds = super::rounds::waiting(&state, &signed, locale).await;
        if !rounds.is_empty() {
            blocks.push(Block::Links(rounds));
        }
    }
    if blocks.len() == before_waiting {
        blocks.push(Block::Paragraph(locale.t("ws-nothing-waiting")));
    }
    blocks.push(Block::Heading {
        id: "pages".into(),
        text: locale.t("ws-your-pages"),
    });
    blocks.push(Block::Links(
        nav(user.party_kind, user.role)
            .into_iter()
            .skip(1)
            .map(|(_, href, message)| Link {
                href: href.to_owned(),
                text: locale.t(message),
            })
            .collect(),
    ));
    show(
        &state,
        &context,
        &signed,
        "home",
        locale.t("ws-home"),
        blocks,
        StatusCode::OK,
    )
    .await
}
