//! A clinic, its settings, its staff and the invitations that bring staff in.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::tenant::{ClinicId, Role, UserId};
use crate::RecordId;

/// What a clinic decides for itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClinicSettings {
    /// How many years a client's record is kept after their last visit (the jurisdiction's
    /// period).
    pub retention_years: u32,
    /// A client who was a minor is kept at least until this age.
    pub minor_until_age: u32,
    /// Whether every therapist sees every client, not only those they treat.
    pub therapists_see_all: bool,
    /// Whether admins may read and write clinical records (off by default: an admin runs the
    /// clinic, and reads notes only where the clinic says so).
    pub admins_see_clinical: bool,
}

impl Default for ClinicSettings {
    fn default() -> ClinicSettings {
        ClinicSettings {
            retention_years: 10,
            minor_until_age: 28,
            therapists_see_all: false,
            admins_see_clinical: false,
        }
    }
}

/// A clinic as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Clinic {
    pub id: ClinicId,
    pub name: String,
    /// A self-care person's own clinic rather than a practice.
    pub personal: bool,
    pub created_at: DateTime<Utc>,
    pub settings: ClinicSettings,
}

/// One member of a clinic's staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StaffMember {
    pub user_id: UserId,
    pub display_name: String,
    pub email: Option<String>,
    pub role: Role,
    pub added_at: DateTime<Utc>,
    /// When they left the clinic; a removed member keeps their name on what they wrote.
    pub removed_at: Option<DateTime<Utc>>,
}

/// An invitation to store: only the SHA-256 of its one-time token is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewInvitation {
    pub role: Role,
    pub email: String,
    pub token_hash: String,
    pub expires_at: DateTime<Utc>,
}

/// An invitation as stored (never its token or the token's hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Invitation {
    pub id: RecordId,
    pub clinic_id: ClinicId,
    pub role: Role,
    pub email: String,
    pub created_by: UserId,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub accepted_by: Option<UserId>,
    pub accepted_at: Option<DateTime<Utc>>,
}

/// A user's current place on a clinic's staff, with the clinic's settings: what the access
/// check needs to decide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Membership {
    pub clinic_id: ClinicId,
    pub user_id: UserId,
    pub role: Role,
    pub settings: ClinicSettings,
}
