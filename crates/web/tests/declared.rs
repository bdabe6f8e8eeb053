//! What every route answers is what the OpenAPI document declares: each operation is probed
//! as anonymous, by the roles of each party kind, with a body that is missing, malformed, not
//! JSON, empty, too large, and with an unknown query parameter, and every status seen must be
//! one of the operation's declared responses. A new route is probed by itself, from the
//! document.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use axum::body::Body;
use axum::http::Request;
use common::{app, load_snapshot, send};
use domain::access::UserId;
use domain::ledger::PartyCode;
use domain::party::{Party, PartyKind, Role};
use domain::time::Timestamp;
use serde_json::Value;
use store::{Store, store_test};

/// Parties and an official, a viewer or an admin of each kind, each with a bearer token named
/// after its email.
async fn install(store: &Store) -> Vec<String> {
    load_snapshot(store).await;
    let hash = app::secrets::hash_password("a long test password").unwrap();
    let now = Timestamp::parse("2021-08-06T00:00:00.000Z").unwrap();
    let later = Timestamp::parse("2099-01-01T00:00:00.000Z").unwrap();
    let users = [
        ("admin@x.example", "operator", Role::Admin),
        ("maker@x.example", "maker", Role::Official),
        ("covax@x.example", "covax", Role::Official),
        ("eth@x.example", "ETH", Role::Official),
        ("eth-viewer@x.example", "ETH", Role::Viewer),
    ];
    let (hash, users_ref) = (&hash, &users);
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
            for (email, party, role) in users_ref {
                let id: UserId = tx
                    .create_user(&store::accounts::NewUser {
                        email,
                        password_hash: hash,
                        party: &PartyCode::parse(party).unwrap(),
                        role: *role,
                    })
                    .await?;
                tx.create_api_token(&app::secrets::token_digest(email), id, "probe", now, later)
                    .await?;
            }
            Ok::<_, store::StoreError>(())
        })
        .await
        .unwrap();
    users
        .iter()
        .map(|(email, _, _)| (*email).to_owned())
        .collect()
}

fn concrete(path: &str) -> String {
    path.replace("{id}", "1").replace("{code}", "ETH")
}

store_test! {
    async fn every_answer_is_declared(store: Store) {
        let tokens = install(&store).await;
        let application = app(store.clone());
        let document = send(&application, Request::get("/api/v1/openapi.json").body(Body::empty()).unwrap()).await.json();
        let mut undeclared: BTreeMap<String, BTreeSet<u16>> = BTreeMap::new();
        let mut probes = 0;
        for (path, item) in document["paths"].as_object().unwrap() {
            for (method, operation) in item.as_object().unwrap() {
                if !["get", "post", "put", "delete", "patch"].contains(&method.as_str()) {
                    continue;
                }
                let declared: BTreeSet<String> = operation["responses"].as_object().unwrap().keys().cloned().collect();
                let has_body = operation.get("requestBody").is_some();
                let mut bodies: Vec<(Option<&str>, Vec<u8>)> = vec![(None, Vec::new())];
                if has_body {
                    bodies.push((Some("application/json"), b"{\"unfinished\":".to_vec()));
                    bodies.push((Some("text/plain"), b"{}".to_vec()));
                    bodies.push((Some("application/json"), b"{}".to_vec()));
                    bodies.push((Some("application/json"), b"{\"a\":1,\"a\":2}".to_vec()));
                    bodies.push((Some("application/json"), vec![b' '; web::REQUEST_BODY_BYTES_MAX + 10]));
                }
                let mut queries = vec![String::new()];
                if method == "get" {
                    queries.push("?unknown_parameter=1".to_owned());
                }
                let callers: Vec<Option<&String>> = std::iter::once(None).chain(tokens.iter().map(Some)).collect();
                for caller in &callers {
                    for (content_type, body) in &bodies {
                        for query in &queries {
                            let uri = format!("{}{query}", concrete(path));
                            let mut request = Request::builder().method(method.to_uppercase().as_str()).uri(uri);
                            if let Some(token) = caller {
                                request = request.header("authorization", format!("Bearer {token}"));
                            }
                            if let Some(content_type) = content_type {
                                request = request.header("content-type", *content_type);
                            }
                            let answer = send(&application, request.body(Body::from(body.clone())).unwrap()).await;
                            probes += 1;
                            let status = answer.status.as_u16();
                            if !declared.contains(&status.to_string()) && status != 500 {
                                undeclared.entry(format!("{} {path}", method.to_uppercase())).or_default().insert(status);
                            }
                            assert_ne!(status, 500, "{} {path} answered 500: {:?}", method.to_uppercase(), String::from_utf8_lossy(&answer.body));
                        }
                    }
                }
            }
        }
        assert!(probes > 300, "only {probes} probes");
        assert!(undeclared.is_empty(), "statuses answered but not declared: {undeclared:#?}");
        let _: Value = document;
    }
}
