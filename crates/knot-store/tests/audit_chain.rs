//! The audit log's hash chain, on both backends: audited writes and reads verify whole, clinic
//! by clinic; a row altered, removed from the middle or removed from the end with raw SQL is
//! found and named; rows from before the chain are chained when the store opens, while a row
//! slipped in around Knot afterwards is reported, not sealed in; and on PostgreSQL 32 writers
//! appending to one clinic at once leave one chain, without a fork or a repeated place.

// Helpers outside #[test] functions unwrap too: in a test, a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

#[allow(dead_code)] // the contract's fixtures; this suite uses some of them
#[path = "contract/fixtures.rs"]
mod fixtures;
mod local_ctx;

use std::sync::Arc;

use fixtures::{at, other_person, pain, plan};
use knot_store::testing::TempDatabase;
use knot_store::{ChainProblem, ChainReport, EntryFilter, Store, StoreError, TenantCtx};
use local_ctx::LocalContext;
use sqlx::postgres::PgConnectOptions;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};

/// A database of either backend, kept until the test ends.
enum Db {
    Sqlite(#[allow(dead_code)] tempfile::TempDir, String),
    Postgres(TempDatabase),
}

impl Db {
    fn sqlite() -> Db {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite:{}", dir.path().join("knot.db").display());
        Db::Sqlite(dir, url)
    }

    fn postgres() -> Db {
        Db::Postgres(TempDatabase::create().unwrap())
    }

    fn url(&self) -> &str {
        match self {
            Db::Sqlite(_, url) => url,
            Db::Postgres(db) => db.url(),
        }
    }

    async fn open(&self) -> Arc<dyn Store> {
        knot_store::open(self.url()).await.unwrap()
    }

    /// Runs `sql` on a connection of its own, around the store, as someone with the database's
    /// password could.
    async fn raw(&self, sql: &str) {
        match self {
            Db::Sqlite(_, url) => {
                let path = url.strip_prefix("sqlite:").unwrap();
                let mut conn = SqliteConnectOptions::new()
                    .filename(path)
                    .connect()
                    .await
                    .unwrap();
                sqlx::raw_sql(sql).execute(&mut conn).await.unwrap();
                conn.close().await.unwrap();
            }
            Db::Postgres(db) => {
                let mut conn = db
                    .url()
                    .parse::<PgConnectOptions>()
                    .unwrap()
                    .connect()
                    .await
                    .unwrap();
                sqlx::raw_sql(sql).execute(&mut conn).await.unwrap();
                conn.close().await.unwrap();
            }
        }
    }

    /// One number the database answers.
    async fn number(&self, sql: &str) -> i64 {
        match self {
            Db::Sqlite(_, url) => {
                let path = url.strip_prefix("sqlite:").unwrap();
                let mut conn = SqliteConnectOptions::new()
                    .filename(path)
                    .connect()
                    .await
                    .unwrap();
                sqlx::query_scalar(sql).fetch_one(&mut conn).await.unwrap()
            }
            Db::Postgres(db) => {
                let mut conn = db
                    .url()
                    .parse::<PgConnectOptions>()
                    .unwrap()
                    .connect()
                    .await
                    .unwrap();
                sqlx::query_scalar(sql).fetch_one(&mut conn).await.unwrap()
            }
        }
    }
}

/// Writes and reads of two people in two clinics: the local user's and an account's.
async fn fill(store: &Arc<dyn Store>) -> (TenantCtx, TenantCtx) {
    let local = store.personal_context().await.unwrap();
    for minute in 0..4 {
        let entry = store
            .add_entry(&local, &pain(at(1, minute), 5))
            .await
            .unwrap();
        store.entry(&local, entry.id).await.unwrap();
    }
    store.save_plan(&local, &plan(at(2, 0), 600)).await.unwrap();
    store
        .entries(&local, &EntryFilter::default())
        .await
        .unwrap();
    store
        .report_records(&local, &EntryFilter::default(), None)
        .await
        .unwrap();
    let other = other_person(store, "other@example.org").await;
    store.add_entry(&other, &pain(at(3, 0), 2)).await.unwrap();
    (local, other)
}

fn whole(report: &ChainReport) {
    assert!(report.is_whole(), "{:?}", report.broken);
}

async fn whole_after_audited_writes_and_reads(db: Db) {
    let store = db.open().await;
    let (local, other) = fill(&store).await;
    let report = store.verify_audit_chain(None).await.unwrap();
    whole(&report);
    let rows = db.number("SELECT COUNT(*) FROM audit_log").await;
    assert_eq!(report.rows, rows as u64, "every row is walked");
    assert_eq!(report.clinics, 2);

    let mine = store
        .verify_audit_chain(Some(local.clinic_id()))
        .await
        .unwrap();
    whole(&mine);
    assert_eq!(mine.clinics, 1);
    let theirs = store
        .verify_audit_chain(Some(other.clinic_id()))
        .await
        .unwrap();
    assert_eq!(mine.rows + theirs.rows, report.rows);
    let places = db
        .number(&format!(
            "SELECT MAX(chain_seq) FROM audit_log WHERE clinic_id = {}",
            local.clinic_id()
        ))
        .await;
    assert_eq!(
        places as u64, mine.rows,
        "places run 1, 2, 3, … without a gap"
    );

    let err = store.verify_audit_chain(Some(987_654)).await.unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::NotFound {
                record: "clinic",
                id: 987_654
            }
        ),
        "{err}"
    );
}

/// The id of the audit row at `seq` in the local user's clinic.
async fn row_at(db: &Db, ctx: &TenantCtx, seq: i64) -> i64 {
    db.number(&format!(
        "SELECT id FROM audit_log WHERE clinic_id = {} AND chain_seq = {seq}",
        ctx.clinic_id()
    ))
    .await
}

async fn an_altered_row_is_named(db: Db) {
    let store = db.open().await;
    let (local, _) = fill(&store).await;
    let id = row_at(&db, &local, 3).await;
    db.raw(&format!(
        "UPDATE audit_log SET action = 'forged-' || action WHERE id = {id}"
    ))
    .await;
    let broken = store
        .verify_audit_chain(None)
        .await
        .unwrap()
        .broken
        .unwrap();
    assert_eq!(
        (
            broken.clinic_id,
            broken.seq,
            broken.audit_id,
            broken.problem.clone()
        ),
        (local.clinic_id(), Some(3), Some(id), ChainProblem::Altered)
    );
    assert!(broken.to_string().contains("altered"), "{broken}");

    // Put back, the chain is whole again; a changed time is found the same way.
    db.raw(&format!(
        "UPDATE audit_log SET action = substr(action, 8) WHERE id = {id}"
    ))
    .await;
    whole(&store.verify_audit_chain(None).await.unwrap());
    let later = row_at(&db, &local, 5).await;
    db.raw(&format!(
        "UPDATE audit_log SET at = '2020-01-01T00:00:00.000000000Z' WHERE id = {later}"
    ))
    .await;
    let broken = store
        .verify_audit_chain(None)
        .await
        .unwrap()
        .broken
        .unwrap();
    assert_eq!(
        (broken.audit_id, broken.problem),
        (Some(later), ChainProblem::Altered)
    );
}

async fn a_row_removed_from_the_middle_is_named_as_a_gap(db: Db) {
    let store = db.open().await;
    let (local, _) = fill(&store).await;
    let gone = row_at(&db, &local, 4).await;
    let next = row_at(&db, &local, 5).await;
    db.raw(&format!("DELETE FROM audit_log WHERE id = {gone}"))
        .await;
    let broken = store
        .verify_audit_chain(None)
        .await
        .unwrap()
        .broken
        .unwrap();
    assert_eq!(
        (broken.seq, broken.audit_id, broken.problem.clone()),
        (
            Some(5),
            Some(next),
            ChainProblem::Missing { from: 4, to: 4 }
        )
    );
    assert!(broken.to_string().contains("missing before it"), "{broken}");
}

async fn a_row_removed_from_the_end_is_detected(db: Db) {
    let store = db.open().await;
    let (local, _) = fill(&store).await;
    let last = db
        .number(&format!(
            "SELECT MAX(chain_seq) FROM audit_log WHERE clinic_id = {}",
            local.clinic_id()
        ))
        .await;
    let id = row_at(&db, &local, last).await;
    db.raw(&format!("DELETE FROM audit_log WHERE id = {id}"))
        .await;
    let broken = store
        .verify_audit_chain(Some(local.clinic_id()))
        .await
        .unwrap()
        .broken
        .unwrap();
    assert_eq!(
        broken.problem,
        ChainProblem::HeadAhead {
            head_seq: last,
            last_seq: last - 1
        }
    );
    assert!(
        broken.to_string().contains("removed from the end"),
        "{broken}"
    );
}

async fn rows_from_before_the_chain_are_chained_on_open_and_later_strays_reported(db: Db) {
    let store = db.open().await;
    let (local, _) = fill(&store).await;
    drop(store);
    // As a database migrated from before the chain holds its rows.
    db.raw(
        "UPDATE audit_log SET chain_seq = NULL, prev_hash = NULL, row_hash = NULL;
         DELETE FROM audit_heads;",
    )
    .await;
    let store = db.open().await;
    let report = store.verify_audit_chain(None).await.unwrap();
    whole(&report);
    assert_eq!(
        report.rows,
        db.number("SELECT COUNT(*) FROM audit_log").await as u64
    );
    drop(store);

    // A row written around Knot once the chain exists is never sealed in by opening.
    db.raw(&format!(
        "INSERT INTO audit_log (at, clinic_id, user_id, person_id, action, record)
         VALUES ('2026-12-06T00:00:00.000000000Z', {}, {}, {}, 'read', 'entry')",
        local.clinic_id(),
        local.user_id(),
        local.person_id()
    ))
    .await;
    let store = db.open().await;
    store.add_entry(&local, &pain(at(4, 0), 1)).await.unwrap();
    let broken = store
        .verify_audit_chain(None)
        .await
        .unwrap()
        .broken
        .unwrap();
    assert_eq!(broken.problem, ChainProblem::Unchained { count: 1 });
}

/// Runs each check on a fresh SQLite file and on a fresh PostgreSQL database.
macro_rules! on_both {
    ($($check:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $check() {
                    super::$check(super::Db::sqlite()).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $check() {
                    super::$check(super::Db::postgres()).await;
                }
            )*
        }
    };
}

on_both! {
    whole_after_audited_writes_and_reads,
    an_altered_row_is_named,
    a_row_removed_from_the_middle_is_named_as_a_gap,
    a_row_removed_from_the_end_is_detected,
    rows_from_before_the_chain_are_chained_on_open_and_later_strays_reported,
}

/// Writers appending to one clinic at once, over two stores as two app servers would.
const WRITERS: usize = 32;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn writers_racing_in_one_clinic_on_postgresql_leave_one_whole_chain() {
    let db = Db::postgres();
    let stores = [db.open().await, db.open().await];
    let ctx = stores[0].personal_context().await.unwrap();
    let mut tasks = Vec::new();
    for writer in 0..WRITERS {
        let store = Arc::clone(&stores[writer % 2]);
        tasks.push(tokio::spawn(async move {
            for round in 0..3 {
                let entry = store
                    .add_entry(&ctx, &pain(at(1, (writer * 10 + round) as i64), 4))
                    .await
                    .unwrap();
                store.entry(&ctx, entry.id).await.unwrap();
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let report = stores[0].verify_audit_chain(None).await.unwrap();
    whole(&report);
    let rows = db.number("SELECT COUNT(*) FROM audit_log").await;
    assert_eq!(report.rows, rows as u64);
    assert!(rows >= (WRITERS * 6) as i64, "{rows} rows");
    let places = db
        .number("SELECT COUNT(DISTINCT chain_seq) FROM audit_log")
        .await;
    assert_eq!(places, rows, "no place taken twice");
}
