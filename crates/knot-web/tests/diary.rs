//! The Diary and Progress: entries logged through the page and the API, validation (422 and
//! nothing stored), corrections that keep history, deletion, one person never reaching another's
//! entries, and progress after entries.

mod signed_in;
mod support;

use axum::http::{Method, StatusCode};
use serde_json::Value;

use signed_in::{app, json, location, page, post, sign_up, App, Session};
use support::Reply;

async fn entries(app: &App, session: &Session, query: &str) -> Vec<Value> {
    let reply = json(
        app,
        Method::GET,
        &format!("/api/v1/diary{query}"),
        Some(session),
        None,
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json()["entries"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

async fn add(app: &App, session: &Session, body: &str) -> Reply {
    json(
        app,
        Method::POST,
        "/api/v1/diary",
        Some(session),
        Some(body),
    )
    .await
}

#[tokio::test]
async fn an_entry_logged_on_the_page_is_listed_with_its_remark() {
    let app = app().await;
    let session = sign_up(&app, "page@example.org").await;
    let reply = post(
        &app,
        "/diary",
        &session,
        &[
            ("kind", "pain"),
            ("score", "6"),
            ("region_words", "right temple"),
            ("remark", "after work"),
        ],
    )
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    assert_eq!(location(&reply), "/diary?saved=1");
    let listed = page(&app, "/diary?saved=1", &session).await;
    assert!(listed.body.contains("Saved 1 entry"), "{}", listed.body);
    assert!(listed.body.contains("right temple") && listed.body.contains("6/10"));
    assert!(listed.body.contains("after work"));
    let stored = entries(&app, &session, "").await;
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0]["measure"]["region"], "right-temple");
}

#[tokio::test]
async fn both_sides_in_words_log_one_entry_per_side() {
    let app = app().await;
    let session = sign_up(&app, "both@example.org").await;
    let reply = post(
        &app,
        "/diary",
        &session,
        &[
            ("kind", "pain"),
            ("score", "4"),
            ("region_words", "both temples"),
        ],
    )
    .await;
    assert_eq!(location(&reply), "/diary?saved=2");
    assert_eq!(entries(&app, &session, "").await.len(), 2);
}

#[tokio::test]
async fn a_bad_value_on_the_page_is_shown_beside_its_field_and_nothing_is_stored() {
    let app = app().await;
    let session = sign_up(&app, "bad@example.org").await;
    let reply = post(
        &app,
        "/diary",
        &session,
        &[("kind", "pain"), ("score", "12"), ("remark", "kept")],
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        reply.body.contains("id=\"pain-score-error\""),
        "{}",
        reply.body
    );
    assert!(
        reply.body.contains("0 (no pain) to 10"),
        "says what is accepted"
    );
    assert!(
        reply.body.contains("value=\"kept\""),
        "what was typed is kept"
    );
    let reply = post(
        &app,
        "/diary",
        &session,
        &[
            ("kind", "range_of_motion"),
            ("movement", "cervical-rotation-left"),
            ("value", "170"),
        ],
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        reply.body.contains("from 0 to 110 degrees"),
        "{}",
        reply.body
    );
    assert!(entries(&app, &session, "").await.is_empty());
}

#[tokio::test]
async fn a_bad_value_through_the_api_is_422_and_nothing_is_stored() {
    let app = app().await;
    let session = sign_up(&app, "api-bad@example.org").await;
    for body in [
        r#"{"measure": {"kind": "pain", "score": 11}}"#,
        r#"{"measure": {"kind": "pain", "score": 5, "region": "nowhere"}}"#,
        r#"{"measure": {"kind": "threshold", "trigger_point": "upper-trapezius-1", "side": "midline", "kg_per_cm2": 3.0}}"#,
        r#"{"measure": {"kind": "range_of_motion", "movement": "cervical-flexion", "degrees": 400}}"#,
        r#"{"measure": {"kind": "note", "text": "   "}}"#,
        r#"{"measure": {"kind": "pain", "score": 5}, "recorded_at": "2999-01-01T00:00:00Z"}"#,
        r#"{"measure": {"kind": "pain", "score": 300}}"#,
        r#"{"measure": {"kind": "mood", "score": 3}}"#,
    ] {
        let reply = add(&app, &session, body).await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body}: {}",
            reply.body
        );
        assert!(!reply.error().is_empty());
    }
    let reply = add(&app, &session, "{not json").await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(entries(&app, &session, "").await.is_empty());
}

#[tokio::test]
async fn a_correction_replaces_the_entry_and_keeps_the_original_in_the_history() {
    let app = app().await;
    let session = sign_up(&app, "correct@example.org").await;
    let first = add(
        &app,
        &session,
        r#"{"measure": {"kind": "pain", "score": 8}}"#,
    )
    .await;
    assert_eq!(first.status, StatusCode::CREATED);
    let id = first.json()["id"].as_i64().expect("id");
    let corrected = json(
        &app,
        Method::PUT,
        &format!("/api/v1/diary/{id}"),
        Some(&session),
        Some(r#"{"measure": {"kind": "pain", "score": 3}, "note": "typed 8 by mistake"}"#),
    )
    .await;
    assert_eq!(corrected.status, StatusCode::OK, "{}", corrected.body);
    assert_eq!(corrected.json()["corrects"], id);
    let current = entries(&app, &session, "").await;
    assert_eq!(current.len(), 1);
    assert_eq!(current[0]["measure"]["score"], 3);
    let history = entries(&app, &session, "?history=true").await;
    assert_eq!(history.len(), 2);
    assert!(history
        .iter()
        .any(|e| e["id"] == id && e["measure"]["score"] == 8));
    let again = json(
        &app,
        Method::PUT,
        &format!("/api/v1/diary/{id}"),
        Some(&session),
        Some(r#"{"measure": {"kind": "pain", "score": 2}}"#),
    )
    .await;
    assert_eq!(
        again.status,
        StatusCode::CONFLICT,
        "a corrected entry is history"
    );
}

#[tokio::test]
async fn correcting_on_the_page_shows_what_it_replaced() {
    let app = app().await;
    let session = sign_up(&app, "page-correct@example.org").await;
    let first = add(
        &app,
        &session,
        r#"{"measure": {"kind": "function", "activity": "reversing the car", "score": 4}}"#,
    )
    .await;
    let id = first.json()["id"].as_i64().expect("id");
    let form = page(&app, &format!("/diary/{id}"), &session).await;
    assert!(
        form.body.contains("value=\"reversing the car\""),
        "the form is filled in"
    );
    let reply = post(
        &app,
        &format!("/diary/{id}/correct"),
        &session,
        &[
            ("kind", "function"),
            ("activity", "reversing the car"),
            ("score", "6"),
        ],
    )
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let shown = page(&app, &location(&reply), &session).await;
    assert!(shown.body.contains("What it replaced"));
    assert!(shown.body.contains(&format!("#{id}")), "{}", shown.body);
    let refused = post(
        &app,
        &format!("/diary/{}/correct", shown_id(&location(&reply))),
        &session,
        &[
            ("kind", "function"),
            ("activity", "reversing the car"),
            ("score", "eleven"),
        ],
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
}

fn shown_id(location: &str) -> i64 {
    location
        .trim_start_matches("/diary/")
        .parse()
        .expect("entry id")
}

#[tokio::test]
async fn another_account_cannot_see_correct_or_delete_my_entries() {
    let app = app().await;
    let mine = sign_up(&app, "mine@example.org").await;
    let theirs = sign_up(&app, "theirs@example.org").await;
    let entry = add(
        &app,
        &mine,
        r#"{"measure": {"kind": "note", "text": "private"}}"#,
    )
    .await;
    let id = entry.json()["id"].as_i64().expect("id");

    assert!(entries(&app, &theirs, "?history=true").await.is_empty());
    let path = format!("/api/v1/diary/{id}");
    let put = json(
        &app,
        Method::PUT,
        &path,
        Some(&theirs),
        Some(r#"{"measure": {"kind": "note", "text": "mine now"}}"#),
    )
    .await;
    assert_eq!(put.status, StatusCode::NOT_FOUND, "{}", put.body);
    let delete = json(&app, Method::DELETE, &path, Some(&theirs), None).await;
    assert_eq!(delete.status, StatusCode::NOT_FOUND);
    let view = page(&app, &format!("/diary/{id}"), &theirs).await;
    assert_eq!(view.status, StatusCode::NOT_FOUND);
    assert!(!view.body.contains("private"));
    let delete_page = post(&app, &format!("/diary/{id}/delete"), &theirs, &[]).await;
    assert_eq!(delete_page.status, StatusCode::NOT_FOUND);
    let listed = page(&app, "/diary", &theirs).await;
    assert!(!listed.body.contains("private"));

    let still = entries(&app, &mine, "").await;
    assert_eq!(still.len(), 1);
    assert_eq!(still[0]["measure"]["text"], "private");
}

#[tokio::test]
async fn deleting_takes_an_entry_out_of_the_list_but_not_the_history() {
    let app = app().await;
    let session = sign_up(&app, "delete@example.org").await;
    let entry = add(
        &app,
        &session,
        r#"{"measure": {"kind": "pain", "score": 5}}"#,
    )
    .await;
    let id = entry.json()["id"].as_i64().expect("id");
    let reply = post(&app, &format!("/diary/{id}/delete"), &session, &[]).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert!(entries(&app, &session, "").await.is_empty());
    assert_eq!(entries(&app, &session, "?history=true").await.len(), 1);
    let twice = json(
        &app,
        Method::DELETE,
        &format!("/api/v1/diary/{id}"),
        Some(&session),
        None,
    )
    .await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn progress_after_entries_shows_the_pain_trend_and_where_it_hurt() {
    let app = app().await;
    let session = sign_up(&app, "progress@example.org").await;
    let empty = page(&app, "/progress", &session).await;
    assert!(empty.body.contains("Nothing recorded yet"));
    let today = chrono::Utc::now();
    for (days_ago, score) in [
        (9, 7),
        (8, 7),
        (7, 6),
        (6, 6),
        (5, 5),
        (4, 5),
        (3, 4),
        (2, 4),
        (1, 3),
        (0, 3),
    ] {
        let at = (today - chrono::Duration::days(days_ago)).to_rfc3339();
        let body = serde_json::json!({"measure": {"kind": "pain", "score": score, "region": "right-temple"},
            "recorded_at": at});
        let reply = add(&app, &session, &body.to_string()).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    }
    let report = json(&app, Method::GET, "/api/v1/progress", Some(&session), None).await;
    assert_eq!(report.status, StatusCode::OK, "{}", report.body);
    let report = report.json();
    assert_eq!(report["entries"], 10);
    assert_eq!(report["regions"]["regions"][0]["region"], "right-temple");
    let shown = page(&app, "/progress", &session).await;
    assert_eq!(shown.status, StatusCode::OK);
    assert!(
        shown.body.contains("id=\"pain-trend\""),
        "the pain chart is inline"
    );
    let dots = shown
        .body
        .split("<g class=\"kp-points\">")
        .nth(1)
        .and_then(|rest| rest.split("</g>").next())
        .expect("the chart's dots");
    assert_eq!(dots.matches("<circle").count(), 10, "a dot per day");
    assert!(shown.body.contains("Where it hurt"), "and the body map");
    assert!(shown.body.contains("10 diary entries"));
    let other = sign_up(&app, "progress-other@example.org").await;
    let theirs = json(&app, Method::GET, "/api/v1/progress", Some(&other), None).await;
    assert_eq!(
        theirs.json()["entries"],
        0,
        "another person's progress is their own"
    );
}

#[tokio::test]
async fn progress_refuses_unreadable_dates_with_how_to_write_them() {
    let app = app().await;
    let session = sign_up(&app, "dates@example.org").await;
    let reply = json(
        &app,
        Method::GET,
        "/api/v1/progress?since=last%20week",
        Some(&session),
        None,
    )
    .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(reply.error().contains("YYYY-MM-DD"), "{}", reply.error());
    let reply = json(
        &app,
        Method::GET,
        "/api/v1/progress?since=2026-02-01&until=2026-01-01",
        Some(&session),
        None,
    )
    .await;
    // Two readable days in the wrong order: well-formed but unacceptable.
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn the_diary_form_refuses_direction_overrides_and_stores_text_in_one_unicode_form() {
    let app = app().await;
    let session = sign_up(&app, "unicode@example.org").await;
    let reply = post(
        &app,
        "/diary",
        &session,
        &[("kind", "note"), ("text", "fine \u{202E}yadot")],
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.body.contains("direction"), "{}", reply.body);
    assert!(entries(&app, &session, "").await.is_empty());

    let reply = post(
        &app,
        "/diary",
        &session,
        &[("kind", "note"), ("text", "called Rene\u{301}e")],
    )
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let stored = entries(&app, &session, "").await;
    assert_eq!(stored[0]["measure"]["text"], "called Ren\u{e9}e");
}

#[tokio::test]
async fn the_progress_pdf_downloads_for_the_signed_in_person_only() {
    let app = app().await;
    let anonymous = support::get(&app.router, "/progress.pdf").await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    assert!(
        location(&anonymous).starts_with("/signin"),
        "{}",
        location(&anonymous)
    );
    let session = sign_up(&app, "pdf@example.org").await;
    signed_in::screen_clear(&app, &session).await;
    let today = chrono::Utc::now();
    for (days_ago, score) in [
        (9, 7),
        (8, 7),
        (7, 6),
        (6, 6),
        (5, 5),
        (4, 5),
        (3, 4),
        (2, 4),
        (1, 3),
        (0, 3),
    ] {
        let at = (today - chrono::Duration::days(days_ago)).to_rfc3339();
        let body = serde_json::json!({"measure": {"kind": "pain", "score": score, "region": "right-temple"},
            "recorded_at": at});
        let reply = add(&app, &session, &body.to_string()).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    }
    let shown = page(&app, "/progress", &session).await;
    assert!(
        shown.body.contains("href=\"/progress.pdf\""),
        "the page links the PDF"
    );
    let since = (today - chrono::Duration::days(5))
        .format("%Y-%m-%d")
        .to_string();
    let shown = page(&app, &format!("/progress?since={since}"), &session).await;
    assert!(
        shown
            .body
            .contains(&format!("href=\"/progress.pdf?since={since}\"")),
        "the link keeps the period"
    );
    let pdf = page(&app, "/progress.pdf", &session).await;
    assert_eq!(pdf.status, StatusCode::OK, "{}", pdf.body);
    assert_eq!(pdf.header("content-type"), "application/pdf");
    let disposition = pdf.header("content-disposition");
    assert!(
        disposition.starts_with("attachment; filename=\"knot-progress-")
            && disposition.ends_with(".pdf\""),
        "{disposition}"
    );
    assert!(pdf.body.starts_with("%PDF-"));
    // The content streams are not compressed: the text is there as PDF string literals.
    for text in [
        "(Pain trend)",
        "(Where it hurt)",
        "(Safety screening)",
        "Patient: Sam",
    ] {
        assert!(pdf.body.contains(text), "{text}");
    }
    // A cleared screening raised no flags, and the report says so.
    assert!(
        pdf.body.contains("(No flags were raised.)"),
        "the latest screening is in the report"
    );
    let bad = page(&app, "/progress.pdf?since=yesterday", &session).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{}", bad.body);
}
