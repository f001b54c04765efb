//! Password-reset requests as the store keeps them: a one-time token's SHA-256 (never the
//! token), the account it resets, and when it stops working. Asking again replaces the
//! account's unused requests; using one marks it used in the same statement that checks it, so
//! two requests racing with one link cannot both reset the password.

use chrono::{DateTime, Utc};
use knot_record::UserId;

/// A new reset request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordReset {
    /// The SHA-256 of the token, as hex.
    pub token_hash: String,
    pub user_id: UserId,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}
