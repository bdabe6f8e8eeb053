//! Scenario tests of the OWID importer and the coverage it feeds, written as fixture folders.
//!
//! Each folder under `tests/fixtures/` holds the three input files; `check` imports them and
//! renders the summary, the data and the coverage on a few days as one text, snapshot-tested.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs::File;
use std::path::Path;

use chrono::NaiveDate;
use domain::country::ReferenceData;
use domain::coverage::{Grouping, coverage_on, last_reported_on};
use importer::owid::{Input, read_owid};

/// `data` written as the snapshot's files, expanded and read again: every row reads cleanly
/// and gives back the same countries and reports.
fn assert_snapshot_reads_back(data: &ReferenceData) {
    let files = importer::snapshot::render(data);
    let expanded = importer::snapshot::expand(&files.vaccinations).unwrap();
    let (again, again_summary) = read_owid(
        Input::new("vaccinations.csv", expanded.as_bytes()),
        Input::new("population.csv", files.population.as_bytes()),
        Input::new("income_groups.csv", files.income_groups.as_bytes()),
        &mut |_| {},
    )
    .unwrap();
    assert!(
        again_summary.bad_rows.is_empty(),
        "{:?}",
        again_summary.bad_rows
    );
    assert_eq!(again.countries, data.countries);
    assert_eq!(again.reports, data.reports);
}

fn check(case: &str, days: &[&str]) -> String {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(case);
    let open = |name: &str| {
        Input::new(
            format!("{case}/{name}"),
            File::open(folder.join(name)).unwrap(),
        )
    };
    let result = read_owid(
        open("vaccinations.csv"),
        open("population.csv"),
        open("income_groups.csv"),
        &mut |_| {},
    );
    let (data, summary) = match result {
        Ok(imported) => imported,
        Err(error) => return format!("error: {error}\n"),
    };
    let mut text = String::new();
    writeln!(
        text,
        "rows read {}, stored {}, skipped {} (aggregates {}, blank {})",
        summary.rows_read,
        summary.rows_stored,
        summary.rows_skipped,
        summary.aggregate_rows,
        summary.blank_rows
    )
    .unwrap();
    for row in &summary.bad_rows {
        writeln!(text, "bad row: {row}").unwrap();
    }
    for place in &summary.unclassified {
        writeln!(
            text,
            "unclassified: {} {}: {}",
            place.code, place.name, place.reason
        )
        .unwrap();
    }
    for country in &data.countries {
        writeln!(
            text,
            "country {} {:?} population {:?} group {:?}",
            country.code,
            country.name,
            country.population,
            country.income_group.map(|group| group.name())
        )
        .unwrap();
    }
    for report in &data.reports {
        writeln!(
            text,
            "report {} {} {}",
            report.country, report.date, report.total_doses
        )
        .unwrap();
    }
    for day in days {
        let day: NaiveDate = day.parse().unwrap();
        for grouping in [Grouping::IncomeGroup, Grouping::Country] {
            match coverage(&data, day, grouping) {
                Ok(lines) => text.push_str(&lines),
                Err(error) => writeln!(text, "coverage {day} {grouping:?}: {error}").unwrap(),
            }
        }
    }
    text
}

fn coverage(data: &ReferenceData, day: NaiveDate, grouping: Grouping) -> Result<String, String> {
    let mut series: BTreeMap<_, Vec<(NaiveDate, i64)>> = BTreeMap::new();
    for report in &data.reports {
        series
            .entry(report.country.clone())
            .or_default()
            .push((report.date, report.total_doses));
    }
    let totals = series
        .into_iter()
        .filter_map(|(code, reports)| last_reported_on(&reports, day).map(|total| (code, total)))
        .collect();
    let rows = coverage_on(
        day,
        grouping,
        &data.countries,
        &data.group_populations,
        &totals,
    )
    .map_err(|error| error.to_string())?;
    Ok(rows
        .iter()
        .map(|row| {
            format!(
                "coverage {} {:<20} doses {:>8} population {:>12} per_100 {}\n",
                row.date,
                row.group,
                row.doses,
                row.population
                    .map_or("-".into(), |population| population.to_string()),
                row.per_100
                    .map_or("-".into(), |per_100| format!("{per_100:.4}")),
            )
        })
        .collect())
}

#[test]
fn aggregates_and_the_uk_nations_are_never_counted_twice() {
    // Days: before any report, between two UK reports (carried forward, not interpolated), after.
    insta::assert_snapshot!(check(
        "aggregates_and_nations",
        &["2020-12-31", "2021-01-04", "2021-01-09"]
    ));
}

#[test]
fn every_bad_row_is_reported_with_file_and_line_and_good_rows_are_kept() {
    insta::assert_snapshot!(check("bad_rows", &["2021-06-07"]));
}

#[test]
fn places_are_joined_by_code_then_name_and_the_unjoinable_are_named() {
    insta::assert_snapshot!(check("joins", &["2021-03-02"]));
}

#[test]
fn a_file_without_a_needed_column_is_refused_whole() {
    insta::assert_snapshot!(check("missing_column", &[]));
}

#[test]
fn the_builtin_snapshot_reads_cleanly() {
    let (data, summary) = importer::snapshot::builtin().unwrap();
    assert!(summary.bad_rows.is_empty(), "{:?}", summary.bad_rows);
    assert!(
        data.countries.len() > 200,
        "only {} countries",
        data.countries.len()
    );
    assert_eq!(
        data.group_populations.len(),
        5,
        "{:?}",
        data.group_populations
    );
}

/// Found by the `owid_csv` fuzz target: a quoted name holding a line break was kept, and the
/// snapshot, which writes a name at the end of its line, then could not be read back.
#[test]
fn fuzz_owid_csv_a_name_with_a_line_break_is_a_bad_row_and_the_snapshot_reads_back() {
    let vaccinations = "location,iso_code,date,total_vaccinations\n\
                        \"Bonaire\nSaba\",BES,2021-03-02,20\n\
                        Niue,NIU,2021-03-01,50\n";
    let population = "entity,iso_code,year,population\nNiue,NIU,2020,1626\n";
    let income_groups = "Country,Year,Income group\nNiue,2021,High income\n";
    let (data, summary) = read_owid(
        Input::new("vaccinations.csv", vaccinations.as_bytes()),
        Input::new("population.csv", population.as_bytes()),
        Input::new("income_groups.csv", income_groups.as_bytes()),
        &mut |_| {},
    )
    .unwrap();
    assert_eq!(
        summary
            .bad_rows
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        [
            "vaccinations.csv:2: location: \"Bonaire\\nSaba\" holds a line break or another control character"
        ]
    );
    let codes: Vec<&str> = data
        .countries
        .iter()
        .map(|country| country.code.as_str())
        .collect();
    assert_eq!(codes, ["NIU"]);

    assert_snapshot_reads_back(&data);
}

/// Found by the `owid_csv` fuzz target: a step of the compact snapshot that jumps past the
/// last representable day, or that takes the total past `i64`, panicked in `expand`.
#[test]
fn fuzz_owid_csv_a_snapshot_step_out_of_range_is_refused_with_its_line() {
    let expand = importer::snapshot::expand;
    assert_eq!(
        expand("iso_code,totals,location\nNIU,2021-03-01 50 99999999999999:1,Niue\n"),
        Err((
            2,
            "\"99999999999999:1\" steps to a day no date can name".to_owned()
        ))
    );
    assert_eq!(
        expand("NIU,2021-03-01 50 9223372036854775807,Niue\n"),
        Err((
            1,
            "\"9223372036854775807\" takes the total out of range".to_owned()
        ))
    );
    assert!(expand("NIU,2021-03-01 50 2:-10,Niue\n").is_ok());
}

/// Found by the `owid_csv` fuzz target in CI: a name starting with `#`, read from a quoted
/// field, was written unquoted at the start of a line of the files read back, where the
/// reader takes it for a comment, and the place was lost on the way back.
#[test]
fn fuzz_owid_csv_a_name_starting_with_a_hash_reads_back() {
    let vaccinations = "location,iso_code,date,total_vaccinations\n\
                        \"#Bonaire\",BES,2021-03-02,20\n\
                        Niue,NIU,2021-03-01,50\n";
    let population = "entity,iso_code,year,population\n\"#Bonaire\",BES,2020,26221\n";
    let income_groups = "Country,Year,Income group\n\"#Bonaire\",2021,High income\n";
    let (data, summary) = read_owid(
        Input::new("vaccinations.csv", vaccinations.as_bytes()),
        Input::new("population.csv", population.as_bytes()),
        Input::new("income_groups.csv", income_groups.as_bytes()),
        &mut |_| {},
    )
    .unwrap();
    assert!(summary.bad_rows.is_empty(), "{:?}", summary.bad_rows);
    assert_eq!(data.countries.len(), 2);
    assert_snapshot_reads_back(&data);
}
