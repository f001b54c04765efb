//! The web router in-process on the CLI's database file, and the `knot` binary on the same
//! file: the two doors the parity tests compare.

#![allow(dead_code)]

use std::process::{Command, Output};

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tower::ServiceExt;

use crate::support::{calm_flags, stderr, TempDb};

/// The web app on the CLI's database file, signed up as a second person.
pub struct Web {
    pub router: Router,
    pub cookie: String,
    pub csrf: String,
}

pub struct Reply {
    pub status: StatusCode,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn error(&self) -> String {
        self.json()["error"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }
}

impl Web {
    pub async fn on(db: &TempDb) -> Web {
        let url = format!("sqlite:{}", db.path.display());
        let store = knot_store::open(&url).await.expect("open the CLI's file");
        let state = knot_web::AppState::new(store).expect("reference data loads");
        let mut web = Web {
            router: knot_web::router(state),
            cookie: String::new(),
            csrf: String::new(),
        };
        let body = json!({"email": "parity@example.org", "display_name": "Sam",
            "password": "correct horse battery"});
        let request = Request::post("/api/v1/account/signup")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .expect("request");
        let response = web.router.clone().oneshot(request).await.expect("answers");
        assert_eq!(response.status(), StatusCode::CREATED);
        web.cookie = response
            .headers()
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("knot_session="))
            .and_then(|v| v.split(';').next())
            .expect("the session cookie")
            .to_string();
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        let signed_in: Value = serde_json::from_slice(&bytes).expect("JSON");
        web.csrf = signed_in["csrf_token"].as_str().expect("csrf").to_string();
        web
    }

    pub async fn send(&self, request: Request<Body>) -> Reply {
        let response = self.router.clone().oneshot(request).await.expect("answers");
        let status = response.status();
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        Reply {
            status,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    /// A JSON call as the signed-up person.
    pub async fn call(&self, method: Method, uri: &str, body: Option<&Value>) -> Reply {
        let builder = Request::builder()
            .method(method)
            .uri(uri)
            .header(header::COOKIE, &self.cookie)
            .header("x-csrf-token", &self.csrf)
            .header(header::CONTENT_TYPE, "application/json");
        let body = body.map_or_else(Body::empty, |b| Body::from(b.to_string()));
        self.send(builder.body(body).expect("request")).await
    }

    /// A page's form, posted with the session's CSRF token.
    pub async fn form(&self, uri: &str, pairs: &[(&str, &str)]) -> Reply {
        let body = form_urlencoded::Serializer::new(String::new())
            .append_pair("csrf", &self.csrf)
            .extend_pairs(pairs)
            .finish();
        let request = Request::post(uri)
            .header(header::COOKIE, &self.cookie)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .expect("request");
        self.send(request).await
    }
}

/// `knot --db <file> ARGS` with days counted in UTC, like the web's default.
pub fn knot(db: &TempDb, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_knot"))
        .arg("--db")
        .arg(format!("sqlite:{}", db.path.display()))
        .args(args)
        .env_remove("KNOT_DATABASE_URL")
        .env("TZ", "UTC")
        .output()
        .expect("knot runs")
}

pub fn knot_json(db: &TempDb, args: &[&str]) -> Value {
    let out = knot(db, args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// The calm answers of `calm_flags`, as the API's screening body.
pub fn calm_answers() -> Value {
    let flags = calm_flags(&[]);
    let answers: serde_json::Map<String, Value> = flags
        .iter()
        .filter_map(|flag| flag.split_once('='))
        .map(|(id, value)| (id.to_string(), Value::String(value.to_string())))
        .collect();
    json!({ "answers": answers })
}

/// Both people take the same calm screening.
pub async fn screen_both(db: &TempDb, web: &Web) {
    db.screen_calmly();
    let reply = web
        .call(Method::POST, "/api/v1/screening", Some(&calm_answers()))
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
}

/// A plan without what differs between two people's copies: its id and when it was made.
pub fn plan_content(plan: &Value) -> Value {
    let mut plan = plan.clone();
    if let Some(object) = plan.as_object_mut() {
        object.remove("id");
        object.remove("created_at");
        object.remove("today");
    }
    plan
}
