//! Several diary entries logged at once ("pain in both temples") stand or fall together: when
//! the second insert fails inside the database, neither entry nor any audit row of them is
//! kept, and the store goes on writing afterwards. On SQLite and on PostgreSQL.

// Helpers outside #[test] functions unwrap too: in a test, a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

mod local_ctx;
use local_ctx::LocalContext;

use chrono::{TimeZone, Utc};
use knot_store::testing::TempDatabase;
use knot_store::{EntryFilter, Measure, NewEntry};
use sqlx::postgres::{PgConnectOptions, PgConnection};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};

fn pain_in(region: &str) -> NewEntry {
    NewEntry {
        recorded_at: Utc.with_ymd_and_hms(2026, 3, 1, 8, 0, 0).unwrap(),
        measure: Measure::Pain {
            score: 6,
            region: Some(region.into()),
        },
        note: None,
    }
}

async fn audit_creates(path: &std::path::Path) -> i64 {
    let mut raw = SqliteConnectOptions::new()
        .filename(path)
        .connect()
        .await
        .unwrap();
    let count = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE action = 'create' AND record = 'entry'",
    )
    .fetch_one(&mut raw)
    .await
    .unwrap();
    raw.close().await.unwrap();
    count
}

#[tokio::test]
async fn when_the_second_insert_fails_neither_entry_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("knot.db");
    let store = knot_store::open(&format!("sqlite:{}", path.display()))
        .await
        .unwrap();
    let ctx = store.personal_context().await.unwrap();

    // Another connection arms the failure: any insert after the first entry of a person aborts,
    // as a full disk or a crash between the two statements would.
    let mut raw = SqliteConnectOptions::new()
        .filename(&path)
        .connect()
        .await
        .unwrap();
    sqlx::query(
        "CREATE TRIGGER second_insert_fails BEFORE INSERT ON entries
         WHEN (SELECT count(*) FROM entries) >= 1
         BEGIN SELECT RAISE(ABORT, 'injected failure of the second insert'); END",
    )
    .execute(&mut raw)
    .await
    .unwrap();

    let both = [pain_in("left-temple"), pain_in("right-temple")];
    let failed = store.add_entries(&ctx, &both).await;
    assert!(failed.is_err(), "the injected failure reaches the caller");
    let kept = store.entries(&ctx, &EntryFilter::default()).await.unwrap();
    assert!(kept.is_empty(), "half of the write was kept: {kept:?}");
    assert_eq!(
        audit_creates(&path).await,
        0,
        "no audit row for a rolled-back entry"
    );

    // Disarmed, the same write goes through whole, and the store was not left locked.
    sqlx::query("DROP TRIGGER second_insert_fails")
        .execute(&mut raw)
        .await
        .unwrap();
    raw.close().await.unwrap();
    let stored = store.add_entries(&ctx, &both).await.unwrap();
    assert_eq!(stored.len(), 2);
    assert_eq!(
        store.entries(&ctx, &EntryFilter::default()).await.unwrap(),
        stored
    );
    assert_eq!(audit_creates(&path).await, 2);
}

#[tokio::test]
async fn a_refused_value_among_several_stores_none() {
    let dir = tempfile::tempdir().unwrap();
    let store = knot_store::open(&format!("sqlite:{}", dir.path().join("k.db").display()))
        .await
        .unwrap();
    let ctx = store.personal_context().await.unwrap();
    let threshold_nan = NewEntry {
        measure: Measure::Threshold {
            trigger_point: "upper-trapezius-1".into(),
            side: knot_store::Side::Right,
            kg_per_cm2: f64::NAN,
        },
        ..pain_in("left-temple")
    };
    let refused = store
        .add_entries(&ctx, &[pain_in("left-temple"), threshold_nan])
        .await;
    assert!(refused.is_err());
    assert!(store
        .entries(&ctx, &EntryFilter::default())
        .await
        .unwrap()
        .is_empty());
}

async fn postgres(db: &TempDatabase) -> PgConnection {
    db.url()
        .parse::<PgConnectOptions>()
        .unwrap()
        .connect()
        .await
        .unwrap()
}

async fn postgres_audit_creates(db: &TempDatabase) -> i64 {
    let mut raw = postgres(db).await;
    sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE action = 'create' AND record = 'entry'",
    )
    .fetch_one(&mut raw)
    .await
    .unwrap()
}

#[tokio::test]
async fn on_postgres_when_the_second_insert_fails_neither_entry_is_kept() {
    let db = TempDatabase::create().unwrap();
    let store = knot_store::open(db.url()).await.unwrap();
    let ctx = store.personal_context().await.unwrap();

    let mut raw = postgres(&db).await;
    sqlx::query(
        "CREATE FUNCTION fail_second_insert() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
             IF (SELECT count(*) FROM entries) >= 1 THEN
                 RAISE EXCEPTION 'injected failure of the second insert';
             END IF;
             RETURN NEW;
         END $$",
    )
    .execute(&mut raw)
    .await
    .unwrap();
    sqlx::query(
        "CREATE TRIGGER second_insert_fails BEFORE INSERT ON entries
         FOR EACH ROW EXECUTE FUNCTION fail_second_insert()",
    )
    .execute(&mut raw)
    .await
    .unwrap();

    let both = [pain_in("left-temple"), pain_in("right-temple")];
    let failed = store.add_entries(&ctx, &both).await;
    assert!(failed.is_err(), "the injected failure reaches the caller");
    let kept = store.entries(&ctx, &EntryFilter::default()).await.unwrap();
    assert!(kept.is_empty(), "half of the write was kept: {kept:?}");
    assert_eq!(postgres_audit_creates(&db).await, 0);

    sqlx::query("DROP TRIGGER second_insert_fails ON entries")
        .execute(&mut raw)
        .await
        .unwrap();
    raw.close().await.unwrap();
    let stored = store.add_entries(&ctx, &both).await.unwrap();
    assert_eq!(stored.len(), 2);
    assert_eq!(
        store.entries(&ctx, &EntryFilter::default()).await.unwrap(),
        stored
    );
    assert_eq!(postgres_audit_creates(&db).await, 2);
}

#[tokio::test]
async fn on_postgres_a_refused_value_among_several_stores_none() {
    let db = TempDatabase::create().unwrap();
    let store = knot_store::open(db.url()).await.unwrap();
    let ctx = store.personal_context().await.unwrap();
    let threshold_nan = NewEntry {
        measure: Measure::Threshold {
            trigger_point: "upper-trapezius-1".into(),
            side: knot_store::Side::Right,
            kg_per_cm2: f64::NAN,
        },
        ..pain_in("left-temple")
    };
    let refused = store
        .add_entries(&ctx, &[pain_in("left-temple"), threshold_nan])
        .await;
    assert!(refused.is_err());
    assert!(store
        .entries(&ctx, &EntryFilter::default())
        .await
        .unwrap()
        .is_empty());
}
