//! When a timed hold counts as done. Pressure release needs time under pressure: the classic
//! protocol holds 30 s to 1 min and releases when the tissue softens or at 1 min (clinical review
//! [S15], *Clinical Chiropractic* 2008;11:30-36), and the trials compare 30 s with 90 s, never a
//! few seconds (J Clin Physiother Res 2019, in shared/CLINICAL.md). A hold released sooner is kept, but as a short hold (recorded as
//! skipped), so a session, a plan and the progress report never count it as treatment.
//!
//! Sets of strokes are counted in strokes, not seconds, so none of this applies to them.

use super::spec::{SessionSpec, STROKING_TECHNIQUE};
use super::state::HoldProgress;

/// A timed hold counts as done after this many seconds of pressure, or after the whole hold
/// when the dose is shorter (a hold the safety check shortened).
pub const MIN_COUNTED_HOLD_SECONDS: u32 = 30;

/// The shortest timed hold the server accepts as done from any client. Lower than
/// [`MIN_COUNTED_HOLD_SECONDS`] because a client that runs its own timer may count a little differently,
/// but a hold of a few seconds is never treatment: record it with `skipped: true`.
pub const MIN_RECORDED_HOLD_SECONDS: u32 = 10;

// The server's floor never asks more of a client than the session itself does.
const _: () = assert!(MIN_RECORDED_HOLD_SECONDS < MIN_COUNTED_HOLD_SECONDS);

/// Seconds a timed hold of `hold_seconds` needs before it counts as done.
pub fn counted_after(hold_seconds: u32) -> u32 {
    MIN_COUNTED_HOLD_SECONDS.min(hold_seconds)
}

/// Whether a recorded hold with this technique is timed (not a set of strokes).
pub fn is_timed_technique(technique: &str) -> bool {
    technique != STROKING_TECHNIQUE
}

/// Whether `progress` is a timed hold that has not yet lasted long enough to count.
pub(crate) fn is_short(spec: &SessionSpec, progress: &HoldProgress) -> bool {
    !spec.is_stroking() && progress.seconds < counted_after(spec.dose.hold_seconds)
}

/// The notice for a hold released before it counted.
pub(crate) fn short_hold_text(spec: &SessionSpec, progress: &HoldProgress) -> String {
    format!(
        "Released after {}: a hold counts as done after {} of pressure, so this one is kept as \
         a short hold, not as done. That is fine when the pressure was too much; otherwise stay \
         on the knot until the timer passes {} next time.",
        clock(progress.seconds),
        clock(counted_after(spec.dose.hold_seconds)),
        clock(counted_after(spec.dose.hold_seconds)),
    )
}

/// Seconds as "0:12".
pub(crate) fn clock(seconds: u32) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_minimum_is_thirty_seconds_or_the_whole_shorter_hold() {
        assert_eq!(counted_after(60), 30);
        assert_eq!(counted_after(90), 30);
        assert_eq!(counted_after(20), 20);
    }

    #[test]
    fn only_strokes_are_untimed() {
        assert!(!is_timed_technique(STROKING_TECHNIQUE));
        assert!(is_timed_technique("sustained-compression"));
    }
}
