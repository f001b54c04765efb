//! Signing in, shared by the page and the JSON API: look the account up, reserve a place
//! under the rate limits ([`super::limit`]), verify the password, settle the reservation and
//! record what happened ([`super::events`]).
//!
//! The reservation is taken before the password check and is stored as a failure until a
//! success takes it back, so concurrent guesses cannot all reach the check; if the request is
//! dropped mid-way (the client hung up), the failure stays and [`Pending`]'s drop records it
//! and any lock-out it caused.

use axum::http::HeaderMap;
use chrono::Utc;
use knot_store::{Account, SecurityEventKind, Store, UserId};
use std::net::IpAddr;
use std::sync::atomic::Ordering;
use std::sync::Arc;

use super::client::ClientGroup;
use super::device;
use super::events::{self, wait_text};
use super::limit::{Attempt, LockOut, Reservation, PER_ACCOUNT_AND_CLIENT};
use super::password::{verify_password, MAX_PASSWORD_CHARS};
use crate::app_error::from_store;
use crate::{AppState, WebError};

/// Why a sign-in did not go through.
#[derive(Debug)]
pub(crate) enum SignInError {
    /// Too many failures: wait this many seconds.
    Locked {
        retry_after_seconds: u64,
    },
    /// Unknown e-mail or wrong password (which of the two is not said).
    Wrong,
    /// The second step's code (or recovery code) is not right, or was used already.
    WrongCode,
    /// The second step's challenge is unknown, another's or older than five minutes.
    ChallengeExpired,
    Failed(WebError),
}

impl SignInError {
    /// What to tell the person.
    pub fn message(&self) -> String {
        match self {
            SignInError::Locked {
                retry_after_seconds,
            } => format!(
                "Too many failed sign-ins. For your account's safety, wait {} and try again. \
                 A browser you have signed in with before is not held up by others' attempts.",
                wait_text(std::time::Duration::from_secs(*retry_after_seconds))
            ),
            SignInError::Wrong => format!(
                "The e-mail or the password is not right. Check both and try again (after {} \
                 failed tries, sign-in from here pauses for {}, then longer).",
                PER_ACCOUNT_AND_CLIENT.free,
                wait_text(PER_ACCOUNT_AND_CLIENT.base)
            ),
            SignInError::WrongCode => format!(
                "That code is not right, or was used already. Enter the 6-digit code your \
                 authenticator app shows now, or one of your recovery codes (after {} failed \
                 tries, sign-in from here pauses for {}).",
                PER_ACCOUNT_AND_CLIENT.free,
                wait_text(PER_ACCOUNT_AND_CLIENT.base)
            ),
            SignInError::ChallengeExpired => {
                "This sign-in has expired (the code must follow the password within 5 minutes). \
                 Sign in again with your e-mail and password."
                    .to_string()
            }
            SignInError::Failed(error) => error.public_message().to_string(),
        }
    }

    /// The web error for the JSON API.
    pub fn into_web_error(self) -> WebError {
        let message = self.message();
        match self {
            SignInError::Locked {
                retry_after_seconds,
            } => WebError::TooManyRequests {
                message,
                retry_after_seconds,
            },
            SignInError::Wrong | SignInError::ChallengeExpired => WebError::Unauthorized(message),
            SignInError::WrongCode => WebError::Unprocessable(message),
            SignInError::Failed(error) => error,
        }
    }
}

/// A reservation not yet settled, with what its security events need.
pub(super) struct Pending {
    pub(super) reservation: Option<Reservation>,
    pub(super) store: Arc<dyn Store>,
    pub(super) user_id: Option<UserId>,
    pub(super) client: Option<ClientGroup>,
}

impl Pending {
    /// Takes the reserved failure back. Should that fail, the sign-in still stands: the
    /// failure stays counted, which errs on the side of the limit.
    pub(super) async fn succeeded(mut self) {
        if let Some(reservation) = self.reservation.take() {
            let _ = reservation.succeeded(&*self.store, Utc::now()).await;
        }
    }

    pub(super) fn failed(mut self) -> Vec<LockOut> {
        self.reservation
            .take()
            .map(Reservation::failed)
            .unwrap_or_default()
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        let Some(reservation) = self.reservation.take() else {
            return;
        };
        let lock_outs = reservation.failed();
        // Dropped mid-way: the request's own task is gone, so the events are written by a new one.
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            let (store, user_id, client) = (self.store.clone(), self.user_id, self.client);
            runtime.spawn(async move {
                let detail = "a sign-in was abandoned before its password was checked";
                events::record(
                    &*store,
                    SecurityEventKind::SignInFailed,
                    user_id,
                    client,
                    detail,
                )
                .await;
                events::record_lock_outs(&*store, &lock_outs, user_id, client).await;
            });
        }
    }
}

/// Checks an e-mail and password, within the rate limits. `headers` may carry a device cookie.
pub(crate) async fn authenticate(
    state: &AppState,
    email: &str,
    password: &str,
    address: Option<IpAddr>,
    headers: &HeaderMap,
) -> Result<Account, SignInError> {
    let auth = &state.auth;
    let store = &*state.store;
    let email = email.trim();
    let client = address.map(ClientGroup::of);
    let account = if email.is_empty() || password.chars().count() > MAX_PASSWORD_CHARS {
        None
    } else {
        store
            .account_by_email(email)
            .await
            .map_err(|e| SignInError::Failed(from_store(e)))?
    };
    let device = match &account {
        Some(account) => device::valid_for(&auth.signer, store, headers, account.user_id)
            .await
            .map_err(SignInError::Failed)?,
        None => None,
    };
    let attempt = Attempt {
        email: email.to_string(),
        client,
        device,
    };
    let reservation = auth
        .limiter
        .reserve(store, &attempt, Utc::now())
        .await
        .map_err(|e| SignInError::Failed(from_store(e)))?
        .map_err(|locked| SignInError::Locked {
            retry_after_seconds: locked.retry_after.as_secs().max(1),
        })?;
    let user_id = account.as_ref().map(|a| a.user_id);
    let pending = Pending {
        reservation: Some(reservation),
        store: state.store.clone(),
        user_id,
        client,
    };
    auth.verifications.fetch_add(1, Ordering::Relaxed);
    let stored = account.as_ref().map(|a| a.password_hash.as_str());
    let matches = verify_password(password, stored)
        .await
        .map_err(SignInError::Failed)?;
    match account {
        Some(account) if matches => {
            pending.succeeded().await;
            Ok(account)
        }
        _ => {
            let lock_outs = pending.failed();
            let detail = if user_id.is_some() {
                "wrong password"
            } else {
                "no account has the e-mail given"
            };
            events::record(
                store,
                SecurityEventKind::SignInFailed,
                user_id,
                client,
                detail,
            )
            .await;
            events::record_lock_outs(store, &lock_outs, user_id, client).await;
            Err(SignInError::Wrong)
        }
    }
}

/// The device cookie (`Set-Cookie` value) for a browser that just signed in to `account`.
pub(crate) async fn device_cookie(
    state: &AppState,
    account: &Account,
    secure: bool,
) -> Result<String, WebError> {
    device::cookie_for(&state.auth.signer, &*state.store, account.user_id, secure).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::password::hold_every_permit;
    use crate::auth::{register, SignUp};

    const PASSWORD: &str = "a long enough password";

    async fn state_with_account(email: &str) -> (AppState, tempfile::TempDir) {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite:{}", dir.path().join("knot.db").display());
        let store = knot_store::open(&url).await.expect("store");
        let state = AppState::new(store).expect("reference data");
        let form = SignUp {
            email: email.into(),
            display_name: "Sam".into(),
            password: PASSWORD.into(),
            confirm: None,
        };
        register(&state, &form, None).await.expect("registered");
        (state, dir)
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_sign_in_dropped_before_its_password_is_checked_counts_as_a_failure() {
        let email = "dropped@example.org";
        let (state, _dir) = state_with_account(email).await;
        let started = state.auth.verifications.load(Ordering::Relaxed);
        // With every hashing permit held, each attempt stops after its reservation, waiting to
        // verify; it is then dropped there, as when a client hangs up.
        let held = hold_every_permit().await;
        for dropped in 1..=u64::from(PER_ACCOUNT_AND_CLIENT.free) {
            let task = tokio::spawn({
                let state = state.clone();
                async move {
                    let headers = HeaderMap::new();
                    authenticate(&state, email, PASSWORD, None, &headers).await
                }
            });
            while state.auth.verifications.load(Ordering::Relaxed) < started + dropped {
                tokio::task::yield_now().await;
            }
            task.abort();
            assert!(task.await.is_err(), "the attempt was dropped, not finished");
        }
        drop(held);
        let after = authenticate(&state, email, PASSWORD, None, &HeaderMap::new()).await;
        // A lock for failures waits the first step (a minute), not the second for attempts
        // still in progress.
        let first_wait = PER_ACCOUNT_AND_CLIENT.base.as_secs();
        assert!(
            matches!(after, Err(SignInError::Locked { retry_after_seconds })
                if retry_after_seconds > first_wait / 2),
            "five abandoned attempts lock like five failures: {after:?}"
        );
    }
}
