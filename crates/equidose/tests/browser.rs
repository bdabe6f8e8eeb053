//! The public pages in a real browser (headless Chromium over WebDriver), each test on a
//! fresh `serve --demo`: every page is screenshotted (`browser-tests/screenshots/`) and
//! checked by axe-core on the way (see `harness`).

mod harness;

use fantoccini::Locator;
use harness::Harness;

/// Every public page of the demo.
const PAGES: [&str; 7] = [
    "/",
    "/countries",
    "/countries/TCD",
    "/rounds/1",
    "/pledges",
    "/meetings/1",
    "/simulate",
];

/// The languages of the pages.
const LANGUAGES: [&str; 7] = ["ar", "zh", "en", "fr", "ru", "es", "is"];

/// Text without fluent's isolation marks (U+2068, U+2069), as a reader sees it.
fn plain(text: &str) -> String {
    text.replace(['\u{2068}', '\u{2069}'], "")
}

#[tokio::test]
async fn the_dashboard_shows_the_demos_low_income_figure_and_the_apis_numbers() {
    let Some(mut browser) = Harness::start("dashboard").await else {
        return;
    };
    browser.visit("/?lang=en").await;
    let lead = plain(&browser.find(".lead").await.text().await.unwrap());
    assert_eq!(
        lead,
        "On August 4, 2021, low-income countries had given 1.48 doses per 100 people; high-income countries 97.50."
    );
    // The headline table holds the API's figures of that day, group by group.
    let api = browser.api("/api/v1/coverage?date=2021-08-04");
    let cells = browser.texts("#latest-heading ~ .table-box tbody td").await;
    let rows: Vec<&[String]> = cells.chunks(3).collect();
    assert_eq!(rows.len(), 5);
    for (row, figures) in rows.iter().zip(api.as_array().unwrap()) {
        let doses = figures["doses"].as_i64().unwrap();
        let per_100 = figures["per_100"].as_f64().unwrap();
        assert_eq!(row[0].replace(',', ""), doses.to_string(), "{figures}");
        assert_eq!(row[2], format!("{per_100:.2}"), "{figures}");
    }
    // The latest published round is listed and leads to its page.
    browser
        .find("a[href='/rounds/1']")
        .await
        .click()
        .await
        .unwrap();
    let visit = browser.check("/rounds/1 (clicked)").await;
    assert!(
        visit.source.contains("equidose allocate"),
        "{}",
        visit.source
    );
    browser.finish().await;
}

#[tokio::test]
async fn the_country_table_sorts_and_a_country_page_links_back() {
    let Some(mut browser) = Harness::start("countries").await else {
        return;
    };
    browser.visit("/countries?lang=en").await;
    let per_100 = |texts: Vec<String>| -> Vec<f64> {
        texts
            .iter()
            .filter_map(|text| text.replace(',', "").parse().ok())
            .collect()
    };
    // Sorting by doses per 100 people: ascending, then descending on a second click.
    browser
        .find("th a[href*='sort=per_100']")
        .await
        .click()
        .await
        .unwrap();
    browser.check("/countries sorted ascending").await;
    let ascending = per_100(browser.texts("table.countries tbody td:nth-child(4)").await);
    assert!(ascending.len() > 150, "{}", ascending.len());
    assert!(ascending.is_sorted(), "{ascending:?}");
    let header = browser.find("th[aria-sort]").await;
    assert_eq!(
        header.attr("aria-sort").await.unwrap().as_deref(),
        Some("ascending")
    );
    browser
        .find("th a[href*='sort=per_100']")
        .await
        .click()
        .await
        .unwrap();
    browser.check("/countries sorted descending").await;
    let descending = per_100(browser.texts("table.countries tbody td:nth-child(4)").await);
    assert!(descending.iter().rev().is_sorted(), "{descending:?}");
    // Filtering by income group leaves only that group.
    browser
        .visit("/countries?lang=en&group=low&sort=name&order=asc")
        .await;
    let groups = browser.texts("table.countries tbody td:nth-child(2)").await;
    assert!(!groups.is_empty());
    assert!(
        groups.iter().all(|group| group == "Low income"),
        "{groups:?}"
    );
    // A country's page, and back.
    browser
        .client
        .find(Locator::LinkText("Chad"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let chad = browser.check("/countries/TCD (clicked)").await;
    assert!(chad.source.contains("<h1>Chad</h1>"), "{}", chad.source);
    browser
        .find("main a[href='/countries']")
        .await
        .click()
        .await
        .unwrap();
    browser.check("/countries (back)").await;
    let url = browser.client.current_url().await.unwrap();
    assert_eq!(url.path(), "/countries");
    browser.finish().await;
}

#[tokio::test]
async fn arabic_is_right_to_left_french_writes_its_numbers_and_the_choice_is_remembered() {
    let Some(mut browser) = Harness::start("languages").await else {
        return;
    };
    browser.visit("/?lang=ar").await;
    let html = browser.find("html").await;
    assert_eq!(html.attr("dir").await.unwrap().as_deref(), Some("rtl"));
    assert_eq!(html.attr("lang").await.unwrap().as_deref(), Some("ar"));
    browser.visit("/?lang=fr").await;
    let main = plain(&browser.find("main").await.text().await.unwrap());
    assert!(main.contains("11\u{202f}453\u{202f}979"), "{main}");
    assert!(main.contains("1,48"), "{main}");
    // Remembered: the next page without `?lang=` is still French.
    browser.visit("/countries").await;
    let html = browser.find("html").await;
    assert_eq!(html.attr("lang").await.unwrap().as_deref(), Some("fr"));
    assert_eq!(html.attr("dir").await.unwrap().as_deref(), Some("ltr"));
    // The keyboard reaches the skip link first, and it leads to the content.
    browser
        .find("body")
        .await
        // U+E004 is WebDriver's Tab key.
        .send_keys("\u{e004}")
        .await
        .ok();
    let focused = browser
        .client
        .execute("return document.activeElement.className", vec![])
        .await
        .unwrap();
    assert_eq!(focused.as_str(), Some("skip"));
    browser.finish().await;
}

#[tokio::test]
async fn every_language_renders_every_public_page_without_a_missing_message() {
    let Some(mut browser) = Harness::start("every-page").await else {
        return;
    };
    for lang in LANGUAGES {
        for page in PAGES {
            let path = format!("{page}?lang={lang}");
            let visit = browser.visit(&path).await;
            assert!(
                !visit.source.contains('⟦'),
                "{path} shows a missing message"
            );
            assert!(
                visit.source.contains(&format!("<html lang=\"{lang}\"")),
                "{path}"
            );
            assert!(
                visit.source.len() < 100 * 1024,
                "{path}: {} bytes",
                visit.source.len()
            );
        }
    }
    browser.finish().await;
}

#[tokio::test]
async fn the_csv_behind_a_chart_equals_the_apis_figures() {
    let Some(mut browser) = Harness::start("csv").await else {
        return;
    };
    let visit = browser.visit("/?lang=en").await;
    assert!(visit.source.contains("href=\"/charts/coverage.csv\""));
    let csv = browser.get("/charts/coverage.csv");
    assert_eq!(csv.header("content-type"), Some("text/csv; charset=utf-8"));
    // The chart runs from the first report to the headline day, 4 August 2021.
    let first_day = csv.body.lines().nth(1).unwrap().split(',').nth(1).unwrap();
    let api = browser.api(&format!(
        "/api/v1/coverage/series?from={first_day}&to=2021-08-04"
    ));
    let last = csv.body.lines().last().unwrap();
    assert!(
        last.starts_with("World,2021-08-04,4328006548,7794798729,"),
        "{last}"
    );
    let mut lines = csv.body.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let rows: Vec<Vec<&str>> = lines.map(|line| line.split(',').collect()).collect();
    let api = api.as_array().unwrap();
    assert_eq!(rows.len(), api.len());
    for (row, figures) in rows.iter().zip(api) {
        for (name, cell) in header.iter().zip(row) {
            match &figures[*name] {
                serde_json::Value::Null => assert_eq!(*cell, "", "{name} of {figures}"),
                serde_json::Value::String(text) => assert_eq!(cell, text, "{name} of {figures}"),
                // The same number, however each writes it (`0` and `0.0`); serde_json's
                // default float parsing may land one unit in the last place away.
                number => {
                    let (csv, api) = (cell.parse::<f64>().unwrap(), number.as_f64().unwrap());
                    assert!(
                        (csv - api).abs() <= 1e-12 * api.abs().max(1.0),
                        "{name} of {figures}: {csv} in the CSV"
                    );
                }
            }
        }
    }
    let fulfilment = browser.get("/charts/fulfilment.csv").body;
    let api = browser.api("/api/v1/pledge-fulfilment");
    let expected: String = std::iter::once("donor,doses_pledged,doses_delivered".to_owned())
        .chain(api.as_array().unwrap().iter().map(|row| {
            format!(
                "{},{},{}",
                row["donor"].as_str().unwrap(),
                row["doses_pledged"],
                row["doses_delivered"]
            )
        }))
        .map(|line| line + "\n")
        .collect();
    assert_eq!(fulfilment, expected);
    browser.finish().await;
}

/// The round's state once the page's checker has finished (not `waiting` or `checking`).
const CHECK_DONE: &str = "#round-check:not([data-state='waiting']):not([data-state='checking'])";

#[tokio::test]
async fn a_round_page_checks_its_answer_and_certificate_in_the_browser() {
    let Some(mut browser) = Harness::start("round-check").await else {
        return;
    };
    // Without JavaScript the region says how to check with the command.
    let served = browser.get("/rounds/1?lang=en").body;
    assert!(
        served.contains(
            "run the command above.</p>\n</div>\n<script src=\"/assets/check.js\" defer></script>"
        ),
        "{served}"
    );
    let answer = browser.api("/api/v1/rounds/1/answer");
    let total = answer["total_doses"].as_u64().unwrap();
    assert!(total > 0, "{answer}");
    for (lang, checked) in [
        (
            "en",
            "Checked in your browser: the answer is feasible day by day",
        ),
        ("ar", "تم التحقق في متصفحك"),
        ("zh", "已在您的浏览器中核验"),
    ] {
        browser.visit(&format!("/rounds/1?lang={lang}")).await;
        // The script fetches three files and checks them: a bound, not a timing.
        let region = browser
            .client
            .wait()
            .at_most(std::time::Duration::from_secs(60))
            .for_element(Locator::Css(CHECK_DONE))
            .await
            .expect("the page's checker finishes");
        let text = plain(&region.text().await.unwrap());
        assert_eq!(
            region.attr("data-state").await.unwrap().as_deref(),
            Some("checked"),
            "{lang}: {text}"
        );
        assert!(text.starts_with(checked), "{lang}: {text}");
        assert_eq!(
            region.attr("data-doses").await.unwrap(),
            Some(total.to_string())
        );
        assert_eq!(
            region.attr("aria-live").await.unwrap().as_deref(),
            Some("polite")
        );
        // Screenshot, same-origin resources and axe once the verdict is on the page.
        browser
            .check(&format!("/rounds/1?lang={lang} (checked)"))
            .await;
    }
    // The same script on files that do not fit, loaded again as the page loads it: the
    // input given as the answer is refused with the checker's sentence, a missing
    // certificate is said to be unreachable.
    for (file, url, state, says) in [
        (
            "answer",
            "/api/v1/rounds/1/input",
            "failed",
            "the answer is not an answer's JSON: missing field `doses` in recipients[0]",
        ),
        (
            "certificate",
            "/api/v1/rounds/999/certificate",
            "unreachable",
            "/api/v1/rounds/999/certificate: 404",
        ),
    ] {
        browser.visit("/rounds/1?lang=en").await;
        // The page's own check first, so that its verdict cannot land after the new one.
        browser
            .client
            .wait()
            .at_most(std::time::Duration::from_secs(60))
            .for_element(Locator::Css(CHECK_DONE))
            .await
            .expect("the page's checker finishes");
        browser
            .client
            .execute(
                "const region = document.getElementById('round-check');
                 region.dataset[arguments[0]] = arguments[1];
                 region.dataset.state = 'waiting';
                 const script = document.createElement('script');
                 script.src = '/assets/check.js';
                 document.body.append(script);",
                vec![file.into(), url.into()],
            )
            .await
            .unwrap();
        let region = browser
            .client
            .wait()
            .at_most(std::time::Duration::from_secs(60))
            .for_element(Locator::Css(CHECK_DONE))
            .await
            .expect("the page's checker finishes");
        let text = plain(&region.text().await.unwrap());
        assert_eq!(
            region.attr("data-state").await.unwrap().as_deref(),
            Some(state),
            "{text}"
        );
        assert!(text.contains(says), "{text}");
        browser
            .check(&format!("/rounds/1 ({file} from {url})"))
            .await;
    }
    browser.finish().await;
}
