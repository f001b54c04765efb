//! What the JSON API refuses, and how: dates outside what a record can have, unknown fields,
//! control and direction-changing characters, numbers whose sum would wrap, offsets no time zone
//! has; 400 for what cannot be read, 422 for what can be read but not accepted; messages in the
//! API's terms.

mod signed_in;
mod support;

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

use signed_in::{api_post as post, app, json, screen_clear, sign_up, App, Session};

async fn get(app: &App, uri: &str, session: &Session) -> support::Reply {
    json(app, Method::GET, uri, Some(session), None).await
}

fn finished_session() -> Value {
    let end = chrono::Utc::now() - chrono::Duration::minutes(1);
    let start = end - chrono::Duration::minutes(6);
    json!({
        "started_at": start.to_rfc3339(), "ended_at": end.to_rfc3339(),
        "muscle_id": "upper-trapezius", "trigger_point_id": "upper-trapezius-1", "side": "right",
        "technique": "sustained-compression", "tool": "thumb", "target_discomfort": 6,
        "pain_before": 6, "pain_after": 4,
        "holds": [{"seconds": 60, "discomfort": [6, 5], "softened": true, "skipped": false}],
        "stretch_done": true, "outcome": "completed", "stop_reason": null, "plan_id": null,
    })
}

fn stopped_because(reason: &str) -> Value {
    let mut session = finished_session();
    session["outcome"] = "stopped".into();
    session["stop_reason"] = reason.into();
    session
}

/// A signed-in person who has taken a clear screening, so sessions can be stored.
async fn screened(app: &App) -> Session {
    let session = sign_up(app, "checks@example.org").await;
    screen_clear(app, &session).await;
    session
}

async fn stored_sessions(app: &App, session: &Session) -> Vec<Value> {
    let reply = get(app, "/api/v1/sessions", session).await;
    reply.json()["sessions"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

#[tokio::test]
async fn a_session_dated_year_one_is_refused_and_nothing_is_stored() {
    let app = app().await;
    let session = screened(&app).await;
    let mut ancient = finished_session();
    ancient["started_at"] = "0001-03-05T08:30:00Z".into();
    ancient["ended_at"] = "0001-03-05T08:36:00Z".into();

    let reply = post(&app, "/api/v1/sessions", &session, &ancient).await;

    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        reply.error().contains("started_at is before 1900-01-01"),
        "{}",
        reply.error()
    );
    assert!(stored_sessions(&app, &session).await.is_empty());
}

#[tokio::test]
async fn a_session_with_an_unknown_field_anywhere_is_refused_naming_it() {
    let app = app().await;
    let session = screened(&app).await;
    let mut misspelt = finished_session();
    misspelt["pain_afer"] = 3.into();
    let mut in_a_hold = finished_session();
    in_a_hold["holds"][0]["pressure"] = 5.into();

    for body in [misspelt, in_a_hold] {
        let reply = post(&app, "/api/v1/sessions", &session, &body).await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            reply.body
        );
        assert!(reply.error().contains("unknown field"), "{}", reply.error());
    }
    assert!(stored_sessions(&app, &session).await.is_empty());
}

#[tokio::test]
async fn a_stop_reason_with_control_or_direction_characters_is_refused() {
    let app = app().await;
    let session = screened(&app).await;

    for reason in ["sharp\u{7} pain", "sharp \u{202E}niap"] {
        let reply = post(&app, "/api/v1/sessions", &session, &stopped_because(reason)).await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{reason:?}");
        assert!(
            reply.error().starts_with("stop_reason contains"),
            "{}",
            reply.error()
        );
    }
}

#[tokio::test]
async fn a_stop_reason_is_stored_in_one_unicode_form() {
    let app = app().await;
    let session = screened(&app).await;

    let reply = post(
        &app,
        "/api/v1/sessions",
        &session,
        &stopped_because("Rene\u{301}e called"),
    )
    .await;

    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    assert_eq!(reply.json()["stop_reason"], "Ren\u{e9}e called");
}

#[tokio::test]
async fn hold_lengths_whose_sum_would_wrap_are_refused_not_a_server_error() {
    let app = app().await;
    let session = screened(&app).await;
    let mut huge = finished_session();
    let hold = huge["holds"][0].clone();
    huge["holds"] = json!([hold.clone(), hold]);
    huge["holds"][0]["seconds"] = u32::MAX.into();
    huge["holds"][1]["seconds"] = u32::MAX.into();

    let reply = post(&app, "/api/v1/sessions", &session, &huge).await;

    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reply.body
    );
}

#[tokio::test]
async fn a_diary_entry_dated_year_one_or_with_unknown_fields_is_refused() {
    let app = app().await;
    let session = sign_up(&app, "diary-checks@example.org").await;
    let ancient =
        json!({"measure": {"kind": "pain", "score": 5}, "recorded_at": "0001-01-01T00:00:00Z"});
    let unknown = json!({"measure": {"kind": "pain", "score": 5, "colour": "red"}});

    let reply = post(&app, "/api/v1/diary", &session, &ancient).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        reply.error().contains("before 1900-01-01"),
        "{}",
        reply.error()
    );
    let reply = post(&app, "/api/v1/diary", &session, &unknown).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.error().contains("unknown field"), "{}", reply.error());
}

#[tokio::test]
async fn diary_notes_with_direction_overrides_are_refused() {
    let app = app().await;
    let session = sign_up(&app, "bidi@example.org").await;
    let body = json!({"measure": {"kind": "note", "text": "fine \u{2066}today"}});

    let reply = post(&app, "/api/v1/diary", &session, &body).await;

    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.error().contains("direction"), "{}", reply.error());
}

#[tokio::test]
async fn diary_refusals_point_to_the_api_and_have_single_full_stops() {
    let app = app().await;
    let session = sign_up(&app, "words@example.org").await;
    let bodies = [
        json!({"measure": {"kind": "pain", "score": 5, "region": "elbow of the moon"}}),
        json!({"measure": {"kind": "threshold", "trigger_point": "nowhere-1", "side": "left", "kg_per_cm2": 3.0}}),
        json!({"measure": {"kind": "range_of_motion", "movement": "moonwalk", "degrees": 30.0}}),
    ];

    for body in bodies {
        let reply = post(&app, "/api/v1/diary", &session, &body).await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            reply.body
        );
        let error = reply.error();
        assert!(!error.contains("`knot"), "{error}");
        assert!(!error.contains(".."), "{error}");
        assert!(error.ends_with("Nothing was stored."), "{error}");
    }
}

#[tokio::test]
async fn progress_refuses_offsets_no_time_zone_has_with_422_and_unreadable_ones_with_400() {
    let app = app().await;
    let session = sign_up(&app, "offset@example.org").await;

    for far in ["900", "-841", "1439"] {
        let reply = get(
            &app,
            &format!("/api/v1/progress?utc_offset={far}"),
            &session,
        )
        .await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{far}");
        assert!(reply.error().contains("-840 to 840"), "{}", reply.error());
    }
    let reply = get(&app, "/api/v1/progress?utc_offset=840", &session).await;
    assert_eq!(reply.status, StatusCode::OK);
    let reply = get(&app, "/api/v1/progress?utc_offset=east", &session).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn report_days_outside_what_records_can_have_are_refused_with_422() {
    let app = app().await;
    let session = sign_up(&app, "days@example.org").await;

    for uri in [
        "/api/v1/progress?since=0001-01-01",
        "/api/v1/progress?until=9999-12-31",
        "/api/v1/sessions?since=0001-01-01",
        "/api/v1/diary?since=1899-12-31",
    ] {
        let reply = get(&app, uri, &session).await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{uri}: {}",
            reply.body
        );
        assert!(reply.error().contains("1900-01-01"), "{}", reply.error());
    }
}
