//! The FHIR R4 `Observation`: one measured or reported value (pain, pressure pain threshold,
//! range of motion, a functional-scale activity).

use serde::Serialize;

use super::datatypes::{Annotation, CodeableConcept, Identifier, Quantity, Reference};

/// An observation about the patient.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Observation {
    pub id: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub identifier: Vec<Identifier>,
    /// A procedure the observation was taken during (pain before and after a session).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub part_of: Vec<Reference>,
    /// `final`, or `amended` for a diary entry that corrects an earlier one.
    pub status: String,
    pub category: Vec<CodeableConcept>,
    pub code: CodeableConcept,
    pub subject: Reference,
    pub effective_date_time: String,
    /// When Knot stored it (an instant).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issued: Option<String>,
    #[serde(flatten)]
    pub value: ObservationValue,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub note: Vec<Annotation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body_site: Option<CodeableConcept>,
}

/// `Observation.value[x]`: the forms Knot writes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum ObservationValue {
    #[serde(rename = "valueInteger")]
    Integer(i64),
    #[serde(rename = "valueQuantity")]
    Quantity(Quantity),
}
