//! The second step of signing in to an account with two-factor sign-in on: a right password
//! gives a challenge instead of a session — `{user}.{expires}.{mac}`, signed by the server
//! ([`super::signing`]) over the account, the expiry and its password hash, so it lasts five
//! minutes, names one account and dies with a password change — and the challenge with a
//! code from the authenticator app (or a recovery code) finishes the sign-in.
//!
//! Each code is checked under the same limits as a password ([`super::limit`]), reserved
//! before the check: a 6-digit code cannot be guessed faster than a password. A code's time
//! step is accepted once (the store moves the account's last step forward in one conditional
//! update), so a code seen over a shoulder cannot be replayed, not even by a racing sign-in.
//!
//! Also here: the signed tag that carries an enrolment's secret between the page that offers
//! it and the form that confirms it, so nothing is stored before a code proves the app has it.

use axum::http::HeaderMap;
use chrono::Utc;
use knot_app::account::totp;
use knot_store::{Account, SecurityEventKind, UserId};
use std::net::IpAddr;

use super::client::ClientGroup;
use super::device;
use super::events;
use super::limit::Attempt;
use super::sign_in::{Pending, SignInError};
use super::signing::Purpose;
use crate::app_error::from_store;
use crate::{AppState, WebError};

/// How long a challenge lasts.
pub(crate) const CHALLENGE_SECONDS: i64 = 5 * 60;
/// How long an offered enrolment secret may wait for its code.
const ENROLMENT_SECONDS: i64 = 30 * 60;

/// Whether `account` must give a code after its password.
pub(crate) async fn needs_second_step(
    state: &AppState,
    account: &Account,
) -> Result<bool, WebError> {
    Ok(state
        .store
        .two_factor(account.user_id)
        .await
        .map_err(from_store)?
        .is_some())
}

fn challenge_data(user: UserId, expires: i64, password_hash: &str) -> String {
    format!("{user}.{expires}.{password_hash}")
}

/// A fresh challenge for `account`, good for five minutes.
pub(crate) async fn challenge_for(state: &AppState, account: &Account) -> Result<String, WebError> {
    let expires = Utc::now().timestamp() + CHALLENGE_SECONDS;
    let data = challenge_data(account.user_id, expires, &account.password_hash);
    let mac = state
        .auth
        .signer
        .sign(&*state.store, Purpose::SecondStep, &data)
        .await?;
    Ok(format!("{}.{expires}.{mac}", account.user_id))
}

/// The account a challenge is for, if it is ours, unexpired and its password unchanged.
async fn challenged_account(
    state: &AppState,
    challenge: &str,
) -> Result<Option<Account>, WebError> {
    let mut parts = challenge.trim().splitn(3, '.');
    let (Some(user), Some(expires), Some(mac)) = (parts.next(), parts.next(), parts.next()) else {
        return Ok(None);
    };
    let (Ok(user), Ok(expires)) = (user.parse::<UserId>(), expires.parse::<i64>()) else {
        return Ok(None);
    };
    if expires < Utc::now().timestamp() {
        return Ok(None);
    }
    let Some(account) = state.store.account_by_id(user).await.map_err(from_store)? else {
        return Ok(None);
    };
    let data = challenge_data(user, expires, &account.password_hash);
    let ours = state
        .auth
        .signer
        .verify(&*state.store, Purpose::SecondStep, &data, mac)
        .await?;
    Ok(ours.then_some(account))
}

/// Finishes a sign-in: the challenge and a code (or recovery code), within the rate limits.
pub(crate) async fn finish_second_step(
    state: &AppState,
    challenge: &str,
    code: &str,
    address: Option<IpAddr>,
    headers: &HeaderMap,
) -> Result<Account, SignInError> {
    let store = &*state.store;
    let Some(account) = challenged_account(state, challenge)
        .await
        .map_err(SignInError::Failed)?
    else {
        return Err(SignInError::ChallengeExpired);
    };
    let Some(two_factor) = store
        .two_factor(account.user_id)
        .await
        .map_err(|e| SignInError::Failed(from_store(e)))?
    else {
        // Turned off since the password was given: sign in again from the start.
        return Err(SignInError::ChallengeExpired);
    };
    let client = address.map(ClientGroup::of);
    let device = device::valid_for(&state.auth.signer, store, headers, account.user_id)
        .await
        .map_err(SignInError::Failed)?;
    let attempt = Attempt {
        email: account.email.clone(),
        client,
        device,
    };
    let reservation = state
        .auth
        .limiter
        .reserve(store, &attempt, Utc::now())
        .await
        .map_err(|e| SignInError::Failed(from_store(e)))?
        .map_err(|locked| SignInError::Locked {
            retry_after_seconds: locked.retry_after.as_secs().max(1),
        })?;
    let pending = Pending {
        reservation: Some(reservation),
        store: state.store.clone(),
        user_id: Some(account.user_id),
        client,
    };
    let now = Utc::now();
    let accepted = if let Some(step) = totp::matching_step(
        &two_factor.secret,
        code,
        now.timestamp(),
        two_factor.last_step,
    ) {
        store
            .use_two_factor_step(account.user_id, step)
            .await
            .map_err(|e| SignInError::Failed(from_store(e)))?
    } else if let Some(digest) = totp::recovery_digest(code) {
        store
            .use_recovery_code(account.user_id, &digest, now)
            .await
            .map_err(|e| SignInError::Failed(from_store(e)))?
    } else {
        false
    };
    if accepted {
        pending.succeeded().await;
        return Ok(account);
    }
    let lock_outs = pending.failed();
    events::record(
        store,
        SecurityEventKind::SignInFailed,
        Some(account.user_id),
        client,
        "wrong or reused two-factor code",
    )
    .await;
    events::record_lock_outs(store, &lock_outs, Some(account.user_id), client).await;
    Err(SignInError::WrongCode)
}

fn enrolment_data(user: UserId, expires: i64, secret: &str) -> String {
    format!("{user}.{expires}.{secret}")
}

/// The tag (`{expires}.{mac}`) that lets an enrolment form carry `secret` for `user`.
pub(crate) async fn enrolment_tag(
    state: &AppState,
    user: UserId,
    secret: &str,
) -> Result<String, WebError> {
    let expires = Utc::now().timestamp() + ENROLMENT_SECONDS;
    let data = enrolment_data(user, expires, secret);
    let mac = state
        .auth
        .signer
        .sign(&*state.store, Purpose::Enrolment, &data)
        .await?;
    Ok(format!("{expires}.{mac}"))
}

/// Whether `tag` was made by [`enrolment_tag`] for this user and secret, and is unexpired.
pub(crate) async fn enrolment_accepts(
    state: &AppState,
    user: UserId,
    secret: &str,
    tag: &str,
) -> Result<bool, WebError> {
    let Some((expires, mac)) = tag.split_once('.') else {
        return Ok(false);
    };
    let Ok(expires) = expires.parse::<i64>() else {
        return Ok(false);
    };
    if expires < Utc::now().timestamp() {
        return Ok(false);
    }
    state
        .auth
        .signer
        .verify(
            &*state.store,
            Purpose::Enrolment,
            &enrolment_data(user, expires, secret),
            mac,
        )
        .await
}
