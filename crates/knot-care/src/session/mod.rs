//! The guided treatment session as a pure state machine.
//!
//! A [`SessionSpec`] is built once from the atlas (where the trigger point is, how to find it,
//! tool, position, dose, stretch), a prescription (the atlas's or a home plan's) and the safety
//! check (softened: shorter holds, light pressure; blocked: no session). A [`SessionState`] then
//! moves through the steps — find the knot, pain before, warm-up, tool and position, each hold
//! with discomfort steering and "did it soften?", the stretch, pain after — by
//! [`step`]`(state, event)`. Time arrives as [`Event::Tick`], so nothing here reads a clock,
//! a terminal or the store: the terminal UI, the line-by-line mode and the browser drive it, show
//! its [`view`], and store [`to_record`] at the end. A timed hold counts as done only after
//! [`MIN_COUNTED_HOLD_SECONDS`] (or its whole dose when shorter); one released sooner is kept as short.

mod choose;
mod counted;
mod error;
mod record;
mod spec;
mod state;
mod step;
mod target;
mod view;

pub use choose::choose_trigger_point;
pub use counted::{
    counted_after, is_timed_technique, MIN_COUNTED_HOLD_SECONDS, MIN_RECORDED_HOLD_SECONDS,
};
pub use error::SessionError;
pub use record::{has_anything_to_record, to_record};
pub use spec::{Dose, Prescription, SessionSpec, SpecRequest, STROKING_TECHNIQUE, WARM_UP_SECONDS};
pub use state::{Event, HoldProgress, Notice, NoticeKind, Phase, Sensation, SessionState};
pub use step::{step, DISCOMFORT_PROMPT_SECONDS};
pub use target::{
    steer, Advice, Target, DEFAULT_TARGET, LIGHT_PRESSURE_TARGET, MAX_TARGET, MIN_TARGET,
};
pub use view::{view, Gauge, Prompt, View};
