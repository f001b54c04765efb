//! Non-interactive answers for `knot screen`: `--answer ID=VALUE` flags and an answers file
//! (TOML or JSON) of `question-id = answer`, with `pain-regions` and `local` for the body map.
//! Everything becomes raw text pairs; `knot-care` checks the answers themselves.

use std::path::Path;

use knot_care::screen::{looks_like_json, read_answers_file, AnswersFileError, RawAnswers};

use crate::failure::{bad_input, Failure};

/// Raw answers gathered from flags and a file.
pub type RawInput = RawAnswers;

/// Splits `--answer ID=VALUE` flags; a flag without `=` is refused.
pub fn parse_flags(flags: &[String]) -> Result<Vec<(String, String)>, Failure> {
    flags
        .iter()
        .map(|flag| match flag.split_once('=') {
            Some((id, value)) if !id.trim().is_empty() => {
                Ok((id.trim().to_string(), value.trim().to_string()))
            }
            _ => Err(bad_input(format!(
                "--answer {flag:?} is not ID=VALUE; write e.g. --answer fever=no \
                 (`knot screen --questions` lists the ids)"
            ))),
        })
        .collect()
}

/// Reads an answers file: JSON when it ends in `.json` or starts with `{`, else TOML.
pub fn read_file(path: &Path) -> Result<RawInput, Failure> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        bad_input(format!(
            "could not read the answers file {}: {e}",
            path.display()
        ))
    })?;
    let json = looks_like_json(path.extension().is_some_and(|e| e == "json"), &text);
    read_answers_file(&text, json).map_err(|e| match e {
        AnswersFileError::Syntax { .. } => {
            bad_input(format!("the answers file {} {e}", path.display()))
        }
        AnswersFileError::Shape(message) => {
            bad_input(format!("in the answers file {}: {message}", path.display()))
        }
    })
}

/// Flags win over the file for the same question.
pub fn merge(file: RawInput, flags: Vec<(String, String)>) -> Vec<(String, String)> {
    let mut answers: Vec<(String, String)> = file
        .answers
        .into_iter()
        .filter(|(id, _)| !flags.iter().any(|(flag_id, _)| flag_id == id))
        .collect();
    answers.extend(flags);
    answers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_override_the_file() {
        let file = RawInput {
            answers: vec![("fever".into(), "no".into()), ("age".into(), "40".into())],
            ..RawInput::default()
        };
        let merged = merge(file, vec![("fever".into(), "yes".into())]);
        assert_eq!(
            merged,
            [("age".into(), "40".into()), ("fever".into(), "yes".into())]
        );
    }

    #[test]
    fn answer_flags_need_an_equals_sign() {
        assert!(parse_flags(&["fever".into()]).is_err());
        assert_eq!(
            parse_flags(&["fever = no".into()]).expect("ok"),
            [("fever".into(), "no".into())]
        );
    }
}
