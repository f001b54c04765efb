//! The terminal and the browser are two doors to one application: given the same inputs they
//! give the same answers and refuse the same things. Each test runs the web router in-process
//! (no socket) on the very SQLite file the `knot` binary uses; the CLI acts as the local user
//! and the web as a signed-up account, two people in one file, each given the same inputs.

mod parity_support;
mod support;

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

use parity_support::{knot, knot_json, plan_content, screen_both, Web};
use support::{stderr, TempDb};

#[tokio::test]
async fn find_answers_the_same_drawing_with_the_same_json() {
    let db = TempDb::new();
    let web = Web::on(&db).await;
    let cli = knot_json(&db, &["find", "--json", "right temple"]);
    let reply = web
        .call(
            Method::POST,
            "/api/v1/find",
            Some(&json!({"terms": ["right temple"]})),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(cli, reply.json());

    let cli = knot_json(
        &db,
        &[
            "find",
            "--json",
            "right temple",
            "back of the neck",
            "--answer",
            "neck-side-bend=yes",
        ],
    );
    let body = json!({"terms": ["right temple", "back of the neck"],
        "answers": {"neck-side-bend": "yes"}});
    let reply = web.call(Method::POST, "/api/v1/find", Some(&body)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(cli, reply.json());
}

#[tokio::test]
async fn find_without_a_side_answers_either_side_alike() {
    let db = TempDb::new();
    let web = Web::on(&db).await;
    let cli = knot_json(&db, &["find", "--json", "right temple", "left temple"]);
    let body = json!({"terms": ["right temple", "left temple"]});
    let reply = web.call(Method::POST, "/api/v1/find", Some(&body)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(cli, reply.json());
    let first = &cli["candidates"][0];
    assert_eq!(first["side"], "either", "{first}");
    let ids: Vec<&str> = cli["candidates"]
        .as_array()
        .expect("candidates")
        .iter()
        .filter_map(|c| c["trigger_point"].as_str())
        .collect();
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(
        unique.len(),
        ids.len(),
        "a trigger point listed twice: {ids:?}"
    );
}

#[tokio::test]
async fn the_same_points_and_cap_make_the_same_plan() {
    let db = TempDb::new();
    let web = Web::on(&db).await;
    screen_both(&db, &web).await;
    let points = [
        "temporalis-1:right",
        "upper-trapezius-1:right",
        "levator-scapulae-upper:left",
    ];
    let mut args = vec!["plan", "--json", "--cap-minutes", "15"];
    for point in points {
        args.extend(["--tp", point]);
    }
    let cli = knot_json(&db, &args);
    let body = json!({"trigger_points": points, "cap_minutes": 15});
    let reply = web.call(Method::POST, "/api/v1/plan", Some(&body)).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let built = reply.json();
    assert!(cli["id"].is_i64() && built["id"].is_i64());
    assert_ne!(cli["id"], built["id"], "two people, two plans");
    assert!(!cli["items"].as_array().expect("items").is_empty());
    assert_eq!(plan_content(&cli), plan_content(&built));

    let shown = knot_json(&db, &["plan", "--show", "--json"]);
    let active = web.call(Method::GET, "/api/v1/plan", None).await;
    assert_eq!(active.status, StatusCode::OK, "{}", active.body);
    assert_eq!(plan_content(&shown), plan_content(&active.json()));
    assert_eq!(shown["id"], cli["id"], "each sees their own plan");
}

#[tokio::test]
async fn the_same_diary_gives_the_same_progress_report() {
    let db = TempDb::new();
    let web = Web::on(&db).await;
    let entries: [(&[&str], Value, &str); 8] = [
        (
            &["pain", "7"],
            json!({"kind": "pain", "score": 7, "region": null}),
            "2024-01-02T08:00:00",
        ),
        (
            &["pain", "6"],
            json!({"kind": "pain", "score": 6, "region": null}),
            "2024-01-09T08:00:00",
        ),
        (
            &["pain", "5", "--region", "right temple"],
            json!({"kind": "pain", "score": 5, "region": "right-temple"}),
            "2024-01-16T20:30:00",
        ),
        (
            &["pain", "3"],
            json!({"kind": "pain", "score": 3, "region": null}),
            "2024-01-30T08:00:00",
        ),
        (
            &["threshold", "upper-trapezius-1", "--side", "right", "2.5"],
            json!({"kind": "threshold", "trigger_point": "upper-trapezius-1", "side": "right",
                "kg_per_cm2": 2.5}),
            "2024-01-03T09:00:00",
        ),
        (
            &["rom", "cervical-rotation-left", "60"],
            json!({"kind": "range_of_motion", "movement": "cervical-rotation-left",
                "degrees": 60.0}),
            "2024-01-03T09:05:00",
        ),
        (
            &["function", "reaching the top shelf", "4"],
            json!({"kind": "function", "activity": "reaching the top shelf", "score": 4}),
            "2024-01-04T10:00:00",
        ),
        (
            &["note", "slept badly"],
            json!({"kind": "note", "text": "slept badly"}),
            "2024-01-05T22:00:00",
        ),
    ];
    for (args, measure, at) in &entries {
        let mut cli_args = vec!["log"];
        cli_args.extend_from_slice(args);
        cli_args.extend(["--at", &at[..16]]);
        let out = knot(&db, &cli_args);
        assert!(out.status.success(), "{cli_args:?}: {}", stderr(&out));
        let body = json!({"measure": measure, "recorded_at": format!("{at}Z")});
        let reply = web.call(Method::POST, "/api/v1/diary", Some(&body)).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    }
    let cli = knot_json(
        &db,
        &[
            "progress",
            "--json",
            "--since",
            "2024-01-01",
            "--until",
            "2024-02-15",
        ],
    );
    let reply = web
        .call(
            Method::GET,
            "/api/v1/progress?since=2024-01-01&until=2024-02-15&utc_offset=0",
            None,
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(
        cli["entries"], 8,
        "each counts only their own entries: {cli}"
    );
    assert_eq!(cli, reply.json());
}

#[tokio::test]
async fn without_a_screening_both_refuse_a_session_and_a_saved_plan() {
    let db = TempDb::new();
    let web = Web::on(&db).await;

    let out = knot(
        &db,
        &["treat", "upper-trapezius", "--side", "right", "--plain"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("`knot screen`"), "{}", stderr(&out));

    let end = chrono::Utc::now() - chrono::Duration::minutes(1);
    let start = end - chrono::Duration::minutes(6);
    let session = json!({
        "started_at": start.to_rfc3339(), "ended_at": end.to_rfc3339(),
        "muscle_id": "upper-trapezius", "trigger_point_id": "upper-trapezius-1",
        "side": "right", "technique": "sustained-compression", "tool": "thumb",
        "target_discomfort": 6, "pain_before": 6, "pain_after": 4,
        "holds": [{"seconds": 60, "discomfort": [6, 5], "softened": true, "skipped": false}],
        "stretch_done": true, "outcome": "completed", "stop_reason": null, "plan_id": null,
    });
    let reply = web
        .call(Method::POST, "/api/v1/sessions", Some(&session))
        .await;
    assert_eq!(reply.status, StatusCode::CONFLICT, "{}", reply.body);
    assert!(
        reply.error().contains("POST /api/v1/screening"),
        "{}",
        reply.body
    );
    let page = web
        .form(
            "/treat/start",
            &[
                ("point", "upper-trapezius-1"),
                ("side", "right"),
                ("target", "6"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::CONFLICT, "{}", page.body);
    assert!(
        page.body.contains("Take the safety screening first"),
        "{}",
        page.body
    );

    let out = knot(&db, &["plan", "--tp", "upper-trapezius-1:right"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("`knot screen`"), "{}", stderr(&out));
    let body = json!({"trigger_points": ["upper-trapezius-1:right"]});
    let reply = web.call(Method::POST, "/api/v1/plan", Some(&body)).await;
    assert_eq!(reply.status, StatusCode::CONFLICT, "{}", reply.body);
    assert!(
        reply.error().contains("POST /api/v1/screening"),
        "{}",
        reply.body
    );

    // Nothing was saved on either side.
    assert_eq!(knot_json(&db, &["plan", "--show", "--json"]), Value::Null);
    let plan = web.call(Method::GET, "/api/v1/plan", None).await;
    assert_eq!(plan.status, StatusCode::NOT_FOUND, "{}", plan.body);
    let sessions = web.call(Method::GET, "/api/v1/sessions", None).await;
    assert_eq!(sessions.json()["sessions"], json!([]));
    let app = knot_app::App::new(
        knot_store::open(&format!("sqlite:{}", db.path.display()))
            .await
            .expect("open"),
    );
    let local = app.local_actor().await.expect("the local user");
    let stored = app
        .sessions(&local.own_records(), None)
        .await
        .expect("sessions");
    assert!(stored.is_empty(), "the CLI stored nothing");
}
