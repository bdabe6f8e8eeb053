//! `/workspace/lots`: the signed-in manufacturer's lots (doses released, still available with
//! it) and registering one (`app::lots::register`, as `POST /api/v1/lots`)
//! two ways: by fields, or from the GS1 element string printed on the pack.
//!
//! A GS1 string is registered in two steps so that a misread never releases doses: the
//! first submission only parses it and shows what it says (the GTIN and the product it
//! names, the lot number, the expiry) with a confirming form that carries the string again
//! in a hidden field, with the doses; only that confirmation registers the lot. A string
//! that does not parse is shown again beside its field with the parser's error in the
//! page's language.

use app::lots::NewLotInput;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::NaiveDate;
use domain::access::Action;
use domain::gs1::{Gs1Data, Gs1Error, parse_element_string};
use domain::ledger::{AccountState, DOSES_MAX};
use domain::party::Product;
use store::ledger::BalanceFilter;

use super::form::{Failed, Field, Form, Submitted, done, done_notice, see_other, submit};
use super::maker::{
    ROWS_MAX, failed, finish, page_notice, product_options, product_text, read_failed, within,
};
use super::products::own_products;
use super::{ActionRow, ActionTable, Block, Cell, Link, Signed, show};
use crate::AppState;
use crate::pages::Context;
use crate::pages::locale::{Argument, Locale};

/// The form registering a lot by fields.
const FIELDS_FORM: &str = "lot-fields";
/// The form reading a GS1 element string.
const GS1_FORM: &str = "lot-gs1";
/// The form confirming what a GS1 element string said.
const CONFIRM_FORM: &str = "lot-confirm";

/// The element string the hints show, the specification's example. Placed into messages as
/// an argument, so that Fluent isolates it and a right-to-left page keeps it in order.
const EXAMPLE: &str = "(01)09501101530003(17)220331(10)AB1234";

/// The punctuation GS1's character set 82 allows in a lot or serial number.
const PUNCTUATION_ALLOWED: &str = "!\"%&'()*+,-./:;<=>?_";

/// What a GS1 element string says, read and checked, waiting for its confirmation.
#[derive(Debug, Clone)]
pub struct Confirm {
    /// The string as the confirming form carries it (the human-readable form when it can be
    /// written so, else as pasted).
    pub element_string: String,
    /// What it says.
    pub data: Gs1Data,
    /// The manufacturer's product whose GTIN it names.
    pub product: Product,
    /// Its lot number (AI 10).
    pub lot_number: String,
    /// Its expiry (AI 17).
    pub expiry: NaiveDate,
}

fn text(value: impl ToString) -> Argument {
    Argument::Text(value.to_string())
}

/// The parser's error in the page's language.
pub fn gs1_message(locale: &Locale, error: &Gs1Error) -> String {
    let number = |value: usize| text(locale.number(i64::try_from(value).unwrap_or(i64::MAX)));
    match error {
        Gs1Error::ElementStringEmpty => {
            locale.with("ws-maker-gs1-empty", &[("example", text(EXAMPLE))])
        }
        Gs1Error::ElementStringTooLong { maximum_chars } => locale.with(
            "ws-maker-gs1-too-long",
            &[("maximum", number(*maximum_chars))],
        ),
        Gs1Error::ExpectedApplicationIdentifier { position, found } => locale.with(
            "ws-maker-gs1-expected-ai",
            &[("position", number(*position)), ("found", text(found))],
        ),
        Gs1Error::UnknownApplicationIdentifier { ai } => {
            locale.with("ws-maker-gs1-unknown-ai", &[("ai", text(ai))])
        }
        Gs1Error::DuplicateApplicationIdentifier { ai } => {
            locale.with("ws-maker-gs1-duplicate-ai", &[("ai", text(ai))])
        }
        Gs1Error::GtinMissing => locale.t("ws-maker-gs1-gtin-missing"),
        Gs1Error::FieldEmpty { ai } => locale.with("ws-maker-gs1-field-empty", &[("ai", text(ai))]),
        Gs1Error::FieldNotDigits { ai, value } => locale.with(
            "ws-maker-gs1-field-not-digits",
            &[("ai", text(ai)), ("value", text(value))],
        ),
        Gs1Error::FieldWrongLength {
            ai,
            value,
            expected_chars,
            length_chars,
        } => locale.with(
            "ws-maker-gs1-field-wrong-length",
            &[
                ("ai", text(ai)),
                ("value", text(value)),
                ("expected", number(*expected_chars)),
                ("length", number(*length_chars)),
            ],
        ),
        Gs1Error::FieldTooLong {
            ai,
            value,
            length_chars,
            maximum_chars,
        } => locale.with(
            "ws-maker-gs1-field-too-long",
            &[
                ("ai", text(ai)),
                ("value", text(value)),
                ("length", number(*length_chars)),
                ("maximum", number(*maximum_chars)),
            ],
        ),
        Gs1Error::FieldInvalidCharacter {
            ai,
            value,
            character,
        } => locale.with(
            "ws-maker-gs1-field-invalid-character",
            &[
                ("ai", text(ai)),
                ("value", text(value)),
                ("character", text(character.escape_default())),
                ("allowed", text(PUNCTUATION_ALLOWED)),
            ],
        ),
        Gs1Error::ExpiryNotADate { value } => {
            locale.with("ws-maker-gs1-expiry-not-a-date", &[("value", text(value))])
        }
        Gs1Error::GtinNotDigits { input } => {
            locale.with("ws-maker-gs1-gtin-not-digits", &[("input", text(input))])
        }
        Gs1Error::GtinWrongLength {
            input,
            length_chars,
        } => locale.with(
            "ws-maker-gs1-gtin-wrong-length",
            &[("input", text(input)), ("length", number(*length_chars))],
        ),
        Gs1Error::GtinCheckDigitMismatch {
            gtin,
            expected,
            found,
        } => locale.with(
            "ws-maker-gs1-check-digit",
            &[
                ("gtin", text(gtin)),
                ("expected", text(expected)),
                ("found", text(found)),
            ],
        ),
        Gs1Error::ExpiryNotEncodable { expiry } => locale.with(
            "ws-maker-gs1-expiry-not-encodable",
            &[("expiry", text(locale.date(*expiry)))],
        ),
        Gs1Error::ValueAmbiguousInHumanReadableForm { ai, value } => locale.with(
            "ws-maker-gs1-ambiguous",
            &[("ai", text(ai)), ("value", text(value))],
        ),
    }
}

/// Reads `element_string` as the manufacturer would register it: it parses, its GTIN is one
/// of `products`, it has a lot number and an expiry that is not past. Else the sentence
/// that says why, in the page's language.
pub fn check_gs1(
    locale: &Locale,
    products: &[Product],
    today: NaiveDate,
    element_string: &str,
) -> Result<Confirm, String> {
    let data = parse_element_string(element_string).map_err(|error| gs1_message(locale, &error))?;
    let product = products
        .iter()
        .find(|product| product.gtin.as_ref() == Some(&data.gtin))
        .cloned()
        .ok_or_else(|| {
            locale.with(
                "ws-maker-gs1-no-product",
                &[("gtin", text(data.gtin.as_str()))],
            )
        })?;
    let lot_number = data
        .lot_number
        .clone()
        .ok_or_else(|| locale.t("ws-maker-gs1-no-lot"))?;
    let expiry = data
        .expiry
        .ok_or_else(|| locale.t("ws-maker-gs1-no-expiry"))?;
    if expiry < today {
        return Err(expired(locale, expiry, today));
    }
    // Carry the string in the form the use case reads back the same; a lot number that
    // cannot be written in parentheses keeps the pasted form.
    let element_string = data
        .to_element_string()
        .unwrap_or_else(|_| element_string.trim().to_owned());
    Ok(Confirm {
        element_string,
        data,
        product,
        lot_number,
        expiry,
    })
}

fn expired(locale: &Locale, expiry: NaiveDate, today: NaiveDate) -> String {
    locale.with(
        "ws-maker-error-expiry-past",
        &[
            ("expiry", text(locale.date(expiry))),
            ("today", text(locale.date(today))),
        ],
    )
}

/// What the lots page reads.
struct Reading {
    lots: Vec<domain::party::Lot>,
    products: Vec<Product>,
    available: Vec<store::ledger::Balance>,
}

async fn read(state: &AppState, signed: &Signed) -> Result<Reading, app::AppError> {
    let actor = signed.actor().clone();
    state
        .app
        .read(|tx| async move {
            let lots = app::lots::list(&tx, &actor, None, app::LIST_ITEMS_MAX)
                .await?
                .into_iter()
                .filter(|lot| lot.manufacturer == actor.party)
                .rev()
                .take(usize::try_from(ROWS_MAX).unwrap_or(500))
                .collect();
            let products = own_products(&tx, &actor.party).await?;
            let available = tx
                .balances(&BalanceFilter {
                    holder: Some(actor.party.clone()),
                    state: Some(AccountState::Available),
                    limit: app::LIST_ITEMS_MAX,
                    ..BalanceFilter::default()
                })
                .await?;
            Ok(Reading {
                lots,
                products,
                available,
            })
        })
        .await
}

fn lots_table(locale: &Locale, reading: &Reading) -> ActionTable {
    let rows = reading
        .lots
        .iter()
        .map(|lot| {
            let available = reading
                .available
                .iter()
                .find(|balance| balance.lot == lot.id)
                .map_or(0, |balance| balance.doses);
            ActionRow {
                cells: vec![
                    Cell::text(lot.lot_number.as_str()),
                    Cell::text(lot.product.as_str()),
                    Cell::text(locale.date(lot.expiry)),
                    Cell::text(locale.number(lot.doses)),
                    Cell::text(locale.number(available)),
                    Cell::text(
                        lot.gtin
                            .as_ref()
                            .map_or_else(|| "—".to_owned(), |gtin| gtin.as_str().to_owned()),
                    ),
                ],
                actions: Vec::new(),
            }
        })
        .collect();
    ActionTable {
        caption: locale.t("ws-maker-lots-caption"),
        header: vec![
            locale.t("ws-maker-col-lot"),
            locale.t("ws-maker-col-product"),
            locale.t("ws-maker-col-expiry"),
            locale.t("ws-maker-col-doses-released"),
            locale.t("ws-maker-col-doses-available"),
            locale.t("ws-maker-col-gtin"),
        ],
        rows,
        empty: locale.t("ws-maker-no-lots"),
        ..ActionTable::default()
    }
}

fn gs1_form(signed: &Signed, locale: &Locale, failed: &Failed) -> Form {
    Form::new(
        signed,
        GS1_FORM,
        "/workspace/lots/gs1",
        locale.t("ws-maker-gs1-read"),
    )
    .legend(locale.t("ws-maker-lot-by-gs1"))
    .field(
        Field::new("gs1", "text", locale.t("ws-maker-field-gs1"))
            .required()
            .ltr()
            .hint(locale.with("ws-maker-hint-gs1", &[("example", text(EXAMPLE))])),
    )
    .refill(failed)
}

fn fields_form(signed: &Signed, locale: &Locale, products: &[Product], failed: &Failed) -> Form {
    Form::new(
        signed,
        FIELDS_FORM,
        "/workspace/lots",
        locale.t("ws-maker-lot-register"),
    )
    .legend(locale.t("ws-maker-lot-by-fields"))
    .field(
        Field::new("product", "select", locale.t("ws-maker-field-product"))
            .required()
            .options(product_options(locale, products)),
    )
    .field(
        Field::new("lot_number", "text", locale.t("ws-maker-field-lot-number"))
            .required()
            .ltr()
            .hint(locale.t("ws-maker-hint-lot-number")),
    )
    .field(Field::new("expiry", "date", locale.t("ws-maker-field-expiry")).required())
    .field(Field::new("doses", "number", locale.t("ws-maker-field-doses-released")).required())
    .refill(failed)
}

fn confirm_blocks(
    signed: &Signed,
    locale: &Locale,
    confirm: &Confirm,
    failed: &Failed,
) -> Vec<Block> {
    let mut facts = vec![
        (
            locale.t("ws-maker-col-gtin"),
            confirm.data.gtin.as_str().to_owned(),
        ),
        (
            locale.t("ws-maker-col-product"),
            product_text(&confirm.product),
        ),
        (locale.t("ws-maker-col-lot"), confirm.lot_number.clone()),
        (locale.t("ws-maker-col-expiry"), locale.date(confirm.expiry)),
    ];
    if let Some(serial) = &confirm.data.serial {
        facts.push((locale.t("ws-maker-col-serial"), serial.clone()));
    }
    let form = Form::new(
        signed,
        CONFIRM_FORM,
        "/workspace/lots/confirm",
        locale.t("ws-maker-lot-confirm"),
    )
    .field(Field::hidden("gs1", confirm.element_string.clone()))
    .field(Field::hidden("product", confirm.product.code.as_str()))
    .field(Field::new("doses", "number", locale.t("ws-maker-field-doses-released")).required())
    .refill(failed);
    vec![
        Block::Heading {
            id: "confirm".into(),
            text: locale.t("ws-maker-lot-check"),
        },
        Block::Paragraph(locale.t("ws-maker-lot-check-lead")),
        Block::Facts(facts),
        Block::Form(form),
        Block::Links(vec![Link {
            href: "/workspace/lots".into(),
            text: locale.t("ws-maker-lot-start-again"),
        }]),
    ]
}

async fn view(
    state: &AppState,
    context: &Context,
    signed: &Signed,
    failed: &Failed,
    confirm: Option<&Confirm>,
) -> Response {
    let locale = context.locale;
    let reading = match read(state, signed).await {
        Ok(reading) => reading,
        Err(error) => return read_failed(error),
    };
    let may_register = signed.may(&Action::RegisterLot);
    let mut blocks = Vec::new();
    blocks.extend(done_notice(locale, context.query("done")));
    let shown: &[&str] = match (may_register, confirm) {
        (false, _) => &[],
        (true, Some(_)) => &[CONFIRM_FORM],
        (true, None) => &[GS1_FORM, FIELDS_FORM],
    };
    blocks.extend(page_notice(failed, shown));
    if let (true, Some(confirm)) = (may_register, confirm) {
        blocks.extend(confirm_blocks(signed, locale, confirm, failed));
    }
    blocks.push(Block::Heading {
        id: "lots".into(),
        text: locale.t("ws-maker-lots-yours"),
    });
    blocks.push(Block::Table(lots_table(locale, &reading)));
    if !may_register {
        blocks.push(Block::Paragraph(locale.t("ws-maker-lots-read-only")));
    } else if confirm.is_none() {
        blocks.push(Block::Heading {
            id: "register".into(),
            text: locale.t("ws-maker-lot-new"),
        });
        blocks.push(Block::Paragraph(locale.t("ws-maker-lot-new-lead")));
        blocks.push(Block::Form(gs1_form(signed, locale, failed)));
        blocks.push(Block::Form(fields_form(
            signed,
            locale,
            &reading.products,
            failed,
        )));
    }
    show(
        state,
        context,
        signed,
        "lots",
        locale.t("ws-nav-lots"),
        blocks,
        failed.status(),
    )
    .await
}

/// `GET /workspace/lots`.
pub async fn page(State(state): State<AppState>, context: Context, signed: Signed) -> Response {
    view(&state, &context, &signed, &Failed::default(), None).await
}

/// Registers `input` once for the form's idempotency key; the lots page after, or again
/// with the error of the form `form`.
async fn register(
    state: &AppState,
    context: &Context,
    submitted: &Submitted,
    form: &str,
    input: NewLotInput,
    exists_field: &str,
) -> Result<Response, Failed> {
    let actor = submitted.signed.actor().clone();
    let now = state.app.now();
    let result = submit(state, submitted, form, |tx| {
        let (actor, input) = (actor.clone(), input.clone());
        async move {
            app::lots::register(&tx, now, &actor, &input).await?;
            Ok(done("/workspace/lots", "maker-lot-registered"))
        }
    })
    .await;
    match result {
        Ok(location) => Ok(see_other(&location)),
        Err(error) => Err(failed(
            submitted,
            context.locale,
            form,
            &error,
            Some((exists_field, "ws-maker-error-lot-exists")),
        )),
    }
}

/// `POST /workspace/lots`: registers a lot by its fields.
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
    let lot_number = parsed.required("lot_number");
    if lot_number
        .as_deref()
        .is_some_and(|number| domain::party::LotNumber::parse(number).is_err())
    {
        parsed.reject("lot_number", "ws-maker-error-lot-number");
    }
    let expiry = parsed.day("expiry");
    if let Some(expiry) = expiry {
        let latest = today
            .checked_add_months(chrono::Months::new(12 * app::lots::EXPIRY_YEARS_AHEAD_MAX))
            .unwrap_or(today);
        if expiry < today {
            extra.push(("expiry".to_owned(), expired(locale, expiry, today)));
        } else if expiry > latest {
            extra.push((
                "expiry".to_owned(),
                locale.with(
                    "ws-maker-error-expiry-far",
                    &[("latest", text(locale.date(latest)))],
                ),
            ));
        }
    }
    let doses = within(&mut parsed, &mut extra, locale, "doses", DOSES_MAX);
    if let Err(failed) = finish(parsed, &submitted, FIELDS_FORM, extra) {
        return view(&state, &context, &submitted.signed, &failed, None).await;
    }
    let (Some(product), Some(lot_number), Some(expiry), Some(doses)) =
        (product, lot_number, expiry, doses)
    else {
        return view(
            &state,
            &context,
            &submitted.signed,
            &Failed::default(),
            None,
        )
        .await;
    };
    let input = NewLotInput {
        product: Some(product),
        lot_number: Some(lot_number),
        expiry: Some(expiry.to_string()),
        gs1: None,
        doses,
    };
    match register(
        &state,
        &context,
        &submitted,
        FIELDS_FORM,
        input,
        "lot_number",
    )
    .await
    {
        Ok(response) => response,
        Err(failed) => view(&state, &context, &submitted.signed, &failed, None).await,
    }
}

/// The products of the signed-in manufacturer, for a GS1 string's GTIN.
async fn products_of(state: &AppState, signed: &Signed) -> Result<Vec<Product>, app::AppError> {
    let party = signed.caller.user.party.clone();
    state
        .app
        .read(|tx| async move { own_products(&tx, &party).await })
        .await
}

/// `POST /workspace/lots/gs1`: reads a GS1 element string and shows what it says, with the
/// form that confirms it; registers nothing.
pub async fn read_gs1(
    State(state): State<AppState>,
    context: Context,
    submitted: Submitted,
) -> Response {
    let locale = context.locale;
    let signed = &submitted.signed;
    if !signed.may(&Action::RegisterLot) {
        let failed = super::maker::denied(&submitted, locale, GS1_FORM);
        return view(&state, &context, signed, &failed, None).await;
    }
    let mut parsed = submitted.parse(locale);
    let pasted = parsed.required("gs1");
    if let Err(failed) = parsed.finish(GS1_FORM) {
        return view(&state, &context, signed, &failed, None).await;
    }
    let products = match products_of(&state, signed).await {
        Ok(products) => products,
        Err(error) => return read_failed(error),
    };
    let today = state.app.now().date();
    // Read what was sent, untrimmed: the parser ignores spaces around elements itself.
    let sent = submitted
        .fields
        .iter()
        .find(|(name, _)| name == "gs1")
        .map_or(pasted.unwrap_or_default(), |(_, value)| value.clone());
    match check_gs1(locale, &products, today, &sent) {
        Ok(confirm) => view(&state, &context, signed, &Failed::default(), Some(&confirm)).await,
        Err(message) => {
            let failed = Failed {
                form: GS1_FORM.to_owned(),
                values: submitted.values(),
                errors: [("gs1".to_owned(), message)].into(),
                status: Some(StatusCode::UNPROCESSABLE_ENTITY),
                ..Failed::default()
            };
            view(&state, &context, signed, &failed, None).await
        }
    }
}

/// `POST /workspace/lots/confirm`: registers the lot a GS1 string said, with its doses.
pub async fn confirm(
    State(state): State<AppState>,
    context: Context,
    submitted: Submitted,
) -> Response {
    let locale = context.locale;
    let signed = &submitted.signed;
    let element_string = submitted.get("gs1").to_owned();
    let product = submitted.get("product").to_owned();
    let products = match products_of(&state, signed).await {
        Ok(products) => products,
        Err(error) => return read_failed(error),
    };
    let today = state.app.now().date();
    // The string comes back from the page's own hidden field; if it no longer reads (it was
    // changed, or the lot's expiry passed meanwhile), the reading form says why.
    let checked = check_gs1(locale, &products, today, &element_string);
    let confirm_shown = match &checked {
        Ok(confirm) if signed.may(&Action::RegisterLot) => Some(confirm),
        _ => None,
    };
    let mut parsed = submitted.parse(locale);
    let mut extra = Vec::new();
    let doses = within(&mut parsed, &mut extra, locale, "doses", DOSES_MAX);
    if let Err(failed) = finish(parsed, &submitted, CONFIRM_FORM, extra) {
        return view(&state, &context, signed, &failed, confirm_shown).await;
    }
    let Some(doses) = doses else {
        return view(&state, &context, signed, &Failed::default(), confirm_shown).await;
    };
    if let Err(message) = &checked
        && signed.may(&Action::RegisterLot)
    {
        let failed = Failed {
            form: GS1_FORM.to_owned(),
            values: [("gs1".to_owned(), element_string.clone())].into(),
            errors: [("gs1".to_owned(), message.clone())].into(),
            status: Some(StatusCode::UNPROCESSABLE_ENTITY),
            ..Failed::default()
        };
        return view(&state, &context, signed, &failed, None).await;
    }
    let input = NewLotInput {
        product: (!product.is_empty()).then_some(product),
        lot_number: None,
        expiry: None,
        gs1: Some(element_string),
        doses,
    };
    match register(&state, &context, &submitted, CONFIRM_FORM, input, "").await {
        Ok(response) => response,
        Err(mut failed) => {
            // The string and the product are hidden: what the use case says of them is said
            // for the whole form.
            for hidden in ["gs1", "product"] {
                if let Some(message) = failed.errors.remove(hidden) {
                    failed.notice = Some(match failed.notice.take() {
                        Some(notice) => format!("{notice} {message}"),
                        None => message,
                    });
                }
            }
            view(&state, &context, signed, &failed, confirm_shown).await
        }
    }
}
