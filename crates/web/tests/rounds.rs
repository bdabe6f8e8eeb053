//! Allocation rounds over the API, on both backends: an organization pools its doses and
//! the countries' open requests, computes, and the proposal is the engine's answer to the
//! round's input, which anyone who can read the round can recompute.

mod common;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{app, call, send};
use domain::party::PartyKind;
use serde_json::{Value, json};
use store::{Store, store_test};

async fn install(store: &Store) {
    common::officials(
        store,
        &[
            ("maker", PartyKind::Manufacturer),
            ("covax", PartyKind::Organization),
            ("unicef", PartyKind::Organization),
        ],
        &["maker", "covax", "unicef", "ETH", "TCD", "FRA"],
    )
    .await;
}

/// COVAX holds two lots (one expiring soon); Ethiopia and Chad ask for doses.
async fn pool(app: &Router) -> (i64, i64, i64, i64) {
    let (status, _) = call(app, "POST", "/api/v1/products", Some("maker"), Some(json!({
        "code": "VAX1", "name": "Vaccine", "doses_per_course": 2, "storage": "2-8C", "shelf_life_days": 200
    }))).await;
    assert_eq!(status, StatusCode::CREATED);
    let mut lots = Vec::new();
    for (number, expiry, doses) in [
        ("SOON", "2021-09-10", 300_000),
        ("LATE", "2022-01-31", 500_000),
    ] {
        let (status, lot) = call(
            app,
            "POST",
            "/api/v1/lots",
            Some("maker"),
            Some(json!({
                "product": "VAX1", "lot_number": number, "expiry": expiry, "doses": doses
            })),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{lot}");
        let lot = lot["id"].as_i64().unwrap();
        let (status, shipment) = call(
            app,
            "POST",
            "/api/v1/shipments",
            Some("maker"),
            Some(json!({"lot": lot, "doses": doses, "to": "covax"})),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{shipment}");
        let id = shipment["id"].as_i64().unwrap();
        assert_eq!(
            call(
                app,
                "POST",
                &format!("/api/v1/shipments/{id}/dispatch"),
                Some("maker"),
                None
            )
            .await
            .0,
            StatusCode::OK
        );
        assert_eq!(
            call(
                app,
                "POST",
                &format!("/api/v1/shipments/{id}/confirm"),
                Some("covax"),
                None
            )
            .await
            .0,
            StatusCode::OK
        );
        lots.push(lot);
    }
    let (status, ethiopia) = call(app, "POST", "/api/v1/requests", Some("ETH"), Some(json!({
        "doses": 600_000, "needed_by": "2021-10-31", "min_shelf_life_days": 60, "lead_time_days": 14, "absorption_per_day": 10_000
    }))).await;
    assert_eq!(status, StatusCode::CREATED, "{ethiopia}");
    let (status, chad) = call(
        app,
        "POST",
        "/api/v1/requests",
        Some("TCD"),
        Some(json!({"doses": 200_000, "needed_by": "2021-10-31"})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{chad}");
    (
        lots[0],
        lots[1],
        ethiopia["id"].as_i64().unwrap(),
        chad["id"].as_i64().unwrap(),
    )
}

store_test! {
    async fn a_round_is_computed_from_its_pool_and_requests_and_can_be_recomputed(store: Store) {
        install(&store).await;
        let app = app(store.clone());
        let (soon, late, ethiopia, chad) = pool(&app).await;
        let round_body = json!({"date": "2021-08-06", "lots": [{"lot": soon}, {"lot": late}], "requests": [ethiopia, chad]});
        let (status, round) = call(&app, "POST", "/api/v1/rounds", Some("covax"), Some(round_body.clone())).await;
        assert_eq!(status, StatusCode::CREATED, "{round}");
        let id = round["id"].as_i64().unwrap();
        assert_eq!(round["state"], "draft");
        // The holder's whole available balance is pooled by default.
        assert_eq!(round["lots"], json!([
            {"lot": soon, "holder": "covax", "doses": 300_000},
            {"lot": late, "holder": "covax", "doses": 500_000},
        ]));
        assert_eq!(round["proposal"], Value::Null);
        assert_eq!(call(&app, "GET", &format!("/api/v1/rounds/{id}/input"), Some("covax"), None).await.0, StatusCode::NOT_FOUND);

        let (status, computed) = call(&app, "POST", &format!("/api/v1/rounds/{id}/compute"), Some("covax"), None).await;
        assert_eq!(status, StatusCode::OK, "{computed}");
        let (status, input) = call(&app, "GET", &format!("/api/v1/rounds/{id}/input"), Some("ETH"), None).await;
        assert_eq!(status, StatusCode::OK);
        // The recipients are built from the requests and the reference data exactly.
        let reported = store.read(|tx| async move { tx.totals_on("2021-08-06".parse().unwrap()).await }).await.unwrap();
        let population = |code: &str| {
            let code = code.to_owned();
            let store = store.clone();
            async move { store.read(|tx| async move { tx.party(&code).await }).await.unwrap().unwrap().population.unwrap() }
        };
        let eth = domain::country::CountryCode::parse("ETH").unwrap();
        assert_eq!(input["recipients"][0], json!({
            "id": "ETH", "population": population("ETH").await, "doses_received": reported[&eth],
            "max_doses": 600_000, "start": "2021-08-20", "min_shelf_days": 60, "absorption_per_day": 10_000
        }));
        assert_eq!(input["recipients"][1]["id"], "TCD");
        assert_eq!(input["recipients"][1]["max_doses"], 200_000);
        assert_eq!(input["lots"], json!([
            {"id": format!("{soon}@covax"), "product": "VAX1", "doses": 300_000, "expiry": "2021-09-10"},
            {"id": format!("{late}@covax"), "product": "VAX1", "doses": 500_000, "expiry": "2022-01-31"},
        ]));
        // Recomputing the input reproduces the proposal to the dose.
        let problem = allocation::parse_problem(&input.to_string()).unwrap();
        let answer = serde_json::to_value(allocation::solve(&problem)).unwrap();
        let proposal = &computed["proposal"];
        for (share, recipient) in proposal["shares"].as_array().unwrap().iter().zip(answer["recipients"].as_array().unwrap()) {
            assert_eq!(share["country"], recipient["id"]);
            assert_eq!(share["doses"], recipient["doses"]);
            assert_eq!(share["limited_by"], recipient["limited_by"]);
            assert_eq!(share["response"], Value::Null);
        }
        assert_eq!(proposal["shares"][0]["request"], ethiopia);
        assert_eq!(proposal["shares"][1]["request"], chad);
        let allocated: i64 = proposal["shares"].as_array().unwrap().iter().map(|share| share["doses"].as_i64().unwrap()).sum();
        let shipped: i64 = proposal["shipments"].as_array().unwrap().iter().map(|entry| entry["doses"].as_i64().unwrap()).sum();
        let left: i64 = proposal["unallocated"].as_array().unwrap().iter().map(|entry| entry["doses"].as_i64().unwrap()).sum();
        assert_eq!(allocated, answer["total_doses"].as_i64().unwrap());
        assert_eq!((shipped, allocated + left), (allocated, 800_000));
        assert!(allocated > 0);
        // Ethiopia accepts no lot with under 60 days left on 20 August: SOON (10 September)
        // goes to Chad only.
        for entry in proposal["shipments"].as_array().unwrap() {
            assert!(!(entry["lot"] == soon && entry["country"] == "ETH"), "{entry}");
        }

        // A draft is read by its organization and the parties of its pool and requests only.
        for (reader, status) in [(Some("covax"), 200), (Some("ETH"), 200), (Some("TCD"), 200), (Some("FRA"), 404), (Some("unicef"), 404), (Some("maker"), 404), (None, 404)] {
            assert_eq!(call(&app, "GET", &format!("/api/v1/rounds/{id}"), reader, None).await.0.as_u16(), status, "{reader:?}");
            assert_eq!(call(&app, "GET", &format!("/api/v1/rounds/{id}/input"), reader, None).await.0.as_u16(), status, "{reader:?}");
        }
        // Only its organization changes or computes it.
        assert_eq!(call(&app, "POST", &format!("/api/v1/rounds/{id}/compute"), Some("ETH"), None).await.0, StatusCode::FORBIDDEN);
        let (status, changed) = call(&app, "PATCH", &format!("/api/v1/rounds/{id}"), Some("covax"), Some(json!({
            "date": "2021-08-06", "target_per_100": 20, "lots": [{"lot": late, "doses": 100_000}], "requests": [chad]
        }))).await;
        assert_eq!(status, StatusCode::OK, "{changed}");
        assert_eq!(changed["proposal"], Value::Null);
        assert_eq!(changed["lots"], json!([{"lot": late, "holder": "covax", "doses": 100_000}]));
        let (_, recomputed) = call(&app, "POST", &format!("/api/v1/rounds/{id}/compute"), Some("covax"), None).await;
        assert_eq!(recomputed["proposal"]["shares"].as_array().unwrap().len(), 1);
        // Ethiopia is no longer in the round: it reads the draft no more.
        assert_eq!(call(&app, "GET", &format!("/api/v1/rounds/{id}"), Some("ETH"), None).await.0, StatusCode::NOT_FOUND);
        let trail = call(&app, "GET", &format!("/api/v1/audit?kind=round&id={id}"), Some("covax"), None).await.1;
        let actions: Vec<&str> = trail.as_array().unwrap().iter().map(|event| event["action"].as_str().unwrap()).collect();
        assert_eq!(actions, ["round.created", "round.computed", "round.changed", "round.computed"]);
    }
}

store_test! {
    async fn a_computation_the_engine_refuses_leaves_the_round_as_it_was(store: Store) {
        install(&store).await;
        let app = app(store.clone());
        let (soon, late, ethiopia, chad) = pool(&app).await;
        let body = json!({"date": "2021-08-06", "lots": [{"lot": soon}, {"lot": late}], "requests": [ethiopia, chad]});
        let (status, round) = call(&app, "POST", "/api/v1/rounds", Some("covax"), Some(body)).await;
        assert_eq!(status, StatusCode::CREATED, "{round}");
        let id = round["id"].as_i64().unwrap();
        let (status, computed) = call(&app, "POST", &format!("/api/v1/rounds/{id}/compute"), Some("covax"), None).await;
        assert_eq!(status, StatusCode::OK, "{computed}");
        let input = call(&app, "GET", &format!("/api/v1/rounds/{id}/input"), Some("covax"), None).await.1;
        // A population above what the engine takes (10^13): the input is built, and stored
        // while the engine reads it; the engine refuses it.
        store::testing::execute_raw(&store, "UPDATE parties SET population = 20000000000000 WHERE code = 'TCD'").await.unwrap();
        let (status, problem) = call(&app, "POST", &format!("/api/v1/rounds/{id}/compute"), Some("covax"), None).await;
        assert_eq!(status, StatusCode::CONFLICT, "{problem}");
        assert_eq!(problem["code"], "round_not_computable");
        assert!(problem["detail"].as_str().unwrap().contains("recipients[1].population"), "{problem}");
        // Nothing of it was kept: the input, the proposal and the trail are as before.
        assert_eq!(call(&app, "GET", &format!("/api/v1/rounds/{id}/input"), Some("covax"), None).await.1, input);
        let (status, after) = call(&app, "GET", &format!("/api/v1/rounds/{id}"), Some("covax"), None).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(after["proposal"], computed["proposal"]);
        assert_eq!(after["updated_at"], computed["updated_at"]);
        let trail = call(&app, "GET", &format!("/api/v1/audit?kind=round&id={id}"), Some("covax"), None).await.1;
        let actions: Vec<&str> = trail.as_array().unwrap().iter().map(|event| event["action"].as_str().unwrap()).collect();
        assert_eq!(actions, ["round.created", "round.computed"]);
    }
}

store_test! {
    async fn a_round_pools_only_what_its_organization_holds_and_open_requests(store: Store) {
        install(&store).await;
        let app = app(store.clone());
        let (soon, late, ethiopia, _) = pool(&app).await;
        let refused = |body: Value, token: &'static str| {
            let app = app.clone();
            async move { call(&app, "POST", "/api/v1/rounds", Some(token), Some(body)).await }
        };
        let (status, _) = refused(json!({"date": "2021-08-06", "lots": [], "requests": []}), "ETH").await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, problem) = refused(json!({"date": "2021-08-06", "lots": [{"lot": soon, "holder": "maker"}], "requests": []}), "covax").await;
        assert_eq!((status, problem["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("lots[0].holder")));
        let (status, problem) = refused(json!({"date": "2021-08-06", "lots": [{"lot": late, "doses": 500_001}], "requests": []}), "covax").await;
        assert_eq!((status, problem["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("lots[0].doses")));
        let (status, problem) = refused(json!({"date": "2021-08-06", "lots": [], "requests": [ethiopia, ethiopia]}), "covax").await;
        assert_eq!((status, problem["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("requests[1]")));
        assert_eq!(call(&app, "POST", &format!("/api/v1/requests/{ethiopia}/withdraw"), Some("ETH"), None).await.0, StatusCode::OK);
        let (status, problem) = refused(json!({"date": "2021-08-06", "lots": [], "requests": [ethiopia]}), "covax").await;
        assert_eq!((status, problem["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("requests[0]")));
        let (status, problem) = refused(json!({"date": "2021-13-01", "lots": [], "requests": [], "after": 1}), "covax").await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
        let rounds = store.read(|tx| async move { tx.round(1).await }).await.unwrap();
        assert_eq!(rounds, None, "a refused round left a trace");
    }
}

/// Balances of `holder` by state for `lot`, as an organization reads them.
async fn balances_of(app: &Router, lot: i64, holder: &str) -> Value {
    let (_, rows) = call(
        app,
        "GET",
        &format!("/api/v1/balances?lot={lot}&holder={holder}"),
        Some("covax"),
        None,
    )
    .await;
    let mut by_state = serde_json::Map::new();
    for row in rows.as_array().unwrap() {
        if row["doses"].as_i64().unwrap() != 0 {
            by_state.insert(
                row["state"].as_str().unwrap().to_owned(),
                row["doses"].clone(),
            );
        }
    }
    Value::Object(by_state)
}

store_test! {
    async fn a_published_round_reserves_its_shares_and_each_country_answers_once(store: Store) {
        install(&store).await;
        let app = app(store.clone());
        let (_, late, ethiopia, chad) = pool(&app).await;
        let (_, round) = call(&app, "POST", "/api/v1/rounds", Some("covax"), Some(json!({
            "date": "2021-08-06", "lots": [{"lot": late, "doses": 300_000}], "requests": [ethiopia, chad]
        }))).await;
        let id = round["id"].as_i64().unwrap();
        // Not before it is computed; not by anyone but its organization.
        assert_eq!(call(&app, "POST", &format!("/api/v1/rounds/{id}/publish"), Some("covax"), None).await.1["code"], "invalid_state");
        call(&app, "POST", &format!("/api/v1/rounds/{id}/compute"), Some("covax"), None).await;
        assert_eq!(call(&app, "POST", &format!("/api/v1/rounds/{id}/publish"), Some("ETH"), None).await.0, StatusCode::FORBIDDEN);
        let (status, published) = call(&app, "POST", &format!("/api/v1/rounds/{id}/publish"), Some("covax"), None).await;
        assert_eq!(status, StatusCode::OK, "{published}");
        assert_eq!(published["state"], "published");
        let shares = published["proposal"]["shares"].as_array().unwrap().clone();
        let doses = |country: &str| shares.iter().find(|share| share["country"] == country).unwrap()["doses"].as_i64().unwrap();
        let (for_ethiopia, for_chad) = (doses("ETH"), doses("TCD"));
        assert_eq!(for_ethiopia + for_chad, 300_000);
        // Every share is reserved at once at the holder.
        assert_eq!(balances_of(&app, late, "covax").await, json!({"available": 200_000, "reserved": 300_000}));
        // Published: anyone reads it, exactly as the publication answered (an answer made
        // from what publishing had in hand, not read back), and a draft's change is refused.
        let (status, read) = call(&app, "GET", &format!("/api/v1/rounds/{id}"), None, None).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(read, published);
        assert_eq!(call(&app, "PATCH", &format!("/api/v1/rounds/{id}"), Some("covax"), Some(json!({"date": "2021-08-06", "lots": [], "requests": []}))).await.1["code"], "invalid_state");
        assert_eq!(call(&app, "POST", &format!("/api/v1/rounds/{id}/compute"), Some("covax"), None).await.1["code"], "invalid_state");

        // Answers: a reason is required to decline; a country without a share has none to answer.
        let respond = |token: &'static str, body: Value| {
            let app = app.clone();
            async move { call(&app, "POST", &format!("/api/v1/rounds/{id}/responses"), Some(token), Some(body)).await }
        };
        let (status, problem) = respond("ETH", json!({"decision": "decline"})).await;
        assert_eq!((status, problem["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("reason")));
        let (status, problem) = respond("ETH", json!({"decision": "decline", "reason": "other"})).await;
        assert_eq!((status, problem["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("note")));
        assert_eq!(respond("FRA", json!({"decision": "accept"})).await.0, StatusCode::NOT_FOUND);
        // Ethiopia declines for short shelf life: its doses go back to the pool.
        let (status, declined) = respond("ETH", json!({"decision": "decline", "reason": "short_shelf_life"})).await;
        assert_eq!(status, StatusCode::CREATED, "{declined}");
        assert_eq!(declined["movements"][0]["kind"], "unreserve");
        assert_eq!(declined["movements"][0]["doses"], for_ethiopia);
        assert_eq!(balances_of(&app, late, "covax").await, json!({"available": 200_000 + for_ethiopia, "reserved": for_chad}));
        assert_eq!(respond("ETH", json!({"decision": "accept"})).await.1["code"], "already_answered");
        // Chad accepts: a planned shipment of its share, linked to the round and its request,
        // made of the doses reserved at publication (nothing is reserved twice).
        let (status, accepted) = respond("TCD", json!({"decision": "accept"})).await;
        assert_eq!(status, StatusCode::CREATED, "{accepted}");
        let shipment = &accepted["shipments"][0];
        assert_eq!((shipment["state"].as_str(), shipment["to"].as_str(), shipment["doses"].as_i64()), (Some("planned"), Some("TCD"), Some(for_chad)));
        assert_eq!((shipment["round"].as_i64(), shipment["request"].as_i64()), (Some(id), Some(chad)));
        assert_eq!(balances_of(&app, late, "covax").await, json!({"available": 200_000 + for_ethiopia, "reserved": for_chad}));
        let shipment_id = shipment["id"].as_i64().unwrap();
        assert_eq!(call(&app, "POST", &format!("/api/v1/shipments/{shipment_id}/dispatch"), Some("covax"), None).await.0, StatusCode::OK);
        assert_eq!(call(&app, "POST", &format!("/api/v1/shipments/{shipment_id}/confirm"), Some("TCD"), None).await.0, StatusCode::OK);
        assert_eq!(balances_of(&app, late, "TCD").await, json!({"available": for_chad}));
        let (_, request) = call(&app, "GET", &format!("/api/v1/requests/{chad}"), Some("TCD"), None).await;
        assert_eq!((request["doses_allocated"].as_i64(), request["doses_delivered"].as_i64()), (Some(for_chad), Some(for_chad)));
        // The round shows every answer; closing it changes nothing more.
        let (_, closed) = call(&app, "POST", &format!("/api/v1/rounds/{id}/close"), Some("covax"), None).await;
        assert_eq!(closed["state"], "closed");
        let answers: Vec<(String, String, Value)> = closed["proposal"]["shares"].as_array().unwrap().iter()
            .map(|share| (share["country"].as_str().unwrap().to_owned(), share["response"].as_str().unwrap().to_owned(), share["reason"].clone()))
            .collect();
        assert_eq!(answers, [("ETH".to_owned(), "decline".to_owned(), json!("short_shelf_life")), ("TCD".to_owned(), "accept".to_owned(), Value::Null)]);
        let report = store.verify().await.unwrap();
        assert!(report.violations.is_empty(), "{:?}", report.violations);
    }
}

store_test! {
    async fn concurrent_answers_to_one_share_have_one_effect_and_close_declines_the_silent(store: Store) {
        install(&store).await;
        let app = app(store.clone());
        let (_, late, ethiopia, chad) = pool(&app).await;
        let (_, round) = call(&app, "POST", "/api/v1/rounds", Some("covax"), Some(json!({
            "date": "2021-08-06", "lots": [{"lot": late, "doses": 300_000}], "requests": [ethiopia, chad]
        }))).await;
        let id = round["id"].as_i64().unwrap();
        call(&app, "POST", &format!("/api/v1/rounds/{id}/compute"), Some("covax"), None).await;
        call(&app, "POST", &format!("/api/v1/rounds/{id}/publish"), Some("covax"), None).await;
        let mut tasks = Vec::new();
        for attempt in 0..8 {
            let app = app.clone();
            let decision = if attempt % 2 == 0 { json!({"decision": "accept"}) } else { json!({"decision": "decline", "reason": "no_cold_chain"}) };
            tasks.push(tokio::spawn(async move { call(&app, "POST", &format!("/api/v1/rounds/{id}/responses"), Some("ETH"), Some(decision)).await }));
        }
        let mut statuses = Vec::new();
        for task in tasks {
            let (status, body) = task.await.unwrap();
            assert!(!status.is_server_error(), "{status} {body}");
            statuses.push(status.as_u16());
        }
        statuses.sort_unstable();
        assert_eq!(statuses, [201, 409, 409, 409, 409, 409, 409, 409]);
        // Chad never answers: closing declines its share for no response and frees its doses.
        let (_, closed) = call(&app, "POST", &format!("/api/v1/rounds/{id}/close"), Some("covax"), None).await;
        let chad_share = closed["proposal"]["shares"].as_array().unwrap().iter().find(|share| share["country"] == "TCD").unwrap().clone();
        assert_eq!((chad_share["response"].as_str(), chad_share["reason"].as_str()), (Some("decline"), Some("no_response")));
        assert_eq!(call(&app, "POST", &format!("/api/v1/rounds/{id}/close"), Some("covax"), None).await.1["code"], "invalid_state");
        // Whatever Ethiopia's one answer was, no dose is reserved for nothing.
        let (_, shipments) = call(&app, "GET", &format!("/api/v1/shipments?round={id}"), Some("covax"), None).await;
        let planned: i64 = shipments.as_array().unwrap().iter().map(|shipment| shipment["doses"].as_i64().unwrap()).sum();
        let reserved = balances_of(&app, late, "covax").await["reserved"].as_i64().unwrap_or(0);
        assert_eq!(reserved, planned);
        let report = store.verify().await.unwrap();
        assert!(report.violations.is_empty(), "{:?}", report.violations);
    }
}

store_test! {
    async fn a_retried_action_with_its_key_gets_the_first_answer_again(store: Store) {
        install(&store).await;
        let app = app(store.clone());
        let (_, late, ethiopia, _) = pool(&app).await;
        let (_, round) = call(&app, "POST", "/api/v1/rounds", Some("covax"), Some(json!({
            "date": "2021-08-06", "lots": [{"lot": late, "doses": 1_000}], "requests": [ethiopia]
        }))).await;
        let id = round["id"].as_i64().unwrap();
        call(&app, "POST", &format!("/api/v1/rounds/{id}/compute"), Some("covax"), None).await;
        let publish = || {
            Request::post(format!("/api/v1/rounds/{id}/publish"))
                .header("authorization", "Bearer covax")
                .header("idempotency-key", "publish-once")
                .body(Body::empty())
                .unwrap()
        };
        let first = send(&app, publish()).await;
        assert_eq!(first.status, StatusCode::OK);
        let again = send(&app, publish()).await;
        assert_eq!(again.status, StatusCode::OK);
        assert_eq!(again.header("idempotent-replayed"), Some("true"));
        assert_eq!(again.json(), first.json());
        // Without the key, a second publish is refused by the round's state.
        let (status, problem) = call(&app, "POST", &format!("/api/v1/rounds/{id}/publish"), Some("covax"), None).await;
        assert_eq!((status, problem["code"].as_str()), (StatusCode::CONFLICT, Some("invalid_state")));
        // Reserved once.
        assert_eq!(balances_of(&app, late, "covax").await["reserved"], 1_000);
    }
}

/// Sends `count` copies of one request at once, each from its own task; the statuses, sorted.
async fn racing(
    app: &Router,
    count: usize,
    method: &'static str,
    uri: String,
    token: &'static str,
    body: Option<Value>,
) -> Vec<u16> {
    let tasks: Vec<_> = (0..count)
        .map(|_| {
            let (app, uri, body) = (app.clone(), uri.clone(), body.clone());
            tokio::spawn(async move { call(&app, method, &uri, Some(token), body).await })
        })
        .collect();
    let mut statuses = Vec::new();
    for task in tasks {
        let (status, body) = task.await.unwrap();
        assert!(!status.is_server_error(), "{status} {body}");
        statuses.push(status.as_u16());
    }
    statuses.sort_unstable();
    statuses
}

store_test! {
    async fn racing_publishes_closes_answers_and_rival_rounds_have_one_effect_each(store: Store) {
        install(&store).await;
        let app = app(store.clone());
        let (soon, late, ethiopia, chad) = pool(&app).await;
        for count in [2usize, 8, 32] {
            let (_, round) = call(&app, "POST", "/api/v1/rounds", Some("covax"), Some(json!({
                "date": "2021-08-06", "lots": [{"lot": late, "doses": 50_000}], "requests": [ethiopia, chad]
            }))).await;
            let id = round["id"].as_i64().unwrap();
            call(&app, "POST", &format!("/api/v1/rounds/{id}/compute"), Some("covax"), None).await;
            // Publishing at once: one publication, the rest refused, every share reserved once.
            let statuses = racing(&app, count, "POST", format!("/api/v1/rounds/{id}/publish"), "covax", None).await;
            assert_eq!((statuses[0], statuses.iter().filter(|status| **status == 200).count()), (200, 1), "{statuses:?}");
            assert!(statuses[1..].iter().all(|status| *status == 409), "{statuses:?}");
            // Closing while Chad answers: one closing; Chad's share has one answer, its own or
            // no_response.
            let mut tasks = Vec::new();
            for attempt in 0..count {
                let app = app.clone();
                let (uri, token, body) = if attempt % 2 == 0 {
                    (format!("/api/v1/rounds/{id}/close"), "covax", None)
                } else {
                    (format!("/api/v1/rounds/{id}/responses"), "TCD", Some(json!({"decision": "accept"})))
                };
                tasks.push(tokio::spawn(async move { (token, call(&app, "POST", &uri, Some(token), body).await) }));
            }
            let (mut closes, mut answers) = (0, 0);
            for task in tasks {
                let (token, (status, body)) = task.await.unwrap();
                assert!(!status.is_server_error(), "{status} {body}");
                match (token, status.as_u16()) {
                    ("covax", 200) => closes += 1,
                    ("TCD", 201) => answers += 1,
                    (_, 409) => {}
                    other => panic!("{other:?}: {body}"),
                }
            }
            assert_eq!((closes, answers <= 1), (1, true));
        }
        // Every dose reserved at COVAX is one of a planned shipment: nothing is reserved for
        // nothing after the races.
        let (_, shipments) = call(&app, "GET", "/api/v1/shipments?state=planned&from=covax", Some("covax"), None).await;
        let planned: i64 = shipments.as_array().unwrap().iter().filter(|shipment| shipment["lot"] == late).map(|shipment| shipment["doses"].as_i64().unwrap()).sum();
        assert_eq!(balances_of(&app, late, "covax").await["reserved"].as_i64().unwrap_or(0), planned);
        // Two drafts promise the same early doses to France; published at once, only the one
        // the doses cover is published.
        let (_, france) = call(&app, "POST", "/api/v1/requests", Some("FRA"), Some(json!({
            "doses": 400_000, "needed_by": "2021-10-31", "absorption_per_day": 100_000
        }))).await;
        let france = france["id"].as_i64().unwrap();
        let mut rivals = Vec::new();
        for _ in 0..2 {
            let (_, round) = call(&app, "POST", "/api/v1/rounds", Some("covax"), Some(json!({
                "date": "2021-08-06", "lots": [{"lot": soon, "doses": 200_000}], "requests": [france]
            }))).await;
            let id = round["id"].as_i64().unwrap();
            let (_, computed) = call(&app, "POST", &format!("/api/v1/rounds/{id}/compute"), Some("covax"), None).await;
            assert!(computed["proposal"]["shares"][0]["doses"].as_i64().unwrap() > 150_000, "{computed}");
            rivals.push(id);
        }
        let tasks: Vec<_> = rivals.iter().map(|id| {
            let (app, uri) = (app.clone(), format!("/api/v1/rounds/{id}/publish"));
            tokio::spawn(async move { call(&app, "POST", &uri, Some("covax"), None).await.0.as_u16() })
        }).collect();
        let mut statuses = Vec::new();
        for task in tasks {
            statuses.push(task.await.unwrap());
        }
        statuses.sort_unstable();
        assert_eq!(statuses, [200, 409]);
        let report = store.verify().await.unwrap();
        assert!(report.violations.is_empty(), "{:?}", report.violations);
    }
}
