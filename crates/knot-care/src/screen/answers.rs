//! Reading answers: what a person typed ("y", "45", "left calf, right shin") becomes a checked
//! [`Answer`] with a canonical stored form ("yes", "45", "left-calf,right-shin"), or an
//! [`AnswerError`] that says what is wrong and what to write instead. Where a list or a field
//! would help, the error carries it as a value ([`AnswerError::hint`], [`RegionsFor`], the
//! unanswered ids) for each front end to phrase as its flags or fields.

use std::collections::BTreeSet;
use std::fmt;

use crate::hint::Hint;

use knot_body::{Lexicon, Scheme};
use serde::Serialize;

use super::table::{Question, QuestionKind};

/// A checked answer to one question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Answer {
    YesNo(bool),
    Number(i64),
    /// Region ids in scheme order; empty for "none".
    Regions(Vec<String>),
}

impl Answer {
    /// The form stored in a screening: "yes"/"no", the number, or region ids joined by commas.
    pub fn canonical(&self) -> String {
        match self {
            Answer::YesNo(true) => "yes".into(),
            Answer::YesNo(false) => "no".into(),
            Answer::Number(n) => n.to_string(),
            Answer::Regions(ids) => ids.join(","),
        }
    }
}

/// What a list of regions answers: the pain regions, the places to keep off, or a question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegionsFor {
    PainRegions,
    /// Places to keep off, given apart from the questions.
    Local,
    Question(String),
}

impl fmt::Display for RegionsFor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RegionsFor::PainRegions => f.write_str("pain regions"),
            RegionsFor::Local => f.write_str("local"),
            RegionsFor::Question(id) => write!(f, "question `{id}`"),
        }
    }
}

/// Why an answer could not be read. Each message says what is wrong and what to write.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnswerError {
    #[error("unknown question `{id}`; the questions are: {}", .known.join(", "))]
    UnknownQuestion { id: String, known: Vec<String> },
    #[error("question `{question}` was answered twice; give one answer")]
    Repeated { question: String },
    #[error("question `{question}`: {given:?} is not yes or no; answer yes or no (y/n)")]
    NotYesNo { question: String, given: String },
    #[error("question `{question}`: {given:?} is not a whole number; answer a number from {min} to {max}{hint}")]
    NotANumber {
        question: String,
        given: String,
        min: i64,
        max: i64,
        hint: String,
    },
    #[error(
        "question `{question}`: {given} is out of range; answer a number from {min} to {max}{hint}"
    )]
    OutOfRange {
        question: String,
        given: i64,
        min: i64,
        max: i64,
        hint: String,
    },
    #[error("{context}: could not find a body region in {term:?}{}; answer \"none\", or use words like \"left calf\" or a region id",
        suggestion_text(.suggestions))]
    UnknownRegion {
        context: RegionsFor,
        term: String,
        suggestions: Vec<String>,
    },
    #[error("question `{question}`: say where, e.g. \"left calf\" or \"lower back\", or answer \"none\"")]
    NeedsWhere { question: String },
    /// Front ends add how to answer one in their terms (a flag, a JSON field, a form field).
    #[error("these questions are not answered: {}; answer each", .questions.join(", "))]
    Missing { questions: Vec<String> },
}

impl AnswerError {
    /// The list that holds what was meant, when the words named nothing Knot knows.
    pub fn hint(&self) -> Option<Hint> {
        match self {
            AnswerError::UnknownRegion { .. } => Some(Hint::ListRegions),
            _ => None,
        }
    }
}

fn suggestion_text(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!(" (did you mean {}?)", suggestions.join(", "))
    }
}

const YES: &[&str] = &["y", "yes", "true", "1"];
const NO: &[&str] = &["n", "no", "false", "0"];
const NONE: &[&str] = &["", "none", "no", "n", "nowhere", "-"];

/// Reads region words ("left calf, right shin", "left-calf", "none") into region ids in scheme
/// order. `context` names what is being answered, for the message.
pub fn read_regions(
    context: RegionsFor,
    raw: &str,
    lexicon: &Lexicon,
) -> Result<Vec<String>, AnswerError> {
    let scheme = lexicon.scheme();
    let mut indices = BTreeSet::new();
    for term in raw.split([',', ';']).map(str::trim) {
        if NONE.contains(&term.to_lowercase().as_str()) {
            continue;
        }
        if let Some(index) = scheme.index_of(term) {
            indices.insert(index);
            continue;
        }
        let resolution = lexicon.resolve(term);
        if !resolution.understood() {
            return Err(AnswerError::UnknownRegion {
                context,
                term: term.to_string(),
                suggestions: resolution.suggestions,
            });
        }
        indices.extend(
            resolution
                .regions
                .iter()
                .filter_map(|id| scheme.index_of(id)),
        );
    }
    Ok(indices
        .into_iter()
        .map(|i| scheme.region(i).id.clone())
        .collect())
}

/// Reads one answer to `question`.
pub fn read_answer(
    question: &Question,
    raw: &str,
    lexicon: &Lexicon,
) -> Result<Answer, AnswerError> {
    let word = raw.trim().to_lowercase();
    match question.kind {
        QuestionKind::YesNo if YES.contains(&word.as_str()) => Ok(Answer::YesNo(true)),
        QuestionKind::YesNo if NO.contains(&word.as_str()) => Ok(Answer::YesNo(false)),
        QuestionKind::YesNo => Err(AnswerError::NotYesNo {
            question: question.id.clone(),
            given: raw.trim().to_string(),
        }),
        QuestionKind::Number => read_number(question, &word),
        QuestionKind::Regions if YES.contains(&word.as_str()) => Err(AnswerError::NeedsWhere {
            question: question.id.clone(),
        }),
        QuestionKind::Regions => {
            read_regions(RegionsFor::Question(question.id.clone()), raw, lexicon)
                .map(Answer::Regions)
        }
    }
}

fn read_number(question: &Question, word: &str) -> Result<Answer, AnswerError> {
    let (min, max) = (question.min.unwrap_or(0), question.max.unwrap_or(0));
    let hint = scale_hint(question);
    let unit = question.unit.as_deref().unwrap_or("");
    let digits = word.strip_suffix(unit).unwrap_or(word).trim();
    let value: i64 = digits.parse().map_err(|_| AnswerError::NotANumber {
        question: question.id.clone(),
        given: word.to_string(),
        min,
        max,
        hint: hint.clone(),
    })?;
    if value < min || value > max {
        return Err(AnswerError::OutOfRange {
            question: question.id.clone(),
            given: value,
            min,
            max,
            hint,
        });
    }
    Ok(Answer::Number(value))
}

/// " (0 = no problem, 1 = …)" for labelled scales, else "".
pub(crate) fn scale_hint(question: &Question) -> String {
    if question.labels.is_empty() {
        return String::new();
    }
    let min = question.min.unwrap_or(0);
    let parts: Vec<String> = question
        .labels
        .iter()
        .zip(min..)
        .map(|(label, n)| format!("{n} = {label}"))
        .collect();
    format!(" ({})", parts.join("; "))
}

/// Reads a stored answer leniently (no lexicon, unknown regions dropped): what evaluation uses,
/// so a screening stored by any client is judged the same way.
pub(crate) fn stored_answer(question: &Question, raw: &str, scheme: &Scheme) -> Option<Answer> {
    let word = raw.trim().to_lowercase();
    match question.kind {
        QuestionKind::YesNo => match word.as_str() {
            "yes" => Some(Answer::YesNo(true)),
            "no" => Some(Answer::YesNo(false)),
            _ => None,
        },
        QuestionKind::Number => word
            .parse::<i64>()
            .ok()
            .filter(|n| question.min.is_none_or(|min| *n >= min))
            .filter(|n| question.max.is_none_or(|max| *n <= max))
            .map(Answer::Number),
        QuestionKind::Regions => Some(Answer::Regions(
            word.split(',')
                .map(str::trim)
                .filter(|id| scheme.get(id).is_some())
                .map(String::from)
                .collect(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::screen::RuleTable;

    fn question(id: &str) -> &'static Question {
        RuleTable::builtin().question(id).expect("question")
    }

    fn read(id: &str, raw: &str) -> Result<Answer, AnswerError> {
        read_answer(question(id), raw, Lexicon::builtin())
    }

    #[test]
    fn yes_and_no_are_read_in_their_usual_spellings() {
        for raw in ["y", "Yes", " YES ", "true"] {
            assert_eq!(read("fever", raw), Ok(Answer::YesNo(true)), "{raw}");
        }
        for raw in ["n", "No", "false"] {
            assert_eq!(read("fever", raw), Ok(Answer::YesNo(false)), "{raw}");
        }
        assert!(matches!(
            read("fever", "perhaps"),
            Err(AnswerError::NotYesNo { .. })
        ));
    }

    #[test]
    fn numbers_may_carry_their_unit_and_must_be_in_range() {
        assert_eq!(read("age", "45 years"), Ok(Answer::Number(45)));
        assert!(matches!(
            read("age", "121"),
            Err(AnswerError::OutOfRange { max: 120, .. })
        ));
        let Err(error) = read("sss-fatigue", "lots") else {
            panic!("accepted");
        };
        assert!(error.to_string().contains("0 = no problem"), "{error}");
    }

    #[test]
    fn places_are_read_from_words_ids_or_none() {
        assert_eq!(read("fracture", "none"), Ok(Answer::Regions(Vec::new())));
        assert_eq!(read("fracture", ""), Ok(Answer::Regions(Vec::new())));
        let Ok(Answer::Regions(ids)) = read("fracture", "left-calf, right shin") else {
            panic!("not read");
        };
        assert_eq!(ids, ["right-shin", "left-calf"]);
        assert!(matches!(
            read("fracture", "yes"),
            Err(AnswerError::NeedsWhere { .. })
        ));
        assert!(matches!(
            read("fracture", "left tempel"),
            Err(AnswerError::UnknownRegion { .. })
        ));
    }

    #[test]
    fn stored_answers_round_trip_through_their_canonical_form() {
        let scheme = Scheme::builtin();
        for (id, raw) in [
            ("fever", "y"),
            ("age", "61"),
            ("fracture", "left calf, right shin"),
        ] {
            let answer = read(id, raw).expect("reads");
            let stored = stored_answer(question(id), &answer.canonical(), scheme);
            assert_eq!(stored, Some(answer));
        }
    }
}
