//! Two-factor sign-in rows every backend must keep the same way: turned on once, a time step
//! accepted only once (even by two racing sign-ins), each recovery code used once and only by
//! its own account, and turning off drops the secret and the codes.

use std::sync::Arc;

use knot_store::{Store, StoreError};

use crate::fixtures::at;

const HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$secret-looking-hash";
const SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

fn codes(prefix: &str) -> Vec<String> {
    (0..10).map(|i| format!("{prefix}-digest-{i}")).collect()
}

pub async fn two_factor_is_turned_on_once_and_off_whole(store: Arc<dyn Store>) {
    let ana = store
        .create_account("ana@example.org", "Ana", HASH)
        .await
        .unwrap();
    assert!(store.two_factor(ana.user_id).await.unwrap().is_none());
    store
        .enable_two_factor(ana.user_id, SECRET, 100, &codes("ana"), at(1, 0))
        .await
        .unwrap();
    let on = store.two_factor(ana.user_id).await.unwrap().unwrap();
    assert_eq!(
        (
            on.secret.as_str(),
            on.last_step,
            on.recovery_left,
            on.enabled_at
        ),
        (SECRET, 100, 10, at(1, 0))
    );
    assert!(
        !format!("{on:?}").contains(SECRET),
        "the secret is not in Debug"
    );
    let again = store
        .enable_two_factor(ana.user_id, "OTHER", 1, &codes("again"), at(2, 0))
        .await;
    assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
    let unknown = store
        .enable_two_factor(987_654, SECRET, 1, &codes("x"), at(2, 0))
        .await;
    assert!(
        matches!(unknown, Err(StoreError::NotFound { .. })),
        "{unknown:?}"
    );
    assert!(store.disable_two_factor(ana.user_id).await.unwrap());
    assert!(store.two_factor(ana.user_id).await.unwrap().is_none());
    assert!(!store.disable_two_factor(ana.user_id).await.unwrap());
    assert!(
        !store
            .use_recovery_code(ana.user_id, "ana-digest-0", at(3, 0))
            .await
            .unwrap(),
        "the codes went with it"
    );
    // On again, with fresh codes (the old digests may be reused by nobody).
    store
        .enable_two_factor(ana.user_id, SECRET, 5, &codes("ana"), at(4, 0))
        .await
        .unwrap();
    assert_eq!(
        store
            .two_factor(ana.user_id)
            .await
            .unwrap()
            .unwrap()
            .recovery_left,
        10
    );
}

pub async fn a_time_step_is_accepted_once_even_when_raced(store: Arc<dyn Store>) {
    let ana = store
        .create_account("ana@example.org", "Ana", HASH)
        .await
        .unwrap();
    assert!(
        !store.use_two_factor_step(ana.user_id, 5).await.unwrap(),
        "not on"
    );
    store
        .enable_two_factor(ana.user_id, SECRET, 100, &codes("ana"), at(1, 0))
        .await
        .unwrap();
    assert!(
        !store.use_two_factor_step(ana.user_id, 100).await.unwrap(),
        "the enrolment step"
    );
    assert!(
        !store.use_two_factor_step(ana.user_id, 99).await.unwrap(),
        "an older step"
    );
    let racers: Vec<_> = (0..8)
        .map(|_| {
            let store = store.clone();
            tokio::spawn(async move { store.use_two_factor_step(ana.user_id, 101).await })
        })
        .collect();
    let mut won = 0;
    for racer in racers {
        if racer.await.unwrap().unwrap() {
            won += 1;
        }
    }
    assert_eq!(won, 1, "exactly one sign-in with the code wins");
    assert_eq!(
        store
            .two_factor(ana.user_id)
            .await
            .unwrap()
            .unwrap()
            .last_step,
        101
    );
    assert!(store.use_two_factor_step(ana.user_id, 102).await.unwrap());
}

pub async fn a_recovery_code_is_used_once_and_only_by_its_account(store: Arc<dyn Store>) {
    let ana = store
        .create_account("ana@example.org", "Ana", HASH)
        .await
        .unwrap();
    let bo = store
        .create_account("bo@example.org", "Bo", HASH)
        .await
        .unwrap();
    store
        .enable_two_factor(ana.user_id, SECRET, 1, &codes("ana"), at(1, 0))
        .await
        .unwrap();
    store
        .enable_two_factor(bo.user_id, SECRET, 1, &codes("bo"), at(1, 0))
        .await
        .unwrap();
    assert!(
        !store
            .use_recovery_code(bo.user_id, "ana-digest-3", at(2, 0))
            .await
            .unwrap(),
        "another account's code"
    );
    let racers: Vec<_> = (0..6)
        .map(|_| {
            let store = store.clone();
            tokio::spawn(async move {
                store
                    .use_recovery_code(ana.user_id, "ana-digest-3", at(2, 0))
                    .await
            })
        })
        .collect();
    let mut won = 0;
    for racer in racers {
        if racer.await.unwrap().unwrap() {
            won += 1;
        }
    }
    assert_eq!(won, 1, "a recovery code works once");
    assert_eq!(
        store
            .two_factor(ana.user_id)
            .await
            .unwrap()
            .unwrap()
            .recovery_left,
        9
    );
    assert_eq!(
        store
            .two_factor(bo.user_id)
            .await
            .unwrap()
            .unwrap()
            .recovery_left,
        10
    );
}
