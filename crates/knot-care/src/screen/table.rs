//! The screening rule table as written in `data/screening.toml`: questions, rules, verdict
//! wording and the fibromyalgia settings. Parsing only; [`super::validate`] checks that the
//! pieces fit together and with the body's region scheme.

use std::collections::BTreeMap;

use knot_body::{Scheme, Side};
use serde::{Deserialize, Serialize};

/// How serious a finding is, from least to most. The order matters: the verdict is the most
/// serious finding, and treatment guidance blocks from `Refer` up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// Keep treatment away from the regions the person named.
    AvoidLocally,
    /// Treat, but gently (lighter pressure, shorter holds, a clinician's OK).
    Modify,
    /// See a physician before treating.
    Refer,
    /// Do not treat; get medical help now.
    Stop,
}

impl Severity {
    /// The word used in the data file and in JSON: `stop`, `refer`, `modify`, `avoid-locally`.
    pub fn word(self) -> &'static str {
        match self {
            Severity::AvoidLocally => "avoid-locally",
            Severity::Modify => "modify",
            Severity::Refer => "refer",
            Severity::Stop => "stop",
        }
    }
}

/// What kind of answer a question takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuestionKind {
    /// "yes" or "no"; "yes" is always the answer that raises concern.
    YesNo,
    /// A whole number between `min` and `max`.
    Number,
    /// Places on the body, in words or region ids, or none.
    Regions,
}

/// A group of questions, asked together in table order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub id: String,
    pub title: String,
    /// Ask this group only when the Widespread Pain Index of the pain regions reaches this.
    #[serde(default)]
    pub ask_when_wpi_at_least: Option<usize>,
}

/// One question of the screening.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub group: String,
    pub kind: QuestionKind,
    /// The question in plain words.
    pub text: String,
    /// Lowest and highest allowed answer for a number question.
    #[serde(default)]
    pub min: Option<i64>,
    #[serde(default)]
    pub max: Option<i64>,
    /// Unit of a number answer ("years").
    #[serde(default)]
    pub unit: Option<String>,
    /// What each number means, from `min` upward (for 0–3 symptom scales).
    #[serde(default)]
    pub labels: Vec<String>,
}

/// One condition of a rule. Exactly one of `is`, `above`, `below`, `any_region` is set;
/// validation checks that it fits the question's kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    pub question: String,
    /// For a yes/no question: holds when answered this ("yes" is the only value allowed).
    #[serde(default)]
    pub is: Option<String>,
    /// For a number question: holds when the answer is greater than this.
    #[serde(default)]
    pub above: Option<i64>,
    /// For a number question: holds when the answer is less than this (the one age floor:
    /// under 16).
    #[serde(default)]
    pub below: Option<i64>,
    /// For a regions question: holds when at least one region was named.
    #[serde(default)]
    pub any_region: Option<bool>,
}

/// How a `modify` finding softens treatment.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Softening {
    /// The share of the atlas's hold time to use, in (0, 1].
    pub hold_scale: f64,
    /// Whether firm pressure is still allowed.
    pub firm_pressure: bool,
}

/// A `modify` rule's softening as written: the softening plus where it applies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SoftenSpec {
    pub hold_scale: f64,
    pub firm_pressure: bool,
    /// Region ids or side-less templates (`calf` = both calves): when given, the softening
    /// applies only to trigger points located there; elsewhere the rule's message is shown as a
    /// warning.
    #[serde(default)]
    pub only_at: Vec<String>,
}

impl SoftenSpec {
    /// The softening itself.
    pub fn softening(&self) -> Softening {
        Softening {
            hold_scale: self.hold_scale,
            firm_pressure: self.firm_pressure,
        }
    }
}

/// A rule: when all conditions hold, a finding of this severity with this message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: String,
    pub severity: Severity,
    /// A short name for the flag ("Chest pain or breathlessness").
    pub title: String,
    pub when: Vec<Condition>,
    /// What to do, in plain words.
    pub message: String,
    pub source: String,
    #[serde(default)]
    pub soften: Option<SoftenSpec>,
    /// Region ids or side-less templates (`groin` = both groins): when the rule fires, trigger
    /// points located there are blocked on both sides, with the rule's message. A `refer` or
    /// `modify` rule with `block_at` blocks only there and warns elsewhere.
    #[serde(default)]
    pub block_at: Vec<String>,
}

/// What the overall verdict says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerdictText {
    pub headline: String,
    pub advice: String,
}

/// The 2016 fibromyalgia survey criteria: which questions feed the Symptom Severity Scale and
/// what Knot says when the criteria are met.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FibromyalgiaSpec {
    /// Fatigue, waking unrefreshed, cognitive symptoms: 0–3 each.
    pub severity_questions: Vec<String>,
    /// Headaches, lower abdominal pain or cramps, depression: yes counts 1.
    pub symptom_questions: Vec<String>,
    /// Symptoms present for at least three months.
    pub duration_question: String,
    /// The id of the finding added when the criteria are met.
    pub rule_id: String,
    pub severity: Severity,
    pub title: String,
    pub message: String,
    pub source: String,
    pub soften: Softening,
}

/// The whole table as parsed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableFile {
    pub version: String,
    pub local_catch_all: String,
    /// Keyed by `clear` and each severity word.
    pub verdicts: BTreeMap<String, VerdictText>,
    #[serde(rename = "group")]
    pub groups: Vec<Group>,
    #[serde(rename = "question")]
    pub questions: Vec<Question>,
    #[serde(rename = "rule")]
    pub rules: Vec<Rule>,
    pub fibromyalgia: FibromyalgiaSpec,
}

/// The full region ids a list of region ids or side-less templates stands for, in the order
/// given, each once; and the entries that name no region.
pub fn region_ids(scheme: &Scheme, entries: &[String]) -> (Vec<String>, Vec<String>) {
    let mut ids: Vec<String> = Vec::new();
    let mut unknown = Vec::new();
    for entry in entries {
        let found: Vec<usize> = match scheme.index_of(entry) {
            Some(index) => vec![index],
            None => [Side::Left, Side::Right]
                .iter()
                .filter_map(|&side| scheme.sided(entry, side))
                .collect(),
        };
        if found.is_empty() {
            unknown.push(entry.clone());
        }
        for index in found {
            let id = &scheme.region(index).id;
            if !ids.contains(id) {
                ids.push(id.clone());
            }
        }
    }
    (ids, unknown)
}

/// Parses the table's TOML text (no cross-checks).
pub fn parse(text: &str) -> Result<TableFile, String> {
    toml::from_str(text).map_err(|e| e.to_string())
}
