//! Replays generated from the OpenAPI document, on both backends: every operation that
//! creates, moves or changes something is sent with an `Idempotency-Key`, then sent again with
//! it one after the other and eight at once. Every replay answers the first answer (status
//! and body, with `Idempotent-Replayed: true`, or 409 while the first is still running) and
//! nothing happens twice: the trail and the journal grow by the first request's effect only.
//! An operation of the document without its row here fails the test, so a new route is
//! covered as soon as it exists.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{Answer, app, officials, send};
use domain::party::PartyKind;
use serde_json::{Value, json};
use store::{Store, store_test};

/// Operations that take no key, each with the reason: none of them creates or moves
/// anything a retry could double.
const WITHOUT_KEYS: &[(&str, &str, &str)] = &[
    (
        "POST",
        "/api/v1/session",
        "signing in makes a new session each time by design; an answer carrying a credential is never stored to be replayed",
    ),
    (
        "DELETE",
        "/api/v1/session",
        "signing out twice leaves the same state: no session",
    ),
    (
        "POST",
        "/api/v1/tokens",
        "a token's secret is shown once and never stored, so its answer cannot be replayed; a retry makes a second token the caller can revoke",
    ),
    (
        "DELETE",
        "/api/v1/tokens/{id}",
        "revoking twice leaves the same state: revoked",
    ),
    (
        "DELETE",
        "/api/v1/webhooks/{id}",
        "removing twice leaves the same state: removed",
    ),
    (
        "POST",
        "/api/v1/notifications/read",
        "marking read twice leaves the same state: read",
    ),
    (
        "POST",
        "/api/v1/rounds/{id}/compute",
        "computing is repeatable by design: the same draft and data give the same proposal",
    ),
    (
        "PATCH",
        "/api/v1/rounds/{id}",
        "it replaces the draft's fields with those given: sent twice, the draft is the same",
    ),
];

/// A fresh request for one operation, and who sends it.
struct Prepared {
    token: &'static str,
    uri: String,
    body: Option<Value>,
}

/// The world the rows act in: the officials' tokens are their codes.
struct World {
    app: Router,
    store: Store,
    /// A lot of the maker's with plenty of doses; another at the pool.
    lot: i64,
    pool_lot: i64,
    counter: AtomicUsize,
}

impl World {
    fn next(&self) -> usize {
        self.counter.fetch_add(1, Ordering::Relaxed)
    }

    async fn call(&self, token: &str, method: &str, uri: &str, body: Option<Value>) -> Value {
        let answer = send(&self.app, request(token, method, uri, body.as_ref(), None)).await;
        assert!(
            answer.status.is_success(),
            "{method} {uri}: {} {}",
            answer.status,
            String::from_utf8_lossy(&answer.body)
        );
        answer.json()
    }

    async fn create(&self, token: &str, uri: &str, body: Value) -> i64 {
        self.call(token, "POST", uri, Some(body)).await["id"]
            .as_i64()
            .expect("an id")
    }

    async fn request(&self) -> i64 {
        self.create(
            "ETH",
            "/api/v1/requests",
            json!({"doses": 10, "needed_by": "2021-12-31"}),
        )
        .await
    }

    async fn shipment(&self) -> i64 {
        self.create(
            "maker",
            "/api/v1/shipments",
            json!({"lot": self.lot, "doses": 1, "to": "ETH"}),
        )
        .await
    }

    async fn round(&self, publish: bool) -> i64 {
        let request = self.request().await;
        let round = self
            .create(
                "covax",
                "/api/v1/rounds",
                json!({"date": "2021-08-06", "lots": [{"lot": self.pool_lot, "doses": 10}], "requests": [request]}),
            )
            .await;
        self.call(
            "covax",
            "POST",
            &format!("/api/v1/rounds/{round}/compute"),
            None,
        )
        .await;
        if publish {
            self.call(
                "covax",
                "POST",
                &format!("/api/v1/rounds/{round}/publish"),
                None,
            )
            .await;
        }
        round
    }

    async fn offer(&self) -> i64 {
        self.create(
            "maker",
            "/api/v1/offers",
            json!({"product": "VAX1", "doses": 100, "available_from": "2021-08-15", "available_to": "2021-10-31", "to": "ETH"}),
        )
        .await
    }

    async fn agreement(&self) -> i64 {
        self.create(
            "maker",
            "/api/v1/agreements",
            json!({"kind": "supply", "supplier": "maker", "recipient": "ETH", "doses": 10, "product": "VAX1"}),
        )
        .await
    }

    async fn partnership(&self) -> i64 {
        self.create(
            "maker",
            "/api/v1/partnerships",
            json!({"manufacturer": "maker", "partner": "ETH", "product": "VAX1", "site": "Addis Ababa", "kind": "fill_finish", "capacity_per_year": 1_000}),
        )
        .await
    }

    async fn user(&self) -> i64 {
        let n = self.next();
        self.create(
            "admin",
            "/api/v1/users",
            json!({"email": format!("user{n}@x.example"), "password": "a long test password", "party": "ETH", "role": "viewer"}),
        )
        .await
    }

    /// A fresh instance of the operation `method template`, or `None` when it has no row.
    async fn prepare(&self, method: &str, template: &str) -> Option<Prepared> {
        let n = self.next();
        let (token, uri, body) = match (method, template) {
            ("POST", "/api/v1/movements") => (
                "maker",
                template.to_owned(),
                Some(json!({"kind": "reserve", "lot": self.lot, "doses": 1})),
            ),
            ("POST", "/api/v1/products") => (
                "maker",
                template.to_owned(),
                Some(
                    json!({"code": format!("P{n}"), "name": "A product", "doses_per_course": 1, "storage": "2-8C", "shelf_life_days": 90}),
                ),
            ),
            ("POST", "/api/v1/lots") => (
                "maker",
                template.to_owned(),
                Some(
                    json!({"product": "VAX1", "lot_number": format!("R{n}"), "expiry": "2030-01-31", "doses": 10}),
                ),
            ),
            ("POST", "/api/v1/capacity") => (
                "maker",
                template.to_owned(),
                Some(
                    json!({"product": "VAX1", "month": format!("{}-{:02}", 2022 + n / 12, n % 12 + 1), "doses": 1_000}),
                ),
            ),
            ("POST", "/api/v1/parties") => (
                "admin",
                template.to_owned(),
                Some(
                    json!({"kind": "organization", "code": format!("org{n}"), "name": "An organization"}),
                ),
            ),
            ("POST", "/api/v1/users") => (
                "admin",
                template.to_owned(),
                Some(
                    json!({"email": format!("new{n}@x.example"), "password": "a long test password", "party": "ETH", "role": "viewer"}),
                ),
            ),
            ("POST", "/api/v1/users/{id}/disable") => (
                "admin",
                format!("/api/v1/users/{}/disable", self.user().await),
                None,
            ),
            ("POST", "/api/v1/users/{id}/enable") => {
                let user = self.user().await;
                self.call(
                    "admin",
                    "POST",
                    &format!("/api/v1/users/{user}/disable"),
                    None,
                )
                .await;
                ("admin", format!("/api/v1/users/{user}/enable"), None)
            }
            ("POST", "/api/v1/webhooks") => (
                "maker",
                template.to_owned(),
                Some(
                    json!({"url": format!("https://erp{n}.maker.example/hook"), "events": ["shipment.dispatched"]}),
                ),
            ),
            ("POST", "/api/v1/requests") => (
                "ETH",
                template.to_owned(),
                Some(json!({"doses": 10, "needed_by": "2021-12-31"})),
            ),
            ("POST", "/api/v1/requests/{id}/withdraw") => (
                "ETH",
                format!("/api/v1/requests/{}/withdraw", self.request().await),
                None,
            ),
            ("POST", "/api/v1/pledges") => (
                "maker",
                template.to_owned(),
                Some(json!({"doses": 100, "by": "2021-12-31", "to": "ETH"})),
            ),
            ("POST", "/api/v1/pledges/{id}/withdraw") => {
                let pledge = self
                    .create(
                        "maker",
                        "/api/v1/pledges",
                        json!({"doses": 100, "by": "2021-12-31", "to": "ETH"}),
                    )
                    .await;
                ("maker", format!("/api/v1/pledges/{pledge}/withdraw"), None)
            }
            ("POST", "/api/v1/shipments") => (
                "maker",
                template.to_owned(),
                Some(json!({"lot": self.lot, "doses": 1, "to": "ETH"})),
            ),
            ("POST", "/api/v1/shipments/{id}/dispatch") => (
                "maker",
                format!("/api/v1/shipments/{}/dispatch", self.shipment().await),
                None,
            ),
            ("POST", "/api/v1/shipments/{id}/cancel") => (
                "maker",
                format!("/api/v1/shipments/{}/cancel", self.shipment().await),
                None,
            ),
            ("POST", "/api/v1/shipments/{id}/confirm") => {
                let shipment = self.shipment().await;
                let dispatch = format!("/api/v1/shipments/{shipment}/dispatch");
                self.call("maker", "POST", &dispatch, None).await;
                ("ETH", format!("/api/v1/shipments/{shipment}/confirm"), None)
            }
            ("POST", "/api/v1/rounds") => {
                let request = self.request().await;
                (
                    "covax",
                    template.to_owned(),
                    Some(
                        json!({"date": "2021-08-06", "lots": [{"lot": self.pool_lot, "doses": 10}], "requests": [request]}),
                    ),
                )
            }
            ("POST", "/api/v1/rounds/{id}/publish") => (
                "covax",
                format!("/api/v1/rounds/{}/publish", self.round(false).await),
                None,
            ),
            ("POST", "/api/v1/rounds/{id}/close") => (
                "covax",
                format!("/api/v1/rounds/{}/close", self.round(true).await),
                None,
            ),
            ("POST", "/api/v1/rounds/{id}/responses") => (
                "ETH",
                format!("/api/v1/rounds/{}/responses", self.round(true).await),
                Some(json!({"decision": "accept"})),
            ),
            ("POST", "/api/v1/expiry-risk/propose") => (
                "maker",
                template.to_owned(),
                Some(json!({"lot": self.lot, "doses": 5, "organization": "covax"})),
            ),
            ("POST", "/api/v1/offers") => (
                "maker",
                template.to_owned(),
                Some(
                    json!({"product": "VAX1", "doses": 100, "available_from": "2021-08-15", "available_to": "2021-10-31", "to": "ETH"}),
                ),
            ),
            ("POST", "/api/v1/offers/{id}/accept") => (
                "ETH",
                format!("/api/v1/offers/{}/accept", self.offer().await),
                Some(json!({"doses": 40})),
            ),
            ("POST", "/api/v1/offers/{id}/decline") => (
                "ETH",
                format!("/api/v1/offers/{}/decline", self.offer().await),
                None,
            ),
            ("POST", "/api/v1/offers/{id}/withdraw") => (
                "maker",
                format!("/api/v1/offers/{}/withdraw", self.offer().await),
                None,
            ),
            ("POST", "/api/v1/agreements") => (
                "maker",
                template.to_owned(),
                Some(
                    json!({"kind": "supply", "supplier": "maker", "recipient": "ETH", "doses": 10, "product": "VAX1"}),
                ),
            ),
            ("POST", "/api/v1/agreements/{id}/sign") => (
                "ETH",
                format!("/api/v1/agreements/{}/sign", self.agreement().await),
                None,
            ),
            ("POST", "/api/v1/agreements/{id}/cancel") => (
                "maker",
                format!("/api/v1/agreements/{}/cancel", self.agreement().await),
                None,
            ),
            ("POST", "/api/v1/partnerships") => (
                "maker",
                template.to_owned(),
                Some(
                    json!({"manufacturer": "maker", "partner": "ETH", "product": "VAX1", "site": format!("Site {n}"), "kind": "fill_finish", "capacity_per_year": 1_000}),
                ),
            ),
            ("POST", "/api/v1/partnerships/{id}/negotiate") => (
                "ETH",
                format!(
                    "/api/v1/partnerships/{}/negotiate",
                    self.partnership().await
                ),
                None,
            ),
            ("POST", "/api/v1/partnerships/{id}/abandon") => (
                "maker",
                format!("/api/v1/partnerships/{}/abandon", self.partnership().await),
                None,
            ),
            ("POST", "/api/v1/partnerships/{id}/agree") => {
                let partnership = self.partnership().await;
                let negotiate = format!("/api/v1/partnerships/{partnership}/negotiate");
                self.call("ETH", "POST", &negotiate, None).await;
                (
                    "maker",
                    format!("/api/v1/partnerships/{partnership}/agree"),
                    None,
                )
            }
            ("POST", "/api/v1/partnerships/{id}/start_production") => {
                let partnership = self.partnership().await;
                for (token, action) in [("ETH", "negotiate"), ("maker", "agree")] {
                    let uri = format!("/api/v1/partnerships/{partnership}/{action}");
                    self.call(token, "POST", &uri, None).await;
                }
                (
                    "maker",
                    format!("/api/v1/partnerships/{partnership}/start_production"),
                    None,
                )
            }
            ("POST", "/api/v1/meetings") => (
                "covax",
                template.to_owned(),
                Some(
                    json!({"title": format!("Meeting {n}"), "date": "2021-08-05", "parties": ["ETH", "maker"]}),
                ),
            ),
            ("POST", "/api/v1/meetings/{id}/outcomes") => {
                let meeting = self
                    .create(
                        "covax",
                        "/api/v1/meetings",
                        json!({"title": "A meeting", "date": "2021-08-05", "parties": ["ETH", "maker"]}),
                    )
                    .await;
                let pledge = self
                    .create(
                        "maker",
                        "/api/v1/pledges",
                        json!({"doses": 100, "by": "2021-12-31", "to": "ETH"}),
                    )
                    .await;
                (
                    "covax",
                    format!("/api/v1/meetings/{meeting}/outcomes"),
                    Some(json!({"kind": "pledge", "id": pledge})),
                )
            }
            ("POST", "/api/v1/threads") => (
                "ETH",
                template.to_owned(),
                Some(json!({"subject": format!("Subject {n}"), "parties": ["maker"]})),
            ),
            ("POST", "/api/v1/threads/{id}/messages") => {
                let thread = self
                    .create(
                        "ETH",
                        "/api/v1/threads",
                        json!({"subject": "Cold chain", "parties": ["maker"]}),
                    )
                    .await;
                (
                    "maker",
                    format!("/api/v1/threads/{thread}/messages"),
                    Some(json!({"body": format!("Message {n}")})),
                )
            }
            _ => return None,
        };
        Some(Prepared { token, uri, body })
    }

    /// What has happened so far: events in the trail and movements in the journal.
    async fn effects(&self) -> (usize, usize) {
        self.store
            .read(|tx| async move {
                let events = tx
                    .events(&store::audit::EventFilter {
                        limit: 1_000_000,
                        ..Default::default()
                    })
                    .await?
                    .len();
                let movements = tx
                    .movements(&store::ledger::MovementFilter {
                        lot: None,
                        involving: None,
                        after: None,
                        limit: 1_000_000,
                    })
                    .await?
                    .len();
                Ok::<_, store::StoreError>((events, movements))
            })
            .await
            .expect("the trail and the journal are read")
    }
}

fn request(
    token: &str,
    method: &str,
    uri: &str,
    body: Option<&Value>,
    key: Option<&str>,
) -> Request<Body> {
    let mut builder = Request::builder()
        .method(method)
        .uri(uri)
        .header("authorization", format!("Bearer {token}"));
    if let Some(key) = key {
        builder = builder.header("idempotency-key", key);
    }
    let body = match body {
        Some(body) => {
            builder = builder.header("content-type", "application/json");
            Body::from(body.to_string())
        }
        None => Body::empty(),
    };
    builder.body(body).expect("a request")
}

fn text(answer: &Answer) -> String {
    String::from_utf8_lossy(&answer.body).into_owned()
}

/// (method, path template) of every operation of the document that is not a read.
fn writing_operations() -> Vec<(String, String)> {
    let document = serde_json::to_value(web::openapi::document()).expect("the document");
    let mut operations = Vec::new();
    for (path, item) in document["paths"].as_object().expect("paths") {
        for method in ["post", "put", "patch", "delete"] {
            if item.get(method).is_some() {
                operations.push((method.to_uppercase(), path.clone()));
            }
        }
    }
    operations
}

async fn install(store: &Store) -> World {
    officials(
        store,
        &[
            ("maker", PartyKind::Manufacturer),
            ("covax", PartyKind::Organization),
            ("operator", PartyKind::Organization),
        ],
        &["maker", "covax", "ETH"],
    )
    .await;
    // An administrator whose token is "admin".
    let at = common::now();
    store
        .write(|tx| async move {
            let user = tx
                .create_user(&store::accounts::NewUser {
                    email: "admin@x.example",
                    password_hash: "unused",
                    party: &domain::ledger::PartyCode::parse("operator").expect("a code"),
                    role: domain::party::Role::Admin,
                })
                .await?;
            tx.create_api_token(
                &app::secrets::token_digest("admin"),
                user,
                "test",
                at,
                at.plus(chrono::Duration::days(365 * 80)),
            )
            .await
        })
        .await
        .expect("the administrator");
    let world = World {
        app: app(store.clone()),
        store: store.clone(),
        lot: 0,
        pool_lot: 0,
        counter: AtomicUsize::new(0),
    };
    world
        .call(
            "maker",
            "POST",
            "/api/v1/products",
            Some(
                json!({"code": "VAX1", "name": "Vaccine one", "doses_per_course": 2, "storage": "2-8C", "shelf_life_days": 365}),
            ),
        )
        .await;
    let lot = world
        .create(
            "maker",
            "/api/v1/lots",
            json!({"product": "VAX1", "lot_number": "MANY", "expiry": "2030-01-31", "doses": 1_000_000}),
        )
        .await;
    let pool_lot = world
        .create(
            "maker",
            "/api/v1/lots",
            json!({"product": "VAX1", "lot_number": "POOL", "expiry": "2030-01-31", "doses": 1_000_000}),
        )
        .await;
    let shipment = world
        .create(
            "maker",
            "/api/v1/shipments",
            json!({"lot": pool_lot, "doses": 100_000, "to": "covax"}),
        )
        .await;
    world
        .call(
            "maker",
            "POST",
            &format!("/api/v1/shipments/{shipment}/dispatch"),
            None,
        )
        .await;
    world
        .call(
            "covax",
            "POST",
            &format!("/api/v1/shipments/{shipment}/confirm"),
            None,
        )
        .await;
    World {
        lot,
        pool_lot,
        ..world
    }
}

store_test! {
    async fn every_write_replayed_with_its_key_answers_its_first_answer_and_happens_once(store: Store) {
        let world = install(&store).await;
        let mut missing = Vec::new();
        let mut replayed = 0;
        for (method, template) in writing_operations() {
            if WITHOUT_KEYS.iter().any(|(m, t, _)| *m == method && *t == template) {
                continue;
            }
            let operation = format!("{method} {template}");
            // One after the other: the first answer, then the same again, once.
            let Some(prepared) = world.prepare(&method, &template).await else {
                missing.push(operation);
                continue;
            };
            let key = format!("once-{}", world.next());
            let make = |prepared: &Prepared, key: &str| {
                request(prepared.token, &method, &prepared.uri, prepared.body.as_ref(), Some(key))
            };
            let before = world.effects().await;
            let first = send(&world.app, make(&prepared, &key)).await;
            assert!(first.status.is_success(), "{operation}: {} {}", first.status, text(&first));
            assert_eq!(first.header("idempotent-replayed"), None, "{operation}");
            let after_first = world.effects().await;
            assert_ne!(after_first, before, "{operation}: the first request left no trace");
            let first_effect = (after_first.0 - before.0, after_first.1 - before.1);
            for _ in 0..2 {
                let again = send(&world.app, make(&prepared, &key)).await;
                assert_eq!(again.status, first.status, "{operation}: {}", text(&again));
                assert_eq!(again.header("idempotent-replayed"), Some("true"), "{operation}");
                assert_eq!(again.json(), first.json(), "{operation}");
                replayed += 1;
            }
            assert_eq!(world.effects().await, after_first, "{operation}: a replay had an effect");

            // Eight at once on a fresh instance: one effect, the first answer to all, or 409
            // to those that came while it ran.
            let prepared = world.prepare(&method, &template).await.expect("a row");
            let key = format!("together-{}", world.next());
            let before = world.effects().await;
            let tasks: Vec<_> = (0..8)
                .map(|_| {
                    let (app, request) = (world.app.clone(), make(&prepared, &key));
                    tokio::spawn(async move { send(&app, request).await })
                })
                .collect();
            let mut answers = Vec::new();
            for task in tasks {
                answers.push(task.await.expect("a request ends"));
            }
            let successes: Vec<&Answer> = answers.iter().filter(|answer| answer.status.is_success()).collect();
            assert!(!successes.is_empty(), "{operation}: no success among {:?}", answers.iter().map(text).collect::<Vec<_>>());
            for answer in &answers {
                if answer.status.is_success() {
                    assert_eq!(answer.json(), successes[0].json(), "{operation}: two different answers to one key");
                } else {
                    assert_eq!(answer.status, StatusCode::CONFLICT, "{operation}: {}", text(answer));
                }
            }
            assert_eq!(
                successes.iter().filter(|answer| answer.header("idempotent-replayed").is_none()).count(),
                1,
                "{operation}: more than one first answer"
            );
            let after = world.effects().await;
            assert_eq!(
                (after.0 - before.0, after.1 - before.1),
                first_effect,
                "{operation}: eight at once had another effect than one"
            );
            replayed += 7;
        }
        assert!(missing.is_empty(), "operations without a replay row: {missing:#?}");
        assert!(replayed > 100, "{replayed}");
        common::verified(&store).await;
    }
}
