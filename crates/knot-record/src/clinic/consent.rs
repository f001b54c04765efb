//! Informed consent, signed and dated: general consent, and separate consent for each
//! sensitive area. Withdrawal is a mark on the row, so what was in force when is kept.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::tenant::{PersonId, UserId};
use crate::RecordId;

/// Consent to store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewConsent {
    /// `general`, or a sensitive area (`breast`, `chest-wall`, `upper-inner-thigh`,
    /// `buttocks`); `knot-care` decides which words are accepted.
    pub kind: String,
    /// Who signed: the client, or a guardian by name.
    pub given_by: String,
    pub given_at: DateTime<Utc>,
}

/// Consent as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Consent {
    pub id: RecordId,
    pub person_id: PersonId,
    pub consent: NewConsent,
    pub recorded_by: UserId,
    pub withdrawn_at: Option<DateTime<Utc>>,
    pub withdrawal_note: Option<String>,
    pub withdrawn_recorded_by: Option<UserId>,
}

impl Consent {
    /// Whether the consent is in force at `at`: given by then and not yet withdrawn.
    pub fn in_force_at(&self, at: DateTime<Utc>) -> bool {
        self.consent.given_at <= at && self.withdrawn_at.is_none_or(|withdrawn| withdrawn > at)
    }
}
