//! Requests: a country asks for doses, with what it can accept; it may withdraw the request;
//! a request whose delivered doses reach what it asked for is fulfilled.

use chrono::NaiveDate;
use domain::access::{Action, Actor, may, oversees_all, sees_request};
use domain::audit::{AuditAction, ObjectKind, ObjectRef};
use domain::cooperation::request::{self, RequestState};
use domain::party::ProductCode;
use domain::time::Timestamp;
use serde::{Deserialize, Serialize};
use store::Tx;
use store::cooperation::{CooperationFilter, NewRequest, Request};

use crate::{AppError, Fields, LIST_ITEMS_MAX, audit};

/// The longest a note may be, in characters.
pub const NOTE_LENGTH_CHARS_MAX: usize = 2_000;
/// The most days a lead time or a minimum shelf life may say.
pub const DAYS_MAX: i64 = 3_650;

/// A request for doses, as a country's official gives it.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRequestInput {
    /// Doses asked for.
    #[schema(example = 500000)]
    pub doses: i64,
    /// The day they are needed by (YYYY-MM-DD).
    #[schema(example = "2021-09-30")]
    pub needed_by: String,
    /// The products authorised in the country; absent: any.
    pub products: Option<Vec<String>>,
    /// The shelf life a lot must have left on arrival, in days.
    #[schema(example = 70)]
    pub min_shelf_life_days: Option<i64>,
    /// Doses the country can administer per day; absent: its recent rate.
    #[schema(example = 30000)]
    pub absorption_per_day: Option<i64>,
    /// Days from a round's date to the doses' arrival.
    #[schema(example = 14)]
    pub lead_time_days: Option<i64>,
    /// Doses per 100 people the country aims at.
    #[schema(value_type = Option<f64>, example = 40.0)]
    pub target_per_100: Option<serde_json::Number>,
    /// A note for the organizations.
    pub note: Option<String>,
}

/// Checks a note: bounded, no control characters but line breaks.
pub fn check_note(note: &str) -> Result<(), String> {
    if note.chars().count() > NOTE_LENGTH_CHARS_MAX {
        Err(format!(
            "must be at most {NOTE_LENGTH_CHARS_MAX} characters"
        ))
    } else if note
        .chars()
        .any(|character| character.is_control() && character != '\n')
    {
        Err("must not contain control characters other than line breaks".into())
    } else {
        Ok(())
    }
}

/// Parses a day given as text.
pub fn parse_day(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("{text:?} is not a day: expected YYYY-MM-DD"))
}

fn days(fields: &mut Fields, field: &str, value: Option<i64>, minimum: i64) {
    if let Some(value) = value
        && !(minimum..=DAYS_MAX).contains(&value)
    {
        fields.push(field, format!("must be {minimum} to {DAYS_MAX} days"));
    }
}

/// Records a request of the actor's country, `open`.
pub async fn create(
    tx: &Tx,
    now: Timestamp,
    actor: &Actor,
    input: &NewRequestInput,
) -> Result<Request, AppError> {
    may(actor, &Action::CreateRequest)?;
    let mut fields = Fields::new();
    if !(1..=domain::ledger::DOSES_MAX).contains(&input.doses) {
        fields.push(
            "doses",
            format!(
                "must be a whole number from 1 to {}",
                domain::ledger::DOSES_MAX
            ),
        );
    }
    let needed_by = fields.check("needed_by", parse_day(&input.needed_by));
    if let Some(day) = needed_by
        && day < now.date()
    {
        fields.push(
            "needed_by",
            format!("{day} is before today ({})", now.date()),
        );
    }
    let products = match &input.products {
        Some(codes) if codes.is_empty() => {
            fields.push(
                "products",
                "give at least one product, or leave the field out for any",
            );
            None
        }
        Some(codes) => {
            let mut parsed = Vec::new();
            for (index, code) in codes.iter().enumerate() {
                match ProductCode::parse(code) {
                    Ok(code) if tx.product(code.as_str()).await?.is_some() => parsed.push(code),
                    Ok(code) => fields.push(
                        &format!("products[{index}]"),
                        format!("there is no product {code}"),
                    ),
                    Err(message) => fields.push(&format!("products[{index}]"), message),
                }
            }
            Some(parsed)
        }
        None => None,
    };
    days(
        &mut fields,
        "min_shelf_life_days",
        input.min_shelf_life_days,
        0,
    );
    days(&mut fields, "lead_time_days", input.lead_time_days, 0);
    if let Some(rate) = input.absorption_per_day
        && !(1..=domain::ledger::DOSES_MAX).contains(&rate)
    {
        fields.push(
            "absorption_per_day",
            "must be a whole number of doses above zero",
        );
    }
    if let Some(target) = &input.target_per_100
        && !target
            .as_f64()
            .is_some_and(|value| value > 0.0 && value <= 1_000.0)
    {
        fields.push(
            "target_per_100",
            "must be a number of doses per 100 people above 0, at most 1,000",
        );
    }
    if let Some(note) = &input.note {
        fields.check("note", check_note(note));
    }
    fields.finish()?;
    let Some(needed_by) = needed_by else {
        return Err(AppError::invalid("needed_by", "is required"));
    };
    let new = NewRequest {
        country: actor.party.clone(),
        doses: input.doses,
        needed_by,
        products,
        min_shelf_life_days: input.min_shelf_life_days,
        absorption_per_day: input.absorption_per_day,
        lead_time_days: input.lead_time_days,
        target_per_100: input.target_per_100.as_ref().map(ToString::to_string),
        note: input.note.clone(),
    };
    let id = tx.create_request(&new, now).await?;
    audit::record(
        tx,
        Some(actor),
        now,
        AuditAction::RequestCreated,
        ObjectRef::new(ObjectKind::Request, id),
        Vec::new(),
        serde_json::json!({"doses": new.doses, "needed_by": new.needed_by}),
    )
    .await?;
    found(tx, id).await
}

async fn found(tx: &Tx, id: i64) -> Result<Request, AppError> {
    tx.request(id).await?.ok_or_else(|| not_found(id))
}

fn not_found(id: i64) -> AppError {
    AppError::NotFound(format!("there is no request {id} that you can see"))
}

/// The request, if `actor` may read it (the country and organizations).
pub async fn view(tx: &Tx, actor: &Actor, id: i64) -> Result<Request, AppError> {
    match tx.request(id).await? {
        Some(request) if sees_request(actor, &request.country) => Ok(request),
        _ => Err(not_found(id)),
    }
}

/// Which requests to list.
#[derive(Debug, Clone, Default)]
pub struct RequestQuery {
    /// Only in this state.
    pub state: Option<RequestState>,
    /// Only of this country.
    pub country: Option<domain::ledger::PartyCode>,
    /// After this id.
    pub after: Option<i64>,
    /// At most this many.
    pub limit: i64,
}

/// The requests `actor` may read, by id.
pub async fn list(tx: &Tx, actor: &Actor, query: &RequestQuery) -> Result<Vec<Request>, AppError> {
    Ok(tx
        .requests(&CooperationFilter {
            state: query.state.map(|state| state.as_str().to_owned()),
            party: query.country.clone(),
            visible_to: (!oversees_all(actor)).then(|| actor.party.clone()),
            after: query.after,
            limit: query.limit.clamp(1, LIST_ITEMS_MAX),
            ..CooperationFilter::default()
        })
        .await?)
}

/// Withdraws an open request (its country).
pub async fn withdraw(
    tx: &Tx,
    now: Timestamp,
    actor: &Actor,
    id: i64,
) -> Result<Request, AppError> {
    let current = view(tx, actor, id).await?;
    may(
        actor,
        &Action::WithdrawRequest {
            country: current.country.clone(),
        },
    )?;
    let next = request::withdraw(id, current.state).map_err(invalid_state)?;
    if !tx.set_request_state(id, current.state, next, now).await? {
        return Err(changed_meanwhile("request", id));
    }
    audit::record(
        tx,
        Some(actor),
        now,
        AuditAction::RequestWithdrawn,
        ObjectRef::new(ObjectKind::Request, id),
        vec![current.country.clone()],
        serde_json::json!({}),
    )
    .await?;
    found(tx, id).await
}

/// Marks the request fulfilled once its delivered doses reach what it asked for (after a
/// delivery), by the system.
pub async fn settle(tx: &Tx, now: Timestamp, id: i64) -> Result<(), AppError> {
    let current = found(tx, id).await?;
    let next = request::after_delivery(current.state, current.doses, current.doses_delivered);
    if next != current.state && tx.set_request_state(id, current.state, next, now).await? {
        audit::record(
            tx,
            None,
            now,
            AuditAction::RequestFulfilled,
            ObjectRef::new(ObjectKind::Request, id),
            vec![current.country],
            serde_json::json!({"doses_delivered": current.doses_delivered}),
        )
        .await?;
    }
    Ok(())
}

/// An action the object's state does not allow, as the use cases answer it.
pub fn invalid_state(error: domain::cooperation::InvalidState) -> AppError {
    AppError::Conflict {
        code: "invalid_state",
        detail: error.to_string(),
    }
}

/// The object changed between reading it and changing it (another request was first).
pub fn changed_meanwhile(object: &str, id: i64) -> AppError {
    AppError::Conflict {
        code: "invalid_state",
        detail: format!("{object} {id} changed while this request ran; read it again"),
    }
}
