//! What one guided session will do, fixed before it starts: the trigger point and how to find
//! it, the tool, position and dose (from the atlas or a home plan), the discomfort target, and
//! what the safety check changed (shorter holds and light pressure when softened; no session at
//! all when blocked).

use knot_atlas::{Atlas, Muscle, Named, SelfCare, TriggerPoint};
use knot_record::{PlanItem, RecordId, Screening, Side};
use serde::{Deserialize, Serialize};

use super::error::SessionError;
use super::target::Target;
use crate::hint::Hint;
use crate::plan::{holds_for, light_tool};
use crate::safety::{check_treatment, Permission, TreatmentCheck};

/// Seconds of broad warm-up strokes before the first hold.
pub const WARM_UP_SECONDS: u32 = 30;

/// The technique id whose "hold" is a set of strokes rather than a timed press.
pub const STROKING_TECHNIQUE: &str = "short-deep-strokes";

/// Technique, tool and dose, before the safety check scales them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Prescription {
    pub technique: String,
    pub tool: String,
    pub hold_seconds: u32,
    pub holds: u32,
    /// Strokes in the one set of a sitting, for stroking techniques (Davies: 6–12).
    pub strokes: Option<u32>,
}

impl Prescription {
    /// The atlas's dose: its first technique and first tool.
    pub fn from_atlas(self_care: &SelfCare) -> Prescription {
        let technique = self_care.technique.first().cloned().unwrap_or_default();
        let strokes =
            (technique == STROKING_TECHNIQUE && self_care.strokes > 0).then_some(self_care.strokes);
        Prescription {
            technique,
            tool: self_care.tools.first().cloned().unwrap_or_default(),
            hold_seconds: self_care.hold_seconds,
            holds: self_care.holds,
            strokes,
        }
    }

    /// The atlas's dose for one point: as [`Prescription::from_atlas`], with one set of strokes
    /// and one hold on a knot that lies on an endangerment site (`crate::plan::holds_for`).
    pub fn for_point(muscle: &Muscle, tp: &TriggerPoint) -> Prescription {
        let mut prescription = Prescription::from_atlas(&muscle.self_care);
        prescription.holds = holds_for(muscle, tp, &prescription.technique);
        prescription
    }

    /// A home plan's dose for one item.
    pub fn from_plan_item(item: &PlanItem) -> Prescription {
        Prescription {
            technique: item.technique.clone(),
            tool: item.tool.clone(),
            hold_seconds: item.hold_seconds,
            holds: item.holds,
            strokes: item.strokes.filter(|&n| n > 0),
        }
    }
}

/// The dose as the session applies it (after the safety check).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dose {
    /// Seconds per hold: the countdown of a timed hold, the time cap of a set of strokes.
    pub hold_seconds: u32,
    pub holds: u32,
    /// Strokes per set when each hold is a set of strokes; `None` for timed holds.
    pub strokes: Option<u32>,
    /// The seconds per hold before the safety check shortened it, when it did.
    pub unscaled_seconds: Option<u32>,
}

/// Everything a session needs, resolved from the atlas, the prescription and the safety check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionSpec {
    pub muscle_id: String,
    pub muscle_name: String,
    pub trigger_point_id: String,
    pub trigger_point_label: String,
    pub side: Side,
    pub press_here: String,
    pub palpation: String,
    pub technique: Named,
    pub tool: Named,
    pub position: String,
    pub how: String,
    pub dose: Dose,
    pub warm_up_seconds: u32,
    pub stretch: String,
    pub target: Target,
    /// False: broad, light contact only; the steering never says "press firmer".
    pub firm_pressure: bool,
    pub permission: Permission,
    /// Warnings to show before pressing: the safety check's, endangerment sites, the atlas notes.
    pub cautions: Vec<String>,
    /// Where to go first, from the safety check (e.g. take the screening); front ends phrase it.
    pub hints: Vec<Hint>,
    /// Sensations that mean stop, from the atlas.
    pub stop_if: Vec<String>,
    pub plan_id: Option<RecordId>,
}

/// What a session is built from.
#[derive(Debug, Clone)]
pub struct SpecRequest<'a> {
    pub atlas: &'a Atlas,
    pub trigger_point: &'a TriggerPoint,
    pub check: &'a TreatmentCheck,
    pub target: Target,
    /// The dose to use; `None` for the atlas's.
    pub prescription: Option<Prescription>,
    pub plan_id: Option<RecordId>,
}

impl SessionSpec {
    /// An unplanned session on `tp` at the atlas's dose, checked against the person's latest
    /// `screening` (None when they have not taken one).
    pub fn unplanned(
        atlas: &Atlas,
        screening: Option<&Screening>,
        tp: &TriggerPoint,
        target: Target,
    ) -> Result<SessionSpec, SessionError> {
        let check = check_treatment(atlas, screening, tp);
        SessionSpec::build(SpecRequest {
            atlas,
            trigger_point: tp,
            check: &check,
            target,
            prescription: None,
            plan_id: None,
        })
    }

    /// Builds the session, or says why it cannot run (blocked, not for self-treatment, nothing
    /// prescribed).
    pub fn build(request: SpecRequest<'_>) -> Result<SessionSpec, SessionError> {
        let SpecRequest {
            atlas,
            trigger_point: tp,
            check,
            ..
        } = request;
        let muscle = treatable_muscle(atlas, tp, check)?;
        let mut prescription = request
            .prescription
            .unwrap_or_else(|| Prescription::for_point(muscle, tp));
        let mut swapped = None;
        if !check.firm_pressure {
            if let Some(light) = light_tool(&prescription.tool, muscle) {
                swapped = Some(std::mem::replace(&mut prescription.tool, light));
            }
        }
        let dose = scaled_dose(&prescription, check, &tp.id)?;
        let target = if check.firm_pressure {
            request.target
        } else {
            request.target.for_light_pressure()
        };
        Ok(SessionSpec {
            muscle_id: muscle.id.clone(),
            muscle_name: muscle.name.clone(),
            trigger_point_id: tp.id.clone(),
            trigger_point_label: tp.label.clone(),
            side: tp.side,
            press_here: tp.press_here.clone(),
            palpation: tp.palpation.clone(),
            technique: named(atlas, &prescription.technique),
            tool: named(atlas, &prescription.tool),
            position: muscle.self_care.position.clone(),
            how: muscle.self_care.how.clone(),
            cautions: cautions(
                atlas,
                muscle,
                check,
                &dose,
                swapped.as_deref(),
                &prescription,
            ),
            hints: check.hints.clone(),
            dose,
            warm_up_seconds: WARM_UP_SECONDS,
            stretch: muscle.self_care.stretch.clone(),
            target,
            firm_pressure: check.firm_pressure,
            permission: check.permission,
            stop_if: muscle.cautions.stop_if.clone(),
            plan_id: request.plan_id,
        })
    }

    /// Whether each hold is a set of strokes (counted) rather than a timed press.
    pub fn is_stroking(&self) -> bool {
        self.dose.strokes.is_some()
    }
}

/// The trigger point's muscle, if the check and the atlas allow self-treatment of it.
fn treatable_muscle<'a>(
    atlas: &'a Atlas,
    tp: &TriggerPoint,
    check: &TreatmentCheck,
) -> Result<&'a Muscle, SessionError> {
    if check.permission == Permission::Blocked {
        return Err(SessionError::Blocked {
            reasons: check.messages.clone(),
            hints: check.hints.clone(),
        });
    }
    let muscle = atlas
        .muscle(&tp.muscle_id)
        .ok_or_else(|| SessionError::NoSuchTriggerPoint {
            muscle: tp.muscle_id.clone(),
            wanted: Some(tp.id.clone()),
            on_side: String::new(),
            available: Vec::new(),
        })?;
    if !muscle.self_care.self_treat {
        return Err(SessionError::NotForSelfTreatment {
            muscle: muscle.name.clone(),
            why: why_not_self_treated(&muscle.cautions.notes),
        });
    }
    if !tp.self_treat {
        return Err(SessionError::NotForSelfTreatment {
            muscle: format!("{} ({})", muscle.name, tp.id),
            why: "this knot lies where self-treatment is not safe; a massage therapist or \
                  physician can treat it"
                .to_string(),
        });
    }
    Ok(muscle)
}

/// The atlas note on why, without a leading "Not for self-treatment:" that would repeat it.
fn why_not_self_treated(notes: &str) -> String {
    let lead = "not for self-treatment";
    let trimmed = match notes.get(..lead.len()) {
        Some(start) if start.eq_ignore_ascii_case(lead) => &notes[lead.len()..],
        _ => notes,
    };
    trimmed.trim_start_matches([':', '.', ' ']).to_string()
}

/// Applies the safety check's hold scale (clamped to 0–1) to seconds and strokes.
fn scaled_dose(
    prescription: &Prescription,
    check: &TreatmentCheck,
    trigger_point: &str,
) -> Result<Dose, SessionError> {
    let empty = |what| SessionError::EmptyPrescription {
        trigger_point: trigger_point.to_string(),
        what,
    };
    if prescription.holds == 0 {
        return Err(empty("no holds"));
    }
    let scale = if check.hold_scale.is_finite() {
        check.hold_scale.clamp(0.0, 1.0)
    } else {
        1.0
    };
    let scale_count = |n: u32| (f64::from(n) * scale).round() as u32;
    let hold_seconds = scale_count(prescription.hold_seconds);
    if hold_seconds == 0 {
        return Err(empty("no hold time left after the safety check"));
    }
    let strokes = prescription.strokes.map(|n| scale_count(n).max(1));
    Ok(Dose {
        hold_seconds,
        holds: prescription.holds,
        strokes,
        unscaled_seconds: (hold_seconds < prescription.hold_seconds)
            .then_some(prescription.hold_seconds),
    })
}

fn cautions(
    atlas: &Atlas,
    muscle: &Muscle,
    check: &TreatmentCheck,
    dose: &Dose,
    swapped: Option<&str>,
    prescription: &Prescription,
) -> Vec<String> {
    let mut lines = check.messages.clone();
    if !check.firm_pressure {
        lines.push("Light pressure only in this session: broad, gentle contact.".into());
    }
    if let Some(firm) = swapped {
        lines.push(format!(
            "Use the {} rather than the {}: firm pressure is off.",
            named(atlas, &prescription.tool).name,
            named(atlas, firm).name
        ));
    }
    if let Some(before) = dose.unscaled_seconds {
        lines.push(format!(
            "Holds are shortened to {} s (from {before} s) for safety.",
            dose.hold_seconds
        ));
    }
    for site in &muscle.cautions.endangerment {
        let name = atlas
            .vocabulary()
            .name(site)
            .map_or(site.as_str(), |n| n.name.as_str());
        if check.messages.iter().any(|m| m.contains(name)) {
            continue; // the safety check already warned about this site
        }
        lines.push(format!(
            "Keep firm pressure away from the {name}; never press where you feel a pulse."
        ));
    }
    if !muscle.cautions.notes.is_empty() {
        lines.push(muscle.cautions.notes.clone());
    }
    lines
}

fn named(atlas: &Atlas, id: &str) -> Named {
    atlas
        .vocabulary()
        .name(id)
        .cloned()
        .unwrap_or_else(|| Named {
            id: id.to_string(),
            name: id.replace('-', " "),
            how: String::new(),
        })
}
