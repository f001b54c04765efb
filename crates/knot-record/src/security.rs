//! Security events: what the web app records about sign-ins and refused requests, so a person
//! can see who tried to get into their account and the operator can see attacks.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::tenant::UserId;
use crate::RecordId;

/// What kind of security event happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SecurityEventKind {
    /// A sign-in with a wrong password (or for an unknown e-mail).
    SignInFailed,
    /// Failures reached a limit: sign-in from somewhere waits for a while.
    LockedOut,
    /// A sign-up refused by its rate limit.
    SignUpLimited,
    /// A form or API call without its CSRF or form token.
    CsrfRefused,
}

impl SecurityEventKind {
    /// Every kind, for parsing and documentation.
    pub const ALL: [SecurityEventKind; 4] = [
        SecurityEventKind::SignInFailed,
        SecurityEventKind::LockedOut,
        SecurityEventKind::SignUpLimited,
        SecurityEventKind::CsrfRefused,
    ];

    /// The stored and shown name ("sign-in-failed", …).
    pub fn as_str(self) -> &'static str {
        match self {
            SecurityEventKind::SignInFailed => "sign-in-failed",
            SecurityEventKind::LockedOut => "locked-out",
            SecurityEventKind::SignUpLimited => "sign-up-limited",
            SecurityEventKind::CsrfRefused => "csrf-refused",
        }
    }

    /// The kind a stored name stands for.
    pub fn parse(name: &str) -> Option<SecurityEventKind> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == name)
    }
}

/// A security event to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSecurityEvent {
    pub kind: SecurityEventKind,
    pub at: DateTime<Utc>,
    /// The account it concerns, when known.
    pub user_id: Option<UserId>,
    /// The client's address as the rate limit groups it, when known.
    pub client: Option<String>,
    /// A short description with nothing secret in it.
    pub detail: String,
}

/// A recorded security event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityEvent {
    pub id: RecordId,
    pub at: DateTime<Utc>,
    pub kind: SecurityEventKind,
    pub user_id: Option<UserId>,
    pub client: Option<String>,
    pub detail: String,
}
