//! The screening questions added by the clinical review 2026-12 (§4 #2–#10, corrections 2, 6, 9
//! and 15), each pinned by what it does to treatment.

mod safety_support;

use knot_body::Side;
use knot_care::safety::Permission;
use knot_care::screen::{evaluate, Verdict};
use safety_support::{assert_blocks, calm, check, table, with, yes};

#[test]
fn gca_signs_stop_everything_and_keep_off_the_temple() {
    let outcome = evaluate(&yes(&["gca-signs"]));
    assert_eq!(outcome.verdict, Verdict::Stop);
    let finding = &outcome.findings[0];
    let message = finding.message.to_lowercase();
    assert!(message.contains("see a doctor today"), "{message}");
    assert!(message.contains("do not press the temple"), "{message}");
    for (id, side) in [
        ("temporalis-1", Side::Right),
        ("gluteus-medius-1", Side::Left),
    ] {
        assert_eq!(
            check(yes(&["gca-signs"]), id, side).permission,
            Permission::Blocked
        );
    }
}

#[test]
fn carotid_disease_blocks_the_front_and_side_of_the_neck_and_the_jaw_angle() {
    let screening = || yes(&["carotid-stroke"]);
    assert_blocks(
        screening,
        &[
            ("sternocleidomastoid-sternal-lower", Side::Left),
            ("scalene-medius-1", Side::Right),
            ("masseter-3", Side::Left),
        ],
    );
    let trapezius = check(screening(), "upper-trapezius-1", Side::Right);
    assert_ne!(
        trapezius.permission,
        Permission::Blocked,
        "{:?}",
        trapezius.messages
    );
}

#[test]
fn clot_risk_takes_firm_pressure_off_the_calf_and_inner_thigh() {
    for (id, side) in [
        ("tibialis-posterior-1", Side::Left),
        ("vastus-medialis-distal", Side::Right),
    ] {
        let result = check(yes(&["clot-risk"]), id, side);
        assert_eq!(
            result.permission,
            Permission::Softened,
            "{id}: {:?}",
            result.messages
        );
        assert!(!result.firm_pressure);
    }
    let arm = check(yes(&["clot-risk"]), "infraspinatus-upper", Side::Right);
    assert!(arm.firm_pressure, "{:?}", arm.messages);
}

#[test]
fn clot_risk_blocks_the_muscles_the_atlas_contraindicates() {
    let result = check(yes(&["clot-risk"]), "soleus-1", Side::Right);
    assert_eq!(
        result.permission,
        Permission::Blocked,
        "{:?}",
        result.messages
    );
}

#[test]
fn abdominal_warning_signs_block_the_belly_and_refer_but_not_the_shoulder() {
    let screening = || yes(&["abdominal-warning-signs"]);
    assert_eq!(evaluate(&screening()).verdict, Verdict::Refer);
    let belly = check(screening(), "rectus-abdominis-upper", Side::Left);
    assert_eq!(belly.permission, Permission::Blocked);
    let psoas = check(screening(), "iliopsoas-psoas", Side::Left);
    assert_eq!(
        psoas.permission,
        Permission::Blocked,
        "{:?}",
        psoas.messages
    );
    let shoulder = check(screening(), "infraspinatus-upper", Side::Left);
    assert_eq!(
        shoulder.permission,
        Permission::Warned,
        "{:?}",
        shoulder.messages
    );
}

#[test]
fn headache_warnings_and_myelopathy_signs_refer_and_block_all_treatment() {
    for question in ["headache-warning", "myelopathy-signs"] {
        assert_eq!(
            evaluate(&yes(&[question])).verdict,
            Verdict::Refer,
            "{question}"
        );
        let result = check(yes(&[question]), "gluteus-medius-1", Side::Right);
        assert_eq!(result.permission, Permission::Blocked, "{question}");
    }
}

#[test]
fn a_neck_that_may_be_unstable_blocks_neck_points_only() {
    let screening = || yes(&["neck-instability-risk"]);
    assert_blocks(
        screening,
        &[
            ("levator-scapulae-upper", Side::Right),
            ("suboccipitals-1", Side::Left),
            ("splenius-capitis-1", Side::Left),
        ],
    );
    let hip = check(screening(), "gluteus-medius-1", Side::Right);
    assert_eq!(hip.permission, Permission::Warned, "{:?}", hip.messages);
}

#[test]
fn lymph_nodes_removed_keep_treatment_off_that_side() {
    let screening = || with(calm(), "lymph-nodes", "left-armpit");
    let left = check(screening(), "latissimus-dorsi-axillary", Side::Left);
    assert_eq!(left.permission, Permission::Blocked, "{:?}", left.messages);
    let left_pec = check(screening(), "pectoralis-major-sternal", Side::Left);
    assert_eq!(
        left_pec.permission,
        Permission::Blocked,
        "{:?}",
        left_pec.messages
    );
    let right = check(screening(), "latissimus-dorsi-axillary", Side::Right);
    assert_ne!(
        right.permission,
        Permission::Blocked,
        "{:?}",
        right.messages
    );
}

#[test]
fn under_16_refers_and_16_does_not() {
    for (age, verdict) in [
        ("12", Verdict::Refer),
        ("15", Verdict::Refer),
        ("16", Verdict::Clear),
    ] {
        let outcome = evaluate(&with(calm(), "age", age));
        assert_eq!(outcome.verdict, verdict, "age {age}");
    }
}

#[test]
fn chest_pain_counts_even_when_a_doctor_checked_it_before() {
    let text = &table().question("chest-pain").unwrap().text;
    for words in [
        "new",
        "changed",
        "effort",
        "even if a doctor checked it before",
    ] {
        assert!(text.contains(words), "{text}");
    }
}

#[test]
fn the_table_version_moved_with_the_new_questions() {
    assert_ne!(table().version(), "2026.1");
}
