//! Tenancy every backend must enforce: another person's record id answers `NotFound`, for
//! reads and for changes, and leaves the record as it was.

use crate::local_ctx::LocalContext;
use std::sync::Arc;

use knot_store::{EntryFilter, Store, StoreError, TenantCtx};

use crate::fixtures::{at, other_person, pain, plan, screening, session};

fn is_not_found<T: std::fmt::Debug>(result: &Result<T, StoreError>, record: &str) -> bool {
    matches!(result, Err(StoreError::NotFound { record: found, .. }) if *found == record)
}

pub async fn another_person_cannot_read_or_change_entries(store: Arc<dyn Store>) {
    let owner = store.personal_context().await.unwrap();
    let other = other_person(&store, "other@example.org").await;
    let entry = store.add_entry(&owner, &pain(at(1, 0), 6)).await.unwrap();

    let read = store.entry(&other, entry.id).await;
    assert!(is_not_found(&read, "entry"), "{read:?}");
    let corrected = store
        .correct_entry(&other, entry.id, &pain(at(1, 0), 1))
        .await;
    assert!(is_not_found(&corrected, "entry"), "{corrected:?}");
    let deleted = store.delete_entry(&other, entry.id).await;
    assert!(is_not_found(&deleted, "entry"), "{deleted:?}");
    let history = EntryFilter {
        include_history: true,
        ..Default::default()
    };
    assert!(store.entries(&other, &history).await.unwrap().is_empty());

    assert_eq!(
        store.entry(&owner, entry.id).await.unwrap(),
        entry,
        "left as it was"
    );
    assert_eq!(store.entries(&other, &history).await.unwrap(), []);
    let theirs = store.add_entry(&other, &pain(at(1, 0), 2)).await.unwrap();
    assert_eq!(store.entries(&owner, &history).await.unwrap(), [entry]);
    assert_eq!(store.entries(&other, &history).await.unwrap(), [theirs]);
}

pub async fn another_person_cannot_see_sessions_plans_or_screenings(store: Arc<dyn Store>) {
    let owner = store.personal_context().await.unwrap();
    let other = other_person(&store, "other@example.org").await;
    let owner_plan = store.save_plan(&owner, &plan(at(1, 0), 600)).await.unwrap();
    store
        .add_session(&owner, &session(at(2, 0), Some(owner_plan.id)))
        .await
        .unwrap();
    store
        .add_screening(&owner, &screening(at(1, 0), "1"))
        .await
        .unwrap();

    assert!(store.sessions(&other, None).await.unwrap().is_empty());
    assert_eq!(store.active_plan(&other).await.unwrap(), None);
    assert_eq!(store.latest_screening(&other).await.unwrap(), None);

    let borrowed = store
        .add_session(&other, &session(at(3, 0), Some(owner_plan.id)))
        .await;
    assert!(is_not_found(&borrowed, "plan"), "{borrowed:?}");
    assert!(
        store.sessions(&other, None).await.unwrap().is_empty(),
        "nothing half-written"
    );

    store.save_plan(&other, &plan(at(3, 0), 300)).await.unwrap();
    let still = store.active_plan(&owner).await.unwrap().unwrap();
    assert_eq!(
        still.id, owner_plan.id,
        "another person's plan does not deactivate mine"
    );
    assert_eq!(store.sessions(&owner, None).await.unwrap().len(), 1);
}

pub async fn a_context_mixing_clinic_and_person_is_refused(store: Arc<dyn Store>) {
    let other = other_person(&store, "other@example.org").await;
    store.add_entry(&other, &pain(at(1, 0), 2)).await.unwrap();
    // The owner's clinic and user, but the other person: the person is not in that clinic.
    let local = store.local_principal().await.unwrap();
    #[allow(clippy::disallowed_methods)] // a forged context: what the store must refuse
    let mixed = TenantCtx::new(&local, other.person_id());
    let written = store.add_entry(&mixed, &pain(at(1, 0), 9)).await;
    assert!(is_not_found(&written, "person"), "{written:?}");
    let listed = store.entries(&mixed, &EntryFilter::default()).await;
    assert!(
        listed.map(|entries| entries.is_empty()).unwrap_or(true),
        "nothing leaks"
    );
    let history = EntryFilter {
        include_history: true,
        ..Default::default()
    };
    assert_eq!(store.entries(&other, &history).await.unwrap().len(), 1);
}
