//! The FHIR R4 `Bundle` (type `collection`), its entries, the resource types Knot writes, and
//! the `Patient`.

use serde::Serialize;

use super::care::{CarePlan, Procedure};
use super::datatypes::{ContactPoint, HumanName, Identifier};
use super::observation::Observation;
use super::questionnaire::{Questionnaire, QuestionnaireResponse};

/// A collection of resources: one person's record.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "resourceType")]
pub struct Bundle {
    pub identifier: Identifier,
    /// Always `collection`.
    #[serde(rename = "type")]
    pub kind: String,
    /// When the bundle was made.
    pub timestamp: String,
    pub entry: Vec<BundleEntry>,
}

/// One resource of a bundle with the URL other entries refer to it by.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BundleEntry {
    /// `urn:uuid:…`, derived from Knot's ids (the same record gives the same URL).
    pub full_url: String,
    pub resource: Resource,
}

/// The resource types Knot writes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "resourceType")]
pub enum Resource {
    Patient(Patient),
    Questionnaire(Questionnaire),
    QuestionnaireResponse(QuestionnaireResponse),
    Observation(Observation),
    Procedure(Procedure),
    CarePlan(CarePlan),
}

impl Resource {
    /// The resource's type name, as in `resourceType`.
    pub fn type_name(&self) -> &'static str {
        match self {
            Resource::Patient(_) => "Patient",
            Resource::Questionnaire(_) => "Questionnaire",
            Resource::QuestionnaireResponse(_) => "QuestionnaireResponse",
            Resource::Observation(_) => "Observation",
            Resource::Procedure(_) => "Procedure",
            Resource::CarePlan(_) => "CarePlan",
        }
    }
}

/// The person the record is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Patient {
    pub id: String,
    pub identifier: Vec<Identifier>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub name: Vec<HumanName>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub telecom: Vec<ContactPoint>,
}
