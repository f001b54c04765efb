//! The PostgreSQL backend as a server: opened by URL (both schemes), refused with a message
//! that says what to check when the server cannot be reached, the database does not exist or
//! the user is refused (never repeating a password), migrated once when several stores open a
//! fresh database at once, refusing a database a newer Knot wrote, and answering "busy" (having
//! written nothing) when another session holds a row past the lock timeout.

// Helpers outside #[test] functions unwrap too: in a test, a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

mod local_ctx;
use local_ctx::LocalContext;

use chrono::{TimeZone, Utc};
use knot_store::testing::TempDatabase;
use knot_store::{EntryFilter, Measure, NewEntry, StoreError};
use sqlx::postgres::PgConnectOptions;
use sqlx::{ConnectOptions, Connection};

fn note(text: &str) -> NewEntry {
    NewEntry {
        recorded_at: Utc.with_ymd_and_hms(2025, 3, 1, 8, 0, 0).unwrap(),
        measure: Measure::Note { text: text.into() },
        note: None,
    }
}

/// The message of a `Config` error, failing on any other outcome.
async fn refusal(url: &str) -> String {
    match knot_store::open(url).await {
        Err(StoreError::Config(message)) => message,
        Err(other) => panic!("{url}: expected a Config error, got {other:?}"),
        Ok(_) => panic!("{url}: opened"),
    }
}

/// The test server's URL with `database` and, optionally, another user.
fn on_test_server(user: Option<&str>, database: &str) -> String {
    let options: PgConnectOptions = knot_store::testing::base_url().parse().unwrap();
    format!(
        "postgres://{}@{}:{}/{database}",
        user.unwrap_or(options.get_username()),
        options.get_host(),
        options.get_port()
    )
}

#[tokio::test]
async fn both_schemes_open_the_database_and_it_survives_reopening() {
    let db = TempDatabase::create().unwrap();
    let store = knot_store::open(db.url()).await.unwrap();
    let ctx = store.personal_context().await.unwrap();
    let entry = store.add_entry(&ctx, &note("first")).await.unwrap();
    drop(store);

    let long_form = db.url().replacen("postgres://", "postgresql://", 1);
    let again = knot_store::open(&long_form).await.unwrap();
    assert_eq!(again.personal_context().await.unwrap(), ctx);
    assert_eq!(
        again.entries(&ctx, &EntryFilter::default()).await.unwrap(),
        [entry]
    );
}

#[tokio::test]
async fn a_server_that_is_not_listening_says_what_to_check() {
    // Port 1 on this machine: nothing listens there.
    let message = refusal("postgres://root:s3cret-pass@127.0.0.1:1/knot").await;
    assert!(
        message.contains("cannot reach PostgreSQL at 127.0.0.1:1"),
        "{message}"
    );
    assert!(message.contains("is the server running?"), "{message}");
    assert!(
        message.contains("host, port, user and database"),
        "{message}"
    );
    assert!(
        !message.contains("s3cret"),
        "no password in messages: {message}"
    );
}

#[tokio::test]
async fn a_server_that_never_answers_is_given_up_on() {
    // TEST-NET-1: reserved for documentation, routed nowhere. The connection attempt is
    // bounded (connect::CONNECT_TIMEOUT) or refused at once where there is no route.
    let message = refusal("postgres://knot@192.0.2.1:5432/knot").await;
    assert!(
        message.contains("cannot reach PostgreSQL at 192.0.2.1:5432"),
        "{message}"
    );
}

#[tokio::test]
async fn a_missing_database_says_how_to_create_it() {
    let message = refusal(&on_test_server(None, "knot_no_such_database")).await;
    assert!(
        message.contains("has no database \"knot_no_such_database\""),
        "{message}"
    );
    assert!(
        message.contains("(createdb -h ") && message.contains(" knot_no_such_database)"),
        "{message}"
    );
}

#[tokio::test]
async fn an_unknown_user_is_named() {
    let message = refusal(&on_test_server(Some("knot_no_such_user"), "test")).await;
    assert!(
        message.contains("refused user \"knot_no_such_user\""),
        "{message}"
    );
    assert!(message.contains("user and password"), "{message}");
}

#[tokio::test]
async fn a_url_that_cannot_be_read_says_what_to_write() {
    let message = refusal("postgres://root:s3cret@127.0.0.1:notaport/knot").await;
    assert!(
        message.contains("postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE"),
        "{message}"
    );
    assert!(
        !message.contains("s3cret"),
        "no password in messages: {message}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stores_opening_a_fresh_database_at_once_migrate_it_once() {
    let db = TempDatabase::create().unwrap();
    let opening: Vec<_> = (0..4)
        .map(|_| {
            let url = db.url().to_string();
            tokio::spawn(async move {
                let store = knot_store::open(&url).await?;
                store.personal_context().await
            })
        })
        .collect();
    let mut contexts = Vec::new();
    for open in opening {
        contexts.push(open.await.unwrap().unwrap());
    }
    assert!(contexts.windows(2).all(|pair| pair[0] == pair[1]));
}

#[tokio::test]
async fn a_database_from_a_newer_knot_is_refused_with_a_message() {
    let db = TempDatabase::create().unwrap();
    drop(knot_store::open(db.url()).await.unwrap());
    let mut conn = db
        .url()
        .parse::<PgConnectOptions>()
        .unwrap()
        .connect()
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
         VALUES (99991231000000, 'from the future', TRUE, '\\x00', 0)",
    )
    .execute(&mut conn)
    .await
    .unwrap();
    conn.close().await.unwrap();
    let message = refusal(db.url()).await;
    assert!(message.contains("newer Knot"), "{message}");
}

#[tokio::test]
async fn a_row_lock_held_past_the_lock_timeout_answers_busy_and_writes_nothing() {
    let db = TempDatabase::create().unwrap();
    let store = knot_store::open(db.url()).await.unwrap();
    let ctx = store.personal_context().await.unwrap();
    let entry = store.add_entry(&ctx, &note("held")).await.unwrap();

    // Another session (a stuck server, an operator's psql) holds the entry's row.
    let mut holder = db
        .url()
        .parse::<PgConnectOptions>()
        .unwrap()
        .connect()
        .await
        .unwrap();
    let mut held = holder.begin().await.unwrap();
    sqlx::query("SELECT id FROM entries WHERE id = $1 FOR UPDATE")
        .bind(entry.id)
        .execute(&mut *held)
        .await
        .unwrap();
    let refused = store
        .correct_entry(&ctx, entry.id, &note("waits"))
        .await
        .unwrap_err();
    assert!(refused.is_busy(), "{refused:?}");
    held.rollback().await.unwrap();

    let history = EntryFilter {
        include_history: true,
        ..EntryFilter::default()
    };
    assert_eq!(
        store.entries(&ctx, &history).await.unwrap(),
        std::slice::from_ref(&entry),
        "nothing was written"
    );
    let corrected = store
        .correct_entry(&ctx, entry.id, &note("goes through"))
        .await
        .unwrap();
    assert_eq!(corrected.corrects, Some(entry.id));
}
