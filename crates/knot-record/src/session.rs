//! Guided treatment sessions as they ended: where, how, the holds and how it went.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::tenant::{PersonId, UserId};
use crate::{RecordId, Side};

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
    /// Whether the hold was skipped, or released before it counted as done (a short hold).
    pub skipped: bool,
}

impl HoldRecord {
    /// Whether the hold counts as done. A hold released before its minimum is recorded as
    /// skipped, so it never counts.
    pub fn is_done(&self) -> bool {
        !self.skipped
    }

    /// Whether pressure was applied but the hold ended before it counted: released early, or
    /// skipped part way.
    pub fn is_short(&self) -> bool {
        self.skipped && self.seconds > 0
    }
}

/// A guided treatment session as it ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewSession {
    pub started_at: DateTime<Utc>,
    pub ended_at: DateTime<Utc>,
    pub muscle_id: String,
    pub trigger_point_id: String,
    pub side: Side,
    /// Technique id from the atlas vocabulary ("pressure-release", "short-deep-strokes", …).
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
    /// How many holds count as done.
    pub fn holds_done(&self) -> usize {
        self.holds.iter().filter(|h| h.is_done()).count()
    }

    /// How many holds were pressed but ended before they counted.
    pub fn short_holds(&self) -> usize {
        self.holds.iter().filter(|h| h.is_short()).count()
    }

    /// Seconds of pressure over all holds (saturating: a hold's length may come from a client).
    pub fn pressure_seconds(&self) -> u32 {
        self.holds
            .iter()
            .fold(0, |sum: u32, hold| sum.saturating_add(hold.seconds))
    }
}
