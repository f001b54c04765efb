//! Diary entries as Observations: pain (LOINC 72514-3), pressure pain threshold (kPa), range of
//! motion (degrees, or mm for mouth opening) and Patient-Specific Functional Scale activities.
//! Free notes are left out (see the crate docs); a remark kept with a value becomes the
//! Observation's note.

use knot_care::measures::{movements, Unit, KPA_PER_KG_CM2};
use knot_record::{Entry, Measure};

use super::body_site;
use super::codes::{
    category, identifier_system, quantity, LOINC, LOINC_PAIN, LOINC_PAIN_DISPLAY, MEASURE_SYSTEM,
    MOVEMENT_SYSTEM,
};
use super::ids::date_time;
use super::{non_empty, Ctx};
use crate::fhir::{
    Annotation, BundleEntry, CodeableConcept, Coding, Identifier, Observation, ObservationValue,
    Reference, Resource,
};

/// The Observation of a current diary entry, or `None` for a note (or a superseded or deleted
/// entry: history, not data).
pub fn observation(ctx: &Ctx, entry: &Entry) -> Option<BundleEntry> {
    if !entry.is_current() {
        return None;
    }
    let (category_code, code, value, body_site) = measured(&entry.entry.measure)?;
    let (uuid, full_url) = ctx.ids("diary-entry", &entry.id.to_string());
    let observation = Observation {
        id: uuid,
        identifier: vec![Identifier {
            system: identifier_system("diary-entry"),
            value: entry.id.to_string(),
        }],
        part_of: Vec::new(),
        status: if entry.corrects.is_some() {
            "amended"
        } else {
            "final"
        }
        .into(),
        category: vec![category(category_code)],
        code,
        subject: ctx.patient(),
        effective_date_time: date_time(entry.entry.recorded_at),
        issued: Some(date_time(entry.created_at)),
        value,
        note: entry
            .entry
            .note
            .as_deref()
            .and_then(non_empty)
            .map(|text| Annotation::new(&text))
            .into_iter()
            .collect(),
        body_site,
    };
    Some(BundleEntry {
        full_url,
        resource: Resource::Observation(observation),
    })
}

/// A 0–10 pain rating as an Observation (used for diary entries and for the pain before and
/// after a session).
pub fn pain(
    ctx: &Ctx,
    kind: &str,
    key: &str,
    score: u8,
    at: String,
    part_of: Option<Reference>,
) -> BundleEntry {
    let (uuid, full_url) = ctx.ids(kind, key);
    BundleEntry {
        full_url,
        resource: Resource::Observation(Observation {
            id: uuid,
            identifier: Vec::new(),
            part_of: part_of.into_iter().collect(),
            status: "final".into(),
            category: vec![category("survey")],
            code: pain_code(),
            subject: ctx.patient(),
            effective_date_time: at,
            issued: None,
            value: ObservationValue::Integer(i64::from(score)),
            note: Vec::new(),
            body_site: None,
        }),
    }
}

type Measured = (
    &'static str,
    CodeableConcept,
    ObservationValue,
    Option<CodeableConcept>,
);

/// Category, code, value and body site of a measure; `None` for a note.
fn measured(measure: &Measure) -> Option<Measured> {
    Some(match measure {
        Measure::Pain { score, region } => (
            "survey",
            pain_code(),
            ObservationValue::Integer(i64::from(*score)),
            region.as_deref().map(body_site::region),
        ),
        Measure::Threshold {
            trigger_point,
            side,
            kg_per_cm2,
        } => (
            "exam",
            CodeableConcept::coded(
                Coding::new(
                    MEASURE_SYSTEM,
                    "pressure-pain-threshold",
                    Some("Pressure pain threshold"),
                ),
                "Pressure pain threshold",
            ),
            ObservationValue::Quantity(quantity(kpa(*kg_per_cm2), "kPa", "kPa")),
            Some(body_site::trigger_point(trigger_point, *side)),
        ),
        Measure::RangeOfMotion { movement, degrees } => range_of_motion(movement, *degrees),
        Measure::Function { activity, score } => (
            "survey",
            CodeableConcept::coded(
                Coding::new(
                    MEASURE_SYSTEM,
                    "psfs-activity",
                    Some("Patient-Specific Functional Scale activity (0 unable to 10 as before)"),
                ),
                &format!(
                    "Patient-Specific Functional Scale: {}",
                    non_empty(activity).unwrap_or_else(|| "an activity".into())
                ),
            ),
            ObservationValue::Integer(i64::from(*score)),
            None,
        ),
        Measure::Note { .. } => return None,
    })
}

/// A movement's range: its local code and name, in degrees or (mouth opening) millimetres.
/// The side in a movement id ("-left") is the movement's direction or limb and stays in the
/// code and text, not in a body site.
fn range_of_motion(movement: &str, value: f64) -> Measured {
    let known = movements().iter().find(|m| m.id == movement);
    let name = known.map_or(movement, |m| m.name.as_str());
    let quantity = match known.map(|m| m.unit) {
        Some(Unit::Mm) => quantity(value, "mm", "mm"),
        Some(Unit::Degrees) | None => quantity(value, "°", "deg"),
    };
    (
        "exam",
        CodeableConcept::coded(
            Coding::new(MOVEMENT_SYSTEM, movement, Some(name)),
            &format!("Range of motion: {name}"),
        ),
        ObservationValue::Quantity(quantity),
        None,
    )
}

fn pain_code() -> CodeableConcept {
    CodeableConcept::coded(
        Coding::new(LOINC, LOINC_PAIN, Some(LOINC_PAIN_DISPLAY)),
        "Pain (0-10)",
    )
}

/// kg/cm² (as the algometer reads) to kPa, to 0.1 kPa (the algometer's 0.1 kg/cm² step is
/// 9.8 kPa, so nothing is lost).
fn kpa(kg_per_cm2: f64) -> f64 {
    (kg_per_cm2 * KPA_PER_KG_CM2 * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_kg_per_cm2_is_294_kpa() {
        assert_eq!(kpa(3.0), 294.2);
        assert_eq!(kpa(0.1), 9.8);
    }
}
