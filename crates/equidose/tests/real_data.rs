//! The importer and the coverage report on the real August 2021 files in `../shared/data`.

mod support;

use std::collections::BTreeMap;
use std::fs::File;

use chrono::NaiveDate;
use domain::country::ReferenceData;
use domain::coverage::{Grouping, coverage_on, last_reported_on};
use importer::owid::{Input, read_owid};
use store::testing::TestDatabase;
use support::{equidose, real_data};

const DAYS: [&str; 5] = [
    "2021-01-15",
    "2021-03-01",
    "2021-05-03",
    "2021-06-30",
    "2021-08-04",
];

fn import_args(folder: &std::path::Path) -> Vec<String> {
    let path = |name: &str| folder.join(name).display().to_string();
    vec![
        "import".into(),
        "owid".into(),
        "--vaccinations".into(),
        path("vaccinations.csv"),
        "--population".into(),
        path("population_2020.csv"),
        "--income-groups".into(),
        path("income_groups.csv"),
    ]
}

fn report_json(database: &str, date: &str, by: &str) -> Vec<serde_json::Value> {
    let run = equidose(
        database,
        &[
            "report", "coverage", "--date", date, "--by", by, "--format", "json",
        ],
        "",
    );
    assert!(run.success, "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

#[tokio::test]
async fn the_real_files_import_cleanly_and_give_the_same_report_on_both_backends() {
    let Some(folder) = real_data() else { return };
    let args = import_args(&folder);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let mut reports = Vec::new();
    for backend in [store::Backend::Sqlite, store::Backend::Postgres] {
        let Some(database) = TestDatabase::create(backend).await else {
            continue;
        };
        let first = equidose(&database.url, &args, "");
        assert!(first.success, "{}", first.stderr);
        // A second import of the same files changes nothing.
        let second = equidose(&database.url, &args, "");
        assert_eq!(first.stdout, second.stdout);
        let report: Vec<_> = DAYS
            .iter()
            .flat_map(|day| report_json(&database.url, day, "income-group"))
            .collect();
        let countries = report_json(&database.url, "2021-08-04", "country");
        let summary = first.stdout.replace(&database.url, "[DATABASE]");
        reports.push((backend, summary, report, countries));
        database.remove().await;
    }
    let (_, summary, income_groups, countries) = &reports[0];
    insta::assert_snapshot!("import_summary", summary);
    insta::assert_json_snapshot!("coverage_by_income_group", income_groups);
    for (backend, other_summary, other, other_countries) in &reports[1..] {
        assert_eq!(other, income_groups, "{backend:?} disagrees with SQLite");
        assert_eq!(
            other_countries, countries,
            "{backend:?} disagrees with SQLite"
        );
        assert_eq!(other_summary.lines().next(), summary.lines().next());
    }

    // Anchors from outside the code: in early August 2021 low-income countries had given
    // about 1.5 doses per 100 people, high-income ones nearly 100, the world about 4.3 billion.
    let last: BTreeMap<&str, &serde_json::Value> = income_groups[income_groups.len() - 5..]
        .iter()
        .map(|row| (row["group"].as_str().unwrap(), row))
        .collect();
    let per_100 = |group: &str| last[group]["per_100"].as_f64().unwrap();
    assert!(
        (1.3..1.7).contains(&per_100("Low income")),
        "{}",
        per_100("Low income")
    );
    assert!(
        (90.0..105.0).contains(&per_100("High income")),
        "{}",
        per_100("High income")
    );
    let world = last["World"]["doses"].as_i64().unwrap();
    assert!((4_200_000_000..4_450_000_000).contains(&world), "{world}");
    // The countries' own figures add up to the world's; a country without any report by
    // then has none (`null`), not a zero it never reported.
    let sum: i64 = countries
        .iter()
        .filter_map(|row| row["doses"].as_i64())
        .sum();
    assert_eq!(sum, world);
    let unreported: Vec<&serde_json::Value> = countries
        .iter()
        .filter(|row| row["doses"].is_null())
        .collect();
    assert!(
        unreported
            .iter()
            .all(|row| row["per_100"].is_null() && row["name"].is_string()),
        "{unreported:?}"
    );
}

fn read(folder: &std::path::Path) -> ReferenceData {
    let open = |name: &str| Input::new(name.to_owned(), File::open(folder.join(name)).unwrap());
    let (data, summary) = read_owid(
        open("vaccinations.csv"),
        open("population_2020.csv"),
        open("income_groups.csv"),
        &mut |_| {},
    )
    .unwrap();
    assert!(summary.bad_rows.is_empty(), "{:?}", summary.bad_rows);
    data
}

fn totals(data: &ReferenceData, day: NaiveDate) -> BTreeMap<domain::country::CountryCode, i64> {
    let mut series: BTreeMap<_, Vec<(NaiveDate, i64)>> = BTreeMap::new();
    for report in &data.reports {
        series
            .entry(report.country.clone())
            .or_default()
            .push((report.date, report.total_doses));
    }
    series
        .into_iter()
        .filter_map(|(code, reports)| last_reported_on(&reports, day).map(|total| (code, total)))
        .collect()
}

#[test]
fn the_builtin_snapshot_gives_the_full_files_figures_on_every_day() {
    let Some(folder) = real_data() else { return };
    let full = read(&folder);
    let (snapshot, _) = importer::snapshot::builtin().unwrap();
    // The shipped snapshot is what the snapshot writer makes of these files today.
    let rendered = importer::snapshot::render(&full);
    let expanded = importer::snapshot::expand(&rendered.vaccinations).unwrap();
    let (reread, _) = read_owid(
        Input::new("vaccinations", expanded.as_bytes()),
        Input::new("population", rendered.population.as_bytes()),
        Input::new("income", rendered.income_groups.as_bytes()),
        &mut |_| {},
    )
    .unwrap();
    assert_eq!(
        reread, snapshot,
        "the shipped snapshot is stale: run `equidose snapshot write`"
    );
    let days = importer::snapshot::days(&full);
    assert!(days.len() > 200, "{} days", days.len());
    for day in days {
        for grouping in [Grouping::IncomeGroup, Grouping::Country] {
            let expected = coverage_on(
                day,
                grouping,
                &full.countries,
                &full.group_populations,
                &totals(&full, day),
            )
            .unwrap();
            let actual = coverage_on(
                day,
                grouping,
                &snapshot.countries,
                &snapshot.group_populations,
                &totals(&snapshot, day),
            )
            .unwrap();
            assert_eq!(actual, expected, "{day} {grouping:?}");
        }
    }
}
