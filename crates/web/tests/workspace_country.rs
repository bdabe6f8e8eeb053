//! A country's workspace on the dose path, on both backends: its requests (asked, withdrawn),
//! its round shares (declined for short shelf life, accepted), its shipments (confirmed by
//! the recipient, dispatched by the holder), its stock with the doses at risk (proposed for
//! redistribution) and its administration reports. Each form with bad input (the error
//! beside its field, what was typed kept, nothing changed), sent twice (one effect), forced
//! by a viewer (refused, nothing changed); the ledger verified after.

mod common;

use axum::Router;
use axum::http::StatusCode;
use common::browser::{Browser, form_of};
use common::{app, call, verified};
use domain::ledger::PartyCode;
use domain::party::{PartyKind, Role};
use serde_json::{Value, json};
use store::{Store, store_test};

const PASSWORD: &str = "correct horse battery";

/// What [`install`] made.
struct World {
    app: Router,
    /// Lot L-1 (expires 2022-01-31) and L-2 (expires 2021-08-20).
    lots: [i64; 2],
    /// ETH's and TCD's requests.
    requests: [i64; 2],
    /// COVAX's published round serving them.
    round: i64,
    /// 20,000 doses of L-1 in transit from the maker to Ethiopia.
    in_transit: i64,
}

async fn post(app: &Router, uri: &str, token: &str, body: Option<Value>) -> Value {
    let (status, answer) = call(app, "POST", uri, Some(token), body).await;
    assert!(status.is_success(), "{uri} as {token}: {status} {answer}");
    answer
}

async fn get(app: &Router, uri: &str, token: &str) -> Value {
    let (status, answer) = call(app, "GET", uri, Some(token), None).await;
    assert_eq!(status, StatusCode::OK, "{uri} as {token}: {answer}");
    answer
}

/// A maker, COVAX, Ethiopia and Chad, each with an official whose token is its code; users
/// who sign in with [`PASSWORD`]: Ethiopia's official and viewer, Chad's official, COVAX's
/// desk. COVAX holds 160,000 doses of two lots and has published a round for Ethiopia's and
/// Chad's requests; 20,000 doses are in transit to Ethiopia.
async fn install(store: &Store) -> World {
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
                for (email, party, role) in [
                    ("official@eth.example", "ETH", Role::Official),
                    ("viewer@eth.example", "ETH", Role::Viewer),
                    ("official@tcd.example", "TCD", Role::Official),
                    ("desk@covax.example", "covax", Role::Official),
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
    let app = app(store.clone());
    post(&app, "/api/v1/products", "maker", Some(json!({"code": "VAX1", "name": "Vaccine one", "doses_per_course": 2, "storage": "2-8C", "shelf_life_days": 200}))).await;
    let mut lots = [0; 2];
    for (index, (number, expiry, doses)) in [
        ("L-1", "2022-01-31", 120_000),
        ("L-2", "2021-08-20", 60_000),
    ]
    .into_iter()
    .enumerate()
    {
        let lot = post(
            &app,
            "/api/v1/lots",
            "maker",
            Some(
                json!({"product": "VAX1", "lot_number": number, "expiry": expiry, "doses": doses}),
            ),
        )
        .await;
        lots[index] = lot["id"].as_i64().unwrap();
    }
    let mut in_transit = 0;
    for (lot, doses, to) in [
        (lots[0], 100_000, "covax"),
        (lots[1], 60_000, "covax"),
        (lots[0], 20_000, "ETH"),
    ] {
        let shipment = post(
            &app,
            "/api/v1/shipments",
            "maker",
            Some(json!({"lot": lot, "doses": doses, "to": to})),
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
        if to == "covax" {
            post(
                &app,
                &format!("/api/v1/shipments/{id}/confirm"),
                "covax",
                None,
            )
            .await;
        } else {
            in_transit = id;
        }
    }
    let mut requests = [0; 2];
    for (index, (country, body)) in [
        ("ETH", json!({"doses": 150_000, "needed_by": "2021-10-31", "min_shelf_life_days": 30, "absorption_per_day": 100})),
        ("TCD", json!({"doses": 80_000, "needed_by": "2021-10-31"})),
    ]
    .into_iter()
    .enumerate()
    {
        let request = post(&app, "/api/v1/requests", country, Some(body)).await;
        requests[index] = request["id"].as_i64().unwrap();
    }
    let round = post(
        &app,
        "/api/v1/rounds",
        "covax",
        Some(json!({"date": "2021-08-06", "lots": [{"lot": lots[0]}, {"lot": lots[1]}], "requests": requests})),
    )
    .await;
    let round = round["id"].as_i64().unwrap();
    post(
        &app,
        &format!("/api/v1/rounds/{round}/compute"),
        "covax",
        None,
    )
    .await;
    post(
        &app,
        &format!("/api/v1/rounds/{round}/publish"),
        "covax",
        None,
    )
    .await;
    World {
        app,
        lots,
        requests,
        round,
        in_transit,
    }
}

fn plain(html: &str) -> String {
    html.replace(['\u{2068}', '\u{2069}'], "")
}

fn text_of(answer: &common::Answer) -> String {
    plain(&String::from_utf8_lossy(&answer.body))
}

async fn signed_in(app: &Router, email: &str) -> Browser {
    let mut browser = Browser::new(app);
    browser.sign_in(email, PASSWORD).await;
    browser
}

/// The session's CSRF token, read from the sign-out form of a page, for a submission the
/// page does not offer (a viewer forcing one).
fn csrf_of(html: &str) -> String {
    let (_, hidden) = form_of(html, "sign-out");
    hidden
        .into_iter()
        .find(|(name, _)| name == "csrf_token")
        .unwrap()
        .1
}

/// The country's share of the round: `(response, reason)`.
async fn answer_of(app: &Router, round: i64, country: &str) -> (Value, Value) {
    let round = get(app, &format!("/api/v1/rounds/{round}"), "covax").await;
    let share = round["proposal"]["shares"]
        .as_array()
        .unwrap()
        .iter()
        .find(|share| share["country"] == country)
        .unwrap_or_else(|| panic!("no share for {country}: {round}"))
        .clone();
    (share["response"].clone(), share["reason"].clone())
}

/// ETH's doses of `lot` in `state`.
async fn balance(app: &Router, lot: i64, state: &str) -> i64 {
    let balances = get(
        app,
        &format!("/api/v1/balances?lot={lot}&holder=ETH"),
        "ETH",
    )
    .await;
    balances
        .as_array()
        .unwrap()
        .iter()
        .filter(|balance| balance["state"] == state)
        .map(|balance| balance["doses"].as_i64().unwrap())
        .sum()
}

store_test! {
    async fn a_country_declines_and_accepts_its_shares(store: Store) {
        let world = install(&store).await;
        let (app, round) = (&world.app, world.round);

        // Chad reads its share: the doses, each lot with its expiry, the two answers.
        let tcd = signed_in(app, "official@tcd.example").await;
        let home = plain(&tcd.page("/workspace").await);
        assert!(home.contains(&format!("Round {round} of covax: your share of")), "{home}");
        let page = plain(&tcd.page("/workspace/shares").await);
        assert!(page.contains(&format!("id=\"round-{round}\">Round {round} of covax")), "{page}");
        assert!(page.contains("(VAX1)</th>"), "the share's lots: {page}");
        assert!(page.contains("(in 14 days)") || page.contains("(in 178 days)"), "each lot's expiry: {page}");
        assert!(page.contains(&format!("id=\"accept-{round}\"")) && page.contains(&format!("id=\"decline-{round}\"")), "{page}");
        assert!(page.contains("<option value=\"short_shelf_life\">shelf life too short</option>"), "{page}");

        // Declining without a reason, or with "other" and no note: the error beside the field,
        // the note kept, nothing answered.
        let decline = format!("decline-{round}");
        let missing = tcd.submit(&page, &decline, &[("reason", ""), ("note", "Our cold stores are full")]).await;
        assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
        let shown = text_of(&missing);
        assert!(shown.contains(&format!("id=\"{decline}-reason-error\">Choose one of the options offered.")) || shown.contains(&format!("id=\"{decline}-reason-error\">Fill in this field.")), "{shown}");
        assert!(shown.contains(">Our cold stores are full</textarea>"), "{shown}");
        let other = tcd.submit(&page, &decline, &[("reason", "other"), ("note", "")]).await;
        assert_eq!(other.status, StatusCode::UNPROCESSABLE_ENTITY);
        let shown = text_of(&other);
        assert!(shown.contains(&format!("id=\"{decline}-note-error\">Say what the other reason is.")), "{shown}");
        assert!(shown.contains("<option value=\"other\" selected>"), "the reason kept: {shown}");
        assert_eq!(answer_of(app, round, "TCD").await, (Value::Null, Value::Null));

        // Declined for short shelf life: recorded, and shown with its reason.
        let declined = tcd.submit(&page, &decline, &[("reason", "short_shelf_life"), ("note", "")]).await;
        assert_eq!(declined.status, StatusCode::SEE_OTHER, "{}", text_of(&declined));
        assert_eq!(declined.header("location"), Some("/workspace/shares?done=country-share-declined"));
        assert_eq!(answer_of(app, round, "TCD").await, (json!("decline"), json!("short_shelf_life")));
        let after = plain(&tcd.page("/workspace/shares?done=country-share-declined").await);
        assert!(after.contains("The share is declined: its doses return to the pool."), "{after}");
        assert!(after.contains("Declined: shelf life too short"), "{after}");
        assert!(after.contains("No share awaits your answer."), "{after}");
        // Answering again from the page before, as a new submission: refused in words.
        let again = tcd.submit(&page, &format!("accept-{round}"), &[]).await;
        assert_eq!(again.status, StatusCode::CONFLICT);
        assert!(text_of(&again).contains("Your country has answered this share already"), "{}", text_of(&again));
        assert_eq!(answer_of(app, round, "TCD").await, (json!("decline"), json!("short_shelf_life")));

        // Ethiopia's viewer reads its share but is offered no answer; forcing one changes nothing.
        let viewer = signed_in(app, "viewer@eth.example").await;
        let read = plain(&viewer.page("/workspace/shares").await);
        assert!(read.contains(&format!("id=\"round-{round}\"")), "{read}");
        assert!(!read.contains(&format!("id=\"accept-{round}\"")), "{read}");
        assert!(read.contains("You read this page as a viewer"), "{read}");
        let forced = viewer
            .post(&format!("/workspace/shares/{round}/respond"), &[("csrf_token", &csrf_of(&read)), ("idempotency_key", "forced-1"), ("decision", "accept")])
            .await;
        assert_eq!(forced.status, StatusCode::FORBIDDEN, "{}", text_of(&forced));
        assert!(text_of(&forced).contains("Your role may not do this."), "{}", text_of(&forced));
        assert_eq!(answer_of(app, round, "ETH").await, (Value::Null, Value::Null));

        // Ethiopia's official accepts, twice sent: one answer, its shipments planned once.
        let eth = signed_in(app, "official@eth.example").await;
        let page = eth.page("/workspace/shares").await;
        let first = eth.submit(&page, &format!("accept-{round}"), &[]).await;
        let second = eth.submit(&page, &format!("accept-{round}"), &[]).await;
        assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", text_of(&first));
        assert_eq!(first.header("location"), second.header("location"));
        assert_eq!(answer_of(app, round, "ETH").await, (json!("accept"), Value::Null));
        let planned = get(app, &format!("/api/v1/shipments?to=ETH&round={round}"), "ETH").await;
        let planned = planned.as_array().unwrap();
        assert!(!planned.is_empty(), "the accepted share's shipments");
        assert!(planned.iter().all(|shipment| shipment["state"] == "planned"), "{planned:?}");
        let shipments = plain(&eth.page("/workspace/shipments").await);
        assert!(shipments.contains(&format!("round {round}")), "{shipments}");
        verified(&store).await;
    }
}

store_test! {
    async fn a_country_asks_for_doses_and_withdraws(store: Store) {
        let world = install(&store).await;
        let app = &world.app;
        let count = || async { get(app, "/api/v1/requests?country=ETH", "ETH").await.as_array().unwrap().len() };
        let eth = signed_in(app, "official@eth.example").await;
        let page = plain(&eth.page("/workspace/requests").await);
        assert!(page.contains(&format!("Request {}</th>", world.requests[0])), "{page}");
        assert!(page.contains(&format!("id=\"withdraw-request-{}\"", world.requests[0])), "{page}");
        assert!(page.contains("name=\"products\" value=\"VAX1\""), "{page}");

        // Bad input: each error beside its field, what was typed kept, nothing asked.
        let bad = eth
            .submit(&page, "new-request", &[("doses", "many"), ("needed_by", "2021-07-01"), ("target_per_100", "lots"), ("note", "For the second dose")])
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        let shown = text_of(&bad);
        assert!(shown.contains("id=\"new-request-doses-error\">Enter a whole number of at least 1."), "{shown}");
        assert!(shown.contains("id=\"new-request-needed_by-error\">This day has passed"), "{shown}");
        assert!(shown.contains("id=\"new-request-target_per_100-error\">Enter a number above 0"), "{shown}");
        assert!(shown.contains("value=\"many\"") && shown.contains("value=\"2021-07-01\""), "{shown}");
        assert!(shown.contains(">For the second dose</textarea>"), "{shown}");
        assert_eq!(count().await, 1);

        // Good input, twice sent: one request, with what was given.
        let fields = [("doses", "50000"), ("needed_by", "2021-12-01"), ("products", "VAX1"), ("min_shelf_life_days", "60"), ("target_per_100", "52.5"), ("note", "")];
        let first = eth.submit(&page, "new-request", &fields).await;
        let second = eth.submit(&page, "new-request", &fields).await;
        assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", text_of(&first));
        assert_eq!(first.header("location"), second.header("location"));
        assert_eq!(count().await, 2);
        let requests = get(app, "/api/v1/requests?country=ETH", "ETH").await;
        let created = requests.as_array().unwrap().last().unwrap().clone();
        assert_eq!((created["doses"].clone(), created["products"].clone(), created["min_shelf_life_days"].clone()), (json!(50_000), json!(["VAX1"]), json!(60)));
        let id = created["id"].as_i64().unwrap();

        // Withdrawn; withdrawing again from the page before is refused in words.
        let page = plain(&eth.page(first.header("location").unwrap()).await);
        assert!(page.contains("Your request is sent"), "{page}");
        let withdrawn = eth.submit(&page, &format!("withdraw-request-{id}"), &[]).await;
        assert_eq!(withdrawn.status, StatusCode::SEE_OTHER, "{}", text_of(&withdrawn));
        let state = get(app, &format!("/api/v1/requests/{id}"), "ETH").await;
        assert_eq!(state["state"], "withdrawn");
        let again = eth.submit(&page, &format!("withdraw-request-{id}"), &[("idempotency_key", "another-key")]).await;
        assert_eq!(again.status, StatusCode::CONFLICT);
        assert!(text_of(&again).contains("This has changed meanwhile"), "{}", text_of(&again));

        // A viewer is offered no form; forcing one asks for nothing.
        let viewer = signed_in(app, "viewer@eth.example").await;
        let read = plain(&viewer.page("/workspace/requests").await);
        assert!(!read.contains("id=\"new-request\"") && !read.contains("withdraw-request-"), "{read}");
        let forced = viewer
            .post("/workspace/requests", &[("csrf_token", &csrf_of(&read)), ("idempotency_key", "forced-2"), ("doses", "1000"), ("needed_by", "2021-12-01")])
            .await;
        assert_eq!(forced.status, StatusCode::FORBIDDEN, "{}", text_of(&forced));
        assert_eq!(count().await, 2);
        let forced = viewer
            .post(&format!("/workspace/requests/{}/withdraw", world.requests[0]), &[("csrf_token", &csrf_of(&read)), ("idempotency_key", "forced-3")])
            .await;
        assert_eq!(forced.status, StatusCode::FORBIDDEN, "{}", text_of(&forced));
        assert_eq!(get(app, &format!("/api/v1/requests/{}", world.requests[0]), "ETH").await["state"], "open");
        verified(&store).await;
    }
}

store_test! {
    async fn shipments_stock_and_administration(store: Store) {
        let world = install(&store).await;
        let (app, lot, shipment) = (&world.app, world.lots[0], world.in_transit);
        let eth = signed_in(app, "official@eth.example").await;
        let home = plain(&eth.page("/workspace").await);
        assert!(home.contains("1 shipment in transit to confirm on arrival"), "{home}");

        // The shipment in transit: the recipient is offered "confirm", its viewer nothing.
        let page = plain(&eth.page("/workspace/shipments").await);
        assert!(page.contains(&format!("id=\"confirm-{shipment}\"")), "{page}");
        assert!(page.contains("L-1 (VAX1)") && page.contains("in transit"), "{page}");
        let viewer = signed_in(app, "viewer@eth.example").await;
        let read = plain(&viewer.page("/workspace/shipments").await);
        assert!(!read.contains(&format!("id=\"confirm-{shipment}\"")), "{read}");
        let forced = viewer
            .post(&format!("/workspace/shipments/{shipment}/confirm"), &[("csrf_token", &csrf_of(&read)), ("idempotency_key", "forced-4")])
            .await;
        assert_eq!(forced.status, StatusCode::FORBIDDEN, "{}", text_of(&forced));
        assert_eq!(get(app, &format!("/api/v1/shipments/{shipment}"), "ETH").await["state"], "in_transit");

        // Confirmed, twice sent: delivered once, the doses in Ethiopia's stock.
        let first = eth.submit(&page, &format!("confirm-{shipment}"), &[]).await;
        let second = eth.submit(&page, &format!("confirm-{shipment}"), &[]).await;
        assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", text_of(&first));
        assert_eq!(first.header("location"), second.header("location"));
        assert_eq!(get(app, &format!("/api/v1/shipments/{shipment}"), "ETH").await["state"], "delivered");
        assert_eq!(balance(app, lot, "available").await, 20_000);
        let after = plain(&eth.page(first.header("location").unwrap()).await);
        assert!(after.contains("The delivery is confirmed"), "{after}");

        // The holder dispatches: COVAX's desk sees its planned shipments to Ethiopia once
        // Ethiopia accepts its share; Ethiopia is offered no dispatch.
        post(app, &format!("/api/v1/rounds/{}/responses", world.round), "ETH", Some(json!({"decision": "accept"}))).await;
        let planned = get(app, &format!("/api/v1/shipments?to=ETH&round={}", world.round), "ETH").await;
        let planned = planned.as_array().unwrap()[0]["id"].as_i64().unwrap();
        let theirs = plain(&eth.page("/workspace/shipments").await);
        assert!(!theirs.contains(&format!("id=\"dispatch-{planned}\"")), "{theirs}");
        let desk = signed_in(app, "desk@covax.example").await;
        let outgoing = plain(&desk.page("/workspace/shipments").await);
        assert!(outgoing.contains(&format!("id=\"dispatch-{planned}\"")) && outgoing.contains(&format!("id=\"cancel-{planned}\"")), "{outgoing}");
        let dispatched = desk.submit(&outgoing, &format!("dispatch-{planned}"), &[]).await;
        assert_eq!(dispatched.status, StatusCode::SEE_OTHER, "{}", text_of(&dispatched));
        assert_eq!(get(app, &format!("/api/v1/shipments/{planned}"), "ETH").await["state"], "in_transit");

        // Stock: the lot with its doses at risk (at 100 doses a day, 179 days of use, today
        // included, take 17,900 of its 20,000).
        let stock = plain(&eth.page("/workspace/stock").await);
        assert!(stock.contains("L-1 (VAX1)"), "{stock}");
        assert!(stock.contains("2,100"), "the doses at risk: {stock}");
        let propose = format!("propose-{lot}");
        assert!(stock.contains(&format!("id=\"{propose}\"")), "{stock}");
        let viewer_stock = plain(&viewer.page("/workspace/stock").await);
        assert!(!viewer_stock.contains(&format!("id=\"{propose}\"")), "{viewer_stock}");
        let drafts = || async {
            store.read(|tx| async move { tx.round_ids_of(&PartyCode::parse("covax").unwrap(), 10).await }).await.unwrap().len()
        };
        let rounds_before = drafts().await;
        for (doses, organization, field, error) in [
            ("0", "covax", "doses", "Enter a whole number of at least 1."),
            ("999999", "covax", "doses", "More doses than you have available of this lot."),
            ("1000", "", "organization", "Fill in this field."),
        ] {
            let bad = eth.submit(&stock, &propose, &[("doses", doses), ("organization", organization)]).await;
            assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{doses} {organization}");
            let shown = text_of(&bad);
            assert!(shown.contains(&format!("id=\"{propose}-{field}-error\">{error}")), "{shown}");
            assert!(shown.contains(&format!("value=\"{doses}\"")), "{shown}");
        }
        assert_eq!(drafts().await, rounds_before);
        let fields = [("doses", "2000"), ("organization", "covax")];
        let first = eth.submit(&stock, &propose, &fields).await;
        let second = eth.submit(&stock, &propose, &fields).await;
        assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", text_of(&first));
        assert_eq!(first.header("location"), second.header("location"));
        assert_eq!(drafts().await, rounds_before + 1, "one draft round for a double submission");
        let draft = store
            .read(|tx| async move {
                let id = tx.round_ids_of(&PartyCode::parse("covax").unwrap(), 1).await?[0];
                tx.round(id).await
            })
            .await
            .unwrap()
            .unwrap();
        assert_eq!(draft.proposed_by.as_ref().map(PartyCode::as_str), Some("ETH"));
        assert_eq!(draft.lots[0].doses, 2_000);
        // The proposal is listed, and the form offers only what is left at risk.
        let stock = plain(&eth.page("/workspace/stock").await);
        assert!(stock.contains("Your redistribution proposals") && stock.contains(&format!("Round {} of covax", draft.id)), "{stock}");
        assert!(stock.contains("2,000 doses of it are proposed already"), "{stock}");
        assert!(stock.contains(&format!("id=\"{propose}-doses\" name=\"doses\" type=\"number\" value=\"100\"")), "{stock}");

        // Administration: too many doses refused beside the field, then a report, twice sent.
        let page = plain(&eth.page("/workspace/administration").await);
        assert!(page.contains(&format!("<option value=\"{lot}\">L-1 (VAX1): 20,000 available")), "{page}");
        let lot_value = lot.to_string();
        let too_many = eth.submit(&page, "administer", &[("lot", &lot_value), ("doses", "25000"), ("reason", "Addis Ababa campaign")]).await;
        assert_eq!(too_many.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", text_of(&too_many));
        let shown = text_of(&too_many);
        assert!(shown.contains("id=\"administer-doses-error\">More doses than your country has available of this lot."), "{shown}");
        assert!(shown.contains("value=\"25000\"") && shown.contains("value=\"Addis Ababa campaign\""), "{shown}");
        assert!(shown.contains(&format!("<option value=\"{lot}\" selected>")), "{shown}");
        assert_eq!(balance(app, lot, "available").await, 20_000);
        let fields = [("lot", lot_value.as_str()), ("doses", "1000"), ("reason", "Addis Ababa campaign")];
        let first = eth.submit(&page, "administer", &fields).await;
        let second = eth.submit(&page, "administer", &fields).await;
        assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", text_of(&first));
        assert_eq!(first.header("location"), second.header("location"));
        assert_eq!(balance(app, lot, "available").await, 19_000);
        assert_eq!(balance(app, lot, "administered").await, 1_000);
        let reports = plain(&eth.page(first.header("location").unwrap()).await);
        assert!(reports.contains("The report is recorded."), "{reports}");
        assert!(reports.contains("<td>Addis Ababa campaign</td>"), "{reports}");
        let read = plain(&viewer.page("/workspace/administration").await);
        assert!(!read.contains("id=\"administer\""), "{read}");
        let forced = viewer
            .post("/workspace/administration", &[("csrf_token", &csrf_of(&read)), ("idempotency_key", "forced-5"), ("lot", &lot_value), ("doses", "10")])
            .await;
        assert_eq!(forced.status, StatusCode::FORBIDDEN, "{}", text_of(&forced));
        assert_eq!(balance(app, lot, "available").await, 19_000);
        verified(&store).await;
    }
}

store_test! {
    async fn the_dose_path_pages_speak_every_language(store: Store) {
        let world = install(&store).await;
        let eth = signed_in(&world.app, "official@eth.example").await;
        let desk = signed_in(&world.app, "desk@covax.example").await;
        for lang in ["ar", "zh", "en", "fr", "ru", "es", "is"] {
            for path in ["/workspace", "/workspace/requests", "/workspace/shares", "/workspace/shipments", "/workspace/stock", "/workspace/administration"] {
                let page = eth.page(&format!("{path}?lang={lang}")).await;
                assert!(page.contains(&format!("<html lang=\"{lang}\"")), "{lang} {path}");
                assert!(!page.contains('⟦'), "{lang} {path}: a missing message in {page}");
            }
            for path in ["/workspace", "/workspace/shipments", "/workspace/stock"] {
                let page = desk.page(&format!("{path}?lang={lang}")).await;
                assert!(!page.contains('⟦'), "{lang} {path}: a missing message in {page}");
            }
        }
        let french = plain(&eth.page("/workspace/shares?lang=fr").await);
        assert!(french.contains("En attente de votre réponse"), "{french}");
        verified(&store).await;
    }
}
