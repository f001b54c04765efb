//! The hash a signature locks a visit with: `knot_care::clinic::note_hash` of what the
//! signature covers (the note, the health-change answer, the pain drawing, findings, treatments
//! and range of motion, who signed and when), never the addenda.

use chrono::{DateTime, Utc};

use knot_record::clinic::VisitRecord;
use knot_record::UserId;

use crate::clinic::rules::signed_content;

/// The note hash of `record` as signed by `signed_by` at `signed_at`.
pub fn visit_hash(record: &VisitRecord, signed_at: DateTime<Utc>, signed_by: UserId) -> String {
    knot_care::clinic::note_hash(&signed_content(record, signed_at, signed_by))
}
