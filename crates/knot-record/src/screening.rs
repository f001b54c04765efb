//! A completed safety screening: the answers as given and the rule table version they were
//! judged with. What the answers mean is decided in `knot-care`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::tenant::{PersonId, UserId};
use crate::RecordId;

/// A completed safety screening, as answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewScreening {
    /// When the person answered.
    pub taken_at: DateTime<Utc>,
    /// Each question's id with its answer ("yes", "no", a number, or region ids joined by commas).
    pub answers: Vec<(String, String)>,
    /// Regions where the person has had pain in the past week (for the Widespread Pain Index).
    pub pain_regions: Vec<String>,
    /// Regions affected locally by a contraindication (a wound, varicose veins, a recent fracture).
    pub local_regions: Vec<String>,
    /// The version of the rule table the answers were judged with.
    pub rules_version: String,
}

/// A stored screening.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Screening {
    pub id: RecordId,
    pub person_id: PersonId,
    pub created_by: UserId,
    pub created_at: DateTime<Utc>,
    #[serde(flatten)]
    pub screening: NewScreening,
}
