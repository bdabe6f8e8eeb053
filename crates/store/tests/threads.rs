//! Conformance tests of threads in the store, run by name on SQLite and PostgreSQL: parties,
//! unread counts per user from read marks that only move forward, append-only messages, and
//! the trail's private kinds left out for a reader outside them.

use domain::access::{Actor, UserId};
use domain::audit::{AuditAction, NewEvent, ObjectKind, ObjectRef};
use domain::ledger::PartyCode;
use domain::party::{Party, PartyKind, Role};
use domain::time::Timestamp;
use store::audit::{EventFilter, PrivateKinds};
use store::testing::execute_raw;
use store::threads::{About, NewThread, ThreadFilter};
use store::{Store, StoreError, accounts, store_test};

fn party(code: &str) -> PartyCode {
    PartyCode::parse(code).unwrap()
}

fn at() -> Timestamp {
    Timestamp::parse("2021-08-06T09:00:00.000Z").unwrap()
}

/// Parties ETH, maker, TCD and who; two users of Ethiopia and one of the maker.
async fn setup(store: &Store) -> [UserId; 3] {
    store
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
                    population: None,
                    income_group: None,
                })
                .await?;
            }
            let mut users = Vec::new();
            for (email, code) in [
                ("a@eth.example", "ETH"),
                ("b@eth.example", "ETH"),
                ("a@maker.example", "maker"),
            ] {
                users.push(
                    tx.create_user(&accounts::NewUser {
                        email,
                        password_hash: "x",
                        party: &party(code),
                        role: Role::Official,
                    })
                    .await?,
                );
            }
            Ok::<_, StoreError>([users[0], users[1], users[2]])
        })
        .await
        .unwrap()
}

async fn unread(store: &Store, thread: i64, user: UserId) -> i64 {
    store
        .read(|tx| async move { tx.thread(thread, user).await })
        .await
        .unwrap()
        .unwrap()
        .unread
}

store_test! {
    async fn unread_counts_follow_each_users_read_mark(store: Store) {
        let [eth_a, eth_b, maker] = setup(&store).await;
        let thread = store
            .write(|tx| async move {
                let thread = tx
                    .create_thread(
                        &NewThread {
                            subject: "Cold chain".into(),
                            about: Some(About { kind: "request".into(), id: 7 }),
                            created_by: party("ETH"),
                            parties: vec![party("ETH"), party("maker")],
                        },
                        at(),
                    )
                    .await?;
                for (user, code, body) in [(eth_a, "ETH", "one"), (maker, "maker", "two"), (maker, "maker", "three")] {
                    tx.append_message(thread, user, &party(code), body, at()).await?;
                }
                Ok::<_, StoreError>(thread)
            })
            .await
            .unwrap();
        assert_eq!(unread(&store, thread, eth_a).await, 2);
        assert_eq!(unread(&store, thread, eth_b).await, 3);
        assert_eq!(unread(&store, thread, maker).await, 1);
        let messages = store.read(|tx| async move { tx.messages(thread, None, 10).await }).await.unwrap();
        let ids: Vec<i64> = messages.iter().map(|message| message.id).collect();
        let bodies: Vec<&str> = messages.iter().map(|message| message.body.as_str()).collect();
        assert_eq!(bodies, ["one", "two", "three"]);
        // A mark moves forward, never back.
        for (last, expected) in [(ids[1], 1), (ids[0], 1), (ids[2], 0)] {
            store.write(|tx| async move { tx.mark_thread_read(eth_b, thread, last).await }).await.unwrap();
            assert_eq!(unread(&store, thread, eth_b).await, expected);
        }
        assert_eq!(unread(&store, thread, eth_a).await, 2);
        // The party's list, with its parties and the reader's count; another party's is empty.
        let list = |code: &'static str, reader: UserId| {
            let store = store.clone();
            async move {
                let filter = ThreadFilter { party: party(code), reader, about_kind: None, about_id: None, after: None, limit: 10 };
                let filter = &filter;
                store.read(|tx| async move { tx.threads(filter).await }).await.unwrap()
            }
        };
        let threads = list("maker", maker).await;
        assert_eq!(threads.len(), 1);
        assert_eq!(threads[0].parties, [party("ETH"), party("maker")]);
        assert_eq!(threads[0].unread, 1);
        assert_eq!(threads[0].about, Some(About { kind: "request".into(), id: 7 }));
        assert!(list("TCD", eth_a).await.is_empty());
        // Messages never change.
        for sql in ["UPDATE messages SET body = 'changed'", "DELETE FROM messages WHERE id = 1"] {
            let error = execute_raw(&store, sql).await.expect_err(sql);
            assert!(error.to_string().contains("messages are append-only"), "{sql}: {error}");
        }
    }
}

store_test! {
    async fn private_kinds_are_left_out_unless_they_concern_the_reader(store: Store) {
        let [eth_a, _, _] = setup(&store).await;
        let actor = Actor { user: eth_a, party: party("ETH"), party_kind: PartyKind::Country, role: Role::Official };
        let actor = &actor;
        store
            .write(|tx| async move {
                for (kind, parties) in [
                    (ObjectKind::Lot, vec![party("maker")]),
                    (ObjectKind::Thread, vec![party("maker")]),
                    (ObjectKind::Thread, vec![party("who")]),
                ] {
                    tx.append_event(Some(actor), at(), &NewEvent {
                        action: AuditAction::ThreadCreated,
                        object: ObjectRef::new(kind, 1),
                        related: Vec::new(),
                        detail: "{}".into(),
                        parties,
                    })
                    .await?;
                }
                Ok::<_, StoreError>(())
            })
            .await
            .unwrap();
        let read = |reader: &'static str| {
            let store = store.clone();
            async move {
                let filter = EventFilter {
                    private: Some(PrivateKinds { party: party(reader), kinds: vec![ObjectKind::Thread, ObjectKind::Message] }),
                    limit: 10,
                    ..EventFilter::default()
                };
                let filter = &filter;
                let events = store.read(|tx| async move { tx.events(filter).await }).await.unwrap();
                events.iter().map(|event| event.object.kind).collect::<Vec<_>>()
            }
        };
        // An overseer outside the first thread sees the lot's event and its own thread's.
        assert_eq!(read("who").await, [ObjectKind::Lot, ObjectKind::Thread]);
        assert_eq!(read("TCD").await, [ObjectKind::Lot]);
        // Ethiopia acted in all three, so all three concern it.
        assert_eq!(read("ETH").await.len(), 3);
    }
}
