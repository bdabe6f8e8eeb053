//! `/workspace/parties` and `/workspace/users`: the administrators' pages. Parties are listed
//! and created; users are listed, created (with a first password) and disabled or enabled
//! again. The use cases are the API's (`app::parties`, `app::users`), so only an
//! administrator is offered these forms, and the policy refuses anyone else who forces them.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use domain::access::{Action, UserId};
use domain::party::{PartyKind, Role};

use super::form::{Failed, Field, Form, Submitted, done, done_notice, see_other, submit};
use super::{ActionRow, ActionTable, Block, Cell, Signed, show};
use crate::pages::Context;
use crate::pages::locale::Locale;
use crate::{ApiError, AppState};

fn kind_options(locale: &Locale) -> Vec<(String, String)> {
    [
        PartyKind::Country,
        PartyKind::Manufacturer,
        PartyKind::Organization,
    ]
    .into_iter()
    .map(|kind| {
        (
            kind.as_str().to_owned(),
            locale.t(&format!("ws-kind-{}", kind.as_str())),
        )
    })
    .collect()
}

async fn parties_view(
    state: &AppState,
    context: &Context,
    signed: &Signed,
    failed: &Failed,
) -> Response {
    let locale = context.locale;
    let parties = state
        .app
        .read(|tx| async move { Ok(tx.parties(None, app::LIST_ITEMS_MAX).await?) })
        .await;
    let parties = match parties {
        Ok(parties) => parties,
        Err(error) => return ApiError::from(error).into_response(),
    };
    let mut blocks = Vec::new();
    blocks.extend(done_notice(locale, context.query("done")));
    if signed.may(&Action::CreateParty) {
        blocks.push(Block::Form(
            Form::new(
                signed,
                "new-party",
                "/workspace/parties",
                locale.t("ws-admin-create-party"),
            )
            .legend(locale.t("ws-admin-create-party"))
            .field(
                Field::new("kind", "select", locale.t("ws-party-kind"))
                    .required()
                    .options(kind_options(locale)),
            )
            .field(
                Field::new("code", "text", locale.t("ws-admin-code"))
                    .required()
                    .hint(locale.t("ws-admin-code-hint")),
            )
            .field(Field::new("name", "text", locale.t("ws-admin-name")).required())
            .refill(failed),
        ));
    }
    blocks.push(Block::Table(ActionTable {
        caption: locale.t("ws-nav-parties"),
        header: vec![
            locale.t("ws-admin-code"),
            locale.t("ws-admin-name"),
            locale.t("ws-party-kind"),
        ],
        rows: parties
            .iter()
            .map(|party| ActionRow {
                cells: vec![
                    Cell::text(party.code.as_str()),
                    Cell::text(locale.country(party.code.as_str(), &party.name)),
                    Cell::text(locale.t(&format!("ws-kind-{}", party.kind.as_str()))),
                ],
                actions: Vec::new(),
            })
            .collect(),
        empty: String::new(),
        ..ActionTable::default()
    }));
    show(
        state,
        context,
        signed,
        "parties",
        locale.t("ws-nav-parties"),
        blocks,
        failed.status(),
    )
    .await
}

/// `GET /workspace/parties`.
pub async fn parties(State(state): State<AppState>, context: Context, signed: Signed) -> Response {
    parties_view(&state, &context, &signed, &Failed::default()).await
}

/// `POST /workspace/parties`: creates a party.
pub async fn create_party(
    State(state): State<AppState>,
    context: Context,
    submitted: Submitted,
) -> Response {
    let locale = context.locale;
    let mut parsed = submitted.parse(locale);
    let kind = parsed.choice("kind", &["country", "manufacturer", "organization"]);
    let code = parsed.required("code");
    let name = parsed.required("name");
    if let Err(failed) = parsed.finish("new-party") {
        return parties_view(&state, &context, &submitted.signed, &failed).await;
    }
    let input = app::parties::NewParty {
        kind: kind.unwrap_or_default(),
        code: code.unwrap_or_default(),
        name: name.unwrap_or_default(),
        population: None,
        income_group: None,
    };
    let now = state.app.now();
    let actor = submitted.signed.actor().clone();
    let result = submit(&state, &submitted, "new-party", |tx| {
        let (actor, input) = (actor.clone(), input.clone());
        async move {
            app::parties::create(&tx, now, &actor, &input).await?;
            Ok(done("/workspace/parties", "party-created"))
        }
    })
    .await;
    match result {
        Ok(location) => see_other(&location),
        Err(error) => {
            let failed = submitted.failed(locale, "new-party", &error);
            parties_view(&state, &context, &submitted.signed, &failed).await
        }
    }
}

async fn users_view(
    state: &AppState,
    context: &Context,
    signed: &Signed,
    failed: &Failed,
) -> Response {
    let locale = context.locale;
    let actor = signed.actor().clone();
    let read = state
        .app
        .read(|tx| async move {
            let users = app::users::list(&tx, &actor).await?;
            let parties = tx.parties(None, app::LIST_ITEMS_MAX).await?;
            Ok((users, parties))
        })
        .await;
    let (users, parties) = match read {
        Ok(read) => read,
        Err(error) => return ApiError::from(error).into_response(),
    };
    let mut blocks = Vec::new();
    blocks.extend(done_notice(locale, context.query("done")));
    let roles: Vec<(String, String)> = [Role::Official, Role::Viewer, Role::Admin]
        .into_iter()
        .map(|role| {
            (
                role.as_str().to_owned(),
                locale.t(&format!("ws-role-{}", role.as_str())),
            )
        })
        .collect();
    let party_options: Vec<(String, String)> = parties
        .iter()
        .map(|party| {
            (
                party.code.as_str().to_owned(),
                format!(
                    "{} ({})",
                    locale.country(party.code.as_str(), &party.name),
                    party.code.as_str()
                ),
            )
        })
        .collect();
    blocks.push(Block::Form(
        Form::new(
            signed,
            "new-user",
            "/workspace/users",
            locale.t("ws-admin-create-user"),
        )
        .legend(locale.t("ws-admin-create-user"))
        .field(Field::new("email", "email", locale.t("ws-field-email")).required())
        .field(
            Field::new("password", "password", locale.t("ws-admin-first-password"))
                .required()
                .hint(locale.t("ws-admin-password-hint")),
        )
        .field(
            Field::new("party", "select", locale.t("ws-party"))
                .required()
                .options(party_options),
        )
        .field(
            Field::new("role", "select", locale.t("ws-role"))
                .required()
                .options(roles),
        )
        .refill(failed),
    ));
    let own = signed.caller.user.id;
    blocks.push(Block::Table(ActionTable {
        caption: locale.t("ws-nav-users"),
        header: vec![
            locale.t("ws-field-email"),
            locale.t("ws-party"),
            locale.t("ws-role"),
            locale.t("ws-col-state"),
        ],
        actions_header: locale.t("ws-col-actions"),
        rows: users
            .iter()
            .map(|user| {
                let (action, text) = if user.disabled {
                    ("enable", "ws-admin-enable")
                } else {
                    ("disable", "ws-admin-disable")
                };
                ActionRow {
                    cells: vec![
                        Cell::text(user.email.clone()),
                        Cell::text(user.party.as_str()),
                        Cell::text(locale.t(&format!("ws-role-{}", user.role.as_str()))),
                        Cell::text(locale.t(if user.disabled {
                            "ws-admin-disabled"
                        } else {
                            "ws-admin-active"
                        })),
                    ],
                    // An administrator does not lock themselves out from here.
                    actions: if user.id == own {
                        Vec::new()
                    } else {
                        vec![
                            Form::new(
                                signed,
                                &format!("{action}-user-{}", user.id.0),
                                format!("/workspace/users/{}/{action}", user.id.0),
                                locale.t(text),
                            )
                            .inline()
                            .secondary(),
                        ]
                    },
                }
            })
            .collect(),
        empty: String::new(),
    }));
    show(
        state,
        context,
        signed,
        "users",
        locale.t("ws-nav-users"),
        blocks,
        failed.status(),
    )
    .await
}

/// `GET /workspace/users`.
pub async fn users(State(state): State<AppState>, context: Context, signed: Signed) -> Response {
    users_view(&state, &context, &signed, &Failed::default()).await
}

/// `POST /workspace/users`: creates a user with a first password.
pub async fn create_user(
    State(state): State<AppState>,
    context: Context,
    submitted: Submitted,
) -> Response {
    let locale = context.locale;
    // Refused before the password is hashed, as the API does.
    if !submitted.signed.may(&Action::CreateUser) {
        let failed = Failed {
            form: "new-user".into(),
            notice: Some(locale.t("ws-error-denied")),
            status: Some(axum::http::StatusCode::FORBIDDEN),
            ..Failed::default()
        };
        return users_view(&state, &context, &submitted.signed, &failed).await;
    }
    let mut parsed = submitted.parse(locale);
    let email = parsed.required("email");
    parsed.required("password");
    let party = parsed.required("party");
    let role = parsed.choice("role", &["official", "viewer", "admin"]);
    if let Err(failed) = parsed.finish("new-user") {
        return users_view(&state, &context, &submitted.signed, &failed).await;
    }
    let input = app::users::NewUserInput {
        email: email.unwrap_or_default(),
        // Exactly as typed: a password's spaces are its own.
        password: submitted
            .fields
            .iter()
            .find(|(name, _)| name == "password")
            .map(|(_, password)| password.clone())
            .unwrap_or_default(),
        party: party.unwrap_or_default(),
        role: role.unwrap_or_default(),
    };
    let prepared = match app::users::prepare(&input).await {
        Ok(prepared) => prepared,
        Err(error) => {
            let failed = submitted.failed(locale, "new-user", &error);
            return users_view(&state, &context, &submitted.signed, &failed).await;
        }
    };
    let now = state.app.now();
    let actor = submitted.signed.actor().clone();
    let result = submit(&state, &submitted, "new-user", |tx| {
        let (actor, prepared) = (actor.clone(), prepared.clone());
        async move {
            app::users::create(&tx, now, Some(&actor), &prepared).await?;
            Ok(done("/workspace/users", "user-created"))
        }
    })
    .await;
    match result {
        Ok(location) => see_other(&location),
        Err(error) => {
            let failed = submitted.failed(locale, "new-user", &error);
            users_view(&state, &context, &submitted.signed, &failed).await
        }
    }
}

async fn set_disabled(
    state: AppState,
    context: Context,
    submitted: Submitted,
    id: i64,
    disabled: bool,
) -> Response {
    let now = state.app.now();
    let actor = submitted.signed.actor().clone();
    let action = if disabled { "disable" } else { "enable" };
    let result = submit(&state, &submitted, &format!("user {id} {action}"), |tx| {
        let actor = actor.clone();
        async move {
            app::users::set_disabled(&tx, now, &actor, UserId(id), disabled).await?;
            Ok(done(
                "/workspace/users",
                if disabled {
                    "user-disabled"
                } else {
                    "user-enabled"
                },
            ))
        }
    })
    .await;
    match result {
        Ok(location) => see_other(&location),
        Err(error) => {
            let failed = submitted.failed(context.locale, &format!("{action}-user-{id}"), &error);
            users_view(&state, &context, &submitted.signed, &failed).await
        }
    }
}

/// `POST /workspace/users/{id}/disable`: the user can no longer sign in; their sessions and
/// tokens stop working.
pub async fn disable(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    context: Context,
    submitted: Submitted,
) -> Response {
    set_disabled(state, context, submitted, id, true).await
}

/// `POST /workspace/users/{id}/enable`.
pub async fn enable(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    context: Context,
    submitted: Submitted,
) -> Response {
    set_disabled(state, context, submitted, id, false).await
}
