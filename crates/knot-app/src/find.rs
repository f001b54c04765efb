//! Finding the trigger points behind a pain drawing: size limits, then the finder's own checks
//! ([`knot_finder::Finder::answer`]), with every refusal phrased so that a person knows what to
//! change. `knot find`, `POST /api/v1/find` and the Find page all come here.

use knot_atlas::Atlas;
use knot_body::{Lexicon, Scheme};
use knot_care::hint::Hint;
use knot_care::measures::quoted;
use knot_finder::{DrawingError, FindRequest, FindResult, RedFlagRule, RequestError};

use crate::error::{AppError, AppResult};
use crate::App;

/// Limits that keep one request cheap; a real drawing is far inside them.
const MAX_TERMS: usize = 40;
const MAX_TERM_CHARS: usize = 200;
const MAX_REGIONS: usize = 500;
const MAX_ANSWERS: usize = 100;

impl App {
    /// Checks and ranks a drawing. Every refusal is the sender's to fix.
    pub fn find(&self, request: &FindRequest) -> AppResult<FindResult> {
        check_limits(request).map_err(AppError::invalid)?;
        let mut result = self
            .finder
            .answer(request)
            .map_err(|error| AppError::Invalid {
                problems: vec![refusal(self.finder.scheme(), &error)],
                hint: hint_for(&error),
            })?;
        describe_red_flags(self.atlas, &mut result);
        Ok(result)
    }
}

/// Fills each red flag of a find result with its screening rule (knot-care's table), so every
/// front end shows the same message and the hint to take the screening.
pub fn describe_red_flags(atlas: &Atlas, result: &mut FindResult) {
    for flag in &mut result.red_flags {
        flag.rule = knot_care::safety::red_flag(atlas, &flag.symptom).map(|rule| RedFlagRule {
            severity: rule.severity,
            title: rule.title,
            message: rule.message,
            hint: "take_screening".to_string(),
        });
    }
}

/// Where to look when a drawing was refused.
fn hint_for(error: &RequestError) -> Option<Hint> {
    match error {
        RequestError::Drawing(DrawingError::UnknownRegion(_) | DrawingError::Empty(_)) => {
            Some(Hint::ListRegions)
        }
        _ => None,
    }
}

fn check_limits(request: &FindRequest) -> Result<(), String> {
    if request.terms.len() > MAX_TERMS {
        return Err(format!(
            "too many terms ({}); send at most {MAX_TERMS}",
            request.terms.len()
        ));
    }
    if let Some(term) = request
        .terms
        .iter()
        .find(|t| t.chars().count() > MAX_TERM_CHARS)
    {
        let start: String = term.chars().take(30).collect();
        return Err(format!(
            "the term starting {start:?} is longer than {MAX_TERM_CHARS} characters; name one \
             place per term, e.g. \"right temple\""
        ));
    }
    if request.regions.len() > MAX_REGIONS {
        return Err(format!(
            "too many regions ({}); send each region once (at most {MAX_REGIONS})",
            request.regions.len()
        ));
    }
    if request.answers.len() > MAX_ANSWERS {
        return Err(format!(
            "too many answers ({}); send at most {MAX_ANSWERS}",
            request.answers.len()
        ));
    }
    Ok(())
}

/// The message for a refused request.
fn refusal(scheme: &Scheme, error: &RequestError) -> String {
    match error {
        RequestError::UnknownQuestion(id) => {
            format!("no question has the id {id:?}; answer only the questions a find result asks")
        }
        RequestError::Drawing(DrawingError::UnknownRegion(id)) => {
            let mut message = format!("there is no body region with the id {id:?}");
            let near = similar_region_ids(scheme, id);
            if !near.is_empty() {
                message.push_str(&format!("; did you mean {}?", quoted(&near)));
            }
            message.push_str(", or say where in words instead");
            message
        }
        RequestError::Drawing(DrawingError::BadIntensity { region, intensity }) => format!(
            "the intensity {intensity} for {region:?} is outside 0-10; send a number from 0 \
             (none) to 10 (worst imaginable), or leave it out"
        ),
        RequestError::Drawing(DrawingError::Empty(unmatched)) => empty_drawing(unmatched),
    }
}

fn empty_drawing(unmatched: &[String]) -> String {
    if unmatched.is_empty() {
        return "the drawing is empty: mark at least one place that hurts, or say where in \
                words, e.g. \"right temple\""
            .to_string();
    }
    let lexicon = Lexicon::builtin();
    let lines: Vec<String> = unmatched
        .iter()
        .map(|term| {
            let resolution = lexicon.resolve(term);
            if resolution.suggestions.is_empty() {
                format!("no body region found in {term:?}")
            } else {
                format!(
                    "no body region found in {term:?} (did you mean {}?)",
                    quoted(&resolution.suggestions)
                )
            }
        })
        .collect();
    format!(
        "{}; use words like \"right temple\" or \"back of the left knee\"",
        lines.join("; ")
    )
}

/// Region ids close to an unknown one: what its words name, else the nearest spellings.
fn similar_region_ids(scheme: &Scheme, id: &str) -> Vec<String> {
    let words = id.replace(['-', '_'], " ");
    let resolution = Lexicon::builtin().resolve(&words);
    if resolution.understood() && resolution.regions.len() <= 3 {
        return resolution.regions;
    }
    let wanted = id.to_lowercase();
    let mut scored: Vec<(f64, &str)> = scheme
        .regions()
        .iter()
        .map(|r| {
            (
                strsim::normalized_levenshtein(&r.id, &wanted),
                r.id.as_str(),
            )
        })
        .filter(|(score, _)| *score >= 0.7)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored
        .into_iter()
        .take(3)
        .map(|(_, id)| id.to_string())
        .collect()
}
