//! What administrators do: create parties and users. They never edit the ledger.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use domain::country::IncomeGroup;
use domain::ledger::PartyCode;
use domain::party::{Party, PartyKind, Role};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::AppState;
use crate::auth::Caller;
use crate::error::{ApiError, FieldError, Problem};
use crate::extract::ApiJson;
use crate::idempotent;

/// A party to create.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewParty {
    /// `country`, `manufacturer` or `organization`.
    #[schema(example = "manufacturer")]
    pub kind: String,
    /// A country's ISO 3166-1 alpha-3 code, or a lowercase slug (`serum-institute`).
    #[schema(example = "serum-institute")]
    pub code: String,
    #[schema(example = "Serum Institute of India")]
    pub name: String,
    /// Countries only.
    pub population: Option<i64>,
    /// Countries only: `Low income`, `Lower middle income`, `Upper middle income`, `High income`.
    pub income_group: Option<String>,
}

/// A user to create.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUserRequest {
    #[schema(example = "official@moh.gov.et")]
    pub email: String,
    pub password: String,
    /// The party's code.
    #[schema(example = "ETH")]
    pub party: String,
    /// `official`, `viewer` or `admin`.
    #[schema(example = "official")]
    pub role: String,
}

/// A created user.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserCreated {
    pub id: i64,
    pub email: String,
    pub party: String,
    pub role: String,
}

fn validate_party(request: &NewParty) -> Result<Party, ApiError> {
    let mut errors = Vec::new();
    let kind = PartyKind::parse(&request.kind)
        .map_err(|message| errors.push(FieldError::new("kind", message)))
        .ok();
    let code = PartyCode::parse(&request.code)
        .map_err(|error| errors.push(FieldError::new("code", error.to_string())))
        .ok();
    if let Err(message) = domain::party::check_name(&request.name) {
        errors.push(FieldError::new("name", message));
    }
    let income_group = match &request.income_group {
        Some(name) => IncomeGroup::parse(name)
            .map_err(|error| errors.push(FieldError::new("income_group", error.to_string())))
            .ok(),
        None => None,
    };
    if let Some(population) = request.population
        && !(1..=domain::party::POPULATION_MAX).contains(&population)
    {
        errors.push(FieldError::new(
            "population",
            "must be a whole number of people above zero",
        ));
    }
    if let (Some(kind), Some(code)) = (kind, &code) {
        let is_country_code = domain::country::CountryCode::parse(code.as_str()).is_ok();
        if kind == PartyKind::Country && !is_country_code {
            errors.push(FieldError::new(
                "code",
                "a country's code is its ISO 3166-1 alpha-3 code, like ETH",
            ));
        }
        if kind != PartyKind::Country && is_country_code {
            errors.push(FieldError::new(
                "code",
                "country codes are for countries; use a lowercase slug, like unicef",
            ));
        }
        if kind != PartyKind::Country
            && (request.population.is_some() || request.income_group.is_some())
        {
            errors.push(FieldError::new(
                "population",
                "population and income group are for countries only",
            ));
        }
    }
    match (kind, code, errors.is_empty()) {
        (Some(kind), Some(code), true) => Ok(Party {
            code,
            kind,
            name: request.name.trim().to_owned(),
            population: request.population,
            income_group,
        }),
        _ => Err(ApiError::invalid_fields(errors)),
    }
}

/// Creates a party (administrators).
#[utoipa::path(
    post,
    path = "/api/v1/parties",
    tag = "parties",
    request_body = NewParty,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request safe: the first answer is returned again.")),
    responses(
        (status = 201, description = "The party.", body = crate::api::parties::Party),
        (status = 401, description = "Not signed in.", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The code is taken.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn create_party(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    ApiJson(request): ApiJson<NewParty>,
) -> Result<Response, ApiError> {
    caller.require_admin()?;
    let party = validate_party(&request)?;
    let key = idempotent::key(&headers)?;
    let fingerprint = idempotent::fingerprint("POST /api/v1/parties", &request);
    idempotent::write(&state, &caller, key, fingerprint, move |connection| {
        let party = party.clone();
        Box::pin(async move {
            store::accounts::create_party(connection, &party).await?;
            let body =
                serde_json::to_value(crate::api::parties::Party::from(party)).unwrap_or_default();
            Ok((StatusCode::CREATED, body))
        })
    })
    .await
}

/// Creates a user of a party (administrators).
#[utoipa::path(
    post,
    path = "/api/v1/users",
    tag = "users",
    request_body = NewUserRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request safe: the first answer is returned again.")),
    responses(
        (status = 201, description = "The user.", body = UserCreated),
        (status = 401, description = "Not signed in.", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The email is taken.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = []))
)]
pub async fn create_user(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    ApiJson(request): ApiJson<NewUserRequest>,
) -> Result<Response, ApiError> {
    caller.require_admin()?;
    let mut errors = Vec::new();
    let email = request.email.trim().to_lowercase();
    if !email.contains('@')
        || email.len() > 254
        || email
            .chars()
            .any(|character| character.is_whitespace() || character.is_control())
    {
        errors.push(FieldError::new("email", "is not an email address"));
    }
    let role = Role::parse(&request.role)
        .map_err(|message| errors.push(FieldError::new("role", message)))
        .ok();
    if let Err(error) = crate::secrets::check_password(&request.password) {
        errors.push(FieldError::new("password", error.to_string()));
    }
    let party = match PartyCode::parse(&request.party) {
        Ok(code) => match state.store.party(code.as_str()).await? {
            Some(party) => Some(party),
            None => {
                errors.push(FieldError::new(
                    "party",
                    format!("there is no party {code}"),
                ));
                None
            }
        },
        Err(error) => {
            errors.push(FieldError::new("party", error.to_string()));
            None
        }
    };
    let (Some(role), Some(party), true) = (role, party, errors.is_empty()) else {
        return Err(ApiError::invalid_fields(errors));
    };
    let password = request.password.clone();
    let password_hash =
        tokio::task::spawn_blocking(move || crate::secrets::hash_password(&password))
            .await
            .map_err(ApiError::internal)?
            .map_err(ApiError::internal)?;
    let key = idempotent::key(&headers)?;
    // The fingerprint leaves the password out: it is not stored, even as a digest.
    let fingerprint = idempotent::fingerprint(
        "POST /api/v1/users",
        &(&email, &request.party, &request.role),
    );
    idempotent::write(&state, &caller, key, fingerprint, move |connection| {
        let (email, password_hash, code) =
            (email.clone(), password_hash.clone(), party.code.clone());
        Box::pin(async move {
            let id = store::accounts::create_user(
                connection,
                &store::accounts::NewUser {
                    email: &email,
                    password_hash: &password_hash,
                    party: &code,
                    role,
                },
            )
            .await?;
            let created = UserCreated {
                id,
                email,
                party: code.as_str().into(),
                role: role.as_str().into(),
            };
            Ok((
                StatusCode::CREATED,
                serde_json::to_value(created).unwrap_or_default(),
            ))
        })
    })
    .await
}
