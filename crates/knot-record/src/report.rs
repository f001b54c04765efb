//! What a progress report reads: one snapshot of entries, sessions and the active plan.

use crate::diary::Entry;
use crate::plan::Plan;
use crate::session::SessionRecord;

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
