//! The sensitive areas of the body, where a massage therapist needs the client's written consent
//! before assessing or treating, and which of Knot's regions and trigger points lie in them.
//!
//! Basis: the College of Massage Therapists of Ontario's Standard of Practice for maintaining
//! professional boundaries and preventing sexual abuse (2017, after the Protecting Patients Act,
//! 2017) requires written consent before treatment of the breast tissue, chest wall muscles,
//! upper inner thighs and buttocks; its earlier position statement "Treatment of Sensitive Areas"
//! named the chest wall musculature, breast tissue, inner thigh and gluteal region, asked for a
//! signed form in the file, changes to it recorded as they occur, and verbal consent again at
//! every treatment. Other colleges (e.g. CMTBC) hold the same four areas.
//!
//! The mapping leans towards asking: a region that may put the hands on a sensitive area counts
//! as in it (the pectoral "chest" region is both breast and chest wall; the groin and the area
//! above the pubic bone count as upper inner thigh; the back of the hip, the sit bone and the
//! tailbone as buttock). The back of the chest (upper and mid back) is not the "chest wall" the
//! standards mean, and the lower half of the inner thigh is outside "upper inner thigh".

use knot_atlas::{Atlas, TriggerPoint};
use knot_body::Scheme;
use serde::{Deserialize, Serialize};

use super::consent::Place;
use super::error::Problem;

/// An area that needs its own written consent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SensitiveArea {
    Breast,
    ChestWall,
    UpperInnerThigh,
    Buttocks,
}

impl SensitiveArea {
    /// Every area, in a fixed order.
    pub fn all() -> [SensitiveArea; 4] {
        [
            SensitiveArea::Breast,
            SensitiveArea::ChestWall,
            SensitiveArea::UpperInnerThigh,
            SensitiveArea::Buttocks,
        ]
    }

    /// The stable text id: `breast`, `chest-wall`, `upper-inner-thigh`, `buttocks`.
    pub fn as_str(self) -> &'static str {
        match self {
            SensitiveArea::Breast => "breast",
            SensitiveArea::ChestWall => "chest-wall",
            SensitiveArea::UpperInnerThigh => "upper-inner-thigh",
            SensitiveArea::Buttocks => "buttocks",
        }
    }

    /// Reads [`SensitiveArea::as_str`].
    pub fn parse(id: &str) -> Option<SensitiveArea> {
        SensitiveArea::all().into_iter().find(|a| a.as_str() == id)
    }

    /// The name in a sentence: "breast tissue", "the chest wall", …
    pub fn name(self) -> &'static str {
        match self {
            SensitiveArea::Breast => "breast tissue",
            SensitiveArea::ChestWall => "chest wall",
            SensitiveArea::UpperInnerThigh => "upper inner thigh",
            SensitiveArea::Buttocks => "buttocks",
        }
    }
}

/// Region templates (side-less ids of `knot-body`'s `regions.toml`) and the areas they lie in.
const REGION_AREAS: &[(&str, &[SensitiveArea])] = &[
    // The "{side} chest" region is the pectoral area, breast tissue included.
    ("chest", &[SensitiveArea::Breast, SensitiveArea::ChestWall]),
    ("below-collarbone", &[SensitiveArea::ChestWall]),
    ("breastbone", &[SensitiveArea::ChestWall]),
    ("side-ribs", &[SensitiveArea::ChestWall]),
    // The armpit's inner wall is the chest wall (serratus anterior); work there is draped and
    // consented as chest wall work.
    ("armpit", &[SensitiveArea::ChestWall]),
    ("thigh-inner-upper", &[SensitiveArea::UpperInnerThigh]),
    ("groin", &[SensitiveArea::UpperInnerThigh]),
    // Above the pubic bone borders the genitals: asked as for the upper inner thigh.
    ("pubic", &[SensitiveArea::UpperInnerThigh]),
    ("buttock-upper", &[SensitiveArea::Buttocks]),
    ("buttock-lower", &[SensitiveArea::Buttocks]),
    ("sit-bone", &[SensitiveArea::Buttocks]),
    ("hip-back", &[SensitiveArea::Buttocks]),
    ("tailbone", &[SensitiveArea::Buttocks]),
    // Between the sit bones: only reachable through the buttocks and the inner thighs.
    (
        "pelvic-floor",
        &[SensitiveArea::UpperInnerThigh, SensitiveArea::Buttocks],
    ),
];

/// Muscles whose treatment reaches into an area wherever on the muscle the knot is charted
/// (the adductors run from the pubic bone and sit bone down the inner thigh).
const MUSCLE_AREAS: &[(&str, &[SensitiveArea])] = &[
    ("adductor-longus", &[SensitiveArea::UpperInnerThigh]),
    ("adductor-brevis", &[SensitiveArea::UpperInnerThigh]),
    ("adductor-magnus", &[SensitiveArea::UpperInnerThigh]),
    ("gracilis", &[SensitiveArea::UpperInnerThigh]),
    ("pectineus", &[SensitiveArea::UpperInnerThigh]),
];

/// The sensitive areas a region (a full id: `left-chest`, `tailbone`) lies in, in
/// [`SensitiveArea::all`] order; empty outside them. An unknown id is refused.
pub fn sensitive_areas_of_region(region_id: &str) -> Result<Vec<SensitiveArea>, Problem> {
    let region = Scheme::builtin().get(region_id).ok_or_else(|| {
        Problem::new(
            "region",
            format!("`{region_id}` is not a body region id (e.g. right-chest, sacrum)"),
        )
    })?;
    Ok(areas_of_base(&region.base))
}

/// The sensitive areas a treatment of this trigger point touches: those of the region the knot
/// lies in and those its muscle reaches into.
pub fn sensitive_areas_of_trigger_point(tp: &TriggerPoint) -> Vec<SensitiveArea> {
    let base = Scheme::builtin()
        .get(&tp.location)
        .map_or(tp.location.as_str(), |r| r.base.as_str());
    let mut areas = areas_of_base(base);
    if let Some((_, extra)) = MUSCLE_AREAS.iter().find(|(m, _)| *m == tp.muscle_id) {
        areas.extend_from_slice(extra);
    }
    areas.sort();
    areas.dedup();
    areas
}

/// The sensitive areas of a charted place (a region, or a trigger point on a side).
pub fn sensitive_areas_of_place(
    atlas: &Atlas,
    place: &Place,
) -> Result<Vec<SensitiveArea>, Problem> {
    match place {
        Place::Region(id) => sensitive_areas_of_region(id),
        Place::TriggerPoint { id, side } => {
            let tp = super::point::resolve(atlas, id, *side)?;
            Ok(sensitive_areas_of_trigger_point(tp))
        }
    }
}

fn areas_of_base(base: &str) -> Vec<SensitiveArea> {
    REGION_AREAS
        .iter()
        .find(|(b, _)| *b == base)
        .map_or_else(Vec::new, |(_, areas)| areas.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Write;

    #[test]
    fn every_region_template_named_exists_in_the_scheme() {
        let bases = Scheme::builtin().bases();
        for (base, _) in REGION_AREAS {
            assert!(bases.contains(base), "{base} is not a region template");
        }
        for (muscle, _) in MUSCLE_AREAS {
            assert!(Atlas::builtin().muscle(muscle).is_some(), "{muscle}");
        }
    }

    #[test]
    fn text_ids_are_stable_and_read_back() {
        let ids: Vec<&str> = SensitiveArea::all().iter().map(|a| a.as_str()).collect();
        assert_eq!(
            ids,
            ["breast", "chest-wall", "upper-inner-thigh", "buttocks"]
        );
        for area in SensitiveArea::all() {
            assert_eq!(SensitiveArea::parse(area.as_str()), Some(area));
        }
        assert_eq!(
            serde_json::to_string(&SensitiveArea::UpperInnerThigh).unwrap(),
            "\"upper_inner_thigh\""
        );
    }

    #[test]
    fn the_pectoral_region_is_both_breast_and_chest_wall_on_either_side() {
        for id in ["left-chest", "right-chest"] {
            assert_eq!(
                sensitive_areas_of_region(id).unwrap(),
                [SensitiveArea::Breast, SensitiveArea::ChestWall]
            );
        }
    }

    #[test]
    fn the_upper_back_and_the_lower_inner_thigh_are_not_sensitive() {
        for id in [
            "left-upper-back",
            "right-thigh-inner-lower",
            "sacrum",
            "right-temple",
        ] {
            assert_eq!(sensitive_areas_of_region(id).unwrap(), [], "{id}");
        }
    }

    #[test]
    fn an_unknown_region_is_refused_not_taken_as_safe() {
        assert!(
            sensitive_areas_of_region("chest").is_err(),
            "needs its side"
        );
        assert!(sensitive_areas_of_region("left-bosom").is_err());
    }

    #[test]
    fn an_adductor_knot_charted_at_the_sit_bone_needs_both_consents() {
        let atlas = Atlas::builtin();
        let tp = atlas
            .trigger_points()
            .iter()
            .find(|tp| tp.id == "adductor-magnus-2")
            .unwrap();
        assert_eq!(
            sensitive_areas_of_trigger_point(tp),
            [SensitiveArea::UpperInnerThigh, SensitiveArea::Buttocks]
        );
    }

    /// The whole mapping of the atlas, for a clinician to review in the snapshot.
    #[test]
    fn every_trigger_point_mapped_to_a_sensitive_area() {
        let mut table = String::new();
        for tp in Atlas::builtin().trigger_points() {
            if tp.side == knot_body::Side::Left {
                continue;
            }
            let areas = sensitive_areas_of_trigger_point(tp);
            if !areas.is_empty() {
                let ids: Vec<&str> = areas.iter().map(|a| a.as_str()).collect();
                let _ = writeln!(table, "{} @ {}: {}", tp.id, tp.location, ids.join(", "));
            }
        }
        insta::assert_snapshot!(table);
    }
}
