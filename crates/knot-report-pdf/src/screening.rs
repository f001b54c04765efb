//! The safety screening's flags as the report prints them: taken when, the overall verdict and
//! each finding, in words. Built from `knot_care`'s judged outcome so that the CLI and the web
//! print the same thing.

use chrono::NaiveDate;
use knot_care::screen::ScreeningOutcome;

/// One finding of the screening.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    /// `stop`, `refer`, `modify` or `avoid-locally`.
    pub severity: String,
    pub title: String,
    pub message: String,
}

/// The latest screening, for the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScreeningFlags {
    /// The day it was taken, in the person's time zone.
    pub taken: NaiveDate,
    /// `clear`, `avoid-locally`, `modify`, `refer` or `stop`.
    pub verdict: String,
    pub headline: String,
    pub advice: String,
    pub flags: Vec<Flag>,
}

impl ScreeningFlags {
    /// The report's view of a judged screening.
    pub fn from_outcome(taken: NaiveDate, outcome: &ScreeningOutcome) -> ScreeningFlags {
        ScreeningFlags {
            taken,
            verdict: outcome.verdict.word().to_string(),
            headline: outcome.headline.clone(),
            advice: outcome.advice.clone(),
            flags: outcome
                .findings
                .iter()
                .map(|f| Flag {
                    severity: f.severity.word().to_string(),
                    title: f.title.clone(),
                    message: f.message.clone(),
                })
                .collect(),
        }
    }
}

/// What a severity asks of the reader, in a physician's words.
pub(crate) fn meaning(severity: &str) -> &'static str {
    match severity {
        "stop" => "do not treat; needs medical help now",
        "refer" => "see a physician before self-treatment",
        "modify" => "treat gently, with a clinician's agreement",
        "avoid-locally" => "keep treatment away from the regions named",
        _ => "see the screening for details",
    }
}
