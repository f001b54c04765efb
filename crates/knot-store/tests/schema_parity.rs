//! Both backends' migrations describe one schema: migrated side by side, SQLite (read from
//! `sqlite_master` and its pragmas) and PostgreSQL (read from `information_schema` and
//! `pg_catalog`) have the same tables; the same columns with the same nullability and type
//! family; the same primary keys, foreign keys, and unique and plain indexes (by columns, and by
//! predicate for partial ones); as many CHECK constraints per table; and the same migration
//! versions applied.

// Helpers outside #[test] functions unwrap too: in a test, a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};

use knot_store::testing::TempDatabase;
use sqlx::postgres::PgConnectOptions;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, PgConnection, Row, SqliteConnection};

/// A column: its type family and whether it may be NULL.
type Column = (&'static str, bool);
/// A foreign key: its columns, the table and columns it references.
type ForeignKey = (Vec<String>, String, Vec<String>);
/// An index other than the primary key's: its columns, whether unique, its predicate if partial.
type Index = (Vec<String>, bool, Option<String>);

#[derive(Debug, Default, PartialEq, Eq)]
struct Table {
    columns: BTreeMap<String, Column>,
    primary_key: Vec<String>,
    foreign_keys: BTreeSet<ForeignKey>,
    indexes: BTreeSet<Index>,
    /// CHECK constraints (their expressions are written differently by each backend).
    checks: usize,
}

#[derive(Debug, Default, PartialEq, Eq)]
struct Schema {
    tables: BTreeMap<String, Table>,
    migrations: Vec<i64>,
}

/// The family of a declared type, in either backend's words.
fn family(declared: &str) -> &'static str {
    match declared.to_ascii_lowercase().as_str() {
        "integer" | "bigint" | "int" | "int8" | "int4" | "smallint" => "integer",
        "text" | "character varying" | "varchar" => "text",
        "boolean" | "bool" => "boolean",
        "blob" | "bytea" => "bytes",
        _ => "unknown",
    }
}

/// A partial index's predicate, without the parentheses and spacing each backend adds.
fn predicate(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '(' && *c != ')')
        .collect::<String>()
        .to_ascii_lowercase()
}

async fn sqlite_schema(conn: &mut SqliteConnection) -> Schema {
    let mut schema = Schema::default();
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table'
         AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx%'",
    )
    .fetch_all(&mut *conn)
    .await
    .unwrap();
    for name in names {
        let mut table = Table::default();
        let columns = sqlx::query("SELECT name, type, \"notnull\", pk FROM pragma_table_info($1)")
            .bind(&name)
            .fetch_all(&mut *conn)
            .await
            .unwrap();
        let mut key = Vec::new();
        for column in columns {
            let column_name: String = column.get("name");
            let pk: i64 = column.get("pk");
            let not_null: bool = column.get::<i64, _>("notnull") != 0 || pk > 0;
            let declared: String = column.get("type");
            table
                .columns
                .insert(column_name.clone(), (family(&declared), !not_null));
            if pk > 0 {
                key.push((pk, column_name));
            }
        }
        key.sort();
        table.primary_key = key.into_iter().map(|(_, column)| column).collect();

        let keys = sqlx::query(
            "SELECT id, seq, \"table\" AS target, \"from\" AS source, \"to\" AS referenced
             FROM pragma_foreign_key_list($1) ORDER BY id, seq",
        )
        .bind(&name)
        .fetch_all(&mut *conn)
        .await
        .unwrap();
        let mut grouped: BTreeMap<i64, ForeignKey> = BTreeMap::new();
        for key in keys {
            let entry = grouped.entry(key.get("id")).or_default();
            entry.0.push(key.get("source"));
            entry.1 = key.get("target");
            entry.2.push(key.get("referenced"));
        }
        table.foreign_keys = grouped.into_values().collect();

        let indexes = sqlx::query(
            "SELECT name, \"unique\", origin FROM pragma_index_list($1) WHERE origin != 'pk'",
        )
        .bind(&name)
        .fetch_all(&mut *conn)
        .await
        .unwrap();
        for index in indexes {
            let index_name: String = index.get("name");
            let columns: Vec<String> =
                sqlx::query_scalar("SELECT name FROM pragma_index_info($1) ORDER BY seqno")
                    .bind(&index_name)
                    .fetch_all(&mut *conn)
                    .await
                    .unwrap();
            let sql: Option<String> =
                sqlx::query_scalar("SELECT sql FROM sqlite_master WHERE name = $1")
                    .bind(&index_name)
                    .fetch_one(&mut *conn)
                    .await
                    .unwrap();
            let partial = sql
                .as_deref()
                .and_then(|sql| sql.split_once(" WHERE "))
                .map(|(_, condition)| predicate(condition));
            table
                .indexes
                .insert((columns, index.get::<bool, _>("unique"), partial));
        }
        let sql: String =
            sqlx::query_scalar("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = $1")
                .bind(&name)
                .fetch_one(&mut *conn)
                .await
                .unwrap();
        table.checks = sql.to_ascii_uppercase().matches("CHECK (").count();
        schema.tables.insert(name, table);
    }
    schema.migrations = sqlx::query_scalar("SELECT version FROM _sqlx_migrations ORDER BY version")
        .fetch_all(&mut *conn)
        .await
        .unwrap();
    schema
}

/// The names of attribute numbers `keys` of relation `relation`, in order (as SQL).
const ATTRIBUTES: &str = "(SELECT array_agg(a.attname::TEXT ORDER BY k.ord)
    FROM unnest(KEYS) WITH ORDINALITY AS k(attnum, ord)
    JOIN pg_attribute a ON a.attrelid = RELATION AND a.attnum = k.attnum)";

fn attributes(keys: &str, relation: &str) -> String {
    ATTRIBUTES
        .replace("KEYS", keys)
        .replace("RELATION", relation)
}

async fn postgres_schema(conn: &mut PgConnection) -> Schema {
    let mut schema = Schema::default();
    let columns = sqlx::query(
        "SELECT c.table_name::TEXT AS tbl, c.column_name::TEXT AS col,
                c.is_nullable = 'YES' AS nullable, c.data_type::TEXT AS declared
         FROM information_schema.columns c
         JOIN information_schema.tables t
           ON t.table_schema = c.table_schema AND t.table_name = c.table_name
         WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
           AND c.table_name NOT LIKE '\\_sqlx%'",
    )
    .fetch_all(&mut *conn)
    .await
    .unwrap();
    for column in columns {
        let declared: String = column.get("declared");
        schema
            .tables
            .entry(column.get("tbl"))
            .or_default()
            .columns
            .insert(
                column.get("col"),
                (family(&declared), column.get("nullable")),
            );
    }

    let keys = sqlx::query(&format!(
        "SELECT cl.relname::TEXT AS tbl, target.relname::TEXT AS target,
                {} AS source_columns, {} AS target_columns
         FROM pg_constraint con
         JOIN pg_class cl ON cl.oid = con.conrelid
         JOIN pg_class target ON target.oid = con.confrelid
         JOIN pg_namespace n ON n.oid = cl.relnamespace
         WHERE con.contype = 'f' AND n.nspname = current_schema()",
        attributes("con.conkey", "con.conrelid"),
        attributes("con.confkey", "con.confrelid"),
    ))
    .fetch_all(&mut *conn)
    .await
    .unwrap();
    for key in keys {
        let table = schema.tables.entry(key.get("tbl")).or_default();
        table.foreign_keys.insert((
            key.get("source_columns"),
            key.get("target"),
            key.get("target_columns"),
        ));
    }

    let indexes = sqlx::query(&format!(
        "SELECT t.relname::TEXT AS tbl, i.indisunique AS is_unique, i.indisprimary AS is_primary,
                {} AS index_columns, pg_get_expr(i.indpred, i.indrelid) AS partial
         FROM pg_index i
         JOIN pg_class t ON t.oid = i.indrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace
         WHERE n.nspname = current_schema() AND t.relname NOT LIKE '\\_sqlx%'",
        attributes("i.indkey::INT2[]", "i.indrelid"),
    ))
    .fetch_all(&mut *conn)
    .await
    .unwrap();
    for index in indexes {
        let table = schema.tables.entry(index.get("tbl")).or_default();
        let columns: Vec<String> = index.get("index_columns");
        if index.get("is_primary") {
            table.primary_key = columns;
        } else {
            let partial: Option<String> = index.get("partial");
            table.indexes.insert((
                columns,
                index.get("is_unique"),
                partial.as_deref().map(predicate),
            ));
        }
    }
    let checks = sqlx::query(
        "SELECT cl.relname::TEXT AS tbl, COUNT(*) AS checks
         FROM pg_constraint con
         JOIN pg_class cl ON cl.oid = con.conrelid
         JOIN pg_namespace n ON n.oid = cl.relnamespace
         WHERE con.contype = 'c' AND n.nspname = current_schema()
         GROUP BY cl.relname",
    )
    .fetch_all(&mut *conn)
    .await
    .unwrap();
    for check in checks {
        let table = schema.tables.entry(check.get("tbl")).or_default();
        table.checks = usize::try_from(check.get::<i64, _>("checks")).unwrap();
    }
    schema.migrations = sqlx::query_scalar("SELECT version FROM _sqlx_migrations ORDER BY version")
        .fetch_all(&mut *conn)
        .await
        .unwrap();
    schema
}

#[tokio::test]
async fn both_backends_migrate_to_the_same_tables_columns_keys_and_indexes() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("knot.db");
    drop(
        knot_store::open(&format!("sqlite:{}", file.display()))
            .await
            .unwrap(),
    );
    let pg = TempDatabase::create().unwrap();
    drop(knot_store::open(pg.url()).await.unwrap());

    let mut sqlite = SqliteConnectOptions::new()
        .filename(&file)
        .connect()
        .await
        .unwrap();
    let mut postgres = pg
        .url()
        .parse::<PgConnectOptions>()
        .unwrap()
        .connect()
        .await
        .unwrap();
    let sqlite = sqlite_schema(&mut sqlite).await;
    let postgres = postgres_schema(&mut postgres).await;

    assert!(
        sqlite.tables.len() >= 10
            && sqlite.tables.contains_key("entries")
            && sqlite.tables["users"].checks == 2,
        "the SQLite schema was read: {:?}",
        sqlite.tables.keys()
    );
    assert_eq!(
        sqlite.tables.keys().collect::<Vec<_>>(),
        postgres.tables.keys().collect::<Vec<_>>(),
        "the same tables"
    );
    for (name, table) in &sqlite.tables {
        let other = &postgres.tables[name];
        assert!(
            table
                .columns
                .values()
                .all(|(family, _)| *family != "unknown"),
            "{name}: a column type outside the known families: {:?}",
            table.columns
        );
        assert_eq!(table.columns, other.columns, "{name}: columns");
        assert_eq!(table.primary_key, other.primary_key, "{name}: primary key");
        assert_eq!(
            table.foreign_keys, other.foreign_keys,
            "{name}: foreign keys"
        );
        assert_eq!(table.indexes, other.indexes, "{name}: indexes");
        assert_eq!(table.checks, other.checks, "{name}: CHECK constraints");
    }
    assert_eq!(sqlite.migrations, postgres.migrations, "migration versions");
}

#[test]
fn type_families_and_predicates_are_normalised() {
    assert_eq!(family("INTEGER"), family("bigint"));
    assert_eq!(family("TEXT"), family("text"));
    assert_eq!(family("BLOB"), family("bytea"));
    assert_ne!(family("TEXT"), family("bigint"));
    assert_eq!(predicate("local_cli"), predicate("(local_cli)"));
}
