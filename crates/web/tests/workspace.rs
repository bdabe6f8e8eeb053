//! The workspaces' frame, on both backends: signing in and out with the API's session cookie,
//! pages that need a session send visitors to sign in and back, every form carries the
//! session's CSRF token and is refused without it or from another site, a form sent twice has
//! one effect, and the pages answer in the reader's language.

mod common;

use axum::http::StatusCode;
use common::browser::{Browser, form_of};
use common::{app, load_snapshot};
use domain::ledger::PartyCode;
use domain::party::{Party, PartyKind, Role};
use store::{Store, store_test};

/// The password every user of these tests has.
const PASSWORD: &str = "correct horse battery";

/// A country (ETH) with an official and a viewer, a manufacturer with an official, each with
/// [`PASSWORD`].
async fn install(store: &Store) {
    load_snapshot(store).await;
    let hash = app::secrets::hash_password(PASSWORD).unwrap();
    store
        .write(|tx| {
            let hash = hash.clone();
            async move {
                tx.create_party(&Party {
                    code: PartyCode::parse("maker").unwrap(),
                    kind: PartyKind::Manufacturer,
                    name: "Maker".into(),
                    population: None,
                    income_group: None,
                })
                .await?;
                for (email, party, role) in [
                    ("official@eth.example", "ETH", Role::Official),
                    ("viewer@eth.example", "ETH", Role::Viewer),
                    ("official@maker.example", "maker", Role::Official),
                ] {
                    tx.create_user(&store::accounts::NewUser {
                        email,
                        password_hash: &hash,
                        party: &PartyCode::parse(party).unwrap(),
                        role,
                    })
                    .await?;
                }
                Ok::<_, store::StoreError>(())
            }
        })
        .await
        .unwrap();
}

fn text(answer: &common::Answer) -> String {
    plain(&String::from_utf8_lossy(&answer.body))
}

/// `html` without Fluent's bidirectional isolation marks around placed values.
fn plain(html: &str) -> String {
    html.replace(['\u{2068}', '\u{2069}'], "")
}

store_test! {
    async fn signing_in_and_out(store: Store) {
        install(&store).await;
        let app = app(store.clone());
        let mut browser = Browser::new(&app);

        // Without a session, a workspace page sends the visitor to sign in, and back after.
        let answer = browser.get("/workspace/notifications").await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER);
        assert_eq!(answer.header("location"), Some("/sign-in?next=%2Fworkspace%2Fnotifications"));
        let html = browser.page("/sign-in?next=%2Fworkspace%2Fnotifications").await;
        assert!(html.contains("<label for=\"sign-in-email\">Email"), "{html}");
        assert!(html.contains("name=\"next\" value=\"/workspace/notifications\""), "{html}");

        // A wrong password: the same page, the email kept, one sentence, 401.
        let wrong = browser
            .post("/sign-in", &[("email", "official@eth.example"), ("password", "wrong"), ("next", "/workspace")])
            .await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
        let page = text(&wrong);
        assert!(page.contains("value=\"official@eth.example\""), "{page}");
        assert!(page.contains("The email or the password is wrong"), "{page}");
        assert!(wrong.header("set-cookie").is_none());

        // Empty fields: 422 and the same page.
        let empty = browser.post("/sign-in", &[("email", ""), ("password", "")]).await;
        assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);

        // Another site cannot post the sign-in form.
        let forged = common::send(
            &app,
            axum::http::Request::post("/sign-in")
                .header("content-type", "application/x-www-form-urlencoded")
                .header("host", "equidose.test")
                .header("origin", "https://evil.example")
                .body(axum::body::Body::from("email=official%40eth.example&password=correct+horse+battery"))
                .unwrap(),
        )
        .await;
        assert_eq!(forged.status, StatusCode::FORBIDDEN);
        assert!(forged.header("set-cookie").is_none());

        // The right password: a session cookie like the API's, and back where the visitor was.
        let right = browser
            .post("/sign-in", &[("email", "official@eth.example"), ("password", PASSWORD), ("next", "/workspace/notifications")])
            .await;
        assert_eq!(right.status, StatusCode::SEE_OTHER);
        assert_eq!(right.header("location"), Some("/workspace/notifications"));
        let cookie = right.header("set-cookie").unwrap();
        assert!(cookie.starts_with("equidose_session=") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");
        browser.cookie = Some(cookie.split(';').next().unwrap().to_owned());

        // `next` never leaves the workspace.
        let elsewhere = Browser::new(&app)
            .post("/sign-in", &[("email", "official@eth.example"), ("password", PASSWORD), ("next", "//evil.example/workspace")])
            .await;
        assert_eq!(elsewhere.header("location"), Some("/workspace"));

        // The home page: who is signed in, the pages of a country, the sign-out form.
        let home = browser.page("/workspace").await;
        assert!(plain(&home).contains("official@eth.example (ETH, official)"), "{home}");
        for path in ["/workspace/requests", "/workspace/shares", "/workspace/shipments", "/workspace/stock"] {
            assert!(home.contains(&format!("href=\"{path}\"")), "{path} in {home}");
        }
        assert!(!home.contains("href=\"/workspace/lots\""), "a country has no lots page");
        assert!(!home.contains("href=\"/workspace/users\""), "an official is no admin");
        let answer = browser.get("/workspace").await;
        assert_eq!(answer.header("cache-control"), Some("no-store"));

        // Signing out needs the CSRF token; with it, the session ends for good.
        let refused = browser.post("/sign-out", &[]).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        assert_eq!(browser.get("/workspace").await.status, StatusCode::OK);
        let out = browser.submit(&home, "sign-out", &[]).await;
        assert_eq!(out.status, StatusCode::SEE_OTHER);
        assert!(out.header("set-cookie").unwrap().contains("Max-Age=0"));
        assert_eq!(browser.get("/workspace").await.status, StatusCode::SEE_OTHER);
    }
}

store_test! {
    async fn a_form_needs_its_token_and_has_one_effect(store: Store) {
        install(&store).await;
        let app = app(store.clone());
        // A notification for the ETH official: a thread message from the manufacturer.
        let mut maker = Browser::new(&app);
        maker.sign_in("official@maker.example", PASSWORD).await;
        let mut eth = Browser::new(&app);
        eth.sign_in("official@eth.example", PASSWORD).await;
        let maker_session = maker.cookie.clone().unwrap();
        let csrf = store
            .read(|tx| async move {
                let token = maker_session.trim_start_matches("equidose_session=");
                Ok::<_, store::StoreError>(tx.session(&app::secrets::token_digest(token)).await?.unwrap().csrf_token)
            })
            .await
            .unwrap();
        let api = |path: &str, body: serde_json::Value| {
            axum::http::Request::post(path)
                .header("content-type", "application/json")
                .header("cookie", maker.cookie.clone().unwrap())
                .header("x-csrf-token", csrf.clone())
                .body(axum::body::Body::from(body.to_string()))
                .unwrap()
        };
        let created = common::send(&app, api("/api/v1/threads", serde_json::json!({"subject": "Doses for Ethiopia", "parties": ["ETH"]}))).await;
        assert_eq!(created.status, StatusCode::CREATED, "{created:?}");
        let thread = created.json()["id"].as_i64().unwrap();
        let posted = common::send(&app, api(&format!("/api/v1/threads/{thread}/messages"), serde_json::json!({"body": "We can ship in September."}))).await;
        assert_eq!(posted.status, StatusCode::CREATED, "{posted:?}");

        let page = plain(&eth.page("/workspace/notifications").await);
        assert!(page.contains("A new message"), "{page}");
        assert!(page.contains("<span class=\"count\" aria-hidden=\"true\">1</span>"), "the unread counts in the navigation: {page}");

        // Without the CSRF token, or with another, nothing changes.
        let (action, hidden) = form_of(&page, "mark-read");
        let ids = hidden.iter().find(|(name, _)| name == "ids").unwrap().1.clone();
        let refused = eth.post(&action, &[("ids", &ids)]).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        let forged = eth.post(&action, &[("ids", &ids), ("csrf_token", "csrf-guessed")]).await;
        assert_eq!(forged.status, StatusCode::FORBIDDEN);
        assert!(plain(&eth.page("/workspace/notifications").await).contains("<span class=\"count\" aria-hidden=\"true\">1</span>"));

        // Sent twice (a double click): one effect, the same place to go.
        let first = eth.submit(&page, "mark-read", &[]).await;
        let second = eth.submit(&page, "mark-read", &[]).await;
        assert_eq!(first.status, StatusCode::SEE_OTHER);
        assert_eq!(second.status, StatusCode::SEE_OTHER);
        assert_eq!(first.header("location"), second.header("location"));
        let after = plain(&eth.page(first.header("location").unwrap()).await);
        assert!(after.contains("Marked as read."), "{after}");
        assert!(!after.contains("Notifications <span class=\"count\""), "{after}");
        // Reading the notification is not reading the thread: the message stays unread.
        assert!(after.contains("Messages <span class=\"count\" aria-hidden=\"true\">1</span>"), "{after}");

        // The maker's notifications are the maker's: nothing of ETH's shows there.
        let theirs = maker.page("/workspace/notifications").await;
        assert!(!theirs.contains("A new message"), "{theirs}");
    }
}

store_test! {
    async fn workspace_pages_speak_the_readers_language(store: Store) {
        install(&store).await;
        let app = app(store.clone());
        let mut browser = Browser::new(&app);
        browser.sign_in("viewer@eth.example", PASSWORD).await;
        for lang in ["ar", "zh", "en", "fr", "ru", "es", "is"] {
            let page = browser.page(&format!("/workspace?lang={lang}")).await;
            assert!(page.contains(&format!("<html lang=\"{lang}\"")), "{lang}");
            assert!(!page.contains('⟦'), "{lang}: a missing message in {page}");
            let sign_in = Browser::new(&app).page(&format!("/sign-in?lang={lang}")).await;
            assert!(!sign_in.contains('⟦'), "{lang}: a missing message in {sign_in}");
        }
    }
}
