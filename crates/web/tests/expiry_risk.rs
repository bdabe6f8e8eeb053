//! `GET /api/v1/expiry-risk` on both backends: a holder's available doses are used earliest
//! expiry first at its mean administrations of the last 28 days; what is left at the end of a
//! lot's expiry day is at risk; the holder and organizations read it.

mod common;

use axum::Router;

use axum::http::StatusCode;
use common::{app_with, load_snapshot, state_at};
use domain::access::UserId;
use domain::ledger::PartyCode;
use domain::party::{Party, PartyKind, Role};
use domain::time::Timestamp;
use serde_json::{Value, json};
use store::{Store, store_test};

/// Parties, one official each with a token named after the party, and a product.
async fn install(store: &Store) {
    load_snapshot(store).await;
    let created = Timestamp::parse("2021-07-01T00:00:00.000Z").unwrap();
    let expires = Timestamp::parse("2099-01-01T00:00:00.000Z").unwrap();
    store
        .write(|tx| async move {
            for (code, kind) in [
                ("maker", PartyKind::Manufacturer),
                ("covax", PartyKind::Organization),
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
            for code in ["maker", "covax", "ETH", "TCD"] {
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
    token: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    common::call(app, method, uri, Some(token), body).await
}

store_test! {
    async fn doses_left_at_the_end_of_their_expiry_day_are_at_risk(store: Store) {
        install(&store).await;
        // Three weeks before the forum: lots are made, shipped to Ethiopia, and Ethiopia
        // administers 2,800 doses (a rate of 100 a day over the 28 days before the 6th).
        let before = app_with(state_at(store.clone(), Timestamp::parse("2021-07-20T10:00:00.000Z").unwrap()));
        let (status, product) = call(&before, "POST", "/api/v1/products", "maker", Some(json!({
            "code": "VAX1", "name": "Vaccine", "doses_per_course": 1, "storage": "2-8C", "shelf_life_days": 200
        }))).await;
        assert_eq!(status, StatusCode::CREATED, "{product}");
        let mut lots = Vec::new();
        for (number, expiry) in [("SOON", "2021-08-10"), ("LATE", "2021-12-31")] {
            let (status, lot) = call(&before, "POST", "/api/v1/lots", "maker", Some(json!({
                "product": "VAX1", "lot_number": number, "expiry": expiry, "doses": 10_000
            }))).await;
            assert_eq!(status, StatusCode::CREATED, "{lot}");
            let lot = lot["id"].as_i64().unwrap();
            let (status, shipment) = call(&before, "POST", "/api/v1/shipments", "maker", Some(json!({"lot": lot, "doses": 10_000, "to": "ETH"}))).await;
            assert_eq!(status, StatusCode::CREATED, "{shipment}");
            let id = shipment["id"].as_i64().unwrap();
            assert_eq!(call(&before, "POST", &format!("/api/v1/shipments/{id}/dispatch"), "maker", None).await.0, StatusCode::OK);
            assert_eq!(call(&before, "POST", &format!("/api/v1/shipments/{id}/confirm"), "ETH", None).await.0, StatusCode::OK);
            lots.push(lot);
        }
        let (status, administered) = call(&before, "POST", "/api/v1/movements", "ETH", Some(json!({"kind": "administer", "lot": lots[1], "doses": 2_800}))).await;
        assert_eq!(status, StatusCode::CREATED, "{administered}");

        let forum = common::app(store.clone());
        // 100 a day from the 6th: SOON has five days of use (6th to 10th), 500 doses; the
        // 9,500 left expire. LATE's 7,200 fit in the 148 days to the end of the year.
        let expected = json!([{
            "holder": "ETH", "lot": lots[0], "product": "VAX1", "expiry": "2021-08-10",
            "doses": 10_000, "doses_at_risk": 9_500, "rate_per_day": 100.0
        }]);
        let (status, own) = call(&forum, "GET", "/api/v1/expiry-risk", "ETH", None).await;
        assert_eq!((status, &own), (StatusCode::OK, &expected));
        let (status, asked) = call(&forum, "GET", "/api/v1/expiry-risk?holder=ETH", "ETH", None).await;
        assert_eq!((status, &asked), (StatusCode::OK, &expected));
        // Organizations oversee every holder; another country may not look.
        let (status, overseen) = call(&forum, "GET", "/api/v1/expiry-risk", "covax", None).await;
        assert_eq!((status, &overseen), (StatusCode::OK, &expected));
        assert_eq!(call(&forum, "GET", "/api/v1/expiry-risk?holder=ETH", "TCD", None).await.0, StatusCode::FORBIDDEN);
        assert_eq!(call(&forum, "GET", "/api/v1/expiry-risk", "TCD", None).await, (StatusCode::OK, json!([])));
        // Two weeks on, the July administrations are out of the 28 days: the rate is the
        // latest open request's absorption, 50 a day. SOON is past its day (the system has not
        // expired it yet): all at risk. LATE: 134 days of use to the year's end, 6,700 doses
        // of its 7,200; 500 at risk.
        let (status, request) = call(&forum, "POST", "/api/v1/requests", "ETH", Some(json!({
            "doses": 1_000, "needed_by": "2021-09-30", "absorption_per_day": 50
        }))).await;
        assert_eq!(status, StatusCode::CREATED, "{request}");
        let later = app_with(state_at(store.clone(), Timestamp::parse("2021-08-20T09:00:00.000Z").unwrap()));
        let (status, fallback) = call(&later, "GET", "/api/v1/expiry-risk", "ETH", None).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(fallback, json!([
            {"holder": "ETH", "lot": lots[0], "product": "VAX1", "expiry": "2021-08-10",
             "doses": 10_000, "doses_at_risk": 10_000, "rate_per_day": 50.0},
            {"holder": "ETH", "lot": lots[1], "product": "VAX1", "expiry": "2021-12-31",
             "doses": 7_200, "doses_at_risk": 500, "rate_per_day": 50.0},
        ]));
    }
}
