//! The home plan in the browser and the API: no plan is saved without a screening (409 naming
//! where to take it, nothing stored), a screened person's plan is saved and read back with
//! today's next sitting, unusable points are refused (422), and the Plan page shows the plan,
//! its form, and the refusal.

mod signed_in;
mod support;

use axum::http::{Method, StatusCode};
use serde_json::json;

use signed_in::{api_post, app, json, location, page, post, screen_clear, sign_up};

const POINTS: [&str; 2] = ["upper-trapezius-1:right", "levator-scapulae-upper:right"];

#[tokio::test]
async fn without_a_screening_no_plan_is_saved_but_a_dry_run_is_shown() {
    let app = app().await;
    let session = sign_up(&app, "plan-unscreened@example.org").await;
    let reply = api_post(
        &app,
        "/api/v1/plan",
        &session,
        &json!({"trigger_points": POINTS}),
    )
    .await;
    assert_eq!(reply.status, StatusCode::CONFLICT, "{}", reply.body);
    let message = reply.error();
    assert!(message.contains("POST /api/v1/screening"), "{message}");
    assert!(message.ends_with("Nothing was stored."), "{message}");
    let active = json(&app, Method::GET, "/api/v1/plan", Some(&session), None).await;
    assert_eq!(active.status, StatusCode::NOT_FOUND, "{}", active.body);
    assert!(active.error().contains("POST /api/v1/plan"));

    let dry = api_post(
        &app,
        "/api/v1/plan",
        &session,
        &json!({"trigger_points": POINTS, "dry_run": true}),
    )
    .await;
    assert_eq!(dry.status, StatusCode::OK, "{}", dry.body);
    assert!(dry.json()["id"].is_null());
    let still_none = json(&app, Method::GET, "/api/v1/plan", Some(&session), None).await;
    assert_eq!(still_none.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_screened_person_builds_a_plan_and_reads_it_back_with_today() {
    let app = app().await;
    let session = sign_up(&app, "plan@example.org").await;
    screen_clear(&app, &session).await;
    let reply = api_post(
        &app,
        "/api/v1/plan",
        &session,
        &json!({"trigger_points": POINTS, "cap_minutes": 15}),
    )
    .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let built = reply.json();
    assert!(built["id"].is_i64(), "{built}");
    assert_eq!(built["daily_pressure_cap_seconds"], 15 * 60);
    assert!(built["daily_pressure_seconds"].as_u64().unwrap() <= 15 * 60);
    assert!(!built["items"].as_array().unwrap().is_empty());

    let active = json(
        &app,
        Method::GET,
        "/api/v1/plan?utc_offset=-300",
        Some(&session),
        None,
    )
    .await;
    assert_eq!(active.status, StatusCode::OK, "{}", active.body);
    let active = active.json();
    assert_eq!(active["id"], built["id"]);
    assert_eq!(active["items"], built["items"]);
    assert_eq!(active["today"]["next_sitting"], 1);
    assert_eq!(active["today"]["pressure_seconds_used"], 0);
    assert_eq!(active["today"]["cap_seconds"], 15 * 60);
    let left = active["today"]["items_left"].as_array().unwrap();
    assert!(!left.is_empty());
    assert!(left.iter().all(|item| item["sitting"] == 1));
}

#[tokio::test]
async fn unusable_points_and_fields_are_refused_with_what_is_accepted() {
    let app = app().await;
    let session = sign_up(&app, "plan-bad@example.org").await;
    screen_clear(&app, &session).await;
    let bad = api_post(
        &app,
        "/api/v1/plan",
        &session,
        &json!({"trigger_points": ["no-such-point:right"]}),
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert!(bad.error().contains("no-such-point"), "{}", bad.body);
    assert!(bad.error().ends_with("Nothing was stored."), "{}", bad.body);
    let sideless = api_post(
        &app,
        "/api/v1/plan",
        &session,
        &json!({"trigger_points": ["upper-trapezius-1"]}),
    )
    .await;
    assert_eq!(sideless.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        sideless.error().contains("upper-trapezius-1:right"),
        "says how to write it: {}",
        sideless.body
    );
    let empty = api_post(&app, "/api/v1/plan", &session, &json!({})).await;
    assert_eq!(
        empty.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        empty.body
    );
    let unknown = api_post(
        &app,
        "/api/v1/plan",
        &session,
        &json!({"trigger_points": POINTS, "minutes": 20}),
    )
    .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unknown.error().contains("minutes"), "{}", unknown.body);
    let cap = api_post(
        &app,
        "/api/v1/plan",
        &session,
        &json!({"trigger_points": POINTS, "cap_minutes": 600}),
    )
    .await;
    assert_eq!(cap.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", cap.body);
    let none = json(&app, Method::GET, "/api/v1/plan", Some(&session), None).await;
    assert_eq!(none.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_page_shows_the_plan_its_next_sitting_and_the_form() {
    let app = app().await;
    let session = sign_up(&app, "plan-page@example.org").await;
    let empty = page(&app, "/plan", &session).await;
    assert_eq!(empty.status, StatusCode::OK);
    assert!(empty.body.contains("No home plan yet"), "{}", empty.body);
    assert!(empty.body.contains("name=\"points\""));
    assert!(empty.body.contains("name=\"csrf\""));
    assert!(empty.body.contains("href=\"/plan\" aria-current=\"page\""));

    screen_clear(&app, &session).await;
    let points = POINTS.join(", ");
    let saved = post(
        &app,
        "/plan",
        &session,
        &[("points", points.as_str()), ("cap_minutes", "20")],
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let shown = page(&app, &location(&saved), &session).await;
    assert_eq!(shown.status, StatusCode::OK);
    let body = &shown.body;
    assert!(body.contains("Saved as your active plan"), "{body}");
    assert!(body.contains("Sitting 1"), "{body}");
    assert!(body.contains("Next today"), "{body}");
    assert!(body.contains("upper-trapezius-1"), "{body}");
    // Askama writes the `&` as `&#38;`.
    assert!(
        body.contains("/treat?point=upper-trapezius-1&#38;side=right"),
        "{body}"
    );
    assert!(body.contains("Pressure time used today"), "{body}");
    assert!(body.contains("name=\"dry_run\""), "{body}");

    let preview = post(
        &app,
        "/plan",
        &session,
        &[("points", "upper-trapezius-1:left"), ("dry_run", "1")],
    )
    .await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
    assert!(preview.body.contains("Preview (not saved)"));
    let bad = post(&app, "/plan", &session, &[("points", "nowhere:right")]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert!(bad.body.contains("role=\"alert\""));
    assert!(
        bad.body.contains("nowhere:right"),
        "the typed value is kept"
    );
    let cap = post(
        &app,
        "/plan",
        &session,
        &[
            ("points", "upper-trapezius-1:left"),
            ("cap_minutes", "lots"),
        ],
    )
    .await;
    assert_eq!(cap.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", cap.body);
    assert!(cap.body.contains("whole number of minutes"), "{}", cap.body);
}

#[tokio::test]
async fn the_page_refuses_to_save_without_a_screening_and_points_to_the_screen_page() {
    let app = app().await;
    let session = sign_up(&app, "plan-page-unscreened@example.org").await;
    let reply = post(
        &app,
        "/plan",
        &session,
        &[("points", "upper-trapezius-1:right"), ("cap_minutes", "20")],
    )
    .await;
    assert_eq!(reply.status, StatusCode::CONFLICT, "{}", reply.body);
    assert!(reply.body.contains("Screen page"), "{}", reply.body);
    assert!(reply.body.contains("href=\"/screen\""));
    assert!(reply.body.contains("Nothing was stored."));
    let none = json(&app, Method::GET, "/api/v1/plan", Some(&session), None).await;
    assert_eq!(none.status, StatusCode::NOT_FOUND);
}
