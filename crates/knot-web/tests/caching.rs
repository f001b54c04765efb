//! What caches may keep: nothing that can carry health or account data (every page and API
//! answer, errors included), while the static assets stay cacheable.

mod signed_in;
mod support;

use axum::http::Method;
use signed_in::{app, json, page, sign_up};

#[tokio::test]
async fn signed_in_pages_and_api_answers_are_not_stored_by_caches() {
    let app = app().await;
    let session = sign_up(&app, "cache@example.com").await;

    let mut replies = Vec::new();
    for uri in ["/diary", "/progress", "/atlas", "/"] {
        replies.push((uri, page(&app, uri, &session).await));
    }
    for uri in [
        "/api/v1/diary",
        "/api/v1/sessions",
        "/api/v1/progress",
        "/api/v1/account/me",
        "/api/v1/no-such-thing",
    ] {
        replies.push((
            uri,
            json(&app, Method::GET, uri, Some(&session), None).await,
        ));
    }

    for (uri, reply) in replies {
        assert_eq!(reply.header("cache-control"), "no-store", "{uri}");
    }
}

#[tokio::test]
async fn the_sign_up_answer_with_its_session_cookie_is_not_stored_by_caches() {
    let app = app().await;
    let body = serde_json::json!({
        "email": "new@example.com", "display_name": "Sam", "password": signed_in::PASSWORD
    });

    let reply = json(
        &app,
        Method::POST,
        "/api/v1/account/signup",
        None,
        Some(&body.to_string()),
    )
    .await;

    assert_eq!(reply.status, 201, "{}", reply.body);
    assert_eq!(reply.header("cache-control"), "no-store");
}

#[tokio::test]
async fn static_assets_stay_cacheable() {
    let (app, _db) = support::app().await;

    let reply = support::get(&app, "/static/bodymap.js").await;

    assert_eq!(reply.status, 200);
    assert!(
        !reply.header("cache-control").contains("no-store"),
        "{}",
        reply.header("cache-control")
    );
    assert!(!reply.header("cache-control").is_empty());
}
