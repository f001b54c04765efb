//! What the Treat page shows for a session in progress — `knot_care::session::view` of its
//! state, with the controls its step takes and the stop buttons — and the summary of a stored
//! session.

use askama::Template;
use knot_care::session::{
    counted_after, is_timed_technique, view, NoticeKind, Phase, Prompt, SessionState,
    MIN_COUNTED_HOLD_SECONDS,
};
use knot_store::{SessionOutcome, SessionRecord};

use crate::hints;

/// The sensations offered as stop buttons, with their event names.
const STOP_SENSATIONS: &[(&str, &str)] = &[
    ("sharp", "Sharp pain"),
    ("burning", "Burning"),
    ("electrical", "Electric or shooting"),
    ("numb", "Numbness"),
    ("tingling", "Tingling"),
    ("dizzy", "Dizzy or sick"),
];

/// The step panel: rendered into the page, and alone for the timer's updates.
#[derive(Template, Debug)]
#[template(path = "treat_step.html")]
pub(super) struct StepPanel {
    pub csrf: String,
    /// Changes whenever the controls change (the script swaps the panel then).
    pub key: String,
    pub title: String,
    pub lines: Vec<String>,
    /// Where the step's hints lead (the muscle's page for its picture).
    pub links: Vec<LinkView>,
    pub gauge_label: Option<String>,
    pub gauge_percent: u32,
    /// Seconds left on a running clock (none when paused or untimed).
    pub running_seconds: Option<u32>,
    /// "continue", "pain", "discomfort", "yes-no".
    pub prompt: &'static str,
    pub question: String,
    pub notice: Option<NoticeView>,
    pub paused: bool,
    pub timed: bool,
    pub can_stop: bool,
    pub stop_sensations: &'static [(&'static str, &'static str)],
    /// A hold or a set is under way: the compact layout that keeps the timer, the point pressed
    /// and the stop choices on one phone screen.
    pub holding: bool,
    /// The muscle and side being pressed ("Upper trapezius, right side").
    pub point: String,
    /// Where on it to press.
    pub place: String,
    /// When releasing counts the hold as done.
    pub release_help: String,
}

/// A link a hint became.
#[derive(Debug)]
pub(super) struct LinkView {
    pub href: String,
    pub text: &'static str,
}

/// The message the last event left.
#[derive(Debug)]
pub(super) struct NoticeView {
    pub text: String,
    /// "problem" (a stop), "warn" (a short hold), "info" or "plain".
    pub kind: &'static str,
}

/// The panel for a session's current step.
pub(super) fn panel(state: &SessionState, csrf: &str) -> StepPanel {
    let shown = view(state);
    let spec = &state.spec;
    let gauge = shown.gauge.as_ref();
    let prompt = match shown.prompt {
        Prompt::Continue => "continue",
        Prompt::Pain => "pain",
        Prompt::Discomfort => "discomfort",
        Prompt::YesNo => "yes-no",
        Prompt::Nothing => "nothing",
    };
    let running = state.is_timed() && !state.paused;
    StepPanel {
        csrf: csrf.to_string(),
        key: format!(
            "{:?}-{}-{}",
            state.phase.order(),
            state.paused,
            state.discomfort_due
        ),
        title: shown.title,
        links: shown
            .hints
            .iter()
            .filter_map(hints::page_link)
            .map(|(href, text)| LinkView { href, text })
            .collect(),
        lines: shown.lines,
        gauge_label: gauge.map(|g| g.label.clone()),
        gauge_percent: gauge.map_or(0, |g| (g.ratio() * 100.0).round() as u32),
        running_seconds: if running { state.seconds_left() } else { None },
        prompt,
        question: shown.question,
        notice: state.notice.as_ref().map(|n| {
            let kind = match n.kind {
                NoticeKind::Stop => "problem",
                NoticeKind::Ignored => "plain",
                NoticeKind::ShortHold => "warn",
                _ => "info",
            };
            NoticeView {
                text: hints::notice(n).to_string(),
                kind,
            }
        }),
        paused: state.paused,
        timed: state.is_timed(),
        can_stop: !matches!(
            state.phase,
            Phase::Locate | Phase::PainBefore | Phase::Ended
        ),
        stop_sensations: STOP_SENSATIONS,
        holding: matches!(state.phase, Phase::Pressing { .. }),
        point: format!("{}, {} side", spec.muscle_name, spec.side.word()),
        place: shown.place.clone().unwrap_or_default(),
        release_help: release_help(state),
    }
}

/// What releasing does now: before a timed hold's minimum it keeps the hold as short.
fn release_help(state: &SessionState) -> String {
    let spec = &state.spec;
    if spec.is_stroking() {
        return "Release when the set of strokes is done.".into();
    }
    let counts_after = counted_after(spec.dose.hold_seconds);
    format!(
        "A hold counts as done after {}:{:02}; released sooner, it is kept as a short hold.",
        counts_after / 60,
        counts_after % 60
    )
}

/// A stored session in a few lines.
#[derive(Debug)]
pub(super) struct Summary {
    pub headline: String,
    pub lines: Vec<String>,
}

/// The summary of a stored session.
pub(super) fn summary(record: &SessionRecord, muscle_name: &str) -> Summary {
    let session = &record.session;
    let outcome = match session.outcome {
        SessionOutcome::Completed => "completed",
        SessionOutcome::Stopped => "stopped",
        SessionOutcome::Quit => "ended early",
    };
    let mut lines = Vec::new();
    match (session.pain_before, session.pain_after) {
        (Some(before), Some(after)) => lines.push(format!("Pain {before} → {after} out of 10.")),
        (Some(before), None) => lines.push(format!("Pain before: {before} out of 10.")),
        _ => {}
    }
    lines.push(format!(
        "{} of {} holds done, {} s of pressure in all; the knot softened in {} of them.",
        session.holds_done(),
        session.holds.len(),
        session.pressure_seconds(),
        session
            .holds
            .iter()
            .filter(|h| h.softened == Some(true))
            .count()
    ));
    let short = session.short_holds();
    if short > 0 && is_timed_technique(&session.technique) {
        lines.push(format!(
            "{short} short {}: released before {} counted as done (after {MIN_COUNTED_HOLD_SECONDS} s, \
             or the whole hold when shorter).",
            if short == 1 { "hold" } else { "holds" },
            if short == 1 { "it" } else { "they" }
        ));
    }
    lines.push(format!(
        "Stretch: {}.",
        if session.stretch_done {
            "done"
        } else {
            "not done"
        }
    ));
    lines.extend(session.stop_reason.clone());
    Summary {
        headline: format!(
            "Session {outcome}: {muscle_name}, {} side.",
            session.side.word()
        ),
        lines,
    }
}
