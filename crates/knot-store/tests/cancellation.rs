//! A store call can be dropped at any `.await` (a web handler whose client hung up is dropped
//! mid-flight). Whatever the poll point, no connection may be left inside a transaction: the
//! next call on the same store, another store on the same database and a raw connection taking
//! the locks (SQLite's `BEGIN IMMEDIATE`; PostgreSQL's `LOCK TABLE … ACCESS EXCLUSIVE`, which
//! waits for every transaction that touched the tables) must all go through, and nothing may
//! be half written. On both backends.

// Helpers outside #[test] functions unwrap too: in a test, a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

mod local_ctx;
use local_ctx::LocalContext;

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use chrono::{TimeZone, Utc};
use knot_store::testing::TempDatabase;
use knot_store::{EntryFilter, Measure, NewEntry, SqliteStore, Store, TenantCtx};
use sqlx::postgres::{PgConnectOptions, PgConnection};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection, SqliteConnection};

/// Calls abandoned per test: enough to hit every poll point of a write many times over.
const ABANDONED_CALLS: u32 = 3_000;

fn pain(seq: u32) -> NewEntry {
    NewEntry {
        recorded_at: Utc.with_ymd_and_hms(2025, 3, 1, 8, 0, 0).unwrap()
            + chrono::Duration::seconds(i64::from(seq)),
        measure: Measure::Pain {
            score: (seq % 11) as u8,
            region: None,
        },
        note: Some(format!("call {seq}")),
    }
}

/// A deadline that falls somewhere inside a call: from nothing to a few hundred microseconds,
/// spread by a cheap deterministic hash of the call number.
fn deadline(seq: u32) -> Duration {
    Duration::from_micros(u64::from(seq.wrapping_mul(2_654_435_761) % 400))
}

/// A connection of its own that must be able to take the write lock within `wait`.
async fn can_take_write_lock(path: &Path, wait: Duration) -> Result<(), sqlx::Error> {
    let mut conn: SqliteConnection = SqliteConnectOptions::new()
        .filename(path)
        .busy_timeout(wait)
        .connect()
        .await?;
    sqlx::query("BEGIN IMMEDIATE").execute(&mut conn).await?;
    sqlx::query("ROLLBACK").execute(&mut conn).await?;
    conn.close().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn writes_dropped_at_any_poll_point_leave_no_transaction_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("knot.db");
    let store: Arc<dyn Store> = Arc::new(SqliteStore::open(&path).await.unwrap());
    let ctx = store.personal_context().await.unwrap();

    let mut finished = 0;
    for seq in 0..ABANDONED_CALLS {
        let entry = pain(seq);
        let call = store.add_entry(&ctx, &entry);
        if tokio::time::timeout(deadline(seq), call).await.is_ok() {
            finished += 1;
        }
    }
    assert!(
        finished < ABANDONED_CALLS,
        "every call beat its deadline, so none was dropped mid-flight; the test proves nothing"
    );

    // Another connection (as another server or the CLI would open) takes the write lock; calls
    // still running detached may hold it for a moment, never for good.
    can_take_write_lock(&path, Duration::from_secs(3))
        .await
        .expect("a connection was left inside a transaction, holding the write lock");

    // The same store keeps working on every pooled connection, and a second store too.
    for seq in 0..16 {
        store
            .add_entry(&ctx, &pain(ABANDONED_CALLS + seq))
            .await
            .unwrap();
    }
    let other = SqliteStore::open(&path).await.unwrap();
    other
        .add_entry(&ctx, &pain(2 * ABANDONED_CALLS))
        .await
        .unwrap();

    // Nothing half written: every stored entry has the create row of its audit trail (counted
    // in one statement, one snapshot, as detached calls may still be finishing).
    let mut conn = SqliteConnectOptions::new()
        .filename(&path)
        .connect()
        .await
        .unwrap();
    let (entries, audited): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM entries),
                (SELECT COUNT(*) FROM audit_log WHERE action = 'create' AND record = 'entry')",
    )
    .fetch_one(&mut conn)
    .await
    .unwrap();
    assert_eq!(audited, entries);
    assert!(
        entries > i64::from(finished),
        "the calls that finished are stored"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reads_and_corrections_dropped_at_any_poll_point_leave_no_transaction_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("knot.db");
    let store: Arc<dyn Store> = Arc::new(SqliteStore::open(&path).await.unwrap());
    let ctx = store.personal_context().await.unwrap();
    let mut current = store.add_entry(&ctx, &pain(0)).await.unwrap();

    for seq in 1..ABANDONED_CALLS {
        let timeout = deadline(seq);
        if seq % 2 == 0 {
            let _ =
                tokio::time::timeout(timeout, store.entries(&ctx, &EntryFilter::default())).await;
        } else if let Ok(Ok(corrected)) =
            tokio::time::timeout(timeout, store.correct_entry(&ctx, current.id, &pain(seq))).await
        {
            current = corrected;
        }
    }

    can_take_write_lock(&path, Duration::from_secs(3))
        .await
        .expect("a connection was left inside a transaction, holding the write lock");

    // Correction pairs are whole: exactly one current entry, every superseded one names a
    // successor that exists.
    let everything = store
        .entries(
            &ctx,
            &EntryFilter {
                include_history: true,
                ..EntryFilter::default()
            },
        )
        .await
        .unwrap();
    let current: Vec<_> = everything
        .iter()
        .filter(|e| e.superseded_by.is_none())
        .collect();
    assert_eq!(
        current.len(),
        1,
        "one chain of corrections, one current entry"
    );
    for entry in &everything {
        if let Some(by) = entry.superseded_by {
            let successor = everything.iter().find(|e| e.id == by).unwrap();
            assert_eq!(successor.corrects, Some(entry.id));
        }
    }
}

/// A connection of its own that must take every table the diary writes exclusively within
/// `wait`: it waits for any transaction that touched them, and fails if one never ends.
async fn can_lock_the_diary(url: &str, wait: Duration) -> Result<(), sqlx::Error> {
    let mut conn: PgConnection = url
        .parse::<PgConnectOptions>()?
        .options([("lock_timeout", format!("{}ms", wait.as_millis()))])
        .connect()
        .await?;
    let mut tx = conn.begin().await?;
    sqlx::query("LOCK TABLE entries, audit_log IN ACCESS EXCLUSIVE MODE")
        .execute(&mut *tx)
        .await?;
    tx.rollback().await?;
    conn.close().await
}

/// Calls abandoned on PostgreSQL: each still runs to its end on the server, so fewer.
const ABANDONED_POSTGRES_CALLS: u32 = 1_000;

/// Adds entries, dropping each call at its deadline; gives how many finished.
async fn abandon_writes(store: &Arc<dyn Store>, ctx: &TenantCtx, calls: u32) -> u32 {
    let mut finished = 0;
    for seq in 0..calls {
        let entry = pain(seq);
        let call = store.add_entry(ctx, &entry);
        if tokio::time::timeout(deadline(seq), call).await.is_ok() {
            finished += 1;
        }
    }
    assert!(
        finished < calls,
        "every call beat its deadline, so none was dropped mid-flight; the test proves nothing"
    );
    finished
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_postgres_writes_dropped_at_any_poll_point_leave_no_transaction_open() {
    let db = TempDatabase::create().unwrap();
    let store = knot_store::open(db.url()).await.unwrap();
    let ctx = store.personal_context().await.unwrap();
    let finished = abandon_writes(&store, &ctx, ABANDONED_POSTGRES_CALLS).await;

    can_lock_the_diary(db.url(), Duration::from_secs(5))
        .await
        .expect("a connection was left inside a transaction, holding locks");

    for seq in 0..16 {
        store
            .add_entry(&ctx, &pain(ABANDONED_POSTGRES_CALLS + seq))
            .await
            .unwrap();
    }
    let other = knot_store::open(db.url()).await.unwrap();
    other
        .add_entry(&ctx, &pain(2 * ABANDONED_POSTGRES_CALLS))
        .await
        .unwrap();

    let mut conn = db
        .url()
        .parse::<PgConnectOptions>()
        .unwrap()
        .connect()
        .await
        .unwrap();
    let (entries, audited): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM entries),
                (SELECT COUNT(*) FROM audit_log WHERE action = 'create' AND record = 'entry')",
    )
    .fetch_one(&mut conn)
    .await
    .unwrap();
    assert_eq!(audited, entries, "every stored entry has its audit row");
    assert!(
        entries > i64::from(finished),
        "the calls that finished are stored"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_postgres_reads_and_corrections_dropped_at_any_poll_point_leave_no_transaction_open() {
    let db = TempDatabase::create().unwrap();
    let store = knot_store::open(db.url()).await.unwrap();
    let ctx = store.personal_context().await.unwrap();
    let mut current = store.add_entry(&ctx, &pain(0)).await.unwrap();

    for seq in 1..ABANDONED_POSTGRES_CALLS {
        let timeout = deadline(seq);
        if seq % 2 == 0 {
            let _ =
                tokio::time::timeout(timeout, store.entries(&ctx, &EntryFilter::default())).await;
        } else if let Ok(Ok(corrected)) =
            tokio::time::timeout(timeout, store.correct_entry(&ctx, current.id, &pain(seq))).await
        {
            current = corrected;
        }
    }

    can_lock_the_diary(db.url(), Duration::from_secs(5))
        .await
        .expect("a connection was left inside a transaction, holding locks");

    let history = EntryFilter {
        include_history: true,
        ..EntryFilter::default()
    };
    let everything = store.entries(&ctx, &history).await.unwrap();
    let current: Vec<_> = everything
        .iter()
        .filter(|e| e.superseded_by.is_none())
        .collect();
    assert_eq!(
        current.len(),
        1,
        "one chain of corrections, one current entry"
    );
    for entry in &everything {
        if let Some(by) = entry.superseded_by {
            let successor = everything.iter().find(|e| e.id == by).unwrap();
            assert_eq!(successor.corrects, Some(entry.id));
        }
    }
}
