//! The state machine: `step(state, event) -> state`.
//!
//! Rules that hold whatever arrives: a stop sensation ends the session at once as Stopped;
//! Quit ends it as Quit; a session only moves forward; a hold never runs past its dose; an event
//! that does not fit the step changes nothing but leaves a notice saying what would; a timed hold
//! that ends before its minimum ([`super::counted`]) is kept as a short hold, never as done.

use knot_record::SessionOutcome;

use super::counted::{is_short, short_hold_text};
use super::state::{Event, HoldProgress, Notice, NoticeKind, Phase, Sensation, SessionState};
use super::target::steer;
use crate::hint::Cue;

/// While pressing, ask for a discomfort reading at least this often (seconds).
pub const DISCOMFORT_PROMPT_SECONDS: u32 = 20;

/// Applies one event.
pub fn step(mut state: SessionState, event: Event) -> SessionState {
    // The last advice stays on screen while time passes; anything the person does replaces it.
    match event {
        Event::Tick(seconds) => {
            state.elapsed_seconds = state.elapsed_seconds.saturating_add(seconds);
        }
        _ => state.notice = None,
    }
    if state.is_ended() {
        if !matches!(event, Event::Tick(_)) {
            ignore(&mut state, "The session has ended.");
        }
        return state;
    }
    match event {
        Event::Quit => end(state, SessionOutcome::Quit, None),
        Event::Sensation(sensation) => stop(state, sensation),
        _ if state.paused => while_paused(state, event),
        Event::Pause => pause(state),
        Event::Resume => ignored(state, "Nothing is paused."),
        _ => by_phase(state, event),
    }
}

fn by_phase(state: SessionState, event: Event) -> SessionState {
    match state.phase {
        Phase::Locate => advance_on_continue(state, event, Phase::PainBefore),
        Phase::PainBefore => pain_before(state, event),
        Phase::WarmUp => warm_up(state, event),
        Phase::Setup => match event {
            Event::Continue | Event::Skip => start_hold(state, 0),
            Event::Tick(_) => state,
            _ => cued(state, Cue::StartFirstHold),
        },
        Phase::Pressing { hold } => pressing(state, hold, event),
        Phase::AskSoftened { hold } => ask_softened(state, hold, event),
        Phase::Stretch => stretch(state, event),
        Phase::PainAfter => pain_after(state, event),
        Phase::Ended => state,
    }
}

/// Steps with nothing to record: Continue or Skip moves on; ticks pass quietly.
fn advance_on_continue(mut state: SessionState, event: Event, next: Phase) -> SessionState {
    match event {
        Event::Continue | Event::Skip => {
            state.phase = next;
            state
        }
        Event::Tick(_) => state,
        _ => cued(state, Cue::ContinueOrSkipStep),
    }
}

fn pain_before(mut state: SessionState, event: Event) -> SessionState {
    match event {
        Event::Number(n) if n <= 10 => {
            state.pain_before = Some(n);
            state.phase = Phase::WarmUp;
            state
        }
        Event::Skip => {
            state.phase = Phase::WarmUp;
            state
        }
        Event::Tick(_) => state,
        _ => ignored(state, "Type your pain now as a number from 0 to 10."),
    }
}

fn warm_up(mut state: SessionState, event: Event) -> SessionState {
    match event {
        Event::Tick(seconds) => {
            let total = state.spec.warm_up_seconds;
            state.warm_up_done = state.warm_up_done.saturating_add(seconds).min(total);
            if state.warm_up_done >= total {
                state.phase = Phase::Setup;
            }
            state
        }
        Event::Continue | Event::Skip => {
            state.phase = Phase::Setup;
            state
        }
        _ => cued(state, Cue::FinishWarmUp),
    }
}

fn start_hold(mut state: SessionState, hold: usize) -> SessionState {
    state.holds.push(HoldProgress::default());
    state.phase = Phase::Pressing { hold };
    state.discomfort_due = true;
    state
}

fn pressing(state: SessionState, hold: usize, event: Event) -> SessionState {
    match event {
        Event::Tick(seconds) => press_for(state, hold, seconds),
        Event::Discomfort(reading) => discomfort(state, hold, reading),
        Event::Strokes(count) => strokes(state, hold, count),
        Event::Continue => release_early(state, hold),
        Event::Skip => {
            let mut state = state;
            if let Some(progress) = state.holds.get_mut(hold) {
                progress.skipped = true;
            }
            after_hold(state, hold)
        }
        _ => cued(state, Cue::DiscomfortReleaseOrSkipHold),
    }
}

fn press_for(mut state: SessionState, hold: usize, seconds: u32) -> SessionState {
    let allowed = state.spec.dose.hold_seconds;
    let Some(progress) = state.holds.get_mut(hold) else {
        return state;
    };
    let added = seconds.min(allowed.saturating_sub(progress.seconds));
    progress.seconds += added;
    progress.since_reading = progress.since_reading.saturating_add(added);
    if progress.since_reading >= DISCOMFORT_PROMPT_SECONDS {
        progress.since_reading = 0;
        state.discomfort_due = true;
    }
    if progress.seconds >= allowed {
        let done = if state.spec.is_stroking() {
            "That is the time for this set."
        } else {
            "Time: release slowly."
        };
        state = release(state, hold);
        state.notice = Some(info(done));
    }
    state
}

fn discomfort(mut state: SessionState, hold: usize, reading: u8) -> SessionState {
    if reading > 10 {
        return ignored(state, "Discomfort is a number from 0 (none) to 10 (worst).");
    }
    if let Some(progress) = state.holds.get_mut(hold) {
        progress.discomfort.push(reading);
        progress.since_reading = 0;
    }
    state.discomfort_due = false;
    let advice = steer(reading, state.spec.target, state.spec.firm_pressure);
    state.notice = Some(Notice {
        kind: NoticeKind::Advice(advice),
        text: advice.text(state.spec.target),
        cue: None,
    });
    state
}

fn strokes(mut state: SessionState, hold: usize, count: u32) -> SessionState {
    let Some(wanted) = state.spec.dose.strokes else {
        return ignored(state, "This hold is timed, not counted in strokes.");
    };
    let Some(progress) = state.holds.get_mut(hold) else {
        return state;
    };
    progress.strokes = progress.strokes.saturating_add(count).min(wanted);
    if progress.strokes >= wanted {
        return release(state, hold);
    }
    state
}

/// "Done" pressed during a hold: before the hold's minimum it is kept as a short hold and the
/// session goes on to the next; otherwise the hold ends as usual.
fn release_early(mut state: SessionState, hold: usize) -> SessionState {
    let spec = &state.spec;
    let Some(progress) = state.holds.get_mut(hold) else {
        return state;
    };
    if !is_short(spec, progress) {
        return release(state, hold);
    }
    progress.skipped = true;
    let text = short_hold_text(spec, progress);
    let mut state = after_hold(state, hold);
    state.notice = Some(Notice {
        kind: NoticeKind::ShortHold,
        text,
        cue: None,
    });
    state
}

/// Ends the pressure of a hold (time up, set done or released after its minimum) and asks
/// about it.
fn release(mut state: SessionState, hold: usize) -> SessionState {
    state.phase = Phase::AskSoftened { hold };
    state.discomfort_due = false;
    state
}

fn ask_softened(mut state: SessionState, hold: usize, event: Event) -> SessionState {
    match event {
        Event::Answer(yes) => {
            if let Some(progress) = state.holds.get_mut(hold) {
                progress.softened = Some(yes);
            }
            after_hold(state, hold)
        }
        Event::Skip => after_hold(state, hold),
        Event::Tick(_) => state,
        _ => cued(state, Cue::SoftenedYesNo),
    }
}

fn after_hold(state: SessionState, hold: usize) -> SessionState {
    let next = hold + 1;
    if next < state.spec.dose.holds as usize {
        start_hold(state, next)
    } else {
        let mut state = state;
        state.phase = Phase::Stretch;
        state.discomfort_due = false;
        state
    }
}

fn stretch(mut state: SessionState, event: Event) -> SessionState {
    match event {
        Event::Continue => {
            state.stretch_done = true;
            state.phase = Phase::PainAfter;
            state
        }
        Event::Skip => {
            state.phase = Phase::PainAfter;
            state
        }
        Event::Tick(_) => state,
        _ => cued(state, Cue::StretchDoneOrSkip),
    }
}

fn pain_after(mut state: SessionState, event: Event) -> SessionState {
    match event {
        Event::Number(n) if n <= 10 => {
            state.pain_after = Some(n);
            end(state, SessionOutcome::Completed, None)
        }
        Event::Skip => end(state, SessionOutcome::Completed, None),
        Event::Tick(_) => state,
        _ => ignored(state, "Type your pain now as a number from 0 to 10."),
    }
}

fn pause(mut state: SessionState) -> SessionState {
    if !state.is_timed() {
        return ignored(state, "Nothing is timed in this step; take your time.");
    }
    state.paused = true;
    state.notice = Some(info("Paused: the clock has stopped. Resume when ready."));
    state
}

/// While paused the clock stands still; only resuming, skipping, readings and the always-on
/// events (quit, stop) act.
fn while_paused(mut state: SessionState, event: Event) -> SessionState {
    match event {
        Event::Resume => {
            state.paused = false;
            state
        }
        Event::Skip => {
            state.paused = false;
            by_phase(state, Event::Skip)
        }
        Event::Discomfort(_) => by_phase(state, event),
        Event::Tick(_) => state,
        _ => ignored(state, "Paused: resume first."),
    }
}

fn stop(state: SessionState, sensation: Sensation) -> SessionState {
    let reason = format!(
        "You felt {}. That can mean pressure on a nerve or blood vessel, or far too much \
         pressure, so this session has stopped. Rest; if the feeling stays or comes back, \
         see a physician before treating here again.",
        sensation.describe()
    );
    let mut state = end(state, SessionOutcome::Stopped, Some(reason.clone()));
    state.notice = Some(Notice {
        kind: NoticeKind::Stop,
        text: reason,
        cue: None,
    });
    state
}

fn end(mut state: SessionState, outcome: SessionOutcome, reason: Option<String>) -> SessionState {
    // A hold cut off by a stop or by quitting counts only if it had already lasted long enough.
    if let Phase::Pressing { hold } = state.phase {
        let spec = &state.spec;
        if let Some(progress) = state.holds.get_mut(hold) {
            if is_short(spec, progress) {
                progress.skipped = true;
            }
        }
    }
    state.phase = Phase::Ended;
    state.paused = false;
    state.discomfort_due = false;
    state.outcome = Some(outcome);
    state.stop_reason = reason;
    state
}

fn ignored(mut state: SessionState, text: &str) -> SessionState {
    ignore(&mut state, text);
    state
}

fn ignore(state: &mut SessionState, text: &str) {
    state.notice = Some(Notice {
        kind: NoticeKind::Ignored,
        text: text.to_string(),
        cue: None,
    });
}

/// An input that did not fit the step, answered with what the step accepts.
fn cued(mut state: SessionState, cue: Cue) -> SessionState {
    state.notice = Some(Notice {
        kind: NoticeKind::Ignored,
        text: String::new(),
        cue: Some(cue),
    });
    state
}

fn info(text: &str) -> Notice {
    Notice {
        kind: NoticeKind::Info,
        text: text.to_string(),
        cue: None,
    }
}
