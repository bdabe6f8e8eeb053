//! Extractors that fail with [`ApiError`] (problem+json) instead of axum's plain-text rejections.
//!
//! Use them in every handler: [`ApiJson`] for bodies, [`ApiQuery`] for query strings,
//! [`ApiPath`] for path parameters. Each deserializes through `serde_path_to_error`, so an
//! invalid value is reported with the path to it (`lots[3].expiry`, `date`).

use std::fmt;

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, FailedToBufferBody};
use axum::extract::{FromRequest, FromRequestParts, Path, RawPathParams, Request};
use axum::http::header;
use axum::http::request::Parts;
use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::ToSchema;

use crate::REQUEST_BODY_BYTES_MAX;
use crate::error::{ApiError, FieldError};

/// How long a client may take to send a request body.
pub const BODY_READ_DURATION_MAX: std::time::Duration = std::time::Duration::from_secs(5);

/// The body-read limit of this server, set by [`crate::router`] as a request extension
/// (tests shorten it); [`BODY_READ_DURATION_MAX`] where absent.
#[derive(Debug, Clone, Copy)]
pub struct BodyReadLimit(pub std::time::Duration);

/// A JSON request body. Malformed JSON answers 400; JSON of the wrong shape (a missing field,
/// a wrong type, a value its type refuses) answers 422 naming the field by its JSON path; a
/// body not declared as JSON answers 415; one over the limit answers 413.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiJson<T>(pub T);

impl<T, S> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !declares_json(request.headers()) {
            return Err(not_json());
        }
        parse_json(&read_body(request, state).await?).map(ApiJson)
    }
}

/// The answer to a body not declared as JSON.
fn not_json() -> ApiError {
    ApiError::UnsupportedMediaType {
        detail: "The request body must be JSON, sent with Content-Type: application/json."
            .to_owned(),
    }
}

/// The request's whole body, within this server's body-read limit.
pub(crate) async fn read_body<S: Send + Sync>(
    request: Request,
    state: &S,
) -> Result<Bytes, ApiError> {
    // A client that sends its body slower than this is the slow one: 408, before the
    // server's own time limit (503) could fire.
    let limit = request
        .extensions()
        .get::<BodyReadLimit>()
        .map_or(BODY_READ_DURATION_MAX, |limit| limit.0);
    tokio::time::timeout(limit, Bytes::from_request(request, state))
        .await
        .map_err(|_| ApiError::RequestTimeout { limit })?
        .map_err(body_rejection)
}

/// A JSON request body that may be left out: an empty body (with or without a JSON content
/// type) is `None`; anything else is read as [`ApiJson`] reads it, with the same answers.
#[derive(Debug, Clone, Default)]
pub struct MaybeApiJson<T>(pub Option<T>);

impl<T, S> FromRequest<S> for MaybeApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let declared = declares_json(request.headers());
        let bytes = read_body(request, state).await?;
        if bytes.is_empty() {
            return Ok(Self(None));
        }
        if !declared {
            return Err(not_json());
        }
        parse_json(&bytes).map(|value| Self(Some(value)))
    }
}

/// Whether the request says its body is JSON (`application/json` or any `+json` type).
fn declares_json(headers: &axum::http::HeaderMap) -> bool {
    let Some(content_type) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
    else {
        return false;
    };
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

fn body_rejection(rejection: BytesRejection) -> ApiError {
    // A body longer than the limit without a Content-Length that says so is only caught
    // while reading it, here.
    if let BytesRejection::FailedToBufferBody(FailedToBufferBody::LengthLimitError(_)) = rejection {
        return ApiError::PayloadTooLarge {
            limit_bytes: REQUEST_BODY_BYTES_MAX,
        };
    }
    ApiError::bad_request(format!("The request body could not be read: {rejection}."))
}

/// What the API says of text holding the NUL character.
const NUL_MESSAGE: &str = "text must not contain the NUL character (U+0000)";

/// Parses a JSON body into `T`, with errors as [`ApiJson`] describes them. Text holding the
/// NUL character (`\u0000`) answers 422 naming its field: PostgreSQL cannot store it, and
/// no field of the API means anything by it, so both stores refuse it alike.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    // JSON is UTF-8 (RFC 8259); serde_json checks only the text it keeps, so bytes in a
    // field it skips would pass unseen.
    if let Err(error) = std::str::from_utf8(bytes) {
        return Err(ApiError::bad_request(format!(
            "The request body is not valid JSON: it is not UTF-8 (byte {} begins an invalid sequence).",
            error.valid_up_to()
        )));
    }
    if escapes_nul(bytes)
        && let Ok(value) = serde_json::from_slice::<serde_json::Value>(bytes)
        && let Some(field) = field_with_nul(&value, "")
    {
        return Err(ApiError::invalid(field, NUL_MESSAGE));
    }
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        let inner = error.into_inner();
        // A value of the wrong shape can be met before a syntax error further on: malformed
        // JSON is 400 wherever its fault lies, so the whole text is checked before a 422.
        let malformed = (inner.classify() == serde_json::error::Category::Data)
            .then(|| serde_json::from_slice::<serde::de::IgnoredAny>(bytes).err())
            .flatten();
        if let Some(syntax) = malformed {
            return ApiError::bad_request(format!("The request body is not valid JSON: {syntax}."));
        }
        match inner.classify() {
            serde_json::error::Category::Data => {
                let message = in_plain_words(&without_position(&inner));
                ApiError::invalid_fields(vec![field_error(&path, message)])
            }
            _ => ApiError::bad_request(format!("The request body is not valid JSON: {inner}.")),
        }
    })?;
    deserializer.end().map_err(|error| {
        ApiError::bad_request(format!("The request body is not valid JSON: {error}."))
    })?;
    Ok(value)
}

/// Whether JSON text has the escape `\u0000` (the only way JSON can hold a NUL: a raw one is
/// malformed). An escaped backslash before `u0000` is text, not an escape.
fn escapes_nul(bytes: &[u8]) -> bool {
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'\\' {
            if bytes[index + 1..].starts_with(b"u0000") {
                return true;
            }
            // The escaped character is skipped, so that `\\u0000` is not read as an escape.
            index += 2;
        } else {
            index += 1;
        }
    }
    false
}

/// The JSON path (`lots[3].number`) of the first text in `value` holding a NUL character, as
/// a key or a value; `path` is the path of `value` itself.
fn field_with_nul(value: &serde_json::Value, path: &str) -> Option<String> {
    match value {
        serde_json::Value::String(text) => text.contains('\0').then(|| path.to_owned()),
        serde_json::Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(index, item)| field_with_nul(item, &format!("{path}[{index}]"))),
        serde_json::Value::Object(fields) => fields.iter().find_map(|(name, item)| {
            let inner = if path.is_empty() {
                name.clone()
            } else {
                format!("{path}.{name}")
            };
            if name.contains('\0') {
                Some(path.to_owned())
            } else {
                field_with_nul(item, &inner)
            }
        }),
        _ => None,
    }
}

/// serde_json's message without its "at line 1 column 9" suffix: the path says where.
fn without_position(error: &serde_json::Error) -> String {
    let text = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    text.strip_suffix(&suffix).unwrap_or(&text).to_owned()
}

/// A field error at `path` (serde_path_to_error's form, `.` for the root). A missing field is
/// reported by serde at its parent; the field itself is the useful place.
fn field_error(path: &str, message: String) -> FieldError {
    let parent = if path == "." { "" } else { path };
    let named = ["missing field `", "unknown field `", "duplicate field `"]
        .iter()
        .find_map(|prefix| message.strip_prefix(prefix))
        .and_then(|rest| rest.split('`').next());
    let field = match named {
        // An unknown field's path already ends with it; a missing one's does not.
        Some(name) if parent == name || parent.ends_with(&format!(".{name}")) => parent.to_owned(),
        Some(name) if parent.is_empty() => name.to_owned(),
        Some(name) => format!("{parent}.{name}"),
        None => parent.to_owned(),
    };
    let message = if message.starts_with("missing field `") {
        // The path already names the field; serde's wording would name it again.
        "the field is required".to_owned()
    } else if message.starts_with("duplicate field `") {
        "the field is given twice; give it once".to_owned()
    } else {
        message
    };
    FieldError::new(field, message)
}

/// A query string deserialized into `T`. Any parameter that is missing, unknown (derive with
/// `#[serde(deny_unknown_fields)]`, so typos do not pass silently) or invalid answers 422
/// naming it.
///
/// Do not use `#[serde(flatten)]` in `T`: flattening hands every value over as a string and
/// numbers then fail to parse.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiQuery<T>(pub T);

impl<T, S> FromRequestParts<S> for ApiQuery<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parse_query(parts.uri.query().unwrap_or_default()).map(ApiQuery)
    }
}

/// Parses a query string into `T`, with errors as [`ApiQuery`] describes them.
pub fn parse_query<T: DeserializeOwned>(query: &str) -> Result<T, ApiError> {
    // Refused here, as in bodies (see `parse_json`), before a store is asked about it.
    if let Some((name, _)) = form_urlencoded::parse(query.as_bytes())
        .find(|(name, value)| name.contains('\0') || value.contains('\0'))
    {
        return Err(ApiError::invalid(name.replace('\0', ""), NUL_MESSAGE));
    }
    let deserializer =
        serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
    serde_path_to_error::deserialize(deserializer).map_err(|error| {
        let path = error.path().to_string();
        let message = in_plain_words(&error.into_inner().to_string());
        ApiError::invalid_fields(vec![field_error(&path, message)])
    })
}

/// serde's messages name Rust types (`expected struct NewMovement`, ``Cannot parse `1.0` to a
/// `i64` ``): say the same in the words of the field's JSON or query form.
fn in_plain_words(message: &str) -> String {
    const INTEGERS: [&str; 8] = ["i64", "u64", "usize", "i32", "u32", "i16", "u16", "u8"];
    // serde_urlencoded: "Cannot parse `VALUE` to a `TYPE`".
    if let Some(rest) = message.strip_prefix("Cannot parse `")
        && let Some((value, kind)) = rest.split_once("` to a `")
    {
        let kind = kind.trim_end_matches('`');
        let expected = if INTEGERS.contains(&kind) {
            "a whole number"
        } else if kind.starts_with('f') {
            "a number"
        } else if kind == "bool" {
            "true or false"
        } else {
            "a value of another form"
        };
        return format!("{value:?} is not {expected}");
    }
    let mut text = message.to_owned();
    if let Some(start) = text.find("expected struct ") {
        text.truncate(start);
        text.push_str("expected a JSON object");
    }
    if let Some(start) = text.find("expected enum ") {
        text.truncate(start);
        text.push_str("expected one of the values the field documents");
    }
    for integer in INTEGERS {
        for ending in [
            format!("expected {integer}"),
            format!("expected a {integer}"),
        ] {
            if text.ends_with(&ending) {
                text.truncate(text.len() - ending.len());
                text.push_str("expected a whole number");
            }
        }
    }
    for float in ["f64", "f32"] {
        let ending = format!("expected {float}");
        if text.ends_with(&ending) {
            text.truncate(text.len() - ending.len());
            text.push_str("expected a number");
        }
    }
    text.replace("expected a sequence", "expected a JSON array")
        .replace("expected a map", "expected a JSON object")
}

/// Path parameters. A value that cannot be parsed (`/lots/abc` where ids are numbers)
/// names no object, so it answers 404 like a well-formed id that matches nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiPath<T>(pub T);

impl<T, S> FromRequestParts<S> for ApiPath<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        // A NUL character names nothing (and PostgreSQL could not even look it up).
        if let Ok(raw) = RawPathParams::from_request_parts(parts, state).await
            && raw.iter().any(|(_, value)| value.contains('\0'))
        {
            return Err(ApiError::not_found(format!(
                "{} names nothing: a path parameter holds the NUL character.",
                parts.uri.path()
            )));
        }
        match Path::<T>::from_request_parts(parts, state).await {
            Ok(Path(value)) => Ok(ApiPath(value)),
            Err(rejection) => Err(ApiError::not_found(format!(
                "{} names nothing: {}.",
                parts.uri.path(),
                rejection.body_text()
            ))),
        }
    }
}

/// A calendar day written `YYYY-MM-DD`, for query parameters and bodies; its error message
/// says what was wrong, where chrono's alone says "input contains invalid characters".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, ToSchema)]
#[schema(value_type = String, format = Date, example = "2021-06-30")]
pub struct Day(pub NaiveDate);

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        NaiveDate::parse_from_str(&text, "%Y-%m-%d")
            .map(Day)
            .map_err(|_| {
                serde::de::Error::custom(format!(
                    "{text:?} is not a day: expected a date written YYYY-MM-DD, like 2021-06-30"
                ))
            })
    }
}

impl fmt::Display for Day {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(formatter)
    }
}
