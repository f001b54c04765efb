//! Safety warnings on a finding or a treatment entry, from the rules `crate::safety` already
//! applies to self-treatment: the client's screening (red flags, contraindications, local
//! cautions, softening) and the atlas's endangerment sites. Nothing here adds a rule; it reads
//! the verdict for the point and compares the entry with it (a firm tool or technique where firm
//! pressure is off, a hold longer than the softened dose, discomfort above the target).
//!
//! Warnings never refuse an entry: the therapist charts what was done, and the warning goes on
//! the record beside it.

use knot_atlas::Atlas;
use knot_record::Screening;
use serde::Serialize;

use super::findings::Finding;
use super::point;
use super::treatment::{Technique, TreatmentEntry};
use crate::plan::FIRM_TOOLS;
use crate::safety::{check_treatment_by_therapist, graded_messages_for_therapist, Permission};
use crate::session::{Target, LIGHT_PRESSURE_TARGET, MAX_TARGET};

/// One warning, with how serious it is in the terms of the self-treatment check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// `Blocked`: the rules say not to treat here; `Softened`: light pressure only;
    /// `Warned`: take care.
    pub level: Permission,
    pub message: String,
}

/// Warnings for palpating this point: what the safety check says about pressing on it at all.
/// An entry that names no atlas point gives none (validation reports it).
pub fn finding_warnings(
    atlas: &Atlas,
    screening: Option<&Screening>,
    finding: &Finding,
) -> Vec<Warning> {
    let Ok(tp) = point::resolve(atlas, &finding.trigger_point, finding.side) else {
        return Vec::new();
    };
    let mut warnings = verdict_warnings(atlas, screening, tp);
    warnings.extend(scope_warning(tp));
    warnings
}

/// Warnings for a treatment entry: the check's verdict for the point, and where the entry went
/// beyond it.
pub fn treatment_warnings(
    atlas: &Atlas,
    screening: Option<&Screening>,
    entry: &TreatmentEntry,
) -> Vec<Warning> {
    let Ok(tp) = point::resolve(atlas, &entry.trigger_point, entry.side) else {
        return Vec::new();
    };
    let check = check_treatment_by_therapist(atlas, screening, tp);
    let mut warnings = verdict_warnings(atlas, screening, tp);
    warnings.extend(scope_warning(tp));
    if check.permission == Permission::Blocked {
        return warnings;
    }
    let technique = Technique::of(atlas, &entry.technique);
    let firm_technique = matches!(technique, Some(Technique::Compression | Technique::Strokes));
    if !check.firm_pressure && FIRM_TOOLS.contains(&entry.tool.as_str()) {
        warnings.push(softened(format!(
            "firm pressure is off at this point, but the {} concentrates force: use the fingers \
             or a broad, light contact",
            entry.tool
        )));
    }
    let target = if check.firm_pressure {
        MAX_TARGET
    } else {
        LIGHT_PRESSURE_TARGET
    };
    let (_, highest) = Target::new(target).map_or((0, target + 1), Target::band);
    if let Some(d) = entry
        .discomfort
        .filter(|&d| firm_technique && d > i64::from(highest))
    {
        warnings.push(Warning {
            level: if check.firm_pressure {
                Permission::Warned
            } else {
                Permission::Softened
            },
            message: format!(
                "discomfort {d}/10 is above the {highest}/10 this point allows{}",
                if check.firm_pressure {
                    ""
                } else {
                    " (light pressure only)"
                }
            ),
        });
    }
    if let (Some(hold), Some(Technique::Compression)) = (entry.hold_seconds, technique) {
        let muscle_hold = atlas
            .muscle(&tp.muscle_id)
            .map_or(0, |m| m.self_care.hold_seconds);
        let allowed = (f64::from(muscle_hold) * check.hold_scale).round() as i64;
        if check.hold_scale < 1.0 && hold > allowed {
            warnings.push(softened(format!(
                "the screening shortens holds here to about {allowed} s; this one was {hold} s"
            )));
        }
    }
    warnings
}

/// Region templates whose trigger points are reached internally.
const INTERNAL_ONLY: &[&str] = &["pelvic-floor"];

/// Pelvic floor trigger points are reached internally, and putting a finger beyond the labia
/// majora or the anal verge is a controlled act (Regulated Health Professions Act, 1991 (Ontario),
/// s. 27(2)) that the Massage Therapy Act, 1991 does not authorize; only external work beside the
/// tailbone and the sit bone is a massage therapist's.
fn scope_warning(tp: &knot_atlas::TriggerPoint) -> Option<Warning> {
    let base = knot_body::Scheme::builtin()
        .get(&tp.location)?
        .base
        .as_str();
    INTERNAL_ONLY.contains(&base).then(|| Warning {
        level: Permission::Warned,
        message: "this trigger point is reached internally, which is outside massage therapy's \
                  authorized acts (Ontario): chart external work beside the tailbone and sit bone \
                  only"
            .into(),
    })
}

fn softened(message: String) -> Warning {
    Warning {
        level: Permission::Softened,
        message,
    }
}

/// The safety check's own messages, each at its own level; none when a reason only allows.
fn verdict_warnings(
    atlas: &Atlas,
    screening: Option<&Screening>,
    tp: &knot_atlas::TriggerPoint,
) -> Vec<Warning> {
    graded_messages_for_therapist(atlas, screening, tp)
        .into_iter()
        .filter(|(level, _)| *level != Permission::Allowed)
        .map(|(level, message)| Warning { level, message })
        .collect()
}
