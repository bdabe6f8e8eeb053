//! `/meetings/{id}`: a forum meeting and where every commitment made there stands now
//! (doses promised, agreed and delivered, or a partnership's stage), with the promised-
//! against-delivered chart; `/meetings/{id}/outcomes.csv` is its figures. The report a
//! minister would be asked about, public like `GET /api/v1/meetings/{id}`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use app::meetings::{MeetingReport, OutcomeProgress};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use domain::ledger::PartyCode;

use super::chart::{self, Bars, STYLES};
use super::locale::{Argument, Locale};
use super::{Context, Figure, Frame, Table, csv, csv_field, party_name, render};
use crate::{ApiError, AppState};

#[derive(Template)]
#[template(path = "meeting.html")]
struct Meeting {
    frame: Frame,
    heading: String,
    lead: String,
    totals: String,
    chart: Option<String>,
    none: String,
    outcomes: Table,
}

async fn report(
    state: &AppState,
    id: i64,
) -> Result<(MeetingReport, BTreeMap<PartyCode, String>), ApiError> {
    Ok(state
        .app
        .read(|tx| async move {
            let report = app::meetings::report(&tx, id).await?;
            let names = app::parties::names(&tx).await?;
            Ok((report, names))
        })
        .await?)
}

fn label(locale: &Locale, outcome: &OutcomeProgress) -> String {
    locale.with(
        &format!("outcome-{}", outcome.kind),
        &[("id", Argument::Text(locale.number(outcome.id)))],
    )
}

fn parties(
    locale: &Locale,
    names: &BTreeMap<PartyCode, String>,
    outcome: &OutcomeProgress,
) -> String {
    outcome
        .parties
        .iter()
        .map(|code| match PartyCode::parse(code) {
            Ok(code) => party_name(locale, names, &code),
            Err(_) => code.clone(),
        })
        .collect::<Vec<_>>()
        .join(" → ")
}

fn doses(locale: &Locale, value: Option<i64>) -> String {
    value.map_or_else(|| "–".to_owned(), |doses| locale.number(doses))
}

/// `GET /meetings/{id}`.
pub async fn page(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    context: Context,
) -> Result<Response, ApiError> {
    let (report, names) = report(&state, id).await?;
    let locale = context.locale;
    let text = |value: String| Argument::Text(value);
    let meeting = &report.meeting;
    let lead = locale.with(
        "meeting-lead",
        &[
            (
                "organization",
                text(party_name(locale, &names, &meeting.organization)),
            ),
            ("date", text(locale.date(meeting.date))),
            (
                "parties",
                text(
                    meeting
                        .parties
                        .iter()
                        .map(|code| party_name(locale, &names, code))
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            ),
        ],
    );
    let (promised, delivered) = report.totals();
    let totals = locale.with(
        "meeting-totals",
        &[
            ("promised", text(locale.number(promised))),
            ("delivered", text(locale.number(delivered))),
        ],
    );
    let labels: Vec<String> = report
        .outcomes
        .iter()
        .map(|outcome| label(locale, outcome))
        .collect();
    let outcomes = Table {
        caption: locale.t("meeting-outcomes"),
        header: vec![
            locale.t("col-commitment"),
            locale.t("col-parties"),
            locale.t("col-product"),
            locale.t("col-promised"),
            locale.t("col-agreed"),
            locale.t("col-delivered"),
            locale.t("col-state"),
        ],
        rows: report
            .outcomes
            .iter()
            .zip(&labels)
            .map(|(outcome, label)| {
                vec![
                    label.clone(),
                    parties(locale, &names, outcome),
                    outcome.product.clone().unwrap_or_else(|| "–".to_owned()),
                    doses(locale, outcome.doses_promised),
                    doses(locale, outcome.doses_agreed),
                    doses(locale, outcome.doses_delivered),
                    match outcome.capacity_per_year {
                        Some(capacity) => locale.with(
                            "outcome-stage",
                            &[
                                ("stage", text(locale.t(&format!("state-{}", outcome.state)))),
                                ("capacity", text(locale.number(capacity))),
                            ],
                        ),
                        None => locale.t(&format!("state-{}", outcome.state)),
                    },
                ]
            })
            .collect(),
    };
    let with_doses: Vec<(&OutcomeProgress, &String)> = report
        .outcomes
        .iter()
        .zip(&labels)
        .filter(|(outcome, _)| outcome.doses_promised.is_some())
        .collect();
    let chart = (!with_doses.is_empty()).then(|| {
        let title = locale.t("meeting-chart");
        let categories: Vec<String> = with_doses
            .iter()
            .map(|(_, label)| (*label).clone())
            .collect();
        #[allow(clippy::cast_precision_loss, reason = "dose counts are far below 2^53")]
        let series = vec![
            Bars {
                label: locale.t("legend-promised"),
                style: STYLES[3],
                values: with_doses
                    .iter()
                    .map(|(outcome, _)| outcome.doses_promised.unwrap_or(0) as f64)
                    .collect(),
            },
            Bars {
                label: locale.t("legend-delivered"),
                style: STYLES[1],
                values: with_doses
                    .iter()
                    .map(|(outcome, _)| outcome.doses_delivered.unwrap_or(0) as f64)
                    .collect(),
            },
        ];
        #[allow(
            clippy::cast_possible_truncation,
            reason = "the values are whole dose counts"
        )]
        let value_text = |value: f64| locale.number(value.round() as i64);
        let svg = chart::bar_chart(&chart::BarChart {
            id: "meeting",
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
        Figure {
            id: "meeting".to_owned(),
            title: title.clone(),
            description: String::new(),
            svg,
            legend,
            source: locale.with(
                "chart-source",
                &[
                    ("source", text(locale.t("source-ledger"))),
                    ("date", text(locale.date(state.app.now().date()))),
                ],
            ),
            csv_href: format!("/meetings/{id}/outcomes.csv"),
            csv_text: locale.t("chart-csv"),
            numbers_text: locale.t("chart-numbers"),
            table: Table {
                caption: title,
                header: vec![
                    locale.t("col-commitment"),
                    locale.t("col-promised"),
                    locale.t("col-delivered"),
                ],
                rows: with_doses
                    .iter()
                    .map(|(outcome, label)| {
                        vec![
                            (*label).clone(),
                            doses(locale, outcome.doses_promised),
                            doses(locale, outcome.doses_delivered),
                        ]
                    })
                    .collect(),
            },
        }
        .html()
    });
    let page = Meeting {
        frame: context.frame(meeting.title.clone(), "meetings"),
        heading: meeting.title.clone(),
        lead,
        totals,
        chart,
        none: locale.t("meeting-none"),
        outcomes,
    };
    Ok(render(&context, &page))
}

/// `GET /meetings/{id}/outcomes.csv`: every outcome's figures, as the API's report.
pub async fn outcomes_csv(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    let (report, _) = report(&state, id).await?;
    let mut text = String::from(
        "kind,id,parties,product,doses_promised,doses_agreed,doses_delivered,capacity_per_year,state\n",
    );
    let cell = |value: Option<i64>| value.map(|value| value.to_string()).unwrap_or_default();
    for outcome in &report.outcomes {
        writeln!(
            text,
            "{},{},{},{},{},{},{},{},{}",
            outcome.kind,
            outcome.id,
            csv_field(&outcome.parties.join(" ")),
            csv_field(outcome.product.as_deref().unwrap_or_default()),
            cell(outcome.doses_promised),
            cell(outcome.doses_agreed),
            cell(outcome.doses_delivered),
            cell(outcome.capacity_per_year),
            outcome.state
        )
        .expect("writing to a String cannot fail");
    }
    Ok(csv(&format!("meeting-{id}.csv"), text))
}
