//! The demonstration installation of `serve --demo`: parties, users, products, lots and a few movements.
//!
//! Seeding is idempotent: what exists is kept, so a restarted demo keeps its ledger. Each start
//! gives the demo users new random passwords, printed once, so no fixed password ever
//! opens a demo that was left running.

use app::App;
use app::lots::NewLotInput;
use app::movements::NewMovement;
use app::products::NewProduct;
use chrono::Duration;
use domain::access::Actor;
use domain::cooperation::agreement::AgreementAction;
use domain::cooperation::partnership::PartnershipAction;
use domain::cooperation::shipment::ShipmentAction;
use domain::ledger::PartyCode;
use domain::party::{Party, PartyKind, Role, Storage};
use store::accounts::User;

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
    ("official@unicef.example", Role::Official, "unicef"),
    ("official@eth.example", Role::Official, "ETH"),
    ("viewer@eth.example", Role::Viewer, "ETH"),
    ("official@tcd.example", Role::Official, "TCD"),
    ("official@cod.example", Role::Official, "COD"),
    ("official@mwi.example", Role::Official, "MWI"),
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
    // Malawi's: 102,000 doses eighteen days before their expiry, as in April 2021.
    ("AZD1222", "AZA103", 102_000, 18),
];

fn code(text: &str) -> PartyCode {
    PartyCode::parse(text).expect("demo party codes are valid")
}

/// One shipment of the demo: (lot index, doses, from, to, pledge, confirmed by the recipient).
type DemoShipment<'a> = (usize, i64, &'a str, &'a str, Option<i64>, bool);

/// Seeds the demo through the platform's own use cases (each step by the official who
/// would take it, so the audit trail tells the story) and returns its users with fresh
/// passwords.
pub async fn seed(platform: &App) -> anyhow::Result<Vec<DemoUser>> {
    let store = &platform.store;
    crate::import::ensure_reference_data(store).await?;
    crate::user::ensure_operator(platform).await?;
    let now = platform.now();
    platform
        .write(|tx| async move {
            for (party, kind, name) in PARTIES {
                if tx.party(party).await?.is_none() {
                    let party = Party {
                        code: code(party),
                        kind: *kind,
                        name: (*name).into(),
                        population: None,
                        income_group: None,
                    };
                    app::parties::create_as(&tx, now, None, &party).await?;
                }
            }
            Ok(())
        })
        .await?;

    // Users first, with new passwords: the products, lots and movements below are theirs.
    let mut users = Vec::new();
    let mut accounts: Vec<User> = Vec::new();
    for (email, role, party) in USERS {
        let password = app::secrets::random_token("demo")?[..17].to_owned();
        let prepared = app::users::prepare(&app::users::NewUserInput {
            email: (*email).into(),
            password: password.clone(),
            party: (*party).into(),
            role: role.as_str().into(),
        })
        .await?;
        let prepared_ref = &prepared;
        let user = platform
            .write(|tx| async move {
                match tx.user_by_email(&prepared_ref.email).await? {
                    Some(found) => {
                        tx.set_password_hash(found.user.id, &prepared_ref.password_hash)
                            .await?;
                        Ok(found.user)
                    }
                    None => app::users::create(&tx, now, None, prepared_ref).await,
                }
            })
            .await?;
        accounts.push(user);
        users.push(DemoUser {
            email,
            role: *role,
            party,
            password,
        });
    }
    let official = |party: &str| -> anyhow::Result<Actor> {
        accounts
            .iter()
            .find(|user| user.party.as_str() == party && user.role == Role::Official)
            .map(app::tokens::actor_of)
            .ok_or_else(|| anyhow::anyhow!("the demo has no official of {party}"))
    };

    for (product, manufacturer, name, storage, shelf_life_days, gtin) in PRODUCTS {
        let actor = official(manufacturer)?;
        let input = NewProduct {
            code: (*product).into(),
            manufacturer: None,
            name: (*name).into(),
            doses_per_course: 2,
            storage: storage.as_str().into(),
            shelf_life_days: *shelf_life_days,
            gtin: Some((*gtin).into()),
        };
        let (actor, input) = (&actor, &input);
        platform
            .write(|tx| async move {
                if tx.product(&input.code).await?.is_none() {
                    app::products::create(&tx, now, actor, input).await?;
                }
                Ok(())
            })
            .await?;
    }

    // Lots and their first movements, only when the lots are new.
    let no_lots = platform
        .read(|tx| async move { Ok(tx.lots(None, None, 1).await?.is_empty()) })
        .await?;
    if no_lots {
        let today = now.date();
        let mut lot_ids = Vec::new();
        for (product, lot_number, doses, days) in LOTS {
            let manufacturer = PRODUCTS
                .iter()
                .find(|entry| entry.0 == *product)
                .map(|entry| entry.1)
                .unwrap_or_default();
            let actor = official(manufacturer)?;
            let input = NewLotInput {
                product: Some((*product).into()),
                lot_number: Some((*lot_number).into()),
                expiry: Some((today + Duration::days(*days)).to_string()),
                gs1: None,
                doses: *doses,
            };
            let (actor, input) = (&actor, &input);
            let (lot, _) = platform
                .write(|tx| async move { app::lots::register(&tx, now, actor, input).await })
                .await?;
            lot_ids.push(lot.id);
        }
        // AstraZeneca supplies COVAX, which passes part on to Ethiopia, which vaccinates;
        // BioNTech supplies France, which pledged 100,000 doses to Chad, delivered 30,000 of
        // them and has 50,000 more in transit; Sinopharm supplies UNICEF. Doses between parties move by shipments.
        let pledge_input = app::pledges::NewPledgeInput {
            doses: 100_000,
            by: (today + Duration::days(60)).to_string(),
            to: "TCD".into(),
            product: Some("BNT162b2".into()),
            note: Some("Announced at the forum of August 2021.".into()),
        };
        let france = official("FRA")?;
        let (france_ref, pledge_ref) = (&france, &pledge_input);
        let pledge = platform
            .write(|tx| async move { app::pledges::create(&tx, now, france_ref, pledge_ref).await })
            .await?;
        // France's stock system follows its shipments and agreements through a webhook. Its
        // address is a reserved example name that resolves nowhere, so the demo's deliveries
        // fail and are retried, their attempts visible at /api/v1/webhooks/1/deliveries.
        let webhook_input = app::webhooks::NewWebhookInput {
            url: "https://stock.sante.gouv.example/equidose/events".into(),
            events: [
                "shipment.dispatched",
                "shipment.delivered",
                "agreement.signed",
                "round.published",
            ]
            .iter()
            .map(|event| (*event).to_owned())
            .collect(),
        };
        let webhook_ref = &webhook_input;
        platform
            .write(|tx| async move {
                app::webhooks::create(&tx, now, france_ref, webhook_ref, false).await
            })
            .await?;
        // France and Chad turn the pledge into a donation agreement, which Chad signs; the
        // pledge's shipments are linked to both.
        let chad = official("TCD")?;
        let donation_input = app::agreements::NewAgreementInput {
            kind: "donation".into(),
            supplier: "FRA".into(),
            recipient: "TCD".into(),
            doses: 100_000,
            product: Some("BNT162b2".into()),
            offer: None,
            pledge: Some(pledge.id),
        };
        let (chad_ref, donation_ref) = (&chad, &donation_input);
        let donation = platform
            .write(|tx| async move {
                let proposed = app::agreements::create(&tx, now, france_ref, donation_ref).await?;
                app::agreements::act(&tx, now, chad_ref, proposed.id, AgreementAction::Sign).await
            })
            .await?;
        // (lot, doses, from, to, pledge, confirmed)
        let shipments: &[DemoShipment] = &[
            (0, 300_000, "astrazeneca", "covax", None, true),
            (0, 120_000, "covax", "ETH", None, true),
            (3, 200_000, "biontech", "FRA", None, true),
            (3, 30_000, "FRA", "TCD", Some(pledge.id), true),
            (3, 50_000, "FRA", "TCD", Some(pledge.id), false),
            (2, 250_000, "sinopharm", "unicef", None, true),
            (5, 102_000, "astrazeneca", "covax", None, true),
            (5, 102_000, "covax", "MWI", None, true),
        ];
        for (lot_index, doses, from, to, pledge, confirmed) in shipments {
            let lot = lot_ids
                .get(*lot_index)
                .ok_or_else(|| anyhow::anyhow!("the demo has no lot {lot_index}"))?;
            let (holder, recipient) = (official(from)?, official(to)?);
            let input = app::shipments::NewShipmentInput {
                lot: lot.0,
                doses: *doses,
                to: (*to).into(),
                pledge: *pledge,
                agreement: pledge.map(|_| donation.id),
            };
            let (holder, recipient, input, confirmed) = (&holder, &recipient, &input, *confirmed);
            platform
                .write(|tx| async move {
                    let planned = app::shipments::plan(&tx, now, holder, input).await?;
                    let id = planned.shipment.id;
                    app::shipments::act(&tx, now, holder, id, ShipmentAction::Dispatch).await?;
                    if confirmed {
                        app::shipments::act(&tx, now, recipient, id, ShipmentAction::Confirm)
                            .await?;
                    }
                    Ok(())
                })
                .await?;
        }
        let ethiopia = official("ETH")?;
        let administered = NewMovement {
            kind: "administer".into(),
            lot: lot_ids
                .first()
                .ok_or_else(|| anyhow::anyhow!("the demo has no lots"))?
                .0,
            doses: 45_000,
            to: None,
            reason: None,
            from_state: None,
        };
        let (ethiopia, administered) = (&ethiopia, &administered);
        platform
            .write(
                |tx| async move { app::movements::record(&tx, now, ethiopia, administered).await },
            )
            .await?;
        round_and_redistribution(platform, &official, &lot_ids).await?;
        talking_and_agreeing(platform, &official, &lot_ids, pledge.id, donation.id).await?;
    }
    Ok(users)
}

/// The forum's week on the platform: four countries ask; France pledges its remaining
/// BioNTech doses to COVAX's pool; COVAX computes and publishes a round, Chad declines its
/// share for short shelf life, the DR Congo accepts and Ethiopia has not answered yet; and
/// Malawi, which cannot use its 102,000 doses before they expire, proposes most of them to
/// COVAX for redistribution.
async fn round_and_redistribution(
    platform: &App,
    official: &dyn Fn(&str) -> anyhow::Result<Actor>,
    lot_ids: &[domain::ledger::LotId],
) -> anyhow::Result<()> {
    let now = platform.now();
    let today = now.date();
    let lot = |index: usize| {
        lot_ids
            .get(index)
            .map(|lot| lot.0)
            .ok_or_else(|| anyhow::anyhow!("the demo has no lot {index}"))
    };
    // (country, doses, minimum shelf life in days, absorption per day, lead time in days)
    type Ask<'a> = (&'a str, i64, Option<i64>, Option<i64>, Option<i64>);
    let asks: [Ask; 4] = [
        ("ETH", 300_000, Some(60), Some(10_000), Some(7)),
        ("TCD", 200_000, None, Some(3_000), Some(10)),
        ("COD", 400_000, Some(30), None, Some(14)),
        ("MWI", 50_000, None, Some(2_000), Some(7)),
    ];
    let mut requests = Vec::new();
    for (country, doses, shelf, absorption, lead) in asks {
        let actor = official(country)?;
        let input = app::requests::NewRequestInput {
            doses,
            needed_by: (today + Duration::days(90)).to_string(),
            products: None,
            min_shelf_life_days: shelf,
            absorption_per_day: absorption,
            lead_time_days: lead,
            target_per_100: None,
            note: None,
        };
        let (actor, input) = (&actor, &input);
        let request = platform
            .write(|tx| async move { app::requests::create(&tx, now, actor, input).await })
            .await?;
        requests.push(request.id);
    }
    let france = official("FRA")?;
    let pledge_input = app::pledges::NewPledgeInput {
        doses: 120_000,
        by: (today + Duration::days(45)).to_string(),
        to: "covax".into(),
        product: Some("BNT162b2".into()),
        note: Some("France's remaining BioNTech doses, to COVAX's pool.".into()),
    };
    let (france, pledge_input) = (&france, &pledge_input);
    platform
        .write(|tx| async move { app::pledges::create(&tx, now, france, pledge_input).await })
        .await?;

    let covax = official("covax")?;
    let round_input = app::rounds::RoundInput {
        date: today.to_string(),
        target_per_100: None,
        lots: Some(vec![
            app::rounds::RoundLotInput {
                lot: lot(0)?,
                holder: None,
                doses: None,
            },
            app::rounds::RoundLotInput {
                lot: lot(3)?,
                holder: Some("FRA".into()),
                doses: Some(120_000),
            },
        ]),
        requests: Some(requests[..3].to_vec()),
        after: None,
    };
    let (covax_ref, round_ref) = (&covax, &round_input);
    let reference = &*platform.reference;
    let round = platform
        .write(|tx| async move {
            let round = app::rounds::create(&tx, now, covax_ref, round_ref).await?;
            app::rounds::compute(&tx, reference, now, covax_ref, round.id).await?;
            app::rounds::publish(&tx, now, covax_ref, round.id).await
        })
        .await?;
    for (country, decision, reason) in [
        ("TCD", "decline", Some("short_shelf_life")),
        ("COD", "accept", None),
    ] {
        let actor = official(country)?;
        let answer = app::rounds::ResponseInput {
            decision: decision.into(),
            reason: reason.map(Into::into),
            note: None,
        };
        let (actor, answer, id) = (&actor, &answer, round.id);
        platform
            .write(|tx| async move { app::rounds::respond(&tx, now, actor, id, answer).await })
            .await?;
    }

    let malawi = official("MWI")?;
    let proposal = app::expiry::ProposalInput {
        lot: lot(5)?,
        doses: 60_000,
        organization: "covax".into(),
    };
    let (malawi, proposal) = (&malawi, &proposal);
    platform
        .write(|tx| async move { app::expiry::propose(&tx, now, malawi, proposal).await })
        .await?;
    Ok(())
}

/// The forum itself on the platform: manufacturers' capacity for the coming months;
/// Sinopharm's offer, of which Ethiopia took 200,000 doses (half delivered), and the two
/// talking about the rest in a thread; BioNTech and
/// Senegal negotiating a technology transfer to Dakar; and WHO's record of the forum of
/// 5 August 2021 with the commitments made there, partly delivered.
async fn talking_and_agreeing(
    platform: &App,
    official: &dyn Fn(&str) -> anyhow::Result<Actor>,
    lot_ids: &[domain::ledger::LotId],
    pledge_to_chad: i64,
    donation: i64,
) -> anyhow::Result<()> {
    let now = platform.now();
    let today = now.date();
    // Demonstration figures of the order announced in 2021, not the makers' own.
    let capacity: [(&str, &str, i64); 6] = [
        ("astrazeneca", "AZD1222", 200_000_000),
        ("sinopharm", "BBIBP-CorV", 150_000_000),
        ("biontech", "BNT162b2", 250_000_000),
        ("astrazeneca", "AZD1222", 220_000_000),
        ("sinopharm", "BBIBP-CorV", 160_000_000),
        ("biontech", "BNT162b2", 270_000_000),
    ];
    let months = [
        today.format("%Y-%m").to_string(),
        (today + Duration::days(31)).format("%Y-%m").to_string(),
    ];
    for (index, (maker, product, doses)) in capacity.iter().enumerate() {
        let actor = official(maker)?;
        let input = app::capacity::CapacityInput {
            product: (*product).into(),
            month: months[index / 3].clone(),
            doses: *doses,
        };
        let (actor, input) = (&actor, &input);
        platform
            .write(|tx| async move { app::capacity::set(&tx, now, actor, input).await })
            .await?;
    }

    let (sinopharm, ethiopia) = (official("sinopharm")?, official("ETH")?);
    let offer_input = app::offers::NewOfferInput {
        product: "BBIBP-CorV".into(),
        doses: 500_000,
        available_from: (today + Duration::days(7)).to_string(),
        available_to: (today + Duration::days(90)).to_string(),
        price_per_dose: Some(serde_json::Number::from(10)),
        currency: Some("USD".into()),
        to: None,
    };
    let sinopharm_lot = lot_ids
        .get(2)
        .ok_or_else(|| anyhow::anyhow!("the demo has no Sinopharm lot"))?
        .0;
    let (sinopharm_ref, ethiopia_ref, offer_ref) = (&sinopharm, &ethiopia, &offer_input);
    let (offer, supply) = platform
        .write(|tx| async move {
            let offer = app::offers::create(&tx, now, sinopharm_ref, offer_ref).await?;
            let taken = app::offers::accept(
                &tx,
                now,
                ethiopia_ref,
                offer.id,
                &app::offers::AcceptOfferInput {
                    doses: Some(200_000),
                },
            )
            .await?;
            let shipment = app::shipments::plan(
                &tx,
                now,
                sinopharm_ref,
                &app::shipments::NewShipmentInput {
                    lot: sinopharm_lot,
                    doses: 100_000,
                    to: "ETH".into(),
                    pledge: None,
                    agreement: Some(taken.agreement.id),
                },
            )
            .await?;
            let id = shipment.shipment.id;
            app::shipments::act(&tx, now, sinopharm_ref, id, ShipmentAction::Dispatch).await?;
            app::shipments::act(&tx, now, ethiopia_ref, id, ShipmentAction::Confirm).await?;
            // Ethiopia and Sinopharm talk about the second half, in a thread about the offer.
            let thread = app::threads::create(
                &tx,
                now,
                ethiopia_ref,
                &app::threads::NewThreadInput {
                    subject: "Second delivery of BBIBP-CorV to Addis Ababa".into(),
                    parties: vec!["sinopharm".into()],
                    about: Some(app::threads::AboutInput {
                        kind: "offer".into(),
                        id: offer.id,
                    }),
                },
            )
            .await?;
            for (author, body) in [
                (ethiopia_ref, "The first 100,000 doses arrived in good order. Can the second 100,000 leave by the end of August? Our cold stores in Addis Ababa have room from the 25th."),
                (sinopharm_ref, "Yes: lot SP2201 has the doses. We can dispatch on 27 August, with 300 days of shelf life left."),
            ] {
                let message = app::threads::NewMessageInput { body: body.into() };
                app::threads::post(&tx, now, author, thread.id, &message).await?;
            }
            Ok((offer.id, taken.agreement.id))
        })
        .await?;

    let biontech = official("biontech")?;
    let partnership_input = app::partnerships::NewPartnershipInput {
        manufacturer: "biontech".into(),
        partner: "SEN".into(),
        product: "BNT162b2".into(),
        site: "Dakar (Institut Pasteur de Dakar)".into(),
        kind: "technology_transfer".into(),
        capacity_per_year: 50_000_000,
    };
    let (biontech_ref, partnership_ref) = (&biontech, &partnership_input);
    let partnership = platform
        .write(|tx| async move {
            let proposed =
                app::partnerships::create(&tx, now, biontech_ref, partnership_ref).await?;
            app::partnerships::act(
                &tx,
                now,
                biontech_ref,
                proposed.id,
                PartnershipAction::Negotiate,
            )
            .await
        })
        .await?;

    let who = official("who")?;
    let meeting_input = app::meetings::NewMeetingInput {
        title: "International Forum on COVID-19 Vaccine Cooperation".into(),
        date: (today - Duration::days(1)).to_string(),
        parties: [
            "FRA",
            "TCD",
            "ETH",
            "COD",
            "MWI",
            "SEN",
            "astrazeneca",
            "sinopharm",
            "biontech",
            "covax",
            "unicef",
        ]
        .iter()
        .map(|code| (*code).to_owned())
        .collect(),
    };
    let outcomes = [
        ("pledge", pledge_to_chad),
        ("agreement", donation),
        ("offer", offer),
        ("agreement", supply),
        ("partnership", partnership.id),
    ];
    let (who, meeting_input) = (&who, &meeting_input);
    platform
        .write(|tx| async move {
            let meeting = app::meetings::create(&tx, now, who, meeting_input).await?;
            for (kind, id) in outcomes {
                let input = app::meetings::OutcomeInput {
                    kind: kind.into(),
                    id,
                };
                app::meetings::link(&tx, now, who, meeting.meeting.id, &input).await?;
            }
            Ok(())
        })
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_demo_tells_the_forum_s_week() {
        let file = std::env::temp_dir().join(format!("equidose-demo-{}.db", std::process::id()));
        let _ = std::fs::remove_file(&file);
        let store = store::Store::open(&format!("sqlite://{}", file.display()))
            .await
            .unwrap();
        let clock = std::sync::Arc::new(app::FixedClock(
            app::Timestamp::parse("2021-08-06T08:00:00.000Z").unwrap(),
        ));
        let platform = App::with_clock(store.clone(), clock);
        let users = seed(&platform).await.unwrap();
        assert!(users.iter().any(|user| user.party == "MWI"));
        let now = platform.now();
        let (rounds, shares, risk) = platform
            .read(|tx| async move {
                let first = tx.round(1).await?.expect("the COVAX round");
                let proposed = tx.round(2).await?.expect("Malawi's proposal");
                let shares = tx.shares(1).await?;
                let malawi = official_of(&tx, "MWI").await;
                let risk = app::expiry::list(&tx, now, &malawi, None).await?;
                Ok::<_, app::AppError>(((first, proposed), shares, risk))
            })
            .await
            .unwrap();
        let (first, proposed) = rounds;
        assert_eq!(
            first.state,
            domain::cooperation::round::RoundState::Published
        );
        let answers: Vec<(String, Option<String>, Option<String>)> = shares
            .iter()
            .map(|share| {
                (
                    share.country.to_string(),
                    share.response.clone(),
                    share.reason.clone(),
                )
            })
            .collect();
        assert!(
            answers.contains(&(
                "TCD".into(),
                Some("decline".into()),
                Some("short_shelf_life".into())
            )),
            "{answers:?}"
        );
        assert!(
            answers.contains(&("COD".into(), Some("accept".into()), None)),
            "{answers:?}"
        );
        assert!(
            answers.contains(&("ETH".into(), None, None)),
            "Ethiopia has not answered: {answers:?}"
        );
        assert!(
            first
                .lots
                .iter()
                .any(|pooled| pooled.holder.as_str() == "FRA" && pooled.pledge.is_some())
        );
        assert_eq!(
            proposed.state,
            domain::cooperation::round::RoundState::Draft
        );
        assert_eq!(
            proposed.proposed_by.as_ref().map(PartyCode::as_str),
            Some("MWI")
        );
        let at_risk: i64 = risk.iter().map(|row| row.doses_at_risk).sum();
        assert!(at_risk > 0, "Malawi still holds doses at risk: {risk:?}");
        // The forum's meeting and its commitments, partly delivered.
        let meeting = platform
            .read(|tx| async move { app::meetings::report(&tx, 1).await })
            .await
            .unwrap();
        let progress: Vec<(&str, Option<i64>, Option<i64>, &str)> = meeting
            .outcomes
            .iter()
            .map(|outcome| {
                (
                    outcome.kind.as_str(),
                    outcome.doses_promised,
                    outcome.doses_delivered,
                    outcome.state.as_str(),
                )
            })
            .collect();
        assert_eq!(
            progress,
            [
                ("pledge", Some(100_000), Some(30_000), "open"),
                ("agreement", Some(100_000), Some(30_000), "signed"),
                ("offer", Some(500_000), Some(100_000), "open"),
                ("agreement", Some(200_000), Some(100_000), "signed"),
                ("partnership", None, None, "negotiating"),
            ]
        );
        // France's webhook has deliveries waiting for its stock system.
        let waiting = platform
            .read(|tx| async move {
                let user = tx
                    .user_by_email("donor@fra.example")
                    .await?
                    .expect("France's donor");
                let france = app::tokens::actor_of(&user.user);
                app::webhooks::deliveries(&tx, &france, 1, None, 100).await
            })
            .await
            .unwrap();
        assert!(waiting.len() >= 4, "{waiting:?}");
        let report = store.verify().await.unwrap();
        assert!(report.violations.is_empty(), "{:?}", report.violations);
        // Seeding again keeps what is there.
        seed(&platform).await.unwrap();
        let rounds = platform
            .read(|tx| async move { Ok::<_, app::AppError>(tx.round(3).await?) })
            .await
            .unwrap();
        assert!(rounds.is_none());
        let _ = std::fs::remove_file(&file);
    }

    async fn official_of(tx: &store::Tx, email_party: &str) -> Actor {
        let email = format!("official@{}.example", email_party.to_lowercase());
        let user = tx.user_by_email(&email).await.unwrap().unwrap();
        app::tokens::actor_of(&user.user)
    }
}
