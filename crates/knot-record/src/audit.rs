//! The audit log's lines: who read or changed what, from where, and when.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::tenant::{PersonId, UserId};
use crate::RecordId;

/// One line of the audit log: who read or changed what, and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEvent {
    pub id: RecordId,
    pub at: DateTime<Utc>,
    pub user_id: UserId,
    pub person_id: Option<PersonId>,
    /// "read", "create", "correct", "delete", "sign-in", …
    pub action: String,
    /// The kind of record ("entry", "session", "screening", "plan", "account").
    pub record: String,
    pub record_id: Option<RecordId>,
    /// The client address the server saw (none for the command line).
    pub address: Option<String>,
    /// A short reference to the browser session (none for the command line).
    pub session: Option<String>,
}
