//! A manufacturer's workspace in a real browser (headless Chromium over WebDriver), on a fresh
//! `serve --demo` signed in with the demo's passwords: AstraZeneca's official registers a lot
//! from the GS1 string on its pack (read, shown, confirmed, listed), and the same in Arabic
//! after a mistyped check digit is refused beside the field. Every page is screenshotted
//! (`browser-tests/screenshots/`) and checked by axe-core on the way (see `harness`).

mod harness;

use harness::Harness;

/// The GTIN of the demo's AZD1222 (`crates/equidose/src/demo.rs`).
const GTIN: &str = "09501101530003";

/// A GS1 element string for lot `lot_number` of the product with `gtin`, expiring on 31 March
/// 2022: the demo runs as of 2021-08-06 (`serve::DEMO_TODAY`), so the lot is some eight
/// months from its expiry, like the spec's example.
fn element_string(gtin: &str, lot_number: &str) -> String {
    format!("(01){gtin}(17)220331(10){lot_number}")
}

/// Sets the field `id` to `value` as a person would leave it: typed into a text or number
/// input, chosen in a select, or set on a date or month input (whose typing order follows the
/// browser's locale).
async fn fill(browser: &Harness, id: &str, value: &str) {
    let field = browser.find(&format!("#{id}")).await;
    match field.tag_name().await.unwrap().as_str() {
        "select" => field.select_by_value(value).await.unwrap(),
        _ => match field.attr("type").await.unwrap().as_deref() {
            Some("date" | "month") => {
                browser
                    .client
                    .execute(
                        "document.getElementById(arguments[0]).value = arguments[1]",
                        vec![id.into(), value.into()],
                    )
                    .await
                    .unwrap();
            }
            _ => field.send_keys(value).await.unwrap(),
        },
    }
}

/// Fills the form `form` with `fields` (by name), sends it and waits for `path`.
async fn send(browser: &mut Harness, form: &str, fields: &[(&str, &str)], path: &str) {
    for (name, value) in fields {
        fill(browser, &format!("{form}-{name}"), value).await;
    }
    browser
        .find(&format!("#{form} button[type=submit]"))
        .await
        .click()
        .await
        .unwrap();
    browser.wait_for_path(path).await;
}

/// Presses the first button of the row forms whose id starts with `prefix`.
async fn press(browser: &mut Harness, prefix: &str, path: &str) {
    browser
        .find(&format!("form[id^={prefix}] button[type=submit]"))
        .await
        .click()
        .await
        .unwrap();
    browser.wait_for_path(path).await;
}

/// Pastes `string` in the lots page's GS1 field and sends it.
async fn paste(browser: &mut Harness, string: &str) {
    let field = browser.find("#lot-gs1-gs1").await;
    field.clear().await.unwrap();
    field.send_keys(string).await.unwrap();
    browser
        .find("#lot-gs1 button[type=submit]")
        .await
        .click()
        .await
        .unwrap();
    browser.wait_for_path("/workspace/lots/gs1").await;
}

/// Gives the doses and confirms the lot shown; back on the lots page.
async fn confirm(browser: &mut Harness, doses: &str) {
    browser
        .find("#lot-confirm-doses")
        .await
        .send_keys(doses)
        .await
        .unwrap();
    browser
        .find("#lot-confirm button[type=submit]")
        .await
        .click()
        .await
        .unwrap();
    browser.wait_for_path("/workspace/lots").await;
}

#[tokio::test]
async fn a_manufacturer_registers_a_lot_from_its_gs1_string() {
    let Some(mut browser) = Harness::start("maker-gs1").await else {
        return;
    };
    browser.sign_in("official@astrazeneca.example").await;
    let products = browser.visit("/workspace/products").await;
    assert!(products.source.contains(GTIN), "{}", products.source);

    // A month's capacity, an offer made and withdrawn, a partnership proposed and negotiated.
    browser.visit("/workspace/capacity").await;
    send(
        &mut browser,
        "capacity",
        &[
            ("product", "AZD1222"),
            ("month", "2021-10"),
            ("doses", "50000000"),
        ],
        "/workspace/capacity",
    )
    .await;
    let stated = browser.check("/workspace/capacity (stated)").await;
    assert!(stated.source.contains("50,000,000"), "{}", stated.source);
    browser.visit("/workspace/offers").await;
    send(
        &mut browser,
        "new-offer",
        &[
            ("product", "AZD1222"),
            ("doses", "2000000"),
            ("available_from", "2021-09-01"),
            ("available_to", "2021-10-31"),
            ("price_per_dose", "3.50"),
            ("currency", "USD"),
        ],
        "/workspace/offers",
    )
    .await;
    let made = browser.check("/workspace/offers (made)").await;
    assert!(
        made.source.contains("The offer was made."),
        "{}",
        made.source
    );
    press(&mut browser, "withdraw-", "/workspace/offers").await;
    let withdrawn = browser.check("/workspace/offers (withdrawn)").await;
    assert!(
        withdrawn.source.contains("The offer was withdrawn."),
        "{}",
        withdrawn.source
    );
    browser.visit("/workspace/partnerships").await;
    send(
        &mut browser,
        "new-partnership",
        &[
            ("partner", "SEN"),
            ("product", "AZD1222"),
            ("site", "Dakar"),
            ("kind", "fill_finish"),
            ("capacity_per_year", "25000000"),
        ],
        "/workspace/partnerships",
    )
    .await;
    browser.check("/workspace/partnerships (proposed)").await;
    press(&mut browser, "negotiate-", "/workspace/partnerships").await;
    let negotiating = browser.check("/workspace/partnerships (negotiating)").await;
    assert!(
        negotiating.source.contains("Negotiating"),
        "{}",
        negotiating.source
    );

    // A lot from the GS1 string on its pack: read, shown, confirmed, listed.
    browser.visit("/workspace/lots").await;
    paste(&mut browser, &element_string(GTIN, "GSWEB1")).await;
    let shown = browser.check("/workspace/lots/gs1 (read)").await;
    for fact in [
        GTIN,
        "Vaxzevria (ChAdOx1-S) (AZD1222)",
        "<dd>GSWEB1</dd>",
        "<dd>March 31, 2022</dd>",
    ] {
        assert!(shown.source.contains(fact), "{fact} in {}", shown.source);
    }
    assert!(
        !shown.source.contains("<th scope=\"row\">GSWEB1</th>"),
        "read, not registered yet"
    );
    confirm(&mut browser, "25000").await;
    let listed = browser.check("/workspace/lots (registered)").await;
    assert!(
        listed
            .source
            .contains("The lot was registered and its doses released."),
        "{}",
        listed.source
    );
    assert!(
        listed.source.contains("<th scope=\"row\">GSWEB1</th>") && listed.source.contains("25,000"),
        "{}",
        listed.source
    );
    browser.finish().await;
}

#[tokio::test]
async fn a_manufacturer_registers_a_lot_in_arabic() {
    let Some(mut browser) = Harness::start("maker-gs1-ar").await else {
        return;
    };
    browser.sign_in("official@astrazeneca.example").await;
    let page = browser.visit("/workspace/lots?lang=ar").await;
    assert!(page.source.contains("dir=\"rtl\""), "{}", page.source);
    assert!(
        page.source
            .contains("name=\"gs1\" type=\"text\" dir=\"ltr\""),
        "a code reads left to right on a right-to-left page: {}",
        page.source
    );

    // A mistyped check digit: refused beside the field, in Arabic, the pasted text kept.
    let mistyped = element_string("09501101530004", "GSAR1");
    paste(&mut browser, &mistyped).await;
    let refused = browser.check("/workspace/lots/gs1 (refused)").await;
    assert!(refused.source.contains("lang=\"ar\""), "{}", refused.source);
    let error = browser.texts("#lot-gs1-gs1-error").await;
    assert!(
        error.len() == 1 && error[0].contains("رقم التحقق"),
        "{error:?}"
    );
    let kept = browser
        .find("#lot-gs1-gs1")
        .await
        .prop("value")
        .await
        .unwrap();
    assert_eq!(kept.as_deref(), Some(mistyped.as_str()));

    // Corrected: read, confirmed, listed.
    paste(&mut browser, &element_string(GTIN, "GSAR1")).await;
    let shown = browser.check("/workspace/lots/gs1 (read)").await;
    assert!(shown.source.contains("<dd>GSAR1</dd>"), "{}", shown.source);
    confirm(&mut browser, "1200").await;
    let listed = browser.check("/workspace/lots (registered)").await;
    assert!(
        listed.source.contains("<th scope=\"row\">GSAR1</th>"),
        "{}",
        listed.source
    );
    assert!(
        listed.source.contains("سُجّلت التشغيلة"),
        "the notice in Arabic: {}",
        listed.source
    );
    browser.finish().await;
}
