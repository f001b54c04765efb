//! Reads the JSON API needs beside the use cases: the clinic itself (name and settings) for any
//! member of its staff, the clinics an account works in, a client's visits, and a page of the
//! clinic's audit log for its admins.

use knot_record::clinic::{Clinic, VisitRecord};
use knot_record::{AuditEvent, ClinicCtx, RecordId, Role, TenantCtx};

use crate::error::{AppError, AppResult};
use crate::{Actor, App};

impl App {
    /// The clinic of `ctx`: its name and settings.
    pub async fn clinic_info(&self, ctx: &ClinicCtx) -> AppResult<Clinic> {
        Ok(self.store.clinic().clinic(ctx).await?)
    }
}

impl App {
    /// The client's visits, oldest first, each with everything charted in it.
    pub async fn client_visits(&self, ctx: &TenantCtx) -> AppResult<Vec<VisitRecord>> {
        Ok(self.store.clinic().visits(ctx).await?)
    }
}

/// The most audit rows one call returns.
pub const MAX_AUDIT_PAGE: u32 = 500;

impl App {
    /// A page of the clinic's audit log, newest first: at most `limit` rows (1 to
    /// [`MAX_AUDIT_PAGE`]) with an id below `before`.
    pub async fn clinic_audit(
        &self,
        ctx: &ClinicCtx,
        limit: u32,
        before: Option<RecordId>,
    ) -> AppResult<Vec<AuditEvent>> {
        if !(1..=MAX_AUDIT_PAGE).contains(&limit) {
            return Err(AppError::invalid(format!(
                "limit is {limit}; give 1 to {MAX_AUDIT_PAGE}"
            )));
        }
        Ok(self.store.clinic().audit_rows(ctx, limit, before).await?)
    }
}

impl App {
    /// The clinics `actor` is on the staff of, with the role held in each.
    pub async fn my_clinics(&self, actor: &Actor) -> AppResult<Vec<(Clinic, Role)>> {
        Ok(self
            .store
            .clinic()
            .staff_clinics(actor.principal().user_id)
            .await?)
    }
}
