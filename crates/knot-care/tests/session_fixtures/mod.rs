//! Sessions built from the real atlas for the session tests, with treatment checks made by hand
//! so the tests do not depend on the screening rules.

#![allow(dead_code)]

use knot_atlas::Atlas;
use knot_body::Side;
use knot_care::safety::{Permission, TreatmentCheck};
use knot_care::session::{
    choose_trigger_point, step, Event, SessionSpec, SessionState, SpecRequest, Target,
};

pub fn allowed() -> TreatmentCheck {
    TreatmentCheck {
        permission: Permission::Allowed,
        messages: Vec::new(),
        hints: Vec::new(),
        hold_scale: 1.0,
        firm_pressure: true,
    }
}

pub fn softened(hold_scale: f64) -> TreatmentCheck {
    TreatmentCheck {
        permission: Permission::Softened,
        messages: vec!["You take anticoagulants: light pressure only, shorter holds.".into()],
        hints: Vec::new(),
        hold_scale,
        firm_pressure: false,
    }
}

pub fn blocked() -> TreatmentCheck {
    TreatmentCheck {
        permission: Permission::Blocked,
        messages: vec!["A hot, swollen calf needs a physician before any massage.".into()],
        hints: Vec::new(),
        hold_scale: 0.0,
        firm_pressure: false,
    }
}

/// The session spec for the first trigger point of `muscle_id` on the right side.
pub fn spec_for(muscle_id: &str, check: &TreatmentCheck) -> SessionSpec {
    let atlas = Atlas::builtin();
    let muscle = atlas.muscle(muscle_id).expect("muscle in atlas");
    let tp = choose_trigger_point(atlas, muscle, Some(Side::Right), None).expect("trigger point");
    SessionSpec::build(SpecRequest {
        atlas,
        trigger_point: tp,
        check,
        target: Target::default(),
        prescription: None,
        plan_id: None,
    })
    .expect("spec builds")
}

/// A timed-hold session (upper trapezius, as the atlas doses it).
pub fn timed() -> SessionState {
    SessionState::new(spec_for("upper-trapezius", &allowed()))
}

/// A session whose holds are sets of strokes (masseter: strokes are its first technique).
pub fn stroking() -> SessionState {
    SessionState::new(spec_for("masseter", &allowed()))
}

/// Applies events in order.
pub fn run(state: SessionState, events: &[Event]) -> SessionState {
    events.iter().fold(state, |s, e| step(s, *e))
}

/// Events that take a fresh session to its first hold: found it, pain 6, warm-up done, set up.
pub fn to_first_hold() -> Vec<Event> {
    vec![
        Event::Continue,
        Event::Number(6),
        Event::Tick(knot_care::session::WARM_UP_SECONDS),
        Event::Continue,
    ]
}
