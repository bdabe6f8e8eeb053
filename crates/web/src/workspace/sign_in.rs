//! `/sign-in` and `/sign-out`: the session cookie of the API, set and cleared by forms.
//!
//! Signing in goes through the API's own check (the same throttle with growing delays, the
//! same trail of failed attempts) and answers the same sentence whatever was wrong, so the
//! page does not tell which emails exist. The sign-in form has no session to carry a CSRF
//! token yet: it is protected by the origin check of [`super::form::same_origin`] and by the
//! cookie's `SameSite=Strict`.

use askama::Template;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::form::{Field, Form, Submitted, read_fields, same_origin, see_other};
use super::session_of;
use crate::api::session::{CLEAR_SESSION_COOKIE, check_credentials, session_cookie_value};
use crate::auth::{ClientAddress, Credential};
use crate::pages::{Context, Frame, render};
use crate::{ApiError, AppState};

/// The sign-in page.
#[derive(Debug, Template)]
#[template(path = "sign_in.html")]
struct SignInPage {
    frame: Frame,
    heading: String,
    lead: String,
    form: Form,
}

/// Where to go after signing in: a path of this site below `/workspace`, else `/workspace`.
fn next_of(next: &str) -> String {
    let safe = next.starts_with("/workspace")
        && !next.contains("//")
        && !next.contains('\\')
        && next.bytes().all(|byte| byte.is_ascii_graphic());
    if safe {
        next.to_owned()
    } else {
        "/workspace".to_owned()
    }
}

fn sign_in_page(context: &Context, email: &str, next: &str, error: Option<String>) -> SignInPage {
    let locale = context.locale;
    let heading = locale.t("ws-sign-in");
    let mut form = Form {
        id: "sign-in".to_owned(),
        action: "/sign-in".to_owned(),
        submit: locale.t("ws-sign-in"),
        error,
        ..Form::default()
    };
    form.fields = vec![
        Field::new("email", "email", locale.t("ws-field-email"))
            .required()
            .value(email),
        Field::new("password", "password", locale.t("ws-field-password")).required(),
        Field::hidden("next", next_of(next)),
    ];
    SignInPage {
        frame: context.frame(heading.clone(), ""),
        heading,
        lead: locale.t("ws-sign-in-lead"),
        form,
    }
}

fn page_with(context: &Context, page: &SignInPage, status: StatusCode) -> Response {
    let mut response = render(context, page);
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// `GET /sign-in`: the form, or the workspace for someone already signed in.
pub async fn page(State(state): State<AppState>, context: Context, request: Request) -> Response {
    let (parts, _) = request.into_parts();
    let next = context.query("next").unwrap_or("/workspace").to_owned();
    if session_of(&parts, &state).await.is_some() {
        return see_other(&next_of(&next));
    }
    page_with(
        &context,
        &sign_in_page(&context, "", &next, None),
        StatusCode::OK,
    )
}

/// `POST /sign-in`: checks the email and password like the API, sets the session cookie and
/// goes where the visitor was going.
pub async fn submit(
    State(state): State<AppState>,
    context: Context,
    ClientAddress(address): ClientAddress,
    request: Request,
) -> Response {
    let locale = context.locale;
    let (parts, body) = request.into_parts();
    if !same_origin(&parts) {
        return ApiError::forbidden(
            "this form was sent from another site; open the sign-in page here and send it again",
        )
        .into_response();
    }
    let fields = match read_fields(Request::from_parts(parts, body), &state).await {
        Ok(fields) => fields,
        Err(response) => return response,
    };
    let get = |name: &str| {
        fields
            .iter()
            .find(|(key, _)| key == name)
            .map_or(String::new(), |(_, value)| value.clone())
    };
    let (email, password, next) = (get("email"), get("password"), get("next"));
    if email.trim().is_empty() || password.is_empty() {
        let page = sign_in_page(
            &context,
            &email,
            &next,
            Some(locale.t("ws-error-credentials-missing")),
        );
        return page_with(&context, &page, StatusCode::UNPROCESSABLE_ENTITY);
    }
    match check_credentials(&state, &email, &password, &address).await {
        Ok(user) => match app::sessions::begin(&state.app, &user).await {
            Ok(session) => {
                let mut response = see_other(&next_of(&next));
                if let Ok(value) = HeaderValue::from_str(&session_cookie_value(&session.token)) {
                    response.headers_mut().insert(header::SET_COOKIE, value);
                }
                response
            }
            Err(error) => ApiError::from(error).into_response(),
        },
        Err(ApiError::TooManyRequests { retry_after, .. }) => {
            let page = sign_in_page(
                &context,
                &email,
                &next,
                Some(locale.t("ws-error-throttled")),
            );
            let mut response = page_with(&context, &page, StatusCode::TOO_MANY_REQUESTS);
            response.headers_mut().insert(
                header::RETRY_AFTER,
                HeaderValue::from(retry_after.as_secs().max(1)),
            );
            response
        }
        Err(ApiError::Unauthorized { .. }) => {
            let page = sign_in_page(
                &context,
                &email,
                &next,
                Some(locale.t("ws-error-credentials")),
            );
            page_with(&context, &page, StatusCode::UNAUTHORIZED)
        }
        Err(error) => error.into_response(),
    }
}

/// `POST /sign-out`: ends the session and clears the cookie.
pub async fn sign_out(State(state): State<AppState>, submitted: Submitted) -> Response {
    if let Credential::Session { token_digest } = &submitted.signed.caller.credential
        && let Err(error) = app::sessions::end(&state.app, token_digest).await
    {
        return ApiError::from(error).into_response();
    }
    let mut response = see_other("/?signed-out=1");
    response.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_static(CLEAR_SESSION_COOKIE),
    );
    response
}
