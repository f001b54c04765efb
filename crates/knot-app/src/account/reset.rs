//! Resetting a forgotten password: a one-time token (32 random bytes, as hex) whose SHA-256
//! the store keeps for an hour; the token itself goes only into the link that is e-mailed or
//! printed. Using the link sets the new password with [`App::set_login`], keeping no session,
//! so every browser session of the account ends.

use chrono::{DateTime, Duration, Utc};
use knot_record::Account;
use knot_store::PasswordReset;
use sha2::{Digest, Sha256};

use super::password_problem;
use super::LoginChange;
use crate::access::Actor;
use crate::error::{AppError, AppResult};
use crate::App;

/// How long a reset link works.
pub const RESET_LIFETIME_MINUTES: i64 = 60;

/// A reset just requested: the account, and the token for its link (shown once, never stored).
#[derive(Debug, Clone)]
pub struct ResetRequest {
    pub account: Account,
    pub token: String,
}

/// The SHA-256 of a reset token, as hex: what the store keeps.
pub fn reset_token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.trim().as_bytes()))
}

impl App {
    /// Starts a reset for the account registered as `email`: `None` when there is none.
    /// An earlier unused link of the account stops working.
    pub async fn request_password_reset(
        &self,
        email: &str,
        now: DateTime<Utc>,
    ) -> AppResult<Option<ResetRequest>> {
        let Some(account) = self.store.account_by_email(email.trim()).await? else {
            return Ok(None);
        };
        let mut bytes = [0u8; 32];
        getrandom::getrandom(&mut bytes)
            .map_err(|err| AppError::Internal(format!("the system random source failed: {err}")))?;
        let token = hex(&bytes);
        self.store
            .create_password_reset(&PasswordReset {
                token_hash: reset_token_hash(&token),
                user_id: account.user_id,
                created_at: now,
                expires_at: now + Duration::minutes(RESET_LIFETIME_MINUTES),
            })
            .await?;
        Ok(Some(ResetRequest { account, token }))
    }

    /// Whether `token` would reset a password at `now` (unused, unexpired), without using it.
    pub async fn reset_token_works(&self, token: &str, now: DateTime<Utc>) -> AppResult<bool> {
        Ok(self
            .store
            .password_reset_user(&reset_token_hash(token), now)
            .await?
            .is_some())
    }

    /// Uses `token` to set `password` on its account, ending every browser session of it.
    /// `Ok(None)` when the token is unknown, used or expired. A password the sign-up rules
    /// refuse is `Invalid` and leaves the token unused.
    pub async fn reset_password(
        &self,
        token: &str,
        password: &str,
        now: DateTime<Utc>,
    ) -> AppResult<Option<Account>> {
        if let Some(problem) = password_problem(password) {
            return Err(AppError::Invalid {
                problems: vec![problem],
                hint: None,
            });
        }
        let Some(user_id) = self
            .store
            .consume_password_reset(&reset_token_hash(token), now)
            .await?
        else {
            return Ok(None);
        };
        let Some(account) = self.store.account_by_id(user_id).await? else {
            return Ok(None);
        };
        let actor = Actor::of(account.principal());
        let change = LoginChange {
            password: password.to_string(),
            ..LoginChange::default()
        };
        self.set_login(&actor, &change, None).await?;
        Ok(Some(account))
    }

    /// Deletes reset requests that expired before `before`; how many went.
    pub async fn sweep_password_resets(&self, before: DateTime<Utc>) -> AppResult<u64> {
        Ok(self.store.sweep_password_resets(before).await?)
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
