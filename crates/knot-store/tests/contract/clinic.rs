//! A clinic's records on every backend: another clinic sees nothing, the front desk never
//! reaches clinical data, a signed visit refuses every change (and a second signature) while
//! its stored hash keeps matching, an invitation works once even when raced, and every read and
//! change of a client's records is audited.

use std::sync::Arc;

use chrono::{Duration, Utc};
use knot_store::clinic_records::{
    ClientHealth, ClinicSettings, NewConsent, NewInvitation, PainMark, SoapText,
};
use knot_store::{Role, Store, StoreError, VisitChange};

use crate::fixtures::{
    at, clinic_with_client, consent_seal, finding, join, seal, seal_hash, treatment,
};
use crate::local_ctx::{client_ctx, clinic_ctx};

fn is_not_found<T: std::fmt::Debug>(result: &Result<T, StoreError>) -> bool {
    matches!(result, Err(StoreError::NotFound { .. }))
}

fn is_conflict<T: std::fmt::Debug>(result: &Result<T, StoreError>) -> bool {
    matches!(result, Err(StoreError::Conflict(_)))
}

pub async fn another_clinic_sees_nothing_of_a_clinics_clients(store: Arc<dyn Store>) {
    let ours = clinic_with_client(&store).await;
    let stranger = store
        .create_account(
            "admin@other.example",
            "Other admin",
            "$argon2id$v=19$fake-hash",
        )
        .await
        .unwrap();
    let theirs = store
        .clinic()
        .create_clinic(stranger.user_id, "Other Clinic", &ClinicSettings::default())
        .await
        .unwrap();
    let other = clinic_ctx(theirs.id, stranger.user_id, Role::Admin);
    let clinic = store.clinic();

    assert!(clinic.clients(&other, None).await.unwrap().is_empty());
    assert_eq!(
        clinic
            .membership(ours.clinic.id, stranger.user_id)
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        clinic
            .client_access(theirs.id, stranger.user_id, ours.client)
            .await
            .unwrap(),
        None
    );
    // Their context naming our client: nothing to read, nothing to change.
    let reaching = client_ctx(&other, ours.client);
    assert!(is_not_found(&clinic.client(&reaching).await));
    assert!(is_not_found(&clinic.client_health(&reaching).await));
    assert!(is_not_found(&clinic.visit(&reaching, ours.visit.id).await));
    assert!(is_not_found(&clinic.visits(&reaching).await));
    assert!(is_not_found(&clinic.consents(&reaching).await));
    assert!(is_not_found(
        &clinic
            .add_finding(&reaching, ours.visit.id, &finding(None))
            .await
    ));
    let started = clinic
        .start_visit(
            &reaching,
            &knot_store::clinic_records::NewVisit {
                started_at: at(11, 0),
                health_change: "none".into(),
            },
        )
        .await;
    assert!(is_not_found(&started), "{started:?}");
    assert!(is_not_found(
        &clinic.remove_staff(&other, ours.therapist.user_id()).await
    ));
    let assigned = clinic
        .assign_therapist(&other, ours.client, stranger.user_id)
        .await;
    assert!(is_not_found(&assigned), "{assigned:?}");
    // Our side is as it was.
    assert_eq!(clinic.visits(&ours.treating).await.unwrap().len(), 1);
    assert_eq!(clinic.clients(&ours.admin, None).await.unwrap().len(), 1);
}

pub async fn the_front_desk_never_reaches_clinical_data(store: Arc<dyn Store>) {
    let ours = clinic_with_client(&store).await;
    let clinic = store.clinic();
    let desk = client_ctx(&ours.front_desk, ours.client);

    let contact = clinic.client(&desk).await.unwrap();
    assert_eq!(contact.details.display_name, "Cleo Client");
    assert!(is_not_found(&clinic.client_health(&desk).await));
    assert!(is_not_found(&clinic.visits(&desk).await));
    assert!(is_not_found(&clinic.visit(&desk, ours.visit.id).await));
    assert!(is_not_found(&clinic.consents(&desk).await));
    assert!(is_not_found(
        &clinic
            .set_client_health(&desk, &ClientHealth::default())
            .await
    ));
    assert!(is_not_found(
        &clinic
            .add_finding(&desk, ours.visit.id, &finding(None))
            .await
    ));
    // Only therapists and admins can be assigned to treat.
    let assigned = clinic
        .assign_therapist(&ours.admin, ours.client, ours.front_desk.user_id())
        .await;
    assert!(
        matches!(assigned, Err(StoreError::Invalid(_))),
        "{assigned:?}"
    );
}

pub async fn a_signed_visit_refuses_changes_and_a_second_signature(store: Arc<dyn Store>) {
    let ours = clinic_with_client(&store).await;
    let clinic = store.clinic();
    let (ctx, visit) = (&ours.treating, ours.visit.id);
    clinic
        .add_finding(ctx, visit, &finding(Some(310)))
        .await
        .unwrap();
    clinic
        .add_treatment(ctx, visit, &treatment("softened"))
        .await
        .unwrap();
    let drawing = vec![PainMark {
        region: "temple-right".into(),
        intensity: 6,
    }];
    clinic
        .change_visit(ctx, visit, &VisitChange::PainDrawing(drawing.clone()))
        .await
        .unwrap();
    let soap = SoapText {
        subjective: "Headache at the right temple".into(),
        objective: "TrP right upper trapezius".into(),
        assessment: "Referral reproduced".into(),
        plan: "Home stretch".into(),
    };
    clinic
        .change_visit(ctx, visit, &VisitChange::Soap(soap.clone()))
        .await
        .unwrap();
    let unsigned = clinic
        .add_addendum(ctx, visit, at(10, 30), "too early")
        .await;
    assert!(is_conflict(&unsigned), "{unsigned:?}");

    let signed = clinic
        .sign_visit(ctx, visit, at(10, 45), seal())
        .await
        .unwrap();
    let signature = signed.signature.clone().unwrap();
    assert_eq!(signature.signed_by, ours.therapist.user_id());
    assert_eq!(signed.pain_drawing, drawing);
    assert_eq!(signed.soap, soap);

    let again = clinic.sign_visit(ctx, visit, at(10, 50), seal()).await;
    assert!(is_conflict(&again), "{again:?}");
    for change in [
        VisitChange::PainDrawing(vec![]),
        VisitChange::RangeOfMotion(vec![]),
        VisitChange::Soap(SoapText::default()),
    ] {
        let refused = clinic.change_visit(ctx, visit, &change).await;
        assert!(is_conflict(&refused), "{change:?}: {refused:?}");
    }
    assert!(is_conflict(
        &clinic.add_finding(ctx, visit, &finding(None)).await
    ));
    assert!(is_conflict(
        &clinic.add_treatment(ctx, visit, &treatment("x")).await
    ));

    let addendum = clinic
        .add_addendum(ctx, visit, at(12, 0), "Client called: headache gone")
        .await
        .unwrap();
    let record = clinic.visit(ctx, visit).await.unwrap();
    assert_eq!(record.addenda, [addendum]);
    assert_eq!(
        record.visit, signed,
        "an addendum leaves the signed visit as it was"
    );
    assert_eq!(
        seal_hash(&record, signature.signed_at, signature.signed_by),
        signature.hash,
        "the stored hash still matches what is stored"
    );
}

pub async fn an_invitation_is_accepted_once_even_when_raced(store: Arc<dyn Store>) {
    let ours = clinic_with_client(&store).await;
    let clinic = store.clinic();
    let invite = |hash: &str, expires_in: Duration| NewInvitation {
        role: Role::Therapist,
        email: "new@clinic.example".into(),
        token_hash: hash.into(),
        expires_at: Utc::now() + expires_in,
    };
    clinic
        .create_invitation(&ours.admin, &invite("raced", Duration::days(1)))
        .await
        .unwrap();
    let mut users = Vec::new();
    for n in 0..8 {
        let account = store
            .create_account(
                &format!("racer{n}@example.org"),
                "Racer",
                "$argon2id$v=19$h",
            )
            .await
            .unwrap();
        users.push(account.user_id);
    }
    let racers = users.iter().map(|&user| {
        let store = store.clone();
        tokio::spawn(async move {
            store
                .clinic()
                .accept_invitation("raced", user, Utc::now())
                .await
        })
    });
    let mut won = 0;
    for racer in racers {
        match racer.await.unwrap() {
            Ok(joined) => {
                won += 1;
                assert_eq!(joined.role, Role::Therapist);
            }
            Err(StoreError::Conflict(_)) | Err(StoreError::Busy(_)) => {}
            Err(other) => panic!("unexpected: {other:?}"),
        }
    }
    assert_eq!(won, 1, "one token, one member of staff");
    let unknown = clinic
        .accept_invitation("no-such", users[0], Utc::now())
        .await;
    assert!(is_not_found(&unknown), "{unknown:?}");
    clinic
        .create_invitation(&ours.admin, &invite("stale", Duration::seconds(-1)))
        .await
        .unwrap();
    let stale = clinic
        .accept_invitation("stale", users[0], Utc::now())
        .await;
    assert!(is_conflict(&stale), "{stale:?}");
    let duplicate = clinic
        .create_invitation(&ours.admin, &invite("raced", Duration::days(1)))
        .await;
    assert!(is_conflict(&duplicate), "{duplicate:?}");
    // Staff: owner, therapist, front desk and the winner.
    assert_eq!(clinic.staff(&ours.admin).await.unwrap().len(), 4);
}

pub async fn staff_leave_but_the_last_admin_stays(store: Arc<dyn Store>) {
    let ours = clinic_with_client(&store).await;
    let clinic = store.clinic();
    clinic
        .remove_staff(&ours.admin, ours.therapist.user_id())
        .await
        .unwrap();
    assert_eq!(
        clinic
            .membership(ours.clinic.id, ours.therapist.user_id())
            .await
            .unwrap(),
        None
    );
    let removed_twice = clinic
        .remove_staff(&ours.admin, ours.therapist.user_id())
        .await;
    assert!(is_not_found(&removed_twice), "{removed_twice:?}");
    let last = clinic.remove_staff(&ours.admin, ours.admin.user_id()).await;
    assert!(is_conflict(&last), "{last:?}");
    let second = join(&store, &ours.admin, "second@clinic.example", Role::Admin).await;
    clinic
        .remove_staff(&second, ours.admin.user_id())
        .await
        .unwrap();
    let staff = clinic.staff(&second).await.unwrap();
    assert_eq!(staff.iter().filter(|m| m.removed_at.is_none()).count(), 2);
}

pub async fn consent_is_given_and_withdrawn_once(store: Arc<dyn Store>) {
    let ours = clinic_with_client(&store).await;
    let clinic = store.clinic();
    let given = clinic
        .add_consent(
            &ours.treating,
            &NewConsent {
                kind: "buttocks".into(),
                given_by: "Cleo Client".into(),
                given_at: at(10, 1),
            },
        )
        .await
        .unwrap();
    assert!(given.in_force_at(at(10, 2)));
    let withdrawn = clinic
        .withdraw_consent(&ours.treating, given.id, at(10, 20), "asked to stop")
        .await
        .unwrap();
    assert!(!withdrawn.in_force_at(at(10, 21)));
    assert!(withdrawn.in_force_at(at(10, 19)));
    assert_eq!(
        withdrawn.withdrawn_recorded_by,
        Some(ours.therapist.user_id())
    );
    let twice = clinic
        .withdraw_consent(&ours.treating, given.id, at(10, 25), "again")
        .await;
    assert!(is_conflict(&twice), "{twice:?}");
    assert_eq!(clinic.consents(&ours.treating).await.unwrap(), [withdrawn]);
}

/// The seal judges the consents as read in the signing transaction: a withdrawal recorded
/// before signing is seen, and the seal's reason is the store's refusal.
pub async fn signing_sees_a_withdrawal_and_refuses_with_the_seals_reason(store: Arc<dyn Store>) {
    let ours = clinic_with_client(&store).await;
    let clinic = store.clinic();
    let (ctx, visit) = (&ours.treating, ours.visit.id);
    let given = clinic
        .add_consent(
            ctx,
            &NewConsent {
                kind: "general".into(),
                given_by: "Cleo Client".into(),
                given_at: at(9, 0),
            },
        )
        .await
        .unwrap();
    clinic
        .withdraw_consent(ctx, given.id, at(10, 20), "asked to stop")
        .await
        .unwrap();
    let refused = clinic
        .sign_visit(ctx, visit, at(10, 45), consent_seal())
        .await;
    assert!(
        matches!(&refused, Err(StoreError::Conflict(why)) if why == "no consent in force"),
        "{refused:?}"
    );
    assert!(clinic
        .visit(ctx, visit)
        .await
        .unwrap()
        .visit
        .signature
        .is_none());
    let signed = clinic
        .sign_visit(ctx, visit, at(10, 10), consent_seal())
        .await
        .unwrap();
    assert!(signed.signature.is_some());
}

pub async fn clinic_reads_and_changes_are_audited(store: Arc<dyn Store>) {
    let ours = clinic_with_client(&store).await;
    let clinic = store.clinic();
    let ctx = &ours.treating;
    clinic
        .set_client_health(
            ctx,
            &ClientHealth {
                health_history: "migraine".into(),
                medications: "none".into(),
            },
        )
        .await
        .unwrap();
    clinic.client_health(ctx).await.unwrap();
    clinic.visit(ctx, ours.visit.id).await.unwrap();
    let log = store.audit_log(ctx, 50).await.unwrap();
    let seen: Vec<(String, String)> = log
        .iter()
        .map(|event| (event.action.clone(), event.record.clone()))
        .collect();
    for expected in [
        ("create", "client"),
        ("create", "visit"),
        ("correct", "client-health"),
        ("read", "client-health"),
        ("read", "visit"),
    ] {
        assert!(
            seen.iter().any(|(a, r)| a == expected.0 && r == expected.1),
            "{expected:?} missing from {seen:?}"
        );
    }
    assert!(log
        .iter()
        .filter(|event| event.record.starts_with("visit") || event.record == "client-health")
        .all(|event| event.user_id == ours.therapist.user_id()));
}

pub async fn listing_visits_keeps_each_visits_charting_with_it(store: Arc<dyn Store>) {
    use knot_store::clinic_records::NewVisit;
    let ours = clinic_with_client(&store).await;
    let clinic = store.clinic();
    let ctx = &ours.treating;
    let second = clinic
        .start_visit(
            ctx,
            &NewVisit {
                started_at: at(17, 0),
                health_change: "slept badly".into(),
            },
        )
        .await
        .unwrap();
    clinic
        .add_finding(ctx, ours.visit.id, &finding(Some(280)))
        .await
        .unwrap();
    clinic
        .add_treatment(ctx, second.id, &treatment("eased"))
        .await
        .unwrap();
    clinic
        .add_treatment(ctx, ours.visit.id, &treatment("softened"))
        .await
        .unwrap();
    clinic
        .add_finding(ctx, second.id, &finding(Some(330)))
        .await
        .unwrap();

    let listed = clinic.visits(ctx).await.unwrap();
    let ids: Vec<_> = listed.iter().map(|r| r.visit.id).collect();
    assert_eq!(ids, [ours.visit.id, second.id], "oldest first");
    for record in &listed {
        assert_eq!(record, &clinic.visit(ctx, record.visit.id).await.unwrap());
    }
    assert_eq!(listed[0].findings[0].finding.ppt_kpa, Some(280));
    assert_eq!(listed[1].treatments[0].treatment.response, "eased");
}
