//! Why a typed measure was refused. Every message names what was wrong and what is accepted;
//! where a list would help, [`MeasureError::hint`] says which, for each front end to phrase.

use thiserror::Error;

use crate::hint::Hint;

/// A measure that cannot be recorded as typed.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum MeasureError {
    /// A number outside its scale, or not a number at all.
    #[error("{what} must be {valid}; got {given:?}")]
    OutOfRange {
        what: String,
        valid: String,
        given: String,
    },
    /// A unit suffix Knot does not know for this measure.
    #[error("{what}: unknown unit {given:?}; write {accepted}")]
    UnknownUnit {
        what: String,
        given: String,
        accepted: String,
    },
    /// Words that name no body region.
    #[error("could not find a body region in {words:?}.{} Use words like \"right temple\" or a region id.", suggest(.suggestions))]
    UnknownRegion {
        words: String,
        suggestions: Vec<String>,
    },
    /// Words that name a region but also contain words Knot did not understand.
    #[error("in {words:?}, Knot did not understand {}; rephrase, or use a region id", quoted(.ignored))]
    UnclearRegion { words: String, ignored: Vec<String> },
    /// Words that name several regions where one is needed.
    #[error("{words:?} names {} regions ({}); pain is logged for one region at a time (or for both sides of one place, as in \"both temples\"): name one, e.g. {:?}", .regions.len(), .regions.join(", "), .regions.first().map(|r| r.replace('-', " ")).unwrap_or_default())]
    SeveralRegions { words: String, regions: Vec<String> },
    /// A trigger point id the atlas does not have.
    #[error("no trigger point {given:?} in the atlas.{}", suggest(.suggestions))]
    UnknownTriggerPoint {
        given: String,
        suggestions: Vec<String>,
    },
    /// A lateral trigger point given without a side, or with a side it does not have.
    #[error("{trigger_point} needs a side: {}{}; write it as e.g. {trigger_point}:{}", .sides.join(" or "), given.as_ref().map(|g| format!(" (got {g:?})")).unwrap_or_default(), .sides.first().map(String::as_str).unwrap_or("right"))]
    Side {
        trigger_point: String,
        sides: Vec<String>,
        given: Option<String>,
    },
    /// A movement name Knot does not know.
    #[error("no movement called {given:?}.{}", suggest(.suggestions))]
    UnknownMovement {
        given: String,
        suggestions: Vec<String>,
    },
    /// A movement name that fits several movements.
    #[error("{given:?} could be {}; say which", quoted(.candidates))]
    AmbiguousMovement {
        given: String,
        candidates: Vec<String>,
    },
    /// Empty text, text over the length limit, or text with control characters.
    #[error("{what} {problem}")]
    Text { what: String, problem: String },
    /// A date or time that could not be read.
    #[error("cannot read the time {given:?}; write YYYY-MM-DD or YYYY-MM-DDTHH:MM (24-hour, local time), e.g. 2024-03-05T08:30")]
    BadTime { given: String },
    /// A time that has not come yet.
    #[error("the time {given:?} is in the future; a diary entry records something that happened")]
    FutureTime { given: String },
}

impl MeasureError {
    /// The list that holds what was meant, when the words named nothing Knot knows.
    pub fn hint(&self) -> Option<Hint> {
        match self {
            MeasureError::UnknownRegion { .. } | MeasureError::UnclearRegion { .. } => {
                Some(Hint::ListRegions)
            }
            MeasureError::UnknownTriggerPoint { .. } => {
                Some(Hint::ListTriggerPoints { muscle: None })
            }
            MeasureError::UnknownMovement { .. } => Some(Hint::ListMovements),
            _ => None,
        }
    }
}

/// ` Did you mean "a" or "b"?` when there are suggestions, else nothing.
fn suggest(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!(" Did you mean {}?", quoted(suggestions))
    }
}

/// `"a", "b" or "c"`: alternatives as a person reads them, in every front end's messages.
pub fn quoted(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("{s:?}")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => quoted.concat(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn out_of_range_message_names_the_valid_range_and_the_input() {
        let error = MeasureError::OutOfRange {
            what: "pain".into(),
            valid: "a whole number from 0 to 10".into(),
            given: "11".into(),
        };
        let text = error.to_string();
        assert!(
            text.contains("0 to 10") && text.contains("\"11\""),
            "{text}"
        );
    }

    #[test]
    fn suggestions_are_offered_only_when_there_are_some() {
        let none = MeasureError::UnknownMovement {
            given: "x".into(),
            suggestions: vec![],
        };
        assert!(!none.to_string().contains("Did you mean"));
        let some = MeasureError::UnknownMovement {
            given: "x".into(),
            suggestions: vec!["a".into(), "b".into()],
        };
        assert!(some.to_string().contains("Did you mean \"a\" or \"b\"?"));
    }

    #[test]
    fn unknown_names_point_to_a_list_as_a_hint_not_a_command() {
        let error = MeasureError::UnknownTriggerPoint {
            given: "x".into(),
            suggestions: vec![],
        };
        assert_eq!(error.hint(), Some(Hint::ListTriggerPoints { muscle: None }));
        assert!(!error.to_string().contains("knot"), "{error}");
        assert_eq!(MeasureError::BadTime { given: "x".into() }.hint(), None);
    }
}
