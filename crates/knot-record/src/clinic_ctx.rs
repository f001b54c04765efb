//! [`ClinicCtx`]: permission to act, as one staff member with one role, on a clinic as a whole
//! (its client list, staff, settings and invitations). A client's own records need a
//! [`TenantCtx`](crate::TenantCtx) for that client instead.
//!
//! Like `TenantCtx`, its fields are private and its one constructor is reserved for the
//! application layer's access check (`knot-app`) and the store's tests: `clippy.toml` lists
//! [`ClinicCtx::new`] as a disallowed method, and `tools/check-layers.sh` refuses a literal of
//! it outside knot-record, knot-app and knot-store.

use serde::Serialize;

use crate::tenant::{ClinicId, Role, UserId};

/// Permission to act, as `user_id` holding `role`, on clinic `clinic_id` as a whole.
///
/// ```compile_fail
/// use knot_record::{ClinicCtx, Role};
/// let forged = ClinicCtx { clinic_id: 1, user_id: 1, role: Role::Admin };
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ClinicCtx {
    clinic_id: ClinicId,
    user_id: UserId,
    role: Role,
}

impl ClinicCtx {
    /// A context for `user_id`, a member of `clinic_id` with `role`.
    ///
    /// Reserved: only `knot-app`'s access check (which looked the membership up and checked
    /// the permission table) and the store's tests call it.
    pub fn new(clinic_id: ClinicId, user_id: UserId, role: Role) -> ClinicCtx {
        ClinicCtx {
            clinic_id,
            user_id,
            role,
        }
    }

    pub fn clinic_id(&self) -> ClinicId {
        self.clinic_id
    }

    /// The staff member who acts (recorded as the author and in the audit log).
    pub fn user_id(&self) -> UserId {
        self.user_id
    }

    pub fn role(&self) -> Role {
        self.role
    }
}
