//! Tells the store where each request comes from, so that the audit rows it writes name the
//! client address and the browser session (a short prefix of the session token's hash, which
//! tells sessions apart without being usable as one).

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use knot_store::{with_origin, AuditOrigin};

use crate::auth::cookies::{read, SESSION_COOKIE};
use crate::auth::{client_ip, is_token, token_hash};
use crate::AppState;

/// Hex digits of the session token's hash kept in the audit log.
const SESSION_REF_CHARS: usize = 12;

/// The short reference of a session, from its token's hash: what the audit log records and
/// the account page shows, so the person can tell their browsers apart.
pub(crate) fn session_ref(token_hash: &str) -> &str {
    token_hash.get(..SESSION_REF_CHARS).unwrap_or(token_hash)
}

/// Runs the request with its origin set for every store call it makes. The address is the
/// client's (behind a trusted proxy, the one it forwarded for), as the sign-in limits see it.
pub(crate) async fn scope(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip());
    let address =
        client_ip(peer, request.headers(), &state.auth.trusted_proxies).map(|ip| ip.to_string());
    let session = read(request.headers(), SESSION_COOKIE)
        .filter(|token| is_token(token))
        .map(|token| session_ref(&token_hash(token)).to_string());
    with_origin(AuditOrigin { address, session }, next.run(request)).await
}
