//! Pregnancy (clinical review 2026-12 §4 #1, correction 1): abdominal, pubic and groin points are
//! blocked on both sides, the calves, inner thighs and backs of the knees lose firm pressure,
//! the acupoint courtesy stays, and the message carries the positioning and pre-eclampsia advice.

mod safety_support;

use knot_body::Side;
use knot_care::plan::PlanError;
use knot_care::safety::Permission;
use safety_support::{calm, check, plan, points_of, yes};

fn pregnant() -> knot_record::NewScreening {
    yes(&["pregnancy"])
}

#[test]
fn a_plan_for_rectus_abdominis_in_pregnancy_is_refused_with_the_reason() {
    for side in [Side::Left, Side::Right] {
        let error = plan(pregnant(), &points_of("rectus-abdominis", side)).unwrap_err();
        let PlanError::NothingToTreat { notes } = &error else {
            panic!("expected nothing to treat, got {error:?}");
        };
        let text = notes.join("\n");
        assert!(text.contains("Pregnancy"), "{text}");
        assert!(
            text.contains("mcburney"),
            "McBurney's point is named as left out: {text}"
        );
    }
}

#[test]
fn the_same_plan_without_pregnancy_is_built() {
    let built = plan(calm(), &points_of("rectus-abdominis", Side::Right)).expect("plan");
    assert!(!built.items.is_empty());
}

#[test]
fn abdominal_pubic_and_groin_points_are_blocked_on_both_sides() {
    for (id, side) in [
        ("rectus-abdominis-upper", Side::Left),
        ("rectus-abdominis-mcburney", Side::Right),
        ("external-oblique-lower", Side::Left),
        ("iliopsoas-iliacus", Side::Right),
        ("pectineus-1", Side::Left),
    ] {
        let result = check(pregnant(), id, side);
        assert_eq!(
            result.permission,
            Permission::Blocked,
            "{id}: {:?}",
            result.messages
        );
    }
}

#[test]
fn a_groin_point_of_a_muscle_without_a_contraindication_is_blocked_by_region() {
    let result = check(pregnant(), "pectineus-1", Side::Right);
    assert!(
        result.messages.iter().any(|m| m.contains("it lies at the")),
        "{:?}",
        result.messages
    );
}

#[test]
fn calves_inner_thighs_and_backs_of_knees_lose_firm_pressure() {
    for (id, side) in [
        ("tibialis-posterior-1", Side::Left),
        ("vastus-medialis-distal", Side::Right),
        ("popliteus-1", Side::Right),
    ] {
        let result = check(pregnant(), id, side);
        assert_eq!(
            result.permission,
            Permission::Softened,
            "{id}: {:?}",
            result.messages
        );
        assert!(!result.firm_pressure, "{id}");
    }
}

#[test]
fn the_acupoint_courtesy_is_kept() {
    let result = check(pregnant(), "upper-trapezius-1", Side::Right);
    assert_eq!(result.permission, Permission::Softened);
    assert!(!result.firm_pressure);
}

#[test]
fn elsewhere_pregnancy_warns_with_the_positioning_and_pre_eclampsia_advice() {
    let result = check(pregnant(), "infraspinatus-upper", Side::Right);
    assert_eq!(
        result.permission,
        Permission::Warned,
        "{:?}",
        result.messages
    );
    let text = result.messages.join(" ");
    assert!(text.contains("20 weeks"), "{text}");
    assert!(text.contains("pre-eclampsia"), "{text}");
    assert!(result.firm_pressure);
}
