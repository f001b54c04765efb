//! What an audit row says, whichever backend writes it: who acted, on whose records, what
//! they did to which record, and where the request came from. Never the data itself or a
//! secret. Each backend writes these rows in the transaction of what they record.

use chrono::Utc;

use crate::origin::{current_origin, AuditOrigin};
use knot_record::RecordId;
use knot_record::{ClinicId, PersonId, TenantCtx, UserId};

/// The actions the store writes.
pub const READ: &str = "read";
pub const CREATE: &str = "create";
pub const CORRECT: &str = "correct";
pub const DELETE: &str = "delete";
pub const SIGN_IN: &str = "sign-in";
pub const SIGN_OUT: &str = "sign-out";
/// An account was given a sign-in, or a new password (never the password or its hash).
pub const CHANGE_LOGIN: &str = "change-login";
/// An account and every record of its person were erased (the row names only the account).
pub const ERASE: &str = "erase";

/// Who acted, and on whose records.
#[derive(Debug, Clone, Copy)]
pub struct Actor {
    pub clinic_id: ClinicId,
    pub user_id: UserId,
    pub person_id: Option<PersonId>,
}

impl From<&TenantCtx> for Actor {
    fn from(ctx: &TenantCtx) -> Actor {
        Actor {
            clinic_id: ctx.clinic_id(),
            user_id: ctx.user_id(),
            person_id: Some(ctx.person_id()),
        }
    }
}

/// One audit row to write.
#[derive(Debug, Clone)]
pub struct AuditRow {
    pub at: chrono::DateTime<Utc>,
    pub actor: Actor,
    pub action: &'static str,
    pub record: &'static str,
    pub record_id: Option<RecordId>,
    pub origin: AuditOrigin,
}

impl AuditRow {
    /// The row for a read of `record` by `ctx`, from the current request's origin.
    pub fn read(ctx: &TenantCtx, record: &'static str, record_id: Option<RecordId>) -> AuditRow {
        AuditRow {
            at: Utc::now(),
            actor: Actor::from(ctx),
            action: READ,
            record,
            record_id,
            origin: current_origin(),
        }
    }
}
