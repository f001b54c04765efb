//! Accounts and signing in: Argon2id password hashes ([`password`]), server-side sessions in the
//! database behind a cookie that holds a random token whose SHA-256 alone is stored
//! ([`sessions`], [`cookies`]), a CSRF token per session checked on every state-changing form
//! and API call ([`extract`]), and sign-in rate limiting ([`limit`]).
//!
//! Pages and API handlers never touch cookies: they ask for a [`PageUser`] (which sends a
//! visitor without a session to `/signin`), an [`ApiUser`] (401 JSON) or a [`UserForm`] (a form
//! post with its CSRF token checked), and make every store call with `account.ctx()`, so each
//! person sees only their own records. Passwords and tokens are never logged.

mod accounts;
pub(crate) mod cookies;
mod extract;
mod limit;
mod password;
mod sessions;
mod tokens;
mod visitor;

use std::time::Duration;

pub(crate) use accounts::{authenticate, register, FieldErrors, SignInError, SignUp, SignUpError};
pub(crate) use extract::{field, ClientAddress};
pub(crate) use extract::{safe_next, ApiUser, PageUser, UserForm};
pub(crate) use limit::SignInLimiter;
pub(crate) use sessions::{end_session, secure_cookies, start_session, SignedIn};
pub(crate) use tokens::{random_token, same_secret};
pub(crate) use visitor::{visitor, visitor_layer, Visitor};

/// How long a session lasts from sign-in.
pub(crate) const SESSION_LIFETIME: Duration = Duration::from_secs(14 * 24 * 60 * 60);

/// The accounts side of the app state: settings and the sign-in limiter.
#[derive(Debug, Default)]
pub(crate) struct Auth {
    /// Mark cookies `Secure` even when a request does not look like https (set this behind a
    /// TLS-terminating proxy that does not send `X-Forwarded-Proto`).
    pub secure_cookies: bool,
    pub limiter: SignInLimiter,
    /// Password verifications started since the server began (each costs 19 MiB and ~40 ms).
    pub verifications: std::sync::atomic::AtomicU64,
}
