//! Slow and idle clients over a real socket: half-sent request heads are closed after the header
//! timeout while normal requests are still answered, a body sent too slowly is answered 408 and
//! closed, idle kept-alive connections are closed, the connection cap holds, and shutdown stops
//! the server.

mod support;

use std::net::SocketAddr;
use std::time::Duration;

use knot_web::ServeOptions;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// Only a guard so that a regression fails instead of hanging; never what a test measures.
const GUARD: Duration = Duration::from_secs(60);

const HALF_HEAD: &[u8] = b"GET /api/v1/regions HTTP/1.1\r\nHost: knot.test\r\nUser-Agent: slow";

struct Server {
    addr: SocketAddr,
    stop: oneshot::Sender<()>,
    task: JoinHandle<Result<(), knot_web::ServeError>>,
    _db: knot_store::testing::TestDatabase,
}

async fn start(options: ServeOptions) -> Server {
    let db = knot_store::testing::TestDatabase::from_env().expect("a test database");
    let store = knot_store::open(db.url())
        .await
        .expect("open the test store");
    let state = knot_web::AppState::new(store).expect("reference data loads");
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("bound address");
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(knot_web::serve_with(listener, state, options, async {
        let _ = stopped.await;
    }));
    Server {
        addr,
        stop,
        task,
        _db: db,
    }
}

async fn half_open(addr: SocketAddr) -> TcpStream {
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    stream.write_all(HALF_HEAD).await.expect("send half a head");
    stream
}

/// Sends a whole request asking the server to close afterwards and reads the whole answer.
async fn whole_request(addr: SocketAddr) -> String {
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    stream
        .write_all(b"GET /api/v1/regions HTTP/1.1\r\nHost: knot.test\r\nConnection: close\r\n\r\n")
        .await
        .expect("send a request");
    read_until_closed(&mut stream).await
}

/// Everything the server sends until it closes the connection (a reset counts as closed).
async fn read_until_closed(stream: &mut TcpStream) -> String {
    let mut received = Vec::new();
    match tokio::time::timeout(GUARD, stream.read_to_end(&mut received)).await {
        Ok(Ok(_)) => {}
        Ok(Err(error)) if error.kind() == std::io::ErrorKind::ConnectionReset => {}
        Ok(Err(error)) => panic!("reading failed: {error}"),
        Err(_) => panic!("the server kept the connection open past the guard"),
    }
    String::from_utf8_lossy(&received).into_owned()
}

#[tokio::test]
async fn half_sent_heads_are_closed_after_the_header_timeout_while_others_are_answered() {
    let server = start(ServeOptions {
        header_timeout: Duration::from_millis(500),
        request_timeout: Duration::from_secs(3600),
        max_connections: 64,
    })
    .await;
    let mut slow = Vec::new();
    for _ in 0..40 {
        slow.push(half_open(server.addr).await);
    }

    let answer = whole_request(server.addr).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");

    for stream in &mut slow {
        let sent_back = read_until_closed(stream).await;
        assert!(!sent_back.contains(" 200 "), "{sent_back}");
    }
}

#[tokio::test]
async fn an_idle_kept_alive_connection_is_closed_after_the_header_timeout() {
    let server = start(ServeOptions {
        header_timeout: Duration::from_millis(300),
        request_timeout: Duration::from_secs(3600),
        max_connections: 8,
    })
    .await;
    let mut stream = TcpStream::connect(server.addr).await.expect("connect");
    stream
        .write_all(b"GET /api/v1/regions HTTP/1.1\r\nHost: knot.test\r\n\r\n")
        .await
        .expect("send a kept-alive request");

    let everything = read_until_closed(&mut stream).await;

    assert!(everything.starts_with("HTTP/1.1 200"), "{everything}");
}

#[tokio::test]
async fn connections_over_the_cap_wait_until_a_slot_frees() {
    let server = start(ServeOptions {
        // Longer than the test: only the client hanging up frees a slot.
        header_timeout: Duration::from_secs(3600),
        request_timeout: Duration::from_secs(3600),
        max_connections: 3,
    })
    .await;
    let mut held = Vec::new();
    for _ in 0..3 {
        held.push(half_open(server.addr).await);
    }
    let waiting = tokio::spawn(whole_request(server.addr));

    // A negative check: it can only miss a broken cap on a very slow machine, never fail a
    // working one.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(!waiting.is_finished(), "a fourth connection was served");

    drop(held.pop());
    let answer = tokio::time::timeout(GUARD, waiting)
        .await
        .expect("served once a slot freed")
        .expect("the request task");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

#[tokio::test]
async fn shutdown_stops_accepting_and_closes_idle_connections() {
    let server = start(ServeOptions {
        header_timeout: Duration::from_secs(3600),
        request_timeout: Duration::from_secs(3600),
        max_connections: 8,
    })
    .await;
    let mut idle = TcpStream::connect(server.addr).await.expect("connect");
    assert!(whole_request(server.addr).await.starts_with("HTTP/1.1 200"));

    server.stop.send(()).expect("the server is listening");
    let stopped = tokio::time::timeout(GUARD, server.task)
        .await
        .expect("the server stops")
        .expect("the server task");

    assert!(stopped.is_ok());
    read_until_closed(&mut idle).await;
    assert!(TcpStream::connect(server.addr).await.is_err());
}

#[tokio::test]
async fn a_body_that_never_finishes_is_answered_408_and_the_connection_closed() {
    let server = start(ServeOptions {
        header_timeout: Duration::from_secs(3600),
        request_timeout: Duration::from_millis(500),
        max_connections: 8,
    })
    .await;
    let mut stream = TcpStream::connect(server.addr).await.expect("connect");
    stream
        .write_all(
            b"POST /api/v1/find HTTP/1.1\r\nHost: knot.test\r\nContent-Type: application/json\r\n\
              Content-Length: 100\r\n\r\n{\"terms\": [",
        )
        .await
        .expect("send the head and part of the body");

    let answer = read_until_closed(&mut stream).await;

    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("too long to arrive"), "{answer}");
}
