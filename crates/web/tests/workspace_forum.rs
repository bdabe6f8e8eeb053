//! Talking and pledging from the workspaces, on both backends: a conversation opened with its
//! first message reaches the other party and not a third, who gets the not-found page; unread
//! counts move; a message is stored as written; a pledge is made, shown with its fulfilment,
//! and withdrawn once for a double click; a viewer is offered nothing and refused if forced.

mod common;

use axum::http::StatusCode;
use common::browser::Browser;
use common::{app, load_snapshot, verified};
use domain::ledger::PartyCode;
use domain::party::{Party, PartyKind, Role};
use store::{Store, store_test};

const PASSWORD: &str = "correct horse battery";

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
                tx.create_party(&Party {
                    code: PartyCode::parse("covax").unwrap(),
                    kind: PartyKind::Organization,
                    name: "COVAX".into(),
                    population: None,
                    income_group: None,
                })
                .await?;
                for (email, party, role) in [
                    ("official@eth.example", "ETH", Role::Official),
                    ("viewer@eth.example", "ETH", Role::Viewer),
                    ("official@maker.example", "maker", Role::Official),
                    ("official@tcd.example", "TCD", Role::Official),
                    ("official@fra.example", "FRA", Role::Official),
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

fn plain(html: &str) -> String {
    html.replace(['\u{2068}', '\u{2069}'], "")
}

async fn signed_in(app: &axum::Router, email: &str) -> Browser {
    let mut browser = Browser::new(app);
    browser.sign_in(email, PASSWORD).await;
    browser
}

store_test! {
    async fn a_message_reaches_the_other_party_and_not_a_third(store: Store) {
        install(&store).await;
        let app = app(store.clone());
        let maker = signed_in(&app, "official@maker.example").await;
        let eth = signed_in(&app, "official@eth.example").await;
        let chad = signed_in(&app, "official@tcd.example").await;

        let page = maker.page("/workspace/threads").await;
        // Without a subject: the error beside it, the message kept.
        let refused = maker.submit(&page, "new-thread", &[("subject", ""), ("parties", "ETH"), ("body", "Cold chain?")]).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        let shown = String::from_utf8(refused.body).unwrap();
        assert!(shown.contains("id=\"new-thread-subject-error\">Fill in this field."), "{shown}");
        assert!(shown.contains(">Cold chain?</textarea>"), "{shown}");
        // A party that does not exist: named beside the field.
        let unknown = maker.submit(&page, "new-thread", &[("subject", "Doses"), ("parties", "XXX"), ("body", "Hello")]).await;
        assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(String::from_utf8(unknown.body).unwrap().contains("id=\"new-thread-parties-error\""));

        let body = "Can you receive 50,000 doses at 2-8 °C\nin Addis Ababa?";
        let opened = maker.submit(&page, "new-thread", &[("subject", "September delivery"), ("parties", "ETH"), ("body", body)]).await;
        assert_eq!(opened.status, StatusCode::SEE_OTHER, "{opened:?}");
        let again = maker.submit(&page, "new-thread", &[("subject", "September delivery"), ("parties", "ETH"), ("body", body)]).await;
        assert_eq!(opened.header("location"), again.header("location"), "a double click opens one thread");
        let location = opened.header("location").unwrap().to_owned();
        let path = location.split('?').next().unwrap().to_owned();

        // Ethiopia sees one unread message, reads it as written, and answers.
        let home = plain(&eth.page("/workspace").await);
        assert!(home.contains("1 unread message"), "{home}");
        let thread = eth.page(&path).await;
        assert!(thread.contains("Can you receive 50,000 doses at 2-8 °C\nin Addis Ababa?"), "{thread}");
        let answered = eth.submit(&thread, "post-message", &[("body", "Yes, from 6 September.")]).await;
        assert_eq!(answered.status, StatusCode::SEE_OTHER);
        let home = plain(&eth.page("/workspace").await);
        assert!(!home.contains("unread message"), "read now: {home}");
        let maker_threads = plain(&maker.page("/workspace/threads").await);
        assert!(maker_threads.contains("1 unread"), "{maker_threads}");

        // Chad sees nothing of it, and its direct visit is the not-found page.
        let theirs = chad.page("/workspace/threads").await;
        assert!(!theirs.contains("September delivery"), "{theirs}");
        let visit = chad.get(&path).await;
        assert_eq!(visit.status, StatusCode::NOT_FOUND);
        assert!(!String::from_utf8(visit.body).unwrap().contains("Addis Ababa"));
        let forced = chad.submit(&thread.replace(&eth.cookie.clone().unwrap(), ""), "post-message", &[("body", "Me too")]).await;
        assert_eq!(forced.status, StatusCode::FORBIDDEN, "another session's CSRF token is refused");
        let (_, hidden) = common::browser::form_of(&theirs, "sign-out");
        let csrf = hidden.iter().find(|(name, _)| name == "csrf_token").unwrap().1.clone();
        let intruding = chad.post(&format!("{path}/messages"), &[("csrf_token", &csrf), ("body", "Me too")]).await;
        assert_eq!(intruding.status, StatusCode::NOT_FOUND, "a third party cannot write in the thread");
        assert!(!eth.page(&path).await.contains("Me too"));

        // A viewer reads but is offered no form to write.
        let viewer = signed_in(&app, "viewer@eth.example").await;
        let read = viewer.page(&path).await;
        assert!(read.contains("Addis Ababa") && !read.contains("id=\"post-message\""), "{read}");
    }
}

store_test! {
    async fn a_donor_pledges_and_withdraws_from_its_workspace(store: Store) {
        install(&store).await;
        let app = app(store.clone());
        let france = signed_in(&app, "official@fra.example").await;
        let page = france.page("/workspace/pledges").await;
        assert!(page.contains("<option value=\"covax\">"), "{page}");
        let bad = france.submit(&page, "new-pledge", &[("doses", "0"), ("by", "2021-12-31"), ("to", "covax")]).await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(String::from_utf8(bad.body).unwrap().contains("id=\"new-pledge-doses-error\">Enter a whole number of at least 1."));
        let past = france.submit(&page, "new-pledge", &[("doses", "1000"), ("by", "2021-01-01"), ("to", "covax")]).await;
        assert_eq!(past.status, StatusCode::UNPROCESSABLE_ENTITY, "the use case's own rule, beside its field");
        assert!(String::from_utf8(past.body).unwrap().contains("id=\"new-pledge-by-error\""));
        let made = france.submit(&page, "new-pledge", &[("doses", "120000"), ("by", "2021-12-31"), ("to", "covax"), ("note", "For the September round")]).await;
        assert_eq!(made.status, StatusCode::SEE_OTHER);
        let listed = plain(&france.page(made.header("location").unwrap()).await);
        assert!(listed.contains("The pledge is recorded.") && listed.contains("120,000"), "{listed}");
        let withdrawn = france.submit(&listed, "withdraw-pledge", &[]).await;
        let twice = france.submit(&listed, "withdraw-pledge", &[]).await;
        assert_eq!((withdrawn.status, twice.status), (StatusCode::SEE_OTHER, StatusCode::SEE_OTHER));
        let after = plain(&france.page("/workspace/pledges").await);
        assert!(after.contains("Withdrawn") && !after.contains("id=\"withdraw-pledge\""), "{after}");
        // COVAX would see it among the pledges made to it; Ethiopia's viewer may not pledge.
        let viewer = signed_in(&app, "viewer@eth.example").await;
        let read = viewer.page("/workspace/pledges").await;
        assert!(!read.contains("id=\"new-pledge\""), "{read}");
        let (_, hidden) = common::browser::form_of(&read, "sign-out");
        let csrf = hidden.iter().find(|(name, _)| name == "csrf_token").unwrap().1.clone();
        let forced = viewer.post("/workspace/pledges", &[("csrf_token", &csrf), ("doses", "5"), ("by", "2021-12-31"), ("to", "covax")]).await;
        assert_eq!(forced.status, StatusCode::FORBIDDEN, "a viewer may not pledge, even with its own token");
        assert!(String::from_utf8(forced.body).unwrap().contains("Your role may not do this."));
        let pledges: Vec<store::cooperation::Pledge> = store
            .read(|tx| async move { app::pledges::list(&tx, &app::pledges::PledgeQuery { limit: 100, ..Default::default() }).await.map_err(|error| store::StoreError::Corrupt(error.to_string())) })
            .await
            .unwrap();
        assert_eq!(pledges.len(), 1, "France's one pledge, nothing of the viewer's");
        verified(&store).await;
    }
}

/// An administrator of the operator's organization, and COVAX with an official.
async fn install_admin(store: &Store) {
    let hash = app::secrets::hash_password(PASSWORD).unwrap();
    store
        .write(|tx| {
            let hash = hash.clone();
            async move {
                tx.create_party(&Party {
                    code: PartyCode::parse("operator").unwrap(),
                    kind: PartyKind::Organization,
                    name: "Operator".into(),
                    population: None,
                    income_group: None,
                })
                .await?;
                for (email, party, role) in [
                    ("admin@operator.example", "operator", Role::Admin),
                    ("official@covax.example", "covax", Role::Official),
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

store_test! {
    async fn an_administrator_creates_parties_and_users_and_disables_them(store: Store) {
        install(&store).await;
        install_admin(&store).await;
        let app = app(store.clone());
        let admin = signed_in(&app, "admin@operator.example").await;
        let home = admin.page("/workspace").await;
        assert!(home.contains("href=\"/workspace/users\"") && home.contains("href=\"/workspace/parties\""), "{home}");

        let parties = admin.page("/workspace/parties").await;
        let bad = admin.submit(&parties, "new-party", &[("kind", "manufacturer"), ("code", "Serum Institute!"), ("name", "Serum Institute of India")]).await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        let shown = String::from_utf8(bad.body).unwrap();
        assert!(shown.contains("id=\"new-party-code-error\""), "{shown}");
        assert!(shown.contains("value=\"Serum Institute of India\""), "{shown}");
        let made = admin.submit(&parties, "new-party", &[("kind", "manufacturer"), ("code", "serum-institute"), ("name", "Serum Institute of India")]).await;
        assert_eq!(made.status, StatusCode::SEE_OTHER);
        assert!(admin.page("/workspace/parties").await.contains("serum-institute"));

        let users = admin.page("/workspace/users").await;
        let short = admin.submit(&users, "new-user", &[("email", "desk@serum.example"), ("password", "short"), ("party", "serum-institute"), ("role", "official")]).await;
        assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
        let shown = String::from_utf8(short.body).unwrap();
        assert!(shown.contains("id=\"new-user-password-error\""), "{shown}");
        assert!(shown.contains("value=\"desk@serum.example\"") && !shown.contains("value=\"short\""), "the email kept, never the password: {shown}");
        let created = admin.submit(&users, "new-user", &[("email", "desk@serum.example"), ("password", "a long first password"), ("party", "serum-institute"), ("role", "official")]).await;
        assert_eq!(created.status, StatusCode::SEE_OTHER, "{created:?}");
        let mut desk = Browser::new(&app);
        desk.sign_in("desk@serum.example", "a long first password").await;
        assert!(desk.page("/workspace").await.contains("href=\"/workspace/lots\""));

        // Disabled: the session stops working at once.
        let listed = admin.page("/workspace/users").await;
        let id = store
            .read(|tx| async move { Ok::<_, store::StoreError>(tx.user_by_email("desk@serum.example").await?.unwrap().user.id.0) })
            .await
            .unwrap();
        let disabled = admin.submit(&listed, &format!("disable-user-{id}"), &[]).await;
        assert_eq!(disabled.status, StatusCode::SEE_OTHER);
        assert_eq!(desk.get("/workspace").await.status, StatusCode::SEE_OTHER, "signed out");
        assert!(admin.page("/workspace/users").await.contains(&format!("id=\"enable-user-{id}\"")));

        // An official is offered none of it, and a forced creation is refused.
        let official = signed_in(&app, "official@covax.example").await;
        let own = official.page("/workspace").await;
        assert!(!own.contains("/workspace/users"));
        let (_, hidden) = common::browser::form_of(&own, "sign-out");
        let csrf = hidden.iter().find(|(name, _)| name == "csrf_token").unwrap().1.clone();
        let forced = official.post("/workspace/users", &[("csrf_token", &csrf), ("email", "x@y.example"), ("password", "a long password"), ("party", "covax"), ("role", "admin")]).await;
        assert_eq!(forced.status, StatusCode::FORBIDDEN);
        let none = store.read(|tx| async move { Ok::<_, store::StoreError>(tx.user_by_email("x@y.example").await?.is_none()) }).await.unwrap();
        assert!(none, "nothing was created");
    }
}

store_test! {
    async fn an_organization_records_a_meeting_and_links_a_pledge(store: Store) {
        install(&store).await;
        install_admin(&store).await;
        let app = app(store.clone());
        let france = signed_in(&app, "official@fra.example").await;
        let pledges = france.page("/workspace/pledges").await;
        let made = france.submit(&pledges, "new-pledge", &[("doses", "500000"), ("by", "2021-12-31"), ("to", "covax")]).await;
        assert_eq!(made.status, StatusCode::SEE_OTHER);
        let covax = signed_in(&app, "official@covax.example").await;
        let page = covax.page("/workspace/meetings").await;
        let recorded = covax.submit(&page, "new-meeting", &[("title", "Forum on vaccine cooperation"), ("date", "2021-08-05"), ("parties", "FRA, ETH")]).await;
        assert_eq!(recorded.status, StatusCode::SEE_OTHER, "{recorded:?}");
        let location = recorded.header("location").unwrap().to_owned();
        let meeting = covax.page(&location).await;
        assert!(plain(&meeting).contains("The meeting is recorded."), "{meeting}");
        let missing = covax.submit(&meeting, "link-outcome", &[("kind", "pledge"), ("id", "999")]).await;
        assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(String::from_utf8(missing.body).unwrap().contains("id=\"link-outcome-id-error\""));
        let pledge = store
            .read(|tx| async move { app::pledges::list(&tx, &app::pledges::PledgeQuery { limit: 10, ..Default::default() }).await.map_err(|error| store::StoreError::Corrupt(error.to_string())) })
            .await
            .unwrap()[0]
            .id;
        let linked = covax.submit(&meeting, "link-outcome", &[("kind", "pledge"), ("id", &pledge.to_string())]).await;
        assert_eq!(linked.status, StatusCode::SEE_OTHER);
        let path = location.split('?').next().unwrap();
        let public = Browser::new(&app).page(&path.replace("/workspace", "")).await;
        assert!(plain(&public).contains("500,000"), "the public page follows the pledge: {public}");
        // France was present but may not link outcomes to COVAX's meeting.
        assert!(!france.page("/workspace/meetings").await.contains("id=\"new-meeting\""));
        verified(&store).await;
    }
}
