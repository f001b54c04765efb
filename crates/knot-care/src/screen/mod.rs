//! The safety screening: a reviewed rule table of red flags and contraindications, the 2016
//! fibromyalgia survey criteria, and the evaluation of a person's answers.
//!
//! Data flow: the table (`data/screening.toml`, embedded and validated) lists the questions.
//! A person's raw answers ("y", "45", "left calf") are read by [`RuleTable::build_screening`]
//! into a [`knot_record::NewScreening`] of canonical answers, which is what gets stored.
//! [`evaluate`] turns a stored or new screening into a [`ScreeningOutcome`]: the verdict, the
//! findings with what to do and their sources, and the widespread-pain result.
//! `crate::safety::check_treatment` applies an outcome to one trigger point.

mod answers;
mod answers_file;
mod build;
mod evaluate;
mod fibromyalgia;
mod outcome;
mod table;
mod validate;

use std::sync::OnceLock;

use knot_body::maps::widespread_pain;
use knot_body::Scheme;
use knot_record::NewScreening;

pub use answers::{read_answer, read_regions, Answer, AnswerError, RegionsFor};
pub use answers_file::{looks_like_json, read_answers_file, AnswersFileError, RawAnswers};
pub use fibromyalgia::{criteria_met, FibromyalgiaResult, FibromyalgiaStatus};
pub use outcome::{Finding, ScreeningOutcome, Verdict};
pub use table::{
    region_ids, Condition, FibromyalgiaSpec, Group, Question, QuestionKind, Rule, Severity,
    SoftenSpec, Softening, VerdictText,
};
pub use validate::RESERVED_IDS;

const BUILTIN_TOML: &str = include_str!("../../data/screening.toml");

/// A problem with the screening table; the tests keep the embedded one valid.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TableError {
    #[error("screening.toml is not valid TOML for the rule table: {0}")]
    Parse(String),
    #[error("the screening table has {} problem(s):\n  {}", .0.len(), .0.join("\n  "))]
    Invalid(Vec<String>),
}

/// The loaded, validated screening rule table.
#[derive(Debug)]
pub struct RuleTable {
    file: table::TableFile,
}

impl RuleTable {
    /// The table embedded in the binary. Its tests keep it valid, so a failure here means the
    /// data file was edited without running them.
    pub fn builtin() -> &'static RuleTable {
        static BUILTIN: OnceLock<RuleTable> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            RuleTable::parse(BUILTIN_TOML, Scheme::builtin())
                .unwrap_or_else(|e| panic!("embedded screening.toml is invalid: {e}"))
        })
    }

    /// Parses and validates a table in the format of `data/screening.toml`.
    pub fn parse(text: &str, scheme: &Scheme) -> Result<RuleTable, TableError> {
        let file = table::parse(text).map_err(TableError::Parse)?;
        let problems = validate::validate(&file, scheme);
        if problems.is_empty() {
            Ok(RuleTable { file })
        } else {
            Err(TableError::Invalid(problems))
        }
    }

    /// The table's version, stored with each screening.
    pub fn version(&self) -> &str {
        &self.file.version
    }

    /// The question groups, in asking order.
    pub fn groups(&self) -> &[Group] {
        &self.file.groups
    }

    /// Every question, in table order.
    pub fn questions(&self) -> &[Question] {
        &self.file.questions
    }

    /// The question with this id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.file.questions.iter().find(|q| q.id == id)
    }

    /// Every rule, in table order.
    pub fn rules(&self) -> &[Rule] {
        &self.file.rules
    }

    /// The rule with this id.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.file.rules.iter().find(|r| r.id == id)
    }

    /// The fibromyalgia settings.
    pub fn fibromyalgia(&self) -> &FibromyalgiaSpec {
        &self.file.fibromyalgia
    }

    /// What a verdict says. Validation guarantees every verdict has its text.
    pub fn verdict_text(&self, verdict: Verdict) -> VerdictText {
        self.file
            .verdicts
            .get(verdict.word())
            .cloned()
            .unwrap_or_else(|| VerdictText {
                headline: verdict.word().to_string(),
                advice: String::new(),
            })
    }

    /// The regions question that collects places to keep off that no other question covers.
    pub fn catch_all_question(&self) -> Option<&str> {
        self.rule(&self.file.local_catch_all)
            .and_then(|rule| rule.when.first())
            .map(|condition| condition.question.as_str())
    }

    /// Whether a group's questions apply, given the pain regions of the past week.
    pub fn group_applies(&self, group_id: &str, pain_regions: &[String]) -> bool {
        let gate = self
            .file
            .groups
            .iter()
            .find(|g| g.id == group_id)
            .and_then(|g| g.ask_when_wpi_at_least);
        match gate {
            Some(at_least) => widespread_pain(pain_regions).index >= at_least,
            None => true,
        }
    }

    /// The questions to ask, in asking order (group by group), given the pain regions.
    pub fn questions_to_ask(&self, pain_regions: &[String]) -> Vec<&Question> {
        self.file
            .groups
            .iter()
            .filter(|g| self.group_applies(&g.id, pain_regions))
            .flat_map(|g| self.file.questions.iter().filter(move |q| q.group == g.id))
            .collect()
    }

    /// Evaluates a screening against this table.
    pub fn evaluate(&self, screening: &NewScreening) -> ScreeningOutcome {
        evaluate::evaluate(self, screening)
    }
}

/// Evaluates a screening against the built-in table.
pub fn evaluate(screening: &NewScreening) -> ScreeningOutcome {
    RuleTable::builtin().evaluate(screening)
}
