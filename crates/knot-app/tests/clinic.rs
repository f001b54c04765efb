//! A clinic through the application layer, on SQLite or (KNOT_TEST_BACKEND=postgres)
//! PostgreSQL: the access checks follow the one permission table (another clinic's staff get
//! `NotFound`, the front desk never reaches clinical data, a therapist reaches the clients they
//! treat unless the clinic says all), signing waits for consent, and a signed visit's stored
//! hash still matches after everything else a clinic does.

#![allow(clippy::unwrap_used)]

use std::sync::Arc;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use knot_app::{Actor, App, AppError, ClinicAction};
use knot_record::clinic::{
    ClientDetails, ClientHealth, ClinicSettings, NewConsent, NewFinding, NewTreatment, NewVisit,
    PainMark, SoapText,
};
use knot_record::{ClinicId, PersonId, Role, Side, TenantCtx, WebSession};
use knot_store::testing::TestDatabase;
use knot_store::Store;

async fn fresh_app(db: &TestDatabase) -> (App, Arc<dyn Store>) {
    let store = knot_store::open(db.url()).await.unwrap();
    (App::new(store.clone()), store)
}

async fn actor(app: &App, store: &Arc<dyn Store>, email: &str) -> Actor {
    let account = store
        .create_account(email, email, "$argon2id$v=19$fake-hash")
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
    // Clinic staff must have two-factor sign-in on before any clinic use case (the access
    // check refuses them otherwise); the sign-in step itself is knot-web's to test.
    store
        .enable_two_factor(account.user_id, "JBSWY3DPEHPK3PXP", 0, &[], now)
        .await
        .unwrap();
    app.signed_in(&session.token_hash, now)
        .await
        .unwrap()
        .unwrap()
        .actor
}

/// A practice: its admin, a therapist and a front desk (joined by invitation), and one client
/// the therapist treats.
struct Practice {
    clinic: ClinicId,
    admin: Actor,
    therapist: Actor,
    desk: Actor,
    client: PersonId,
}

async fn practice(app: &App, store: &Arc<dyn Store>, tag: &str) -> Practice {
    let admin = actor(app, store, &format!("admin@{tag}.example")).await;
    let clinic = app
        .create_clinic(&admin, &format!("{tag} clinic"))
        .await
        .unwrap();
    let inviting = app
        .clinic_ctx(&admin, clinic.id, ClinicAction::InviteStaff)
        .await
        .unwrap();
    let join = |role: Role, email: String| {
        let (app, store, inviting) = (app.clone(), store.clone(), inviting);
        async move {
            let invited = app
                .invite_staff(&inviting, role, &email, Utc::now())
                .await
                .unwrap();
            let member = actor(&app, &store, &email).await;
            app.accept_invitation(&member, &invited.token, Utc::now())
                .await
                .unwrap();
            let again = app
                .accept_invitation(&member, &invited.token, Utc::now())
                .await;
            assert!(matches!(again, Err(AppError::Conflict(_))), "{again:?}");
            member
        }
    };
    let therapist = join(Role::Therapist, format!("rmt@{tag}.example")).await;
    let desk = join(Role::FrontDesk, format!("desk@{tag}.example")).await;
    let desk_ctx = app
        .clinic_ctx(&desk, clinic.id, ClinicAction::EditContact)
        .await
        .unwrap();
    let client = app
        .add_client(
            &desk_ctx,
            &ClientDetails {
                display_name: "Cleo Client".into(),
                email: Some("cleo@example.org".into()),
                birth_date: NaiveDate::from_ymd_opt(1980, 5, 17),
                ..ClientDetails::default()
            },
        )
        .await
        .unwrap();
    let assigning = app
        .clinic_ctx(&admin, clinic.id, ClinicAction::AssignTherapist)
        .await
        .unwrap();
    app.assign_therapist(&assigning, client.person_id, therapist.principal().user_id)
        .await
        .unwrap();
    Practice {
        clinic: clinic.id,
        admin,
        therapist,
        desk,
        client: client.person_id,
    }
}

fn finding() -> NewFinding {
    NewFinding {
        trigger_point_id: "upper-trapezius-1".into(),
        side: Side::Right,
        tender: true,
        taut_band: true,
        referral_reproduced: true,
        referral_regions: vec![],
        twitch: false,
        jump_sign: false,
        ppt_kpa: Some(280),
        note: None,
    }
}

fn treatment() -> NewTreatment {
    NewTreatment {
        trigger_point_id: "upper-trapezius-1".into(),
        side: Side::Right,
        technique: "sustained-compression".into(),
        tool: "thumb".into(),
        discomfort: 6,
        hold_seconds: 60,
        passes: 2,
        response: "softened".into(),
    }
}

fn visit_at(day: u32) -> NewVisit {
    NewVisit {
        started_at: Utc.with_ymd_and_hms(2026, 11, day, 9, 0, 0).unwrap(),
        health_change: "none".into(),
    }
}

async fn clinical(app: &App, practice: &Practice, who: &Actor) -> Result<TenantCtx, AppError> {
    app.client_ctx(
        who,
        practice.clinic,
        practice.client,
        ClinicAction::ViewClinical,
    )
    .await
}

#[tokio::test]
async fn another_clinics_staff_get_not_found_for_everything() {
    let db = TestDatabase::from_env().unwrap();
    let (app, store) = fresh_app(&db).await;
    let ours = practice(&app, &store, "ours").await;
    let theirs = practice(&app, &store, "theirs").await;

    for action in ClinicAction::ALL {
        let clinic_wide = app.clinic_ctx(&theirs.admin, ours.clinic, action).await;
        assert!(
            matches!(clinic_wide, Err(AppError::NotFound { .. })),
            "{action:?}"
        );
        let client = app
            .client_ctx(&theirs.therapist, ours.clinic, ours.client, action)
            .await;
        assert!(
            matches!(client, Err(AppError::NotFound { .. })),
            "{action:?}"
        );
    }
    // Naming our client in their own clinic finds no one either.
    let crossed = app
        .client_ctx(
            &theirs.admin,
            theirs.clinic,
            ours.client,
            ClinicAction::ViewContact,
        )
        .await;
    assert!(
        matches!(crossed, Err(AppError::NotFound { .. })),
        "{crossed:?}"
    );
}

#[tokio::test]
async fn the_front_desk_sees_contact_details_but_never_clinical_data() {
    let db = TestDatabase::from_env().unwrap();
    let (app, store) = fresh_app(&db).await;
    let ours = practice(&app, &store, "ours").await;

    let contact = app
        .client_ctx(
            &ours.desk,
            ours.clinic,
            ours.client,
            ClinicAction::ViewContact,
        )
        .await
        .unwrap();
    assert_eq!(
        app.client(&contact).await.unwrap().details.display_name,
        "Cleo Client"
    );
    for action in [
        ClinicAction::ViewClinical,
        ClinicAction::WriteClinical,
        ClinicAction::SignVisit,
        ClinicAction::AddAddendum,
    ] {
        let refused = app
            .client_ctx(&ours.desk, ours.clinic, ours.client, action)
            .await;
        assert!(
            matches!(refused, Err(AppError::Forbidden)),
            "{action:?}: {refused:?}"
        );
    }
    // Even a context minted for contact work reads no clinical data (the store refuses too).
    let health = app.client_health(&contact).await;
    assert!(
        matches!(health, Err(AppError::NotFound { .. })),
        "{health:?}"
    );
    let list = app
        .clinic_ctx(&ours.desk, ours.clinic, ClinicAction::ViewClients)
        .await
        .unwrap();
    assert_eq!(app.list_clients(&list).await.unwrap().len(), 1);
    let staff = app
        .clinic_ctx(&ours.desk, ours.clinic, ClinicAction::ManageStaff)
        .await;
    assert!(matches!(staff, Err(AppError::Forbidden)), "{staff:?}");
}

#[tokio::test]
async fn a_therapist_reaches_only_clients_they_treat_unless_the_clinic_says_all() {
    let db = TestDatabase::from_env().unwrap();
    let (app, store) = fresh_app(&db).await;
    let ours = practice(&app, &store, "ours").await;
    let inviting = app
        .clinic_ctx(&ours.admin, ours.clinic, ClinicAction::InviteStaff)
        .await
        .unwrap();
    let invited = app
        .invite_staff(
            &inviting,
            Role::Therapist,
            "second@ours.example",
            Utc::now(),
        )
        .await
        .unwrap();
    let second = actor(&app, &store, "second@ours.example").await;
    app.accept_invitation(&second, &invited.token, Utc::now())
        .await
        .unwrap();

    assert!(clinical(&app, &ours, &ours.therapist).await.is_ok());
    let refused = clinical(&app, &ours, &second).await;
    assert!(matches!(refused, Err(AppError::Forbidden)), "{refused:?}");
    let listing = app
        .clinic_ctx(&second, ours.clinic, ClinicAction::ViewClients)
        .await
        .unwrap();
    assert!(app.list_clients(&listing).await.unwrap().is_empty());
    // The admin does not read clinical notes by default either.
    let admin = clinical(&app, &ours, &ours.admin).await;
    assert!(matches!(admin, Err(AppError::Forbidden)), "{admin:?}");

    let settings = app
        .clinic_ctx(&ours.admin, ours.clinic, ClinicAction::EditSettings)
        .await
        .unwrap();
    app.update_clinic_settings(
        &settings,
        &ClinicSettings {
            therapists_see_all: true,
            ..ClinicSettings::default()
        },
    )
    .await
    .unwrap();
    assert!(clinical(&app, &ours, &second).await.is_ok());
    assert_eq!(app.list_clients(&listing).await.unwrap().len(), 1);
    let admin = clinical(&app, &ours, &ours.admin).await;
    assert!(matches!(admin, Err(AppError::Forbidden)), "{admin:?}");

    // A removed therapist is no longer on the staff: NotFound.
    let managing = app
        .clinic_ctx(&ours.admin, ours.clinic, ClinicAction::ManageStaff)
        .await
        .unwrap();
    app.remove_staff(&managing, second.principal().user_id)
        .await
        .unwrap();
    let gone = clinical(&app, &ours, &second).await;
    assert!(matches!(gone, Err(AppError::NotFound { .. })), "{gone:?}");
}

#[tokio::test]
async fn signing_waits_for_general_consent_and_happens_once() {
    let db = TestDatabase::from_env().unwrap();
    let (app, store) = fresh_app(&db).await;
    let ours = practice(&app, &store, "ours").await;
    let ctx = clinical(&app, &ours, &ours.therapist).await.unwrap();

    let blank = app
        .start_visit(
            &ctx,
            &NewVisit {
                health_change: " ".into(),
                ..visit_at(2)
            },
            Utc::now(),
        )
        .await;
    assert!(matches!(blank, Err(AppError::Invalid { .. })), "{blank:?}");
    let started = app
        .start_visit(&ctx, &visit_at(2), Utc::now())
        .await
        .unwrap();
    assert!(
        started
            .warnings
            .iter()
            .any(|w| w.contains("health history")),
        "{:?}",
        started.warnings
    );
    let visit = started.visit.id;
    app.record_treatment(&ctx, visit, &treatment())
        .await
        .unwrap();
    let unconsented = app.sign_visit(&ctx, visit, Utc::now()).await;
    assert!(
        matches!(&unconsented, Err(AppError::Conflict(why)) if why.contains("general consent")),
        "{unconsented:?}"
    );
    app.record_consent(
        &ctx,
        &NewConsent {
            kind: "general".into(),
            given_by: "Cleo Client".into(),
            given_at: Utc::now() - Duration::minutes(5),
        },
    )
    .await
    .unwrap();
    let signed = app.sign_visit(&ctx, visit, Utc::now()).await.unwrap();
    assert!(signed.signature.is_some());
    let again = app.sign_visit(&ctx, visit, Utc::now()).await;
    assert!(matches!(again, Err(AppError::Conflict(_))), "{again:?}");
    let late = app.record_finding(&ctx, visit, &finding()).await;
    assert!(matches!(late, Err(AppError::Conflict(_))), "{late:?}");
    assert!(app.verify_visit(&ctx, visit).await.unwrap().matches());
}

#[tokio::test]
async fn a_signed_visits_hash_still_matches_after_everything_else() {
    let db = TestDatabase::from_env().unwrap();
    let (app, store) = fresh_app(&db).await;
    let ours = practice(&app, &store, "ours").await;
    let ctx = clinical(&app, &ours, &ours.therapist).await.unwrap();
    let consent = app
        .record_consent(
            &ctx,
            &NewConsent {
                kind: "general".into(),
                given_by: "Cleo Client".into(),
                given_at: Utc::now() - Duration::days(1),
            },
        )
        .await
        .unwrap();
    let first = app
        .start_visit(&ctx, &visit_at(2), Utc::now())
        .await
        .unwrap()
        .visit
        .id;
    app.save_pain_drawing(
        &ctx,
        first,
        &[PainMark {
            region: knot_body::Scheme::builtin().regions()[0].id.to_string(),
            intensity: 6,
        }],
    )
    .await
    .unwrap();
    app.record_finding(&ctx, first, &finding()).await.unwrap();
    app.record_treatment(&ctx, first, &treatment())
        .await
        .unwrap();
    app.set_soap(
        &ctx,
        first,
        &SoapText {
            subjective: "Headache".into(),
            ..SoapText::default()
        },
    )
    .await
    .unwrap();
    app.sign_visit(&ctx, first, Utc::now()).await.unwrap();

    let still_matches = |step: &'static str| {
        let (app, ctx) = (app.clone(), ctx);
        async move {
            let check = app.verify_visit(&ctx, first).await.unwrap();
            assert!(check.matches(), "after {step}: {check:?}");
        }
    };
    still_matches("signing").await;
    app.add_addendum(&ctx, first, Utc::now(), "Called: headache gone")
        .await
        .unwrap();
    still_matches("an addendum").await;
    let second = app
        .start_visit(&ctx, &visit_at(9), Utc::now())
        .await
        .unwrap()
        .visit
        .id;
    still_matches("a new visit").await;
    app.record_finding(&ctx, second, &finding()).await.unwrap();
    app.record_treatment(&ctx, second, &treatment())
        .await
        .unwrap();
    app.set_soap(&ctx, second, &SoapText::default())
        .await
        .unwrap();
    still_matches("findings on another visit").await;
    app.withdraw_consent(&ctx, consent.id, Utc::now(), "asked to stop")
        .await
        .unwrap();
    still_matches("consent withdrawal").await;
    app.record_intake(
        &ctx,
        &ClientHealth {
            health_history: "migraine".into(),
            medications: "none".into(),
        },
    )
    .await
    .unwrap();
    let contact = app
        .client_ctx(
            &ours.desk,
            ours.clinic,
            ours.client,
            ClinicAction::EditContact,
        )
        .await
        .unwrap();
    app.update_client(
        &contact,
        &ClientDetails {
            display_name: "Cleo C. Client".into(),
            ..ClientDetails::default()
        },
    )
    .await
    .unwrap();
    still_matches("client edits").await;
    let history = app.client_history(&ctx, second).await.unwrap();
    assert_eq!(history.points.len(), 1);
    assert_eq!(history.points[0].visits.len(), 2, "{history:?}");
    assert_eq!(history.last_drawing.as_ref().map(Vec::len), Some(1));
    still_matches("reading the history").await;
}

#[tokio::test]
async fn a_sensitive_area_without_its_consent_blocks_signing() {
    let db = TestDatabase::from_env().unwrap();
    let (app, store) = fresh_app(&db).await;
    let ours = practice(&app, &store, "ours").await;
    let ctx = clinical(&app, &ours, &ours.therapist).await.unwrap();
    let (point, area) = knot_atlas::Atlas::builtin()
        .trigger_points()
        .iter()
        .find_map(|tp| {
            let areas = knot_care::clinic::sensitive_areas_of_trigger_point(tp);
            areas.first().map(|area| (tp, *area))
        })
        .unwrap();
    let consent = |kind: &str| NewConsent {
        kind: kind.into(),
        given_by: "Cleo Client".into(),
        given_at: Utc::now() - Duration::minutes(5),
    };
    app.record_consent(&ctx, &consent("general")).await.unwrap();
    let visit = app
        .start_visit(&ctx, &visit_at(2), Utc::now())
        .await
        .unwrap()
        .visit
        .id;
    app.record_treatment(
        &ctx,
        visit,
        &NewTreatment {
            trigger_point_id: point.id.clone(),
            side: point.side,
            ..treatment()
        },
    )
    .await
    .unwrap();
    let refused = app.sign_visit(&ctx, visit, Utc::now()).await;
    assert!(
        matches!(&refused, Err(AppError::Conflict(why)) if why.contains(area.name())),
        "{refused:?}"
    );
    app.record_consent(&ctx, &consent(area.as_str()))
        .await
        .unwrap();
    app.sign_visit(&ctx, visit, Utc::now()).await.unwrap();
    assert!(app.verify_visit(&ctx, visit).await.unwrap().matches());
}

#[tokio::test]
async fn deleting_a_client_before_the_retention_date_is_refused_with_the_date() {
    let db = TestDatabase::from_env().unwrap();
    let (app, store) = fresh_app(&db).await;
    let ours = practice(&app, &store, "ours").await;
    let ctx = clinical(&app, &ours, &ours.therapist).await.unwrap();
    app.start_visit(&ctx, &visit_at(2), Utc::now())
        .await
        .unwrap();
    // The therapist may not delete; the admin may, once the period is over.
    let therapist = app
        .client_ctx(
            &ours.therapist,
            ours.clinic,
            ours.client,
            ClinicAction::DeleteClient,
        )
        .await;
    assert!(
        matches!(therapist, Err(AppError::Forbidden)),
        "{therapist:?}"
    );
    let admin = app
        .client_ctx(
            &ours.admin,
            ours.clinic,
            ours.client,
            ClinicAction::DeleteClient,
        )
        .await
        .unwrap();
    let early = app.delete_client(&admin, Utc::now()).await;
    assert!(
        matches!(&early, Err(AppError::Conflict(why)) if why.contains("2036-11-02")),
        "{early:?}"
    );
    let later = Utc.with_ymd_and_hms(2036, 11, 3, 0, 0, 0).unwrap();
    app.delete_client(&admin, later).await.unwrap();
    let gone = clinical(&app, &ours, &ours.therapist).await;
    assert!(matches!(gone, Err(AppError::NotFound { .. })), "{gone:?}");
}

#[tokio::test]
async fn a_clients_screening_is_the_self_care_screening_taken_by_their_therapist() {
    let db = TestDatabase::from_env().unwrap();
    let (app, store) = fresh_app(&db).await;
    let ours = practice(&app, &store, "ours").await;
    let ctx = clinical(&app, &ours, &ours.therapist).await.unwrap();
    let taken = app
        .save_screening(
            &ctx,
            &knot_record::NewScreening {
                taken_at: Utc::now() - Duration::minutes(1),
                answers: Default::default(),
                pain_regions: vec![],
                local_regions: vec![],
                rules_version: "test".into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(
        taken.screening.created_by,
        ours.therapist.principal().user_id
    );
    give_general_consent(&app, &ctx).await;
    let started = app
        .start_visit(&ctx, &visit_at(3), Utc::now())
        .await
        .unwrap();
    assert!(started.warnings.is_empty(), "{:?}", started.warnings);
}

async fn give_general_consent(app: &App, ctx: &TenantCtx) -> knot_record::clinic::Consent {
    app.record_consent(
        ctx,
        &NewConsent {
            kind: "general".into(),
            given_by: "Cleo Client".into(),
            given_at: Utc::now() - Duration::days(1),
        },
    )
    .await
    .unwrap()
}

#[tokio::test]
async fn opening_a_visit_refuses_an_unanswered_health_question_and_warns_of_the_rest() {
    let db = TestDatabase::from_env().unwrap();
    let (app, store) = fresh_app(&db).await;
    let ours = practice(&app, &store, "ours").await;
    let ctx = clinical(&app, &ours, &ours.therapist).await.unwrap();
    let blank = app
        .start_visit(
            &ctx,
            &NewVisit {
                health_change: "  ".into(),
                ..visit_at(2)
            },
            Utc::now(),
        )
        .await;
    assert!(
        matches!(&blank, Err(AppError::Invalid { problems, .. })
            if problems.iter().all(|p| p.starts_with("health_change: "))),
        "{blank:?}"
    );
    let changed = app
        .start_visit(
            &ctx,
            &NewVisit {
                health_change: "Started warfarin last week".into(),
                ..visit_at(2)
            },
            Utc::now(),
        )
        .await
        .unwrap();
    let warnings = changed.warnings.join("\n");
    assert!(warnings.contains("update the health history"), "{warnings}");
    assert!(warnings.contains("never been reviewed"), "{warnings}");
    assert!(warnings.contains("consent"), "{warnings}");
}

#[tokio::test]
async fn findings_and_treatments_are_validated_by_field_and_come_back_with_warnings() {
    let db = TestDatabase::from_env().unwrap();
    let (app, store) = fresh_app(&db).await;
    let ours = practice(&app, &store, "ours").await;
    let ctx = clinical(&app, &ours, &ours.therapist).await.unwrap();
    let visit = app
        .start_visit(&ctx, &visit_at(2), Utc::now())
        .await
        .unwrap()
        .visit
        .id;
    let bad = app
        .record_finding(
            &ctx,
            visit,
            &NewFinding {
                trigger_point_id: "upper-trapezius-9".into(),
                referral_reproduced: false,
                referral_regions: vec!["right-temple".into()],
                ppt_kpa: Some(5000),
                ..finding()
            },
        )
        .await;
    let Err(AppError::Invalid { problems, .. }) = bad else {
        panic!("{bad:?}")
    };
    for field in ["trigger_point", "referred_to", "pressure_threshold_kpa"] {
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with(&format!("{field}: "))),
            "{field}: {problems:?}"
        );
    }
    let bad = app
        .record_treatment(
            &ctx,
            visit,
            &NewTreatment {
                technique: "kneading-with-elbows".into(),
                discomfort: 11,
                ..treatment()
            },
        )
        .await;
    let Err(AppError::Invalid { problems, .. }) = bad else {
        panic!("{bad:?}")
    };
    assert!(
        problems.iter().any(|p| p.starts_with("technique: ")),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.starts_with("discomfort: ")),
        "{problems:?}"
    );
    assert!(app
        .read_visit(&ctx, visit)
        .await
        .unwrap()
        .findings
        .is_empty());

    // No screening on record: the rules flag every entry as it is charted.
    let charted = app.record_finding(&ctx, visit, &finding()).await.unwrap();
    assert!(!charted.warnings.is_empty());
    let charted = app
        .record_treatment(&ctx, visit, &treatment())
        .await
        .unwrap();
    assert!(!charted.warnings.is_empty());
    assert_eq!(charted.treatment.treatment, treatment());
}

#[tokio::test]
async fn the_soap_draft_reads_the_chart_and_saves_nothing() {
    let db = TestDatabase::from_env().unwrap();
    let (app, store) = fresh_app(&db).await;
    let ours = practice(&app, &store, "ours").await;
    let ctx = clinical(&app, &ours, &ours.therapist).await.unwrap();
    let visit = app
        .start_visit(&ctx, &visit_at(2), Utc::now())
        .await
        .unwrap()
        .visit
        .id;
    app.save_pain_drawing(
        &ctx,
        visit,
        &[PainMark {
            region: "right-temple".into(),
            intensity: 6,
        }],
    )
    .await
    .unwrap();
    app.record_finding(&ctx, visit, &finding()).await.unwrap();
    app.record_treatment(&ctx, visit, &treatment())
        .await
        .unwrap();
    let drafted = app.draft_soap(&ctx, visit).await.unwrap();
    assert!(!drafted.signed);
    assert!(
        drafted.draft.subjective.contains("6/10"),
        "{:?}",
        drafted.draft
    );
    assert!(
        drafted.draft.subjective.contains("no change reported"),
        "{:?}",
        drafted.draft
    );
    assert!(
        drafted.draft.objective.contains("Palpation"),
        "{:?}",
        drafted.draft
    );
    assert!(!drafted.draft.plan.is_empty());
    let stored = app.read_visit(&ctx, visit).await.unwrap();
    assert_eq!(stored.visit.soap, SoapText::default());

    give_general_consent(&app, &ctx).await;
    app.sign_visit(&ctx, visit, Utc::now()).await.unwrap();
    assert!(app.draft_soap(&ctx, visit).await.unwrap().signed);
}

#[tokio::test]
async fn a_withdrawn_consent_refuses_signing_with_the_reason() {
    let db = TestDatabase::from_env().unwrap();
    let (app, store) = fresh_app(&db).await;
    let ours = practice(&app, &store, "ours").await;
    let ctx = clinical(&app, &ours, &ours.therapist).await.unwrap();
    let consent = give_general_consent(&app, &ctx).await;
    let visit = app
        .start_visit(&ctx, &visit_at(2), Utc::now())
        .await
        .unwrap()
        .visit
        .id;
    app.record_treatment(&ctx, visit, &treatment())
        .await
        .unwrap();
    app.withdraw_consent(
        &ctx,
        consent.id,
        Utc::now() - Duration::hours(1),
        "asked to stop",
    )
    .await
    .unwrap();
    let refused = app.sign_visit(&ctx, visit, Utc::now()).await;
    assert!(
        matches!(&refused, Err(AppError::Conflict(why))
            if why.starts_with("the visit cannot be signed yet") && why.contains("general consent")),
        "{refused:?}"
    );
    assert!(app
        .read_visit(&ctx, visit)
        .await
        .unwrap()
        .visit
        .signature
        .is_none());
}

/// A withdrawal racing a signature: either the withdrawal commits first and signing is refused,
/// or the signature commits first and the withdrawal after it (the audit chain records commits
/// of one clinic in order). Never a signature over a consent already withdrawn.
#[tokio::test]
async fn a_withdrawal_racing_a_signature_is_either_seen_or_later() {
    let db = TestDatabase::from_env().unwrap();
    let (app, store) = fresh_app(&db).await;
    let ours = practice(&app, &store, "ours").await;
    let ctx = clinical(&app, &ours, &ours.therapist).await.unwrap();
    let (mut signed, mut refused) = (0, 0);
    for day in 1..=16 {
        let consent = give_general_consent(&app, &ctx).await;
        let visit = app
            .start_visit(&ctx, &visit_at(day), Utc::now())
            .await
            .unwrap()
            .visit
            .id;
        app.record_treatment(&ctx, visit, &treatment())
            .await
            .unwrap();
        // Withdrawn (as recorded) before the treatment, so a signature that saw it must refuse.
        let withdrawn_at = consent.consent.given_at + Duration::minutes(1);
        let (withdrawal, signature) = tokio::join!(
            {
                let (app, ctx) = (app.clone(), ctx);
                tokio::spawn(async move {
                    // Staggered so that some rounds the signature starts first.
                    let lag = std::time::Duration::from_micros(1_500 * u64::from(day % 4));
                    tokio::time::sleep(lag).await;
                    app.withdraw_consent(&ctx, consent.id, withdrawn_at, "race")
                        .await
                })
            },
            {
                let (app, ctx) = (app.clone(), ctx);
                tokio::spawn(async move { app.sign_visit(&ctx, visit, Utc::now()).await })
            },
        );
        withdrawal.unwrap().unwrap();
        match signature.unwrap() {
            Err(AppError::Conflict(why)) => {
                assert!(why.contains("general consent"), "{why}");
                refused += 1;
            }
            Err(other) => panic!("{other:?}"),
            Ok(_) => {
                let log = store.audit_log(&ctx, 10_000).await.unwrap();
                let position = |record: &str, id: i64| {
                    log.iter()
                        .find(|e| e.record == record && e.record_id == Some(id))
                        .map(|e| e.id)
                        .unwrap_or_else(|| panic!("no {record} {id} in the audit log"))
                };
                let withdrawal = log
                    .iter()
                    .filter(|e| e.record == "consent" && e.record_id == Some(consent.id))
                    .map(|e| e.id)
                    .max()
                    .unwrap();
                assert!(
                    position("visit-signature", visit) < withdrawal,
                    "signed over a consent withdrawn before the signature committed"
                );
                assert!(app.verify_visit(&ctx, visit).await.unwrap().matches());
                signed += 1;
            }
        }
    }
    eprintln!("{signed} signed first, {refused} refused");
}

#[tokio::test]
async fn a_therapist_who_adds_a_client_treats_them_and_is_listed_as_their_therapist() {
    let db = TestDatabase::from_env().unwrap();
    let (app, store) = fresh_app(&db).await;
    let ours = practice(&app, &store, "adds").await;
    let adding = app
        .clinic_ctx(&ours.therapist, ours.clinic, ClinicAction::EditContact)
        .await
        .unwrap();
    let client = app
        .add_client(
            &adding,
            &ClientDetails {
                display_name: "Walk In".into(),
                ..ClientDetails::default()
            },
        )
        .await
        .unwrap();
    app.client_ctx(
        &ours.therapist,
        ours.clinic,
        client.person_id,
        ClinicAction::WriteClinical,
    )
    .await
    .unwrap();
    let treating = app
        .client_therapists(&adding, client.person_id)
        .await
        .unwrap();
    let ids: Vec<_> = treating.iter().map(|m| m.user_id).collect();
    assert_eq!(ids, vec![ours.therapist.principal().user_id]);
    // The front desk adding a client assigns nobody.
    let desk = app
        .clinic_ctx(&ours.desk, ours.clinic, ClinicAction::EditContact)
        .await
        .unwrap();
    let booked = app
        .add_client(
            &desk,
            &ClientDetails {
                display_name: "Booked Ahead".into(),
                ..ClientDetails::default()
            },
        )
        .await
        .unwrap();
    assert!(app
        .client_therapists(&desk, booked.person_id)
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn short_deep_strokes_are_charted_in_passes_without_a_hold() {
    let db = TestDatabase::from_env().unwrap();
    let (app, store) = fresh_app(&db).await;
    let ours = practice(&app, &store, "ours").await;
    let ctx = clinical(&app, &ours, &ours.therapist).await.unwrap();
    let visit = app
        .start_visit(&ctx, &visit_at(2), Utc::now())
        .await
        .unwrap()
        .visit
        .id;
    let strokes = NewTreatment {
        technique: knot_care::plan::STROKING.into(),
        hold_seconds: 0,
        passes: 10,
        ..treatment()
    };
    let charted = app.record_treatment(&ctx, visit, &strokes).await.unwrap();
    assert_eq!(charted.treatment.treatment, strokes);
    let held = app
        .record_treatment(
            &ctx,
            visit,
            &NewTreatment {
                hold_seconds: 30,
                ..strokes.clone()
            },
        )
        .await;
    let Err(AppError::Invalid { problems, .. }) = held else {
        panic!("{held:?}")
    };
    assert!(
        problems.iter().any(|p| p.starts_with("hold_seconds: ")),
        "{problems:?}"
    );
    assert_eq!(
        app.read_visit(&ctx, visit).await.unwrap().treatments.len(),
        1
    );
}

#[tokio::test]
async fn a_stranger_without_two_factor_still_finds_nothing() {
    let db = TestDatabase::from_env().unwrap();
    let (app, store) = fresh_app(&db).await;
    let ours = practice(&app, &store, "ours").await;
    let email = "no-second-step@example.org";
    let account = store
        .create_account(email, email, "$argon2id$v=19$fake-hash")
        .await
        .unwrap();
    let now = Utc::now();
    let session = WebSession {
        token_hash: "hash-without-two-factor".into(),
        user_id: account.user_id,
        csrf_token: "csrf".into(),
        created_at: now,
        expires_at: now + Duration::hours(1),
    };
    store.create_web_session(&session).await.unwrap();
    let stranger = app
        .signed_in(&session.token_hash, now)
        .await
        .unwrap()
        .unwrap()
        .actor;
    // Not on the staff: not found, whatever the two-factor state.
    let outside = app
        .clinic_ctx(&stranger, ours.clinic, ClinicAction::ViewClients)
        .await;
    assert!(
        matches!(outside, Err(AppError::NotFound { .. })),
        "{outside:?}"
    );
}
