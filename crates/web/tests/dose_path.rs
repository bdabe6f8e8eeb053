//! The dose path end to end, on both backends (`cooperation.md`, "The dose path" 1-3 and
//! "Audit trail"): requests, pledges and shipments, the ledger movements shipments make, who
//! may read and act on what, races on one shipment, and the shipment's trail.

mod common;

use std::collections::BTreeMap;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{Answer, app, get_request, json_request, load_snapshot, send};
use domain::access::UserId;
use domain::ledger::PartyCode;
use domain::party::{Party, PartyKind, Role};
use serde_json::{Value, json};
use store::{Store, StoreError, store_test};

const PASSWORD: &str = "a long test password";

/// The parties and one user per role of interest.
async fn install(store: &Store) {
    load_snapshot(store).await;
    let hash = app::secrets::hash_password(PASSWORD).unwrap();
    let hash = hash.as_str();
    store
        .write(|tx| async move {
            for (code, kind) in [
                ("maker", PartyKind::Manufacturer),
                ("covax", PartyKind::Organization),
                ("operator", PartyKind::Organization),
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
            for (email, party, role) in [
                ("admin@x.example", "operator", Role::Admin),
                ("maker@x.example", "maker", Role::Official),
                ("covax@x.example", "covax", Role::Official),
                ("fra@x.example", "FRA", Role::Official),
                ("tcd@x.example", "TCD", Role::Official),
                ("eth@x.example", "ETH", Role::Official),
                ("eth-viewer@x.example", "ETH", Role::Viewer),
            ] {
                tx.create_user(&store::accounts::NewUser {
                    email,
                    password_hash: hash,
                    party: &PartyCode::parse(party).unwrap(),
                    role,
                })
                .await?;
            }
            Ok::<_, StoreError>(())
        })
        .await
        .unwrap();
}

async fn user_id(store: &Store, email: &str) -> UserId {
    store
        .read(|tx| async move { tx.user_by_email(email).await })
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("a user {email}"))
        .user
        .id
}

async fn token(app: &Router, email: &str) -> String {
    let answer = send(
        app,
        json_request(
            "POST",
            "/api/v1/tokens",
            None,
            json!({"email": email, "password": PASSWORD, "name": "test"}),
        ),
    )
    .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", text(&answer));
    answer.json()["token"].as_str().unwrap().to_owned()
}

fn text(answer: &Answer) -> String {
    String::from_utf8_lossy(&answer.body).into_owned()
}

/// The application over a store with the parties installed, and a token per user.
struct World {
    app: Router,
    admin: String,
    maker: String,
    covax: String,
    fra: String,
    tcd: String,
    eth: String,
    viewer: String,
}

impl World {
    async fn new(store: Store) -> World {
        install(&store).await;
        let app = app(store.clone());
        World {
            admin: token(&app, "admin@x.example").await,
            maker: token(&app, "maker@x.example").await,
            covax: token(&app, "covax@x.example").await,
            fra: token(&app, "fra@x.example").await,
            tcd: token(&app, "tcd@x.example").await,
            eth: token(&app, "eth@x.example").await,
            viewer: token(&app, "eth-viewer@x.example").await,
            app,
        }
    }

    async fn post(&self, token: &str, uri: &str, body: Value) -> Answer {
        send(&self.app, json_request("POST", uri, Some(token), body)).await
    }

    async fn get(&self, token: Option<&str>, uri: &str) -> Answer {
        send(&self.app, get_request(uri, token)).await
    }

    /// The body of a GET that must answer 200.
    async fn read(&self, token: Option<&str>, uri: &str) -> Value {
        let answer = self.get(token, uri).await;
        assert_eq!(
            answer.status,
            StatusCode::OK,
            "GET {uri}: {}",
            text(&answer)
        );
        answer.json()
    }

    /// An action on a shipment that must answer 200.
    async fn act(&self, token: &str, shipment: i64, action: &str) -> Value {
        let answer = self
            .post(
                token,
                &format!("/api/v1/shipments/{shipment}/{action}"),
                json!(null),
            )
            .await;
        assert_eq!(
            answer.status,
            StatusCode::OK,
            "{action} {shipment}: {}",
            text(&answer)
        );
        answer.json()
    }

    /// A shipment that must be planned (201).
    async fn plan(&self, token: &str, body: Value) -> Value {
        let answer = self.post(token, "/api/v1/shipments", body.clone()).await;
        assert_eq!(
            answer.status,
            StatusCode::CREATED,
            "{body}: {}",
            text(&answer)
        );
        answer.json()
    }

    /// Registers product VAX1 (once) and a lot of `doses` of it, numbered `number`.
    async fn lot(&self, number: &str, doses: i64) -> i64 {
        let product = json!({"code": "VAX1", "name": "Vaccine one", "doses_per_course": 2, "storage": "2-8C",
            "shelf_life_days": 180, "gtin": "09501101530003"});
        let answer = self.post(&self.maker, "/api/v1/products", product).await;
        assert!(
            matches!(answer.status, StatusCode::CREATED | StatusCode::CONFLICT),
            "{}",
            text(&answer)
        );
        let lot =
            json!({"gs1": format!("(01)09501101530003(17)220300(10){number}"), "doses": doses});
        let answer = self.post(&self.maker, "/api/v1/lots", lot).await;
        assert_eq!(answer.status, StatusCode::CREATED, "{}", text(&answer));
        answer.json()["id"].as_i64().unwrap()
    }

    /// The lot's balances that are not zero, as `holder/state` and doses, read by `token`.
    async fn balances(&self, token: &str, lot: i64) -> BTreeMap<String, i64> {
        let page = self
            .read(Some(token), &format!("/api/v1/balances?lot={lot}"))
            .await;
        page.as_array()
            .unwrap()
            .iter()
            .filter(|balance| balance["doses"].as_i64() != Some(0))
            .map(|balance| {
                (
                    format!(
                        "{}/{}",
                        balance["holder"].as_str().unwrap(),
                        balance["state"].as_str().unwrap()
                    ),
                    balance["doses"].as_i64().unwrap(),
                )
            })
            .collect()
    }

    /// The kinds of the lot's journal, in order, as `token` reads it.
    async fn journal(&self, token: &str, lot: i64) -> Vec<String> {
        let journal = self
            .read(Some(token), &format!("/api/v1/movements?lot={lot}"))
            .await;
        journal
            .as_array()
            .unwrap()
            .iter()
            .map(|entry| entry["kind"].as_str().unwrap().to_owned())
            .collect()
    }

    /// The ids of a list's items, in order.
    async fn ids(&self, token: Option<&str>, uri: &str) -> Vec<i64> {
        ids(&self.read(token, uri).await)
    }
}

fn ids(list: &Value) -> Vec<i64> {
    list.as_array().unwrap().iter().map(id).collect()
}

fn id(object: &Value) -> i64 {
    object["id"]
        .as_i64()
        .unwrap_or_else(|| panic!("no id: {object}"))
}

fn balances<const N: usize>(entries: [(&str, i64); N]) -> BTreeMap<String, i64> {
    entries
        .iter()
        .map(|(account, doses)| ((*account).to_owned(), *doses))
        .collect()
}

/// A journal entry in short: kind, doses, `holder/state` it left (none for a release) and
/// `holder/state` it went to.
type Move = (String, i64, Option<String>, String);

fn side(side: &Value) -> Option<String> {
    (!side.is_null()).then(|| {
        format!(
            "{}/{}",
            side["holder"].as_str().unwrap(),
            side["state"].as_str().unwrap()
        )
    })
}

/// The movements an action's answer lists, in short; each is of `lot` and recorded now.
fn moves(answer: &Value, lot: i64) -> Vec<Move> {
    answer["movements"]
        .as_array()
        .unwrap_or_else(|| panic!("no movements: {answer}"))
        .iter()
        .map(|entry| {
            assert_eq!(entry["lot"], lot, "{entry}");
            assert_eq!(entry["recorded_at"], common::NOW, "{entry}");
            assert!(entry["id"].as_i64().is_some(), "{entry}");
            (
                entry["kind"].as_str().unwrap().to_owned(),
                entry["doses"].as_i64().unwrap(),
                side(&entry["from"]),
                side(&entry["to"]).unwrap(),
            )
        })
        .collect()
}

fn mv(kind: &str, doses: i64, from: &str, to: &str) -> Move {
    (kind.to_owned(), doses, Some(from.to_owned()), to.to_owned())
}

/// The id of the one movement an action's answer lists.
fn movement_id(answer: &Value) -> i64 {
    let movements = answer["movements"].as_array().unwrap();
    assert_eq!(movements.len(), 1, "{answer}");
    id(&movements[0])
}

/// A trail in short: each event's action, with the movement's kind for movements.
fn trail(events: &Value) -> Vec<String> {
    events
        .as_array()
        .unwrap()
        .iter()
        .map(|event| {
            match (
                event["action"].as_str().unwrap(),
                event["detail"]["kind"].as_str(),
            ) {
                ("movement.recorded", Some(kind)) => format!("movement.recorded {kind}"),
                (action, _) => action.to_owned(),
            }
        })
        .collect()
}

/// The answer's status and, for a problem, its code and the fields it names.
fn refusal(answer: &Answer) -> (u16, Option<String>, Vec<String>) {
    let problem = answer.problem();
    let fields = problem["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|error| error["field"].as_str().unwrap().to_owned())
                .collect()
        })
        .unwrap_or_default();
    (
        answer.status.as_u16(),
        problem["code"].as_str().map(str::to_owned),
        fields,
    )
}

fn fields(names: &[&str]) -> Vec<String> {
    names.iter().map(|name| (*name).to_owned()).collect()
}

async fn verified(store: &Store) {
    let report = store.verify().await.unwrap();
    assert!(
        report.violations.is_empty() && report.integrity_problems.is_empty(),
        "{report:?}"
    );
}

/// Sends the requests at once, each from its own task.
async fn all_at_once(app: &Router, requests: Vec<Request<Body>>) -> Vec<Answer> {
    let tasks: Vec<_> = requests
        .into_iter()
        .map(|request| {
            let app = app.clone();
            tokio::spawn(async move { send(&app, request).await })
        })
        .collect();
    let mut answers = Vec::new();
    for task in tasks {
        answers.push(task.await.unwrap());
    }
    answers
}

store_test! {
    async fn doses_go_from_the_maker_to_a_donor_and_on_to_the_country_it_pledged_them_to(store: Store) {
        let w = World::new(store.clone()).await;
        let lot = w.lot("AB1234", 10_000).await;
        assert_eq!(w.balances(&w.maker, lot).await, balances([("maker/available", 10_000)]));

        // The maker sells France 1,000 doses: planned (reserved), dispatched, confirmed.
        let planned = w.plan(&w.maker, json!({"lot": lot, "doses": 1_000, "to": "FRA"})).await;
        let bought = id(&planned);
        assert_eq!(moves(&planned, lot), [mv("reserve", 1_000, "maker/available", "maker/reserved")]);
        assert_eq!(planned["movements"][0]["reason"], "shipment to FRA");
        let expected = json!({"id": bought, "lot": lot, "from": "maker", "to": "FRA", "doses": 1_000, "state": "planned",
            "pledge": null, "request": null, "agreement": null, "round": null, "movement_ids": [movement_id(&planned)],
            "created_at": common::NOW, "updated_at": common::NOW});
        let mut shown = planned.clone();
        shown.as_object_mut().unwrap().remove("movements");
        assert_eq!(shown, expected);
        assert_eq!(w.balances(&w.maker, lot).await, balances([("maker/available", 9_000), ("maker/reserved", 1_000)]));

        let dispatched = w.act(&w.maker, bought, "dispatch").await;
        assert_eq!(dispatched["state"], "in_transit");
        assert_eq!(moves(&dispatched, lot), [mv("ship", 1_000, "maker/reserved", "FRA/in_transit")]);
        assert_eq!(dispatched["movements"][0]["reason"], format!("shipment {bought}"));
        assert_eq!(w.balances(&w.maker, lot).await, balances([("maker/available", 9_000), ("FRA/in_transit", 1_000)]));

        let delivered = w.act(&w.fra, bought, "confirm").await;
        assert_eq!(delivered["state"], "delivered");
        assert_eq!(moves(&delivered, lot), [mv("receive", 1_000, "FRA/in_transit", "FRA/available")]);
        assert_eq!(w.balances(&w.maker, lot).await, balances([("maker/available", 9_000), ("FRA/available", 1_000)]));
        // The shipment read back lists the three movements it made, oldest first.
        let read = w.read(Some(&w.fra), &format!("/api/v1/shipments/{bought}")).await;
        assert_eq!(read["state"], "delivered");
        assert_eq!(read["movement_ids"], json!([movement_id(&planned), movement_id(&dispatched), movement_id(&delivered)]));
        assert!(read.get("movements").is_none(), "{read}");

        // France pledges 300 of them to Chad; the pledge and its fulfilment are public.
        let answer = w.post(&w.fra, "/api/v1/pledges", json!({"doses": 300, "by": "2021-12-31", "to": "TCD", "product": "VAX1", "note": "From the first delivery"})).await;
        assert_eq!(answer.status, StatusCode::CREATED, "{}", text(&answer));
        let pledge = answer.json();
        let pledge_id = id(&pledge);
        assert_eq!(pledge, json!({"id": pledge_id, "donor": "FRA", "to": "TCD", "doses": 300, "doses_delivered": 0, "by": "2021-12-31",
            "product": "VAX1", "note": "From the first delivery", "state": "open", "created_at": common::NOW, "updated_at": common::NOW}));
        assert_eq!(w.read(None, &format!("/api/v1/pledges/{pledge_id}")).await, pledge);
        assert_eq!(w.read(None, "/api/v1/pledge-fulfilment").await, json!([{"donor": "FRA", "doses_pledged": 300, "doses_delivered": 0}]));

        // France ships the 300 against its pledge.
        let planned = w.plan(&w.fra, json!({"lot": lot, "doses": 300, "to": "TCD", "pledge": pledge_id})).await;
        let given = id(&planned);
        assert_eq!((planned["state"].clone(), planned["from"].clone(), planned["to"].clone(), planned["pledge"].clone()), (json!("planned"), json!("FRA"), json!("TCD"), json!(pledge_id)));
        assert_eq!(moves(&planned, lot), [mv("reserve", 300, "FRA/available", "FRA/reserved")]);
        assert_eq!(w.balances(&w.covax, lot).await, balances([("maker/available", 9_000), ("FRA/available", 700), ("FRA/reserved", 300)]));
        assert_eq!(w.read(None, &format!("/api/v1/pledges/{pledge_id}")).await["doses_delivered"], 0);

        let dispatched = w.act(&w.fra, given, "dispatch").await;
        assert_eq!(dispatched["state"], "in_transit");
        assert_eq!(moves(&dispatched, lot), [mv("ship", 300, "FRA/reserved", "TCD/in_transit")]);
        assert_eq!(w.balances(&w.covax, lot).await, balances([("maker/available", 9_000), ("FRA/available", 700), ("TCD/in_transit", 300)]));
        // Doses in transit are not delivered yet.
        let in_transit = w.read(None, &format!("/api/v1/pledges/{pledge_id}")).await;
        assert_eq!((in_transit["doses_delivered"].clone(), in_transit["state"].clone()), (json!(0), json!("open")));
        assert_eq!(w.read(None, "/api/v1/pledge-fulfilment").await, json!([{"donor": "FRA", "doses_pledged": 300, "doses_delivered": 0}]));

        let delivered = w.act(&w.tcd, given, "confirm").await;
        assert_eq!(delivered["state"], "delivered");
        assert_eq!(moves(&delivered, lot), [mv("receive", 300, "TCD/in_transit", "TCD/available")]);
        let end = balances([("maker/available", 9_000), ("FRA/available", 700), ("TCD/available", 300)]);
        assert_eq!(w.balances(&w.maker, lot).await, end);
        assert_eq!(w.balances(&w.covax, lot).await, end);
        assert_eq!(w.balances(&w.tcd, lot).await, balances([("TCD/available", 300)]));

        // The pledge is fulfilled, and the fulfilment row says so.
        let fulfilled = w.read(None, &format!("/api/v1/pledges/{pledge_id}")).await;
        assert_eq!((fulfilled["doses_delivered"].clone(), fulfilled["state"].clone()), (json!(300), json!("fulfilled")), "{fulfilled}");
        assert_eq!(w.read(None, "/api/v1/pledge-fulfilment").await, json!([{"donor": "FRA", "doses_pledged": 300, "doses_delivered": 300}]));
        assert_eq!(w.ids(None, "/api/v1/pledges?state=fulfilled").await, [pledge_id]);
        assert_eq!(w.ids(None, "/api/v1/pledges?donor=FRA&to=TCD").await, [pledge_id]);
        assert_eq!(w.ids(None, "/api/v1/pledges?state=open").await, Vec::<i64>::new());
        assert_eq!(w.ids(None, "/api/v1/pledges?donor=TCD").await, Vec::<i64>::new());

        // Each party lists the shipments it is a side of; an organization, all of them.
        assert_eq!(w.ids(Some(&w.covax), "/api/v1/shipments").await, [bought, given]);
        assert_eq!(w.ids(Some(&w.fra), "/api/v1/shipments").await, [bought, given]);
        assert_eq!(w.ids(Some(&w.maker), "/api/v1/shipments").await, [bought]);
        assert_eq!(w.ids(Some(&w.tcd), "/api/v1/shipments").await, [given]);
        assert_eq!(w.ids(Some(&w.eth), "/api/v1/shipments").await, Vec::<i64>::new());
        assert_eq!(w.ids(Some(&w.covax), &format!("/api/v1/shipments?pledge={pledge_id}")).await, [given]);
        assert_eq!(w.ids(Some(&w.covax), "/api/v1/shipments?state=delivered").await, [bought, given]);
        assert_eq!(w.ids(Some(&w.covax), "/api/v1/shipments?from=FRA").await, [given]);
        assert_eq!(w.ids(Some(&w.covax), "/api/v1/shipments?to=FRA").await, [bought]);
        assert_eq!(w.ids(Some(&w.covax), "/api/v1/shipments?state=planned").await, Vec::<i64>::new());
        // A page at a time, the filters kept in the next page's link.
        let first = w.get(Some(&w.covax), "/api/v1/shipments?state=delivered&limit=1").await;
        assert_eq!(ids(&first.json()), [bought]);
        let cursor = first.header("next-cursor").unwrap().to_owned();
        let link = first.header("link").unwrap().to_owned();
        assert!(link.contains("state=delivered") && link.contains(&format!("cursor={cursor}")), "{link}");
        assert_eq!(w.ids(Some(&w.covax), &format!("/api/v1/shipments?state=delivered&limit=1&cursor={cursor}")).await, [given]);
        let listed = w.read(Some(&w.tcd), "/api/v1/shipments").await;
        assert_eq!(listed[0]["movement_ids"], json!([movement_id(&planned), movement_id(&dispatched), movement_id(&delivered)]));

        // The maker's journal of its lot: every step, once.
        assert_eq!(w.journal(&w.maker, lot).await, ["release", "reserve", "ship", "receive", "reserve", "ship", "receive"]);
        // The pledge's trail: its creation, the shipment linked to it, its fulfilment.
        let events = w.read(Some(&w.covax), &format!("/api/v1/audit?kind=pledge&id={pledge_id}")).await;
        assert_eq!(trail(&events), ["pledge.created", "shipment.planned", "shipment.dispatched", "shipment.delivered", "pledge.fulfilled"], "{events}");
        verified(&store).await;
    }
}

store_test! {
    async fn a_country_asks_for_doses_and_only_it_and_organizations_see_the_request(store: Store) {
        let w = World::new(store.clone()).await;
        w.lot("AB1234", 100).await;
        let body = json!({"doses": 500_000, "needed_by": "2021-09-30", "products": ["VAX1"], "min_shelf_life_days": 70,
            "absorption_per_day": 30_000, "lead_time_days": 14, "target_per_100": 40.5, "note": "For the second phase\nin the north"});
        let answer = w.post(&w.tcd, "/api/v1/requests", body).await;
        assert_eq!(answer.status, StatusCode::CREATED, "{}", text(&answer));
        let request = answer.json();
        let chad = id(&request);
        assert_eq!(request, json!({"id": chad, "country": "TCD", "state": "open", "doses": 500_000, "doses_allocated": 0, "doses_delivered": 0,
            "needed_by": "2021-09-30", "products": ["VAX1"], "min_shelf_life_days": 70, "absorption_per_day": 30_000, "lead_time_days": 14,
            "target_per_100": 40.5, "note": "For the second phase\nin the north", "created_at": common::NOW, "updated_at": common::NOW}));
        let uri = format!("/api/v1/requests/{chad}");
        assert_eq!(w.read(Some(&w.tcd), &uri).await, request);
        // Only what is required: the rest is null. Needed today is not before today.
        let answer = w.post(&w.eth, "/api/v1/requests", json!({"doses": 1_000, "needed_by": "2021-08-06"})).await;
        assert_eq!(answer.status, StatusCode::CREATED, "{}", text(&answer));
        let ethiopia = answer.json();
        for field in ["products", "min_shelf_life_days", "absorption_per_day", "lead_time_days", "target_per_100", "note"] {
            assert!(ethiopia[field].is_null(), "{field}: {ethiopia}");
        }
        let ethiopia = id(&ethiopia);

        // The country lists its own requests, with filters.
        assert_eq!(w.ids(Some(&w.tcd), "/api/v1/requests").await, [chad]);
        assert_eq!(w.ids(Some(&w.tcd), "/api/v1/requests?state=open").await, [chad]);
        assert_eq!(w.ids(Some(&w.tcd), "/api/v1/requests?country=TCD").await, [chad]);
        assert_eq!(w.ids(Some(&w.tcd), "/api/v1/requests?state=withdrawn").await, Vec::<i64>::new());
        assert_eq!(w.ids(Some(&w.tcd), "/api/v1/requests?country=ETH").await, Vec::<i64>::new());
        // Another country does not see it, by id or in its list; its viewer neither.
        for token in [&w.eth, &w.viewer, &w.fra] {
            let answer = w.get(Some(token), &uri).await;
            assert_eq!(answer.status, StatusCode::NOT_FOUND, "{}", text(&answer));
            assert!(!w.ids(Some(token), "/api/v1/requests").await.contains(&chad));
            assert_eq!(w.ids(Some(token), "/api/v1/requests?country=TCD").await, Vec::<i64>::new());
        }
        assert_eq!(w.ids(Some(&w.viewer), "/api/v1/requests").await, [ethiopia]);
        // Nor does a manufacturer; anonymous callers must sign in.
        assert_eq!(w.get(Some(&w.maker), &uri).await.status, StatusCode::NOT_FOUND);
        assert_eq!(w.ids(Some(&w.maker), "/api/v1/requests").await, Vec::<i64>::new());
        assert_eq!(w.get(None, &uri).await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(w.get(None, "/api/v1/requests").await.status, StatusCode::UNAUTHORIZED);
        // An organization sees every request.
        assert_eq!(w.read(Some(&w.covax), &uri).await, request);
        assert_eq!(w.ids(Some(&w.covax), "/api/v1/requests").await, [chad, ethiopia]);
        assert_eq!(w.ids(Some(&w.covax), "/api/v1/requests?country=TCD").await, [chad]);
        assert_eq!(w.ids(Some(&w.covax), "/api/v1/requests?country=ETH&state=open").await, [ethiopia]);
        // A bad filter is named.
        let answer = w.get(Some(&w.covax), "/api/v1/requests?state=sleeping").await;
        assert_eq!(refusal(&answer), (422, None, fields(&["state"])), "{}", text(&answer));

        // Only a country's official asks.
        for token in [&w.maker, &w.covax, &w.viewer, &w.admin] {
            let answer = w.post(token, "/api/v1/requests", json!({"doses": 10, "needed_by": "2021-09-30"})).await;
            assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", text(&answer));
        }
        let answer = send(&w.app, json_request("POST", "/api/v1/requests", None, json!({"doses": 10, "needed_by": "2021-09-30"}))).await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
        // Bad input is 422, naming each field.
        let answer = w.post(&w.tcd, "/api/v1/requests", json!({"doses": 0, "needed_by": "2021-09-30"})).await;
        assert_eq!(refusal(&answer), (422, None, fields(&["doses"])), "{}", text(&answer));
        let answer = w.post(&w.tcd, "/api/v1/requests", json!({"doses": 10, "needed_by": "2021-08-05"})).await;
        assert_eq!(refusal(&answer), (422, None, fields(&["needed_by"])), "{}", text(&answer));
        assert!(answer.problem()["errors"][0]["message"].as_str().unwrap().contains("before today"), "{}", text(&answer));
        let answer = w.post(&w.tcd, "/api/v1/requests", json!({"doses": 10, "needed_by": "2021-09-30", "products": ["VAX1", "VAX9"]})).await;
        assert_eq!(refusal(&answer), (422, None, fields(&["products[1]"])), "{}", text(&answer));
        let answer = w.post(&w.tcd, "/api/v1/requests", json!({"doses": 10, "needed_by": "2021-09-30", "colour": "blue"})).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", text(&answer));
        assert_eq!(answer.problem()["errors"][0]["field"], "colour", "{}", text(&answer));
        let answer = w.post(&w.tcd, "/api/v1/requests", json!({"doses": 0, "needed_by": "2021-08-05", "products": ["VAX1", "VAX9"]})).await;
        assert_eq!(refusal(&answer), (422, None, fields(&["doses", "needed_by", "products[1]"])), "{}", text(&answer));
        let answer = w.post(&w.tcd, "/api/v1/requests", json!({"doses": 10, "needed_by": "2021-09-30", "min_shelf_life_days": -1,
            "lead_time_days": 4_000, "absorption_per_day": 0, "target_per_100": 0, "note": "bell\u{7}", "products": []})).await;
        assert_eq!(
            refusal(&answer),
            (422, None, fields(&["products", "min_shelf_life_days", "lead_time_days", "absorption_per_day", "target_per_100", "note"])),
            "{}",
            text(&answer)
        );
        let answer = w.post(&w.tcd, "/api/v1/requests", json!({"doses": 10, "needed_by": "30/09/2021"})).await;
        assert_eq!(refusal(&answer), (422, None, fields(&["needed_by"])), "{}", text(&answer));
        // None of them made a request.
        assert_eq!(w.ids(Some(&w.covax), "/api/v1/requests").await, [chad, ethiopia]);

        // Withdrawn: by the country only, once.
        let answer = w.post(&w.covax, &format!("{uri}/withdraw"), json!(null)).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", text(&answer));
        let answer = w.post(&w.eth, &format!("{uri}/withdraw"), json!(null)).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{}", text(&answer));
        assert_eq!(w.read(Some(&w.tcd), &uri).await["state"], "open");
        let answer = w.post(&w.tcd, &format!("{uri}/withdraw"), json!(null)).await;
        assert_eq!(answer.status, StatusCode::OK, "{}", text(&answer));
        let mut withdrawn = request.clone();
        withdrawn["state"] = json!("withdrawn");
        assert_eq!(answer.json(), withdrawn);
        assert_eq!(w.read(Some(&w.covax), &uri).await, withdrawn);
        let again = w.post(&w.tcd, &format!("{uri}/withdraw"), json!(null)).await;
        assert_eq!(refusal(&again), (409, Some("invalid_state".into()), Vec::new()), "{}", text(&again));
        assert_eq!(w.ids(Some(&w.covax), "/api/v1/requests?state=withdrawn").await, [chad]);
        assert_eq!(w.ids(Some(&w.covax), "/api/v1/requests?state=open").await, [ethiopia]);
        let answer = w.post(&w.tcd, "/api/v1/requests/999999/withdraw", json!(null)).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND);

        // The request's trail: made and withdrawn by Chad's official.
        let tcd = user_id(&store, "tcd@x.example").await;
        let events = w.read(Some(&w.tcd), &format!("/api/v1/audit?kind=request&id={chad}")).await;
        assert_eq!(trail(&events), ["request.created", "request.withdrawn"], "{events}");
        for event in events.as_array().unwrap() {
            assert_eq!(event["actor"], json!({"user": tcd.0, "party": "TCD"}));
        }
        assert_eq!(w.read(Some(&w.eth), &format!("/api/v1/audit?kind=request&id={chad}")).await, json!([]));
        verified(&store).await;
    }
}

store_test! {
    async fn shipments_keep_to_their_states_their_sides_and_the_holders_balance(store: Store) {
        let w = World::new(store.clone()).await;
        let lot = w.lot("AB1234", 1_000).await;

        // Cancelled while planned: the doses are available again, and it can do nothing more.
        let planned = w.plan(&w.maker, json!({"lot": lot, "doses": 100, "to": "FRA"})).await;
        let cancelled_id = id(&planned);
        assert_eq!(w.balances(&w.maker, lot).await, balances([("maker/available", 900), ("maker/reserved", 100)]));
        let cancelled = w.act(&w.maker, cancelled_id, "cancel").await;
        assert_eq!(cancelled["state"], "cancelled");
        assert_eq!(moves(&cancelled, lot), [mv("unreserve", 100, "maker/reserved", "maker/available")]);
        assert_eq!(cancelled["movement_ids"], json!([movement_id(&planned), movement_id(&cancelled)]));
        assert_eq!(w.balances(&w.maker, lot).await, balances([("maker/available", 1_000)]));
        for action in ["dispatch", "cancel"] {
            let answer = w.post(&w.maker, &format!("/api/v1/shipments/{cancelled_id}/{action}"), json!(null)).await;
            assert_eq!(refusal(&answer), (409, Some("invalid_state".into()), Vec::new()), "{action}: {}", text(&answer));
        }
        let answer = w.post(&w.fra, &format!("/api/v1/shipments/{cancelled_id}/confirm"), json!(null)).await;
        assert_eq!(refusal(&answer), (409, Some("invalid_state".into()), Vec::new()), "{}", text(&answer));
        assert_eq!(w.read(Some(&w.fra), &format!("/api/v1/shipments/{cancelled_id}")).await["state"], "cancelled");
        assert_eq!(w.balances(&w.maker, lot).await, balances([("maker/available", 1_000)]));

        // Each action by its side: the holder dispatches, the recipient confirms; someone
        // outside the shipment does not see it.
        let shipment = id(&w.plan(&w.maker, json!({"lot": lot, "doses": 200, "to": "FRA"})).await);
        let on = |action: &str| format!("/api/v1/shipments/{shipment}/{action}");
        let answer = w.post(&w.fra, &on("dispatch"), json!(null)).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "the recipient dispatches: {}", text(&answer));
        let answer = w.post(&w.fra, &on("cancel"), json!(null)).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "the recipient cancels: {}", text(&answer));
        let answer = w.post(&w.covax, &on("dispatch"), json!(null)).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "an organization dispatches: {}", text(&answer));
        let answer = w.post(&w.tcd, &on("dispatch"), json!(null)).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "a third party dispatches: {}", text(&answer));
        let answer = w.post(&w.fra, &on("confirm"), json!(null)).await;
        assert_eq!(refusal(&answer), (409, Some("invalid_state".into()), Vec::new()), "confirmed before dispatch: {}", text(&answer));
        w.act(&w.maker, shipment, "dispatch").await;
        let answer = w.post(&w.maker, &on("confirm"), json!(null)).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "the holder confirms: {}", text(&answer));
        let answer = w.post(&w.tcd, &on("confirm"), json!(null)).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "a third party confirms: {}", text(&answer));
        let answer = w.post(&w.eth, &on("confirm"), json!(null)).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "a third party confirms: {}", text(&answer));
        let answer = w.post(&w.maker, &on("cancel"), json!(null)).await;
        assert_eq!(refusal(&answer), (409, Some("invalid_state".into()), Vec::new()), "cancelled in transit: {}", text(&answer));
        assert_eq!(w.get(Some(&w.tcd), &format!("/api/v1/shipments/{shipment}")).await.status, StatusCode::NOT_FOUND);
        assert_eq!(w.read(Some(&w.covax), &format!("/api/v1/shipments/{shipment}")).await["state"], "in_transit");
        assert_eq!(w.balances(&w.maker, lot).await, balances([("maker/available", 800), ("FRA/in_transit", 200)]));
        w.act(&w.fra, shipment, "confirm").await;
        assert_eq!(w.balances(&w.maker, lot).await, balances([("maker/available", 800), ("FRA/available", 200)]));
        let journal = w.journal(&w.maker, lot).await;
        assert_eq!(journal, ["release", "reserve", "unreserve", "reserve", "ship", "receive"]);

        // More doses than available: 409, and nothing is planned or reserved.
        let shipments = w.ids(Some(&w.covax), "/api/v1/shipments").await;
        let answer = w.post(&w.maker, "/api/v1/shipments", json!({"lot": lot, "doses": 801, "to": "TCD"})).await;
        assert_eq!(refusal(&answer).0, 409, "{}", text(&answer));
        assert_eq!(answer.problem()["code"], "insufficient_balance");
        // France holds 200 available: 201 would be too many too.
        let answer = w.post(&w.fra, "/api/v1/shipments", json!({"lot": lot, "doses": 201, "to": "TCD"})).await;
        assert_eq!(answer.status, StatusCode::CONFLICT, "{}", text(&answer));
        assert_eq!(answer.problem()["code"], "insufficient_balance");
        // To oneself, to nobody, none or a negative number of doses: 422.
        for (token, body, field) in [
            (&w.maker, json!({"lot": lot, "doses": 10, "to": "maker"}), "to"),
            (&w.maker, json!({"lot": lot, "doses": 10, "to": "nobody"}), "to"),
            (&w.fra, json!({"lot": lot, "doses": 10, "to": "FRA"}), "to"),
            (&w.maker, json!({"lot": lot, "doses": 0, "to": "TCD"}), "doses"),
            (&w.maker, json!({"lot": lot, "doses": -5, "to": "TCD"}), "doses"),
        ] {
            let answer = w.post(token, "/api/v1/shipments", body.clone()).await;
            assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {}", text(&answer));
            assert_eq!(answer.problem()["errors"][0]["field"], field, "{body}: {}", text(&answer));
        }
        // A lot the caller cannot see, a viewer or an administrator: refused.
        let answer = w.post(&w.tcd, "/api/v1/shipments", json!({"lot": lot, "doses": 10, "to": "ETH"})).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{}", text(&answer));
        let answer = w.post(&w.viewer, "/api/v1/shipments", json!({"lot": lot, "doses": 10, "to": "TCD"})).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", text(&answer));
        let answer = w.post(&w.admin, "/api/v1/shipments", json!({"lot": lot, "doses": 10, "to": "TCD"})).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", text(&answer));

        // A shipment linked to a pledge: by its donor, to its recipient, only.
        let answer = w.post(&w.fra, "/api/v1/pledges", json!({"doses": 100, "by": "2021-12-31", "to": "TCD"})).await;
        assert_eq!(answer.status, StatusCode::CREATED, "{}", text(&answer));
        let pledge = id(&answer.json());
        for (token, body) in [
            (&w.maker, json!({"lot": lot, "doses": 10, "to": "TCD", "pledge": pledge})),
            (&w.fra, json!({"lot": lot, "doses": 10, "to": "ETH", "pledge": pledge})),
            (&w.fra, json!({"lot": lot, "doses": 10, "to": "TCD", "pledge": 999_999})),
        ] {
            let answer = w.post(token, "/api/v1/shipments", body.clone()).await;
            assert_eq!(refusal(&answer), (422, None, fields(&["pledge"])), "{body}: {}", text(&answer));
        }
        // None of the refusals planned a shipment or moved a dose.
        assert_eq!(w.ids(Some(&w.covax), "/api/v1/shipments").await, shipments);
        assert_eq!(w.journal(&w.maker, lot).await, journal);
        assert_eq!(w.balances(&w.maker, lot).await, balances([("maker/available", 800), ("FRA/available", 200)]));
        // A withdrawn pledge takes no more shipments.
        let linked = w.plan(&w.fra, json!({"lot": lot, "doses": 10, "to": "TCD", "pledge": pledge})).await;
        assert_eq!(linked["pledge"], pledge);
        let answer = w.post(&w.fra, &format!("/api/v1/pledges/{pledge}/withdraw"), json!(null)).await;
        assert_eq!(answer.status, StatusCode::OK, "{}", text(&answer));
        let answer = w.post(&w.fra, "/api/v1/shipments", json!({"lot": lot, "doses": 10, "to": "TCD", "pledge": pledge})).await;
        assert_eq!(refusal(&answer), (422, None, fields(&["pledge"])), "{}", text(&answer));

        // An idempotency key: the first answer again, and the doses reserved once.
        let keyed = || {
            let mut request = json_request("POST", "/api/v1/shipments", Some(&w.maker), json!({"lot": lot, "doses": 50, "to": "ETH"}));
            request.headers_mut().insert("idempotency-key", "ship-once".parse().unwrap());
            request
        };
        let first = send(&w.app, keyed()).await;
        assert_eq!(first.status, StatusCode::CREATED, "{}", text(&first));
        assert_eq!(first.header("idempotent-replayed"), None);
        let before = w.ids(Some(&w.covax), "/api/v1/shipments").await;
        for _ in 0..3 {
            let replay = send(&w.app, keyed()).await;
            assert_eq!(replay.status, StatusCode::CREATED, "{}", text(&replay));
            assert_eq!(replay.header("idempotent-replayed"), Some("true"));
            assert_eq!(replay.json(), first.json());
        }
        assert_eq!(w.ids(Some(&w.covax), "/api/v1/shipments").await, before);
        assert_eq!(w.balances(&w.maker, lot).await, balances([("maker/available", 750), ("maker/reserved", 50), ("FRA/available", 190), ("FRA/reserved", 10)]));
        let mut other = json_request("POST", "/api/v1/shipments", Some(&w.maker), json!({"lot": lot, "doses": 51, "to": "ETH"}));
        other.headers_mut().insert("idempotency-key", "ship-once".parse().unwrap());
        let other = send(&w.app, other).await;
        assert_eq!(other.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", text(&other));
        assert_eq!(other.problem()["errors"][0]["field"], "Idempotency-Key");
        assert_eq!(w.journal(&w.maker, lot).await.iter().filter(|kind| *kind == "reserve").count(), 4);
        verified(&store).await;
    }
}

/// Sends `action` on `shipment` eight times at once as `token`; returns the statuses counted,
/// after checking every 409 says `invalid_state`.
async fn race(w: &World, token: &str, shipment: i64, actions: &[&str]) -> BTreeMap<u16, usize> {
    let requests = actions
        .iter()
        .map(|action| {
            json_request(
                "POST",
                &format!("/api/v1/shipments/{shipment}/{action}"),
                Some(token),
                json!(null),
            )
        })
        .collect();
    let answers = all_at_once(&w.app, requests).await;
    let mut statuses: BTreeMap<u16, usize> = BTreeMap::new();
    for answer in &answers {
        *statuses.entry(answer.status.as_u16()).or_default() += 1;
        assert!(
            !answer.status.is_server_error(),
            "{}: {}",
            answer.status,
            text(answer)
        );
        if answer.status == StatusCode::CONFLICT {
            assert_eq!(
                answer.problem()["code"],
                "invalid_state",
                "{}",
                text(answer)
            );
        }
    }
    statuses
}

store_test! {
    async fn of_eight_concurrent_dispatches_or_confirmations_exactly_one_moves_the_doses(store: Store) {
        let w = World::new(store.clone()).await;
        let lot = w.lot("AB1234", 1_000).await;
        let shipment = id(&w.plan(&w.maker, json!({"lot": lot, "doses": 400, "to": "FRA"})).await);

        let statuses = race(&w, &w.maker, shipment, &["dispatch"; 8]).await;
        assert_eq!(statuses, BTreeMap::from([(200, 1), (409, 7)]));
        assert_eq!(w.balances(&w.maker, lot).await, balances([("maker/available", 600), ("FRA/in_transit", 400)]));
        assert_eq!(w.journal(&w.maker, lot).await, ["release", "reserve", "ship"]);
        let read = w.read(Some(&w.maker), &format!("/api/v1/shipments/{shipment}")).await;
        assert_eq!(read["state"], "in_transit");
        assert_eq!(read["movement_ids"].as_array().unwrap().len(), 2, "{read}");
        verified(&store).await;

        let statuses = race(&w, &w.fra, shipment, &["confirm"; 8]).await;
        assert_eq!(statuses, BTreeMap::from([(200, 1), (409, 7)]));
        assert_eq!(w.balances(&w.maker, lot).await, balances([("maker/available", 600), ("FRA/available", 400)]));
        assert_eq!(w.journal(&w.maker, lot).await, ["release", "reserve", "ship", "receive"]);
        let read = w.read(Some(&w.fra), &format!("/api/v1/shipments/{shipment}")).await;
        assert_eq!(read["state"], "delivered");
        assert_eq!(read["movement_ids"].as_array().unwrap().len(), 3, "{read}");
        // Each action has one event in the shipment's trail.
        let events = w.read(Some(&w.covax), &format!("/api/v1/audit?kind=shipment&id={shipment}")).await;
        assert_eq!(trail(&events), ["shipment.planned", "shipment.dispatched", "shipment.delivered"]);
        verified(&store).await;
    }
}

store_test! {
    async fn dispatches_and_cancellations_racing_on_one_shipment_let_one_win(store: Store) {
        let w = World::new(store.clone()).await;
        let lot = w.lot("AB1234", 1_000).await;
        let shipment = id(&w.plan(&w.maker, json!({"lot": lot, "doses": 400, "to": "FRA"})).await);
        let actions = ["dispatch", "cancel", "dispatch", "cancel", "dispatch", "cancel", "dispatch", "cancel"];
        let statuses = race(&w, &w.maker, shipment, &actions).await;
        assert_eq!(statuses, BTreeMap::from([(200, 1), (409, 7)]));
        let state = w.read(Some(&w.maker), &format!("/api/v1/shipments/{shipment}")).await["state"].clone();
        let (journal, expected) = if state == "in_transit" {
            (vec!["release", "reserve", "ship"], balances([("maker/available", 600), ("FRA/in_transit", 400)]))
        } else {
            assert_eq!(state, "cancelled");
            (vec!["release", "reserve", "unreserve"], balances([("maker/available", 1_000)]))
        };
        assert_eq!(w.journal(&w.maker, lot).await, journal);
        assert_eq!(w.balances(&w.maker, lot).await, expected);
        verified(&store).await;
    }
}

store_test! {
    async fn a_shipments_trail_names_each_step_its_actor_and_its_movement(store: Store) {
        let w = World::new(store.clone()).await;
        let lot = w.lot("AB1234", 1_000).await;
        let maker = user_id(&store, "maker@x.example").await;
        let eth = user_id(&store, "eth@x.example").await;
        let planned = w.plan(&w.maker, json!({"lot": lot, "doses": 250, "to": "ETH"})).await;
        let shipment = id(&planned);
        let dispatched = w.act(&w.maker, shipment, "dispatch").await;
        let delivered = w.act(&w.eth, shipment, "confirm").await;
        let (reserve, ship, receive) = (movement_id(&planned), movement_id(&dispatched), movement_id(&delivered));

        // The shipment's own trail: three steps, oldest first, by whom, with their movements.
        let uri = format!("/api/v1/audit?kind=shipment&id={shipment}");
        let events = w.read(Some(&w.covax), &uri).await;
        assert_eq!(trail(&events), ["shipment.planned", "shipment.dispatched", "shipment.delivered"], "{events}");
        let object = json!({"kind": "shipment", "id": shipment.to_string()});
        for event in events.as_array().unwrap() {
            assert_eq!(event["object"], object, "{event}");
            assert_eq!(event["at"], common::NOW, "{event}");
        }
        assert_eq!(events[0]["actor"], json!({"user": maker.0, "party": "maker"}));
        assert_eq!(events[1]["actor"], json!({"user": maker.0, "party": "maker"}));
        assert_eq!(events[2]["actor"], json!({"user": eth.0, "party": "ETH"}));
        assert_eq!(events[0]["detail"]["lot"], lot);
        assert_eq!(events[0]["detail"]["doses"], 250);
        assert_eq!(events[0]["detail"]["to"], "ETH");
        assert_eq!(events[0]["detail"]["movement"], reserve);
        assert_eq!(events[1]["detail"]["movement"], ship);
        assert_eq!(events[1]["detail"]["state"], "in_transit");
        assert_eq!(events[2]["detail"]["movement"], receive);
        assert_eq!(events[2]["detail"]["state"], "delivered");
        // Both sides read it; a party outside the shipment reads nothing of it.
        assert_eq!(w.read(Some(&w.maker), &uri).await, events);
        assert_eq!(w.read(Some(&w.eth), &uri).await, events);
        assert_eq!(w.read(Some(&w.viewer), &uri).await, events);
        assert_eq!(w.read(Some(&w.tcd), &uri).await, json!([]));
        assert_eq!(w.read(Some(&w.tcd), "/api/v1/audit?kind=shipment").await, json!([]));

        // The lot's trail holds the shipment's steps beside the movements they made.
        let lot_uri = format!("/api/v1/audit?kind=lot&id={lot}");
        let events = w.read(Some(&w.covax), &lot_uri).await;
        assert_eq!(
            trail(&events),
            ["lot.registered", "movement.recorded release", "movement.recorded reserve", "shipment.planned",
                "movement.recorded ship", "shipment.dispatched", "movement.recorded receive", "shipment.delivered"],
            "{events}"
        );
        let movement_events: Vec<(String, Value, Value)> = events
            .as_array()
            .unwrap()
            .iter()
            .filter(|event| event["action"] == "movement.recorded")
            .skip(1)
            .map(|event| (event["object"]["id"].as_str().unwrap().to_owned(), event["actor"].clone(), event["detail"]["doses"].clone()))
            .collect();
        assert_eq!(
            movement_events,
            [
                (reserve.to_string(), json!({"user": maker.0, "party": "maker"}), json!(250)),
                (ship.to_string(), json!({"user": maker.0, "party": "maker"}), json!(250)),
                (receive.to_string(), json!({"user": eth.0, "party": "ETH"}), json!(250)),
            ]
        );
        assert_eq!(events[4]["detail"]["to"], json!({"holder": "ETH", "state": "in_transit"}));
        assert_eq!(w.read(Some(&w.maker), &lot_uri).await, events);
        // The recipient sees, of the lot's trail, the shipment and the movements into its
        // accounts; another country, nothing.
        assert_eq!(
            trail(&w.read(Some(&w.eth), &lot_uri).await),
            ["shipment.planned", "movement.recorded ship", "shipment.dispatched", "movement.recorded receive", "shipment.delivered"]
        );
        assert_eq!(w.read(Some(&w.tcd), &lot_uri).await, json!([]));
        verified(&store).await;
    }
}

store_test! {
    async fn a_pledge_is_not_due_in_the_past_and_takes_no_more_than_it_promised(store: Store) {
        let world = World::new(store.clone()).await;
        let past = world
            .post(&world.fra, "/api/v1/pledges", json!({"doses": 100, "by": "2021-08-05", "to": "TCD"}))
            .await;
        assert_eq!(refusal(&past), (422, None, fields(&["by"])));
        let lot = world.lot("PLEDGED", 1_000).await;
        let to_fra = world.plan(&world.maker, json!({"lot": lot, "doses": 1_000, "to": "FRA"})).await;
        world.act(&world.maker, id(&to_fra), "dispatch").await;
        world.act(&world.fra, id(&to_fra), "confirm").await;
        let pledge = world
            .post(&world.fra, "/api/v1/pledges", json!({"doses": 300, "by": "2021-12-31", "to": "TCD"}))
            .await
            .json();
        let first = world.plan(&world.fra, json!({"lot": lot, "doses": 200, "to": "TCD", "pledge": id(&pledge)})).await;
        // 200 of 300 are planned: 101 more is one too many, 100 fits; a cancelled shipment
        // gives its doses back to the pledge.
        let over = world
            .post(&world.fra, "/api/v1/shipments", json!({"lot": lot, "doses": 101, "to": "TCD", "pledge": id(&pledge)}))
            .await;
        assert_eq!(refusal(&over), (422, None, fields(&["pledge"])));
        world.act(&world.fra, id(&first), "cancel").await;
        world.plan(&world.fra, json!({"lot": lot, "doses": 300, "to": "TCD", "pledge": id(&pledge)})).await;
        verified(&store).await;
    }
}
