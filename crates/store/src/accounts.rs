//! Parties, their users, sign-in sessions and API tokens.

use domain::access::{TokenId, UserId};
use domain::country::IncomeGroup;
use domain::ledger::PartyCode;
use domain::party::{Party, PartyKind, Role};
use domain::time::Timestamp;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::{StoreError, Tx, corrupt};

/// A user as the platform knows them (never with the password).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// The user's id.
    pub id: UserId,
    /// Their email, lowercase.
    pub email: String,
    /// The party they act for or read as.
    pub party: PartyCode,
    /// That party's kind.
    pub party_kind: PartyKind,
    /// Their role in it.
    pub role: Role,
    /// A disabled user cannot sign in, and their sessions and tokens stop working.
    pub disabled: bool,
}

/// A user and the digest of their password, for checking a sign-in.
#[derive(Debug, Clone)]
pub struct Credentials {
    /// The user.
    pub user: User,
    /// The argon2id PHC string of their password.
    pub password_hash: String,
}

/// A sign-in session as stored.
#[derive(Debug, Clone)]
pub struct Session {
    /// Whose session it is.
    pub user: User,
    /// The token state-changing requests must send back.
    pub csrf_token: String,
    /// When it ends.
    pub expires_at: Timestamp,
}

/// A bearer token as stored (only its digest; the token itself is shown once).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    /// The token's id, to revoke it by.
    pub id: TokenId,
    /// The user it acts as.
    pub user: UserId,
    /// Its name, given when it was made.
    pub name: String,
    /// When it was made.
    pub created_at: Timestamp,
    /// When it stops working.
    pub expires_at: Timestamp,
    /// When it was revoked, if it was.
    pub revoked_at: Option<Timestamp>,
}

/// A new user, with the password already hashed by the caller.
#[derive(Debug, Clone)]
pub struct NewUser<'a> {
    /// Their email, lowercase.
    pub email: &'a str,
    /// The argon2id PHC string of their password.
    pub password_hash: &'a str,
    /// Their party.
    pub party: &'a PartyCode,
    /// Their role.
    pub role: Role,
}

const USER_COLUMNS: &str = "u.id, u.email, u.party, p.kind AS party_kind, u.role, u.disabled";
const TOKEN_COLUMNS: &str = "id, user_id, name, created_at, expires_at, revoked_at";

fn user_from(row: &AnyRow) -> Result<User, StoreError> {
    let party: String = row.try_get("party")?;
    let kind: String = row.try_get("party_kind")?;
    let role: String = row.try_get("role")?;
    let disabled: i64 = row.try_get("disabled")?;
    Ok(User {
        id: UserId(row.try_get("id")?),
        email: row.try_get("email")?,
        party: PartyCode::parse(&party).map_err(corrupt)?,
        party_kind: PartyKind::parse(&kind).map_err(corrupt)?,
        role: Role::parse(&role).map_err(corrupt)?,
        disabled: disabled != 0,
    })
}

fn party_from(row: &AnyRow) -> Result<Party, StoreError> {
    let code: String = row.try_get("code")?;
    let kind: String = row.try_get("kind")?;
    let income_group: Option<String> = row.try_get("income_group")?;
    Ok(Party {
        code: PartyCode::parse(&code).map_err(corrupt)?,
        kind: PartyKind::parse(&kind).map_err(corrupt)?,
        name: row.try_get("name")?,
        population: row.try_get("population")?,
        income_group: income_group
            .map(|name| IncomeGroup::parse(&name))
            .transpose()
            .map_err(corrupt)?,
    })
}

/// A token from a row with [`TOKEN_COLUMNS`] (its id under the name `id_column`, for rows
/// that join it with a user's).
fn token_from(row: &AnyRow, id_column: &str) -> Result<ApiToken, StoreError> {
    let created_at: String = row.try_get("created_at")?;
    let expires_at: String = row.try_get("expires_at")?;
    let revoked_at: Option<String> = row.try_get("revoked_at")?;
    Ok(ApiToken {
        id: TokenId(row.try_get(id_column)?),
        user: UserId(row.try_get("user_id")?),
        name: row.try_get("name")?,
        created_at: Timestamp::parse(&created_at).map_err(corrupt)?,
        expires_at: Timestamp::parse(&expires_at).map_err(corrupt)?,
        revoked_at: revoked_at
            .map(|text| Timestamp::parse(&text))
            .transpose()
            .map_err(corrupt)?,
    })
}

impl Tx {
    /// Creates a party; a taken code is a conflict.
    pub async fn create_party(&self, party: &Party) -> Result<(), StoreError> {
        let mut connection = self.connection().await?;
        sqlx::query("INSERT INTO parties (code, kind, name, population, income_group) VALUES ($1, $2, $3, $4, $5)")
            .bind(party.code.as_str())
            .bind(party.kind.as_str())
            .bind(&party.name)
            .bind(party.population)
            .bind(party.income_group.map(IncomeGroup::name))
            .execute(&mut *connection)
            .await
            .map_err(|error| StoreError::conflict_or(error, format!("a party with code {} exists already", party.code)))?;
        Ok(())
    }

    /// Creates a user; a taken email is a conflict.
    pub async fn create_user(&self, user: &NewUser<'_>) -> Result<UserId, StoreError> {
        let mut connection = self.connection().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO users (email, password_hash, party, role) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(user.email)
        .bind(user.password_hash)
        .bind(user.party.as_str())
        .bind(user.role.as_str())
        .fetch_one(&mut *connection)
        .await
        .map_err(|error| {
            StoreError::conflict_or(
                error,
                format!("a user with email {} exists already", user.email),
            )
        })?;
        Ok(UserId(id))
    }

    /// The party with this code.
    pub async fn party(&self, code: &str) -> Result<Option<Party>, StoreError> {
        let mut connection = self.connection().await?;
        let row = sqlx::query(
            "SELECT code, kind, name, population, income_group FROM parties WHERE code = $1",
        )
        .bind(code)
        .fetch_optional(&mut *connection)
        .await?;
        row.as_ref().map(party_from).transpose()
    }

    /// Parties by code after `after`, at most `limit`.
    pub async fn parties(&self, after: Option<&str>, limit: i64) -> Result<Vec<Party>, StoreError> {
        let mut connection = self.connection().await?;
        let rows = sqlx::query(
            "SELECT code, kind, name, population, income_group FROM parties \
             WHERE (CAST($1 AS TEXT) IS NULL OR code > $1) ORDER BY code LIMIT $2",
        )
        .bind(after)
        .bind(limit)
        .fetch_all(&mut *connection)
        .await?;
        rows.iter().map(party_from).collect()
    }

    /// The user with this id.
    pub async fn user(&self, id: UserId) -> Result<Option<User>, StoreError> {
        let mut connection = self.connection().await?;
        let sql = format!(
            "SELECT {USER_COLUMNS} FROM users u JOIN parties p ON p.code = u.party WHERE u.id = $1"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id.0)
            .fetch_optional(&mut *connection)
            .await?;
        row.as_ref().map(user_from).transpose()
    }

    /// Every user, by email (for the administrators' page).
    pub async fn users(&self, limit: i64) -> Result<Vec<User>, StoreError> {
        let mut connection = self.connection().await?;
        let sql = format!(
            "SELECT {USER_COLUMNS} FROM users u JOIN parties p ON p.code = u.party ORDER BY u.email LIMIT $1"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(limit)
            .fetch_all(&mut *connection)
            .await?;
        rows.iter().map(user_from).collect()
    }

    /// The user with this email and their password hash, for sign-in.
    pub async fn user_by_email(&self, email: &str) -> Result<Option<Credentials>, StoreError> {
        let mut connection = self.connection().await?;
        let sql = format!(
            "SELECT {USER_COLUMNS}, u.password_hash FROM users u JOIN parties p ON p.code = u.party WHERE u.email = $1"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(email)
            .fetch_optional(&mut *connection)
            .await?;
        match row {
            Some(row) => Ok(Some(Credentials {
                user: user_from(&row)?,
                password_hash: row.try_get("password_hash")?,
            })),
            None => Ok(None),
        }
    }

    /// Replaces a user's password hash and ends their sessions.
    pub async fn set_password_hash(
        &self,
        id: UserId,
        password_hash: &str,
    ) -> Result<(), StoreError> {
        let mut connection = self.connection().await?;
        sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(password_hash)
            .bind(id.0)
            .execute(&mut *connection)
            .await?;
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(id.0)
            .execute(&mut *connection)
            .await?;
        Ok(())
    }

    /// Disables or enables a user; disabling ends their sessions now, not when they expire
    /// (their tokens stop working because every authentication checks `disabled`).
    pub async fn set_user_disabled(&self, id: UserId, disabled: bool) -> Result<(), StoreError> {
        let mut connection = self.connection().await?;
        sqlx::query("UPDATE users SET disabled = $1 WHERE id = $2")
            .bind(i64::from(disabled))
            .bind(id.0)
            .execute(&mut *connection)
            .await?;
        if disabled {
            sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                .bind(id.0)
                .execute(&mut *connection)
                .await?;
        }
        Ok(())
    }

    /// Records a new session.
    pub async fn create_session(
        &self,
        token_hash: &str,
        user: UserId,
        csrf_token: &str,
        expires_at: Timestamp,
    ) -> Result<(), StoreError> {
        let mut connection = self.connection().await?;
        sqlx::query("INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4)")
            .bind(token_hash)
            .bind(user.0)
            .bind(csrf_token)
            .bind(expires_at.to_string())
            .execute(&mut *connection)
            .await?;
        Ok(())
    }

    /// The session with this token digest.
    pub async fn session(&self, token_hash: &str) -> Result<Option<Session>, StoreError> {
        let mut connection = self.connection().await?;
        let sql = format!(
            "SELECT {USER_COLUMNS}, s.csrf_token, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id \
             JOIN parties p ON p.code = u.party WHERE s.token_hash = $1"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(token_hash)
            .fetch_optional(&mut *connection)
            .await?;
        match row {
            Some(row) => {
                let expires_at: String = row.try_get("expires_at")?;
                Ok(Some(Session {
                    user: user_from(&row)?,
                    csrf_token: row.try_get("csrf_token")?,
                    expires_at: Timestamp::parse(&expires_at).map_err(corrupt)?,
                }))
            }
            None => Ok(None),
        }
    }

    /// Ends a session.
    pub async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError> {
        let mut connection = self.connection().await?;
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&mut *connection)
            .await?;
        Ok(())
    }

    /// Records a new bearer token by its digest.
    pub async fn create_api_token(
        &self,
        token_hash: &str,
        user: UserId,
        name: &str,
        created_at: Timestamp,
        expires_at: Timestamp,
    ) -> Result<ApiToken, StoreError> {
        let mut connection = self.connection().await?;
        let sql = format!(
            "INSERT INTO api_tokens (token_hash, user_id, name, created_at, expires_at) VALUES ($1, $2, $3, $4, $5) \
             RETURNING {TOKEN_COLUMNS}"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(token_hash)
            .bind(user.0)
            .bind(name)
            .bind(created_at.to_string())
            .bind(expires_at.to_string())
            .fetch_one(&mut *connection)
            .await?;
        token_from(&row, "id")
    }

    /// The token with this id.
    pub async fn api_token(&self, id: TokenId) -> Result<Option<ApiToken>, StoreError> {
        let mut connection = self.connection().await?;
        let sql = format!("SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id.0)
            .fetch_optional(&mut *connection)
            .await?;
        row.as_ref().map(|row| token_from(row, "id")).transpose()
    }

    /// A user's tokens, newest last.
    pub async fn api_tokens_of(&self, user: UserId) -> Result<Vec<ApiToken>, StoreError> {
        let mut connection = self.connection().await?;
        let sql = format!("SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE user_id = $1 ORDER BY id");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(user.0)
            .fetch_all(&mut *connection)
            .await?;
        rows.iter().map(|row| token_from(row, "id")).collect()
    }

    /// Marks a token revoked at `at`; a token revoked already keeps its first time.
    pub async fn revoke_api_token(&self, id: TokenId, at: Timestamp) -> Result<(), StoreError> {
        let mut connection = self.connection().await?;
        sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
            .bind(at.to_string())
            .bind(id.0)
            .execute(&mut *connection)
            .await?;
        Ok(())
    }

    /// The user a bearer token acts as, with the token, whatever its state (the caller
    /// checks expiry, revocation and `disabled`).
    pub async fn user_by_api_token(
        &self,
        token_hash: &str,
    ) -> Result<Option<(User, ApiToken)>, StoreError> {
        let mut connection = self.connection().await?;
        let sql = format!(
            "SELECT {USER_COLUMNS}, t.id AS token_id, t.user_id, t.name, t.created_at, t.expires_at, t.revoked_at \
             FROM api_tokens t JOIN users u ON u.id = t.user_id \
             JOIN parties p ON p.code = u.party WHERE t.token_hash = $1"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(token_hash)
            .fetch_optional(&mut *connection)
            .await?;
        match row {
            Some(row) => Ok(Some((user_from(&row)?, token_from(&row, "token_id")?))),
            None => Ok(None),
        }
    }
}
