//! Accounts and signing in: Argon2id password hashes ([`password`]), server-side sessions in the
//! database behind a cookie that holds a random token whose SHA-256 alone is stored
//! ([`sessions`], [`cookies`]), a CSRF token per session checked on every state-changing form
//! and API call ([`extract`]), and the protections around signing in and up: who the client is
//! behind a proxy ([`client`]), rate limits that reserve before checking ([`limit`],
//! [`signup_limit`]), device cookies for the owner ([`device`]), signed form tokens
//! ([`form_token`], [`signing`]), common passwords refused ([`common`]) and security events
//! ([`events`]).
//!
//! Pages and API handlers never touch cookies: they ask for a [`PageUser`] (which sends a
//! visitor without a session to `/signin`), an [`ApiUser`] (401 JSON) or a [`UserForm`] (a form
//! post with its CSRF token checked), and make every store call with `account.ctx()`, so each
//! person sees only their own records. Passwords and tokens are never logged.

mod accounts;
mod client;
pub(crate) mod cookies;
mod device;
mod events;
mod extract;
mod form_token;
mod limit;
mod password;
pub(crate) mod reset_limit;
mod second_step;
mod sessions;
mod sign_in;
mod signing;
mod signup_limit;
mod tokens;
mod visitor;

use std::net::IpAddr;
use std::sync::atomic::AtomicU64;
use std::time::Duration;

pub(crate) use accounts::{register, FieldErrors, SignUpError};
pub(crate) use client::client_ip;
pub(crate) use client::ClientGroup;
pub(crate) use events::{record_refused_form, wait_text};
pub(crate) use extract::{field, ClientAddress};
pub(crate) use extract::{safe_next, ApiUser, PageUser, UserForm};
pub(crate) use form_token::{accepts as form_token_accepted, issue as issue_form_token};
pub(crate) use knot_app::account::SignUp;
pub(crate) use second_step::{
    challenge_for, enrolment_accepts, enrolment_tag, finish_second_step, needs_second_step,
    CHALLENGE_SECONDS,
};
pub(crate) use sessions::{end_session, secure_cookies, start_session, SignedIn};
pub(crate) use sign_in::{authenticate, device_cookie, SignInError};
pub(crate) use tokens::{is_token, token_hash};
pub(crate) use visitor::{visitor, visitor_layer, Visitor};

/// How long a session lasts from sign-in.
pub(crate) const SESSION_LIFETIME: Duration = Duration::from_secs(14 * 24 * 60 * 60);

/// The accounts side of the app state: settings, limiters and the signing key.
#[derive(Debug, Default)]
pub(crate) struct Auth {
    /// Mark cookies `Secure` even when a request does not look like https (set this behind a
    /// TLS-terminating proxy that does not send `X-Forwarded-Proto`).
    pub secure_cookies: bool,
    /// Reverse proxies whose `X-Forwarded-For` is believed ([`client`]).
    pub trusted_proxies: Vec<IpAddr>,
    pub limiter: limit::SignInLimiter,
    pub sign_ups: signup_limit::SignUpLimiter,
    pub signer: signing::Signer,
    /// Password verifications started since the server began (each costs 19 MiB and ~40 ms).
    pub verifications: AtomicU64,
}

impl Auth {
    /// Fresh limiters with these settings.
    pub fn new(secure_cookies: bool, trusted_proxies: Vec<IpAddr>) -> Auth {
        Auth {
            secure_cookies,
            trusted_proxies,
            ..Auth::default()
        }
    }
}
