//! A clinic's use cases: the clinic and its staff ([`staff`]), clients ([`clients`]), consent
//! ([`consent`]), visits, their charting, SOAP draft and signing ([`visits`], [`charting`],
//! [`draft`], [`signing`]) and a client's history
//! ([`history`]). Every call takes a context the access check (`crate::access`) minted after
//! consulting [`permissions`]; the store filters by it again and audits every read and change
//! of a client's records.
//!
//! The rules of clinical records (consent gaps for sensitive areas, the signature hash,
//! retention dates, what a finding or treatment may say, the SOAP draft, when a screening is
//! due) are `knot_care::clinic`'s; [`rules`] turns the stored records into its types.

mod api_support;
mod audit_chain;
mod audit_export;
mod charting;
mod clients;
mod consent;
mod draft;
mod history;
mod invitation_offer;
pub mod permissions;
mod retention;
mod rules;
mod seal;
mod signing;
mod staff;
mod visits;

pub use api_support::MAX_AUDIT_PAGE;
pub use audit_export::{audit_csv, AuditExportRow, AuditNames, StaffName, AUDIT_CSV_HEADER};
pub use charting::{ChartedFinding, ChartedTreatment};
pub use draft::DraftedSoap;
pub use history::{ClientHistory, PointHistory, PointVisit};
pub use invitation_offer::InvitationOffer;
pub use rules::{new_finding, new_treatment};
pub use seal::visit_hash;
pub use signing::VisitCheck;
pub use staff::NewStaffInvitation;
pub use visits::StartedVisit;
