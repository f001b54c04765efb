//! Non-interactive answers for `knot screen`: `--answer ID=VALUE` flags and an answers file
//! (TOML or JSON) of `question-id = answer`, with `pain-regions` and `local` for the body map.
//! Everything becomes raw text pairs; `knot-care` checks the answers themselves.

use std::path::Path;

use serde_json::Value;

use crate::failure::{bad_input, Failure};

/// Raw answers gathered from flags and a file.
#[derive(Debug, Default)]
pub struct RawInput {
    pub answers: Vec<(String, String)>,
    pub pain_terms: Vec<String>,
    pub local_terms: Vec<String>,
}

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
    let is_json =
        path.extension().is_some_and(|e| e == "json") || text.trim_start().starts_with('{');
    let parsed: Result<Value, String> = if is_json {
        serde_json::from_str(&text).map_err(|e| e.to_string())
    } else {
        toml::from_str(&text).map_err(|e| e.to_string())
    };
    let value = parsed.map_err(|e| {
        bad_input(format!(
            "the answers file {} is not valid {}: {e}",
            path.display(),
            if is_json { "JSON" } else { "TOML" }
        ))
    })?;
    from_value(&value)
        .map_err(|message| bad_input(format!("in the answers file {}: {message}", path.display())))
}

/// Turns a parsed file into raw answers.
fn from_value(value: &Value) -> Result<RawInput, String> {
    let Value::Object(entries) = value else {
        return Err("expected a table of question-id = answer".into());
    };
    let mut input = RawInput::default();
    for (key, value) in entries {
        let text = scalar_text(key, value)?;
        match key.as_str() {
            "pain-regions" => input.pain_terms.push(text),
            "local" => input.local_terms.push(text),
            _ => input.answers.push((key.clone(), text)),
        }
    }
    Ok(input)
}

/// An answer as text: yes/no for booleans, the number, or a list of places joined by commas.
fn scalar_text(key: &str, value: &Value) -> Result<String, String> {
    match value {
        Value::Bool(true) => Ok("yes".into()),
        Value::Bool(false) => Ok("no".into()),
        Value::Number(n) => Ok(n.to_string()),
        Value::String(s) => Ok(s.clone()),
        Value::Array(items) => items
            .iter()
            .map(|item| match item {
                Value::String(s) => Ok(s.clone()),
                _ => Err(format!(
                    "`{key}`: list only places, as text (\"left calf\")"
                )),
            })
            .collect::<Result<Vec<_>, _>>()
            .map(|places| places.join(", ")),
        _ => Err(format!(
            "`{key}`: answer with yes/no, a number, text or a list of places"
        )),
    }
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
    fn file_values_become_answer_text() {
        let value: Value = serde_json::json!({
            "fever": false, "age": 44, "varicose-veins": ["left calf", "right calf"],
            "pain-regions": "neck, right shoulder", "local": ["left shin"]
        });
        let input = from_value(&value).expect("reads");
        assert!(input.answers.contains(&("fever".into(), "no".into())));
        assert!(input.answers.contains(&("age".into(), "44".into())));
        assert!(input
            .answers
            .contains(&("varicose-veins".into(), "left calf, right calf".into())));
        assert_eq!(input.pain_terms, ["neck, right shoulder"]);
        assert_eq!(input.local_terms, ["left shin"]);
    }

    #[test]
    fn nested_tables_are_refused() {
        let value: Value = serde_json::json!({"fever": {"x": 1}});
        assert!(from_value(&value).is_err());
    }

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
