//! Moving records between databases: a whole database copied SQLite → PostgreSQL → SQLite reads
//! back row for row (audit rows, accounts and signing keys included) and keeps working; a
//! person's export imports into a fresh database of the other backend; a newer, cut, altered or
//! conflicting file is refused and changes nothing; and every table of both schemas is either
//! carried or skipped on purpose.

// Helpers outside #[test] functions unwrap too: in a test, a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

#[allow(dead_code)] // the contract's fixtures; this suite uses some of them
#[path = "contract/fixtures.rs"]
mod fixtures;
mod local_ctx;

use std::collections::BTreeSet;
use std::sync::Arc;

use chrono::Duration;
use fixtures::{at, every_measure, pain, plan, screening, session};
use knot_store::testing::TempDatabase;
use knot_store::transfer::{self, Scope, Target, SKIPPED, TABLES};
use knot_store::{NewSecurityEvent, SecurityEventKind, Store, StoreError, TenantCtx, WebSession};
use local_ctx::{LocalContext, OwnContext};

fn sqlite_url(dir: &tempfile::TempDir, name: &str) -> String {
    format!("sqlite:{}", dir.path().join(name).display())
}

/// A database with something in every carried table: the local person's diary (with a
/// correction and a deletion), a plan, a session, a screening; a web account with a browser
/// session and a security event; a signing key; and the audit rows all that wrote.
async fn fill(store: &Arc<dyn Store>) -> TenantCtx {
    let local = store.personal_context().await.unwrap();
    store
        .add_screening(&local, &screening(at(1, 0), "v1"))
        .await
        .unwrap();
    let entries = store
        .add_entries(&local, &every_measure(at(2, 0)))
        .await
        .unwrap();
    store
        .correct_entry(&local, entries[0].id, &pain(at(2, 5), 3))
        .await
        .unwrap();
    store.delete_entry(&local, entries[1].id).await.unwrap();
    let saved = store.save_plan(&local, &plan(at(3, 0), 600)).await.unwrap();
    store
        .add_session(&local, &session(at(4, 0), Some(saved.id)))
        .await
        .unwrap();
    store.entries(&local, &Default::default()).await.unwrap();

    let account = store
        .create_account("Ada@Example.org", "Ada", "$argon2id$v=19$fake-hash")
        .await
        .unwrap();
    let ada = account.ctx();
    store.add_entry(&ada, &pain(at(5, 0), 6)).await.unwrap();
    store
        .create_web_session(&WebSession {
            token_hash: "token-hash-1".into(),
            user_id: account.user_id,
            csrf_token: "csrf-1".into(),
            created_at: at(5, 0),
            expires_at: at(5, 0) + Duration::days(30),
        })
        .await
        .unwrap();
    store
        .record_security_event(&NewSecurityEvent {
            kind: SecurityEventKind::SignInFailed,
            at: at(5, 1),
            user_id: Some(account.user_id),
            client: Some("127.0.0.1".into()),
            detail: "wrong password".into(),
        })
        .await
        .unwrap();
    store
        .server_key("session", &[0, 1, 2, 254, 255])
        .await
        .unwrap();
    // Two-factor sign-in, one recovery code used: a restored copy must still sign Ada in.
    let recovery: Vec<String> = (0..3).map(|i| format!("recovery-digest-{i}")).collect();
    store
        .enable_two_factor(account.user_id, "JBSWY3DPEHPK3PXP", 42, &recovery, at(5, 2))
        .await
        .unwrap();
    assert!(store
        .use_recovery_code(account.user_id, "recovery-digest-1", at(5, 3))
        .await
        .unwrap());
    fill_clinic(store).await;
    ada
}

/// A practice's records: staff, an invitation, a client with a therapist, withdrawn consent,
/// and a signed visit with a finding, a treatment and an addendum.
async fn fill_clinic(store: &Arc<dyn Store>) {
    let ours = fixtures::clinic_with_client(store).await;
    let (clinic, ctx, visit) = (store.clinic(), &ours.treating, ours.visit.id);
    let consent = clinic
        .add_consent(
            ctx,
            &knot_store::clinic_records::NewConsent {
                kind: "general".into(),
                given_by: "Cleo Client".into(),
                given_at: at(10, 0),
            },
        )
        .await
        .unwrap();
    clinic
        .withdraw_consent(ctx, consent.id, at(10, 5), "changed her mind")
        .await
        .unwrap();
    clinic
        .add_finding(ctx, visit, &fixtures::finding(Some(250)))
        .await
        .unwrap();
    clinic
        .add_treatment(ctx, visit, &fixtures::treatment("softened"))
        .await
        .unwrap();
    clinic
        .sign_visit(ctx, visit, at(10, 30), fixtures::seal())
        .await
        .unwrap();
    clinic
        .add_addendum(ctx, visit, at(11, 0), "called back")
        .await
        .unwrap();
}

async fn export_text(target: &Target, scope: Scope) -> String {
    let mut out = Vec::new();
    transfer::export(target, scope, &mut out).await.unwrap();
    String::from_utf8(out).unwrap()
}

/// The row lines of an export (header and trailer left out: they name times and scopes).
fn rows_of(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    lines[1..lines.len() - 1]
        .iter()
        .map(|line| line.to_string())
        .collect()
}

#[tokio::test]
async fn a_database_copied_to_postgresql_and_back_reads_back_row_for_row() {
    let dir = tempfile::tempdir().unwrap();
    let first = sqlite_url(&dir, "first.db");
    let store = knot_store::open(&first).await.unwrap();
    fill(&store).await;
    drop(store);
    let pg = TempDatabase::create().unwrap();
    let last = sqlite_url(&dir, "last.db");

    let source = Target::open(&first).await.unwrap();
    let middle = Target::open(pg.url()).await.unwrap();
    let end = Target::open(&last).await.unwrap();
    let there = transfer::copy(&source, &middle).await.unwrap();
    let back = transfer::copy(&middle, &end).await.unwrap();
    assert_eq!(there, back);
    // The audit chain travels as it is, hashes untouched, and verifies whole at each stop.
    for url in [pg.url(), last.as_str()] {
        let copied = knot_store::open(url).await.unwrap();
        let report = copied.verify_audit_chain(None).await.unwrap();
        assert!(report.is_whole(), "{url}: {:?}", report.broken);
        assert_eq!(
            report.clinics, there.counts["audit_heads"],
            "every clinic's chain came across"
        );
    }
    for table in TABLES {
        assert!(
            there.counts.get(table.name).copied().unwrap_or(0) > 0,
            "the filled database has no {} rows, so the copy proves nothing for them",
            table.name
        );
    }
    let original = rows_of(&export_text(&source, Scope::Database).await);
    assert_eq!(
        rows_of(&export_text(&middle, Scope::Database).await),
        original
    );
    assert_eq!(rows_of(&export_text(&end, Scope::Database).await), original);

    // The copy is a working database: the account signs in, new ids follow the copied ones.
    middle.close().await;
    let copied = knot_store::open(pg.url()).await.unwrap();
    let ada = copied
        .account_by_email("ada@example.org")
        .await
        .unwrap()
        .unwrap();
    let added = copied
        .add_entry(&ada.ctx(), &pain(at(9, 0), 2))
        .await
        .unwrap();
    let max_copied = original
        .iter()
        .filter(|line| line.contains("\"table\":\"entries\""))
        .count() as i64;
    assert!(
        added.id > max_copied,
        "new id {} reuses a copied one",
        added.id
    );
    assert!(copied
        .web_session("token-hash-1", at(6, 0))
        .await
        .unwrap()
        .is_some());
}

#[tokio::test]
async fn a_copy_into_a_database_that_holds_records_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let from = sqlite_url(&dir, "from.db");
    let into = sqlite_url(&dir, "into.db");
    fill(&knot_store::open(&from).await.unwrap()).await;
    let used = knot_store::open(&into).await.unwrap();
    used.add_entry(&used.personal_context().await.unwrap(), &pain(at(1, 0), 1))
        .await
        .unwrap();
    drop(used);
    let target = Target::open(&into).await.unwrap();
    let before = export_text(&target, Scope::Database).await;
    let err = transfer::copy(&Target::open(&from).await.unwrap(), &target)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Conflict(m) if m.contains("empty")),
        "{err}"
    );
    assert_eq!(
        rows_of(&export_text(&target, Scope::Database).await),
        rows_of(&before)
    );
}

#[tokio::test]
async fn a_persons_export_imports_into_the_other_backend_once() {
    let dir = tempfile::tempdir().unwrap();
    let url = sqlite_url(&dir, "source.db");
    let store = knot_store::open(&url).await.unwrap();
    let ada = fill(&store).await;
    let source = Target::open(&url).await.unwrap();
    let text = export_text(
        &source,
        Scope::Person {
            person_id: ada.person_id(),
        },
    )
    .await;
    // Nothing of the local person, no browser session, no signing key.
    assert!(!text.contains("token-hash-1") && !text.contains("\"server_keys\""));
    assert!(!text.contains("Slept badly"));
    let exported = store.audit_log(&ada, 1).await.unwrap();
    assert_eq!(
        (exported[0].action.as_str(), exported[0].record.as_str()),
        ("export", "person"),
        "the export left no audit row"
    );

    let pg = TempDatabase::create().unwrap();
    let target = Target::open(pg.url()).await.unwrap();
    let report = transfer::import(&target, &text, false).await.unwrap();
    assert_eq!(report.written, rows_of(&text).len() as u64);
    // Importing the same file again finds every row there unchanged and writes nothing.
    assert_eq!(
        transfer::import(&target, &text, false)
            .await
            .unwrap()
            .written,
        0
    );
    let again = export_text(
        &target,
        Scope::Person {
            person_id: ada.person_id(),
        },
    )
    .await;
    assert_eq!(rows_of(&again), rows_of(&text));
    // A person's export carries no chain (most of their clinic's rows stay behind); the
    // target chained their audit rows as it wrote them.
    assert!(!text.contains("\"audit_heads\"") && text.contains("\"row_hash\":null"));
    let imported = knot_store::open(pg.url()).await.unwrap();
    let report = imported.verify_audit_chain(None).await.unwrap();
    assert!(report.is_whole(), "{:?}", report.broken);
}

#[tokio::test]
async fn newer_cut_altered_or_conflicting_files_are_refused_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let url = sqlite_url(&dir, "source.db");
    fill(&knot_store::open(&url).await.unwrap()).await;
    let text = export_text(&Target::open(&url).await.unwrap(), Scope::Database).await;

    let into = sqlite_url(&dir, "into.db");
    let other = knot_store::open(&into).await.unwrap();
    let mine = other.personal_context().await.unwrap();
    other.add_entry(&mine, &pain(at(1, 0), 9)).await.unwrap();
    drop(other);
    let target = Target::open(&into).await.unwrap();
    let before = export_text(&target, Scope::Database).await;

    let newer = text.replacen("\"version\":1", "\"version\":99", 1);
    let cut: String = text
        .lines()
        .take(5)
        .map(|line| format!("{line}\n"))
        .collect();
    let altered = text.replacen("remark 0", "remark X", 1);
    let refusals = [
        (newer.as_str(), "upgrade Knot"),
        (cut.as_str(), "cut short"),
        (altered.as_str(), "altered"),
        ("not json\n", "not a Knot export"),
        // The local person's entry 1 exists here with other content.
        (text.as_str(), "different content"),
    ];
    for (file, says) in refusals {
        let err = transfer::import(&target, file, false).await.unwrap_err();
        assert!(
            err.to_string().contains(says),
            "expected {says:?} in: {err}"
        );
        assert_eq!(
            rows_of(&export_text(&target, Scope::Database).await),
            rows_of(&before),
            "a refused import ({says}) changed the database"
        );
    }
}

/// Every table and column of both migrated schemas is carried or skipped with a reason.
#[tokio::test]
async fn every_table_of_both_schemas_is_carried_or_deliberately_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let sqlite = Target::open(&sqlite_url(&dir, "schema.db")).await.unwrap();
    let pg = TempDatabase::create().unwrap();
    let postgres = Target::open(pg.url()).await.unwrap();
    let carried: BTreeSet<String> = TABLES
        .iter()
        .flat_map(|table| {
            table
                .columns
                .iter()
                .map(|(column, _)| format!("{}.{column}", table.name))
        })
        .collect();
    let skipped: BTreeSet<&str> = SKIPPED.iter().map(|(table, _)| *table).collect();
    let columns = |rows: Vec<(String, String)>| -> BTreeSet<String> {
        rows.into_iter()
            .filter(|(table, _)| !skipped.contains(table.as_str()))
            .map(|(table, column)| format!("{table}.{column}"))
            .collect()
    };
    let Target::Sqlite(pool) = &sqlite else {
        unreachable!()
    };
    let in_sqlite = columns(
        sqlx::query_as(
            "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'",
        )
        .fetch_all(pool)
        .await
        .unwrap(),
    );
    let Target::Postgres(pool) = &postgres else {
        unreachable!()
    };
    let in_postgres = columns(
        sqlx::query_as(
            "SELECT table_name::text, column_name::text FROM information_schema.columns \
             WHERE table_schema = 'public'",
        )
        .fetch_all(pool)
        .await
        .unwrap(),
    );
    assert_eq!(
        in_sqlite, carried,
        "SQLite's schema and transfer::TABLES differ"
    );
    assert_eq!(
        in_postgres, carried,
        "PostgreSQL's schema and transfer::TABLES differ"
    );
}
