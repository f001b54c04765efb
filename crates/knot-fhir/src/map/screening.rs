//! The safety screening as a `Questionnaire` (built from knot-care's rule table: its groups,
//! question ids as `linkId`s and texts) and each completed screening as a
//! `QuestionnaireResponse`.
//!
//! Yes/no questions are `boolean`, number questions `integer` (with the R4 `minValue` and
//! `maxValue` extensions, and the meaning of each value as display text), regions questions a
//! repeating `choice` answered with Knot region codings. The pain regions of the past week (the
//! body map, `pain-regions`) come first. A regions question answered "none" has no answer in the
//! response. The verdict and findings are not exported: they are Knot's advice, derived from the
//! answers by the rule table, not observations.
//!
//! A screening taken with an older table version points to that version's canonical URL; its
//! answers carry no question text, since the bundle's Questionnaire is the current table's.

use knot_body::Scheme;
use knot_care::screen::{Question, QuestionKind, RuleTable};
use knot_record::Screening;

use super::codes::{identifier_system, REGION_SYSTEM, SCREENING_URL};
use super::ids::date_time;
use super::{non_empty, Ctx};
use crate::fhir::{
    Answer, BundleEntry, Coding, Extension, Identifier, Questionnaire, QuestionnaireItem,
    QuestionnaireResponse, Resource, ResponseItem,
};

/// The link id of the body-map question (reserved by knot-care's table).
const PAIN_REGIONS: &str = "pain-regions";
const PAIN_REGIONS_TEXT: &str = "Where have you had pain in the past week?";

/// The screening questionnaire of the built-in rule table.
pub fn questionnaire(ctx: &Ctx) -> BundleEntry {
    let table = RuleTable::builtin();
    let (uuid, full_url) = ctx.shared_ids("questionnaire", table.version());
    let mut item = vec![QuestionnaireItem {
        extension: Vec::new(),
        link_id: PAIN_REGIONS.into(),
        text: PAIN_REGIONS_TEXT.into(),
        kind: "choice".into(),
        repeats: Some(true),
        item: Vec::new(),
    }];
    // A group without questions is left out: R4 requires a group item to hold items (que-1).
    item.extend(table.groups().iter().filter_map(|group| {
        let questions: Vec<QuestionnaireItem> = table
            .questions()
            .iter()
            .filter(|q| q.group == group.id)
            .map(question_item)
            .collect();
        (!questions.is_empty()).then(|| QuestionnaireItem {
            extension: Vec::new(),
            link_id: group.id.clone(),
            text: group.title.clone(),
            kind: "group".into(),
            repeats: None,
            item: questions,
        })
    }));
    BundleEntry {
        full_url,
        resource: Resource::Questionnaire(Questionnaire {
            id: uuid,
            url: SCREENING_URL.into(),
            version: table.version().into(),
            name: "KnotSafetyScreening".into(),
            title: "Knot safety screening before trigger point self-treatment".into(),
            status: "active".into(),
            subject_type: vec!["Patient".into()],
            description: "Red flags and contraindications asked before self-treatment, and the \
                          2016 fibromyalgia survey questions when pain is widespread. The \
                          answers decide Knot's safety advice; they are not a diagnosis."
                .into(),
            item,
        }),
    }
}

fn question_item(question: &Question) -> QuestionnaireItem {
    let (kind, repeats) = match question.kind {
        QuestionKind::YesNo => ("boolean", None),
        QuestionKind::Number => ("integer", None),
        QuestionKind::Regions => ("choice", Some(true)),
    };
    let bound = |url: &str, value: Option<i64>| {
        value.map(|value_integer| Extension {
            url: format!("http://hl7.org/fhir/StructureDefinition/{url}"),
            value_integer,
        })
    };
    let extension = [
        bound("minValue", question.min),
        bound("maxValue", question.max),
    ]
    .into_iter()
    .flatten()
    .collect();
    let labels = (!question.labels.is_empty()).then(|| {
        let from = question.min.unwrap_or(0);
        let meanings: Vec<String> = (from..)
            .zip(&question.labels)
            .map(|(value, label)| format!("{value} = {label}"))
            .collect();
        QuestionnaireItem {
            extension: Vec::new(),
            link_id: format!("{}-scale", question.id),
            text: meanings.join("; "),
            kind: "display".into(),
            repeats: None,
            item: Vec::new(),
        }
    });
    QuestionnaireItem {
        extension,
        link_id: question.id.clone(),
        text: match &question.unit {
            Some(unit) => format!("{} ({unit})", question.text),
            None => question.text.clone(),
        },
        kind: kind.into(),
        repeats,
        item: labels.into_iter().collect(),
    }
}

/// One completed screening.
pub fn response(ctx: &Ctx, screening: &Screening) -> BundleEntry {
    let table = RuleTable::builtin();
    let taken = &screening.screening;
    let current = taken.rules_version == table.version();
    let (uuid, full_url) = ctx.ids("screening", &screening.id.to_string());
    let mut item: Vec<ResponseItem> = Vec::new();
    let pain = regions(&taken.pain_regions);
    if !pain.is_empty() {
        item.push(answered(
            PAIN_REGIONS,
            current.then_some(PAIN_REGIONS_TEXT),
            pain,
        ));
    }
    for group in table.groups() {
        let answers: Vec<ResponseItem> = table
            .questions()
            .iter()
            .filter(|q| q.group == group.id)
            .filter_map(|q| {
                let (_, given) = taken.answers.iter().find(|(id, _)| id == &q.id)?;
                let values = answer(q.kind, given);
                (!values.is_empty()).then(|| answered(&q.id, current.then_some(&q.text), values))
            })
            .collect();
        if !answers.is_empty() {
            item.push(ResponseItem {
                link_id: group.id.clone(),
                text: current.then(|| group.title.clone()),
                answer: Vec::new(),
                item: answers,
            });
        }
    }
    // Answers to questions the current table no longer has, as given.
    item.extend(
        taken
            .answers
            .iter()
            .filter(|(id, _)| table.question(id).is_none())
            .filter_map(|(id, given)| {
                let given = non_empty(given)?;
                Some(answered(id, None, vec![Answer::String(given)]))
            }),
    );
    BundleEntry {
        full_url,
        resource: Resource::QuestionnaireResponse(QuestionnaireResponse {
            id: uuid,
            identifier: Identifier {
                system: identifier_system("screening"),
                value: screening.id.to_string(),
            },
            questionnaire: format!("{SCREENING_URL}|{}", taken.rules_version),
            status: "completed".into(),
            subject: ctx.patient(),
            authored: date_time(taken.taken_at),
            author: ctx.patient(),
            source: ctx.patient(),
            item,
        }),
    }
}

fn answered(link_id: &str, text: Option<&str>, answer: Vec<Answer>) -> ResponseItem {
    ResponseItem {
        link_id: link_id.into(),
        text: text.map(str::to_string),
        answer,
        item: Vec::new(),
    }
}

/// A stored answer ("yes", "45", "left-calf,right-shin") as FHIR answers; an answer that does
/// not fit its question's kind is kept as text.
fn answer(kind: QuestionKind, given: &str) -> Vec<Answer> {
    let typed = match kind {
        QuestionKind::YesNo => match given {
            "yes" => Some(Answer::Boolean(true)),
            "no" => Some(Answer::Boolean(false)),
            _ => None,
        },
        QuestionKind::Number => given.parse().ok().map(Answer::Integer),
        QuestionKind::Regions => {
            let ids: Vec<String> = given
                .split(',')
                .map(str::trim)
                .filter(|id| !id.is_empty())
                .map(str::to_string)
                .collect();
            return regions(&ids);
        }
    };
    match typed {
        Some(answer) => vec![answer],
        None => non_empty(given).map(Answer::String).into_iter().collect(),
    }
}

fn regions(ids: &[String]) -> Vec<Answer> {
    let scheme = Scheme::builtin();
    ids.iter()
        .map(|id| {
            let name = scheme.get(id).map(|r| r.name.as_str());
            Answer::Coding(Coding::new(REGION_SYSTEM, id, name))
        })
        .collect()
}
