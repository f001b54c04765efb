//! The content of a signed SOAP note and its SHA-256 hash, stored when the note is signed so that
//! any later change to the note (rather than an addendum) shows.
//!
//! The encoding is written out by hand rather than left to serde, so that it stays the same
//! whatever a serializer or a time formatter does in a later version: a version tag, then every
//! field in a fixed order; integers as 8 big-endian bytes, times as seconds and nanoseconds
//! since 1970 UTC, booleans as one byte, optional values behind a 0/1 byte, lists behind their
//! length, text as its UTF-8 byte length and bytes (exactly as stored, not normalised), and
//! decimals as their IEEE-754 bits (with -0 taken as 0). Every text and list carries its length,
//! so no two different notes encode the same ("ab" + "c" is not "a" + "bc").
//!
//! The order of findings, treatments and measurements is part of the content: the chart is
//! signed in the order the therapist wrote it, and reordering it is a change to the note.
//!
//! Version 2 added the health-change answer and the pain drawing, and writes a measurement's
//! missing side as missing (version 1 had neither, and could not tell no side from midline).
//! Only the current layout is computed: the stored hash does not say which layout it was made
//! with, so a visit signed under version 1 would verify as changed. That is acceptable only
//! because clinic mode was never released, so no visit was signed under version 1.

use chrono::{DateTime, Utc};
use knot_record::{PersonId, RecordId, UserId};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::findings::Finding;
use super::rom::RangeOfMotion;
use super::soap::PainMark;
use super::treatment::TreatmentEntry;

/// The tag that starts every encoding; a new layout gets a new tag, so no two layouts can
/// produce the same bytes.
pub const ENCODING_VERSION: &str = "knot-signed-note/2";

/// Everything a signature covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignedNoteContent {
    pub visit_id: RecordId,
    pub client_id: PersonId,
    pub therapist_id: UserId,
    pub signed_at: DateTime<Utc>,
    pub subjective: String,
    pub objective: String,
    pub assessment: String,
    pub plan: String,
    /// The answer to the health-change question, exactly as recorded.
    pub health_change: String,
    /// The client's pain drawing, in the order stored.
    pub pain_drawing: Vec<PainMark>,
    pub findings: Vec<Finding>,
    pub treatments: Vec<TreatmentEntry>,
    pub range_of_motion: Vec<RangeOfMotion>,
}

/// The hex SHA-256 of [`canonical_bytes`].
pub fn note_hash(content: &SignedNoteContent) -> String {
    let digest = Sha256::digest(canonical_bytes(content));
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The canonical encoding of the content (see the module documentation).
pub fn canonical_bytes(content: &SignedNoteContent) -> Vec<u8> {
    let mut out = Encoder(Vec::with_capacity(1024));
    out.text(ENCODING_VERSION);
    out.int(content.visit_id);
    out.int(content.client_id);
    out.int(content.therapist_id);
    out.time(content.signed_at);
    for text in [
        &content.subjective,
        &content.objective,
        &content.assessment,
        &content.plan,
    ] {
        out.text(text);
    }
    out.text(&content.health_change);
    out.count(content.pain_drawing.len());
    for mark in &content.pain_drawing {
        out.text(&mark.region);
        out.int(i64::from(mark.intensity));
    }
    out.count(content.findings.len());
    for f in &content.findings {
        finding(&mut out, f);
    }
    out.count(content.treatments.len());
    for t in &content.treatments {
        treatment(&mut out, t);
    }
    out.count(content.range_of_motion.len());
    for r in &content.range_of_motion {
        out.text(&r.movement);
        out.decimal(r.degrees);
        out.option(r.side, |out, side| out.text(side.as_str()));
        out.flag(r.painful);
    }
    out.0
}

fn finding(out: &mut Encoder, f: &Finding) {
    out.text(&f.trigger_point);
    out.text(f.side.as_str());
    out.time(f.at);
    for flag in [f.tender, f.taut_band, f.referral_reproduced] {
        out.flag(flag);
    }
    out.count(f.referred_to.len());
    for region in &f.referred_to {
        out.text(region);
    }
    out.flag(f.local_twitch);
    out.flag(f.jump_sign);
    out.option(f.pressure_threshold_kpa, Encoder::decimal);
    out.text(&f.note);
}

fn treatment(out: &mut Encoder, t: &TreatmentEntry) {
    out.text(&t.trigger_point);
    out.text(t.side.as_str());
    out.time(t.at);
    out.text(&t.technique);
    out.text(&t.tool);
    for value in [t.discomfort, t.hold_seconds, t.passes] {
        out.option(value, Encoder::int);
    }
    out.text(&t.response);
}

struct Encoder(Vec<u8>);

impl Encoder {
    fn int(&mut self, value: i64) {
        self.0.extend_from_slice(&value.to_be_bytes());
    }

    fn count(&mut self, n: usize) {
        self.0.extend_from_slice(&(n as u64).to_be_bytes());
    }

    fn text(&mut self, text: &str) {
        self.count(text.len());
        self.0.extend_from_slice(text.as_bytes());
    }

    fn flag(&mut self, value: bool) {
        self.0.push(u8::from(value));
    }

    fn time(&mut self, at: DateTime<Utc>) {
        self.int(at.timestamp());
        self.0
            .extend_from_slice(&at.timestamp_subsec_nanos().to_be_bytes());
    }

    fn decimal(&mut self, value: f64) {
        let value = if value == 0.0 { 0.0 } else { value };
        self.0.extend_from_slice(&value.to_bits().to_be_bytes());
    }

    fn option<T>(&mut self, value: Option<T>, write: fn(&mut Encoder, T)) {
        match value {
            None => self.flag(false),
            Some(v) => {
                self.flag(true);
                write(self, v);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clinic::findings::tests::finding;
    use crate::clinic::point::ChartSide;
    use crate::clinic::treatment::tests::entry;
    use chrono::TimeZone;

    fn note() -> SignedNoteContent {
        let mut second = finding("levator-scapulae-upper", ChartSide::Right);
        second.referred_to = vec!["right-neck-angle".into()];
        SignedNoteContent {
            visit_id: 41,
            client_id: 7,
            therapist_id: 3,
            signed_at: Utc.with_ymd_and_hms(2027, 3, 1, 11, 0, 0).unwrap(),
            subjective: "S".into(),
            objective: "O".into(),
            assessment: "A".into(),
            plan: "P".into(),
            health_change: "none".into(),
            pain_drawing: vec![PainMark {
                region: "right-temple".into(),
                intensity: 6,
            }],
            findings: vec![finding("upper-trapezius-1", ChartSide::Right), second],
            treatments: vec![entry("sustained-compression", Some(60))],
            range_of_motion: vec![RangeOfMotion {
                movement: "cervical-rotation-left".into(),
                degrees: 60.0,
                side: Some(ChartSide::Left),
                painful: true,
            }],
        }
    }

    #[test]
    fn the_hash_is_hex_sha256_and_stable() {
        let hash = note_hash(&note());
        assert_eq!(hash.len(), 64);
        assert!(hash
            .chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
        assert_eq!(hash, note_hash(&note().clone()));
    }

    /// Pins the layout: a change to the encoding must come with a new ENCODING_VERSION.
    #[test]
    fn the_encoding_of_a_known_note_does_not_drift() {
        insta::assert_snapshot!(note_hash(&note()));
    }

    type Edit = fn(&mut SignedNoteContent);

    #[test]
    fn any_single_field_change_changes_the_hash() {
        let base = note_hash(&note());
        let edits: Vec<(&str, Edit)> = vec![
            ("visit", |n| n.visit_id += 1),
            ("client", |n| n.client_id += 1),
            ("therapist", |n| n.therapist_id += 1),
            ("signed_at", |n| {
                n.signed_at += chrono::Duration::nanoseconds(1)
            }),
            ("subjective", |n| n.subjective.push(' ')),
            ("objective", |n| n.objective = "o".into()),
            ("assessment", |n| n.assessment.clear()),
            ("plan", |n| n.plan.push('.')),
            ("finding side", |n| n.findings[0].side = ChartSide::Left),
            ("finding flag", |n| n.findings[0].jump_sign = true),
            ("finding ppt", |n| {
                n.findings[0].pressure_threshold_kpa = Some(250.5)
            }),
            ("finding ppt gone", |n| {
                n.findings[0].pressure_threshold_kpa = None
            }),
            ("finding referral", |n| {
                n.findings[0].referred_to.push("right-eye".into())
            }),
            ("finding time", |n| {
                n.findings[1].at += chrono::Duration::seconds(1)
            }),
            ("treatment hold", |n| {
                n.treatments[0].hold_seconds = Some(61)
            }),
            ("treatment passes gone", |n| n.treatments[0].passes = None),
            ("treatment tool", |n| n.treatments[0].tool = "elbow".into()),
            ("rom degrees", |n| n.range_of_motion[0].degrees = 61.0),
            ("rom painful", |n| n.range_of_motion[0].painful = false),
            ("rom side gone", |n| n.range_of_motion[0].side = None),
            ("health change", |n| n.health_change = "new medicine".into()),
            ("pain intensity", |n| n.pain_drawing[0].intensity = 7),
            ("pain region", |n| {
                n.pain_drawing[0].region = "left-temple".into()
            }),
            ("pain drawing cleared", |n| n.pain_drawing.clear()),
            ("finding removed", |n| {
                n.findings.pop();
            }),
            ("rom added", |n| {
                n.range_of_motion.push(n.range_of_motion[0].clone())
            }),
        ];
        for (what, edit) in edits {
            let mut changed = note();
            edit(&mut changed);
            assert_ne!(note_hash(&changed), base, "{what}");
        }
    }

    #[test]
    fn shifting_a_boundary_between_fields_changes_the_hash() {
        let mut a = note();
        (a.subjective, a.objective) = ("ab".into(), "c".into());
        let mut b = note();
        (b.subjective, b.objective) = ("a".into(), "bc".into());
        assert_ne!(note_hash(&a), note_hash(&b));

        let mut a = note();
        a.findings[0].referred_to = vec!["right-temple".into(), "right-eye".into()];
        a.findings[0].note = String::new();
        let mut b = a.clone();
        b.findings[0].referred_to = vec!["right-temple".into()];
        b.findings[0].note = "right-eye".into();
        assert_ne!(
            note_hash(&a),
            note_hash(&b),
            "a list item moved into the next text"
        );
    }

    #[test]
    fn the_order_of_findings_is_part_of_the_content() {
        let mut swapped = note();
        swapped.findings.reverse();
        assert_ne!(note_hash(&swapped), note_hash(&note()));
    }

    #[test]
    fn a_measurement_without_a_side_is_not_a_midline_one() {
        let mut none = note();
        none.range_of_motion[0].side = None;
        let mut midline = note();
        midline.range_of_motion[0].side = Some(ChartSide::Midline);
        assert_ne!(note_hash(&none), note_hash(&midline));
    }

    #[test]
    fn negative_zero_reads_as_zero() {
        let mut a = note();
        a.range_of_motion[0].degrees = 0.0;
        let mut b = note();
        b.range_of_motion[0].degrees = -0.0;
        assert_eq!(note_hash(&a), note_hash(&b));
    }
}
