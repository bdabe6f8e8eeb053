//! Products: a manufacturer's vaccines.

use domain::access::{Action, Actor, may};
use domain::audit::{AuditAction, ObjectKind, ObjectRef};
use domain::gs1::Gtin;
use domain::party::{self, Product, Storage};
use domain::time::Timestamp;
use serde::{Deserialize, Serialize};
use store::Tx;

use crate::{AppError, Fields, audit};

/// A product to create, as a manufacturer's official gives it.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewProduct {
    /// Letters, digits, `-`, `_` and `.`.
    #[schema(example = "AZD1222")]
    pub code: String,
    /// The manufacturer's party code: leave it out (it is the caller's); if given it must be.
    #[serde(default)]
    pub manufacturer: Option<String>,
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
    /// GTIN-14 (GTIN-8, -12 and -13 are accepted and padded).
    #[schema(example = "09501101530003")]
    pub gtin: Option<String>,
}

/// Creates a product of the actor's manufacturer.
pub async fn create(
    tx: &Tx,
    now: Timestamp,
    actor: &Actor,
    input: &NewProduct,
) -> Result<Product, AppError> {
    may(actor, &Action::CreateProduct)?;
    let mut fields = Fields::new();
    let code = fields.check("code", party::ProductCode::parse(&input.code));
    fields.check("name", party::check_name(&input.name));
    if !(1..=party::DOSES_PER_COURSE_MAX).contains(&input.doses_per_course) {
        fields.push(
            "doses_per_course",
            format!("must be 1 to {}", party::DOSES_PER_COURSE_MAX),
        );
    }
    if !(1..=party::SHELF_LIFE_DAYS_MAX).contains(&input.shelf_life_days) {
        fields.push(
            "shelf_life_days",
            format!("must be 1 to {} days", party::SHELF_LIFE_DAYS_MAX),
        );
    }
    if input
        .manufacturer
        .as_deref()
        .is_some_and(|code| code != actor.party.as_str())
    {
        fields.push(
            "manufacturer",
            "a manufacturer creates only its own products; leave it out",
        );
    }
    let storage = fields.check("storage", Storage::parse(&input.storage));
    let gtin = match &input.gtin {
        Some(gtin) => fields.check("gtin", Gtin::parse(gtin)),
        None => None,
    };
    fields.finish()?;
    let (Some(code), Some(storage)) = (code, storage) else {
        return Err(AppError::invalid(
            "",
            "a product needs a code and a storage",
        ));
    };
    let product = Product {
        code,
        manufacturer: actor.party.clone(),
        name: input.name.trim().to_owned(),
        doses_per_course: input.doses_per_course,
        storage,
        shelf_life_days: input.shelf_life_days,
        gtin,
    };
    tx.create_product(&product).await?;
    audit::record(
        tx,
        Some(actor),
        now,
        AuditAction::ProductCreated,
        ObjectRef::new(ObjectKind::Product, &product.code),
        Vec::new(),
        serde_json::json!({"name": product.name, "storage": product.storage.as_str(),
            "shelf_life_days": product.shelf_life_days,
            "gtin": product.gtin.as_ref().map(Gtin::as_str)}),
    )
    .await?;
    Ok(product)
}
