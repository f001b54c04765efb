//! Signing a visit, addenda, and checking a signed visit against its hash.
//!
//! Signing is refused with the reason while consent is missing: general consent for what is
//! charted, and written consent for work in a sensitive area, in force when it was done. The
//! check and the hash both run in the store's signing transaction, on the visit and the
//! consents as read there (a withdrawal racing the signature either commits first and is seen,
//! or waits for the signature), so neither a chart entry nor a withdrawal can slip in between. A signed visit never changes: later words are dated
//! addenda by named staff, and [`App::verify_visit`] recomputes the hash to prove it.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use knot_store::Seal;

use knot_record::clinic::{Addendum, Consent, Visit, VisitRecord};
use knot_record::{RecordId, TenantCtx};

use crate::clinic::rules;
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
        let atlas = self.atlas;
        let seal: Seal = Arc::new(move |record, consents, at, by| {
            let gaps = consent_gaps(atlas, record, consents).map_err(|e| e.to_string())?;
            if gaps.is_empty() {
                Ok(visit_hash(record, at, by))
            } else {
                Err(format!(
                    "the visit cannot be signed yet: {}",
                    gaps.join("; ")
                ))
            }
        });
        Ok(self.store.clinic().sign_visit(ctx, visit, at, seal).await?)
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

/// What consent is missing for signing `record`: general consent for everything charted, and
/// the area's written consent for work in a sensitive area (`knot_care::clinic::consent_gaps`).
fn consent_gaps(
    atlas: &knot_atlas::Atlas,
    record: &VisitRecord,
    consents: &[Consent],
) -> AppResult<Vec<String>> {
    let charted = rules::charted(record);
    if charted.is_empty() {
        // A visit with nothing hands-on charted still needs general consent to be signed.
        let general = rules::consents(consents).iter().any(|consent| {
            consent.kind == knot_care::clinic::ConsentKind::General
                && consent.in_force_at(record.visit.visit.started_at)
        });
        return Ok(if general {
            Vec::new()
        } else {
            vec!["record the client's general consent first".into()]
        });
    }
    let gaps = knot_care::clinic::consent_gaps(atlas, &charted, &rules::consents(consents))
        .map_err(|invalid| AppError::invalid(invalid.to_string()))?;
    Ok(gaps.iter().map(|gap| gap.message()).collect())
}
