//! The atlas names screening questions (`contraindicated_with` on a muscle, `screen` on a
//! vocabulary symptom), but `knot-atlas` cannot see the screening table, so `knot-care` checks
//! those ids: an unknown one is reported with the muscle or symptom it is on and the known ids.

use knot_atlas::Atlas;

use crate::screen::{QuestionKind, RuleTable};

/// A link from the atlas to the screening table that does not resolve.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("the atlas names {} screening question(s) the table does not have:\n  {}", .0.len(), .0.join("\n  "))]
pub struct AtlasLinkError(pub Vec<String>);

/// Checks every screening question id the atlas names against `table`.
pub fn check_atlas_links(atlas: &Atlas, table: &RuleTable) -> Result<(), AtlasLinkError> {
    let known = || {
        table
            .questions()
            .iter()
            .map(|q| q.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut problems = Vec::new();
    for muscle in atlas.muscles() {
        for id in &muscle.cautions.contraindicated_with {
            match table.question(id) {
                None => problems.push(format!(
                    "muscle `{}`: contraindicated_with `{id}` is not a screening question (known: {})",
                    muscle.id,
                    known()
                )),
                Some(q) if q.kind == QuestionKind::Number => problems.push(format!(
                    "muscle `{}`: contraindicated_with `{id}` is a number question; name a yes/no or regions question",
                    muscle.id
                )),
                Some(_) => {}
            }
        }
    }
    let vocabulary = atlas.vocabulary();
    for symptom in vocabulary.symptoms.iter().chain(&vocabulary.activities) {
        if let Some(id) = &symptom.screen {
            if table.question(id).is_none() {
                problems.push(format!(
                    "symptom `{}`: screen `{id}` is not a screening question (known: {})",
                    symptom.id,
                    known()
                ));
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(AtlasLinkError(problems))
    }
}
