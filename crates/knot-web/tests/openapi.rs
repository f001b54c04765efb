//! The OpenAPI document stays in step with the app: a snapshot of the whole document, every
//! route of the router documented, every documented operation routed, and real responses
//! valid against the documented schemas.

mod signed_in;
mod support;

use axum::http::{Method, StatusCode};
use serde_json::Value;

use support::{app, get, post_json, request};

async fn document() -> Value {
    let (app, _db) = app().await;
    let reply = get(&app, "/api/openapi.json").await;
    assert_eq!(reply.status, StatusCode::OK);
    reply.json()
}

#[tokio::test]
async fn openapi_document_matches_the_snapshot() {
    let doc = document().await;
    assert_eq!(doc["openapi"], "3.1.0");
    insta::assert_json_snapshot!("openapi", doc);
}

#[tokio::test]
async fn every_route_of_the_router_is_in_the_document() {
    let doc = document().await;
    let mut missing = Vec::new();
    for (method, path) in knot_web::route_table() {
        let operation = &doc["paths"][path][method.as_str().to_lowercase()];
        if !operation.is_object() {
            missing.push(format!("{method} {path}"));
        }
    }
    assert!(
        missing.is_empty(),
        "routes missing from openapi.json: {missing:?}"
    );
}

/// An example value for each path parameter the document uses.
fn fill(path: &str) -> String {
    path.replace("{id}", "upper-trapezius")
        .replace("{file}", "bodymap.js")
}

#[tokio::test]
async fn every_documented_operation_is_routed() {
    let (app, _db) = app().await;
    let doc = document().await;
    let paths = doc["paths"].as_object().expect("paths");
    let mut unrouted = Vec::new();
    for (path, item) in paths {
        for method in item.as_object().expect("path item").keys() {
            let method = Method::from_bytes(method.to_uppercase().as_bytes()).expect("method");
            let reply = request(&app, method.clone(), &fill(path)).await;
            // Without a body a POST is refused (415, 422), but it must reach a handler.
            if matches!(
                reply.status,
                StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED
            ) {
                unrouted.push(format!("{method} {path} → {}", reply.status));
            }
        }
    }
    assert!(
        unrouted.is_empty(),
        "documented but not routed: {unrouted:?}"
    );
}

#[tokio::test]
async fn responses_are_valid_against_the_documented_schemas() {
    let (app, _db) = app().await;
    let doc = document().await;
    let schema = |name: &str| serde_json::json!({"$ref": format!("#/components/schemas/{name}")});
    let find = r#"{"terms": ["right temple", "blorp"], "regions": [{"id": "right-side-of-neck",
        "intensity": 7, "worst": true}], "answers": {"neck-side-bend": "yes"}}"#;
    let cases = [
        ("FindResult", post_json(&app, "/api/v1/find", find).await),
        ("Atlas", get(&app, "/api/v1/atlas").await),
        (
            "MuscleDetail",
            get(&app, "/api/v1/atlas/muscles/gluteus-minimus").await,
        ),
        ("Regions", get(&app, "/api/v1/regions").await),
        ("Error", get(&app, "/api/v1/atlas/muscles/nope").await),
        ("Error", post_json(&app, "/api/v1/find", "{}").await),
    ];
    for (name, reply) in cases {
        let mut errors = Vec::new();
        check(&doc, &schema(name), &reply.json(), "$", &mut errors);
        assert!(errors.is_empty(), "{name}: {errors:#?}");
    }
    // The request example in the document's own words is accepted.
    let mut errors = Vec::new();
    let request: Value = serde_json::from_str(find).unwrap();
    check(&doc, &schema("FindRequest"), &request, "$", &mut errors);
    assert!(errors.is_empty(), "FindRequest: {errors:#?}");
}

/// A small JSON Schema check: `$ref`, `type`, `enum`, `required`, `properties`,
/// `additionalProperties`, `items`, `minimum`/`maximum` — what the document uses.
fn check(doc: &Value, schema: &Value, value: &Value, at: &str, errors: &mut Vec<String>) {
    if let Some(reference) = schema["$ref"].as_str() {
        let name = reference.trim_start_matches("#/components/schemas/");
        let target = &doc["components"]["schemas"][name];
        assert!(target.is_object(), "dangling $ref {reference}");
        return check(doc, target, value, at, errors);
    }
    if let Some(allowed) = schema["enum"].as_array() {
        if !allowed.contains(value) {
            errors.push(format!("{at}: {value} not in {allowed:?}"));
        }
    }
    if let Some(n) = value.as_f64() {
        if schema["minimum"].as_f64().is_some_and(|min| n < min)
            || schema["maximum"].as_f64().is_some_and(|max| n > max)
        {
            errors.push(format!("{at}: {n} out of range"));
        }
    }
    let ok = match schema["type"].as_str() {
        Some("object") => check_object(doc, schema, value, at, errors),
        Some("array") => {
            for (i, item) in value.as_array().into_iter().flatten().enumerate() {
                check(doc, &schema["items"], item, &format!("{at}[{i}]"), errors);
            }
            value.is_array()
        }
        Some("string") => value.is_string(),
        Some("integer") => value.is_i64() || value.is_u64(),
        Some("number") => value.is_number(),
        Some("boolean") => value.is_boolean(),
        _ => true,
    };
    if !ok {
        errors.push(format!("{at}: {value} is not of type {}", schema["type"]));
    }
}

fn check_object(
    doc: &Value,
    schema: &Value,
    value: &Value,
    at: &str,
    errors: &mut Vec<String>,
) -> bool {
    let Some(object) = value.as_object() else {
        return false;
    };
    for key in schema["required"].as_array().into_iter().flatten() {
        let key = key.as_str().unwrap_or_default();
        if !object.contains_key(key) {
            errors.push(format!("{at}: missing required {key}"));
        }
    }
    for (key, item) in object {
        let here = format!("{at}.{key}");
        match &schema["properties"][key] {
            Value::Null => match &schema["additionalProperties"] {
                Value::Bool(false) => errors.push(format!("{here}: not in the schema")),
                extra @ Value::Object(_) => check(doc, extra, item, &here, errors),
                _ => {}
            },
            property => check(doc, property, item, &here, errors),
        }
    }
    true
}

#[tokio::test]
async fn plan_responses_are_valid_against_the_documented_schemas() {
    let app = signed_in::app().await;
    let session = signed_in::sign_up(&app, "plan-schema@example.org").await;
    signed_in::screen_clear(&app, &session).await;
    let reply = get(&app.router, "/api/openapi.json").await;
    let doc = reply.json();
    let schema = |name: &str| serde_json::json!({"$ref": format!("#/components/schemas/{name}")});
    let request = serde_json::json!({"trigger_points": ["upper-trapezius-1:right",
        "temporalis-1:right"], "muscles": ["levator scapulae"], "side": "left",
        "cap_minutes": 20, "dry_run": false});
    let mut errors = Vec::new();
    check(&doc, &schema("PlanRequest"), &request, "$", &mut errors);
    assert!(errors.is_empty(), "PlanRequest: {errors:#?}");
    let built = signed_in::api_post(&app, "/api/v1/plan", &session, &request).await;
    assert_eq!(built.status, StatusCode::CREATED, "{}", built.body);
    let active = signed_in::json(&app, Method::GET, "/api/v1/plan", Some(&session), None).await;
    let refused = signed_in::api_post(&app, "/api/v1/plan", &session, &serde_json::json!({})).await;
    for (name, reply) in [("Plan", built), ("ActivePlan", active), ("Error", refused)] {
        let mut errors = Vec::new();
        check(&doc, &schema(name), &reply.json(), "$", &mut errors);
        assert!(errors.is_empty(), "{name}: {errors:#?}");
    }
}

#[tokio::test]
async fn diary_lists_and_pages_are_valid_against_the_documented_schemas() {
    let app = signed_in::app().await;
    let session = signed_in::sign_up(&app, "diary-schema@example.org").await;
    for score in [3, 5, 4] {
        let entry = serde_json::json!({"measure": {"kind": "pain", "score": score}});
        let stored = signed_in::api_post(&app, "/api/v1/diary", &session, &entry).await;
        assert_eq!(stored.status, StatusCode::CREATED, "{}", stored.body);
    }
    let doc = get(&app.router, "/api/openapi.json").await.json();
    let schema = |name: &str| serde_json::json!({"$ref": format!("#/components/schemas/{name}")});
    for (name, uri) in [
        ("EntryList", "/api/v1/diary"),
        ("EntryList", "/api/v1/diary?limit=2&order=newest"),
        ("EntryList", "/api/v1/diary?limit=2"),
        ("Error", "/api/v1/diary?limit=0"),
    ] {
        let reply = signed_in::json(&app, Method::GET, uri, Some(&session), None).await;
        let mut errors = Vec::new();
        check(&doc, &schema(name), &reply.json(), "$", &mut errors);
        assert!(errors.is_empty(), "{uri}: {errors:#?}");
    }
}

#[tokio::test]
async fn the_schema_check_catches_a_response_that_does_not_fit() {
    let doc = document().await;
    let candidate = serde_json::json!({"$ref": "#/components/schemas/Candidate"});
    let mut errors = Vec::new();
    let wrong = serde_json::json!({"rank": "first", "muscle": "Soleus", "extra": true});
    check(&doc, &candidate, &wrong, "$", &mut errors);
    assert!(
        errors
            .iter()
            .any(|e| e.contains("missing required muscle_id")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("$.extra: not in the schema")),
        "{errors:?}"
    );
    assert!(errors.iter().any(|e| e.contains("$.rank")), "{errors:?}");
}
