//! Who may act for whom: an actor gets a context for their own records, and a refusal for
//! anyone else's; a context can only come from the access check, and a browser session only
//! yields the actor whose session it is.

#![allow(clippy::unwrap_used)]

use std::sync::Arc;

use chrono::{Duration, Utc};
use knot_app::{App, AppError};
use knot_record::{EntryFilter, Measure, NewEntry, WebSession};
use knot_store::testing::TestDatabase;
use knot_store::Store;

async fn app_on_a_fresh_file(db: &TestDatabase) -> (App, Arc<dyn Store>) {
    let store = knot_store::open(db.url()).await.unwrap();
    (App::new(store.clone()), store)
}

async fn signed_in_as(app: &App, store: &Arc<dyn Store>, email: &str) -> knot_app::SignedIn {
    let account = store
        .create_account(email, "Someone", "$argon2id$v=19$fake-hash")
        .await
        .unwrap();
    let now = Utc::now();
    let session = WebSession {
        token_hash: format!("hash-of-{email}"),
        user_id: account.user_id,
        csrf_token: "csrf".into(),
        created_at: now,
        expires_at: now + Duration::hours(1),
    };
    store.create_web_session(&session).await.unwrap();
    app.signed_in(&session.token_hash, now)
        .await
        .unwrap()
        .unwrap()
}

fn note(text: &str) -> NewEntry {
    NewEntry {
        recorded_at: Utc::now() - Duration::minutes(5),
        measure: Measure::Note { text: text.into() },
        note: None,
    }
}

#[tokio::test]
async fn a_person_cannot_obtain_a_context_for_another_person() {
    let db = TestDatabase::from_env().unwrap();
    let (app, store) = app_on_a_fresh_file(&db).await;
    let ana = signed_in_as(&app, &store, "ana@example.org").await;
    let bo = signed_in_as(&app, &store, "bo@example.org").await;

    let refused = app.context_for(&ana.actor, bo.actor.own_person());
    assert!(matches!(refused, Err(AppError::Forbidden)), "{refused:?}");
    let local = app.local_actor().await.unwrap();
    assert!(matches!(
        app.context_for(&local, ana.actor.own_person()),
        Err(AppError::Forbidden)
    ));

    let own = app.context_for(&ana.actor, ana.actor.own_person()).unwrap();
    assert_eq!(own, ana.actor.own_records());
    assert_eq!(own.person_id(), ana.account.person_id);
    assert_eq!(own.user_id(), ana.account.user_id);
}

#[tokio::test]
async fn each_actor_reads_and_writes_only_their_own_records() {
    let db = TestDatabase::from_env().unwrap();
    let (app, store) = app_on_a_fresh_file(&db).await;
    let ana = signed_in_as(&app, &store, "ana@example.org").await;
    let local = app.local_actor().await.unwrap();

    app.log_entries(&ana.actor.own_records(), vec![note("ana's")])
        .await
        .unwrap();
    app.log_entries(&local.own_records(), vec![note("local")])
        .await
        .unwrap();
    let anas = app
        .entries(&ana.actor.own_records(), &EntryFilter::default())
        .await
        .unwrap();
    assert_eq!(anas.len(), 1);
    let theirs = app
        .entry(&local.own_records(), anas[0].id)
        .await
        .unwrap_err();
    assert!(matches!(theirs, AppError::NotFound { .. }), "{theirs:?}");
}

#[tokio::test]
async fn a_session_yields_only_its_own_actor_and_none_once_expired() {
    let db = TestDatabase::from_env().unwrap();
    let (app, store) = app_on_a_fresh_file(&db).await;
    let ana = signed_in_as(&app, &store, "ana@example.org").await;
    assert_eq!(ana.actor.principal().user_id, ana.account.user_id);
    let later = Utc::now() + Duration::hours(2);
    assert!(app
        .signed_in(&ana.session.token_hash, later)
        .await
        .unwrap()
        .is_none());
    assert!(app
        .signed_in("no-such-token-hash", Utc::now())
        .await
        .unwrap()
        .is_none());
}
