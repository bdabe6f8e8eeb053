//! `/workspace/stock`: what a party holds, by lot: its doses by state (available, reserved,
//! in transit to it, administered), the lot's expiry, and the doses at risk of expiring
//! unused at the party's rate of use (`app::expiry::list`, `cooperation.md` "Expiry risk").
//! For each lot at risk, a form proposes doses to an organization for redistribution
//! (`app::expiry::propose`): the organization gets a draft round holding them.

use std::collections::BTreeMap;

use app::expiry::{ProposalInput, RiskRow};
use app::movements::BalanceQuery;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use domain::access::Action;
use domain::cooperation::round::RoundState;
use domain::ledger::{AccountState, LotId, PartyCode};
use domain::party::{Lot, PartyKind};
use store::rounds::Round;

use super::country::{expiry_text, failed, lot_text, place_notice};
use super::form::{Failed, Field, Form, Submitted, done, done_notice, see_other, submit};
use super::{ActionRow, ActionTable, Block, Cell, Signed, show};
use crate::pages::locale::{Argument, Locale};
use crate::pages::{Context, party_name};
use crate::{ApiError, AppState};

/// A lot the party holds, with its doses by state and at risk.
struct Held {
    lot: Lot,
    doses: BTreeMap<AccountState, i64>,
    risk: Option<RiskRow>,
}

impl Held {
    fn doses(&self, state: AccountState) -> i64 {
        self.doses.get(&state).copied().unwrap_or(0)
    }

    /// Whether the party still has doses of it to use, keep or receive.
    fn current(&self) -> bool {
        [
            AccountState::Available,
            AccountState::Reserved,
            AccountState::InTransit,
        ]
        .into_iter()
        .any(|state| self.doses(state) > 0)
    }
}

/// What the page reads: the lots held, the rate of use, the organizations to propose to.
struct Stock {
    held: Vec<Held>,
    rate_per_day: Option<f64>,
    organizations: Vec<(String, String)>,
    /// The rounds the party's redistribution proposals opened, newest first.
    proposals: Vec<Round>,
    names: BTreeMap<PartyCode, String>,
}

impl Stock {
    /// Doses of `lot` the party proposed in rounds still drafts: offered already, though
    /// still at risk until a round is published.
    fn pending(&self, party: &PartyCode, lot: LotId) -> i64 {
        self.proposals
            .iter()
            .filter(|round| round.state == RoundState::Draft)
            .flat_map(|round| &round.lots)
            .filter(|pooled| pooled.lot == lot && pooled.holder == *party)
            .map(|pooled| pooled.doses)
            .sum()
    }
}

/// How many of each organization's latest rounds are looked through for the party's
/// proposals.
const PROPOSALS_READ_MAX: i64 = 20;

async fn stock_of(
    tx: &store::Tx,
    now: domain::time::Timestamp,
    actor: &domain::access::Actor,
    locale: &Locale,
) -> Result<Stock, app::AppError> {
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
    let mut by_lot: BTreeMap<LotId, BTreeMap<AccountState, i64>> = BTreeMap::new();
    for balance in balances {
        *by_lot
            .entry(balance.lot)
            .or_default()
            .entry(balance.state)
            .or_default() += balance.doses;
    }
    let risk = app::expiry::list(tx, now, actor, Some(&actor.party)).await?;
    let rate_per_day = risk.first().map(|row| row.rate_per_day);
    let mut held = Vec::new();
    for (id, doses) in by_lot {
        let Some(lot) = tx.lot(id).await? else {
            continue;
        };
        let risk = risk
            .iter()
            .find(|row| row.lot == id && row.doses_at_risk > 0)
            .cloned();
        held.push(Held { lot, doses, risk });
    }
    held.retain(Held::current);
    held.sort_by_key(|held| held.lot.expiry);
    let names = app::parties::names(tx).await?;
    let organizations: Vec<PartyCode> = tx
        .parties(None, app::LIST_ITEMS_MAX)
        .await?
        .into_iter()
        .filter(|party| party.kind == PartyKind::Organization && party.code != actor.party)
        .map(|party| party.code)
        .collect();
    let mut proposals = Vec::new();
    for organization in &organizations {
        for id in tx.round_ids_of(organization, PROPOSALS_READ_MAX).await? {
            // A draft the party is not in is not its to read: it is skipped, not an error.
            match app::rounds::view(tx, Some(actor), id).await {
                Ok(round) if round.proposed_by.as_ref() == Some(&actor.party) => {
                    proposals.push(round);
                }
                Ok(_) | Err(app::AppError::NotFound(_)) => {}
                Err(error) => return Err(error),
            }
        }
    }
    proposals.sort_by_key(|round| std::cmp::Reverse(round.id));
    let organizations = organizations
        .iter()
        .map(|code| (code.as_str().to_owned(), party_name(locale, &names, code)))
        .collect();
    Ok(Stock {
        held,
        rate_per_day,
        organizations,
        proposals,
        names,
    })
}

/// The form that proposes a lot's doses at risk to an organization (the API's fields).
fn propose_form(
    signed: &Signed,
    locale: &Locale,
    today: chrono::NaiveDate,
    held: &Held,
    risk: &RiskRow,
    stock: &Stock,
) -> Form {
    let mut options = vec![(String::new(), locale.t("ws-country-choose-organization"))];
    options.extend(stock.organizations.iter().cloned());
    let pending = stock.pending(&signed.actor().party, held.lot.id);
    let left = risk.doses_at_risk - pending;
    let mut hint = locale.with(
        "ws-country-field-doses-proposed-hint",
        &[(
            "doses",
            Argument::Text(locale.number(held.doses(AccountState::Available))),
        )],
    );
    if pending > 0 {
        hint = format!(
            "{hint} {}",
            locale.with(
                "ws-country-already-proposed",
                &[("doses", Argument::Text(locale.number(pending)))],
            )
        );
    }
    Form::new(
        signed,
        &format!("propose-{}", held.lot.id.0),
        "/workspace/stock/propose",
        locale.t("ws-country-propose"),
    )
    .legend(locale.with(
        "ws-country-propose-legend",
        &[
            ("value", Argument::Text(lot_text(&held.lot))),
            ("doses", Argument::Text(locale.number(risk.doses_at_risk))),
            (
                "date",
                Argument::Text(expiry_text(locale, today, held.lot.expiry)),
            ),
        ],
    ))
    .field(Field::hidden("lot", held.lot.id.0.to_string()))
    .field(
        Field::new(
            "doses",
            "number",
            locale.t("ws-country-field-doses-proposed"),
        )
        .required()
        .value(if left > 0 {
            left.to_string()
        } else {
            String::new()
        })
        .hint(hint),
    )
    .field(
        Field::new(
            "organization",
            "select",
            locale.t("ws-country-field-organization"),
        )
        .required()
        .options(options),
    )
}

/// The party's redistribution proposals: the round each opened, its organization and state,
/// and the doses of each lot it proposed.
fn proposals_table(locale: &Locale, stock: &Stock) -> ActionTable {
    let mut rows = Vec::new();
    for round in &stock.proposals {
        let title = locale.with(
            "ws-country-round",
            &[
                ("id", Argument::Text(round.id.to_string())),
                (
                    "organization",
                    Argument::Text(party_name(locale, &stock.names, &round.organization)),
                ),
            ],
        );
        let heading = if round.state == RoundState::Draft {
            Cell::text(title)
        } else {
            Cell::link(title, format!("/rounds/{}", round.id))
        };
        for pooled in &round.lots {
            let lot = stock
                .held
                .iter()
                .find(|held| held.lot.id == pooled.lot)
                .map_or_else(|| pooled.lot.0.to_string(), |held| lot_text(&held.lot));
            rows.push(ActionRow {
                cells: vec![
                    heading.clone(),
                    Cell::text(locale.t(&format!("round-state-{}", round.state.as_str()))),
                    Cell::text(lot),
                    Cell::text(locale.number(pooled.doses)),
                ],
                actions: Vec::new(),
            });
        }
    }
    ActionTable {
        caption: locale.t("ws-country-proposals"),
        header: vec![
            locale.t("ws-country-col-round"),
            locale.t("ws-col-state"),
            locale.t("ws-country-col-lot"),
            locale.t("ws-country-col-doses"),
        ],
        rows,
        empty: String::new(),
        ..ActionTable::default()
    }
}

async fn view(state: &AppState, context: &Context, signed: &Signed, failed: &Failed) -> Response {
    let locale = context.locale;
    let now = state.app.now();
    let today = now.date();
    let actor = signed.actor().clone();
    let read = state
        .app
        .read(|tx| async move { stock_of(&tx, now, &actor, locale).await })
        .await;
    let stock = match read {
        Ok(stock) => stock,
        Err(error) => return ApiError::from(error).into_response(),
    };
    let mut blocks = Vec::new();
    blocks.extend(done_notice(locale, context.query("done")));
    blocks.push(Block::Paragraph(locale.t("ws-country-stock-lead")));
    blocks.push(Block::Table(ActionTable {
        caption: locale.t("ws-country-stock-by-lot"),
        header: vec![
            locale.t("ws-country-col-lot"),
            locale.t("ws-country-col-expiry"),
            locale.t("ws-country-col-available"),
            locale.t("ws-country-col-reserved"),
            locale.t("ws-country-col-in-transit"),
            locale.t("ws-country-col-administered"),
            locale.t("ws-country-col-at-risk"),
        ],
        rows: stock
            .held
            .iter()
            .map(|held| ActionRow {
                cells: vec![
                    Cell::text(lot_text(&held.lot)),
                    Cell::text(expiry_text(locale, today, held.lot.expiry)),
                    Cell::text(locale.number(held.doses(AccountState::Available))),
                    Cell::text(locale.number(held.doses(AccountState::Reserved))),
                    Cell::text(locale.number(held.doses(AccountState::InTransit))),
                    Cell::text(locale.number(held.doses(AccountState::Administered))),
                    Cell::text(held.risk.as_ref().map_or_else(
                        || locale.number(0),
                        |risk| locale.number(risk.doses_at_risk),
                    )),
                ],
                actions: Vec::new(),
            })
            .collect(),
        empty: locale.t("ws-country-stock-none"),
        ..ActionTable::default()
    }));
    blocks.push(Block::Heading {
        id: "at-risk".into(),
        text: locale.t("ws-country-at-risk"),
    });
    let at_risk: Vec<(&Held, &RiskRow)> = stock
        .held
        .iter()
        .filter_map(|held| held.risk.as_ref().map(|risk| (held, risk)))
        .collect();
    if at_risk.is_empty() {
        blocks.push(Block::Paragraph(locale.t("ws-country-at-risk-none")));
    } else {
        let rate = stock.rate_per_day.unwrap_or(0.0);
        blocks.push(Block::Paragraph(locale.with(
            "ws-country-at-risk-lead",
            &[("value", Argument::Text(locale.decimal(rate, 0)))],
        )));
        if signed.may(&Action::ProposeRedistribution) {
            for (held, risk) in at_risk {
                blocks.push(Block::Form(
                    propose_form(signed, locale, today, held, risk, &stock).refill(failed),
                ));
            }
        } else {
            blocks.push(Block::Paragraph(locale.t("ws-country-viewer-reads")));
        }
    }
    if !stock.proposals.is_empty() {
        blocks.push(Block::Table(proposals_table(locale, &stock)));
    }
    place_notice(&mut blocks, failed);
    show(
        state,
        context,
        signed,
        "stock",
        locale.t("ws-nav-stock"),
        blocks,
        failed.status(),
    )
    .await
}

/// `GET /workspace/stock`.
pub async fn page(State(state): State<AppState>, context: Context, signed: Signed) -> Response {
    view(&state, &context, &signed, &Failed::default()).await
}

/// The actor's party's available doses of `lot`, if they can be read.
pub async fn available_doses(
    state: &AppState,
    actor: &domain::access::Actor,
    lot: LotId,
) -> Option<i64> {
    state
        .app
        .read(|tx| async move {
            let balances = app::movements::balances(
                &tx,
                actor,
                &BalanceQuery {
                    holder: Some(actor.party.clone()),
                    lot: Some(lot),
                    state: Some(AccountState::Available),
                    limit: 1,
                    ..BalanceQuery::default()
                },
            )
            .await?;
            Ok(balances.iter().map(|balance| balance.doses).sum())
        })
        .await
        .ok()
}

/// `POST /workspace/stock/propose`: proposes doses at risk to an organization's round.
pub async fn propose(
    State(state): State<AppState>,
    context: Context,
    submitted: Submitted,
) -> Response {
    let locale = context.locale;
    let form = format!("propose-{}", submitted.get("lot"));
    let mut parsed = submitted.parse(locale);
    let lot = parsed.id("lot");
    let doses = parsed.positive("doses");
    let organization = parsed.required("organization");
    if let (Some(lot), Some(doses)) = (lot, doses) {
        // More than the party has available is said in the page's language before the use
        // case refuses it in its own words.
        let available = available_doses(&state, submitted.signed.actor(), LotId(lot)).await;
        if available.is_some_and(|available| doses > available) {
            parsed.reject("doses", "ws-country-error-more-than-available");
        }
    }
    if let Err(failed) = parsed.finish(&form) {
        return view(&state, &context, &submitted.signed, &failed).await;
    }
    let input = ProposalInput {
        lot: lot.unwrap_or_default(),
        doses: doses.unwrap_or_default(),
        organization: organization.unwrap_or_default(),
    };
    let now = state.app.now();
    let actor = submitted.signed.actor().clone();
    let result = submit(&state, &submitted, &form, |tx| {
        let (actor, input) = (actor.clone(), input.clone());
        async move {
            app::expiry::propose(&tx, now, &actor, &input).await?;
            Ok(done("/workspace/stock", "country-proposed"))
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
