//! The demonstration installation of `serve --demo`: parties, users, products, lots and a few movements.
//!
//! Seeding is idempotent: what exists is kept, so a restarted demo keeps its ledger. Each start
//! gives the demo users new random passwords, printed once, so no fixed password ever
//! opens a demo that was left running.

use chrono::{Duration, Utc};
use domain::gs1::Gtin;
use domain::ledger::{LotId, MovementKind, MovementRequest, PartyCode};
use domain::party::{Party, PartyKind, Product, Role, Storage};
use store::ledger::{NewLot, apply_movement, create_product, register_lot};
use store::{Store, StoreError};

/// A demo user and the password they were given at this start.
pub struct DemoUser {
    pub email: &'static str,
    pub role: Role,
    pub party: &'static str,
    pub password: String,
}

const PARTIES: &[(&str, PartyKind, &str)] = &[
    ("astrazeneca", PartyKind::Manufacturer, "AstraZeneca"),
    (
        "sinopharm",
        PartyKind::Manufacturer,
        "Sinopharm (Beijing Institute of Biological Products)",
    ),
    ("biontech", PartyKind::Manufacturer, "BioNTech"),
    (
        "covax",
        PartyKind::Organization,
        "COVAX Facility (pooled procurement)",
    ),
    ("unicef", PartyKind::Organization, "UNICEF Supply Division"),
    ("who", PartyKind::Organization, "World Health Organization"),
];

const USERS: &[(&str, Role, &str)] = &[
    ("admin@equidose.example", Role::Admin, crate::user::OPERATOR),
    (
        "official@astrazeneca.example",
        Role::Official,
        "astrazeneca",
    ),
    ("official@sinopharm.example", Role::Official, "sinopharm"),
    ("official@biontech.example", Role::Official, "biontech"),
    ("official@covax.example", Role::Official, "covax"),
    ("official@who.example", Role::Official, "who"),
    ("official@eth.example", Role::Official, "ETH"),
    ("viewer@eth.example", Role::Viewer, "ETH"),
    ("official@tcd.example", Role::Official, "TCD"),
    ("donor@fra.example", Role::Official, "FRA"),
];

/// (code, manufacturer, name, storage, shelf life in days, GTIN)
const PRODUCTS: &[(&str, &str, &str, Storage, i64, &str)] = &[
    (
        "AZD1222",
        "astrazeneca",
        "Vaxzevria (ChAdOx1-S)",
        Storage::Refrigerated,
        180,
        "09501101530003",
    ),
    (
        "BBIBP-CorV",
        "sinopharm",
        "BBIBP-CorV (inactivated)",
        Storage::Refrigerated,
        730,
        "09501101530010",
    ),
    (
        "BNT162b2",
        "biontech",
        "Comirnaty (BNT162b2)",
        Storage::UltraCold,
        180,
        "09501101530027",
    ),
];

/// (product, lot number, doses, days until expiry)
const LOTS: &[(&str, &str, i64, i64)] = &[
    ("AZD1222", "AZA101", 500_000, 45),
    ("AZD1222", "AZA102", 300_000, 120),
    ("BBIBP-CorV", "SP2201", 1_000_000, 300),
    ("BNT162b2", "BN7001", 400_000, 90),
    ("BNT162b2", "BN7002", 200_000, 20),
];

fn code(text: &str) -> PartyCode {
    PartyCode::parse(text).expect("demo party codes are valid")
}

/// Seeds the demo and returns its users with fresh passwords.
pub async fn seed(store: &Store) -> anyhow::Result<Vec<DemoUser>> {
    crate::import::ensure_reference_data(store).await?;
    crate::user::ensure_operator(store).await?;
    let mut transaction = store.begin_write().await?;
    for (party, kind, name) in PARTIES {
        if store.party(party).await?.is_none() {
            store::accounts::create_party(
                &mut transaction,
                &Party {
                    code: code(party),
                    kind: *kind,
                    name: (*name).into(),
                    population: None,
                    income_group: None,
                },
            )
            .await?;
        }
    }
    for (product, manufacturer, name, storage, shelf_life_days, gtin) in PRODUCTS {
        if store.product(product).await?.is_none() {
            create_product(
                &mut transaction,
                &Product {
                    code: (*product).into(),
                    manufacturer: code(manufacturer),
                    name: (*name).into(),
                    doses_per_course: 2,
                    storage: *storage,
                    shelf_life_days: *shelf_life_days,
                    gtin: Some(Gtin::parse(gtin).expect("demo GTINs are valid")),
                },
            )
            .await?;
        }
    }
    transaction.commit().await?;

    // Lots and their first movements, only when the lots are new.
    if store.lots(None, 0, 1).await?.is_empty() {
        let today = Utc::now().date_naive();
        let mut transaction = store.begin_write().await?;
        let mut lot_ids = Vec::new();
        for (product, lot_number, doses, days) in LOTS {
            let manufacturer = PRODUCTS
                .iter()
                .find(|entry| entry.0 == *product)
                .map(|entry| entry.1)
                .unwrap_or_default();
            let (lot, _) = register_lot(
                &mut transaction,
                &NewLot {
                    product: (*product).into(),
                    manufacturer: code(manufacturer),
                    lot_number: (*lot_number).into(),
                    expiry: today + Duration::days(*days),
                    doses: *doses,
                    gtin: None,
                    serial: None,
                },
                None,
            )
            .await?;
            lot_ids.push(lot.id);
        }
        use MovementKind::*;
        // AstraZeneca supplies COVAX, which passes part on to Ethiopia, which vaccinates;
        // BioNTech supplies France, which donates to Chad (still in transit); Sinopharm supplies UNICEF.
        let steps: &[(MovementKind, usize, i64, &str, Option<&str>)] = &[
            (Reserve, 0, 300_000, "astrazeneca", None),
            (Ship, 0, 300_000, "astrazeneca", Some("covax")),
            (Receive, 0, 300_000, "covax", None),
            (Reserve, 0, 120_000, "covax", None),
            (Ship, 0, 120_000, "covax", Some("ETH")),
            (Receive, 0, 120_000, "ETH", None),
            (Administer, 0, 45_000, "ETH", None),
            (Reserve, 3, 200_000, "biontech", None),
            (Ship, 3, 200_000, "biontech", Some("FRA")),
            (Receive, 3, 200_000, "FRA", None),
            (Reserve, 3, 50_000, "FRA", None),
            (Ship, 3, 50_000, "FRA", Some("TCD")),
            (Reserve, 2, 250_000, "sinopharm", None),
            (Ship, 2, 250_000, "sinopharm", Some("unicef")),
            (Receive, 2, 250_000, "unicef", None),
        ];
        for (kind, lot_index, doses, actor, to) in steps {
            let request = MovementRequest {
                kind: *kind,
                lot: lot_ids.get(*lot_index).copied().unwrap_or(LotId(0)),
                doses: *doses,
                actor: code(actor),
                to: to.map(code),
                from_state: None,
                reason: None,
            };
            apply_movement(&mut transaction, &request, None).await?;
        }
        transaction.commit().await?;
    }

    let mut users = Vec::new();
    for (email, role, party) in USERS {
        let password = web::secrets::random_token("demo")?[..17].to_owned();
        let password_hash = web::secrets::hash_password(&password)?;
        match store.user_by_email(email).await? {
            Some((user, _)) => store.set_password_hash(user.id, &password_hash).await?,
            None => {
                let mut transaction = store.begin_write().await?;
                let result = store::accounts::create_user(
                    &mut transaction,
                    &store::accounts::NewUser {
                        email,
                        password_hash: &password_hash,
                        party: &code(party),
                        role: *role,
                    },
                )
                .await;
                match result {
                    Ok(_) => transaction.commit().await?,
                    // Another process seeded the same user a moment ago: theirs stands.
                    Err(StoreError::Conflict(_)) => continue,
                    Err(error) => return Err(error.into()),
                }
            }
        }
        users.push(DemoUser {
            email,
            role: *role,
            party,
            password,
        });
    }
    Ok(users)
}
