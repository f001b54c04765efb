//! One identity for the command line and the browser: `knot account set-password` gives the
//! CLI's own person a web sign-in, after which `knot serve` shows the diary `knot log` wrote;
//! `--user EMAIL` makes the CLI act as a web account; `knot demo seed` leaves a sign-in and says
//! how to use it. Bad input changes nothing.

mod support;

use std::fs;

use support::http::{json_body, sign_up, try_http};
use support::serve::{free_port, serve};
use support::{stderr, TempDb};

/// Signs in through the API; the session cookie, or the refusal's status.
fn sign_in(port: u16, email: &str, password: &str) -> Result<String, u16> {
    let body = serde_json::json!({"email": email, "password": password}).to_string();
    let (status, head, _) =
        try_http(port, "POST /api/v1/account/signin", &[], &body).expect("the server answers");
    if status != 200 {
        return Err(status);
    }
    Ok(head
        .lines()
        .filter_map(|line| line.split_once(": "))
        .filter(|(name, _)| name.eq_ignore_ascii_case("set-cookie"))
        .map(|(_, value)| value.split(';').next().unwrap_or_default().to_string())
        .find(|value| value.starts_with("knot_session="))
        .expect("the session cookie"))
}

/// The notes of the diary the browser sees.
fn web_diary_notes(port: u16, cookie: &str) -> Vec<String> {
    let (status, _, body) =
        try_http(port, "GET /api/v1/diary", &[("Cookie", cookie)], "").expect("the server answers");
    assert_eq!(status, 200, "{body}");
    let diary = json_body(&body);
    diary["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .filter_map(|entry| entry["note"].as_str().map(str::to_owned))
        .collect()
}

#[test]
fn the_cli_person_signs_in_to_the_browser_and_sees_the_same_diary() {
    let db = TempDb::new();
    db.ok(&["log", "--note", "logged at the terminal", "pain", "5"]);
    let show = db.ok(&["account", "show"]);
    assert!(show.contains("no web sign-in"), "{show}");

    let dir = tempfile::tempdir().expect("tempdir");
    let short = dir.path().join("short");
    fs::write(&short, "tiny\n").expect("write");
    let refused = db.knot(&[
        "account",
        "set-password",
        "--email",
        "me@example.org",
        "--password-file",
        short.to_str().expect("path"),
    ]);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert!(stderr(&refused).contains("at least 10 characters"));
    let no_address = db.knot(&["account", "set-password"]);
    assert_eq!(no_address.status.code(), Some(2));

    let file = dir.path().join("password");
    fs::write(&file, "correct horse battery staple\n").expect("write");
    let out = db.ok(&[
        "account",
        "set-password",
        "--email",
        "me@example.org",
        "--password-file",
        file.to_str().expect("path"),
    ]);
    assert!(out.contains("me@example.org"), "{out}");
    assert!(db.ok(&["account", "show"]).contains("<me@example.org>"));

    let port = free_port();
    let mut server = serve(&format!("sqlite:{}", db.path.display()), port);
    let cookie = sign_in(port, "me@example.org", "correct horse battery staple")
        .expect("the CLI's person signs in");
    assert_eq!(web_diary_notes(port, &cookie), ["logged at the terminal"]);
    assert_eq!(sign_in(port, "me@example.org", "tiny"), Err(401));
    let _ = server.kill();
    let _ = server.wait();
}

#[test]
fn the_cli_acts_as_a_web_account_with_user() {
    let db = TempDb::new();
    let port = free_port();
    let mut server = serve(&format!("sqlite:{}", db.path.display()), port);
    let (cookie, _) = sign_up(port, "web@example.org");
    db.ok(&[
        "--user",
        "web@example.org",
        "log",
        "--note",
        "from the terminal as the web account",
        "pain",
        "4",
    ]);
    assert_eq!(
        web_diary_notes(port, &cookie),
        ["from the terminal as the web account"]
    );
    let history = db.ok(&["--user", "web@example.org", "history"]);
    assert!(history.contains("from the terminal"), "{history}");
    // The CLI's own person is someone else: its diary is empty.
    assert!(!db.ok(&["history"]).contains("from the terminal"));
    let unknown = db.knot(&["--user", "nobody@example.org", "history"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("nobody@example.org"));
    let _ = server.kill();
    let _ = server.wait();
}

#[test]
fn the_demo_diary_can_be_seen_in_the_browser() {
    let db = TempDb::new();
    let out = db.ok(&["demo", "seed", "--weeks", "2"]);
    assert!(out.contains("demo@example.org"), "{out}");
    let cli_entries = db.json(&["history", "--json"]);
    let port = free_port();
    let mut server = serve(&format!("sqlite:{}", db.path.display()), port);
    let cookie =
        sign_in(port, "demo@example.org", "knot-demo-diary-2026").expect("the demo sign-in works");
    let (status, _, body) = try_http(port, "GET /api/v1/diary", &[("Cookie", &cookie)], "")
        .expect("the server answers");
    assert_eq!(status, 200);
    let web = json_body(&body)["entries"]
        .as_array()
        .expect("entries")
        .len();
    let cli = cli_entries
        .as_array()
        .or_else(|| cli_entries["entries"].as_array())
        .expect("the CLI's entries")
        .len();
    assert_eq!(web, cli, "the browser and the CLI show one diary");
    let _ = server.kill();
    let _ = server.wait();
}
