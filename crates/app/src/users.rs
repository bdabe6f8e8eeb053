//! Users: administrators create them and disable them; the command line bootstraps the first.

use domain::access::{Action, Actor, UserId, may};
use domain::audit::{AuditAction, ObjectKind, ObjectRef};
use domain::ledger::PartyCode;
use domain::party::Role;
use domain::time::Timestamp;
use serde::{Deserialize, Serialize};
use store::Tx;
use store::accounts::{NewUser, User};

use crate::{AppError, Fields, audit, secrets};

/// A user to create.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUserInput {
    /// Their email.
    #[schema(example = "official@moh.gov.et")]
    pub email: String,
    /// 8 to 256 characters.
    pub password: String,
    /// The party's code.
    #[schema(example = "ETH")]
    pub party: String,
    /// `official`, `viewer` or `admin`.
    #[schema(example = "official")]
    pub role: String,
}

/// A user checked and with the password hashed, ready to be created in a transaction.
#[derive(Debug, Clone)]
pub struct PreparedUser {
    /// The email, lowercase.
    pub email: String,
    /// The argon2id hash.
    pub password_hash: String,
    /// The party.
    pub party: PartyCode,
    /// The role.
    pub role: Role,
}

/// Checks an email address: something@something, bounded, no spaces or control characters.
pub fn normalize_email(email: &str) -> Result<String, String> {
    let email = email.trim().to_lowercase();
    let valid = email
        .split_once('@')
        .is_some_and(|(local, domain)| !local.is_empty() && !domain.is_empty())
        && email.len() <= 254
        && !email
            .chars()
            .any(|character| character.is_whitespace() || character.is_control());
    if valid {
        Ok(email)
    } else {
        Err(format!("{email:?} is not an email address"))
    }
}

/// Checks the fields of a new user and hashes the password (on a blocking thread: argon2id
/// takes tens of milliseconds), outside any transaction.
pub async fn prepare(input: &NewUserInput) -> Result<PreparedUser, AppError> {
    let mut fields = Fields::new();
    let email = fields.check("email", normalize_email(&input.email));
    let role = fields.check("role", Role::parse(&input.role));
    fields.check("password", secrets::check_password(&input.password));
    let party = fields.check("party", PartyCode::parse(&input.party));
    fields.finish()?;
    let (Some(email), Some(role), Some(party)) = (email, role, party) else {
        return Err(AppError::invalid("", "email, role and party are required"));
    };
    let password = input.password.clone();
    let password_hash = secrets::password_work(move || secrets::hash_password(&password))
        .await
        .map_err(|error| AppError::Internal(error.to_string()))?
        .ok_or_else(|| {
            AppError::Busy(
                "The server is hashing many passwords at once; try again in a moment.".into(),
            )
        })?
        .map_err(|error| AppError::Internal(error.to_string()))?;
    Ok(PreparedUser {
        email,
        password_hash,
        party,
        role,
    })
}

/// Creates a user (administrators; `None` for the system's bootstrap).
pub async fn create(
    tx: &Tx,
    now: Timestamp,
    actor: Option<&Actor>,
    user: &PreparedUser,
) -> Result<User, AppError> {
    if let Some(actor) = actor {
        may(actor, &Action::CreateUser)?;
    }
    let Some(party) = tx.party(user.party.as_str()).await? else {
        return Err(AppError::invalid(
            "party",
            format!("there is no party {}", user.party),
        ));
    };
    let id = tx
        .create_user(&NewUser {
            email: &user.email,
            password_hash: &user.password_hash,
            party: &user.party,
            role: user.role,
        })
        .await?;
    audit::record(
        tx,
        actor,
        now,
        AuditAction::UserCreated,
        ObjectRef::new(ObjectKind::User, id),
        vec![user.party.clone()],
        serde_json::json!({"email": user.email, "party": user.party.as_str(), "role": user.role.as_str()}),
    )
    .await?;
    Ok(User {
        id,
        email: user.email.clone(),
        party: user.party.clone(),
        party_kind: party.kind,
        role: user.role,
        disabled: false,
    })
}

/// Disables a user (their sessions end and their tokens stop working at once) or enables
/// them again (administrators). An administrator cannot disable themself, so that the
/// platform is never left without one by mistake.
pub async fn set_disabled(
    tx: &Tx,
    now: Timestamp,
    actor: &Actor,
    id: UserId,
    disabled: bool,
) -> Result<User, AppError> {
    may(actor, &Action::DisableUser)?;
    let Some(mut user) = tx.user(id).await? else {
        return Err(AppError::NotFound(format!("there is no user {id}")));
    };
    if disabled && id == actor.user {
        return Err(AppError::Conflict {
            code: "cannot_disable_self",
            detail: "an administrator cannot disable themself; ask another administrator".into(),
        });
    }
    if user.disabled != disabled {
        tx.set_user_disabled(id, disabled).await?;
        audit::record(
            tx,
            Some(actor),
            now,
            if disabled {
                AuditAction::UserDisabled
            } else {
                AuditAction::UserEnabled
            },
            ObjectRef::new(ObjectKind::User, id),
            vec![user.party.clone()],
            serde_json::json!({"email": user.email}),
        )
        .await?;
        user.disabled = disabled;
    }
    Ok(user)
}

/// Every user, by email: administrators only (they create, disable and enable them).
pub async fn list(tx: &Tx, actor: &Actor) -> Result<Vec<User>, AppError> {
    may(actor, &Action::CreateUser)?;
    Ok(tx.users(crate::LIST_ITEMS_MAX).await?)
}
