//! Why a guided session cannot be set up. Each message says what is wrong; the caller adds how
//! to fix it in its own terms (a flag, a form field).

use crate::hint::Hint;

/// A session that cannot start.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SessionError {
    /// The muscle has trigger points on both sides and none was chosen.
    #[error("{muscle} has trigger points on both sides; treat one side at a time")]
    SideNeeded { muscle: String },
    /// No trigger point of the muscle matches the id (or the side) asked for.
    #[error(
        "{muscle} has no trigger point{}{on_side}; it has: {}",
        .wanted.as_ref().map(|w| format!(" {w:?}")).unwrap_or_default(),
        .available.join(", ")
    )]
    NoSuchTriggerPoint {
        muscle: String,
        /// The id asked for, if one was.
        wanted: Option<String>,
        /// " on the left side" when a side narrowed the search, else empty.
        on_side: String,
        available: Vec<String>,
    },
    /// The safety check blocked this treatment.
    #[error("this trigger point should not be treated now:\n  {}", .reasons.join("\n  "))]
    Blocked {
        reasons: Vec<String>,
        /// Where to go next (e.g. take the screening again), for the front end to phrase.
        hints: Vec<Hint>,
    },
    /// The atlas marks the muscle as not for self-treatment.
    #[error("{muscle} is not for self-treatment: {why}")]
    NotForSelfTreatment { muscle: String, why: String },
    /// A prescription with nothing to do.
    #[error("the prescription for {trigger_point} has {what}; it needs at least one")]
    EmptyPrescription {
        trigger_point: String,
        what: &'static str,
    },
}
