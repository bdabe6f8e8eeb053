//! Hostile input, on both backends, for every operation of the OpenAPI document and every form
//! of the workspaces: bodies over the limit answer 413, malformed JSON and bytes that are not
//! UTF-8 answer 400, JSON nested past any sensible depth answers 400 without exhausting the
//! stack, a body not declared as JSON answers 415, and a path parameter that names nothing
//! answers 4xx. Never a 5xx.
//!
//! The operations come from the document and the forms from the routers' source, so a new
//! one is covered by itself. Requests carry an official's bearer token (forms, a session and
//! its CSRF token), so that the body is read rather than refused unread at 401; the problem's
//! `type` shows which part of the server answered.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{Answer, app, officials, send};
use domain::party::PartyKind;
use serde_json::{Value, json};
use store::{Store, store_test};
use web::REQUEST_BODY_BYTES_MAX;
use web::error::PROBLEM_TYPE_BASE;

/// The bearer token of the official [`install`] creates (an organization's: the role that
/// may do most, though the body is read before any rule is asked).
const TOKEN: &str = "covax";

/// One operation of the document: what a hostile request needs to reach it.
#[derive(Debug)]
struct Operation {
    method: String,
    /// As documented, with `{parameters}`.
    path: String,
    /// Its path parameters: name and JSON schema type (`integer`, `string`).
    path_parameters: Vec<(String, String)>,
    /// Whether it takes a JSON body.
    json_body: bool,
}

impl Operation {
    fn name(&self) -> String {
        format!("{} {}", self.method, self.path)
    }

    /// Its path with every parameter replaced by `value(type)`.
    fn path_with(&self, value: impl Fn(&str) -> String) -> String {
        self.path_parameters
            .iter()
            .fold(self.path.clone(), |path, (name, kind)| {
                path.replace(&format!("{{{name}}}"), &value(kind))
            })
    }

    /// Its path with well-formed parameters, so that a request reaches its body.
    fn well_formed_path(&self) -> String {
        self.path_with(|kind| if kind == "integer" { "1" } else { "ETH" }.to_owned())
    }
}

/// Every operation of the document.
fn operations() -> Vec<Operation> {
    let document = serde_json::to_value(web::openapi::document()).unwrap();
    let mut operations = Vec::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            if !["get", "put", "post", "delete", "patch"].contains(&method.as_str()) {
                continue;
            }
            let path_parameters = operation["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|parameter| parameter["in"] == "path")
                .map(|parameter| {
                    let kind = parameter["schema"]["type"].as_str().unwrap_or("string");
                    (
                        parameter["name"].as_str().unwrap().to_owned(),
                        kind.to_owned(),
                    )
                })
                .collect();
            let json_body = operation["requestBody"]["content"]
                .as_object()
                .is_some_and(|content| content.contains_key("application/json"));
            operations.push(Operation {
                method: method.to_uppercase(),
                path: path.clone(),
                path_parameters,
                json_body,
            });
        }
    }
    operations
}

/// The built-in reference data and an organization's official with the bearer token [`TOKEN`].
async fn install(store: &Store) {
    officials(store, &[("covax", PartyKind::Organization)], &["covax"]).await;
}

/// A request of `method` to `path` whose body is `content_type` (undeclared when `None`),
/// with the bearer token when `token` is given.
fn request(
    method: &str,
    path: &str,
    token: Option<&str>,
    content_type: Option<&str>,
) -> axum::http::request::Builder {
    let mut builder = Request::builder().method(method).uri(path);
    if let Some(token) = token {
        builder = builder.header("authorization", format!("Bearer {token}"));
    }
    if let Some(content_type) = content_type {
        builder = builder.header("content-type", content_type);
    }
    builder
}

/// Sends `body` as JSON (or as `content_type`) to the operation with the official's token.
async fn send_body(
    app: &axum::Router,
    operation: &Operation,
    content_type: Option<&str>,
    body: Body,
    content_length: Option<usize>,
) -> Answer {
    let mut builder = request(
        &operation.method,
        &operation.well_formed_path(),
        Some(TOKEN),
        content_type,
    );
    if let Some(length) = content_length {
        builder = builder.header("content-length", length);
    }
    send(app, builder.body(body).unwrap()).await
}

/// Checks that `answer` is the problem of type `slug` with `status`, naming `what` in the
/// failure message.
fn assert_problem(answer: &Answer, status: StatusCode, slug: &str, what: &str) {
    assert_eq!(
        answer.status,
        status,
        "{what}: {}",
        String::from_utf8_lossy(&answer.body[..answer.body.len().min(2_000)])
    );
    let problem = answer.problem();
    assert_eq!(
        problem["type"],
        format!("{PROBLEM_TYPE_BASE}{slug}"),
        "{what}: {problem}"
    );
}

/// Bodies no JSON operation may accept, the answer each must get, and what the problem's
/// detail must say.
fn hostile_json_bodies() -> Vec<(
    &'static str,
    Vec<u8>,
    StatusCode,
    &'static str,
    &'static str,
)> {
    let depth = REQUEST_BODY_BYTES_MAX - 16;
    vec![
        (
            "malformed JSON",
            br#"{"name": "unterminated"#.to_vec(),
            StatusCode::BAD_REQUEST,
            "malformed-request",
            "not valid JSON",
        ),
        (
            "a trailing second value",
            br#"{} {}"#.to_vec(),
            StatusCode::BAD_REQUEST,
            "malformed-request",
            "not valid JSON",
        ),
        (
            "bytes that are not UTF-8 in a string",
            b"{\"name\": \"\xff\xfe\xc0\"}".to_vec(),
            StatusCode::BAD_REQUEST,
            "malformed-request",
            "not valid JSON",
        ),
        (
            "bytes that are not UTF-8 outside strings",
            b"\xef\xbb\xbf\xff{}".to_vec(),
            StatusCode::BAD_REQUEST,
            "malformed-request",
            "not valid JSON",
        ),
        (
            "arrays nested 65,000 deep",
            "[".repeat(depth).into_bytes(),
            StatusCode::BAD_REQUEST,
            "malformed-request",
            "not valid JSON",
        ),
        (
            "objects nested 13,000 deep",
            r#"{"a":"#.repeat(depth / 5).into_bytes(),
            StatusCode::BAD_REQUEST,
            "malformed-request",
            "not valid JSON",
        ),
        (
            "a field nested deep inside an object",
            format!(r#"{{"name": {}"#, "[".repeat(depth - 10)).into_bytes(),
            StatusCode::BAD_REQUEST,
            "malformed-request",
            "not valid JSON",
        ),
        (
            "text holding the NUL character",
            br#"{"name": "a\u0000b"}"#.to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid-input",
            "NUL character",
        ),
        (
            "a string where an object belongs",
            br#""an object was expected""#.to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid-input",
            "expected a JSON object",
        ),
    ]
}

store_test! {
    async fn every_json_body_refuses_hostile_input(store: Store) {
        install(&store).await;
        let app = app(store.clone());
        let operations: Vec<Operation> =
            operations().into_iter().filter(|operation| operation.json_body).collect();
        assert!(operations.len() >= 20, "the document has {} operations with a body", operations.len());
        let oversize = vec![b' '; REQUEST_BODY_BYTES_MAX + 1];
        for operation in &operations {
            let name = operation.name();
            // Declared too large: refused before a byte is read.
            let answer = send_body(&app, operation, Some("application/json"),
                Body::from(oversize.clone()), Some(oversize.len())).await;
            assert_problem(&answer, StatusCode::PAYLOAD_TOO_LARGE, "payload-too-large",
                &format!("{name}, an oversize body with its length"));
            // Sent without a length (as a chunked body is): refused while it is read.
            let answer = send_body(&app, operation, Some("application/json"),
                Body::from(oversize.clone()), None).await;
            assert_problem(&answer, StatusCode::PAYLOAD_TOO_LARGE, "payload-too-large",
                &format!("{name}, an oversize body streamed without a length"));
            for (what, body, status, slug, detail) in hostile_json_bodies() {
                let answer = send_body(&app, operation, Some("application/json"),
                    Body::from(body), None).await;
                let what = format!("{name}, {what}");
                assert_problem(&answer, status, slug, &what);
                let problem = answer.problem();
                assert!(problem["detail"].as_str().unwrap().contains(detail), "{what}: {problem}");
            }
            // Well-formed, and nested deeper than any field of the API: refused, 400 where
            // the depth is met (serde_json's limit) or 422 where the shape is wrong first,
            // without exhausting the stack.
            let half = REQUEST_BODY_BYTES_MAX / 2 - 16;
            for body in [
                format!("{}{}", "[".repeat(half), "]".repeat(half)),
                format!(r#"{{"name": {}{}}}"#, "[".repeat(half - 8), "]".repeat(half - 8)),
            ] {
                let answer = send_body(&app, operation, Some("application/json"),
                    Body::from(body), None).await;
                assert!(answer.status == StatusCode::BAD_REQUEST
                    || answer.status == StatusCode::UNPROCESSABLE_ENTITY,
                    "{name}, balanced nesting: {}", answer.status);
                answer.problem();
            }
            for content_type in [Some("text/plain"), Some("application/x-www-form-urlencoded"), None] {
                let answer = send_body(&app, operation, content_type,
                    Body::from(json!({}).to_string()), None).await;
                assert_problem(&answer, StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    "unsupported-media-type", &format!("{name}, a JSON body sent as {content_type:?}"));
            }
        }
        // Nothing hostile changed anything.
        common::verified(&store).await;
    }
}

/// Path parameter values that name nothing: `(value, whether an integer parameter can parse
/// it)`.
const HOSTILE_PARAMETERS: &[(&str, bool)] = &[
    ("abc", false),
    ("1.5", false),
    ("1e3", false),
    ("99999999999999999999999", false),
    ("-9223372036854775808", true),
    ("9223372036854775807", true),
    ("0", true),
    ("-1", true),
    ("%FF%FE", false),
    ("%00", false),
    ("%20", false),
    ("%2F..%2F", false),
];

store_test! {
    async fn every_path_parameter_refuses_what_names_nothing(store: Store) {
        install(&store).await;
        let app = app(store.clone());
        let operations: Vec<Operation> = operations()
            .into_iter()
            .filter(|operation| !operation.path_parameters.is_empty())
            .collect();
        assert!(operations.len() >= 30, "the document has {} operations with path parameters", operations.len());
        let long = "9".repeat(4_000);
        let values: Vec<(&str, bool)> = HOSTILE_PARAMETERS
            .iter()
            .copied()
            .chain([(long.as_str(), false)])
            .collect();
        for operation in &operations {
            for (value, parses) in &values {
                let path = operation.path_with(|_| (*value).to_owned());
                let body = if operation.json_body { json!({}).to_string() } else { String::new() };
                let content_type = operation.json_body.then_some("application/json");
                let answer = send(&app, request(&operation.method, &path, Some(TOKEN), content_type)
                    .body(Body::from(body))
                    .unwrap()).await;
                let what = format!("{} as {path:.80}", operation.name());
                assert!(answer.status.is_client_error(), "{what}: {} {:?}", answer.status,
                    String::from_utf8_lossy(&answer.body));
                let problem = answer.problem();
                let integers = operation.path_parameters.iter().all(|(_, kind)| kind == "integer");
                if integers && !parses {
                    // An id that cannot be a number names no object: 404, as any id that
                    // matches nothing, answered before the body is read.
                    assert_eq!(answer.status, StatusCode::NOT_FOUND, "{what}: {problem}");
                    assert_eq!(problem["type"], format!("{PROBLEM_TYPE_BASE}not-found"), "{what}: {problem}");
                }
            }
        }
        common::verified(&store).await;
    }
}

/// The password of the forms' user.
const PASSWORD: &str = "correct horse battery";

/// Every path a form is posted to, read from the routers' source (`.route("PATH", …post(…))`),
/// with its parameters (`{id}`) as written.
fn form_paths() -> Vec<String> {
    let sources = [
        include_str!("../src/workspace/mod.rs"),
        include_str!("../src/pages/mod.rs"),
    ];
    let mut paths = Vec::new();
    for source in sources {
        let Some(start) = source.find("pub fn routes()") else {
            continue;
        };
        let body = &source[start..];
        let body = &body[..body.find("\n}\n").unwrap_or(body.len())];
        for route in body.split(".route(").skip(1) {
            // Routes named by a constant (the stylesheet's) are not forms.
            let Some(path) = route
                .trim_start()
                .strip_prefix('"')
                .and_then(|rest| rest.split('"').next())
            else {
                continue;
            };
            if route.contains("post(") {
                paths.push(path.to_owned());
            }
        }
    }
    paths
}

/// A session for an official of ETH: its cookie and its CSRF token.
async fn session(app: &axum::Router, store: &Store) -> (String, String) {
    let hash = app::secrets::hash_password(PASSWORD).unwrap();
    store
        .write(|tx| {
            let hash = hash.clone();
            async move {
                tx.create_user(&store::accounts::NewUser {
                    email: "official@eth.example",
                    password_hash: &hash,
                    party: &domain::ledger::PartyCode::parse("ETH").unwrap(),
                    role: domain::party::Role::Official,
                })
                .await?;
                Ok::<_, store::StoreError>(())
            }
        })
        .await
        .unwrap();
    let answer = send(
        app,
        common::json_request(
            "POST",
            "/api/v1/session",
            None,
            json!({"email": "official@eth.example", "password": PASSWORD}),
        ),
    )
    .await;
    assert_eq!(answer.status, StatusCode::CREATED);
    let cookie = answer
        .header("set-cookie")
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let csrf = answer.json()["csrf_token"].as_str().unwrap().to_owned();
    (cookie, csrf)
}

store_test! {
    async fn every_form_refuses_hostile_bodies(store: Store) {
        install(&store).await;
        let app = app(store.clone());
        let (cookie, csrf) = session(&app, &store).await;
        let paths = form_paths();
        assert!(paths.len() >= 30, "the routers have {} form paths: {paths:?}", paths.len());
        let form = |path: &str, content_type: &str, body: Vec<u8>, length: bool| {
            let mut builder = Request::post(path)
                .header("host", "equidose.test")
                .header("origin", "http://equidose.test")
                .header("cookie", &cookie)
                .header("content-type", content_type);
            if length {
                builder = builder.header("content-length", body.len());
            }
            builder.body(Body::from(body)).unwrap()
        };
        let fields = format!("csrf_token={csrf}&name=");
        let mut oversize = fields.clone().into_bytes();
        oversize.resize(REQUEST_BODY_BYTES_MAX + 1, b'a');
        let mut not_utf8 = fields.clone().into_bytes();
        not_utf8.extend_from_slice(b"\xff\xfe\xc0");
        for template in &paths {
            // A well-formed path, so that the form itself is read.
            let path = template
                .split('/')
                .map(|segment| match segment {
                    "{action}" => "dispatch",
                    parameter if parameter.starts_with('{') => "1",
                    segment => segment,
                })
                .collect::<Vec<_>>()
                .join("/");
            let form_type = "application/x-www-form-urlencoded";
            let answer = send(&app, form(&path, form_type, oversize.clone(), true)).await;
            assert_problem(&answer, StatusCode::PAYLOAD_TOO_LARGE, "payload-too-large",
                &format!("POST {path}, an oversize form with its length"));
            let answer = send(&app, form(&path, form_type, oversize.clone(), false)).await;
            assert_problem(&answer, StatusCode::PAYLOAD_TOO_LARGE, "payload-too-large",
                &format!("POST {path}, an oversize form without its length"));
            let answer = send(&app, form(&path, form_type, not_utf8.clone(), false)).await;
            assert_problem(&answer, StatusCode::BAD_REQUEST, "malformed-request",
                &format!("POST {path}, a form that is not UTF-8"));
            let with_nul = format!("{fields}a%00b").into_bytes();
            let answer = send(&app, form(&path, form_type, with_nul, false)).await;
            assert_problem(&answer, StatusCode::UNPROCESSABLE_ENTITY, "invalid-input",
                &format!("POST {path}, a field holding the NUL character"));
            let answer = send(&app, form(&path, "application/json", b"{}".to_vec(), false)).await;
            assert_problem(&answer, StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                &format!("POST {path}, JSON where a form belongs"));
            // Parameters that name nothing: refused, never a failure of the server.
            if template.contains('{') {
                for (value, _) in HOSTILE_PARAMETERS {
                    let path = template
                        .split('/')
                        .map(|segment| if segment.starts_with('{') { *value } else { segment })
                        .collect::<Vec<_>>()
                        .join("/");
                    let answer = send(&app, form(&path, form_type, fields.clone().into_bytes(), false)).await;
                    assert!(answer.status.is_client_error() || answer.status.is_redirection(),
                        "POST {path}: {} {:?}", answer.status, String::from_utf8_lossy(&answer.body));
                }
            }
        }
        common::verified(&store).await;
    }
}

store_test! {
    /// Regression: on PostgreSQL, text holding the NUL character (which it cannot store) in
    /// a path, a query or a body reached the database and answered 500. Every operation of
    /// the document is asked with one, as the official.
    async fn the_nul_character_is_refused_everywhere_never_a_500(store: Store) {
        install(&store).await;
        let app = app(store.clone());
        let document = serde_json::to_value(web::openapi::document()).unwrap();
        for operation in operations() {
            let name = operation.name();
            // In a path parameter: names nothing.
            if !operation.path_parameters.is_empty() {
                let path = operation.path_with(|_| "a%00b".to_owned());
                let answer = send(&app, request(&operation.method, &path, Some(TOKEN), None)
                    .body(Body::empty()).unwrap()).await;
                assert_problem(&answer, StatusCode::NOT_FOUND, "not-found", &format!("{name} as {path}"));
            }
            // In each query parameter: invalid, named.
            let queries: Vec<String> = document["paths"][&operation.path][operation.method.to_lowercase()]["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|parameter| parameter["in"] == "query")
                .map(|parameter| parameter["name"].as_str().unwrap().to_owned())
                .collect();
            for query in queries {
                let path = format!("{}?{query}=a%00b", operation.well_formed_path());
                let answer = send(&app, request(&operation.method, &path, Some(TOKEN), None)
                    .body(Body::empty()).unwrap()).await;
                let what = format!("{name} as {path}");
                assert_problem(&answer, StatusCode::UNPROCESSABLE_ENTITY, "invalid-input", &what);
                assert_eq!(answer.problem()["errors"][0]["field"], query, "{what}");
            }
        }
        // A body's field, deep down, is named by its JSON path; an escaped backslash before
        // `u0000` is text, and reaches the use case (which refuses the thread for its own
        // reasons, not for a NUL).
        let answer = send(&app, common::json_request("POST", "/api/v1/threads", Some(TOKEN),
            json!({"subject": "stock", "parties": ["covax", "ETH\u{0}"]}))).await;
        assert_problem(&answer, StatusCode::UNPROCESSABLE_ENTITY, "invalid-input", "a NUL in an array");
        assert_eq!(answer.problem()["errors"][0]["field"], "parties[1]");
        let answer = send(&app, common::json_request("POST", "/api/v1/threads", Some(TOKEN),
            json!({"subject": "a\\u0000 is not a NUL", "parties": ["covax", "ETH"]}))).await;
        assert_eq!(answer.status, StatusCode::CREATED, "{:?}", answer.json());
        common::verified(&store).await;
    }
}

store_test! {
    /// Regression: `revoked_at` of a token that works is `null`, which the document declared
    /// a string (schemathesis's response_schema_conformance found it).
    async fn a_working_token_s_revoked_at_is_null_as_documented(store: Store) {
        install(&store).await;
        let app = app(store.clone());
        let answer = send(&app, common::get_request("/api/v1/tokens", Some(TOKEN))).await;
        assert_eq!(answer.status, StatusCode::OK);
        let tokens = answer.json();
        assert_eq!(tokens[0]["revoked_at"], Value::Null, "{tokens}");
        let document = serde_json::to_value(web::openapi::document()).unwrap();
        let schema = &document["components"]["schemas"]["TokenBody"]["properties"]["revoked_at"];
        assert!(
            schema["type"].as_array().is_some_and(|types| types.contains(&json!("null"))),
            "{schema}"
        );
    }
}

/// A problem body is JSON a client can read: every hostile answer above is checked with
/// [`Answer::problem`], which parses it; this checks the document declares those answers.
#[test]
fn the_document_declares_the_hostile_answers() {
    let document = serde_json::to_value(web::openapi::document()).unwrap();
    for operation in operations() {
        let responses: &Value =
            &document["paths"][&operation.path][operation.method.to_lowercase()]["responses"];
        let mut expected = vec![];
        if operation.json_body {
            expected.extend(["400", "413", "415", "422"]);
        }
        if !operation.path_parameters.is_empty() {
            expected.push("404");
        }
        for status in expected {
            assert!(
                responses.get(status).is_some(),
                "{} does not declare {status}: {responses}",
                operation.name()
            );
        }
    }
}
