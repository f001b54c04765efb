//! The records of a clinic: its settings and staff, invitations, clients with their contact
//! and health details, informed consent, and visits (pain drawing, findings per trigger point
//! and side, treatments, the SOAP note, its signature and addenda).
//!
//! Words a clinician reviews — consent kinds, techniques, tools, responses — are kept as text;
//! which words are accepted is `knot-care`'s clinic rules' to say.

mod client;
mod consent;
mod staff;
mod visit;

pub use client::{Client, ClientDetails, ClientHealth, RetentionFacts};
pub use consent::{Consent, NewConsent};
pub use staff::{Clinic, ClinicSettings, Invitation, Membership, NewInvitation, StaffMember};
pub use visit::{
    Addendum, Finding, NewFinding, NewTreatment, NewVisit, PainMark, RomMeasure, Signature,
    SoapText, Treatment, Visit, VisitRecord,
};
