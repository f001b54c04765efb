//! The clinic records as `knot_care::clinic`'s rules take them: what a signature covers, what
//! was charted (for the consent gaps), consent as given, entries about to be charted (for
//! validation and safety warnings), the health-change answer, and a visit's summary for the
//! SOAP draft.

use chrono::{DateTime, Utc};
use knot_care::clinic as rules;

use knot_record::clinic::{
    Consent, Finding, NewFinding, NewTreatment, PainMark, RomMeasure, Treatment, VisitRecord,
};
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
        health_change: record.visit.visit.health_change.clone(),
        pain_drawing: record.visit.pain_drawing.iter().map(pain_mark).collect(),
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
        // Short deep strokes are counted in passes, never held: the record's 0 means "no hold",
        // which the rules ask for (any other technique keeps its hold, 0 included, as signed).
        hold_seconds: (t.technique != knot_care::plan::STROKING || t.hold_seconds != 0)
            .then(|| i64::from(t.hold_seconds)),
        passes: Some(i64::from(t.passes)),
        response: t.response.clone(),
    }
}

fn rom(measure: &RomMeasure) -> rules::RangeOfMotion {
    rules::RangeOfMotion {
        movement: measure.movement.clone(),
        degrees: measure.degrees,
        side: measure.side.map(rules::ChartSide::from),
        painful: false,
    }
}

/// A finding about to be charted, as the rules check it. Validation and the warnings do not
/// look at the time, so the caller's `at` only matters once the finding is stored.
pub fn new_finding(new: &NewFinding, at: DateTime<Utc>) -> rules::Finding {
    finding(&Finding {
        id: 0,
        visit_id: 0,
        recorded_at: at,
        finding: new.clone(),
    })
}

/// A treatment about to be charted, as the rules check it (see [`new_finding`]).
pub fn new_treatment(new: &NewTreatment, at: DateTime<Utc>) -> rules::TreatmentEntry {
    treatment(&Treatment {
        id: 0,
        visit_id: 0,
        recorded_at: at,
        treatment: new.clone(),
    })
}

/// Range-of-motion measurements as the rules check them.
pub fn range_of_motion(measures: &[RomMeasure]) -> Vec<rules::RangeOfMotion> {
    measures.iter().map(rom).collect()
}

/// The stored health-change answer as the rules take it: a plain "none" (or "no", "no change",
/// "nothing", "none reported", any case, with or without a full stop) is no change; any other
/// words describe the change; blank is unanswered.
pub fn health_change(answer: &str) -> Option<rules::HealthChange> {
    let words = answer.trim().trim_end_matches('.').trim().to_lowercase();
    if words.is_empty() {
        return None;
    }
    const NO_CHANGE: &[&str] = &["none", "no", "no change", "nothing", "none reported", "n/a"];
    Some(if NO_CHANGE.contains(&words.as_str()) {
        rules::HealthChange::NoChange
    } else {
        rules::HealthChange::Changed {
            details: answer.trim().to_string(),
        }
    })
}

/// What the visit charted, for the SOAP draft. The client's complaint is the note's subjective
/// text as it stands; home care is not charted yet.
pub fn summary(record: &VisitRecord) -> rules::VisitSummary {
    let visit = &record.visit;
    rules::VisitSummary {
        complaint: visit.soap.subjective.clone(),
        pain: visit.pain_drawing.iter().map(pain_mark).collect(),
        health_change: health_change(&visit.visit.health_change)
            .unwrap_or(rules::HealthChange::NoChange),
        findings: record.findings.iter().map(finding).collect(),
        range_of_motion: range_of_motion(&visit.rom),
        treatments: record.treatments.iter().map(treatment).collect(),
        // The visit stores no overall response; each treatment's own is in its entry.
        response: String::new(),
        home_care: Vec::new(),
    }
}

fn pain_mark(mark: &PainMark) -> rules::PainMark {
    rules::PainMark {
        region: mark.region.clone(),
        intensity: mark.intensity,
    }
}
