//! `/workspace/products`: the signed-in manufacturer's products, and a form that creates one
//! with the API's fields (`app::products::create`, as `POST /api/v1/products`).

use app::products::NewProduct;
use axum::extract::State;
use axum::response::Response;
use domain::access::Action;
use domain::party::{DOSES_PER_COURSE_MAX, Product, SHELF_LIFE_DAYS_MAX, Storage};

use super::form::{Failed, Field, Form, Submitted, done, done_notice, see_other, submit};
use super::maker::{ROWS_MAX, failed, finish, named, page_notice, read_failed, within};
use super::{ActionRow, ActionTable, Block, Cell, Signed, show};
use crate::AppState;
use crate::pages::Context;
use crate::pages::locale::{Argument, Locale};

/// The form's id.
const FORM: &str = "new-product";

/// The products of the signed-in user's party, by code.
pub async fn own_products(
    tx: &store::Tx,
    party: &domain::ledger::PartyCode,
) -> Result<Vec<Product>, app::AppError> {
    Ok(tx
        .products(None, app::LIST_ITEMS_MAX)
        .await?
        .into_iter()
        .filter(|product| product.manufacturer == *party)
        .take(usize::try_from(ROWS_MAX).unwrap_or(500))
        .collect())
}

/// The storage choices, in the page's language.
pub fn storage_options(locale: &Locale) -> Vec<(String, String)> {
    let mut options = vec![(String::new(), locale.t("ws-maker-choose"))];
    options.extend(Storage::ALL.iter().map(|storage| {
        (
            storage.as_str().to_owned(),
            named(locale, "storage", storage.as_str()),
        )
    }));
    options
}

fn new_product_form(signed: &Signed, locale: &Locale, failed: &Failed) -> Form {
    Form::new(
        signed,
        FORM,
        "/workspace/products",
        locale.t("ws-maker-product-create"),
    )
    .legend(locale.t("ws-maker-product-new"))
    .field(
        Field::new("code", "text", locale.t("ws-maker-field-product-code"))
            .ltr()
            .required()
            .hint(locale.t("ws-maker-hint-product-code")),
    )
    .field(Field::new("name", "text", locale.t("ws-maker-field-product-name")).required())
    .field(
        Field::new(
            "doses_per_course",
            "number",
            locale.t("ws-maker-field-doses-per-course"),
        )
        .required(),
    )
    .field(
        Field::new("storage", "select", locale.t("ws-maker-field-storage"))
            .required()
            .options(storage_options(locale)),
    )
    .field(
        Field::new(
            "shelf_life_days",
            "number",
            locale.t("ws-maker-field-shelf-life-days"),
        )
        .required(),
    )
    .field(
        Field::new("gtin", "text", locale.t("ws-maker-field-gtin"))
            .ltr()
            .hint(locale.t("ws-maker-hint-gtin")),
    )
    .refill(failed)
}

async fn view(state: &AppState, context: &Context, signed: &Signed, failed: &Failed) -> Response {
    let locale = context.locale;
    let party = signed.caller.user.party.clone();
    let products = match state
        .app
        .read(|tx| async move { own_products(&tx, &party).await })
        .await
    {
        Ok(products) => products,
        Err(error) => return read_failed(error),
    };
    let may_create = signed.may(&Action::CreateProduct);
    let mut blocks = Vec::new();
    blocks.extend(done_notice(locale, context.query("done")));
    let shown: &[&str] = if may_create { &[FORM] } else { &[] };
    blocks.extend(page_notice(failed, shown));
    blocks.push(Block::Paragraph(locale.t("ws-maker-products-lead")));
    blocks.push(Block::Table(ActionTable {
        caption: locale.t("ws-maker-products-caption"),
        header: vec![
            locale.t("ws-maker-col-product"),
            locale.t("ws-maker-col-name"),
            locale.t("ws-maker-col-doses-per-course"),
            locale.t("ws-maker-col-storage"),
            locale.t("ws-maker-col-shelf-life"),
            locale.t("ws-maker-col-gtin"),
        ],
        rows: products
            .iter()
            .map(|product| ActionRow {
                cells: vec![
                    Cell::text(product.code.as_str()),
                    Cell::text(product.name.clone()),
                    Cell::text(locale.number(product.doses_per_course)),
                    Cell::text(named(locale, "storage", product.storage.as_str())),
                    Cell::text(locale.with(
                        "ws-maker-days",
                        &[
                            ("n", Argument::Count(product.shelf_life_days)),
                            (
                                "days",
                                Argument::Text(locale.number(product.shelf_life_days)),
                            ),
                        ],
                    )),
                    Cell::text(
                        product
                            .gtin
                            .as_ref()
                            .map_or_else(|| "—".to_owned(), |gtin| gtin.as_str().to_owned()),
                    ),
                ],
                actions: Vec::new(),
            })
            .collect(),
        empty: locale.t("ws-maker-no-products"),
        ..ActionTable::default()
    }));
    if may_create {
        blocks.push(Block::Form(new_product_form(signed, locale, failed)));
    } else {
        blocks.push(Block::Paragraph(locale.t("ws-maker-products-read-only")));
    }
    show(
        state,
        context,
        signed,
        "products",
        locale.t("ws-nav-products"),
        blocks,
        failed.status(),
    )
    .await
}

/// `GET /workspace/products`.
pub async fn page(State(state): State<AppState>, context: Context, signed: Signed) -> Response {
    view(&state, &context, &signed, &Failed::default()).await
}

/// `POST /workspace/products`: creates a product of the signed-in manufacturer.
pub async fn create(
    State(state): State<AppState>,
    context: Context,
    submitted: Submitted,
) -> Response {
    let locale = context.locale;
    let mut parsed = submitted.parse(locale);
    let mut extra = Vec::new();
    let code = parsed.required("code");
    let name = parsed.required("name");
    let doses_per_course = within(
        &mut parsed,
        &mut extra,
        locale,
        "doses_per_course",
        DOSES_PER_COURSE_MAX,
    );
    let storage_names: Vec<&str> = Storage::ALL
        .iter()
        .map(|storage| storage.as_str())
        .collect();
    let storage = parsed.choice("storage", &storage_names);
    let shelf_life_days = within(
        &mut parsed,
        &mut extra,
        locale,
        "shelf_life_days",
        SHELF_LIFE_DAYS_MAX,
    );
    let gtin = parsed.text("gtin");
    if code
        .as_deref()
        .is_some_and(|code| domain::party::ProductCode::parse(code).is_err())
    {
        parsed.reject("code", "ws-maker-error-product-code");
    }
    if !gtin.is_empty()
        && let Err(error) = domain::gs1::Gtin::parse(&gtin)
    {
        extra.push(("gtin".to_owned(), super::lots::gs1_message(locale, &error)));
    }
    if let Err(failed) = finish(parsed, &submitted, FORM, extra) {
        return view(&state, &context, &submitted.signed, &failed).await;
    }
    let (Some(code), Some(name), Some(doses_per_course), Some(storage), Some(shelf_life_days)) =
        (code, name, doses_per_course, storage, shelf_life_days)
    else {
        return view(&state, &context, &submitted.signed, &Failed::default()).await;
    };
    let input = NewProduct {
        code,
        manufacturer: None,
        name,
        doses_per_course,
        storage,
        shelf_life_days,
        gtin: (!gtin.is_empty()).then_some(gtin),
    };
    let actor = submitted.signed.actor().clone();
    let now = state.app.now();
    let result = submit(&state, &submitted, "new-product", |tx| {
        let (actor, input) = (actor.clone(), input.clone());
        async move {
            app::products::create(&tx, now, &actor, &input).await?;
            Ok(done("/workspace/products", "maker-product-created"))
        }
    })
    .await;
    match result {
        Ok(location) => see_other(&location),
        Err(error) => {
            let failed = failed(
                &submitted,
                locale,
                FORM,
                &error,
                Some(("code", "ws-maker-error-product-exists")),
            );
            view(&state, &context, &submitted.signed, &failed).await
        }
    }
}
