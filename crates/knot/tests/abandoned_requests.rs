//! Clients that hang up mid-request must not lock anyone out: after a few hundred sign-ups,
//! diary writes and progress reads abandoned mid-flight, the same server still writes, the
//! command line still writes to the same file, and the server never answered or logged a
//! failure of its own.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::Duration;

/// Requests abandoned, spread over a few client threads.
const ABANDONED: usize = 1500;
const CLIENTS: usize = 4;

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

fn start_server(db: &str, port: u16) -> Child {
    let mut child = Command::new(env!("CARGO_BIN_EXE_knot"))
        .args(["--db", db, "serve", "--addr", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("knot serve starts");
    let mut line = String::new();
    BufReader::new(child.stdout.as_mut().expect("stdout"))
        .read_line(&mut line)
        .expect("the server announces itself");
    assert!(line.contains("listening"), "{line}");
    child
}

/// A request; kept alive, as browsers do, so the server keeps reading and sees the hang-up
/// (with `Connection: close` it would stop reading and finish the handler regardless).
fn request(method: &str, path: &str, headers: &[String], body: &str) -> String {
    let mut text = format!(
        "{method} {path} HTTP/1.1\r\nHost: localhost\r\nContent-Length: {}\r\n",
        body.len()
    );
    if !body.is_empty() {
        text.push_str("Content-Type: application/json\r\n");
    }
    for header in headers {
        text.push_str(header);
        text.push_str("\r\n");
    }
    text.push_str("\r\n");
    text.push_str(body);
    text
}

/// Sends a request (asking the server to close the connection after it) and reads the whole
/// answer.
fn exchange(port: u16, request: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .expect("timeout");
    let request = request.replacen("\r\n", "\r\nConnection: close\r\n", 1);
    stream.write_all(request.as_bytes()).expect("sent");
    let mut reply = String::new();
    stream.read_to_string(&mut reply).expect("an answer");
    reply
}

/// Sends a request and hangs up at once, or after a few hundred microseconds.
fn abandon(port: u16, request: &str, linger: Duration) {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
        return;
    };
    let _ = stream.write_all(request.as_bytes());
    thread::sleep(linger);
    let _ = stream.shutdown(Shutdown::Both);
}

fn status(reply: &str) -> &str {
    reply.get(9..12).unwrap_or("")
}

/// The session cookie and CSRF token of a new account.
fn sign_up(port: u16) -> (String, String) {
    let body = r#"{"email": "hangup@example.org", "display_name": "Hang Up", "password": "a long enough password"}"#;
    let reply = exchange(port, &request("POST", "/api/v1/account/signup", &[], body));
    assert_eq!(status(&reply), "201", "{reply}");
    let cookie = reply
        .lines()
        .find_map(|line| line.strip_prefix("set-cookie: knot_session="))
        .and_then(|rest| rest.split(';').next())
        .expect("a session cookie");
    let csrf = reply
        .split("\"csrf_token\":\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a CSRF token");
    (
        format!("Cookie: knot_session={cookie}"),
        format!("X-CSRF-Token: {csrf}"),
    )
}

#[test]
fn requests_abandoned_mid_flight_leave_the_database_writable_for_server_and_cli() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = format!("sqlite:{}", dir.path().join("knot.db").display());
    let port = free_port();
    let mut server = start_server(&db, port);
    let (cookie, csrf) = sign_up(port);

    let diary = r#"{"measure": {"kind": "pain", "score": 5}}"#;
    let requests = [
        request("GET", "/api/v1/progress", std::slice::from_ref(&cookie), ""),
        request(
            "POST",
            "/api/v1/diary",
            &[cookie.clone(), csrf.clone()],
            diary,
        ),
        request("GET", "/api/v1/diary", std::slice::from_ref(&cookie), ""),
    ];
    let clients: Vec<_> = (0..CLIENTS)
        .map(|client| {
            let requests = requests.clone();
            thread::spawn(move || {
                for n in (client..ABANDONED).step_by(CLIENTS) {
                    // Spread over the time each kind of request takes, so that hang-ups land at
                    // every point of its handler: sign-ups hash a password first (tens of ms).
                    let spread = (n as u64).wrapping_mul(2_654_435_761);
                    if n % 3 == 0 {
                        let linger = Duration::from_micros(spread % 80_000);
                        let body = format!(
                            r#"{{"email": "gone{n}@example.org", "display_name": "Gone", "password": "a long enough password"}}"#
                        );
                        abandon(
                            port,
                            &request("POST", "/api/v1/account/signup", &[], &body),
                            linger,
                        );
                    } else {
                        let linger = Duration::from_micros(spread % 4_000);
                        abandon(port, &requests[n % requests.len()], linger);
                    }
                }
            })
        })
        .collect();
    for client in clients {
        client.join().expect("client thread");
    }

    let written = exchange(
        port,
        &request("POST", "/api/v1/diary", &[cookie.clone(), csrf], diary),
    );
    assert_eq!(
        status(&written),
        "201",
        "the server still writes: {written}"
    );
    let progress = exchange(port, &request("GET", "/api/v1/progress", &[cookie], ""));
    assert_eq!(
        status(&progress),
        "200",
        "the server still reads: {progress}"
    );

    let cli = Command::new(env!("CARGO_BIN_EXE_knot"))
        .args(["--db", &db, "log", "pain", "3"])
        .output()
        .expect("knot log runs");
    assert!(
        cli.status.success(),
        "the command line still writes: {}",
        String::from_utf8_lossy(&cli.stderr)
    );

    let _ = Command::new("kill")
        .args(["-INT", &server.id().to_string()])
        .status();
    let mut log = String::new();
    server
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut log)
        .expect("the server's log");
    server.wait().expect("the server stops");
    assert!(
        !log.contains("internal error") && !log.contains("database busy"),
        "the server failed while clients hung up:\n{log}"
    );
}
