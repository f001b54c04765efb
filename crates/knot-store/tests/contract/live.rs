//! Guided sessions in progress: stepped by compare-and-set, ended and stored exactly once,
//! visible to their own person only.

use std::sync::Arc;

use chrono::Duration;
use knot_store::{LiveSession, Store, StoreError};

use crate::fixtures::{at, other_person, session};
use crate::local_ctx::LocalContext;

fn live(key: &str) -> LiveSession {
    LiveSession {
        key: key.into(),
        state: "{\"phase\":\"warm_up\"}".into(),
        started_at: at(1, 0),
        counted_until: at(1, 0),
        last_seen: at(1, 0),
        version: 1,
    }
}

pub async fn a_live_session_steps_once_per_version_and_is_stored_once(store: Arc<dyn Store>) {
    let ctx = store.personal_context().await.unwrap();
    store
        .start_live_session(&ctx, &live("k1"), at(1, -180))
        .await
        .unwrap();
    let mut current = store.live_session(&ctx, "k1").await.unwrap().unwrap();
    assert_eq!(current, live("k1"));

    current.state = "{\"phase\":\"holding\"}".into();
    current.last_seen = at(1, 2);
    let version = store.update_live_session(&ctx, &current).await.unwrap();
    assert_eq!(version, 2);
    // A second server that read version 1 loses.
    let err = store.update_live_session(&ctx, &current).await.unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err}");
    let err = store
        .finish_live_session(&ctx, "k1", 1, Some(&session(at(1, 0), None)))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err}");
    assert!(store.sessions(&ctx, None).await.unwrap().is_empty());

    let stored = store
        .finish_live_session(&ctx, "k1", version, Some(&session(at(1, 0), None)))
        .await
        .unwrap();
    assert!(stored.is_some());
    assert!(store.live_session(&ctx, "k1").await.unwrap().is_none());
    let again = store
        .finish_live_session(&ctx, "k1", version, Some(&session(at(1, 0), None)))
        .await;
    assert!(matches!(again, Err(StoreError::Conflict(_))));
    assert_eq!(store.sessions(&ctx, None).await.unwrap().len(), 1);
}

pub async fn live_sessions_are_their_persons_own_and_idle_ones_are_cleared(store: Arc<dyn Store>) {
    let ctx = store.personal_context().await.unwrap();
    let other = other_person(&store, "other@example.org").await;
    store
        .start_live_session(&ctx, &live("mine"), at(1, -180))
        .await
        .unwrap();
    assert!(store.live_session(&other, "mine").await.unwrap().is_none());
    let err = store.update_live_session(&other, &live("mine")).await;
    assert!(matches!(err, Err(StoreError::Conflict(_))));
    assert!(store
        .finish_live_session(&other, "mine", 1, None)
        .await
        .is_err());

    // Starting another session clears those untouched since the cut-off.
    let mut later = live("later");
    later.last_seen = at(1, 0) + Duration::hours(4);
    store
        .start_live_session(&other, &later, at(1, 0) + Duration::hours(1))
        .await
        .unwrap();
    assert!(store.live_session(&ctx, "mine").await.unwrap().is_none());
    store.discard_live_session("later").await.unwrap();
    assert!(store.live_session(&other, "later").await.unwrap().is_none());
}
