//! Fuzzes the simulator's inputs: the scenario file (`simulator::scenario::parse`, against a
//! small made-up extent of reference data) and a sweep's `KEY=A..B:STEP` argument
//! (`simulator::sweep::parse_axis`). Any text is read or refused without a panic; a refusal
//! names a line of the file; what is read holds the file's limits; an axis runs from A to B;
//! a small grid of the two writes scenarios that are read or refused, never a panic.
//!
//! The input is the scenario, then the byte 0xFF, then the axis argument.

#![no_main]

use std::collections::BTreeSet;

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use simulator::scenario::{DAYS_MAX, ENTRIES_MAX, Owner, Scenario};
use simulator::sweep::{self, Number, RUNS_MAX};
use simulator::{DataExtent, parse};

/// The most runs of a grid parsed per case, so that one case stays quick.
const RUNS_PARSED_MAX: usize = 4;

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(2, |byte| *byte == 0xFF);
    let scenario_text = std::str::from_utf8(parts.next().unwrap_or_default()).ok();
    let axis_text = parts
        .next()
        .and_then(|bytes| std::str::from_utf8(bytes).ok());
    let extent = extent();

    let scenario = scenario_text.and_then(|text| read(text, &extent));
    let Some(argument) = axis_text else {
        return;
    };
    let Ok(axis) = sweep::parse_axis(argument) else {
        return;
    };
    assert!(
        !axis.key.is_empty() && axis.key == axis.key.trim(),
        "{axis:?}"
    );
    assert!(
        (1..=RUNS_MAX).contains(&axis.values.len()),
        "{} values",
        axis.values.len()
    );
    let values: Vec<f64> = axis.values.iter().map(|value| as_f64(*value)).collect();
    assert!(
        values.iter().all(|value| value.is_finite()),
        "{argument:?}: {axis:?}"
    );
    assert!(
        values.windows(2).all(|pair| pair[0] <= pair[1]),
        "{argument:?}: the values go from A up to B"
    );

    let (Some(text), Some(_)) = (scenario_text, scenario) else {
        return;
    };
    if axis.values.len() > RUNS_PARSED_MAX {
        return;
    }
    if let Ok(runs) = sweep::grid(text, std::slice::from_ref(&axis)) {
        assert_eq!(runs.len(), axis.values.len());
        for run in &runs {
            let _ = read(&run.text, &extent);
        }
    }
});

/// Reads a scenario and checks what is read or why it is refused.
fn read(text: &str, extent: &DataExtent) -> Option<Scenario> {
    match parse("scenario.toml", text, extent) {
        Ok(scenario) => {
            check(&scenario, extent);
            Some(scenario)
        }
        Err(error) => {
            assert!(!error.reason.is_empty(), "{error}");
            if let Some(line) = error.line {
                // The error names a line of this file or, for a default, of the defaults.
                let lines = text.lines().count().max(1);
                assert!(
                    line >= 1 && (error.file != "scenario.toml" || line <= lines + 1),
                    "{error} in a file of {lines} lines"
                );
            }
            None
        }
    }
}

/// What every scenario that reads holds.
fn check(scenario: &Scenario, extent: &DataExtent) {
    let (first, last) = extent.days.expect("the extent has days");
    assert!(
        first <= scenario.start && scenario.start <= last,
        "{scenario:?}"
    );
    assert!(
        (1..=DAYS_MAX).contains(&i64::from(scenario.days)),
        "{scenario:?}"
    );
    for (count, name) in [
        (scenario.supply.len(), "supply"),
        (scenario.holdings.len(), "holdings"),
        (scenario.policies.len(), "policies"),
    ] {
        assert!(count <= ENTRIES_MAX, "{count} {name}");
    }
    assert!(!scenario.policies.is_empty(), "{scenario:?}");
    for number in [
        scenario.primary_per_100,
        scenario.booster_per_100,
        scenario.absorption_min_per_100_day,
        scenario.absorption_growth_per_month,
    ] {
        assert!(number.is_finite() && number >= 0.0, "{scenario:?}");
    }
    let mut shares = 0.0;
    for holding in &scenario.holdings {
        assert!(
            holding.share.is_finite() && holding.share >= 0.0,
            "{holding:?}"
        );
        shares += holding.share;
        if let Owner::Country(code) = &holding.owner {
            assert!(extent.countries.contains(code), "{holding:?}");
        }
    }
    assert!(shares <= 1.0 + 1e-9, "holdings share {shares}");
    let names: BTreeSet<&str> = scenario
        .policies
        .iter()
        .map(|policy| policy.name.as_str())
        .collect();
    assert_eq!(
        names.len(),
        scenario.policies.len(),
        "policy names are unique"
    );
}

/// Reference data of a few countries over 2021, as the built-in snapshot has them.
fn extent() -> DataExtent {
    DataExtent {
        days: Some((
            NaiveDate::from_ymd_opt(2020, 12, 2).unwrap(),
            NaiveDate::from_ymd_opt(2021, 12, 31).unwrap(),
        )),
        countries: ["BRA", "COD", "DEU", "ETH", "FRA", "IND", "TCD", "USA"]
            .into_iter()
            .map(String::from)
            .collect(),
    }
}

fn as_f64(value: Number) -> f64 {
    match value {
        #[allow(clippy::cast_precision_loss, reason = "a comparison only")]
        Number::Integer(whole) => whole as f64,
        Number::Float(number) => number,
    }
}
