//! Whether a database is sound after a crash, on either backend, for the crash tests: the
//! engine's own checks (SQLite `integrity_check` and `foreign_key_check`; PostgreSQL amcheck on
//! every B-tree index with its heap), every foreign key and unique constraint re-checked by a
//! query that reads the tables (PostgreSQL, with index scans off so a damaged index cannot hide
//! a row), and Knot's own invariants: corrections and corrected entries name each other, every
//! entry, deletion, session and plan has its audit row, at most one active plan per person,
//! and the audit hash chain of every clinic verifies whole.

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection, PgConnection};

/// Checks the database at `url` (`sqlite:…` or `postgres://…`); the error lists every problem
/// found.
pub async fn check(url: &str) -> Result<(), String> {
    let problems = match url.strip_prefix("sqlite:") {
        Some(path) => check_file(path).await,
        None => check_server(url).await,
    }
    .map_err(|err| format!("cannot check {url}: {err}"))?;
    let mut problems = problems;
    problems.extend(audit_chain(url).await?);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

/// The audit chain's break, if any, as the store itself reports it (after the checks above,
/// which read the database as the crash left it: opening the store may chain old rows).
async fn audit_chain(url: &str) -> Result<Option<String>, String> {
    let store = crate::open(url)
        .await
        .map_err(|err| format!("cannot open {url} to verify its audit chain: {err}"))?;
    let report = store
        .verify_audit_chain(None)
        .await
        .map_err(|err| format!("cannot verify the audit chain of {url}: {err}"))?;
    Ok(report
        .broken
        .map(|broken| format!("audit chain broken: {broken}")))
}

/// Knot's invariants as queries counting the rows that break them. Written in SQLite's
/// `IS NOT`; [`check_server`] turns that into PostgreSQL's `IS DISTINCT FROM`.
const INVARIANTS: [(&str, &str); 7] = [
    (
        "corrections whose corrected entry does not name them",
        "SELECT COUNT(*) FROM entries AS fix LEFT JOIN entries AS old ON old.id = fix.corrects
         WHERE fix.corrects IS NOT NULL AND (old.id IS NULL OR old.superseded_by IS NOT fix.id)",
    ),
    (
        "superseded entries whose correction does not name them",
        "SELECT COUNT(*) FROM entries AS old LEFT JOIN entries AS fix ON fix.id = old.superseded_by
         WHERE old.superseded_by IS NOT NULL AND (fix.id IS NULL OR fix.corrects IS NOT old.id)",
    ),
    (
        "entries without their audit row",
        "SELECT COUNT(*) FROM entries AS e WHERE NOT EXISTS (SELECT 1 FROM audit_log AS a
         WHERE a.record = 'entry' AND a.record_id = e.id AND a.action IN ('create', 'correct'))",
    ),
    (
        "deleted entries without their audit row",
        "SELECT COUNT(*) FROM entries AS e WHERE e.deleted_at IS NOT NULL AND NOT EXISTS (
         SELECT 1 FROM audit_log AS a
         WHERE a.record = 'entry' AND a.record_id = e.id AND a.action = 'delete')",
    ),
    (
        "sessions without their audit row",
        "SELECT COUNT(*) FROM sessions AS s WHERE NOT EXISTS (SELECT 1 FROM audit_log AS a
         WHERE a.record = 'session' AND a.record_id = s.id AND a.action = 'create')",
    ),
    (
        "plans without their audit row",
        "SELECT COUNT(*) FROM plans AS p WHERE NOT EXISTS (SELECT 1 FROM audit_log AS a
         WHERE a.record = 'plan' AND a.record_id = p.id AND a.action = 'create')",
    ),
    (
        "people with more than one active plan",
        "SELECT COUNT(*) FROM (SELECT person_id FROM plans WHERE active
         GROUP BY clinic_id, person_id HAVING COUNT(*) > 1) AS twice",
    ),
];

async fn check_file(path: &str) -> Result<Vec<String>, sqlx::Error> {
    let mut conn = SqliteConnectOptions::new()
        .filename(path)
        .foreign_keys(true)
        .connect()
        .await?;
    let mut problems = Vec::new();
    let integrity: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(&mut conn)
        .await?;
    if integrity != ["ok"] {
        problems.push(format!("integrity_check: {}", integrity.join("; ")));
    }
    let broken_keys = sqlx::query("PRAGMA foreign_key_check")
        .fetch_all(&mut conn)
        .await?;
    if !broken_keys.is_empty() {
        problems.push(format!("{} rows break foreign keys", broken_keys.len()));
    }
    for (what, sql) in INVARIANTS {
        let count: i64 = sqlx::query_scalar(sql).fetch_one(&mut conn).await?;
        if count != 0 {
            problems.push(format!("{count} {what}"));
        }
    }
    conn.close().await?;
    Ok(problems)
}

async fn check_server(url: &str) -> Result<Vec<String>, sqlx::Error> {
    let mut conn = PgConnection::connect(url).await?;
    let mut problems = Vec::new();
    sqlx::query("CREATE EXTENSION IF NOT EXISTS amcheck")
        .execute(&mut conn)
        .await?;
    let indexes: Vec<String> = sqlx::query_scalar(
        "SELECT c.oid::regclass::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am a ON a.oid = c.relam
         WHERE n.nspname = current_schema() AND a.amname = 'btree'",
    )
    .fetch_all(&mut conn)
    .await?;
    if indexes.len() < 5 {
        problems.push(format!("only {} indexes found", indexes.len()));
    }
    for index in &indexes {
        // With the heap: every row is in the index, not only the index in order.
        if let Err(err) = sqlx::query("SELECT bt_index_check($1::regclass, true)")
            .bind(index)
            .execute(&mut conn)
            .await
        {
            problems.push(format!("index {index}: {err}"));
        }
    }
    // The constraint queries below must read the tables, not the indexes they check.
    for scan in ["indexscan", "indexonlyscan", "bitmapscan"] {
        sqlx::query(&format!("SET enable_{scan} = off"))
            .execute(&mut conn)
            .await?;
    }
    for (what, sql) in foreign_key_queries(&mut conn)
        .await?
        .into_iter()
        .chain(unique_queries(&mut conn).await?)
        .chain(INVARIANTS.iter().map(|(what, sql)| {
            (
                what.to_string(),
                sql.replace("IS NOT ", "IS DISTINCT FROM "),
            )
        }))
    {
        let count: i64 = sqlx::query_scalar(&sql).fetch_one(&mut conn).await?;
        if count != 0 {
            problems.push(format!("{count} {what}"));
        }
    }
    conn.close().await?;
    Ok(problems)
}

fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// A foreign key: its name, table, the table it names, their columns in order.
type ForeignKey = (String, String, String, Vec<String>, Vec<String>);

/// A unique index: its name, table, columns and predicate (for a partial index).
type UniqueIndex = (String, String, Vec<String>, Option<String>);

/// For each foreign key, a query counting the rows whose key names no row of the other table.
async fn foreign_key_queries(
    conn: &mut PgConnection,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    let keys: Vec<ForeignKey> = sqlx::query_as(
        "SELECT c.conname::text, c.conrelid::regclass::text, c.confrelid::regclass::text,
           ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY AS k(num, pos)
                 JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.num ORDER BY k.pos),
           ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY AS k(num, pos)
                 JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.num ORDER BY k.pos)
         FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
         WHERE c.contype = 'f' AND n.nspname = current_schema()",
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(keys
        .into_iter()
        .map(|(name, table, other, columns, other_columns)| {
            let set: Vec<String> = columns
                .iter()
                .map(|column| format!("t.{} IS NOT NULL", quoted(column)))
                .collect();
            let join: Vec<String> = columns
                .iter()
                .zip(&other_columns)
                .map(|(column, other)| format!("o.{} = t.{}", quoted(other), quoted(column)))
                .collect();
            let sql = format!(
                "SELECT COUNT(*) FROM {table} AS t WHERE {} AND NOT EXISTS \
                 (SELECT 1 FROM {other} AS o WHERE {})",
                set.join(" AND "),
                join.join(" AND ")
            );
            (format!("rows of {table} breaking foreign key {name}"), sql)
        })
        .collect())
}

/// For each unique index on columns (primary keys included), a query counting the values held
/// twice.
async fn unique_queries(conn: &mut PgConnection) -> Result<Vec<(String, String)>, sqlx::Error> {
    let uniques: Vec<UniqueIndex> = sqlx::query_as(
        "SELECT c.relname::text, i.indrelid::regclass::text,
           ARRAY(SELECT a.attname::text FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(num, pos)
                 JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.num ORDER BY k.pos),
           pg_get_expr(i.indpred, i.indrelid)
         FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE i.indisunique AND n.nspname = current_schema() AND NOT (0 = ANY (i.indkey::int2[]))",
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(uniques
        .into_iter()
        .map(|(name, table, columns, predicate)| {
            let columns: Vec<String> = columns.iter().map(|column| quoted(column)).collect();
            let mut filter: Vec<String> = columns
                .iter()
                .map(|column| format!("{column} IS NOT NULL"))
                .collect();
            filter.extend(predicate.map(|predicate| format!("({predicate})")));
            let sql = format!(
                "SELECT COUNT(*) FROM (SELECT 1 FROM {table} WHERE {} GROUP BY {} \
                 HAVING COUNT(*) > 1) AS twice",
                filter.join(" AND "),
                columns.join(", ")
            );
            (format!("values held twice in {table} despite {name}"), sql)
        })
        .collect())
}
