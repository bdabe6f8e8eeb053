//! The coverage sources' reference part kept in memory between imports, on both backends:
//! what it answers equals a fresh read, and an import (even by another process: the version
//! is in the database) is seen by the next read.

use app::App;
use app::coverage::{sources, sources_cached};
use chrono::NaiveDate;
use domain::country::{CountryCode, DoseReport};
use store::store_test;

async fn compared(app: &App) -> (i64, i64) {
    let reference = &app.reference;
    app.read(|tx| async move {
        let cached = sources_cached(&tx, reference).await?;
        let fresh = sources(&tx).await?;
        assert_eq!(cached.reports, fresh.reports);
        assert_eq!(cached.countries, fresh.countries);
        assert_eq!(cached.group_populations, fresh.group_populations);
        let chad = CountryCode::parse("TCD").unwrap();
        Ok((
            i64::try_from(cached.reports[&chad].len()).unwrap(),
            cached.reports[&chad].last().unwrap().1,
        ))
    })
    .await
    .unwrap()
}

store_test! {
    async fn an_import_is_seen_by_the_next_read(store: Store) {
        let (mut data, _) = importer::snapshot::builtin().unwrap();
        store.import_reference_data(&data).await.unwrap();
        let app = App::new(store.clone());
        let (days, last) = compared(&app).await;
        // Read again: from memory, the same.
        assert_eq!(compared(&app).await, (days, last));
        // Chad reports a new day, imported by someone else (another App, as another process
        // would): this App's next read sees it.
        let chad = CountryCode::parse("TCD").unwrap();
        data.reports.retain(|report| report.country == chad);
        data.reports.push(DoseReport {
            country: chad,
            date: NaiveDate::from_ymd_opt(2021, 12, 31).unwrap(),
            total_doses: last + 1_000,
        });
        App::new(store.clone()).store.import_reference_data(&data).await.unwrap();
        assert_eq!(compared(&app).await, (days + 1, last + 1_000));
    }
}
