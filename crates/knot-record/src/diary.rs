//! Diary entries: pain, pressure threshold, range of motion, function and notes, with their
//! corrections and deletions kept as history.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::tenant::{PersonId, UserId};
use crate::{RecordId, Side};

/// What a diary entry measures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Measure {
    /// Pain on the 0–10 numeric rating scale, overall (`region: None`) or in one region.
    Pain { score: u8, region: Option<String> },
    /// Pressure pain threshold in kg/cm² at a trigger point (from an algometer).
    Threshold {
        trigger_point: String,
        side: Side,
        kg_per_cm2: f64,
    },
    /// Range of motion in degrees for a named movement ("cervical-rotation-left").
    RangeOfMotion { movement: String, degrees: f64 },
    /// A Patient-Specific Functional Scale activity, 0 (unable) to 10 (as before).
    Function { activity: String, score: u8 },
    /// A free note.
    Note { text: String },
}

impl Measure {
    /// The short name of the kind ("pain", "threshold", "range_of_motion", "function", "note").
    pub fn kind(&self) -> &'static str {
        match self {
            Measure::Pain { .. } => "pain",
            Measure::Threshold { .. } => "threshold",
            Measure::RangeOfMotion { .. } => "range_of_motion",
            Measure::Function { .. } => "function",
            Measure::Note { .. } => "note",
        }
    }
}

/// A diary entry as the person gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewEntry {
    /// When the measure applies (usually now; earlier when logged after the fact).
    pub recorded_at: DateTime<Utc>,
    pub measure: Measure,
    /// An optional remark kept with the value.
    pub note: Option<String>,
}

/// A stored diary entry. A correction is a new entry that names the one it corrects; the
/// corrected entry is kept, marked as superseded, so history shows what was first written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub id: RecordId,
    pub person_id: PersonId,
    pub created_by: UserId,
    pub created_at: DateTime<Utc>,
    /// The entry this one corrects, if it is a correction.
    pub corrects: Option<RecordId>,
    /// The entry that corrected this one, if any. A superseded entry is history, not data.
    pub superseded_by: Option<RecordId>,
    /// When it was deleted, if it was. Deleted entries are left out of lists unless asked for.
    pub deleted_at: Option<DateTime<Utc>>,
    #[serde(flatten)]
    pub entry: NewEntry,
}

impl Entry {
    /// Whether the entry counts: neither superseded by a correction nor deleted.
    pub fn is_current(&self) -> bool {
        self.superseded_by.is_none() && self.deleted_at.is_none()
    }
}

/// Which diary entries to list.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EntryFilter {
    /// Only entries recorded at or after this time.
    pub since: Option<DateTime<Utc>>,
    /// Only entries recorded before this time.
    pub until: Option<DateTime<Utc>>,
    /// Only this kind ("pain", "threshold", …).
    pub kind: Option<String>,
    /// Also list superseded and deleted entries.
    pub include_history: bool,
}
