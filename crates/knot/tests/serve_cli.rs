//! `knot serve` end to end: it says where it listens, answers over HTTP, stops cleanly on
//! Ctrl-C (SIGINT), and refuses an address in use or malformed, or a trusted proxy that is not
//! an IP address, with exit 2.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Stdio};
use std::time::Duration;

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

#[test]
fn serve_announces_its_address_answers_and_stops_on_ctrl_c() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = format!("sqlite:{}", dir.path().join("knot.db").display());
    let port = free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_knot"))
        .args(["--db", &db, "serve", "--addr", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("knot serve starts");
    let mut line = String::new();
    BufReader::new(child.stdout.as_mut().expect("stdout"))
        .read_line(&mut line)
        .expect("a first line");
    assert_eq!(
        line.trim(),
        format!(
            "Knot is listening on http://127.0.0.1:{port} — open it in a browser to begin \
             (Ctrl-C to stop)"
        )
    );

    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    stream
        .write_all(b"GET /api/v1/regions HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .expect("request sent");
    let mut reply = String::new();
    stream.read_to_string(&mut reply).expect("reply");
    assert!(
        reply.starts_with("HTTP/1.1 200"),
        "{}",
        &reply[..80.min(reply.len())]
    );
    assert!(reply.contains("\"right-temple\""));

    let interrupted = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(interrupted.success());
    let status = child.wait().expect("knot serve exits");
    assert_eq!(status.code(), Some(0), "a graceful stop exits 0");
}

#[test]
fn serve_refuses_an_address_in_use_with_exit_2() {
    let taken = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = taken.local_addr().expect("addr").to_string();
    let dir = tempfile::tempdir().expect("temp dir");
    let db = format!("sqlite:{}", dir.path().join("knot.db").display());
    let out = Command::new(env!("CARGO_BIN_EXE_knot"))
        .args(["--db", &db, "serve", "--addr", &addr])
        .output()
        .expect("knot runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("already in use"), "{stderr}");
    assert!(
        stderr.contains("--addr 127.0.0.1:"),
        "says what to do: {stderr}"
    );
}

#[test]
fn serve_refuses_a_malformed_address_with_exit_2() {
    let out = Command::new(env!("CARGO_BIN_EXE_knot"))
        .args(["serve", "--addr", "7878"])
        .output()
        .expect("knot runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("is not HOST:PORT"), "{stderr}");
}

#[test]
fn serve_refuses_a_trusted_proxy_that_is_not_an_ip_address_with_exit_2() {
    let out = Command::new(env!("CARGO_BIN_EXE_knot"))
        .args(["serve", "--trusted-proxy", "proxy.example.org"])
        .output()
        .expect("knot runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--trusted-proxy"), "{stderr}");
}
