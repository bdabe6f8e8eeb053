//! The OpenAPI 3.1 document: the handlers' `#[utoipa::path]` operations, collected by
//! [`crate::api::routes`], on top of [`base`] (title, tags, security schemes, shared schemas),
//! with the problem+json answer every operation can give added by [`document`].

use std::sync::LazyLock;

use axum::http::{HeaderValue, header};
use axum::response::IntoResponse;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, OpenApi, Ref, RefOr, ResponseBuilder};
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
    // Every operation can also answer 400, 413, 415, 429, 500, 503 from the extractors and
    // layers; `default` covers them without repeating them in every annotation.
    for item in document.paths.paths.values_mut() {
        for operation in [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ]
        .into_iter()
        .flatten()
        {
            operation
                .responses
                .responses
                .entry("default".to_owned())
                .or_insert_with(|| RefOr::Ref(Ref::from_response_name("Problem")));
        }
    }
    document
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
