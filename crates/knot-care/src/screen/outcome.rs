//! What a screening comes to: the overall verdict, each finding with what to do and its source,
//! and the widespread-pain result. Serialised as is for `knot screen --json` and the web API.

use serde::Serialize;

use super::fibromyalgia::FibromyalgiaResult;
use super::table::{Severity, Softening};

/// The overall verdict: the most serious finding, or clear.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Clear,
    AvoidLocally,
    Modify,
    Refer,
    Stop,
}

impl Verdict {
    /// The verdict of a set of findings' severities.
    pub fn of(severity: Option<Severity>) -> Verdict {
        match severity {
            None => Verdict::Clear,
            Some(Severity::AvoidLocally) => Verdict::AvoidLocally,
            Some(Severity::Modify) => Verdict::Modify,
            Some(Severity::Refer) => Verdict::Refer,
            Some(Severity::Stop) => Verdict::Stop,
        }
    }

    /// The word used in JSON and the data file: `clear`, `avoid-locally`, `modify`, `refer`,
    /// `stop`.
    pub fn word(self) -> &'static str {
        match self {
            Verdict::Clear => "clear",
            Verdict::AvoidLocally => "avoid-locally",
            Verdict::Modify => "modify",
            Verdict::Refer => "refer",
            Verdict::Stop => "stop",
        }
    }
}

/// One flag raised by the answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// The rule's id (or the fibromyalgia finding's id).
    pub rule_id: String,
    pub severity: Severity,
    /// A short name for the flag.
    pub title: String,
    /// What to do, in plain words.
    pub message: String,
    pub source: String,
    /// For an avoid-locally finding: the region ids to keep off.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<String>,
    /// For a modify finding: how treatment is softened.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub softening: Option<Softening>,
    /// For a modify finding that applies only at some places: those region ids.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub only_at: Vec<String>,
    /// Region ids where this finding blocks treatment outright (a fixed-region rule such as
    /// pregnancy over the abdomen), whatever its severity.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub block_at: Vec<String>,
}

/// The result of a screening.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScreeningOutcome {
    /// The version of the rule table used.
    pub rules_version: String,
    pub verdict: Verdict,
    /// The verdict in one line.
    pub headline: String,
    /// What to do overall.
    pub advice: String,
    /// Findings, most serious first (table order within a severity).
    pub findings: Vec<Finding>,
    pub fibromyalgia: FibromyalgiaResult,
    /// Questions that apply but have no usable answer (a screening stored by an older version
    /// or an incomplete client). A complete screening has none.
    pub unanswered: Vec<String>,
}

impl ScreeningOutcome {
    /// Findings of exactly this severity.
    pub fn findings_of(&self, severity: Severity) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.severity == severity)
    }

    /// Whether treatment must wait for a physician (a stop or refer finding).
    pub fn needs_physician_first(&self) -> bool {
        self.verdict >= Verdict::Refer
    }
}
