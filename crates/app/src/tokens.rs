//! Bearer tokens: issued for a user, with a lifetime, listed and revoked.

use chrono::Duration;
use domain::access::{Action, Actor, TokenId, UserId, may};
use domain::audit::{AuditAction, ObjectKind, ObjectRef};
use domain::time::Timestamp;
use store::Tx;
use store::accounts::{ApiToken, User};

use crate::{AppError, audit, secrets};

/// How long a token lives unless its creator asks for less.
pub const TOKEN_LIFETIME_DAYS_DEFAULT: i64 = 90;
/// The longest a token may live.
pub const TOKEN_LIFETIME_DAYS_MAX: i64 = 365;

/// A token just issued: the secret, shown once, and its record.
#[derive(Debug, Clone)]
pub struct IssuedToken {
    /// The bearer token itself; only its digest is stored.
    pub secret: String,
    /// Its record.
    pub token: ApiToken,
}

/// Issues a token acting as `user` (who proved who they are by session or password), living
/// `lifetime_days` (default 90, at most 365).
pub async fn issue(
    tx: &Tx,
    now: Timestamp,
    user: &User,
    name: &str,
    lifetime_days: Option<i64>,
) -> Result<IssuedToken, AppError> {
    let actor = actor_of(user);
    may(&actor, &Action::IssueToken)?;
    domain::party::check_name(name).map_err(|message| AppError::invalid("name", message))?;
    let days = lifetime_days.unwrap_or(TOKEN_LIFETIME_DAYS_DEFAULT);
    if !(1..=TOKEN_LIFETIME_DAYS_MAX).contains(&days) {
        return Err(AppError::invalid(
            "lifetime_days",
            format!("must be 1 to {TOKEN_LIFETIME_DAYS_MAX} days"),
        ));
    }
    let secret =
        secrets::random_token("eqd").map_err(|error| AppError::Internal(error.to_string()))?;
    let token = tx
        .create_api_token(
            &secrets::token_digest(&secret),
            user.id,
            name.trim(),
            now,
            now.plus(Duration::days(days)),
        )
        .await?;
    audit::record(
        tx,
        Some(&actor),
        now,
        AuditAction::TokenIssued,
        ObjectRef::new(ObjectKind::Token, token.id),
        Vec::new(),
        serde_json::json!({"user": user.id, "name": token.name, "expires_at": token.expires_at}),
    )
    .await?;
    Ok(IssuedToken { secret, token })
}

/// Revokes a token: the user's own, or anyone's for an administrator. Another user's token
/// is not found for anyone else. Revoking twice changes nothing the second time.
pub async fn revoke(
    tx: &Tx,
    now: Timestamp,
    actor: &Actor,
    id: TokenId,
) -> Result<ApiToken, AppError> {
    let not_found = || AppError::NotFound(format!("there is no token {id} of yours"));
    let mut token = tx.api_token(id).await?.ok_or_else(not_found)?;
    may(actor, &Action::RevokeToken { owner: token.user }).map_err(|_| not_found())?;
    if token.revoked_at.is_none() {
        tx.revoke_api_token(id, now).await?;
        let owner = tx.user(token.user).await?;
        audit::record(
            tx,
            Some(actor),
            now,
            AuditAction::TokenRevoked,
            ObjectRef::new(ObjectKind::Token, id),
            owner.map(|owner| owner.party).into_iter().collect(),
            serde_json::json!({"user": token.user, "name": token.name}),
        )
        .await?;
        token.revoked_at = Some(now);
    }
    Ok(token)
}

/// A user's tokens (their own, or anyone's for an administrator).
pub async fn list(tx: &Tx, actor: &Actor, user: UserId) -> Result<Vec<ApiToken>, AppError> {
    may(actor, &Action::ListTokens { owner: user })?;
    Ok(tx.api_tokens_of(user).await?)
}

/// The user a bearer token acts as, if the token is valid now: known, not expired, not
/// revoked, and its user not disabled. Every failure reads the same to the caller.
pub async fn authenticate(
    tx: &Tx,
    now: Timestamp,
    secret: &str,
) -> Result<(User, ApiToken), AppError> {
    let invalid = || {
        AppError::Unauthorized("the bearer token is not valid (unknown, expired or revoked); create one with POST /api/v1/tokens".into())
    };
    let (user, token) = tx
        .user_by_api_token(&secrets::token_digest(secret))
        .await?
        .ok_or_else(invalid)?;
    if token.revoked_at.is_some() || token.expires_at <= now {
        return Err(invalid());
    }
    if user.disabled {
        return Err(AppError::Unauthorized(
            "this user is disabled; ask an administrator".into(),
        ));
    }
    Ok((user, token))
}

/// The actor a user acts as.
pub fn actor_of(user: &User) -> Actor {
    Actor {
        user: user.id,
        party: user.party.clone(),
        party_kind: user.party_kind,
        role: user.role,
    }
}
