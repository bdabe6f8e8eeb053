//! `GET /api/v1/health`: whether the server and its database answer, for load balancers and
//! operators.

use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::AppState;
use crate::error::{ApiError, Problem};

/// The server is up and reached its database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Health {
    /// Always `ok` in a 200 answer.
    #[schema(example = "ok")]
    pub status: String,
    /// The database behind the store: `SQLite` or `PostgreSQL`.
    #[schema(example = "SQLite")]
    pub database: String,
}

/// Whether the server and its database answer.
#[utoipa::path(
    get,
    path = "/api/v1/health",
    tag = "meta",
    responses(
        (status = 200, description = "The server and its database answer.", body = Health),
        (status = 503, description = "The database does not answer.", body = Problem,
            content_type = "application/problem+json"),
    )
)]
pub async fn health(State(state): State<AppState>) -> Result<Json<Health>, ApiError> {
    // The pool tests a connection before handing it out, so getting one proves the database
    // answers.
    state.app.store.ping().await.map_err(|error| {
        tracing::warn!(%error, "the health check cannot reach the database");
        ApiError::service_unavailable("The database does not answer.")
    })?;
    Ok(Json(Health {
        status: "ok".to_owned(),
        database: state.app.store.backend().name().to_owned(),
    }))
}
