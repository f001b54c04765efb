//! The rules of a registered massage therapist's clinical records, as pure functions for the
//! clinic use cases in `knot-app` to call.
//!
//! A visit goes: the health-change question and the yearly review of the health history
//! (`review`), consent in force for what is charted (`consent`, with the sensitive areas in
//! `sensitive`), palpation findings and treatment entries charted on the atlas (`findings`,
//! `treatment`, checked against the safety rules of `crate::safety` in `flags`), a SOAP draft in
//! plain clinical words (`soap`), and the note's hash when it is signed (`signature`). How long
//! the records are kept is `retention`. Nothing here stores, reads a clock or renders a page:
//! the caller passes the time in.

mod consent;
mod error;
mod findings;
mod flags;
mod point;
mod retention;
mod review;
mod rom;
mod sensitive;
mod signature;
mod soap;
mod treatment;
mod wording;

pub use consent::{consent_gaps, Charted, Consent, ConsentGap, ConsentKind, Place};
pub use error::{Invalid, Problem};
pub use findings::{threshold_kpa_range, validate_finding, Finding};
pub use flags::{finding_warnings, treatment_warnings, Warning};
pub use point::ChartSide;
pub use retention::{keep_until, may_delete, RetentionSettings};
pub use review::{may_start_visit, screening_due, HealthChange, VisitBlock};
pub use rom::{validate_rom, RangeOfMotion};
pub use sensitive::{
    sensitive_areas_of_place, sensitive_areas_of_region, sensitive_areas_of_trigger_point,
    SensitiveArea,
};
pub use signature::{canonical_bytes, note_hash, SignedNoteContent, ENCODING_VERSION};
pub use soap::{draft_soap, PainMark, SoapDraft, VisitSummary};
pub use treatment::{
    validate_treatment, Technique, TreatmentEntry, CLINIC_TECHNIQUES, CLINIC_TOOLS,
    DAVIES_MAX_STROKES, MAX_PLAUSIBLE_HOLD_SECONDS,
};
