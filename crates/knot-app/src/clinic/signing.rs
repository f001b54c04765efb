//! Signing a visit, addenda, and checking a signed visit against its hash.
//!
//! Signing is refused with the reason while consent is missing: general consent must be in
//! force. The store then hashes the visit as stored, in the transaction that signs it, so
//! nothing charted can slip in between. A signed visit never changes: later words are dated
//! addenda by named staff, and [`App::verify_visit`] recomputes the hash to prove it.

use chrono::{DateTime, Utc};

use knot_record::clinic::{Addendum, Consent, Visit, VisitRecord};
use knot_record::{RecordId, TenantCtx};

use crate::clinic::seal::visit_hash;
use crate::error::{AppError, AppResult};
use crate::App;

/// A signed visit's stored hash beside the hash of what is stored now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitCheck {
    pub visit_id: RecordId,
    pub stored: String,
    pub recomputed: String,
}

impl VisitCheck {
    /// Whether the visit is exactly as it was signed.
    pub fn matches(&self) -> bool {
        self.stored == self.recomputed
    }
}

impl App {
    /// Signs the visit as the context's user at `at`. `Conflict` with the reason when consent
    /// is missing, or when the visit is already signed.
    pub async fn sign_visit(
        &self,
        ctx: &TenantCtx,
        visit: RecordId,
        at: DateTime<Utc>,
    ) -> AppResult<Visit> {
        let record = self.store.clinic().visit(ctx, visit).await?;
        if record.visit.signature.is_some() {
            return Err(AppError::Conflict(
                "the visit is already signed; add an addendum".into(),
            ));
        }
        let consents = self.store.clinic().consents(ctx).await?;
        let gaps = consent_gaps(&record, &consents, at);
        if !gaps.is_empty() {
            return Err(AppError::Conflict(format!(
                "the visit cannot be signed yet: {}",
                gaps.join("; ")
            )));
        }
        Ok(self
            .store
            .clinic()
            .sign_visit(ctx, visit, at, visit_hash)
            .await?)
    }

    /// Adds a dated addendum, by the context's user, to a signed visit.
    pub async fn add_addendum(
        &self,
        ctx: &TenantCtx,
        visit: RecordId,
        at: DateTime<Utc>,
        text: &str,
    ) -> AppResult<Addendum> {
        let text = text.trim();
        if text.is_empty() {
            return Err(AppError::invalid("write the addendum's text"));
        }
        Ok(self
            .store
            .clinic()
            .add_addendum(ctx, visit, at, text)
            .await?)
    }

    /// Recomputes a signed visit's hash from what is stored and sets it beside the stored one.
    /// `Conflict` for a visit not signed yet.
    pub async fn verify_visit(&self, ctx: &TenantCtx, visit: RecordId) -> AppResult<VisitCheck> {
        let record = self.store.clinic().visit(ctx, visit).await?;
        let Some(signature) = record.visit.signature.clone() else {
            return Err(AppError::Conflict(
                "the visit is not signed, so there is no hash to check".into(),
            ));
        };
        Ok(VisitCheck {
            visit_id: visit,
            recomputed: visit_hash(&record, signature.signed_at, signature.signed_by),
            stored: signature.hash,
        })
    }
}

/// What consent is missing for signing `record` at `at`.
///
/// TODO(clinic-rules): replace with `knot_care::clinic::consent_gaps`, which also checks
/// consent for sensitive areas (breast, chest wall, upper inner thigh, buttocks) against the
/// regions the visit's treatments touch; until then only general consent is checked, and the
/// ignored test `a_sensitive_area_without_its_consent_blocks_signing` in `tests/clinic.rs`
/// shows what is missing.
fn consent_gaps(record: &VisitRecord, consents: &[Consent], at: DateTime<Utc>) -> Vec<String> {
    let _ = record;
    let general = consents
        .iter()
        .any(|consent| consent.consent.kind == "general" && consent.in_force_at(at));
    if general {
        Vec::new()
    } else {
        vec!["record the client's general consent first".into()]
    }
}
