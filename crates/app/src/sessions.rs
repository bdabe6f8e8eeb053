//! Signing in: checking a password, sessions for pages, and the trail of failed attempts.

use chrono::Duration;
use domain::audit::{AuditAction, ObjectKind, ObjectRef};
use domain::time::Timestamp;
use store::accounts::{Session, User};

use crate::{App, AppError, audit, secrets};

/// How long a session lasts from sign-in.
pub const SESSION_DURATION: Duration = Duration::hours(12);

/// The one answer for every failed password check, so that it does not tell which emails
/// exist or which users are disabled.
pub const WRONG_CREDENTIALS: &str = "the email or the password is wrong, or the user is disabled";

/// Checks an email and password. A failure is recorded in the audit trail (for a known
/// user, concerning their party) from `address`, and answers [`WRONG_CREDENTIALS`].
pub async fn check_password(
    app: &App,
    email: &str,
    password: &str,
    address: &str,
) -> Result<User, AppError> {
    let email = email.trim().to_lowercase();
    let lookup = email.clone();
    let found = app
        .read(|tx| async move { Ok(tx.user_by_email(&lookup).await?) })
        .await?;
    // Hash even when the email is unknown, so timing does not tell which emails exist.
    let hash = found
        .as_ref()
        .map_or(secrets::decoy_hash(), |found| found.password_hash.as_str())
        .to_owned();
    let password = password.to_owned();
    let matches = secrets::password_work(move || secrets::verify_password(&password, &hash))
        .await
        .map_err(|error| AppError::Internal(error.to_string()))?
        .ok_or_else(|| {
            AppError::Busy(
                "The server is checking many passwords at once; sign in again in a moment.".into(),
            )
        })?;
    match found {
        Some(found) if matches && !found.user.disabled => Ok(found.user),
        found => {
            if let Some(found) = found {
                let now = app.now();
                let user = found.user;
                app.write(|tx| {
                    let user = user.clone();
                    async move {
                        audit::record(
                            &tx,
                            None,
                            now,
                            AuditAction::SignInFailed,
                            ObjectRef::new(ObjectKind::User, user.id),
                            vec![user.party.clone()],
                            serde_json::json!({"address": address, "disabled": user.disabled}),
                        )
                        .await
                    }
                })
                .await?;
            }
            Err(AppError::Unauthorized(WRONG_CREDENTIALS.into()))
        }
    }
}

/// A session just begun: the cookie's value and the CSRF token, each shown once.
#[derive(Debug, Clone)]
pub struct NewSession {
    /// The session token (the cookie's value); stored only as a digest.
    pub token: String,
    /// The token state-changing requests must send back.
    pub csrf_token: String,
    /// When it ends.
    pub expires_at: Timestamp,
}

/// Begins a session for `user`. A new token every time: a token seen before sign-in is
/// worth nothing after.
pub async fn begin(app: &App, user: &User) -> Result<NewSession, AppError> {
    let random = |prefix| {
        secrets::random_token(prefix).map_err(|error| AppError::Internal(error.to_string()))
    };
    let session = NewSession {
        token: random("session")?,
        csrf_token: random("csrf")?,
        expires_at: app.now().plus(SESSION_DURATION),
    };
    let digest = secrets::token_digest(&session.token);
    app.write(|tx| {
        let (digest, csrf, user) = (digest.clone(), session.csrf_token.clone(), user.id);
        async move {
            Ok(tx
                .create_session(&digest, user, &csrf, session.expires_at)
                .await?)
        }
    })
    .await?;
    Ok(session)
}

/// The session with this token, if it is valid now and its user is active.
pub async fn authenticate(app: &App, token: &str) -> Result<Session, AppError> {
    let digest = secrets::token_digest(token);
    let session = app
        .read(|tx| async move { Ok(tx.session(&digest).await?) })
        .await?
        .ok_or_else(|| AppError::Unauthorized("the session has ended; sign in again".into()))?;
    if session.expires_at < app.now() {
        return Err(AppError::Unauthorized(
            "the session has expired; sign in again".into(),
        ));
    }
    if session.user.disabled {
        return Err(AppError::Unauthorized(
            "this user is disabled; ask an administrator".into(),
        ));
    }
    Ok(session)
}

/// Ends the session whose token has this digest.
pub async fn end(app: &App, token_digest: &str) -> Result<(), AppError> {
    app.write(|tx| async move { Ok(tx.delete_session(token_digest).await?) })
        .await
}
