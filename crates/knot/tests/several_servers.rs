//! Several app servers on one PostgreSQL behind a reverse proxy: two `knot serve` processes
//! behind haproxy (round robin, one request per connection), a person signs up, takes the
//! screening and runs a guided session in the browser's way (page form posts) whose steps land
//! on both servers in turn; one server is restarted mid-session. The session continues where it
//! was and is stored exactly once.
//!
//! Skipped, with a notice, where haproxy is not installed (`.ci/run` installs it).

// Helpers outside #[test] functions unwrap too: in a test, a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

mod support;

use std::collections::BTreeSet;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use knot_store::testing::TempDatabase;
use support::http::{header, json_body, post_form, sign_up, try_http};
use support::serve::free_port;

/// A child process killed when the test ends, however it ends.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        self.0.kill().ok();
        self.0.wait().ok();
    }
}

fn serve(url: &str, port: u16) -> Running {
    Running(support::serve::serve(url, port))
}

/// haproxy on `port`, round robin over the two servers, naming the one that answered in an
/// `X-Served-By` header.
fn proxy(dir: &std::path::Path, port: u16, servers: [u16; 2]) -> Running {
    let config = dir.join("haproxy.cfg");
    std::fs::write(
        &config,
        format!(
            "global\n  maxconn 256\n\
             defaults\n  mode http\n  timeout connect 5s\n  timeout client 30s\n  timeout server 30s\n\
             frontend knot\n  bind 127.0.0.1:{port}\n  default_backend servers\n\
             backend servers\n  balance roundrobin\n  http-response set-header X-Served-By %[srv_name]\n\
             \x20 server one 127.0.0.1:{}\n  server two 127.0.0.1:{}\n",
            servers[0], servers[1]
        ),
    )
    .unwrap();
    let child = Running(
        Command::new("haproxy")
            .args(["-db", "-f", config.to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    for _ in 0..100 {
        if try_http(port, "GET /", &[], "").is_some() {
            return child;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("haproxy did not start on port {port}");
}

fn haproxy_missing() -> bool {
    Command::new("haproxy").arg("-v").output().is_err()
}

#[test]
fn a_guided_session_alternating_between_two_servers_and_a_restart_is_stored_once() {
    if haproxy_missing() {
        eprintln!("several_servers: haproxy is not installed (apt-get install haproxy); skipped");
        return;
    }
    let db = TempDatabase::create().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let ports = [free_port(), free_port()];
    let mut servers = [serve(db.url(), ports[0]), serve(db.url(), ports[1])];
    let front = free_port();
    let _proxy = proxy(dir.path(), front, ports);

    let (cookie, csrf) = sign_up(front, "two@example.org");
    let signed_in = [("Cookie", cookie.as_str()), ("X-CSRF-Token", csrf.as_str())];
    let answers: serde_json::Map<String, serde_json::Value> =
        knot_care::screen::RuleTable::builtin()
            .questions_to_ask(&[])
            .into_iter()
            .map(|q| {
                let answer = match q.kind {
                    knot_care::screen::QuestionKind::YesNo => "no",
                    knot_care::screen::QuestionKind::Number => "40",
                    knot_care::screen::QuestionKind::Regions => "none",
                };
                (q.id.clone(), serde_json::Value::from(answer))
            })
            .collect();
    let screening = serde_json::json!({ "answers": answers }).to_string();
    let (status, _, body) =
        try_http(front, "POST /api/v1/screening", &signed_in, &screening).unwrap();
    assert_eq!(status, 201, "{body}");

    let page = [("Cookie", cookie.as_str())];
    let mut served_by = BTreeSet::new();
    let post = |path: &str, fields: &[(&str, &str)]| -> String {
        let mut all = vec![("csrf", csrf.as_str())];
        all.extend_from_slice(fields);
        let (status, head, body) = post_form(front, path, &page, &all).unwrap();
        assert_eq!(status, 303, "{path} {fields:?}: {body}");
        header(&head, "X-Served-By").unwrap_or_default().to_string()
    };
    served_by.insert(post(
        "/treat/start",
        &[
            ("point", "upper-trapezius-1"),
            ("side", "left"),
            ("target", "6"),
        ],
    ));
    for event in ["continue", "pain-6", "skip", "continue", "discomfort-6"] {
        served_by.insert(post("/treat/step", &[("event", event)]));
    }
    assert_eq!(
        served_by.len(),
        2,
        "the steps did not reach both servers: {served_by:?}"
    );

    // One server goes away mid-session and comes back; the session is where it was.
    drop(std::mem::replace(
        &mut servers[0],
        serve(db.url(), free_port()),
    ));
    servers[0] = serve(db.url(), ports[0]);
    let mut guard = 0;
    loop {
        let (status, _, shown) = try_http(front, "GET /treat", &page, "").unwrap();
        assert_eq!(status, 200);
        let event = if shown.contains("Did the knot soften") {
            "yes"
        } else if shown.contains("Hold ") || shown.contains("6. Stretch") {
            "continue"
        } else if shown.contains("7. Pain now") {
            "pain-3"
        } else {
            break;
        };
        post("/treat/step", &[("event", event)]);
        guard += 1;
        assert!(guard < 40, "the session never ended");
    }
    let (status, _, body) = try_http(front, "GET /api/v1/sessions", &signed_in, "").unwrap();
    assert_eq!(status, 200, "{body}");
    let stored = json_body(&body);
    let stored = stored["sessions"]
        .as_array()
        .or(stored.as_array())
        .unwrap()
        .clone();
    assert_eq!(stored.len(), 1, "stored once: {stored:?}");
    assert_eq!(stored[0]["outcome"], "completed");
    assert_eq!(stored[0]["pain_before"], 6);
    assert_eq!(stored[0]["pain_after"], 3);
    assert_eq!(stored[0]["holds"][0]["discomfort"][0], 6);
}

#[test]
fn failed_sign_ins_are_counted_once_for_both_servers() {
    if haproxy_missing() {
        eprintln!("several_servers: haproxy is not installed (apt-get install haproxy); skipped");
        return;
    }
    let db = TempDatabase::create().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let ports = [free_port(), free_port()];
    let _servers = [serve(db.url(), ports[0]), serve(db.url(), ports[1])];
    let front = free_port();
    let _proxy = proxy(dir.path(), front, ports);
    sign_up(front, "guessed@example.org");

    let guess = serde_json::json!({ "email": "guessed@example.org", "password": "wrong guess" });
    let attempt = || {
        let (status, head, body) = try_http(
            front,
            "POST /api/v1/account/signin",
            &[],
            &guess.to_string(),
        )
        .unwrap();
        let server = header(&head, "X-Served-By").unwrap_or_default().to_string();
        (status, server, body)
    };
    let mut wrong_on = BTreeSet::new();
    for _ in 0..5 {
        let (status, server, body) = attempt();
        assert_eq!(status, 401, "{body}");
        wrong_on.insert(server);
    }
    assert_eq!(wrong_on.len(), 2, "the guesses reached both servers");
    // Each server alone has seen fewer than five failures; together they have seen five.
    let mut locked_on = BTreeSet::new();
    for _ in 0..2 {
        let (status, server, body) = attempt();
        assert_eq!(status, 429, "{server} let a sixth guess through: {body}");
        locked_on.insert(server);
    }
    assert_eq!(locked_on.len(), 2, "both servers refuse");
}
