//! What the Find page shows of a finder result: candidates with their reasons as region *names*,
//! the data the body-map script needs to draw a referral pattern, the settling questions and the
//! answers already given. Built from [`FindResult`]; rendered by `templates/find_results.html`.

use std::collections::BTreeMap;

use askama::Template;

use knot_body::Lexicon;
use knot_care::measures::quoted;
use knot_finder::questions::question_text;
use knot_finder::{Answer, Candidate, FindRequest, FindResult, TermOutcome};

use super::find::LEVELS;
use crate::reference::Reference;

/// How many candidates are shown in full; the rest sit folded under "less likely".
const SHOWN_IN_FULL: usize = 5;

/// One marked region in the visible list.
#[derive(Debug, Clone)]
pub(super) struct MarkedView {
    pub id: String,
    pub name: String,
    pub level: u8,
    pub level_word: &'static str,
}

/// The marked list for regions the scheme knows (unknown ids are reported by the finder).
pub(super) fn marked(reference: &Reference, regions: &[(String, u8)]) -> Vec<MarkedView> {
    regions
        .iter()
        .filter(|(id, _)| reference.scheme.get(id).is_some())
        .map(|(id, level)| MarkedView {
            id: id.clone(),
            name: reference.region_name(id).to_string(),
            level: *level,
            level_word: LEVELS
                .iter()
                .find(|(n, _, _)| n == level)
                .map_or("", |(_, word, _)| word),
        })
        .collect()
}

/// One ranked trigger point.
#[derive(Debug, Clone)]
pub(super) struct CandidateView {
    pub rank: usize,
    pub muscle: String,
    pub muscle_id: String,
    pub side: &'static str,
    pub label: String,
    pub score_label: String,
    /// 0-100, the width of the score bar.
    pub score_width: u32,
    pub explains: String,
    /// Marked places one region off its zones.
    pub near: String,
    pub misses: String,
    pub press_here: String,
    /// Space-separated region ids, for the script that draws the pattern.
    pub essential: String,
    pub spillover: String,
    pub location: String,
    pub location_name: String,
    /// "x y" of the trigger point on the chart, where the script draws the ×.
    pub anchor: String,
}

#[derive(Debug, Clone)]
pub(super) struct CombinationView {
    pub muscles: String,
    pub score_label: String,
    pub explains: String,
}

#[derive(Debug, Clone)]
pub(super) struct QuestionView {
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone)]
pub(super) struct AnsweredView {
    pub id: String,
    pub text: String,
    pub answer: &'static str,
}

/// How a term was read ("tennis elbow: read as …"), shown beside it.
#[derive(Debug, Clone)]
pub(super) struct ReadingView {
    pub term: String,
    pub reading: String,
    pub source: String,
}

/// The results panel.
#[derive(Debug, Default, Template)]
#[template(path = "find_results.html")]
pub(super) struct ResultsView {
    /// Why the drawing could not be ranked.
    pub problem: Option<String>,
    /// Names and ids of the places the words named.
    pub from_words: String,
    pub from_words_ids: Vec<String>,
    /// One line per term that named no place, with near matches.
    pub unmatched: Vec<String>,
    /// Those terms as typed, for the script to leave in the words box.
    pub unmatched_terms: String,
    /// Readings of symptom words, and what to do for words that name no place.
    pub readings: Vec<ReadingView>,
    /// A term meant pain everywhere: point to the screening and ask for the worst places.
    pub widespread: bool,
    /// The leading candidates, shown in full.
    pub candidates: Vec<CandidateView>,
    /// The rest, folded away.
    pub more_candidates: Vec<CandidateView>,
    pub combinations: Vec<CombinationView>,
    pub questions: Vec<QuestionView>,
    pub answered: Vec<AnsweredView>,
    /// Symptoms answered yes that the screening must check, with its rule's words.
    pub red_flags: Vec<RedFlagView>,
}

/// A red-flag symptom's screening rule, as the page shows it.
#[derive(Debug, Default)]
pub(super) struct RedFlagView {
    pub title: String,
    pub message: String,
}

impl ResultsView {
    pub fn problem(message: String) -> ResultsView {
        ResultsView {
            problem: Some(message),
            ..ResultsView::default()
        }
    }

    pub fn build(
        reference: &Reference,
        result: &FindResult,
        request: &FindRequest,
        answers: &BTreeMap<String, Answer>,
    ) -> ResultsView {
        let from_words_ids: Vec<String> = result
            .regions
            .iter()
            .filter(|id| request.regions.iter().all(|m| m.id != **id))
            .map(|id| id.to_string())
            .collect();
        let mut candidates: Vec<CandidateView> = result
            .candidates
            .iter()
            .map(|c| candidate(reference, c))
            .collect();
        let more_candidates = candidates.split_off(candidates.len().min(SHOWN_IN_FULL));
        ResultsView {
            problem: None,
            from_words: reference.region_names(&from_words_ids).join(", "),
            from_words_ids,
            unmatched: result.unmatched.iter().map(|t| not_understood(t)).collect(),
            unmatched_terms: result.unmatched.join(", "),
            readings: result
                .terms
                .iter()
                .filter_map(|t| {
                    Some(ReadingView {
                        term: t.term.clone(),
                        reading: t.reading.clone()?,
                        source: t.source.clone().unwrap_or_default(),
                    })
                })
                .collect(),
            widespread: result
                .terms
                .iter()
                .any(|t| t.outcome == TermOutcome::Widespread),
            candidates,
            more_candidates,
            combinations: result
                .combinations
                .iter()
                .filter(|c| c.trigger_points.len() > 1)
                .map(|c| CombinationView {
                    muscles: c.muscles.join(" + "),
                    score_label: percent(c.score),
                    explains: reference.region_names(&c.explains).join(", "),
                })
                .collect(),
            questions: result
                .questions
                .iter()
                .map(|q| QuestionView {
                    id: q.id.clone(),
                    text: q.text.clone(),
                })
                .collect(),
            answered: answered(reference, answers),
            red_flags: result
                .red_flags
                .iter()
                .filter_map(|flag| flag.rule.as_ref())
                .map(|rule| RedFlagView {
                    title: rule.title.clone(),
                    message: rule.message.clone(),
                })
                .collect(),
        }
    }

    /// True before anything was marked: the panel invites the person to start.
    pub fn is_empty(&self) -> bool {
        self.problem.is_none() && self.candidates.is_empty() && self.readings.is_empty()
    }
}

fn candidate(reference: &Reference, c: &Candidate) -> CandidateView {
    // "Either side" draws the pattern on both sides; the × goes on the first.
    let instances: Vec<_> = c
        .side
        .sides()
        .iter()
        .filter_map(|side| {
            reference
                .atlas
                .trigger_points()
                .iter()
                .find(|t| t.id == c.trigger_point && t.side == *side)
        })
        .collect();
    let zone = |pick: fn(&knot_atlas::TriggerPoint) -> &Vec<String>| -> Vec<String> {
        instances
            .iter()
            .flat_map(|t| pick(t).iter().cloned())
            .collect()
    };
    let essential = zone(|t| &t.essential);
    let spillover = zone(|t| &t.spillover);
    let (location, press_here) = instances.first().map_or_else(
        || (String::new(), String::new()),
        |t| (t.location.clone(), t.press_here.clone()),
    );
    let anchor = reference
        .chart
        .anchor(&location)
        .map_or_else(String::new, |(x, y)| format!("{x:.1} {y:.1}"));
    CandidateView {
        rank: c.rank,
        muscle: c.muscle.to_string(),
        muscle_id: c.muscle_id.to_string(),
        side: c.side.words(),
        label: c.label.to_string(),
        score_label: percent(c.score),
        score_width: (c.score * 100.0).round().clamp(1.0, 100.0) as u32,
        explains: reference.region_names(&c.explains).join(", "),
        near: reference.region_names(&c.near).join(", "),
        misses: reference.region_names(&c.misses).join(", "),
        press_here,
        essential: essential.join(" "),
        spillover: spillover.join(" "),
        location_name: reference.region_name(&location).to_string(),
        location,
        anchor,
    }
}

fn answered(reference: &Reference, answers: &BTreeMap<String, Answer>) -> Vec<AnsweredView> {
    answers
        .iter()
        .filter_map(|(id, answer)| {
            let text = question_text(reference.finder, id)?;
            Some(AnsweredView {
                id: id.clone(),
                text,
                answer: match answer {
                    Answer::Yes => "yes",
                    Answer::No => "no",
                    Answer::Unsure => "unsure",
                },
            })
        })
        .collect()
}

fn not_understood(term: &str) -> String {
    let resolution = Lexicon::builtin().resolve(term);
    if resolution.suggestions.is_empty() {
        format!("“{term}” names no place Knot knows")
    } else {
        format!(
            "“{term}” names no place Knot knows — did you mean {}?",
            quoted(&resolution.suggestions)
        )
    }
}

fn percent(score: f64) -> String {
    let pct = (score * 100.0).round();
    if pct < 1.0 {
        "under 1%".to_string()
    } else {
        format!("{pct:.0}%")
    }
}
