//! The atlas's point-level safety keys in `check_treatment`, the plan and the session
//! (corrections 3, 4 and 8), and an old screening that lacks an answer a point depends on.

mod safety_support;

use knot_body::Side;
use knot_care::hint::Hint;
use knot_care::safety::{check_treatment, needed_questions, Permission};
use knot_care::session::{SessionError, SessionSpec, Target};
use safety_support::{atlas, calm, check, plan, point, stored, table, yes};

#[test]
fn the_femoral_triangle_point_is_left_out_of_a_home_plan_as_therapist_only() {
    let confirmed = vec![
        ("iliopsoas-distal".to_string(), Side::Right),
        ("iliopsoas-psoas".to_string(), Side::Right),
    ];
    let built = plan(calm(), &confirmed).expect("the psoas point is still planned");
    assert!(built
        .items
        .iter()
        .all(|i| i.trigger_point_id != "iliopsoas-distal"));
    assert!(built
        .items
        .iter()
        .any(|i| i.trigger_point_id == "iliopsoas-psoas"));
    let note = built
        .notes
        .iter()
        .find(|n| n.contains("iliopsoas-distal"))
        .expect("a note on the left-out point");
    assert!(note.contains("therapist only"), "{note}");
}

#[test]
fn the_femoral_triangle_point_is_refused_by_the_session() {
    let screening = stored(calm());
    let result = SessionSpec::unplanned(
        atlas(),
        Some(&screening),
        point("iliopsoas-distal", Side::Right),
        Target::default(),
    );
    match result {
        Err(SessionError::NotForSelfTreatment { muscle, .. }) => {
            assert!(muscle.contains("iliopsoas-distal"), "{muscle}")
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn a_knot_on_an_endangerment_site_is_softened_to_light_pressure() {
    let result = check(calm(), "scalene-medius-1", Side::Right);
    assert_eq!(
        result.permission,
        Permission::Softened,
        "{:?}",
        result.messages
    );
    assert!(!result.firm_pressure);
    assert!(result.messages.iter().any(|m| m.contains("lies on the")));
    let spec = SessionSpec::unplanned(
        atlas(),
        Some(&stored(calm())),
        point("scalene-medius-1", Side::Right),
        Target::default(),
    )
    .expect("a light session");
    assert_eq!(spec.target.value(), 4, "light pressure aims at 4/10");
    assert_eq!(spec.dose.holds, 1, "one hold on an endangerment site");
}

#[test]
fn a_knot_merely_near_a_site_is_only_warned() {
    let result = check(calm(), "scalene-medius-1", Side::Right);
    let near = check(calm(), "upper-trapezius-1", Side::Right);
    assert_eq!(near.permission, Permission::Warned, "{:?}", near.messages);
    assert!(near.firm_pressure);
    assert!(result.permission > near.permission);
}

#[test]
fn a_yes_to_a_contraindication_blocks_every_point_of_the_muscle() {
    for (question, id, side) in [
        ("carotid-stroke", "scalene-medius-1", Side::Left),
        ("pregnancy", "diaphragm-1", Side::Right),
        ("clot-risk", "gracilis-1", Side::Right),
    ] {
        let result = check(yes(&[question]), id, side);
        assert_eq!(result.permission, Permission::Blocked, "{question} {id}");
        assert!(
            result
                .messages
                .iter()
                .any(|m| m.starts_with("Do not treat the")),
            "{:?}",
            result.messages
        );
    }
}

#[test]
fn a_point_depends_on_its_muscles_contraindications_and_the_rules_at_its_place() {
    let neck = needed_questions(
        atlas(),
        table(),
        point("sternocleidomastoid-sternal-middle", Side::Left),
    );
    assert!(neck.iter().any(|q| q == "carotid-stroke"));
    assert!(neck.iter().any(|q| q == "neck-instability-risk"));
    assert!(
        neck.iter().any(|q| q == "gca-signs"),
        "a stop question counts everywhere"
    );
    let calf = needed_questions(atlas(), table(), point("tibialis-posterior-1", Side::Left));
    assert!(calf.iter().any(|q| q == "clot-risk"));
    assert!(!calf.iter().any(|q| q == "carotid-stroke"));
}

#[test]
fn an_old_screening_without_the_new_answers_asks_for_a_new_screening() {
    let mut old = calm();
    old.rules_version = "2026.1".into();
    old.answers.retain(|(q, _)| {
        !["carotid-stroke", "gca-signs", "clot-risk", "lymph-nodes"].contains(&q.as_str())
    });
    let result = check_treatment(
        atlas(),
        Some(&stored(old)),
        point("sternocleidomastoid-sternal-middle", Side::Left),
    );
    assert_eq!(
        result.permission,
        Permission::Blocked,
        "{:?}",
        result.messages
    );
    assert_eq!(result.hints, vec![Hint::TakeScreening]);
    assert!(result.messages.iter().any(|m| m.contains("carotid-stroke")));
}

#[test]
fn a_current_screening_covers_every_question_a_point_needs() {
    let result = check(calm(), "tibialis-posterior-1", Side::Left);
    assert_ne!(
        result.permission,
        Permission::Blocked,
        "{:?}",
        result.messages
    );
    assert!(result.hints.is_empty());
}

#[test]
fn the_atlas_names_only_screening_questions_that_exist() {
    knot_care::safety::check_atlas_links(atlas(), table()).expect("links resolve");
}
