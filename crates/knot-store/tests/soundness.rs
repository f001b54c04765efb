//! The crash tests' soundness check finds damage, so its silence after a kill means something:
//! a database written through the store passes, and the same database with a correction torn
//! in half, or (PostgreSQL, its key triggers off) a row naming an entry that does not exist,
//! fails with the problem named.

// Helpers outside #[test] functions unwrap too: in a test, a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

mod local_ctx;
use local_ctx::LocalContext;

use chrono::{TimeZone, Utc};
use knot_store::testing::{soundness, TempDatabase};
use knot_store::{Measure, NewEntry};
use sqlx::{Connection, Executor, PgConnection};

fn entry(text: &str) -> NewEntry {
    NewEntry {
        recorded_at: Utc.with_ymd_and_hms(2025, 3, 1, 8, 0, 0).unwrap(),
        measure: Measure::Note { text: text.into() },
        note: None,
    }
}

/// Writes an entry and its correction; returns the corrected entry's id.
async fn corrected_entry(url: &str) -> i64 {
    let store = knot_store::open(url).await.unwrap();
    let ctx = store.personal_context().await.unwrap();
    let old = store.add_entry(&ctx, &entry("first")).await.unwrap();
    store
        .correct_entry(&ctx, old.id, &entry("second"))
        .await
        .unwrap();
    old.id
}

#[tokio::test]
async fn a_torn_correction_in_a_file_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite:{}", dir.path().join("knot.db").display());
    let old = corrected_entry(&url).await;
    soundness::check(&url).await.unwrap();
    let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
    sqlx::query("UPDATE entries SET superseded_by = NULL WHERE id = ?")
        .bind(old)
        .execute(&mut conn)
        .await
        .unwrap();
    let problems = soundness::check(&url).await.unwrap_err();
    assert!(
        problems.contains("corrections whose corrected entry does not name them"),
        "{problems}"
    );
}

#[tokio::test]
async fn a_torn_correction_and_a_broken_key_on_postgresql_are_found() {
    let db = TempDatabase::create().unwrap();
    let old = corrected_entry(db.url()).await;
    soundness::check(db.url()).await.unwrap();
    let mut conn = PgConnection::connect(db.url()).await.unwrap();
    // As a replica would, so the foreign key's triggers do not stop the orphan.
    conn.execute("SET session_replication_role = replica")
        .await
        .unwrap();
    sqlx::query("UPDATE entries SET superseded_by = NULL, corrects = 999999 WHERE id = $1")
        .bind(old)
        .execute(&mut conn)
        .await
        .unwrap();
    let problems = soundness::check(db.url()).await.unwrap_err();
    for expected in [
        "corrections whose corrected entry does not name them",
        "rows of entries breaking foreign key",
    ] {
        assert!(problems.contains(expected), "{expected}: {problems}");
    }
}
