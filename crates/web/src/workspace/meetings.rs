//! `/workspace/meetings`: an organization records the forum's meetings (title, day, the
//! parties present) and links what was committed there (pledges, offers, agreements,
//! partnerships), whose progress the meeting's public page follows (`/meetings/{id}`).

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use domain::access::Action;

use super::form::{Failed, Field, Form, Submitted, done, done_notice, see_other, submit};
use super::{ActionRow, ActionTable, Block, Cell, Link, Signed, show};
use crate::pages::locale::{Argument, Locale};
use crate::pages::{Context, party_name};
use crate::{ApiError, AppState};

/// How many meetings the list shows.
const MEETINGS_SHOWN_MAX: i64 = 200;

fn outcome_kinds(locale: &Locale) -> Vec<(String, String)> {
    ["pledge", "offer", "agreement", "partnership"]
        .into_iter()
        .map(|kind| {
            (
                kind.to_owned(),
                locale.t(&format!("ws-meetings-kind-{kind}")),
            )
        })
        .collect()
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
            let meetings = app::meetings::list(&tx, None, MEETINGS_SHOWN_MAX).await?;
            let names = app::parties::names(&tx).await?;
            Ok((meetings, names))
        })
        .await;
    let (meetings, names) = match read {
        Ok(read) => read,
        Err(error) => return ApiError::from(error).into_response(),
    };
    let mut blocks = Vec::new();
    blocks.extend(done_notice(locale, context.query("done")));
    let own = &signed.actor().party;
    blocks.push(Block::Table(ActionTable {
        caption: locale.t("ws-nav-meetings"),
        header: vec![
            locale.t("ws-meetings-col-title"),
            locale.t("ws-rounds-col-date"),
            locale.t("ws-threads-col-parties"),
            locale.t("ws-meetings-col-outcomes"),
        ],
        rows: meetings
            .iter()
            .rev()
            .map(|report| {
                let meeting = &report.meeting;
                let href = if &meeting.organization == own {
                    format!("/workspace/meetings/{}", meeting.id)
                } else {
                    format!("/meetings/{}", meeting.id)
                };
                ActionRow {
                    cells: vec![
                        Cell::link(meeting.title.clone(), href),
                        Cell::text(locale.date(meeting.date)),
                        Cell::text(
                            meeting
                                .parties
                                .iter()
                                .map(|party| party_name(locale, &names, party))
                                .collect::<Vec<_>>()
                                .join(", "),
                        ),
                        Cell::text(
                            locale.number(i64::try_from(report.outcomes.len()).unwrap_or(0)),
                        ),
                    ],
                    actions: Vec::new(),
                }
            })
            .collect(),
        empty: locale.t("ws-meetings-none"),
        ..ActionTable::default()
    }));
    if signed.may(&Action::CreateMeeting) {
        blocks.push(Block::Form(
            Form::new(
                signed,
                "new-meeting",
                "/workspace/meetings",
                locale.t("ws-meetings-record"),
            )
            .legend(locale.t("ws-meetings-record"))
            .field(Field::new("title", "text", locale.t("ws-meetings-title")).required())
            .field(
                Field::new("date", "date", locale.t("ws-rounds-col-date"))
                    .required()
                    .value(state.app.now().date().to_string()),
            )
            .field(
                Field::new("parties", "text", locale.t("ws-meetings-parties"))
                    .hint(locale.t("ws-threads-parties-hint")),
            )
            .refill(failed),
        ));
    }
    show(
        state,
        context,
        signed,
        "meetings",
        locale.t("ws-nav-meetings"),
        blocks,
        failed.status(),
    )
    .await
}

/// `GET /workspace/meetings`.
pub async fn list(State(state): State<AppState>, context: Context, signed: Signed) -> Response {
    list_view(&state, &context, &signed, &Failed::default()).await
}

/// `POST /workspace/meetings`: records a meeting.
pub async fn create(
    State(state): State<AppState>,
    context: Context,
    submitted: Submitted,
) -> Response {
    let locale = context.locale;
    let mut parsed = submitted.parse(locale);
    let title = parsed.required("title");
    let date = parsed.day("date");
    let parties = parsed.text("parties");
    if let Err(failed) = parsed.finish("new-meeting") {
        return list_view(&state, &context, &submitted.signed, &failed).await;
    }
    let input = app::meetings::NewMeetingInput {
        title: title.unwrap_or_default(),
        date: date.map(|day| day.to_string()).unwrap_or_default(),
        parties: parties
            .split([',', ' ', ';'])
            .filter(|code| !code.is_empty())
            .map(str::to_owned)
            .collect(),
    };
    let now = state.app.now();
    let actor = submitted.signed.actor().clone();
    let result = submit(&state, &submitted, "new-meeting", |tx| {
        let (actor, input) = (actor.clone(), input.clone());
        async move {
            let report = app::meetings::create(&tx, now, &actor, &input).await?;
            Ok(done(
                &format!("/workspace/meetings/{}", report.meeting.id),
                "meeting-recorded",
            ))
        }
    })
    .await;
    match result {
        Ok(location) => see_other(&location),
        Err(error) => {
            let failed = submitted.failed(locale, "new-meeting", &error);
            list_view(&state, &context, &submitted.signed, &failed).await
        }
    }
}

async fn meeting_view(
    state: &AppState,
    context: &Context,
    signed: &Signed,
    id: i64,
    failed: &Failed,
) -> Response {
    let locale = context.locale;
    let read = state
        .app
        .read(|tx| async move {
            let report = app::meetings::report(&tx, id).await?;
            let names = app::parties::names(&tx).await?;
            Ok((report, names))
        })
        .await;
    let (report, names) = match read {
        Ok(read) => read,
        Err(error) => return ApiError::from(error).into_response(),
    };
    let meeting = &report.meeting;
    let mut blocks = Vec::new();
    blocks.extend(done_notice(locale, context.query("done")));
    blocks.push(Block::Facts(vec![
        (locale.t("ws-rounds-col-date"), locale.date(meeting.date)),
        (
            locale.t("ws-threads-col-parties"),
            meeting
                .parties
                .iter()
                .map(|party| party_name(locale, &names, party))
                .collect::<Vec<_>>()
                .join(", "),
        ),
    ]));
    blocks.push(Block::Table(ActionTable {
        caption: locale.t("ws-meetings-col-outcomes"),
        header: vec![
            locale.t("ws-meetings-kind"),
            locale.t("ws-meetings-id"),
            locale.t("ws-threads-col-parties"),
            locale.t("ws-col-state"),
        ],
        rows: report
            .outcomes
            .iter()
            .map(|outcome| ActionRow {
                cells: vec![
                    Cell::text(locale.t(&format!("ws-meetings-kind-{}", outcome.kind))),
                    Cell::text(outcome.id.to_string()),
                    Cell::text(outcome.parties.join(", ")),
                    Cell::text(outcome.state.clone()),
                ],
                actions: Vec::new(),
            })
            .collect(),
        empty: locale.t("ws-meetings-no-outcomes"),
        ..ActionTable::default()
    }));
    if signed.may(&Action::LinkOutcome {
        organization: meeting.organization.clone(),
    }) {
        blocks.push(Block::Form(
            Form::new(
                signed,
                "link-outcome",
                format!("/workspace/meetings/{id}/outcomes"),
                locale.t("ws-meetings-link"),
            )
            .legend(locale.t("ws-meetings-link"))
            .field(
                Field::new("kind", "select", locale.t("ws-meetings-kind"))
                    .required()
                    .options(outcome_kinds(locale)),
            )
            .field(Field::new("id", "number", locale.t("ws-meetings-id")).required())
            .refill(failed),
        ));
    }
    blocks.push(Block::Links(vec![Link {
        href: format!("/meetings/{id}"),
        text: locale.t("ws-meetings-public-page"),
    }]));
    show(
        state,
        context,
        signed,
        "meetings",
        locale.with(
            "ws-meetings-heading",
            &[("title", Argument::Text(meeting.title.clone()))],
        ),
        blocks,
        failed.status(),
    )
    .await
}

/// `GET /workspace/meetings/{id}`.
pub async fn meeting(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    context: Context,
    signed: Signed,
) -> Response {
    meeting_view(&state, &context, &signed, id, &Failed::default()).await
}

/// `POST /workspace/meetings/{id}/outcomes`: links a commitment made at the meeting.
pub async fn link(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    context: Context,
    submitted: Submitted,
) -> Response {
    let locale = context.locale;
    let mut parsed = submitted.parse(locale);
    let kind = parsed.choice("kind", &["pledge", "offer", "agreement", "partnership"]);
    let object = parsed.positive("id");
    if let Err(failed) = parsed.finish("link-outcome") {
        return meeting_view(&state, &context, &submitted.signed, id, &failed).await;
    }
    let input = app::meetings::OutcomeInput {
        kind: kind.unwrap_or_default(),
        id: object.unwrap_or_default(),
    };
    let now = state.app.now();
    let actor = submitted.signed.actor().clone();
    let result = submit(&state, &submitted, &format!("meeting {id} outcome"), |tx| {
        let (actor, input) = (actor.clone(), input.clone());
        async move {
            app::meetings::link(&tx, now, &actor, id, &input).await?;
            Ok(done(&format!("/workspace/meetings/{id}"), "outcome-linked"))
        }
    })
    .await;
    match result {
        Ok(location) => see_other(&location),
        Err(error) => {
            let failed = submitted.failed(locale, "link-outcome", &error);
            meeting_view(&state, &context, &submitted.signed, id, &failed).await
        }
    }
}
