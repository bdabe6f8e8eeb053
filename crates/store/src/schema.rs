//! The database's schema as the backend reports it after migration, in one form for both
//! backends, so that a test can show that SQLite and PostgreSQL hold the same tables, columns,
//! keys, constraints, indexes and append-only triggers.

use std::collections::BTreeMap;

use sqlx::Row;

use crate::{Backend, Store, StoreError};

/// A column: its type family (`text` or `integer`), whether it may be null.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Column {
    /// The column's name.
    pub name: String,
    /// `text` or `integer` (both backends' integer types are one family here).
    pub family: String,
    /// Whether NULL is allowed.
    pub nullable: bool,
}

/// One table, normalised.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// Columns in name order.
    pub columns: Vec<Column>,
    /// The primary key's columns, in key order.
    pub primary_key: Vec<String>,
    /// Unique constraints and unique indexes other than the primary key, as column lists.
    pub unique: Vec<Vec<String>>,
    /// Other indexes, as column lists.
    pub indexes: Vec<Vec<String>>,
    /// Foreign keys: (column, referenced table, referenced column).
    pub foreign_keys: Vec<(String, String, String)>,
    /// How many CHECK constraints the table has.
    pub checks: usize,
    /// The statements its triggers refuse (`UPDATE`, `DELETE`).
    pub refused: Vec<String>,
}

/// The whole schema: every table by name (the migrations' own bookkeeping excluded).
pub type Schema = BTreeMap<String, Table>;

fn family(declared: &str) -> String {
    let declared = declared.to_lowercase();
    if declared.contains("int") {
        "integer".into()
    } else if declared.contains("text") || declared.contains("char") {
        "text".into()
    } else {
        declared
    }
}

/// Counts `CHECK (` in a table's SQL; SQLite keeps no other record of its checks.
fn count_checks(sql: &str) -> usize {
    sql.to_uppercase().matches("CHECK (").count()
}

impl Store {
    /// The schema as the database reports it, normalised across backends.
    pub async fn schema(&self) -> Result<Schema, StoreError> {
        let backend = self.backend();
        self.read(|tx| async move {
            let mut connection = tx.connection().await?;
            let mut schema = Schema::new();
            match backend {
                Backend::Sqlite => {
                    let tables = sqlx::query(
                        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
                         AND name <> 'schema_migrations' ORDER BY name",
                    )
                    .fetch_all(&mut *connection)
                    .await?;
                    for row in tables {
                        let name: String = row.try_get(0)?;
                        let sql: String = row.try_get(1)?;
                        let mut table = Table {
                            checks: count_checks(&sql),
                            ..Table::default()
                        };
                        let mut key: Vec<(i64, String)> = Vec::new();
                        for column in sqlx::query(sqlx::AssertSqlSafe(format!(
                            "SELECT name, type, \"notnull\", pk FROM pragma_table_info('{name}')"
                        )))
                        .fetch_all(&mut *connection)
                        .await?
                        {
                            let column_name: String = column.try_get(0)?;
                            let declared: String = column.try_get(1)?;
                            let not_null: i64 = column.try_get(2)?;
                            let pk: i64 = column.try_get(3)?;
                            if pk > 0 {
                                key.push((pk, column_name.clone()));
                            }
                            table.columns.push(Column {
                                name: column_name,
                                family: family(&declared),
                                // SQLite lets a non-integer primary key hold NULL unless
                                // declared NOT NULL; PostgreSQL never does. Key columns are
                                // compared as the key.
                                nullable: not_null == 0 && pk == 0,
                            });
                        }
                        key.sort();
                        table.primary_key = key.into_iter().map(|(_, column)| column).collect();
                        for index in sqlx::query(sqlx::AssertSqlSafe(format!(
                            "SELECT name, \"unique\", origin FROM pragma_index_list('{name}')"
                        )))
                        .fetch_all(&mut *connection)
                        .await?
                        {
                            let index_name: String = index.try_get(0)?;
                            let unique: i64 = index.try_get(1)?;
                            let origin: String = index.try_get(2)?;
                            if origin == "pk" {
                                continue;
                            }
                            let columns: Vec<String> = sqlx::query(sqlx::AssertSqlSafe(format!(
                                "SELECT name FROM pragma_index_info('{index_name}') ORDER BY seqno"
                            )))
                            .fetch_all(&mut *connection)
                            .await?
                            .iter()
                            .map(|row| row.try_get(0))
                            .collect::<Result<_, _>>()?;
                            if unique == 1 {
                                table.unique.push(columns);
                            } else {
                                table.indexes.push(columns);
                            }
                        }
                        for foreign in sqlx::query(sqlx::AssertSqlSafe(format!(
                            "SELECT \"from\", \"table\", \"to\" FROM pragma_foreign_key_list('{name}')"
                        )))
                        .fetch_all(&mut *connection)
                        .await?
                        {
                            table.foreign_keys.push((foreign.try_get(0)?, foreign.try_get(1)?, foreign.try_get(2)?));
                        }
                        for trigger in sqlx::query(
                            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = $1",
                        )
                        .bind(&name)
                        .fetch_all(&mut *connection)
                        .await?
                        {
                            let sql: String = trigger.try_get(0)?;
                            let sql = sql.to_uppercase();
                            for statement in ["UPDATE", "DELETE"] {
                                if sql.contains(&format!("BEFORE {statement} ON")) && sql.contains("RAISE(ABORT") {
                                    table.refused.push(statement.into());
                                }
                            }
                        }
                        schema.insert(name, table);
                    }
                }
                Backend::Postgres => {
                    let columns = sqlx::query(
                        "SELECT table_name::text, column_name::text, data_type::text, is_nullable::text \
                         FROM information_schema.columns WHERE table_schema = current_schema() \
                         AND table_name <> 'schema_migrations' ORDER BY table_name, column_name",
                    )
                    .fetch_all(&mut *connection)
                    .await?;
                    for row in columns {
                        let table: String = row.try_get(0)?;
                        let column = Column {
                            name: row.try_get(1)?,
                            family: family(&row.try_get::<String, _>(2)?),
                            nullable: row.try_get::<String, _>(3)? == "YES",
                        };
                        schema.entry(table).or_default().columns.push(column);
                    }
                    let indexes = sqlx::query(
                        "SELECT t.relname::text, i.indisprimary, i.indisunique, \
                           array_to_string(ARRAY(SELECT a.attname::text FROM unnest(i.indkey) WITH ORDINALITY k(attnum, n) \
                             JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.n), ',') \
                         FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace s ON s.oid = t.relnamespace \
                         WHERE s.nspname = current_schema() AND t.relname <> 'schema_migrations'",
                    )
                    .fetch_all(&mut *connection)
                    .await?;
                    for row in indexes {
                        let table: String = row.try_get(0)?;
                        let primary: bool = row.try_get(1)?;
                        let unique: bool = row.try_get(2)?;
                        let columns: String = row.try_get(3)?;
                        let columns: Vec<String> = columns.split(',').map(str::to_owned).collect();
                        let entry = schema.entry(table).or_default();
                        if primary {
                            entry.primary_key = columns;
                        } else if unique {
                            entry.unique.push(columns);
                        } else {
                            entry.indexes.push(columns);
                        }
                    }
                    // A foreign key of several columns is one row per column pair, as SQLite
                    // lists them.
                    let constraints = sqlx::query(
                        "SELECT t.relname::text, c.contype::text, \
                           COALESCE((SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = c.conrelid AND a.attnum = c.conkey[k.n]), ''), \
                           COALESCE((SELECT r.relname::text FROM pg_class r WHERE r.oid = c.confrelid), ''), \
                           COALESCE((SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = c.confrelid AND a.attnum = c.confkey[k.n]), '') \
                         FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace s ON s.oid = t.relnamespace \
                         CROSS JOIN LATERAL generate_series(1, CASE WHEN c.contype = 'f' THEN array_length(c.conkey, 1) ELSE 1 END) AS k(n) \
                         WHERE s.nspname = current_schema() AND c.contype IN ('c', 'f') AND t.relname <> 'schema_migrations'",
                    )
                    .fetch_all(&mut *connection)
                    .await?;
                    for row in constraints {
                        let table: String = row.try_get(0)?;
                        let kind: String = row.try_get(1)?;
                        let entry = schema.entry(table).or_default();
                        if kind == "c" {
                            entry.checks += 1;
                        } else {
                            entry.foreign_keys.push((row.try_get(2)?, row.try_get(3)?, row.try_get(4)?));
                        }
                    }
                    let triggers = sqlx::query(
                        "SELECT t.relname::text, (g.tgtype & 16) <> 0, (g.tgtype & 8) <> 0 FROM pg_trigger g \
                         JOIN pg_class t ON t.oid = g.tgrelid JOIN pg_namespace s ON s.oid = t.relnamespace \
                         WHERE s.nspname = current_schema() AND NOT g.tgisinternal",
                    )
                    .fetch_all(&mut *connection)
                    .await?;
                    for row in triggers {
                        let table: String = row.try_get(0)?;
                        let entry = schema.entry(table).or_default();
                        if row.try_get::<bool, _>(1)? {
                            entry.refused.push("UPDATE".into());
                        }
                        if row.try_get::<bool, _>(2)? {
                            entry.refused.push("DELETE".into());
                        }
                    }
                }
            }
            for table in schema.values_mut() {
                table.columns.sort();
                table.unique.sort();
                table.indexes.sort();
                table.foreign_keys.sort();
                table.refused.sort();
                table.refused.dedup();
            }
            Ok::<_, StoreError>(schema)
        })
        .await
    }
}
