//! The platform's endpoints end to end, on both backends: sign-in, the ledger's flows,
//! authorization on every object, idempotency, races, CSRF and throttling.

mod common;

use std::collections::BTreeMap;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{Answer, app, load_snapshot, send};
use domain::ledger::PartyCode;
use domain::party::{Party, PartyKind, Role};
use serde_json::{Value, json};
use store::{Store, store_test};

const PASSWORD: &str = "a long test password";

/// Parties and one user per role of interest; returns the store, ready.
async fn install(store: &Store) {
    load_snapshot(store).await;
    let hash = web::secrets::hash_password(PASSWORD).unwrap();
    let mut transaction = store.begin_write().await.unwrap();
    for (code, kind) in [
        ("maker", PartyKind::Manufacturer),
        ("rival", PartyKind::Manufacturer),
        ("covax", PartyKind::Organization),
        ("operator", PartyKind::Organization),
    ] {
        store::accounts::create_party(
            &mut transaction,
            &Party {
                code: PartyCode::parse(code).unwrap(),
                kind,
                name: code.into(),
                population: None,
                income_group: None,
            },
        )
        .await
        .unwrap();
    }
    for (email, party, role) in [
        ("admin@x.example", "operator", Role::Admin),
        ("maker@x.example", "maker", Role::Official),
        ("rival@x.example", "rival", Role::Official),
        ("covax@x.example", "covax", Role::Official),
        ("eth@x.example", "ETH", Role::Official),
        ("eth-viewer@x.example", "ETH", Role::Viewer),
        ("tcd@x.example", "TCD", Role::Official),
        ("disabled@x.example", "ETH", Role::Official),
    ] {
        store::accounts::create_user(
            &mut transaction,
            &store::accounts::NewUser {
                email,
                password_hash: &hash,
                party: &PartyCode::parse(party).unwrap(),
                role,
            },
        )
        .await
        .unwrap();
    }
    transaction.commit().await.unwrap();
    let (disabled, _) = store
        .user_by_email("disabled@x.example")
        .await
        .unwrap()
        .unwrap();
    // Its token is made first, then the user disabled: the token must stop working.
    store
        .create_api_token(
            &web::secrets::token_digest("eqd_disabled"),
            disabled.id,
            "old",
        )
        .await
        .unwrap();
    store.set_user_disabled(disabled.id, true).await.unwrap();
}

fn json_request(method: &str, uri: &str, token: Option<&str>, body: Value) -> Request<Body> {
    let mut builder = Request::builder()
        .method(method)
        .uri(uri)
        .header("content-type", "application/json");
    if let Some(token) = token {
        builder = builder.header("authorization", format!("Bearer {token}"));
    }
    builder.body(Body::from(body.to_string())).unwrap()
}

fn get_request(uri: &str, token: Option<&str>) -> Request<Body> {
    let mut builder = Request::get(uri);
    if let Some(token) = token {
        builder = builder.header("authorization", format!("Bearer {token}"));
    }
    builder.body(Body::empty()).unwrap()
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
        let answer = send(&app, get_request(&format!("/api/v1/balances?lot={lot}"), Some(&tokens.eth))).await;
        let balances: BTreeMap<String, i64> = answer
            .json()
            .as_array()
            .unwrap()
            .iter()
            .filter(|balance| balance["doses"].as_i64() != Some(0))
            .map(|balance| (format!("{}/{}", balance["holder"].as_str().unwrap(), balance["state"].as_str().unwrap()), balance["doses"].as_i64().unwrap()))
            .collect();
        insta::assert_json_snapshot!("journey_balances", balances);
        let journal = send(&app, get_request(&format!("/api/v1/movements?lot={lot}"), Some(&tokens.eth))).await.json();
        let kinds: Vec<&str> = journal.as_array().unwrap().iter().map(|entry| entry["kind"].as_str().unwrap()).collect();
        assert_eq!(kinds, ["release", "reserve", "ship", "receive", "reserve", "ship", "receive", "administer", "waste", "expire"]);
        verified(&store).await;
    }
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
        // (caller, request, expected status): the matrix of who may do what.
        let cases: Vec<(&str, Option<&str>, Request<Body>, StatusCode)> = vec![
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
        ];
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
    async fn repeated_wrong_passwords_are_throttled_per_account(store: Store) {
        install(&store).await;
        let app = app(store.clone());
        let attempt = |password: &str| json_request("POST", "/api/v1/session", None, json!({"email": "eth@x.example", "password": password}));
        for _ in 0..5 {
            assert_eq!(send(&app, attempt("wrong password!")).await.status, StatusCode::UNAUTHORIZED);
        }
        let throttled = send(&app, attempt(PASSWORD)).await;
        assert_eq!(throttled.status, StatusCode::TOO_MANY_REQUESTS);
        assert!(throttled.header("retry-after").is_some());
        // Unknown emails and disabled users get the same answer as a wrong password.
        let unknown = send(&app, json_request("POST", "/api/v1/session", None, json!({"email": "nobody@x.example", "password": PASSWORD}))).await;
        let disabled = send(&app, json_request("POST", "/api/v1/session", None, json!({"email": "disabled@x.example", "password": PASSWORD}))).await;
        assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
        assert_eq!(unknown.json()["detail"], disabled.json()["detail"]);
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
        let lots_before = store.lots(None, 0, 100).await.unwrap().len();
        let lot = json!({"gs1": "(01)09501101530004(17)220331(10)AB9999", "doses": 100});
        let answer = send(&app, json_request("POST", "/api/v1/lots", Some(&tokens.maker), lot)).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
        insta::assert_json_snapshot!("wrong_check_digit", answer.problem());
        let missing = json!({"product": "VAX1", "doses": 0});
        let answer = send(&app, json_request("POST", "/api/v1/lots", Some(&tokens.maker), missing)).await;
        insta::assert_json_snapshot!("lot_fields_missing", answer.problem());
        assert_eq!(store.lots(None, 0, 100).await.unwrap().len(), lots_before);
        verified(&store).await;
    }
}
