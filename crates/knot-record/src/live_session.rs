//! A guided session in progress in a browser, as the store keeps it so that any app server can
//! take the next step: the state machine's state (JSON, owned by `knot-care`), when it started,
//! up to when its time has been counted, and a version for compare-and-set updates.

use chrono::{DateTime, Utc};

/// One session in progress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveSession {
    /// The browser sign-in it belongs to (the hash of its token).
    pub key: String,
    /// `knot_care::session::SessionState` as JSON.
    pub state: String,
    pub started_at: DateTime<Utc>,
    /// Time up to here has been given to the state machine.
    pub counted_until: DateTime<Utc>,
    pub last_seen: DateTime<Utc>,
    /// Bumped by every update; an update naming an older version is refused.
    pub version: i64,
}
