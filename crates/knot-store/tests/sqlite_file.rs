//! The SQLite backend as a file: opened by URL, refused with a message when it cannot be
//! used, shared by two stores at once without losing writes, and with a schema that keeps
//! clinic and person on every health table.

// Helpers outside #[test] functions unwrap too: in a test, a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

mod local_ctx;
use local_ctx::LocalContext;

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

use chrono::{Duration, TimeZone, Utc};
use knot_store::{EntryFilter, Measure, NewEntry, SqliteStore, Store, StoreError};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection, SqliteConnection};

fn note(seq: i64, text: &str) -> NewEntry {
    NewEntry {
        recorded_at: Utc.with_ymd_and_hms(2025, 3, 1, 8, 0, 0).unwrap() + Duration::seconds(seq),
        measure: Measure::Note { text: text.into() },
        note: None,
    }
}

async fn raw(path: &Path) -> SqliteConnection {
    SqliteConnectOptions::new()
        .filename(path)
        .connect()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_url_opens_the_file_end_to_end_and_it_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested").join("knot.db");
    let store = knot_store::open(&format!("sqlite:{}", path.display()))
        .await
        .unwrap();
    let ctx = store.personal_context().await.unwrap();
    let entry = store.add_entry(&ctx, &note(0, "first")).await.unwrap();
    drop(store);

    let again = knot_store::open(path.to_str().unwrap()).await.unwrap();
    assert_eq!(again.personal_context().await.unwrap(), ctx);
    assert_eq!(
        again.entries(&ctx, &EntryFilter::default()).await.unwrap(),
        [entry]
    );
}

#[tokio::test]
async fn an_unknown_scheme_says_what_to_write_instead() {
    let refused = knot_store::open("mysql://knot:secret@localhost/knot")
        .await
        .unwrap_err();
    assert!(matches!(refused, StoreError::Config(_)), "{refused:?}");
    let message = refused.to_string();
    for form in ["sqlite:/path/to/knot.db", "postgres://", "postgresql://"] {
        assert!(message.contains(form), "{message}");
    }
    assert!(
        !message.contains("secret"),
        "no password in messages: {message}"
    );
}

#[tokio::test]
async fn a_file_that_is_not_a_database_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    std::fs::write(&path, "my shopping list, not a database\n".repeat(200)).unwrap();
    let refused = SqliteStore::open(&path).await.unwrap_err();
    assert!(matches!(refused, StoreError::Config(_)), "{refused:?}");
    let message = refused.to_string();
    assert!(
        message.contains(&path.display().to_string()) && message.contains("--db"),
        "{message}"
    );
    let kept = std::fs::read_to_string(&path).unwrap();
    assert!(
        kept.starts_with("my shopping list"),
        "the file is untouched"
    );
}

#[tokio::test]
async fn a_database_from_a_newer_knot_is_refused_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("knot.db");
    SqliteStore::open(&path).await.unwrap().close().await;
    let mut conn = raw(&path).await;
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
         VALUES (29990101000000, 'from the future', TRUE, x'00', 0)",
    )
    .execute(&mut conn)
    .await
    .unwrap();
    conn.close().await.unwrap();
    let refused = SqliteStore::open(&path).await.unwrap_err();
    assert!(refused.to_string().contains("newer Knot"), "{refused}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_stores_opening_a_fresh_file_at_once_share_one_personal_context() {
    let dir = tempfile::tempdir().unwrap();
    for round in 0..6 {
        let path = dir.path().join(format!("fresh-{round}.db"));
        let open_and_ask = |path: std::path::PathBuf| async move {
            let store = SqliteStore::open(&path).await.unwrap();
            store.personal_context().await.unwrap()
        };
        let (a, b) = tokio::join!(
            tokio::spawn(open_and_ask(path.clone())),
            tokio::spawn(open_and_ask(path.clone()))
        );
        assert_eq!(a.unwrap(), b.unwrap(), "round {round}");
        let mut conn = raw(&path).await;
        let users: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
            .fetch_one(&mut conn)
            .await
            .unwrap();
        assert_eq!(users, 1, "round {round}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_stores_writing_one_file_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.db");
    let first: Arc<dyn Store> = Arc::new(SqliteStore::open(&path).await.unwrap());
    let second: Arc<dyn Store> = Arc::new(SqliteStore::open(&path).await.unwrap());
    let mut writers = Vec::new();
    for (name, store) in [("cli", first.clone()), ("server", second.clone())] {
        for worker in 0..4 {
            let store = store.clone();
            writers.push(tokio::spawn(async move {
                let ctx = store.personal_context().await.unwrap();
                let mut ids = Vec::new();
                for seq in 0..15 {
                    let text = format!("{name}-{worker}-{seq}");
                    let entry = store.add_entry(&ctx, &note(seq, &text)).await.unwrap();
                    let fixed = store
                        .correct_entry(&ctx, entry.id, &note(seq, &text))
                        .await
                        .unwrap();
                    ids.push((fixed.id, text));
                }
                ids
            }));
        }
    }
    let mut expected = Vec::new();
    for writer in writers {
        expected.extend(writer.await.unwrap());
    }
    let ctx = first.personal_context().await.unwrap();
    let current = second.entries(&ctx, &EntryFilter::default()).await.unwrap();
    let stored: BTreeSet<_> = current
        .iter()
        .map(|entry| match &entry.entry.measure {
            Measure::Note { text } => (entry.id, text.clone()),
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    assert_eq!(expected.len(), 2 * 4 * 15);
    assert_eq!(stored, expected.into_iter().collect::<BTreeSet<_>>());
    let history = EntryFilter {
        include_history: true,
        ..Default::default()
    };
    assert_eq!(
        first.entries(&ctx, &history).await.unwrap().len(),
        2 * 2 * 4 * 15
    );
}

#[tokio::test]
async fn every_health_table_carries_clinic_and_person_with_foreign_keys() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("knot.db");
    SqliteStore::open(&path).await.unwrap().close().await;
    let mut conn = raw(&path).await;
    for table in ["screenings", "entries", "sessions", "plans"] {
        let columns: Vec<(String, i64)> = sqlx::query_as(&format!(
            "SELECT name, \"notnull\" FROM pragma_table_info('{table}')"
        ))
        .fetch_all(&mut conn)
        .await
        .unwrap();
        for wanted in ["clinic_id", "person_id", "created_by"] {
            assert!(
                columns.contains(&(wanted.to_string(), 1)),
                "{table}.{wanted} NOT NULL"
            );
        }
        let parents: Vec<(String, String)> = sqlx::query_as(&format!(
            "SELECT \"table\", \"from\" FROM pragma_foreign_key_list('{table}')"
        ))
        .fetch_all(&mut conn)
        .await
        .unwrap();
        for (parent, column) in [
            ("people", "clinic_id"),
            ("people", "person_id"),
            ("users", "created_by"),
        ] {
            let pair = (parent.to_string(), column.to_string());
            assert!(parents.contains(&pair), "{table}: {pair:?} in {parents:?}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_in_memory_store_is_one_database_per_open_shared_by_its_connections() {
    let first = knot_store::open("sqlite::memory:").await.unwrap();
    let second = knot_store::open("sqlite::memory:").await.unwrap();
    let ctx = first.personal_context().await.unwrap();
    let writes: Vec<_> = (0..12)
        .map(|seq| {
            let store = first.clone();
            tokio::spawn(async move { store.add_entry(&ctx, &note(seq, "memory")).await })
        })
        .collect();
    for write in writes {
        write.await.unwrap().unwrap();
    }
    assert_eq!(
        first
            .entries(&ctx, &EntryFilter::default())
            .await
            .unwrap()
            .len(),
        12
    );
    let other = second.personal_context().await.unwrap();
    let theirs = second
        .entries(&other, &EntryFilter::default())
        .await
        .unwrap();
    assert!(
        theirs.is_empty(),
        "a second in-memory store is a separate database"
    );
}

#[cfg(unix)]
#[tokio::test]
async fn the_database_and_its_directory_are_private_to_their_owner() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("share").join("knot");
    let path = data.join("knot.db");
    let store = SqliteStore::open(&path).await.unwrap();
    let ctx = store.personal_context().await.unwrap();
    store.add_entry(&ctx, &note(0, "private")).await.unwrap();

    assert_eq!(mode(&data), 0o700, "the data directory");
    assert_eq!(mode(&path), 0o600, "the database");
    for companion in ["knot.db-wal", "knot.db-shm"] {
        let file = data.join(companion);
        if file.exists() {
            assert_eq!(mode(&file), 0o600, "{companion}");
        }
    }

    // A file made world-readable by hand is closed again when Knot opens it.
    store.close().await;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    SqliteStore::open(&path).await.unwrap();
    assert_eq!(mode(&path), 0o600);
}

#[tokio::test]
async fn a_write_lock_held_past_the_busy_timeout_answers_busy_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("knot.db");
    let store = SqliteStore::open(&path).await.unwrap();
    let ctx = store.personal_context().await.unwrap();

    let mut holder = raw(&path).await;
    sqlx::query("BEGIN IMMEDIATE")
        .execute(&mut holder)
        .await
        .unwrap();
    let refused = store.add_entry(&ctx, &note(1, "waits")).await.unwrap_err();
    assert!(refused.is_busy(), "{refused:?}");
    sqlx::query("ROLLBACK").execute(&mut holder).await.unwrap();

    let stored = store.entries(&ctx, &EntryFilter::default()).await.unwrap();
    assert!(stored.is_empty(), "nothing was written: {stored:?}");
    store
        .add_entry(&ctx, &note(2, "goes through"))
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_changes_leave_an_in_memory_database_whole() {
    // A refused change rolls its transaction back as its connection returns to the pool; the
    // pool must not take that connection for one left inside a transaction and close it (an
    // in-memory database lives only as long as its connections).
    let store = SqliteStore::open(Path::new(":memory:")).await.unwrap();
    let ctx = store.personal_context().await.unwrap();
    let entry = store.add_entry(&ctx, &note(0, "gone")).await.unwrap();
    store.delete_entry(&ctx, entry.id).await.unwrap();
    for _ in 0..200 {
        let refused = store.delete_entry(&ctx, entry.id).await.unwrap_err();
        assert!(matches!(refused, StoreError::Conflict(_)), "{refused:?}");
    }
    store.add_entry(&ctx, &note(1, "kept")).await.unwrap();
    let stored = store.entries(&ctx, &EntryFilter::default()).await.unwrap();
    assert_eq!(stored.len(), 1);
}
