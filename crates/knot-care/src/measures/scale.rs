//! The 0–10 scales (pain, functional activities) and the free texts (notes, activity names).

use super::error::MeasureError;

/// The top of the pain and function scales.
pub const SCALE_MAX: u8 = 10;
/// The longest note or remark kept, in characters.
pub const NOTE_MAX_CHARS: usize = 2000;
/// The longest activity name for the functional scale, in characters.
pub const ACTIVITY_MAX_CHARS: usize = 200;

/// The valid range of the pain scale, in words.
pub const PAIN_VALID: &str =
    "a whole number from 0 (no pain) to 10 (worst pain imaginable), e.g. 6 or 6/10";
/// The valid range of the Patient-Specific Functional Scale, in words.
pub const FUNCTION_VALID: &str =
    "a whole number from 0 (unable to do it) to 10 (able to do it as before the problem)";

/// Reads a 0–10 score: "6", " 6 ", "6/10". Anything else, including 6.5, is refused with
/// `valid` as the explanation.
pub fn score(what: &str, valid: &str, text: &str) -> Result<u8, MeasureError> {
    let trimmed = text.trim();
    let number = trimmed
        .strip_suffix("/10")
        .map(str::trim_end)
        .unwrap_or(trimmed);
    match number.parse::<u8>() {
        Ok(value) if value <= SCALE_MAX => Ok(value),
        _ => Err(MeasureError::OutOfRange {
            what: what.to_string(),
            valid: valid.to_string(),
            given: text.to_string(),
        }),
    }
}

/// Checks a stored score (from JSON, say) is on the scale.
pub fn check_score(what: &str, valid: &str, value: u8) -> Result<(), MeasureError> {
    if value <= SCALE_MAX {
        Ok(())
    } else {
        Err(MeasureError::OutOfRange {
            what: what.to_string(),
            valid: valid.to_string(),
            given: value.to_string(),
        })
    }
}

/// Trims a free text and checks it is not empty, not longer than `max_chars` and free of
/// control characters other than line breaks and tabs.
pub fn text(what: &str, input: &str, max_chars: usize) -> Result<String, MeasureError> {
    let trimmed = input.trim();
    let refuse = |problem: String| MeasureError::Text {
        what: what.to_string(),
        problem,
    };
    if trimmed.is_empty() {
        return Err(refuse("is empty; write something in quotes".into()));
    }
    let length = trimmed.chars().count();
    if length > max_chars {
        return Err(refuse(format!(
            "is {length} characters long; the limit is {max_chars}: shorten it or split it in two"
        )));
    }
    if trimmed
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r')
    {
        return Err(refuse("contains control characters; use plain text".into()));
    }
    Ok(trimmed.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn score_reads_plain_and_slash_ten_forms() {
        assert_eq!(score("pain", PAIN_VALID, "6"), Ok(6));
        assert_eq!(score("pain", PAIN_VALID, " 0 "), Ok(0));
        assert_eq!(score("pain", PAIN_VALID, "10/10"), Ok(10));
        assert_eq!(score("pain", PAIN_VALID, "7 /10"), Ok(7));
    }

    #[test]
    fn score_refuses_fractions_negatives_and_words() {
        for bad in ["6.5", "-1", "11", "six", "", "5/5", "256"] {
            let error = score("pain", PAIN_VALID, bad).unwrap_err();
            assert!(
                error.to_string().contains("0 (no pain) to 10"),
                "{bad}: {error}"
            );
        }
    }

    #[test]
    fn text_trims_and_refuses_empty_long_and_control() {
        assert_eq!(
            text("note", "  slept badly \n", 11).as_deref(),
            Ok("slept badly")
        );
        assert!(text("note", "   ", 10).is_err());
        assert!(text("note", "abcdefghijk", 10)
            .unwrap_err()
            .to_string()
            .contains("limit is 10"));
        assert!(text("note", "a\u{0}b", 10).is_err());
        assert!(text("note", "line one\nline two", 100).is_ok());
    }

    #[test]
    fn text_counts_characters_not_bytes() {
        let accented = "é".repeat(10);
        assert!(text("note", &accented, 10).is_ok());
    }
}
