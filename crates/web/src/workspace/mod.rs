//! The signed-in workspaces: each party's next actions as pages (`/sign-in`, `/workspace`
//! and one path per kind of object below it), beside the public pages and the API.
//!
//! Everything here is the API's behaviour behind forms: the same session cookie and CSRF
//! token (sent as the form field `csrf_token`, since a form cannot set a header), the same
//! use cases of [`app`] (so the same validation and the one authorization policy), the same
//! idempotency records (the form field `idempotency_key`, fresh in every rendered form, so a
//! double click or a back-and-resubmit has one effect). Pages are server-rendered and work
//! without JavaScript.
//!
//! To add a workspace page: a module with a `GET` handler that takes [`Signed`] and a
//! [`pages::Context`](crate::pages::Context), reads through the use cases in one `App::read`,
//! and answers [`Page::render`] of [`Block`]s; a `POST` handler per form that takes
//! [`form::Submitted`], parses its fields with [`form::Parsed`], runs the use case through
//! [`form::submit`], and answers a redirect (303) on success or the page again with the
//! errors beside their fields. Its messages go in every `locales/{lang}/workspace.ftl`, its
//! route in [`routes`], its entry in [`nav`].

pub mod admin;
pub mod administration;
pub mod capacity;
pub mod country;
pub mod form;
pub mod home;
pub mod lots;
pub mod maker;
pub mod meetings;
pub mod notifications;
pub mod offers;
pub mod partnerships;
pub mod pledges;
pub mod products;
pub mod requests;
pub mod rounds;
pub mod shares;
pub mod shipments;
pub mod sign_in;
pub mod stock;
pub mod threads;

use askama::Template;
use axum::Router;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use domain::party::{PartyKind, Role};

use crate::AppState;
use crate::auth::{Caller, Credential, session_cookie};
use crate::pages::{Context, Figure, Frame, escape};

/// Every workspace route.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/sign-in", get(sign_in::page).post(sign_in::submit))
        .route("/sign-out", post(sign_in::sign_out))
        .route("/workspace", get(home::page))
        .route(
            "/workspace/notifications",
            get(notifications::page).post(notifications::mark_read),
        )
        .route("/workspace/threads", get(threads::list).post(threads::open))
        .route("/workspace/threads/{id}", get(threads::thread))
        .route("/workspace/threads/{id}/messages", post(threads::post))
        .route(
            "/workspace/pledges",
            get(pledges::page).post(pledges::create),
        )
        .route("/workspace/pledges/{id}/withdraw", post(pledges::withdraw))
        .route(
            "/workspace/parties",
            get(admin::parties).post(admin::create_party),
        )
        .route(
            "/workspace/users",
            get(admin::users).post(admin::create_user),
        )
        .route("/workspace/users/{id}/disable", post(admin::disable))
        .route("/workspace/users/{id}/enable", post(admin::enable))
        .route(
            "/workspace/meetings",
            get(meetings::list).post(meetings::create),
        )
        .route("/workspace/meetings/{id}", get(meetings::meeting))
        .route("/workspace/meetings/{id}/outcomes", post(meetings::link))
        .route("/workspace/rounds", get(rounds::list).post(rounds::open))
        .route("/workspace/rounds/next", post(rounds::next))
        .route("/workspace/rounds/{id}", get(rounds::round))
        .route("/workspace/rounds/{id}/shares.csv", get(rounds::shares_csv))
        .route("/workspace/rounds/{id}/change", post(rounds::change))
        .route("/workspace/rounds/{id}/compute", post(rounds::compute))
        .route("/workspace/rounds/{id}/publish", post(rounds::publish))
        .route("/workspace/rounds/{id}/close", post(rounds::close))
        .route(
            "/workspace/products",
            get(products::page).post(products::create),
        )
        .route("/workspace/lots", get(lots::page).post(lots::create))
        .route("/workspace/lots/gs1", post(lots::read_gs1))
        .route("/workspace/lots/confirm", post(lots::confirm))
        .route(
            "/workspace/capacity",
            get(capacity::page).post(capacity::set),
        )
        .route("/workspace/offers", get(offers::page).post(offers::create))
        .route("/workspace/offers/{id}/withdraw", post(offers::withdraw))
        .route("/workspace/offers/{id}/accept", post(offers::accept))
        .route("/workspace/offers/{id}/decline", post(offers::decline))
        .route(
            "/workspace/partnerships",
            get(partnerships::page).post(partnerships::create),
        )
        .route(
            "/workspace/partnerships/{id}/{action}",
            post(partnerships::act),
        )
        .route(
            "/workspace/requests",
            get(requests::page).post(requests::create),
        )
        .route(
            "/workspace/requests/{id}/withdraw",
            post(requests::withdraw),
        )
        .route("/workspace/shares", get(shares::page))
        .route("/workspace/shares/{round}/respond", post(shares::respond))
        .route("/workspace/shipments", get(shipments::page))
        .route("/workspace/shipments/{id}/{action}", post(shipments::act))
        .route("/workspace/stock", get(stock::page))
        .route("/workspace/stock/propose", post(stock::propose))
        .route(
            "/workspace/administration",
            get(administration::page).post(administration::report),
        )
}

/// A signed-in user on a page: who, and the CSRF token their forms carry.
#[derive(Debug, Clone)]
pub struct Signed {
    /// Who, as the API sees them.
    pub caller: Caller,
    /// The session's CSRF token, put in every form.
    pub csrf_token: String,
}

impl Signed {
    /// The actor, for the use cases.
    pub fn actor(&self) -> &domain::access::Actor {
        &self.caller.actor
    }

    /// Whether the policy lets the signed-in user do `action` (to offer it only then; the
    /// use case asks the policy again when it is done).
    pub fn may(&self, action: &domain::access::Action) -> bool {
        domain::access::may(&self.caller.actor, action).is_ok()
    }
}

/// Where a visitor without a session goes: the sign-in page, coming back here after.
pub fn sign_in_redirect(path_and_query: &str) -> Response {
    let mut next = form_urlencoded::Serializer::new(String::new());
    next.append_pair("next", path_and_query);
    Redirect::to(&format!("/sign-in?{}", next.finish())).into_response()
}

/// The session of a request, if it has a valid one.
pub async fn session_of(parts: &Parts, state: &AppState) -> Option<Signed> {
    let token = session_cookie(parts)?;
    let session = app::sessions::authenticate(&state.app, token).await.ok()?;
    let credential = Credential::Session {
        token_digest: app::secrets::token_digest(token),
    };
    Some(Signed {
        caller: Caller::new(session.user, credential),
        csrf_token: session.csrf_token,
    })
}

impl FromRequestParts<AppState> for Signed {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        match session_of(parts, state).await {
            Some(signed) => Ok(signed),
            None => Err(sign_in_redirect(
                parts
                    .uri
                    .path_and_query()
                    .map_or("/workspace", |path| path.as_str()),
            )),
        }
    }
}

/// An entry of the workspace's navigation.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Where it goes.
    pub href: &'static str,
    /// Its text.
    pub text: String,
    /// How many things wait there (unread messages, notifications), if any.
    pub count: Option<String>,
    /// Its count for screen readers, as a sentence.
    pub count_label: String,
    /// Whether it is the page shown.
    pub current: bool,
}

/// The workspace pages a user sees, by their party's kind and role: `(id, path, message)`.
pub fn nav(kind: PartyKind, role: Role) -> Vec<(&'static str, &'static str, &'static str)> {
    let mut entries = vec![("home", "/workspace", "ws-nav-home")];
    match kind {
        PartyKind::Country => entries.extend([
            ("requests", "/workspace/requests", "ws-nav-requests"),
            ("shares", "/workspace/shares", "ws-nav-shares"),
            ("shipments", "/workspace/shipments", "ws-nav-shipments"),
            ("stock", "/workspace/stock", "ws-nav-stock"),
            (
                "administration",
                "/workspace/administration",
                "ws-nav-administration",
            ),
        ]),
        PartyKind::Manufacturer => entries.extend([
            ("products", "/workspace/products", "ws-nav-products"),
            ("lots", "/workspace/lots", "ws-nav-lots"),
            ("capacity", "/workspace/capacity", "ws-nav-capacity"),
            ("offers", "/workspace/offers", "ws-nav-offers"),
            (
                "partnerships",
                "/workspace/partnerships",
                "ws-nav-partnerships",
            ),
            ("shipments", "/workspace/shipments", "ws-nav-shipments"),
            ("stock", "/workspace/stock", "ws-nav-stock"),
        ]),
        PartyKind::Organization => entries.extend([
            ("rounds", "/workspace/rounds", "ws-nav-rounds"),
            ("meetings", "/workspace/meetings", "ws-nav-meetings"),
            ("shipments", "/workspace/shipments", "ws-nav-shipments"),
            ("stock", "/workspace/stock", "ws-nav-stock"),
        ]),
    }
    entries.extend([
        ("pledges", "/workspace/pledges", "ws-nav-pledges"),
        ("threads", "/workspace/threads", "ws-nav-threads"),
        (
            "notifications",
            "/workspace/notifications",
            "ws-nav-notifications",
        ),
    ]);
    if role == Role::Admin {
        entries.extend([
            ("parties", "/workspace/parties", "ws-nav-parties"),
            ("users", "/workspace/users", "ws-nav-users"),
        ]);
    }
    entries
}

/// What waits unread for a user: messages in their threads and notifications.
#[derive(Debug, Clone, Copy, Default)]
pub struct Unread {
    /// Messages by others after the user's read marks, over all their threads.
    pub messages: i64,
    /// Notifications not marked read.
    pub notifications: i64,
}

impl Unread {
    /// The counts for `signed`, read in one transaction.
    pub async fn of(state: &AppState, signed: &Signed) -> Result<Self, app::AppError> {
        let actor = signed.actor().clone();
        state
            .app
            .read(|tx| async move {
                let notifications = tx.unread_notifications(actor.user).await?;
                let threads = app::threads::list(
                    &tx,
                    &actor,
                    &app::threads::ThreadQuery {
                        limit: app::LIST_ITEMS_MAX,
                        ..Default::default()
                    },
                )
                .await?;
                Ok(Unread {
                    messages: threads.iter().map(|thread| thread.unread).sum(),
                    notifications,
                })
            })
            .await
    }
}

/// The account box in the header: who is signed in, and the sign-out button.
#[derive(Debug, Clone)]
pub struct Account {
    /// "Signed in as …".
    pub signed_in_as: String,
    /// The sign-out button's text.
    pub sign_out: String,
    /// The form's CSRF token.
    pub csrf_token: String,
    /// The workspace navigation's label.
    pub nav_label: String,
}

/// A piece of a workspace page, in order.
#[derive(Debug, Clone)]
pub enum Block {
    /// A section heading (`h2`), with its anchor.
    Heading {
        /// The anchor, unique on the page.
        id: String,
        /// Its text.
        text: String,
    },
    /// A paragraph of text.
    Paragraph(String),
    /// A message on what just happened or went wrong: `tone` is `success` or `error`.
    Notice {
        /// `success`, `error` or `info`.
        tone: &'static str,
        /// The sentence.
        text: String,
    },
    /// Terms and their values.
    Facts(Vec<(String, String)>),
    /// A table whose rows may carry forms (accept, decline, confirm…).
    Table(ActionTable),
    /// A form.
    Form(form::Form),
    /// A chart with its legend, table and CSV.
    Figure(Box<Figure>),
    /// Links, as a list.
    Links(Vec<Link>),
}

/// A link with its text.
#[derive(Debug, Clone)]
pub struct Link {
    /// Where.
    pub href: String,
    /// Its text.
    pub text: String,
}

/// A cell of an [`ActionTable`]: text, linked if `href` is given.
#[derive(Debug, Clone, Default)]
pub struct Cell {
    /// What it says.
    pub text: String,
    /// Where it links, if anywhere.
    pub href: Option<String>,
}

impl Cell {
    /// A cell of text.
    pub fn text(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            href: None,
        }
    }

    /// A cell linking to `href`.
    pub fn link(text: impl Into<String>, href: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            href: Some(href.into()),
        }
    }
}

/// A row of an [`ActionTable`]: cells (the first is the row's header) and the forms that act
/// on it.
#[derive(Debug, Clone, Default)]
pub struct ActionRow {
    /// The cells.
    pub cells: Vec<Cell>,
    /// The actions, each a small form.
    pub actions: Vec<form::Form>,
}

/// A table of objects with their actions.
#[derive(Debug, Clone, Default)]
pub struct ActionTable {
    /// What it holds.
    pub caption: String,
    /// The columns' names (without the actions' column, which is added when a row has one).
    pub header: Vec<String>,
    /// The actions column's name.
    pub actions_header: String,
    /// The rows.
    pub rows: Vec<ActionRow>,
    /// What to say when there is no row.
    pub empty: String,
}

impl ActionTable {
    /// Whether any row has an action.
    pub fn has_actions(&self) -> bool {
        self.rows.iter().any(|row| !row.actions.is_empty())
    }
}

/// A workspace page: the layout, the account box, the workspace navigation and the blocks.
#[derive(Debug, Template)]
#[template(path = "workspace.html")]
pub struct Page {
    frame: Frame,
    account: Account,
    entries: Vec<Entry>,
    heading: String,
    blocks: Vec<Block>,
}

impl Page {
    /// A page titled `heading`, `current` its navigation entry, for `signed`.
    pub fn new(
        context: &Context,
        signed: &Signed,
        unread: Unread,
        current: &'static str,
        heading: String,
        blocks: Vec<Block>,
    ) -> Self {
        let locale = context.locale;
        let user = &signed.caller.user;
        let entries = nav(user.party_kind, user.role)
            .into_iter()
            .map(|(id, href, message)| {
                let count = match id {
                    "threads" => unread.messages,
                    "notifications" => unread.notifications,
                    _ => 0,
                };
                Entry {
                    href,
                    text: locale.t(message),
                    count: (count > 0).then(|| locale.number(count)),
                    count_label: locale.with(
                        "ws-unread",
                        &[("n", crate::pages::locale::Argument::Count(count))],
                    ),
                    current: id == current,
                }
            })
            .collect();
        let account = Account {
            signed_in_as: locale.with(
                "ws-signed-in-as",
                &[
                    (
                        "email",
                        crate::pages::locale::Argument::Text(user.email.clone()),
                    ),
                    (
                        "party",
                        crate::pages::locale::Argument::Text(user.party.as_str().to_owned()),
                    ),
                    (
                        "role",
                        crate::pages::locale::Argument::Text(
                            locale.t(&format!("ws-role-{}", user.role.as_str())),
                        ),
                    ),
                ],
            ),
            sign_out: locale.t("ws-sign-out"),
            csrf_token: signed.csrf_token.clone(),
            nav_label: locale.t("ws-nav-label"),
        };
        Self {
            frame: context.frame(heading.clone(), "workspace"),
            account,
            entries,
            heading,
            blocks,
        }
    }

    /// The page as an answer with `status`; never stored by a cache, since it is one user's.
    pub fn render(self, context: &Context, status: StatusCode) -> Response {
        let mut response = crate::pages::render(context, &self);
        *response.status_mut() = status;
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            axum::http::HeaderValue::from_static("no-store"),
        );
        response
    }

    /// A block's HTML, for the template.
    fn figure_html(figure: &Figure) -> String {
        figure.html()
    }
}

/// Text with its HTML escaped (for templates that build attributes).
pub fn attribute(text: &str) -> String {
    escape(text)
}

/// Renders a page for `signed` reading its unread counts; an error becomes the error page.
pub async fn show(
    state: &AppState,
    context: &Context,
    signed: &Signed,
    current: &'static str,
    heading: String,
    blocks: Vec<Block>,
    status: StatusCode,
) -> Response {
    let mut blocks = blocks;
    // A refusal whose form is not on the page (a forced action the role is not offered)
    // still says what happened, at the top.
    let shows_error = blocks.iter().any(|block| match block {
        Block::Notice { tone, .. } => *tone == "error",
        Block::Form(form) => form.has_errors(),
        Block::Table(table) => table
            .rows
            .iter()
            .any(|row| row.actions.iter().any(form::Form::has_errors)),
        _ => false,
    });
    if status.is_client_error() && !shows_error {
        let message = match status {
            StatusCode::FORBIDDEN => "ws-error-denied",
            StatusCode::NOT_FOUND => "ws-error-not-found",
            StatusCode::CONFLICT => "ws-error-conflict",
            _ => "ws-error-check-form",
        };
        blocks.insert(
            0,
            Block::Notice {
                tone: "error",
                text: context.locale.t(message),
            },
        );
    }
    match Unread::of(state, signed).await {
        Ok(unread) => {
            Page::new(context, signed, unread, current, heading, blocks).render(context, status)
        }
        Err(error) => crate::ApiError::from(error).into_response(),
    }
}

/// A moment as a reader reads it: the day in the page's language and the UTC time.
pub fn moment(locale: &crate::pages::locale::Locale, at: domain::time::Timestamp) -> String {
    let time = at.as_datetime();
    format!(
        "{} {} UTC",
        locale.date(time.date_naive()),
        time.format("%H:%M")
    )
}
