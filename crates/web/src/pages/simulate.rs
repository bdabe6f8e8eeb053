//! `/simulate`: the policy simulator (`spec/simulator.md`) on a page. It runs the built-in
//! scenario of August 2021 (`examples/august-2021.toml`, the README's example) on the built-in
//! snapshot, with four of the file's values changeable in a GET form: `booster_per_100`,
//! the sharing policy's `keep_per_100`, `lead_time_days` and `min_shelf_life_days`, and shows
//! one group's coverage under each policy as a chart and what each policy gives as a table.
//! `/simulate/coverage.csv` with the same query is the run's `coverage.csv`, the very file
//! `equidose simulate --out` writes.
//!
//! The values are written into the file's text and read by the simulator's own parser (as a
//! one-run `--sweep` does), so a page's run is the command's run of the same file. The
//! snapshot is read, and the world at the start built, once per process: the form changes
//! nothing they depend on. A run takes about half a second of CPU in a release build (many
//! seconds unoptimised), so:
//!
//! - runs are kept by their values ([`CACHE_ENTRIES`] of them, the least recently used
//!   dropped first), and a run under way is shared by every reader who asks for its values;
//! - at most [`SIMULATIONS_AT_ONCE`] run at once ([`AppState::simulations`]): a request that
//!   would start one more answers 503 with `Retry-After`, the form kept and a notice in the
//!   reader's language, so the page cannot be used to overload the server;
//! - a request waits for its run until a second before its time limit, then answers the same
//!   way; the run goes on and is kept for the retry.
//!
//! A value out of range answers 422 with the page: its error beside its field, what was typed
//! kept, nothing run.

use std::sync::{Arc, LazyLock, Mutex};
use std::time::{Duration, Instant};

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{Datelike, NaiveDate};
use simulator::output::{THRESHOLDS_PER_100, reached};
use simulator::scenario::PolicyKind;
use simulator::sweep::{Axis, Number};
use simulator::world::{GROUP_NAMES, GROUPS, WORLD};
use simulator::{DataExtent, Outcome, Scenario, World};
use tokio::sync::watch;

use super::chart::{self, Line, STYLES};
use super::locale::{Argument, Locale};
use super::{Context, Figure, Frame, Table, csv, render};
use crate::{ApiError, AppState, FieldError};

/// The scenario the page runs, as the README shows it.
const SCENARIO: &str = include_str!("../../../../examples/august-2021.toml");
/// Its name in the simulator's messages.
const SCENARIO_FILE: &str = "examples/august-2021.toml";

/// How many simulations may run at once in one process.
pub const SIMULATIONS_AT_ONCE: usize = 2;
/// How many runs are kept, each about 100 KB (its daily series).
pub const CACHE_ENTRIES: usize = 16;
/// What a busy answer asks the reader to wait, in seconds: about the time of a run.
const RETRY_AFTER_SECONDS: u64 = 5;

/// The largest values the form accepts: well beyond any policy discussed in 2021, and each
/// run's cost does not grow with them.
const BOOSTER_PER_100_MAX: f64 = 300.0;
const KEEP_PER_100_MAX: f64 = 500.0;
const LEAD_TIME_DAYS_MAX: u32 = 365;
const MIN_SHELF_LIFE_DAYS_MAX: u32 = 365;

/// The values the reader may change.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Parameters {
    /// Doses per 100 people a booster campaign adds (`booster_per_100`).
    pub booster_per_100: f64,
    /// What holders keep under the sharing policy (`policies[i].keep_per_100`).
    pub keep_per_100: f64,
    /// Days from allocation to arrival (`lead_time_days`).
    pub lead_time_days: u32,
    /// Shelf life recipients require on arrival (`min_shelf_life_days`).
    pub min_shelf_life_days: u32,
}

impl Parameters {
    /// The cache's key: the exact values (a negative zero counted as zero).
    fn key(self) -> Key {
        (
            (self.booster_per_100 + 0.0).to_bits(),
            (self.keep_per_100 + 0.0).to_bits(),
            self.lead_time_days,
            self.min_shelf_life_days,
        )
    }

    /// The query that asks for these values.
    fn query(self) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        query.append_pair("booster_per_100", &self.booster_per_100.to_string());
        query.append_pair("keep_per_100", &self.keep_per_100.to_string());
        query.append_pair("lead_time_days", &self.lead_time_days.to_string());
        query.append_pair("min_shelf_life_days", &self.min_shelf_life_days.to_string());
        query.finish()
    }
}

/// What the page starts from: the file as written, the data's extent and the world at the
/// start, read once.
struct Base {
    scenario: Scenario,
    extent: DataExtent,
    world: World,
    /// The index of the sharing policy, whose `keep_per_100` the form changes.
    sharing: Option<usize>,
    defaults: Parameters,
}

static BASE: LazyLock<Result<Base, String>> = LazyLock::new(|| {
    let (data, _) = importer::snapshot::builtin()
        .map_err(|error| format!("the built-in snapshot cannot be read: {error}"))?;
    let extent = DataExtent::of(&data);
    let scenario = simulator::parse(SCENARIO_FILE, SCENARIO, &extent)
        .map_err(|error| format!("the built-in scenario is refused: {error}"))?;
    let world = World::new(&data, &scenario);
    let sharing = scenario
        .policies
        .iter()
        .position(|policy| matches!(policy.kind, PolicyKind::Sharing { .. }));
    let keep_per_100 = scenario
        .policies
        .iter()
        .find_map(|policy| match policy.kind {
            PolicyKind::Sharing { keep_per_100, .. } => Some(keep_per_100),
            _ => None,
        })
        .unwrap_or(scenario.primary_per_100 + scenario.booster_per_100);
    let defaults = Parameters {
        booster_per_100: scenario.booster_per_100,
        keep_per_100,
        lead_time_days: scenario.lead_time_days,
        min_shelf_life_days: scenario.min_shelf_life_days,
    };
    Ok(Base {
        scenario,
        extent,
        world,
        sharing,
        defaults,
    })
});

/// The base, read on a blocking thread the first time (the snapshot takes a moment).
async fn base() -> Result<&'static Base, ApiError> {
    let base = tokio::task::spawn_blocking(|| LazyLock::force(&BASE))
        .await
        .map_err(|error| ApiError::internal(format!("reading the simulator's base: {error}")))?;
    base.as_ref()
        .map_err(|error| ApiError::internal(error.clone()))
}

/// The values of a run, exactly: both numbers' bits and both durations.
type Key = (u64, u64, u32, u32);

/// A run, done (`Some`) or under way (`None`): readers asking for the same values while it
/// runs wait for it rather than start another, even when the reader who started it has gone.
type Slot = watch::Receiver<Option<Arc<Outcome>>>;

/// Recent runs by their values, most recently used last.
static CACHE: Mutex<Vec<(Key, Slot)>> = Mutex::new(Vec::new());

fn cache() -> std::sync::MutexGuard<'static, Vec<(Key, Slot)>> {
    CACHE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Keeps `slot` as the most recently used; the least recently used goes beyond
/// [`CACHE_ENTRIES`] (a run under way goes on, and its readers keep waiting for it).
fn keep(cache: &mut Vec<(Key, Slot)>, key: Key, slot: Slot) {
    cache.retain(|(kept, _)| *kept != key);
    cache.push((key, slot));
    if cache.len() > CACHE_ENTRIES {
        cache.remove(0);
    }
}

/// Why a run is not there to show.
#[derive(Debug)]
enum Wait {
    /// Every permit is taken: the reader should come back.
    Busy,
    /// The run goes on past what one request may wait: it will be kept for the retry.
    Running,
    /// It failed.
    Failed(ApiError),
}

/// One run: the file with the values written in, read by the simulator's parser, run on the
/// world at the start.
fn run(base: &Base, parameters: Parameters) -> Result<Outcome, String> {
    let mut axes = vec![
        axis("booster_per_100", Number::Float(parameters.booster_per_100)),
        axis(
            "lead_time_days",
            Number::Integer(i64::from(parameters.lead_time_days)),
        ),
        axis(
            "min_shelf_life_days",
            Number::Integer(i64::from(parameters.min_shelf_life_days)),
        ),
    ];
    if let Some(index) = base.sharing {
        axes.push(axis(
            &format!("policies[{index}].keep_per_100"),
            Number::Float(parameters.keep_per_100),
        ));
    }
    let runs = simulator::sweep::grid(SCENARIO, &axes).map_err(|error| error.to_string())?;
    let text = runs
        .first()
        .map(|run| run.text.as_str())
        .ok_or("the grid of one run is empty")?;
    let scenario =
        simulator::parse(SCENARIO_FILE, text, &base.extent).map_err(|error| error.to_string())?;
    Ok(simulator::simulate_world(&scenario, &base.world))
}

fn axis(key: &str, value: Number) -> Axis {
    Axis {
        key: key.to_owned(),
        values: vec![value],
    }
}

/// The run of `parameters`: kept, or under way for another reader, or started now if a
/// permit is free ([`Wait::Busy`] if not), waited for until `deadline`
/// ([`Wait::Running`] after it; the run goes on and is kept).
async fn outcome(
    state: &AppState,
    base: &'static Base,
    parameters: Parameters,
    deadline: Duration,
) -> Result<Arc<Outcome>, Wait> {
    let key = parameters.key();
    let mut slot: Slot = {
        let mut runs = cache();
        match runs.iter().find(|(kept, _)| *kept == key) {
            Some((_, slot)) => {
                let slot = slot.clone();
                keep(&mut runs, key, slot.clone());
                slot
            }
            None => {
                let permit = state
                    .simulations
                    .clone()
                    .try_acquire_owned()
                    .map_err(|_| Wait::Busy)?;
                let (sender, slot) = watch::channel(None);
                keep(&mut runs, key, slot.clone());
                // The run holds its permit to its end, whoever still waits: the permits
                // bound the work really under way.
                let failed = slot.clone();
                tokio::task::spawn_blocking(move || {
                    let _permit = permit;
                    let started = Instant::now();
                    match run(base, parameters) {
                        Ok(outcome) => {
                            tracing::info!(
                                elapsed_ms = started.elapsed().as_millis(),
                                ?parameters,
                                "simulated the built-in scenario"
                            );
                            sender.send_replace(Some(Arc::new(outcome)));
                        }
                        Err(error) => {
                            tracing::error!(%error, ?parameters, "a simulation failed");
                            // A failed run keeps no place; its readers see the sender gone.
                            cache().retain(|(_, kept)| !kept.same_channel(&failed));
                        }
                    }
                });
                slot
            }
        }
    };
    wait(&mut slot, deadline).await
}

/// The run of `slot` once done, if by `deadline`.
async fn wait(slot: &mut Slot, deadline: Duration) -> Result<Arc<Outcome>, Wait> {
    match tokio::time::timeout(deadline, slot.wait_for(Option::is_some)).await {
        Ok(Ok(outcome)) => outcome.clone().ok_or(Wait::Running),
        Ok(Err(_)) => Err(Wait::Failed(ApiError::internal(
            "a simulation of the built-in scenario failed",
        ))),
        Err(_) => Err(Wait::Running),
    }
}

/// How long a request waits for a run: all but a second of its time limit (half of it at
/// least), so that it answers itself rather than time out.
fn deadline(state: &AppState) -> Duration {
    let limit = state.request_duration_max;
    limit.saturating_sub(Duration::from_secs(1)).max(limit / 2)
}

/// A 503 with `Retry-After`, for a program.
fn come_back(detail: &str) -> Response {
    let mut response = ApiError::service_unavailable(detail).into_response();
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECONDS));
    response
}

/// How a field is read and what it accepts.
#[derive(Debug, Clone, Copy)]
enum Kind {
    /// A number of doses per 100 people, from 0 to this.
    Per100(f64),
    /// A whole number of days, from 0 to this.
    Days(u32),
}

/// The form's fields: the scenario's key, its label and its hint.
const FIELDS: [(&str, &str, &str, Kind); 4] = [
    (
        "booster_per_100",
        "simulate-booster",
        "simulate-booster-hint",
        Kind::Per100(BOOSTER_PER_100_MAX),
    ),
    (
        "keep_per_100",
        "simulate-keep",
        "simulate-keep-hint",
        Kind::Per100(KEEP_PER_100_MAX),
    ),
    (
        "lead_time_days",
        "simulate-lead-time",
        "simulate-lead-time-hint",
        Kind::Days(LEAD_TIME_DAYS_MAX),
    ),
    (
        "min_shelf_life_days",
        "simulate-shelf-life",
        "simulate-shelf-life-hint",
        Kind::Days(MIN_SHELF_LIFE_DAYS_MAX),
    ),
];

/// The group values of the form, in the simulator's row order.
const GROUP_VALUES: [&str; GROUPS] = ["low", "lower-middle", "upper-middle", "high", "world"];

/// A value as typed, read by its kind: `None` when it is not acceptable.
fn read(kind: Kind, text: &str) -> Option<f64> {
    let text = text.trim();
    match kind {
        Kind::Per100(most) => text
            .parse::<f64>()
            .ok()
            .filter(|value| value.is_finite() && (0.0..=most).contains(value))
            .map(|value| value + 0.0),
        Kind::Days(most) => text
            .parse::<u32>()
            .ok()
            .filter(|value| *value <= most)
            .map(f64::from),
    }
}

/// The request's values: those given, the file's for those not given, and the names of the
/// fields whose value is not acceptable.
fn parameters(
    query: impl Fn(&str) -> Option<String>,
    defaults: Parameters,
) -> (Parameters, Vec<&'static str>) {
    let mut parameters = defaults;
    let mut invalid = Vec::new();
    for (name, _, _, kind) in FIELDS {
        let Some(text) = query(name) else {
            continue;
        };
        let Some(value) = read(kind, &text) else {
            invalid.push(name);
            continue;
        };
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "days were read as a u32 and checked against their bound"
        )]
        let days = value as u32;
        match name {
            "booster_per_100" => parameters.booster_per_100 = value,
            "keep_per_100" => parameters.keep_per_100 = value,
            "lead_time_days" => parameters.lead_time_days = days,
            _ => parameters.min_shelf_life_days = days,
        }
    }
    (parameters, invalid)
}

/// What is wrong with a field, in English, for the CSV's problem.
fn english_error(kind: Kind, text: &str) -> String {
    match kind {
        Kind::Per100(most) => {
            format!("must be a number of doses per 100 people from 0 to {most}, got {text:?}")
        }
        Kind::Days(most) => {
            format!("must be a whole number of days from 0 to {most}, got {text:?}")
        }
    }
}

/// A form field as the template shows it.
struct Field {
    name: &'static str,
    label: String,
    hint: String,
    /// What was typed, or the value used.
    value: String,
    /// Its error in the page's language, empty when there is none.
    error: String,
    inputmode: &'static str,
}

/// A choice of the group select.
struct GroupOption {
    value: &'static str,
    text: String,
    selected: bool,
}

/// What a run shows.
struct Results {
    figure: String,
    outcomes: Table,
    note: String,
}

#[derive(Template)]
#[template(path = "simulate.html")]
struct Simulate {
    frame: Frame,
    heading: String,
    lead: String,
    assumptions: String,
    policies: Vec<(String, String)>,
    form_title: String,
    summary: String,
    fields: Vec<Field>,
    group_label: String,
    group_error: String,
    groups: Vec<GroupOption>,
    submit: String,
    /// Why there are no figures yet (busy, or still running), empty when there are.
    notice: String,
    retry: String,
    retry_href: String,
    results: Option<Results>,
}

fn number_text(value: f64) -> String {
    // As the file would write it: `100`, `150.5`.
    value.to_string()
}

/// The message ids of a policy: its name and what it does.
fn policy_messages(kind: PolicyKind) -> (&'static str, &'static str) {
    match kind {
        PolicyKind::BoostersFirst { .. } => ("policy-boosters-first", "policy-boosters-first-text"),
        PolicyKind::Sharing { .. } => ("policy-sharing", "policy-sharing-text"),
        PolicyKind::Proportional => ("policy-proportional", "policy-proportional-text"),
    }
}

/// Doses per 100 people.
fn per_100(doses: u64, population: u64) -> f64 {
    if population == 0 {
        return 0.0;
    }
    #[allow(
        clippy::cast_precision_loss,
        reason = "doses and people are far below 2^52"
    )]
    let value = doses as f64 * 100.0 / population as f64;
    value
}

fn day_of(outcome: &Outcome, day: usize) -> NaiveDate {
    outcome.start + chrono::Duration::days(i64::try_from(day).unwrap_or(i64::MAX))
}

fn results(
    locale: &Locale,
    base: &Base,
    outcome: &Outcome,
    group: usize,
    parameters: Parameters,
) -> Results {
    let text = |value: String| Argument::Text(value);
    let group_name = locale.group(GROUP_NAMES[group]);
    let days = usize::try_from(outcome.days).unwrap_or(0);
    let names: Vec<String> = base
        .scenario
        .policies
        .iter()
        .map(|policy| locale.t(policy_messages(policy.kind).0))
        .collect();
    // A point a week and the last day: the same line to the eye, a seventh of the drawing.
    let lines: Vec<Line> = outcome
        .policies
        .iter()
        .zip(&names)
        .zip(STYLES)
        .map(|((run, name), style)| Line {
            label: name.clone(),
            style,
            points: run
                .series
                .iter()
                .enumerate()
                .filter(|(day, _)| day % 7 == 0 || *day + 1 == run.series.len())
                .map(|(day, row)| {
                    (
                        day_of(outcome, day),
                        per_100(row[group], outcome.population[group]),
                    )
                })
                .collect(),
        })
        .collect();
    let title = locale.with("simulate-chart", &[("group", text(group_name.clone()))]);
    let svg = chart::line_chart(&chart::LineChart {
        id: "simulation",
        title: &title,
        y_label: &locale.t("unit-per-100"),
        x_label: &locale.t("axis-date"),
        lines: &lines,
        y_text: &|value| locale.decimal(value, 0),
        month_text: &|day| locale.month_year(day),
        end_text: &|value| locale.decimal(value, 1),
    });
    let legend = chart::legend(
        &lines
            .iter()
            .map(|line| (line.label.clone(), line.style))
            .collect::<Vec<_>>(),
        false,
    );
    // The table behind the chart: the first day, each month's first day, the last day.
    let mut header = vec![locale.t("col-date")];
    header.extend(names.iter().cloned());
    let rows = (0..=days)
        .filter(|day| *day == 0 || *day == days || day_of(outcome, *day).day() == 1)
        .map(|day| {
            let mut row = vec![locale.date(day_of(outcome, day))];
            row.extend(outcome.policies.iter().map(|run| {
                run.series.get(day).map_or_else(
                    || "–".to_owned(),
                    |row| locale.decimal(per_100(row[group], outcome.population[group]), 1),
                )
            }));
            row
        })
        .collect();
    let end = day_of(outcome, days);
    let figure = Figure {
        id: "simulation".to_owned(),
        title: title.clone(),
        description: locale.with(
            "simulate-chart-desc",
            &[
                ("from", text(locale.date(outcome.start))),
                ("to", text(locale.date(end))),
            ],
        ),
        svg,
        legend,
        source: locale.with(
            "simulate-source",
            &[("date", text(locale.date(outcome.start)))],
        ),
        csv_href: format!("/simulate/coverage.csv?{}", parameters.query()),
        csv_text: locale.t("chart-csv"),
        numbers_text: locale.t("chart-numbers"),
        table: Table {
            caption: title,
            header,
            rows,
        },
    }
    .html();
    let end_text = locale.date(end);
    let mut header = vec![locale.t("col-policy")];
    header.extend(THRESHOLDS_PER_100.iter().map(|threshold| {
        locale.with(
            "simulate-col-reaches",
            &[("value", text(locale.number(i64::from(*threshold))))],
        )
    }));
    header.extend([
        locale.t("simulate-col-final"),
        locale.t("simulate-col-world"),
        locale.t("col-doses"),
        locale.t("col-expired"),
        locale.t("col-shared"),
    ]);
    let doses = |value: u64| locale.number(i64::try_from(value).unwrap_or(i64::MAX));
    let rows = outcome
        .policies
        .iter()
        .zip(&names)
        .map(|(run, name)| {
            let mut row = vec![name.clone()];
            row.extend(THRESHOLDS_PER_100.iter().map(|threshold| {
                reached(run, outcome.population[group], group, *threshold)
                    .map_or_else(|| "–".to_owned(), |day| locale.date(day_of(outcome, day)))
            }));
            let last = run.series.last().copied().unwrap_or([0; GROUPS]);
            row.extend([
                locale.decimal(per_100(last[group], outcome.population[group]), 1),
                locale.decimal(per_100(last[WORLD], outcome.population[WORLD]), 1),
                doses(run.doses.administered),
                doses(run.doses.expired),
                doses(run.doses.shared),
            ]);
            row
        })
        .collect();
    Results {
        figure,
        outcomes: Table {
            caption: locale.with("simulate-outcomes", &[("group", text(group_name))]),
            header,
            rows,
        },
        note: locale.with("simulate-note", &[("date", text(end_text))]),
    }
}

/// `GET /simulate?booster_per_100=&keep_per_100=&lead_time_days=&min_shelf_life_days=&group=`.
pub async fn page(State(state): State<AppState>, context: Context) -> Response {
    match page_or_error(&state, &context).await {
        Ok(response) | Err(response) => response,
    }
}

async fn page_or_error(state: &AppState, context: &Context) -> Result<Response, Response> {
    let base = base().await.map_err(IntoResponse::into_response)?;
    let locale = context.locale;
    let text = |value: String| Argument::Text(value);
    let query = |name: &str| context.query(name).map(str::to_owned);
    let (parameters, invalid) = parameters(query, base.defaults);
    let group_value = context.query("group");
    let group = match group_value {
        None => Some(0),
        Some(value) => GROUP_VALUES.iter().position(|known| *known == value),
    };
    let fields: Vec<Field> = FIELDS
        .iter()
        .map(|(name, label, hint, kind)| {
            let used = match *name {
                "booster_per_100" => number_text(parameters.booster_per_100),
                "keep_per_100" => number_text(parameters.keep_per_100),
                "lead_time_days" => parameters.lead_time_days.to_string(),
                _ => parameters.min_shelf_life_days.to_string(),
            };
            let error = if invalid.contains(name) {
                match kind {
                    Kind::Per100(most) => locale.with(
                        "simulate-error-number",
                        &[
                            ("low", text(locale.number(0))),
                            ("high", text(locale.decimal(*most, 0))),
                        ],
                    ),
                    Kind::Days(most) => locale.with(
                        "simulate-error-days",
                        &[
                            ("low", text(locale.number(0))),
                            ("high", text(locale.number(i64::from(*most)))),
                        ],
                    ),
                }
            } else {
                String::new()
            };
            Field {
                name,
                label: locale.t(label),
                hint: locale.with(
                    hint,
                    &[(
                        "primary",
                        text(locale.decimal(base.scenario.primary_per_100, 0)),
                    )],
                ),
                // What was typed stays, so that it can be corrected.
                value: context.query(name).map_or(used, str::to_owned),
                error,
                inputmode: match kind {
                    Kind::Per100(_) => "decimal",
                    Kind::Days(_) => "numeric",
                },
            }
        })
        .collect();
    let groups = GROUP_VALUES
        .iter()
        .zip(GROUP_NAMES)
        .enumerate()
        .map(|(index, (value, name))| GroupOption {
            value,
            text: locale.group(name),
            selected: group.unwrap_or(0) == index,
        })
        .collect();
    let valid = invalid.is_empty() && group.is_some();
    let mut notice = String::new();
    let results = match (valid, group) {
        (true, Some(group)) => match outcome(state, base, parameters, deadline(state)).await {
            Ok(outcome) => Some(results(locale, base, &outcome, group, parameters)),
            Err(Wait::Busy) => {
                notice = locale.t("simulate-busy");
                None
            }
            Err(Wait::Running) => {
                notice = locale.t("simulate-running");
                None
            }
            Err(Wait::Failed(error)) => return Err(error.into_response()),
        },
        _ => None,
    };
    let retry_href = format!(
        "/simulate?{}&group={}&lang={}",
        parameters.query(),
        GROUP_VALUES[group.unwrap_or(0)],
        context.lang().code()
    );
    let scenario = &base.scenario;
    let production: u64 = scenario
        .supply
        .iter()
        .map(|supply| supply.doses_per_month)
        .sum();
    let until = scenario.supply.iter().filter_map(|supply| supply.to).max();
    let held: f64 = scenario.holdings.iter().map(|holding| holding.share).sum();
    let heading = locale.t("simulate-title");
    let page =
        Simulate {
            frame: context.frame(heading.clone(), "simulate"),
            heading,
            lead: locale.with(
                "simulate-lead",
                &[
                    ("date", text(locale.date(scenario.start))),
                    (
                        "to",
                        text(locale.date(
                            scenario.start + chrono::Duration::days(i64::from(scenario.days)),
                        )),
                    ),
                ],
            ),
            assumptions: locale.with(
                "simulate-assumptions",
                &[
                    (
                        "doses",
                        text(locale.number(i64::try_from(production).unwrap_or(i64::MAX))),
                    ),
                    (
                        "date",
                        text(until.map_or_else(String::new, |day| locale.date(day))),
                    ),
                    (
                        "held",
                        text(locale.with(
                            "percent",
                            &[("value", text(locale.decimal(held * 100.0, 0)))],
                        )),
                    ),
                    ("primary", text(locale.decimal(scenario.primary_per_100, 0))),
                ],
            ),
            policies: scenario
                .policies
                .iter()
                .map(|policy| {
                    let (name, what) = policy_messages(policy.kind);
                    (locale.t(name), locale.t(what))
                })
                .collect(),
            form_title: locale.t("simulate-form"),
            summary: if valid {
                String::new()
            } else {
                locale.t("simulate-errors")
            },
            fields,
            group_label: locale.t("simulate-group"),
            group_error: if group.is_none() {
                locale.t("simulate-error-group")
            } else {
                String::new()
            },
            groups,
            submit: locale.t("simulate-run"),
            retry: if notice.is_empty() {
                String::new()
            } else {
                locale.t("simulate-retry")
            },
            notice,
            retry_href,
            results,
        };
    let waiting = !page.notice.is_empty();
    let mut response = render(context, &page);
    if response.status() == StatusCode::OK {
        if !valid {
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        } else if waiting {
            // The form and the way back stay; the figures come with the retry.
            *response.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECONDS));
        }
    }
    Ok(response)
}

/// `GET /simulate/coverage.csv?…`: the run's `coverage.csv`
/// (`policy,date,group,doses,population,per_100`, every day, group and policy), as
/// `equidose simulate --out` writes it; invalid values answer 422 naming them.
pub async fn coverage_csv(State(state): State<AppState>, context: Context) -> Response {
    let base = match base().await {
        Ok(base) => base,
        Err(error) => return error.into_response(),
    };
    let query = |name: &str| context.query(name).map(str::to_owned);
    let (parameters, invalid) = parameters(query, base.defaults);
    if !invalid.is_empty() {
        let errors = FIELDS
            .iter()
            .filter(|(name, ..)| invalid.contains(name))
            .map(|(name, _, _, kind)| {
                FieldError::new(
                    *name,
                    english_error(*kind, context.query(name).unwrap_or_default()),
                )
            })
            .collect();
        return ApiError::invalid_fields(errors).into_response();
    }
    match outcome(&state, base, parameters, deadline(&state)).await {
        Ok(outcome) => csv(
            "simulation-coverage.csv",
            simulator::output::coverage_csv(&outcome),
        ),
        Err(Wait::Busy) => come_back(&format!(
            "The simulator is running other readers' simulations; try again in {RETRY_AFTER_SECONDS} seconds."
        )),
        Err(Wait::Running) => come_back(&format!(
            "The simulation is still running and will be kept; try again in {RETRY_AFTER_SECONDS} seconds."
        )),
        Err(Wait::Failed(error)) => error.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEFAULTS: Parameters = Parameters {
        booster_per_100: 100.0,
        keep_per_100: 200.0,
        lead_time_days: 21,
        min_shelf_life_days: 70,
    };

    fn with<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (*value).to_owned())
        }
    }

    #[test]
    fn values_not_given_are_the_files_and_given_ones_are_checked_by_kind() {
        assert_eq!(parameters(with(&[]), DEFAULTS), (DEFAULTS, vec![]));
        let (read, invalid) = parameters(
            with(&[
                ("booster_per_100", " 50.5 "),
                ("keep_per_100", "0"),
                ("lead_time_days", "7"),
                ("min_shelf_life_days", "365"),
            ]),
            DEFAULTS,
        );
        assert!(invalid.is_empty());
        assert_eq!(
            read,
            Parameters {
                booster_per_100: 50.5,
                keep_per_100: 0.0,
                lead_time_days: 7,
                min_shelf_life_days: 365,
            }
        );
        let (_, invalid) = parameters(
            with(&[
                ("booster_per_100", "-1"),
                ("keep_per_100", "NaN"),
                ("lead_time_days", "2.5"),
                ("min_shelf_life_days", "366"),
            ]),
            DEFAULTS,
        );
        assert_eq!(
            invalid,
            vec![
                "booster_per_100",
                "keep_per_100",
                "lead_time_days",
                "min_shelf_life_days"
            ]
        );
        let (_, invalid) = parameters(
            with(&[("booster_per_100", ""), ("keep_per_100", "inf")]),
            DEFAULTS,
        );
        assert_eq!(invalid, vec!["booster_per_100", "keep_per_100"]);
    }

    #[test]
    fn zero_and_negative_zero_are_one_run() {
        let zero = Parameters {
            booster_per_100: 0.0,
            ..DEFAULTS
        };
        let (negative, _) = parameters(with(&[("booster_per_100", "-0")]), DEFAULTS);
        assert_eq!(negative.key(), zero.key());
    }

    #[test]
    fn the_cache_keeps_the_most_recently_used_runs() {
        let mut cache = Vec::new();
        let at = |days: u32| {
            Parameters {
                lead_time_days: days,
                ..DEFAULTS
            }
            .key()
        };
        let slot = || watch::channel(None).1;
        for days in 0..u32::try_from(CACHE_ENTRIES).unwrap() {
            keep(&mut cache, at(days), slot());
        }
        // The first is used again, so the second is now the least recently used.
        keep(&mut cache, at(0), slot());
        keep(&mut cache, at(100), slot());
        let kept: Vec<_> = cache.iter().map(|(key, _)| *key).collect();
        assert_eq!(kept.len(), CACHE_ENTRIES);
        assert!(kept.contains(&at(0)) && kept.contains(&at(100)));
        assert!(!kept.contains(&at(1)));
        assert_eq!(kept.last(), Some(&at(100)));
    }

    #[tokio::test]
    async fn a_reader_waits_for_a_run_under_way_and_not_past_the_deadline() {
        let outcome = Arc::new(Outcome {
            start: NaiveDate::from_ymd_opt(2021, 8, 4).unwrap(),
            days: 0,
            population: [0; GROUPS],
            policies: Vec::new(),
        });
        // Done: answered at once.
        let (sender, mut slot) = watch::channel(None);
        sender.send_replace(Some(outcome.clone()));
        assert!(wait(&mut slot, Duration::ZERO).await.is_ok());
        // Under way and never done here: the deadline answers.
        let (sender, mut slot) = watch::channel(None);
        assert!(matches!(
            wait(&mut slot, Duration::from_millis(1)).await,
            Err(Wait::Running)
        ));
        // Done while a reader waits.
        let mut waiting = slot.clone();
        let reader =
            tokio::spawn(async move { wait(&mut waiting, Duration::from_secs(3600)).await });
        sender.send_replace(Some(outcome));
        assert!(reader.await.unwrap().is_ok());
        // Failed: the run's end without an outcome.
        let (sender, mut slot) = watch::channel(None);
        drop(sender);
        assert!(matches!(
            wait(&mut slot, Duration::from_secs(3600)).await,
            Err(Wait::Failed(_))
        ));
    }
}
