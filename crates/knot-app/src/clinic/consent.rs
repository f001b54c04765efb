//! Informed consent: recording it (signed and dated, by the client or a named guardian) and
//! recording its withdrawal, also mid-visit.

use chrono::{DateTime, Utc};

use knot_care::clinic::ConsentKind;
use knot_record::clinic::{Consent, NewConsent};
use knot_record::{RecordId, TenantCtx};

use crate::error::{AppError, AppResult};
use crate::App;

impl App {
    pub async fn record_consent(&self, ctx: &TenantCtx, new: &NewConsent) -> AppResult<Consent> {
        if ConsentKind::parse(&new.kind).is_none() {
            let kinds: Vec<&str> = ConsentKind::all()
                .into_iter()
                .map(ConsentKind::as_str)
                .collect();
            return Err(AppError::invalid(format!(
                "{:?} is not a kind of consent; use one of {}",
                new.kind,
                kinds.join(", ")
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
