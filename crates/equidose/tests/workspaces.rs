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
    let path = browser.wait_for_new_path("/workspace/rounds/", "").await;
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

/// Opens a new round of every lot and request COVAX can pool, computes and publishes it;
/// answers the round's id.
async fn publish_a_round(browser: &mut Harness) -> i64 {
    browser.visit("/workspace/rounds").await;
    for checkbox in browser
        .client
        .find_all(fantoccini::Locator::Css("#open-round input[type=checkbox]"))
        .await
        .unwrap()
    {
        checkbox.click().await.unwrap();
    }
    browser
        .find("#open-round button[type=submit]")
        .await
        .click()
        .await
        .unwrap();
    let path = browser.wait_for_new_path("/workspace/rounds/", "").await;
    browser.check(&path).await;
    send(browser, "compute-round", &path).await;
    send(browser, "publish-round", &path).await;
    path.rsplit('/').next().unwrap().parse().unwrap()
}

/// The doses the DR Congo's accounts received on the platform, as the coverage series says.
fn delivered_to_congo(browser: &Harness) -> i64 {
    let rows = browser.api("/api/v1/coverage/series?from=2021-08-06&to=2021-08-06&by=country");
    rows.as_array()
        .unwrap()
        .iter()
        .find(|row| row["group"] == "COD")
        .and_then(|row| row["platform_doses_delivered"].as_i64())
        .unwrap_or(0)
}

#[tokio::test]
async fn a_declined_share_goes_to_the_next_round_and_an_accepted_one_arrives() {
    let Some(mut browser) = Harness::start("forum-journey").await else {
        return;
    };
    browser.sign_in("official@covax.example").await;
    let first = publish_a_round(&mut browser).await;
    browser
        .find("#sign-out button")
        .await
        .click()
        .await
        .unwrap();
    browser.wait_for_path("/").await;

    // Chad declines its share of the new round: its shelf life is too short.
    browser.sign_in("official@tcd.example").await;
    browser.visit("/workspace/shares").await;
    let decline = browser.find(&format!("#decline-{first}")).await;
    decline
        .find(fantoccini::Locator::Css("select[name=reason]"))
        .await
        .unwrap()
        .select_by_value("short_shelf_life")
        .await
        .unwrap();
    browser
        .find(&format!("#decline-{first} button[type=submit]"))
        .await
        .click()
        .await
        .unwrap();
    browser.wait_for_path("/workspace/shares").await;
    let declined = browser.check("/workspace/shares (declined)").await;
    assert!(
        declined.source.contains("notice-success"),
        "{}",
        declined.source
    );
    let round = browser.api(&format!("/api/v1/rounds/{first}"));
    let chad = round["proposal"]["shares"]
        .as_array()
        .unwrap()
        .iter()
        .find(|share| share["country"] == "TCD")
        .unwrap();
    assert_eq!(chad["response"], "decline", "{round}");
    assert_eq!(chad["reason"], "short_shelf_life", "{round}");
    browser
        .find("#sign-out button")
        .await
        .click()
        .await
        .unwrap();
    browser.wait_for_path("/").await;

    // The DR Congo accepts its share.
    browser.sign_in("official@cod.example").await;
    browser.visit("/workspace/shares").await;
    browser
        .find(&format!("#accept-{first} button[type=submit]"))
        .await
        .click()
        .await
        .unwrap();
    browser.wait_for_path("/workspace/shares").await;
    browser.check("/workspace/shares (accepted)").await;
    browser
        .find("#sign-out button")
        .await
        .click()
        .await
        .unwrap();
    browser.wait_for_path("/").await;

    // COVAX starts the next round: it pools what the first left, Chad's declined doses among
    // them, and no longer serves Chad's request.
    let round = browser.api(&format!("/api/v1/rounds/{first}"));
    let pooled: i64 = round["lots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|lot| lot["doses"].as_i64().unwrap())
        .sum();
    let kept: i64 = round["proposal"]["shares"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|share| share["response"] != "decline")
        .map(|share| share["doses"].as_i64().unwrap())
        .sum();
    browser.sign_in("official@covax.example").await;
    browser.visit(&format!("/workspace/rounds/{first}")).await;
    browser
        .find("#next-round select[name=after]")
        .await
        .select_by_value(&first.to_string())
        .await
        .unwrap();
    browser
        .find("#next-round button[type=submit]")
        .await
        .click()
        .await
        .unwrap();
    let next_path = browser
        .wait_for_new_path("/workspace/rounds/", &format!("/workspace/rounds/{first}"))
        .await;
    let next = browser.check(&next_path).await;
    let doses: i64 = browser
        .texts("#pool + .table-box tbody td:nth-of-type(2)")
        .await
        .iter()
        .map(|cell| {
            cell.replace([',', '\u{2068}', '\u{2069}'], "")
                .parse::<i64>()
                .unwrap()
        })
        .sum();
    assert!(
        chad["doses"].as_i64().unwrap() > 0,
        "Chad had doses to decline"
    );
    assert_eq!(
        doses,
        pooled - kept,
        "the next round pools what the first left: {}",
        next.source
    );
    let requests = browser
        .texts("#pool + .table-box + .table-box tbody td:nth-of-type(1)")
        .await;
    assert!(
        !requests.iter().any(|country| country.contains("Chad")),
        "{requests:?}"
    );

    // COVAX dispatches the DR Congo's doses; the DR Congo confirms; the coverage series (the
    // dashboard's figures) counts them.
    let before = delivered_to_congo(&browser);
    browser.visit("/workspace/shipments").await;
    let dispatch = browser
        .client
        .find_all(fantoccini::Locator::Css("form[id^=\"dispatch-\"]"))
        .await
        .unwrap();
    assert!(!dispatch.is_empty(), "COVAX has shipments to dispatch");
    browser
        .find("form[id^=\"dispatch-\"] button[type=submit]")
        .await
        .click()
        .await
        .unwrap();
    browser.wait_for_path("/workspace/shipments").await;
    browser.check("/workspace/shipments (dispatched)").await;
    browser
        .find("#sign-out button")
        .await
        .click()
        .await
        .unwrap();
    browser.wait_for_path("/").await;
    browser.sign_in("official@cod.example").await;
    browser.visit("/workspace/shipments").await;
    browser
        .find("form[id^=\"confirm-\"] button[type=submit]")
        .await
        .click()
        .await
        .unwrap();
    browser.wait_for_path("/workspace/shipments").await;
    browser.check("/workspace/shipments (confirmed)").await;
    assert!(
        delivered_to_congo(&browser) > before,
        "the delivery counts in the coverage series"
    );
    browser.visit("/countries/COD").await;
    browser.finish().await;
}

#[tokio::test]
async fn a_message_reaches_the_other_party_and_not_a_third_in_the_browser() {
    let Some(mut browser) = Harness::start("message-journey").await else {
        return;
    };
    browser.sign_in("official@astrazeneca.example").await;
    browser.visit("/workspace/threads").await;
    browser
        .find("#new-thread-subject")
        .await
        .send_keys("Cold chain in Addis Ababa")
        .await
        .unwrap();
    browser
        .find("#new-thread-parties")
        .await
        .send_keys("ETH")
        .await
        .unwrap();
    browser
        .find("#new-thread-body")
        .await
        .send_keys("Can you store 50,000 doses at 2-8 °C?")
        .await
        .unwrap();
    browser
        .find("#new-thread button[type=submit]")
        .await
        .click()
        .await
        .unwrap();
    let thread = browser.wait_for_new_path("/workspace/threads/", "").await;
    browser.check(&thread).await;
    browser
        .find("#sign-out button")
        .await
        .click()
        .await
        .unwrap();
    browser.wait_for_path("/").await;

    browser.sign_in("official@eth.example").await;
    let home = browser.visit("/workspace").await;
    assert!(home.source.contains("unread message"), "{}", home.source);
    let read = browser.visit(&thread).await;
    assert!(
        read.source
            .contains("Can you store 50,000 doses at 2-8 °C?"),
        "{}",
        read.source
    );
    browser
        .find("#sign-out button")
        .await
        .click()
        .await
        .unwrap();
    browser.wait_for_path("/").await;

    browser.sign_in("official@tcd.example").await;
    let theirs = browser.visit("/workspace/threads").await;
    assert!(
        !theirs.source.contains("Cold chain in Addis Ababa"),
        "{}",
        theirs.source
    );
    let refused = browser.visit(&thread).await;
    assert!(
        !refused.source.contains("50,000 doses"),
        "{}",
        refused.source
    );
    assert_eq!(
        harness::http_get(&browser.address, &thread, &[]).status,
        303,
        "not signed in: to the sign-in page"
    );
    browser.finish().await;
}
