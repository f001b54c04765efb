//! The dose rules of the review (corrections 8 and 10): light tools when firm pressure is off,
//! strokes as one set of 6–12, at most two holds, at most eight points per side in a sitting.

mod safety_support;

use knot_body::Side;
use knot_care::plan::{FIRM_TOOLS, MAX_POINTS_PER_SITTING};
use safety_support::{atlas, calm, plan, points_of, yes};

#[test]
fn blood_thinners_keep_quadratus_lumborum_and_piriformis_off_the_floor_ball() {
    for muscle in ["quadratus-lumborum", "piriformis"] {
        let built = plan(yes(&["blood-thinners"]), &points_of(muscle, Side::Right)).expect("plan");
        assert!(!built.items.is_empty());
        for item in &built.items {
            assert!(
                !FIRM_TOOLS.contains(&item.tool.as_str()),
                "{muscle}: {} with {}",
                item.trigger_point_id,
                item.tool
            );
        }
        assert!(
            built
                .notes
                .iter()
                .any(|n| n.contains("instead of a ball on the floor")),
            "the swap is said: {:#?}",
            built.notes
        );
    }
}

#[test]
fn without_a_softening_the_atlas_tool_is_kept() {
    let built = plan(calm(), &points_of("quadratus-lumborum", Side::Right)).expect("plan");
    assert!(built.items.iter().any(|i| i.tool == "ball-floor"));
}

#[test]
fn strokes_are_one_set_of_six_to_twelve_and_holds_at_most_two() {
    let mut confirmed = points_of("masseter", Side::Left);
    confirmed.extend(points_of("upper-trapezius", Side::Left));
    let built = plan(calm(), &confirmed).expect("plan");
    let stroking: Vec<_> = built.items.iter().filter(|i| i.strokes.is_some()).collect();
    assert!(!stroking.is_empty(), "masseter is stroked");
    for item in stroking {
        assert_eq!(item.holds, 1, "{}", item.trigger_point_id);
        assert!(
            (6..=12).contains(&item.strokes.unwrap()),
            "{}",
            item.trigger_point_id
        );
    }
    assert!(built.items.iter().all(|i| i.holds <= 2));
}

#[test]
fn a_sitting_treats_at_most_eight_points_per_side() {
    let mut confirmed = Vec::new();
    for muscle in [
        "masseter",
        "temporalis",
        "upper-trapezius",
        "levator-scapulae",
        "infraspinatus",
        "gluteus-medius",
    ] {
        confirmed.extend(points_of(muscle, Side::Right));
    }
    assert!(confirmed.len() > MAX_POINTS_PER_SITTING);
    let built = plan(calm(), &confirmed).expect("plan");
    for sitting in 1..=built.sittings_per_day {
        let count = built.items.iter().filter(|i| i.sitting == sitting).count();
        assert!(
            count <= MAX_POINTS_PER_SITTING,
            "sitting {sitting}: {count} points"
        );
    }
    assert!(
        built.notes.iter().any(|n| n.contains("at most 8 points")),
        "{:#?}",
        built.notes
    );
}

#[test]
fn the_routine_says_to_skip_a_point_still_sore_from_yesterday() {
    let built = plan(calm(), &points_of("upper-trapezius", Side::Right)).expect("plan");
    assert!(built
        .notes
        .iter()
        .any(|n| n.contains("still sore from yesterday")));
}

#[test]
fn every_firm_tool_has_a_light_replacement_for_every_muscle() {
    for muscle in atlas().muscles() {
        for tool in &muscle.self_care.tools {
            if let Some(light) = knot_care::plan::light_tool(tool, muscle) {
                assert!(
                    knot_care::plan::LIGHT_TOOLS.contains(&light.as_str()),
                    "{}",
                    muscle.id
                );
            }
        }
    }
}
