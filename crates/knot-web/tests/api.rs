//! The JSON API through the router: the find contract, atlas and regions, and that every bad
//! request gets a 4xx with a JSON message a person can act on.

mod support;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use serde_json::Value;

use support::{app, get, post_json, request, send};

const NECK_HEADACHE: &str = r#"{"regions": [
    {"id": "right-temple", "intensity": 6},
    {"id": "right-side-of-neck", "intensity": 6},
    {"id": "right-back-of-neck", "intensity": 6}]}"#;

fn first_trigger_point(result: &Value) -> String {
    let c = &result["candidates"][0];
    format!(
        "{}:{}",
        c["side"].as_str().unwrap_or("?"),
        c["trigger_point"].as_str().unwrap_or("?")
    )
}

#[tokio::test]
async fn find_with_regions_answers_with_the_cli_contract() {
    let (app, _db) = app().await;
    let reply = post_json(&app, "/api/v1/find", NECK_HEADACHE).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert!(reply.header("content-type").starts_with("application/json"));
    let result = reply.json();
    for key in [
        "regions",
        "unmatched",
        "candidates",
        "combinations",
        "questions",
    ] {
        assert!(result[key].is_array(), "missing {key}: {result}");
    }
    assert_eq!(result["candidates"][0]["muscle_id"], "upper-trapezius");
    assert_eq!(result["candidates"][0]["rank"], 1);
    // The same object as the finder gives the CLI.
    let request: knot_finder::FindRequest = serde_json::from_str(NECK_HEADACHE).unwrap();
    let direct = knot_finder::Finder::builtin().answer(&request).unwrap();
    // Both sides go through JSON text: serde_json's default float parsing may differ from the
    // in-memory f64 in the last digit, which is not a difference in the contract.
    let direct: serde_json::Value =
        serde_json::from_str(&serde_json::to_string(&direct).unwrap()).unwrap();
    assert_eq!(result, direct);
}

#[tokio::test]
async fn find_with_words_reports_terms_it_did_not_understand() {
    let (app, _db) = app().await;
    let body = r#"{"terms": ["right temple", "side of the right neck", "blorp"]}"#;
    let result = post_json(&app, "/api/v1/find", body).await.json();
    assert_eq!(result["unmatched"], serde_json::json!(["blorp"]));
    let regions: Vec<&str> = result["regions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(regions.contains(&"right-temple"), "{regions:?}");
}

#[tokio::test]
async fn find_reads_symptom_words_and_answers_widespread_pain_without_a_ranking() {
    let (app, _db) = app().await;
    let body = r#"{"terms": ["tennis elbow"]}"#;
    let result = post_json(&app, "/api/v1/find", body).await.json();
    assert_eq!(result["terms"][0]["outcome"], "placed");
    assert!(result["terms"][0]["reading"]
        .as_str()
        .unwrap()
        .contains("outer elbow"));
    let reply = post_json(&app, "/api/v1/find", r#"{"terms": ["everywhere"]}"#).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let result = reply.json();
    assert_eq!(result["terms"][0]["outcome"], "widespread");
    assert_eq!(result["candidates"], serde_json::json!([]));
}

#[tokio::test]
async fn find_answers_re_rank_the_candidates() {
    let (app, _db) = app().await;
    let before = post_json(&app, "/api/v1/find", NECK_HEADACHE).await.json();
    let question = before["questions"][0]["id"].as_str().unwrap().to_string();
    let mut with_answer: Value = serde_json::from_str(NECK_HEADACHE).unwrap();
    with_answer["answers"] = serde_json::json!({ question.clone(): "no" });
    let after = post_json(&app, "/api/v1/find", &with_answer.to_string())
        .await
        .json();
    assert_ne!(
        before["candidates"], after["candidates"],
        "answering {question} = no changed nothing"
    );
    assert!(after["questions"]
        .as_array()
        .unwrap()
        .iter()
        .all(|q| q["id"] != question.as_str()));
    assert_ne!(first_trigger_point(&before), "");
}

#[tokio::test]
async fn find_refuses_json_that_does_not_parse_with_400() {
    let (app, _db) = app().await;
    let reply = post_json(&app, "/api/v1/find", r#"{"terms": ["right temple""#).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    let message = reply.error();
    assert!(message.contains("not valid JSON"), "{message}");
    assert!(
        message.contains("\"terms\""),
        "says what to send: {message}"
    );
}

#[tokio::test]
async fn find_refuses_a_body_without_the_json_content_type_with_415() {
    let (app, _db) = app().await;
    let reply = send(
        &app,
        Request::post("/api/v1/find")
            .header(header::CONTENT_TYPE, "text/plain")
            .body(Body::from(NECK_HEADACHE))
            .unwrap(),
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(reply.error().contains("Content-Type: application/json"));
}

#[tokio::test]
async fn find_refuses_unknown_fields_and_wrong_types_with_422() {
    let (app, _db) = app().await;
    let reply = post_json(&app, "/api/v1/find", r#"{"region": ["right-temple"]}"#).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        reply.error().contains("unknown field `region`"),
        "{}",
        reply.error()
    );
    let reply = post_json(&app, "/api/v1/find", r#"{"terms": "right temple"}"#).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        reply.error().contains("expected a sequence"),
        "{}",
        reply.error()
    );
    let reply = post_json(
        &app,
        "/api/v1/find",
        r#"{"terms": ["right temple"], "answers": {"neck-side-bend": "perhaps"}}"#,
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.error().contains("perhaps"), "{}", reply.error());
}

#[tokio::test]
async fn find_refuses_an_unknown_region_and_suggests_the_id_meant() {
    let (app, _db) = app().await;
    let reply = post_json(
        &app,
        "/api/v1/find",
        r#"{"regions": [{"id": "right_temple"}]}"#,
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let message = reply.error();
    assert!(message.contains("\"right_temple\""), "{message}");
    assert!(
        message.contains("\"right-temple\""),
        "suggests the real id: {message}"
    );
    assert!(message.contains("/api/v1/regions"), "{message}");
}

#[tokio::test]
async fn find_refuses_an_empty_drawing_with_422() {
    let (app, _db) = app().await;
    for body in [r#"{}"#, r#"{"terms": [], "regions": []}"#] {
        let reply = post_json(&app, "/api/v1/find", body).await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(reply.error().contains("empty"), "{}", reply.error());
    }
}

#[tokio::test]
async fn find_refuses_words_that_name_nothing_and_suggests_spellings() {
    let (app, _db) = app().await;
    let reply = post_json(&app, "/api/v1/find", r#"{"terms": ["rigt tempel"]}"#).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let message = reply.error();
    assert!(message.contains("rigt tempel"), "{message}");
    assert!(message.contains("temple"), "suggests a spelling: {message}");
}

#[tokio::test]
async fn find_refuses_intensity_outside_0_to_10() {
    let (app, _db) = app().await;
    let body = r#"{"regions": [{"id": "right-temple", "intensity": 11}]}"#;
    let reply = post_json(&app, "/api/v1/find", body).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.error().contains("0-10"), "{}", reply.error());
}

#[tokio::test]
async fn find_refuses_an_answer_to_a_question_never_asked() {
    let (app, _db) = app().await;
    let body = r#"{"terms": ["right temple"], "answers": {"press:nothing:left": "yes"}}"#;
    let reply = post_json(&app, "/api/v1/find", body).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        reply.error().contains("press:nothing:left"),
        "{}",
        reply.error()
    );
}

#[tokio::test]
async fn find_refuses_oversized_bodies_and_requests_with_413_or_422() {
    let (app, _db) = app().await;
    let huge = format!(r#"{{"terms": ["{}"]}}"#, "a".repeat(70 * 1024));
    let reply = post_json(&app, "/api/v1/find", &huge).await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(reply.error().contains("KiB"), "{}", reply.error());
    let many: Vec<String> = (0..100).map(|_| "\"right temple\"".to_string()).collect();
    let reply = post_json(
        &app,
        "/api/v1/find",
        &format!(r#"{{"terms": [{}]}}"#, many.join(",")),
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.error().contains("at most"), "{}", reply.error());
}

#[tokio::test]
async fn wrong_method_and_unknown_endpoint_answer_in_json() {
    let (app, _db) = app().await;
    let reply = get(&app, "/api/v1/find").await;
    assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(
        reply.error().contains("does not accept GET"),
        "{}",
        reply.error()
    );
    let reply = request(&app, Method::DELETE, "/api/v1/atlas").await;
    assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED);
    let reply = get(&app, "/api/v2/find").await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert!(
        reply.error().contains("/api/openapi.json"),
        "{}",
        reply.error()
    );
}

#[tokio::test]
async fn atlas_is_the_same_dump_as_the_cli_prints() {
    let (app, _db) = app().await;
    let reply = get(&app, "/api/v1/atlas").await;
    assert_eq!(reply.status, StatusCode::OK);
    let expected = serde_json::to_value(knot_atlas::Atlas::builtin().dump()).unwrap();
    assert_eq!(reply.json(), expected);
}

#[tokio::test]
async fn atlas_muscle_gives_its_trigger_points_on_each_side() {
    let (app, _db) = app().await;
    let body = get(&app, "/api/v1/atlas/muscles/upper-trapezius")
        .await
        .json();
    assert_eq!(body["muscle"]["name"], "Upper trapezius");
    let sides: Vec<&str> = body["trigger_points"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|tp| tp["side"].as_str())
        .collect();
    assert!(
        sides.contains(&"left") && sides.contains(&"right"),
        "{sides:?}"
    );
    assert!(body["trigger_points"]
        .as_array()
        .unwrap()
        .iter()
        .all(|tp| tp["muscle_id"] == "upper-trapezius"));
}

#[tokio::test]
async fn atlas_unknown_muscle_is_a_404_with_suggestions() {
    let (app, _db) = app().await;
    let reply = get(&app, "/api/v1/atlas/muscles/upper-trapezus").await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    let body = reply.json();
    assert!(body["error"].as_str().unwrap().contains("upper-trapezus"));
    assert_eq!(
        body["suggestions"][0]["href"],
        "/api/v1/atlas/muscles/upper-trapezius"
    );
}

#[tokio::test]
async fn regions_lists_every_region_of_the_scheme_with_neighbours() {
    let (app, _db) = app().await;
    let body = get(&app, "/api/v1/regions").await.json();
    let regions = body["regions"].as_array().unwrap();
    assert_eq!(regions.len(), knot_body::Scheme::builtin().len());
    let temple = regions
        .iter()
        .find(|r| r["id"] == "right-temple")
        .expect("right-temple listed");
    assert_eq!(temple["side"], "right");
    assert!(!temple["neighbours"].as_array().unwrap().is_empty());
}
