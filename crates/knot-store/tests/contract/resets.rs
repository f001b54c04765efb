//! Password-reset requests: a token works once, however many callers race with it; asking
//! again retires the earlier unused token; an expired one does nothing and is swept.

use std::sync::Arc;

use chrono::{Duration, Utc};
use knot_store::{PasswordReset, Store, StoreError};

fn reset(token_hash: &str, user_id: i64, minutes: i64) -> PasswordReset {
    let now = Utc::now();
    PasswordReset {
        token_hash: token_hash.to_string(),
        user_id,
        created_at: now,
        expires_at: now + Duration::minutes(minutes),
    }
}

async fn account(store: &dyn Store, email: &str) -> i64 {
    store
        .create_account(email, "Reset", "$argon2id$not-a-real-hash")
        .await
        .unwrap()
        .user_id
}

pub async fn a_reset_token_works_once_however_many_race(store: Arc<dyn Store>) {
    let user = account(&*store, "race@example.org").await;
    store
        .create_password_reset(&reset("race", user, 60))
        .await
        .unwrap();
    assert_eq!(
        store.password_reset_user("race", Utc::now()).await.unwrap(),
        Some(user),
        "looking does not use it"
    );
    let tasks: Vec<_> = (0..16)
        .map(|_| {
            let store = store.clone();
            tokio::spawn(async move {
                store
                    .consume_password_reset("race", Utc::now())
                    .await
                    .unwrap()
            })
        })
        .collect();
    let mut winners = 0;
    for task in tasks {
        if let Some(id) = task.await.unwrap() {
            assert_eq!(id, user);
            winners += 1;
        }
    }
    assert_eq!(winners, 1, "exactly one consumer used the token");
    assert_eq!(
        store.password_reset_user("race", Utc::now()).await.unwrap(),
        None
    );
    assert_eq!(
        store
            .consume_password_reset("nothing", Utc::now())
            .await
            .unwrap(),
        None
    );
}

pub async fn asking_again_retires_the_earlier_token(store: Arc<dyn Store>) {
    let user = account(&*store, "again@example.org").await;
    let other = account(&*store, "other@example.org").await;
    store
        .create_password_reset(&reset("first", user, 60))
        .await
        .unwrap();
    store
        .create_password_reset(&reset("theirs", other, 60))
        .await
        .unwrap();
    store
        .create_password_reset(&reset("second", user, 60))
        .await
        .unwrap();
    assert_eq!(
        store
            .consume_password_reset("first", Utc::now())
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        store
            .consume_password_reset("theirs", Utc::now())
            .await
            .unwrap(),
        Some(other),
        "another account's token is untouched"
    );
    assert_eq!(
        store
            .consume_password_reset("second", Utc::now())
            .await
            .unwrap(),
        Some(user)
    );
    let unknown = store
        .create_password_reset(&reset("ghost", user + 1000, 60))
        .await;
    assert!(
        matches!(unknown, Err(StoreError::NotFound { .. })),
        "{unknown:?}"
    );
}

pub async fn an_expired_token_does_nothing_and_is_swept(store: Arc<dyn Store>) {
    let user = account(&*store, "late@example.org").await;
    let other = account(&*store, "fresh@example.org").await;
    store
        .create_password_reset(&reset("fresh", other, 60))
        .await
        .unwrap();
    store
        .create_password_reset(&reset("late", user, -1))
        .await
        .unwrap();
    assert_eq!(
        store.password_reset_user("late", Utc::now()).await.unwrap(),
        None
    );
    assert_eq!(
        store
            .consume_password_reset("late", Utc::now())
            .await
            .unwrap(),
        None
    );
    assert_eq!(store.sweep_password_resets(Utc::now()).await.unwrap(), 1);
    assert!(store
        .password_reset_user("fresh", Utc::now())
        .await
        .unwrap()
        .is_some());

    // A new request clears everyone's expired ones on the way.
    store
        .create_password_reset(&reset("late again", user, -1))
        .await
        .unwrap();
    store
        .create_password_reset(&reset("newer", other, 60))
        .await
        .unwrap();
    assert_eq!(store.sweep_password_resets(Utc::now()).await.unwrap(), 0);
}
