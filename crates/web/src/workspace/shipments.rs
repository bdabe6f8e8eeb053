//! `/workspace/shipments`: the shipments a party sends (as their holder) and receives (as
//! their recipient), whatever its kind, newest first, each with the lot, its expiry and what
//! it is linked to. The actions follow the state and the side (`cooperation.md`): the holder
//! dispatches a planned shipment or cancels it, the recipient confirms one in transit when
//! it arrives. Each is `app::shipments::act`, the API's use case, with its ledger movement.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use domain::access::{Action, Actor};
use domain::cooperation::shipment::{ShipmentAction, ShipmentState};
use domain::ledger::{LotId, PartyCode};
use domain::party::Lot;
use store::cooperation::Shipment;

use super::country::{expiry_text, failed, lot_text, place_notice};
use super::form::{Failed, Form, Submitted, done, done_notice, see_other, submit};
use super::{ActionRow, ActionTable, Block, Cell, Signed, show};
use crate::pages::locale::{Argument, Locale};
use crate::pages::{Context, party_name};
use crate::{ApiError, AppState};

/// The shipments that leave the actor's party and those that come to it, each by id.
pub async fn of_party(
    tx: &store::Tx,
    actor: &Actor,
) -> Result<(Vec<Shipment>, Vec<Shipment>), app::AppError> {
    let query = |from: Option<PartyCode>, to: Option<PartyCode>| app::shipments::ShipmentQuery {
        from,
        to,
        limit: app::LIST_ITEMS_MAX,
        ..app::shipments::ShipmentQuery::default()
    };
    let outgoing = app::shipments::list(tx, actor, &query(Some(actor.party.clone()), None)).await?;
    let incoming = app::shipments::list(tx, actor, &query(None, Some(actor.party.clone()))).await?;
    Ok((outgoing, incoming))
}

/// A shipment's state in the page's language.
fn state_text(locale: &Locale, state: ShipmentState) -> String {
    locale.t(&format!(
        "ws-country-shipment-{}",
        state.as_str().replace('_', "-")
    ))
}

/// What a shipment is linked to: its round, request, pledge or agreement.
fn links_text(locale: &Locale, shipment: &Shipment) -> String {
    let mut parts = Vec::new();
    for (id, message) in [
        (shipment.round, "ws-country-link-round"),
        (shipment.request, "ws-country-link-request"),
        (shipment.pledge, "ws-country-link-pledge"),
        (shipment.agreement, "ws-country-link-agreement"),
    ] {
        if let Some(id) = id {
            parts.push(locale.with(message, &[("id", Argument::Text(id.to_string()))]));
        }
    }
    if parts.is_empty() {
        "–".to_owned()
    } else {
        parts.join(", ")
    }
}

/// The action forms a shipment offers the signed-in user: only those its state and the
/// user's side and role allow.
fn actions_of(locale: &Locale, signed: &Signed, shipment: &Shipment) -> Vec<Form> {
    let possible: &[ShipmentAction] = match shipment.state {
        ShipmentState::Planned => &[ShipmentAction::Dispatch, ShipmentAction::Cancel],
        ShipmentState::InTransit => &[ShipmentAction::Confirm],
        ShipmentState::Delivered | ShipmentState::Cancelled => &[],
    };
    possible
        .iter()
        .filter(|action| {
            signed.may(&Action::ActOnShipment {
                action: **action,
                from: shipment.from.clone(),
                to: shipment.to.clone(),
            })
        })
        .map(|action| {
            let name = action.as_str();
            let form = Form::new(
                signed,
                &format!("{name}-{}", shipment.id),
                format!("/workspace/shipments/{}/{name}", shipment.id),
                locale.t(&format!("ws-country-shipment-{name}")),
            )
            .inline();
            if *action == ShipmentAction::Cancel {
                form.secondary()
            } else {
                form
            }
        })
        .collect()
}

/// One side's shipments as a table.
#[allow(clippy::too_many_arguments, reason = "the table's parts, named")]
fn table(
    locale: &Locale,
    signed: &Signed,
    names: &BTreeMap<PartyCode, String>,
    lots: &BTreeMap<LotId, Lot>,
    today: chrono::NaiveDate,
    shipments: &[Shipment],
    outgoing: bool,
) -> ActionTable {
    let (caption, other, empty) = if outgoing {
        (
            "ws-country-shipments-outgoing-caption",
            "ws-country-col-to",
            "ws-country-shipments-none-outgoing",
        )
    } else {
        (
            "ws-country-shipments-incoming-caption",
            "ws-country-col-from",
            "ws-country-shipments-none-incoming",
        )
    };
    ActionTable {
        caption: locale.t(caption),
        header: vec![
            locale.t("ws-country-col-shipment"),
            locale.t(other),
            locale.t("ws-country-col-lot"),
            locale.t("ws-country-col-doses"),
            locale.t("ws-country-col-expiry"),
            locale.t("ws-col-state"),
            locale.t("ws-country-col-linked"),
            locale.t("ws-country-col-updated"),
        ],
        actions_header: locale.t("ws-col-actions"),
        rows: shipments
            .iter()
            .rev()
            .map(|shipment| {
                let party = if outgoing {
                    &shipment.to
                } else {
                    &shipment.from
                };
                let lot = lots.get(&shipment.lot);
                ActionRow {
                    cells: vec![
                        Cell::text(locale.with(
                            "ws-country-shipment",
                            &[("id", Argument::Text(shipment.id.to_string()))],
                        )),
                        Cell::text(party_name(locale, names, party)),
                        Cell::text(lot.map_or_else(|| shipment.lot.0.to_string(), lot_text)),
                        Cell::text(locale.number(shipment.doses)),
                        Cell::text(lot.map_or_else(String::new, |lot| {
                            expiry_text(locale, today, lot.expiry)
                        })),
                        Cell::text(state_text(locale, shipment.state)),
                        Cell::text(links_text(locale, shipment)),
                        Cell::text(super::moment(locale, shipment.updated_at)),
                    ],
                    actions: actions_of(locale, signed, shipment),
                }
            })
            .collect(),
        empty: locale.t(empty),
    }
}

async fn view(state: &AppState, context: &Context, signed: &Signed, failed: &Failed) -> Response {
    let locale = context.locale;
    let today = state.app.now().date();
    let actor = signed.actor().clone();
    let read = state
        .app
        .read(|tx| async move {
            let (outgoing, incoming) = of_party(&tx, &actor).await?;
            // A shipment's two parties read its lot's number and expiry: the recipient needs
            // them before the doses are its own.
            let mut lots = BTreeMap::new();
            for shipment in outgoing.iter().chain(&incoming) {
                if !lots.contains_key(&shipment.lot)
                    && let Some(lot) = tx.lot(shipment.lot).await?
                {
                    lots.insert(shipment.lot, lot);
                }
            }
            let names = app::parties::names(&tx).await?;
            Ok((outgoing, incoming, lots, names))
        })
        .await;
    let (outgoing, incoming, lots, names) = match read {
        Ok(read) => read,
        Err(error) => return ApiError::from(error).into_response(),
    };
    let mut blocks = Vec::new();
    blocks.extend(done_notice(locale, context.query("done")));
    blocks.push(Block::Paragraph(locale.t("ws-country-shipments-lead")));
    blocks.push(Block::Heading {
        id: "incoming".into(),
        text: locale.t("ws-country-shipments-incoming"),
    });
    blocks.push(Block::Table(table(
        locale, signed, &names, &lots, today, &incoming, false,
    )));
    blocks.push(Block::Heading {
        id: "outgoing".into(),
        text: locale.t("ws-country-shipments-outgoing"),
    });
    blocks.push(Block::Table(table(
        locale, signed, &names, &lots, today, &outgoing, true,
    )));
    place_notice(&mut blocks, failed);
    show(
        state,
        context,
        signed,
        "shipments",
        locale.t("ws-nav-shipments"),
        blocks,
        failed.status(),
    )
    .await
}

/// `GET /workspace/shipments`.
pub async fn page(State(state): State<AppState>, context: Context, signed: Signed) -> Response {
    view(&state, &context, &signed, &Failed::default()).await
}

/// `POST /workspace/shipments/{id}/{action}`: dispatches, confirms or cancels a shipment.
pub async fn act(
    State(state): State<AppState>,
    context: Context,
    Path((id, action)): Path<(i64, String)>,
    submitted: Submitted,
) -> Response {
    let locale = context.locale;
    let Ok(action) = ShipmentAction::parse(&action) else {
        let failed = Failed {
            notice: Some(locale.t("ws-error-not-found")),
            status: Some(StatusCode::NOT_FOUND),
            ..Failed::default()
        };
        return view(&state, &context, &submitted.signed, &failed).await;
    };
    let form = format!("{}-{id}", action.as_str());
    let now = state.app.now();
    let actor = submitted.signed.actor().clone();
    let message = match action {
        ShipmentAction::Dispatch => "country-shipment-dispatched",
        ShipmentAction::Confirm => "country-shipment-confirmed",
        ShipmentAction::Cancel => "country-shipment-cancelled",
    };
    let result = submit(&state, &submitted, &form, |tx| {
        let actor = actor.clone();
        async move {
            app::shipments::act(&tx, now, &actor, id, action).await?;
            Ok(done("/workspace/shipments", message))
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
