//! Allocation rounds over the API, on both backends: an organization pools its doses and
//! the countries' open requests, computes, and the proposal is the engine's answer to the
//! round's input, which anyone who can read the round can recompute.

mod common;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{app, load_snapshot, send};
use domain::access::UserId;
use domain::ledger::PartyCode;
use domain::party::{Party, PartyKind, Role};
use domain::time::Timestamp;
use serde_json::{Value, json};
use store::{Store, store_test};

async fn install(store: &Store) {
    load_snapshot(store).await;
    let created = Timestamp::parse("2021-07-01T00:00:00.000Z").unwrap();
    let expires = Timestamp::parse("2099-01-01T00:00:00.000Z").unwrap();
    store
        .write(|tx| async move {
            for (code, kind) in [
                ("maker", PartyKind::Manufacturer),
                ("covax", PartyKind::Organization),
                ("unicef", PartyKind::Organization),
            ] {
                tx.create_party(&Party {
                    code: PartyCode::parse(code).unwrap(),
                    kind,
                    name: code.into(),
                    population: None,
                    income_group: None,
                })
                .await?;
            }
            for code in ["maker", "covax", "unicef", "ETH", "TCD", "FRA"] {
                let email = format!("{}@x.example", code.to_lowercase());
                let user: UserId = tx
                    .create_user(&store::accounts::NewUser {
                        email: &email,
                        password_hash: "unused",
                        party: &PartyCode::parse(code).unwrap(),
                        role: Role::Official,
                    })
                    .await?;
                tx.create_api_token(
                    &app::secrets::token_digest(code),
                    user,
                    "test",
                    created,
                    expires,
                )
                .await?;
            }
            Ok::<_, store::StoreError>(())
        })
        .await
        .unwrap();
}

async fn call(
    app: &Router,
    method: &str,
    uri: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let mut request = Request::builder().method(method).uri(uri);
    if let Some(token) = token {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    let body = match body {
        Some(body) => {
            request = request.header("content-type", "application/json");
            Body::from(body.to_string())
        }
        None => Body::empty(),
    };
    let answer = send(app, request.body(body).unwrap()).await;
    let status = answer.status;
    (
        status,
        if answer.body.is_empty() {
            Value::Null
        } else {
            answer.json()
        },
    )
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
