//! `/pledges`: every pledge and what was delivered against it, with the pledged-against-
//! delivered chart by donor the dashboard shows too; `/charts/fulfilment.csv` is its figures.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use app::pledges::PledgeQuery;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use chrono::NaiveDate;
use domain::ledger::PartyCode;
use store::cooperation::{Fulfilment, Pledge};

use super::chart::{self, Bars, STYLES};
use super::locale::{Argument, Locale};
use super::{Context, Figure, Frame, Table, csv, csv_field, party_name, render};
use crate::{ApiError, AppState};

/// The pledged-against-delivered bars by donor, as a figure.
pub fn fulfilment_figure(
    locale: &Locale,
    fulfilment: &[Fulfilment],
    names: &BTreeMap<PartyCode, String>,
    to: NaiveDate,
) -> Figure {
    let title = locale.t("fulfilment-chart");
    let categories: Vec<String> = fulfilment
        .iter()
        .map(|row| party_name(locale, names, &row.donor))
        .collect();
    #[allow(clippy::cast_precision_loss, reason = "dose counts are far below 2^53")]
    let series = vec![
        Bars {
            label: locale.t("legend-pledged"),
            style: STYLES[3],
            values: fulfilment
                .iter()
                .map(|row| row.doses_pledged as f64)
                .collect(),
        },
        Bars {
            label: locale.t("legend-delivered"),
            style: STYLES[1],
            values: fulfilment
                .iter()
                .map(|row| row.doses_delivered as f64)
                .collect(),
        },
    ];
    #[allow(
        clippy::cast_possible_truncation,
        reason = "the values are whole dose counts"
    )]
    let value_text = |value: f64| locale.number(value.round() as i64);
    let svg = chart::bar_chart(&chart::BarChart {
        id: "fulfilment",
        title: &title,
        value_label: &locale.t("unit-doses"),
        categories: &categories,
        series: &series,
        value_text: &value_text,
    });
    let legend = chart::legend(
        &series
            .iter()
            .map(|bars| (bars.label.clone(), bars.style))
            .collect::<Vec<_>>(),
        true,
    );
    let rows = fulfilment
        .iter()
        .zip(&categories)
        .map(|(row, name)| {
            #[allow(clippy::cast_precision_loss, reason = "dose counts are far below 2^53")]
            let share = if row.doses_pledged > 0 {
                locale.percent(row.doses_delivered as f64 / row.doses_pledged as f64)
            } else {
                "–".to_owned()
            };
            vec![
                name.clone(),
                locale.number(row.doses_pledged),
                locale.number(row.doses_delivered),
                share,
            ]
        })
        .collect();
    Figure {
        id: "fulfilment".to_owned(),
        title: title.clone(),
        description: String::new(),
        svg,
        legend,
        source: locale.with(
            "chart-source",
            &[
                ("source", Argument::Text(locale.t("source-ledger"))),
                ("date", Argument::Text(locale.date(to))),
            ],
        ),
        csv_href: "/charts/fulfilment.csv".to_owned(),
        csv_text: locale.t("chart-csv"),
        numbers_text: locale.t("chart-numbers"),
        table: Table {
            caption: title,
            header: vec![
                locale.t("col-donor"),
                locale.t("col-pledged"),
                locale.t("col-delivered"),
                locale.t("col-kept"),
            ],
            rows,
        },
    }
}

/// A pledge's state in the language.
pub fn pledge_state(locale: &Locale, pledge: &Pledge) -> String {
    locale.t(&format!("pledge-state-{}", pledge.state.as_str()))
}

#[derive(Template)]
#[template(path = "pledges.html")]
struct Pledges {
    frame: Frame,
    heading: String,
    lead: String,
    fulfilment: Option<String>,
    none: String,
    pledges: Table,
}

/// `GET /pledges`.
pub async fn page(State(state): State<AppState>, context: Context) -> Result<Response, ApiError> {
    let today = state.app.now().date();
    let (fulfilment, pledges, names) = state
        .app
        .read(|tx| async move {
            let fulfilment = app::pledges::fulfilment(&tx).await?;
            let pledges = app::pledges::list(
                &tx,
                &PledgeQuery {
                    state: None,
                    donor: None,
                    to: None,
                    after: None,
                    limit: app::LIST_ITEMS_MAX,
                },
            )
            .await?;
            let names = app::parties::names(&tx).await?;
            Ok((fulfilment, pledges, names))
        })
        .await?;
    let locale = context.locale;
    let heading = locale.t("pledges-title");
    let table = Table {
        caption: heading.clone(),
        header: vec![
            locale.t("col-donor"),
            locale.t("col-recipient"),
            locale.t("col-pledged"),
            locale.t("col-delivered"),
            locale.t("col-due"),
            locale.t("col-state"),
        ],
        rows: pledges
            .iter()
            .map(|pledge| {
                vec![
                    party_name(locale, &names, &pledge.donor),
                    party_name(locale, &names, &pledge.to),
                    locale.number(pledge.doses),
                    locale.number(pledge.doses_delivered),
                    locale.date(pledge.by),
                    pledge_state(locale, pledge),
                ]
            })
            .collect(),
    };
    let page = Pledges {
        frame: context.frame(heading.clone(), "pledges"),
        heading,
        lead: locale.t("pledges-lead"),
        fulfilment: (!fulfilment.is_empty())
            .then(|| fulfilment_figure(locale, &fulfilment, &names, today).html()),
        none: locale.t("pledges-none"),
        pledges: table,
    };
    Ok(render(&context, &page))
}

/// `GET /charts/fulfilment.csv`: pledged and delivered doses by donor, as
/// `GET /api/v1/pledge-fulfilment`.
pub async fn fulfilment_csv(State(state): State<AppState>) -> Result<Response, ApiError> {
    let fulfilment = state
        .app
        .read(|tx| async move { app::pledges::fulfilment(&tx).await })
        .await?;
    let mut text = String::from("donor,doses_pledged,doses_delivered\n");
    for row in &fulfilment {
        writeln!(
            text,
            "{},{},{}",
            csv_field(row.donor.as_str()),
            row.doses_pledged,
            row.doses_delivered
        )
        .expect("writing to a String cannot fail");
    }
    Ok(csv("fulfilment.csv", text))
}
