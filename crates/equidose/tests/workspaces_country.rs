//! A country's workspace on the dose path in a real browser (headless Chromium over
//! WebDriver), each test on a fresh `serve --demo` signed in with the demo's passwords: every
//! page is screenshotted (`browser-tests/screenshots/`) and checked by axe-core on the way
//! (see `harness`). The demo holds a published COVAX round that Ethiopia has not answered and
//! the DR Congo accepted, France's doses in transit to Chad, and Malawi's lot at risk of
//! expiring.

mod harness;

use std::time::Duration;

use fantoccini::Locator;
use harness::Harness;

/// Waits (up to 10 s) for an element `css` on the page the browser shows after a click,
/// so that the page checked is the one the click led to.
async fn wait_for(browser: &Harness, css: &str) {
    browser
        .client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|error| panic!("no {css} after the click: {error}"));
}

/// Clicks the submit button of the first form whose id starts with `prefix`.
async fn press(browser: &Harness, prefix: &str) {
    browser
        .find(&format!("form[id^=\"{prefix}\"] button[type=submit]"))
        .await
        .click()
        .await
        .unwrap();
}

/// The text without the isolation marks Fluent puts around the values it places.
fn plain(text: &str) -> String {
    text.replace(['\u{2068}', '\u{2069}'], "")
}

async fn sign_out(browser: &mut Harness) {
    browser
        .find("#sign-out button")
        .await
        .click()
        .await
        .unwrap();
    browser.wait_for_path("/").await;
}

#[tokio::test]
async fn ethiopia_answers_its_share_the_holder_dispatches_and_recipients_confirm() {
    let Some(mut browser) = Harness::start("country-journey").await else {
        return;
    };
    // Ethiopia's home says its share waits; the shares page shows what to judge it by (the
    // doses left Ethiopia nothing in this round), and Ethiopia accepts it.
    browser.sign_in("official@eth.example").await;
    let home = browser.visit("/workspace").await;
    assert!(
        home.source.contains("awaits your answer"),
        "{}",
        home.source
    );
    let shares = browser.visit("/workspace/shares").await;
    // What limited the share is shown, in words (the engine's `limited_by`).
    assert!(
        [
            "the fair level",
            "the doses available",
            "expiry",
            "its request"
        ]
        .iter()
        .any(|limit| shares.source.contains(limit)),
        "{}",
        shares.source
    );
    assert!(
        shares
            .source
            .contains("<option value=\"short_shelf_life\">shelf life too short</option>"),
        "{}",
        shares.source
    );
    press(&browser, "accept-").await;
    wait_for(&browser, ".notice-success").await;
    let accepted = browser.check("/workspace/shares (accepted)").await;
    assert!(
        accepted
            .source
            .contains("The share is accepted: its shipments are planned."),
        "{}",
        accepted.source
    );
    assert!(accepted.source.contains("No share awaits your answer."));
    assert!(
        accepted.source.contains("<td>Accepted</td>"),
        "{}",
        accepted.source
    );
    for path in [
        "/workspace/shipments",
        "/workspace/stock",
        "/workspace/requests",
        "/workspace/administration",
    ] {
        browser.visit(path).await;
    }
    sign_out(&mut browser).await;

    // The DR Congo accepted its share: a holder of its doses dispatches them, and the DR
    // Congo confirms their arrival.
    let mut dispatched = false;
    for holder in ["official@covax.example", "donor@fra.example"] {
        browser.sign_in(holder).await;
        let shipments = browser.visit("/workspace/shipments").await;
        if shipments.source.contains("id=\"dispatch-") {
            press(&browser, "dispatch-").await;
            wait_for(&browser, ".notice-success").await;
            let sent = browser.check("/workspace/shipments (dispatched)").await;
            assert!(
                sent.source
                    .contains("The shipment is dispatched: its doses are in transit."),
                "{}",
                sent.source
            );
            dispatched = true;
        }
        sign_out(&mut browser).await;
    }
    assert!(dispatched, "a holder had a planned shipment to dispatch");
    browser.sign_in("official@cod.example").await;
    browser.visit("/workspace/shipments").await;
    press(&browser, "confirm-").await;
    wait_for(&browser, ".notice-success").await;
    let confirmed = browser.check("/workspace/shipments (confirmed)").await;
    assert!(
        confirmed
            .source
            .contains("The delivery is confirmed: the doses are in your stock."),
        "{}",
        confirmed.source
    );
    browser.visit("/workspace/stock").await;
    sign_out(&mut browser).await;

    // Chad confirms France's doses in transit: they enter its stock.
    browser.sign_in("official@tcd.example").await;
    let shipments = browser.visit("/workspace/shipments").await;
    assert!(
        shipments.source.contains("in transit"),
        "{}",
        shipments.source
    );
    press(&browser, "confirm-").await;
    wait_for(&browser, ".notice-success").await;
    let confirmed = browser.check("/workspace/shipments (confirmed)").await;
    assert!(
        !confirmed.source.contains("id=\"confirm-"),
        "{}",
        confirmed.source
    );
    let stock = browser.visit("/workspace/stock").await;
    assert!(
        stock.source.contains("BN7001 (BNT162b2)"),
        "{}",
        stock.source
    );
    let shares = browser.visit("/workspace/shares").await;
    assert!(
        plain(&shares.source).contains("Declined: shelf life too short"),
        "{}",
        shares.source
    );
    sign_out(&mut browser).await;

    // Ethiopia's viewer reads the same pages and is offered no action.
    browser.sign_in("viewer@eth.example").await;
    for path in [
        "/workspace/shares",
        "/workspace/requests",
        "/workspace/stock",
    ] {
        let visit = browser.visit(path).await;
        assert!(
            !visit.source.contains("idempotency_key"),
            "{path}: {}",
            visit.source
        );
    }
    browser.finish().await;
}

#[tokio::test]
async fn malawi_proposes_its_doses_at_risk_and_reports_in_french() {
    let Some(mut browser) = Harness::start("country-french").await else {
        return;
    };
    browser.visit("/?lang=fr").await;
    browser.sign_in("official@mwi.example").await;
    let home = browser.visit("/workspace").await;
    assert!(home.source.contains("lang=\"fr\""), "{}", home.source);
    assert!(
        home.source.contains("risquent de périmer"),
        "{}",
        home.source
    );

    // Malawi's lot at risk, proposed to WHO for redistribution.
    let stock = browser.visit("/workspace/stock").await;
    assert!(
        stock.source.contains("AZA103 (AZD1222)"),
        "{}",
        stock.source
    );
    assert!(
        plain(&stock.source).contains("déjà proposées"),
        "the demo's proposal to COVAX is said: {}",
        stock.source
    );
    let doses = browser
        .find("form[id^=\"propose-\"] input[name=doses]")
        .await;
    doses.clear().await.unwrap();
    doses.send_keys("20000").await.unwrap();
    browser
        .find("form[id^=\"propose-\"] select[name=organization]")
        .await
        .select_by_value("who")
        .await
        .unwrap();
    press(&browser, "propose-").await;
    wait_for(&browser, ".notice-success").await;
    let proposed = browser.check("/workspace/stock (proposée)").await;
    assert!(
        proposed.source.contains("Les doses sont proposées"),
        "{}",
        proposed.source
    );

    // A report with no dose is refused beside its field, in French; then recorded.
    browser.visit("/workspace/administration").await;
    browser
        .find("#administer select[name=lot]")
        .await
        .find(Locator::Css("option:nth-child(2)"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let doses = browser.find("#administer-doses").await;
    doses.send_keys("0").await.unwrap();
    press(&browser, "administer").await;
    wait_for(&browser, ".field-error").await;
    let refused = browser.check("/workspace/administration (refusée)").await;
    assert!(
        refused.source.contains("id=\"administer-doses-error\""),
        "{}",
        refused.source
    );
    assert!(refused.source.contains("lang=\"fr\""));
    let doses = browser.find("#administer-doses").await;
    doses.clear().await.unwrap();
    doses.send_keys("1500").await.unwrap();
    press(&browser, "administer").await;
    wait_for(&browser, ".notice-success").await;
    let recorded = browser
        .check("/workspace/administration (enregistrée)")
        .await;
    assert!(
        recorded.source.contains("La déclaration est enregistrée."),
        "{}",
        recorded.source
    );
    for path in [
        "/workspace/requests",
        "/workspace/shares",
        "/workspace/shipments",
    ] {
        let visit = browser.visit(path).await;
        assert!(visit.source.contains("lang=\"fr\""), "{path}");
    }
    // The same pages right to left, in Arabic.
    for path in [
        "/workspace/stock?lang=ar",
        "/workspace/administration",
        "/workspace/shares",
    ] {
        let visit = browser.visit(path).await;
        assert!(
            visit.source.contains("dir=\"rtl\""),
            "{path}: {}",
            visit.source
        );
    }
    browser.finish().await;
}
