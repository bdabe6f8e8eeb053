//! The endpoints under `/api/v1`, one module per resource, and [`routes()`], their one registry.
//!
//! To add an endpoint: write an `async fn` handler annotated with `#[utoipa::path(...)]` (full
//! path, `tag`, `params`, `request_body`, every answer in `responses`), taking
//! `State<AppState>` and the crate's extractors and returning `Result<_, ApiError>`; then list
//! it in a `routes!(...)` below (handlers sharing one path go in the same `routes!`). Add its
//! (method, path) and an example request to the list in `tests/openapi.rs`.

pub mod coverage;
pub mod health;
pub mod parties;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;

/// Every route of the API, with its OpenAPI operation. The only place routes are added.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(crate::openapi::base())
        .routes(routes!(health::health))
        .routes(routes!(crate::openapi::openapi_json))
        .routes(routes!(coverage::coverage))
        .routes(routes!(parties::list_parties))
        .routes(routes!(parties::get_party))
}
