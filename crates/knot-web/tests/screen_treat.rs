//! The Screen and Treat pages and their API: a screening judged and stored, refused answers
//! beside their questions, a guided session run in the browser and stored like the CLI's, the
//! stop rule, refusals without a screening or when the screening blocks, and sessions sent to
//! the API checked before they are stored.

mod signed_in;
mod support;

use axum::http::{Method, StatusCode};
use serde_json::Value;

use signed_in::{
    api_post, app, clear_answers, json, location, page, post, screen_clear, sign_up, App, Session,
};

fn screen_form(answers: &serde_json::Map<String, Value>) -> Vec<(String, String)> {
    answers
        .iter()
        .map(|(id, value)| {
            (
                format!("q.{id}"),
                value.as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

async fn post_owned(
    app: &App,
    uri: &str,
    session: &Session,
    pairs: &[(String, String)],
) -> support::Reply {
    let borrowed: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    post(app, uri, session, &borrowed).await
}

#[tokio::test]
async fn a_screening_taken_on_the_page_is_stored_and_its_outcome_shown() {
    let app = app().await;
    let session = sign_up(&app, "screen@example.org").await;
    let first = page(&app, "/screen", &session).await;
    assert!(first.body.contains("No screening yet"));
    assert!(
        first.body.contains("name=\"q.chest-pain\""),
        "the rule table's questions are asked"
    );
    let reply = post_owned(&app, "/screen", &session, &screen_form(&clear_answers())).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let shown = page(&app, &location(&reply), &session).await;
    assert!(
        shown.body.contains("Saved. Your latest screening"),
        "{}",
        shown.body
    );
    assert!(shown
        .body
        .contains("Nothing in your answers stands in the way"));
    let latest = json(
        &app,
        Method::GET,
        "/api/v1/screening/latest",
        Some(&session),
        None,
    )
    .await;
    assert_eq!(latest.json()["outcome"]["verdict"], "clear");
}

#[tokio::test]
async fn unanswered_questions_are_marked_and_nothing_is_stored() {
    let app = app().await;
    let session = sign_up(&app, "missing@example.org").await;
    let mut answers = clear_answers();
    answers.remove("fever");
    answers.insert("age".into(), Value::String("130".into()));
    let reply = post_owned(&app, "/screen", &session, &screen_form(&answers)).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        reply.body.contains("id=\"q-fever-error\""),
        "{}",
        reply.body
    );
    assert!(reply.body.contains("Answer this question."));
    assert!(reply.body.contains("id=\"q-age-error\""));
    let latest = json(
        &app,
        Method::GET,
        "/api/v1/screening/latest",
        Some(&session),
        None,
    )
    .await;
    assert_eq!(latest.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn widespread_pain_is_worded_for_a_physician_never_as_a_diagnosis() {
    let app = app().await;
    let session = sign_up(&app, "wide@example.org").await;
    let mut answers = clear_answers();
    for (id, value) in [
        ("sss-fatigue", "3"),
        ("sss-unrefreshed", "3"),
        ("sss-thinking", "2"),
        ("sss-headaches", "yes"),
        ("sss-lower-abdomen", "no"),
        ("sss-depression", "no"),
        ("widespread-three-months", "yes"),
    ] {
        answers.insert(id.into(), Value::String(value.into()));
    }
    let body = serde_json::json!({"answers": answers, "pain_regions":
        "neck, upper back, lower back, left shoulder, right shoulder, left upper arm, right upper arm, left thigh, right thigh, left calf"});
    let reply = api_post(&app, "/api/v1/screening", &session, &body).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let fibro = &reply.json()["outcome"]["fibromyalgia"];
    assert_eq!(fibro["status"], "met", "{fibro}");
    let shown = page(&app, "/screen", &session).await;
    assert!(
        shown.body.contains("a physician should assess"),
        "{}",
        shown.body
    );
    assert!(!shown.body.to_lowercase().contains("you have fibromyalgia"));
}

#[tokio::test]
async fn the_api_screening_refuses_bad_answers_with_every_problem() {
    let app = app().await;
    let session = sign_up(&app, "api-screen@example.org").await;
    let mut answers = clear_answers();
    answers.insert("fever".into(), Value::String("perhaps".into()));
    answers.insert("blorp".into(), Value::String("no".into()));
    let body = serde_json::json!({"answers": answers});
    let reply = api_post(&app, "/api/v1/screening", &session, &body).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let message = reply.error();
    assert!(
        message.contains("fever") && message.contains("blorp"),
        "{message}"
    );
    assert!(message.contains("Nothing was stored"));
    let questions = json(&app, Method::GET, "/api/v1/screening/questions", None, None).await;
    assert!(questions.json()["questions"]
        .as_array()
        .is_some_and(|q| q.len() > 20));
}

#[tokio::test]
async fn treating_needs_a_screening_first_and_says_where_to_take_it() {
    let app = app().await;
    let session = sign_up(&app, "noscreen@example.org").await;
    let shown = page(&app, "/treat", &session).await;
    assert!(shown.body.contains("Take the safety screening first"));
    assert!(shown.body.contains("href=\"/screen\""));
    let reply = start_upper_trapezius(&app, &session, "right").await;
    assert_eq!(reply.status, StatusCode::CONFLICT);
    assert!(reply.body.contains("href=\"/screen\""));
}

#[tokio::test]
async fn a_screening_that_needs_a_physician_blocks_the_session_and_says_why() {
    let app = app().await;
    let session = sign_up(&app, "blocked@example.org").await;
    let mut answers = clear_answers();
    answers.insert("chest-pain".into(), Value::String("yes".into()));
    let body = serde_json::json!({"answers": answers});
    api_post(&app, "/api/v1/screening", &session, &body).await;
    let reply = start_upper_trapezius(&app, &session, "right").await;
    assert_eq!(reply.status, StatusCode::CONFLICT);
    assert!(
        reply.body.contains("will not guide a session"),
        "{}",
        reply.body
    );
    assert!(reply.body.contains("physician"));
    let shown = page(&app, "/treat", &session).await;
    assert!(
        !shown.body.contains("id=\"treat-step\""),
        "no session started"
    );
}

/// Starts a guided session on the upper trapezius's first trigger point, aiming for 6/10.
async fn start_upper_trapezius(app: &App, session: &Session, side: &str) -> support::Reply {
    post(
        app,
        "/treat/start",
        session,
        &[
            ("point", "upper-trapezius-1"),
            ("side", side),
            ("target", "6"),
        ],
    )
    .await
}

/// Presses the session's buttons in order; each must be accepted.
async fn press(app: &App, session: &Session, events: &[&str]) {
    for event in events {
        let reply = post(app, "/treat/step", session, &[("event", event)]).await;
        assert_eq!(
            reply.status,
            StatusCode::SEE_OTHER,
            "{event}: {}",
            reply.body
        );
    }
}

async fn stored_sessions(app: &App, session: &Session) -> Vec<Value> {
    let reply = json(app, Method::GET, "/api/v1/sessions", Some(session), None).await;
    reply.json()["sessions"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

#[tokio::test]
async fn a_guided_session_in_the_browser_is_stored_like_the_cli() {
    let app = app().await;
    let session = sign_up(&app, "treat@example.org").await;
    screen_clear(&app, &session).await;
    let start = start_upper_trapezius(&app, &session, "left").await;
    assert_eq!(start.status, StatusCode::SEE_OTHER, "{}", start.body);
    let step = page(&app, "/treat", &session).await;
    assert!(step.body.contains("1. Find the knot"), "{}", step.body);
    assert!(step.body.contains("left side"));
    press(
        &app,
        &session,
        &["continue", "pain-6", "skip", "continue", "discomfort-6"],
    )
    .await;
    let pressing = page(&app, "/treat", &session).await;
    assert!(pressing.body.contains("Hold 1 of"), "{}", pressing.body);
    assert!(
        pressing.body.contains("hold it there"),
        "the discomfort steering is shown"
    );
    let tick = post(&app, "/treat/tick", &session, &[("elapsed", "9999")]).await;
    assert_eq!(tick.status, StatusCode::OK);
    assert!(tick.json()["html"]
        .as_str()
        .is_some_and(|h| h.contains("treat-step")));
    let mut guard = 0;
    loop {
        let shown = page(&app, "/treat", &session).await;
        let event = if shown.body.contains("Did the knot soften") {
            "yes"
        } else if shown.body.contains("Hold ") || shown.body.contains("6. Stretch") {
            "continue"
        } else if shown.body.contains("7. Pain now") {
            "pain-3"
        } else {
            break;
        };
        press(&app, &session, &[event]).await;
        guard += 1;
        assert!(guard < 40, "the session never ended");
    }
    let stored = stored_sessions(&app, &session).await;
    assert_eq!(stored.len(), 1, "stored once");
    let record = &stored[0];
    assert_eq!(record["outcome"], "completed");
    assert_eq!(record["side"], "left");
    assert_eq!(record["pain_before"], 6);
    assert_eq!(record["pain_after"], 3);
    assert_eq!(record["stretch_done"], true);
    assert_eq!(record["holds"][0]["discomfort"][0], 6);
    let seconds = record["holds"][0]["seconds"].as_u64().expect("seconds");
    assert!(
        seconds < 60,
        "a tick cannot claim more time than passed: {seconds}"
    );
    let done = page(&app, "/treat", &session).await;
    assert!(
        !done.body.contains("id=\"treat-step\""),
        "the session has ended"
    );
}

#[tokio::test]
async fn a_sharp_feeling_stops_the_session_and_it_is_stored_as_stopped() {
    let app = app().await;
    let session = sign_up(&app, "stop@example.org").await;
    screen_clear(&app, &session).await;
    start_upper_trapezius(&app, &session, "right").await;
    press(&app, &session, &["continue", "pain-5", "skip", "continue"]).await;
    let reply = post(
        &app,
        "/treat/step",
        &session,
        &[("event", "sensation-sharp")],
    )
    .await;
    let done = page(&app, &location(&reply), &session).await;
    assert!(done.body.contains("Session stopped"), "{}", done.body);
    assert!(done.body.contains("sharp pain"));
    let stored = stored_sessions(&app, &session).await;
    assert_eq!(stored[0]["outcome"], "stopped");
    assert!(stored[0]["stop_reason"]
        .as_str()
        .is_some_and(|r| r.contains("physician")));
}

#[tokio::test]
async fn an_unknown_button_is_refused_and_changes_nothing() {
    let app = app().await;
    let session = sign_up(&app, "button@example.org").await;
    screen_clear(&app, &session).await;
    start_upper_trapezius(&app, &session, "right").await;
    press(&app, &session, &["continue"]).await;
    for event in ["pain-11", "teleport", "discomfort--3"] {
        let reply = post(&app, "/treat/step", &session, &[("event", event)]).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{event}");
    }
    let shown = page(&app, "/treat", &session).await;
    assert!(
        shown.body.contains("2. Pain before"),
        "still waiting for the pain score"
    );
}

fn finished_session(muscle: &str, point: &str, side: &str) -> Value {
    let end = chrono::Utc::now() - chrono::Duration::minutes(1);
    let start = end - chrono::Duration::minutes(6);
    serde_json::json!({
        "started_at": start.to_rfc3339(), "ended_at": end.to_rfc3339(),
        "muscle_id": muscle, "trigger_point_id": point, "side": side,
        "technique": "sustained-compression", "tool": "thumb", "target_discomfort": 6,
        "pain_before": 6, "pain_after": 4,
        "holds": [{"seconds": 60, "discomfort": [6, 5], "softened": true, "skipped": false}],
        "stretch_done": true, "outcome": "completed", "stop_reason": null, "plan_id": null,
    })
}

#[tokio::test]
async fn a_session_sent_to_the_api_is_checked_before_it_is_stored() {
    let app = app().await;
    let session = sign_up(&app, "api-session@example.org").await;
    let good = finished_session("upper-trapezius", "upper-trapezius-1", "right");
    let unscreened = api_post(&app, "/api/v1/sessions", &session, &good).await;
    assert_eq!(unscreened.status, StatusCode::CONFLICT);
    assert!(
        unscreened.error().contains("screening"),
        "{}",
        unscreened.error()
    );
    screen_clear(&app, &session).await;
    let mut impossible = finished_session("upper-trapezius", "upper-trapezius-1", "right");
    impossible["holds"][0]["seconds"] = 5000.into();
    impossible["pain_after"] = 11.into();
    let reply = api_post(&app, "/api/v1/sessions", &session, &impossible).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        reply.error().contains("5000 s") && reply.error().contains("pain_after"),
        "{}",
        reply.error()
    );
    let wrong_side = finished_session("upper-trapezius", "upper-trapezius-1", "midline");
    let reply = api_post(&app, "/api/v1/sessions", &session, &wrong_side).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        stored_sessions(&app, &session).await.is_empty(),
        "nothing stored so far"
    );
    let reply = api_post(&app, "/api/v1/sessions", &session, &good).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    assert_eq!(stored_sessions(&app, &session).await.len(), 1);
}
