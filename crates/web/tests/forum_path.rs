//! The forum's whole dose path as one scenario, on both backends (`cooperation.md`, "The dose
//! path"): a donor pledges to COVAX's pool and ships part of it there, three countries ask
//! with different shelf-life and absorption limits, COVAX computes and publishes a round, one
//! country declines for short shelf life, a second round `after` the first pools what is
//! left, shipments are dispatched and confirmed, pledge fulfilment and coverage move, and a
//! lot a country cannot use in time is proposed to a round of its own. The ledger is
//! verified after every step.

mod common;

use std::collections::BTreeMap;

use axum::Router;
use axum::http::StatusCode;
use common::{app, call, verified};
use domain::party::PartyKind;
use serde_json::{Value, json};
use store::store_test;

/// Sends a request that must succeed with `expected`; returns the answer's body.
async fn ok(
    app: &Router,
    method: &str,
    uri: &str,
    token: &str,
    body: Option<Value>,
    expected: StatusCode,
) -> Value {
    let (status, answer) = call(app, method, uri, Some(token), body).await;
    assert_eq!(status, expected, "{method} {uri} as {token}: {answer}");
    answer
}

async fn post(app: &Router, uri: &str, token: &str, body: Value) -> Value {
    ok(app, "POST", uri, token, Some(body), StatusCode::CREATED).await
}

async fn act(app: &Router, uri: &str, token: &str) -> Value {
    ok(app, "POST", uri, token, None, StatusCode::OK).await
}

/// A lot of the maker's, released, shipped to `holder` and confirmed there.
async fn lot_at(app: &Router, number: &str, expiry: &str, doses: i64, holder: &str) -> i64 {
    let lot = post(
        app,
        "/api/v1/lots",
        "maker",
        json!({"product": "VAX1", "lot_number": number, "expiry": expiry, "doses": doses}),
    )
    .await;
    let lot = lot["id"].as_i64().unwrap();
    let shipment = post(
        app,
        "/api/v1/shipments",
        "maker",
        json!({"lot": lot, "doses": doses, "to": holder}),
    )
    .await;
    let id = shipment["id"].as_i64().unwrap();
    act(app, &format!("/api/v1/shipments/{id}/dispatch"), "maker").await;
    act(app, &format!("/api/v1/shipments/{id}/confirm"), holder).await;
    lot
}

/// Available and reserved doses of `lot` by holder, as an organization reads them.
async fn balances(app: &Router, lot: i64) -> BTreeMap<String, i64> {
    let rows = ok(
        app,
        "GET",
        &format!("/api/v1/balances?lot={lot}"),
        "covax",
        None,
        StatusCode::OK,
    )
    .await;
    rows.as_array()
        .unwrap()
        .iter()
        .filter(|row| row["doses"].as_i64() != Some(0))
        .map(|row| {
            (
                format!(
                    "{}/{}",
                    row["holder"].as_str().unwrap(),
                    row["state"].as_str().unwrap()
                ),
                row["doses"].as_i64().unwrap(),
            )
        })
        .collect()
}

/// The shares of a round: country -> doses.
fn shares(round: &Value) -> BTreeMap<String, i64> {
    round["proposal"]["shares"]
        .as_array()
        .unwrap()
        .iter()
        .map(|share| {
            (
                share["country"].as_str().unwrap().to_owned(),
                share["doses"].as_i64().unwrap(),
            )
        })
        .collect()
}

/// Doses of a proposal per (lot, holder): to countries and unallocated, which together are
/// the pool.
fn accounted(round: &Value) -> BTreeMap<(i64, String), i64> {
    let mut doses = BTreeMap::new();
    let proposal = &round["proposal"];
    for entry in proposal["shipments"]
        .as_array()
        .unwrap()
        .iter()
        .chain(proposal["unallocated"].as_array().unwrap())
    {
        *doses
            .entry((
                entry["lot"].as_i64().unwrap(),
                entry["holder"].as_str().unwrap().to_owned(),
            ))
            .or_default() += entry["doses"].as_i64().unwrap();
    }
    doses
}

fn pool(round: &Value) -> BTreeMap<(i64, String), i64> {
    round["lots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|pooled| {
            (
                (
                    pooled["lot"].as_i64().unwrap(),
                    pooled["holder"].as_str().unwrap().to_owned(),
                ),
                pooled["doses"].as_i64().unwrap(),
            )
        })
        .collect()
}

/// Dispatches (as each holder) and confirms (as each recipient) every planned shipment of a
/// round; returns the doses delivered per country.
async fn deliver(app: &Router, round: i64) -> BTreeMap<String, i64> {
    let shipments = ok(
        app,
        "GET",
        &format!("/api/v1/shipments?round={round}&state=planned"),
        "covax",
        None,
        StatusCode::OK,
    )
    .await;
    let mut delivered = BTreeMap::new();
    for shipment in shipments.as_array().unwrap() {
        let id = shipment["id"].as_i64().unwrap();
        let (from, to) = (
            shipment["from"].as_str().unwrap(),
            shipment["to"].as_str().unwrap(),
        );
        let dispatched = act(app, &format!("/api/v1/shipments/{id}/dispatch"), from).await;
        assert_eq!(dispatched["movements"][0]["kind"], "ship");
        let confirmed = act(app, &format!("/api/v1/shipments/{id}/confirm"), to).await;
        assert_eq!(
            (
                confirmed["state"].as_str(),
                confirmed["movements"][0]["kind"].as_str()
            ),
            (Some("delivered"), Some("receive"))
        );
        *delivered.entry(to.to_owned()).or_default() += shipment["doses"].as_i64().unwrap();
    }
    delivered
}

store_test! {
    async fn the_forum_s_dose_path_from_pledge_to_arrival_and_redistribution(store: Store) {
        common::officials(&store, &[("maker", PartyKind::Manufacturer), ("covax", PartyKind::Organization)],
            &["maker", "covax", "FRA", "ETH", "TCD", "COD", "MWI"]).await;
        let app = app(store.clone());
        post(&app, "/api/v1/products", "maker", json!({"code": "VAX1", "name": "Vaccine", "doses_per_course": 2, "storage": "2-8C", "shelf_life_days": 200})).await;
        // France holds two lots: one expiring in five weeks, one in January.
        let soon = lot_at(&app, "SOON", "2021-09-10", 100_000, "FRA").await;
        let late = lot_at(&app, "LATE", "2022-01-31", 300_000, "FRA").await;
        verified(&store).await;

        // France pledges 400,000 doses to COVAX's pool and ships the early lot there; the
        // late lot stays in France, pooled as pledged doses (France ships the shares itself).
        let pledge = post(&app, "/api/v1/pledges", "FRA", json!({"doses": 400_000, "by": "2021-12-31", "to": "covax"})).await;
        let pledge = pledge["id"].as_i64().unwrap();
        let to_pool = post(&app, "/api/v1/shipments", "FRA", json!({"lot": soon, "doses": 100_000, "to": "covax", "pledge": pledge})).await;
        let to_pool = to_pool["id"].as_i64().unwrap();
        act(&app, &format!("/api/v1/shipments/{to_pool}/dispatch"), "FRA").await;
        act(&app, &format!("/api/v1/shipments/{to_pool}/confirm"), "covax").await;
        verified(&store).await;

        // Three countries ask: Ethiopia needs 60 days of shelf life and absorbs 5,000 a day;
        // Chad absorbs 2,000 a day; the DR Congo needs 30 days.
        let ethiopia = post(&app, "/api/v1/requests", "ETH", json!({"doses": 150_000, "needed_by": "2021-10-31", "min_shelf_life_days": 60, "absorption_per_day": 5_000, "lead_time_days": 7})).await;
        let chad = post(&app, "/api/v1/requests", "TCD", json!({"doses": 100_000, "needed_by": "2021-10-31", "absorption_per_day": 2_000})).await;
        let congo = post(&app, "/api/v1/requests", "COD", json!({"doses": 200_000, "needed_by": "2021-10-31", "min_shelf_life_days": 30})).await;
        let requests: Vec<i64> = [&ethiopia, &chad, &congo].iter().map(|request| request["id"].as_i64().unwrap()).collect();

        // A holder outside the pool and without a pledge cannot be pooled.
        let (status, problem) = call(&app, "POST", "/api/v1/rounds", Some("covax"), Some(json!({
            "date": "2021-08-06", "lots": [{"lot": late, "holder": "ETH"}], "requests": requests
        }))).await;
        assert_eq!((status, problem["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("lots[0].holder")), "{problem}");
        // France's pooled doses are bounded by what its pledge still promises.
        let (status, problem) = call(&app, "POST", "/api/v1/rounds", Some("covax"), Some(json!({
            "date": "2021-08-06", "lots": [{"lot": late, "holder": "FRA", "doses": 300_001}], "requests": requests
        }))).await;
        assert_eq!((status, problem["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("lots[0].doses")), "{problem}");

        // Round 1: COVAX's early lot and France's pledged late lot, for the three requests.
        let first = post(&app, "/api/v1/rounds", "covax", json!({
            "date": "2021-08-06", "lots": [{"lot": soon}, {"lot": late, "holder": "FRA"}], "requests": requests
        })).await;
        let first_id = first["id"].as_i64().unwrap();
        assert_eq!(first["lots"][1]["pledge"], pledge, "France's doses count against its pledge");
        let computed = act(&app, &format!("/api/v1/rounds/{first_id}/compute"), "covax").await;
        assert_eq!(accounted(&computed), pool(&computed), "every pooled dose is in a share or unallocated");
        // The proposal is the engine's answer to the round's input.
        let input = ok(&app, "GET", &format!("/api/v1/rounds/{first_id}/input"), "ETH", None, StatusCode::OK).await;
        let answer = serde_json::to_value(allocation::solve(&allocation::parse_problem(&input.to_string()).unwrap())).unwrap();
        let engine: BTreeMap<String, i64> = answer["recipients"].as_array().unwrap().iter()
            .map(|recipient| (recipient["id"].as_str().unwrap().to_owned(), recipient["doses"].as_i64().unwrap())).collect();
        assert_eq!(engine, shares(&computed));
        // Its stored answer and certificate prove it without the engine: the independent
        // checker accepts the three files as anyone can download them.
        // (Read as text: a JSON tree would round the coverage figures' last digits.)
        let text = |what: &str| {
            let request = common::get_request(&format!("/api/v1/rounds/{first_id}/{what}"), Some("ETH"));
            let app = app.clone();
            async move { String::from_utf8(common::send(&app, request).await.body).unwrap() }
        };
        let (round_text, stored, certificate) = (text("input").await, text("answer").await, text("certificate").await);
        let stored_doses: BTreeMap<String, i64> = serde_json::from_str::<Value>(&stored).unwrap()["recipients"].as_array().unwrap().iter()
            .map(|recipient| (recipient["id"].as_str().unwrap().to_owned(), recipient["doses"].as_i64().unwrap())).collect();
        assert_eq!(stored_doses, engine);
        let failures = allocation_check::check(&round_text, &stored, &certificate);
        assert!(failures.is_empty(), "{failures:#?}");
        // Ethiopia's 60 days exclude the early lot: nothing of it goes there.
        assert!(computed["proposal"]["shipments"].as_array().unwrap().iter()
            .all(|entry| !(entry["country"] == "ETH" && entry["lot"] == soon)), "{computed}");
        let for_chad = shares(&computed)["TCD"];
        assert!(for_chad > 0, "Chad, the least covered, gets a share: {computed}");
        let published = act(&app, &format!("/api/v1/rounds/{first_id}/publish"), "covax").await;
        assert_eq!(published["state"], "published");
        verified(&store).await;

        // Chad declines for short shelf life; Ethiopia and the DR Congo accept.
        let respond = |token: &'static str, body: Value| {
            let app = app.clone();
            async move { post(&app, &format!("/api/v1/rounds/{first_id}/responses"), token, body).await }
        };
        let declined = respond("TCD", json!({"decision": "decline", "reason": "short_shelf_life"})).await;
        assert_eq!(declined["movements"].as_array().unwrap().iter().map(|movement| movement["doses"].as_i64().unwrap()).sum::<i64>(), for_chad);
        for country in ["ETH", "COD"] {
            let accepted = respond(country, json!({"decision": "accept"})).await;
            for shipment in accepted["shipments"].as_array().unwrap() {
                assert_eq!(shipment["state"], "planned");
                // France's doses are shipped by France, against its pledge.
                let expected_pledge = if shipment["from"] == "FRA" { json!(pledge) } else { Value::Null };
                assert_eq!(shipment["pledge"], expected_pledge, "{shipment}");
            }
        }
        let closed = act(&app, &format!("/api/v1/rounds/{first_id}/close"), "covax").await;
        assert_eq!(closed["state"], "closed");
        verified(&store).await;

        // Round 2, after round 1: by default what is left of its pool (Chad's declined doses
        // and what was unallocated) for its open requests whose country did not decline.
        let mut left = BTreeMap::new();
        for entry in closed["proposal"]["unallocated"].as_array().unwrap().iter()
            .chain(closed["proposal"]["shipments"].as_array().unwrap().iter().filter(|entry| entry["country"] == "TCD"))
        {
            *left.entry((entry["lot"].as_i64().unwrap(), entry["holder"].as_str().unwrap().to_owned())).or_default() += entry["doses"].as_i64().unwrap();
        }
        left.retain(|_, doses| *doses > 0);
        let second = post(&app, "/api/v1/rounds", "covax", json!({"date": "2021-08-06", "after": first_id})).await;
        let second_id = second["id"].as_i64().unwrap();
        assert_eq!(second["after"], first_id);
        assert_eq!(pool(&second), left, "the second round pools what is left of the first");
        let still_open: Vec<i64> = second["requests"].as_array().unwrap().iter().map(|id| id.as_i64().unwrap()).collect();
        assert!(!still_open.contains(&requests[1]), "Chad declined; it is not asked again by default");
        let computed = act(&app, &format!("/api/v1/rounds/{second_id}/compute"), "covax").await;
        assert_eq!(accounted(&computed), pool(&computed));
        act(&app, &format!("/api/v1/rounds/{second_id}/publish"), "covax").await;
        for country in shares(&computed).keys() {
            let token: &'static str = if country == "ETH" { "ETH" } else { "COD" };
            post(&app, &format!("/api/v1/rounds/{second_id}/responses"), token, json!({"decision": "accept"})).await;
        }
        verified(&store).await;

        // The shipments travel: each holder dispatches, each country confirms.
        let mut delivered = deliver(&app, first_id).await;
        for (country, doses) in deliver(&app, second_id).await {
            *delivered.entry(country).or_default() += doses;
        }
        assert!(!delivered.contains_key("TCD"));
        verified(&store).await;
        // Every dose of the two lots is accounted for: nothing is left reserved for nobody.
        for lot in [soon, late] {
            let rows = balances(&app, lot).await;
            assert!(rows.keys().all(|key| !key.ends_with("/reserved") && !key.ends_with("/in_transit")), "{rows:?}");
        }

        // Fulfilment: France's delivered doses are those shipped against its pledge.
        let from_france: i64 = ok(&app, "GET", &format!("/api/v1/shipments?pledge={pledge}&state=delivered"), "covax", None, StatusCode::OK).await
            .as_array().unwrap().iter().map(|shipment| shipment["doses"].as_i64().unwrap()).sum();
        assert!(from_france > 100_000, "the pool's 100,000 and the shares France shipped");
        let fulfilment = ok(&app, "GET", "/api/v1/pledge-fulfilment", "ETH", None, StatusCode::OK).await;
        let france = fulfilment.as_array().unwrap().iter().find(|row| row["donor"] == "FRA").unwrap();
        assert_eq!((france["doses_pledged"].as_i64(), france["doses_delivered"].as_i64()), (Some(400_000), Some(from_france)));
        // Requests show what was allocated and delivered against them.
        for (request, country) in [(requests[0], "ETH"), (requests[2], "COD")] {
            let read = ok(&app, "GET", &format!("/api/v1/requests/{request}"), country, None, StatusCode::OK).await;
            assert_eq!(read["doses_delivered"].as_i64(), delivered.get(country).copied().or(Some(0)), "{read}");
        }
        // Coverage over time adds the platform's deliveries to the reference figures.
        for (country, doses) in &delivered {
            let rows = ok(&app, "GET", &format!("/api/v1/coverage/series?by=country&group={country}&from=2021-08-05&to=2021-08-06"), "ETH", None, StatusCode::OK).await;
            assert_eq!(rows[0]["platform_doses_delivered"], 0, "nothing before the day");
            assert_eq!(rows[1]["platform_doses_delivered"].as_i64(), Some(*doses), "{rows}");
        }

        // Malawi receives 50,000 doses expiring in two weeks and absorbs 1,000 a day: most of
        // them are at risk, and it proposes 30,000 to COVAX.
        post(&app, "/api/v1/requests", "MWI", json!({"doses": 10_000, "needed_by": "2021-12-31", "absorption_per_day": 1_000})).await;
        let short = lot_at(&app, "SHORT", "2021-08-20", 50_000, "MWI").await;
        let risk = ok(&app, "GET", "/api/v1/expiry-risk", "MWI", None, StatusCode::OK).await;
        assert_eq!(risk.as_array().unwrap().len(), 1, "{risk}");
        assert_eq!((risk[0]["lot"].as_i64(), risk[0]["doses"].as_i64()), (Some(short), Some(50_000)));
        let at_risk = risk[0]["doses_at_risk"].as_i64().unwrap();
        assert!((30_000..50_000).contains(&at_risk), "{risk}");
        let (status, problem) = call(&app, "POST", "/api/v1/expiry-risk/propose", Some("MWI"), Some(json!({"lot": short, "doses": 50_001, "organization": "covax"}))).await;
        assert_eq!((status, problem["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("doses")), "{problem}");
        let proposed = post(&app, "/api/v1/expiry-risk/propose", "MWI", json!({"lot": short, "doses": 30_000, "organization": "covax"})).await;
        let proposed_id = proposed["id"].as_i64().unwrap();
        assert_eq!((proposed["state"].as_str(), proposed["organization"].as_str(), proposed["proposed_by"].as_str()), (Some("draft"), Some("covax"), Some("MWI")));
        assert_eq!(pool(&proposed), BTreeMap::from([((short, "MWI".to_owned()), 30_000)]));
        // COVAX adds Chad's open request, computes and publishes; Malawi ships the share.
        ok(&app, "PATCH", &format!("/api/v1/rounds/{proposed_id}"), "covax", Some(json!({"requests": [requests[1]]})), StatusCode::OK).await;
        let computed = act(&app, &format!("/api/v1/rounds/{proposed_id}/compute"), "covax").await;
        assert_eq!(pool(&computed), pool(&proposed), "the change kept the proposed doses");
        let for_chad = shares(&computed)["TCD"];
        assert!(for_chad > 0, "{computed}");
        act(&app, &format!("/api/v1/rounds/{proposed_id}/publish"), "covax").await;
        assert_eq!(balances(&app, short).await.get("MWI/reserved").copied(), Some(for_chad));
        post(&app, &format!("/api/v1/rounds/{proposed_id}/responses"), "TCD", json!({"decision": "accept"})).await;
        assert_eq!(deliver(&app, proposed_id).await, BTreeMap::from([("TCD".to_owned(), for_chad)]));
        verified(&store).await;
        // Each party's users were notified of what concerns them, in the events' transactions.
        let events = |token: &'static str| {
            let app = app.clone();
            async move {
                let list = ok(&app, "GET", "/api/v1/notifications?unread=true&limit=500", token, None, StatusCode::OK).await;
                list.as_array().unwrap().iter().map(|item| (item["event"].as_str().unwrap().to_owned(), item["object"]["id"].as_str().unwrap().to_owned(), item["id"].as_i64().unwrap())).collect::<Vec<_>>()
            }
        };
        let chad = events("TCD").await;
        for (event, object) in [("round.published", first_id.to_string()), ("round.published", proposed_id.to_string())] {
            assert!(chad.iter().any(|(seen, id, _)| *seen == event && *id == object), "{event} {object}: {chad:?}");
        }
        assert!(chad.iter().any(|(event, _, _)| event == "shipment.dispatched"), "{chad:?}");
        assert!(chad.iter().all(|(event, _, _)| event != "round.response"), "Chad's own answers notify COVAX, not Chad");
        let covax = events("covax").await;
        assert!(covax.iter().any(|(event, id, _)| event == "expiry.proposed" && *id == proposed_id.to_string()), "{covax:?}");
        assert_eq!(covax.iter().filter(|(event, id, _)| event == "round.response" && *id == first_id.to_string()).count(), 3);
        // Marking read: one's own only, once.
        let covax_ids: Vec<i64> = covax.iter().map(|(_, _, id)| *id).collect();
        let marked = ok(&app, "POST", "/api/v1/notifications/read", "TCD", Some(json!({"ids": covax_ids})), StatusCode::OK).await;
        assert_eq!(marked["marked"], 0, "others' notifications are not Chad's to mark");
        let chad_ids: Vec<i64> = chad.iter().map(|(_, _, id)| *id).collect();
        let marked = ok(&app, "POST", "/api/v1/notifications/read", "TCD", Some(json!({"ids": chad_ids})), StatusCode::OK).await;
        assert_eq!((marked["marked"].as_u64(), marked["unread"].as_i64()), (Some(chad_ids.len() as u64), Some(0)));
        assert!(events("TCD").await.is_empty());
        let marked = ok(&app, "POST", "/api/v1/notifications/read", "TCD", Some(json!({"ids": chad_ids})), StatusCode::OK).await;
        assert_eq!(marked["marked"], 0);
        // The trail says who proposed what.
        let trail = ok(&app, "GET", &format!("/api/v1/audit?kind=round&id={proposed_id}"), "covax", None, StatusCode::OK).await;
        let actions: Vec<&str> = trail.as_array().unwrap().iter().map(|event| event["action"].as_str().unwrap()).collect();
        assert_eq!(actions, ["expiry.proposed", "round.changed", "round.computed", "round.published", "round.response"]);
    }
}
