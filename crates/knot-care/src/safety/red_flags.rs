//! A finder symptom that may be a red flag in disguise (the atlas vocabulary's `screen` link):
//! the screening rule it leads to, for the finder's answer to show beside the candidates.

use knot_atlas::Atlas;
use serde::Serialize;

use crate::hint::Hint;
use crate::screen::RuleTable;

/// The screening rule behind a symptom the person said yes to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RedFlag {
    /// The symptom id (atlas vocabulary).
    pub symptom: String,
    /// The screening question whose rule applies.
    pub question: String,
    /// `stop`, `refer`, `modify` or `avoid-locally`.
    pub severity: String,
    pub title: String,
    pub message: String,
    /// Take the screening: treatment needs one that answered `question`.
    pub hint: Hint,
}

/// The red flag for `symptom`, when the vocabulary links it to a screening question.
pub fn red_flag(atlas: &Atlas, symptom: &str) -> Option<RedFlag> {
    let question = atlas.vocabulary().question(symptom)?.screen.clone()?;
    let table = RuleTable::builtin();
    let rule = table
        .rules()
        .iter()
        .find(|rule| rule.when.iter().any(|c| c.question == question))?;
    Some(RedFlag {
        symptom: symptom.to_string(),
        question,
        severity: rule.severity.word().to_string(),
        title: rule.title.clone(),
        message: rule.message.clone(),
        hint: Hint::TakeScreening,
    })
}
