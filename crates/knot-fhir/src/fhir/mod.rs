//! The FHIR R4 resources and datatypes Knot writes, as hand-written serde structs: only the
//! elements Knot fills, serialised in FHIR's JSON form (camelCase names, `value[x]` choices as
//! `valueInteger`/`valueQuantity`/…, empty elements left out). Nothing here knows Knot's records;
//! `crate::map` builds these from them.

mod bundle;
mod care;
mod datatypes;
mod observation;
mod questionnaire;

pub use bundle::{Bundle, BundleEntry, Patient, Resource};
pub use care::{ActivityDetail, CarePlan, CarePlanActivity, Performer, Procedure};
pub use datatypes::{
    Annotation, CodeableConcept, Coding, ContactPoint, Extension, HumanName, Identifier, Period,
    Quantity, Reference, Timing, TimingRepeat,
};
pub use observation::{Observation, ObservationValue};
pub use questionnaire::{
    Answer, Questionnaire, QuestionnaireItem, QuestionnaireResponse, ResponseItem,
};
