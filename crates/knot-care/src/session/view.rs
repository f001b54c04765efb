//! What to show for a session's current step, in words: a title, the instructions, a gauge for
//! a countdown or a stroke count, and what input is wanted. The terminal UI, the line-by-line
//! mode and the browser all render this, so every front end says the same thing.

use knot_record::SessionOutcome;
use serde::Serialize;

use super::counted::{clock, counted_after};
use super::record::has_anything_to_record;
use super::spec::SessionSpec;
use super::state::{HoldProgress, Phase, SessionState};
use crate::hint::Hint;

/// The input the current step waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Prompt {
    /// Go on when ready (or skip).
    Continue,
    /// A pain score 0–10.
    Pain,
    /// A discomfort reading 0–10 (the hold goes on meanwhile).
    Discomfort,
    /// Yes or no.
    YesNo,
    /// Nothing: the session has ended.
    Nothing,
}

/// Progress through a countdown or a set of strokes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Gauge {
    /// "0:42 left" or "4 of 10 strokes".
    pub label: String,
    pub done: u32,
    pub total: u32,
}

impl Gauge {
    /// The share done, 0.0–1.0.
    pub fn ratio(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            (f64::from(self.done) / f64::from(self.total)).clamp(0.0, 1.0)
        }
    }
}

/// One screen of a session.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct View {
    pub title: String,
    pub lines: Vec<String>,
    pub gauge: Option<Gauge>,
    pub prompt: Prompt,
    /// The question that goes with the prompt.
    pub question: String,
    /// Where to look or go alongside this step (the muscle's picture, the screening), for each
    /// front end to phrase.
    pub hints: Vec<Hint>,
    /// During a hold or a set: where to press, kept apart from `lines` so a front end can keep
    /// it in view beside the timer and the stop choices.
    pub place: Option<String>,
}

impl View {
    /// Every line to show in order, the place to press second ("Where: …"), for front ends that
    /// show the step as one list.
    pub fn all_lines(&self) -> Vec<String> {
        let mut lines = self.lines.clone();
        if let Some(place) = &self.place {
            lines.insert(lines.len().min(1), format!("Where: {place}."));
        }
        lines
    }
}

/// The view of the current step.
pub fn view(state: &SessionState) -> View {
    let spec = &state.spec;
    let mut view = match state.phase {
        Phase::Locate => locate(spec),
        Phase::PainBefore => pain("2. Pain before", "How strong is your pain right now?"),
        Phase::WarmUp => warm_up(state),
        Phase::Setup => setup(spec),
        Phase::Pressing { hold } => pressing(state, hold),
        Phase::AskSoftened { hold } => ask_softened(spec, hold),
        Phase::Stretch => plain_step(
            "6. Stretch",
            vec![spec.stretch.clone()],
            "Stretch now; go on when you are done.",
        ),
        Phase::PainAfter => pain("7. Pain now", "How strong is your pain now?"),
        Phase::Ended => ended(state),
    };
    if state.paused {
        view.title.push_str(" (paused)");
    }
    view
}

fn locate(spec: &SessionSpec) -> View {
    let mut lines = vec![
        format!("Press here: {}.", spec.press_here),
        format!("How it feels: {}", spec.palpation),
    ];
    let mut hints = vec![Hint::ShowMuscle {
        muscle: spec.muscle_id.clone(),
        side: side_for_show(spec),
    }];
    hints.extend(spec.hints.iter().cloned());
    lines.extend(spec.cautions.iter().map(|c| format!("Caution: {c}")));
    View {
        title: format!(
            "1. Find the knot: {}, {} ({} side)",
            spec.muscle_name,
            spec.trigger_point_label,
            spec.side.word()
        ),
        lines,
        gauge: None,
        prompt: Prompt::Continue,
        question: "Go on when you have found the tender spot.".into(),
        hints,
        place: None,
    }
}

fn side_for_show(spec: &SessionSpec) -> knot_body::Side {
    match spec.side {
        knot_body::Side::Left => knot_body::Side::Left,
        _ => knot_body::Side::Right,
    }
}

fn pain(title: &str, question: &str) -> View {
    View {
        title: title.into(),
        lines: vec!["0 means no pain, 10 the worst pain you can imagine.".into()],
        gauge: None,
        prompt: Prompt::Pain,
        question: format!("{question} (0–10)"),
        hints: Vec::new(),
        place: None,
    }
}

fn plain_step(title: &str, lines: Vec<String>, question: &str) -> View {
    View {
        title: title.into(),
        lines,
        gauge: None,
        prompt: Prompt::Continue,
        question: question.into(),
        hints: Vec::new(),
        place: None,
    }
}

fn warm_up(state: &SessionState) -> View {
    let spec = &state.spec;
    let mut view = plain_step(
        "3. Warm up",
        vec![format!(
            "Stroke broadly and gently over the whole {} with a flat hand or a ball, to warm it \
             and feel for the tender band. Do not press into the knot yet.",
            spec.muscle_name.to_lowercase()
        )],
        "Go on when the muscle feels warm.",
    );
    view.gauge = Some(countdown(state.warm_up_done, spec.warm_up_seconds));
    view
}

fn setup(spec: &SessionSpec) -> View {
    let mut lines = vec![
        format!("Position: {}", spec.position),
        format!("Tool: {}.", spec.tool.name),
        technique_line(spec),
        format!("How: {}", spec.how),
    ];
    if !spec.stop_if.is_empty() {
        lines.push(format!("Stop at once for: {}.", spec.stop_if.join("; ")));
    }
    plain_step(
        "4. Tool and position",
        lines,
        "Go on to start the first hold.",
    )
}

fn technique_line(spec: &SessionSpec) -> String {
    if spec.technique.how.is_empty() {
        format!("Technique: {}.", spec.technique.name)
    } else {
        format!("Technique: {}. {}", spec.technique.name, spec.technique.how)
    }
}

fn pressing(state: &SessionState, hold: usize) -> View {
    let spec = &state.spec;
    let progress = state.holds.get(hold).cloned().unwrap_or_default();
    let (title, what, gauge) = hold_parts(spec, hold, &progress);
    let mut lines = vec![what, format!("With: {}.", spec.tool.name)];
    if !spec.firm_pressure {
        lines.push("Light pressure only: broad, gentle contact.".into());
    }
    if let Some(last) = progress.discomfort.last() {
        lines.push(format!("Last discomfort reading: {last}/10."));
    }
    if hold > 0 {
        lines.push(format!("Earlier: {}.", earlier_holds(state, hold)));
    }
    lines.push("Stop at once for a sharp, burning, electric or numb feeling.".into());
    let question = if state.discomfort_due {
        "How strong is the discomfort now? (0–10)"
    } else {
        "Discomfort (0–10) any time."
    };
    View {
        title,
        lines,
        gauge: Some(gauge),
        prompt: Prompt::Discomfort,
        question: question.into(),
        hints: Vec::new(),
        place: Some(spec.press_here.clone()),
    }
}

/// The title, the instruction and the gauge of a timed hold or a set of strokes.
fn hold_parts(spec: &SessionSpec, hold: usize, progress: &HoldProgress) -> (String, String, Gauge) {
    let target = spec.target.value();
    match spec.dose.strokes {
        Some(total) => (
            format!("5. Set {} of {}", hold + 1, spec.dose.holds),
            format!(
                "Short, slow, deep strokes over the knot, in one direction only, lifting off to \
                 return: {total} in all. Aim for about {target}/10 discomfort."
            ),
            Gauge {
                label: format!("{} of {total} strokes", progress.strokes),
                done: progress.strokes,
                total,
            },
        ),
        None => (
            format!("5. Hold {} of {}", hold + 1, spec.dose.holds),
            format!(
                "Press into the knot and hold still. Aim for about {target}/10 discomfort, a \
                 strong but bearable ache; as it softens, sink a little deeper."
            ),
            countdown(progress.seconds, spec.dose.hold_seconds),
        ),
    }
}

/// The holds before `hold` in a few words: "1:00 softened, 0:12 short, not counted".
fn earlier_holds(state: &SessionState, hold: usize) -> String {
    let words: Vec<String> = state.holds[..hold.min(state.holds.len())]
        .iter()
        .map(|h| {
            let how = match (h.skipped, h.softened) {
                (true, _) if h.is_short() => "short, not counted",
                (true, _) => "skipped",
                (false, Some(true)) => "softened",
                (false, Some(false)) => "not softened",
                (false, None) => "done",
            };
            format!("{}:{:02} {how}", h.seconds / 60, h.seconds % 60)
        })
        .collect();
    words.join(", ")
}

fn ask_softened(spec: &SessionSpec, hold: usize) -> View {
    View {
        title: format!(
            "5. {} {} of {}: release",
            if spec.is_stroking() { "Set" } else { "Hold" },
            hold + 1,
            spec.dose.holds
        ),
        lines: vec!["Release slowly and let the area rest for a few breaths.".into()],
        gauge: None,
        prompt: Prompt::YesNo,
        question: "Did the knot soften, or did the referred pain fade?".into(),
        hints: Vec::new(),
        place: None,
    }
}

fn ended(state: &SessionState) -> View {
    let title = match state.outcome {
        Some(SessionOutcome::Completed) => "Session complete",
        Some(SessionOutcome::Stopped) => "Session stopped",
        _ => "Session ended early",
    };
    let mut lines: Vec<String> = state.stop_reason.iter().cloned().collect();
    if !state.holds.is_empty() {
        lines.push(holds_done_line(state));
    }
    if state.outcome != Some(SessionOutcome::Completed) && has_anything_to_record(state) {
        lines.push("What you did so far is kept.".into());
    }
    View {
        title: title.into(),
        lines,
        gauge: None,
        prompt: Prompt::Nothing,
        question: String::new(),
        hints: Vec::new(),
        place: None,
    }
}

/// "Holds done: 1 of 2 (1 short hold, released before 0:30, not counted)."
fn holds_done_line(state: &SessionState) -> String {
    let what = if state.spec.is_stroking() {
        "Sets"
    } else {
        "Holds"
    };
    let done = state.holds.iter().filter(|h| h.is_done()).count();
    let short = state.holds.iter().filter(|h| h.is_short()).count();
    let mut line = format!("{what} done: {done} of {}", state.spec.dose.holds);
    if short > 0 && !state.spec.is_stroking() {
        line.push_str(&format!(
            " ({short} short, released before {}, not counted)",
            clock(counted_after(state.spec.dose.hold_seconds))
        ));
    }
    line.push('.');
    line
}

/// A countdown gauge: `done` of `total` seconds, labelled with the time left.
fn countdown(done: u32, total: u32) -> Gauge {
    let left = total.saturating_sub(done);
    Gauge {
        label: format!("{}:{:02} left", left / 60, left % 60),
        done,
        total,
    }
}
