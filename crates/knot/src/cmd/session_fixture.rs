//! A session spec from the real atlas for the session drivers' unit tests, with the treatment
//! check made by hand so the tests do not depend on the screening rules.

use knot_atlas::Atlas;
use knot_body::Side;
use knot_care::safety::{Permission, TreatmentCheck};
use knot_care::session::{SessionSpec, SpecRequest, Target};

/// The spec for the first upper-trapezius trigger point on `side`, with nothing holding it back.
pub(crate) fn upper_trapezius_spec(side: Side) -> SessionSpec {
    let atlas = Atlas::builtin();
    let tp = atlas
        .trigger_points()
        .iter()
        .find(|t| t.id == "upper-trapezius-1" && t.side == side)
        .expect("tp");
    let check = TreatmentCheck {
        permission: Permission::Allowed,
        messages: Vec::new(),
        hints: Vec::new(),
        hold_scale: 1.0,
        firm_pressure: true,
    };
    SessionSpec::build(SpecRequest {
        atlas,
        trigger_point: tp,
        check: &check,
        target: Target::default(),
        prescription: None,
        plan_id: None,
    })
    .expect("spec")
}
