//! What is wrong with a clinical entry, field by field, so a form can show each message beside
//! its field and an API client can read them all at once.

use std::fmt;

use serde::Serialize;

/// One thing wrong with one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The field's name as the entry type spells it (`hold_seconds`, `side`, …).
    pub field: String,
    /// What is wrong and what to write instead.
    pub message: String,
}

impl Problem {
    pub fn new(field: &str, message: impl Into<String>) -> Problem {
        Problem {
            field: field.to_string(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// Every problem found in one entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{}", render(.problems))]
pub struct Invalid {
    pub problems: Vec<Problem>,
}

impl Invalid {
    /// `Ok` when nothing was found.
    pub fn check(problems: Vec<Problem>) -> Result<(), Invalid> {
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Invalid { problems })
        }
    }

    /// Whether a problem names this field.
    pub fn names(&self, field: &str) -> bool {
        self.problems.iter().any(|p| p.field == field)
    }
}

fn render(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(Problem::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}
