//! The terminal and the browser are two doors to one application: given the same inputs they
//! give the same answers and refuse the same things. Each test runs the web router in-process
//! (no socket) on the very SQLite file the `knot` binary uses; the CLI acts as the local user
//! and the web as a signed-up account, two people in one file, each given the same inputs.

mod support;

use std::process::{Command, Output};

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tower::ServiceExt;

use support::{calm_flags, stderr, TempDb};

/// The web app on the CLI's database file, signed up as a second person.
struct Web {
    router: Router,
    cookie: String,
    csrf: String,
}

struct Reply {
    status: StatusCode,
    body: String,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    fn error(&self) -> String {
        self.json()["error"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }
}

impl Web {
    async fn on(db: &TempDb) -> Web {
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

    async fn send(&self, request: Request<Body>) -> Reply {
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
    async fn call(&self, method: Method, uri: &str, body: Option<&Value>) -> Reply {
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
    async fn form(&self, uri: &str, pairs: &[(&str, &str)]) -> Reply {
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
fn knot(db: &TempDb, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_knot"))
        .arg("--db")
        .arg(format!("sqlite:{}", db.path.display()))
        .args(args)
        .env_remove("KNOT_DATABASE_URL")
        .env("TZ", "UTC")
        .output()
        .expect("knot runs")
}

fn knot_json(db: &TempDb, args: &[&str]) -> Value {
    let out = knot(db, args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// The calm answers of `calm_flags`, as the API's screening body.
fn calm_answers() -> Value {
    let flags = calm_flags(&[]);
    let answers: serde_json::Map<String, Value> = flags
        .iter()
        .filter_map(|flag| flag.split_once('='))
        .map(|(id, value)| (id.to_string(), Value::String(value.to_string())))
        .collect();
    json!({ "answers": answers })
}

/// Both people take the same calm screening.
async fn screen_both(db: &TempDb, web: &Web) {
    db.screen_calmly();
    let reply = web
        .call(Method::POST, "/api/v1/screening", Some(&calm_answers()))
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
}

/// A plan without what differs between two people's copies: its id and when it was made.
fn plan_content(plan: &Value) -> Value {
    let mut plan = plan.clone();
    if let Some(object) = plan.as_object_mut() {
        object.remove("id");
        object.remove("created_at");
        object.remove("today");
    }
    plan
}

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
