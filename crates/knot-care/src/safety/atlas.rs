//! What the atlas says about one trigger point: a point left to a therapist, a muscle whose
//! `contraindicated_with` question was answered yes, a knot that lies on an endangerment site
//! (softened: no firm pressure, so a 4/10 target), and the muscle's other sites (a warning).

use knot_atlas::{Atlas, TriggerPoint};
use knot_body::{Scheme, Side};

use super::{Note, Permission, Treater};
use crate::screen::{RuleTable, ScreeningOutcome, Softening};

/// Blocks for each of the muscle's contraindications that the screening raised. A yes/no
/// question counts when answered yes; a regions question when it names a place on the point's
/// side (or the midline).
pub(super) fn contraindications(
    atlas: &Atlas,
    outcome: &ScreeningOutcome,
    tp: &TriggerPoint,
    notes: &mut Vec<Note>,
) {
    let Some(muscle) = atlas.muscle(&tp.muscle_id) else {
        return;
    };
    let table = RuleTable::builtin();
    let scheme = Scheme::builtin();
    for question in &muscle.cautions.contraindicated_with {
        let raised = outcome.findings.iter().find(|finding| {
            let asks = table
                .rule(&finding.rule_id)
                .is_some_and(|rule| rule.when.iter().any(|c| &c.question == question));
            let here = finding.regions.is_empty()
                || finding
                    .regions
                    .iter()
                    .any(|id| on_side(scheme, id, tp.side));
            asks && here
        });
        if let Some(finding) = raised {
            notes.push(Note::new(
                Permission::Blocked,
                format!(
                    "Do not treat the {} yourself. {}: {}",
                    muscle.name.to_lowercase(),
                    finding.title,
                    finding.message
                ),
            ));
        }
    }
}

fn on_side(scheme: &Scheme, region: &str, side: Side) -> bool {
    scheme
        .get(region)
        .is_some_and(|r| r.side == side || r.side == Side::Midline || side == Side::Midline)
}

/// The point's own therapist-only flag (for self-treatment only), the sites the knot lies on,
/// and the muscle's other endangerment sites.
pub(super) fn notes(atlas: &Atlas, tp: &TriggerPoint, treater: Treater, notes: &mut Vec<Note>) {
    let Some(muscle) = atlas.muscle(&tp.muscle_id) else {
        return;
    };
    if !tp.self_treat && treater == Treater::Themselves {
        let why = muscle.cautions.notes.trim();
        let what = if muscle.self_care.self_treat {
            format!("this {} trigger point", muscle.name.to_lowercase())
        } else {
            muscle.name.clone()
        };
        notes.push(Note::new(
            Permission::Warned,
            format!(
                "The atlas advises leaving {what} to a therapist rather than treating it yourself. {why}"
            )
            .trim_end()
            .to_string(),
        ));
    }
    let site_name = |site: &str| {
        atlas
            .vocabulary()
            .name(site)
            .map_or(site.to_string(), |named| named.name.clone())
    };
    for site in &tp.at_endangerment {
        notes.push(Note {
            softening: Some(Softening {
                hold_scale: 1.0,
                firm_pressure: false,
            }),
            ..Note::new(
                Permission::Softened,
                format!(
                    "This knot lies on the {}: broad, light contact only, one short hold, and \
                     stop at once if you feel a pulse, tingling or numbness.",
                    site_name(site)
                ),
            )
        });
    }
    for site in &muscle.cautions.endangerment {
        if tp.at_endangerment.contains(site) {
            continue;
        }
        notes.push(Note::new(
            Permission::Warned,
            format!(
                "Near the {}: {}. Never use firm pressure there; broad, light contact only.",
                muscle.name.to_lowercase(),
                site_name(site)
            ),
        ));
    }
}
