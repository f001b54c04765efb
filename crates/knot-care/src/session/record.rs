//! Turning a session's state into the record the store keeps.

use chrono::{DateTime, Utc};
use knot_record::{HoldRecord, NewSession, SessionOutcome};

use super::counted::is_short;
use super::state::{Phase, SessionState};

/// The record of a session. The machine has no clock, so the caller gives the wall-clock start
/// and end. A session recorded before it ended counts as quit.
pub fn to_record(
    state: &SessionState,
    started_at: DateTime<Utc>,
    ended_at: DateTime<Utc>,
) -> NewSession {
    let spec = &state.spec;
    // A session stored mid-hold keeps that hold as short unless it already counted.
    let pressing = match state.phase {
        Phase::Pressing { hold } => Some(hold),
        _ => None,
    };
    NewSession {
        started_at,
        ended_at,
        muscle_id: spec.muscle_id.clone(),
        trigger_point_id: spec.trigger_point_id.clone(),
        side: spec.side,
        technique: spec.technique.id.clone(),
        tool: spec.tool.id.clone(),
        target_discomfort: spec.target.value(),
        pain_before: state.pain_before,
        pain_after: state.pain_after,
        holds: state
            .holds
            .iter()
            .enumerate()
            .map(|(i, hold)| HoldRecord {
                seconds: hold.seconds,
                discomfort: hold.discomfort.clone(),
                softened: hold.softened,
                skipped: hold.skipped || (pressing == Some(i) && is_short(spec, hold)),
            })
            .collect(),
        stretch_done: state.stretch_done,
        outcome: state.outcome.unwrap_or(SessionOutcome::Quit),
        stop_reason: state.stop_reason.clone(),
        plan_id: spec.plan_id,
    }
}

/// Whether anything was done worth keeping: a pain score, a hold started or the stretch.
pub fn has_anything_to_record(state: &SessionState) -> bool {
    state.pain_before.is_some()
        || state.pain_after.is_some()
        || !state.holds.is_empty()
        || state.stretch_done
        || state.outcome == Some(SessionOutcome::Stopped)
}
