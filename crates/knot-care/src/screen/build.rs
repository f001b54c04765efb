//! Building the screening to store: a person's raw answers, pain words and places to keep off
//! become a [`NewScreening`] of canonical answers in table order, or every problem at once.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use knot_body::{Lexicon, Scheme};
use knot_record::NewScreening;

use super::answers::{read_answer, read_regions, Answer, AnswerError, RegionsFor};
use super::table::QuestionKind;
use super::RuleTable;

impl RuleTable {
    /// Reads a whole screening: raw `(question id, answer)` pairs, the words for where it hurt
    /// in the past week, and extra places to keep off (added to the catch-all question). Every
    /// yes/no and number question that applies must be answered; regions questions left out
    /// mean "none". Returns every problem at once.
    pub fn build_screening(
        &self,
        raw: &[(String, String)],
        pain_terms: &[String],
        local_terms: &[String],
        taken_at: DateTime<Utc>,
        lexicon: &Lexicon,
    ) -> Result<NewScreening, Vec<AnswerError>> {
        let mut errors = Vec::new();
        let mut pain_regions = Vec::new();
        for term in pain_terms {
            match read_regions(RegionsFor::PainRegions, term, lexicon) {
                Ok(ids) => pain_regions.extend(ids),
                Err(e) => errors.push(e),
            }
        }
        let pain_regions = in_scheme_order(&pain_regions, lexicon.scheme());
        let mut answers = self.read_all(raw, lexicon, &mut errors);
        self.add_local_terms(&mut answers, local_terms, lexicon, &mut errors);
        let missing: Vec<String> = self
            .questions_to_ask(&pain_regions)
            .into_iter()
            .filter(|q| q.kind != QuestionKind::Regions)
            .filter(|q| !raw.iter().any(|(id, _)| id.trim() == q.id))
            .map(|q| q.id.clone())
            .collect();
        if !missing.is_empty() {
            errors.push(AnswerError::Missing { questions: missing });
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(self.assemble(answers, pain_regions, taken_at, lexicon.scheme()))
    }

    /// Reads each raw answer, refusing unknown and repeated questions.
    fn read_all(
        &self,
        raw: &[(String, String)],
        lexicon: &Lexicon,
        errors: &mut Vec<AnswerError>,
    ) -> Vec<(String, Answer)> {
        let mut answers: Vec<(String, Answer)> = Vec::new();
        for (id, value) in raw {
            let Some(question) = self.question(id.trim()) else {
                errors.push(AnswerError::UnknownQuestion {
                    id: id.clone(),
                    known: self.questions().iter().map(|q| q.id.clone()).collect(),
                });
                continue;
            };
            if answers.iter().any(|(seen, _)| seen == &question.id) {
                errors.push(AnswerError::Repeated {
                    question: question.id.clone(),
                });
                continue;
            }
            match read_answer(question, value, lexicon) {
                Ok(answer) => answers.push((question.id.clone(), answer)),
                Err(e) => errors.push(e),
            }
        }
        answers
    }

    /// Adds places to keep off to the catch-all regions question.
    fn add_local_terms(
        &self,
        answers: &mut Vec<(String, Answer)>,
        local_terms: &[String],
        lexicon: &Lexicon,
        errors: &mut Vec<AnswerError>,
    ) {
        let Some(catch_all) = self.catch_all_question() else {
            return;
        };
        let mut extra = Vec::new();
        for term in local_terms {
            match read_regions(RegionsFor::Local, term, lexicon) {
                Ok(ids) => extra.extend(ids),
                Err(e) => errors.push(e),
            }
        }
        if extra.is_empty() {
            return;
        }
        match answers.iter_mut().find(|(id, _)| id == catch_all) {
            Some((_, Answer::Regions(ids))) => ids.extend(extra),
            _ => answers.push((catch_all.to_string(), Answer::Regions(extra))),
        }
    }

    /// The screening to store: answers in table order, regions questions defaulting to none.
    fn assemble(
        &self,
        answers: Vec<(String, Answer)>,
        pain_regions: Vec<String>,
        taken_at: DateTime<Utc>,
        scheme: &Scheme,
    ) -> NewScreening {
        let mut stored = Vec::new();
        let mut local = Vec::new();
        for question in self.questions() {
            let answer = answers.iter().find(|(id, _)| id == &question.id);
            let answer = match (answer, question.kind) {
                (Some((_, Answer::Regions(ids))), _) => {
                    Answer::Regions(in_scheme_order(ids, scheme))
                }
                (Some((_, answer)), _) => answer.clone(),
                (None, QuestionKind::Regions) => Answer::Regions(Vec::new()),
                (None, _) => continue,
            };
            if let Answer::Regions(ids) = &answer {
                local.extend(ids.iter().cloned());
            }
            stored.push((question.id.clone(), answer.canonical()));
        }
        NewScreening {
            taken_at,
            answers: stored,
            pain_regions,
            local_regions: in_scheme_order(&local, scheme),
            rules_version: self.version().to_string(),
        }
    }
}

/// Region ids without repeats, in scheme order.
fn in_scheme_order(ids: &[String], scheme: &Scheme) -> Vec<String> {
    let indices: BTreeSet<usize> = ids.iter().filter_map(|id| scheme.index_of(id)).collect();
    indices
        .into_iter()
        .map(|i| scheme.region(i).id.clone())
        .collect()
}
