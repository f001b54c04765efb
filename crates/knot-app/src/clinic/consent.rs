//! Informed consent: recording it (signed and dated, by the client or a named guardian) and
//! recording its withdrawal, also mid-visit.

use chrono::{DateTime, Utc};

use knot_record::clinic::{Consent, NewConsent};
use knot_record::{RecordId, TenantCtx};

use crate::error::{AppError, AppResult};
use crate::App;

/// The consent kinds the store accepts until `knot_care::clinic` names them.
// TODO(clinic-rules): take the list (and its wording) from knot_care::clinic.
const KINDS: [&str; 5] = [
    "general",
    "breast",
    "chest-wall",
    "upper-inner-thigh",
    "buttocks",
];

impl App {
    pub async fn record_consent(&self, ctx: &TenantCtx, new: &NewConsent) -> AppResult<Consent> {
        if !KINDS.contains(&new.kind.as_str()) {
            return Err(AppError::invalid(format!(
                "{:?} is not a kind of consent; use one of {}",
                new.kind,
                KINDS.join(", ")
            )));
        }
        if new.given_by.trim().is_empty() {
            return Err(AppError::invalid(
                "say who signed: the client, or the guardian's name",
            ));
        }
        Ok(self.store.clinic().add_consent(ctx, new).await?)
    }

    pub async fn withdraw_consent(
        &self,
        ctx: &TenantCtx,
        id: RecordId,
        at: DateTime<Utc>,
        note: &str,
    ) -> AppResult<Consent> {
        Ok(self
            .store
            .clinic()
            .withdraw_consent(ctx, id, at, note.trim())
            .await?)
    }

    pub async fn consents(&self, ctx: &TenantCtx) -> AppResult<Vec<Consent>> {
        Ok(self.store.clinic().consents(ctx).await?)
    }
}
