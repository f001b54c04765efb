//! Where on the body, as a FHIR R4 `bodySite` CodeableConcept.
//!
//! A body region becomes Knot's region id (local system), the CHOIR Body Map area(s) that cover
//! it (a midline region such as the throat lies in the right and the left area, so it gets
//! both), and the SNOMED CT laterality qualifier of its side; the text is the region's name.
//! A trigger point becomes its local code, the region where it is felt (with the same codings)
//! and its side.
//!
//! Why laterality is a coding here: R4's `bodySite` is a bare CodeableConcept, the
//! `bodySite` extension with a BodyStructure is R5, and a BodyStructure resource per site would
//! add a resource for every entry. Knot's region ids and CHOIR areas already carry the side
//! (`right-temple`, CHOIR 101 "cranium (front), right"), so the SNOMED qualifier adds no new
//! meaning to the concept; it lets a system that reads only SNOMED see the side, and the text
//! says it in words.

use knot_atlas::Atlas;
use knot_body::maps::BodyMaps;
use knot_body::{Scheme, Side};

use super::codes::{laterality, CHOIR_SYSTEM, REGION_SYSTEM, SNOMED, TRIGGER_POINT_SYSTEM};
use crate::fhir::{CodeableConcept, Coding};

/// A body region as a `bodySite`. An id Knot does not know (from an older or newer scheme) keeps
/// its local code, with the id as text.
pub fn region(id: &str) -> CodeableConcept {
    let known = Scheme::builtin().get(id);
    let mut coding = vec![Coding::new(
        REGION_SYSTEM,
        id,
        known.map(|r| r.name.as_str()),
    )];
    coding.extend(choir_codings(id));
    if let Some(found) = known {
        coding.push(laterality(found.side));
    }
    CodeableConcept {
        coding,
        text: Some(known.map_or_else(|| id.to_string(), |r| r.name.clone())),
    }
}

/// A trigger point on one side as a `bodySite`: its local code, the region where it is felt
/// (when the atlas knows the point), and the side.
pub fn trigger_point(id: &str, side: Side) -> CodeableConcept {
    let name = trigger_point_name(id, side);
    let mut coding = vec![Coding::new(TRIGGER_POINT_SYSTEM, id, Some(&name))];
    let point = Atlas::builtin()
        .trigger_points()
        .iter()
        .find(|tp| tp.id == id && tp.side == side);
    if let Some(point) = point {
        let place = region(&point.location);
        coding.extend(place.coding.into_iter().filter(|c| c.system != SNOMED));
    }
    coding.push(laterality(side));
    CodeableConcept {
        coding,
        text: Some(name),
    }
}

/// "upper trapezius TrP1 (right)": the muscle's name and the point's label, else the id.
pub fn trigger_point_name(id: &str, side: Side) -> String {
    let atlas = Atlas::builtin();
    let point = atlas
        .trigger_points()
        .iter()
        .find(|tp| tp.id == id && tp.side == side);
    let named = point.and_then(|tp| {
        let muscle = atlas.muscle(&tp.muscle_id)?;
        let label = tp.label.split(':').next().unwrap_or(&tp.label).trim();
        Some(format!("{} {label}", muscle.name))
    });
    format!(
        "{} ({})",
        named.unwrap_or_else(|| id.to_string()),
        side.word()
    )
}

/// The CHOIR Body Map areas that cover a Knot region.
fn choir_codings(id: &str) -> Vec<Coding> {
    let Some(choir) = BodyMaps::builtin().get("choir") else {
        return Vec::new();
    };
    choir
        .areas_marked(&[id.to_string()])
        .into_iter()
        .map(|area| Coding::new(CHOIR_SYSTEM, &area.code, Some(&area.name)))
        .collect()
}
