//! The zone and location corrections of the clinical review (2026-12, corrections 12–14 and
//! §2.1): each remapped trigger point carries the corrected places, and says where they come from.

use knot_atlas::{Atlas, TriggerPointSpec};

fn spec(id: &str) -> &'static TriggerPointSpec {
    Atlas::builtin()
        .muscles()
        .iter()
        .flat_map(|m| &m.trigger_points)
        .find(|tp| tp.id == id)
        .unwrap_or_else(|| panic!("no trigger point `{id}`"))
}

fn has(zones: &[String], want: &[&str], id: &str, which: &str) {
    for w in want {
        assert!(
            zones.iter().any(|z| z == w),
            "{id}: {which} lacks `{w}`: {zones:?}"
        );
    }
}

fn lacks(zones: &[String], gone: &[&str], id: &str, which: &str) {
    for g in gone {
        assert!(
            !zones.iter().any(|z| z == g),
            "{id}: {which} still has `{g}`: {zones:?}"
        );
    }
}

#[test]
fn new_regions_carry_the_trigger_points_the_review_named() {
    // (trigger point, essential must have, spillover must have)
    let cases: &[(&str, &[&str], &[&str])] = &[
        ("peroneus-longus-1", &[], &["foot-outer-edge"]),
        ("peroneus-brevis-1", &[], &["foot-outer-edge"]),
        ("abductor-digiti-minimi-foot-1", &["foot-outer-edge"], &[]),
        ("latissimus-dorsi-lower", &[], &["flank"]),
        ("orbicularis-oculi-1", &["nose"], &[]),
        ("zygomaticus-major-1", &["nose"], &[]),
        ("interossei-hand-1", &["index-finger-side"], &[]),
        (
            "abductor-digiti-minimi-hand-1",
            &["little-finger-side", "little-finger-front"],
            &[],
        ),
        ("medial-pterygoid-1", &["inside-mouth", "throat"], &[]),
        ("soleus-1", &["heel-back", "heel-sole"], &[]),
        ("quadratus-plantae-1", &["heel-sole"], &[]),
        ("abductor-hallucis-1", &["heel-sole"], &[]),
        ("rectus-abdominis-upper", &["epigastrium"], &[]),
        ("external-oblique-upper", &["epigastrium"], &[]),
        ("transversus-abdominis-1", &["epigastrium"], &[]),
    ];
    for &(id, essential, spillover) in cases {
        let tp = spec(id);
        has(&tp.essential, essential, id, "essential");
        has(&tp.spillover, spillover, id, "spillover");
        assert!(
            tp.source.contains("clinical review 2026-12"),
            "{id}: the change is not sourced: {}",
            tp.source
        );
    }
}

#[test]
fn knots_at_the_flank_and_sit_bone_are_located_there() {
    assert_eq!(
        spec("quadratus-lumborum-superficial-upper").location,
        "flank"
    );
    assert_eq!(spec("gluteus-maximus-2").location, "sit-bone");
    assert_eq!(spec("adductor-magnus-2").location, "sit-bone");
    assert_eq!(spec("quadratus-plantae-1").location, "heel-sole");
}

#[test]
fn levator_scapulae_refers_essentially_to_the_angle_of_the_neck() {
    for id in ["levator-scapulae-upper", "levator-scapulae-lower"] {
        let tp = spec(id);
        assert_eq!(tp.essential, ["neck-angle"], "{id}");
        has(
            &tp.spillover,
            &["scapula-medial-border", "back-of-shoulder"],
            id,
            "spillover",
        );
        assert!(tp.source.contains("correction 13"), "{id}: {}", tp.source);
    }
    has(
        &spec("levator-scapulae-lower").spillover,
        &["supraspinous"],
        "levator-scapulae-lower",
        "spillover",
    );
}

#[test]
fn small_zone_corrections_are_in_place_with_their_source() {
    let apb = spec("abductor-pollicis-brevis-1");
    assert_eq!(apb.essential, ["thenar", "thumb-web"]);
    has(
        &apb.spillover,
        &["forearm-thumb-side", "index-finger-side", "wrist-front"],
        "abductor-pollicis-brevis-1",
        "spillover",
    );
    assert!(
        apb.source.contains("[S10]") && !apb.source.contains("as for the neighbouring opponens"),
        "APB still borrows its pattern: {}",
        apb.source
    );
    let adds: &[(&str, &[&str])] = &[
        ("subscapularis-1", &["elbow-back"]),
        ("serratus-anterior-1", &["medial-epicondyle"]),
        ("sternocleidomastoid-clavicular-upper", &["upper-teeth"]),
        (
            "adductor-longus-1",
            &["thigh-front-upper", "thigh-front-lower"],
        ),
        (
            "adductor-brevis-1",
            &["thigh-front-upper", "thigh-front-lower"],
        ),
    ];
    for &(id, zones) in adds {
        let tp = spec(id);
        has(&tp.spillover, zones, id, "spillover");
        assert!(tp.source.contains("correction 14"), "{id}: {}", tp.source);
    }
    lacks(
        &spec("gluteus-minimus-posterior").essential,
        &["buttock-upper"],
        "gluteus-minimus-posterior",
        "essential",
    );
}

#[test]
fn iliopsoas_no_longer_reaches_the_midline_lumbar_spine() {
    for id in ["iliopsoas-psoas", "iliopsoas-iliacus", "iliopsoas-distal"] {
        let tp = spec(id);
        lacks(&tp.essential, &["lumbar-spine"], id, "essential");
        lacks(&tp.spillover, &["lumbar-spine"], id, "spillover");
        has(&tp.essential, &["low-back"], id, "essential");
    }
}

#[test]
fn no_zone_names_the_old_single_heel() {
    for m in Atlas::builtin().muscles() {
        for tp in &m.trigger_points {
            assert_ne!(tp.location, "heel", "{}", tp.id);
            lacks(&tp.essential, &["heel"], &tp.id, "essential");
            lacks(&tp.spillover, &["heel"], &tp.id, "spillover");
        }
    }
}
