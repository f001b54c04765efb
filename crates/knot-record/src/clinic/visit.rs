//! A visit: the health-change answer, the client's pain drawing, range of motion, findings per
//! trigger point and side, treatments one side at a time, and the SOAP note. Signing locks the
//! visit; later words are dated addenda that leave the original as it was.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::tenant::{PersonId, UserId};
use crate::{RecordId, Side};

/// A visit to open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewVisit {
    pub started_at: DateTime<Utc>,
    /// The answer to "any change in your health since your last visit?".
    pub health_change: String,
}

/// One region of the client's pain drawing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PainMark {
    /// A body region id.
    pub region: String,
    /// 0–10.
    pub intensity: u8,
}

/// One range-of-motion measurement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RomMeasure {
    pub movement: String,
    pub side: Option<Side>,
    pub degrees: f64,
}

/// The SOAP note's four parts, as drafted and edited.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SoapText {
    pub subjective: String,
    pub objective: String,
    pub assessment: String,
    pub plan: String,
}

/// Who signed a visit, when, and the hash of what they signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    pub signed_at: DateTime<Utc>,
    pub signed_by: UserId,
    pub hash: String,
}

/// A visit as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Visit {
    pub id: RecordId,
    pub person_id: PersonId,
    pub therapist_id: UserId,
    pub visit: NewVisit,
    pub pain_drawing: Vec<PainMark>,
    pub rom: Vec<RomMeasure>,
    pub soap: SoapText,
    pub signature: Option<Signature>,
}

/// What was found at one trigger point on one side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewFinding {
    pub trigger_point_id: String,
    pub side: Side,
    pub tender: bool,
    pub taut_band: bool,
    pub referral_reproduced: bool,
    /// Where the referred pain was felt (body region ids).
    pub referral_regions: Vec<String>,
    pub twitch: bool,
    pub jump_sign: bool,
    /// Pressure pain threshold, in whole kPa.
    pub ppt_kpa: Option<u32>,
    pub note: Option<String>,
}

/// A finding as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub id: RecordId,
    pub visit_id: RecordId,
    pub recorded_at: DateTime<Utc>,
    pub finding: NewFinding,
}

/// Treatment of one trigger point on one side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewTreatment {
    pub trigger_point_id: String,
    pub side: Side,
    pub technique: String,
    pub tool: String,
    /// Felt discomfort, 0–10.
    pub discomfort: u8,
    pub hold_seconds: u32,
    pub passes: u32,
    pub response: String,
}

/// A treatment as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Treatment {
    pub id: RecordId,
    pub visit_id: RecordId,
    pub recorded_at: DateTime<Utc>,
    pub treatment: NewTreatment,
}

/// A dated addendum to a signed visit, by a named member of staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Addendum {
    pub id: RecordId,
    pub visit_id: RecordId,
    pub author_id: UserId,
    pub written_at: DateTime<Utc>,
    pub text: String,
}

/// A visit with everything charted in it, read in one snapshot.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VisitRecord {
    pub visit: Visit,
    pub findings: Vec<Finding>,
    pub treatments: Vec<Treatment>,
    pub addenda: Vec<Addendum>,
}
