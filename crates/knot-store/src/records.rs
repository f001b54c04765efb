//! The records Knot stores: screenings, diary entries, treatment sessions and home plans.
//!
//! These are plain data. What makes a value valid (a pain score is 0–10, a movement has a
//! plausible range) is decided in `knot-care` before a record reaches the store; the store only
//! keeps what it is given, whole or not at all. A `New…` type is what a caller hands in; the
//! stored type adds the id, the owner and the time it was written.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::tenant::{PersonId, UserId};

/// A stored record's id (unique within its table).
pub type RecordId = i64;

/// Which side of the body a record is about, where that matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Left,
    Right,
    Midline,
}

impl Side {
    /// The lower-case word used in ids and on screen.
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Left => "left",
            Side::Right => "right",
            Side::Midline => "midline",
        }
    }

    /// Parses "left", "right" or "midline".
    pub fn parse(word: &str) -> Option<Side> {
        match word {
            "left" => Some(Side::Left),
            "right" => Some(Side::Right),
            "midline" => Some(Side::Midline),
            _ => None,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Screening

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

// ---------------------------------------------------------------------------------------------
// Diary

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

// ---------------------------------------------------------------------------------------------
// Treatment sessions

/// How a guided session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionOutcome {
    /// Every step was done.
    Completed,
    /// A stop rule fired (sharp, burning, electrical or numb sensation; a red flag).
    Stopped,
    /// The person quit before the end.
    Quit,
}

/// One hold (or one set of strokes) within a session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HoldRecord {
    /// Seconds of pressure actually applied.
    pub seconds: u32,
    /// Felt discomfort readings (0–10) taken during the hold, in order.
    pub discomfort: Vec<u8>,
    /// Whether the person said the knot softened or the referred pain faded.
    pub softened: Option<bool>,
    /// Whether the hold was skipped.
    pub skipped: bool,
}

/// A guided treatment session as it ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewSession {
    pub started_at: DateTime<Utc>,
    pub ended_at: DateTime<Utc>,
    pub muscle_id: String,
    pub trigger_point_id: String,
    pub side: Side,
    /// Technique id from the atlas vocabulary ("ischemic-compression", "stroking", …).
    pub technique: String,
    /// Tool id from the atlas vocabulary ("thumb", "massage-ball", …).
    pub tool: String,
    /// The discomfort the person aimed for (0–10).
    pub target_discomfort: u8,
    pub pain_before: Option<u8>,
    pub pain_after: Option<u8>,
    pub holds: Vec<HoldRecord>,
    pub stretch_done: bool,
    pub outcome: SessionOutcome,
    /// Why it stopped, in words, when it did.
    pub stop_reason: Option<String>,
    /// The plan this session was part of, if any.
    pub plan_id: Option<RecordId>,
}

/// A stored session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionRecord {
    pub id: RecordId,
    pub person_id: PersonId,
    pub created_by: UserId,
    pub created_at: DateTime<Utc>,
    #[serde(flatten)]
    pub session: NewSession,
}

impl NewSession {
    /// Seconds of pressure over all holds (saturating: a hold's length may come from a client).
    pub fn pressure_seconds(&self) -> u32 {
        self.holds
            .iter()
            .fold(0, |sum: u32, hold| sum.saturating_add(hold.seconds))
    }
}

// ---------------------------------------------------------------------------------------------
// Home plans

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

// ---------------------------------------------------------------------------------------------
// Audit

/// What a progress report reads, from one snapshot.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReportRecords {
    /// Current entries of the report's days, by recorded time then id.
    pub entries: Vec<Entry>,
    /// Sessions since the report's first day, oldest first.
    pub sessions: Vec<SessionRecord>,
    /// The active plan, if any.
    pub plan: Option<Plan>,
}

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
