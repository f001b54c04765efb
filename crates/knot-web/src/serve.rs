//! Listening: binding the address (with errors a person can act on), serving until Ctrl-C with a
//! graceful shutdown (the accept loop and its limits are in [`crate::connections`]), and the
//! security headers every response carries.

use std::future::Future;
use std::io;
use std::net::SocketAddr;

use axum::extract::Request;
use axum::http::header::{self, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use tokio::net::TcpListener;

use crate::connections::ServeOptions;
use crate::AppState;

/// Why the server could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(
        "{addr} is already in use (is Knot already running?): stop the other program or pick \
         another port, e.g. --addr 127.0.0.1:7879"
    )]
    AddressInUse { addr: SocketAddr },
    #[error(
        "cannot listen on {addr}: that address does not belong to this machine; use \
         127.0.0.1:PORT (this machine only) or 0.0.0.0:PORT (every network interface)"
    )]
    AddressNotAvailable { addr: SocketAddr },
    #[error(
        "cannot listen on {addr}: permission denied; ports below 1024 need extra privileges, \
         so pick a port such as 7878"
    )]
    PermissionDenied { addr: SocketAddr },
    #[error("cannot listen on {addr}: {source}")]
    Bind { addr: SocketAddr, source: io::Error },
    #[error("the server stopped: {0}")]
    Io(#[from] io::Error),
}

impl ServeError {
    /// True when the address given was at fault (the person can fix it), not the server.
    pub fn is_bad_address(&self) -> bool {
        !matches!(self, ServeError::Io(_))
    }
}

/// Binds the address, turning the common failures into messages that say what to do.
pub async fn bind(addr: SocketAddr) -> Result<TcpListener, ServeError> {
    TcpListener::bind(addr)
        .await
        .map_err(|source| match source.kind() {
            io::ErrorKind::AddrInUse => ServeError::AddressInUse { addr },
            io::ErrorKind::AddrNotAvailable => ServeError::AddressNotAvailable { addr },
            io::ErrorKind::PermissionDenied => ServeError::PermissionDenied { addr },
            _ => ServeError::Bind { addr, source },
        })
}

/// Serves the app on a bound listener with the default [`ServeOptions`] until Ctrl-C (or
/// SIGTERM), then lets requests in flight finish.
pub async fn serve(listener: TcpListener, state: AppState) -> Result<(), ServeError> {
    serve_with(listener, state, ServeOptions::default(), shutdown_signal()).await
}

/// Serves the app with the given limits until `shutdown` completes (pass
/// [`shutdown_signal`] for Ctrl-C or SIGTERM), then lets requests in flight finish.
pub async fn serve_with(
    listener: TcpListener,
    state: AppState,
    options: ServeOptions,
    shutdown: impl Future<Output = ()>,
) -> Result<(), ServeError> {
    crate::connections::accept_loop(listener, crate::router(state), options, shutdown).await;
    Ok(())
}

/// Completes on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        // If the handler cannot be installed, the server runs until it is killed.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

/// Scripts only from this server and no framing; inline styles are allowed because the page's
/// critical CSS and the chart's stylesheet are inline (no blocking request).
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; \
     base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Adds the security headers to every response that does not set its own. Pages and API answers
/// may carry health or account data, so no cache (browser, proxy) may keep them; the static
/// assets set their own, long, caching.
pub(crate) async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let fixed: [(HeaderName, &'static str); 6] = [
        (header::CACHE_CONTROL, "no-store"),
        (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "same-origin"),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
    ];
    for (name, value) in fixed {
        headers
            .entry(name)
            .or_insert(HeaderValue::from_static(value));
    }
    response
}
