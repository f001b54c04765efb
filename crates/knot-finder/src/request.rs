//! A find request (the body of `POST /api/v1/find`, one line of `knot find --batch`) checked and
//! answered in one step, so that every front end accepts and refuses exactly the same requests.

use crate::drawing::{Drawing, DrawingError, FindRequest};
use crate::model::Finder;
use crate::questions;
use crate::result::FindResult;

/// Why a request cannot be answered. Front ends phrase these for their own users.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RequestError {
    /// An answer names a question the finder never asks.
    #[error("unknown question id {0:?}")]
    UnknownQuestion(String),
    /// The drawing itself is wrong (unknown region, bad intensity, nothing marked).
    #[error(transparent)]
    Drawing(#[from] DrawingError),
}

impl Finder {
    /// Checks a request (answer ids, region ids, intensities, at least one region) and ranks it.
    pub fn answer(&self, request: &FindRequest) -> Result<FindResult, RequestError> {
        if let Some(id) = request
            .answers
            .keys()
            .find(|id| !questions::is_known_question(self, id))
        {
            return Err(RequestError::UnknownQuestion(id.clone()));
        }
        let drawing = Drawing::from_request(request)?;
        Ok(self.find_or_explain(&drawing))
    }

    /// Ranks a drawing; one whose only terms name no place (widespread pain, heartburn) gets
    /// an answer with no candidates and those terms' readings, rather than a ranking of nothing.
    pub fn find_or_explain(&self, drawing: &Drawing) -> FindResult {
        if drawing.only_unplaced() {
            return FindResult {
                regions: Vec::new(),
                unmatched: drawing.unmatched.clone(),
                candidates: Vec::new(),
                combinations: Vec::new(),
                questions: Vec::new(),
                terms: drawing.terms.clone(),
                // A symptom answered yes may be a red flag even when no place is marked.
                red_flags: self.red_flags(drawing),
            };
        }
        self.find(drawing)
    }

    /// Answers one line of `knot find --batch`: a JSON find request, or a message saying what
    /// is wrong with it. Here rather than in the binary so the fuzz target drives this code.
    pub fn answer_line(&self, line: &str) -> Result<FindResult, String> {
        let request: FindRequest = serde_json::from_str(line).map_err(|e| {
            format!("not a drawing: {e}; expected {{\"terms\": [\"left buttock\"]}}")
        })?;
        self.answer(&request).map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drawing::RegionMark;

    fn request(regions: &[&str]) -> FindRequest {
        FindRequest {
            regions: regions
                .iter()
                .map(|id| RegionMark {
                    id: (*id).to_string(),
                    intensity: Some(6.0),
                    worst: false,
                })
                .collect(),
            ..FindRequest::default()
        }
    }

    #[test]
    fn an_unplaced_drawing_still_names_red_flags_answered_yes() {
        let finder = Finder::builtin();
        let flagged = finder
            .atlas()
            .vocabulary()
            .symptoms
            .iter()
            .find(|q| q.screen.is_some())
            .expect("the vocabulary links some symptom to the screening");
        let mut req = FindRequest {
            terms: vec!["pain all over".into()],
            ..FindRequest::default()
        };
        req.answers.insert(flagged.id.clone(), crate::Answer::Yes);
        let result = finder.answer(&req).unwrap();
        assert!(result.candidates.is_empty(), "{result:?}");
        assert_eq!(result.red_flags.len(), 1, "{result:?}");
        assert_eq!(result.red_flags[0].symptom, flagged.id);
    }

    #[test]
    fn answer_refuses_a_question_the_finder_never_asks() {
        let mut req = request(&["right-temple"]);
        req.answers
            .insert("no-such-question".into(), crate::Answer::Yes);
        assert_eq!(
            Finder::builtin().answer(&req),
            Err(RequestError::UnknownQuestion("no-such-question".into()))
        );
    }

    #[test]
    fn answer_ranks_the_same_as_find_on_the_drawing() {
        let req = request(&["right-temple", "right-side-of-neck"]);
        let finder = Finder::builtin();
        let direct = finder.find(&Drawing::from_request(&req).unwrap());
        assert_eq!(finder.answer(&req).unwrap(), direct);
    }

    #[test]
    fn answer_line_reads_a_json_drawing_and_explains_a_bad_one() {
        let finder = Finder::builtin();
        assert!(finder.answer_line(r#"{"terms": ["right temple"]}"#).is_ok());
        let err = finder.answer_line("right temple").unwrap_err();
        assert!(err.starts_with("not a drawing: "), "{err}");
    }

    fn words(terms: &[&str]) -> FindRequest {
        FindRequest {
            terms: terms.iter().map(|t| (*t).to_string()).collect(),
            ..FindRequest::default()
        }
    }

    #[test]
    fn widespread_pain_is_answered_with_its_reading_not_a_ranking() {
        let result = Finder::builtin()
            .answer(&words(&["my whole body"]))
            .unwrap();
        assert!(result.candidates.is_empty() && result.regions.is_empty());
        assert!(result.unmatched.is_empty(), "{:?}", result.unmatched);
        let term = &result.terms[0];
        assert_eq!(term.outcome, crate::TermOutcome::Widespread);
        assert!(term.reading.as_deref().unwrap().contains("fibromyalgia"));
    }

    #[test]
    fn a_place_beside_widespread_pain_is_still_ranked() {
        let result = Finder::builtin()
            .answer(&words(&["everywhere", "right temple"]))
            .unwrap();
        assert!(!result.candidates.is_empty());
        assert_eq!(result.terms[0].outcome, crate::TermOutcome::Widespread);
        assert_eq!(result.terms[1].outcome, crate::TermOutcome::Placed);
    }

    #[test]
    fn symptom_words_travel_with_their_reading_and_source() {
        let result = Finder::builtin()
            .answer(&words(&["tennis elbow", "xyzzy"]))
            .unwrap();
        let tennis = &result.terms[0];
        assert!(tennis.reading.as_deref().unwrap().contains("outer elbow"));
        assert!(tennis.source.as_deref().unwrap().contains("Simons"));
        assert_eq!(result.terms[1].outcome, crate::TermOutcome::NotUnderstood);
        assert_eq!(result.unmatched, vec!["xyzzy".to_string()]);
        let json = serde_json::to_value(&result).unwrap();
        assert_eq!(json["terms"][0]["outcome"], "placed");
        assert!(json["terms"][1].get("reading").is_none());
    }

    #[test]
    fn answer_refuses_an_empty_drawing() {
        assert!(matches!(
            Finder::builtin().answer(&FindRequest::default()),
            Err(RequestError::Drawing(DrawingError::Empty(_)))
        ));
    }
}
