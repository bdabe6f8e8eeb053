//! Fuzzes the OWID importer and the snapshot's compact format: any three files must import
//! or be refused without a panic, and an import must hold what the importer promises.
//!
//! The input is the three files one after the other, split by the byte 0xFF (never in
//! UTF-8 text, so the files' own bytes stay free): vaccinations, population, income groups.
//! The first part is also read as the snapshot's compact vaccinations file
//! (`importer::snapshot::expand`); when it expands, the expansion is imported too, and every
//! import is written back as a snapshot (`render`) and read again: the same countries and,
//! carried forward, the same totals.

#![no_main]

use std::collections::{BTreeMap, BTreeSet};

use domain::country::ReferenceData;
use importer::owid::{ImportSummary, Input, read_owid};
use importer::snapshot::{SnapshotFiles, expand, render};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(3, |byte| *byte == 0xFF);
    let vaccinations = parts.next().unwrap_or_default();
    let population = parts.next().unwrap_or_default();
    let income_groups = parts.next().unwrap_or_default();

    if let Some(dataset) = import(vaccinations, population, income_groups) {
        round_trip(&dataset);
    }
    let Ok(compact) = std::str::from_utf8(vaccinations) else {
        return;
    };
    match expand(compact) {
        Ok(expanded) => {
            assert!(expanded.starts_with("location,iso_code,date,total_vaccinations\n"));
            if let Some(dataset) = import(expanded.as_bytes(), population, income_groups) {
                round_trip(&dataset);
            }
        }
        Err((line, reason)) => {
            assert!(line >= 1, "a refused line is counted from 1");
            assert!(
                usize::try_from(line).unwrap() <= compact.lines().count(),
                "line {line} of {} lines: {reason}",
                compact.lines().count()
            );
            assert!(!reason.is_empty());
        }
    }
});

/// Imports the three files and checks the result; `None` when the import is refused.
fn import(vaccinations: &[u8], population: &[u8], income_groups: &[u8]) -> Option<ReferenceData> {
    let mut progress_bytes_last = 0;
    let result = read_owid(
        Input::new("vaccinations.csv", vaccinations),
        Input::new("population.csv", population),
        Input::new("income_groups.csv", income_groups),
        &mut |bytes| {
            assert!(bytes >= progress_bytes_last, "progress never goes back");
            progress_bytes_last = bytes;
        },
    );
    assert!(progress_bytes_last <= vaccinations.len() as u64);
    let (dataset, summary) = result.ok()?;
    check_import(&dataset, &summary);
    Some(dataset)
}

/// What every import holds, whatever its input.
fn check_import(dataset: &ReferenceData, summary: &ImportSummary) {
    let codes: BTreeSet<&str> = dataset
        .countries
        .iter()
        .map(|country| country.code.as_str())
        .collect();
    assert_eq!(codes.len(), dataset.countries.len(), "one entry per code");
    assert_eq!(summary.countries, dataset.countries.len() as u64);
    for country in &dataset.countries {
        assert!(!country.name.is_empty(), "{country:?}");
        assert!(
            country.population.is_none_or(|population| population > 0),
            "{country:?}"
        );
    }
    assert!(
        dataset
            .group_populations
            .values()
            .all(|population| *population > 0)
    );
    // Sorted by country then day, one total per country and day, never going down.
    for pair in dataset.reports.windows(2) {
        let (left, right) = (&pair[0], &pair[1]);
        assert!(
            (&left.country, left.date) < (&right.country, right.date),
            "{left:?} then {right:?}"
        );
        if left.country == right.country {
            assert!(left.total_doses <= right.total_doses, "{left:?} {right:?}");
        }
    }
    for report in &dataset.reports {
        assert!(report.total_doses >= 0, "{report:?}");
        assert!(codes.contains(report.country.as_str()), "{report:?}");
    }
    assert_eq!(summary.rows_stored, dataset.reports.len() as u64);
    let bad_vaccination_rows = summary
        .bad_rows
        .iter()
        .filter(|row| row.file == "vaccinations.csv")
        .count() as u64;
    assert_eq!(
        summary.rows_skipped,
        summary.aggregate_rows + summary.blank_rows + bad_vaccination_rows
    );
    assert!(summary.rows_stored + summary.rows_skipped <= summary.rows_read);
    for row in &summary.bad_rows {
        assert!(!row.reason.is_empty());
    }
}

/// The snapshot of an import, read back, gives the same countries and the same totals on
/// every day a total changed (the snapshot keeps only those days).
fn round_trip(dataset: &ReferenceData) {
    let SnapshotFiles {
        vaccinations,
        population,
        income_groups,
    } = render(dataset);
    let expanded = expand(&vaccinations).unwrap_or_else(|(line, reason)| {
        panic!("a rendered snapshot expands: line {line}: {reason}\n{vaccinations}")
    });
    let (again, _) = read_owid(
        Input::new("vaccinations.csv", expanded.as_bytes()),
        Input::new("population.csv", population.as_bytes()),
        Input::new("income_groups.csv", income_groups.as_bytes()),
        &mut |_| {},
    )
    .unwrap_or_else(|error| panic!("a rendered snapshot imports: {error}"));
    // The population and income-group files join places by name: when two places share a
    // name, the snapshot cannot say which is which (see the README's Fuzzing section), and
    // only the totals, written by code, are compared. Otherwise a place named only on rows
    // without a total has no line in the compact format and comes back through the other
    // two files when it is in both.
    let names: BTreeSet<&str> = dataset
        .countries
        .iter()
        .map(|country| country.name.as_str())
        .collect();
    if names.len() == dataset.countries.len() {
        let reporting: BTreeSet<&str> = dataset
            .reports
            .iter()
            .map(|report| report.country.as_str())
            .collect();
        let kept: Vec<_> = dataset
            .countries
            .iter()
            .filter(|country| {
                reporting.contains(country.code.as_str())
                    || (country.population.is_some() && country.income_group.is_some())
            })
            .cloned()
            .collect();
        assert_eq!(
            again.countries, kept,
            "the snapshot keeps every country that counts\n{vaccinations}\n{population}\n{income_groups}"
        );
    }
    let mut changes = Vec::new();
    let mut last: BTreeMap<&str, i64> = BTreeMap::new();
    for report in &dataset.reports {
        if last.insert(report.country.as_str(), report.total_doses) != Some(report.total_doses) {
            changes.push(report.clone());
        }
    }
    assert_eq!(
        again.reports, changes,
        "the snapshot keeps every change of total\n{vaccinations}"
    );
}
