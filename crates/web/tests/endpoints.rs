//! The first endpoints on both backends: health, coverage (the same rows as the command line)
//! and parties with their pagination.

mod common;

use axum::http::StatusCode;
use chrono::NaiveDate;
use common::{app, get, load_snapshot};
use domain::coverage::Grouping;
use serde_json::{Value, json};
use store::store_test;

store_test! {
    async fn health_names_the_database(store: Store) {
        let expected = store.backend().name();
        let answer = get(&app(store), "/api/v1/health").await;
        assert_eq!(answer.status, StatusCode::OK);
        assert_eq!(answer.json(), json!({"status": "ok", "database": expected}));
    }
}

store_test! {
    async fn coverage_is_what_the_command_line_prints(store: Store) {
        load_snapshot(&store).await;
        let (_, last) = store.report_days().await.unwrap().unwrap();
        let app = app(store.clone());
        let day = NaiveDate::from_ymd_opt(2021, 6, 30).unwrap();
        let cases = [
            ("/api/v1/coverage".to_owned(), last, Grouping::IncomeGroup),
            ("/api/v1/coverage?by=income-group".to_owned(), last, Grouping::IncomeGroup),
            ("/api/v1/coverage?by=country".to_owned(), last, Grouping::Country),
            (format!("/api/v1/coverage?date={day}&by=country"), day, Grouping::Country),
            (format!("/api/v1/coverage?date={day}"), day, Grouping::IncomeGroup),
        ];
        for (uri, date, grouping) in cases {
            let answer = get(&app, &uri).await;
            assert_eq!(answer.status, StatusCode::OK, "{uri}");
            assert_eq!(answer.header("content-type"), Some("application/json"));
            // `equidose report coverage --format json` serializes these same rows (pretty;
            // this is the compact form). Compared as text: parsing floats back is not exact.
            let rows = store.coverage_on(date, grouping).await.unwrap();
            let expected = serde_json::to_string(&rows).unwrap();
            let body = String::from_utf8(answer.body.clone()).unwrap();
            assert!(body == expected, "{uri}: the rows differ from the command line's");
        }
    }
}

store_test! {
    async fn coverage_over_time_starts_from_the_reference_figures(store: Store) {
        load_snapshot(&store).await;
        let app = app(store.clone());
        let answer = get(&app, "/api/v1/coverage/series?from=2021-07-01&to=2021-07-31").await;
        assert_eq!(answer.status, StatusCode::OK);
        let rows = answer.json();
        let rows = rows.as_array().unwrap();
        assert_eq!(rows.len(), 31 * 5, "five rows a day: four income groups and the world");
        for day in [1, 15, 31] {
            let date = NaiveDate::from_ymd_opt(2021, 7, day).unwrap();
            let expected = store.coverage_on(date, Grouping::IncomeGroup).await.unwrap();
            let found: Vec<&Value> = rows.iter().filter(|row| row["date"] == json!(date)).collect();
            assert_eq!(found.len(), expected.len());
            for (row, expected) in found.iter().zip(&expected) {
                assert_eq!(row["group"], json!(expected.group));
                assert_eq!(row["doses"], json!(expected.doses));
                // No platform movements in the snapshot: the platform adds nothing yet.
                assert_eq!(row["doses_administered"], json!(expected.doses));
                assert_eq!(row["platform_doses_delivered"], json!(0));
                let per_100 = row["per_100"].as_f64().unwrap();
                assert!((per_100 - expected.per_100.unwrap()).abs() < 1e-9, "{row}");
            }
        }
        let low = get(&app, "/api/v1/coverage/series?from=2021-08-04&to=2021-08-04&group=Low%20income").await.json();
        assert_eq!(low.as_array().unwrap().len(), 1);
        let day = NaiveDate::from_ymd_opt(2021, 8, 4).unwrap();
        let expected = store.coverage_on(day, Grouping::IncomeGroup).await.unwrap();
        assert_eq!(low[0]["doses"], json!(expected[0].doses), "{low}");
        for (uri, field) in [
            ("/api/v1/coverage/series?from=2021-08-04&to=2021-08-01", "to"),
            ("/api/v1/coverage/series?from=2018-01-01&to=2021-08-01", "to"),
            ("/api/v1/coverage/series?from=2021-08-01&to=2021-08-02&group=Atlantis", "group"),
            ("/api/v1/coverage/series?from=2021-08-32", "from"),
        ] {
            let answer = get(&app, uri).await;
            assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{uri}");
            assert_eq!(answer.json()["errors"][0]["field"], json!(field), "{uri}");
        }
    }
}

store_test! {
    async fn pages_walk_every_party_once_in_order(store: Store) {
        load_snapshot(&store).await;
        let countries = store.countries().await.unwrap();
        assert!(countries.len() > 200, "the snapshot has every country");
        let app = app(store);
        for limit in [1, 7, 100, 500] {
            let mut uri = format!("/api/v1/parties?limit={limit}");
            let mut codes = Vec::new();
            let mut pages = 0;
            loop {
                let answer = get(&app, &uri).await;
                assert_eq!(answer.status, StatusCode::OK, "{uri}");
                let page = answer.json();
                let page = page.as_array().expect("a page is an array");
                assert!(page.len() <= limit && !page.is_empty(), "{uri}");
                codes.extend(page.iter().map(|party| party["code"].as_str().unwrap().to_owned()));
                pages += 1;
                let (Some(link), Some(cursor)) = (answer.header("link"), answer.header("next-cursor")) else {
                    assert!(answer.header("link").is_none() && answer.header("next-cursor").is_none());
                    break;
                };
                assert_eq!(cursor, codes.last().unwrap());
                let next = link
                    .strip_prefix('<')
                    .and_then(|rest| rest.strip_suffix(">; rel=\"next\""))
                    .unwrap_or_else(|| panic!("a next link: {link}"));
                assert_eq!(next, format!("/api/v1/parties?cursor={cursor}&limit={limit}"));
                uri = next.to_owned();
            }
            let expected: Vec<String> = countries.iter().map(|country| country.code.to_string()).collect();
            assert_eq!(codes, expected, "limit {limit}");
            assert_eq!(pages, expected.len().div_ceil(limit), "limit {limit}");
        }
        // The default page holds 100.
        let answer = get(&app, "/api/v1/parties").await;
        assert_eq!(answer.json().as_array().unwrap().len(), 100);
        // Past the last code: an empty page, no link.
        let answer = get(&app, "/api/v1/parties?cursor=ZZZ").await;
        assert_eq!(answer.json(), json!([]));
        assert!(answer.header("link").is_none());
    }
}

store_test! {
    async fn a_party_by_code(store: Store) {
        load_snapshot(&store).await;
        let answer = get(&app(store), "/api/v1/parties/ETH").await;
        assert_eq!(answer.status, StatusCode::OK);
        let party: Value = answer.json();
        assert_eq!(party["code"], "ETH");
        assert_eq!(party["kind"], "country");
        assert_eq!(party["name"], "Ethiopia");
        assert_eq!(party["income_group"], "Low income");
        assert!(party["population"].as_i64().unwrap() > 100_000_000);
    }
}
