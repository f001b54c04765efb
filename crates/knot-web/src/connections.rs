//! The accept loop: every connection gets a deadline for its request head, every request one for
//! its whole handling (body included), and connections count against a cap, so clients that open
//! connections and never finish a request (slowloris, or a body sent a byte a minute) cannot use
//! up the server's file descriptors. Handlers still see the peer address as
//! `ConnectInfo<SocketAddr>`.

use std::convert::Infallible;
use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tower::ServiceExt;

/// Limits on connections, so that slow or idle clients cannot exhaust the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServeOptions {
    /// How long a client has to send a whole request head, counted from when the server starts
    /// waiting for one. That wait includes the idle time between two requests on a kept-alive
    /// connection, so this is also the idle keep-alive timeout.
    pub header_timeout: Duration,
    /// How long a request may take once its head has arrived, reading its body included. A
    /// client still sending after this gets 408 and the connection is closed.
    pub request_timeout: Duration,
    /// How many connections are served at once. Further connections wait, unaccepted, in the
    /// operating system's accept queue until one closes.
    pub max_connections: usize,
}

impl ServeOptions {
    /// Ten seconds is ample for a browser on a slow link (it sends the head in one packet) and
    /// short enough that a slow client frees its slot quickly.
    pub const DEFAULT_HEADER_TIMEOUT: Duration = Duration::from_secs(10);
    /// Far longer than any handler takes; only a client sending its body very slowly meets it.
    pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
    /// Well under the usual limit of 1,024 open files, leaving room for the database, its
    /// write-ahead log and the listener.
    pub const DEFAULT_MAX_CONNECTIONS: usize = 512;
}

impl Default for ServeOptions {
    fn default() -> ServeOptions {
        ServeOptions {
            header_timeout: ServeOptions::DEFAULT_HEADER_TIMEOUT,
            request_timeout: ServeOptions::DEFAULT_REQUEST_TIMEOUT,
            max_connections: ServeOptions::DEFAULT_MAX_CONNECTIONS,
        }
    }
}

/// Accepts connections until `shutdown` completes, then waits for the requests in flight.
///
/// Over the cap the loop stops accepting rather than accepting and closing: a waiting browser is
/// served as soon as a slot frees (slow clients free theirs within `header_timeout`), whereas a
/// closed connection is an error page. The kernel bounds the queue and refuses beyond it.
pub(crate) async fn accept_loop(
    listener: TcpListener,
    router: Router,
    options: ServeOptions,
    shutdown: impl Future<Output = ()>,
) {
    let slots = Arc::new(Semaphore::new(options.max_connections.max(1)));
    let graceful = GracefulShutdown::new();
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(options.header_timeout)
        .keep_alive(true);
    tokio::pin!(shutdown);
    loop {
        let slot = tokio::select! {
            slot = Arc::clone(&slots).acquire_owned() => slot,
            () = &mut shutdown => break,
        };
        // The semaphore is never closed, so this does not happen; stopping is the safe answer.
        let Ok(slot) = slot else { break };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    pause_after_accept_error(&error).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let connection = http.serve_connection(
            TokioIo::new(stream_ready(stream)),
            app(&router, peer, options.request_timeout),
        );
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            // A client that hangs up or times out is not the server's failure; nothing to report.
            let _ = connection.await;
            drop(slot);
        });
    }
    drop(listener);
    graceful.shutdown().await;
}

/// The router as a hyper service for one connection, with the peer address in each request and
/// the request deadline.
fn app(
    router: &Router,
    peer: SocketAddr,
    deadline: Duration,
) -> impl hyper::service::Service<
    hyper::Request<Incoming>,
    Response = Response,
    Error = Infallible,
    Future = impl Future<Output = Result<Response, Infallible>> + Send,
> + Clone {
    let router = router.clone();
    hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
        request.extensions_mut().insert(ConnectInfo(peer));
        let api = crate::error::is_api_path(request.uri().path());
        let handled = router.clone().oneshot(request);
        async move {
            match tokio::time::timeout(deadline, handled).await {
                Ok(answered) => answered,
                Err(_) => Ok(too_slow(api)),
            }
        }
    })
}

/// 408 with `Connection: close`: the rest of a body that came too slowly is not waited for.
fn too_slow(api: bool) -> Response {
    const MESSAGE: &str = "the request took too long to arrive; send it again in one go";
    let (content_type, body) = if api {
        ("application/json", format!("{{\"error\": \"{MESSAGE}\"}}"))
    } else {
        (
            "text/html; charset=utf-8",
            format!("<!doctype html><title>Too slow · Knot</title><p>{MESSAGE}.</p>"),
        )
    };
    (
        StatusCode::REQUEST_TIMEOUT,
        [
            (header::CONNECTION, "close"),
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

fn stream_ready(stream: TcpStream) -> TcpStream {
    // Responses are written whole; waiting to coalesce small writes only adds latency.
    let _ = stream.set_nodelay(true);
    stream
}

/// A failed accept either concerns one client (it hung up before being accepted: carry on) or
/// the server (out of file descriptors: wait a moment for connections to close, rather than
/// spinning).
async fn pause_after_accept_error(error: &io::Error) {
    let one_client = matches!(
        error.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
    );
    if !one_client {
        eprintln!("knot-web: cannot accept a connection ({error}); retrying shortly");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
