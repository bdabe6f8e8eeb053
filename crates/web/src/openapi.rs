//! The OpenAPI 3.1 document: the handlers' `#[utoipa::path]` operations, collected by
//! [`crate::api::routes`], on top of [`base`] (title, tags, security schemes, shared schemas),
//! with the problem+json answer every operation can give added by [`document`].

use std::sync::LazyLock;

use axum::http::{HeaderValue, header};
use axum::response::IntoResponse;
use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::path::{Operation, Parameter, ParameterBuilder, ParameterIn};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, OpenApi, Ref, RefOr, Required, ResponseBuilder};
use utoipa::{Modify, OpenApi as _};

use crate::error::{FieldError, PROBLEM_CONTENT_TYPE, Problem};

/// The session cookie's name, as declared in the `session` security scheme.
pub const SESSION_COOKIE: &str = "equidose_session";

#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "Equidose API",
        description = "The shared dose ledger, allocation rounds and coverage signals of the Equidose platform. \
Errors are `application/problem+json` (RFC 9457). Lists are paginated with `limit` and `cursor`; \
the next page is in the `Link` header.",
    ),
    components(schemas(Problem, FieldError)),
    modifiers(&SecuritySchemes),
    tags(
        (name = "meta", description = "The server itself: health and this document."),
        (name = "coverage", description = "Doses administered per 100 people."),
        (name = "parties", description = "Countries, manufacturers and organizations."),
        (name = "talking and agreeing", description = "Capacity, offers, agreements, local-production partnerships and the forum's meetings (cooperation.md 9-13)."),
    )
)]
struct Base;

/// Declares how callers authenticate: `bearer` (a token from `POST /api/v1/tokens`) and
/// `session` (the cookie set by `POST /api/v1/session`). An operation that needs either lists
/// `security(("bearer" = []), ("session" = []))`; public operations list none.
struct SecuritySchemes;

impl Modify for SecuritySchemes {
    fn modify(&self, document: &mut OpenApi) {
        let components = document.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "A token from POST /api/v1/tokens, acting as its user.",
                    ))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                SESSION_COOKIE,
                "The session cookie set by POST /api/v1/session, for the web pages.",
            ))),
        );
    }
}

/// The document every route is added to.
pub fn base() -> OpenApi {
    let mut document = Base::openapi();
    document.info.version = env!("CARGO_PKG_VERSION").to_owned();
    document
}

/// The complete document, as served.
pub fn document() -> OpenApi {
    let mut document = crate::api::routes().into_openapi();
    let problem = ResponseBuilder::new()
        .description("Any other failure, as problem+json (RFC 9457).")
        .content(
            PROBLEM_CONTENT_TYPE,
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("Problem")))
                .build(),
        )
        .build();
    document
        .components
        .get_or_insert_with(Default::default)
        .responses
        .insert("Problem".to_owned(), RefOr::T(problem));
    // What the extractors and layers answer is declared here, once, for every operation
    // where it can happen, instead of in each annotation (see `declare_common_answers`).
    for item in document.paths.paths.values_mut() {
        for (method, operation) in [
            ("GET", &mut item.get),
            ("PUT", &mut item.put),
            ("POST", &mut item.post),
            ("DELETE", &mut item.delete),
            ("PATCH", &mut item.patch),
        ] {
            if let Some(operation) = operation {
                declare_common_answers(method, operation);
            }
        }
    }
    document
}

/// A problem answer with this description.
fn problem_response(description: &str) -> RefOr<utoipa::openapi::Response> {
    RefOr::T(
        ResponseBuilder::new()
            .description(description)
            .content(
                PROBLEM_CONTENT_TYPE,
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name("Problem")))
                    .build(),
            )
            .build(),
    )
}

fn string_schema() -> utoipa::openapi::schema::Object {
    utoipa::openapi::schema::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .build()
}

/// Adds to `operation` what the server's shared parts answer on it:
/// - every operation: 503 (the time limit, or a database too busy) and `default` (500);
/// - a JSON body: 400 (malformed), 408 (too slow), 413 (too large), 415 (not JSON), 422;
/// - query parameters: 422 (a bad or unknown one);
/// - signed-in operations: 401; state-changing ones also 403 (a cookie request without its
///   CSRF token) and the `X-CSRF-Token` header;
/// - an `Idempotency-Key`: the `Idempotent-Replayed` header on every answer it can replay
///   (successes and refusals).
///
/// An annotation's own description of a status is kept.
fn declare_common_answers(method: &str, operation: &mut Operation) {
    let mut add = |status: &str, description: &str| {
        operation
            .responses
            .responses
            .entry(status.to_owned())
            .or_insert_with(|| problem_response(description));
    };
    add(
        "503",
        "The request took longer than the server's limit, or the database is busy; retry later.",
    );
    let has_body = operation.request_body.is_some();
    let parameters: Vec<&Parameter> = operation
        .parameters
        .iter()
        .flatten()
        .filter_map(|parameter| match parameter {
            RefOr::T(parameter) => Some(parameter),
            RefOr::Ref(_) => None,
        })
        .collect();
    let has_query = parameters
        .iter()
        .any(|parameter| parameter.parameter_in == ParameterIn::Query);
    let idempotent = parameters
        .iter()
        .any(|parameter| parameter.name.eq_ignore_ascii_case("Idempotency-Key"));
    if has_body {
        add("400", "The body is not valid JSON.");
        add(
            "408",
            "The body took longer than the server's limit to arrive.",
        );
        add("413", "The body is larger than the limit.");
        add(
            "415",
            "The body is not declared as JSON (Content-Type: application/json).",
        );
        add(
            "422",
            "Invalid fields, each named by its JSON path in `errors`.",
        );
    }
    if has_query {
        add(
            "422",
            "A query parameter is invalid or unknown; `errors` names it.",
        );
    }
    let signed_in = operation.security.as_ref().is_some_and(|requirements| {
        // `security((), …)` lists an empty requirement first: anonymous callers are welcome.
        let value = serde_json::to_value(requirements).unwrap_or_default();
        value.as_array().is_some_and(|all| {
            all.iter()
                .all(|requirement| requirement.as_object().is_some_and(|map| !map.is_empty()))
        })
    });
    let uses_session = operation.security.as_ref().is_some_and(|requirements| {
        serde_json::to_string(requirements)
            .unwrap_or_default()
            .contains("\"session\"")
    });
    if signed_in {
        add(
            "401",
            "Not signed in: no valid bearer token or session cookie.",
        );
    }
    if uses_session && method != "GET" {
        add(
            "403",
            "A request signed in by cookie without its session's CSRF token in X-CSRF-Token.",
        );
        let csrf = ParameterBuilder::new()
            .name("X-CSRF-Token")
            .parameter_in(ParameterIn::Header)
            .required(Required::False)
            .description(Some("The session's CSRF token (from POST /api/v1/session): required when signed in by cookie, not with a bearer token."))
            .schema(Some(string_schema()))
            .build();
        operation
            .parameters
            .get_or_insert_with(Vec::new)
            .push(RefOr::T(csrf));
    }
    if idempotent {
        // What `idempotent::key` accepts, so that a client (or a fuzzer) generating keys from
        // the document sends ones the server takes.
        for parameter in operation.parameters.iter_mut().flatten() {
            if let RefOr::T(parameter) = parameter
                && parameter.name.eq_ignore_ascii_case("Idempotency-Key")
            {
                parameter.schema = Some(
                    utoipa::openapi::schema::ObjectBuilder::new()
                        .schema_type(utoipa::openapi::schema::Type::String)
                        .min_length(Some(1))
                        .max_length(Some(crate::idempotent::KEY_LENGTH_CHARS_MAX))
                        .pattern(Some("^[!-~]+$"))
                        .into(),
                );
            }
        }
        add(
            "409",
            "Another request with this Idempotency-Key is still running (`request_in_flight`), or the state refuses it.",
        );
        let replayed = HeaderBuilder::new()
            .schema(Some(string_schema()))
            .description(Some("`true` when this is the first answer to an earlier request with the same Idempotency-Key, sent again."))
            .build();
        for (status, response) in operation.responses.responses.iter_mut() {
            if status == "default" || status.starts_with('5') {
                continue;
            }
            if let RefOr::T(response) = response {
                response
                    .headers
                    .insert("Idempotent-Replayed".to_owned(), RefOr::T(replayed.clone()));
            }
        }
    }
    operation
        .responses
        .responses
        .entry("default".to_owned())
        .or_insert_with(|| RefOr::Ref(Ref::from_response_name("Problem")));
}

static DOCUMENT_JSON: LazyLock<String> = LazyLock::new(|| {
    document()
        .to_pretty_json()
        .expect("the OpenAPI document serializes")
});

/// This document.
#[utoipa::path(
    get,
    path = "/api/v1/openapi.json",
    tag = "meta",
    responses((status = 200, description = "The OpenAPI 3.1 document of this server.", body = serde_json::Value))
)]
pub async fn openapi_json() -> impl IntoResponse {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        DOCUMENT_JSON.as_str(),
    )
}
