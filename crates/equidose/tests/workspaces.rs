//! The signed-in workspaces in a real browser (headless Chromium over WebDriver), each test on
//! a fresh `serve --demo` signed in with the demo's passwords: every page is screenshotted
//! (`browser-tests/screenshots/`) and checked by axe-core on the way (see `harness`).

mod harness;

use harness::Harness;

/// The workspace pages each demo user can open, by email.
const READS: &[(&str, &[&str])] = &[
    (
        "official@eth.example",
        &["/workspace", "/workspace/notifications"],
    ),
    ("viewer@eth.example", &["/workspace"]),
    (
        "official@astrazeneca.example",
        &["/workspace", "/workspace/notifications"],
    ),
    (
        "official@covax.example",
        &["/workspace", "/workspace/notifications"],
    ),
    ("admin@equidose.example", &["/workspace"]),
];

#[tokio::test]
async fn each_party_kind_signs_in_and_reads_its_workspace() {
    let Some(mut browser) = Harness::start("workspace-reads").await else {
        return;
    };
    for (email, paths) in READS {
        browser.sign_in(email).await;
        for path in *paths {
            let visit = browser.visit(path).await;
            assert!(
                visit.source.contains(email),
                "{path} names who is signed in"
            );
        }
        browser
            .find("#sign-out button")
            .await
            .click()
            .await
            .unwrap();
        browser.wait_for_path("/").await;
        // Signed out, the workspace asks to sign in again.
        browser.visit("/workspace").await;
        browser.wait_for_path("/sign-in").await;
    }
    browser.finish().await;
}

#[tokio::test]
async fn a_wrong_password_is_refused_in_the_readers_language() {
    let Some(mut browser) = Harness::start("sign-in-refused").await else {
        return;
    };
    browser.visit("/sign-in?lang=fr").await;
    browser
        .find("#sign-in-email")
        .await
        .send_keys("official@eth.example")
        .await
        .unwrap();
    browser
        .find("#sign-in-password")
        .await
        .send_keys("not the password")
        .await
        .unwrap();
    browser.find("#sign-in button").await.click().await.unwrap();
    browser.wait_for_path("/sign-in").await;
    let visit = browser.check("/sign-in (refused)").await;
    assert!(visit.source.contains("lang=\"fr\""), "{}", visit.source);
    assert!(
        visit.source.contains("value=\"official@eth.example\""),
        "the email is kept: {}",
        visit.source
    );
    browser.finish().await;
}

/// Clicks the submit button of the form `form` and waits for the page it leads to.
async fn send(browser: &mut Harness, form: &str, expected_path: &str) -> harness::Visit {
    browser
        .find(&format!("#{form} button[type=submit]"))
        .await
        .click()
        .await
        .unwrap();
    browser.wait_for_path(expected_path).await;
    browser
        .check(&format!("{expected_path} (after {form})"))
        .await
}

#[tokio::test]
async fn a_coordinator_pools_doses_and_requests_computes_and_publishes_a_round() {
    let Some(mut browser) = Harness::start("coordinator").await else {
        return;
    };
    browser.sign_in("official@covax.example").await;
    browser.visit("/workspace/rounds").await;
    // Every lot COVAX can pool and every open request, ticked as an official would.
    let boxes = browser
        .client
        .find_all(fantoccini::Locator::Css("#open-round input[type=checkbox]"))
        .await
        .unwrap();
    assert!(
        boxes.len() >= 3,
        "lots and requests to pool: {}",
        boxes.len()
    );
    for checkbox in boxes {
        checkbox.click().await.unwrap();
    }
    browser
        .find("#open-round button[type=submit]")
        .await
        .click()
        .await
        .unwrap();
    // The new round's page: its id is the last part of the path.
    let start = std::time::Instant::now();
    let path = loop {
        let url = browser.client.current_url().await.unwrap();
        let path = url.path().to_owned();
        if path.starts_with("/workspace/rounds/") && path != "/workspace/rounds/" {
            break path;
        }
        assert!(
            start.elapsed() < std::time::Duration::from_secs(10),
            "stays at {url}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    };
    let id: i64 = path.rsplit('/').next().unwrap().parse().unwrap();
    let opened = browser.check(&path).await;
    assert!(
        opened.source.contains("The round is open as a draft."),
        "{}",
        opened.source
    );
    let computed = send(&mut browser, "compute-round", &path).await;
    assert!(
        computed.source.contains("The proposal is computed."),
        "{}",
        computed.source
    );
    assert!(computed.source.contains("<svg"), "the before/after chart");
    let published = send(&mut browser, "publish-round", &path).await;
    assert!(
        published
            .source
            .contains("The round is published; the countries are notified."),
        "{}",
        published.source
    );
    // The API and the public page agree: published, with the proposal the page showed.
    let round = browser.api(&format!("/api/v1/rounds/{id}"));
    assert_eq!(round["state"], "published", "{round}");
    let public = browser.visit(&format!("/rounds/{id}")).await;
    assert!(
        public.source.contains("equidose allocate"),
        "{}",
        public.source
    );
    browser.finish().await;
}

#[tokio::test]
async fn a_viewer_sees_the_workspace_but_is_offered_no_action() {
    let Some(mut browser) = Harness::start("viewer").await else {
        return;
    };
    browser.sign_in("viewer@eth.example").await;
    for path in ["/workspace/pledges", "/workspace/threads"] {
        let visit = browser.visit(path).await;
        assert!(
            !visit.source.contains("id=\"new-pledge\"")
                && !visit.source.contains("id=\"new-thread\""),
            "{path}: {}",
            visit.source
        );
    }
    browser.finish().await;
}
