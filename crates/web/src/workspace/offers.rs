//! `/workspace/offers`: offers as the signed-in party is concerned by them, and the
//! agreements they made. A manufacturer sees its own offers, makes new ones and withdraws
//! open ones; a country sees the offers made to it and those open to every country, an
//! organization every offer (it oversees them), and either accepts doses of an open one (an
//! agreement, signed at once) or declines one made to it. Every action is offered only when
//! the policy allows it (`app::offers`, as `/api/v1/offers`).

use app::offers::{AcceptOfferInput, NewOfferInput, OfferQuery, WINDOW_DAYS_MAX};
use axum::extract::{Path, State};
use axum::response::Response;
use domain::access::Action;
use domain::cooperation::offer::{OfferAction, OfferState};
use domain::ledger::DOSES_MAX;
use domain::party::PartyKind;
use store::agreements::Offer;

use super::form::{Failed, Field, Form, Submitted, done, done_notice, see_other, submit};
use super::maker::{
    ROWS_MAX, failed, finish, named, party_options, party_text, product_options, read_failed,
    within,
};
use super::products::own_products;
use super::{ActionRow, ActionTable, Block, Cell, Signed, show};
use crate::AppState;
use crate::pages::Context;
use crate::pages::locale::{Argument, Locale};

/// The form making an offer.
const FORM: &str = "new-offer";

fn window(locale: &Locale, offer: &Offer) -> String {
    locale.with(
        "ws-maker-window",
        &[
            ("from", Argument::Text(locale.date(offer.available_from))),
            ("to", Argument::Text(locale.date(offer.available_to))),
        ],
    )
}

/// The price per dose in the page's language, with at least two decimals (`3,50 USD`).
fn price(locale: &Locale, offer: &Offer) -> String {
    let Some(stored) = &offer.price_per_dose else {
        return "—".to_owned();
    };
    let places = stored
        .split_once('.')
        .map_or(0, |(_, places)| places.len())
        .max(2);
    let amount = match stored.parse::<f64>() {
        Ok(value) => locale.decimal(value, u8::try_from(places).unwrap_or(4)),
        Err(_) => stored.clone(),
    };
    match &offer.currency {
        Some(currency) => format!("{amount} {currency}"),
        None => amount,
    }
}

/// The actions `signed` may take on `offer` today, as small forms.
fn actions(signed: &Signed, locale: &Locale, offer: &Offer, today: chrono::NaiveDate) -> Vec<Form> {
    let mut forms = Vec::new();
    if offer.state != OfferState::Open {
        return forms;
    }
    let id = offer.id;
    let left = offer.doses - offer.doses_taken;
    if offer.available_to >= today
        && left > 0
        && signed.may(&Action::AcceptOffer {
            to: offer.to.clone(),
        })
    {
        forms.push(
            Form::new(
                signed,
                &format!("accept-{id}"),
                format!("/workspace/offers/{id}/accept"),
                locale.t("ws-maker-offer-accept"),
            )
            .inline()
            .field(
                Field::new("doses", "number", locale.t("ws-maker-field-doses-taken"))
                    .value(left.to_string()),
            ),
        );
    }
    if signed.may(&Action::DeclineOffer {
        to: offer.to.clone(),
    }) {
        forms.push(
            Form::new(
                signed,
                &format!("decline-{id}"),
                format!("/workspace/offers/{id}/decline"),
                locale.t("ws-maker-offer-decline"),
            )
            .inline()
            .secondary(),
        );
    }
    if signed.may(&Action::WithdrawOffer {
        manufacturer: offer.manufacturer.clone(),
    }) {
        forms.push(
            Form::new(
                signed,
                &format!("withdraw-{id}"),
                format!("/workspace/offers/{id}/withdraw"),
                locale.t("ws-maker-offer-withdraw"),
            )
            .inline()
            .secondary(),
        );
    }
    forms
}

async fn view(state: &AppState, context: &Context, signed: &Signed, failed: &Failed) -> Response {
    let locale = context.locale;
    let actor = signed.actor().clone();
    let may_create = signed.may(&Action::CreateOffer);
    let read = state
        .app
        .read(|tx| async move {
            let offers = app::offers::list(
                &tx,
                &actor,
                &OfferQuery {
                    limit: ROWS_MAX,
                    ..OfferQuery::default()
                },
            )
            .await?;
            let agreements = app::agreements::list(
                &tx,
                &actor,
                &app::agreements::AgreementQuery {
                    limit: ROWS_MAX,
                    ..Default::default()
                },
            )
            .await?;
            let products = own_products(&tx, &actor.party).await?;
            let parties = if may_create {
                super::maker::parties(&tx).await?
            } else {
                Vec::new()
            };
            let names = app::parties::names(&tx).await?;
            Ok((offers, agreements, products, parties, names))
        })
        .await;
    let (mut offers, agreements, products, parties, names) = match read {
        Ok(read) => read,
        Err(error) => return read_failed(error),
    };
    offers.reverse();
    let today = state.app.now().date();
    let user = &signed.caller.user;
    let own_offers = user.party_kind == PartyKind::Manufacturer;
    let mut rendered: Vec<String> = Vec::new();
    let rows = offers
        .iter()
        .map(|offer| {
            let forms: Vec<Form> = actions(signed, locale, offer, today)
                .into_iter()
                .map(|form| form.refill(failed))
                .collect();
            rendered.extend(forms.iter().map(|form| form.id.clone()));
            let mut cells = vec![Cell::text(locale.with(
                "ws-maker-offer-number",
                &[("id", Argument::Text(offer.id.to_string()))],
            ))];
            if !own_offers {
                cells.push(Cell::text(party_text(locale, &names, &offer.manufacturer)));
            }
            cells.extend([
                Cell::text(offer.product.as_str()),
                Cell::text(locale.number(offer.doses)),
                Cell::text(locale.number(offer.doses - offer.doses_taken)),
                Cell::text(window(locale, offer)),
                Cell::text(price(locale, offer)),
                Cell::text(offer.to.as_ref().map_or_else(
                    || locale.t("ws-maker-offer-to-all"),
                    |to| party_text(locale, &names, to),
                )),
                Cell::text(named(locale, "offer-state", offer.state.as_str())),
            ]);
            ActionRow {
                cells,
                actions: forms,
            }
        })
        .collect();
    let mut header = vec![locale.t("ws-maker-col-offer")];
    if !own_offers {
        header.push(locale.t("ws-maker-col-manufacturer"));
    }
    header.extend([
        locale.t("ws-maker-col-product"),
        locale.t("ws-maker-col-doses-offered"),
        locale.t("ws-maker-col-doses-left"),
        locale.t("ws-maker-col-window"),
        locale.t("ws-maker-col-price"),
        locale.t("ws-maker-col-to"),
        locale.t("ws-col-state"),
    ]);
    let mut blocks = Vec::new();
    blocks.extend(done_notice(locale, context.query("done")));
    if may_create {
        rendered.push(FORM.to_owned());
    }
    let shown: Vec<&str> = rendered.iter().map(String::as_str).collect();
    blocks.extend(super::maker::page_notice(failed, &shown));
    blocks.push(Block::Paragraph(locale.t(if own_offers {
        "ws-maker-offers-lead"
    } else {
        "ws-maker-offers-lead-others"
    })));
    blocks.push(Block::Table(ActionTable {
        caption: locale.t("ws-nav-offers"),
        header,
        actions_header: locale.t("ws-col-actions"),
        rows,
        empty: locale.t("ws-maker-no-offers"),
    }));
    if may_create {
        blocks.push(Block::Form(new_offer_form(
            signed, locale, &products, &parties, failed,
        )));
    }
    let from_offers: Vec<_> = agreements
        .iter()
        .filter(|agreement| agreement.offer.is_some())
        .rev()
        .collect();
    blocks.push(Block::Heading {
        id: "agreements".into(),
        text: locale.t("ws-maker-agreements"),
    });
    blocks.push(Block::Table(ActionTable {
        caption: locale.t("ws-maker-agreements"),
        header: vec![
            locale.t("ws-maker-col-agreement"),
            locale.t("ws-maker-col-offer"),
            locale.t("ws-maker-col-supplier"),
            locale.t("ws-maker-col-recipient"),
            locale.t("ws-maker-col-product"),
            locale.t("ws-maker-col-doses"),
            locale.t("ws-maker-col-doses-delivered"),
            locale.t("ws-col-state"),
        ],
        rows: from_offers
            .iter()
            .map(|agreement| ActionRow {
                cells: vec![
                    Cell::text(locale.with(
                        "ws-maker-agreement-number",
                        &[("id", Argument::Text(agreement.id.to_string()))],
                    )),
                    Cell::text(agreement.offer.map_or_else(String::new, |id| {
                        locale.with(
                            "ws-maker-offer-number",
                            &[("id", Argument::Text(id.to_string()))],
                        )
                    })),
                    Cell::text(party_text(locale, &names, &agreement.supplier)),
                    Cell::text(party_text(locale, &names, &agreement.recipient)),
                    Cell::text(
                        agreement
                            .product
                            .as_ref()
                            .map_or_else(|| "—".to_owned(), |code| code.as_str().to_owned()),
                    ),
                    Cell::text(locale.number(agreement.doses)),
                    Cell::text(locale.number(agreement.doses_delivered)),
                    Cell::text(named(locale, "agreement-state", agreement.state.as_str())),
                ],
                actions: Vec::new(),
            })
            .collect(),
        empty: locale.t("ws-maker-no-agreements"),
        ..ActionTable::default()
    }));
    show(
        state,
        context,
        signed,
        "offers",
        locale.t("ws-nav-offers"),
        blocks,
        failed.status(),
    )
    .await
}

fn new_offer_form(
    signed: &Signed,
    locale: &Locale,
    products: &[domain::party::Product],
    parties: &[domain::party::Party],
    failed: &Failed,
) -> Form {
    let mut recipients = vec![(String::new(), locale.t("ws-maker-offer-to-all"))];
    recipients.extend(party_options(
        locale,
        parties,
        &[PartyKind::Organization, PartyKind::Country],
        &signed.caller.user.party,
    ));
    Form::new(
        signed,
        FORM,
        "/workspace/offers",
        locale.t("ws-maker-offer-create"),
    )
    .legend(locale.t("ws-maker-offer-new"))
    .field(
        Field::new("product", "select", locale.t("ws-maker-field-product"))
            .required()
            .options(product_options(locale, products)),
    )
    .field(Field::new("doses", "number", locale.t("ws-maker-field-doses-offered")).required())
    .field(
        Field::new(
            "available_from",
            "date",
            locale.t("ws-maker-field-available-from"),
        )
        .required(),
    )
    .field(
        Field::new(
            "available_to",
            "date",
            locale.t("ws-maker-field-available-to"),
        )
        .required()
        .hint(locale.with(
            "ws-maker-hint-window",
            &[("days", Argument::Text(locale.number(WINDOW_DAYS_MAX)))],
        )),
    )
    .field(
        Field::new("price_per_dose", "text", locale.t("ws-maker-field-price"))
            .ltr()
            .hint(locale.t("ws-maker-hint-price")),
    )
    .field(
        Field::new("currency", "text", locale.t("ws-maker-field-currency"))
            .ltr()
            .hint(locale.t("ws-maker-hint-currency")),
    )
    .field(Field::new("to", "select", locale.t("ws-maker-field-to")).options(recipients))
    .refill(failed)
}

/// `GET /workspace/offers`.
pub async fn page(State(state): State<AppState>, context: Context, signed: Signed) -> Response {
    view(&state, &context, &signed, &Failed::default()).await
}

/// A price as typed (`3.5`, or `3,5` where a comma is the decimal sign), as the API's number.
fn parse_price(text: &str) -> Option<serde_json::Number> {
    let text = text.trim();
    let text = if text.contains('.') {
        text.to_owned()
    } else {
        text.replace(',', ".")
    };
    if !text
        .bytes()
        .all(|byte| byte.is_ascii_digit() || byte == b'.')
    {
        return None;
    }
    let places = text.split_once('.').map_or(0, |(_, places)| places.len());
    let number = text.parse::<serde_json::Number>().ok()?;
    let within = number
        .as_f64()
        .is_some_and(|value| (0.0..=10_000.0).contains(&value));
    (within && places <= 4).then_some(number)
}

/// `POST /workspace/offers`: makes an offer of one of the manufacturer's products.
pub async fn create(
    State(state): State<AppState>,
    context: Context,
    submitted: Submitted,
) -> Response {
    let locale = context.locale;
    let today = state.app.now().date();
    let mut parsed = submitted.parse(locale);
    let mut extra = Vec::new();
    let product = parsed.required("product");
    let offered = within(&mut parsed, &mut extra, locale, "doses", DOSES_MAX);
    let from = parsed.day("available_from");
    let to_day = parsed.day("available_to");
    if let (Some(from), Some(to_day)) = (from, to_day) {
        if to_day < from {
            extra.push((
                "available_to".to_owned(),
                locale.t("ws-maker-error-window-order"),
            ));
        } else if (to_day - from).num_days() > WINDOW_DAYS_MAX {
            extra.push((
                "available_to".to_owned(),
                locale.with(
                    "ws-maker-error-window-long",
                    &[("days", Argument::Text(locale.number(WINDOW_DAYS_MAX)))],
                ),
            ));
        } else if to_day < today {
            extra.push((
                "available_to".to_owned(),
                locale.with(
                    "ws-maker-error-window-past",
                    &[("today", Argument::Text(locale.date(today)))],
                ),
            ));
        }
    }
    let price_text = parsed.text("price_per_dose");
    let price_per_dose = if price_text.is_empty() {
        None
    } else {
        let price = parse_price(&price_text);
        if price.is_none() {
            parsed.reject("price_per_dose", "ws-maker-error-price");
        }
        price
    };
    let currency = parsed.text("currency").to_ascii_uppercase();
    let well_formed = currency.len() == 3 && currency.bytes().all(|byte| byte.is_ascii_uppercase());
    if !currency.is_empty() && !well_formed {
        parsed.reject("currency", "ws-maker-error-currency");
    } else if currency.is_empty() && price_per_dose.is_some() {
        parsed.reject("currency", "ws-maker-error-currency-required");
    }
    let to = parsed.text("to");
    if let Err(failed) = finish(parsed, &submitted, FORM, extra) {
        return view(&state, &context, &submitted.signed, &failed).await;
    }
    let (Some(product), Some(offered), Some(from), Some(to_day)) = (product, offered, from, to_day)
    else {
        return view(&state, &context, &submitted.signed, &Failed::default()).await;
    };
    let input = NewOfferInput {
        product,
        doses: offered,
        available_from: from.to_string(),
        available_to: to_day.to_string(),
        price_per_dose,
        currency: (!currency.is_empty()).then_some(currency),
        to: (!to.is_empty()).then_some(to),
    };
    let actor = submitted.signed.actor().clone();
    let now = state.app.now();
    let result = submit(&state, &submitted, FORM, |tx| {
        let (actor, input) = (actor.clone(), input.clone());
        async move {
            app::offers::create(&tx, now, &actor, &input).await?;
            Ok(done("/workspace/offers", "maker-offer-created"))
        }
    })
    .await;
    match result {
        Ok(location) => see_other(&location),
        Err(error) => {
            let failed = failed(&submitted, locale, FORM, &error, None);
            view(&state, &context, &submitted.signed, &failed).await
        }
    }
}

/// Runs an offer's action for the form `form`; the offers page after, or again with the error.
async fn act<F, Fut>(
    state: &AppState,
    context: &Context,
    submitted: &Submitted,
    form: &str,
    message: &str,
    effect: F,
) -> Response
where
    F: Fn(store::Tx) -> Fut,
    Fut: Future<Output = Result<(), app::AppError>>,
{
    let location = done("/workspace/offers", message);
    let result = submit(state, submitted, form, |tx| {
        let effect = effect(tx);
        let location = location.clone();
        async move {
            effect.await?;
            Ok(location)
        }
    })
    .await;
    match result {
        Ok(location) => see_other(&location),
        Err(error) => {
            let failed = failed(submitted, context.locale, form, &error, None);
            view(state, context, &submitted.signed, &failed).await
        }
    }
}

/// `POST /workspace/offers/{id}/withdraw`: the manufacturer withdraws its open offer.
pub async fn withdraw(
    State(state): State<AppState>,
    context: Context,
    Path(id): Path<i64>,
    submitted: Submitted,
) -> Response {
    end(state, context, id, submitted, OfferAction::Withdraw).await
}

/// `POST /workspace/offers/{id}/decline`: the party an offer was made to declines it.
pub async fn decline(
    State(state): State<AppState>,
    context: Context,
    Path(id): Path<i64>,
    submitted: Submitted,
) -> Response {
    end(state, context, id, submitted, OfferAction::Decline).await
}

async fn end(
    state: AppState,
    context: Context,
    id: i64,
    submitted: Submitted,
    action: OfferAction,
) -> Response {
    let actor = submitted.signed.actor().clone();
    let now = state.app.now();
    let (form, message) = match action {
        OfferAction::Withdraw => (format!("withdraw-{id}"), "maker-offer-withdrawn"),
        _ => (format!("decline-{id}"), "maker-offer-declined"),
    };
    act(&state, &context, &submitted, &form, message, |tx| {
        let actor = actor.clone();
        async move {
            app::offers::end(&tx, now, &actor, id, action).await?;
            Ok(())
        }
    })
    .await
}

/// `POST /workspace/offers/{id}/accept`: a country or organization takes doses of an open
/// offer (all that are left when the field is empty).
pub async fn accept(
    State(state): State<AppState>,
    context: Context,
    Path(id): Path<i64>,
    submitted: Submitted,
) -> Response {
    let locale = context.locale;
    let form = format!("accept-{id}");
    let mut parsed = submitted.parse(locale);
    let mut extra = Vec::new();
    let taken = if submitted.get("doses").is_empty() {
        None
    } else {
        within(&mut parsed, &mut extra, locale, "doses", DOSES_MAX)
    };
    if let Err(failed) = finish(parsed, &submitted, &form, extra) {
        return view(&state, &context, &submitted.signed, &failed).await;
    }
    let actor = submitted.signed.actor().clone();
    let now = state.app.now();
    let input = AcceptOfferInput { doses: taken };
    act(
        &state,
        &context,
        &submitted,
        &form,
        "maker-offer-accepted",
        |tx| {
            let (actor, input) = (actor.clone(), input.clone());
            async move {
                app::offers::accept(&tx, now, &actor, id, &input).await?;
                Ok(())
            }
        },
    )
    .await
}
