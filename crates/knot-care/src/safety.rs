//! Whether a planned treatment of one trigger point is safe for this person, given their latest
//! screening and the atlas's cautions and endangerment sites.
//!
//! The screening is evaluated with the current rule table (`crate::screen`). A stop or refer
//! finding blocks every treatment; an avoid-locally finding blocks a trigger point that lies in
//! a region to keep off and softens one beside it; a modify finding softens (or, when it only
//! concerns certain places, warns elsewhere); the muscle's endangerment sites always add a
//! warning. Without a screening, treatment is warned and told to screen first.

use knot_atlas::{Atlas, TriggerPoint};
use knot_body::Scheme;
use knot_record::Screening;
use serde::Serialize;

use crate::hint::Hint;
use crate::screen::{Finding, RuleTable, ScreeningOutcome, Severity, Softening};

/// How a treatment may go ahead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    /// Go ahead as the atlas doses it.
    Allowed,
    /// Go ahead with the warnings shown (e.g. near an endangerment site: broad, light contact there).
    Warned,
    /// Only light pressure, shorter holds (e.g. anticoagulants, osteoporosis, pregnancy at
    /// certain points); the messages say why.
    Softened,
    /// Do not treat this point (a local contraindication over it, or a red flag that means see
    /// a physician first); the messages say why and what to do.
    Blocked,
}

/// The verdict for one trigger point on one side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TreatmentCheck {
    pub permission: Permission,
    /// What to tell the person, most serious first, in plain words.
    pub messages: Vec<String>,
    /// Where to go next (e.g. take the screening), for each front end to phrase after the
    /// messages; empty when nothing needs doing first.
    pub hints: Vec<Hint>,
    /// The largest share of the atlas's hold time to use (1.0 = as dosed; softened is lower).
    pub hold_scale: f64,
    /// Whether firm pressure is allowed at all (false: broad, light contact only).
    pub firm_pressure: bool,
}

/// One reason bearing on the treatment.
struct Note {
    permission: Permission,
    message: String,
    softening: Option<Softening>,
    hint: Option<Hint>,
}

impl Note {
    fn new(permission: Permission, message: String) -> Note {
        Note {
            permission,
            message,
            softening: None,
            hint: None,
        }
    }

    /// A warning to screen (again) before treating.
    fn screen_first(message: String) -> Note {
        Note {
            hint: Some(Hint::TakeScreening),
            ..Note::new(Permission::Warned, message)
        }
    }
}

/// Checks a treatment of `trigger_point` against the person's latest screening (None when they
/// have not taken one: treatment is warned, not blocked, and told to screen first).
pub fn check_treatment(
    atlas: &Atlas,
    screening: Option<&Screening>,
    trigger_point: &TriggerPoint,
) -> TreatmentCheck {
    let mut notes = Vec::new();
    match screening {
        None => notes.push(Note::screen_first(
            "You have not taken the safety screening yet. Take it first.".into(),
        )),
        Some(screening) => screening_notes(screening, trigger_point, &mut notes),
    }
    atlas_notes(atlas, trigger_point, &mut notes);
    combine(notes)
}

/// [`Hint::TakeScreening`] when the screening is missing, from an older question table or
/// incomplete: what [`check_treatment`] hints for every trigger point alike.
pub fn screening_hint(screening: Option<&Screening>) -> Option<Hint> {
    let table = RuleTable::builtin();
    let retake = match screening {
        None => true,
        Some(screening) => {
            screening.screening.rules_version != table.version()
                || !table.evaluate(&screening.screening).unanswered.is_empty()
        }
    };
    retake.then_some(Hint::TakeScreening)
}

fn screening_notes(screening: &Screening, trigger_point: &TriggerPoint, notes: &mut Vec<Note>) {
    let table = RuleTable::builtin();
    let outcome: ScreeningOutcome = table.evaluate(&screening.screening);
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

/// The muscle's endangerment sites, and whether the atlas leaves it to a therapist.
fn atlas_notes(atlas: &Atlas, trigger_point: &TriggerPoint, notes: &mut Vec<Note>) {
    let Some(muscle) = atlas.muscle(&trigger_point.muscle_id) else {
        return;
    };
    if !muscle.self_care.self_treat {
        let why = muscle.cautions.notes.trim();
        notes.push(Note::new(
            Permission::Warned,
            format!(
                "The atlas advises leaving {} to a therapist rather than treating it yourself. {why}",
                muscle.name
            )
            .trim_end()
            .to_string(),
        ));
    }
    for site in &muscle.cautions.endangerment {
        let name = atlas
            .vocabulary()
            .name(site)
            .map_or(site.as_str(), |named| named.name.as_str());
        notes.push(Note::new(
            Permission::Warned,
            format!(
                "Near the {}: {name}. Never use firm pressure there; broad, light contact only.",
                muscle.name.to_lowercase()
            ),
        ));
    }
}

/// The most restrictive permission and dose, with messages most serious first.
fn combine(mut notes: Vec<Note>) -> TreatmentCheck {
    notes.sort_by_key(|note| std::cmp::Reverse(note.permission));
    let permission = notes
        .iter()
        .map(|n| n.permission)
        .max()
        .unwrap_or(Permission::Allowed);
    let blocked = permission == Permission::Blocked;
    let softenings = notes.iter().filter_map(|n| n.softening);
    let hold_scale = softenings
        .clone()
        .map(|s| s.hold_scale)
        .fold(1.0_f64, f64::min);
    let firm_pressure = softenings.clone().all(|s| s.firm_pressure);
    let mut messages: Vec<String> = Vec::new();
    let mut hints: Vec<Hint> = Vec::new();
    for note in notes {
        if !messages.contains(&note.message) {
            messages.push(note.message);
        }
        if let Some(hint) = note.hint.filter(|h| !hints.contains(h)) {
            hints.push(hint);
        }
    }
    TreatmentCheck {
        permission,
        messages,
        hints,
        hold_scale: if blocked { 0.0 } else { hold_scale },
        firm_pressure: !blocked && firm_pressure,
    }
}

fn region_name(scheme: &Scheme, id: &str) -> String {
    scheme
        .get(id)
        .map_or_else(|| id.to_string(), |r| r.name.clone())
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
