//! Whether a clinic's audit log is still whole: its admins see the chain's state beside the log
//! (`knot audit verify` walks every clinic's; this walks one).

use knot_record::ClinicCtx;
use knot_store::ChainReport;

use super::permissions::{allows, ClinicAction};
use crate::error::{AppError, AppResult};
use crate::App;

impl App {
    /// Walks the hash chain of the clinic of `ctx`; only a role that may view the audit log may.
    pub async fn verify_clinic_audit(&self, ctx: &ClinicCtx) -> AppResult<ChainReport> {
        if !allows(ctx.role(), ClinicAction::ViewAudit) {
            return Err(AppError::Forbidden);
        }
        Ok(self.store.verify_audit_chain(Some(ctx.clinic_id())).await?)
    }
}
