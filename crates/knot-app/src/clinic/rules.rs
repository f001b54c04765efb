//! The clinic records as `knot_care::clinic`'s rules take them: what a signature covers, what
//! was charted (for the consent gaps), and consent as given.

use chrono::{DateTime, Utc};
use knot_care::clinic as rules;

use knot_record::clinic::{Consent, Finding, RomMeasure, Treatment, VisitRecord};
use knot_record::UserId;

/// What a signature by `signed_by` at `signed_at` covers.
pub fn signed_content(
    record: &VisitRecord,
    signed_at: DateTime<Utc>,
    signed_by: UserId,
) -> rules::SignedNoteContent {
    let soap = &record.visit.soap;
    rules::SignedNoteContent {
        visit_id: record.visit.id,
        client_id: record.visit.person_id,
        // The signer answers for the note.
        therapist_id: signed_by,
        signed_at,
        subjective: soap.subjective.clone(),
        objective: soap.objective.clone(),
        assessment: soap.assessment.clone(),
        plan: soap.plan.clone(),
        findings: record.findings.iter().map(finding).collect(),
        treatments: record.treatments.iter().map(treatment).collect(),
        range_of_motion: record.visit.rom.iter().map(rom).collect(),
    }
}

/// The hands-on work charted in a visit.
pub fn charted(record: &VisitRecord) -> Vec<rules::Charted> {
    let findings = record.findings.iter().map(|f| finding(f).charted());
    let treatments = record.treatments.iter().map(|t| treatment(t).charted());
    findings.chain(treatments).collect()
}

/// Consent as the rules weigh it; kinds the rules do not know are left out (the use case
/// refuses them when they are recorded).
pub fn consents(stored: &[Consent]) -> Vec<rules::Consent> {
    stored
        .iter()
        .filter_map(|consent| {
            Some(rules::Consent {
                kind: rules::ConsentKind::parse(&consent.consent.kind)?,
                given_at: consent.consent.given_at,
                withdrawn_at: consent.withdrawn_at,
            })
        })
        .collect()
}

fn finding(stored: &Finding) -> rules::Finding {
    let f = &stored.finding;
    rules::Finding {
        trigger_point: f.trigger_point_id.clone(),
        side: f.side.into(),
        at: stored.recorded_at,
        tender: f.tender,
        taut_band: f.taut_band,
        referral_reproduced: f.referral_reproduced,
        referred_to: f.referral_regions.clone(),
        local_twitch: f.twitch,
        jump_sign: f.jump_sign,
        pressure_threshold_kpa: f.ppt_kpa.map(f64::from),
        note: f.note.clone().unwrap_or_default(),
    }
}

fn treatment(stored: &Treatment) -> rules::TreatmentEntry {
    let t = &stored.treatment;
    rules::TreatmentEntry {
        trigger_point: t.trigger_point_id.clone(),
        side: t.side.into(),
        at: stored.recorded_at,
        technique: t.technique.clone(),
        tool: t.tool.clone(),
        discomfort: Some(i64::from(t.discomfort)),
        hold_seconds: Some(i64::from(t.hold_seconds)),
        passes: Some(i64::from(t.passes)),
        response: t.response.clone(),
    }
}

fn rom(measure: &RomMeasure) -> rules::RangeOfMotion {
    rules::RangeOfMotion {
        movement: measure.movement.clone(),
        degrees: measure.degrees,
        // A movement measured without a side (e.g. neck flexion) is a midline one.
        side: measure
            .side
            .map_or(rules::ChartSide::Midline, rules::ChartSide::from),
        painful: false,
    }
}
