//! Talking and agreeing, on both backends (`cooperation.md` 9-13): a manufacturer states its
//! capacity and offers doses, a country accepts part of the offer (an agreement, signed at
//! once), a donor's pledge becomes a donation agreement the recipient signs, a partnership
//! for local production moves through its stages, and an organization records the forum's
//! meeting and links those commitments; shipments against the agreements are followed to
//! delivery, and the meeting's public report shows each outcome's progress. The ledger is
//! verified after every step.

mod common;

use axum::Router;
use axum::http::StatusCode;
use common::{app, call, verified};
use domain::party::PartyKind;
use serde_json::{Value, json};
use store::store_test;

async fn ok(
    app: &Router,
    method: &str,
    uri: &str,
    token: Option<&str>,
    body: Option<Value>,
    expected: StatusCode,
) -> Value {
    let (status, answer) = call(app, method, uri, token, body).await;
    assert_eq!(status, expected, "{method} {uri} as {token:?}: {answer}");
    answer
}

async fn post(app: &Router, uri: &str, token: &str, body: Value) -> Value {
    ok(
        app,
        "POST",
        uri,
        Some(token),
        Some(body),
        StatusCode::CREATED,
    )
    .await
}

async fn act(app: &Router, uri: &str, token: &str) -> Value {
    ok(app, "POST", uri, Some(token), None, StatusCode::OK).await
}

async fn refused(
    app: &Router,
    uri: &str,
    token: &str,
    body: Option<Value>,
    expected: StatusCode,
) -> Value {
    ok(app, "POST", uri, Some(token), body, expected).await
}

fn id(value: &Value) -> i64 {
    value["id"].as_i64().unwrap()
}

/// A shipment of `doses` of `lot` from `from` to `to` (with its links), dispatched and
/// confirmed.
async fn delivered(app: &Router, from: &str, to: &str, body: Value) -> Value {
    let shipment = post(app, "/api/v1/shipments", from, body).await;
    let shipment = id(&shipment);
    act(app, &format!("/api/v1/shipments/{shipment}/dispatch"), from).await;
    act(app, &format!("/api/v1/shipments/{shipment}/confirm"), to).await
}

/// An outcome of a meeting as its report shows it: kind, doses promised, agreed and
/// delivered, state.
type Progress = (String, Option<i64>, Option<i64>, Option<i64>, String);

async fn setup(store: &store::Store) -> Router {
    common::officials(
        store,
        &[
            ("maker", PartyKind::Manufacturer),
            ("rival", PartyKind::Manufacturer),
            ("covax", PartyKind::Organization),
        ],
        &["maker", "rival", "covax", "FRA", "TCD", "SEN", "ETH"],
    )
    .await;
    let app = app(store.clone());
    post(&app, "/api/v1/products", "maker", json!({"code": "VAX1", "name": "Vaccine", "doses_per_course": 2, "storage": "2-8C", "shelf_life_days": 200})).await;
    app
}

async fn lot(app: &Router, number: &str, doses: i64) -> i64 {
    let lot = post(
        app,
        "/api/v1/lots",
        "maker",
        json!({"product": "VAX1", "lot_number": number, "expiry": "2022-01-31", "doses": doses}),
    )
    .await;
    id(&lot)
}

store_test! {
    async fn a_meetings_commitments_are_followed_to_the_doses_that_arrived(store: Store) {
        let app = setup(&store).await;

        // Capacity is public; a later statement for the same month replaces the earlier one.
        let first = post(&app, "/api/v1/capacity", "maker", json!({"product": "VAX1", "month": "2021-09", "doses": 150_000_000})).await;
        let second = post(&app, "/api/v1/capacity", "maker", json!({"product": "VAX1", "month": "2021-09", "doses": 200_000_000})).await;
        assert_eq!(id(&first), id(&second));
        let capacity = ok(&app, "GET", "/api/v1/capacity?manufacturer=maker", None, None, StatusCode::OK).await;
        assert_eq!(capacity.as_array().unwrap().len(), 1);
        assert_eq!(capacity[0]["doses"], json!(200_000_000));

        // The forum meets; COVAX records it.
        let meeting = post(&app, "/api/v1/meetings", "covax", json!({"title": "International Forum on COVID-19 Vaccine Cooperation", "date": "2021-08-05", "parties": ["FRA", "TCD", "SEN", "maker"]})).await;
        let meeting = id(&meeting);
        let outcomes = format!("/api/v1/meetings/{meeting}/outcomes");

        // France pledges 50,000 doses to Chad; the maker offers 100,000 to every country.
        let pledge = id(&post(&app, "/api/v1/pledges", "FRA", json!({"doses": 50_000, "by": "2021-12-31", "to": "TCD"})).await);
        let offer = post(&app, "/api/v1/offers", "maker", json!({"product": "VAX1", "doses": 100_000, "available_from": "2021-08-15", "available_to": "2021-10-31", "price_per_dose": 3.0, "currency": "USD"})).await;
        assert_eq!(offer["state"], "open");
        assert_eq!(offer["price_per_dose"], json!(3.0));
        let offer = id(&offer);
        post(&app, &outcomes, "covax", json!({"kind": "pledge", "id": pledge})).await;
        post(&app, &outcomes, "covax", json!({"kind": "offer", "id": offer})).await;
        refused(&app, &outcomes, "covax", Some(json!({"kind": "offer", "id": offer})), StatusCode::CONFLICT).await;

        // Chad takes 60,000 of the offer: a supply agreement, signed at once; the offer stays
        // open with 40,000 left. Taking more than is left is refused, naming the field.
        let taken = ok(&app, "POST", &format!("/api/v1/offers/{offer}/accept"), Some("TCD"), Some(json!({"doses": 60_000})), StatusCode::CREATED).await;
        assert_eq!(taken["offer"]["doses_left"], json!(40_000));
        assert_eq!(taken["offer"]["state"], "open");
        assert_eq!(taken["agreement"]["state"], "signed");
        assert_eq!(taken["agreement"]["supplier"], "maker");
        assert_eq!(taken["agreement"]["recipient"], "TCD");
        let supply = id(&taken["agreement"]);
        let too_many = refused(&app, &format!("/api/v1/offers/{offer}/accept"), "ETH", Some(json!({"doses": 40_001})), StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(too_many["errors"][0]["field"], "doses");
        post(&app, &outcomes, "covax", json!({"kind": "agreement", "id": supply})).await;
        // Chad and the maker talk about the offer; Ethiopia, which can read the open offer,
        // is not in the thread.
        let thread = post(&app, "/api/v1/threads", "TCD", json!({"subject": "Delivery dates", "parties": ["maker"], "about": {"kind": "offer", "id": offer}})).await;
        assert_eq!(thread["about"], json!({"kind": "offer", "id": offer}));
        ok(&app, "GET", &format!("/api/v1/threads/{}", id(&thread)), Some("ETH"), None, StatusCode::NOT_FOUND).await;

        // France turns its pledge into a donation agreement; Chad signs it (France cannot).
        let donation = post(&app, "/api/v1/agreements", "FRA", json!({"kind": "donation", "supplier": "FRA", "recipient": "TCD", "doses": 50_000, "pledge": pledge, "product": "VAX1"})).await;
        assert_eq!(donation["state"], "proposed");
        let donation = id(&donation);
        refused(&app, &format!("/api/v1/agreements/{donation}/sign"), "FRA", None, StatusCode::FORBIDDEN).await;
        let signed = act(&app, &format!("/api/v1/agreements/{donation}/sign"), "TCD").await;
        assert_eq!(signed["state"], "signed");
        assert!(signed["signed_at"].is_string());

        // A fill-finish partnership in Senegal: proposed by the maker, negotiated, agreed.
        let partnership = post(&app, "/api/v1/partnerships", "maker", json!({"manufacturer": "maker", "partner": "SEN", "product": "VAX1", "site": "Dakar", "kind": "fill_finish", "capacity_per_year": 25_000_000})).await;
        let partnership = id(&partnership);
        post(&app, &outcomes, "covax", json!({"kind": "partnership", "id": partnership})).await;
        refused(&app, &format!("/api/v1/partnerships/{partnership}/agree"), "SEN", None, StatusCode::CONFLICT).await;
        act(&app, &format!("/api/v1/partnerships/{partnership}/negotiate"), "SEN").await;
        refused(&app, &format!("/api/v1/partnerships/{partnership}/agree"), "ETH", None, StatusCode::FORBIDDEN).await;
        let agreed = act(&app, &format!("/api/v1/partnerships/{partnership}/agree"), "maker").await;
        assert_eq!(agreed["stage"], "agreed");
        verified(&store).await;

        // The maker ships the 60,000 against the supply agreement; more than that is refused.
        let made = lot(&app, "L1", 200_000).await;
        let over = refused(&app, "/api/v1/shipments", "maker", Some(json!({"lot": made, "doses": 60_001, "to": "TCD", "agreement": supply})), StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(over["errors"][0]["field"], "agreement");
        let arrived = delivered(&app, "maker", "TCD", json!({"lot": made, "doses": 60_000, "to": "TCD", "agreement": supply})).await;
        assert_eq!(arrived["agreement"], json!(supply));
        let supply_now = ok(&app, "GET", &format!("/api/v1/agreements/{supply}"), Some("TCD"), None, StatusCode::OK).await;
        assert_eq!(supply_now["doses_delivered"], json!(60_000));
        assert_eq!(supply_now["state"], "completed");
        verified(&store).await;

        // France receives doses from the maker and ships 30,000 of them to Chad against its
        // pledge and the donation agreement.
        let french = post(&app, "/api/v1/shipments", "maker", json!({"lot": made, "doses": 100_000, "to": "FRA"})).await;
        let french = id(&french);
        act(&app, &format!("/api/v1/shipments/{french}/dispatch"), "maker").await;
        act(&app, &format!("/api/v1/shipments/{french}/confirm"), "FRA").await;
        delivered(&app, "FRA", "TCD", json!({"lot": made, "doses": 30_000, "to": "TCD", "pledge": pledge, "agreement": donation})).await;
        let donation_now = ok(&app, "GET", &format!("/api/v1/agreements/{donation}"), Some("FRA"), None, StatusCode::OK).await;
        assert_eq!((donation_now["doses_delivered"].as_i64(), donation_now["state"].as_str()), (Some(30_000), Some("signed")));
        // With doses shipped against it, the donation can no longer be cancelled.
        refused(&app, &format!("/api/v1/agreements/{donation}/cancel"), "TCD", None, StatusCode::CONFLICT).await;
        verified(&store).await;

        // The meeting's report, public: every outcome and where it stands.
        let report = ok(&app, "GET", &format!("/api/v1/meetings/{meeting}"), None, None, StatusCode::OK).await;
        let progress: Vec<Progress> = report["outcomes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|outcome| {
                (
                    outcome["kind"].as_str().unwrap().to_owned(),
                    outcome["doses_promised"].as_i64(),
                    outcome["doses_agreed"].as_i64(),
                    outcome["doses_delivered"].as_i64(),
                    outcome["state"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        assert_eq!(
            progress,
            vec![
                ("pledge".into(), Some(50_000), None, Some(30_000), "open".into()),
                ("offer".into(), Some(100_000), Some(60_000), Some(60_000), "open".into()),
                ("agreement".into(), Some(60_000), None, Some(60_000), "completed".into()),
                ("partnership".into(), None, None, None, "agreed".into()),
            ]
        );
        // The supply agreement came from the offer, itself an outcome: its doses count once.
        assert_eq!(report["outcomes"][2]["came_from"], json!({"kind": "offer", "id": offer}));
        assert_eq!(report["doses_promised"], json!(150_000));
        assert_eq!(report["doses_delivered"], json!(90_000));
        assert_eq!(report["parties"], json!(["FRA", "SEN", "TCD", "covax", "maker"]));

        // Notifications: Chad was told of the offer and of the signed supply; Senegal of the
        // partnership's stages; France of Chad's signature.
        let events = |token: &'static str| {
            let app = app.clone();
            async move {
                let list = ok(&app, "GET", "/api/v1/notifications", Some(token), None, StatusCode::OK).await;
                list.as_array().unwrap().iter().map(|row| row["event"].as_str().unwrap().to_owned()).collect::<Vec<_>>()
            }
        };
        assert!(events("ETH").await.is_empty(), "an offer open to all notifies nobody in particular");
        let france = events("FRA").await;
        assert!(france.contains(&"agreement.signed".to_owned()), "{france:?}");
        let senegal = events("SEN").await;
        assert!(senegal.contains(&"partnership.stage".to_owned()), "{senegal:?}");
        let maker = events("maker").await;
        assert!(maker.contains(&"agreement.signed".to_owned()), "{maker:?}");

        // The audit trail of the agreement: proposed, signed, as its parties read it.
        let trail = ok(&app, "GET", &format!("/api/v1/audit?kind=agreement&id={donation}"), Some("TCD"), None, StatusCode::OK).await;
        let actions: Vec<&str> = trail.as_array().unwrap().iter().map(|event| event["action"].as_str().unwrap()).collect();
        assert_eq!(actions, ["agreement.proposed", "agreement.signed"]);
    }
}

store_test! {
    async fn who_reads_and_who_acts_on_offers_and_agreements(store: Store) {
        let app = setup(&store).await;
        let open = id(&post(&app, "/api/v1/offers", "maker", json!({"product": "VAX1", "doses": 1_000, "available_from": "2021-08-15", "available_to": "2021-10-31"})).await);
        let to_ethiopia = id(&post(&app, "/api/v1/offers", "maker", json!({"product": "VAX1", "doses": 1_000, "available_from": "2021-08-15", "available_to": "2021-10-31", "to": "ETH"})).await);
        let read = |uri: String, token: &'static str| {
            let app = app.clone();
            async move { call(&app, "GET", &uri, Some(token), None).await.0 }
        };
        // An open offer: every country and organization reads it; a rival maker does not.
        assert_eq!(read(format!("/api/v1/offers/{open}"), "TCD").await, StatusCode::OK);
        assert_eq!(read(format!("/api/v1/offers/{open}"), "covax").await, StatusCode::OK);
        assert_eq!(read(format!("/api/v1/offers/{open}"), "rival").await, StatusCode::NOT_FOUND);
        // An offer to Ethiopia: Ethiopia, the maker and organizations; not Chad.
        assert_eq!(read(format!("/api/v1/offers/{to_ethiopia}"), "ETH").await, StatusCode::OK);
        assert_eq!(read(format!("/api/v1/offers/{to_ethiopia}"), "TCD").await, StatusCode::NOT_FOUND);
        let listed = ok(&app, "GET", "/api/v1/offers", Some("TCD"), None, StatusCode::OK).await;
        assert_eq!(listed.as_array().unwrap().iter().map(id).collect::<Vec<_>>(), vec![open]);
        // Only the party an offer is made to declines it; an open offer is not declined.
        refused(&app, &format!("/api/v1/offers/{open}/decline"), "TCD", None, StatusCode::FORBIDDEN).await;
        refused(&app, &format!("/api/v1/offers/{to_ethiopia}/accept"), "covax", None, StatusCode::FORBIDDEN).await;
        refused(&app, &format!("/api/v1/offers/{open}/accept"), "maker", None, StatusCode::FORBIDDEN).await;
        let declined = act(&app, &format!("/api/v1/offers/{to_ethiopia}/decline"), "ETH").await;
        assert_eq!(declined["state"], "declined");
        refused(&app, &format!("/api/v1/offers/{to_ethiopia}/accept"), "ETH", None, StatusCode::CONFLICT).await;

        // Accepting without a body takes every dose left: the offer is accepted.
        let all = ok(&app, "POST", &format!("/api/v1/offers/{open}/accept"), Some("TCD"), None, StatusCode::CREATED).await;
        assert_eq!((all["offer"]["state"].as_str(), all["agreement"]["doses"].as_i64()), (Some("accepted"), Some(1_000)));
        let agreement = id(&all["agreement"]);
        assert_eq!(read(format!("/api/v1/agreements/{agreement}"), "ETH").await, StatusCode::NOT_FOUND);
        assert_eq!(read(format!("/api/v1/agreements/{agreement}"), "covax").await, StatusCode::OK);
        refused(&app, &format!("/api/v1/offers/{open}/withdraw"), "maker", None, StatusCode::CONFLICT).await;

        // Cancelling the agreement gives its doses back to the offer, open again.
        refused(&app, &format!("/api/v1/agreements/{agreement}/cancel"), "ETH", None, StatusCode::NOT_FOUND).await;
        let cancelled = act(&app, &format!("/api/v1/agreements/{agreement}/cancel"), "TCD").await;
        assert_eq!(cancelled["state"], "cancelled");
        let reopened = ok(&app, "GET", &format!("/api/v1/offers/{open}"), Some("maker"), None, StatusCode::OK).await;
        assert_eq!((reopened["state"].as_str(), reopened["doses_left"].as_i64()), (Some("open"), Some(1_000)));

        // A planned shipment holds the agreement; cancelling the shipment frees it.
        let second = ok(&app, "POST", &format!("/api/v1/offers/{open}/accept"), Some("TCD"), Some(json!({"doses": 400})), StatusCode::CREATED).await;
        let second = id(&second["agreement"]);
        let made = lot(&app, "L2", 1_000).await;
        let shipment = id(&post(&app, "/api/v1/shipments", "maker", json!({"lot": made, "doses": 400, "to": "TCD", "agreement": second})).await);
        refused(&app, &format!("/api/v1/agreements/{second}/cancel"), "maker", None, StatusCode::CONFLICT).await;
        act(&app, &format!("/api/v1/shipments/{shipment}/cancel"), "maker").await;
        act(&app, &format!("/api/v1/agreements/{second}/cancel"), "maker").await;
        verified(&store).await;

        // Bad input names its field.
        let bad = refused(&app, "/api/v1/offers", "maker", Some(json!({"product": "NOPE", "doses": 0, "available_from": "2021-10-31", "available_to": "2021-08-15", "price_per_dose": 3, "currency": "dollars", "to": "rival"})), StatusCode::UNPROCESSABLE_ENTITY).await;
        let fields: Vec<&str> = bad["errors"].as_array().unwrap().iter().map(|error| error["field"].as_str().unwrap()).collect();
        assert_eq!(fields, ["product", "doses", "available_to", "currency", "to"]);
        let month = refused(&app, "/api/v1/capacity", "maker", Some(json!({"product": "VAX1", "month": "2021-13", "doses": 1})), StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(month["errors"][0]["field"], "month");
        refused(&app, "/api/v1/capacity", "TCD", Some(json!({"product": "VAX1", "month": "2021-09", "doses": 1})), StatusCode::FORBIDDEN).await;
        refused(&app, "/api/v1/capacity", "rival", Some(json!({"product": "VAX1", "month": "2021-09", "doses": 1})), StatusCode::UNPROCESSABLE_ENTITY).await;
        refused(&app, "/api/v1/agreements", "ETH", Some(json!({"kind": "supply", "supplier": "maker", "recipient": "TCD", "doses": 5})), StatusCode::FORBIDDEN).await;
        refused(&app, "/api/v1/meetings", "maker", Some(json!({"title": "A meeting", "date": "2021-08-05", "parties": []})), StatusCode::FORBIDDEN).await;
        let meeting = id(&post(&app, "/api/v1/meetings", "covax", json!({"title": "A meeting", "date": "2021-08-05", "parties": ["TCD"]})).await);
        refused(&app, &format!("/api/v1/meetings/{meeting}/outcomes"), "TCD", Some(json!({"kind": "offer", "id": open})), StatusCode::FORBIDDEN).await;
        let missing = refused(&app, &format!("/api/v1/meetings/{meeting}/outcomes"), "covax", Some(json!({"kind": "pledge", "id": 999})), StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(missing["errors"][0]["field"], "id");
        verified(&store).await;
    }
}

store_test! {
    async fn concurrent_accepts_never_take_more_than_an_offer_holds(store: Store) {
        let app = setup(&store).await;
        for countries in [2_usize, 8, 32] {
            let offer = id(&post(&app, "/api/v1/offers", "maker", json!({"product": "VAX1", "doses": 100, "available_from": "2021-08-15", "available_to": "2021-10-31"})).await);
            let uri = format!("/api/v1/offers/{offer}/accept");
            let attempts = (0..countries).map(|index| {
                let (app, uri) = (app.clone(), uri.clone());
                let token = ["TCD", "ETH", "SEN", "FRA"][index % 4];
                async move { call(&app, "POST", &uri, Some(token), Some(json!({"doses": 30}))).await.0 }
            });
            let statuses = futures_join(attempts).await;
            let won = statuses.iter().filter(|status| **status == StatusCode::CREATED).count();
            assert!(statuses.iter().all(|status| *status == StatusCode::CREATED || *status == StatusCode::CONFLICT || *status == StatusCode::UNPROCESSABLE_ENTITY), "{statuses:?}");
            assert_eq!(won, countries.min(3), "{countries} at once: {statuses:?}");
            let now = ok(&app, "GET", &format!("/api/v1/offers/{offer}"), Some("maker"), None, StatusCode::OK).await;
            assert_eq!(now["doses_taken"].as_i64(), Some(30 * i64::try_from(won).unwrap()));
        }
    }
}

/// Runs the futures at once and collects their outputs in order.
async fn futures_join<F: std::future::Future<Output = StatusCode> + Send + 'static>(
    futures: impl Iterator<Item = F>,
) -> Vec<StatusCode> {
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut statuses = Vec::with_capacity(handles.len());
    for handle in handles {
        statuses.push(handle.await.unwrap());
    }
    statuses
}
