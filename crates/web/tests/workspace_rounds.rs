//! An organization's rounds in its workspace, on both backends: pooling lots and requests in
//! a form, a bad day shown beside its field, a double submission opening one round, computing,
//! reviewing the proposal as a table and a chart, publishing, a viewer refused, closing and
//! starting the next round; the ledger verified after.

mod common;

use axum::Router;
use axum::http::StatusCode;
use common::browser::Browser;
use common::{app, call, verified};
use domain::ledger::PartyCode;
use domain::party::{PartyKind, Role};
use serde_json::{Value, json};
use store::{Store, store_test};

const PASSWORD: &str = "correct horse battery";

async fn post(app: &Router, uri: &str, token: &str, body: Option<Value>) -> Value {
    let (status, answer) = call(app, "POST", uri, Some(token), body).await;
    assert!(status.is_success(), "{uri} as {token}: {status} {answer}");
    answer
}

/// COVAX holds 100,000 doses; Ethiopia and Chad ask; COVAX has an official and a viewer who
/// sign in with [`PASSWORD`].
async fn install(store: &Store) -> (Router, i64, Vec<i64>) {
    common::officials(
        store,
        &[
            ("maker", PartyKind::Manufacturer),
            ("covax", PartyKind::Organization),
        ],
        &["maker", "covax", "ETH", "TCD"],
    )
    .await;
    let hash = app::secrets::hash_password(PASSWORD).unwrap();
    store
        .write(|tx| {
            let hash = hash.clone();
            async move {
                for (email, role) in [
                    ("desk@covax.example", Role::Official),
                    ("reader@covax.example", Role::Viewer),
                ] {
                    tx.create_user(&store::accounts::NewUser {
                        email,
                        password_hash: &hash,
                        party: &PartyCode::parse("covax").unwrap(),
                        role,
                    })
                    .await?;
                }
                Ok::<_, store::StoreError>(())
            }
        })
        .await
        .unwrap();
    let app = app(store.clone());
    post(&app, "/api/v1/products", "maker", Some(json!({"code": "VAX1", "name": "Vaccine", "doses_per_course": 2, "storage": "2-8C", "shelf_life_days": 200}))).await;
    let lot = post(&app, "/api/v1/lots", "maker", Some(json!({"product": "VAX1", "lot_number": "L-1", "expiry": "2022-01-31", "doses": 100_000}))).await;
    let lot = lot["id"].as_i64().unwrap();
    let shipment = post(
        &app,
        "/api/v1/shipments",
        "maker",
        Some(json!({"lot": lot, "doses": 100_000, "to": "covax"})),
    )
    .await;
    let id = shipment["id"].as_i64().unwrap();
    post(
        &app,
        &format!("/api/v1/shipments/{id}/dispatch"),
        "maker",
        None,
    )
    .await;
    post(
        &app,
        &format!("/api/v1/shipments/{id}/confirm"),
        "covax",
        None,
    )
    .await;
    let mut requests = Vec::new();
    for (country, doses) in [("ETH", 150_000), ("TCD", 80_000)] {
        let request = post(
            &app,
            "/api/v1/requests",
            country,
            Some(json!({"doses": doses, "needed_by": "2021-10-31"})),
        )
        .await;
        requests.push(request["id"].as_i64().unwrap());
    }
    (app, lot, requests)
}

fn plain(html: &str) -> String {
    html.replace(['\u{2068}', '\u{2069}'], "")
}

async fn round_state(app: &Router, id: i64) -> String {
    let (_, round) = call(
        app,
        "GET",
        &format!("/api/v1/rounds/{id}"),
        Some("covax"),
        None,
    )
    .await;
    round["state"].as_str().unwrap().to_owned()
}

store_test! {
    async fn an_organization_runs_a_round_from_its_workspace(store: Store) {
        let (app, lot, requests) = install(&store).await;
        let mut desk = Browser::new(&app);
        desk.sign_in("desk@covax.example", PASSWORD).await;
        let page = plain(&desk.page("/workspace/rounds").await);
        let lot_value = format!("{lot}:covax");
        assert!(page.contains(&format!("value=\"{lot_value}\"")), "the lot to pool is offered: {page}");
        assert!(page.contains("Lot L-1 (VAX1) held by covax: 100,000 doses"), "{page}");
        for request in &requests {
            assert!(page.contains(&format!("name=\"requests\" value=\"{request}\"")), "{page}");
        }
        let (first, second) = (requests[0].to_string(), requests[1].to_string());

        // A day that is not one: the same page, the error beside the field, what was checked kept.
        let answer = desk.submit(&page, "open-round", &[("date", "2021-02-30"), ("lots", &lot_value), ("requests", &first)]).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
        let shown = plain(&String::from_utf8(answer.body).unwrap());
        assert!(shown.contains("id=\"open-round-date-error\">Enter a day like 2021-08-04."), "{shown}");
        assert!(shown.contains(&format!("value=\"{lot_value}\" checked")), "{shown}");
        assert!(shown.contains("value=\"2021-02-30\""), "{shown}");
        let none: Vec<i64> = store.read(|tx| async move { tx.round_ids_of(&PartyCode::parse("covax").unwrap(), 10).await }).await.unwrap();
        assert!(none.is_empty(), "nothing was opened");

        // Opened, twice sent: one round.
        let fields = [("date", "2021-08-06"), ("lots", lot_value.as_str()), ("requests", first.as_str()), ("requests", second.as_str())];
        let opened = desk.submit(&page, "open-round", &fields).await;
        let again = desk.submit(&page, "open-round", &fields).await;
        assert_eq!(opened.status, StatusCode::SEE_OTHER);
        assert_eq!(opened.header("location"), again.header("location"));
        let ids: Vec<i64> = store.read(|tx| async move { tx.round_ids_of(&PartyCode::parse("covax").unwrap(), 10).await }).await.unwrap();
        assert_eq!(ids.len(), 1, "one round for a double submission");
        let id = ids[0];
        assert_eq!(opened.header("location"), Some(format!("/workspace/rounds/{id}?done=round-opened").as_str()));

        // Computed: the proposal as a table and a chart, with its CSV.
        let draft = plain(&desk.page(opened.header("location").unwrap()).await);
        assert!(draft.contains("The round is open as a draft."), "{draft}");
        assert!(draft.contains("The proposal has not been computed yet."), "{draft}");
        let computed = desk.submit(&draft, "compute-round", &[]).await;
        assert_eq!(computed.status, StatusCode::SEE_OTHER, "{computed:?}");
        let proposal = plain(&desk.page(&format!("/workspace/rounds/{id}")).await);
        assert!(proposal.contains("<svg"), "the before/after chart: {proposal}");
        assert!(proposal.contains("100,000 doses to 2 countries; 0 doses left in the pool."), "{proposal}");
        let csv = desk.get(&format!("/workspace/rounds/{id}/shares.csv")).await;
        assert_eq!(csv.status, StatusCode::OK);
        let csv = String::from_utf8(csv.body).unwrap();
        let doses: i64 = csv.lines().skip(1).map(|line| line.split(',').nth(3).unwrap().parse::<i64>().unwrap()).sum();
        assert_eq!(doses, 100_000, "{csv}");

        // A viewer reads the round but is offered no action, and a forced one changes nothing.
        let mut reader = Browser::new(&app);
        reader.sign_in("reader@covax.example", PASSWORD).await;
        let read = reader.page(&format!("/workspace/rounds/{id}")).await;
        assert!(!read.contains("publish-round"), "{read}");
        let forced = reader.submit(&proposal, "publish-round", &[]).await;
        assert_eq!(forced.status, StatusCode::FORBIDDEN, "{forced:?}");
        assert_eq!(round_state(&app, id).await, "draft");

        // Published, then closed; the next round starts with what is left.
        let published = desk.submit(&proposal, "publish-round", &[]).await;
        assert_eq!(published.status, StatusCode::SEE_OTHER);
        assert_eq!(round_state(&app, id).await, "published");
        let after = plain(&desk.page(published.header("location").unwrap()).await);
        assert!(after.contains("The round is published; the countries are notified."), "{after}");
        // Published twice (the page before, sent again): refused, nothing else changes.
        let twice = desk.submit(&proposal, "publish-round", &[("idempotency_key", "another-key")]).await;
        assert_eq!(twice.status, StatusCode::CONFLICT, "{twice:?}");
        let closed = desk.submit(&after, "close-round", &[]).await;
        assert_eq!(closed.status, StatusCode::SEE_OTHER);
        assert_eq!(round_state(&app, id).await, "closed");
        let closed_page = desk.page(&format!("/workspace/rounds/{id}")).await;
        let next = desk.submit(&closed_page, "next-round", &[("after", &id.to_string()), ("date", "2021-08-20")]).await;
        assert_eq!(next.status, StatusCode::SEE_OTHER, "{next:?}");
        let ids: Vec<i64> = store.read(|tx| async move { tx.round_ids_of(&PartyCode::parse("covax").unwrap(), 10).await }).await.unwrap();
        assert_eq!(ids.len(), 2);
        let (_, next_round) = call(&app, "GET", &format!("/api/v1/rounds/{}", ids[0]), Some("covax"), None).await;
        assert_eq!(next_round["after"], id, "{next_round}");
        verified(&store).await;
    }
}
