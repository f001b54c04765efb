//! A clinic's client: contact and demographic details anyone on the staff may see, and health
//! details (history, medications) only clinical staff may.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::clinic::ClinicSettings;
use crate::tenant::{ClinicId, PersonId, UserId};

/// Contact and demographic details (what the front desk works with).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientDetails {
    pub display_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub address: Option<String>,
    pub emergency_contact: Option<String>,
}

/// A client as stored: a person of the clinic with their details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Client {
    pub person_id: PersonId,
    pub clinic_id: ClinicId,
    pub details: ClientDetails,
    /// The client's own self-care account, once they have linked it.
    pub linked_user_id: Option<UserId>,
    pub created_at: DateTime<Utc>,
    /// When the record was deleted (after its retention period); it then leaves every list.
    pub deleted_at: Option<DateTime<Utc>>,
}

/// Health history and medications as taken at intake and kept up to date.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientHealth {
    pub health_history: String,
    pub medications: String,
}

/// What the retention rule needs to say when a client's record may be deleted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RetentionFacts {
    pub created_at: DateTime<Utc>,
    pub birth_date: Option<NaiveDate>,
    pub last_visit_at: Option<DateTime<Utc>>,
    pub settings: ClinicSettings,
}
