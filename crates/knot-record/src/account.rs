//! Web accounts and their signed-in browser sessions, as stored.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::tenant::{ClinicId, PersonId, Principal, Role, UserId};

/// A web account as stored (the password hash stays inside the store and the sign-in code).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Account {
    pub user_id: UserId,
    pub clinic_id: ClinicId,
    pub person_id: PersonId,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub password_hash: String,
}

impl Account {
    /// Who this account is.
    pub fn principal(&self) -> Principal {
        Principal {
            user_id: self.user_id,
            clinic_id: self.clinic_id,
            person_id: self.person_id,
            role: self.role,
        }
    }
}

/// A signed-in browser session. Only a hash of the cookie's token is stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WebSession {
    pub token_hash: String,
    pub user_id: UserId,
    pub csrf_token: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// A sign-in given to an account, or a new password for it: the local command-line user gains
/// an address and password (and so signs in to the web as the same person); a web account gets
/// a new password hash, and may change its address or name at the same time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLogin {
    /// The address to sign in with; `None` keeps the account's own (the local user has none,
    /// so must give one).
    pub email: Option<String>,
    /// The name to show; `None` keeps it.
    pub display_name: Option<String>,
    /// The new password, hashed by the caller (never the password itself).
    pub password_hash: String,
}
