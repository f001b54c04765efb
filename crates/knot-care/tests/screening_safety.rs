//! `check_treatment`: a screening and the atlas applied to one trigger point. Red flags block,
//! local contraindications block at the spot and soften beside it, modify flags soften, the
//! pregnancy points soften only there, endangerment sites warn, and no screening warns.

mod screening_support;

use knot_atlas::{Atlas, TriggerPoint};
use knot_body::Side;
use knot_care::hint::Hint;
use knot_care::safety::{check_treatment, Permission};
use proptest::prelude::*;
use screening_support::{calm, stored, table, with};

fn point(id: &str, side: Side) -> &'static TriggerPoint {
    Atlas::builtin()
        .trigger_points()
        .iter()
        .find(|tp| tp.id == id && tp.side == side)
        .unwrap_or_else(|| panic!("no trigger point {id} on the {side}"))
}

fn check(
    screening: knot_record::NewScreening,
    id: &str,
    side: Side,
) -> knot_care::safety::TreatmentCheck {
    check_treatment(Atlas::builtin(), Some(&stored(screening)), point(id, side))
}

/// A trigger point whose muscle has no endangerment site and is self-treatable.
fn plain_point() -> &'static TriggerPoint {
    let atlas = Atlas::builtin();
    atlas
        .trigger_points()
        .iter()
        .find(|tp| {
            atlas
                .muscle(&tp.muscle_id)
                .is_some_and(|m| m.cautions.endangerment.is_empty() && m.self_care.self_treat)
        })
        .expect("some plain trigger point")
}

#[test]
fn calm_screening_allows_a_plain_point_as_dosed() {
    let tp = plain_point();
    let result = check_treatment(Atlas::builtin(), Some(&stored(calm())), tp);
    assert_eq!(
        result.permission,
        Permission::Allowed,
        "{:?}",
        result.messages
    );
    assert!(result.messages.is_empty());
    assert_eq!(result.hold_scale, 1.0);
    assert!(result.firm_pressure);
}

#[test]
fn no_screening_warns_to_screen_first() {
    let result = check_treatment(Atlas::builtin(), None, plain_point());
    assert_eq!(result.permission, Permission::Warned);
    assert!(
        result.messages[0].contains("Take it first"),
        "{:?}",
        result.messages
    );
    assert_eq!(result.hints, vec![Hint::TakeScreening]);
    assert!(
        !result.messages[0].contains("knot"),
        "{:?}",
        result.messages
    );
}

#[test]
fn a_red_flag_blocks_every_point_and_names_the_flag() {
    let result = check(
        with(calm(), "weight-loss", "yes"),
        "upper-trapezius-1",
        Side::Right,
    );
    assert_eq!(result.permission, Permission::Blocked);
    assert!(
        result.messages[0].starts_with("See a physician"),
        "{:?}",
        result.messages
    );
    assert!(result.messages[0].contains("Weight loss without trying"));
    assert_eq!(result.hold_scale, 0.0);
    assert!(!result.firm_pressure);
}

#[test]
fn stop_comes_before_refer_in_the_messages() {
    let screening = with(
        with(calm(), "weight-loss", "yes"),
        "hot-swollen-calf",
        "yes",
    );
    let result = check(screening, "gluteus-minimus-anterior", Side::Left);
    assert!(
        result.messages[0].contains("medical help"),
        "{:?}",
        result.messages
    );
    assert!(result.messages[1].contains("See a physician"));
}

#[test]
fn a_wound_at_the_knot_blocks_it_and_only_on_that_side() {
    let tp = point("upper-trapezius-1", Side::Left);
    let screening = with(calm(), "open-wound", &tp.location);
    let left = check(screening.clone(), "upper-trapezius-1", Side::Left);
    assert_eq!(left.permission, Permission::Blocked);
    assert!(
        left.messages[0].contains("top of the left shoulder"),
        "{:?}",
        left.messages
    );
    let right = check(screening, "upper-trapezius-1", Side::Right);
    assert!(
        right.permission < Permission::Blocked,
        "{:?}",
        right.messages
    );
}

#[test]
fn a_wound_beside_the_knot_softens_it() {
    let tp = point("upper-trapezius-1", Side::Left);
    let scheme = knot_body::Scheme::builtin();
    let index = scheme.index_of(&tp.location).expect("location");
    let beside = &scheme.region(scheme.neighbours(index)[0]).id;
    let result = check(
        with(calm(), "varicose-veins", beside),
        "upper-trapezius-1",
        Side::Left,
    );
    assert_eq!(
        result.permission,
        Permission::Softened,
        "{:?}",
        result.messages
    );
    assert!(!result.firm_pressure);
    assert!(result.messages[0].contains("next to"));
}

#[test]
fn blood_thinners_soften_with_shorter_holds() {
    let result = check(
        with(calm(), "blood-thinners", "yes"),
        "upper-trapezius-2",
        Side::Right,
    );
    assert_eq!(result.permission, Permission::Softened);
    assert!(result.hold_scale < 1.0);
    assert!(!result.firm_pressure);
    assert!(result.messages[0].starts_with("Treat gently"));
}

#[test]
fn pregnancy_softens_the_top_of_the_shoulder_but_only_warns_elsewhere() {
    let pregnant = with(calm(), "pregnancy", "yes");
    let shoulder = check(pregnant.clone(), "upper-trapezius-1", Side::Right);
    assert_eq!(shoulder.permission, Permission::Softened);
    assert!(!shoulder.firm_pressure);
    assert!(shoulder.messages[0].contains("No firm pressure on this spot"));
    let thumb = check(pregnant.clone(), "adductor-pollicis-1", Side::Left);
    assert_eq!(thumb.permission, Permission::Softened);
    let elsewhere = check(pregnant, "upper-trapezius-2", Side::Right);
    assert!(elsewhere.firm_pressure);
    assert!(elsewhere
        .messages
        .iter()
        .any(|m| m.starts_with("Pregnancy")));
}

#[test]
fn endangerment_sites_of_the_muscle_are_named_with_light_contact_only() {
    let result = check(calm(), "upper-trapezius-1", Side::Right);
    assert_eq!(result.permission, Permission::Warned);
    let message = result
        .messages
        .iter()
        .find(|m| m.contains("front of the neck"))
        .expect("anterior neck warning");
    assert!(message.contains("Never use firm pressure") && message.contains("light contact"));
}

#[test]
fn a_screening_from_another_table_version_asks_to_screen_again() {
    let mut old = calm();
    old.rules_version = "2020.1".into();
    let result = check_treatment(Atlas::builtin(), Some(&stored(old)), plain_point());
    assert_eq!(result.permission, Permission::Warned);
    assert!(result.messages[0].contains("Take the screening again"));
    assert_eq!(result.hints, vec![Hint::TakeScreening]);
}

#[test]
fn messages_are_ordered_most_serious_first() {
    let screening = with(
        with(calm(), "blood-thinners", "yes"),
        "open-wound",
        "right-top-of-shoulder",
    );
    let result = check(screening, "upper-trapezius-1", Side::Right);
    assert_eq!(result.permission, Permission::Blocked);
    assert!(result.messages[0].starts_with("Do not treat this knot"));
    assert!(result
        .messages
        .last()
        .expect("some")
        .starts_with("Near the upper trapezius"));
}

proptest! {
    #[test]
    fn adding_a_yes_never_loosens_treatment(
        pick in 0usize..64,
        tp_pick in any::<proptest::sample::Index>(),
        base_pick in proptest::collection::vec(any::<bool>(), 64),
    ) {
        let yes_no: Vec<&str> = table()
            .questions()
            .iter()
            .filter(|q| q.kind == knot_care::screen::QuestionKind::YesNo)
            .map(|q| q.id.as_str())
            .collect();
        let mut base = calm();
        for (id, on) in yes_no.iter().zip(&base_pick) {
            if *on {
                base = with(base, id, "yes");
            }
        }
        let flipped = with(base.clone(), yes_no[pick % yes_no.len()], "yes");
        let tps = Atlas::builtin().trigger_points();
        let tp = &tps[tp_pick.index(tps.len())];
        let before = check_treatment(Atlas::builtin(), Some(&stored(base)), tp);
        let after = check_treatment(Atlas::builtin(), Some(&stored(flipped)), tp);
        prop_assert!(after.permission >= before.permission);
        prop_assert!(after.hold_scale <= before.hold_scale);
        prop_assert!(!after.firm_pressure || before.firm_pressure);
    }
}
