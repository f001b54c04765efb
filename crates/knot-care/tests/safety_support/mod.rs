//! Shared helpers for the safety tests: a point of the atlas, the check of a screening against
//! it, and a plan of some points under a screening.

#![allow(dead_code)]

use chrono::{TimeZone, Utc};
use knot_atlas::{Atlas, TriggerPoint};
use knot_body::Side;
use knot_care::plan::{build_plan, PlanError, PlanOptions};
use knot_care::safety::{check_treatment, TreatmentCheck};
use knot_record::{NewPlan, NewScreening};

#[path = "../screening_support/mod.rs"]
mod screening_support;
#[allow(unused_imports)]
pub use screening_support::{calm, stored, table, with};

pub fn atlas() -> &'static Atlas {
    Atlas::builtin()
}

/// The trigger point `id` on `side`.
pub fn point(id: &str, side: Side) -> &'static TriggerPoint {
    atlas()
        .trigger_points()
        .iter()
        .find(|tp| tp.id == id && tp.side == side)
        .unwrap_or_else(|| panic!("no trigger point {id} on the {side}"))
}

/// The check of `screening` for `id` on `side`.
pub fn check(screening: NewScreening, id: &str, side: Side) -> TreatmentCheck {
    check_treatment(atlas(), Some(&stored(screening)), point(id, side))
}

/// Asserts that `screening` blocks each of these points, saying why when it does not.
pub fn assert_blocks(screening: impl Fn() -> NewScreening, points: &[(&str, Side)]) {
    for &(id, side) in points {
        let result = check(screening(), id, side);
        assert_eq!(
            result.permission,
            knot_care::safety::Permission::Blocked,
            "{id}: {:?}",
            result.messages
        );
    }
}

/// Every trigger point of a muscle on `side` (and the midline), as a plan confirms them.
pub fn points_of(muscle: &str, side: Side) -> Vec<(String, Side)> {
    atlas()
        .trigger_points_of(muscle)
        .filter(|tp| tp.side == side || tp.side == Side::Midline)
        .map(|tp| (tp.id.clone(), tp.side))
        .collect()
}

/// A plan of `confirmed` under `screening`.
pub fn plan(screening: NewScreening, confirmed: &[(String, Side)]) -> Result<NewPlan, PlanError> {
    let now = Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap();
    build_plan(
        atlas(),
        confirmed,
        Some(&stored(screening)),
        &PlanOptions::new(now),
    )
}

/// A yes to each question.
pub fn yes(questions: &[&str]) -> NewScreening {
    questions.iter().fold(calm(), |s, q| with(s, q, "yes"))
}
