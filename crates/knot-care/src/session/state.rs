//! The session's state and the events that move it. Time is an event too ([`Event::Tick`]), so
//! the state machine never reads a clock.

use knot_record::SessionOutcome;
use serde::{Deserialize, Serialize};

use super::spec::SessionSpec;
use super::target::Advice;
use crate::hint::Cue;

/// Something the person did, or time passing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Event {
    /// Seconds of time passed.
    Tick(u32),
    /// Felt discomfort 0–10 while pressing.
    Discomfort(u8),
    /// A sensation that means stop.
    Sensation(Sensation),
    /// Yes or no to a question.
    Answer(bool),
    /// A pain score 0–10.
    Number(u8),
    /// Strokes done in a set of strokes.
    Strokes(u32),
    /// Go on to the next step (or release a hold early, or finish a set).
    Continue,
    Pause,
    Resume,
    /// Skip the current hold or step.
    Skip,
    Quit,
}

/// Sensations that mean pressure is on a nerve or vessel, or far too strong: stop at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sensation {
    Sharp,
    Burning,
    Electrical,
    Numb,
    Tingling,
    Dizzy,
    /// One of them, not named (a stop key).
    Unnamed,
}

impl Sensation {
    /// The sensation in words: "sharp pain".
    pub fn describe(self) -> &'static str {
        match self {
            Sensation::Sharp => "sharp pain",
            Sensation::Burning => "burning",
            Sensation::Electrical => "an electric, shooting feeling",
            Sensation::Numb => "numbness",
            Sensation::Tingling => "tingling or pins and needles",
            Sensation::Dizzy => "dizziness, nausea or a change in vision",
            Sensation::Unnamed => "a sharp, burning, electric or numb sensation",
        }
    }
}

/// The steps of a session, in order. A session only moves forward.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "phase")]
pub enum Phase {
    /// Find the trigger point (palpation guide, where to press, picture).
    Locate,
    /// Pain now, before treating.
    PainBefore,
    /// Broad, gentle strokes over the muscle (timed).
    WarmUp,
    /// Tool and position.
    Setup,
    /// Pressure on the knot: a timed hold, or a set of strokes.
    Pressing {
        hold: usize,
    },
    /// "Did the knot soften, or the referred pain fade?"
    AskSoftened {
        hold: usize,
    },
    Stretch,
    /// Pain now, after treating.
    PainAfter,
    /// Completed, stopped or quit.
    Ended,
}

impl Phase {
    /// A key that never decreases as a session goes on.
    pub fn order(self) -> (u8, usize) {
        match self {
            Phase::Locate => (0, 0),
            Phase::PainBefore => (1, 0),
            Phase::WarmUp => (2, 0),
            Phase::Setup => (3, 0),
            Phase::Pressing { hold } => (4, 2 * hold),
            Phase::AskSoftened { hold } => (4, 2 * hold + 1),
            Phase::Stretch => (5, 0),
            Phase::PainAfter => (6, 0),
            Phase::Ended => (7, 0),
        }
    }
}

/// One hold (or set of strokes) as it went.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HoldProgress {
    /// Seconds of pressure applied.
    pub seconds: u32,
    /// Strokes done (sets of strokes only).
    pub strokes: u32,
    /// Discomfort readings, in order.
    pub discomfort: Vec<u8>,
    pub softened: Option<bool>,
    /// Skipped, or released before it counted as done (see [`HoldProgress::is_short`]).
    pub skipped: bool,
    /// Seconds pressed since the last reading, to know when to ask again.
    pub(crate) since_reading: u32,
}

impl HoldProgress {
    /// Whether the hold counts as done (not skipped, not released too early).
    pub fn is_done(&self) -> bool {
        !self.skipped
    }

    /// Whether pressure was applied but the hold ended before it counted.
    pub fn is_short(&self) -> bool {
        self.skipped && self.seconds > 0
    }
}

/// What kind of message the last event left.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    Info,
    Advice(Advice),
    /// The event did not fit this step and changed nothing.
    Ignored,
    /// A timed hold was released before it counted as done; it is kept as a short hold.
    ShortHold,
    Stop,
}

/// A message for the person about the last event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    pub kind: NoticeKind,
    /// Plain words; empty when `cue` says it all.
    pub text: String,
    /// What the step accepts, for an ignored input: each front end names its own controls.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cue: Option<Cue>,
}

/// A session in progress (or ended).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionState {
    pub spec: SessionSpec,
    pub phase: Phase,
    pub paused: bool,
    /// Seconds of warm-up done.
    pub warm_up_done: u32,
    /// One entry per hold started, in order.
    pub holds: Vec<HoldProgress>,
    pub pain_before: Option<u8>,
    pub pain_after: Option<u8>,
    pub stretch_done: bool,
    /// Set when the session ends.
    pub outcome: Option<SessionOutcome>,
    pub stop_reason: Option<String>,
    /// The message left by the last event, if any.
    pub notice: Option<Notice>,
    /// Whether a discomfort reading is wanted now.
    pub discomfort_due: bool,
    /// Seconds of time seen, paused or not.
    pub elapsed_seconds: u32,
}

impl SessionState {
    /// A session at its first step.
    pub fn new(spec: SessionSpec) -> SessionState {
        SessionState {
            spec,
            phase: Phase::Locate,
            paused: false,
            warm_up_done: 0,
            holds: Vec::new(),
            pain_before: None,
            pain_after: None,
            stretch_done: false,
            outcome: None,
            stop_reason: None,
            notice: None,
            discomfort_due: false,
            elapsed_seconds: 0,
        }
    }

    /// Whether the session has ended (completed, stopped or quit).
    pub fn is_ended(&self) -> bool {
        self.phase == Phase::Ended
    }

    /// The hold being pressed or asked about, if any.
    pub fn current_hold(&self) -> Option<&HoldProgress> {
        match self.phase {
            Phase::Pressing { hold } | Phase::AskSoftened { hold } => self.holds.get(hold),
            _ => None,
        }
    }

    /// Seconds left on the current countdown (warm-up or hold), if one is running.
    pub fn seconds_left(&self) -> Option<u32> {
        match self.phase {
            Phase::WarmUp => Some(self.spec.warm_up_seconds.saturating_sub(self.warm_up_done)),
            Phase::Pressing { hold } => self
                .holds
                .get(hold)
                .map(|h| self.spec.dose.hold_seconds.saturating_sub(h.seconds)),
            _ => None,
        }
    }

    /// Whether the current step has a clock that pausing would stop.
    pub fn is_timed(&self) -> bool {
        matches!(self.phase, Phase::WarmUp | Phase::Pressing { .. })
    }
}
