//! Whether a planned treatment of one trigger point is safe for this person, given their latest
//! screening and the atlas's cautions and endangerment sites.
//!
//! The screening is evaluated with the current rule table (`crate::screen`). A stop or refer
//! finding blocks every treatment (a refer rule with `block_at` only there); an avoid-locally
//! finding blocks a trigger point that lies in a region to keep off and softens one beside it; a
//! modify finding softens (or, when it only concerns certain places, warns elsewhere) and blocks
//! at its `block_at` regions; a screening that has no answer to a question this point depends on
//! blocks it until the screening is taken again (`needed`). From the atlas (`atlas`): a point left
//! to a therapist is blocked, a "yes" to a muscle's `contraindicated_with` question blocks, a knot
//! that lies on an endangerment site is softened, and the muscle's other sites warn. Without a
//! screening, treatment is warned and told to screen first.

mod atlas;
mod links;
mod needed;
mod red_flags;
mod screening;

use knot_atlas::{Atlas, TriggerPoint};
use knot_record::Screening;
use serde::Serialize;

use crate::hint::Hint;
use crate::screen::{RuleTable, Softening};

pub use links::{check_atlas_links, AtlasLinkError};
pub use needed::needed_questions;
pub use red_flags::{red_flag, RedFlag};

/// How a treatment may go ahead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
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
pub(crate) struct Note {
    permission: Permission,
    message: String,
    softening: Option<Softening>,
    hint: Option<Hint>,
}

impl Note {
    pub(crate) fn new(permission: Permission, message: String) -> Note {
        Note {
            permission,
            message,
            softening: None,
            hint: None,
        }
    }

    /// A warning to screen (again) before treating.
    pub(crate) fn screen_first(message: String) -> Note {
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
    check(atlas, screening, trigger_point, Treater::Themselves)
}

/// [`check_treatment`] for a treatment a therapist gives in the clinic: the same screening,
/// contraindication and endangerment rules, without the atlas's advice to leave a point to a
/// therapist (which is advice to the person treating themselves).
pub fn check_treatment_by_therapist(
    atlas: &Atlas,
    screening: Option<&Screening>,
    trigger_point: &TriggerPoint,
) -> TreatmentCheck {
    check(atlas, screening, trigger_point, Treater::Therapist)
}

/// Who presses on the point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Treater {
    Themselves,
    Therapist,
}

fn check(
    atlas: &Atlas,
    screening: Option<&Screening>,
    trigger_point: &TriggerPoint,
    treater: Treater,
) -> TreatmentCheck {
    combine(notes(atlas, screening, trigger_point, treater))
}

/// Each reason bearing on a therapist's treatment of the point with its own permission, most
/// serious first, without repeats: the messages of [`check_treatment_by_therapist`], graded one
/// by one rather than all at the verdict's level.
pub(crate) fn graded_messages_for_therapist(
    atlas: &Atlas,
    screening: Option<&Screening>,
    trigger_point: &TriggerPoint,
) -> Vec<(Permission, String)> {
    let mut notes = notes(atlas, screening, trigger_point, Treater::Therapist);
    notes.sort_by_key(|note| std::cmp::Reverse(note.permission));
    let mut graded: Vec<(Permission, String)> = Vec::new();
    for note in notes {
        if !graded.iter().any(|(_, m)| *m == note.message) {
            graded.push((note.permission, note.message));
        }
    }
    graded
}

fn notes(
    atlas: &Atlas,
    screening: Option<&Screening>,
    trigger_point: &TriggerPoint,
    treater: Treater,
) -> Vec<Note> {
    let mut notes = Vec::new();
    match screening {
        None => notes.push(Note::screen_first(
            "You have not taken the safety screening yet. Take it first.".into(),
        )),
        Some(screening) => {
            let table = RuleTable::builtin();
            let outcome = table.evaluate(&screening.screening);
            screening::notes(screening, &outcome, trigger_point, &mut notes);
            needed::notes(atlas, table, screening, trigger_point, &mut notes);
            atlas::contraindications(atlas, &outcome, trigger_point, &mut notes);
        }
    }
    atlas::notes(atlas, trigger_point, treater, &mut notes);
    notes
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
