//! `knot-web`: Knot in a browser — server-rendered pages, one small script for the body map, and
//! a JSON API described by an OpenAPI document.
//!
//! Data flows one way: a request is parsed ([`api`], [`pages`]), handed to the application layer
//! (`knot-app`, the same use cases the CLI calls), and rendered (askama templates under
//! `templates/`, JSON). A handler decides no rule of its own.
//! Every asset is embedded in the binary ([`assets`]); nothing is fetched from elsewhere, so the
//! app works offline on a LAN.
//!
//! Errors have one type, [`WebError`]: JSON `{"error": …}` under `/api`, an HTML page elsewhere,
//! 4xx for anything a client sent and a generic message (never internal text) for the rest.

#![forbid(unsafe_code)]

mod api;
mod app_error;
mod assets;
mod audit_origin;
mod auth;
mod connections;
mod error;
mod extract;
mod hints;
mod mail;
mod pages;
mod password_change;
mod progress_load;
mod reference;
mod routes;
mod serve;

use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::Router;

pub use connections::ServeOptions;
pub use error::WebError;
pub use mail::{Mailer, DEFAULT_FROM as DEFAULT_MAIL_FROM};
pub use reference::StartError;
pub use routes::{clinic_route_table, route_table, Route};
pub use serve::{bind, serve, serve_with, shutdown_signal, ServeError};

/// The largest request body accepted (a drawing of every region with answers is far smaller).
const MAX_BODY_BYTES: usize = 64 * 1024;

/// What every handler can reach: the application layer and the read-only reference data (atlas,
/// finder, body chart) loaded once at start-up.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The use cases, over the same store the CLI opens (SQLite by default).
    pub(crate) app: knot_app::App,
    /// The store, for what the web keeps that is not health data: browser sessions, sign-in
    /// limits and events, signing keys.
    pub(crate) store: Arc<dyn knot_store::Store>,
    pub(crate) reference: Arc<reference::Reference>,
    /// Sign-in settings and rate limiting.
    pub(crate) auth: Arc<auth::Auth>,
    /// The SMTP relay for password-reset links, when one is configured.
    pub(crate) mailer: Option<Arc<mail::Mailer>>,
    /// The address links in e-mail start with (`--public-url`); else the request's own.
    pub(crate) public_url: Option<String>,
}

impl AppState {
    /// Loads the reference data and wraps the store.
    pub fn new(store: Arc<dyn knot_store::Store>) -> Result<AppState, StartError> {
        Ok(AppState {
            app: knot_app::App::new(store.clone()),
            store,
            reference: Arc::new(reference::Reference::load()?),
            auth: Arc::new(auth::Auth::default()),
            mailer: None,
            public_url: None,
        })
    }

    /// Sends password-reset links through this relay (without one, the forgot page says to
    /// ask whoever runs the server).
    pub fn with_mailer(mut self, mailer: Mailer) -> AppState {
        self.mailer = Some(Arc::new(mailer));
        self
    }

    /// Starts links in e-mail with this address (`https://knot.example.org`) instead of the
    /// Host the request came with, which a client chooses.
    pub fn with_public_url(mut self, url: &str) -> AppState {
        self.public_url = Some(url.trim_end_matches('/').to_string());
        self
    }

    /// Marks session cookies `Secure` on every response, for a server behind a TLS proxy that
    /// does not send `X-Forwarded-Proto: https` (with it, or over https, they are anyway).
    pub fn with_secure_cookies(mut self, secure: bool) -> AppState {
        let proxies = self.auth.trusted_proxies.clone();
        self.auth = Arc::new(auth::Auth::new(secure, proxies));
        self
    }

    /// Believes `X-Forwarded-For` from these reverse proxies (only when the connection comes
    /// from one of them), so rate limits count the client behind the proxy, not the proxy.
    pub fn with_trusted_proxies(mut self, proxies: Vec<std::net::IpAddr>) -> AppState {
        let secure = self.auth.secure_cookies;
        self.auth = Arc::new(auth::Auth::new(secure, proxies));
        self
    }

    /// How many passwords this server has verified since it started (sign-ins that reached
    /// the password check), for monitoring and for tests of the sign-in limit.
    pub fn password_verifications(&self) -> u64 {
        self.auth
            .verifications
            .load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// The whole app: every page, API route and asset, with the error, security-header and
/// panic layers.
pub fn router(state: AppState) -> Router {
    let mut router = Router::new();
    for route in routes::all() {
        router = router.route(route.path, route.handler);
    }
    router
        .route("/api", axum::routing::any(api::not_found))
        .route("/api/{*rest}", axum::routing::any(api::not_found))
        .fallback(pages::not_found)
        .method_not_allowed_fallback(error::method_not_allowed)
        // Innermost first: a panic becomes a `WebError`, which `html_errors` renders as a page
        // outside `/api`; every response then gets the security headers.
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            error::panic_response,
        ))
        .layer(axum::middleware::from_fn(error::html_errors))
        // Outside `html_errors`, so error pages too know who is signed in.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::visitor_layer,
        ))
        // Outside the visitor layer, whose session look-up is a store call too.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            audit_origin::scope,
        ))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn(serve::security_headers))
        .with_state(state)
}
