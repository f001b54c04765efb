//! The SOAP draft: `knot_care::clinic::draft_soap` over what the visit charted (pain drawing,
//! health-change answer, findings, range of motion, treatments). Nothing is saved; the therapist
//! edits the draft and saves it with [`App::set_soap`].

use knot_care::clinic as care;

use knot_record::{RecordId, TenantCtx};

use crate::clinic::rules;
use crate::error::AppResult;
use crate::App;

/// A drafted note, and whether the visit is already signed.
#[derive(Debug, Clone)]
pub struct DraftedSoap {
    pub draft: care::SoapDraft,
    /// Drafting is a read, so a signed visit still gets a draft; its note can no longer change,
    /// so words from the draft go in an addendum.
    pub signed: bool,
}

impl App {
    /// Drafts the visit's SOAP note from what it charted, without saving it.
    pub async fn draft_soap(&self, ctx: &TenantCtx, visit: RecordId) -> AppResult<DraftedSoap> {
        let record = self.store.clinic().visit(ctx, visit).await?;
        Ok(DraftedSoap {
            draft: care::draft_soap(self.atlas, &rules::summary(&record)),
            signed: record.visit.signature.is_some(),
        })
    }
}
