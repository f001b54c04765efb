//! Erasing an account: every row of the person goes from every table that had one, another
//! account is untouched, the audit chain still verifies, and the address registers afresh. Run
//! on both backends with the database's URL, to count rows table by table.

use std::sync::Arc;

use chrono::Utc;
use knot_store::{NewSecurityEvent, SecurityEventKind, Store, StoreError, TenantCtx};

use crate::local_ctx::OwnContext;

use crate::fixtures::{at, other_person, pain, plan, screening, session};

const NOTE: &str = "erase-me-zebra-note";
const KEPT: &str = "bo-keeps-this-note";

/// Tables keyed to the person, and to the user.
const PERSON_TABLES: [&str; 6] = [
    "entries",
    "sessions",
    "plans",
    "screenings",
    "live_sessions",
    "person_writes",
];
const USER_TABLES: [&str; 2] = ["web_sessions", "security_events"];

/// Rows of `table` where `column` is `id`, read straight from the database.
async fn count(url: &str, table: &str, column: &str, id: i64) -> i64 {
    let sql = format!("SELECT COUNT(*) FROM {table} WHERE {column} = $1");
    if let Some(path) = url.strip_prefix("sqlite:") {
        let pool = sqlx::SqlitePool::connect(&format!("sqlite://{path}"))
            .await
            .unwrap();
        let n = sqlx::query_scalar(&sql).bind(id).fetch_one(&pool).await;
        pool.close().await;
        n.unwrap()
    } else {
        let pool = sqlx::PgPool::connect(url).await.unwrap();
        let n = sqlx::query_scalar(&sql).bind(id).fetch_one(&pool).await;
        pool.close().await;
        n.unwrap()
    }
}

/// Fills the person's records: entries (one corrected, one deleted, with a note), a session on
/// a plan, a screening, a browser session and a security event.
async fn fill(store: &Arc<dyn Store>, ctx: &TenantCtx, note: &str) {
    let mut noted = pain(at(1, 0), 4);
    noted.note = Some(note.into());
    let first = store.add_entry(ctx, &noted).await.unwrap();
    store
        .correct_entry(ctx, first.id, &pain(at(1, 0), 5))
        .await
        .unwrap();
    let second = store.add_entry(ctx, &noted).await.unwrap();
    store.delete_entry(ctx, second.id).await.unwrap();
    let saved = store.save_plan(ctx, &plan(at(1, 5), 600)).await.unwrap();
    store
        .add_session(ctx, &session(at(1, 10), Some(saved.id)))
        .await
        .unwrap();
    store
        .add_screening(ctx, &screening(at(1, 20), "v1"))
        .await
        .unwrap();
    store
        .create_web_session(&knot_store::WebSession {
            token_hash: format!("token-of-{}", ctx.user_id()),
            user_id: ctx.user_id(),
            csrf_token: "csrf".into(),
            created_at: Utc::now(),
            expires_at: Utc::now() + chrono::Duration::days(1),
        })
        .await
        .unwrap();
    store
        .record_security_event(&NewSecurityEvent {
            kind: SecurityEventKind::SignInFailed,
            at: Utc::now(),
            user_id: Some(ctx.user_id()),
            client: None,
            detail: "wrong password".into(),
        })
        .await
        .unwrap();
}

async fn rows_of(url: &str, ctx: &TenantCtx) -> Vec<(&'static str, i64)> {
    let mut rows = Vec::new();
    for table in PERSON_TABLES {
        rows.push((table, count(url, table, "person_id", ctx.person_id()).await));
    }
    for table in USER_TABLES {
        rows.push((table, count(url, table, "user_id", ctx.user_id()).await));
    }
    rows
}

pub async fn an_erased_account_leaves_no_row_and_its_address_registers_afresh(
    store: Arc<dyn Store>,
    url: String,
) {
    let ana = store
        .create_account("ana@example.com", "Ana Person", "$argon2id$v=19$fake-hash")
        .await
        .unwrap()
        .ctx();
    let bo = other_person(&store, "bo@example.com").await;
    fill(&store, &ana, NOTE).await;
    fill(&store, &bo, KEPT).await;
    // Every table but live_sessions (a guided session in progress, not started here).
    let before = rows_of(&url, &ana).await;
    assert!(
        before.iter().all(|(t, n)| *n > 0 || *t == "live_sessions"),
        "{before:?}"
    );
    let bo_before = rows_of(&url, &bo).await;

    let counts = store.erase_account(&ana).await.unwrap();
    assert_eq!(
        (
            counts.entries,
            counts.sessions,
            counts.plans,
            counts.screenings
        ),
        (3, 1, 1, 1),
        "{counts:?}"
    );
    assert!(!counts.kept_as_author);
    for (table, n) in rows_of(&url, &ana).await {
        assert_eq!(n, 0, "{table} keeps rows of the erased person");
    }
    assert_eq!(
        rows_of(&url, &bo).await,
        bo_before,
        "another account is untouched"
    );
    // The correction; the corrected and the deleted entry are in the full history only.
    assert_eq!(
        store.entries(&bo, &Default::default()).await.unwrap().len(),
        1
    );

    let report = store.verify_audit_chain(None).await.unwrap();
    assert!(report.is_whole(), "{report:?}");
    let audit = store.audit_log(&ana, 5).await.unwrap();
    assert_eq!(audit[0].action, "erase", "{audit:?}");

    assert_eq!(
        store.account_by_email("ana@example.com").await.unwrap(),
        None
    );
    assert_eq!(store.account_by_id(ana.user_id()).await.unwrap(), None);
    match store.erase_account(&ana).await {
        Err(StoreError::NotFound { .. }) => {}
        other => panic!("a second erase gave {other:?}"),
    }
    let again = store
        .create_account("ANA@example.com", "Ana again", "$argon2id$v=19$fake-hash")
        .await
        .unwrap()
        .ctx();
    assert_ne!(again.person_id(), ana.person_id());
    assert!(store
        .entries(&again, &Default::default())
        .await
        .unwrap()
        .is_empty());
    assert!(store.verify_audit_chain(None).await.unwrap().is_whole());
}

pub async fn current_staff_are_refused_and_former_staff_stay_as_authors(
    store: Arc<dyn Store>,
    url: String,
) {
    let fixture = crate::fixtures::clinic_with_client(&store).await;
    let therapist = store
        .account_by_email("rmt@clinic.example")
        .await
        .unwrap()
        .unwrap();
    let own = therapist.ctx();
    store.add_entry(&own, &pain(at(2, 0), 3)).await.unwrap();
    match store.erase_account(&own).await {
        Err(StoreError::Conflict(message)) => {
            assert!(message.contains("Knot Clinic"), "{message}");
            assert!(message.contains("remove you from the staff"), "{message}");
        }
        other => panic!("erasing a current therapist gave {other:?}"),
    }
    assert_eq!(
        store
            .entries(&own, &Default::default())
            .await
            .unwrap()
            .len(),
        1
    );

    store
        .clinic()
        .remove_staff(&fixture.admin, therapist.user_id)
        .await
        .unwrap();
    let counts = store.erase_account(&own).await.unwrap();
    assert!(counts.kept_as_author);
    assert_eq!(counts.entries, 1);
    // The clinic's visit, written by the therapist, stays with the clinic.
    assert_eq!(
        count(&url, "visits", "therapist_id", therapist.user_id).await,
        1
    );
    assert_eq!(
        count(&url, "entries", "person_id", own.person_id()).await,
        0
    );
    assert!(store.verify_audit_chain(None).await.unwrap().is_whole());
}

#[tokio::test]
async fn erase_sqlite() {
    for check in [0, 1] {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite:{}", dir.path().join("knot.db").display());
        let store = knot_store::open(&url).await.unwrap();
        run(check, store.clone(), url).await;
        // The erased note's bytes are gone from the file and its write-ahead log; the other
        // person's note is still there (the search would find it).
        if check == 0 {
            let mut bytes = std::fs::read(dir.path().join("knot.db")).unwrap();
            bytes.extend(std::fs::read(dir.path().join("knot.db-wal")).unwrap_or_default());
            let holds = |text: &str| bytes.windows(text.len()).any(|w| w == text.as_bytes());
            assert!(!holds(NOTE), "the erased note is still in the file");
            assert!(holds(KEPT));
        }
        drop(store);
    }
}

#[tokio::test]
async fn erase_postgres() {
    for check in [0, 1] {
        let db = knot_store::testing::TempDatabase::create().unwrap();
        let store = knot_store::open(db.url()).await.unwrap();
        run(check, store, db.url().to_string()).await;
    }
}

async fn run(check: u8, store: Arc<dyn Store>, url: String) {
    if check == 0 {
        an_erased_account_leaves_no_row_and_its_address_registers_afresh(store, url).await;
    } else {
        current_staff_are_refused_and_former_staff_stay_as_authors(store, url).await;
    }
}
