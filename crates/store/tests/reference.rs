//! Conformance tests of reference data in the store, run by name on SQLite and PostgreSQL.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use domain::country::{Country, CountryCode, DoseReport, IncomeGroup, ReferenceData};
use domain::coverage::Grouping;
use sqlx::Connection;
use store::{Store, StoreError, store_test};

fn code(text: &str) -> CountryCode {
    CountryCode::parse(text).unwrap()
}

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// Each country's cumulative doses reported on or before `date`.
async fn totals_on(store: &Store, date: NaiveDate) -> BTreeMap<CountryCode, i64> {
    store
        .read(|tx| async move { tx.totals_on(date).await })
        .await
        .unwrap()
}

fn report(country: &str, date: &str, total_doses: i64) -> DoseReport {
    DoseReport {
        country: code(country),
        date: day(date),
        total_doses,
    }
}

fn country(code_text: &str, population: Option<i64>, group: Option<IncomeGroup>) -> Country {
    Country {
        code: code(code_text),
        name: format!("Country {code_text}"),
        population,
        income_group: group,
    }
}

/// Two low-income countries and one high-income one; Niue is unclassified but in the world.
fn sample() -> ReferenceData {
    ReferenceData {
        countries: vec![
            country("ETH", Some(1_000), Some(IncomeGroup::Low)),
            country("TCD", Some(500), Some(IncomeGroup::Low)),
            country("GBR", Some(2_000), Some(IncomeGroup::High)),
            country("NIU", Some(10), None),
        ],
        group_populations: BTreeMap::from([
            ("World".to_owned(), 4_000),
            ("Low-income countries".to_owned(), 1_500),
            ("Lower-middle-income countries".to_owned(), 100),
            ("Upper-middle-income countries".to_owned(), 100),
            ("High-income countries".to_owned(), 2_000),
        ]),
        reports: vec![
            report("ETH", "2021-03-01", 10),
            report("ETH", "2021-03-08", 40),
            report("GBR", "2021-01-01", 500),
            report("GBR", "2021-03-05", 1_500),
            report("NIU", "2021-03-02", 5),
        ],
    }
}

store_test! {
    async fn importing_twice_leaves_the_same_state(store: Store) {
        let data = sample();
        store.import_reference_data(&data).await.unwrap();
        let first = store.reference_data().await.unwrap();
        store.import_reference_data(&data).await.unwrap();
        let second = store.reference_data().await.unwrap();
        assert_eq!(first, second);
        assert_eq!(first.reports.len(), 5);
        assert_eq!(first.countries.len(), 4);
        let mut sorted = data.countries.clone();
        sorted.sort_by(|left, right| left.code.cmp(&right.code));
        assert_eq!(first.countries, sorted);
    }
}

store_test! {
    async fn a_reimport_replaces_each_countrys_reports(store: Store) {
        store.import_reference_data(&sample()).await.unwrap();
        let mut corrected = sample();
        corrected.reports.retain(|report| report.country.as_str() != "ETH");
        corrected.reports.push(report("ETH", "2021-03-08", 45));
        store.import_reference_data(&corrected).await.unwrap();
        let totals = totals_on(&store, day("2021-03-31")).await;
        assert_eq!(totals.get(&code("ETH")), Some(&45));
        assert_eq!(totals_on(&store, day("2021-03-01")).await.get(&code("ETH")), None);
    }
}

store_test! {
    async fn a_failed_import_leaves_the_store_as_it_was(store: Store) {
        store.import_reference_data(&sample()).await.unwrap();
        let before = store.reference_data().await.unwrap();
        // The last report names a country the import does not define: the database refuses
        // it after everything else was written, and the whole import must roll back.
        let mut broken = sample();
        broken.countries[0].population = Some(9_999);
        broken.reports.push(report("ZZZ", "2021-03-01", 1));
        let error = store.import_reference_data(&broken).await.unwrap_err();
        assert!(matches!(error, StoreError::Database(_)), "{error}");
        assert_eq!(store.reference_data().await.unwrap(), before);
    }
}

store_test! {
    async fn totals_carry_the_last_report_forward(store: Store) {
        store.import_reference_data(&sample()).await.unwrap();
        let on = |date: &'static str| {
            let store = store.clone();
            async move { totals_on(&store, day(date)).await }
        };
        assert!(on("2020-12-31").await.is_empty());
        assert_eq!(on("2021-03-01").await, BTreeMap::from([(code("ETH"), 10), (code("GBR"), 500)]));
        assert_eq!(
            on("2021-03-07").await,
            BTreeMap::from([(code("ETH"), 10), (code("GBR"), 1_500), (code("NIU"), 5)])
        );
        assert_eq!(on("2022-01-01").await.get(&code("ETH")), Some(&40));
        assert_eq!(store.report_days().await.unwrap(), Some((day("2021-01-01"), day("2021-03-08"))));
    }
}

store_test! {
    async fn coverage_divides_groups_by_their_own_population_row(store: Store) {
        store.import_reference_data(&sample()).await.unwrap();
        let rows = store.coverage_on(day("2021-03-07"), Grouping::IncomeGroup).await.unwrap();
        let summary: Vec<(String, i64, Option<i64>)> =
            rows.iter().map(|row| (row.group.clone(), row.doses, row.population)).collect();
        assert_eq!(
            summary,
            vec![
                ("Low income".to_owned(), 10, Some(1_500)),
                ("Lower middle income".to_owned(), 0, Some(100)),
                ("Upper middle income".to_owned(), 0, Some(100)),
                ("High income".to_owned(), 1_500, Some(2_000)),
                // The world counts Niue although no income group does.
                ("World".to_owned(), 1_515, Some(4_000)),
            ]
        );
        assert_eq!(rows[3].per_100, Some(75.0));
        let by_country = store.coverage_on(day("2021-03-07"), Grouping::Country).await.unwrap();
        let tcd = by_country.iter().find(|row| row.group == "TCD").unwrap();
        assert_eq!((tcd.doses, tcd.per_100), (0, Some(0.0)));
    }
}

async fn reopen_keeps_data_and_applies_no_migration_twice(backend: store::Backend) {
    let Some(database) = store::testing::TestDatabase::create(backend).await else {
        return;
    };
    let store = database.open().await;
    store.import_reference_data(&sample()).await.unwrap();
    let before = store.reference_data().await.unwrap();
    store.close().await;
    let store = database.open().await;
    assert_eq!(store.reference_data().await.unwrap(), before);
    // The store has no door for reading its own bookkeeping: read it on a connection of
    // our own to the same database.
    let mut connection = sqlx::AnyConnection::connect(&database.url).await.unwrap();
    let versions: Vec<i64> =
        sqlx::query_scalar("SELECT version FROM schema_migrations ORDER BY version")
            .fetch_all(&mut connection)
            .await
            .unwrap();
    connection.close().await.unwrap();
    let mut distinct = versions.clone();
    distinct.dedup();
    assert_eq!(versions, distinct);
    assert_eq!(versions.first(), Some(&1));
    store.close().await;
    database.remove().await;
}

mod reopen_keeps_data_and_applies_no_migration_twice {
    #[tokio::test]
    async fn sqlite() {
        super::reopen_keeps_data_and_applies_no_migration_twice(store::Backend::Sqlite).await;
    }

    #[tokio::test]
    async fn postgres() {
        super::reopen_keeps_data_and_applies_no_migration_twice(store::Backend::Postgres).await;
    }
}

#[tokio::test]
async fn a_database_from_a_newer_program_is_refused() {
    let Some(database) = store::testing::TestDatabase::create(store::Backend::Sqlite).await else {
        return;
    };
    let store = database.open().await;
    store::testing::execute_raw(
        &store,
        "INSERT INTO schema_migrations (version, name) VALUES (9999, 'from the future')",
    )
    .await
    .unwrap();
    store.close().await;
    let error = Store::open(&database.url).await.unwrap_err().to_string();
    assert!(
        error.starts_with("the database has migration 9999, newer than this program knows (")
            && error.ends_with("); run a newer equidose against it"),
        "{error}"
    );
    database.remove().await;
}

#[tokio::test]
async fn an_unknown_database_url_is_refused_with_the_forms_that_work() {
    let error = Store::open("mysql://root@localhost/equidose")
        .await
        .unwrap_err();
    insta::assert_snapshot!(error.to_string());
}
