//! Conformance tests of the audit trail in the store, run by name on SQLite and PostgreSQL.

use domain::access::Actor;
use domain::audit::{AuditAction, NewEvent, ObjectKind, ObjectRef};
use domain::ledger::PartyCode;
use domain::party::{Party, PartyKind, Role};
use domain::time::Timestamp;
use store::audit::{AuditEvent, EventFilter};
use store::testing::execute_raw;
use store::{Backend, Store, StoreError, accounts, store_test};

fn party(code: &str) -> PartyCode {
    PartyCode::parse(code).unwrap()
}

fn at(text: &str) -> Timestamp {
    Timestamp::parse(text).unwrap()
}

/// A manufacturer, two countries, an organization, and an official of Ethiopia (returned).
async fn setup(store: &Store) -> Actor {
    let user = store
        .write(|tx| async move {
            for (code, kind) in [
                ("maker", PartyKind::Manufacturer),
                ("ETH", PartyKind::Country),
                ("TCD", PartyKind::Country),
                ("who", PartyKind::Organization),
            ] {
                tx.create_party(&Party {
                    code: party(code),
                    kind,
                    name: code.to_owned(),
                    population: (kind == PartyKind::Country).then_some(1_000_000),
                    income_group: None,
                })
                .await?;
            }
            tx.create_user(&accounts::NewUser {
                email: "official@eth.example",
                password_hash: "x",
                party: &party("ETH"),
                role: Role::Official,
            })
            .await
        })
        .await
        .unwrap();
    Actor {
        user,
        party: party("ETH"),
        party_kind: PartyKind::Country,
        role: Role::Official,
    }
}

/// Three events: a lot registered by the system (concerning its manufacturer), a movement
/// recorded by Ethiopia's official (concerning the manufacturer, and Ethiopia as the actor's
/// party), and a party created by the system (concerning Chad, named twice). Returns their ids.
async fn append_three(store: &Store, official: &Actor) -> [i64; 3] {
    store
        .write(|tx| async move {
            let lot = tx
                .append_event(
                    None,
                    at("2021-08-06T10:00:00.000Z"),
                    &NewEvent {
                        action: AuditAction::LotRegistered,
                        object: ObjectRef::new(ObjectKind::Lot, 1),
                        related: Vec::new(),
                        detail: r#"{"doses":1000}"#.into(),
                        parties: vec![party("maker")],
                    },
                )
                .await?;
            let movement = tx
                .append_event(
                    Some(official),
                    at("2021-08-06T11:30:00.250Z"),
                    &NewEvent {
                        action: AuditAction::MovementRecorded,
                        object: ObjectRef::new(ObjectKind::Movement, 7),
                        related: vec![ObjectRef::new(ObjectKind::Lot, 1)],
                        detail: r#"{"kind":"receive","doses":100}"#.into(),
                        parties: vec![party("maker")],
                    },
                )
                .await?;
            let created = tx
                .append_event(
                    None,
                    at("2021-08-07T00:00:00.000Z"),
                    &NewEvent {
                        action: AuditAction::PartyCreated,
                        object: ObjectRef::new(ObjectKind::Party, "TCD"),
                        related: Vec::new(),
                        detail: "{}".into(),
                        parties: vec![party("TCD"), party("TCD")],
                    },
                )
                .await?;
            Ok::<_, StoreError>([lot, movement, created])
        })
        .await
        .unwrap()
}

async fn events(store: &Store, filter: EventFilter) -> Vec<AuditEvent> {
    let filter = &filter;
    store
        .read(|tx| async move { tx.events(filter).await })
        .await
        .unwrap()
}

fn all() -> EventFilter {
    EventFilter {
        limit: 100,
        ..EventFilter::default()
    }
}

fn visible_to(code: &str) -> EventFilter {
    EventFilter {
        visible_to: Some(party(code)),
        ..all()
    }
}

fn ids(events: &[AuditEvent]) -> Vec<i64> {
    events.iter().map(|event| event.id).collect()
}

store_test! {
    async fn events_read_back_as_written_oldest_first(store: Store) {
        let official = setup(&store).await;
        let [lot, movement, created] = append_three(&store, &official).await;
        assert!(lot < movement && movement < created);
        let trail = events(&store, all()).await;
        assert_eq!(
            trail,
            vec![
                AuditEvent {
                    id: lot,
                    at: at("2021-08-06T10:00:00.000Z"),
                    actor_user: None,
                    actor_party: None,
                    action: AuditAction::LotRegistered,
                    object: ObjectRef::new(ObjectKind::Lot, 1),
                    detail: r#"{"doses":1000}"#.into(),
                },
                AuditEvent {
                    id: movement,
                    at: at("2021-08-06T11:30:00.250Z"),
                    actor_user: Some(official.user),
                    actor_party: Some(party("ETH")),
                    action: AuditAction::MovementRecorded,
                    object: ObjectRef::new(ObjectKind::Movement, 7),
                    detail: r#"{"kind":"receive","doses":100}"#.into(),
                },
                AuditEvent {
                    id: created,
                    at: at("2021-08-07T00:00:00.000Z"),
                    actor_user: None,
                    actor_party: None,
                    action: AuditAction::PartyCreated,
                    object: ObjectRef::new(ObjectKind::Party, "TCD"),
                    detail: "{}".into(),
                },
            ]
        );
        assert_eq!(trail[1].at.to_string(), "2021-08-06T11:30:00.250Z");
        // Paging: after an id, and at most `limit`.
        assert_eq!(ids(&events(&store, EventFilter { after: Some(lot), ..all() }).await), vec![movement, created]);
        assert_eq!(ids(&events(&store, EventFilter { limit: 1, ..all() }).await), vec![lot]);
    }
}

store_test! {
    async fn events_filter_by_object_kind_and_id(store: Store) {
        let official = setup(&store).await;
        let [lot, movement, created] = append_three(&store, &official).await;
        let of_kind = |kind: ObjectKind| EventFilter { kind: Some(kind), ..all() };
        let of_object = |kind: ObjectKind, id: &str| EventFilter { kind: Some(kind), id: Some(id.to_owned()), ..all() };
        // A movement belongs to its lot: the lot's trail is its whole journey.
        assert_eq!(ids(&events(&store, of_kind(ObjectKind::Lot)).await), vec![lot, movement]);
        assert_eq!(ids(&events(&store, of_object(ObjectKind::Lot, "1")).await), vec![lot, movement]);
        assert_eq!(ids(&events(&store, of_kind(ObjectKind::Movement)).await), vec![movement]);
        assert_eq!(ids(&events(&store, of_kind(ObjectKind::Party)).await), vec![created]);
        assert!(events(&store, of_kind(ObjectKind::User)).await.is_empty());
        assert_eq!(ids(&events(&store, of_object(ObjectKind::Movement, "7")).await), vec![movement]);
        assert_eq!(ids(&events(&store, of_object(ObjectKind::Party, "TCD")).await), vec![created]);
        // An id names an object of one kind: movement 7 is not lot 7, nor is lot 1 movement 1.
        assert!(events(&store, of_object(ObjectKind::Lot, "7")).await.is_empty());
        assert!(events(&store, of_object(ObjectKind::Movement, "1")).await.is_empty());
        // The filters combine with who may read.
        let movement_for = |code: &str| EventFilter { visible_to: Some(party(code)), ..of_object(ObjectKind::Movement, "7") };
        assert_eq!(ids(&events(&store, movement_for("maker")).await), vec![movement]);
        assert_eq!(ids(&events(&store, movement_for("ETH")).await), vec![movement]);
        assert!(events(&store, movement_for("TCD")).await.is_empty());
    }
}

store_test! {
    async fn a_party_sees_only_the_events_concerning_it(store: Store) {
        let official = setup(&store).await;
        let [lot, movement, created] = append_three(&store, &official).await;
        // None (organizations) sees everything.
        assert_eq!(ids(&events(&store, all()).await), vec![lot, movement, created]);
        // The manufacturer is named by the lot's event and by the movement's.
        assert_eq!(ids(&events(&store, visible_to("maker")).await), vec![lot, movement]);
        // Ethiopia is concerned by the movement as its actor's party, though not named.
        assert_eq!(ids(&events(&store, visible_to("ETH")).await), vec![movement]);
        // Chad, named twice, sees its event once.
        assert_eq!(ids(&events(&store, visible_to("TCD")).await), vec![created]);
        // A party no event concerns sees none (organizations read with `None`).
        assert!(events(&store, visible_to("who")).await.is_empty());
    }
}

store_test! {
    async fn the_audit_trail_refuses_updates_and_deletes(store: Store) {
        let official = setup(&store).await;
        append_three(&store, &official).await;
        let trail = events(&store, all()).await;
        let by_party: Vec<Vec<AuditEvent>> = {
            let mut by_party = Vec::new();
            for code in ["maker", "ETH", "TCD", "who"] {
                by_party.push(events(&store, visible_to(code)).await);
            }
            by_party
        };
        let mut refused = vec![
            "UPDATE audit_events SET detail = '{\"doses\":1}'",
            "UPDATE audit_events SET actor_party = NULL, actor_user = NULL",
            "DELETE FROM audit_events",
            "UPDATE audit_parties SET party = 'who'",
            "DELETE FROM audit_parties",
            "DELETE FROM audit_parties WHERE party = 'TCD'",
            "UPDATE audit_subjects SET id = '2'",
            "DELETE FROM audit_subjects",
        ];
        if store.backend() == Backend::Postgres {
            refused.extend(["TRUNCATE audit_parties", "TRUNCATE audit_subjects", "TRUNCATE audit_events CASCADE"]);
        }
        for sql in refused {
            let error = execute_raw(&store, sql).await.expect_err(sql);
            assert!(matches!(error, StoreError::Database(_)), "{sql}: {error}");
            assert!(error.to_string().contains("the audit trail is append-only"), "{sql}: {error}");
        }
        assert_eq!(events(&store, all()).await, trail);
        for (code, before) in ["maker", "ETH", "TCD", "who"].into_iter().zip(&by_party) {
            assert_eq!(&events(&store, visible_to(code)).await, before, "{code}");
        }
        // Appending still works after the refusals.
        let more = store
            .write(|tx| async move {
                tx.append_event(
                    None,
                    at("2021-08-08T00:00:00.000Z"),
                    &NewEvent {
                        action: AuditAction::PartyCreated,
                        object: ObjectRef::new(ObjectKind::Party, "who"),
                        related: Vec::new(),
                        detail: "{}".into(),
                        parties: vec![party("who")],
                    },
                )
                .await
            })
            .await
            .unwrap();
        assert_eq!(ids(&events(&store, visible_to("who")).await), vec![more]);
        assert_eq!(events(&store, all()).await.len(), trail.len() + 1);
    }
}

store_test! {
    async fn an_event_stores_rows_only_for_what_its_own_row_does_not_say(store: Store) {
        let official = setup(&store).await;
        let [lot, movement, created] = append_three(&store, &official).await;
        let count = |sql: &'static str| {
            let store = store.clone();
            async move { store::testing::scalar(&store, sql).await.unwrap() }
        };
        // The movement's lot is its one subject row (its own object is in its row); the
        // manufacturer is its one party row (Ethiopia, the actor's party, is in its row);
        // Chad, named twice, has one.
        assert_eq!(count("SELECT COUNT(*) FROM audit_subjects").await, 1);
        assert_eq!(count("SELECT COUNT(*) FROM audit_parties").await, 3);
        // Events written before this rule also have rows for their own object and their
        // actor's party: the trail reads the same with them.
        let object = |kind: ObjectKind, id: &str| EventFilter { kind: Some(kind), id: Some(id.to_owned()), ..all() };
        let filters = [
            all(),
            visible_to("maker"),
            visible_to("ETH"),
            visible_to("TCD"),
            visible_to("who"),
            object(ObjectKind::Lot, "1"),
            object(ObjectKind::Movement, "7"),
            object(ObjectKind::Party, "TCD"),
            EventFilter { kind: Some(ObjectKind::Lot), ..all() },
        ];
        let mut before = Vec::new();
        for filter in &filters {
            before.push(events(&store, filter.clone()).await);
        }
        for sql in [
            format!("INSERT INTO audit_subjects (event, kind, id) VALUES ({lot}, 'lot', '1'), ({movement}, 'movement', '7'), ({created}, 'party', 'TCD')"),
            format!("INSERT INTO audit_parties (event, party) VALUES ({movement}, 'ETH')"),
        ] {
            execute_raw(&store, &sql).await.unwrap();
        }
        for (filter, before) in filters.iter().zip(&before) {
            assert_eq!(&events(&store, filter.clone()).await, before, "{filter:?}");
        }
        assert_eq!(ids(&before[0]), vec![lot, movement, created]);
        assert_eq!(ids(&before[2]), vec![movement]);
        assert_eq!(ids(&before[6]), vec![movement]);
    }
}

store_test! {
    async fn verify_names_trail_rows_whose_event_is_missing(store: Store) {
        let official = setup(&store).await;
        append_three(&store, &official).await;
        assert!(store.verify().await.unwrap().integrity_problems.is_empty());
        execute_raw(&store, "INSERT INTO audit_subjects (event, kind, id) VALUES (9999, 'lot', '1')").await.unwrap();
        execute_raw(&store, "INSERT INTO audit_parties (event, party) VALUES (9998, 'TCD'), (9999, 'TCD')").await.unwrap();
        let report = store.verify().await.unwrap();
        assert_eq!(
            report.integrity_problems,
            vec![
                "1 subject rows of the audit trail (audit_subjects) name no event".to_owned(),
                "2 party rows of the audit trail (audit_parties) name no event".to_owned(),
            ]
        );
    }
}
