//! PostgreSQL lets writes run side by side where SQLite took them one at a time, so every
//! check-then-write must hold under a race. Many writers at once (32 tasks, spread over two
//! stores on one database as two app servers would be) on the same person, the same entry, the
//! same plan and the same e-mail address; afterwards the invariants are whole: every entry
//! stored once with its audit row, one winner per correction or deletion (the rest told
//! `Conflict`), one active plan, one account per address, one local user.

// Helpers outside #[test] functions unwrap too: in a test, a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

mod local_ctx;
use local_ctx::LocalContext;

use std::collections::BTreeSet;
use std::sync::Arc;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use knot_store::testing::TempDatabase;
use knot_store::{Measure, NewEntry, NewPlan, Store, StoreError, TenantCtx};
use sqlx::postgres::PgConnectOptions;
use sqlx::{ConnectOptions, Connection};

/// Writers racing in each test.
const WRITERS: usize = 32;

/// Two stores on one fresh database, as two app servers would have.
struct Servers {
    db: TempDatabase,
    stores: [Arc<dyn Store>; 2],
}

impl Servers {
    async fn start() -> Servers {
        let db = TempDatabase::create().unwrap();
        let first = knot_store::open(db.url()).await.unwrap();
        let second = knot_store::open(db.url()).await.unwrap();
        Servers {
            db,
            stores: [first, second],
        }
    }

    /// The store writer `n` uses: the two alternate.
    fn store(&self, n: usize) -> Arc<dyn Store> {
        Arc::clone(&self.stores[n % 2])
    }

    /// One number the database answers, read on a connection of its own.
    async fn count(&self, sql: &str) -> i64 {
        let mut conn = self
            .db
            .url()
            .parse::<PgConnectOptions>()
            .unwrap()
            .connect()
            .await
            .unwrap();
        let count = sqlx::query_scalar(sql).fetch_one(&mut conn).await.unwrap();
        conn.close().await.unwrap();
        count
    }
}

fn pain(seq: usize) -> NewEntry {
    NewEntry {
        recorded_at: Utc.with_ymd_and_hms(2025, 3, 1, 8, 0, 0).unwrap()
            + Duration::seconds(seq as i64),
        measure: Measure::Pain {
            score: (seq % 11) as u8,
            region: None,
        },
        note: Some(format!("writer {seq}")),
    }
}

fn plan(seq: usize) -> NewPlan {
    NewPlan {
        created_at: Utc.with_ymd_and_hms(2025, 3, 1, 8, 0, 0).unwrap(),
        items: vec![],
        sittings_per_day: 1,
        daily_pressure_cap_seconds: 300 + seq as u32,
        reassess_on: NaiveDate::from_ymd_opt(2025, 4, 1).unwrap(),
        notes: vec![format!("plan {seq}")],
    }
}

/// Runs `WRITERS` calls at once, writer `n` calling `call(store, n)`, and gives their results
/// in writer order.
async fn race<T, F, Fut>(servers: &Servers, call: F) -> Vec<Result<T, StoreError>>
where
    T: Send + 'static,
    F: Fn(Arc<dyn Store>, usize) -> Fut,
    Fut: std::future::Future<Output = Result<T, StoreError>> + Send + 'static,
{
    let barrier = Arc::new(tokio::sync::Barrier::new(WRITERS));
    let tasks: Vec<_> = (0..WRITERS)
        .map(|n| {
            let call = call(servers.store(n), n);
            let barrier = Arc::clone(&barrier);
            tokio::spawn(async move {
                barrier.wait().await;
                call.await
            })
        })
        .collect();
    let mut results = Vec::with_capacity(WRITERS);
    for task in tasks {
        results.push(task.await.unwrap());
    }
    results
}

/// The one success among `results`; every other result must be `Conflict`.
fn one_winner<T: std::fmt::Debug>(results: Vec<Result<T, StoreError>>) -> T {
    let mut winners = Vec::new();
    for result in results {
        match result {
            Ok(won) => winners.push(won),
            Err(StoreError::Conflict(_)) => {}
            Err(other) => panic!("a losing writer was told {other:?}, not Conflict"),
        }
    }
    assert_eq!(winners.len(), 1, "exactly one winner: {winners:?}");
    winners.pop().unwrap()
}

async fn personal(servers: &Servers) -> TenantCtx {
    servers.stores[0].personal_context().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn writers_adding_entries_at_once_store_each_once_with_its_audit_row() {
    let servers = Servers::start().await;
    let ctx = personal(&servers).await;
    let per_writer = 8;
    let results = race(&servers, |store, n| async move {
        let mut ids = Vec::new();
        for round in 0..per_writer {
            let seq = n * per_writer + round;
            // Every other call stores two entries in one transaction.
            let batch = if round % 2 == 0 {
                vec![pain(seq)]
            } else {
                vec![pain(seq), pain(seq + 10_000)]
            };
            let stored = store.add_entries(&ctx, &batch).await?;
            assert_eq!(stored.len(), batch.len());
            ids.extend(stored.into_iter().map(|entry| entry.id));
        }
        Ok(ids)
    })
    .await;
    let ids: Vec<i64> = results.into_iter().flat_map(Result::unwrap).collect();
    let expected = WRITERS * per_writer * 3 / 2;
    assert_eq!(ids.len(), expected);
    assert_eq!(
        ids.iter().collect::<BTreeSet<_>>().len(),
        expected,
        "ids unique"
    );
    assert_eq!(
        servers.count("SELECT COUNT(*) FROM entries").await,
        expected as i64
    );
    assert_eq!(
        servers
            .count("SELECT COUNT(*) FROM audit_log WHERE action = 'create' AND record = 'entry'")
            .await,
        expected as i64,
        "one audit row per write"
    );
    let listed = servers.stores[1]
        .entries(&ctx, &knot_store::EntryFilter::default())
        .await
        .unwrap();
    assert_eq!(listed.len(), expected);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn racing_corrections_of_one_entry_let_exactly_one_win() {
    let servers = Servers::start().await;
    let ctx = personal(&servers).await;
    for round in 0..3 {
        let entry = servers.stores[0]
            .add_entry(&ctx, &pain(round))
            .await
            .unwrap();
        let results = race(&servers, |store, n| async move {
            store.correct_entry(&ctx, entry.id, &pain(100 + n)).await
        })
        .await;
        let winner = one_winner(results);
        assert_eq!(winner.corrects, Some(entry.id));
        let original = servers.stores[1].entry(&ctx, entry.id).await.unwrap();
        assert_eq!(original.superseded_by, Some(winner.id));
    }
    assert_eq!(servers.count("SELECT COUNT(*) FROM entries").await, 6);
    assert_eq!(
        servers
            .count("SELECT COUNT(*) FROM audit_log WHERE action = 'correct'")
            .await,
        3,
        "only the winners are audited"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn racing_corrections_and_deletions_of_one_entry_let_exactly_one_win() {
    let servers = Servers::start().await;
    let ctx = personal(&servers).await;
    for round in 0..3 {
        let entry = servers.stores[0]
            .add_entry(&ctx, &pain(round))
            .await
            .unwrap();
        let results = race(&servers, |store, n| async move {
            if n % 2 == 0 {
                store.delete_entry(&ctx, entry.id).await
            } else {
                store.correct_entry(&ctx, entry.id, &pain(100 + n)).await
            }
        })
        .await;
        let winner = one_winner(results);
        let original = servers.stores[1].entry(&ctx, entry.id).await.unwrap();
        if winner.id == entry.id {
            assert!(original.deleted_at.is_some() && original.superseded_by.is_none());
        } else {
            assert_eq!(
                (original.superseded_by, original.deleted_at),
                (Some(winner.id), None)
            );
        }
    }
    assert_eq!(
        servers
            .count("SELECT COUNT(*) FROM audit_log WHERE action IN ('correct', 'delete')")
            .await,
        3
    );
    assert_eq!(
        servers
            .count("SELECT COUNT(*) FROM entries WHERE superseded_by IS NOT NULL AND deleted_at IS NOT NULL")
            .await,
        0,
        "no entry both corrected and deleted"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn racing_plan_saves_leave_exactly_one_active_plan() {
    let servers = Servers::start().await;
    let ctx = personal(&servers).await;
    servers.stores[0].save_plan(&ctx, &plan(0)).await.unwrap();
    let results = race(&servers, |store, n| async move {
        store.save_plan(&ctx, &plan(n + 1)).await
    })
    .await;
    let saved: Vec<_> = results.into_iter().map(Result::unwrap).collect();
    assert!(saved.iter().all(|plan| plan.active));
    assert_eq!(
        servers
            .count("SELECT COUNT(*) FROM plans WHERE active")
            .await,
        1
    );
    assert_eq!(
        servers.count("SELECT COUNT(*) FROM plans").await,
        WRITERS as i64 + 1
    );
    let active = servers.stores[1].active_plan(&ctx).await.unwrap().unwrap();
    let last = saved.iter().map(|plan| plan.id).max().unwrap();
    assert_eq!(active.id, last, "the plan saved last is the active one");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn racing_sign_ups_with_one_address_in_any_case_make_one_account() {
    let servers = Servers::start().await;
    let results = race(&servers, |store, n| async move {
        let email = match n % 4 {
            0 => "ana@example.org".to_string(),
            1 => "Ana@Example.org".to_string(),
            2 => " ANA@EXAMPLE.ORG ".to_string(),
            _ => format!("aNa@example.ORG{}", " ".repeat(n % 3)),
        };
        store
            .create_account(&email, &format!("Ana {n}"), "$argon2id$fake")
            .await
    })
    .await;
    let account = one_winner(results);
    assert_eq!(
        servers.stores[1]
            .account_by_email("ana@example.org")
            .await
            .unwrap(),
        Some(account)
    );
    assert_eq!(servers.count("SELECT COUNT(*) FROM users").await, 1);
    assert_eq!(
        servers.count("SELECT COUNT(*) FROM clinics").await
            + servers.count("SELECT COUNT(*) FROM people").await,
        2,
        "the losers' clinics and people were rolled back"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn racing_first_uses_create_one_local_user() {
    let servers = Servers::start().await;
    let results = race(
        &servers,
        |store, _| async move { store.local_principal().await },
    )
    .await;
    let principals: BTreeSet<_> = results
        .into_iter()
        .map(|result| {
            let local = result.unwrap();
            (local.clinic_id, local.user_id, local.person_id)
        })
        .collect();
    assert_eq!(principals.len(), 1, "every caller got the same user");
    assert_eq!(
        servers
            .count("SELECT COUNT(*) FROM users WHERE local_cli")
            .await,
        1
    );
    assert_eq!(servers.count("SELECT COUNT(*) FROM clinics").await, 1);
    assert_eq!(
        servers
            .count("SELECT COUNT(*) FROM audit_log WHERE record = 'account'")
            .await,
        1
    );
}
