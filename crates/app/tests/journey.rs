//! A lot's whole journey through the use cases, on both backends: registered, reserved,
//! shipped, received, administered; each step by its actor, refused where the policy or the
//! ledger's rules say no, and told by the audit trail with the actor of each step.

use std::sync::Arc;

use app::audit::AuditQuery;
use app::lots::NewLotInput;
use app::movements::NewMovement;
use app::products::NewProduct;
use app::{App, AppError, FixedClock, Timestamp};
use domain::access::Actor;
use domain::audit::ObjectKind;
use domain::ledger::PartyCode;
use domain::party::{Party, PartyKind, Role};
use store::accounts::NewUser;
use store::{Store, store_test};

fn at(text: &str) -> Timestamp {
    Timestamp::parse(text).unwrap()
}

/// Parties and one official each; returns their actors by party code.
async fn install(store: &Store) -> Vec<(String, Actor)> {
    let parties = [
        ("maker", PartyKind::Manufacturer),
        ("covax", PartyKind::Organization),
        ("ETH", PartyKind::Country),
        ("TCD", PartyKind::Country),
    ];
    store
        .write(|tx| async move {
            let mut actors = Vec::new();
            for (code, kind) in parties {
                let code = PartyCode::parse(code).unwrap();
                tx.create_party(&Party {
                    code: code.clone(),
                    kind,
                    name: code.to_string(),
                    population: None,
                    income_group: None,
                })
                .await?;
                let email = format!("official@{code}.example").to_lowercase();
                let user = tx
                    .create_user(&NewUser {
                        email: &email,
                        password_hash: "unused",
                        party: &code,
                        role: Role::Official,
                    })
                    .await?;
                actors.push((
                    code.to_string(),
                    Actor {
                        user,
                        party: code,
                        party_kind: kind,
                        role: Role::Official,
                    },
                ));
            }
            Ok::<_, store::StoreError>(actors)
        })
        .await
        .unwrap()
}

fn actor<'a>(actors: &'a [(String, Actor)], code: &str) -> &'a Actor {
    &actors.iter().find(|(party, _)| party == code).unwrap().1
}

/// A lot's trail as `who` may read it.
async fn trail(
    platform: &App,
    who: &Actor,
    lot: domain::ledger::LotId,
) -> Vec<store::audit::AuditEvent> {
    let query = AuditQuery {
        kind: Some(ObjectKind::Lot),
        id: Some(lot.0.to_string()),
        after: None,
        limit: 100,
    };
    let query = &query;
    platform
        .read(|tx| async move { app::audit::list(&tx, who, query).await })
        .await
        .unwrap()
}

fn movement(kind: &str, lot: i64, doses: i64, to: Option<&str>) -> NewMovement {
    NewMovement {
        kind: kind.into(),
        lot,
        doses,
        to: to.map(str::to_owned),
        reason: None,
        from_state: None,
    }
}

store_test! {
    async fn a_lots_journey_is_told_by_the_audit_trail(store: Store) {
        let actors = install(&store).await;
        let platform = App::with_clock(store.clone(), Arc::new(FixedClock(at("2021-08-06T09:00:00.000Z"))));
        let now = platform.now();
        let (maker, eth, tcd, covax) = (actor(&actors, "maker"), actor(&actors, "ETH"), actor(&actors, "TCD"), actor(&actors, "covax"));
        let product = NewProduct {
            code: "VAX1".into(), manufacturer: None, name: "Vaccine".into(), doses_per_course: 2,
            storage: "2-8C".into(), shelf_life_days: 180, gtin: None,
        };
        let lot_input = NewLotInput {
            product: Some("VAX1".into()), lot_number: Some("L1".into()), expiry: Some("2021-09-30".into()), gs1: None, doses: 1_000,
        };
        let (product_ref, lot_ref) = (&product, &lot_input);
        let lot = platform
            .write(|tx| async move {
                app::products::create(&tx, now, maker, product_ref).await?;
                Ok(app::lots::register(&tx, now, maker, lot_ref).await?.0)
            })
            .await
            .unwrap();
        let steps = [
            (maker, movement("reserve", lot.id.0, 400, None)),
            (maker, movement("ship", lot.id.0, 400, Some("ETH"))),
            (eth, movement("receive", lot.id.0, 400, None)),
            (eth, movement("administer", lot.id.0, 150, None)),
        ];
        for (who, step) in &steps {
            platform.write(|tx| async move { app::movements::record(&tx, now, who, step).await }).await.unwrap();
        }
        // Refused, and nothing changes: a manufacturer does not administer; Chad holds none.
        let administer = movement("administer", lot.id.0, 1, None);
        let administer = &administer;
        let refused = platform.write(|tx| async move { app::movements::record(&tx, now, maker, administer).await }).await;
        assert!(matches!(refused, Err(AppError::Denied(_))), "{refused:?}");
        let ship = movement("reserve", lot.id.0, 1, None);
        let ship = &ship;
        let hidden = platform.write(|tx| async move { app::movements::record(&tx, now, tcd, ship).await }).await;
        assert!(matches!(hidden, Err(AppError::NotFound(_))), "{hidden:?}");
        // After the expiry, only `expire` moves doses.
        let later = App::with_clock(store.clone(), Arc::new(FixedClock(at("2021-10-01T00:00:00.000Z"))));
        let late_now = later.now();
        let late = movement("administer", lot.id.0, 1, None);
        let late = &late;
        let expired = later.write(|tx| async move { app::movements::record(&tx, late_now, eth, late).await }).await;
        assert!(matches!(expired, Err(AppError::Refused { code: "lot_expired", .. })), "{expired:?}");

        let report = store.verify().await.unwrap();
        assert!(report.violations.is_empty(), "{:?}", report.violations);

        let seen_by_covax = trail(&platform, covax, lot.id).await;
        let told: Vec<(String, Option<String>, Option<i64>)> = seen_by_covax
            .iter()
            .map(|event| {
                let detail: serde_json::Value = serde_json::from_str(&event.detail).unwrap();
                (event.action.as_str().to_owned(), detail["kind"].as_str().map(str::to_owned), event.actor_user.map(|user| user.0))
            })
            .collect();
        let (maker_id, eth_id) = (Some(maker.user.0), Some(eth.user.0));
        assert_eq!(told, vec![
            ("lot.registered".to_owned(), None, maker_id),
            ("movement.recorded".to_owned(), Some("release".to_owned()), maker_id),
            ("movement.recorded".to_owned(), Some("reserve".to_owned()), maker_id),
            ("movement.recorded".to_owned(), Some("ship".to_owned()), maker_id),
            ("movement.recorded".to_owned(), Some("receive".to_owned()), eth_id),
            ("movement.recorded".to_owned(), Some("administer".to_owned()), eth_id),
        ]);
        // The manufacturer reads its lot's whole trail; Ethiopia the steps that concern it;
        // Chad nothing.
        assert_eq!(trail(&platform, maker, lot.id).await, seen_by_covax);
        let seen_by_ethiopia: Vec<i64> = trail(&platform, eth, lot.id).await.iter().map(|event| event.id).collect();
        assert_eq!(seen_by_ethiopia, seen_by_covax[3..].iter().map(|event| event.id).collect::<Vec<_>>());
        assert!(trail(&platform, tcd, lot.id).await.is_empty());
    }
}
