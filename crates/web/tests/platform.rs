//! The platform's endpoints end to end, on both backends: sign-in, the ledger's flows,
//! authorization on every object, idempotency, races, CSRF and throttling.

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

/// Parties and one user per role of interest; returns the store, ready.
async fn install(store: &Store) {
    load_snapshot(store).await;
    let hash = app::secrets::hash_password(PASSWORD).unwrap();
    let hash = hash.as_str();
    let disabled = store
        .write(|tx| async move {
            for (code, kind) in [
                ("maker", PartyKind::Manufacturer),
                ("rival", PartyKind::Manufacturer),
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
            let mut disabled = None;
            for (email, party, role) in [
                ("admin@x.example", "operator", Role::Admin),
                ("maker@x.example", "maker", Role::Official),
                ("rival@x.example", "rival", Role::Official),
                ("covax@x.example", "covax", Role::Official),
                ("eth@x.example", "ETH", Role::Official),
                ("eth-viewer@x.example", "ETH", Role::Viewer),
                ("tcd@x.example", "TCD", Role::Official),
                ("fra@x.example", "FRA", Role::Official),
                ("spare@x.example", "ETH", Role::Official),
                ("disabled@x.example", "ETH", Role::Official),
            ] {
                let id = tx
                    .create_user(&store::accounts::NewUser {
                        email,
                        password_hash: hash,
                        party: &PartyCode::parse(party).unwrap(),
                        role,
                    })
                    .await?;
                if email == "disabled@x.example" {
                    disabled = Some(id);
                }
            }
            Ok::<_, StoreError>(disabled.unwrap())
        })
        .await
        .unwrap();
    // Its token is made first, then the user disabled: the token must stop working.
    store
        .write(|tx| async move {
            tx.create_api_token(
                &app::secrets::token_digest("eqd_disabled"),
                disabled,
                "old",
                common::now(),
                common::now().plus(chrono::Duration::days(90)),
            )
            .await
        })
        .await
        .unwrap();
    store
        .write(|tx| async move { tx.set_user_disabled(disabled, true).await })
        .await
        .unwrap();
}

/// The id of the user with this email.
async fn user_id(store: &Store, email: &str) -> UserId {
    store
        .read(|tx| async move { tx.user_by_email(email).await })
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("a user {email}"))
        .user
        .id
}

/// The lots in the store, whoever may see them.
async fn lot_count(store: &Store) -> usize {
    store
        .read(|tx| async move { tx.lots(None, None, 100).await })
        .await
        .unwrap()
        .len()
}

/// `request` with an `Idempotency-Key`.
fn with_key(mut request: Request<Body>, key: &str) -> Request<Body> {
    request
        .headers_mut()
        .insert("idempotency-key", key.parse().unwrap());
    request
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
    assert_eq!(
        answer.status,
        StatusCode::CREATED,
        "{}",
        String::from_utf8_lossy(&answer.body)
    );
    answer.json()["token"].as_str().unwrap().to_owned()
}

struct Tokens {
    admin: String,
    maker: String,
    rival: String,
    covax: String,
    eth: String,
    viewer: String,
    tcd: String,
}

async fn tokens(app: &Router) -> Tokens {
    Tokens {
        admin: token(app, "admin@x.example").await,
        maker: token(app, "maker@x.example").await,
        rival: token(app, "rival@x.example").await,
        covax: token(app, "covax@x.example").await,
        eth: token(app, "eth@x.example").await,
        viewer: token(app, "eth-viewer@x.example").await,
        tcd: token(app, "tcd@x.example").await,
    }
}

async fn product_and_lot(app: &Router, maker: &str, doses: i64) -> i64 {
    let product = json!({"code": "VAX1", "name": "Vaccine one", "doses_per_course": 2, "storage": "2-8C",
        "shelf_life_days": 180, "gtin": "09501101530003"});
    let answer = send(
        app,
        json_request("POST", "/api/v1/products", Some(maker), product),
    )
    .await;
    assert!(
        matches!(answer.status, StatusCode::CREATED | StatusCode::CONFLICT),
        "{:?}",
        answer.json()
    );
    let lot = json!({"gs1": "(01)09501101530003(17)220300(10)AB1234", "doses": doses});
    let answer = send(app, json_request("POST", "/api/v1/lots", Some(maker), lot)).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{:?}", answer.json());
    let body = answer.json();
    assert_eq!(
        body["expiry"], "2022-03-31",
        "day 00 is the month's last day"
    );
    assert_eq!(body["balances"][0]["doses"], doses);
    body["id"].as_i64().unwrap()
}

async fn move_doses(app: &Router, token: &str, body: Value) -> Answer {
    send(
        app,
        json_request("POST", "/api/v1/movements", Some(token), body),
    )
    .await
}

/// The balances of a page that are not zero, as `holder/state` and doses.
fn non_zero_balances(page: &Value) -> BTreeMap<String, i64> {
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

/// The kinds of a page of journal entries, in order.
fn kinds(journal: &Value) -> Vec<&str> {
    journal
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["kind"].as_str().unwrap())
        .collect()
}

async fn verified(store: &Store) {
    let report = store.verify().await.unwrap();
    assert!(
        report.violations.is_empty() && report.integrity_problems.is_empty(),
        "{report:?}"
    );
}

store_test! {
    async fn doses_travel_from_maker_to_arm_and_every_step_is_journalled(store: Store) {
        install(&store).await;
        let app = app(store.clone());
        let tokens = tokens(&app).await;
        let lot = product_and_lot(&app, &tokens.maker, 10_000).await;
        for (token, body) in [
            (&tokens.maker, json!({"kind": "reserve", "lot": lot, "doses": 6_000})),
            (&tokens.maker, json!({"kind": "ship", "lot": lot, "doses": 6_000, "to": "covax"})),
            (&tokens.covax, json!({"kind": "receive", "lot": lot, "doses": 6_000})),
            (&tokens.covax, json!({"kind": "reserve", "lot": lot, "doses": 2_500})),
            (&tokens.covax, json!({"kind": "ship", "lot": lot, "doses": 2_500, "to": "ETH"})),
            (&tokens.eth, json!({"kind": "receive", "lot": lot, "doses": 2_500})),
            (&tokens.eth, json!({"kind": "administer", "lot": lot, "doses": 2_000})),
            (&tokens.eth, json!({"kind": "waste", "lot": lot, "doses": 100, "reason": "freezer failure"})),
            (&tokens.covax, json!({"kind": "expire", "lot": lot, "doses": 500})),
        ] {
            let answer = move_doses(&app, token, body.clone()).await;
            assert_eq!(answer.status, StatusCode::CREATED, "{body}: {:?}", answer.json());
        }
        // The maker sees every holder's balances of its lot (for recalls), and its whole
        // journal.
        let answer = send(&app, get_request(&format!("/api/v1/balances?lot={lot}"), Some(&tokens.maker))).await;
        let balances = non_zero_balances(&answer.json());
        insta::assert_json_snapshot!("journey_balances", balances);
        let journal = send(&app, get_request(&format!("/api/v1/movements?lot={lot}"), Some(&tokens.maker))).await.json();
        assert_eq!(kinds(&journal), ["release", "reserve", "ship", "receive", "reserve", "ship", "receive", "administer", "waste", "expire"]);
        // So does an organization.
        let overseen = send(&app, get_request(&format!("/api/v1/balances?lot={lot}"), Some(&tokens.covax))).await;
        assert_eq!(non_zero_balances(&overseen.json()), balances);
        // A country that holds doses of it sees its own balances, and the entries into or
        // out of its own accounts only.
        let answer = send(&app, get_request(&format!("/api/v1/balances?lot={lot}"), Some(&tokens.eth))).await;
        let own: BTreeMap<String, i64> = balances.iter().filter(|(account, _)| account.starts_with("ETH/")).map(|(account, doses)| (account.clone(), *doses)).collect();
        assert_eq!(own.len(), 3, "{balances:?}");
        assert_eq!(non_zero_balances(&answer.json()), own);
        let journal = send(&app, get_request(&format!("/api/v1/movements?lot={lot}"), Some(&tokens.eth))).await.json();
        assert_eq!(kinds(&journal), ["ship", "receive", "administer", "waste"]);
        verified(&store).await;
    }
}

/// Operations the matrix leaves to other tests, each with the reason.
const WITHOUT_ROWS: &[(&str, &str)] = &[
    // Anyone, signed in or not, reads these: there is no one to refuse.
    ("GET", "/api/v1/health"),
    ("GET", "/api/v1/openapi.json"),
];

/// (method, path template) of every operation in the API document.
fn documented_operations() -> Vec<(String, String)> {
    let document = serde_json::to_value(web::openapi::document()).unwrap();
    let mut operations = Vec::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for method in ["get", "post", "put", "patch", "delete"] {
            if item.get(method).is_some() {
                operations.push((method.to_uppercase(), path.clone()));
            }
        }
    }
    operations
}

/// Whether `path` is an instance of `template` (`/api/v1/rounds/{id}` and `/api/v1/rounds/7`).
fn matches_template(template: &str, path: &str) -> bool {
    let (template, path): (Vec<&str>, Vec<&str>) =
        (template.split('/').collect(), path.split('/').collect());
    template.len() == path.len()
        && template.iter().zip(&path).all(|(expected, given)| {
            expected == given || (expected.starts_with('{') && !given.is_empty())
        })
}

store_test! {
    async fn what_is_outside_a_callers_reach_answers_404_and_roles_are_enforced(store: Store) {
        install(&store).await;
        let app = app(store.clone());
        let tokens = tokens(&app).await;
        let lot = product_and_lot(&app, &tokens.maker, 1_000).await;
        let lot_uri = format!("/api/v1/lots/{lot}");
        let balances_uri = format!("/api/v1/balances?lot={lot}");
        let journal_uri = format!("/api/v1/movements?lot={lot}");
        let reserve = json!({"kind": "reserve", "lot": lot, "doses": 1});
        let new_lot = json!({"product": "VAX1", "lot_number": "Z9", "expiry": "2030-01-31", "doses": 5});
        let new_party = json!({"kind": "organization", "code": "unicef", "name": "UNICEF"});
        let administer = json!({"kind": "administer", "lot": lot, "doses": 1});
        // Two more tokens of the maker's, to revoke; a user to disable and enable.
        let spare_token = |name: &str| json_request("POST", "/api/v1/tokens", Some(&tokens.maker), json!({"name": name}));
        let spare = send(&app, spare_token("spare")).await.json()["id"].as_i64().unwrap();
        let other_spare = send(&app, spare_token("other spare")).await.json()["id"].as_i64().unwrap();
        let spare_uri = format!("/api/v1/tokens/{spare}");
        let other_spare_uri = format!("/api/v1/tokens/{other_spare}");
        let spare_user = user_id(&store, "spare@x.example").await;
        let admin = user_id(&store, "admin@x.example").await;
        let disable_uri = format!("/api/v1/users/{spare_user}/disable");
        let enable_uri = format!("/api/v1/users/{spare_user}/enable");
        let disable_admin_uri = format!("/api/v1/users/{admin}/disable");
        let delete = |uri: &str, token: &str| json_request("DELETE", uri, Some(token), json!(null));
        let post = |uri: &str, token: &str| json_request("POST", uri, Some(token), json!(null));
        // The dose path: Ethiopia's request, the maker's pledge to Ethiopia, and two of the
        // maker's shipments to Ethiopia (one to carry through, one to cancel).
        let created = |uri: &str, token: &str, body: Value| {
            let request = json_request("POST", uri, Some(token), body);
            let app = app.clone();
            async move {
                let answer = send(&app, request).await;
                assert_eq!(answer.status, StatusCode::CREATED, "{}", String::from_utf8_lossy(&answer.body));
                answer.json()["id"].as_i64().unwrap()
            }
        };
        let new_request = json!({"doses": 1_000, "needed_by": "2021-09-30"});
        let request_id = created("/api/v1/requests", &tokens.eth, new_request.clone()).await;
        let new_pledge = json!({"doses": 100, "by": "2021-12-31", "to": "ETH"});
        let pledge_id = created("/api/v1/pledges", &tokens.maker, new_pledge.clone()).await;
        let new_shipment = json!({"lot": lot, "doses": 10, "to": "ETH"});
        let shipment = created("/api/v1/shipments", &tokens.maker, new_shipment.clone()).await;
        let to_cancel = created("/api/v1/shipments", &tokens.maker, new_shipment.clone()).await;
        let request_uri = format!("/api/v1/requests/{request_id}");
        let withdraw_request_uri = format!("{request_uri}/withdraw");
        let pledge_uri = format!("/api/v1/pledges/{pledge_id}");
        let withdraw_pledge_uri = format!("{pledge_uri}/withdraw");
        let shipment_uri = format!("/api/v1/shipments/{shipment}");
        let dispatch_uri = format!("{shipment_uri}/dispatch");
        let confirm_uri = format!("{shipment_uri}/confirm");
        let cancel_uri = format!("{shipment_uri}/cancel");
        let cancel_other_uri = format!("/api/v1/shipments/{to_cancel}/cancel");
        let dispatch_other_uri = format!("/api/v1/shipments/{to_cancel}/dispatch");
        let with_body = |uri: &str, token: Option<&str>, body: &Value| json_request("POST", uri, token, body.clone());
        let new_product = json!({"code": "VAX2", "name": "Vaccine two", "doses_per_course": 1, "storage": "2-8C", "shelf_life_days": 90});
        let new_user = json!({"email": "new@x.example", "password": PASSWORD, "party": "TCD", "role": "viewer"});
        // Rounds: the maker ships 100 doses to COVAX's pool; Ethiopia asks again; COVAX opens
        // a draft round for that request.
        let pool_lot = created("/api/v1/lots", &tokens.maker, json!({"gs1": "(01)09501101530003(17)220300(10)POOL1", "doses": 100})).await;
        let to_pool = created("/api/v1/shipments", &tokens.maker, json!({"lot": pool_lot, "doses": 100, "to": "covax"})).await;
        for (action, token) in [("dispatch", &tokens.maker), ("confirm", &tokens.covax)] {
            let answer = send(&app, post(&format!("/api/v1/shipments/{to_pool}/{action}"), token)).await;
            assert_eq!(answer.status, StatusCode::OK, "{action}: {}", String::from_utf8_lossy(&answer.body));
        }
        let round_request = created("/api/v1/requests", &tokens.eth, json!({"doses": 40, "needed_by": "2021-12-31"})).await;
        let new_round = json!({"date": "2021-08-06", "lots": [{"lot": pool_lot, "doses": 50}], "requests": [round_request]});
        let round = created("/api/v1/rounds", &tokens.covax, new_round.clone()).await;
        let another_round = json!({"date": "2021-08-06", "lots": [{"lot": pool_lot, "doses": 10}], "requests": []});
        let round_uri = format!("/api/v1/rounds/{round}");
        let round_input_uri = format!("{round_uri}/input");
        let round_certificate_uri = format!("{round_uri}/certificate");
        let round_answer_uri = format!("{round_uri}/answer");
        let compute_uri = format!("{round_uri}/compute");
        let publish_uri = format!("{round_uri}/publish");
        let close_uri = format!("{round_uri}/close");
        let responses_uri = format!("{round_uri}/responses");
        let accept = json!({"decision": "accept"});
        let change = json!({"date": "2021-08-07"});
        let patch = |token: Option<&str>| json_request("PATCH", &round_uri, token, change.clone());
        let proposal = json!({"lot": lot, "doses": 5, "organization": "covax"});
        let proposal_to_a_country = json!({"lot": lot, "doses": 5, "organization": "TCD"});
        let risk_of_covax = "/api/v1/expiry-risk?holder=covax";
        // Talking and agreeing: offers to Ethiopia (one to accept, one to decline, one to
        // withdraw), an agreement the maker proposes, a partnership and COVAX's meeting.
        let offer_body = json!({"product": "VAX1", "doses": 100, "available_from": "2021-08-15", "available_to": "2021-10-31", "to": "ETH"});
        let offer = created("/api/v1/offers", &tokens.maker, offer_body.clone()).await;
        let offer_to_decline = created("/api/v1/offers", &tokens.maker, offer_body.clone()).await;
        let offer_uri = format!("/api/v1/offers/{offer}");
        let accept_uri = format!("{offer_uri}/accept");
        let withdraw_offer_uri = format!("{offer_uri}/withdraw");
        let decline_offer_uri = format!("/api/v1/offers/{offer_to_decline}/decline");
        let agreement_body = json!({"kind": "supply", "supplier": "maker", "recipient": "ETH", "doses": 10, "product": "VAX1"});
        let agreement = created("/api/v1/agreements", &tokens.maker, agreement_body.clone()).await;
        let agreement_uri = format!("/api/v1/agreements/{agreement}");
        let sign_uri = format!("{agreement_uri}/sign");
        let cancel_agreement_uri = format!("{agreement_uri}/cancel");
        let capacity_body = json!({"product": "VAX1", "month": "2021-09", "doses": 5_000});
        let partnership_body = json!({"manufacturer": "maker", "partner": "ETH", "product": "VAX1", "site": "Addis Ababa", "kind": "fill_finish", "capacity_per_year": 1_000});
        let partnership = created("/api/v1/partnerships", &tokens.maker, partnership_body.clone()).await;
        let partnership_uri = format!("/api/v1/partnerships/{partnership}");
        let stage_uri = |action: &str| format!("{partnership_uri}/{action}");
        let meeting_body = json!({"title": "Forum on vaccine cooperation", "date": "2021-08-05", "parties": ["ETH", "maker"]});
        let meeting = created("/api/v1/meetings", &tokens.covax, meeting_body.clone()).await;
        let meeting_uri = format!("/api/v1/meetings/{meeting}");
        let outcomes_uri = format!("{meeting_uri}/outcomes");
        let outcome = json!({"kind": "pledge", "id": pledge_id});
        // Threads: Ethiopia and the maker talk about Ethiopia's request.
        let new_thread = json!({"subject": "Cold chain", "parties": ["maker"], "about": {"kind": "request", "id": request_id}});
        let thread = created("/api/v1/threads", &tokens.eth, new_thread.clone()).await;
        let thread_uri = format!("/api/v1/threads/{thread}");
        let messages_uri = format!("{thread_uri}/messages");
        let message = json!({"body": "Can you receive at 2-8 °C?"});
        // Webhooks: the maker's, read and deleted by the maker's party only.
        let new_webhook = json!({"url": "https://erp.maker.example/equidose", "events": ["shipment.dispatched"]});
        let webhook = created("/api/v1/webhooks", &tokens.maker, new_webhook.clone()).await;
        let to_delete = created("/api/v1/webhooks", &tokens.maker, new_webhook.clone()).await;
        let webhook_uri = format!("/api/v1/webhooks/{webhook}");
        let deliveries_uri = format!("{webhook_uri}/deliveries");
        let delete_webhook_uri = format!("/api/v1/webhooks/{to_delete}");
        // (caller, request, expected status): the matrix of who may do what.
        let cases: Vec<(&str, Option<&str>, Request<Body>, StatusCode)> = vec![
            // Who one is, and how one signs in.
            ("anonymous asks who they are", None, get_request("/api/v1/me", None), StatusCode::UNAUTHORIZED),
            ("an official asks who they are", Some(&tokens.maker), get_request("/api/v1/me", Some(&tokens.maker)), StatusCode::OK),
            ("a wrong password asks for a token", None, with_body("/api/v1/tokens", None, &json!({"email": "maker@x.example", "password": "not the password", "name": "x"})), StatusCode::UNAUTHORIZED),
            ("a wrong password signs in", None, with_body("/api/v1/session", None, &json!({"email": "tcd@x.example", "password": "not the password"})), StatusCode::UNAUTHORIZED),
            ("anonymous signs out", None, json_request("DELETE", "/api/v1/session", None, json!(null)), StatusCode::UNAUTHORIZED),
            // Parties, products and lots.
            ("anonymous lists parties", None, get_request("/api/v1/parties", None), StatusCode::OK),
            ("anonymous reads a party", None, get_request("/api/v1/parties/ETH", None), StatusCode::OK),
            ("anonymous lists products", None, get_request("/api/v1/products", None), StatusCode::OK),
            ("anonymous reads a product", None, get_request("/api/v1/products/VAX1", None), StatusCode::OK),
            ("anonymous creates a product", None, with_body("/api/v1/products", None, &new_product), StatusCode::UNAUTHORIZED),
            ("a country creates a product", Some(&tokens.eth), with_body("/api/v1/products", Some(&tokens.eth), &new_product), StatusCode::FORBIDDEN),
            ("the maker creates a product", Some(&tokens.maker), with_body("/api/v1/products", Some(&tokens.maker), &new_product), StatusCode::CREATED),
            ("anonymous lists lots", None, get_request("/api/v1/lots", None), StatusCode::UNAUTHORIZED),
            ("a country lists the lots it may see", Some(&tokens.tcd), get_request("/api/v1/lots", Some(&tokens.tcd)), StatusCode::OK),
            ("anonymous reads coverage", None, get_request("/api/v1/coverage", None), StatusCode::OK),
            ("anonymous reads notifications", None, get_request("/api/v1/notifications", None), StatusCode::UNAUTHORIZED),
            ("a user reads their notifications", Some(&tokens.eth), get_request("/api/v1/notifications?unread=true", Some(&tokens.eth)), StatusCode::OK),
            ("anonymous marks notifications read", None, with_body("/api/v1/notifications/read", None, &json!({"ids": [1]})), StatusCode::UNAUTHORIZED),
            ("a user marks someone else's notification read", Some(&tokens.tcd), with_body("/api/v1/notifications/read", Some(&tokens.tcd), &json!({"ids": [1]})), StatusCode::OK),
            ("anonymous reads coverage over time", None, get_request("/api/v1/coverage/series?from=2021-08-01&to=2021-08-06", None), StatusCode::OK),
            ("an official creates a user", Some(&tokens.maker), with_body("/api/v1/users", Some(&tokens.maker), &new_user), StatusCode::FORBIDDEN),
            ("the admin creates a user", Some(&tokens.admin), with_body("/api/v1/users", Some(&tokens.admin), &new_user), StatusCode::CREATED),
            ("anonymous reads a lot", None, get_request(&lot_uri, None), StatusCode::UNAUTHORIZED),
            ("a disabled user's token", None, get_request(&lot_uri, Some("eqd_disabled")), StatusCode::UNAUTHORIZED),
            ("a made-up token", None, get_request(&lot_uri, Some("eqd_nonsense")), StatusCode::UNAUTHORIZED),
            ("the maker reads its lot", Some(&tokens.maker), get_request(&lot_uri, Some(&tokens.maker)), StatusCode::OK),
            ("an organization oversees it", Some(&tokens.covax), get_request(&lot_uri, Some(&tokens.covax)), StatusCode::OK),
            ("another country reads it", Some(&tokens.tcd), get_request(&lot_uri, Some(&tokens.tcd)), StatusCode::NOT_FOUND),
            ("another maker reads it", Some(&tokens.rival), get_request(&lot_uri, Some(&tokens.rival)), StatusCode::NOT_FOUND),
            ("another country reads its journal", Some(&tokens.tcd), get_request(&journal_uri, Some(&tokens.tcd)), StatusCode::NOT_FOUND),
            ("a missing lot", Some(&tokens.covax), get_request("/api/v1/lots/999999", Some(&tokens.covax)), StatusCode::NOT_FOUND),
            ("another maker moves it", Some(&tokens.rival), json_request("POST", "/api/v1/movements", Some(&tokens.rival), reserve.clone()), StatusCode::NOT_FOUND),
            ("another country moves it", Some(&tokens.tcd), json_request("POST", "/api/v1/movements", Some(&tokens.tcd), reserve.clone()), StatusCode::NOT_FOUND),
            ("an admin moves doses", Some(&tokens.admin), json_request("POST", "/api/v1/movements", Some(&tokens.admin), reserve.clone()), StatusCode::FORBIDDEN),
            ("a viewer moves doses", Some(&tokens.viewer), json_request("POST", "/api/v1/movements", Some(&tokens.viewer), reserve.clone()), StatusCode::FORBIDDEN),
            ("a country registers a lot", Some(&tokens.eth), json_request("POST", "/api/v1/lots", Some(&tokens.eth), new_lot.clone()), StatusCode::FORBIDDEN),
            ("another maker registers a lot of it", Some(&tokens.rival), json_request("POST", "/api/v1/lots", Some(&tokens.rival), new_lot.clone()), StatusCode::UNPROCESSABLE_ENTITY),
            ("an official creates a party", Some(&tokens.maker), json_request("POST", "/api/v1/parties", Some(&tokens.maker), new_party.clone()), StatusCode::FORBIDDEN),
            ("the admin creates a party", Some(&tokens.admin), json_request("POST", "/api/v1/parties", Some(&tokens.admin), new_party.clone()), StatusCode::CREATED),
            ("the admin creates it again", Some(&tokens.admin), json_request("POST", "/api/v1/parties", Some(&tokens.admin), new_party.clone()), StatusCode::CONFLICT),
            ("a country reads balances it holds none of", Some(&tokens.tcd), get_request(&balances_uri, Some(&tokens.tcd)), StatusCode::OK),
            ("the maker moves it", Some(&tokens.maker), json_request("POST", "/api/v1/movements", Some(&tokens.maker), reserve.clone()), StatusCode::CREATED),
            ("a manufacturer administers doses", Some(&tokens.maker), json_request("POST", "/api/v1/movements", Some(&tokens.maker), administer.clone()), StatusCode::FORBIDDEN),
            ("an organization administers doses", Some(&tokens.covax), json_request("POST", "/api/v1/movements", Some(&tokens.covax), administer.clone()), StatusCode::FORBIDDEN),
            ("anonymous reads the audit trail", None, get_request("/api/v1/audit", None), StatusCode::UNAUTHORIZED),
            ("a country reads the audit trail", Some(&tokens.tcd), get_request("/api/v1/audit", Some(&tokens.tcd)), StatusCode::OK),
            ("a viewer reads the audit trail", Some(&tokens.viewer), get_request("/api/v1/audit", Some(&tokens.viewer)), StatusCode::OK),
            ("anonymous lists tokens", None, get_request("/api/v1/tokens", None), StatusCode::UNAUTHORIZED),
            ("an official lists its tokens", Some(&tokens.maker), get_request("/api/v1/tokens", Some(&tokens.maker)), StatusCode::OK),
            ("anonymous revokes a token", None, json_request("DELETE", &spare_uri, None, json!(null)), StatusCode::UNAUTHORIZED),
            ("another user revokes the maker's token", Some(&tokens.tcd), delete(&spare_uri, &tokens.tcd), StatusCode::NOT_FOUND),
            ("a missing token is revoked", Some(&tokens.maker), delete("/api/v1/tokens/999999", &tokens.maker), StatusCode::NOT_FOUND),
            ("the maker revokes its token", Some(&tokens.maker), delete(&spare_uri, &tokens.maker), StatusCode::OK),
            ("the admin revokes the maker's token", Some(&tokens.admin), delete(&other_spare_uri, &tokens.admin), StatusCode::OK),
            ("anonymous disables a user", None, json_request("POST", &disable_uri, None, json!(null)), StatusCode::UNAUTHORIZED),
            ("an official disables a user", Some(&tokens.eth), post(&disable_uri, &tokens.eth), StatusCode::FORBIDDEN),
            ("the admin disables a user", Some(&tokens.admin), post(&disable_uri, &tokens.admin), StatusCode::OK),
            ("an official enables a user", Some(&tokens.eth), post(&enable_uri, &tokens.eth), StatusCode::FORBIDDEN),
            ("the admin enables a user", Some(&tokens.admin), post(&enable_uri, &tokens.admin), StatusCode::OK),
            ("the admin disables a missing user", Some(&tokens.admin), post("/api/v1/users/999999/disable", &tokens.admin), StatusCode::NOT_FOUND),
            ("the admin disables themself", Some(&tokens.admin), post(&disable_admin_uri, &tokens.admin), StatusCode::CONFLICT),
            // Requests: a country's officials ask; the country and organizations read.
            ("anonymous creates a request", None, with_body("/api/v1/requests", None, &new_request), StatusCode::UNAUTHORIZED),
            ("a manufacturer creates a request", Some(&tokens.maker), with_body("/api/v1/requests", Some(&tokens.maker), &new_request), StatusCode::FORBIDDEN),
            ("an organization creates a request", Some(&tokens.covax), with_body("/api/v1/requests", Some(&tokens.covax), &new_request), StatusCode::FORBIDDEN),
            ("a viewer creates a request", Some(&tokens.viewer), with_body("/api/v1/requests", Some(&tokens.viewer), &new_request), StatusCode::FORBIDDEN),
            ("the admin creates a request", Some(&tokens.admin), with_body("/api/v1/requests", Some(&tokens.admin), &new_request), StatusCode::FORBIDDEN),
            ("a country creates a request", Some(&tokens.tcd), with_body("/api/v1/requests", Some(&tokens.tcd), &new_request), StatusCode::CREATED),
            ("anonymous lists requests", None, get_request("/api/v1/requests", None), StatusCode::UNAUTHORIZED),
            ("a country lists requests", Some(&tokens.tcd), get_request("/api/v1/requests", Some(&tokens.tcd)), StatusCode::OK),
            ("a manufacturer lists requests", Some(&tokens.maker), get_request("/api/v1/requests", Some(&tokens.maker)), StatusCode::OK),
            ("anonymous reads a request", None, get_request(&request_uri, None), StatusCode::UNAUTHORIZED),
            ("the country reads its request", Some(&tokens.eth), get_request(&request_uri, Some(&tokens.eth)), StatusCode::OK),
            ("the country's viewer reads the request", Some(&tokens.viewer), get_request(&request_uri, Some(&tokens.viewer)), StatusCode::OK),
            ("an organization reads the request", Some(&tokens.covax), get_request(&request_uri, Some(&tokens.covax)), StatusCode::OK),
            ("the admin reads the request", Some(&tokens.admin), get_request(&request_uri, Some(&tokens.admin)), StatusCode::OK),
            ("another country reads the request", Some(&tokens.tcd), get_request(&request_uri, Some(&tokens.tcd)), StatusCode::NOT_FOUND),
            ("a manufacturer reads the request", Some(&tokens.maker), get_request(&request_uri, Some(&tokens.maker)), StatusCode::NOT_FOUND),
            ("a missing request", Some(&tokens.covax), get_request("/api/v1/requests/999999", Some(&tokens.covax)), StatusCode::NOT_FOUND),
            ("anonymous withdraws a request", None, json_request("POST", &withdraw_request_uri, None, json!(null)), StatusCode::UNAUTHORIZED),
            ("another country withdraws the request", Some(&tokens.tcd), post(&withdraw_request_uri, &tokens.tcd), StatusCode::NOT_FOUND),
            ("a manufacturer withdraws the request", Some(&tokens.maker), post(&withdraw_request_uri, &tokens.maker), StatusCode::NOT_FOUND),
            ("an organization withdraws the request", Some(&tokens.covax), post(&withdraw_request_uri, &tokens.covax), StatusCode::FORBIDDEN),
            ("the admin withdraws the request", Some(&tokens.admin), post(&withdraw_request_uri, &tokens.admin), StatusCode::FORBIDDEN),
            ("the country's viewer withdraws the request", Some(&tokens.viewer), post(&withdraw_request_uri, &tokens.viewer), StatusCode::FORBIDDEN),
            ("the country withdraws the request", Some(&tokens.eth), post(&withdraw_request_uri, &tokens.eth), StatusCode::OK),
            ("the country withdraws the request again", Some(&tokens.eth), post(&withdraw_request_uri, &tokens.eth), StatusCode::CONFLICT),
            // Pledges: any party's official pledges; everyone reads; the donor withdraws.
            ("anonymous pledges", None, with_body("/api/v1/pledges", None, &new_pledge), StatusCode::UNAUTHORIZED),
            ("a viewer pledges", Some(&tokens.viewer), with_body("/api/v1/pledges", Some(&tokens.viewer), &json!({"doses": 10, "by": "2021-12-31", "to": "TCD"})), StatusCode::FORBIDDEN),
            ("the admin pledges", Some(&tokens.admin), with_body("/api/v1/pledges", Some(&tokens.admin), &new_pledge), StatusCode::FORBIDDEN),
            ("a country pledges", Some(&tokens.tcd), with_body("/api/v1/pledges", Some(&tokens.tcd), &new_pledge), StatusCode::CREATED),
            ("an organization pledges", Some(&tokens.covax), with_body("/api/v1/pledges", Some(&tokens.covax), &new_pledge), StatusCode::CREATED),
            ("another maker pledges", Some(&tokens.rival), with_body("/api/v1/pledges", Some(&tokens.rival), &new_pledge), StatusCode::CREATED),
            ("anonymous lists pledges", None, get_request("/api/v1/pledges", None), StatusCode::OK),
            ("anonymous reads a pledge", None, get_request(&pledge_uri, None), StatusCode::OK),
            ("another country reads a pledge", Some(&tokens.tcd), get_request(&pledge_uri, Some(&tokens.tcd)), StatusCode::OK),
            ("a missing pledge", None, get_request("/api/v1/pledges/999999", None), StatusCode::NOT_FOUND),
            ("anonymous reads pledge fulfilment", None, get_request("/api/v1/pledge-fulfilment", None), StatusCode::OK),
            ("anonymous withdraws a pledge", None, json_request("POST", &withdraw_pledge_uri, None, json!(null)), StatusCode::UNAUTHORIZED),
            ("the recipient withdraws a pledge", Some(&tokens.eth), post(&withdraw_pledge_uri, &tokens.eth), StatusCode::FORBIDDEN),
            ("another maker withdraws the pledge", Some(&tokens.rival), post(&withdraw_pledge_uri, &tokens.rival), StatusCode::FORBIDDEN),
            ("an organization withdraws the pledge", Some(&tokens.covax), post(&withdraw_pledge_uri, &tokens.covax), StatusCode::FORBIDDEN),
            ("the admin withdraws the pledge", Some(&tokens.admin), post(&withdraw_pledge_uri, &tokens.admin), StatusCode::FORBIDDEN),
            ("the donor withdraws the pledge", Some(&tokens.maker), post(&withdraw_pledge_uri, &tokens.maker), StatusCode::OK),
            ("the donor withdraws the pledge again", Some(&tokens.maker), post(&withdraw_pledge_uri, &tokens.maker), StatusCode::CONFLICT),
            ("a missing pledge is withdrawn", Some(&tokens.maker), post("/api/v1/pledges/999999/withdraw", &tokens.maker), StatusCode::NOT_FOUND),
            // Shipments: the holder's official plans, dispatches and cancels; the recipient's
            // confirms; the two parties and organizations read.
            ("anonymous plans a shipment", None, with_body("/api/v1/shipments", None, &new_shipment), StatusCode::UNAUTHORIZED),
            ("a viewer plans a shipment", Some(&tokens.viewer), with_body("/api/v1/shipments", Some(&tokens.viewer), &new_shipment), StatusCode::FORBIDDEN),
            ("the admin plans a shipment", Some(&tokens.admin), with_body("/api/v1/shipments", Some(&tokens.admin), &new_shipment), StatusCode::FORBIDDEN),
            ("another maker ships the lot", Some(&tokens.rival), with_body("/api/v1/shipments", Some(&tokens.rival), &new_shipment), StatusCode::NOT_FOUND),
            ("another country ships the lot", Some(&tokens.tcd), with_body("/api/v1/shipments", Some(&tokens.tcd), &new_shipment), StatusCode::NOT_FOUND),
            ("an organization ships doses it does not hold", Some(&tokens.covax), with_body("/api/v1/shipments", Some(&tokens.covax), &new_shipment), StatusCode::CONFLICT),
            ("the maker plans a shipment", Some(&tokens.maker), with_body("/api/v1/shipments", Some(&tokens.maker), &new_shipment), StatusCode::CREATED),
            ("anonymous lists shipments", None, get_request("/api/v1/shipments", None), StatusCode::UNAUTHORIZED),
            ("a country lists shipments", Some(&tokens.tcd), get_request("/api/v1/shipments", Some(&tokens.tcd)), StatusCode::OK),
            ("anonymous reads a shipment", None, get_request(&shipment_uri, None), StatusCode::UNAUTHORIZED),
            ("the holder reads its shipment", Some(&tokens.maker), get_request(&shipment_uri, Some(&tokens.maker)), StatusCode::OK),
            ("the recipient reads it", Some(&tokens.eth), get_request(&shipment_uri, Some(&tokens.eth)), StatusCode::OK),
            ("the recipient's viewer reads it", Some(&tokens.viewer), get_request(&shipment_uri, Some(&tokens.viewer)), StatusCode::OK),
            ("an organization reads the shipment", Some(&tokens.covax), get_request(&shipment_uri, Some(&tokens.covax)), StatusCode::OK),
            ("the admin reads the shipment", Some(&tokens.admin), get_request(&shipment_uri, Some(&tokens.admin)), StatusCode::OK),
            ("another country reads the shipment", Some(&tokens.tcd), get_request(&shipment_uri, Some(&tokens.tcd)), StatusCode::NOT_FOUND),
            ("another maker reads the shipment", Some(&tokens.rival), get_request(&shipment_uri, Some(&tokens.rival)), StatusCode::NOT_FOUND),
            ("a missing shipment", Some(&tokens.covax), get_request("/api/v1/shipments/999999", Some(&tokens.covax)), StatusCode::NOT_FOUND),
            ("anonymous dispatches a shipment", None, json_request("POST", &dispatch_uri, None, json!(null)), StatusCode::UNAUTHORIZED),
            ("the recipient dispatches it", Some(&tokens.eth), post(&dispatch_uri, &tokens.eth), StatusCode::FORBIDDEN),
            ("an organization dispatches it", Some(&tokens.covax), post(&dispatch_uri, &tokens.covax), StatusCode::FORBIDDEN),
            ("the admin dispatches it", Some(&tokens.admin), post(&dispatch_uri, &tokens.admin), StatusCode::FORBIDDEN),
            ("another country dispatches it", Some(&tokens.tcd), post(&dispatch_uri, &tokens.tcd), StatusCode::NOT_FOUND),
            ("another maker dispatches it", Some(&tokens.rival), post(&dispatch_uri, &tokens.rival), StatusCode::NOT_FOUND),
            ("a missing shipment is dispatched", Some(&tokens.maker), post("/api/v1/shipments/999999/dispatch", &tokens.maker), StatusCode::NOT_FOUND),
            ("the recipient confirms it before dispatch", Some(&tokens.eth), post(&confirm_uri, &tokens.eth), StatusCode::CONFLICT),
            ("anonymous cancels a shipment", None, json_request("POST", &cancel_other_uri, None, json!(null)), StatusCode::UNAUTHORIZED),
            ("the recipient cancels it", Some(&tokens.eth), post(&cancel_other_uri, &tokens.eth), StatusCode::FORBIDDEN),
            ("an organization cancels it", Some(&tokens.covax), post(&cancel_other_uri, &tokens.covax), StatusCode::FORBIDDEN),
            ("another country cancels it", Some(&tokens.tcd), post(&cancel_other_uri, &tokens.tcd), StatusCode::NOT_FOUND),
            ("the holder cancels it", Some(&tokens.maker), post(&cancel_other_uri, &tokens.maker), StatusCode::OK),
            ("the holder cancels it again", Some(&tokens.maker), post(&cancel_other_uri, &tokens.maker), StatusCode::CONFLICT),
            ("the holder dispatches a cancelled shipment", Some(&tokens.maker), post(&dispatch_other_uri, &tokens.maker), StatusCode::CONFLICT),
            ("the holder dispatches its shipment", Some(&tokens.maker), post(&dispatch_uri, &tokens.maker), StatusCode::OK),
            ("the holder dispatches it again", Some(&tokens.maker), post(&dispatch_uri, &tokens.maker), StatusCode::CONFLICT),
            ("the holder cancels it in transit", Some(&tokens.maker), post(&cancel_uri, &tokens.maker), StatusCode::CONFLICT),
            ("anonymous confirms a shipment", None, json_request("POST", &confirm_uri, None, json!(null)), StatusCode::UNAUTHORIZED),
            ("the holder confirms it", Some(&tokens.maker), post(&confirm_uri, &tokens.maker), StatusCode::FORBIDDEN),
            ("an organization confirms it", Some(&tokens.covax), post(&confirm_uri, &tokens.covax), StatusCode::FORBIDDEN),
            ("the recipient's viewer confirms it", Some(&tokens.viewer), post(&confirm_uri, &tokens.viewer), StatusCode::FORBIDDEN),
            ("another country confirms it", Some(&tokens.tcd), post(&confirm_uri, &tokens.tcd), StatusCode::NOT_FOUND),
            ("another maker confirms it", Some(&tokens.rival), post(&confirm_uri, &tokens.rival), StatusCode::NOT_FOUND),
            ("the recipient confirms it", Some(&tokens.eth), post(&confirm_uri, &tokens.eth), StatusCode::OK),
            ("the recipient confirms it again", Some(&tokens.eth), post(&confirm_uri, &tokens.eth), StatusCode::CONFLICT),
            // Rounds: organizations' officials open and run them; a draft is read by its
            // organization and the parties in its pool or requests, a published round by
            // anyone; a share is answered by its country's officials, once.
            ("anonymous opens a round", None, with_body("/api/v1/rounds", None, &another_round), StatusCode::UNAUTHORIZED),
            ("a country opens a round", Some(&tokens.tcd), with_body("/api/v1/rounds", Some(&tokens.tcd), &another_round), StatusCode::FORBIDDEN),
            ("a manufacturer opens a round", Some(&tokens.maker), with_body("/api/v1/rounds", Some(&tokens.maker), &another_round), StatusCode::FORBIDDEN),
            ("the admin opens a round", Some(&tokens.admin), with_body("/api/v1/rounds", Some(&tokens.admin), &another_round), StatusCode::FORBIDDEN),
            ("an organization opens a round", Some(&tokens.covax), with_body("/api/v1/rounds", Some(&tokens.covax), &another_round), StatusCode::CREATED),
            ("anonymous reads a draft", None, get_request(&round_uri, None), StatusCode::NOT_FOUND),
            ("another country reads the draft", Some(&tokens.tcd), get_request(&round_uri, Some(&tokens.tcd)), StatusCode::NOT_FOUND),
            ("the admin reads another organization's draft", Some(&tokens.admin), get_request(&round_uri, Some(&tokens.admin)), StatusCode::NOT_FOUND),
            ("the maker, outside its pool, reads the draft", Some(&tokens.maker), get_request(&round_uri, Some(&tokens.maker)), StatusCode::NOT_FOUND),
            ("the requesting country reads the draft", Some(&tokens.eth), get_request(&round_uri, Some(&tokens.eth)), StatusCode::OK),
            ("the organization reads its draft", Some(&tokens.covax), get_request(&round_uri, Some(&tokens.covax)), StatusCode::OK),
            ("a missing round", Some(&tokens.covax), get_request("/api/v1/rounds/999999", Some(&tokens.covax)), StatusCode::NOT_FOUND),
            ("anonymous changes the draft", None, patch(None), StatusCode::UNAUTHORIZED),
            ("another country changes the draft", Some(&tokens.tcd), patch(Some(&tokens.tcd)), StatusCode::NOT_FOUND),
            ("the requesting country changes the draft", Some(&tokens.eth), patch(Some(&tokens.eth)), StatusCode::FORBIDDEN),
            ("the organization changes its draft", Some(&tokens.covax), patch(Some(&tokens.covax)), StatusCode::OK),
            ("anonymous computes the draft", None, json_request("POST", &compute_uri, None, json!(null)), StatusCode::UNAUTHORIZED),
            ("the requesting country computes it", Some(&tokens.eth), post(&compute_uri, &tokens.eth), StatusCode::FORBIDDEN),
            ("the organization publishes it uncomputed", Some(&tokens.covax), post(&publish_uri, &tokens.covax), StatusCode::CONFLICT),
            ("the organization reads the certificate of its uncomputed draft", Some(&tokens.covax), get_request(&round_certificate_uri, Some(&tokens.covax)), StatusCode::NOT_FOUND),
            ("the organization computes it", Some(&tokens.covax), post(&compute_uri, &tokens.covax), StatusCode::OK),
            ("anonymous reads the draft's input", None, get_request(&round_input_uri, None), StatusCode::NOT_FOUND),
            ("the requesting country reads the input", Some(&tokens.eth), get_request(&round_input_uri, Some(&tokens.eth)), StatusCode::OK),
            ("anonymous reads the draft's certificate", None, get_request(&round_certificate_uri, None), StatusCode::NOT_FOUND),
            ("anonymous reads the draft's answer", None, get_request(&round_answer_uri, None), StatusCode::NOT_FOUND),
            ("the requesting country reads the answer", Some(&tokens.eth), get_request(&round_answer_uri, Some(&tokens.eth)), StatusCode::OK),
            ("the requesting country reads the certificate", Some(&tokens.eth), get_request(&round_certificate_uri, Some(&tokens.eth)), StatusCode::OK),
            ("the requesting country answers a draft", Some(&tokens.eth), with_body(&responses_uri, Some(&tokens.eth), &accept), StatusCode::CONFLICT),
            ("anonymous publishes it", None, json_request("POST", &publish_uri, None, json!(null)), StatusCode::UNAUTHORIZED),
            ("the requesting country publishes it", Some(&tokens.eth), post(&publish_uri, &tokens.eth), StatusCode::FORBIDDEN),
            ("the organization closes a draft", Some(&tokens.covax), post(&close_uri, &tokens.covax), StatusCode::CONFLICT),
            ("the organization publishes it", Some(&tokens.covax), post(&publish_uri, &tokens.covax), StatusCode::OK),
            ("the organization publishes it again", Some(&tokens.covax), post(&publish_uri, &tokens.covax), StatusCode::CONFLICT),
            ("the organization changes it published", Some(&tokens.covax), patch(Some(&tokens.covax)), StatusCode::CONFLICT),
            ("the organization computes it published", Some(&tokens.covax), post(&compute_uri, &tokens.covax), StatusCode::CONFLICT),
            ("anonymous reads the published round", None, get_request(&round_uri, None), StatusCode::OK),
            ("anonymous reads its input", None, get_request(&round_input_uri, None), StatusCode::OK),
            ("anonymous reads its certificate", None, get_request(&round_certificate_uri, None), StatusCode::OK),
            ("anonymous reads its answer", None, get_request(&round_answer_uri, None), StatusCode::OK),
            ("anonymous answers a share", None, with_body(&responses_uri, None, &accept), StatusCode::UNAUTHORIZED),
            ("a country without a share answers", Some(&tokens.tcd), with_body(&responses_uri, Some(&tokens.tcd), &accept), StatusCode::NOT_FOUND),
            ("the organization answers for the country", Some(&tokens.covax), with_body(&responses_uri, Some(&tokens.covax), &accept), StatusCode::NOT_FOUND),
            ("the country's viewer answers", Some(&tokens.viewer), with_body(&responses_uri, Some(&tokens.viewer), &accept), StatusCode::FORBIDDEN),
            ("the country accepts its share", Some(&tokens.eth), with_body(&responses_uri, Some(&tokens.eth), &accept), StatusCode::CREATED),
            ("the country answers again", Some(&tokens.eth), with_body(&responses_uri, Some(&tokens.eth), &accept), StatusCode::CONFLICT),
            ("anonymous closes the round", None, json_request("POST", &close_uri, None, json!(null)), StatusCode::UNAUTHORIZED),
            ("the country closes the round", Some(&tokens.eth), post(&close_uri, &tokens.eth), StatusCode::FORBIDDEN),
            ("another organization closes it", Some(&tokens.admin), post(&close_uri, &tokens.admin), StatusCode::FORBIDDEN),
            ("the organization closes it", Some(&tokens.covax), post(&close_uri, &tokens.covax), StatusCode::OK),
            ("the organization closes it again", Some(&tokens.covax), post(&close_uri, &tokens.covax), StatusCode::CONFLICT),
            // Expiry risk: a holder reads its own, organizations anyone's; a holder's
            // official proposes its own doses to an organization.
            ("anonymous reads expiry risk", None, get_request("/api/v1/expiry-risk", None), StatusCode::UNAUTHORIZED),
            ("a country reads its expiry risk", Some(&tokens.eth), get_request("/api/v1/expiry-risk", Some(&tokens.eth)), StatusCode::OK),
            ("a country reads another holder's", Some(&tokens.eth), get_request(risk_of_covax, Some(&tokens.eth)), StatusCode::FORBIDDEN),
            ("an organization reads another holder's", Some(&tokens.covax), get_request(risk_of_covax, Some(&tokens.covax)), StatusCode::OK),
            ("anonymous proposes doses", None, with_body("/api/v1/expiry-risk/propose", None, &proposal), StatusCode::UNAUTHORIZED),
            ("a viewer proposes doses", Some(&tokens.viewer), with_body("/api/v1/expiry-risk/propose", Some(&tokens.viewer), &proposal), StatusCode::FORBIDDEN),
            ("a country proposes doses it does not hold", Some(&tokens.tcd), with_body("/api/v1/expiry-risk/propose", Some(&tokens.tcd), &proposal), StatusCode::UNPROCESSABLE_ENTITY),
            ("the maker proposes doses to a country", Some(&tokens.maker), with_body("/api/v1/expiry-risk/propose", Some(&tokens.maker), &proposal_to_a_country), StatusCode::UNPROCESSABLE_ENTITY),
            ("the maker proposes its doses to covax", Some(&tokens.maker), with_body("/api/v1/expiry-risk/propose", Some(&tokens.maker), &proposal), StatusCode::CREATED),
            // Capacity (public), offers (the maker, the party offered to, organizations).
            ("anonymous reads capacity", None, get_request("/api/v1/capacity", None), StatusCode::OK),
            ("anonymous states capacity", None, with_body("/api/v1/capacity", None, &capacity_body), StatusCode::UNAUTHORIZED),
            ("a country states capacity", Some(&tokens.eth), with_body("/api/v1/capacity", Some(&tokens.eth), &capacity_body), StatusCode::FORBIDDEN),
            ("a rival states the maker's capacity", Some(&tokens.rival), with_body("/api/v1/capacity", Some(&tokens.rival), &capacity_body), StatusCode::UNPROCESSABLE_ENTITY),
            ("the maker states its capacity", Some(&tokens.maker), with_body("/api/v1/capacity", Some(&tokens.maker), &capacity_body), StatusCode::CREATED),
            ("anonymous lists offers", None, get_request("/api/v1/offers", None), StatusCode::UNAUTHORIZED),
            ("a country lists the offers it may see", Some(&tokens.tcd), get_request("/api/v1/offers", Some(&tokens.tcd)), StatusCode::OK),
            ("anonymous offers doses", None, with_body("/api/v1/offers", None, &offer_body), StatusCode::UNAUTHORIZED),
            ("a country offers doses", Some(&tokens.eth), with_body("/api/v1/offers", Some(&tokens.eth), &offer_body), StatusCode::FORBIDDEN),
            ("the maker's offer to Ethiopia", Some(&tokens.maker), with_body("/api/v1/offers", Some(&tokens.maker), &offer_body), StatusCode::CREATED),
            ("anonymous reads an offer", None, get_request(&offer_uri, None), StatusCode::UNAUTHORIZED),
            ("another country reads the offer to Ethiopia", Some(&tokens.tcd), get_request(&offer_uri, Some(&tokens.tcd)), StatusCode::NOT_FOUND),
            ("a rival maker reads it", Some(&tokens.rival), get_request(&offer_uri, Some(&tokens.rival)), StatusCode::NOT_FOUND),
            ("Ethiopia reads its offer", Some(&tokens.eth), get_request(&offer_uri, Some(&tokens.eth)), StatusCode::OK),
            ("a missing offer", Some(&tokens.covax), get_request("/api/v1/offers/999999", Some(&tokens.covax)), StatusCode::NOT_FOUND),
            ("another country accepts it", Some(&tokens.tcd), with_body(&accept_uri, Some(&tokens.tcd), &json!({"doses": 10})), StatusCode::NOT_FOUND),
            ("an organization accepts an offer to Ethiopia", Some(&tokens.covax), with_body(&accept_uri, Some(&tokens.covax), &json!({"doses": 10})), StatusCode::FORBIDDEN),
            ("Ethiopia's viewer accepts it", Some(&tokens.viewer), with_body(&accept_uri, Some(&tokens.viewer), &json!({"doses": 10})), StatusCode::FORBIDDEN),
            ("Ethiopia accepts part of it", Some(&tokens.eth), with_body(&accept_uri, Some(&tokens.eth), &json!({"doses": 10})), StatusCode::CREATED),
            ("the maker declines its own offer", Some(&tokens.maker), post(&decline_offer_uri, &tokens.maker), StatusCode::FORBIDDEN),
            ("Ethiopia declines the other offer", Some(&tokens.eth), post(&decline_offer_uri, &tokens.eth), StatusCode::OK),
            ("another country withdraws the offer", Some(&tokens.tcd), post(&withdraw_offer_uri, &tokens.tcd), StatusCode::NOT_FOUND),
            ("Ethiopia withdraws the maker's offer", Some(&tokens.eth), post(&withdraw_offer_uri, &tokens.eth), StatusCode::FORBIDDEN),
            ("the maker withdraws its offer", Some(&tokens.maker), post(&withdraw_offer_uri, &tokens.maker), StatusCode::OK),
            ("the maker withdraws it again", Some(&tokens.maker), post(&withdraw_offer_uri, &tokens.maker), StatusCode::CONFLICT),
            // Agreements: the two parties and organizations.
            ("anonymous lists agreements", None, get_request("/api/v1/agreements", None), StatusCode::UNAUTHORIZED),
            ("a country lists its agreements", Some(&tokens.tcd), get_request("/api/v1/agreements", Some(&tokens.tcd)), StatusCode::OK),
            ("anonymous proposes an agreement", None, with_body("/api/v1/agreements", None, &agreement_body), StatusCode::UNAUTHORIZED),
            ("another country proposes one for the maker and Ethiopia", Some(&tokens.tcd), with_body("/api/v1/agreements", Some(&tokens.tcd), &agreement_body), StatusCode::FORBIDDEN),
            ("Ethiopia's viewer proposes one", Some(&tokens.viewer), with_body("/api/v1/agreements", Some(&tokens.viewer), &agreement_body), StatusCode::FORBIDDEN),
            ("the maker proposes another", Some(&tokens.maker), with_body("/api/v1/agreements", Some(&tokens.maker), &agreement_body), StatusCode::CREATED),
            ("another country reads the agreement", Some(&tokens.tcd), get_request(&agreement_uri, Some(&tokens.tcd)), StatusCode::NOT_FOUND),
            ("an organization oversees it", Some(&tokens.covax), get_request(&agreement_uri, Some(&tokens.covax)), StatusCode::OK),
            ("the maker signs its own proposal", Some(&tokens.maker), post(&sign_uri, &tokens.maker), StatusCode::FORBIDDEN),
            ("another country signs it", Some(&tokens.tcd), post(&sign_uri, &tokens.tcd), StatusCode::NOT_FOUND),
            ("Ethiopia's viewer signs it", Some(&tokens.viewer), post(&sign_uri, &tokens.viewer), StatusCode::FORBIDDEN),
            ("Ethiopia signs it", Some(&tokens.eth), post(&sign_uri, &tokens.eth), StatusCode::OK),
            ("Ethiopia signs it again", Some(&tokens.eth), post(&sign_uri, &tokens.eth), StatusCode::CONFLICT),
            ("an organization cancels it", Some(&tokens.covax), post(&cancel_agreement_uri, &tokens.covax), StatusCode::FORBIDDEN),
            ("the maker cancels it", Some(&tokens.maker), post(&cancel_agreement_uri, &tokens.maker), StatusCode::OK),
            // Partnerships (public), moved by either side.
            ("anonymous lists partnerships", None, get_request("/api/v1/partnerships", None), StatusCode::OK),
            ("anonymous reads a partnership", None, get_request(&partnership_uri, None), StatusCode::OK),
            ("anonymous proposes a partnership", None, with_body("/api/v1/partnerships", None, &partnership_body), StatusCode::UNAUTHORIZED),
            ("another country proposes one for the maker and Ethiopia", Some(&tokens.tcd), with_body("/api/v1/partnerships", Some(&tokens.tcd), &partnership_body), StatusCode::FORBIDDEN),
            ("Ethiopia proposes one with the maker", Some(&tokens.eth), with_body("/api/v1/partnerships", Some(&tokens.eth), &partnership_body), StatusCode::CREATED),
            ("anonymous negotiates", None, json_request("POST", &stage_uri("negotiate"), None, json!(null)), StatusCode::UNAUTHORIZED),
            ("another country negotiates it", Some(&tokens.tcd), post(&stage_uri("negotiate"), &tokens.tcd), StatusCode::FORBIDDEN),
            ("Ethiopia negotiates it", Some(&tokens.eth), post(&stage_uri("negotiate"), &tokens.eth), StatusCode::OK),
            ("the maker agrees", Some(&tokens.maker), post(&stage_uri("agree"), &tokens.maker), StatusCode::OK),
            ("Ethiopia's viewer starts production", Some(&tokens.viewer), post(&stage_uri("start_production"), &tokens.viewer), StatusCode::FORBIDDEN),
            ("Ethiopia starts production", Some(&tokens.eth), post(&stage_uri("start_production"), &tokens.eth), StatusCode::OK),
            ("the maker abandons it producing", Some(&tokens.maker), post(&stage_uri("abandon"), &tokens.maker), StatusCode::CONFLICT),
            // Meetings: organizations record them; reports are public.
            ("anonymous lists meetings", None, get_request("/api/v1/meetings", None), StatusCode::OK),
            ("anonymous reads a meeting's report", None, get_request(&meeting_uri, None), StatusCode::OK),
            ("a missing meeting", None, get_request("/api/v1/meetings/999999", None), StatusCode::NOT_FOUND),
            ("anonymous records a meeting", None, with_body("/api/v1/meetings", None, &meeting_body), StatusCode::UNAUTHORIZED),
            ("a country records a meeting", Some(&tokens.eth), with_body("/api/v1/meetings", Some(&tokens.eth), &meeting_body), StatusCode::FORBIDDEN),
            ("an organization records a meeting", Some(&tokens.covax), with_body("/api/v1/meetings", Some(&tokens.covax), &meeting_body), StatusCode::CREATED),
            ("anonymous links an outcome", None, with_body(&outcomes_uri, None, &outcome), StatusCode::UNAUTHORIZED),
            ("a party of the meeting links an outcome", Some(&tokens.eth), with_body(&outcomes_uri, Some(&tokens.eth), &outcome), StatusCode::FORBIDDEN),
            ("another organization links one", Some(&tokens.admin), with_body(&outcomes_uri, Some(&tokens.admin), &outcome), StatusCode::FORBIDDEN),
            ("the organization links the pledge", Some(&tokens.covax), with_body(&outcomes_uri, Some(&tokens.covax), &outcome), StatusCode::CREATED),
            ("the organization links it again", Some(&tokens.covax), with_body(&outcomes_uri, Some(&tokens.covax), &outcome), StatusCode::CONFLICT),
            // Threads: read and written by their parties only (no exception for organizations
            // or the admin); their viewers read, their officials write.
            ("anonymous opens a thread", None, with_body("/api/v1/threads", None, &new_thread), StatusCode::UNAUTHORIZED),
            ("a viewer opens a thread", Some(&tokens.viewer), with_body("/api/v1/threads", Some(&tokens.viewer), &new_thread), StatusCode::FORBIDDEN),
            ("the admin opens a thread", Some(&tokens.admin), with_body("/api/v1/threads", Some(&tokens.admin), &new_thread), StatusCode::FORBIDDEN),
            ("a country opens a thread about another's request", Some(&tokens.tcd), with_body("/api/v1/threads", Some(&tokens.tcd), &new_thread), StatusCode::UNPROCESSABLE_ENTITY),
            ("the requesting country opens a thread", Some(&tokens.eth), with_body("/api/v1/threads", Some(&tokens.eth), &new_thread), StatusCode::CREATED),
            ("anonymous lists threads", None, get_request("/api/v1/threads", None), StatusCode::UNAUTHORIZED),
            ("a country lists its threads", Some(&tokens.tcd), get_request("/api/v1/threads", Some(&tokens.tcd)), StatusCode::OK),
            ("anonymous reads a thread", None, get_request(&thread_uri, None), StatusCode::UNAUTHORIZED),
            ("a party reads its thread", Some(&tokens.maker), get_request(&thread_uri, Some(&tokens.maker)), StatusCode::OK),
            ("a party's viewer reads it", Some(&tokens.viewer), get_request(&thread_uri, Some(&tokens.viewer)), StatusCode::OK),
            ("another country reads the thread", Some(&tokens.tcd), get_request(&thread_uri, Some(&tokens.tcd)), StatusCode::NOT_FOUND),
            ("an organization reads the thread", Some(&tokens.covax), get_request(&thread_uri, Some(&tokens.covax)), StatusCode::NOT_FOUND),
            ("the admin reads the thread", Some(&tokens.admin), get_request(&thread_uri, Some(&tokens.admin)), StatusCode::NOT_FOUND),
            ("a missing thread", Some(&tokens.eth), get_request("/api/v1/threads/999999", Some(&tokens.eth)), StatusCode::NOT_FOUND),
            ("anonymous writes in a thread", None, with_body(&messages_uri, None, &message), StatusCode::UNAUTHORIZED),
            ("another country writes in the thread", Some(&tokens.tcd), with_body(&messages_uri, Some(&tokens.tcd), &message), StatusCode::NOT_FOUND),
            ("an organization writes in the thread", Some(&tokens.covax), with_body(&messages_uri, Some(&tokens.covax), &message), StatusCode::NOT_FOUND),
            ("the admin writes in the thread", Some(&tokens.admin), with_body(&messages_uri, Some(&tokens.admin), &message), StatusCode::NOT_FOUND),
            ("a party's viewer writes in it", Some(&tokens.viewer), with_body(&messages_uri, Some(&tokens.viewer), &message), StatusCode::FORBIDDEN),
            ("a party's official writes in it", Some(&tokens.maker), with_body(&messages_uri, Some(&tokens.maker), &message), StatusCode::CREATED),
            ("anonymous reads the messages", None, get_request(&messages_uri, None), StatusCode::UNAUTHORIZED),
            ("another country reads the messages", Some(&tokens.tcd), get_request(&messages_uri, Some(&tokens.tcd)), StatusCode::NOT_FOUND),
            ("an organization reads the messages", Some(&tokens.covax), get_request(&messages_uri, Some(&tokens.covax)), StatusCode::NOT_FOUND),
            ("the admin reads the messages", Some(&tokens.admin), get_request(&messages_uri, Some(&tokens.admin)), StatusCode::NOT_FOUND),
            ("a party's viewer reads the messages", Some(&tokens.viewer), get_request(&messages_uri, Some(&tokens.viewer)), StatusCode::OK),
            // Webhooks: a party's officials register them; only that party reads them, not
            // even organizations; viewers read but do not act.
            ("anonymous registers a webhook", None, with_body("/api/v1/webhooks", None, &new_webhook), StatusCode::UNAUTHORIZED),
            ("a viewer registers a webhook", Some(&tokens.viewer), with_body("/api/v1/webhooks", Some(&tokens.viewer), &new_webhook), StatusCode::FORBIDDEN),
            ("the admin registers a webhook", Some(&tokens.admin), with_body("/api/v1/webhooks", Some(&tokens.admin), &new_webhook), StatusCode::FORBIDDEN),
            ("a country registers a webhook", Some(&tokens.eth), with_body("/api/v1/webhooks", Some(&tokens.eth), &new_webhook), StatusCode::CREATED),
            ("an organization registers a webhook", Some(&tokens.covax), with_body("/api/v1/webhooks", Some(&tokens.covax), &new_webhook), StatusCode::CREATED),
            ("anonymous lists webhooks", None, get_request("/api/v1/webhooks", None), StatusCode::UNAUTHORIZED),
            ("a party lists its webhooks", Some(&tokens.maker), get_request("/api/v1/webhooks", Some(&tokens.maker)), StatusCode::OK),
            ("anonymous reads a webhook", None, get_request(&webhook_uri, None), StatusCode::UNAUTHORIZED),
            ("its party reads the webhook", Some(&tokens.maker), get_request(&webhook_uri, Some(&tokens.maker)), StatusCode::OK),
            ("another maker reads the webhook", Some(&tokens.rival), get_request(&webhook_uri, Some(&tokens.rival)), StatusCode::NOT_FOUND),
            ("an organization reads the webhook", Some(&tokens.covax), get_request(&webhook_uri, Some(&tokens.covax)), StatusCode::NOT_FOUND),
            ("the admin reads the webhook", Some(&tokens.admin), get_request(&webhook_uri, Some(&tokens.admin)), StatusCode::NOT_FOUND),
            ("a missing webhook", Some(&tokens.maker), get_request("/api/v1/webhooks/999999", Some(&tokens.maker)), StatusCode::NOT_FOUND),
            ("anonymous reads its deliveries", None, get_request(&deliveries_uri, None), StatusCode::UNAUTHORIZED),
            ("its party reads its deliveries", Some(&tokens.maker), get_request(&deliveries_uri, Some(&tokens.maker)), StatusCode::OK),
            ("a country reads the maker's deliveries", Some(&tokens.eth), get_request(&deliveries_uri, Some(&tokens.eth)), StatusCode::NOT_FOUND),
            ("an organization reads its deliveries", Some(&tokens.covax), get_request(&deliveries_uri, Some(&tokens.covax)), StatusCode::NOT_FOUND),
            ("anonymous deletes a webhook", None, json_request("DELETE", &delete_webhook_uri, None, json!(null)), StatusCode::UNAUTHORIZED),
            ("another maker deletes the webhook", Some(&tokens.rival), delete(&delete_webhook_uri, &tokens.rival), StatusCode::NOT_FOUND),
            ("an organization deletes the webhook", Some(&tokens.covax), delete(&delete_webhook_uri, &tokens.covax), StatusCode::NOT_FOUND),
            ("its party deletes the webhook", Some(&tokens.maker), delete(&delete_webhook_uri, &tokens.maker), StatusCode::OK),
            ("its party deletes it again", Some(&tokens.maker), delete(&delete_webhook_uri, &tokens.maker), StatusCode::NOT_FOUND),
        ];
        // Every operation of the API document has its rows: a new route without them fails.
        let exercised: Vec<(String, String)> = cases
            .iter()
            .map(|(_, _, request, _)| (request.method().to_string(), request.uri().path().to_owned()))
            .collect();
        let unexercised: Vec<String> = documented_operations()
            .into_iter()
            .filter(|(method, template)| !WITHOUT_ROWS.contains(&(method.as_str(), template.as_str())))
            .filter(|(method, template)| {
                !exercised.iter().any(|(used, path)| used == method && matches_template(template, path))
            })
            .map(|(method, template)| format!("{method} {template}"))
            .collect();
        assert!(unexercised.is_empty(), "operations without rows in the authorization matrix: {unexercised:#?}");
        let mut report = String::new();
        for (name, _, request, expected) in cases {
            let answer = send(&app, request).await;
            report.push_str(&format!("{name}: {}\n", answer.status.as_u16()));
            assert_eq!(answer.status, expected, "{name}: {}", String::from_utf8_lossy(&answer.body));
        }
        // A country that holds none of the lot sees none of its balances.
        let seen = send(&app, get_request(&balances_uri, Some(&tokens.tcd))).await.json();
        assert_eq!(seen, json!([]));
        insta::assert_snapshot!("authorization_matrix", report);
        verified(&store).await;
    }
}

store_test! {
    async fn an_idempotency_key_has_one_effect_and_replays_the_first_answer(store: Store) {
        install(&store).await;
        let app = app(store.clone());
        let tokens = tokens(&app).await;
        let lot = product_and_lot(&app, &tokens.maker, 1_000).await;
        let request = |doses: i64| {
            let mut request = json_request("POST", "/api/v1/movements", Some(&tokens.maker), json!({"kind": "reserve", "lot": lot, "doses": doses}));
            request.headers_mut().insert("idempotency-key", "reserve-once".parse().unwrap());
            request
        };
        let first = send(&app, request(100)).await;
        assert_eq!(first.status, StatusCode::CREATED);
        // Concurrent replays: all get the first answer, none moves doses again.
        let replays = futures_replays(&app, (0..8).map(|_| request(100)).collect()).await;
        for replay in &replays {
            assert_eq!(replay.status, StatusCode::CREATED);
            assert_eq!(replay.json(), first.json());
            assert_eq!(replay.header("idempotent-replayed"), Some("true"));
        }
        let other = send(&app, request(5)).await;
        assert_eq!(other.status, StatusCode::UNPROCESSABLE_ENTITY);
        let lot_body = send(&app, get_request(&format!("/api/v1/lots/{lot}"), Some(&tokens.maker))).await.json();
        let reserved: i64 = lot_body["balances"].as_array().unwrap().iter().filter(|balance| balance["state"] == "reserved").map(|balance| balance["doses"].as_i64().unwrap()).sum();
        assert_eq!(reserved, 100);
        verified(&store).await;
    }
}

async fn futures_replays(app: &Router, requests: Vec<Request<Body>>) -> Vec<Answer> {
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
    async fn racing_moves_of_the_same_doses_let_exactly_the_covered_ones_win(store: Store) {
        install(&store).await;
        let app = app(store.clone());
        let tokens = tokens(&app).await;
        let lot = product_and_lot(&app, &tokens.maker, 1_000).await;
        // 32 requests for 100 doses each race for 1,000: ten win, the rest get 409, none 5xx.
        let requests = (0..32)
            .map(|_| json_request("POST", "/api/v1/movements", Some(&tokens.maker), json!({"kind": "reserve", "lot": lot, "doses": 100})))
            .collect();
        let answers = futures_replays(&app, requests).await;
        let mut statuses: BTreeMap<u16, usize> = BTreeMap::new();
        for answer in &answers {
            *statuses.entry(answer.status.as_u16()).or_default() += 1;
        }
        assert_eq!(statuses, BTreeMap::from([(201, 10), (409, 22)]));
        verified(&store).await;
    }
}

store_test! {
    async fn a_session_cookie_needs_the_csrf_token_to_change_anything(store: Store) {
        install(&store).await;
        let app = app(store.clone());
        let answer = send(&app, json_request("POST", "/api/v1/session", None, json!({"email": "maker@x.example", "password": PASSWORD}))).await;
        assert_eq!(answer.status, StatusCode::CREATED);
        let cookie_header = answer.header("set-cookie").unwrap().to_owned();
        for attribute in ["HttpOnly", "Secure", "SameSite=Strict"] {
            assert!(cookie_header.contains(attribute), "{cookie_header}");
        }
        let cookie = cookie_header.split(';').next().unwrap().to_owned();
        let csrf = answer.json()["csrf_token"].as_str().unwrap().to_owned();
        let with_cookie = |method: &str, uri: &str, csrf: Option<&str>, body: Value| {
            let mut request = json_request(method, uri, None, body);
            request.headers_mut().insert("cookie", cookie.parse().unwrap());
            if let Some(csrf) = csrf {
                request.headers_mut().insert("x-csrf-token", csrf.parse().unwrap());
            }
            request
        };
        let me = send(&app, with_cookie("GET", "/api/v1/me", None, json!(null))).await;
        assert_eq!(me.json(), json!({"email": "maker@x.example", "role": "official", "party": "maker", "party_kind": "manufacturer"}));
        let product = json!({"code": "VAX2", "name": "Two", "doses_per_course": 1, "storage": "-70C", "shelf_life_days": 90});
        let forged = send(&app, with_cookie("POST", "/api/v1/products", None, product.clone())).await;
        assert_eq!(forged.status, StatusCode::FORBIDDEN);
        let wrong = send(&app, with_cookie("POST", "/api/v1/products", Some("csrf_wrong"), product.clone())).await;
        assert_eq!(wrong.status, StatusCode::FORBIDDEN);
        let honest = send(&app, with_cookie("POST", "/api/v1/products", Some(&csrf), product)).await;
        assert_eq!(honest.status, StatusCode::CREATED, "{:?}", honest.json());
        // Signing out ends the session: the cookie is worth nothing afterwards.
        let out = send(&app, with_cookie("DELETE", "/api/v1/session", Some(&csrf), json!(null))).await;
        assert_eq!(out.status, StatusCode::NO_CONTENT);
        let after = send(&app, with_cookie("GET", "/api/v1/me", None, json!(null))).await;
        assert_eq!(after.status, StatusCode::UNAUTHORIZED);
    }
}

store_test! {
    async fn repeated_wrong_passwords_are_throttled_with_growing_waits(store: Store) {
        install(&store).await;
        let app = app(store.clone());
        let attempt = |password: &str| json_request("POST", "/api/v1/session", None, json!({"email": "eth@x.example", "password": password}));
        // Three failures of an account from one address are free.
        for _ in 0..3 {
            assert_eq!(send(&app, attempt("wrong password!")).await.status, StatusCode::UNAUTHORIZED);
        }
        // Then it waits, a correct password included: first one second...
        let throttled = send(&app, attempt(PASSWORD)).await;
        assert_eq!(throttled.status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(throttled.header("retry-after"), Some("1"));
        tokio::time::sleep(std::time::Duration::from_millis(1_100)).await;
        // ...after which one more try is heard; a further failure doubles the wait.
        assert_eq!(send(&app, attempt("wrong password!")).await.status, StatusCode::UNAUTHORIZED);
        let throttled = send(&app, attempt(PASSWORD)).await;
        assert_eq!(throttled.status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(throttled.header("retry-after"), Some("2"));
        assert_eq!(throttled.problem()["status"], 429);
        // Unknown emails and disabled users get the same answer as a wrong password.
        let unknown = send(&app, json_request("POST", "/api/v1/session", None, json!({"email": "nobody@x.example", "password": PASSWORD}))).await;
        let disabled = send(&app, json_request("POST", "/api/v1/session", None, json!({"email": "disabled@x.example", "password": PASSWORD}))).await;
        assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
        assert_eq!(unknown.json()["detail"], disabled.json()["detail"]);
    }
}

store_test! {
    async fn wrong_passwords_from_one_address_do_not_lock_the_owner_out_elsewhere(store: Store) {
        install(&store).await;
        // One server, two clients: a guesser and the account's owner.
        let state = common::state_at(store.clone(), common::now());
        let guesser = common::app_from(state.clone(), "198.51.100.66:50000");
        let owner = common::app_from(state, "203.0.113.9:50000");
        let attempt = |password: &str| json_request("POST", "/api/v1/session", None, json!({"email": "eth@x.example", "password": password}));
        for _ in 0..3 {
            assert_eq!(send(&guesser, attempt("wrong password!")).await.status, StatusCode::UNAUTHORIZED);
        }
        let signed_in = send(&owner, attempt(PASSWORD)).await;
        assert_eq!(signed_in.status, StatusCode::CREATED, "{:?}", signed_in.json());
        let by_token = send(&owner, json_request("POST", "/api/v1/tokens", None, json!({"email": "eth@x.example", "password": PASSWORD, "name": "owner"}))).await;
        assert_eq!(by_token.status, StatusCode::CREATED, "{:?}", by_token.json());
        // The guesser's fourth attempt waits, even with the right password.
        let throttled = send(&guesser, attempt(PASSWORD)).await;
        assert_eq!(throttled.status, StatusCode::TOO_MANY_REQUESTS);
        assert!(throttled.header("retry-after").is_some_and(|seconds| seconds.parse::<u64>().is_ok_and(|seconds| seconds >= 1)));
        // So does a token asked for with a password from there.
        let throttled = send(&guesser, json_request("POST", "/api/v1/tokens", None, json!({"email": "eth@x.example", "password": PASSWORD, "name": "guess"}))).await;
        assert_eq!(throttled.status, StatusCode::TOO_MANY_REQUESTS);
        assert!(throttled.header("retry-after").is_some());
    }
}

store_test! {
    async fn administrators_create_parties_and_users_who_can_sign_in(store: Store) {
        install(&store).await;
        let app = app(store.clone());
        let tokens = tokens(&app).await;
        let party = json!({"kind": "manufacturer", "code": "serum-institute", "name": "Serum Institute of India"});
        let created = send(&app, json_request("POST", "/api/v1/parties", Some(&tokens.admin), party)).await;
        assert_eq!(created.status, StatusCode::CREATED, "{:?}", created.json());
        let user = json!({"email": "Official@Serum.example", "password": PASSWORD, "party": "serum-institute", "role": "official"});
        let created = send(&app, json_request("POST", "/api/v1/users", Some(&tokens.admin), user)).await;
        assert_eq!(created.status, StatusCode::CREATED, "{:?}", created.json());
        assert_eq!(created.json()["email"], "official@serum.example");
        let id = created.json()["id"].as_i64().unwrap();
        assert_eq!(created.json(), json!({"id": id, "email": "official@serum.example", "party": "serum-institute", "role": "official", "disabled": false}));
        let serum = token(&app, "official@serum.example").await;
        let me = send(&app, get_request("/api/v1/me", Some(&serum))).await.json();
        assert_eq!(me["party_kind"], "manufacturer");
        let bad = send(&app, json_request("POST", "/api/v1/parties", Some(&tokens.admin), json!({"kind": "country", "code": "atlantis", "name": " "}))).await;
        insta::assert_json_snapshot!("bad_party", bad.problem());
        let listed = send(&app, get_request("/api/v1/parties/serum-institute", None)).await;
        assert_eq!(listed.json()["kind"], "manufacturer");
    }
}

store_test! {
    async fn a_lot_with_a_wrong_gtin_check_digit_is_refused_and_nothing_is_released(store: Store) {
        install(&store).await;
        let app = app(store.clone());
        let tokens = tokens(&app).await;
        product_and_lot(&app, &tokens.maker, 10).await;
        let lots_before = lot_count(&store).await;
        let lot = json!({"gs1": "(01)09501101530004(17)220331(10)AB9999", "doses": 100});
        let answer = send(&app, json_request("POST", "/api/v1/lots", Some(&tokens.maker), lot)).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
        insta::assert_json_snapshot!("wrong_check_digit", answer.problem());
        let missing = json!({"product": "VAX1", "doses": 0});
        let answer = send(&app, json_request("POST", "/api/v1/lots", Some(&tokens.maker), missing)).await;
        insta::assert_json_snapshot!("lot_fields_missing", answer.problem());
        assert_eq!(lot_count(&store).await, lots_before);
        verified(&store).await;
    }
}

store_test! {
    async fn a_holder_sees_only_its_own_rows_of_a_lot_others_hold_too(store: Store) {
        install(&store).await;
        let app = app(store.clone());
        let tokens = tokens(&app).await;
        let fra = token(&app, "fra@x.example").await;
        let lot = product_and_lot(&app, &tokens.maker, 1_000).await;
        for (token, body) in [
            (&tokens.maker, json!({"kind": "reserve", "lot": lot, "doses": 600})),
            (&tokens.maker, json!({"kind": "ship", "lot": lot, "doses": 300, "to": "FRA"})),
            (&tokens.maker, json!({"kind": "ship", "lot": lot, "doses": 300, "to": "TCD"})),
            (&fra, json!({"kind": "receive", "lot": lot, "doses": 300})),
            (&tokens.tcd, json!({"kind": "receive", "lot": lot, "doses": 300})),
        ] {
            let answer = move_doses(&app, token, body.clone()).await;
            assert_eq!(answer.status, StatusCode::CREATED, "{body}: {:?}", answer.json());
        }
        let chad = |uri: String| send(&app, get_request(&uri, Some(&tokens.tcd)));
        // France's balances, asked for by name: none of them.
        let answer = chad("/api/v1/balances?holder=FRA".to_owned()).await;
        assert_eq!(answer.status, StatusCode::OK);
        assert_eq!(answer.json(), json!([]));
        let answer = chad(format!("/api/v1/balances?holder=FRA&lot={lot}")).await;
        assert_eq!(answer.json(), json!([]));
        // The lot's balances, and all balances: Chad's own only.
        for uri in [format!("/api/v1/balances?lot={lot}"), "/api/v1/balances".to_owned()] {
            let answer = chad(uri.clone()).await;
            assert_eq!(answer.status, StatusCode::OK, "{uri}");
            assert_eq!(non_zero_balances(&answer.json()), BTreeMap::from([("TCD/available".to_owned(), 300)]), "{uri}");
        }
        // The lot itself: Chad's balances only, and the totals over every holder while Chad
        // holds doses of it.
        let answer = chad(format!("/api/v1/lots/{lot}")).await;
        assert_eq!(answer.status, StatusCode::OK);
        let body = answer.json();
        assert!(body["balances"].as_array().unwrap().iter().all(|balance| balance["holder"] == "TCD"), "{body}");
        assert_eq!(non_zero_balances(&body["balances"]), BTreeMap::from([("TCD/available".to_owned(), 300)]));
        assert_eq!(body["totals"]["available"], 400 + 300 + 300, "{body}");
        let total: i64 = body["totals"].as_object().unwrap().values().map(|doses| doses.as_i64().unwrap()).sum();
        assert_eq!(total, 1_000, "{body}");
        // The journal: the entries into or out of Chad's accounts.
        let journal = chad(format!("/api/v1/movements?lot={lot}")).await.json();
        assert_eq!(kinds(&journal), ["ship", "receive"]);
        for entry in journal.as_array().unwrap() {
            assert!(entry["to"]["holder"] == "TCD" || entry["from"]["holder"] == "TCD", "{entry}");
        }
        // France sees none of Chad's either.
        let answer = send(&app, get_request("/api/v1/balances?holder=TCD", Some(&fra))).await;
        assert_eq!(answer.json(), json!([]));
        // Once Chad has passed every dose on, it still sees its own (empty) accounts, but
        // no longer the lot's totals.
        for body in [
            json!({"kind": "reserve", "lot": lot, "doses": 300}),
            json!({"kind": "ship", "lot": lot, "doses": 300, "to": "FRA"}),
        ] {
            let answer = move_doses(&app, &tokens.tcd, body.clone()).await;
            assert_eq!(answer.status, StatusCode::CREATED, "{body}: {:?}", answer.json());
        }
        let answer = send(&app, get_request(&format!("/api/v1/lots/{lot}"), Some(&tokens.tcd))).await;
        assert_eq!(answer.status, StatusCode::OK);
        let body = answer.json();
        assert!(body.get("totals").is_none(), "{body}");
        assert!(!body["balances"].as_array().unwrap().is_empty(), "{body}");
        assert!(body["balances"].as_array().unwrap().iter().all(|balance| balance["holder"] == "TCD"), "{body}");
        assert_eq!(non_zero_balances(&body["balances"]), BTreeMap::new());
        verified(&store).await;
    }
}

store_test! {
    async fn revoked_expired_and_disabled_users_tokens_answer_401(store: Store) {
        install(&store).await;
        let app = app(store.clone());
        let tokens = tokens(&app).await;
        let me = |token: &str| send(&app, get_request("/api/v1/me", Some(token)));
        // A new token says its id and when it stops working: 90 days by default.
        let created = send(&app, json_request("POST", "/api/v1/tokens", None, json!({"email": "eth@x.example", "password": PASSWORD, "name": "erp"}))).await;
        assert_eq!(created.status, StatusCode::CREATED);
        let created = created.json();
        let (secret, id) = (created["token"].as_str().unwrap().to_owned(), created["id"].as_i64().unwrap());
        assert_eq!(created["name"], "erp");
        assert_eq!(created["expires_at"], "2021-11-04T09:00:00.000Z");
        assert_eq!(me(&secret).await.status, StatusCode::OK);
        // The user's tokens are listed, never with the token itself.
        let listed = send(&app, get_request("/api/v1/tokens", Some(&tokens.eth))).await;
        assert_eq!(listed.status, StatusCode::OK);
        let listed = listed.json();
        let entry = listed.as_array().unwrap().iter().find(|token| token["id"] == id).unwrap_or_else(|| panic!("{listed}")).clone();
        assert_eq!(entry, json!({"id": id, "name": "erp", "created_at": common::NOW, "expires_at": "2021-11-04T09:00:00.000Z", "revoked_at": null}));
        assert!(!listed.to_string().contains(&secret));
        // Revoked: 401 at once, and listed as revoked.
        let revoked = send(&app, json_request("DELETE", &format!("/api/v1/tokens/{id}"), Some(&tokens.eth), json!(null))).await;
        assert_eq!(revoked.status, StatusCode::OK, "{:?}", revoked.json());
        assert_eq!(revoked.json()["revoked_at"], common::NOW);
        let answer = me(&secret).await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
        assert_eq!(answer.problem()["status"], 401);
        let listed = send(&app, get_request("/api/v1/tokens", Some(&tokens.eth))).await.json();
        assert!(listed.as_array().unwrap().iter().any(|token| token["id"] == id && token["revoked_at"] == common::NOW), "{listed}");
        // Revoking twice changes nothing; the token stays revoked.
        let again = send(&app, json_request("DELETE", &format!("/api/v1/tokens/{id}"), Some(&tokens.eth), json!(null))).await;
        assert_eq!(again.status, StatusCode::OK);
        assert_eq!(me(&secret).await.status, StatusCode::UNAUTHORIZED);
        // Expired: a token whose expiry has passed answers 401; one made alike that has
        // not expired works.
        let eth = user_id(&store, "eth@x.example").await;
        store
            .write(|tx| async move {
                let digest = app::secrets::token_digest;
                let long_ago = common::now().plus(chrono::Duration::days(-100));
                tx.create_api_token(&digest("eqd_expired"), eth, "expired", long_ago, common::now().plus(chrono::Duration::days(-1))).await?;
                tx.create_api_token(&digest("eqd_fresh"), eth, "fresh", long_ago, common::now().plus(chrono::Duration::days(1))).await
            })
            .await
            .unwrap();
        assert_eq!(me("eqd_fresh").await.status, StatusCode::OK);
        assert_eq!(me("eqd_expired").await.status, StatusCode::UNAUTHORIZED);
        // A token asked to live one day stops working when the platform's clock has passed it.
        let short = send(&app, json_request("POST", "/api/v1/tokens", Some(&tokens.eth), json!({"name": "short", "lifetime_days": 1}))).await;
        assert_eq!(short.status, StatusCode::CREATED, "{:?}", short.json());
        assert_eq!(short.json()["expires_at"], "2021-08-07T09:00:00.000Z");
        let short = short.json()["token"].as_str().unwrap().to_owned();
        let later = common::app_with(common::state_at(store.clone(), common::now().plus(chrono::Duration::days(2))));
        assert_eq!(send(&later, get_request("/api/v1/me", Some(&short))).await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(send(&later, get_request("/api/v1/me", Some(&tokens.eth))).await.status, StatusCode::OK);
        // Disabled by an administrator: the user's token answers 401 until they are enabled.
        let spare = token(&app, "spare@x.example").await;
        assert_eq!(me(&spare).await.status, StatusCode::OK);
        let spare_user = user_id(&store, "spare@x.example").await;
        let disabled = send(&app, json_request("POST", &format!("/api/v1/users/{spare_user}/disable"), Some(&tokens.admin), json!(null))).await;
        assert_eq!(disabled.status, StatusCode::OK, "{:?}", disabled.json());
        assert_eq!(disabled.json(), json!({"id": spare_user.0, "email": "spare@x.example", "party": "ETH", "role": "official", "disabled": true}));
        assert_eq!(me(&spare).await.status, StatusCode::UNAUTHORIZED);
        let sign_in = send(&app, json_request("POST", "/api/v1/session", None, json!({"email": "spare@x.example", "password": PASSWORD}))).await;
        assert_eq!(sign_in.status, StatusCode::UNAUTHORIZED);
        let enabled = send(&app, json_request("POST", &format!("/api/v1/users/{spare_user}/enable"), Some(&tokens.admin), json!(null))).await;
        assert_eq!(enabled.status, StatusCode::OK);
        assert_eq!(enabled.json()["disabled"], false);
        assert_eq!(me(&spare).await.status, StatusCode::OK);
    }
}

store_test! {
    async fn a_refusal_is_the_answer_of_its_idempotency_key(store: Store) {
        install(&store).await;
        let app = app(store.clone());
        let tokens = tokens(&app).await;
        let lot = product_and_lot(&app, &tokens.maker, 1_000).await;
        let reserve = |doses: i64, key: &str| with_key(json_request("POST", "/api/v1/movements", Some(&tokens.maker), json!({"kind": "reserve", "lot": lot, "doses": doses})), key);
        // More than the balance: 409, and that is the key's answer from now on.
        let first = send(&app, reserve(5_000, "too-many")).await;
        assert_eq!(first.status, StatusCode::CONFLICT);
        assert_eq!(first.problem()["code"], "insufficient_balance");
        assert_eq!(first.header("idempotent-replayed"), None);
        let replay = send(&app, reserve(5_000, "too-many")).await;
        assert_eq!(replay.status, StatusCode::CONFLICT);
        assert_eq!(replay.header("idempotent-replayed"), Some("true"));
        assert_eq!(replay.problem(), first.problem());
        // The same key with another body is another request: 422, and it does nothing.
        let other = send(&app, reserve(5, "too-many")).await;
        assert_eq!(other.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(other.header("idempotent-replayed"), None);
        assert_eq!(other.problem()["errors"][0]["field"], "Idempotency-Key");
        // A rule's refusal (422) is kept the same way.
        let zero = send(&app, reserve(0, "zero")).await;
        assert_eq!(zero.status, StatusCode::UNPROCESSABLE_ENTITY);
        let zero_again = send(&app, reserve(0, "zero")).await;
        assert_eq!(zero_again.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(zero_again.header("idempotent-replayed"), Some("true"));
        assert_eq!(zero_again.problem(), zero.problem());
        // Nothing moved: the journal holds the release alone.
        let journal = send(&app, get_request(&format!("/api/v1/movements?lot={lot}"), Some(&tokens.maker))).await.json();
        assert_eq!(kinds(&journal), ["release"]);
        // A new user, replayed: the first answer; with another password: 422, and the
        // other password does not sign in.
        let user = |password: &str| with_key(json_request("POST", "/api/v1/users", Some(&tokens.admin), json!({"email": "new@x.example", "password": password, "party": "ETH", "role": "viewer"})), "new-user");
        let created = send(&app, user(PASSWORD)).await;
        assert_eq!(created.status, StatusCode::CREATED, "{:?}", created.json());
        let replayed = send(&app, user(PASSWORD)).await;
        assert_eq!(replayed.status, StatusCode::CREATED);
        assert_eq!(replayed.header("idempotent-replayed"), Some("true"));
        assert_eq!(replayed.json(), created.json());
        let other_password = send(&app, user("another long password")).await;
        assert_eq!(other_password.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(other_password.header("idempotent-replayed"), None);
        assert_eq!(other_password.problem()["errors"][0]["field"], "Idempotency-Key");
        let sign_in = |password: &str| json_request("POST", "/api/v1/session", None, json!({"email": "new@x.example", "password": password}));
        assert_eq!(send(&app, sign_in("another long password")).await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(send(&app, sign_in(PASSWORD)).await.status, StatusCode::CREATED);
        verified(&store).await;
    }
}

store_test! {
    async fn bad_fields_and_broken_rules_answer_422_naming_the_field(store: Store) {
        install(&store).await;
        let app = app(store.clone());
        let tokens = tokens(&app).await;
        let lot = product_and_lot(&app, &tokens.maker, 1_000).await;
        let product = json!({"code": "VAX3", "name": "Three", "doses_per_course": 1, "storage": "-70C", "shelf_life_days": 90});
        let mut unknown = product.clone();
        unknown["colour"] = json!("blue");
        let answer = send(&app, json_request("POST", "/api/v1/products", Some(&tokens.maker), unknown)).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(answer.problem().to_string().contains("colour"), "{:?}", answer.problem());
        let mut foreign = product.clone();
        foreign["manufacturer"] = json!("rival");
        let answer = send(&app, json_request("POST", "/api/v1/products", Some(&tokens.maker), foreign)).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(answer.problem()["errors"][0]["field"], "manufacturer");
        let product_gone = send(&app, get_request("/api/v1/products/VAX3", None)).await;
        assert_eq!(product_gone.status, StatusCode::NOT_FOUND);
        let mut own = product.clone();
        own["manufacturer"] = json!("maker");
        let answer = send(&app, json_request("POST", "/api/v1/products", Some(&tokens.maker), own)).await;
        assert_eq!(answer.status, StatusCode::CREATED, "{:?}", answer.json());
        // A ledger rule's refusal names its field beside its code.
        for (body, code, field) in [
            (json!({"kind": "reserve", "lot": lot, "doses": 0}), "doses_must_be_positive", "doses"),
            (json!({"kind": "waste", "lot": lot, "doses": 1}), "reason_required_for_waste", "reason"),
            (json!({"kind": "ship", "lot": lot, "doses": 1}), "recipient_required_for_ship", "to"),
        ] {
            let answer = move_doses(&app, &tokens.maker, body.clone()).await;
            assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
            let problem = answer.problem();
            assert_eq!(problem["code"], code, "{problem}");
            assert_eq!(problem["errors"][0]["field"], field, "{problem}");
        }
        // A lot past its expiry on the day it is registered.
        let lots_before = lot_count(&store).await;
        let old = json!({"product": "VAX1", "lot_number": "OLD1", "expiry": "1900-01-01", "doses": 5});
        let answer = send(&app, json_request("POST", "/api/v1/lots", Some(&tokens.maker), old)).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(answer.problem()["errors"][0]["field"], "expiry");
        assert_eq!(lot_count(&store).await, lots_before);
        verified(&store).await;
    }
}

store_test! {
    async fn after_its_expiry_a_lots_doses_can_only_be_expired(store: Store) {
        install(&store).await;
        let app = app(store.clone());
        let tokens = tokens(&app).await;
        let lot = product_and_lot(&app, &tokens.maker, 1_000).await;
        let reserve = json!({"kind": "reserve", "lot": lot, "doses": 10});
        assert_eq!(move_doses(&app, &tokens.maker, reserve.clone()).await.status, StatusCode::CREATED);
        // The day after its last day (31 March 2022), by the platform's clock.
        let later = common::app_with(common::state_at(store.clone(), app::Timestamp::parse("2022-04-01T09:00:00.000Z").unwrap()));
        // Tokens made in August 2021 have expired by then.
        assert_eq!(send(&later, get_request("/api/v1/me", Some(&tokens.maker))).await.status, StatusCode::UNAUTHORIZED);
        let maker = token(&later, "maker@x.example").await;
        let answer = move_doses(&later, &maker, reserve.clone()).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(answer.problem()["code"], "lot_expired");
        let ship = json!({"kind": "ship", "lot": lot, "doses": 10, "to": "ETH"});
        let answer = move_doses(&later, &maker, ship).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(answer.problem()["code"], "lot_expired");
        let expire = json!({"kind": "expire", "lot": lot, "doses": 990});
        let answer = move_doses(&later, &maker, expire).await;
        assert_eq!(answer.status, StatusCode::CREATED, "{:?}", answer.json());
        let journal = send(&later, get_request(&format!("/api/v1/movements?lot={lot}"), Some(&maker))).await.json();
        assert_eq!(kinds(&journal), ["release", "reserve", "expire"]);
        // On its last day it could still move.
        let last_day = common::app_with(common::state_at(store.clone(), app::Timestamp::parse("2022-03-31T23:00:00.000Z").unwrap()));
        let maker = token(&last_day, "maker@x.example").await;
        let unreserve = json!({"kind": "unreserve", "lot": lot, "doses": 10});
        assert_eq!(move_doses(&last_day, &maker, unreserve).await.status, StatusCode::CREATED);
        verified(&store).await;
    }
}

store_test! {
    async fn the_audit_trail_shows_each_party_what_concerns_it(store: Store) {
        install(&store).await;
        let app = app(store.clone());
        let tokens = tokens(&app).await;
        let lot = product_and_lot(&app, &tokens.maker, 1_000).await;
        let maker = user_id(&store, "maker@x.example").await;
        let reserved = move_doses(&app, &tokens.maker, json!({"kind": "reserve", "lot": lot, "doses": 100})).await.json();
        let shipped = move_doses(&app, &tokens.maker, json!({"kind": "ship", "lot": lot, "doses": 100, "to": "ETH"})).await.json();
        let received = move_doses(&app, &tokens.eth, json!({"kind": "receive", "lot": lot, "doses": 100})).await.json();
        let audit = |uri: String, token: &str| {
            let request = get_request(&uri, Some(token));
            let app = app.clone();
            async move {
                let answer = send(&app, request).await;
                assert_eq!(answer.status, StatusCode::OK, "{uri}: {:?}", answer.json());
                answer.json()
            }
        };
        // The lot's trail: its registration, by the maker's official, then every movement
        // of it.
        let lot_uri = format!("/api/v1/audit?kind=lot&id={lot}");
        let events = audit(lot_uri.clone(), &tokens.maker).await;
        let trail = |events: &Value| -> Vec<String> {
            events
                .as_array()
                .unwrap()
                .iter()
                .map(|event| match event["detail"]["kind"].as_str() {
                    Some(kind) => format!("{} {kind}", event["action"].as_str().unwrap()),
                    None => event["action"].as_str().unwrap().to_owned(),
                })
                .collect()
        };
        assert_eq!(
            trail(&events),
            ["lot.registered", "movement.recorded release", "movement.recorded reserve", "movement.recorded ship", "movement.recorded receive"],
            "{events}"
        );
        let registered = &events[0];
        assert_eq!(registered["action"], "lot.registered");
        assert_eq!(registered["actor"], json!({"user": maker.0, "party": "maker"}));
        assert_eq!(registered["object"], json!({"kind": "lot", "id": lot.to_string()}));
        assert_eq!(registered["at"], common::NOW);
        assert_eq!(registered["detail"]["doses"], 1_000);
        let eth = user_id(&store, "eth@x.example").await;
        assert_eq!(events[4]["actor"], json!({"user": eth.0, "party": "ETH"}));
        // An organization reads the whole trail; the country the doses went to, the events
        // that concern it; an unrelated country, nothing.
        assert_eq!(audit(lot_uri.clone(), &tokens.covax).await, events);
        assert_eq!(trail(&audit(lot_uri.clone(), &tokens.eth).await), ["movement.recorded ship", "movement.recorded receive"]);
        assert_eq!(audit(lot_uri.clone(), &tokens.tcd).await, json!([]));
        assert_eq!(audit(lot_uri, &tokens.rival).await, json!([]));
        // A movement is read by the parties it concerns and by organizations, not by an
        // unrelated country.
        let ship = shipped["id"].as_i64().unwrap();
        let ship_uri = format!("/api/v1/audit?kind=movement&id={ship}");
        for reader in [&tokens.maker, &tokens.eth, &tokens.viewer, &tokens.covax] {
            let events = audit(ship_uri.clone(), reader).await;
            let actions: Vec<&str> = events.as_array().unwrap().iter().map(|event| event["action"].as_str().unwrap()).collect();
            assert_eq!(actions, ["movement.recorded"], "{events}");
            assert_eq!(events[0]["actor"]["party"], "maker");
            assert_eq!(events[0]["detail"]["to"]["holder"], "ETH");
        }
        assert_eq!(audit(ship_uri.clone(), &tokens.tcd).await, json!([]));
        assert_eq!(audit(ship_uri, &tokens.rival).await, json!([]));
        // Nor does the unrelated country see any other event of the lot's journey.
        for movement in [&reserved, &received] {
            let uri = format!("/api/v1/audit?kind=movement&id={}", movement["id"]);
            assert_eq!(audit(uri.clone(), &tokens.tcd).await, json!([]));
            assert_eq!(audit(uri, &tokens.covax).await.as_array().unwrap().len(), 1);
        }
        let everything = audit("/api/v1/audit?kind=movement".to_owned(), &tokens.tcd).await;
        assert_eq!(everything, json!([]));
        let eth_sees = audit("/api/v1/audit?kind=movement".to_owned(), &tokens.eth).await;
        let ids: Vec<i64> = eth_sees.as_array().unwrap().iter().map(|event| event["object"]["id"].as_str().unwrap().parse().unwrap()).collect();
        assert_eq!(ids, [ship, received["id"].as_i64().unwrap()]);
        // An id without its kind is refused.
        let answer = send(&app, get_request(&format!("/api/v1/audit?id={lot}"), Some(&tokens.maker))).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(answer.problem()["errors"][0]["field"], "kind");
    }
}
