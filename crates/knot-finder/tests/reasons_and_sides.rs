//! Reasons are true and sides are honest: a candidate explains a marked place only through its
//! own zones (with their sides), a near mark never crosses the midline, and a drawing without a
//! side shows each trigger point once, on "either" side.

use proptest::prelude::*;

use knot_body::{Scheme, Side};
use knot_finder::{CandidateSide, Drawing, Finder, Mark};

fn drawing_of(regions: &[usize]) -> Drawing {
    let mut drawing = Drawing::default();
    for &region in regions {
        drawing.add(Mark {
            region,
            intensity: 5.0,
            worst: false,
        });
    }
    drawing
}

fn find(terms: &[&str]) -> knot_finder::FindResult {
    let terms: Vec<String> = terms.iter().map(|t| t.to_string()).collect();
    Finder::builtin().find(&Drawing::from_terms(&terms))
}

/// Every region a candidate's own instances reach: zones and location, on their sides.
fn reach(finder: &Finder, c: &knot_finder::Candidate) -> Vec<String> {
    finder
        .atlas()
        .trigger_points()
        .iter()
        .filter(|t| t.id == c.trigger_point && c.side.sides().contains(&t.side))
        .flat_map(|t| {
            t.essential
                .iter()
                .chain(&t.spillover)
                .chain(std::iter::once(&t.location))
                .cloned()
        })
        .collect()
}

fn regions() -> impl Strategy<Value = Vec<usize>> {
    prop::collection::vec(0..Scheme::builtin().len(), 1..7)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn no_reason_names_a_place_the_candidates_own_zones_do_not_reach(marked in regions()) {
        let finder = Finder::builtin();
        let scheme = finder.scheme();
        let result = finder.find(&drawing_of(&marked));
        for c in &result.candidates {
            let reach = reach(finder, c);
            for id in &c.explains {
                prop_assert!(reach.iter().any(|r| r == id), "{}:{} explains {id}, outside {reach:?}", c.side, c.trigger_point);
            }
            for id in &c.near {
                prop_assert!(!reach.iter().any(|r| r == id), "{id} is both near and reached");
                // A near mark touches one of its zone regions on that region's side of the
                // midline (a midline region: on the trigger point's side), never across it.
                let region = scheme.index_of(id).expect("region");
                let side = scheme.region(region).side;
                let beside = finder.atlas().trigger_points().iter()
                    .filter(|t| t.id == c.trigger_point && c.side.sides().contains(&t.side))
                    .any(|t| t.essential.iter().chain(&t.spillover).any(|z| {
                        let zone = scheme.index_of(z).expect("zone");
                        let zone_side = match scheme.region(zone).side { Side::Midline => t.side, s => s };
                        scheme.neighbours(zone).contains(&region)
                            && (side == Side::Midline || zone_side == Side::Midline || side == zone_side)
                    }));
                prop_assert!(beside, "{}:{} is near {id}, across the midline or not beside a zone", c.side, c.trigger_point);
            }
        }
        for combo in &result.combinations {
            for id in &combo.explains {
                let reached = combo.trigger_points.iter().any(|key| {
                    finder.atlas().trigger_points().iter().any(|t| t.key() == *key
                        && (t.essential.iter().chain(&t.spillover).any(|z| z == id) || t.location == *id))
                });
                prop_assert!(reached, "combination {:?} explains {id}", combo.trigger_points);
            }
        }
    }

    #[test]
    fn a_symmetric_drawing_shows_each_trigger_point_once_on_either_side(marked in regions()) {
        let finder = Finder::builtin();
        let one = drawing_of(&marked);
        let mut both = one.clone();
        for m in one.mirrored(finder.scheme()).marks {
            both.add(m);
        }
        let result = finder.find(&both);
        let mut seen = Vec::new();
        for c in &result.candidates {
            prop_assert!(!seen.contains(&c.trigger_point), "{} shown twice", c.trigger_point);
            seen.push(c.trigger_point);
            prop_assert!(c.side == CandidateSide::Either || c.side == CandidateSide::Midline, "{:?}", c.side);
        }
        for pair in result.candidates.windows(2) {
            prop_assert!(pair[0].score >= pair[1].score);
        }
    }
}

#[test]
fn right_temple_is_explained_only_by_right_sided_or_midline_zones() {
    let result = find(&["right temple"]);
    for c in &result.candidates {
        assert_ne!(c.side, CandidateSide::Left, "{c:?}");
        assert_ne!(c.side, CandidateSide::Either, "{c:?}");
    }
}

#[test]
fn a_marked_side_keeps_its_side_and_no_side_gives_either() {
    let sided = find(&["right temple"]);
    assert_eq!(sided.candidates[0].side, CandidateSide::Right);
    let both = find(&["right temple", "left temple"]);
    assert_eq!(both.candidates[0].side, CandidateSide::Either);
    let json = serde_json::to_value(&both).expect("json");
    assert_eq!(json["candidates"][0]["side"], "either");
}

#[test]
fn right_temple_brings_the_classic_headache_muscles_near_the_top() {
    // T&S vol. 1: temple pain is referred from the upper trapezius (ch. 6), temporalis (ch. 9),
    // sternocleidomastoid (ch. 7), suboccipitals (ch. 17) and the splenii (ch. 15).
    let result = find(&["right temple"]);
    let top: Vec<&str> = result.candidates.iter().map(|c| c.muscle_id).collect();
    for muscle in ["upper-trapezius", "temporalis", "suboccipitals"] {
        assert!(top.contains(&muscle), "{muscle} not in {top:?}");
    }
}
