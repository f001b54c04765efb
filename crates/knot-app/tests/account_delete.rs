//! Deleting an account: the password and a confirmation first, then every record goes; the
//! operator deletes the CLI's own person, or a web account named by its address, with --yes.

#![allow(clippy::unwrap_used)]

use std::sync::Arc;

use chrono::{Duration, Utc};
use knot_app::account::{hash_password_now, NOT_CONFIRMED, WRONG_PASSWORD};
use knot_app::{App, AppError};
use knot_record::{EntryFilter, Measure, NewEntry};
use knot_store::testing::TestDatabase;
use knot_store::Store;

const PASSWORD: &str = "a long enough secret";

fn note(text: &str) -> NewEntry {
    NewEntry {
        recorded_at: Utc::now() - Duration::minutes(5),
        measure: Measure::Note { text: text.into() },
        note: None,
    }
}

async fn app(db: &TestDatabase) -> (App, Arc<dyn Store>) {
    let store = knot_store::open(db.url()).await.unwrap();
    (App::new(store.clone()), store)
}

fn problem(result: Result<knot_store::ErasedCounts, AppError>) -> String {
    match result {
        Err(AppError::Invalid { problems, .. }) => problems.join(" "),
        other => panic!("expected a problem, got {other:?}"),
    }
}

#[tokio::test]
async fn the_password_and_a_confirmation_come_before_the_records_go() {
    let db = TestDatabase::from_env().unwrap();
    let (app, store) = app(&db).await;
    let hash = hash_password_now(PASSWORD).unwrap();
    store
        .create_account("ana@example.org", "Ana", &hash)
        .await
        .unwrap();
    let ana = app.operator_acting_as("ana@example.org").await.unwrap();
    let ctx = ana.own_records();
    store.add_entry(&ctx, &note("mine")).await.unwrap();

    let unconfirmed = app.delete_account(&ana, PASSWORD, false).await;
    assert_eq!(problem(unconfirmed), NOT_CONFIRMED);
    let wrong = app.delete_account(&ana, "not the password", true).await;
    assert_eq!(problem(wrong), WRONG_PASSWORD);
    let filter = EntryFilter::default();
    assert_eq!(store.entries(&ctx, &filter).await.unwrap().len(), 1);

    let counts = app.delete_account(&ana, PASSWORD, true).await.unwrap();
    assert_eq!(counts.entries, 1);
    assert!(store.entries(&ctx, &filter).await.unwrap().is_empty());
    assert!(app.operator_acting_as("ana@example.org").await.is_err());
    assert!(store.verify_audit_chain(None).await.unwrap().is_whole());
}

#[tokio::test]
async fn the_operator_deletes_the_local_person_or_a_named_account_with_yes() {
    let db = TestDatabase::from_env().unwrap();
    let (app, store) = app(&db).await;
    let local = app.local_actor().await.unwrap();
    store
        .add_entry(&local.own_records(), &note("local"))
        .await
        .unwrap();
    let without_yes = app.delete_account_as_operator(&local, None, false).await;
    assert!(problem(without_yes).contains("--yes"));
    let counts = app
        .delete_account_as_operator(&local, None, true)
        .await
        .unwrap();
    assert_eq!(counts.entries, 1);
    // The CLI goes on as the same, now empty, local person.
    let again = app.local_actor().await.unwrap();
    let filter = EntryFilter::default();
    assert!(store
        .entries(&again.own_records(), &filter)
        .await
        .unwrap()
        .is_empty());

    store
        .create_account(
            "bo@example.org",
            "Bo",
            &hash_password_now(PASSWORD).unwrap(),
        )
        .await
        .unwrap();
    let bo = app.operator_acting_as("bo@example.org").await.unwrap();
    let unnamed = app.delete_account_as_operator(&bo, None, true).await;
    assert!(problem(unnamed).contains("--confirm-email bo@example.org"));
    let mistyped = app
        .delete_account_as_operator(&bo, Some("b0@example.org"), true)
        .await;
    assert!(problem(mistyped).contains("--confirm-email"));
    app.delete_account_as_operator(&bo, Some(" BO@example.org"), true)
        .await
        .unwrap();
    assert_eq!(
        store.account_by_email("bo@example.org").await.unwrap(),
        None
    );
}
