//! What the store keeps of an account's two-factor sign-in (TOTP, RFC 6238): the secret, when
//! it was turned on, the last time step accepted, and how many recovery codes are left. The
//! codes themselves are never read back: only their SHA-256 digests are stored.

use chrono::{DateTime, Utc};

/// An account's two-factor sign-in, when it is on.
#[derive(Clone, PartialEq, Eq)]
pub struct TwoFactor {
    /// The shared secret, base32 (RFC 4648, no padding).
    pub secret: String,
    pub enabled_at: DateTime<Utc>,
    /// The last 30-second step whose code was accepted (codes of it or earlier are refused).
    pub last_step: i64,
    /// Recovery codes not yet used.
    pub recovery_left: u32,
}

impl std::fmt::Debug for TwoFactor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TwoFactor")
            .field("secret", &"<redacted>")
            .field("enabled_at", &self.enabled_at)
            .field("last_step", &self.last_step)
            .field("recovery_left", &self.recovery_left)
            .finish()
    }
}
