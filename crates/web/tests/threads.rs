//! Threads and messages end to end, on both backends (`cooperation.md`, 6 "Threads", "Who
//! sees what" and "Audit trail"): a country and a manufacturer talk about a request; no one
//! else reads or writes the thread, organizations and administrators included; unread counts
//! per user; messages never change; bad input names its field; notifications and the trail
//! reach the thread's parties only.

mod common;

use axum::Router;
use axum::http::StatusCode;
use common::{Answer, app, get_request, json_request, load_snapshot, send};
use domain::ledger::PartyCode;
use domain::party::{Party, PartyKind, Role};
use serde_json::{Value, json};
use store::testing::execute_raw;
use store::{Store, StoreError, store_test};

/// Parties and their users; each user's bearer token is the name given here.
async fn install(store: &Store) {
    load_snapshot(store).await;
    let created = common::now();
    let expires = created.plus(chrono::Duration::days(90));
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
            for (token, party, role) in [
                ("eth-a", "ETH", Role::Official),
                ("eth-b", "ETH", Role::Official),
                ("eth-viewer", "ETH", Role::Viewer),
                ("maker-a", "maker", Role::Official),
                ("maker-b", "maker", Role::Official),
                ("tcd", "TCD", Role::Official),
                ("covax", "covax", Role::Official),
                ("admin", "operator", Role::Admin),
            ] {
                let email = format!("{token}@x.example");
                let user = tx
                    .create_user(&store::accounts::NewUser {
                        email: &email,
                        password_hash: "unused",
                        party: &PartyCode::parse(party).unwrap(),
                        role,
                    })
                    .await?;
                tx.create_api_token(
                    &app::secrets::token_digest(token),
                    user,
                    "test",
                    created,
                    expires,
                )
                .await?;
            }
            Ok::<_, StoreError>(())
        })
        .await
        .unwrap();
}

fn text(answer: &Answer) -> String {
    String::from_utf8_lossy(&answer.body).into_owned()
}

async fn post(app: &Router, token: &str, uri: &str, body: Value) -> Answer {
    send(app, json_request("POST", uri, Some(token), body)).await
}

async fn get(app: &Router, token: &str, uri: &str) -> Answer {
    send(app, get_request(uri, Some(token))).await
}

/// The body of a request that must answer `status`.
async fn expect(answer: Answer, status: StatusCode) -> Value {
    assert_eq!(answer.status, status, "{}", text(&answer));
    if answer.body.is_empty() {
        Value::Null
    } else {
        answer.json()
    }
}

/// The unread count `token`'s user sees on `thread` in the list of their threads.
async fn unread(app: &Router, token: &str, thread: i64) -> i64 {
    let threads = expect(get(app, token, "/api/v1/threads").await, StatusCode::OK).await;
    threads
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["id"] == thread)
        .unwrap_or_else(|| panic!("{token} does not list thread {thread}: {threads}"))["unread"]
        .as_i64()
        .unwrap()
}

/// The field named by a 422 answer.
fn field(answer: &Answer) -> String {
    assert_eq!(
        answer.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        text(answer)
    );
    answer.problem()["errors"][0]["field"]
        .as_str()
        .unwrap()
        .to_owned()
}

store_test! {
    async fn a_country_and_a_manufacturer_talk_about_a_request_and_no_one_else_reads_it(store: Store) {
        install(&store).await;
        let app = app(store.clone());
        let request = expect(post(&app, "eth-a", "/api/v1/requests", json!({"doses": 1000, "needed_by": "2021-09-30"})).await, StatusCode::CREATED).await;
        let request_id = request["id"].as_i64().unwrap();
        let about = json!({"kind": "request", "id": request_id});

        // Ethiopia opens the thread; it is among Ethiopia and the maker.
        let thread = expect(post(&app, "eth-a", "/api/v1/threads", json!({"subject": "Cold chain for September", "parties": ["maker", "ETH"], "about": about})).await, StatusCode::CREATED).await;
        let id = thread["id"].as_i64().unwrap();
        assert_eq!(thread["parties"], json!(["ETH", "maker"]));
        assert_eq!(thread["about"], about);
        assert_eq!(thread["created_by"], "ETH");
        assert_eq!(thread["unread"], 0);
        assert_eq!(thread["last_message_at"], Value::Null);
        let thread_uri = format!("/api/v1/threads/{id}");
        let messages_uri = format!("{thread_uri}/messages");

        // A body is stored exactly as written, markup and spacing included.
        let written = "  <script>alert('x')</script>\nዶዝ & ¿qué? \u{1F489}  ";
        let message = expect(post(&app, "eth-a", &messages_uri, json!({"body": written})).await, StatusCode::CREATED).await;
        assert_eq!(message["body"], written);
        assert_eq!(message["thread"], id);
        assert_eq!(message["author"]["party"], "ETH");
        assert!(message["author"]["user"].is_i64());
        let first = message["id"].as_i64().unwrap();

        // Unread counts, per user: the writer's own message is not unread for them; their
        // colleague and the maker's users have one until they read.
        assert_eq!(unread(&app, "eth-a", id).await, 0);
        assert_eq!(unread(&app, "eth-b", id).await, 1);
        assert_eq!(unread(&app, "eth-viewer", id).await, 1);
        assert_eq!(unread(&app, "maker-a", id).await, 1);
        assert_eq!(unread(&app, "maker-b", id).await, 1);
        let read = expect(get(&app, "maker-a", &messages_uri).await, StatusCode::OK).await;
        assert_eq!(read.as_array().unwrap().len(), 1);
        assert_eq!(read[0]["body"], written);
        assert_eq!(unread(&app, "maker-a", id).await, 0);
        assert_eq!(unread(&app, "maker-b", id).await, 1);
        assert_eq!(unread(&app, "eth-b", id).await, 1);
        let seen = expect(get(&app, "eth-b", &thread_uri).await, StatusCode::OK).await;
        assert_eq!(seen["unread"], 1);
        assert_eq!(seen["last_message_at"], message["created_at"]);

        // The maker answers twice; Ethiopia's users have two unread, the maker's writer none.
        for body in ["Yes, at 2-8 °C.", "Lot A7 ships on Monday."] {
            expect(post(&app, "maker-a", &messages_uri, json!({"body": body})).await, StatusCode::CREATED).await;
        }
        assert_eq!(unread(&app, "maker-a", id).await, 0);
        assert_eq!(unread(&app, "maker-b", id).await, 3);
        assert_eq!(unread(&app, "eth-a", id).await, 2);
        // Reading one page marks read up to its last message only.
        let page = get(&app, "eth-a", &format!("{messages_uri}?cursor={first}&limit=1")).await;
        assert!(page.header("next-cursor").is_some(), "{}", text(&page));
        let page = expect(page, StatusCode::OK).await;
        assert_eq!(page.as_array().unwrap().len(), 1);
        assert_eq!(page[0]["body"], "Yes, at 2-8 °C.");
        assert_eq!(unread(&app, "eth-a", id).await, 1);
        // Reading an earlier page again does not move the mark back.
        expect(get(&app, "eth-a", &format!("{messages_uri}?limit=1")).await, StatusCode::OK).await;
        assert_eq!(unread(&app, "eth-a", id).await, 1);
        let all = expect(get(&app, "eth-a", &messages_uri).await, StatusCode::OK).await;
        let bodies: Vec<&str> = all.as_array().unwrap().iter().map(|item| item["body"].as_str().unwrap()).collect();
        assert_eq!(bodies, [written, "Yes, at 2-8 °C.", "Lot A7 ships on Monday."]);
        assert_eq!(unread(&app, "eth-a", id).await, 0);
        assert_eq!(unread(&app, "eth-b", id).await, 3);

        // A third country, an organization outside the thread and the admin: 404 everywhere,
        // and the thread is not in their lists.
        for outsider in ["tcd", "covax", "admin"] {
            assert_eq!(get(&app, outsider, &thread_uri).await.status, StatusCode::NOT_FOUND, "{outsider}");
            assert_eq!(get(&app, outsider, &messages_uri).await.status, StatusCode::NOT_FOUND, "{outsider}");
            let posted = post(&app, outsider, &messages_uri, json!({"body": "Let me in."})).await;
            assert_eq!(posted.status, StatusCode::NOT_FOUND, "{outsider}: {}", text(&posted));
            let listed = expect(get(&app, outsider, "/api/v1/threads").await, StatusCode::OK).await;
            assert_eq!(listed, json!([]), "{outsider}");
        }
        // Ethiopia's viewer reads and cannot write.
        expect(get(&app, "eth-viewer", &messages_uri).await, StatusCode::OK).await;
        assert_eq!(unread(&app, "eth-viewer", id).await, 0);
        let posted = post(&app, "eth-viewer", &messages_uri, json!({"body": "Me too."})).await;
        assert_eq!(posted.status, StatusCode::FORBIDDEN, "{}", text(&posted));

        // Lists filter by what the thread is about.
        let about_it = expect(get(&app, "maker-b", &format!("/api/v1/threads?about_kind=request&about_id={request_id}")).await, StatusCode::OK).await;
        assert_eq!(about_it.as_array().unwrap().len(), 1);
        let about_other = expect(get(&app, "maker-b", "/api/v1/threads?about_kind=round").await, StatusCode::OK).await;
        assert_eq!(about_other, json!([]));
        assert_eq!(field(&get(&app, "maker-b", "/api/v1/threads?about_kind=spaceship").await), "about_kind");

        // Notifications of the messages reach the other party's users only: Ethiopia's
        // users for the maker's two, the maker's for Ethiopia's one; no one else.
        let notified = |token: &'static str| {
            let app = app.clone();
            async move {
                let all = expect(get(&app, token, "/api/v1/notifications").await, StatusCode::OK).await;
                all.as_array().unwrap().iter().filter(|item| item["event"] == "message.created").cloned().collect::<Vec<Value>>()
            }
        };
        for (token, expected) in [("eth-a", 2), ("eth-b", 2), ("eth-viewer", 2), ("maker-a", 1), ("maker-b", 1), ("tcd", 0), ("covax", 0), ("admin", 0)] {
            let mine = notified(token).await;
            assert_eq!(mine.len(), expected, "{token}: {mine:?}");
            for notification in mine {
                assert_eq!(notification["object"], json!({"kind": "thread", "id": id.to_string()}), "{token}");
            }
        }

        // The thread's trail: read by its parties, with the message's id and never its body;
        // an organization outside it sees nothing of it, not even in the whole trail.
        let trail_uri = format!("/api/v1/audit?kind=thread&id={id}");
        let trail = expect(get(&app, "maker-b", &trail_uri).await, StatusCode::OK).await;
        let actions: Vec<&str> = trail.as_array().unwrap().iter().map(|event| event["action"].as_str().unwrap()).collect();
        assert_eq!(actions, ["thread.created", "message.created", "message.created", "message.created"]);
        assert_eq!(trail[1]["object"], json!({"kind": "thread", "id": id.to_string()}));
        assert_eq!(trail[1]["detail"], json!({"message": first}));
        assert!(!trail.to_string().contains("script"), "{trail}");
        assert_eq!(expect(get(&app, "eth-viewer", &trail_uri).await, StatusCode::OK).await.as_array().unwrap().len(), 4);
        for outsider in ["covax", "tcd", "admin"] {
            assert_eq!(expect(get(&app, outsider, &trail_uri).await, StatusCode::OK).await, json!([]), "{outsider}");
            let whole = expect(get(&app, outsider, "/api/v1/audit?limit=500").await, StatusCode::OK).await;
            let about_threads: Vec<&Value> = whole.as_array().unwrap().iter().filter(|event| event["object"]["kind"] == "thread").collect();
            assert!(about_threads.is_empty(), "{outsider}: {about_threads:?}");
        }
        // The organization still oversees the rest of the trail (Ethiopia's request).
        let overseen = expect(get(&app, "covax", &format!("/api/v1/audit?kind=request&id={request_id}")).await, StatusCode::OK).await;
        assert_eq!(overseen[0]["action"], "request.created");
    }
}

store_test! {
    async fn an_organization_in_a_thread_reads_its_trail_like_any_party(store: Store) {
        install(&store).await;
        let app = app(store.clone());
        let thread = expect(post(&app, "covax", "/api/v1/threads", json!({"subject": "Allocation questions", "parties": ["TCD"]})).await, StatusCode::CREATED).await;
        let id = thread["id"].as_i64().unwrap();
        assert_eq!(thread["about"], Value::Null);
        expect(post(&app, "tcd", &format!("/api/v1/threads/{id}/messages"), json!({"body": "When is the next round?"})).await, StatusCode::CREATED).await;
        let trail = expect(get(&app, "covax", &format!("/api/v1/audit?kind=thread&id={id}")).await, StatusCode::OK).await;
        assert_eq!(trail.as_array().unwrap().len(), 2);
        // Ethiopia is not in it.
        assert_eq!(expect(get(&app, "eth-a", &format!("/api/v1/audit?kind=thread&id={id}")).await, StatusCode::OK).await, json!([]));
        assert_eq!(unread(&app, "covax", id).await, 1);
    }
}

store_test! {
    async fn bad_input_answers_422_naming_the_field(store: Store) {
        install(&store).await;
        let app = app(store.clone());
        let thread = |body: Value| post(&app, "eth-a", "/api/v1/threads", body);
        assert_eq!(field(&thread(json!({"subject": "", "parties": ["maker"]})).await), "subject");
        assert_eq!(field(&thread(json!({"subject": "\u{200B} \u{200B}", "parties": ["maker"]})).await), "subject");
        assert_eq!(field(&thread(json!({"subject": "Hi\u{202E}there", "parties": ["maker"]})).await), "subject");
        assert_eq!(field(&thread(json!({"subject": "x".repeat(201), "parties": ["maker"]})).await), "subject");
        assert_eq!(field(&thread(json!({"subject": "Hello", "parties": ["nobody"]})).await), "parties[0]");
        assert_eq!(field(&thread(json!({"subject": "Hello", "parties": ["maker", "not a code!"]})).await), "parties[1]");
        assert_eq!(field(&thread(json!({"subject": "Hello", "parties": ["ETH"]})).await), "parties");
        assert_eq!(field(&thread(json!({"subject": "Hello", "parties": []})).await), "parties");
        let many: Vec<String> = (0..21).map(|index| format!("p{index}")).collect();
        assert_eq!(field(&thread(json!({"subject": "Hello", "parties": many})).await), "parties");
        // About objects that do not exist, or that the caller cannot see: the same answer.
        let missing = thread(json!({"subject": "Hello", "parties": ["maker"], "about": {"kind": "request", "id": 999}})).await;
        assert_eq!(field(&missing), "about");
        assert!(text(&missing).contains("there is no request 999 you can see"), "{}", text(&missing));
        let request = expect(post(&app, "tcd", "/api/v1/requests", json!({"doses": 10, "needed_by": "2021-09-30"})).await, StatusCode::CREATED).await;
        let hidden = thread(json!({"subject": "Hello", "parties": ["maker"], "about": {"kind": "request", "id": request["id"]}})).await;
        assert_eq!(field(&hidden), "about");
        assert!(text(&hidden).contains(&format!("there is no request {} you can see", request["id"])), "{}", text(&hidden));
        for kind in ["pledge", "round", "shipment", "offer", "agreement", "partnership", "meeting"] {
            assert_eq!(field(&thread(json!({"subject": "Hello", "parties": ["maker"], "about": {"kind": kind, "id": 999}})).await), "about", "{kind}");
        }
        let offer = thread(json!({"subject": "Hello", "parties": ["maker"], "about": {"kind": "offer", "id": 1}})).await;
        assert!(text(&offer).contains("there is no offer 1 you can see"), "{}", text(&offer));
        assert_eq!(field(&thread(json!({"subject": "Hello", "parties": ["maker"], "about": {"kind": "lot", "id": 1}})).await), "about");
        // A pledge is public: a thread about it is fine.
        let pledge = expect(post(&app, "maker-a", "/api/v1/pledges", json!({"doses": 100, "by": "2021-12-31", "to": "TCD"})).await, StatusCode::CREATED).await;
        let about_pledge = expect(thread(json!({"subject": "Your pledge", "parties": ["maker"], "about": {"kind": "pledge", "id": pledge["id"]}})).await, StatusCode::CREATED).await;
        let messages_uri = format!("/api/v1/threads/{}/messages", about_pledge["id"]);
        let message = |body: Value| post(&app, "eth-a", &messages_uri, body);
        assert_eq!(field(&message(json!({"body": ""})).await), "body");
        assert_eq!(field(&message(json!({"body": " \n "})).await), "body");
        assert_eq!(field(&message(json!({"body": "a\u{0000}b"})).await), "body");
        assert_eq!(field(&message(json!({"body": "x".repeat(10_001)})).await), "body");
        // At the limit, counted in characters, it is fine.
        expect(message(json!({"body": "é".repeat(10_000)})).await, StatusCode::CREATED).await;
        // Nothing was written by the refusals.
        let threads = expect(get(&app, "eth-a", "/api/v1/threads").await, StatusCode::OK).await;
        assert_eq!(threads.as_array().unwrap().len(), 1);
        let messages = expect(get(&app, "eth-a", &messages_uri).await, StatusCode::OK).await;
        assert_eq!(messages.as_array().unwrap().len(), 1);
    }
}

store_test! {
    async fn messages_are_never_edited_or_deleted(store: Store) {
        install(&store).await;
        let app = app(store.clone());
        let thread = expect(post(&app, "eth-a", "/api/v1/threads", json!({"subject": "Hello", "parties": ["maker"]})).await, StatusCode::CREATED).await;
        let messages_uri = format!("/api/v1/threads/{}/messages", thread["id"]);
        let message = expect(post(&app, "eth-a", &messages_uri, json!({"body": "As written."})).await, StatusCode::CREATED).await;
        // No route changes a message.
        for method in ["PUT", "PATCH", "DELETE"] {
            let answer = send(&app, json_request(method, &messages_uri, Some("eth-a"), json!({"body": "Changed."}))).await;
            assert_eq!(answer.status, StatusCode::METHOD_NOT_ALLOWED, "{method}");
            let one = format!("{messages_uri}/{}", message["id"]);
            let answer = send(&app, json_request(method, &one, Some("eth-a"), json!({"body": "Changed."}))).await;
            assert_eq!(answer.status, StatusCode::NOT_FOUND, "{method} {one}");
        }
        // The store refuses it too.
        let mut refused = vec!["UPDATE messages SET body = 'Changed.'", "DELETE FROM messages"];
        if store.backend() == store::Backend::Postgres {
            refused.push("TRUNCATE messages CASCADE");
        }
        for sql in refused {
            let error = execute_raw(&store, sql).await.expect_err(sql);
            assert!(error.to_string().contains("messages are append-only"), "{sql}: {error}");
        }
        let read = expect(get(&app, "maker-a", &messages_uri).await, StatusCode::OK).await;
        assert_eq!(read[0]["body"], "As written.");
    }
}

store_test! {
    async fn an_idempotency_key_writes_one_message_and_replays_it(store: Store) {
        install(&store).await;
        let app = app(store.clone());
        let keyed = |uri: &str, body: Value, key: &str| {
            let mut request = json_request("POST", uri, Some("eth-a"), body);
            request.headers_mut().insert("idempotency-key", key.parse().unwrap());
            request
        };
        let opened = send(&app, keyed("/api/v1/threads", json!({"subject": "Once", "parties": ["maker"]}), "open-once")).await;
        let again = send(&app, keyed("/api/v1/threads", json!({"subject": "Once", "parties": ["maker"]}), "open-once")).await;
        assert_eq!(opened.status, StatusCode::CREATED);
        assert_eq!(again.header("idempotent-replayed"), Some("true"));
        assert_eq!(opened.json()["id"], again.json()["id"]);
        let messages_uri = format!("/api/v1/threads/{}/messages", opened.json()["id"]);
        let first = send(&app, keyed(&messages_uri, json!({"body": "Once."}), "write-once")).await;
        let second = send(&app, keyed(&messages_uri, json!({"body": "Once."}), "write-once")).await;
        assert_eq!(first.status, StatusCode::CREATED, "{}", text(&first));
        assert_eq!(second.header("idempotent-replayed"), Some("true"));
        assert_eq!(first.json()["id"], second.json()["id"]);
        let read = expect(get(&app, "maker-a", &messages_uri).await, StatusCode::OK).await;
        assert_eq!(read.as_array().unwrap().len(), 1);
        assert_eq!(unread(&app, "eth-b", opened.json()["id"].as_i64().unwrap()).await, 1);
    }
}
