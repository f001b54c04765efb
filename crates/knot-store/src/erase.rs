//! What erasing an account removed, for the caller to tell the person (see
//! `src/shared/account_erase.rs` for what is erased, what is kept and why).

/// How many rows of each kind an erase removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ErasedCounts {
    /// Diary entries, corrected and deleted ones included.
    pub entries: u64,
    /// Self-treatment sessions (their holds are part of the row).
    pub sessions: u64,
    pub plans: u64,
    pub screenings: u64,
    pub live_sessions: u64,
    pub web_sessions: u64,
    pub security_events: u64,
    /// The account once worked on a clinic's staff: its name stays, as the author of the
    /// clinic's records that the clinic must keep for its retention period.
    pub kept_as_author: bool,
}
