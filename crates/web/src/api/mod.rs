//! The endpoints under `/api/v1`, one module per resource, and [`routes()`], their one registry.
//!
//! Handlers parse, call a use case of the `app` crate, and render: no authorization, no
//! validation that needs data and no store calls of their own.
//!
//! To add an endpoint:
//!
//! 1. Write an `async fn` handler annotated with `#[utoipa::path(...)]`: the full path, a
//!    `tag`, `params(...)` (an `IntoParams` query struct, or `("id" = i64, Path, ...)`),
//!    `request_body = T` (a `ToSchema` type), every answer in `responses(...)` with problems as
//!    `body = Problem, content_type = "application/problem+json"`, and for signed-in routes
//!    `security(("bearer" = []), ("session" = []))`. It takes `State<AppState>` and the
//!    crate's extractors ([`crate::ApiJson`], [`crate::ApiQuery`], [`crate::ApiPath`], never
//!    axum's own) and returns `Result<_, ApiError>`; lists return [`crate::Page`].
//! 2. List it in a `routes!(...)` in [`routes()`] (handlers sharing one path and different
//!    methods go in the same `routes!`).
//! 3. Add its row (method, path, example, anonymous status) to `ROUTES` in `tests/openapi.rs`.
//!
//! ```text
//! /// Moves doses between accounts.
//! #[utoipa::path(
//!     post,
//!     path = "/api/v1/movements",
//!     tag = "ledger",
//!     request_body = NewMovement,
//!     security(("bearer" = []), ("session" = [])),
//!     responses(
//!         (status = 201, description = "The journal entry.", body = Movement),
//!         (status = 409, description = "The source balance is too small (`insufficient_balance`).",
//!             body = Problem, content_type = "application/problem+json"),
//!         (status = 422, description = "Invalid fields, or a rule refused it (`code`).",
//!             body = Problem, content_type = "application/problem+json"),
//!     )
//! )]
//! pub async fn create_movement(
//!     State(state): State<AppState>,
//!     ApiJson(movement): ApiJson<NewMovement>,
//! ) -> Result<(StatusCode, Json<Movement>), ApiError> { … }
//! ```

pub mod admin;
pub mod agreements;
pub mod audit;
pub mod balances;
pub mod capacity;
pub mod coverage;
pub mod expiry;
pub mod health;
pub mod lots;
pub mod meetings;
pub mod movements;
pub mod notifications;
pub mod offers;
pub mod parties;
pub mod partnerships;
pub mod pledges;
pub mod products;
pub mod requests;
pub mod rounds;
pub mod session;
pub mod shipments;
pub mod threads;
pub mod webhooks;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;

/// Every route of the API, with its OpenAPI operation. The only place routes are added.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(crate::openapi::base())
        .routes(routes!(health::health))
        .routes(routes!(crate::openapi::openapi_json))
        .routes(routes!(coverage::coverage))
        .routes(routes!(coverage::coverage_series))
        .routes(routes!(parties::list_parties, admin::create_party))
        .routes(routes!(parties::get_party))
        .routes(routes!(session::sign_in, session::sign_out))
        .routes(routes!(session::create_token, session::list_tokens))
        .routes(routes!(session::revoke_token))
        .routes(routes!(session::me))
        .routes(routes!(admin::create_user))
        .routes(routes!(admin::disable_user))
        .routes(routes!(admin::enable_user))
        .routes(routes!(products::create_product, products::list_products))
        .routes(routes!(products::get_product))
        .routes(routes!(lots::register_lot, lots::list_lots))
        .routes(routes!(lots::get_lot))
        .routes(routes!(balances::list_balances))
        .routes(routes!(
            movements::create_movement,
            movements::list_movements
        ))
        .routes(routes!(audit::list_events))
        .routes(routes!(requests::create_request, requests::list_requests))
        .routes(routes!(requests::get_request))
        .routes(routes!(requests::withdraw_request))
        .routes(routes!(pledges::create_pledge, pledges::list_pledges))
        .routes(routes!(pledges::get_pledge))
        .routes(routes!(pledges::withdraw_pledge))
        .routes(routes!(pledges::pledge_fulfilment))
        .routes(routes!(
            shipments::create_shipment,
            shipments::list_shipments
        ))
        .routes(routes!(shipments::get_shipment))
        .routes(routes!(shipments::dispatch_shipment))
        .routes(routes!(shipments::confirm_shipment))
        .routes(routes!(shipments::cancel_shipment))
        .routes(routes!(expiry::expiry_risk))
        .routes(routes!(expiry::propose_redistribution))
        .routes(routes!(notifications::list_notifications))
        .routes(routes!(notifications::mark_notifications_read))
        .routes(routes!(rounds::create_round))
        .routes(routes!(rounds::get_round, rounds::change_round))
        .routes(routes!(rounds::compute_round))
        .routes(routes!(rounds::round_input))
        .routes(routes!(rounds::round_answer))
        .routes(routes!(rounds::round_certificate))
        .routes(routes!(rounds::publish_round))
        .routes(routes!(rounds::close_round))
        .routes(routes!(rounds::respond_to_round))
        .routes(routes!(capacity::set_capacity, capacity::list_capacity))
        .routes(routes!(offers::create_offer, offers::list_offers))
        .routes(routes!(offers::get_offer))
        .routes(routes!(offers::accept_offer))
        .routes(routes!(offers::decline_offer))
        .routes(routes!(offers::withdraw_offer))
        .routes(routes!(
            agreements::create_agreement,
            agreements::list_agreements
        ))
        .routes(routes!(agreements::get_agreement))
        .routes(routes!(agreements::sign_agreement))
        .routes(routes!(agreements::cancel_agreement))
        .routes(routes!(
            partnerships::create_partnership,
            partnerships::list_partnerships
        ))
        .routes(routes!(partnerships::get_partnership))
        .routes(routes!(partnerships::negotiate_partnership))
        .routes(routes!(partnerships::agree_partnership))
        .routes(routes!(partnerships::start_partnership_production))
        .routes(routes!(partnerships::abandon_partnership))
        .routes(routes!(meetings::create_meeting, meetings::list_meetings))
        .routes(routes!(meetings::get_meeting))
        .routes(routes!(meetings::link_outcome))
        .routes(routes!(threads::create_thread, threads::list_threads))
        .routes(routes!(threads::get_thread))
        .routes(routes!(threads::post_message, threads::list_messages))
        .routes(routes!(webhooks::create_webhook, webhooks::list_webhooks))
        .routes(routes!(webhooks::get_webhook, webhooks::delete_webhook))
        .routes(routes!(webhooks::list_deliveries))
}
