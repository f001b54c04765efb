//! Rate-limit counters as the store keeps them: named counts that every app server on one
//! database reads and changes together, so several servers limit sign-ins and sign-ups as one.
//!
//! The store knows nothing of the limits themselves. A caller names the counters an event
//! touches and gives a [`LimitRule`]; the store reads those counters with their rows held
//! (taken in key order, so two callers never wait on each other in a circle), runs the rule,
//! and writes what it changed, all in one transaction. So a check and its count cannot be
//! split by another server's check.

use std::sync::Arc;

use chrono::{DateTime, Utc};

/// One counter. A key never seen before reads as zero, with no times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LimitCounter {
    /// The caller's key (store it hashed if it names a person or an address).
    pub key: String,
    pub count: u32,
    /// When the counting window began, for limits counted per window.
    pub window_start: Option<DateTime<Utc>>,
    /// When the last counted event happened.
    pub last_event: Option<DateTime<Utc>>,
}

impl LimitCounter {
    /// A counter at zero.
    pub fn zero(key: impl Into<String>) -> LimitCounter {
        LimitCounter {
            key: key.into(),
            count: 0,
            window_start: None,
            last_event: None,
        }
    }
}

/// Decides, given the counters as stored (in the order their keys were given), whether to
/// change them; it changes them in place and returns `true` to store the change, or returns
/// `false` to leave them as they were.
pub type LimitRule = Arc<dyn Fn(&mut [LimitCounter]) -> bool + Send + Sync>;

/// What a [`LimitRule`] decided, with the counters as it left them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LimitOutcome {
    /// Whether the rule's change was stored.
    pub applied: bool,
    /// The counters in the order their keys were given: as changed when `applied`, else as
    /// stored.
    pub counters: Vec<LimitCounter>,
}
