//! Which screening questions a treatment depends on, and the block when the saved screening has
//! no answer to one of them (a screening taken before the question existed does not cover it).
//!
//! A point depends on every question of a rule that acts everywhere (stop, refer, and modify
//! without `only_at`), on the questions of rules that act at its location (`block_at`,
//! `only_at`), and on its muscle's `contraindicated_with` questions. Regions questions count as
//! answered only when the saved screening holds an answer for them ("none" included).

use std::collections::BTreeSet;

use knot_atlas::{Atlas, TriggerPoint};
use knot_record::Screening;

use super::{Note, Permission};
use crate::hint::Hint;
use crate::screen::{region_ids, QuestionKind, RuleTable, Severity};

/// The ids of the questions a treatment of `tp` depends on, in table order.
pub fn needed_questions(atlas: &Atlas, table: &RuleTable, tp: &TriggerPoint) -> Vec<String> {
    let scheme = knot_body::Scheme::builtin();
    let mut needed: BTreeSet<&str> = BTreeSet::new();
    for rule in table.rules() {
        let here = |entries: &[String]| region_ids(scheme, entries).0.contains(&tp.location);
        let only_at = rule.soften.as_ref().map_or(&[][..], |s| &s.only_at[..]);
        let everywhere = match rule.severity {
            Severity::Stop | Severity::Refer => rule.block_at.is_empty(),
            Severity::Modify => only_at.is_empty() && rule.block_at.is_empty(),
            Severity::AvoidLocally => false,
        };
        if everywhere || here(&rule.block_at) || here(only_at) {
            needed.extend(rule.when.iter().map(|c| c.question.as_str()));
        }
    }
    if let Some(muscle) = atlas.muscle(&tp.muscle_id) {
        needed.extend(
            muscle
                .cautions
                .contraindicated_with
                .iter()
                .map(String::as_str),
        );
    }
    table
        .questions()
        .iter()
        .filter(|q| needed.contains(q.id.as_str()))
        .map(|q| q.id.clone())
        .collect()
}

/// Blocks the treatment, pointing to the screening, when a question it depends on has no
/// answer in the saved screening.
pub(super) fn notes(
    atlas: &Atlas,
    table: &RuleTable,
    screening: &Screening,
    tp: &TriggerPoint,
    notes: &mut Vec<Note>,
) {
    let stored = &screening.screening;
    let applies: BTreeSet<&str> = table
        .questions_to_ask(&stored.pain_regions)
        .into_iter()
        .map(|q| q.id.as_str())
        .collect();
    let unanswered = table.evaluate(stored).unanswered;
    let missing: Vec<String> = needed_questions(atlas, table, tp)
        .into_iter()
        .filter(|id| applies.contains(id.as_str()))
        .filter(|id| {
            let kind = table.question(id).map(|q| q.kind);
            match kind {
                Some(QuestionKind::Regions) => !stored.answers.iter().any(|(q, _)| q == id),
                _ => unanswered.contains(id),
            }
        })
        .collect();
    if missing.is_empty() {
        return;
    }
    notes.push(Note {
        hint: Some(Hint::TakeScreening),
        ..Note::new(
            Permission::Blocked,
            format!(
                "Your saved screening has no answer to a question this knot depends on ({}). \
                 Take the screening again before you treat it.",
                missing.join(", ")
            ),
        )
    });
}
