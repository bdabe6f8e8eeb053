//! `/workspace/administration`: a country reports doses it administered, as a ledger
//! movement of kind `administer` out of its available doses of a lot (`app::movements::record`,
//! the API's `POST /api/v1/movements`), and reads its recent reports. These reports set the
//! country's rate of use, from which its doses at risk of expiring are reckoned.

use app::movements::{BalanceQuery, NewMovement};
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use chrono::Duration;
use domain::access::Action;
use domain::ledger::{AccountState, MovementKind};
use domain::party::Lot;
use store::ledger::Movement;

use super::country::{expiry_text, failed, lot_text, place_notice};
use super::form::{Failed, Field, Form, Submitted, done, done_notice, see_other, submit};
use super::{ActionRow, ActionTable, Block, Cell, Signed, show};
use crate::pages::Context;
use crate::pages::locale::{Argument, Locale};
use crate::{ApiError, AppState};

/// The form that reports doses administered.
const FORM: &str = "administer";
/// How many reports the page lists.
const REPORTS_SHOWN_MAX: usize = 100;

/// What the page reads: the lots the country has available doses of, and its reports.
struct Administration {
    /// Each lot with available doses, and how many.
    available: Vec<(Lot, i64)>,
    /// Its `administer` movements, newest first, with their lots.
    reports: Vec<(Movement, Option<Lot>)>,
}

async fn administration_of(
    tx: &store::Tx,
    actor: &domain::access::Actor,
) -> Result<Administration, app::AppError> {
    let balances = app::movements::balances(
        tx,
        actor,
        &BalanceQuery {
            holder: Some(actor.party.clone()),
            limit: app::LIST_ITEMS_MAX,
            ..BalanceQuery::default()
        },
    )
    .await?;
    let mut available = Vec::new();
    let mut lots = Vec::new();
    for balance in &balances {
        if !lots.contains(&balance.lot) {
            lots.push(balance.lot);
        }
        if balance.state == AccountState::Available
            && balance.doses > 0
            && let Some(lot) = tx.lot(balance.lot).await?
        {
            available.push((lot, balance.doses));
        }
    }
    available.sort_by_key(|(lot, _)| lot.expiry);
    // The country's own entries of each lot it has held, read a page at a time.
    let mut reports = Vec::new();
    for id in lots {
        let lot = tx.lot(id).await?;
        let mut after = None;
        loop {
            let page =
                app::movements::journal(tx, actor, Some(id), after, app::LIST_ITEMS_MAX).await?;
            after = page.last().map(|movement| movement.id);
            let full = i64::try_from(page.len()).unwrap_or(i64::MAX) >= app::LIST_ITEMS_MAX;
            reports.extend(
                page.into_iter()
                    .filter(|movement| {
                        movement.kind == MovementKind::Administer
                            && movement
                                .from
                                .as_ref()
                                .is_some_and(|side| side.holder == actor.party)
                    })
                    .map(|movement| (movement, lot.clone())),
            );
            if !full {
                break;
            }
        }
    }
    reports.sort_by_key(|(movement, _)| std::cmp::Reverse(movement.id));
    Ok(Administration { available, reports })
}

fn report_form(
    signed: &Signed,
    locale: &Locale,
    today: chrono::NaiveDate,
    available: &[(Lot, i64)],
) -> Form {
    let mut lots = vec![(String::new(), locale.t("ws-country-choose-lot"))];
    lots.extend(available.iter().map(|(lot, doses)| {
        (
            lot.id.0.to_string(),
            locale.with(
                "ws-country-lot-option",
                &[
                    ("value", Argument::Text(lot_text(lot))),
                    ("doses", Argument::Text(locale.number(*doses))),
                    (
                        "date",
                        Argument::Text(expiry_text(locale, today, lot.expiry)),
                    ),
                ],
            ),
        )
    }));
    Form::new(
        signed,
        FORM,
        "/workspace/administration",
        locale.t("ws-country-administer"),
    )
    .legend(locale.t("ws-country-administer-legend"))
    .field(
        Field::new("lot", "select", locale.t("ws-country-field-lot"))
            .required()
            .options(lots),
    )
    .field(
        Field::new(
            "doses",
            "number",
            locale.t("ws-country-field-doses-administered"),
        )
        .required(),
    )
    .field(
        Field::new("reason", "text", locale.t("ws-country-field-report-note"))
            .hint(locale.t("ws-country-field-report-note-hint")),
    )
}

async fn view(state: &AppState, context: &Context, signed: &Signed, failed: &Failed) -> Response {
    let locale = context.locale;
    let now = state.app.now();
    let today = now.date();
    let actor = signed.actor().clone();
    let read = state
        .app
        .read(|tx| async move { administration_of(&tx, &actor).await })
        .await;
    let administration = match read {
        Ok(read) => read,
        Err(error) => return ApiError::from(error).into_response(),
    };
    let mut blocks = Vec::new();
    blocks.extend(done_notice(locale, context.query("done")));
    blocks.push(Block::Paragraph(locale.t("ws-country-administration-lead")));
    let window_start =
        domain::time::Timestamp::start_of(today - Duration::days(app::expiry::RATE_WINDOW_DAYS));
    let recent: i64 = administration
        .reports
        .iter()
        .filter(|(movement, _)| movement.recorded_at >= window_start)
        .map(|(movement, _)| movement.doses)
        .sum();
    blocks.push(Block::Facts(vec![(
        locale.with(
            "ws-country-administered-recently",
            &[("n", Argument::Count(app::expiry::RATE_WINDOW_DAYS))],
        ),
        locale.number(recent),
    )]));
    if signed.may(&Action::Move(MovementKind::Administer)) {
        if administration.available.is_empty() {
            blocks.push(Block::Paragraph(
                locale.t("ws-country-nothing-to-administer"),
            ));
        } else {
            blocks.push(Block::Form(
                report_form(signed, locale, today, &administration.available).refill(failed),
            ));
        }
    }
    blocks.push(Block::Table(ActionTable {
        caption: locale.t("ws-country-reports"),
        header: vec![
            locale.t("ws-col-when"),
            locale.t("ws-country-col-lot"),
            locale.t("ws-country-col-doses"),
            locale.t("ws-country-col-note"),
        ],
        rows: administration
            .reports
            .iter()
            .take(REPORTS_SHOWN_MAX)
            .map(|(movement, lot)| ActionRow {
                cells: vec![
                    Cell::text(super::moment(locale, movement.recorded_at)),
                    Cell::text(
                        lot.as_ref()
                            .map_or_else(|| movement.lot.0.to_string(), lot_text),
                    ),
                    Cell::text(locale.number(movement.doses)),
                    Cell::text(movement.reason.clone().unwrap_or_default()),
                ],
                actions: Vec::new(),
            })
            .collect(),
        empty: locale.t("ws-country-reports-none"),
        ..ActionTable::default()
    }));
    place_notice(&mut blocks, failed);
    show(
        state,
        context,
        signed,
        "administration",
        locale.t("ws-nav-administration"),
        blocks,
        failed.status(),
    )
    .await
}

/// `GET /workspace/administration`.
pub async fn page(State(state): State<AppState>, context: Context, signed: Signed) -> Response {
    view(&state, &context, &signed, &Failed::default()).await
}

/// `POST /workspace/administration`: reports doses administered from a lot.
pub async fn report(
    State(state): State<AppState>,
    context: Context,
    submitted: Submitted,
) -> Response {
    let locale = context.locale;
    let mut parsed = submitted.parse(locale);
    let lot = parsed.id("lot");
    let doses = parsed.positive("doses");
    let reason = parsed.text("reason");
    if let Err(failed) = parsed.finish(FORM) {
        return view(&state, &context, &submitted.signed, &failed).await;
    }
    let input = NewMovement {
        kind: MovementKind::Administer.as_str().to_owned(),
        lot: lot.unwrap_or_default(),
        doses: doses.unwrap_or_default(),
        to: None,
        reason: (!reason.is_empty()).then_some(reason),
        from_state: None,
    };
    let now = state.app.now();
    let actor = submitted.signed.actor().clone();
    let result = submit(&state, &submitted, FORM, |tx| {
        let (actor, input) = (actor.clone(), input.clone());
        async move {
            app::movements::record(&tx, now, &actor, &input).await?;
            Ok(done("/workspace/administration", "country-administered"))
        }
    })
    .await;
    match result {
        Ok(location) => see_other(&location),
        Err(error) => {
            let failed = failed(&submitted, locale, FORM, &error);
            view(&state, &context, &submitted.signed, &failed).await
        }
    }
}
