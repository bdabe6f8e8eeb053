//! Forms that are safe: what a form shows ([`Form`], [`Field`]), what a submission carries
//! ([`Submitted`]: the session, checked against its CSRF token and the request's origin),
//! reading its fields with errors in the page's language ([`Parsed`]), and running its use
//! case once per idempotency key ([`submit`]).
//!
//! A form's field names are the API's JSON field names, so that the use cases' errors (which
//! name the JSON path) land beside the right field.

use std::collections::BTreeMap;
use std::future::Future;

use app::{AppError, FieldError};
use axum::extract::{FromRequest, Request};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use store::Tx;
use store::idempotency::Claim;

use super::{Signed, session_of, sign_in_redirect};
use crate::AppState;
use crate::pages::locale::{Argument, Locale};

/// The form field that carries the session's CSRF token.
pub const CSRF_FIELD: &str = "csrf_token";
/// The form field that carries the submission's idempotency key.
pub const KEY_FIELD: &str = "idempotency_key";

/// One input of a form.
#[derive(Debug, Clone, Default)]
pub struct Field {
    /// Its name: the API's JSON field name.
    pub name: String,
    /// Its label, in the page's language.
    pub label: String,
    /// `text`, `number`, `date`, `email`, `password`, `textarea`, `select`, `checkboxes` or
    /// `hidden`.
    pub kind: &'static str,
    /// What it holds: what was typed, or the default.
    pub value: String,
    /// For `select`: `(value, text)` of each option.
    pub options: Vec<(String, String)>,
    /// A hint under the label, if any.
    pub hint: String,
    /// What is wrong with it, if anything.
    pub error: Option<String>,
    /// Whether it must be filled.
    pub required: bool,
    /// Whether what it holds is written left to right whatever the page's direction (codes:
    /// a GS1 string, a GTIN, a lot number), so that an Arabic page does not reorder it.
    pub ltr: bool,
}

impl Field {
    /// A field named `name` of `kind`, labelled `label`.
    pub fn new(name: &str, kind: &'static str, label: String) -> Self {
        Self {
            name: name.to_owned(),
            label,
            kind,
            ..Self::default()
        }
    }

    /// The same, required.
    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }

    /// The same, written left to right (a code).
    pub fn ltr(mut self) -> Self {
        self.ltr = true;
        self
    }

    /// The same, holding `value`.
    pub fn value(mut self, value: impl Into<String>) -> Self {
        self.value = value.into();
        self
    }

    /// The same, with a hint.
    pub fn hint(mut self, hint: String) -> Self {
        self.hint = hint;
        self
    }

    /// The same, with these options (for `select`).
    pub fn options(mut self, options: Vec<(String, String)>) -> Self {
        self.options = options;
        self
    }

    /// A hidden field.
    pub fn hidden(name: &str, value: impl Into<String>) -> Self {
        Self::new(name, "hidden", String::new()).value(value)
    }

    /// The ids of its hint and error, for `aria-describedby`; empty when it has neither.
    pub fn described_by(&self, form: &str) -> String {
        let id = self.input_id(form);
        let mut ids = Vec::new();
        if !self.hint.is_empty() {
            ids.push(format!("{id}-hint"));
        }
        if self.error.is_some() {
            ids.push(format!("{id}-error"));
        }
        ids.join(" ")
    }

    /// Whether `value` is among the checked ones (checkboxes hold their values joined by
    /// commas).
    pub fn is_checked(&self, value: &str) -> bool {
        self.value.split(',').any(|checked| checked == value)
    }

    /// The anchor of its input.
    pub fn input_id(&self, form: &str) -> String {
        format!("{form}-{}", self.name.replace(['[', ']', '.'], "-"))
    }
}

/// A form: where it posts, its fields and its button.
#[derive(Debug, Clone, Default)]
pub struct Form {
    /// A name unique on the page (anchors, and which form a submission was).
    pub id: String,
    /// Its heading, if any.
    pub legend: String,
    /// Where it posts.
    pub action: String,
    /// The inputs.
    pub fields: Vec<Field>,
    /// The button's text.
    pub submit: String,
    /// The session's CSRF token.
    pub csrf_token: String,
    /// A fresh idempotency key.
    pub idempotency_key: String,
    /// A sentence on what went wrong with the whole form, if anything.
    pub error: Option<String>,
    /// Whether it is a small form in a table row (one line, no legend).
    pub inline: bool,
    /// Whether its action undoes or refuses something (drawn as a secondary button).
    pub secondary: bool,
}

impl Form {
    /// A form `id` posting to `action` for `signed`, with a fresh idempotency key.
    pub fn new(signed: &Signed, id: &str, action: impl Into<String>, submit: String) -> Self {
        Self {
            id: id.to_owned(),
            action: action.into(),
            submit,
            csrf_token: signed.csrf_token.clone(),
            idempotency_key: fresh_key(),
            ..Self::default()
        }
    }

    /// The same with a heading.
    pub fn legend(mut self, legend: String) -> Self {
        self.legend = legend;
        self
    }

    /// The same, in a table row.
    pub fn inline(mut self) -> Self {
        self.inline = true;
        self
    }

    /// The same, drawn as a secondary action.
    pub fn secondary(mut self) -> Self {
        self.secondary = true;
        self
    }

    /// The same with `field`.
    pub fn field(mut self, field: Field) -> Self {
        self.fields.push(field);
        self
    }

    /// Puts back what was typed and the errors of a failed submission of this form.
    pub fn refill(mut self, failed: &Failed) -> Self {
        if failed.form != self.id {
            return self;
        }
        for field in &mut self.fields {
            // A password is never sent back; a hidden field keeps the page's own value.
            if field.kind != "hidden"
                && field.kind != "password"
                && let Some(value) = failed.values.get(&field.name)
            {
                field.value.clone_from(value);
            }
            field.error = failed.errors.get(&field.name).cloned();
        }
        let unplaced: Vec<&String> = failed
            .errors
            .iter()
            .filter(|(name, _)| !self.fields.iter().any(|field| &field.name == *name))
            .map(|(_, message)| message)
            .collect();
        let mut sentences: Vec<String> = failed.notice.iter().cloned().collect();
        sentences.extend(unplaced.into_iter().cloned());
        if !sentences.is_empty() {
            self.error = Some(sentences.join(" "));
        }
        self
    }

    /// Whether any field has an error.
    pub fn has_errors(&self) -> bool {
        self.error.is_some() || self.fields.iter().any(|field| field.error.is_some())
    }
}

/// A fresh idempotency key: 128 random bits.
pub fn fresh_key() -> String {
    app::secrets::random_token("form").unwrap_or_default()
}

/// What a failed submission leaves for the page shown again: which form, what was typed,
/// each field's error and a sentence for the whole form.
#[derive(Debug, Clone, Default)]
pub struct Failed {
    /// The form's id.
    pub form: String,
    /// What was typed, by field.
    pub values: BTreeMap<String, String>,
    /// The errors, by field.
    pub errors: BTreeMap<String, String>,
    /// A sentence for the whole form (a refusal, a conflict).
    pub notice: Option<String>,
    /// The status the page is answered with.
    pub status: Option<StatusCode>,
}

impl Failed {
    /// The status of the page shown again: 200 when nothing failed.
    pub fn status(&self) -> StatusCode {
        self.status.unwrap_or(StatusCode::OK)
    }
}

/// A form's submission: the signed-in user (CSRF token and origin checked) and its fields.
#[derive(Debug, Clone)]
pub struct Submitted {
    /// Who.
    pub signed: Signed,
    /// The fields, in order, as sent.
    pub fields: Vec<(String, String)>,
}

impl Submitted {
    /// The value of `name`, trimmed; empty when absent.
    pub fn get(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(key, _)| key == name)
            .map_or("", |(_, value)| value.trim())
    }

    /// Every value of `name` (checkboxes, multiple selects).
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.fields
            .iter()
            .filter(|(key, _)| key == name)
            .map(|(_, value)| value.trim())
            .collect()
    }

    /// What was typed, for showing the form again (the values of a field sent several times,
    /// like checkboxes, joined by commas).
    pub fn values(&self) -> BTreeMap<String, String> {
        let mut values: BTreeMap<String, String> = BTreeMap::new();
        for (name, value) in &self.fields {
            if name == CSRF_FIELD || name == KEY_FIELD {
                continue;
            }
            values
                .entry(name.clone())
                .and_modify(|joined| {
                    joined.push(',');
                    joined.push_str(value);
                })
                .or_insert_with(|| value.clone());
        }
        values
    }

    /// A reader of the fields that gathers errors in `locale`'s language.
    pub fn parse<'a>(&'a self, locale: &'static Locale) -> Parsed<'a> {
        Parsed {
            submitted: self,
            locale,
            errors: BTreeMap::new(),
        }
    }

    /// The page shown again after `error`, for the form `form`.
    pub fn failed(&self, locale: &Locale, form: &str, error: &AppError) -> Failed {
        let mut failed = Failed {
            form: form.to_owned(),
            values: self.values(),
            ..Failed::default()
        };
        match error {
            AppError::Invalid(fields) => {
                for FieldError { field, message } in fields {
                    // `lots[3].holder` lands beside the form's `lots` field.
                    let name = field.split(['[', '.']).next().unwrap_or_default();
                    let text = translate_detail(locale, message);
                    if name.is_empty() {
                        failed.notice = Some(text);
                    } else {
                        failed.errors.entry(name.to_owned()).or_insert(text);
                    }
                }
                failed.status = Some(StatusCode::UNPROCESSABLE_ENTITY);
            }
            AppError::Refused { code, detail } if app::movements::refused_field(code).is_some() => {
                let field = app::movements::refused_field(code).unwrap_or_default();
                failed
                    .errors
                    .insert(field.to_owned(), rule_sentence(locale, code, detail));
                failed.status = Some(StatusCode::UNPROCESSABLE_ENTITY);
            }
            AppError::Conflict { code, detail } | AppError::Refused { code, detail } => {
                failed.notice = Some(rule_sentence(locale, code, detail));
                failed.status = Some(if matches!(error, AppError::Conflict { .. }) {
                    StatusCode::CONFLICT
                } else {
                    StatusCode::UNPROCESSABLE_ENTITY
                });
            }
            AppError::Denied(_) => {
                failed.notice = Some(locale.t("ws-error-denied"));
                failed.status = Some(StatusCode::FORBIDDEN);
            }
            AppError::NotFound(_) => {
                failed.notice = Some(locale.t("ws-error-not-found"));
                failed.status = Some(StatusCode::NOT_FOUND);
            }
            AppError::Unauthorized(_) => {
                failed.notice = Some(locale.t("ws-error-signed-out"));
                failed.status = Some(StatusCode::UNAUTHORIZED);
            }
            AppError::Store(_) | AppError::Busy(_) | AppError::Internal(_) => {
                failed.notice = Some(locale.t("ws-error-internal"));
                failed.status = Some(StatusCode::SERVICE_UNAVAILABLE);
            }
        }
        failed
    }
}

/// A conflict's or refusal's sentence: the translated sentence of its rule if the catalogue
/// has one (`ws-rule-{code}`), else the use case's own.
fn rule_sentence(locale: &Locale, code: &str, detail: &str) -> String {
    let id = format!("ws-rule-{}", code.replace('_', "-"));
    match locale.find(&id) {
        Some(text) => text,
        None => crate::pages::sentence(detail),
    }
}

/// A use case's field message in the page's language where the catalogue knows its shape;
/// else the use case's English sentence.
pub fn translate_detail(locale: &Locale, message: &str) -> String {
    let known = [
        ("must not be empty", "ws-error-required"),
        ("must be at least 1", "ws-error-positive"),
        ("must be a positive whole number", "ws-error-positive"),
    ];
    for (shape, id) in known {
        if message == shape {
            return locale.t(id);
        }
    }
    crate::pages::sentence(message)
}

/// Reads a submission's fields, gathering one error per field in the page's language.
#[derive(Debug)]
pub struct Parsed<'a> {
    submitted: &'a Submitted,
    locale: &'static Locale,
    errors: BTreeMap<String, String>,
}

impl Parsed<'_> {
    fn error(&mut self, name: &str, id: &str) {
        self.errors
            .entry(name.to_owned())
            .or_insert_with(|| self.locale.t(id));
    }

    /// Text that may be empty.
    pub fn text(&mut self, name: &str) -> String {
        self.submitted.get(name).to_owned()
    }

    /// Text that must be given.
    pub fn required(&mut self, name: &str) -> Option<String> {
        let value = self.submitted.get(name);
        if value.is_empty() {
            self.error(name, "ws-error-required");
            None
        } else {
            Some(value.to_owned())
        }
    }

    /// A whole number of at least 1.
    pub fn positive(&mut self, name: &str) -> Option<i64> {
        let value = self.required(name)?;
        match value
            .replace([' ', '\u{a0}', '\u{202f}', ','], "")
            .parse::<i64>()
        {
            Ok(number) if number >= 1 => Some(number),
            _ => {
                self.error(name, "ws-error-positive");
                None
            }
        }
    }

    /// A whole number of at least 0, or none when empty.
    pub fn optional_count(&mut self, name: &str) -> Option<Option<i64>> {
        let value = self.submitted.get(name);
        if value.is_empty() {
            return Some(None);
        }
        match value
            .replace([' ', '\u{a0}', '\u{202f}', ','], "")
            .parse::<i64>()
        {
            Ok(number) if number >= 0 => Some(Some(number)),
            _ => {
                self.error(name, "ws-error-count");
                None
            }
        }
    }

    /// A day, `YYYY-MM-DD` (what a date input sends).
    pub fn day(&mut self, name: &str) -> Option<NaiveDate> {
        let value = self.required(name)?;
        match NaiveDate::parse_from_str(&value, "%Y-%m-%d") {
            Ok(day) => Some(day),
            Err(_) => {
                self.error(name, "ws-error-day");
                None
            }
        }
    }

    /// One of `choices`.
    pub fn choice(&mut self, name: &str, choices: &[&str]) -> Option<String> {
        let value = self.required(name)?;
        if choices.contains(&value.as_str()) {
            Some(value)
        } else {
            self.error(name, "ws-error-choice");
            None
        }
    }

    /// An id (a whole number of at least 1).
    pub fn id(&mut self, name: &str) -> Option<i64> {
        let value = self.required(name)?;
        match value.parse::<i64>() {
            Ok(id) if id >= 1 => Some(id),
            _ => {
                self.error(name, "ws-error-choice");
                None
            }
        }
    }

    /// Records an error of the caller's own on `name`.
    pub fn reject(&mut self, name: &str, message_id: &str) {
        self.error(name, message_id);
    }

    /// The errors gathered, or nothing when every field read well.
    pub fn finish(self, form: &str) -> Result<(), Failed> {
        if self.errors.is_empty() {
            return Ok(());
        }
        Err(Failed {
            form: form.to_owned(),
            values: self.submitted.values(),
            errors: self.errors,
            notice: None,
            status: Some(StatusCode::UNPROCESSABLE_ENTITY),
        })
    }
}

/// Whether the request comes from this site: a browser sends `Origin` with every form it
/// posts (or `Referer` when it hides the origin); a request that names another site is
/// refused, so that another site cannot post a form here in the user's name, even before a
/// session exists (sign-in).
pub fn same_origin(parts: &axum::http::request::Parts) -> bool {
    let host = parts
        .headers
        .get(header::HOST)
        .and_then(|value| value.to_str().ok());
    let origin = parts
        .headers
        .get(header::ORIGIN)
        .and_then(|value| value.to_str().ok())
        .or_else(|| {
            parts
                .headers
                .get(header::REFERER)
                .and_then(|value| value.to_str().ok())
        });
    match (origin, host) {
        (None, _) => true,
        (Some("null"), _) => false,
        (Some(origin), Some(host)) => {
            let rest = origin
                .strip_prefix("https://")
                .or_else(|| origin.strip_prefix("http://"))
                .unwrap_or(origin);
            rest.split('/').next() == Some(host)
        }
        (Some(_), None) => false,
    }
}

/// The fields of a form body (`application/x-www-form-urlencoded`).
pub async fn read_fields(
    request: Request,
    state: &AppState,
) -> Result<Vec<(String, String)>, Response> {
    let is_form = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return Err(crate::ApiError::UnsupportedMediaType {
            detail: "A form must be sent as application/x-www-form-urlencoded.".to_owned(),
        }
        .into_response());
    }
    let bytes = crate::extract::read_body(request, state)
        .await
        .map_err(IntoResponse::into_response)?;
    if std::str::from_utf8(&bytes).is_err() {
        // Unreadable, as JSON that is not UTF-8 is: 400, not a field to correct (422).
        return Err(crate::ApiError::bad_request(
            "The form is not UTF-8; send it as a browser does.",
        )
        .into_response());
    }
    let fields: Vec<(String, String)> = form_urlencoded::parse(&bytes).into_owned().collect();
    // PostgreSQL cannot store the NUL character, and no field means anything by it: refused
    // on both stores alike, as in the API's bodies.
    if let Some((name, _)) = fields
        .iter()
        .find(|(name, value)| name.contains('\0') || value.contains('\0'))
    {
        return Err(crate::ApiError::invalid(
            name.replace('\0', ""),
            "text must not contain the NUL character (U+0000)",
        )
        .into_response());
    }
    Ok(fields)
}

impl FromRequest<AppState> for Submitted {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let (parts, body) = request.into_parts();
        if !same_origin(&parts) {
            return Err(crate::ApiError::forbidden(
                "this form was sent from another site; open the page here and send it again",
            )
            .into_response());
        }
        let Some(signed) = session_of(&parts, state).await else {
            let back = parts
                .headers
                .get(header::REFERER)
                .and_then(|value| value.to_str().ok())
                .and_then(|referer| {
                    referer
                        .find("/workspace")
                        .map(|at| referer[at..].to_owned())
                })
                .unwrap_or_else(|| "/workspace".to_owned());
            return Err(sign_in_redirect(&back));
        };
        let fields = read_fields(Request::from_parts(parts, body), state).await?;
        let sent = fields
            .iter()
            .find(|(name, _)| name == CSRF_FIELD)
            .map(|(_, value)| value.as_str());
        if !sent.is_some_and(|sent| {
            crate::auth::constant_time_equal(sent.as_bytes(), signed.csrf_token.as_bytes())
        }) {
            return Err(crate::ApiError::forbidden(
                "this form lacks the session's CSRF token; open the page again and send it from there",
            )
            .into_response());
        }
        Ok(Submitted { signed, fields })
    }
}

/// Runs `effect` once for this user and the form's idempotency key, in one transaction with
/// the key's record; answers where to go next (the effect's answer, or the first one again
/// for a repeated submission). A refused effect records nothing, so the form can be corrected
/// and sent again.
pub async fn submit<F, Fut>(
    state: &AppState,
    submitted: &Submitted,
    route: &str,
    mut effect: F,
) -> Result<String, AppError>
where
    F: FnMut(Tx) -> Fut,
    Fut: Future<Output = Result<String, AppError>>,
{
    let key = submitted.get(KEY_FIELD);
    let key = (!key.is_empty() && key.len() <= crate::idempotent::KEY_LENGTH_CHARS_MAX)
        .then(|| key.to_owned());
    let values = submitted.values();
    let fingerprint = app::secrets::sha256_hex(&format!(
        "form {route}\n{}",
        serde_json::to_string(&values).unwrap_or_default()
    ));
    let user = submitted.signed.caller.user.id;
    let (key, fingerprint) = (key.as_deref(), fingerprint.as_str());
    state
        .app
        .write(|tx| {
            let effect = effect(tx.clone());
            async move {
                if let Some(key) = key {
                    match tx.claim_idempotency_key(user, key, fingerprint).await? {
                        Claim::Fresh => {}
                        Claim::Replay { body, .. } => {
                            return Ok(serde_json::from_str::<serde_json::Value>(&body)
                                .ok()
                                .and_then(|value| value["location"].as_str().map(str::to_owned))
                                .unwrap_or_else(|| "/workspace".to_owned()));
                        }
                        Claim::Mismatch => {
                            return Err(AppError::Conflict {
                                code: "form_sent_with_other_values",
                                detail: "this form was already sent with other values; open the page again".into(),
                            });
                        }
                        Claim::InFlight => {
                            return Err(AppError::Conflict {
                                code: "request_in_flight",
                                detail: "this form is still being handled; wait a moment".into(),
                            });
                        }
                    }
                }
                let location = effect.await?;
                if let Some(key) = key {
                    let body = serde_json::json!({ "location": location }).to_string();
                    tx.complete_idempotency_key(user, key, StatusCode::SEE_OTHER.as_u16(), &body)
                        .await?;
                }
                Ok(location)
            }
        })
        .await
}

/// Where a successful form goes: `location` with `done=` naming the message that says what
/// happened.
pub fn done(location: &str, message: &str) -> String {
    let separator = if location.contains('?') { '&' } else { '?' };
    format!("{location}{separator}done={message}")
}

/// The notice a page shows after a redirect from a successful form (`?done=`), if it names
/// one of the `ws-done-*` messages.
pub fn done_notice(locale: &Locale, done: Option<&str>) -> Option<super::Block> {
    let done = done?;
    if !done
        .bytes()
        .all(|byte| byte.is_ascii_lowercase() || byte == b'-')
    {
        return None;
    }
    let text = locale.find(&format!("ws-done-{done}"))?;
    Some(super::Block::Notice {
        tone: "success",
        text,
    })
}

/// A count in a sentence (`{ $n } doses`), for messages with plurals.
pub fn count(n: i64) -> Argument {
    Argument::Count(n)
}

/// A 303 to `location`.
pub fn see_other(location: &str) -> Response {
    axum::response::Redirect::to(location).into_response()
}
