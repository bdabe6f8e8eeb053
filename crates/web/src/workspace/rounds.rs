//! `/workspace/rounds`: an organization's allocation rounds, from pooling to the next round.
//! Open a round with the lots and requests it pools (or after a previous round), change it,
//! compute it with the allocation engine, review the proposal as a table and a before/after
//! chart, publish it, follow the countries' answers, close it, start the next one. Every step
//! is the API's use case (`app::rounds`), so the same rules hold here.

use std::collections::BTreeMap;

use app::rounds::{Proposal, RoundChange, RoundInput, RoundLotInput};
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use domain::access::Action;
use domain::cooperation::request::RequestState;
use domain::cooperation::round::RoundState;
use domain::ledger::{AccountState, PartyCode};
use store::cooperation::Request;
use store::rounds::Round;

use super::form::{Failed, Field, Form, Submitted, done, done_notice, see_other, submit};
use super::{ActionRow, ActionTable, Block, Cell, Link, Signed, show};
use crate::pages::locale::{Argument, Locale};
use crate::pages::{Context, party_name};
use crate::{ApiError, AppState};

/// How many rounds the list shows.
const ROUNDS_SHOWN_MAX: i64 = 50;

/// What the pages of rounds read: the organization's lots and open requests to pool, and the
/// parties' names.
struct Pool {
    /// `(value, text)` of each lot and holder the organization can pool.
    lots: Vec<(String, String)>,
    /// `(value, text)` of each open request.
    requests: Vec<(String, String)>,
    names: BTreeMap<PartyCode, String>,
}

/// A lot and holder as a form value: `12:covax`.
fn lot_value(lot: i64, holder: &PartyCode) -> String {
    format!("{lot}:{}", holder.as_str())
}

async fn pool_of(tx: &store::Tx, signed: &Signed, locale: &Locale) -> Result<Pool, app::AppError> {
    let actor = signed.actor();
    let names = app::parties::names(tx).await?;
    // The organization's own available doses and those of donors with open pledges to it.
    let pledges = app::pledges::list(
        tx,
        &app::pledges::PledgeQuery {
            state: Some(domain::cooperation::pledge::PledgeState::Open),
            to: Some(actor.party.clone()),
            limit: app::LIST_ITEMS_MAX,
            ..Default::default()
        },
    )
    .await?;
    let mut holders = vec![actor.party.clone()];
    for pledge in &pledges {
        if !holders.contains(&pledge.donor) {
            holders.push(pledge.donor.clone());
        }
    }
    let mut lots = Vec::new();
    for holder in &holders {
        let balances = app::movements::balances(
            tx,
            actor,
            &app::movements::BalanceQuery {
                holder: Some(holder.clone()),
                state: Some(AccountState::Available),
                limit: app::LIST_ITEMS_MAX,
                ..Default::default()
            },
        )
        .await?;
        for balance in balances.iter().filter(|balance| balance.doses > 0) {
            let Some(lot) = tx.lot(balance.lot).await? else {
                continue;
            };
            lots.push((
                lot_value(lot.id.0, holder),
                locale.with(
                    "ws-rounds-lot-option",
                    &[
                        ("lot", Argument::Text(lot.lot_number.as_str().to_owned())),
                        ("product", Argument::Text(lot.product.as_str().to_owned())),
                        ("holder", Argument::Text(party_name(locale, &names, holder))),
                        ("doses", Argument::Text(locale.number(balance.doses))),
                        ("expiry", Argument::Text(locale.date(lot.expiry))),
                    ],
                ),
            ));
        }
    }
    let open = app::requests::list(
        tx,
        actor,
        &app::requests::RequestQuery {
            state: Some(RequestState::Open),
            limit: app::LIST_ITEMS_MAX,
            ..Default::default()
        },
    )
    .await?;
    let requests = open
        .iter()
        .map(|request| {
            (
                request.id.to_string(),
                request_text(locale, &names, request),
            )
        })
        .collect();
    Ok(Pool {
        lots,
        requests,
        names,
    })
}

fn request_text(locale: &Locale, names: &BTreeMap<PartyCode, String>, request: &Request) -> String {
    locale.with(
        "ws-rounds-request-option",
        &[
            ("id", Argument::Text(request.id.to_string())),
            (
                "country",
                Argument::Text(party_name(locale, names, &request.country)),
            ),
            ("doses", Argument::Text(locale.number(request.doses))),
            ("date", Argument::Text(locale.date(request.needed_by))),
        ],
    )
}

fn state_text(locale: &Locale, state: RoundState) -> String {
    locale.t(&format!("round-state-{}", state.as_str()))
}

/// The form that opens a round.
fn open_form(signed: &Signed, locale: &Locale, today: chrono::NaiveDate, pool: &Pool) -> Form {
    Form::new(
        signed,
        "open-round",
        "/workspace/rounds",
        locale.t("ws-rounds-open"),
    )
    .legend(locale.t("ws-rounds-open-legend"))
    .field(
        Field::new("date", "date", locale.t("ws-rounds-date"))
            .required()
            .value(today.to_string()),
    )
    .field(
        Field::new("target_per_100", "text", locale.t("ws-rounds-target"))
            .hint(locale.t("ws-rounds-target-hint")),
    )
    .field(
        Field::new("lots", "checkboxes", locale.t("ws-rounds-lots"))
            .options(pool.lots.clone())
            .hint(locale.t("ws-rounds-lots-hint")),
    )
    .field(
        Field::new("requests", "checkboxes", locale.t("ws-rounds-requests"))
            .options(pool.requests.clone()),
    )
}

/// The form that opens the round after a published or closed one.
fn next_form(
    signed: &Signed,
    locale: &Locale,
    today: chrono::NaiveDate,
    rounds: &[Round],
) -> Option<Form> {
    let previous: Vec<(String, String)> = rounds
        .iter()
        .filter(|round| round.state != RoundState::Draft)
        .map(|round| {
            (
                round.id.to_string(),
                locale.with(
                    "ws-rounds-round-option",
                    &[
                        ("id", Argument::Text(round.id.to_string())),
                        ("date", Argument::Text(locale.date(round.date))),
                        ("state", Argument::Text(state_text(locale, round.state))),
                    ],
                ),
            )
        })
        .collect();
    if previous.is_empty() {
        return None;
    }
    Some(
        Form::new(
            signed,
            "next-round",
            "/workspace/rounds/next",
            locale.t("ws-rounds-next"),
        )
        .legend(locale.t("ws-rounds-next-legend"))
        .field(
            Field::new("after", "select", locale.t("ws-rounds-after"))
                .required()
                .options(previous),
        )
        .field(
            Field::new("date", "date", locale.t("ws-rounds-date"))
                .required()
                .value(today.to_string()),
        ),
    )
}

async fn list_view(
    state: &AppState,
    context: &Context,
    signed: &Signed,
    failed: &Failed,
) -> Response {
    let locale = context.locale;
    let today = state.app.now().date();
    let read = state
        .app
        .read(|tx| async move {
            let rounds =
                app::rounds::of_organization(&tx, signed.actor(), ROUNDS_SHOWN_MAX).await?;
            let pool = pool_of(&tx, signed, locale).await?;
            let mut answered = Vec::new();
            for round in &rounds {
                let proposal = app::rounds::proposal(&tx, round).await?.unwrap_or_default();
                answered.push(proposal);
            }
            Ok((rounds, pool, answered))
        })
        .await;
    let (rounds, pool, proposals) = match read {
        Ok(read) => read,
        Err(error) => return ApiError::from(error).into_response(),
    };
    let mut blocks = Vec::new();
    blocks.extend(done_notice(locale, context.query("done")));
    let rows = rounds
        .iter()
        .zip(&proposals)
        .map(|(round, proposal)| {
            let answered = proposal
                .shares
                .iter()
                .filter(|share| share.response.is_some())
                .count();
            let doses: i64 = round.lots.iter().map(|lot| lot.doses).sum();
            ActionRow {
                cells: vec![
                    Cell::link(
                        locale.with(
                            "ws-rounds-round",
                            &[("id", Argument::Text(round.id.to_string()))],
                        ),
                        format!("/workspace/rounds/{}", round.id),
                    ),
                    Cell::text(locale.date(round.date)),
                    Cell::text(state_text(locale, round.state)),
                    Cell::text(locale.number(doses)),
                    Cell::text(locale.number(i64::try_from(round.requests.len()).unwrap_or(0))),
                    Cell::text(format!(
                        "{} / {}",
                        locale.number(i64::try_from(answered).unwrap_or(0)),
                        locale.number(i64::try_from(proposal.shares.len()).unwrap_or(0))
                    )),
                ],
                actions: Vec::new(),
            }
        })
        .collect();
    blocks.push(Block::Table(ActionTable {
        caption: locale.t("ws-rounds-yours"),
        header: vec![
            locale.t("ws-rounds-col-round"),
            locale.t("ws-rounds-col-date"),
            locale.t("ws-col-state"),
            locale.t("ws-rounds-col-pooled"),
            locale.t("ws-rounds-col-requests"),
            locale.t("ws-rounds-col-answered"),
        ],
        rows,
        empty: locale.t("ws-rounds-none"),
        ..ActionTable::default()
    }));
    if signed.may(&Action::CreateRound) {
        blocks.push(Block::Form(
            open_form(signed, locale, today, &pool).refill(failed),
        ));
        if let Some(form) = next_form(signed, locale, today, &rounds) {
            blocks.push(Block::Form(form.refill(failed)));
        }
    }
    show(
        state,
        context,
        signed,
        "rounds",
        locale.t("ws-nav-rounds"),
        blocks,
        failed.status(),
    )
    .await
}

/// `GET /workspace/rounds`.
pub async fn list(State(state): State<AppState>, context: Context, signed: Signed) -> Response {
    list_view(&state, &context, &signed, &Failed::default()).await
}

/// The pooled lots a form sent (`lots` values `lot:holder`), or the field's error.
fn lots_of(submitted: &Submitted, parsed: &mut super::form::Parsed<'_>) -> Vec<RoundLotInput> {
    let mut lots = Vec::new();
    for value in submitted.all("lots") {
        match value
            .split_once(':')
            .and_then(|(lot, holder)| Some((lot.parse::<i64>().ok()?, holder)))
        {
            Some((lot, holder)) => lots.push(RoundLotInput {
                lot,
                holder: Some(holder.to_owned()),
                doses: None,
            }),
            None => parsed.reject("lots", "ws-error-choice"),
        }
    }
    lots
}

fn requests_of(submitted: &Submitted, parsed: &mut super::form::Parsed<'_>) -> Vec<i64> {
    let mut requests = Vec::new();
    for value in submitted.all("requests") {
        match value.parse::<i64>() {
            Ok(id) => requests.push(id),
            Err(_) => parsed.reject("requests", "ws-error-choice"),
        }
    }
    requests
}

fn target_of(
    submitted: &Submitted,
    parsed: &mut super::form::Parsed<'_>,
) -> Option<serde_json::Number> {
    let text = submitted.get("target_per_100").replace(',', ".");
    if text.is_empty() {
        return None;
    }
    match text
        .parse::<f64>()
        .ok()
        .and_then(serde_json::Number::from_f64)
    {
        Some(number) => Some(number),
        None => {
            parsed.reject("target_per_100", "ws-rounds-error-target");
            None
        }
    }
}

/// `POST /workspace/rounds`: opens a round.
pub async fn open(
    State(state): State<AppState>,
    context: Context,
    submitted: Submitted,
) -> Response {
    let locale = context.locale;
    let mut parsed = submitted.parse(locale);
    let date = parsed.day("date");
    let target = target_of(&submitted, &mut parsed);
    let lots = lots_of(&submitted, &mut parsed);
    let requests = requests_of(&submitted, &mut parsed);
    if let Err(failed) = parsed.finish("open-round") {
        return list_view(&state, &context, &submitted.signed, &failed).await;
    }
    let input = RoundInput {
        date: date.map(|day| day.to_string()).unwrap_or_default(),
        target_per_100: target,
        lots: Some(lots),
        requests: Some(requests),
        after: None,
    };
    create(state, context, submitted, input, "open-round").await
}

/// `POST /workspace/rounds/next`: opens the round after a published or closed one.
pub async fn next(
    State(state): State<AppState>,
    context: Context,
    submitted: Submitted,
) -> Response {
    let locale = context.locale;
    let mut parsed = submitted.parse(locale);
    let date = parsed.day("date");
    let after = parsed.id("after");
    if let Err(failed) = parsed.finish("next-round") {
        return list_view(&state, &context, &submitted.signed, &failed).await;
    }
    let input = RoundInput {
        date: date.map(|day| day.to_string()).unwrap_or_default(),
        target_per_100: None,
        lots: None,
        requests: None,
        after,
    };
    create(state, context, submitted, input, "next-round").await
}

async fn create(
    state: AppState,
    context: Context,
    submitted: Submitted,
    input: RoundInput,
    form: &str,
) -> Response {
    let now = state.app.now();
    let actor = submitted.signed.actor().clone();
    let result = submit(&state, &submitted, form, |tx| {
        let (actor, input) = (actor.clone(), input.clone());
        async move {
            let round = app::rounds::create(&tx, now, &actor, &input).await?;
            Ok(done(
                &format!("/workspace/rounds/{}", round.id),
                "round-opened",
            ))
        }
    })
    .await;
    match result {
        Ok(location) => see_other(&location),
        Err(error) => {
            let failed = submitted.failed(context.locale, form, &error);
            list_view(&state, &context, &submitted.signed, &failed).await
        }
    }
}

/// The proposal's shares as a table: each country's doses, coverage before and after, what
/// limited it and its answer.
fn shares_table(locale: &Locale, proposal: &Proposal, countries: &[String]) -> ActionTable {
    ActionTable {
        caption: locale.t("round-proposal"),
        header: vec![
            locale.t("col-country"),
            locale.t("col-allocated"),
            locale.t("col-before"),
            locale.t("col-after"),
            locale.t("col-limited"),
            locale.t("col-response"),
        ],
        rows: proposal
            .shares
            .iter()
            .zip(countries)
            .map(|(share, name)| ActionRow {
                cells: vec![
                    Cell::text(name.clone()),
                    Cell::text(locale.number(share.doses)),
                    Cell::text(locale.decimal(share.coverage_before, 2)),
                    Cell::text(locale.decimal(share.coverage_after, 2)),
                    Cell::text(if share.limited_by.is_empty() {
                        "–".to_owned()
                    } else {
                        locale.t(&format!("limited-{}", share.limited_by))
                    }),
                    Cell::text(match (share.response.as_deref(), share.reason.as_deref()) {
                        (Some("accept"), _) => locale.t("response-accept"),
                        (Some("decline"), reason) => locale.with(
                            "response-decline",
                            &[(
                                "reason",
                                Argument::Text(
                                    locale.t(&format!("reason-{}", reason.unwrap_or("other"))),
                                ),
                            )],
                        ),
                        _ => locale.t("response-none"),
                    }),
                ],
                actions: Vec::new(),
            })
            .collect(),
        empty: locale.t("ws-rounds-no-shares"),
        ..ActionTable::default()
    }
}

/// A button that posts one action on the round.
fn action_form(signed: &Signed, id: i64, action: &str, text: String) -> Form {
    Form::new(
        signed,
        &format!("{action}-round"),
        format!("/workspace/rounds/{id}/{action}"),
        text,
    )
}

async fn round_view(
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
            let round = app::rounds::view(&tx, Some(signed.actor()), id).await?;
            let proposal = app::rounds::proposal(&tx, &round).await?;
            let pool = pool_of(&tx, signed, locale).await?;
            let mut requests = Vec::new();
            for request in &round.requests {
                if let Some(found) = tx.request(*request).await? {
                    requests.push(found);
                }
            }
            let mut lots = Vec::new();
            for pooled in &round.lots {
                lots.push((pooled.clone(), tx.lot(pooled.lot).await?));
            }
            Ok((round, proposal, pool, requests, lots))
        })
        .await;
    let (round, proposal, pool, requests, lots) = match read {
        Ok(read) => read,
        Err(error) => return ApiError::from(error).into_response(),
    };
    let names = &pool.names;
    let mut blocks = Vec::new();
    blocks.extend(done_notice(locale, context.query("done")));
    if let Some(notice) = failed
        .notice
        .as_ref()
        .filter(|_| failed.form.ends_with("-round") && !failed.form.starts_with("change"))
    {
        blocks.push(Block::Notice {
            tone: "error",
            text: notice.clone(),
        });
    }
    let mut facts = vec![
        (locale.t("ws-col-state"), state_text(locale, round.state)),
        (locale.t("ws-rounds-col-date"), locale.date(round.date)),
        (
            locale.t("ws-rounds-target"),
            round
                .target_per_100
                .clone()
                .unwrap_or_else(|| "–".to_owned()),
        ),
    ];
    if let Some(after) = round.after {
        facts.push((
            locale.t("ws-rounds-after"),
            locale.with(
                "ws-rounds-round",
                &[("id", Argument::Text(after.to_string()))],
            ),
        ));
    }
    if let Some(proposer) = &round.proposed_by {
        facts.push((
            locale.t("ws-rounds-proposed-by"),
            party_name(locale, names, proposer),
        ));
    }
    blocks.push(Block::Facts(facts));
    let may_edit = signed.may(&Action::EditRound {
        organization: round.organization.clone(),
    });

    blocks.push(Block::Heading {
        id: "pool".into(),
        text: locale.t("ws-rounds-pool"),
    });
    blocks.push(Block::Table(ActionTable {
        caption: locale.t("ws-rounds-lots"),
        header: vec![
            locale.t("ws-rounds-col-lot"),
            locale.t("ws-rounds-col-holder"),
            locale.t("ws-rounds-col-doses"),
            locale.t("ws-rounds-col-expiry"),
        ],
        rows: lots
            .iter()
            .map(|(pooled, lot)| ActionRow {
                cells: vec![
                    Cell::text(lot.as_ref().map_or_else(
                        || pooled.lot.0.to_string(),
                        |lot| format!("{} ({})", lot.lot_number.as_str(), lot.product.as_str()),
                    )),
                    Cell::text(party_name(locale, names, &pooled.holder)),
                    Cell::text(locale.number(pooled.doses)),
                    Cell::text(
                        lot.as_ref()
                            .map_or_else(String::new, |lot| locale.date(lot.expiry)),
                    ),
                ],
                actions: Vec::new(),
            })
            .collect(),
        empty: locale.t("ws-rounds-no-lots"),
        ..ActionTable::default()
    }));
    blocks.push(Block::Table(ActionTable {
        caption: locale.t("ws-rounds-requests"),
        header: vec![
            locale.t("ws-rounds-col-request"),
            locale.t("col-country"),
            locale.t("ws-rounds-col-doses"),
            locale.t("ws-rounds-col-needed-by"),
        ],
        rows: requests
            .iter()
            .map(|request| ActionRow {
                cells: vec![
                    Cell::text(request.id.to_string()),
                    Cell::text(party_name(locale, names, &request.country)),
                    Cell::text(locale.number(request.doses)),
                    Cell::text(locale.date(request.needed_by)),
                ],
                actions: Vec::new(),
            })
            .collect(),
        empty: locale.t("ws-rounds-no-requests"),
        ..ActionTable::default()
    }));

    if round.state == RoundState::Draft && may_edit {
        let mut lot_options = pool.lots.clone();
        for pooled in &round.lots {
            let value = lot_value(pooled.lot.0, &pooled.holder);
            if !lot_options.iter().any(|(option, _)| *option == value) {
                lot_options.push((value.clone(), value));
            }
        }
        let mut request_options = pool.requests.clone();
        for request in &requests {
            if !request_options
                .iter()
                .any(|(option, _)| *option == request.id.to_string())
            {
                request_options
                    .push((request.id.to_string(), request_text(locale, names, request)));
            }
        }
        let current_lots: Vec<String> = round
            .lots
            .iter()
            .map(|pooled| lot_value(pooled.lot.0, &pooled.holder))
            .collect();
        let current_requests: Vec<String> = round.requests.iter().map(i64::to_string).collect();
        let change = Form::new(
            signed,
            "change-round",
            format!("/workspace/rounds/{id}/change"),
            locale.t("ws-rounds-change"),
        )
        .legend(locale.t("ws-rounds-change-legend"))
        .field(
            Field::new("date", "date", locale.t("ws-rounds-date"))
                .required()
                .value(round.date.to_string()),
        )
        .field(
            Field::new("target_per_100", "text", locale.t("ws-rounds-target"))
                .value(round.target_per_100.clone().unwrap_or_default())
                .hint(locale.t("ws-rounds-target-hint")),
        )
        .field(
            Field::new("lots", "checkboxes", locale.t("ws-rounds-lots"))
                .options(lot_options)
                .value(current_lots.join(",")),
        )
        .field(
            Field::new("requests", "checkboxes", locale.t("ws-rounds-requests"))
                .options(request_options)
                .value(current_requests.join(",")),
        )
        .refill(failed);
        blocks.push(Block::Form(change));
        blocks.push(Block::Form(
            action_form(signed, id, "compute", locale.t("ws-rounds-compute")).refill(failed),
        ));
    }

    blocks.push(Block::Heading {
        id: "proposal".into(),
        text: locale.t("round-proposal"),
    });
    match &proposal {
        Some(proposal) => {
            let countries: Vec<String> = proposal
                .shares
                .iter()
                .map(|share| party_name(locale, names, &share.country))
                .collect();
            let doses: i64 = proposal.shares.iter().map(|share| share.doses).sum();
            let left: i64 = proposal.unallocated.iter().map(|lot| lot.doses).sum();
            blocks.push(Block::Paragraph(locale.with(
                "ws-rounds-proposal-summary",
                &[
                    ("doses", Argument::Text(locale.number(doses))),
                    ("left", Argument::Text(locale.number(left))),
                    (
                        "n",
                        Argument::Count(i64::try_from(proposal.shares.len()).unwrap_or(0)),
                    ),
                ],
            )));
            blocks.push(Block::Table(shares_table(locale, proposal, &countries)));
            let mut figure =
                crate::pages::round::before_after_figure(locale, &round, proposal, &countries);
            figure.csv_href = format!("/workspace/rounds/{id}/shares.csv");
            blocks.push(Block::Figure(Box::new(figure)));
        }
        None => blocks.push(Block::Paragraph(locale.t("ws-rounds-not-computed"))),
    }
    if may_edit {
        match round.state {
            RoundState::Draft if proposal.is_some() => blocks.push(Block::Form(
                action_form(signed, id, "publish", locale.t("ws-rounds-publish")).refill(failed),
            )),
            RoundState::Published => blocks.push(Block::Form(
                action_form(signed, id, "close", locale.t("ws-rounds-close"))
                    .secondary()
                    .refill(failed),
            )),
            _ => {}
        }
        if round.state != RoundState::Draft {
            let today = state.app.now().date();
            if let Some(form) = next_form(signed, locale, today, std::slice::from_ref(&round)) {
                blocks.push(Block::Form(form));
            }
        }
    }
    if round.state != RoundState::Draft {
        blocks.push(Block::Links(vec![Link {
            href: format!("/rounds/{id}"),
            text: locale.t("ws-rounds-public-page"),
        }]));
    }
    show(
        state,
        context,
        signed,
        "rounds",
        locale.with("ws-rounds-round", &[("id", Argument::Text(id.to_string()))]),
        blocks,
        failed.status(),
    )
    .await
}

/// `GET /workspace/rounds/{id}`.
pub async fn round(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    context: Context,
    signed: Signed,
) -> Response {
    round_view(&state, &context, &signed, id, &Failed::default()).await
}

/// `GET /workspace/rounds/{id}/shares.csv`: the proposal's shares, drafts included, for who
/// may read the round.
pub async fn shares_csv(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    signed: Signed,
) -> Response {
    let proposal = state
        .app
        .read(|tx| async move {
            let round = app::rounds::view(&tx, Some(signed.actor()), id).await?;
            app::rounds::proposal(&tx, &round).await
        })
        .await;
    match proposal {
        Ok(proposal) => crate::pages::csv(
            &format!("round-{id}-shares.csv"),
            crate::pages::round::shares_text(&proposal.unwrap_or_default()),
        ),
        Err(error) => ApiError::from(error).into_response(),
    }
}

/// `POST /workspace/rounds/{id}/change`: replaces a draft's day, target, lots and requests.
pub async fn change(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    context: Context,
    submitted: Submitted,
) -> Response {
    let locale = context.locale;
    let mut parsed = submitted.parse(locale);
    let date = parsed.day("date");
    let target = target_of(&submitted, &mut parsed);
    let lots = lots_of(&submitted, &mut parsed);
    let requests = requests_of(&submitted, &mut parsed);
    if let Err(failed) = parsed.finish("change-round") {
        return round_view(&state, &context, &submitted.signed, id, &failed).await;
    }
    let change = RoundChange {
        date: date.map(|day| day.to_string()),
        target_per_100: target,
        lots: Some(lots),
        requests: Some(requests),
    };
    act(
        state,
        context,
        submitted,
        id,
        "change",
        move |tx, now, actor| {
            let change = change.clone();
            async move {
                app::rounds::replace(&tx, now, &actor, id, &change).await?;
                Ok("round-changed")
            }
        },
    )
    .await
}

/// Runs one action on round `id` as a form: the use case in `effect`, then back to the round.
async fn act<F, Fut>(
    state: AppState,
    context: Context,
    submitted: Submitted,
    id: i64,
    action: &str,
    effect: F,
) -> Response
where
    F: Fn(store::Tx, domain::time::Timestamp, domain::access::Actor) -> Fut,
    Fut: std::future::Future<Output = Result<&'static str, app::AppError>>,
{
    let now = state.app.now();
    let actor = submitted.signed.actor().clone();
    let form = format!("{action}-round");
    let result = submit(&state, &submitted, &format!("round {id} {action}"), |tx| {
        let done_message = effect(tx, now, actor.clone());
        async move {
            let message = done_message.await?;
            Ok(done(&format!("/workspace/rounds/{id}"), message))
        }
    })
    .await;
    match result {
        Ok(location) => see_other(&location),
        Err(error) => {
            let failed = submitted.failed(context.locale, &form, &error);
            round_view(&state, &context, &submitted.signed, id, &failed).await
        }
    }
}

/// `POST /workspace/rounds/{id}/compute`.
pub async fn compute(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    context: Context,
    submitted: Submitted,
) -> Response {
    let reference = std::sync::Arc::clone(&state.app.reference);
    act(
        state,
        context,
        submitted,
        id,
        "compute",
        move |tx, now, actor| {
            let reference = std::sync::Arc::clone(&reference);
            async move {
                app::rounds::compute(&tx, &reference, now, &actor, id).await?;
                Ok("round-computed")
            }
        },
    )
    .await
}

/// `POST /workspace/rounds/{id}/publish`.
pub async fn publish(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    context: Context,
    submitted: Submitted,
) -> Response {
    act(
        state,
        context,
        submitted,
        id,
        "publish",
        move |tx, now, actor| async move {
            app::rounds::publish(&tx, now, &actor, id).await?;
            Ok("round-published")
        },
    )
    .await
}

/// `POST /workspace/rounds/{id}/close`.
pub async fn close(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    context: Context,
    submitted: Submitted,
) -> Response {
    act(
        state,
        context,
        submitted,
        id,
        "close",
        move |tx, now, actor| async move {
            app::rounds::close(&tx, now, &actor, id).await?;
            Ok("round-closed")
        },
    )
    .await
}

/// What waits for an organization: drafts to compute or publish, published rounds with
/// shares not answered yet.
pub async fn waiting(state: &AppState, signed: &Signed, locale: &Locale) -> Vec<Link> {
    let read = state
        .app
        .read(|tx| async move {
            let rounds =
                app::rounds::of_organization(&tx, signed.actor(), ROUNDS_SHOWN_MAX).await?;
            let mut waiting = Vec::new();
            for round in rounds {
                let proposal = app::rounds::proposal(&tx, &round).await?;
                let unanswered = proposal.as_ref().map_or(0, |proposal| {
                    proposal
                        .shares
                        .iter()
                        .filter(|share| share.response.is_none())
                        .count()
                });
                waiting.push((round, proposal.is_some(), unanswered));
            }
            Ok(waiting)
        })
        .await
        .unwrap_or_default();
    read.into_iter()
        .filter_map(|(round, computed, unanswered)| {
            let id = Argument::Text(round.id.to_string());
            let text = match round.state {
                RoundState::Draft if computed => {
                    locale.with("ws-rounds-waiting-publish", &[("id", id)])
                }
                RoundState::Draft => locale.with("ws-rounds-waiting-compute", &[("id", id)]),
                RoundState::Published if unanswered > 0 => locale.with(
                    "ws-rounds-waiting-answers",
                    &[
                        ("id", id),
                        ("n", Argument::Count(i64::try_from(unanswered).unwrap_or(0))),
                    ],
                ),
                _ => return None,
            };
            Some(Link {
                href: format!("/workspace/rounds/{}", round.id),
                text,
            })
        })
        .collect()
}
