//! The answers file of `knot screen --answers FILE`: TOML or JSON of `question-id = answer`, with
//! `pain-regions` and `local` for the body map, read into raw text pairs. The answers themselves
//! are checked later by [`RuleTable::build_screening`](super::RuleTable::build_screening).

use serde_json::Value;

/// Raw answers: `(question id, text)` pairs and the words for the body map.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct RawAnswers {
    pub answers: Vec<(String, String)>,
    pub pain_terms: Vec<String>,
    pub local_terms: Vec<String>,
}

/// Why an answers file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnswersFileError {
    /// Not valid JSON or TOML at all.
    #[error("is not valid {format}: {message}")]
    Syntax {
        format: &'static str,
        message: String,
    },
    /// Valid, but not a table of answers.
    #[error("{0}")]
    Shape(String),
}

/// Whether a file is JSON: it ends in `.json` or its text starts with `{`; else it is TOML.
pub fn looks_like_json(extension_is_json: bool, text: &str) -> bool {
    extension_is_json || text.trim_start().starts_with('{')
}

/// Reads the text of an answers file, JSON when `json` is true, else TOML.
pub fn read_answers_file(text: &str, json: bool) -> Result<RawAnswers, AnswersFileError> {
    let parsed: Result<Value, String> = if json {
        serde_json::from_str(text).map_err(|e| e.to_string())
    } else {
        toml::from_str(text).map_err(|e| e.to_string())
    };
    let value = parsed.map_err(|message| AnswersFileError::Syntax {
        format: if json { "JSON" } else { "TOML" },
        message,
    })?;
    from_value(&value).map_err(AnswersFileError::Shape)
}

/// Turns a parsed file into raw answers.
fn from_value(value: &Value) -> Result<RawAnswers, String> {
    let Value::Object(entries) = value else {
        return Err("expected a table of question-id = answer".into());
    };
    let mut input = RawAnswers::default();
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
    fn toml_and_json_files_read_the_same() {
        let toml = "fever = false\nage = 44\npain-regions = [\"neck\"]\n";
        let json = r#"{"fever": false, "age": 44, "pain-regions": ["neck"]}"#;
        assert_eq!(
            read_answers_file(toml, false).expect("toml"),
            read_answers_file(json, true).expect("json")
        );
    }

    #[test]
    fn a_syntax_error_names_the_format() {
        let err = read_answers_file("fever = ", false).unwrap_err();
        assert!(err.to_string().starts_with("is not valid TOML: "), "{err}");
        assert!(looks_like_json(false, "  {\"fever\": false}"));
        assert!(!looks_like_json(false, "fever = false"));
    }
}
