//! Fuzz target: JSON bodies sent to every POST and PUT route of the API, through the real router
//! over an in-memory SQLite store. Any 5xx answer is a crash: a client's body must only ever
//! earn a 4xx (the router turns handler panics into 500s, so they are caught here too).
//!
//! The first byte picks the route; the rest is the body. The runtime and the app are built once
//! per process, so state (accounts, diary entries) carries over between inputs, as on a server.
//! Requests carry a signed-in session (made once, through the API), or most routes would refuse
//! them before reading the body; sign-out goes without it, so the session stays valid.

#![no_main]

use std::path::Path;
use std::sync::{Arc, LazyLock};

use axum::body::Body;
use axum::http::{header, Method, Request};
use axum::Router;
use libfuzzer_sys::fuzz_target;
use tokio::runtime::Runtime;
use tower::ServiceExt;

static RUNTIME: LazyLock<Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime")
});

/// The app, and the cookie and CSRF token of an account signed up on it.
struct App {
    router: Router,
    cookie: String,
    csrf: String,
}

static APP: LazyLock<App> = LazyLock::new(|| {
    RUNTIME.block_on(async {
        let store = knot_store::SqliteStore::open(Path::new(":memory:"))
            .await
            .expect("an in-memory store");
        let state = knot_web::AppState::new(Arc::new(store)).expect("reference data loads");
        let router = knot_web::router(state);
        let signup = r#"{"email": "fuzz@example.org", "display_name": "Fuzz",
            "password": "correct horse battery"}"#;
        let request = Request::post("/api/v1/account/signup")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(signup))
            .expect("a valid request");
        let response = router
            .clone()
            .oneshot(request)
            .await
            .expect("the router answers");
        assert_eq!(response.status(), 201, "signing up the fuzz account");
        let cookie = response
            .headers()
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("knot_session="))
            .and_then(|v| v.split(';').next())
            .expect("a session cookie")
            .to_string();
        let body = axum::body::to_bytes(response.into_body(), 1 << 20)
            .await
            .expect("the signup answer");
        let answer: serde_json::Value = serde_json::from_slice(&body).expect("JSON");
        let csrf = answer["csrf_token"]
            .as_str()
            .expect("a CSRF token")
            .to_string();
        App {
            router,
            cookie,
            csrf,
        }
    })
});

/// (method, path) of each API route that takes a JSON body; `{id}` becomes a real-looking id.
static ROUTES: LazyLock<Vec<(Method, String)>> = LazyLock::new(|| {
    knot_web::route_table()
        .into_iter()
        .filter(|(method, path)| {
            path.starts_with("/api/") && (method == Method::POST || method == Method::PUT)
        })
        .map(|(method, path)| (method, path.replace("{id}", "1")))
        .collect()
});

fuzz_target!(|data: &[u8]| {
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let (method, path) = &ROUTES[usize::from(pick) % ROUTES.len()];
    let app = &*APP;
    let mut request = Request::builder()
        .method(method.clone())
        .uri(path.as_str())
        .header(header::CONTENT_TYPE, "application/json");
    if !path.ends_with("/signout") {
        request = request
            .header(header::COOKIE, &app.cookie)
            .header("x-csrf-token", &app.csrf);
    }
    let request = request
        .body(Body::from(body.to_vec()))
        .expect("a valid request");
    RUNTIME.block_on(async {
        let response = app
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("the router answers");
        let status = response.status();
        if status.is_server_error() {
            let answer = axum::body::to_bytes(response.into_body(), 1 << 20)
                .await
                .unwrap_or_default();
            panic!(
                "{method} {path} answered {status} ({}) to the body {:?}",
                String::from_utf8_lossy(&answer),
                String::from_utf8_lossy(body)
            );
        }
    });
});
