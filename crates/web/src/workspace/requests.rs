//! `/workspace/requests`: a country's requests for doses with where each stands (asked,
//! allocated, delivered), a form to ask (the API's fields: doses, the day they are needed by,
//! the products the country accepts, the shelf life they must have left on arrival, how many
//! it can administer a day, the lead time, a target and a note) and "withdraw" on each open
//! request. Only the country's officials are offered the forms; its viewers read.

use app::requests::{NewRequestInput, RequestQuery};
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use domain::access::Action;
use domain::cooperation::request::RequestState;
use store::cooperation::Request;

use super::country::{failed, place_notice};
use super::form::{Failed, Field, Form, Submitted, done, done_notice, see_other, submit};
use super::{ActionRow, ActionTable, Block, Cell, Signed, show};
use crate::pages::Context;
use crate::pages::locale::{Argument, Locale};
use crate::{ApiError, AppState};

/// The form that asks for doses.
const CREATE_FORM: &str = "new-request";

/// A request's state in the page's language.
fn state_text(locale: &Locale, state: RequestState) -> String {
    locale.t(&format!("state-{}", state.as_str()))
}

/// An optional figure of a request, or a dash.
fn optional(locale: &Locale, value: Option<i64>) -> String {
    value.map_or_else(|| "–".to_owned(), |value| locale.number(value))
}

fn request_row(locale: &Locale, signed: &Signed, request: &Request) -> ActionRow {
    let mut actions = Vec::new();
    let may_withdraw = signed.may(&Action::WithdrawRequest {
        country: request.country.clone(),
    });
    if request.state == RequestState::Open && may_withdraw {
        actions.push(
            Form::new(
                signed,
                &format!("withdraw-request-{}", request.id),
                format!("/workspace/requests/{}/withdraw", request.id),
                locale.t("ws-country-withdraw"),
            )
            .inline()
            .secondary(),
        );
    }
    ActionRow {
        cells: vec![
            Cell::text(locale.with(
                "ws-country-request",
                &[("id", Argument::Text(request.id.to_string()))],
            )),
            Cell::text(state_text(locale, request.state)),
            Cell::text(locale.number(request.doses)),
            Cell::text(locale.number(request.doses_allocated)),
            Cell::text(locale.number(request.doses_delivered)),
            Cell::text(locale.date(request.needed_by)),
            Cell::text(optional(locale, request.min_shelf_life_days)),
            Cell::text(optional(locale, request.absorption_per_day)),
            Cell::text(request.products.as_ref().map_or_else(
                || locale.t("ws-country-any-product"),
                |codes| {
                    codes
                        .iter()
                        .map(|code| code.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                },
            )),
        ],
        actions,
    }
}

/// The form that asks for doses; its field names are the API's.
fn create_form(signed: &Signed, locale: &Locale, products: Vec<(String, String)>) -> Form {
    let mut form = Form::new(
        signed,
        CREATE_FORM,
        "/workspace/requests",
        locale.t("ws-country-request-create"),
    )
    .legend(locale.t("ws-country-request-legend"))
    .field(
        Field::new("doses", "number", locale.t("ws-country-field-doses"))
            .required()
            .hint(locale.t("ws-country-field-doses-hint")),
    )
    .field(Field::new("needed_by", "date", locale.t("ws-country-field-needed-by")).required());
    if !products.is_empty() {
        form = form.field(
            Field::new(
                "products",
                "checkboxes",
                locale.t("ws-country-field-products"),
            )
            .options(products)
            .hint(locale.t("ws-country-field-products-hint")),
        );
    }
    form.field(
        Field::new(
            "min_shelf_life_days",
            "number",
            locale.t("ws-country-field-shelf-life"),
        )
        .hint(locale.t("ws-country-field-shelf-life-hint")),
    )
    .field(
        Field::new(
            "absorption_per_day",
            "number",
            locale.t("ws-country-field-absorption"),
        )
        .hint(locale.t("ws-country-field-absorption-hint")),
    )
    .field(
        Field::new(
            "lead_time_days",
            "number",
            locale.t("ws-country-field-lead-time"),
        )
        .hint(locale.t("ws-country-field-lead-time-hint")),
    )
    .field(
        Field::new(
            "target_per_100",
            "text",
            locale.t("ws-country-field-target"),
        )
        .hint(locale.t("ws-country-field-target-hint")),
    )
    .field(Field::new(
        "note",
        "textarea",
        locale.t("ws-country-field-note"),
    ))
}

async fn view(state: &AppState, context: &Context, signed: &Signed, failed: &Failed) -> Response {
    let locale = context.locale;
    let actor = signed.actor().clone();
    let read = state
        .app
        .read(|tx| async move {
            let requests = app::requests::list(
                &tx,
                &actor,
                &RequestQuery {
                    country: Some(actor.party.clone()),
                    limit: app::LIST_ITEMS_MAX,
                    ..RequestQuery::default()
                },
            )
            .await?;
            let products = tx.products(None, app::LIST_ITEMS_MAX).await?;
            Ok((requests, products))
        })
        .await;
    let (requests, products) = match read {
        Ok(read) => read,
        Err(error) => return ApiError::from(error).into_response(),
    };
    let mut blocks = Vec::new();
    blocks.extend(done_notice(locale, context.query("done")));
    blocks.push(Block::Paragraph(locale.t("ws-country-requests-lead")));
    blocks.push(Block::Table(ActionTable {
        caption: locale.t("ws-country-requests-yours"),
        header: vec![
            locale.t("ws-country-col-request"),
            locale.t("ws-col-state"),
            locale.t("ws-country-col-asked"),
            locale.t("ws-country-col-allocated"),
            locale.t("ws-country-col-delivered"),
            locale.t("ws-country-col-needed-by"),
            locale.t("ws-country-col-shelf-life"),
            locale.t("ws-country-col-absorption"),
            locale.t("ws-country-col-products"),
        ],
        actions_header: locale.t("ws-col-actions"),
        rows: requests
            .iter()
            .rev()
            .map(|request| request_row(locale, signed, request))
            .collect(),
        empty: locale.t("ws-country-requests-none"),
    }));
    if signed.may(&Action::CreateRequest) {
        let products = products
            .into_iter()
            .map(|product| {
                let code = product.code.as_str();
                // A name that says its code already ("Comirnaty (BNT162b2)") is shown as is.
                let text = if product.name.contains(code) {
                    product.name.clone()
                } else {
                    format!("{} ({code})", product.name)
                };
                (code.to_owned(), text)
            })
            .collect();
        blocks.push(Block::Form(
            create_form(signed, locale, products).refill(failed),
        ));
    }
    place_notice(&mut blocks, failed);
    show(
        state,
        context,
        signed,
        "requests",
        locale.t("ws-nav-requests"),
        blocks,
        failed.status(),
    )
    .await
}

/// `GET /workspace/requests`.
pub async fn page(State(state): State<AppState>, context: Context, signed: Signed) -> Response {
    view(&state, &context, &signed, &Failed::default()).await
}

/// Reads the request form into the API's input, gathering errors beside their fields.
fn input_of(
    submitted: &Submitted,
    locale: &'static Locale,
    today: chrono::NaiveDate,
) -> Result<NewRequestInput, Failed> {
    let mut parsed = submitted.parse(locale);
    let doses = parsed.positive("doses");
    let needed_by = parsed.day("needed_by");
    if needed_by.is_some_and(|day| day < today) {
        parsed.reject("needed_by", "ws-country-error-past");
    }
    let min_shelf_life_days = parsed.optional_count("min_shelf_life_days");
    let lead_time_days = parsed.optional_count("lead_time_days");
    let absorption_per_day = match submitted.get("absorption_per_day") {
        "" => Some(None),
        _ => parsed.positive("absorption_per_day").map(Some),
    };
    let target = submitted.get("target_per_100").replace(',', ".");
    let target_per_100 = if target.is_empty() {
        Some(None)
    } else {
        match target
            .parse::<f64>()
            .ok()
            .filter(|value| *value > 0.0 && *value <= 1_000.0)
            .and_then(serde_json::Number::from_f64)
        {
            Some(number) => Some(Some(number)),
            None => {
                parsed.reject("target_per_100", "ws-country-error-target");
                None
            }
        }
    };
    let products: Vec<String> = submitted
        .all("products")
        .into_iter()
        .filter(|code| !code.is_empty())
        .map(str::to_owned)
        .collect();
    let note = parsed.text("note");
    parsed.finish(CREATE_FORM)?;
    Ok(NewRequestInput {
        doses: doses.unwrap_or_default(),
        needed_by: needed_by.map(|day| day.to_string()).unwrap_or_default(),
        products: (!products.is_empty()).then_some(products),
        min_shelf_life_days: min_shelf_life_days.flatten(),
        absorption_per_day: absorption_per_day.flatten(),
        lead_time_days: lead_time_days.flatten(),
        target_per_100: target_per_100.flatten(),
        note: (!note.is_empty()).then_some(note),
    })
}

/// `POST /workspace/requests`: asks for doses.
pub async fn create(
    State(state): State<AppState>,
    context: Context,
    submitted: Submitted,
) -> Response {
    let locale = context.locale;
    let now = state.app.now();
    let input = match input_of(&submitted, locale, now.date()) {
        Ok(input) => input,
        Err(failed) => return view(&state, &context, &submitted.signed, &failed).await,
    };
    let actor = submitted.signed.actor().clone();
    let result = submit(&state, &submitted, CREATE_FORM, |tx| {
        let (actor, input) = (actor.clone(), input.clone());
        async move {
            app::requests::create(&tx, now, &actor, &input).await?;
            Ok(done("/workspace/requests", "country-request-created"))
        }
    })
    .await;
    match result {
        Ok(location) => see_other(&location),
        Err(error) => {
            let failed = failed(&submitted, locale, CREATE_FORM, &error);
            view(&state, &context, &submitted.signed, &failed).await
        }
    }
}

/// `POST /workspace/requests/{id}/withdraw`: withdraws an open request.
pub async fn withdraw(
    State(state): State<AppState>,
    context: Context,
    Path(id): Path<i64>,
    submitted: Submitted,
) -> Response {
    let now = state.app.now();
    let actor = submitted.signed.actor().clone();
    let form = format!("withdraw-request-{id}");
    let result = submit(&state, &submitted, &form, |tx| {
        let actor = actor.clone();
        async move {
            app::requests::withdraw(&tx, now, &actor, id).await?;
            Ok(done("/workspace/requests", "country-request-withdrawn"))
        }
    })
    .await;
    match result {
        Ok(location) => see_other(&location),
        Err(error) => {
            let failed = failed(&submitted, context.locale, &form, &error);
            view(&state, &context, &submitted.signed, &failed).await
        }
    }
}
