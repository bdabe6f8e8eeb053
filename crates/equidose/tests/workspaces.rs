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
