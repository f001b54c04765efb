//! The regions added after the clinical review (§2.2, correction 12): each exists with the side
//! it should have, is drawn on the chart, touches what it should, belongs to a clinical map area,
//! and is reached by the words people use for it.

use knot_body::chart::Chart;
use knot_body::maps::BodyMaps;
use knot_body::{Lexicon, Scheme, Side};

/// (template id, lateral, a neighbour it must have, one phrasing that must reach it).
const NEW: &[(&str, bool, &str, &str)] = &[
    ("flank", true, "iliac-crest", "flank"),
    ("foot-outer-edge", true, "sole", "outer edge of my foot"),
    ("sit-bone", true, "buttock-lower", "sit bone"),
    ("nose", false, "cheek", "side of the nose"),
    ("upper-lip", false, "upper-teeth", "upper lip"),
    ("inside-mouth", false, "upper-teeth", "roof of the mouth"),
    ("epigastrium", false, "upper-abdomen", "pit of the stomach"),
    ("heel-back", true, "achilles", "back of the heel"),
    ("heel-sole", true, "arch", "bottom of the heel"),
    (
        "index-finger-side",
        true,
        "index-finger-front",
        "side of my index finger",
    ),
    (
        "little-finger-side",
        true,
        "little-finger-front",
        "outer side of the little finger",
    ),
];

fn full_ids(template: &str, lateral: bool) -> Vec<String> {
    if lateral {
        vec![format!("left-{template}"), format!("right-{template}")]
    } else {
        vec![template.to_string()]
    }
}

#[test]
fn new_regions_exist_with_their_side_and_neighbours() {
    let scheme = Scheme::builtin();
    for &(template, lateral, neighbour, _) in NEW {
        for id in full_ids(template, lateral) {
            let i = scheme
                .index_of(&id)
                .unwrap_or_else(|| panic!("{id} is not a region"));
            let side = scheme.regions()[i].side;
            assert_eq!(side == Side::Midline, !lateral, "{id} has side {side:?}");
            let near: Vec<&str> = scheme
                .neighbours(i)
                .iter()
                .map(|&j| scheme.regions()[j].id.as_str())
                .collect();
            assert!(
                near.iter().any(|n| n.ends_with(neighbour)),
                "{id} does not touch {neighbour}: {near:?}"
            );
        }
    }
}

#[test]
fn the_old_single_heel_is_gone() {
    let scheme = Scheme::builtin();
    assert!(scheme.index_of("right-heel").is_none());
    assert!(scheme.index_of("left-heel").is_none());
}

#[test]
fn new_regions_are_drawn_and_in_a_choir_area() {
    let chart = Chart::builtin().expect("the built-in chart loads");
    let drawn = chart.region_ids();
    let choir = BodyMaps::builtin()
        .get("choir")
        .expect("the CHOIR map is built in");
    for &(template, lateral, _, _) in NEW {
        for id in full_ids(template, lateral) {
            assert!(drawn.contains(&id.as_str()), "{id} is not drawn");
            assert!(
                choir.area.iter().any(|a| a.regions.contains(&id)),
                "{id} is in no CHOIR area"
            );
        }
    }
}

#[test]
fn phrasings_reach_the_new_regions() {
    let lexicon = Lexicon::builtin();
    for &(template, lateral, _, phrase) in NEW {
        let got = lexicon.resolve(phrase);
        let mut want = full_ids(template, lateral);
        want.sort();
        let mut ids = got.regions.clone();
        ids.sort();
        assert_eq!(ids, want, "{phrase:?}");
    }
}

#[test]
fn everyday_words_for_the_new_places() {
    let lexicon = Lexicon::builtin();
    let cases: &[(&str, &[&str])] = &[
        ("waist", &["left-flank", "right-flank"]),
        ("right flank", &["right-flank"]),
        ("left sit bone", &["left-sit-bone"]),
        ("side of my left index finger", &["left-index-finger-side"]),
        ("outer edge of my right foot", &["right-foot-outer-edge"]),
        ("bottom of the left heel", &["left-heel-sole"]),
        ("back of the right heel", &["right-heel-back"]),
        ("right heel", &["right-heel-back", "right-heel-sole"]),
        ("roof of the mouth", &["inside-mouth"]),
        ("nose", &["nose"]),
    ];
    for (phrase, want) in cases {
        let got = lexicon.resolve(phrase);
        let mut ids: Vec<&str> = got.regions.iter().map(String::as_str).collect();
        ids.sort_unstable();
        let mut want = want.to_vec();
        want.sort_unstable();
        assert_eq!(ids, want, "{phrase:?}");
    }
}
