//! Where a store call comes from — the client address and browser session behind a web
//! request — so that every audit row can say it. The web layer runs each request inside
//! [`with_origin`]; the CLI runs without one, and its rows name no address.
//!
//! A task-local rather than a parameter: the origin is a fact about the request, not about the
//! record, and every store call of that request shares it.

use std::future::Future;

/// The request behind a store call. Neither field is a secret: the address is the one the
/// server saw (grouped as the rate limits group it), the session a short prefix of the
/// session token's SHA-256, which only tells two sessions apart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditOrigin {
    pub address: Option<String>,
    pub session: Option<String>,
}

tokio::task_local! {
    static ORIGIN: AuditOrigin;
}

/// Runs `work` with `origin` as the origin of every store call it makes.
pub async fn with_origin<F: Future>(origin: AuditOrigin, work: F) -> F::Output {
    ORIGIN.scope(origin, work).await
}

/// The origin of the store call being made (empty outside [`with_origin`]).
pub fn current_origin() -> AuditOrigin {
    ORIGIN.try_with(Clone::clone).unwrap_or_default()
}
