//! What the person's screening says about one trigger point: red flags block everywhere,
//! fixed-region rules block at their regions, avoid-locally findings block at the spot and soften
//! beside it, modify findings soften (where they apply) or warn.

use knot_atlas::TriggerPoint;
use knot_body::Scheme;
use knot_record::Screening;

use super::{Note, Permission};
use crate::screen::{Finding, RuleTable, ScreeningOutcome, Severity, Softening};

/// The notes of the screening for `trigger_point`.
pub(super) fn notes(
    screening: &Screening,
    outcome: &ScreeningOutcome,
    trigger_point: &TriggerPoint,
    notes: &mut Vec<Note>,
) {
    let table = RuleTable::builtin();
    if screening.screening.rules_version != table.version() {
        notes.push(Note::screen_first(
            "The safety questions have changed since you answered them. Take the screening again."
                .into(),
        ));
    }
    if !outcome.unanswered.is_empty() {
        notes.push(Note::screen_first(format!(
            "Your screening has no answer to {} question(s). Take it again so Knot can check \
             everything.",
            outcome.unanswered.len()
        )));
    }
    for finding in &outcome.findings {
        if let Some(note) = finding_note(finding, trigger_point) {
            notes.push(note);
        }
    }
}

fn finding_note(finding: &Finding, trigger_point: &TriggerPoint) -> Option<Note> {
    let (title, message) = (&finding.title, &finding.message);
    let local_block = !finding.block_at.is_empty() && finding.severity != Severity::AvoidLocally;
    if local_block {
        return Some(fixed_region_note(finding, trigger_point));
    }
    match finding.severity {
        Severity::Stop => Some(Note::new(
            Permission::Blocked,
            format!("Do not treat: get medical help first. {title}: {message}"),
        )),
        Severity::Refer => Some(Note::new(
            Permission::Blocked,
            format!("See a physician before you treat. {title}: {message}"),
        )),
        Severity::AvoidLocally => local_note(finding, trigger_point),
        Severity::Modify => Some(modify_note(finding, trigger_point)),
    }
}

/// A rule that blocks fixed regions: blocked there, and elsewhere what its severity says
/// (a refer rule warns, a modify rule softens or warns).
fn fixed_region_note(finding: &Finding, trigger_point: &TriggerPoint) -> Note {
    let (title, message) = (&finding.title, &finding.message);
    let location = &trigger_point.location;
    if finding.block_at.contains(location) {
        return Note::new(
            Permission::Blocked,
            format!(
                "Do not treat this knot: it lies at the {}. {title}: {message}",
                region_name(Scheme::builtin(), location)
            ),
        );
    }
    match finding.severity {
        Severity::Modify => modify_note(finding, trigger_point),
        _ => Note::new(Permission::Warned, format!("{title}: {message}")),
    }
}

/// A region to keep off at the trigger point blocks it; one beside it softens it.
fn local_note(finding: &Finding, trigger_point: &TriggerPoint) -> Option<Note> {
    let scheme = Scheme::builtin();
    let location = &trigger_point.location;
    let what = lower_first(&finding.title);
    let message = &finding.message;
    if finding.regions.contains(location) {
        return Some(Note::new(
            Permission::Blocked,
            format!(
                "Do not treat this knot: it lies at the {}, where you noted {what}. {message}",
                region_name(scheme, location)
            ),
        ));
    }
    let index = scheme.index_of(location)?;
    let beside = scheme
        .neighbours(index)
        .iter()
        .map(|&i| &scheme.region(i).id)
        .find(|id| finding.regions.contains(id))?;
    Some(Note {
        permission: Permission::Softened,
        message: format!(
            "This knot is next to the {}, where you noted {what}: light contact only, and keep off that spot. {message}",
            region_name(scheme, beside)
        ),
        softening: Some(Softening {
            hold_scale: 1.0,
            firm_pressure: false,
        }),
        hint: None,
    })
}

fn modify_note(finding: &Finding, trigger_point: &TriggerPoint) -> Note {
    let (title, message) = (&finding.title, &finding.message);
    let applies_here =
        finding.only_at.is_empty() || finding.only_at.contains(&trigger_point.location);
    match finding.softening {
        Some(softening) if applies_here => Note {
            permission: Permission::Softened,
            message: if finding.only_at.is_empty() {
                format!("Treat gently. {title}: {message}")
            } else {
                format!("No firm pressure on this spot. {title}: {message}")
            },
            softening: Some(softening),
            hint: None,
        },
        _ => Note::new(Permission::Warned, format!("{title}: {message}")),
    }
}

pub(super) fn region_name(scheme: &Scheme, id: &str) -> String {
    scheme
        .get(id)
        .map_or_else(|| id.to_string(), |r| r.name.clone())
}

pub(super) fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
