//! The dose of one trigger point in a routine: the atlas's first technique and tool, its hold
//! time and holds (or strokes), shortened when the safety check softens the treatment.
//!
//! Strokes are the total per point per sitting (one set; Davies: 6–12), so a stroking item has
//! one "hold". A knot that lies on an endangerment site gets one hold. When firm pressure is off,
//! a tool that concentrates force or body weight (hook tool, ball on the floor, foam roller,
//! elbow) is swapped for the fingers or a ball against a wall, a lean the person controls.

use knot_atlas::{Muscle, TriggerPoint};
use knot_record::PlanItem;

use crate::safety::TreatmentCheck;

/// The technique id whose dose is counted in strokes rather than held seconds.
pub const STROKING: &str = "short-deep-strokes";
/// Seconds one short, slow, deep stroke takes, for counting pressure time (Davies' strokes are
/// slow: a few centimetres in about three to five seconds).
pub const STROKE_SECONDS: u32 = 4;
/// The shortest hold kept after softening: shorter is not a hold.
pub const MIN_HOLD_SECONDS: u32 = 10;
/// The longest single compression hold: the trials compare 30 s with 90 s and none tested
/// longer (shared/CLINICAL.md, "Dosing"; clinical review 2026-12 §2.5). The atlas's loader
/// refuses a `hold_seconds` above it.
pub const MAX_HOLD_SECONDS: u32 = 90;
/// Tools that put firm or body-weight pressure on a point: not used when firm pressure is off.
pub const FIRM_TOOLS: &[&str] = &["hook-tool", "ball-floor", "foam-roller", "elbow"];
/// The light tools that replace them.
pub const LIGHT_TOOLS: &[&str] = &["fingers", "ball-wall"];

/// Holds per sitting for a point: one set of strokes, one hold on an endangerment site, else the
/// atlas's holds.
pub fn holds_for(muscle: &Muscle, point: &TriggerPoint, technique: &str) -> u32 {
    if technique == STROKING || !point.at_endangerment.is_empty() {
        1
    } else {
        muscle.self_care.holds.max(1)
    }
}

/// The tool to use instead of `tool` when firm pressure is off, or `None` when `tool` is fine:
/// a light tool the muscle already lists, else a ball against the wall for a ball or roller on
/// the floor, and the fingers for a hook tool or the elbow.
pub fn light_tool(tool: &str, muscle: &Muscle) -> Option<String> {
    if !FIRM_TOOLS.contains(&tool) {
        return None;
    }
    let listed = muscle
        .self_care
        .tools
        .iter()
        .find(|t| LIGHT_TOOLS.contains(&t.as_str()));
    let fallback = match tool {
        "ball-floor" | "foam-roller" => "ball-wall",
        _ => "fingers",
    };
    Some(listed.map_or(fallback, String::as_str).to_string())
}

/// The plan item for a trigger point as the atlas doses it, scaled by the safety check.
/// Its sitting is assigned later.
pub(crate) fn dose(muscle: &Muscle, point: &TriggerPoint, check: &TreatmentCheck) -> PlanItem {
    let care = &muscle.self_care;
    let technique = care
        .technique
        .first()
        .cloned()
        .unwrap_or_else(|| "sustained-compression".to_string());
    let atlas_tool = care
        .tools
        .first()
        .cloned()
        .unwrap_or_else(|| "fingers".to_string());
    let tool = match check.firm_pressure {
        true => atlas_tool,
        false => light_tool(&atlas_tool, muscle).unwrap_or(atlas_tool),
    };
    let scale = check.hold_scale.clamp(0.1, 1.0);
    let scaled = |value: u32, floor: u32| -> u32 {
        let scaled = (f64::from(value) * scale).round();
        // `scale` is within 0.1..=1.0, so the product stays within u32.
        (scaled as u32).max(floor).min(value)
    };
    let strokes = (technique == STROKING).then(|| scaled(care.strokes.max(6), 1));
    let holds = holds_for(muscle, point, &technique);
    PlanItem {
        muscle_id: muscle.id.clone(),
        trigger_point_id: point.id.clone(),
        side: point.side,
        technique,
        tool,
        hold_seconds: scaled(care.hold_seconds, MIN_HOLD_SECONDS),
        holds,
        strokes,
        sitting: 0,
    }
}

/// Seconds of pressure one item applies in one sitting.
pub fn item_pressure_seconds(item: &PlanItem) -> u32 {
    let per_set = match item.strokes {
        Some(strokes) => strokes.saturating_mul(STROKE_SECONDS),
        None => item.hold_seconds,
    };
    per_set.saturating_mul(item.holds)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::safety::Permission;
    use knot_atlas::Atlas;

    fn check(scale: f64) -> TreatmentCheck {
        TreatmentCheck {
            permission: Permission::Softened,
            messages: vec![],
            hints: Vec::new(),
            hold_scale: scale,
            firm_pressure: true,
        }
    }

    fn trapezius() -> (&'static Muscle, &'static TriggerPoint) {
        let atlas = Atlas::builtin();
        let tp = atlas
            .trigger_points()
            .iter()
            .find(|tp| tp.id == "upper-trapezius-1")
            .unwrap();
        (atlas.muscle("upper-trapezius").unwrap(), tp)
    }

    #[test]
    fn the_atlas_dose_is_kept_when_not_softened() {
        let (muscle, tp) = trapezius();
        let item = dose(muscle, tp, &check(1.0));
        assert_eq!(item.hold_seconds, muscle.self_care.hold_seconds);
        assert_eq!(item.holds, holds_for(muscle, tp, &item.technique));
        assert_eq!(item.technique, muscle.self_care.technique[0]);
        assert_eq!(item.tool, muscle.self_care.tools[0]);
        assert_eq!(item.strokes, None);
    }

    #[test]
    fn softening_shortens_holds_but_not_below_the_floor() {
        let (muscle, tp) = trapezius();
        let half = dose(muscle, tp, &check(0.5));
        assert_eq!(half.hold_seconds, muscle.self_care.hold_seconds / 2);
        let tiny = dose(muscle, tp, &check(0.01));
        assert_eq!(tiny.hold_seconds, MIN_HOLD_SECONDS);
    }

    #[test]
    fn no_atlas_dose_holds_longer_than_the_maximum() {
        for muscle in Atlas::builtin().muscles() {
            assert!(
                muscle.self_care.hold_seconds <= MAX_HOLD_SECONDS,
                "{}",
                muscle.id
            );
        }
    }

    #[test]
    fn stroking_counts_strokes_as_pressure_time() {
        let atlas = Atlas::builtin();
        let masseter = atlas.muscle("masseter").unwrap();
        let tp = atlas.trigger_points_of("masseter").next().unwrap();
        let item = dose(masseter, tp, &check(1.0));
        let strokes = item.strokes.unwrap();
        assert_eq!(item.holds, 1, "strokes are one set per sitting");
        assert_eq!(item_pressure_seconds(&item), strokes * STROKE_SECONDS);
    }
}
