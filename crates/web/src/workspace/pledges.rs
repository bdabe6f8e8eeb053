//! `/workspace/pledges`: the pledges a party made (doses promised, by when, to whom, and what
//! was delivered against each), withdrawing an open one, making a new one, and the pledges
//! made to the party. Any party may pledge (`cooperation.md`, "Pledges").

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use domain::access::Action;
use domain::cooperation::pledge::PledgeState;
use domain::party::PartyKind;
use store::cooperation::Pledge;

use super::form::{Failed, Field, Form, Submitted, done, done_notice, see_other, submit};
use super::{ActionRow, ActionTable, Block, Cell, Signed, show};
use crate::pages::locale::Locale;
use crate::pages::{Context, party_name};
use crate::{ApiError, AppState};

fn row(
    locale: &Locale,
    names: &std::collections::BTreeMap<domain::ledger::PartyCode, String>,
    pledge: &Pledge,
    other: &domain::ledger::PartyCode,
) -> Vec<Cell> {
    vec![
        Cell::text(pledge.id.to_string()),
        Cell::text(party_name(locale, names, other)),
        Cell::text(locale.number(pledge.doses)),
        Cell::text(locale.number(pledge.doses_delivered)),
        Cell::text(locale.date(pledge.by)),
        Cell::text(crate::pages::pledges::pledge_state(locale, pledge)),
    ]
}

fn header(locale: &Locale, other: &str) -> Vec<String> {
    vec![
        locale.t("ws-pledges-col-pledge"),
        locale.t(other),
        locale.t("col-pledged"),
        locale.t("col-delivered"),
        locale.t("ws-pledges-col-by"),
        locale.t("ws-col-state"),
    ]
}

async fn view(state: &AppState, context: &Context, signed: &Signed, failed: &Failed) -> Response {
    let locale = context.locale;
    let party = signed.actor().party.clone();
    let read = state
        .app
        .read(|tx| async move {
            let query = |donor, to| app::pledges::PledgeQuery {
                donor,
                to,
                limit: app::LIST_ITEMS_MAX,
                ..Default::default()
            };
            let made = app::pledges::list(&tx, &query(Some(party.clone()), None)).await?;
            let received = app::pledges::list(&tx, &query(None, Some(party.clone()))).await?;
            let names = app::parties::names(&tx).await?;
            let parties = tx.parties(None, app::LIST_ITEMS_MAX).await?;
            Ok((made, received, names, parties))
        })
        .await;
    let (made, received, names, parties) = match read {
        Ok(read) => read,
        Err(error) => return ApiError::from(error).into_response(),
    };
    let may_withdraw = signed.may(&Action::WithdrawPledge {
        donor: signed.actor().party.clone(),
    });
    let mut blocks = Vec::new();
    blocks.extend(done_notice(locale, context.query("done")));
    if let Some(notice) = failed
        .notice
        .as_ref()
        .filter(|_| failed.form == "withdraw-pledge")
    {
        blocks.push(Block::Notice {
            tone: "error",
            text: notice.clone(),
        });
    }
    blocks.push(Block::Table(ActionTable {
        caption: locale.t("ws-pledges-made"),
        header: header(locale, "ws-pledges-col-to"),
        actions_header: locale.t("ws-col-actions"),
        rows: made
            .iter()
            .map(|pledge| ActionRow {
                cells: row(locale, &names, pledge, &pledge.to),
                actions: if may_withdraw && pledge.state == PledgeState::Open {
                    vec![
                        Form::new(
                            signed,
                            "withdraw-pledge",
                            format!("/workspace/pledges/{}/withdraw", pledge.id),
                            locale.t("ws-pledges-withdraw"),
                        )
                        .inline()
                        .secondary(),
                    ]
                } else {
                    Vec::new()
                },
            })
            .collect(),
        empty: locale.t("ws-pledges-none-made"),
    }));
    if signed.actor().party_kind != PartyKind::Manufacturer || !received.is_empty() {
        blocks.push(Block::Table(ActionTable {
            caption: locale.t("ws-pledges-received"),
            header: header(locale, "ws-pledges-col-donor"),
            rows: received
                .iter()
                .map(|pledge| ActionRow {
                    cells: row(locale, &names, pledge, &pledge.donor),
                    actions: Vec::new(),
                })
                .collect(),
            empty: locale.t("ws-pledges-none-received"),
            ..ActionTable::default()
        }));
    }
    if signed.may(&Action::CreatePledge) {
        let own = &signed.actor().party;
        let mut recipients: Vec<(String, String)> = parties
            .iter()
            .filter(|party| &party.code != own && party.kind != PartyKind::Manufacturer)
            .map(|party| {
                (
                    party.code.as_str().to_owned(),
                    party_name(locale, &names, &party.code),
                )
            })
            .collect();
        // Organizations (the pooled facilities) first, then countries by name.
        recipients.sort_by_key(|(code, name)| {
            (
                code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase()),
                name.clone(),
            )
        });
        let form = Form::new(
            signed,
            "new-pledge",
            "/workspace/pledges",
            locale.t("ws-pledges-make"),
        )
        .legend(locale.t("ws-pledges-make-legend"))
        .field(Field::new("doses", "number", locale.t("ws-pledges-doses")).required())
        .field(Field::new("by", "date", locale.t("ws-pledges-by")).required())
        .field(
            Field::new("to", "select", locale.t("ws-pledges-to"))
                .required()
                .options(recipients),
        )
        .field(Field::new("note", "text", locale.t("ws-pledges-note")))
        .refill(failed);
        blocks.push(Block::Form(form));
    }
    show(
        state,
        context,
        signed,
        "pledges",
        locale.t("ws-nav-pledges"),
        blocks,
        failed.status(),
    )
    .await
}

/// `GET /workspace/pledges`.
pub async fn page(State(state): State<AppState>, context: Context, signed: Signed) -> Response {
    view(&state, &context, &signed, &Failed::default()).await
}

/// `POST /workspace/pledges`: makes a pledge.
pub async fn create(
    State(state): State<AppState>,
    context: Context,
    submitted: Submitted,
) -> Response {
    let locale = context.locale;
    let mut parsed = submitted.parse(locale);
    let doses = parsed.positive("doses");
    let by = parsed.day("by");
    let to = parsed.required("to");
    let note = parsed.text("note");
    if let Err(failed) = parsed.finish("new-pledge") {
        return view(&state, &context, &submitted.signed, &failed).await;
    }
    let input = app::pledges::NewPledgeInput {
        doses: doses.unwrap_or_default(),
        by: by.map(|day| day.to_string()).unwrap_or_default(),
        to: to.unwrap_or_default(),
        product: None,
        note: (!note.is_empty()).then_some(note),
    };
    let now = state.app.now();
    let actor = submitted.signed.actor().clone();
    let result = submit(&state, &submitted, "new-pledge", |tx| {
        let (actor, input) = (actor.clone(), input.clone());
        async move {
            app::pledges::create(&tx, now, &actor, &input).await?;
            Ok(done("/workspace/pledges", "pledge-made"))
        }
    })
    .await;
    match result {
        Ok(location) => see_other(&location),
        Err(error) => {
            let failed = submitted.failed(locale, "new-pledge", &error);
            view(&state, &context, &submitted.signed, &failed).await
        }
    }
}

/// `POST /workspace/pledges/{id}/withdraw`.
pub async fn withdraw(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    context: Context,
    submitted: Submitted,
) -> Response {
    let now = state.app.now();
    let actor = submitted.signed.actor().clone();
    let result = submit(&state, &submitted, &format!("pledge {id} withdraw"), |tx| {
        let actor = actor.clone();
        async move {
            app::pledges::withdraw(&tx, now, &actor, id).await?;
            Ok(done("/workspace/pledges", "pledge-withdrawn"))
        }
    })
    .await;
    match result {
        Ok(location) => see_other(&location),
        Err(error) => {
            let failed = submitted.failed(context.locale, "withdraw-pledge", &error);
            view(&state, &context, &submitted.signed, &failed).await
        }
    }
}
