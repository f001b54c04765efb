//! What the Screen page shows, built from `knot_care::screen`: the questions group by group
//! with the answers given so far and any problem beside each, and the outcome of a screening
//! (verdict, what to do, each finding with its source, the widespread-pain result) in words.

use std::collections::HashMap;

use knot_care::screen::{
    AnswerError, Question, QuestionKind, RegionsFor, RuleTable, ScreeningOutcome,
};

use crate::hints;

use crate::reference::Reference;

/// The form field of a question.
pub(super) fn field_name(id: &str) -> String {
    format!("q.{id}")
}

/// The form field of where it hurt in the past week.
pub(super) const PAIN_FIELD: &str = "pain_regions";

/// One question as the form shows it.
#[derive(Debug)]
pub(super) struct QuestionView {
    pub name: String,
    pub dom_id: String,
    pub text: String,
    /// "yes-no", "number", "scale" (a number with labels) or "regions".
    pub kind: &'static str,
    pub value: String,
    /// For a scale: (value, "0 = no problem").
    pub options: Vec<(String, String)>,
    pub min: i64,
    pub max: i64,
    pub unit: String,
    pub error: Option<String>,
}

/// One group of questions.
#[derive(Debug)]
pub(super) struct GroupView {
    pub id: String,
    pub title: String,
    pub note: String,
    pub questions: Vec<QuestionView>,
}

/// The questions with the values and problems of a submitted form.
pub(super) fn groups(
    table: &RuleTable,
    values: &HashMap<String, String>,
    errors: &HashMap<String, String>,
) -> Vec<GroupView> {
    table
        .groups()
        .iter()
        .map(|group| GroupView {
            id: group.id.clone(),
            title: group.title.clone(),
            note: group
                .ask_when_wpi_at_least
                .map(|n| {
                    format!(
                        "Needed when pain in the past week covers {n} or more of the 19 areas of \
                         the Widespread Pain Index (each side's jaw, shoulder, upper arm, lower \
                         arm, hip or buttock, upper leg and lower leg; the neck, upper back, lower \
                         back, chest and abdomen). Otherwise leave them blank."
                    )
                })
                .unwrap_or_default(),
            questions: table
                .questions()
                .iter()
                .filter(|q| q.group == group.id)
                .map(|q| question(q, values, errors))
                .collect(),
        })
        .collect()
}

fn question(
    q: &Question,
    values: &HashMap<String, String>,
    errors: &HashMap<String, String>,
) -> QuestionView {
    let kind = match q.kind {
        QuestionKind::YesNo => "yes-no",
        QuestionKind::Number if !q.labels.is_empty() => "scale",
        QuestionKind::Number => "number",
        QuestionKind::Regions => "regions",
    };
    let min = q.min.unwrap_or(0);
    QuestionView {
        name: field_name(&q.id),
        dom_id: format!("q-{}", q.id),
        text: q.text.clone(),
        kind,
        value: values.get(&q.id).cloned().unwrap_or_default(),
        options: q
            .labels
            .iter()
            .zip(min..)
            .map(|(label, n)| (n.to_string(), format!("{n} = {label}")))
            .collect(),
        min,
        max: q.max.unwrap_or(0),
        unit: q.unit.clone().unwrap_or_default(),
        error: errors.get(&q.id).cloned(),
    }
}

/// Where each refusal belongs: a question id, or [`PAIN_FIELD`], or "" for the whole form.
pub(super) fn place_errors(errors: &[AnswerError]) -> HashMap<String, String> {
    let mut placed: HashMap<String, String> = HashMap::new();
    let mut put = |key: String, message: String| {
        placed.entry(key).or_insert(message);
    };
    for error in errors {
        match error {
            AnswerError::Repeated { question }
            | AnswerError::NotYesNo { question, .. }
            | AnswerError::NotANumber { question, .. }
            | AnswerError::OutOfRange { question, .. }
            | AnswerError::NeedsWhere { question } => put(question.clone(), sentence(error)),
            AnswerError::UnknownRegion { context, .. } => {
                let key = match context {
                    RegionsFor::Question(id) => id.clone(),
                    RegionsFor::PainRegions | RegionsFor::Local => PAIN_FIELD.to_string(),
                };
                put(key, sentence(error))
            }
            AnswerError::Missing { questions } => {
                for id in questions {
                    put(id.clone(), "Answer this question.".to_string());
                }
            }
            AnswerError::UnknownQuestion { .. } => put(String::new(), error.to_string()),
        }
    }
    placed
}

/// A refusal without the "question `id`:" prefix the field it sits beside already shows.
fn sentence(error: &AnswerError) -> String {
    let text = hints::page_answer_error(error);
    let text = match text.split_once("`: ") {
        Some((head, rest)) if head.starts_with("question `") => rest.to_string(),
        _ => text,
    };
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text,
    }
}

/// One finding as shown.
#[derive(Debug)]
pub(super) struct FindingView {
    pub severity: &'static str,
    pub title: String,
    pub message: String,
    pub source: String,
    pub places: String,
}

/// A screening's outcome as shown.
#[derive(Debug)]
pub(super) struct OutcomeView {
    pub id: i64,
    pub taken: String,
    pub verdict: &'static str,
    pub headline: String,
    pub advice: String,
    pub findings: Vec<FindingView>,
    pub widespread: String,
    pub widespread_figures: String,
    pub widespread_source: String,
    pub stale: bool,
    pub unanswered: usize,
}

/// The outcome in words.
pub(super) fn outcome(
    reference: &Reference,
    id: i64,
    taken: String,
    outcome: &ScreeningOutcome,
    stale: bool,
) -> OutcomeView {
    let fibro = &outcome.fibromyalgia;
    let sss = fibro
        .sss
        .map_or_else(|| "not answered".to_string(), |s| format!("{s} of 12"));
    OutcomeView {
        id,
        taken,
        verdict: outcome.verdict.word(),
        headline: outcome.headline.clone(),
        advice: outcome.advice.clone(),
        findings: outcome
            .findings
            .iter()
            .map(|f| FindingView {
                severity: f.severity.word(),
                title: f.title.clone(),
                message: f.message.clone(),
                source: f.source.clone(),
                places: f
                    .regions
                    .iter()
                    .map(|id| reference.region_name(id).to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
            .collect(),
        widespread: fibro.summary.clone(),
        widespread_figures: format!(
            "Widespread Pain Index {} of 19 · symptom severity {sss} · {} of 5 body regions",
            fibro.wpi, fibro.generalised_regions
        ),
        widespread_source: fibro.source.clone(),
        stale,
        unanswered: outcome.unanswered.len(),
    }
}
