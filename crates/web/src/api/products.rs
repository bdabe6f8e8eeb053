//! `POST /api/v1/products` and the public list and page of products.

use app::products::NewProduct;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use domain::party::Product;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::AppState;
use crate::auth::Caller;
use crate::error::{ApiError, Problem};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::idempotent;
use crate::pagination::{Page, PageQuery, PageRequest};

/// A product as the API shows it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ProductBody {
    /// Its code.
    #[schema(example = "AZD1222")]
    pub code: String,
    /// The manufacturer's party code.
    pub manufacturer: String,
    /// Its name.
    #[schema(example = "Vaxzevria")]
    pub name: String,
    /// Doses in a full course.
    #[schema(example = 2)]
    pub doses_per_course: i64,
    /// `2-8C`, `-20C` or `-70C`.
    #[schema(example = "2-8C")]
    pub storage: String,
    /// Days from manufacture to expiry.
    #[schema(example = 180)]
    pub shelf_life_days: i64,
    /// GTIN-14.
    #[schema(example = "09501101530003")]
    pub gtin: Option<String>,
}

impl From<Product> for ProductBody {
    fn from(product: Product) -> Self {
        Self {
            code: product.code.into(),
            manufacturer: product.manufacturer.as_str().into(),
            name: product.name,
            doses_per_course: product.doses_per_course,
            storage: product.storage.as_str().into(),
            shelf_life_days: product.shelf_life_days,
            gtin: product.gtin.map(|gtin| gtin.as_str().to_owned()),
        }
    }
}

/// Creates a product of the caller's manufacturer.
#[utoipa::path(
    post,
    path = "/api/v1/products",
    tag = "ledger",
    request_body = NewProduct,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request safe: one effect, the first answer again.")),
    responses(
        (status = 201, description = "The product.", body = ProductBody),
        (status = 401, description = "Not signed in.", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a manufacturer's official, or a cookie request without its CSRF token.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The code or GTIN is taken.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn create_product(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    ApiJson(request): ApiJson<NewProduct>,
) -> Result<Response, ApiError> {
    let now = state.app.now();
    let (actor, request_ref) = (&caller.actor, &request);
    idempotent::write(
        &state,
        &caller,
        &headers,
        "POST /api/v1/products",
        &request,
        |tx| async move {
            let product = app::products::create(&tx, now, actor, request_ref).await?;
            idempotent::answer(StatusCode::CREATED, &ProductBody::from(product))
        },
    )
    .await
}

/// Products by code (public facts).
#[utoipa::path(
    get,
    path = "/api/v1/products",
    tag = "ledger",
    params(PageQuery),
    responses(
        (status = 200, description = "A page of products.", body = Vec<ProductBody>),
        (status = 422, description = "A bad limit or cursor.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_products(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> Result<Page<ProductBody>, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor)?;
    let (after, limit) = (page.cursor.as_deref(), page.fetch_limit());
    let products = state
        .app
        .read(|tx| async move { Ok(tx.products(after, limit).await?) })
        .await?;
    let products: Vec<ProductBody> = products.into_iter().map(ProductBody::from).collect();
    Ok(page.page(products, |product| &product.code, "/api/v1/products"))
}

/// One product.
#[utoipa::path(
    get,
    path = "/api/v1/products/{code}",
    tag = "ledger",
    params(("code" = String, Path, description = "The product's code.")),
    responses(
        (status = 200, description = "The product.", body = ProductBody),
        (status = 404, description = "No such product.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_product(
    State(state): State<AppState>,
    ApiPath(code): ApiPath<String>,
) -> Result<Json<ProductBody>, ApiError> {
    let wanted = code.as_str();
    let product = state
        .app
        .read(|tx| async move { Ok(tx.product(wanted).await?) })
        .await?
        .ok_or_else(|| ApiError::not_found(format!("there is no product {code}")))?;
    Ok(Json(ProductBody::from(product)))
}
