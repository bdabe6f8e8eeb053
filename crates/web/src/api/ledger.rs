//! Products, lots, balances and movements: the dose ledger over HTTP.
//!
//! Authorization is checked on every object: a party sees a lot it made or has held, and
//! its balances and journal; organizations oversee every lot. A lot outside the caller's
//! reach answers 404, as if it did not exist.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use chrono::NaiveDate;
use domain::gs1::{Gtin, parse_element_string};
use domain::ledger::{AccountState, LotId, MovementKind, MovementRequest, PartyCode};
use domain::party::{PartyKind, Product, Storage};
use serde::{Deserialize, Serialize};
use store::ledger::{BalanceFilter, Movement, NewLot};
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::auth::Caller;
use crate::error::{ApiError, FieldError, Problem};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::idempotent;
use crate::pagination::{Page, PageQuery, PageRequest};

/// A product as the API shows it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ProductBody {
    #[schema(example = "AZD1222")]
    pub code: String,
    /// The manufacturer's party code (set from the caller when creating).
    #[serde(default)]
    pub manufacturer: String,
    #[schema(example = "Vaxzevria")]
    pub name: String,
    #[schema(example = 2)]
    pub doses_per_course: i64,
    /// `2-8C`, `-20C` or `-70C`.
    #[schema(example = "2-8C")]
    pub storage: String,
    #[schema(example = 180)]
    pub shelf_life_days: i64,
    /// GTIN-14 (GTIN-8, -12 and -13 are accepted and padded).
    #[schema(example = "09501101530003")]
    pub gtin: Option<String>,
}

impl From<Product> for ProductBody {
    fn from(product: Product) -> Self {
        Self {
            code: product.code,
            manufacturer: product.manufacturer.as_str().into(),
            name: product.name,
            doses_per_course: product.doses_per_course,
            storage: product.storage.as_str().into(),
            shelf_life_days: product.shelf_life_days,
            gtin: product.gtin.map(|gtin| gtin.as_str().to_owned()),
        }
    }
}

/// A lot to register: by fields, or by the GS1 element string printed on the pack.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewLotRequest {
    #[schema(example = "AZD1222")]
    pub product: Option<String>,
    #[schema(example = "AB1234")]
    pub lot_number: Option<String>,
    /// The last day a dose may be given (YYYY-MM-DD).
    #[schema(example = "2022-03-31")]
    pub expiry: Option<String>,
    /// A GS1 element string with AIs 01 (GTIN), 10 (lot), 17 (expiry) and optionally 21.
    #[schema(example = "(01)09501101530003(17)220331(10)AB1234")]
    pub gs1: Option<String>,
    #[schema(example = 100000)]
    pub doses: i64,
}

/// A balance: doses of a lot held by a party in a state.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BalanceBody {
    pub holder: String,
    pub lot: i64,
    /// `available`, `reserved`, `in_transit`, `administered`, `expired` or `wasted`.
    pub state: String,
    pub doses: i64,
}

impl From<store::ledger::Balance> for BalanceBody {
    fn from(balance: store::ledger::Balance) -> Self {
        Self {
            holder: balance.holder.as_str().into(),
            lot: balance.lot.0,
            state: balance.state.as_str().into(),
            doses: balance.doses,
        }
    }
}

/// A lot and, when the caller may see them, its balances by holder and state.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LotBody {
    pub id: i64,
    pub product: String,
    pub manufacturer: String,
    pub lot_number: String,
    pub expiry: NaiveDate,
    /// Doses released when the lot was registered.
    pub doses: i64,
    pub gtin: Option<String>,
    pub serial: Option<String>,
    pub balances: Vec<BalanceBody>,
}

fn lot_body(lot: domain::party::Lot, balances: Vec<BalanceBody>) -> LotBody {
    LotBody {
        id: lot.id.0,
        product: lot.product,
        manufacturer: lot.manufacturer.as_str().into(),
        lot_number: lot.lot_number,
        expiry: lot.expiry,
        doses: lot.doses,
        gtin: lot.gtin.map(|gtin| gtin.as_str().to_owned()),
        serial: lot.serial,
        balances,
    }
}

/// One side of a movement.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SideBody {
    pub holder: String,
    pub state: String,
}

/// A journal entry.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct JournalEntry {
    /// The entry's place in the journal; entries only ever follow each other.
    pub id: i64,
    pub kind: String,
    pub lot: i64,
    pub doses: i64,
    /// Null for a release, whose doses come from outside the ledger.
    pub from: Option<SideBody>,
    pub to: SideBody,
    pub reason: Option<String>,
    pub recorded_at: String,
}

impl From<Movement> for JournalEntry {
    fn from(movement: Movement) -> Self {
        let side = |side: store::ledger::Side| SideBody {
            holder: side.holder.as_str().into(),
            state: side.state.as_str().into(),
        };
        Self {
            id: movement.id,
            kind: movement.kind.as_str().into(),
            lot: movement.lot.0,
            doses: movement.doses,
            from: movement.from.map(side),
            to: side(movement.to),
            reason: movement.reason,
            recorded_at: movement.recorded_at,
        }
    }
}

/// A movement to make.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMovement {
    /// `reserve`, `unreserve`, `ship`, `receive`, `administer`, `expire` or `waste`
    /// (`release` happens by registering a lot).
    #[schema(example = "ship")]
    pub kind: String,
    pub lot: i64,
    #[schema(example = 1000)]
    pub doses: i64,
    /// The recipient's party code, for `ship`.
    #[schema(example = "ETH")]
    pub to: Option<String>,
    /// Required for `waste`; an optional note otherwise.
    pub reason: Option<String>,
    /// For `expire`: `available` (default) or `reserved`.
    pub from_state: Option<String>,
}

fn bad_page_query(field: &str) -> ApiError {
    ApiError::invalid(
        field,
        "must be a value from a previous page's Next-Cursor header",
    )
}

/// Creates a product of the caller's manufacturer.
#[utoipa::path(
    post,
    path = "/api/v1/products",
    tag = "ledger",
    request_body = ProductBody,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request safe.")),
    responses(
        (status = 201, description = "The product.", body = ProductBody),
        (status = 401, description = "Not signed in.", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a manufacturer's official.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The code or GTIN is taken.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn create_product(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    ApiJson(request): ApiJson<ProductBody>,
) -> Result<Response, ApiError> {
    caller.require_official_of(PartyKind::Manufacturer)?;
    let mut errors = Vec::new();
    if let Err(message) = domain::party::check_product_code(&request.code) {
        errors.push(FieldError::new("code", message));
    }
    if let Err(message) = domain::party::check_name(&request.name) {
        errors.push(FieldError::new("name", message));
    }
    if !(1..=domain::party::DOSES_PER_COURSE_MAX).contains(&request.doses_per_course) {
        errors.push(FieldError::new(
            "doses_per_course",
            format!("must be 1 to {}", domain::party::DOSES_PER_COURSE_MAX),
        ));
    }
    if !(1..=domain::party::SHELF_LIFE_DAYS_MAX).contains(&request.shelf_life_days) {
        errors.push(FieldError::new(
            "shelf_life_days",
            format!("must be 1 to {} days", domain::party::SHELF_LIFE_DAYS_MAX),
        ));
    }
    if !request.manufacturer.is_empty() && request.manufacturer != caller.user.party.as_str() {
        errors.push(FieldError::new(
            "manufacturer",
            "a manufacturer creates only its own products; leave it out",
        ));
    }
    let storage = Storage::parse(&request.storage)
        .map_err(|message| errors.push(FieldError::new("storage", message)))
        .ok();
    let gtin = match &request.gtin {
        Some(gtin) => Gtin::parse(gtin)
            .map_err(|error| errors.push(FieldError::new("gtin", error.to_string())))
            .ok(),
        None => None,
    };
    let (Some(storage), true) = (storage, errors.is_empty()) else {
        return Err(ApiError::invalid_fields(errors));
    };
    let product = Product {
        code: request.code.clone(),
        manufacturer: caller.user.party.clone(),
        name: request.name.trim().to_owned(),
        doses_per_course: request.doses_per_course,
        storage,
        shelf_life_days: request.shelf_life_days,
        gtin,
    };
    let key = idempotent::key(&headers)?;
    let fingerprint = idempotent::fingerprint("POST /api/v1/products", &request);
    idempotent::write(&state, &caller, key, fingerprint, move |connection| {
        let product = product.clone();
        Box::pin(async move {
            store::ledger::create_product(connection, &product).await?;
            Ok((
                StatusCode::CREATED,
                serde_json::to_value(ProductBody::from(product)).unwrap_or_default(),
            ))
        })
    })
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
    let products = state
        .store
        .products(page.cursor.as_deref(), page.limit as i64 + 1)
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
    let product = state
        .store
        .product(&code)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("there is no product {code}")))?;
    Ok(Json(ProductBody::from(product)))
}

/// Registers a lot of one of the caller's products and releases its doses into the
/// manufacturer's `available` account.
#[utoipa::path(
    post,
    path = "/api/v1/lots",
    tag = "ledger",
    request_body = NewLotRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request safe.")),
    responses(
        (status = 201, description = "The lot with its balances.", body = LotBody),
        (status = 401, description = "Not signed in.", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a manufacturer's official.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The lot number is registered already.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, a wrong GTIN check digit, or a product that is not the caller's.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn register_lot(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    ApiJson(request): ApiJson<NewLotRequest>,
) -> Result<Response, ApiError> {
    caller.require_official_of(PartyKind::Manufacturer)?;
    let new_lot = validate_lot(&state, &caller, &request).await?;
    let key = idempotent::key(&headers)?;
    let fingerprint = idempotent::fingerprint("POST /api/v1/lots", &request);
    let user_id = caller.user.id;
    idempotent::write(&state, &caller, key, fingerprint, move |connection| {
        let new_lot = new_lot.clone();
        Box::pin(async move {
            let (lot, movement) =
                store::ledger::register_lot(connection, &new_lot, Some(user_id)).await?;
            let balance = BalanceBody {
                holder: movement.to.holder.as_str().into(),
                lot: lot.id.0,
                state: movement.to.state.as_str().into(),
                doses: movement.doses,
            };
            Ok((
                StatusCode::CREATED,
                serde_json::to_value(lot_body(lot, vec![balance])).unwrap_or_default(),
            ))
        })
    })
    .await
}

async fn validate_lot(
    state: &AppState,
    caller: &Caller,
    request: &NewLotRequest,
) -> Result<NewLot, ApiError> {
    let mut errors = Vec::new();
    if !(1..=domain::ledger::DOSES_MAX).contains(&request.doses) {
        errors.push(FieldError::new(
            "doses",
            format!(
                "must be a whole number from 1 to {}",
                domain::ledger::DOSES_MAX
            ),
        ));
    }
    let (product_code, lot_number, expiry, gtin, serial) = match &request.gs1 {
        Some(element_string) => {
            if request.lot_number.is_some() || request.expiry.is_some() {
                errors.push(FieldError::new(
                    "gs1",
                    "give either gs1 or lot_number and expiry, not both",
                ));
            }
            let data = parse_element_string(element_string)
                .map_err(|error| ApiError::invalid("gs1", error.to_string()))?;
            let product = state.store.product_by_gtin(&data.gtin).await?;
            let product = match product {
                Some(product) if product.manufacturer == caller.user.party => product.code,
                _ => {
                    return Err(ApiError::invalid(
                        "gs1",
                        format!("none of your products has GTIN {}", data.gtin),
                    ));
                }
            };
            if request
                .product
                .as_ref()
                .is_some_and(|named| *named != product)
            {
                errors.push(FieldError::new(
                    "product",
                    format!("the GTIN is product {product}'s"),
                ));
            }
            if data.lot_number.is_none() {
                errors.push(FieldError::new(
                    "gs1",
                    "the element string has no lot number (AI 10)",
                ));
            }
            if data.expiry.is_none() {
                errors.push(FieldError::new(
                    "gs1",
                    "the element string has no expiry (AI 17)",
                ));
            }
            (
                Some(product),
                data.lot_number,
                data.expiry,
                Some(data.gtin),
                data.serial,
            )
        }
        None => {
            let expiry = match &request.expiry {
                Some(text) => NaiveDate::parse_from_str(text, "%Y-%m-%d")
                    .map_err(|_| {
                        errors.push(FieldError::new(
                            "expiry",
                            format!("not a date (YYYY-MM-DD): {text:?}"),
                        ))
                    })
                    .ok(),
                None => {
                    errors.push(FieldError::new("expiry", "required (or give gs1)"));
                    None
                }
            };
            if request.lot_number.is_none() {
                errors.push(FieldError::new("lot_number", "required (or give gs1)"));
            }
            let product = match &request.product {
                Some(code) => match state.store.product(code).await? {
                    Some(product) if product.manufacturer == caller.user.party => {
                        Some(product.code)
                    }
                    _ => {
                        errors.push(FieldError::new(
                            "product",
                            format!("you have no product {code}"),
                        ));
                        None
                    }
                },
                None => {
                    errors.push(FieldError::new("product", "required (or give gs1)"));
                    None
                }
            };
            (product, request.lot_number.clone(), expiry, None, None)
        }
    };
    if let Some(lot_number) = &lot_number
        && let Err(message) = domain::party::check_lot_number(lot_number)
    {
        errors.push(FieldError::new("lot_number", message));
    }
    match (product_code, lot_number, expiry, errors.is_empty()) {
        (Some(product), Some(lot_number), Some(expiry), true) => Ok(NewLot {
            product,
            manufacturer: caller.user.party.clone(),
            lot_number,
            expiry,
            doses: request.doses,
            gtin,
            serial,
        }),
        _ => Err(ApiError::invalid_fields(errors)),
    }
}

/// The lot, if the caller may see it: organizations see every lot, a party the lots it made
/// or has held. Any other lot answers 404, whether or not it exists.
async fn visible_lot(
    state: &AppState,
    caller: &Caller,
    id: i64,
) -> Result<domain::party::Lot, ApiError> {
    let lot = state
        .store
        .lot(LotId(id))
        .await?
        .ok_or_else(|| lot_not_found(id))?;
    if caller.oversees_all()
        || state
            .store
            .party_sees_lot(&caller.user.party, lot.id)
            .await?
    {
        Ok(lot)
    } else {
        Err(lot_not_found(id))
    }
}

fn lot_not_found(lot: i64) -> ApiError {
    ApiError::not_found(format!("there is no lot {lot} that you can see"))
}

/// Lots the caller may see, by id.
#[utoipa::path(
    get,
    path = "/api/v1/lots",
    tag = "ledger",
    params(PageQuery),
    responses(
        (status = 200, description = "A page of lots (without balances).", body = Vec<LotBody>),
        (status = 401, description = "Not signed in.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn list_lots(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> Result<Page<LotBody>, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor)?;
    let after = match &page.cursor {
        Some(cursor) => cursor
            .parse::<i64>()
            .map_err(|_| bad_page_query("cursor"))?,
        None => 0,
    };
    let visible_to = (!caller.oversees_all()).then_some(&caller.user.party);
    let lots = state
        .store
        .lots(visible_to, after, page.limit as i64 + 1)
        .await?;
    let bodies: Vec<LotBody> = lots
        .into_iter()
        .map(|lot| lot_body(lot, Vec::new()))
        .collect();
    Ok(page.page_with_owned_keys(bodies, |lot| lot.id.to_string(), "/api/v1/lots"))
}

/// One lot and its balances by holder and state.
#[utoipa::path(
    get,
    path = "/api/v1/lots/{id}",
    tag = "ledger",
    params(("id" = i64, Path, description = "The lot's id.")),
    responses(
        (status = 200, description = "The lot.", body = LotBody),
        (status = 401, description = "Not signed in.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such lot that the caller can see.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn get_lot(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<LotBody>, ApiError> {
    let lot = visible_lot(&state, &caller, id).await?;
    let balances = state
        .store
        .balances(&BalanceFilter {
            lot: Some(LotId(id)),
            limit: 10_000,
            ..BalanceFilter::default()
        })
        .await?;
    Ok(Json(lot_body(
        lot,
        balances.into_iter().map(BalanceBody::from).collect(),
    )))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct BalancesQuery {
    /// A party code.
    pub holder: Option<String>,
    /// A lot id.
    pub lot: Option<i64>,
    /// An account state.
    pub state: Option<String>,
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<usize>,
    #[param(min_length = 1)]
    pub cursor: Option<String>,
}

/// Balances of the lots the caller may see, by lot, holder and state.
#[utoipa::path(
    get,
    path = "/api/v1/balances",
    tag = "ledger",
    params(BalancesQuery),
    responses(
        (status = 200, description = "A page of balances.", body = Vec<BalanceBody>),
        (status = 401, description = "Not signed in.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A bad filter.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn list_balances(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<BalancesQuery>,
) -> Result<Page<BalanceBody>, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor.clone())?;
    let holder = query
        .holder
        .as_deref()
        .map(PartyCode::parse)
        .transpose()
        .map_err(|error| ApiError::invalid("holder", error.to_string()))?;
    let account_state = query
        .state
        .as_deref()
        .map(str::parse::<AccountState>)
        .transpose()
        .map_err(|error| ApiError::invalid("state", error.to_string()))?;
    let after = match &page.cursor {
        Some(cursor) => {
            let mut parts = cursor.splitn(3, ':');
            match (
                parts.next().and_then(|lot| lot.parse::<i64>().ok()),
                parts.next(),
                parts.next(),
            ) {
                (Some(lot), Some(holder), Some(state)) => {
                    Some((LotId(lot), holder.to_owned(), state.to_owned()))
                }
                _ => return Err(bad_page_query("cursor")),
            }
        }
        None => None,
    };
    let filter = BalanceFilter {
        holder,
        lot: query.lot.map(LotId),
        state: account_state,
        visible_to: (!caller.oversees_all()).then(|| caller.user.party.clone()),
        after,
        limit: page.limit as i64 + 1,
    };
    let balances: Vec<BalanceBody> = state
        .store
        .balances(&filter)
        .await?
        .into_iter()
        .map(BalanceBody::from)
        .collect();
    let mut path = String::from("/api/v1/balances");
    let filters: Vec<(&str, String)> = [
        query
            .holder
            .as_ref()
            .map(|holder| ("holder", holder.clone())),
        query.lot.map(|lot| ("lot", lot.to_string())),
        query.state.as_ref().map(|state| ("state", state.clone())),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !filters.is_empty() {
        path.push('?');
        path.push_str(&serde_urlencoded::to_string(&filters).unwrap_or_default());
    }
    Ok(page.page_with_owned_keys(
        balances,
        |balance| format!("{}:{}:{}", balance.lot, balance.holder, balance.state),
        &path,
    ))
}

/// Moves doses of a lot out of one of the caller's accounts.
#[utoipa::path(
    post,
    path = "/api/v1/movements",
    tag = "ledger",
    request_body = NewMovement,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request safe: one effect, the first answer again.")),
    responses(
        (status = 201, description = "The journal entry.", body = JournalEntry),
        (status = 401, description = "Not signed in.", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an official.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such lot that the caller can see.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The source balance is too small (`insufficient_balance`).", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A movement the ledger's rules refuse, with its rule as `code`.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn create_movement(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    ApiJson(request): ApiJson<NewMovement>,
) -> Result<Response, ApiError> {
    caller.require_official()?;
    let kind = request
        .kind
        .parse::<MovementKind>()
        .map_err(|error| ApiError::invalid("kind", error.to_string()))?;
    if kind == MovementKind::Release {
        return Err(ApiError::invalid(
            "kind",
            "doses are released by registering a lot (POST /api/v1/lots)",
        ));
    }
    let to = match &request.to {
        Some(code) => {
            let code = PartyCode::parse(code)
                .map_err(|error| ApiError::invalid("to", error.to_string()))?;
            if state.store.party(code.as_str()).await?.is_none() {
                return Err(ApiError::invalid("to", format!("there is no party {code}")));
            }
            Some(code)
        }
        None => None,
    };
    let from_state = request
        .from_state
        .as_deref()
        .map(str::parse::<AccountState>)
        .transpose()
        .map_err(|error| ApiError::invalid("from_state", error.to_string()))?;
    visible_lot(&state, &caller, request.lot).await?;
    let movement = MovementRequest {
        kind,
        lot: LotId(request.lot),
        doses: request.doses,
        actor: caller.user.party.clone(),
        to,
        from_state,
        reason: request.reason.clone(),
    };
    // The rules first, outside any transaction: a refused movement costs no write lock.
    domain::ledger::plan(&movement)
        .map_err(|rejection| ApiError::from(store::StoreError::Rejected(rejection)))?;
    let key = idempotent::key(&headers)?;
    let fingerprint = idempotent::fingerprint("POST /api/v1/movements", &request);
    let user_id = caller.user.id;
    idempotent::write(&state, &caller, key, fingerprint, move |connection| {
        let movement = movement.clone();
        Box::pin(async move {
            let entry = store::ledger::apply_movement(connection, &movement, Some(user_id)).await?;
            Ok((
                StatusCode::CREATED,
                serde_json::to_value(JournalEntry::from(entry)).unwrap_or_default(),
            ))
        })
    })
    .await
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct MovementsQuery {
    /// A lot id; organizations may leave it out to read the whole journal.
    pub lot: Option<i64>,
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<usize>,
    #[param(min_length = 1)]
    pub cursor: Option<String>,
}

/// The journal of a lot, oldest first.
#[utoipa::path(
    get,
    path = "/api/v1/movements",
    tag = "ledger",
    params(MovementsQuery),
    responses(
        (status = 200, description = "A page of journal entries, oldest first.", body = Vec<JournalEntry>),
        (status = 401, description = "Not signed in.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such lot that the caller can see.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`lot` missing for a party that is not an organization.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn list_movements(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<MovementsQuery>,
) -> Result<Page<JournalEntry>, ApiError> {
    let page = PageRequest::new(query.limit, query.cursor.clone())?;
    let after = match &page.cursor {
        Some(cursor) => cursor
            .parse::<i64>()
            .map_err(|_| bad_page_query("cursor"))?,
        None => 0,
    };
    match query.lot {
        Some(lot) => {
            visible_lot(&state, &caller, lot).await?;
        }
        None if !caller.oversees_all() => {
            return Err(ApiError::invalid(
                "lot",
                "required: the journal of which lot?",
            ));
        }
        _ => {}
    }
    let entries = state
        .store
        .movements(query.lot.map(LotId), after, page.limit as i64 + 1)
        .await?;
    let entries: Vec<JournalEntry> = entries.into_iter().map(JournalEntry::from).collect();
    let path = match query.lot {
        Some(lot) => format!("/api/v1/movements?lot={lot}"),
        None => "/api/v1/movements".to_owned(),
    };
    Ok(page.page_with_owned_keys(entries, |entry| entry.id.to_string(), &path))
}
