//! `/workspace/shares`: a country's shares of published rounds. Each share awaiting an answer
//! shows what the official needs to judge it (the doses, each lot with its holder, product
//! and expiry, the days of shelf life left, the request it serves, coverage before and after)
//! with "accept" and "decline" with a coded reason (`cooperation.md`: `short_shelf_life`,
//! `no_cold_chain`, `insufficient_notice`, `product_not_authorised`,
//! `no_absorption_capacity`, `other` with a note). Answered shares follow, with the answer.
//! The answer is `app::rounds::respond`, the API's use case: one answer per share.

use std::collections::BTreeMap;

use app::rounds::{ResponseInput, Share};
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use domain::access::Action;
use domain::cooperation::round::{DeclineReason, RoundState};
use domain::ledger::PartyCode;
use domain::party::Lot;
use store::cooperation::Request;
use store::rounds::Round;

use super::country::{ROUNDS_READ_MAX, expiry_text, failed, lot_text, place_notice};
use super::form::{Failed, Field, Form, Submitted, done, done_notice, see_other, submit};
use super::{ActionRow, ActionTable, Block, Cell, Signed, show};
use crate::pages::locale::{Argument, Locale};
use crate::pages::{Context, party_name};
use crate::{ApiError, AppState};

/// The reasons a country may give to decline (`no_response` is the platform's own).
pub const REASONS: [DeclineReason; 6] = [
    DeclineReason::ShortShelfLife,
    DeclineReason::NoColdChain,
    DeclineReason::InsufficientNotice,
    DeclineReason::ProductNotAuthorised,
    DeclineReason::NoAbsorptionCapacity,
    DeclineReason::Other,
];

/// One lot of a share: the lot, who holds its doses, how many.
struct ShareLot {
    lot: Lot,
    holder: PartyCode,
    doses: i64,
}

/// The country's share of one published round, with what it takes to judge it.
struct CountryShare {
    round: Round,
    share: Share,
    lots: Vec<ShareLot>,
    request: Option<Request>,
    /// The note given with the answer.
    note: Option<String>,
}

/// The actor's shares of the latest published or closed rounds, newest round first.
async fn shares_of(
    tx: &store::Tx,
    actor: &domain::access::Actor,
) -> Result<Vec<CountryShare>, app::AppError> {
    let mut shares = Vec::new();
    for round in app::rounds::published(tx, ROUNDS_READ_MAX).await? {
        let Some(proposal) = app::rounds::proposal(tx, &round).await? else {
            continue;
        };
        let Some(share) = proposal
            .shares
            .iter()
            .find(|share| share.country == actor.party)
            .cloned()
        else {
            continue;
        };
        // The lots of a published round are public with its input (`GET
        // /api/v1/rounds/{id}/input`), so the country reads them even before it holds any.
        let mut lots = Vec::new();
        for entry in proposal
            .shipments
            .iter()
            .filter(|entry| entry.country.as_ref() == Some(&actor.party))
        {
            if let Some(lot) = tx.lot(entry.lot).await? {
                lots.push(ShareLot {
                    lot,
                    holder: entry.holder.clone(),
                    doses: entry.doses,
                });
            }
        }
        let request = app::requests::view(tx, actor, share.request).await.ok();
        let note = if share.response.is_some() {
            tx.shares(round.id)
                .await?
                .into_iter()
                .find(|stored| stored.country == actor.party)
                .and_then(|stored| stored.note)
        } else {
            None
        };
        shares.push(CountryShare {
            round,
            share,
            lots,
            request,
            note,
        });
    }
    Ok(shares)
}

fn text(value: String) -> Argument {
    Argument::Text(value)
}

/// The answer given, in the page's language.
fn answer_text(locale: &Locale, share: &Share) -> String {
    match (share.response.as_deref(), share.reason.as_deref()) {
        (Some("accept"), _) => locale.t("response-accept"),
        (Some("decline"), reason) => locale.with(
            "response-decline",
            &[(
                "reason",
                text(locale.t(&format!("reason-{}", reason.unwrap_or("other")))),
            )],
        ),
        _ => locale.t("response-none"),
    }
}

/// The forms that answer a share: accept, and decline with a coded reason and a note.
fn answer_forms(signed: &Signed, locale: &Locale, round: i64) -> (Form, Form) {
    let action = format!("/workspace/shares/{round}/respond");
    let accept = Form::new(
        signed,
        &format!("accept-{round}"),
        action.clone(),
        locale.t("ws-country-accept"),
    )
    .legend(locale.t("ws-country-accept-legend"))
    .field(Field::hidden("decision", "accept"));
    let mut reasons = vec![(String::new(), locale.t("ws-country-choose-reason"))];
    reasons.extend(REASONS.iter().map(|reason| {
        (
            reason.as_str().to_owned(),
            locale.t(&format!("reason-{}", reason.as_str())),
        )
    }));
    let decline = Form::new(
        signed,
        &format!("decline-{round}"),
        action,
        locale.t("ws-country-decline"),
    )
    .legend(locale.t("ws-country-decline-legend"))
    .secondary()
    .field(Field::hidden("decision", "decline"))
    .field(
        Field::new("reason", "select", locale.t("ws-country-field-reason"))
            .required()
            .options(reasons),
    )
    .field(
        Field::new("note", "textarea", locale.t("ws-country-field-answer-note"))
            .hint(locale.t("ws-country-field-answer-note-hint")),
    );
    (accept, decline)
}

/// The blocks of a share that awaits the country's answer.
fn awaiting_blocks(
    locale: &Locale,
    signed: &Signed,
    names: &BTreeMap<PartyCode, String>,
    today: chrono::NaiveDate,
    item: &CountryShare,
    failed: &Failed,
) -> Vec<Block> {
    let round = &item.round;
    let share = &item.share;
    let mut blocks = vec![Block::Heading {
        id: format!("round-{}", round.id),
        text: locale.with(
            "ws-country-share-heading",
            &[
                ("id", text(round.id.to_string())),
                (
                    "organization",
                    text(party_name(locale, names, &round.organization)),
                ),
                ("date", text(locale.date(round.date))),
            ],
        ),
    }];
    let mut facts = vec![
        (
            locale.t("ws-country-share-doses"),
            locale.number(share.doses),
        ),
        (
            locale.t("ws-country-share-coverage"),
            locale.with(
                "ws-country-share-coverage-value",
                &[
                    ("from", text(locale.decimal(share.coverage_before, 2))),
                    ("to", text(locale.decimal(share.coverage_after, 2))),
                ],
            ),
        ),
    ];
    if !share.limited_by.is_empty() {
        facts.push((
            locale.t("col-limited"),
            locale.t(&format!("limited-{}", share.limited_by)),
        ));
    }
    if let Some(request) = &item.request {
        facts.push((
            locale.t("ws-country-share-request"),
            locale.with(
                "ws-country-share-request-value",
                &[
                    ("id", text(request.id.to_string())),
                    ("doses", text(locale.number(request.doses))),
                    ("date", text(locale.date(request.needed_by))),
                ],
            ),
        ));
        if let Some(days) = request.min_shelf_life_days {
            facts.push((locale.t("ws-country-col-shelf-life"), locale.number(days)));
        }
    }
    blocks.push(Block::Facts(facts));
    let minimum = item
        .request
        .as_ref()
        .and_then(|request| request.min_shelf_life_days);
    blocks.push(Block::Table(ActionTable {
        caption: locale.with(
            "ws-country-share-lots",
            &[("id", text(round.id.to_string()))],
        ),
        header: vec![
            locale.t("ws-country-col-lot"),
            locale.t("ws-country-col-holder"),
            locale.t("ws-country-col-doses"),
            locale.t("ws-country-col-expiry"),
        ],
        rows: item
            .lots
            .iter()
            .map(|entry| {
                let mut expiry = expiry_text(locale, today, entry.lot.expiry);
                let days = super::country::days_left(today, entry.lot.expiry);
                if minimum.is_some_and(|minimum| days < minimum) {
                    expiry = format!("{expiry} — {}", locale.t("ws-country-below-shelf-life"));
                }
                ActionRow {
                    cells: vec![
                        Cell::text(lot_text(&entry.lot)),
                        Cell::text(party_name(locale, names, &entry.holder)),
                        Cell::text(locale.number(entry.doses)),
                        Cell::text(expiry),
                    ],
                    actions: Vec::new(),
                }
            })
            .collect(),
        empty: locale.t("ws-country-share-no-lots"),
        ..ActionTable::default()
    }));
    let may_answer = signed.may(&Action::RespondToShare {
        country: share.country.clone(),
    });
    if may_answer && round.state == RoundState::Published {
        let (accept, decline) = answer_forms(signed, locale, round.id);
        blocks.push(Block::Form(accept.refill(failed)));
        blocks.push(Block::Form(decline.refill(failed)));
    } else if !may_answer {
        blocks.push(Block::Paragraph(locale.t("ws-country-viewer-reads")));
    }
    blocks
}

async fn view(state: &AppState, context: &Context, signed: &Signed, failed: &Failed) -> Response {
    let locale = context.locale;
    let today = state.app.now().date();
    let actor = signed.actor().clone();
    let read = state
        .app
        .read(|tx| async move {
            let shares = shares_of(&tx, &actor).await?;
            let names = app::parties::names(&tx).await?;
            Ok((shares, names))
        })
        .await;
    let (shares, names) = match read {
        Ok(read) => read,
        Err(error) => return ApiError::from(error).into_response(),
    };
    let mut blocks = Vec::new();
    blocks.extend(done_notice(locale, context.query("done")));
    blocks.push(Block::Paragraph(locale.t("ws-country-shares-lead")));
    let (awaiting, answered): (Vec<&CountryShare>, Vec<&CountryShare>) =
        shares.iter().partition(|item| {
            item.share.response.is_none() && item.round.state == RoundState::Published
        });
    blocks.push(Block::Heading {
        id: "awaiting".into(),
        text: locale.t("ws-country-shares-awaiting"),
    });
    if awaiting.is_empty() {
        blocks.push(Block::Paragraph(
            locale.t("ws-country-shares-none-awaiting"),
        ));
    }
    for item in &awaiting {
        blocks.extend(awaiting_blocks(locale, signed, &names, today, item, failed));
    }
    blocks.push(Block::Heading {
        id: "answered".into(),
        text: locale.t("ws-country-shares-answered"),
    });
    blocks.push(Block::Table(ActionTable {
        caption: locale.t("ws-country-shares-answered"),
        header: vec![
            locale.t("ws-country-col-round"),
            locale.t("ws-country-col-doses"),
            locale.t("col-response"),
            locale.t("ws-country-col-note"),
        ],
        rows: answered
            .iter()
            .map(|item| ActionRow {
                cells: vec![
                    Cell::link(
                        locale.with(
                            "ws-country-round",
                            &[
                                ("id", text(item.round.id.to_string())),
                                (
                                    "organization",
                                    text(party_name(locale, &names, &item.round.organization)),
                                ),
                            ],
                        ),
                        format!("/rounds/{}", item.round.id),
                    ),
                    Cell::text(locale.number(item.share.doses)),
                    Cell::text(answer_text(locale, &item.share)),
                    Cell::text(item.note.clone().unwrap_or_default()),
                ],
                actions: Vec::new(),
            })
            .collect(),
        empty: locale.t("ws-country-shares-none-answered"),
        ..ActionTable::default()
    }));
    place_notice(&mut blocks, failed);
    show(
        state,
        context,
        signed,
        "shares",
        locale.t("ws-nav-shares"),
        blocks,
        failed.status(),
    )
    .await
}

/// `GET /workspace/shares`.
pub async fn page(State(state): State<AppState>, context: Context, signed: Signed) -> Response {
    view(&state, &context, &signed, &Failed::default()).await
}

/// `POST /workspace/shares/{round}/respond`: accepts the country's share, or declines it
/// with a coded reason.
pub async fn respond(
    State(state): State<AppState>,
    context: Context,
    Path(round): Path<i64>,
    submitted: Submitted,
) -> Response {
    let locale = context.locale;
    let decision = submitted.get("decision").to_owned();
    let form = if decision == "accept" {
        format!("accept-{round}")
    } else {
        format!("decline-{round}")
    };
    let mut parsed = submitted.parse(locale);
    let decision = parsed.choice("decision", &["accept", "decline"]);
    let codes: Vec<&str> = REASONS.iter().map(|reason| reason.as_str()).collect();
    let reason = match decision.as_deref() {
        Some("decline") => parsed.choice("reason", &codes),
        _ => None,
    };
    let note = parsed.text("note");
    if reason.as_deref() == Some(DeclineReason::Other.as_str()) && note.is_empty() {
        parsed.reject("note", "ws-country-error-note-other");
    }
    if let Err(failed) = parsed.finish(&form) {
        return view(&state, &context, &submitted.signed, &failed).await;
    }
    let input = ResponseInput {
        decision: decision.unwrap_or_default(),
        reason,
        note: (!note.is_empty()).then_some(note),
    };
    let now = state.app.now();
    let actor = submitted.signed.actor().clone();
    let message = if input.decision == "accept" {
        "country-share-accepted"
    } else {
        "country-share-declined"
    };
    let result = submit(&state, &submitted, &form, |tx| {
        let (actor, input) = (actor.clone(), input.clone());
        async move {
            app::rounds::respond(&tx, now, &actor, round, &input).await?;
            Ok(done("/workspace/shares", message))
        }
    })
    .await;
    match result {
        Ok(location) => see_other(&location),
        Err(error) => {
            let failed = failed(&submitted, locale, &form, &error);
            view(&state, &context, &submitted.signed, &failed).await
        }
    }
}
