//! `knot serve` as a child process on a free loopback port, for tests that kill, restart or
//! proxy real servers.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};

/// A loopback port free at the moment of asking.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port()
}

/// Starts `knot --db URL serve` on `port` and waits until it says it listens.
pub fn serve(url: &str, port: u16) -> Child {
    let mut child = Command::new(env!("CARGO_BIN_EXE_knot"))
        .args(["--db", url, "serve", "--addr", &format!("127.0.0.1:{port}")])
        .env_remove("KNOT_DATABASE_URL")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("knot serve starts");
    let mut line = String::new();
    BufReader::new(child.stdout.as_mut().expect("stdout"))
        .read_line(&mut line)
        .expect("a first line");
    assert!(line.contains("Knot is listening"), "{line}");
    child
}
