//! The code systems and codes the bundle uses: the standard ones (LOINC, SNOMED CT laterality
//! qualifiers, UCUM, HL7's observation categories) and Knot's local systems, all under
//! [`LOCAL_BASE`]. Standard codes are only those listed in shared/CLINICAL.md; nothing else is
//! coded from memory, so everything Knot-specific carries a local code and plain text.

use knot_body::Side;

use crate::fhir::{CodeableConcept, Coding, Quantity};

/// The base of Knot's local code systems, identifier systems and canonical URLs.
pub const LOCAL_BASE: &str = "https://knot.example/fhir";

pub const LOINC: &str = "http://loinc.org";
pub const SNOMED: &str = "http://snomed.info/sct";
pub const UCUM: &str = "http://unitsofmeasure.org";
pub const OBSERVATION_CATEGORY: &str = "http://terminology.hl7.org/CodeSystem/observation-category";

/// LOINC for a 0–10 pain rating.
pub const LOINC_PAIN: &str = "72514-3";
pub const LOINC_PAIN_DISPLAY: &str =
    "Pain severity - 0-10 verbal numeric rating [Score] - Reported";

/// Knot's body region ids (`right-temple`, `sacrum`).
pub const REGION_SYSTEM: &str = "https://knot.example/fhir/CodeSystem/body-region";
/// CHOIR Body Map area ids (101–136 front, 201–238 back; Scherrer et al. 2021).
pub const CHOIR_SYSTEM: &str = "https://knot.example/fhir/CodeSystem/choir-body-map";
/// Knot's atlas trigger point ids, side-less (`upper-trapezius-1`).
pub const TRIGGER_POINT_SYSTEM: &str = "https://knot.example/fhir/CodeSystem/trigger-point";
/// Knot's range-of-motion movement ids (`cervical-rotation-left`).
pub const MOVEMENT_SYSTEM: &str = "https://knot.example/fhir/CodeSystem/movement";
/// Knot's measures that have no standard code here (`pressure-pain-threshold`, `psfs-activity`).
pub const MEASURE_SYSTEM: &str = "https://knot.example/fhir/CodeSystem/measure";
/// The atlas's self-treatment techniques (`sustained-compression`).
pub const TECHNIQUE_SYSTEM: &str = "https://knot.example/fhir/CodeSystem/technique";
/// The atlas's tools (`thumb`, `massage-ball`).
pub const TOOL_SYSTEM: &str = "https://knot.example/fhir/CodeSystem/tool";
/// The safety screening questionnaire's canonical URL.
pub const SCREENING_URL: &str = "https://knot.example/fhir/Questionnaire/safety-screening";

/// The identifier system of one kind of Knot record ("person", "diary-entry", …).
pub fn identifier_system(kind: &str) -> String {
    format!("{LOCAL_BASE}/sid/{kind}")
}

/// The SNOMED CT laterality qualifier of a side: left 7771000, right 24028007, midline
/// 399488007 (shared/CLINICAL.md). Knot records one side per place, so "right and left"
/// (51440002) never arises: both sides are two records.
pub fn laterality(side: Side) -> Coding {
    let (code, display) = match side {
        Side::Left => ("7771000", "Left"),
        Side::Right => ("24028007", "Right"),
        Side::Midline => ("399488007", "Midline"),
    };
    Coding::new(SNOMED, code, Some(display))
}

/// An `Observation.category` from HL7's list (`survey`, `exam`).
pub fn category(code: &str) -> CodeableConcept {
    let display = match code {
        "survey" => "Survey",
        "exam" => "Exam",
        other => other,
    };
    CodeableConcept {
        coding: vec![Coding::new(OBSERVATION_CATEGORY, code, Some(display))],
        text: None,
    }
}

/// A UCUM quantity: `code` is the UCUM code, `unit` what a person reads.
pub fn quantity(value: f64, unit: &str, code: &str) -> Quantity {
    Quantity {
        value,
        unit: unit.to_string(),
        system: UCUM.to_string(),
        code: code.to_string(),
    }
}
