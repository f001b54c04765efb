//! `knot-record`: the nouns Knot keeps — ids, screenings, diary entries and their measures,
//! treatment sessions, home plans, accounts, audit and security events, a clinic's records
//! ([`clinic`]) — and [`TenantCtx`] and [`ClinicCtx`], the permissions store calls need.
//!
//! Plain data only: no database, no async runtime, no rules. What makes a value valid is decided
//! in `knot-care` and `knot-app`; how it is kept, in `knot-store`. A `New…` type is what a
//! caller hands in; the stored type adds the id, the owner and the time it was written.

#![forbid(unsafe_code)]

mod account;
mod audit;
pub mod clinic;
mod clinic_ctx;
mod diary;
mod live_session;
mod plan;
mod report;
mod screening;
mod security;
mod session;
mod tenant;

pub use account::{Account, NewLogin, WebSession};
pub use audit::AuditEvent;
pub use clinic_ctx::ClinicCtx;
pub use diary::{Entry, EntryFilter, Measure, NewEntry};
/// Which side of the body: the body scheme's own type, used by every record that has a side.
pub use knot_body::Side;
pub use live_session::LiveSession;
pub use plan::{NewPlan, Plan, PlanItem};
pub use report::ReportRecords;
pub use screening::{NewScreening, Screening};
pub use security::{NewSecurityEvent, SecurityEvent, SecurityEventKind};
pub use session::{HoldRecord, NewSession, SessionOutcome, SessionRecord};
pub use tenant::{ClinicId, PersonId, Principal, Role, TenantCtx, UserId};

/// A stored record's id (unique within its table).
pub type RecordId = i64;
