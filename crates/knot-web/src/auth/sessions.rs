//! Server-side sessions: a sign-in stores a [`WebSession`] (the token's hash, a CSRF token, the
//! expiry) and sets the cookie; each request finds its session by hashing the cookie's token;
//! signing out deletes it. Sessions live in the database, so app servers hold no session state.

use axum::http::{HeaderMap, Uri};
use chrono::Utc;
use knot_app::Actor;
use knot_record::{Account, TenantCtx, WebSession};

use super::cookies::{self, SESSION_COOKIE};
use super::tokens::{is_token, random_token, token_hash};
use super::SESSION_LIFETIME;
use crate::app_error::{from_app, from_store};
use crate::{AppState, WebError};

/// A request's signed-in account and its session.
#[derive(Debug, Clone)]
pub(crate) struct SignedIn {
    pub actor: Actor,
    pub account: Account,
    pub session: WebSession,
}

impl SignedIn {
    /// The context every use case of this request gets: the account's own records.
    pub fn ctx(&self) -> TenantCtx {
        self.actor.own_records()
    }

    /// The session's CSRF token, for forms and the API's `X-CSRF-Token`.
    pub fn csrf(&self) -> &str {
        &self.session.csrf_token
    }
}

/// Whether cookies set in answer to this request should be `Secure`.
pub(crate) fn secure_cookies(state: &AppState, headers: &HeaderMap, uri: &Uri) -> bool {
    state.auth.secure_cookies || cookies::over_https(headers, uri)
}

/// Starts a session for `account`; returns the `Set-Cookie` value and the session.
pub(crate) async fn start_session(
    state: &AppState,
    account: &Account,
    secure: bool,
) -> Result<(String, WebSession), WebError> {
    let token = random_token()?;
    let now = Utc::now();
    let lifetime = chrono::Duration::from_std(SESSION_LIFETIME)
        .map_err(|e| WebError::Internal(format!("session lifetime: {e}")))?;
    let session = WebSession {
        token_hash: token_hash(&token),
        user_id: account.user_id,
        csrf_token: random_token()?,
        created_at: now,
        expires_at: now + lifetime,
    };
    state
        .store
        .create_web_session(&session)
        .await
        .map_err(from_store)?;
    let max_age = i64::try_from(SESSION_LIFETIME.as_secs()).unwrap_or(i64::MAX);
    Ok((cookies::session_cookie(&token, max_age, secure), session))
}

/// The signed-in account of a request, if its cookie names a live session.
pub(crate) async fn resolve(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Option<SignedIn>, WebError> {
    let Some(token) = cookies::read(headers, SESSION_COOKIE).filter(|t| is_token(t)) else {
        return Ok(None);
    };
    let signed_in = state
        .app
        .signed_in(&token_hash(token), Utc::now())
        .await
        .map_err(from_app)?;
    Ok(signed_in.map(|found| SignedIn {
        actor: found.actor,
        account: found.account,
        session: found.session,
    }))
}

/// Ends the session; returns the `Set-Cookie` value that clears the cookie.
pub(crate) async fn end_session(
    state: &AppState,
    signed_in: &SignedIn,
    secure: bool,
) -> Result<String, WebError> {
    state
        .store
        .delete_web_session(&signed_in.session.token_hash)
        .await
        .map_err(from_store)?;
    Ok(cookies::clear_session_cookie(secure))
}
