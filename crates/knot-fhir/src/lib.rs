//! `knot-fhir`: one person's Knot record as an HL7 FHIR R4 `Bundle` of type `collection`, for
//! taking the data to another system ("your data out").
//!
//! Pure: it reads `knot-record` types (gathered in a [`PersonRecord`] by the caller, e.g. from
//! the store) and returns a typed [`Bundle`] that serialises to FHIR JSON. No store, no I/O, no
//! async; the FHIR resources are hand-written serde structs ([`fhir`]) and Knot's model does not
//! know about them. The same record and time always give the same bundle: every `fullUrl` is a
//! `urn:uuid:` derived from the person's and the record's ids ([`map::ids`]), and entries are
//! sorted by time and id whatever order the caller gives.
//!
//! # Mapping
//!
//! | Knot | FHIR R4 |
//! |---|---|
//! | the person (display name, e-mail) | `Patient` (`name.text`, `telecom` email; identifier = Knot person id) |
//! | pain entry 0–10, overall or in a region | `Observation` final, category `survey`, LOINC 72514-3, `valueInteger`; `bodySite` = Knot region id + CHOIR area(s) + SNOMED laterality (left 7771000, right 24028007, midline 399488007) |
//! | pressure pain threshold (kg/cm²) at a trigger point and side | `Observation` category `exam`, local code `pressure-pain-threshold`, `valueQuantity` in UCUM `kPa` (× 98.0665, to 0.1); `bodySite` = trigger point code + the region it is felt in + laterality |
//! | range of motion | `Observation` category `exam`, local movement code, `valueQuantity` UCUM `deg` (`mm` for mouth opening) |
//! | Patient-Specific Functional Scale activity 0–10 | `Observation` category `survey`, local code `psfs-activity`, activity in `code.text`, `valueInteger` |
//! | a remark kept with an entry | that Observation's `note` |
//! | a correcting entry | its Observation has status `amended` |
//! | safety screening questions (knot-care's table) | `Questionnaire` (status active, version = table version, items grouped as asked) |
//! | a completed screening | `QuestionnaireResponse` completed, `authored` = taken at, answers boolean/integer/region codings |
//! | a guided session | `Procedure` completed (or stopped, with the reason), code = technique, `performedPeriod`, `bodySite` = trigger point, `usedCode` = tool, `note` = holds and discomfort, `basedOn` = its plan; performer = the person |
//! | pain before/after a session | `Observation` LOINC 72514-3, `partOf` the Procedure |
//! | a home routine | `CarePlan` intent `plan`, `active` (or `revoked` once replaced), one activity per trigger point with its dose, daily timing and sitting; notes = its safety adjustments |
//!
//! Local codes live under `https://knot.example/fhir/CodeSystem/…` ([`map::codes`]); only the
//! standard codes listed in shared/CLINICAL.md are used, none from memory. The CHOIR Body Map
//! areas are those of Scherrer et al., PAIN Reports 2021;6:e880 (Stanford CHOIR; attribution
//! required wherever their names are shown), as grouped in knot-body's `data/maps.toml`.
//!
//! # Left out, and why
//!
//! - **Free notes** (`Measure::Note`): a diary note says nothing coded; as an Observation it would
//!   be uncoded text posing as a measurement. The `knot-export` format carries them.
//! - **Superseded and deleted diary entries**: history, not data; the current correction is in.
//! - **The screening verdict and findings**: Knot's advice derived from the answers by its rule
//!   table, not observations; the answers themselves are in the QuestionnaireResponse.
//! - **Any diagnosis**: no `Condition` resources. A finder result or a pain pattern is not a
//!   diagnosis, and Knot never claims one (no "myofascial pain syndrome", no trigger point
//!   diagnosis, no fibromyalgia criteria result).
//! - **Clinic records** (consent, SOAP notes, findings by a therapist): a separate export.
//! - **Accounts, sign-ins, audit and security events**: not health data of the person.

#![forbid(unsafe_code)]

pub mod fhir;
pub mod map;

use chrono::{DateTime, Utc};
use knot_record::{Entry, PersonId, Plan, Screening, SessionRecord};

pub use fhir::{Bundle, BundleEntry, Resource};

/// The person a bundle is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// Knot's person id (the same across exports, so resource ids are stable).
    pub id: PersonId,
    pub display_name: String,
    pub email: Option<String>,
}

/// Everything of one person's record that goes into a bundle. The caller reads it (from one
/// snapshot of the store); order does not matter. Entries may include superseded and deleted
/// ones: they are left out here.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonRecord {
    pub person: Person,
    pub entries: Vec<Entry>,
    pub screenings: Vec<Screening>,
    pub sessions: Vec<SessionRecord>,
    /// The active plan and any earlier ones.
    pub plans: Vec<Plan>,
}

/// The person's record as a FHIR R4 `Bundle` (type `collection`, `timestamp` = `generated_at`).
///
/// Entries, in order: the Patient; the screening Questionnaire and each QuestionnaireResponse;
/// the diary Observations; the CarePlans; each session's Procedure with its pain Observations.
pub fn bundle(record: &PersonRecord, generated_at: DateTime<Utc>) -> Bundle {
    map::bundle(record, generated_at)
}

/// The same bundle as a JSON value (to inspect or embed; a `Value`'s object keys are sorted, so
/// `resourceType` is not first).
pub fn bundle_json(record: &PersonRecord, generated_at: DateTime<Utc>) -> serde_json::Value {
    serde_json::to_value(bundle(record, generated_at)).unwrap_or(serde_json::Value::Null)
}

/// The same bundle as indented FHIR JSON text in the conventional element order
/// (`resourceType` first), for a file or a download.
pub fn bundle_text(record: &PersonRecord, generated_at: DateTime<Utc>) -> String {
    serde_json::to_string_pretty(&bundle(record, generated_at)).unwrap_or_default()
}
