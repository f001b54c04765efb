//! Property tests of the home-routine builder over random sets of confirmed trigger points:
//! the daily cap is never exceeded, a sitting never mixes sides, blocked points never appear,
//! and every confirmed point is either in the plan or named in a note.

use chrono::{TimeZone, Utc};
use knot_atlas::{Atlas, TriggerPoint};
use knot_care::plan::{
    build_plan, build_plan_with, daily_pressure_seconds, sitting_items, sittings, PlanError,
    PlanOptions,
};
use knot_care::safety::{Permission, TreatmentCheck};
use knot_record::{NewPlan, Side};
use proptest::prelude::*;

fn allowed(_: &TriggerPoint) -> TreatmentCheck {
    TreatmentCheck {
        permission: Permission::Allowed,
        messages: vec![],
        hints: Vec::new(),
        hold_scale: 1.0,
        firm_pressure: true,
    }
}

fn options(cap_minutes: u32) -> PlanOptions {
    let now = Utc
        .with_ymd_and_hms(2024, 3, 5, 9, 0, 0)
        .single()
        .expect("a valid time");
    PlanOptions::new(now)
        .with_cap_minutes(cap_minutes)
        .expect("a cap in range")
}

/// Random confirmed sets: indices into the atlas's trigger point instances.
fn confirmed_sets() -> impl Strategy<Value = Vec<(String, Side)>> {
    let count = Atlas::builtin().trigger_points().len();
    prop::collection::vec(0..count, 1..25).prop_map(|picks| {
        let points = Atlas::builtin().trigger_points();
        picks
            .into_iter()
            .map(|i| (points[i].id.clone(), points[i].side))
            .collect()
    })
}

fn mentioned(plan: &NewPlan, id: &str, side: Side) -> bool {
    plan.items
        .iter()
        .any(|item| item.trigger_point_id == id && item.side == side)
        || plan
            .notes
            .iter()
            .any(|note| note.contains(&format!("({id}, {})", side.word())))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn the_daily_cap_is_never_exceeded(confirmed in confirmed_sets(), cap in 5u32..=60) {
        match build_plan_with(Atlas::builtin(), &confirmed, &options(cap), allowed) {
            Ok(plan) => {
                prop_assert!(daily_pressure_seconds(&plan) <= cap * 60);
                prop_assert_eq!(plan.daily_pressure_cap_seconds, cap * 60);
                prop_assert!((1..=6).contains(&plan.sittings_per_day));
                prop_assert_eq!(sittings(&plan).len() as u32, plan.sittings_per_day);
            }
            Err(PlanError::NothingToTreat { .. }) => {}
            Err(other) => prop_assert!(false, "unexpected error {}", other),
        }
        // The same with the real safety check and no screening taken.
        if let Ok(plan) = build_plan(Atlas::builtin(), &confirmed, None, &options(cap)) {
            prop_assert!(daily_pressure_seconds(&plan) <= cap * 60);
        }
    }

    #[test]
    fn a_sitting_never_mixes_left_and_right(confirmed in confirmed_sets()) {
        let Ok(plan) = build_plan_with(Atlas::builtin(), &confirmed, &options(60), allowed) else {
            return Ok(());
        };
        for sitting in sittings(&plan) {
            prop_assert!((1..=plan.sittings_per_day).contains(&sitting));
            let sides: Vec<Side> = plan.items.iter()
                .filter(|i| i.sitting == sitting && i.side != Side::Midline)
                .map(|i| i.side)
                .collect();
            prop_assert!(sides.windows(2).all(|w| w[0] == w[1]), "sitting {} has {:?}", sitting, sides);
        }
        let order: Vec<u32> = plan.items.iter().map(|i| i.sitting).collect();
        prop_assert!(order.windows(2).all(|w| w[0] <= w[1]));
    }

    #[test]
    fn every_confirmed_point_is_planned_or_explained(confirmed in confirmed_sets(), cap in 5u32..=60) {
        let Ok(plan) = build_plan_with(Atlas::builtin(), &confirmed, &options(cap), allowed) else {
            return Ok(());
        };
        for (id, side) in &confirmed {
            prop_assert!(mentioned(&plan, id, *side), "{} {:?} neither planned nor noted", id, side);
        }
        for item in &plan.items {
            let confirmed_item = confirmed.iter().any(|(id, side)| *id == item.trigger_point_id && *side == item.side);
            prop_assert!(confirmed_item);
        }
    }

    #[test]
    fn blocked_points_are_never_planned_and_softened_ones_hold_shorter(confirmed in confirmed_sets(), blocked_parity in 0usize..2) {
        let atlas = Atlas::builtin();
        let is_blocked = |tp: &TriggerPoint| tp.id.len() % 2 == blocked_parity;
        let check = |tp: &TriggerPoint| TreatmentCheck {
            permission: if is_blocked(tp) { Permission::Blocked } else { Permission::Softened },
            messages: vec![if is_blocked(tp) { "blocked here".into() } else { "softened here".into() }],
            hints: Vec::new(),
            hold_scale: 0.5,
            firm_pressure: false,
        };
        let Ok(plan) = build_plan_with(atlas, &confirmed, &options(60), check) else {
            return Ok(());
        };
        for item in &plan.items {
            prop_assert!(item.trigger_point_id.len() % 2 != blocked_parity);
            let muscle = atlas.muscle(&item.muscle_id).unwrap();
            prop_assert!(item.hold_seconds < muscle.self_care.hold_seconds);
        }
    }
}

#[test]
fn key_points_come_before_the_points_in_their_referral_zone() {
    let confirmed = [
        ("temporalis-1", Side::Right),
        ("upper-trapezius-1", Side::Right),
    ];
    let plan = build_plan_with(Atlas::builtin(), &confirmed, &options(60), allowed).unwrap();
    let first_sitting: Vec<&str> = sitting_items(&plan, 1)
        .map(|i| i.trigger_point_id.as_str())
        .collect();
    assert_eq!(first_sitting, ["upper-trapezius-1", "temporalis-1"]);
}

#[test]
fn the_sides_alternate_by_sitting_starting_with_the_first_points_side() {
    let confirmed = [
        ("levator-scapulae-upper", Side::Left),
        ("upper-trapezius-1", Side::Right),
        ("levator-scapulae-upper", Side::Right),
    ];
    let plan = build_plan_with(Atlas::builtin(), &confirmed, &options(60), allowed).unwrap();
    let layout: Vec<(u32, &str, Side)> = plan
        .items
        .iter()
        .map(|i| (i.sitting, i.trigger_point_id.as_str(), i.side))
        .collect();
    assert_eq!(
        layout[..3],
        [
            (1, "upper-trapezius-1", Side::Right),
            (1, "levator-scapulae-upper", Side::Right),
            (2, "levator-scapulae-upper", Side::Left),
        ]
    );
    // Each point three times a day (the atlas's dose fits a 60-minute cap): six sittings,
    // the sides alternating.
    assert_eq!(plan.sittings_per_day, 6);
    assert_eq!(plan.items.len(), 9);
    for item in &plan.items {
        let expected = if item.sitting % 2 == 1 {
            Side::Right
        } else {
            Side::Left
        };
        assert_eq!(item.side, expected, "sitting {}", item.sitting);
    }
    assert!(
        plan.notes.iter().any(|n| n.contains("One side at a time")),
        "{:?}",
        plan.notes
    );
}

#[test]
fn a_small_cap_lowers_sittings_then_leaves_out_the_last_points_with_a_note() {
    let confirmed = [
        ("upper-trapezius-1", Side::Right),
        ("levator-scapulae-upper", Side::Right),
        ("infraspinatus-upper", Side::Right),
        ("extensor-digitorum-1", Side::Right),
        ("gastrocnemius-1", Side::Right),
    ];
    let plan = build_plan_with(Atlas::builtin(), &confirmed, &options(10), allowed).unwrap();
    assert!(daily_pressure_seconds(&plan) <= 600);
    assert!(sitting_items(&plan, 1).count() < confirmed.len());
    assert!(
        plan.notes
            .iter()
            .any(|n| n.contains("twice a day rather than 3 times")),
        "{:?}",
        plan.notes
    );
    let dropped_note = plan
        .notes
        .iter()
        .find(|n| n.starts_with("Left out to stay within"))
        .unwrap();
    assert!(dropped_note.contains("gastrocnemius-1"), "{dropped_note}");
}

#[test]
fn muscles_not_for_self_treatment_are_left_out_with_the_reason() {
    let confirmed = [
        ("scalene-anterior-1", Side::Right),
        ("upper-trapezius-1", Side::Right),
    ];
    let plan = build_plan_with(Atlas::builtin(), &confirmed, &options(20), allowed).unwrap();
    assert!(plan
        .items
        .iter()
        .all(|i| i.trigger_point_id == "upper-trapezius-1"));
    assert!(plan
        .notes
        .iter()
        .any(|n| n.starts_with("Left out") && n.contains("scalene-anterior-1")));
}

#[test]
fn when_every_point_is_blocked_the_error_says_why() {
    let block = |_: &TriggerPoint| TreatmentCheck {
        permission: Permission::Blocked,
        messages: vec!["See a physician first.".into()],
        hints: Vec::new(),
        hold_scale: 0.0,
        firm_pressure: false,
    };
    let error = build_plan_with(
        Atlas::builtin(),
        &[("upper-trapezius-1", Side::Right)],
        &options(20),
        block,
    )
    .unwrap_err();
    assert!(
        error.to_string().contains("See a physician first."),
        "{error}"
    );
}

#[test]
fn unknown_points_and_sides_are_refused_with_suggestions() {
    let error = build_plan(
        Atlas::builtin(),
        &[("upper-trapezis-1", Side::Right)],
        None,
        &options(20),
    )
    .unwrap_err();
    assert!(error.to_string().contains("upper-trapezius-1"), "{error}");
    let wrong_side = build_plan(
        Atlas::builtin(),
        &[("upper-trapezius-1", Side::Midline)],
        None,
        &options(20),
    );
    assert!(wrong_side.is_err());
    let none: [(&str, Side); 0] = [];
    assert_eq!(
        build_plan(Atlas::builtin(), &none, None, &options(20)),
        Err(PlanError::Empty)
    );
}

#[test]
fn caps_outside_the_range_are_refused() {
    let now = Utc::now();
    assert!(PlanOptions::new(now).with_cap_minutes(4).is_err());
    assert!(PlanOptions::new(now).with_cap_minutes(61).is_err());
    assert!(PlanOptions::new(now).with_cap_minutes(20).is_ok());
}

#[test]
fn the_reassess_date_is_two_weeks_on() {
    let plan = build_plan(
        Atlas::builtin(),
        &[("upper-trapezius-1", Side::Right)],
        None,
        &options(20),
    )
    .unwrap();
    assert_eq!(plan.reassess_on.to_string(), "2024-03-19");
}

/// A stored screening answered calmly everywhere except `id` = `value`.
fn screening_with(id: &str, value: &str) -> knot_record::Screening {
    use knot_care::screen::{QuestionKind, RuleTable};
    let table = RuleTable::builtin();
    let answers = table
        .questions()
        .iter()
        .map(|q| {
            let calm = match q.kind {
                QuestionKind::YesNo => "no".to_string(),
                QuestionKind::Regions => String::new(),
                QuestionKind::Number if q.id == "age" => "30".to_string(),
                QuestionKind::Number => q.min.unwrap_or(0).to_string(),
            };
            let answer = if q.id == id { value.to_string() } else { calm };
            (q.id.clone(), answer)
        })
        .collect();
    let taken_at = Utc
        .with_ymd_and_hms(2024, 3, 1, 9, 0, 0)
        .single()
        .expect("a valid time");
    knot_record::Screening {
        id: 1,
        person_id: 1,
        created_by: 1,
        created_at: taken_at,
        screening: knot_record::NewScreening {
            taken_at,
            answers,
            pain_regions: Vec::new(),
            local_regions: Vec::new(),
            rules_version: table.version().to_string(),
        },
    }
}

#[test]
fn a_wound_over_a_point_leaves_it_out_of_the_plan_with_the_reason() {
    let screening = screening_with("open-wound", "left-top-of-shoulder");
    let confirmed = [
        ("upper-trapezius-1", Side::Left),
        ("upper-trapezius-1", Side::Right),
    ];
    let plan = build_plan(Atlas::builtin(), &confirmed, Some(&screening), &options(20)).unwrap();
    assert!(plan.items.iter().all(|item| item.side == Side::Right));
    let note = plan
        .notes
        .iter()
        .find(|n| n.starts_with("Left out") && n.contains("(upper-trapezius-1, left)"))
        .unwrap_or_else(|| panic!("no note for the blocked point: {:?}", plan.notes));
    assert!(note.contains("left shoulder"), "{note}");
}

#[test]
fn a_red_flag_leaves_nothing_to_treat_at_home() {
    let screening = screening_with("weight-loss", "yes");
    let error = build_plan(
        Atlas::builtin(),
        &[("upper-trapezius-1", Side::Right)],
        Some(&screening),
        &options(20),
    )
    .unwrap_err();
    assert!(matches!(error, PlanError::NothingToTreat { .. }), "{error}");
}
