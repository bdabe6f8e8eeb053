//! Parties, their users, sign-in sessions and API tokens.

use domain::country::IncomeGroup;
use domain::ledger::PartyCode;
use domain::party::{Party, PartyKind, Role};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::{Store, StoreError, corrupt};

/// A user as the platform knows them (never with the password).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub party: PartyCode,
    pub party_kind: PartyKind,
    pub role: Role,
    pub disabled: bool,
}

/// A new user, with the password already hashed by the caller.
#[derive(Debug, Clone)]
pub struct NewUser<'a> {
    pub email: &'a str,
    pub password_hash: &'a str,
    pub party: &'a PartyCode,
    pub role: Role,
}

const USER_COLUMNS: &str = "u.id, u.email, u.party, p.kind AS party_kind, u.role, u.disabled";

fn user_from(row: &AnyRow) -> Result<User, StoreError> {
    let party: String = row.try_get("party")?;
    let kind: String = row.try_get("party_kind")?;
    let role: String = row.try_get("role")?;
    let disabled: i64 = row.try_get("disabled")?;
    Ok(User {
        id: row.try_get("id")?,
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

/// Creates a party; a taken code is a conflict.
pub async fn create_party(connection: &mut AnyConnection, party: &Party) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO parties (code, kind, name, population, income_group) VALUES ($1, $2, $3, $4, $5)")
        .bind(party.code.as_str())
        .bind(party.kind.as_str())
        .bind(&party.name)
        .bind(party.population)
        .bind(party.income_group.map(IncomeGroup::name))
        .execute(connection)
        .await
        .map_err(|error| StoreError::conflict_or(error, format!("a party with code {} exists already", party.code)))?;
    Ok(())
}

/// Creates a user; a taken email is a conflict.
pub async fn create_user(
    connection: &mut AnyConnection,
    user: &NewUser<'_>,
) -> Result<i64, StoreError> {
    let id: i64 =
        sqlx::query_scalar("INSERT INTO users (email, password_hash, party, role) VALUES ($1, $2, $3, $4) RETURNING id")
            .bind(user.email)
            .bind(user.password_hash)
            .bind(user.party.as_str())
            .bind(user.role.as_str())
            .fetch_one(connection)
            .await
            .map_err(|error| StoreError::conflict_or(error, format!("a user with email {} exists already", user.email)))?;
    Ok(id)
}

impl Store {
    pub async fn party(&self, code: &str) -> Result<Option<Party>, StoreError> {
        let row = sqlx::query(
            "SELECT code, kind, name, population, income_group FROM parties WHERE code = $1",
        )
        .bind(code)
        .fetch_optional(self.pool())
        .await?;
        row.as_ref().map(party_from).transpose()
    }

    /// Parties by code after `after`, at most `limit`.
    pub async fn parties(&self, after: Option<&str>, limit: i64) -> Result<Vec<Party>, StoreError> {
        let rows = sqlx::query(
            "SELECT code, kind, name, population, income_group FROM parties WHERE code > $1 ORDER BY code LIMIT $2",
        )
        .bind(after.unwrap_or(""))
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(party_from).collect()
    }

    pub async fn user(&self, id: i64) -> Result<Option<User>, StoreError> {
        let sql = format!(
            "SELECT {USER_COLUMNS} FROM users u JOIN parties p ON p.code = u.party WHERE u.id = $1"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(user_from).transpose()
    }

    /// The user with this email and their password hash, for sign-in.
    pub async fn user_by_email(&self, email: &str) -> Result<Option<(User, String)>, StoreError> {
        let sql = format!(
            "SELECT {USER_COLUMNS}, u.password_hash FROM users u JOIN parties p ON p.code = u.party WHERE u.email = $1"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(email)
            .fetch_optional(self.pool())
            .await?;
        match row {
            Some(row) => Ok(Some((user_from(&row)?, row.try_get("password_hash")?))),
            None => Ok(None),
        }
    }

    /// Replaces a user's password hash and ends their sessions.
    pub async fn set_password_hash(&self, id: i64, password_hash: &str) -> Result<(), StoreError> {
        let mut transaction = self.begin_write().await?;
        sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(password_hash)
            .bind(id)
            .execute(&mut *transaction)
            .await?;
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(id)
            .execute(&mut *transaction)
            .await?;
        transaction.commit().await?;
        Ok(())
    }

    pub async fn set_user_disabled(&self, id: i64, disabled: bool) -> Result<(), StoreError> {
        let mut transaction = self.begin_write().await?;
        sqlx::query("UPDATE users SET disabled = $1 WHERE id = $2")
            .bind(i64::from(disabled))
            .bind(id)
            .execute(&mut *transaction)
            .await?;
        // A disabled user's sessions end now, not when they expire.
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(id)
            .execute(&mut *transaction)
            .await?;
        transaction.commit().await?;
        Ok(())
    }

    pub async fn create_session(
        &self,
        token_hash: &str,
        user_id: i64,
        csrf_token: &str,
        expires_at: &str,
    ) -> Result<(), StoreError> {
        let mut transaction = self.begin_write().await?;
        sqlx::query("INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4)")
            .bind(token_hash)
            .bind(user_id)
            .bind(csrf_token)
            .bind(expires_at)
            .execute(&mut *transaction)
            .await?;
        transaction.commit().await?;
        Ok(())
    }

    /// The session's user, CSRF token and expiry.
    pub async fn session(
        &self,
        token_hash: &str,
    ) -> Result<Option<(User, String, String)>, StoreError> {
        let sql = format!(
            "SELECT {USER_COLUMNS}, s.csrf_token, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id \
             JOIN parties p ON p.code = u.party WHERE s.token_hash = $1"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(token_hash)
            .fetch_optional(self.pool())
            .await?;
        match row {
            Some(row) => Ok(Some((
                user_from(&row)?,
                row.try_get("csrf_token")?,
                row.try_get("expires_at")?,
            ))),
            None => Ok(None),
        }
    }

    pub async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError> {
        let mut transaction = self.begin_write().await?;
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&mut *transaction)
            .await?;
        transaction.commit().await?;
        Ok(())
    }

    pub async fn create_api_token(
        &self,
        token_hash: &str,
        user_id: i64,
        name: &str,
    ) -> Result<(), StoreError> {
        let mut transaction = self.begin_write().await?;
        sqlx::query("INSERT INTO api_tokens (token_hash, user_id, name) VALUES ($1, $2, $3)")
            .bind(token_hash)
            .bind(user_id)
            .bind(name)
            .execute(&mut *transaction)
            .await?;
        transaction.commit().await?;
        Ok(())
    }

    pub async fn user_by_api_token(&self, token_hash: &str) -> Result<Option<User>, StoreError> {
        let sql = format!(
            "SELECT {USER_COLUMNS} FROM api_tokens t JOIN users u ON u.id = t.user_id \
             JOIN parties p ON p.code = u.party WHERE t.token_hash = $1"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(token_hash)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(user_from).transpose()
    }
}
