//! What the finder answers: the JSON contract of `knot find --json` and `POST /api/v1/find`
//! (DESIGN.md), built from the ranking, the combinations and the questions.

use serde::Serialize;

use knot_body::Side;

use crate::drawing::Drawing;
use crate::model::Finder;
use crate::questions;
use crate::rank::Ranking;

/// How many single candidates and combinations are reported.
const CANDIDATES: usize = 10;
const COMBINATIONS: usize = 3;
/// Combinations less likely than this are not worth showing.
const MIN_COMBINATION_SCORE: f64 = 0.01;

/// One ranked trigger point with its reasons.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    pub rank: usize,
    pub muscle: String,
    pub muscle_id: String,
    pub trigger_point: String,
    pub label: String,
    pub side: Side,
    /// Posterior probability (0-1) that this trigger point is the source, under the model.
    pub score: f64,
    /// Marked regions its zones (or their near neighbours) account for.
    pub explains: Vec<String>,
    /// Regions of its essential zone that are not marked.
    pub misses: Vec<String>,
    /// Symptom and activity questions worth checking for it.
    pub check: Vec<String>,
}

/// Trigger points that together explain the drawing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Combination {
    pub trigger_points: Vec<String>,
    pub muscles: Vec<String>,
    /// Posterior probability of this set among the single and combined explanations examined.
    pub score: f64,
    pub explains: Vec<String>,
}

/// A question that would separate the leading candidates.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionOut {
    pub id: String,
    pub text: String,
    pub separates: Vec<String>,
    /// Expected information gain in bits.
    pub gain: f64,
}

/// A symptom the person said yes to that may be a red flag in disguise (the atlas vocabulary's
/// `screen` link): the screening question it leads to. The finder names the link; the
/// application fills `rule` from the screening table (`knot_care::safety::red_flag`), so the
/// finder needs no screening of its own.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RedFlag {
    pub symptom: String,
    /// The screening question whose rule applies; treatment needs a screening that answered it.
    pub question: String,
    pub rule: Option<RedFlagRule>,
}

/// The screening rule behind a red flag, in words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RedFlagRule {
    /// `stop`, `refer`, `modify` or `avoid-locally`.
    pub severity: String,
    pub title: String,
    pub message: String,
    /// Always `take_screening`: take the screening before treating.
    pub hint: String,
}

/// The finder's whole answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FindResult {
    pub regions: Vec<String>,
    pub unmatched: Vec<String>,
    pub candidates: Vec<Candidate>,
    pub combinations: Vec<Combination>,
    pub questions: Vec<QuestionOut>,
    /// Red-flag symptoms answered yes, in vocabulary order.
    pub red_flags: Vec<RedFlag>,
}

impl Finder {
    /// Ranks the trigger points behind a drawing, finds combinations and picks questions.
    pub fn find(&self, drawing: &Drawing) -> FindResult {
        let (_, ranking) = self.rank(drawing);
        let candidates = ranking
            .order
            .iter()
            .take(CANDIDATES)
            .enumerate()
            .map(|(rank, &(node, score))| self.candidate(rank + 1, node, score, drawing))
            .collect();
        FindResult {
            regions: drawing
                .marks
                .iter()
                .map(|m| self.scheme.region(m.region).id.clone())
                .collect(),
            unmatched: drawing.unmatched.clone(),
            candidates,
            combinations: self.reported_combinations(drawing, &ranking),
            questions: questions::best(self, drawing, &ranking.order),
            red_flags: self.red_flags(drawing),
        }
    }

    /// The vocabulary symptoms answered yes (on any side: `foot-drop:right`) that link to a
    /// screening question, each once.
    fn red_flags(&self, drawing: &Drawing) -> Vec<RedFlag> {
        let mut flags: Vec<RedFlag> = Vec::new();
        for (id, answer) in &drawing.answers {
            if *answer != crate::Answer::Yes {
                continue;
            }
            let symptom = id.split_once(':').map_or(id.as_str(), |(base, _)| base);
            let Some(question) = self.atlas.vocabulary().question(symptom) else {
                continue;
            };
            if let Some(screen) = &question.screen {
                if !flags.iter().any(|f| f.symptom == symptom) {
                    flags.push(RedFlag {
                        symptom: symptom.to_string(),
                        question: screen.clone(),
                        rule: None,
                    });
                }
            }
        }
        flags
    }

    fn candidate(&self, rank: usize, node: usize, score: f64, drawing: &Drawing) -> Candidate {
        let n = &self.nodes[node];
        let tp = &self.atlas.trigger_points()[n.tp];
        let id = |r: usize| self.scheme.region(r).id.clone();
        let explains = drawing
            .marks
            .iter()
            .filter(|m| self.explains(node, m.region))
            .map(|m| id(m.region))
            .collect();
        let misses = n
            .essential
            .iter()
            .filter(|&&r| !drawing.is_marked(r))
            .map(|&r| id(r))
            .collect();
        let vocabulary = self.atlas.vocabulary();
        let check = tp
            .symptoms
            .iter()
            .filter_map(|v| vocabulary.question(v))
            .map(|q| q.question.replace("{side}", tp.side.word()))
            .collect();
        Candidate {
            rank,
            muscle: self
                .atlas
                .muscle(&tp.muscle_id)
                .map_or_else(|| tp.muscle_id.clone(), |m| m.name.clone()),
            muscle_id: tp.muscle_id.clone(),
            trigger_point: tp.id.clone(),
            label: tp.label.clone(),
            side: tp.side,
            score: round(score),
            explains,
            misses,
            check,
        }
    }

    fn reported_combinations(&self, drawing: &Drawing, ranking: &Ranking) -> Vec<Combination> {
        ranking
            .sets
            .iter()
            .filter(|(_, p)| *p >= MIN_COMBINATION_SCORE)
            .take(COMBINATIONS)
            .map(|(set, p)| {
                let tps: Vec<_> = set
                    .nodes
                    .iter()
                    .map(|&i| &self.atlas.trigger_points()[self.nodes[i].tp])
                    .collect();
                let explains = drawing
                    .marks
                    .iter()
                    .filter(|m| set.nodes.iter().any(|&i| self.explains(i, m.region)))
                    .map(|m| self.scheme.region(m.region).id.clone())
                    .collect();
                Combination {
                    trigger_points: tps.iter().map(|t| format!("{}:{}", t.side, t.id)).collect(),
                    muscles: tps
                        .iter()
                        .map(|t| {
                            self.atlas
                                .muscle(&t.muscle_id)
                                .map_or_else(|| t.muscle_id.clone(), |m| m.name.clone())
                        })
                        .collect(),
                    score: round(*p),
                    explains,
                }
            })
            .collect()
    }

    /// True if a trigger point's zones, or their near neighbours, account for a region.
    fn explains(&self, node: usize, region: usize) -> bool {
        self.nodes[node].link[region] >= self.params.near_essential as f32 - f32::EPSILON
    }
}

fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}
