//! Checks on text people type that other people (a therapist, the person themselves later) will
//! read: no control characters, no bidirectional-override characters that make text display in
//! a different order than it was written (and can flip the rest of a page), and one Unicode form,
//! so that `é` typed two ways is one name. Pure, for every place text enters.

use knot_record::Measure;
use unicode_normalization::UnicodeNormalization;

/// Characters that reorder displayed text: embeddings and overrides (U+202A–U+202E) and
/// isolates (U+2066–U+2069). Free text in a right-to-left script does not need them.
fn is_bidi_override(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The invisible direction marks (LRM, RLM): harmless in a sentence, confusing in a name.
fn is_direction_mark(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}')
}

/// What is wrong with a piece of text, said so that the sender can fix it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextProblem {
    /// A control character (a line break, where only one line fits, counts).
    Control,
    /// A character that changes the order text is displayed in.
    Bidi,
}

impl TextProblem {
    /// "`what` contains …; …" for an error message.
    pub fn describe(self, what: &str) -> String {
        match self {
            TextProblem::Control => {
                format!("{what} contains control characters; send plain text")
            }
            TextProblem::Bidi => format!(
                "{what} contains characters that change the direction text is displayed in \
                 (U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069); remove them"
            ),
        }
    }
}

/// Free text (a note, why a session stopped), NFC-normalised; line breaks and tabs allowed.
pub fn free_text(text: &str) -> Result<String, TextProblem> {
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(TextProblem::Control);
    }
    if text.chars().any(is_bidi_override) {
        return Err(TextProblem::Bidi);
    }
    Ok(text.nfc().collect())
}

/// A measure's free text (a note's text, an activity) checked with [`free_text`] and
/// normalised; on a refusal, the JSON field at fault with the problem.
pub fn measure_text(measure: Measure) -> Result<Measure, (&'static str, TextProblem)> {
    Ok(match measure {
        Measure::Note { text } => Measure::Note {
            text: free_text(&text).map_err(|p| ("text", p))?,
        },
        Measure::Function { activity, score } => Measure::Function {
            activity: free_text(&activity).map_err(|p| ("activity", p))?,
            score,
        },
        other => other,
    })
}

/// A name or an e-mail address: one line, no direction characters at all, NFC-normalised.
pub fn name(text: &str) -> Result<String, TextProblem> {
    if text.chars().any(char::is_control) {
        return Err(TextProblem::Control);
    }
    if text
        .chars()
        .any(|c| is_bidi_override(c) || is_direction_mark(c))
    {
        return Err(TextProblem::Bidi);
    }
    Ok(text.nfc().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_text_keeps_line_breaks_and_refuses_other_controls() {
        assert_eq!(
            free_text("sharp\nthen dull\t!"),
            Ok("sharp\nthen dull\t!".into())
        );
        assert_eq!(free_text("bell\u{7}"), Err(TextProblem::Control));
        assert_eq!(free_text("c1\u{85}"), Err(TextProblem::Control));
    }

    #[test]
    fn free_text_refuses_overrides_but_allows_direction_marks() {
        for c in ['\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}'] {
            assert_eq!(
                free_text(&format!("a{c}b")),
                Err(TextProblem::Bidi),
                "{c:?}"
            );
        }
        assert!(free_text("שלום\u{200F} ok").is_ok());
    }

    #[test]
    fn names_refuse_direction_marks_and_line_breaks() {
        assert_eq!(name("Sam\u{200E}"), Err(TextProblem::Bidi));
        assert_eq!(name("Sam\u{202E}"), Err(TextProblem::Bidi));
        assert_eq!(name("Sam\nSmith"), Err(TextProblem::Control));
    }

    #[test]
    fn text_is_normalised_so_one_name_typed_two_ways_is_equal() {
        let decomposed = "Rene\u{301}e";
        let composed = "Ren\u{e9}e";
        assert_eq!(name(decomposed), Ok(composed.to_string()));
        assert_eq!(free_text(decomposed), Ok(composed.to_string()));
    }

    #[test]
    fn problems_are_described_with_the_field_name() {
        assert!(TextProblem::Bidi
            .describe("stop_reason")
            .starts_with("stop_reason"));
        assert!(TextProblem::Control
            .describe("the note")
            .contains("control characters"));
    }
}
