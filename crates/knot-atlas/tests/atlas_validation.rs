//! The embedded atlas against the rules every entry must keep (docs/atlas.md), and the counts
//! the atlas promises.

use std::collections::{BTreeSet, HashMap};

use knot_atlas::{Atlas, TriggerPoint};
use knot_body::{Scheme, Side};

#[test]
fn atlas_covers_at_least_110_muscles_and_200_trigger_points() {
    let atlas = Atlas::builtin();
    let specs: usize = atlas.muscles().iter().map(|m| m.trigger_points.len()).sum();
    assert!(
        atlas.muscles().len() >= 110,
        "{} muscles",
        atlas.muscles().len()
    );
    assert!(specs >= 200, "{specs} trigger points");
}

#[test]
fn every_zone_and_location_is_a_region_of_the_scheme() {
    let scheme = Scheme::builtin();
    for tp in Atlas::builtin().trigger_points() {
        for id in std::iter::once(&tp.location)
            .chain(&tp.essential)
            .chain(&tp.spillover)
        {
            assert!(
                scheme.get(id).is_some(),
                "{}: `{id}` is no region",
                tp.key()
            );
        }
    }
}

#[test]
fn every_trigger_point_has_location_essential_zone_and_source() {
    for tp in Atlas::builtin().trigger_points() {
        assert!(!tp.location.is_empty(), "{}", tp.key());
        assert!(!tp.essential.is_empty(), "{}", tp.key());
        assert!(!tp.source.trim().is_empty(), "{}", tp.key());
        assert!(!tp.palpation.trim().is_empty(), "{}", tp.key());
    }
    for m in Atlas::builtin().muscles() {
        assert!(!m.source.trim().is_empty(), "{}", m.id);
    }
}

#[test]
fn essential_and_spillover_zones_do_not_overlap() {
    for tp in Atlas::builtin().trigger_points() {
        let essential: BTreeSet<&String> = tp.essential.iter().collect();
        let both: Vec<_> = tp
            .spillover
            .iter()
            .filter(|z| essential.contains(z))
            .collect();
        assert!(both.is_empty(), "{}: {both:?}", tp.key());
    }
}

#[test]
fn muscle_names_and_ids_are_unique() {
    let atlas = Atlas::builtin();
    let ids: BTreeSet<&str> = atlas.muscles().iter().map(|m| m.id.as_str()).collect();
    let names: BTreeSet<String> = atlas
        .muscles()
        .iter()
        .map(|m| m.name.to_lowercase())
        .collect();
    assert_eq!(ids.len(), atlas.muscles().len());
    assert_eq!(names.len(), atlas.muscles().len());
    let keys: BTreeSet<String> = atlas
        .trigger_points()
        .iter()
        .map(TriggerPoint::key)
        .collect();
    assert_eq!(keys.len(), atlas.trigger_points().len());
}

#[test]
fn left_and_right_instances_mirror_each_other() {
    let scheme = Scheme::builtin();
    let mirror = |id: &String| {
        let i = scheme.index_of(id).expect("region");
        scheme.region(scheme.mirror(i)).id.clone()
    };
    let by_key: HashMap<(String, Side), &TriggerPoint> = Atlas::builtin()
        .trigger_points()
        .iter()
        .map(|tp| ((tp.id.clone(), tp.side), tp))
        .collect();
    for tp in Atlas::builtin()
        .trigger_points()
        .iter()
        .filter(|tp| tp.side == Side::Right)
    {
        let left = by_key
            .get(&(tp.id.clone(), Side::Left))
            .expect("left instance");
        let mirrored = |zone: &[String]| -> BTreeSet<String> { zone.iter().map(mirror).collect() };
        assert_eq!(mirror(&tp.location), left.location, "{}", tp.id);
        assert_eq!(
            mirrored(&tp.essential),
            left.essential.iter().cloned().collect(),
            "{}",
            tp.id
        );
        assert_eq!(
            mirrored(&tp.spillover),
            left.spillover.iter().cloned().collect(),
            "{}",
            tp.id
        );
    }
}

#[test]
fn lateral_zones_stay_on_their_side_unless_the_pattern_crosses_the_midline() {
    let scheme = Scheme::builtin();
    for tp in Atlas::builtin()
        .trigger_points()
        .iter()
        .filter(|tp| !tp.crosses_midline)
    {
        for id in tp.essential.iter().chain(&tp.spillover) {
            let side = scheme.get(id).map(|r| r.side);
            assert!(
                side == Some(tp.side) || side == Some(Side::Midline),
                "{}: `{id}` is on the other side",
                tp.key()
            );
        }
    }
}

#[test]
fn upper_trapezius_refers_to_the_temple_on_its_own_side() {
    let atlas = Atlas::builtin();
    let tp = atlas
        .trigger_points()
        .iter()
        .find(|tp| tp.muscle_id == "upper-trapezius" && tp.side == Side::Left)
        .expect("upper trapezius");
    assert!(
        tp.essential.contains(&"left-temple".to_string())
            || tp.spillover.contains(&"left-temple".to_string())
    );
}

#[test]
fn muscles_are_found_by_name_synonym_and_id() {
    let atlas = Atlas::builtin();
    assert_eq!(
        atlas.find_muscle("Upper Trapezius").map(|m| m.id.as_str()),
        Some("upper-trapezius")
    );
    assert_eq!(
        atlas.find_muscle("gluteus-minimus").map(|m| m.id.as_str()),
        Some("gluteus-minimus")
    );
    assert!(
        atlas.find_muscle("fibularis longus").is_some(),
        "synonym fibularis longus"
    );
    assert!(atlas.find_muscle("nonexistent").is_none());
    assert!(atlas
        .suggest_muscles("infraspinatis")
        .contains(&"Infraspinatus"));
}

#[test]
fn a_broken_entry_is_reported_with_what_is_wrong() {
    let scheme = Scheme::builtin();
    let bad = r#"
[[muscle]]
id = "test-muscle"
prevalence = "common"
name = "Test"
part = "neck"
summary = "s"
source = ""
[muscle.self_care]
self_treat = true
technique = ["no-such-technique"]
tools = []
position = "p"
how = "h"
hold_seconds = 500
holds = 1
sessions_per_day = 3
stretch = "s"
[muscle.cautions]
endangerment = []
avoid_if = []
stop_if = []
[[muscle.trigger_point]]
id = "t-1"
label = "l"
location = "temple"
press_here = "p"
palpation = "p"
essential = ["temple", "opposite:forehead", "no-such-region"]
spillover = ["temple"]
prevalence = "common"
source = "s"
"#;
    let err = Atlas::from_files(&[("bad.toml", bad)], scheme).expect_err("invalid");
    let text = err.to_string();
    for needle in [
        "has no source",
        "no-such-technique",
        "hold_seconds = 500",
        "no-such-region",
        "crosses_midline",
        "both the essential and the spillover",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
    }
}
