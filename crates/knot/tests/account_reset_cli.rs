//! `knot account reset EMAIL`: on a server that cannot send e-mail, whoever runs it prints a
//! one-time link; the link, opened against `knot serve`, sets a new password (the old one stops
//! working and every session ends) and works once. An unknown address exits 2 saying so.
//! Run on SQLite and on PostgreSQL.

mod support;

use std::process::{Command, Output};

use knot_store::testing::TempDatabase;
use support::http::{post_form, sign_up, try_http};
use support::serve::{free_port, serve};
use support::{stderr, TempDb};

const NEW_PASSWORD: &str = "purple staple orbit lantern";

fn knot(url: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_knot"))
        .arg("--db")
        .arg(url)
        .args(args)
        .env_remove("KNOT_DATABASE_URL")
        .output()
        .expect("knot runs")
}

fn sign_in_status(port: u16, password: &str) -> u16 {
    let body = serde_json::json!({"email": "web@example.org", "password": password}).to_string();
    try_http(port, "POST /api/v1/account/signin", &[], &body)
        .expect("the server answers")
        .0
}

fn the_printed_link_resets_the_password_once(url: &str) {
    let port = free_port();
    let mut server = serve(url, port);
    let (cookie, _) = sign_up(port, "web@example.org");

    let unknown = knot(url, &["account", "reset", "nobody@example.org"]);
    assert_eq!(unknown.status.code(), Some(2), "{}", stderr(&unknown));
    assert!(stderr(&unknown).contains("nobody@example.org"));

    let base = format!("http://127.0.0.1:{port}");
    let out = knot(
        url,
        &["account", "reset", "web@example.org", "--base-url", &base],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let link = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let path = link
        .strip_prefix(&base)
        .unwrap_or_else(|| panic!("a link to the server: {link}"))
        .to_string();
    assert!(path.starts_with("/account/reset?token="), "{path}");
    let token = path.rsplit('=').next().unwrap_or_default().to_string();

    let (status, head, body) =
        try_http(port, &format!("GET {path}"), &[], "").expect("the reset page");
    assert_eq!(status, 200, "{body}");
    let form_cookie = head
        .lines()
        .filter_map(|line| line.split_once(": "))
        .filter(|(name, _)| name.eq_ignore_ascii_case("set-cookie"))
        .map(|(_, value)| value.split(';').next().unwrap_or_default().to_string())
        .find(|value| value.starts_with("knot_form="))
        .expect("the form cookie");
    let marker = "name=\"form_token\" value=\"";
    let start = body.find(marker).expect("the form token") + marker.len();
    let form_token = body[start..]
        .split('"')
        .next()
        .unwrap_or_default()
        .to_string();
    let fields = [
        ("form_token", form_token.as_str()),
        ("token", token.as_str()),
        ("new_password", NEW_PASSWORD),
        ("new_password_again", NEW_PASSWORD),
    ];
    let (status, _, body) = post_form(port, "/account/reset", &[("Cookie", &form_cookie)], &fields)
        .expect("the reset answers");
    assert_eq!(status, 303, "{body}");

    assert_eq!(sign_in_status(port, "correct horse battery"), 401);
    assert_eq!(sign_in_status(port, NEW_PASSWORD), 200);
    let (status, _, _) =
        try_http(port, "GET /api/v1/account/me", &[("Cookie", &cookie)], "").expect("me");
    assert_eq!(status, 401, "the earlier session ended");
    let (again, _, _) = try_http(port, &format!("GET {path}"), &[], "").expect("the page");
    assert_eq!(again, 410, "the link works once");
    let _ = server.kill();
    let _ = server.wait();
}

#[test]
fn a_printed_link_resets_the_password_once_on_sqlite() {
    let db = TempDb::new();
    the_printed_link_resets_the_password_once(&format!("sqlite:{}", db.path.display()));
}

#[test]
fn a_printed_link_resets_the_password_once_on_postgres() {
    let db = TempDatabase::create().expect("a test database");
    the_printed_link_resets_the_password_once(db.url());
}

#[test]
fn a_base_url_that_is_not_http_is_refused() {
    let db = TempDb::new();
    let refused = db.knot(&["account", "reset", "a@example.org", "--base-url", "ftp://x"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(stderr(&refused).contains("http://"));
}

#[test]
fn serve_refuses_an_smtp_url_it_cannot_use() {
    let db = TempDb::new();
    for url in [
        "smtps://mail.example.org:465",
        "smtp://user:pw@mail.example.org",
    ] {
        let refused = db.knot(&["serve", "--addr", "127.0.0.1:0", "--smtp-url", url]);
        assert_eq!(refused.status.code(), Some(2), "{url}");
        assert!(
            stderr(&refused).contains("smtp://HOST:PORT"),
            "{}",
            stderr(&refused)
        );
    }
}
