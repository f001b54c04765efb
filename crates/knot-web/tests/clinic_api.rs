//! The clinic API end to end: create a clinic, invite a therapist who joins by the one-time
//! token, add a client, record intake and consent, open a visit, chart findings, treatments
//! and the note, sign it (once: again is 409), add an addendum, verify the hash, and read the
//! audit log naming who read and changed what. Also: a used or unknown token, signing without
//! consent, and deleting before retention are refused with the reason.

mod clinic;
mod signed_in;
mod support;

use axum::http::{Method, StatusCode};
use serde_json::json;

use clinic::{join, ok, send};
use signed_in::{app, sign_up_staff};

#[tokio::test]
async fn a_visit_goes_from_invitation_to_signed_note_and_the_audit_log_says_who() {
    let app = app().await;
    let admin = sign_up_staff(&app, "lead@example.org").await;
    let clinic = ok(
        &app,
        Method::POST,
        "/api/v1/clinic",
        &admin,
        Some(json!({"name": "Harbour"})),
        StatusCode::CREATED,
    )
    .await;
    let id = clinic["id"].as_i64().expect("id");
    let (therapist, therapist_id) = join(&app, id, &admin, "rmt@example.org", "therapist").await;
    let mine = ok(
        &app,
        Method::GET,
        "/api/v1/clinics",
        &therapist,
        None,
        StatusCode::OK,
    )
    .await;
    assert_eq!(mine[0]["id"], id, "{mine}");
    assert_eq!(mine[0]["role"], "therapist", "{mine}");

    let client = ok(
        &app,
        Method::POST,
        &format!("/api/v1/clinic/{id}/clients"),
        &therapist,
        Some(json!({"display_name": "Alex Doe", "birth_date": "1980-04-01"})),
        StatusCode::CREATED,
    )
    .await;
    let at = format!("/api/v1/clinic/{id}/clients/{}", client["person_id"]);
    ok(
        &app,
        Method::POST,
        &format!("{at}/therapists"),
        &admin,
        Some(json!({"therapist": therapist_id})),
        StatusCode::NO_CONTENT,
    )
    .await;
    ok(
        &app,
        Method::PUT,
        &format!("{at}/intake"),
        &therapist,
        Some(json!({"health_history": "whiplash 2019", "medications": "none"})),
        StatusCode::OK,
    )
    .await;
    let visit = ok(
        &app,
        Method::POST,
        &format!("{at}/visits"),
        &therapist,
        Some(json!({"health_change": "none"})),
        StatusCode::CREATED,
    )
    .await;
    // No intake review and no consent yet: the chart opens, with both said before treating.
    let warnings = visit["warnings"].as_array().expect("warnings");
    assert!(
        warnings
            .iter()
            .any(|w| w.as_str().unwrap_or_default().contains("health history")),
        "{visit}"
    );
    let v = format!("{at}/visits/{}", visit["id"]);

    let finding = json!({"trigger_point_id": "upper-trapezius-1", "side": "right", "tender": true,
        "taut_band": true, "referral_reproduced": true, "referral_regions": [], "twitch": false,
        "jump_sign": false, "ppt_kpa": null, "note": null});
    ok(
        &app,
        Method::POST,
        &format!("{v}/findings"),
        &therapist,
        Some(finding),
        StatusCode::CREATED,
    )
    .await;
    let treatment = json!({"trigger_point_id": "upper-trapezius-1", "side": "right",
        "technique": "sustained-compression", "tool": "thumb", "discomfort": 6,
        "hold_seconds": 60, "passes": 2, "response": "softened"});
    ok(
        &app,
        Method::POST,
        &format!("{v}/treatments"),
        &therapist,
        Some(treatment),
        StatusCode::CREATED,
    )
    .await;
    ok(&app, Method::PUT, &format!("{v}/soap"), &therapist,
        Some(json!({"subjective": "neck ache", "objective": "TrP R UT", "assessment": "better", "plan": "1 week"})), StatusCode::OK).await;

    // No consent yet: signing is refused with the reason.
    let refused = send(
        &app,
        Method::POST,
        &format!("{v}/sign"),
        Some(&therapist),
        None,
    )
    .await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
    assert!(refused.error().contains("consent"), "{}", refused.body);
    ok(
        &app,
        Method::POST,
        &format!("{at}/consents"),
        &therapist,
        Some(json!({"kind": "general", "given_by": "client", "given_at": "2026-01-01T00:00:00Z"})),
        StatusCode::CREATED,
    )
    .await;

    let signed = ok(
        &app,
        Method::POST,
        &format!("{v}/sign"),
        &therapist,
        None,
        StatusCode::OK,
    )
    .await;
    assert_eq!(signed["signature"]["signed_by"], therapist_id);
    let again = send(
        &app,
        Method::POST,
        &format!("{v}/sign"),
        Some(&therapist),
        None,
    )
    .await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
    assert!(again.error().contains("already signed"), "{}", again.body);
    let changed = send(
        &app,
        Method::PUT,
        &format!("{v}/soap"),
        Some(&therapist),
        Some(&json!({"subjective": "x", "objective": "", "assessment": "", "plan": ""})),
    )
    .await;
    assert_eq!(changed.status, StatusCode::CONFLICT, "{}", changed.body);

    ok(
        &app,
        Method::POST,
        &format!("{v}/addenda"),
        &therapist,
        Some(json!({"text": "called: soreness gone"})),
        StatusCode::CREATED,
    )
    .await;
    let read = ok(&app, Method::GET, &v, &therapist, None, StatusCode::OK).await;
    assert_eq!(
        read["addenda"][0]["text"], "called: soreness gone",
        "{read}"
    );
    let verified = ok(
        &app,
        Method::GET,
        &format!("{v}/verify"),
        &therapist,
        None,
        StatusCode::OK,
    )
    .await;
    assert_eq!(verified["matches"], true, "{verified}");

    let audit = ok(
        &app,
        Method::GET,
        &format!("/api/v1/clinic/{id}/audit?limit=500"),
        &admin,
        None,
        StatusCode::OK,
    )
    .await;
    let rows = audit.as_array().expect("rows");
    let by_therapist = |action: &str, record: &str| {
        rows.iter().any(|row| {
            row["action"] == action && row["record"] == record && row["user_id"] == therapist_id
        })
    };
    for (action, record) in [
        ("read", "visit"),
        ("correct", "client-health"),
        ("create", "visit"),
    ] {
        assert!(
            by_therapist(action, record),
            "no {action} {record} by the therapist in {audit}"
        );
    }
    let ids: Vec<i64> = rows.iter().filter_map(|row| row["id"].as_i64()).collect();
    assert!(ids.windows(2).all(|pair| pair[0] > pair[1]), "newest first");
    let paged = ok(
        &app,
        Method::GET,
        &format!("/api/v1/clinic/{id}/audit?limit=2&before={}", ids[1]),
        &admin,
        None,
        StatusCode::OK,
    )
    .await;
    assert!(paged
        .as_array()
        .expect("rows")
        .iter()
        .all(|row| row["id"].as_i64() < Some(ids[1])));
}

#[tokio::test]
async fn a_token_works_once_and_an_unknown_one_is_not_found() {
    let app = app().await;
    let admin = sign_up_staff(&app, "lead2@example.org").await;
    let id = ok(
        &app,
        Method::POST,
        "/api/v1/clinic",
        &admin,
        Some(json!({"name": "Dock"})),
        StatusCode::CREATED,
    )
    .await["id"]
        .as_i64()
        .expect("id");
    let made = ok(
        &app,
        Method::POST,
        &format!("/api/v1/clinic/{id}/invitations"),
        &admin,
        Some(json!({"email": "desk@example.org", "role": "front_desk"})),
        StatusCode::CREATED,
    )
    .await;
    let token = made["token"].as_str().expect("token");
    let first = sign_up_staff(&app, "desk@example.org").await;
    ok(
        &app,
        Method::POST,
        "/api/v1/clinic/join",
        &first,
        Some(json!({"token": token})),
        StatusCode::OK,
    )
    .await;
    let second = sign_up_staff(&app, "late@example.org").await;
    let used = send(
        &app,
        Method::POST,
        "/api/v1/clinic/join",
        Some(&second),
        Some(&json!({"token": token})),
    )
    .await;
    assert_eq!(used.status, StatusCode::CONFLICT, "{}", used.body);
    assert!(used.error().contains("already been used"), "{}", used.body);
    let unknown = send(
        &app,
        Method::POST,
        "/api/v1/clinic/join",
        Some(&second),
        Some(&json!({"token": "nope"})),
    )
    .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND, "{}", unknown.body);
    // The front desk may not invite, and is told what its role may do.
    let refused = send(
        &app,
        Method::POST,
        &format!("/api/v1/clinic/{id}/invitations"),
        Some(&first),
        Some(&json!({"email": "x@example.org", "role": "admin"})),
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    assert!(
        refused.error().contains("front desk keeps the client list"),
        "{}",
        refused.body
    );
}

#[tokio::test]
async fn a_clinic_change_without_the_csrf_header_is_refused() {
    let app = app().await;
    let admin = sign_up_staff(&app, "lead3@example.org").await;
    let mut no_csrf = admin.clone();
    no_csrf.csrf = String::new();
    let reply = send(
        &app,
        Method::POST,
        "/api/v1/clinic",
        Some(&no_csrf),
        Some(&json!({"name": "X"})),
    )
    .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN, "{}", reply.body);
    assert!(reply.error().contains("X-CSRF-Token"), "{}", reply.body);
}

#[tokio::test]
async fn a_record_is_not_deleted_before_its_retention_is_over() {
    let app = app().await;
    let admin = sign_up_staff(&app, "lead4@example.org").await;
    let id = ok(
        &app,
        Method::POST,
        "/api/v1/clinic",
        &admin,
        Some(json!({"name": "Quay"})),
        StatusCode::CREATED,
    )
    .await["id"]
        .as_i64()
        .expect("id");
    let client = ok(
        &app,
        Method::POST,
        &format!("/api/v1/clinic/{id}/clients"),
        &admin,
        Some(json!({"display_name": "Robin"})),
        StatusCode::CREATED,
    )
    .await;
    let reply = send(
        &app,
        Method::DELETE,
        &format!("/api/v1/clinic/{id}/clients/{}", client["person_id"]),
        Some(&admin),
        None,
    )
    .await;
    assert_eq!(reply.status, StatusCode::CONFLICT, "{}", reply.body);
    assert!(
        reply.error().contains("cannot be deleted yet"),
        "{}",
        reply.body
    );
}

#[tokio::test]
async fn a_client_is_screened_with_the_self_care_questions() {
    let app = app().await;
    let admin = sign_up_staff(&app, "lead@example.org").await;
    let clinic = ok(
        &app,
        Method::POST,
        "/api/v1/clinic",
        &admin,
        Some(json!({"name": "Harbour"})),
        StatusCode::CREATED,
    )
    .await;
    let id = clinic["id"].as_i64().expect("id");
    let (therapist, therapist_id) = join(&app, id, &admin, "rmt@example.org", "therapist").await;
    let client = ok(
        &app,
        Method::POST,
        &format!("/api/v1/clinic/{id}/clients"),
        &admin,
        Some(json!({"display_name": "Alex Doe"})),
        StatusCode::CREATED,
    )
    .await;
    let at = format!("/api/v1/clinic/{id}/clients/{}", client["person_id"]);
    ok(
        &app,
        Method::POST,
        &format!("{at}/therapists"),
        &admin,
        Some(json!({"therapist": therapist_id})),
        StatusCode::NO_CONTENT,
    )
    .await;
    let screening = format!("{at}/screening");
    let none = send(&app, Method::GET, &screening, Some(&therapist), None).await;
    assert_eq!(none.status, StatusCode::NOT_FOUND, "{}", none.body);

    let mut answers = signed_in::clear_answers();
    answers.insert("age".into(), json!("old enough"));
    let refused = send(
        &app,
        Method::POST,
        &screening,
        Some(&therapist),
        Some(&json!({ "answers": answers })),
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("Nothing was stored"),
        "{}",
        refused.body
    );
    let still_none = send(&app, Method::GET, &screening, Some(&therapist), None).await;
    assert_eq!(still_none.status, StatusCode::NOT_FOUND);

    let body = json!({"answers": signed_in::clear_answers()});
    let taken = ok(
        &app,
        Method::POST,
        &screening,
        &therapist,
        Some(body),
        StatusCode::CREATED,
    )
    .await;
    let latest = ok(
        &app,
        Method::GET,
        &screening,
        &therapist,
        None,
        StatusCode::OK,
    )
    .await;
    assert_eq!(latest["id"], taken["id"]);
    assert_eq!(latest["outcome"], taken["outcome"]);
    // The client's screening is the client's: the therapist's own record has none.
    let own = send(
        &app,
        Method::GET,
        "/api/v1/screening/latest",
        Some(&therapist),
        None,
    )
    .await;
    assert_eq!(own.status, StatusCode::NOT_FOUND);

    let visit = ok(
        &app,
        Method::POST,
        &format!("{at}/visits"),
        &therapist,
        Some(json!({"health_change": "none"})),
        StatusCode::CREATED,
    )
    .await;
    assert!(
        !visit["warnings"].to_string().contains("screening"),
        "a fresh screening leaves no screening warning: {visit}"
    );
}
