//! A clinic's audit log for its admins on every backend: only the clinic's own rows, newest
//! first, paged by `before`, and the reading itself is audited.

use std::sync::Arc;

use knot_store::clinic_records::ClinicSettings;
use knot_store::{Role, Store};

use crate::fixtures::clinic_with_client;
use crate::local_ctx::clinic_ctx;

pub async fn a_clinics_audit_rows_are_its_own_newest_first_and_paged(store: Arc<dyn Store>) {
    let ours = clinic_with_client(&store).await;
    let stranger = store
        .create_account("audit@other.example", "Other", "$argon2id$v=19$fake-hash")
        .await
        .unwrap();
    let theirs = store
        .clinic()
        .create_clinic(stranger.user_id, "Other Clinic", &ClinicSettings::default())
        .await
        .unwrap();
    let other = clinic_ctx(theirs.id, stranger.user_id, Role::Admin);
    store.clinic().staff(&other).await.unwrap();

    let rows = store
        .clinic()
        .audit_rows(&ours.admin, 500, None)
        .await
        .unwrap();
    assert!(rows.iter().any(|row| row.record == "visit"), "{rows:?}");
    assert!(rows.windows(2).all(|pair| pair[0].id > pair[1].id));
    let theirs_rows = store.clinic().audit_rows(&other, 500, None).await.unwrap();
    assert!(theirs_rows
        .iter()
        .all(|row| row.user_id == stranger.user_id));
    assert!(theirs_rows
        .iter()
        .all(|row| row.person_id != Some(ours.client)));
    let ours_ids: Vec<i64> = rows.iter().map(|row| row.id).collect();
    assert!(theirs_rows.iter().all(|row| !ours_ids.contains(&row.id)));

    let page = store
        .clinic()
        .audit_rows(&ours.admin, 2, None)
        .await
        .unwrap();
    assert_eq!(page.len(), 2);
    let next = store
        .clinic()
        .audit_rows(&ours.admin, 2, Some(page[1].id))
        .await
        .unwrap();
    assert!(next.iter().all(|row| row.id < page[1].id));
    let latest = store
        .clinic()
        .audit_rows(&ours.admin, 1, None)
        .await
        .unwrap();
    assert_eq!(
        (latest[0].action.as_str(), latest[0].record.as_str()),
        ("read", "audit"),
        "reading the audit log is audited"
    );
}
