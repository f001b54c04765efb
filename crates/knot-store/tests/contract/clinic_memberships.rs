//! The clinics an account works in, on every backend: only current memberships of practices
//! (not the personal clinic, not one left), each with its role.

use std::sync::Arc;

use knot_store::{Role, Store};

use crate::fixtures::clinic_with_client;

pub async fn an_account_lists_only_the_clinics_it_is_on_the_staff_of(store: Arc<dyn Store>) {
    let ours = clinic_with_client(&store).await;
    let clinic = store.clinic();
    let mine = clinic
        .staff_clinics(ours.therapist.user_id())
        .await
        .unwrap();
    assert_eq!(mine.len(), 1, "{mine:?}");
    assert_eq!(mine[0].0.id, ours.clinic.id);
    assert_eq!(mine[0].1, Role::Therapist);
    let stranger = store
        .create_account("alone@example.org", "Alone", "$argon2id$v=19$fake-hash")
        .await
        .unwrap();
    assert!(clinic
        .staff_clinics(stranger.user_id)
        .await
        .unwrap()
        .is_empty());
    clinic
        .remove_staff(&ours.admin, ours.front_desk.user_id())
        .await
        .unwrap();
    assert!(clinic
        .staff_clinics(ours.front_desk.user_id())
        .await
        .unwrap()
        .is_empty());
}
