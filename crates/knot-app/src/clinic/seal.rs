//! The hash a signature locks a visit with: over the visit (drawing, range of motion, note,
//! health-change answer, who and when) with its findings and treatments, never its addenda.
//!
//! TODO(clinic-rules): this is a stand-in until `knot_care::clinic`'s note-signing hash lands
//! (branch `clinic-rules`); replace the body of [`visit_hash`] with a call to it. The ignored
//! test `signing_uses_knot_cares_signature_hash` in `tests/clinic.rs` is there to be switched on
//! then. Visits signed with this stand-in will not verify under the final rule.

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use knot_record::clinic::VisitRecord;
use knot_record::UserId;

/// The SHA-256 (hex) of what is signed, as canonical JSON.
pub fn visit_hash(record: &VisitRecord, signed_at: DateTime<Utc>, signed_by: UserId) -> String {
    let mut visit = record.visit.clone();
    visit.signature = None;
    let signed = (
        &visit,
        &record.findings,
        &record.treatments,
        signed_at,
        signed_by,
    );
    // Serialising plain records cannot fail; an empty text would still hash distinctly.
    let text = serde_json::to_string(&signed).unwrap_or_default();
    format!("{:x}", Sha256::digest(text.as_bytes()))
}
