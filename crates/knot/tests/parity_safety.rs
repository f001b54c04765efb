//! The terminal and the browser refuse and soften alike, because the safety decisions live in
//! `knot-care` (clinical review 2026-12): pregnancy keeps rectus abdominis out of a plan and a
//! session, and the femoral-triangle point of iliopsoas is left to a therapist in both.

mod parity_support;
mod support;

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

use parity_support::{knot, knot_json, plan_content, Web};
use support::{calm_flags, stderr, TempDb};

/// Both people take the same screening, with `change` answered as given.
async fn screen_both_with(db: &TempDb, web: &Web, change: &[(&str, &str)]) {
    let flags = calm_flags(change);
    let mut args = vec!["screen"];
    args.extend(flags.iter().map(String::as_str));
    let out = knot(db, &args);
    assert!(out.status.success(), "{}", stderr(&out));
    let answers: serde_json::Map<String, Value> = flags
        .iter()
        .filter_map(|flag| flag.split_once('='))
        .map(|(id, value)| (id.to_string(), Value::String(value.to_string())))
        .collect();
    let reply = web
        .call(
            Method::POST,
            "/api/v1/screening",
            Some(&json!({ "answers": answers })),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
}

#[tokio::test]
async fn pregnancy_keeps_rectus_abdominis_out_of_a_plan_and_a_session_in_both() {
    let db = TempDb::new();
    let web = Web::on(&db).await;
    screen_both_with(&db, &web, &[("pregnancy", "yes")]).await;

    let out = knot(
        &db,
        &[
            "plan",
            "--json",
            "--muscle",
            "rectus abdominis",
            "--side",
            "right",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let cli = stderr(&out);
    let body = json!({"muscles": ["rectus abdominis"], "side": "right"});
    let reply = web.call(Method::POST, "/api/v1/plan", Some(&body)).await;
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reply.body
    );
    let api = reply.error();
    for text in [&cli, &api] {
        assert!(text.contains("nothing is left to treat"), "{text}");
        assert!(text.contains("Pregnancy"), "{text}");
        assert!(text.contains("rectus-abdominis-mcburney"), "{text}");
    }
    assert!(
        cli.contains(api.lines().next().unwrap_or_default()),
        "same reason:\n{cli}\n{api}"
    );

    let out = knot(
        &db,
        &[
            "treat",
            "rectus-abdominis",
            "--tp",
            "rectus-abdominis-upper",
            "--side",
            "right",
            "--plain",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("Pregnancy"), "{}", stderr(&out));
    let page = web
        .form(
            "/treat/start",
            &[
                ("point", "rectus-abdominis-upper"),
                ("side", "right"),
                ("target", "6"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::CONFLICT, "{}", page.body);
    assert!(page.body.contains("Pregnancy"), "{}", page.body);
}

#[tokio::test]
async fn the_femoral_triangle_point_is_left_to_a_therapist_in_both() {
    let db = TempDb::new();
    let web = Web::on(&db).await;
    screen_both_with(&db, &web, &[]).await;

    let points = ["iliopsoas-distal:right", "iliopsoas-psoas:right"];
    let cli = knot_json(
        &db,
        &["plan", "--json", "--tp", points[0], "--tp", points[1]],
    );
    let reply = web
        .call(
            Method::POST,
            "/api/v1/plan",
            Some(&json!({"trigger_points": points})),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    assert_eq!(plan_content(&cli), plan_content(&reply.json()));
    let items = cli["items"].as_array().expect("items");
    assert!(!items.is_empty());
    assert!(items
        .iter()
        .all(|i| i["trigger_point_id"] != "iliopsoas-distal"));
    let notes = cli["notes"].to_string();
    assert!(
        notes.contains("iliopsoas-distal") && notes.contains("therapist only"),
        "{notes}"
    );

    let out = knot(
        &db,
        &[
            "treat",
            "iliopsoas",
            "--tp",
            "iliopsoas-distal",
            "--side",
            "right",
            "--plain",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("not for self-treatment"),
        "{}",
        stderr(&out)
    );
    let page = web
        .form(
            "/treat/start",
            &[
                ("point", "iliopsoas-distal"),
                ("side", "right"),
                ("target", "6"),
            ],
        )
        .await;
    assert_eq!(
        page.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        page.body
    );
    assert!(
        page.body.contains("not for self-treatment"),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn a_red_flag_symptom_in_the_finder_points_to_the_screening_in_both() {
    let db = TempDb::new();
    let web = Web::on(&db).await;
    let cli = knot_json(
        &db,
        &[
            "find",
            "--json",
            "right temple",
            "--answer",
            "dizziness=yes",
        ],
    );
    let body = json!({"terms": ["right temple"], "answers": {"dizziness": "yes"}});
    let reply = web.call(Method::POST, "/api/v1/find", Some(&body)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(cli, reply.json());
    let flag = &cli["red_flags"][0];
    assert_eq!(flag["question"], "neck-warning-signs");
    assert_eq!(flag["rule"]["severity"], "stop");
    assert_eq!(flag["rule"]["hint"], "take_screening");
    let out = knot(&db, &["find", "right temple", "--answer", "dizziness=yes"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("knot screen"));
}
