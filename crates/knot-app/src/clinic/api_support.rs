//! Reads the JSON API needs beside the use cases: the clinic itself (name and settings) for any
//! member of its staff, and a client's visits.

use knot_record::clinic::{Clinic, VisitRecord};
use knot_record::{ClinicCtx, TenantCtx};

use crate::error::AppResult;
use crate::App;

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
