//! `/workspace/capacity`: the signed-in manufacturer's monthly capacity by product, and a
//! form that states a month's (`app::capacity::set`, as `POST /api/v1/capacity`; a later
//! statement for the same product and month replaces the earlier one).

use app::capacity::{CAPACITY_DOSES_MAX, CapacityInput, parse_month};
use axum::extract::State;
use axum::response::Response;
use domain::access::Action;

use super::form::{Failed, Field, Form, Submitted, done, done_notice, see_other, submit};
use super::maker::{
    ROWS_MAX, at_most, failed, finish, page_notice, product_options, product_text, read_failed,
};
use super::products::own_products;
use super::{ActionRow, ActionTable, Block, Cell, Signed, moment, show};
use crate::AppState;
use crate::pages::Context;

/// The form's id.
const FORM: &str = "capacity";

async fn view(state: &AppState, context: &Context, signed: &Signed, failed: &Failed) -> Response {
    let locale = context.locale;
    let party = signed.caller.user.party.clone();
    let read = state
        .app
        .read(|tx| async move {
            let products = own_products(&tx, &party).await?;
            let entries = app::capacity::list(&tx, Some(&party), None, None, ROWS_MAX).await?;
            Ok((products, entries))
        })
        .await;
    let (products, mut entries) = match read {
        Ok(read) => read,
        Err(error) => return read_failed(error),
    };
    // By product, then month: how a plan is read.
    entries.sort_by(|left, right| {
        (left.product.as_str(), &left.month).cmp(&(right.product.as_str(), &right.month))
    });
    let may_set = signed.may(&Action::SetCapacity);
    let mut blocks = Vec::new();
    blocks.extend(done_notice(locale, context.query("done")));
    let shown: &[&str] = if may_set { &[FORM] } else { &[] };
    blocks.extend(page_notice(failed, shown));
    blocks.push(Block::Paragraph(locale.t("ws-maker-capacity-lead")));
    blocks.push(Block::Table(ActionTable {
        caption: locale.t("ws-maker-capacity-caption"),
        header: vec![
            locale.t("ws-maker-col-product"),
            locale.t("ws-maker-col-month"),
            locale.t("ws-maker-col-doses"),
            locale.t("ws-maker-col-stated"),
        ],
        rows: entries
            .iter()
            .map(|entry| ActionRow {
                cells: vec![
                    Cell::text(
                        products
                            .iter()
                            .find(|product| product.code == entry.product)
                            .map_or_else(|| entry.product.as_str().to_owned(), product_text),
                    ),
                    Cell::text(entry.month.clone()),
                    Cell::text(locale.number(entry.doses)),
                    Cell::text(moment(locale, entry.updated_at)),
                ],
                actions: Vec::new(),
            })
            .collect(),
        empty: locale.t("ws-maker-no-capacity"),
        ..ActionTable::default()
    }));
    if may_set {
        blocks.push(Block::Form(
            Form::new(
                signed,
                FORM,
                "/workspace/capacity",
                locale.t("ws-maker-capacity-set"),
            )
            .legend(locale.t("ws-maker-capacity-new"))
            .field(
                Field::new("product", "select", locale.t("ws-maker-field-product"))
                    .required()
                    .options(product_options(locale, &products)),
            )
            .field(
                Field::new("month", "month", locale.t("ws-maker-field-month"))
                    .required()
                    .hint(locale.t("ws-maker-hint-month")),
            )
            .field(
                Field::new("doses", "number", locale.t("ws-maker-field-capacity-doses"))
                    .required()
                    .hint(locale.t("ws-maker-hint-capacity-doses")),
            )
            .refill(failed),
        ));
    } else {
        blocks.push(Block::Paragraph(locale.t("ws-maker-capacity-read-only")));
    }
    show(
        state,
        context,
        signed,
        "capacity",
        locale.t("ws-nav-capacity"),
        blocks,
        failed.status(),
    )
    .await
}

/// `GET /workspace/capacity`.
pub async fn page(State(state): State<AppState>, context: Context, signed: Signed) -> Response {
    view(&state, &context, &signed, &Failed::default()).await
}

/// `POST /workspace/capacity`: states a month's capacity of one of the manufacturer's
/// products.
pub async fn set(
    State(state): State<AppState>,
    context: Context,
    submitted: Submitted,
) -> Response {
    let locale = context.locale;
    let mut parsed = submitted.parse(locale);
    let mut extra = Vec::new();
    let product = parsed.required("product");
    let month = parsed.required("month");
    if month
        .as_deref()
        .is_some_and(|month| parse_month(month).is_err())
    {
        parsed.reject("month", "ws-maker-error-month");
    }
    let doses = match parsed.required("doses") {
        Some(_) => parsed.optional_count("doses").flatten(),
        None => None,
    };
    if doses.is_some_and(|doses| doses > CAPACITY_DOSES_MAX) {
        extra.push(("doses".to_owned(), at_most(locale, CAPACITY_DOSES_MAX)));
    }
    if let Err(failed) = finish(parsed, &submitted, FORM, extra) {
        return view(&state, &context, &submitted.signed, &failed).await;
    }
    let (Some(product), Some(month), Some(doses)) = (product, month, doses) else {
        return view(&state, &context, &submitted.signed, &Failed::default()).await;
    };
    let input = CapacityInput {
        product,
        month,
        doses,
    };
    let actor = submitted.signed.actor().clone();
    let now = state.app.now();
    let result = submit(&state, &submitted, FORM, |tx| {
        let (actor, input) = (actor.clone(), input.clone());
        async move {
            app::capacity::set(&tx, now, &actor, &input).await?;
            Ok(done("/workspace/capacity", "maker-capacity-set"))
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
