//! Shared test helpers: the app over a real store of its own (SQLite in a temporary directory,
//! or PostgreSQL with `KNOT_TEST_BACKEND=postgres`), and one-shot requests through the router
//! (no socket).

#![allow(dead_code)]

use axum::body::Body;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use tower::ServiceExt;

/// The app with its own empty database. Keep the database alive while the app is used.
pub async fn app() -> (Router, knot_store::testing::TestDatabase) {
    let db = knot_store::testing::TestDatabase::from_env().expect("a test database");
    let store = knot_store::open(db.url())
        .await
        .expect("open the test store");
    let state = knot_web::AppState::new(store).expect("reference data loads");
    (knot_web::router(state), db)
}

/// A response, read whole.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// The `error` message of a JSON error body.
    pub fn error(&self) -> String {
        self.json()["error"]
            .as_str()
            .unwrap_or_else(|| panic!("no error message in {}", self.body))
            .to_string()
    }
}

pub async fn send(app: &Router, request: Request<Body>) -> Reply {
    let response = app.clone().oneshot(request).await.expect("router answers");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

pub async fn get(app: &Router, uri: &str) -> Reply {
    send(
        app,
        Request::get(uri)
            .body(Body::empty())
            .expect("a valid request"),
    )
    .await
}

pub async fn request(app: &Router, method: Method, uri: &str) -> Reply {
    send(
        app,
        Request::builder()
            .method(method)
            .uri(uri)
            .body(Body::empty())
            .expect("a valid request"),
    )
    .await
}

pub async fn post_json(app: &Router, uri: &str, body: &str) -> Reply {
    send(
        app,
        Request::post(uri)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .expect("a valid request"),
    )
    .await
}

/// A browser-style form post; `fragment` adds the header the body-map script sends.
pub async fn post_form(app: &Router, uri: &str, pairs: &[(&str, &str)], fragment: bool) -> Reply {
    let body: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish();
    let mut builder =
        Request::post(uri).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if fragment {
        builder = builder.header("x-knot-fragment", "1");
    }
    send(
        app,
        builder.body(Body::from(body)).expect("a valid request"),
    )
    .await
}
