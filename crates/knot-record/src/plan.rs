//! Home plans: the trigger points of a routine, by sitting, within a daily cap.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::tenant::{PersonId, UserId};
use crate::{RecordId, Side};

/// One trigger point in a home routine.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanItem {
    pub muscle_id: String,
    pub trigger_point_id: String,
    pub side: Side,
    pub technique: String,
    pub tool: String,
    pub hold_seconds: u32,
    pub holds: u32,
    /// Strokes per set, for stroking techniques.
    pub strokes: Option<u32>,
    /// Which sitting of the day this item belongs to (one side per sitting).
    pub sitting: u32,
}

/// A home routine as built.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewPlan {
    pub created_at: DateTime<Utc>,
    pub items: Vec<PlanItem>,
    pub sittings_per_day: u32,
    /// The cap on pressure time a day, in seconds.
    pub daily_pressure_cap_seconds: u32,
    /// When to reassess (look again at pain, pressure threshold and range of motion).
    pub reassess_on: NaiveDate,
    /// Warnings and adjustments made for the person's screening, in words.
    pub notes: Vec<String>,
}

/// A stored plan. Saving a plan makes it the active one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub id: RecordId,
    pub person_id: PersonId,
    pub created_by: UserId,
    pub active: bool,
    #[serde(flatten)]
    pub plan: NewPlan,
}
