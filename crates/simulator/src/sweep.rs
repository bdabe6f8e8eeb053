//! `--sweep KEY=A..B:STEP`: a grid of scenarios, each the file with some values replaced,
//! run in parallel, one row per run and policy in `sweep.csv`.
//!
//! Each run's scenario is the file's text with the grid's values written in and read by the
//! same parser as a single run, so a sweep's run and the single run of that text are the same
//! computation: the sweep reproduces them exactly, whatever the number of threads (rayon
//! only decides which thread runs which; results are put back in grid order). Every run is
//! parsed and checked before any runs.

use domain::country::ReferenceData;
use rayon::prelude::*;
use std::fmt::Write as _;

use crate::output::{THRESHOLDS_PER_100, reached};
use crate::scenario::{DataExtent, ScenarioError, parse};
use crate::world::{GROUP_NAMES, World};
use crate::{Outcome, simulate_world};

/// Most runs in one sweep.
pub const RUNS_MAX: usize = 100_000;

/// One axis of the grid: a key path of the file and its values.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    /// Key path, like `days` or `policies[1].keep_per_100`.
    pub key: String,
    /// Values, from A to B by STEP.
    pub values: Vec<Number>,
}

/// A value of the grid: written as a TOML integer when it is whole and the grid's bounds
/// and step are, as a float otherwise.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    /// A whole number.
    Integer(i64),
    /// Any other number.
    Float(f64),
}

impl std::fmt::Display for Number {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Number::Integer(value) => write!(formatter, "{value}"),
            Number::Float(value) => write!(formatter, "{value}"),
        }
    }
}

/// Why a sweep cannot run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SweepError {
    /// The `--sweep` argument does not read.
    #[error("--sweep {argument:?}: {reason}")]
    Argument {
        /// The argument as given.
        argument: String,
        /// What is wrong.
        reason: String,
    },
    /// One run's scenario is refused.
    #[error("run {run} ({settings}): {error}")]
    Scenario {
        /// The run's index in the grid.
        run: usize,
        /// Its values, `key=value, …`.
        settings: String,
        /// Why its scenario is refused.
        error: ScenarioError,
    },
}

/// Reads `KEY=A..B:STEP`.
pub fn parse_axis(argument: &str) -> Result<Axis, SweepError> {
    let refuse = |reason: &str| SweepError::Argument {
        argument: argument.to_owned(),
        reason: reason.to_owned(),
    };
    let (key, range) = argument
        .split_once('=')
        .ok_or_else(|| refuse("write KEY=A..B:STEP, like lead_time_days=7..42:7"))?;
    let (bounds, step) = range
        .split_once(':')
        .ok_or_else(|| refuse("write KEY=A..B:STEP, like lead_time_days=7..42:7"))?;
    let (from, to) = bounds
        .split_once("..")
        .ok_or_else(|| refuse("write KEY=A..B:STEP, like lead_time_days=7..42:7"))?;
    let key = key.trim();
    if key.is_empty() {
        return Err(refuse("the key is empty"));
    }
    let integral = [from, to, step]
        .iter()
        .all(|text| text.trim().parse::<i64>().is_ok());
    let number = |text: &str| -> Result<f64, SweepError> {
        text.trim()
            .replace('_', "")
            .parse::<f64>()
            .ok()
            .filter(|value| value.is_finite())
            .ok_or_else(|| refuse(&format!("{:?} is not a number", text.trim())))
    };
    let (from, to, step) = (number(from)?, number(to)?, number(step)?);
    if step <= 0.0 {
        return Err(refuse("the step must be greater than 0"));
    }
    if to < from {
        return Err(refuse("B must not be less than A"));
    }
    let count = ((to - from) / step + 1e-9).floor() + 1.0;
    #[allow(clippy::cast_precision_loss, reason = "a small constant")]
    if count > RUNS_MAX as f64 {
        return Err(refuse(&format!("more than {RUNS_MAX} values")));
    }
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "checked to be from 1 to RUNS_MAX"
    )]
    let count = count as usize;
    let values = (0..count)
        .map(|index| {
            #[allow(clippy::cast_precision_loss, reason = "at most RUNS_MAX")]
            let value = from + index as f64 * step;
            if integral {
                #[allow(clippy::cast_possible_truncation, reason = "whole bounds and step")]
                Number::Integer(value.round() as i64)
            } else {
                // Decimal steps add up with binary rounding: keep 9 decimals.
                Number::Float((value * 1e9).round() / 1e9)
            }
        })
        .collect();
    Ok(Axis {
        key: key.to_owned(),
        values,
    })
}

/// One run of the grid: its values and its scenario's text.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// The value of each axis, in the axes' order.
    pub values: Vec<Number>,
    /// The file's text with those values written in.
    pub text: String,
}

/// The grid's runs, the first axis varying slowest.
pub fn grid(base: &str, axes: &[Axis]) -> Result<Vec<Run>, SweepError> {
    let total = axes
        .iter()
        .try_fold(1usize, |total, axis| total.checked_mul(axis.values.len()))
        .filter(|&total| total <= RUNS_MAX)
        .ok_or_else(|| SweepError::Argument {
            argument: axes
                .iter()
                .map(|axis| axis.key.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            reason: format!("the grid has more than {RUNS_MAX} runs"),
        })?;
    let document: toml::Table = base.parse().map_err(|_| SweepError::Argument {
        argument: String::new(),
        reason: "the scenario file does not parse".into(),
    })?;
    let mut runs = Vec::with_capacity(total);
    for index in 0..total {
        let mut rest = index;
        let mut values = vec![Number::Integer(0); axes.len()];
        for (slot, axis) in values.iter_mut().zip(axes).rev() {
            *slot = axis.values[rest % axis.values.len()];
            rest /= axis.values.len();
        }
        let mut table = document.clone();
        for (axis, value) in axes.iter().zip(&values) {
            set(&mut table, &axis.key, *value).map_err(|reason| SweepError::Argument {
                argument: axis.key.clone(),
                reason,
            })?;
        }
        let text = toml::to_string(&table).map_err(|error| SweepError::Argument {
            argument: String::new(),
            reason: format!("the scenario cannot be written back: {error}"),
        })?;
        runs.push(Run { values, text });
    }
    Ok(runs)
}

/// Writes a value at a key path (`a`, `a.b`, `a[1].b`).
fn set(table: &mut toml::Table, key: &str, value: Number) -> Result<(), String> {
    let segments: Vec<&str> = key.split('.').collect();
    let mut current = table;
    for (position, segment) in segments.iter().enumerate() {
        let last = position + 1 == segments.len();
        let (name, index) = match segment.split_once('[') {
            Some((name, rest)) => {
                let index = rest
                    .strip_suffix(']')
                    .and_then(|index| index.parse::<usize>().ok())
                    .ok_or_else(|| format!("{segment:?} is not a key or key[index]"))?;
                (name, Some(index))
            }
            None => (*segment, None),
        };
        match (index, last) {
            (None, true) => {
                let value = match (value, current.get(name)) {
                    (Number::Integer(whole), Some(toml::Value::Float(_))) =>
                    {
                        #[allow(clippy::cast_precision_loss, reason = "grid values are small")]
                        toml::Value::Float(whole as f64)
                    }
                    (Number::Integer(whole), _) => toml::Value::Integer(whole),
                    (Number::Float(number), _) => toml::Value::Float(number),
                };
                current.insert(name.to_owned(), value);
                return Ok(());
            }
            (None, false) => {
                current = current
                    .get_mut(name)
                    .and_then(toml::Value::as_table_mut)
                    .ok_or_else(|| format!("the file has no table {name:?}"))?;
            }
            (Some(index), false) => {
                current = current
                    .get_mut(name)
                    .and_then(toml::Value::as_array_mut)
                    .and_then(|array| array.get_mut(index))
                    .and_then(toml::Value::as_table_mut)
                    .ok_or_else(|| format!("the file has no {name}[{index}]"))?;
            }
            (Some(_), true) => return Err(format!("{key:?} names a table, not a value")),
        }
    }
    Err("the key is empty".into())
}

/// Parses every run, then runs them all in parallel; `progress` is called once per run
/// finished (from any thread). Outcomes are in grid order.
pub fn run(
    file: &str,
    runs: &[Run],
    axes: &[Axis],
    data: &ReferenceData,
    progress: &(dyn Fn() + Sync),
) -> Result<Vec<Outcome>, SweepError> {
    let extent = DataExtent::of(data);
    let scenarios = runs
        .iter()
        .enumerate()
        .map(|(index, run)| {
            parse(file, &run.text, &extent).map_err(|error| SweepError::Scenario {
                run: index,
                settings: settings(axes, &run.values),
                error,
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(scenarios
        .par_iter()
        .map(|scenario| {
            let world = World::new(data, scenario);
            let outcome = simulate_world(scenario, &world);
            progress();
            outcome
        })
        .collect())
}

fn settings(axes: &[Axis], values: &[Number]) -> String {
    axes.iter()
        .zip(values)
        .map(|(axis, value)| format!("{}={value}", axis.key))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `sweep.csv`: one row per run and policy: the run, its values, the policy, the day each
/// group row reaches each threshold, its coverage at the end and the dose account.
pub fn sweep_csv(axes: &[Axis], runs: &[Run], outcomes: &[Outcome]) -> String {
    let mut text = String::from("run");
    for axis in axes {
        write!(text, ",{}", csv_field(&axis.key)).ok();
    }
    text.push_str(",policy");
    for name in GROUP_NAMES {
        let slug = name.to_lowercase().replace(' ', "_");
        for threshold in THRESHOLDS_PER_100 {
            write!(text, ",{slug}_reaches_{threshold}").ok();
        }
        write!(text, ",{slug}_final_per_100").ok();
    }
    text.push_str(",produced,stock_at_start,administered,expired,in_stock,in_transit,shared\n");
    for (index, (run, outcome)) in runs.iter().zip(outcomes).enumerate() {
        for policy in &outcome.policies {
            write!(text, "{index}").ok();
            for value in &run.values {
                write!(text, ",{value}").ok();
            }
            write!(text, ",{}", csv_field(&policy.name)).ok();
            for (group, _) in GROUP_NAMES.iter().enumerate() {
                for threshold in THRESHOLDS_PER_100 {
                    let day = reached(policy, outcome.population[group], group, threshold)
                        .map(|day| {
                            (outcome.start
                                + chrono::Duration::days(i64::try_from(day).unwrap_or(0)))
                            .to_string()
                        })
                        .unwrap_or_default();
                    write!(text, ",{day}").ok();
                }
                let last = policy.series.last().map(|row| row[group]).unwrap_or(0);
                let people = outcome.population[group].max(1);
                #[allow(clippy::cast_precision_loss, reason = "doses and people below 2^52")]
                let per_100 = last as f64 * 100.0 / people as f64;
                write!(text, ",{per_100:.4}").ok();
            }
            let doses = &policy.doses;
            writeln!(
                text,
                ",{},{},{},{},{},{},{}",
                doses.produced,
                doses.stock_at_start,
                doses.administered,
                doses.expired,
                doses.in_stock,
                doses.in_transit,
                doses.shared
            )
            .ok();
        }
    }
    text
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}
