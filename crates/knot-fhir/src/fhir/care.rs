//! The FHIR R4 `Procedure` (a guided self-treatment session) and `CarePlan` (a home routine).

use serde::Serialize;

use super::datatypes::{Annotation, CodeableConcept, Identifier, Period, Reference, Timing};

/// Something done to the patient: here, a self-treatment session.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Procedure {
    pub id: String,
    pub identifier: Vec<Identifier>,
    /// The home plan the session was part of.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub based_on: Vec<Reference>,
    /// `completed`, or `stopped` for a session that ended early.
    pub status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_reason: Option<CodeableConcept>,
    pub code: CodeableConcept,
    pub subject: Reference,
    pub performed_period: Period,
    pub performer: Vec<Performer>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub body_site: Vec<CodeableConcept>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub note: Vec<Annotation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub used_code: Vec<CodeableConcept>,
}

/// Who performed a procedure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Performer {
    pub actor: Reference,
}

/// A plan of care: here, a home trigger point routine.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CarePlan {
    pub id: String,
    pub identifier: Vec<Identifier>,
    /// `active` for the plan in use, `revoked` for one a newer plan replaced.
    pub status: String,
    pub intent: String,
    pub title: String,
    pub description: String,
    pub subject: Reference,
    pub created: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub activity: Vec<CarePlanActivity>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub note: Vec<Annotation>,
}

/// One activity of a plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CarePlanActivity {
    pub detail: ActivityDetail,
}

/// What the activity is, when, and how it stands.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ActivityDetail {
    pub code: CodeableConcept,
    pub status: String,
    pub scheduled_timing: Timing,
    pub description: String,
}
