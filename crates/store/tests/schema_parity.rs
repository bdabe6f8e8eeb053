//! Schema parity: after migration, SQLite and PostgreSQL hold the same tables, columns (type
//! family, nullability), keys, unique constraints, indexes, foreign keys, CHECK constraints
//! and append-only triggers. A migration written for one backend and forgotten for the
//! other fails here.

use store::Backend;
use store::testing::TestDatabase;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_backends_have_the_same_schema() {
    let Some(sqlite) = TestDatabase::create(Backend::Sqlite).await else {
        return;
    };
    let Some(postgres) = TestDatabase::create(Backend::Postgres).await else {
        sqlite.remove().await;
        return;
    };
    let (sqlite_store, postgres_store) = (sqlite.open().await, postgres.open().await);
    let sqlite_schema = sqlite_store.schema().await.unwrap();
    let postgres_schema = postgres_store.schema().await.unwrap();
    sqlite_store.close().await;
    postgres_store.close().await;
    sqlite.remove().await;
    postgres.remove().await;
    assert!(sqlite_schema.contains_key("movements") && sqlite_schema.contains_key("audit_events"));
    let tables: Vec<&String> = sqlite_schema.keys().collect();
    assert_eq!(
        tables,
        postgres_schema.keys().collect::<Vec<_>>(),
        "the backends have different tables"
    );
    for (name, table) in &sqlite_schema {
        assert_eq!(
            Some(table),
            postgres_schema.get(name),
            "table {name} differs between SQLite (left) and PostgreSQL (right)"
        );
    }
    // The journal and the audit trail refuse changes on both.
    for append_only in [
        "movements",
        "audit_events",
        "audit_parties",
        "audit_subjects",
        "messages",
    ] {
        assert_eq!(
            sqlite_schema[append_only].refused,
            ["DELETE", "UPDATE"],
            "{append_only}"
        );
    }
}
