//! `knot` on PostgreSQL end to end: `--db postgres://…` (or `KNOT_DATABASE_URL`) records,
//! lists, corrects and reports the diary as on a file; `knot serve` on it signs a person up,
//! stores what they log and reports it; a server that cannot be reached, a database that does
//! not exist or a URL of another kind exits 2 with what to check or write. Each test has a
//! database of its own (`knot_store::testing`), dropped afterwards.

use std::io::{BufRead, BufReader, Read};
use std::net::TcpListener;
use std::process::{Command, Output, Stdio};

use knot_store::testing::TempDatabase;
use support::http::{json_body, sign_up, try_http};

mod support;

/// One request that must get an answer.
fn http(
    port: u16,
    request_line: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, String, String) {
    try_http(port, request_line, headers, body).expect("the server answers")
}

/// Runs `knot --db URL ARGS`, ignoring any `KNOT_DATABASE_URL` around the test.
fn knot(url: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_knot"))
        .arg("--db")
        .arg(url)
        .args(args)
        .env_remove("KNOT_DATABASE_URL")
        .output()
        .expect("knot runs")
}

fn ok(url: &str, args: &[&str]) -> String {
    let out = knot(url, args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn entries(listing: &str) -> Vec<serde_json::Value> {
    let listing: serde_json::Value = serde_json::from_str(listing).expect("json");
    listing["entries"].as_array().expect("entries").clone()
}

#[test]
fn the_diary_is_recorded_listed_corrected_and_reported_on_postgres() {
    let db = TempDatabase::create().expect("a test database");
    let url = db.url();
    let stored = ok(url, &["log", "pain", "6", "--region", "right temple"]);
    assert!(stored.starts_with("Stored entry"), "{stored}");
    ok(url, &["log", "pain", "4", "--at", "2024-03-05T08:30"]);
    ok(url, &["log", "note", "slept", "badly"]);

    let listed = entries(&ok(url, &["history", "--json"]));
    assert_eq!(listed.len(), 3, "{listed:?}");
    let text = ok(url, &["history"]);
    assert!(text.contains("slept badly"), "{text}");

    let first = listed
        .iter()
        .find(|entry| entry.to_string().contains("right-temple"))
        .expect("the pain in the right temple")["id"]
        .to_string();
    ok(url, &["history", "correct", &first, "pain", "5"]);
    let current = entries(&ok(url, &["history", "--json"]));
    let everything = entries(&ok(url, &["history", "--all", "--json"]));
    assert_eq!(
        (current.len(), everything.len()),
        (3, 4),
        "the original kept"
    );

    let report = ok(url, &["progress", "--json"]);
    let report: serde_json::Value = serde_json::from_str(&report).expect("json");
    assert_eq!(report["entries"], 3, "{report}");

    // The environment variable chooses PostgreSQL as the flag does.
    let out = Command::new(env!("CARGO_BIN_EXE_knot"))
        .args(["history", "--json"])
        .env("KNOT_DATABASE_URL", url)
        .output()
        .expect("knot runs");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(entries(&String::from_utf8_lossy(&out.stdout)), current);
}

#[test]
fn an_unreachable_server_exits_2_saying_what_to_check() {
    let out = knot(
        "postgres://knot:s3cret@127.0.0.1:1/knot",
        &["log", "pain", "6"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let message = stderr(&out);
    assert!(
        message.contains("cannot reach PostgreSQL at 127.0.0.1:1"),
        "{message}"
    );
    assert!(message.contains("is the server running?"), "{message}");
    assert!(!message.contains("s3cret"), "no password: {message}");
}

#[test]
fn a_missing_database_exits_2_saying_how_to_create_it() {
    let db = TempDatabase::create().expect("a test database");
    let missing = format!("{}_missing", db.url());
    let out = knot(&missing, &["history"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let message = stderr(&out);
    assert!(message.contains("createdb"), "{message}");
}

#[test]
fn a_url_of_another_kind_exits_2_listing_the_accepted_forms() {
    let out = knot("mysql://knot@localhost/knot", &["history"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let message = stderr(&out);
    for form in ["sqlite:/path/to/knot.db", "postgres://", "postgresql://"] {
        assert!(message.contains(form), "{message}");
    }
}

#[test]
fn serve_on_postgres_signs_up_stores_and_reports() {
    let db = TempDatabase::create().expect("a test database");
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_knot"))
        .args([
            "--db",
            db.url(),
            "serve",
            "--addr",
            &format!("127.0.0.1:{port}"),
        ])
        .env_remove("KNOT_DATABASE_URL")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("knot serve starts");
    let mut line = String::new();
    BufReader::new(child.stdout.as_mut().expect("stdout"))
        .read_line(&mut line)
        .expect("a first line");
    assert!(line.contains("Knot is listening"), "{line}");

    let (cookie, csrf) = sign_up(port, "sam@example.org");
    let signed_in = [("Cookie", cookie.as_str()), ("X-CSRF-Token", csrf.as_str())];

    let entry =
        serde_json::json!({"measure": {"kind": "pain", "score": 6, "region": "right-temple"}});
    let (status, _, body) = http(port, "POST /api/v1/diary", &signed_in, &entry.to_string());
    assert_eq!(status, 201, "{body}");
    let (status, _, body) = http(port, "GET /api/v1/diary", &signed_in, "");
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        json_body(&body)["entries"].as_array().map(Vec::len),
        Some(1)
    );
    let (status, _, body) = http(port, "GET /api/v1/progress", &signed_in, "");
    assert_eq!(status, 200, "{body}");
    assert_eq!(json_body(&body)["entries"], 1);

    let interrupted = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(interrupted.success());
    let status = child.wait().expect("knot serve exits");
    let mut errors = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut errors)
        .expect("stderr read");
    assert_eq!(status.code(), Some(0), "a graceful stop exits 0: {errors}");
}
