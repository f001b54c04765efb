//! What the finder answers: the JSON contract of `knot find --json` and `POST /api/v1/find`
//! (DESIGN.md), built from the ranking, the combinations and the questions.
//!
//! Reasons are true by construction: a candidate "explains" a marked place only when its own
//! zones or its location hold it, on their sides; a mark one region off is listed as "near".
//! When the drawing gives no side (it is its own mirror image), a trigger point is shown once,
//! on "either" side, rather than as a left and a right copy.

use std::borrow::Cow;

use serde::Serialize;

use knot_body::Side;

use crate::drawing::{Drawing, TermReading};
use crate::model::Finder;
use crate::questions;
use crate::rank::{settled, Ranking};

/// How many single candidates and combinations are reported.
const CANDIDATES: usize = 10;
const COMBINATIONS: usize = 3;
/// Combinations less likely than this are not worth showing.
const MIN_COMBINATION_SCORE: f64 = 0.01;
// The ranking puts only its best few sets in order.
const _: () = assert!(COMBINATIONS <= crate::rank::SETS_ORDERED);

/// The side a candidate is shown on: "either" when the drawing cannot tell left from right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CandidateSide {
    Left,
    Right,
    Midline,
    Either,
}

impl CandidateSide {
    /// The word of the JSON: `left`, `right`, `midline`, `either`.
    pub fn word(self) -> &'static str {
        match self {
            CandidateSide::Left => "left",
            CandidateSide::Right => "right",
            CandidateSide::Midline => "midline",
            CandidateSide::Either => "either",
        }
    }

    /// How a person reads it: "right", "midline", "either side".
    pub fn words(self) -> &'static str {
        match self {
            CandidateSide::Either => "either side",
            side => side.word(),
        }
    }

    /// The sides of the body it stands for.
    pub fn sides(self) -> &'static [Side] {
        match self {
            CandidateSide::Left => &[Side::Left],
            CandidateSide::Right => &[Side::Right],
            CandidateSide::Midline => &[Side::Midline],
            CandidateSide::Either => &[Side::Right, Side::Left],
        }
    }
}

impl From<Side> for CandidateSide {
    fn from(side: Side) -> Self {
        match side {
            Side::Left => CandidateSide::Left,
            Side::Right => CandidateSide::Right,
            Side::Midline => CandidateSide::Midline,
        }
    }
}

impl std::fmt::Display for CandidateSide {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.word())
    }
}

/// One ranked trigger point with its reasons.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    pub rank: usize,
    pub muscle: &'static str,
    pub muscle_id: &'static str,
    pub trigger_point: &'static str,
    pub label: &'static str,
    pub side: CandidateSide,
    /// Posterior probability (0-1) that this trigger point is the source, under the model (for
    /// "either" side: that it is active on one side or both).
    pub score: f64,
    /// Marked regions its own zones or its location hold, on their sides.
    pub explains: Vec<&'static str>,
    /// Marked regions one region off its essential or spillover zone, on the zone's side: an
    /// imprecise mark it might account for.
    pub near: Vec<&'static str>,
    /// Regions of its essential zone that are not marked.
    pub misses: Vec<&'static str>,
    /// Symptom and activity questions worth checking for it (borrowed when the question names
    /// no side).
    pub check: Vec<Cow<'static, str>>,
}

/// Trigger points that together explain the drawing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Combination {
    pub trigger_points: Vec<String>,
    pub muscles: Vec<&'static str>,
    /// Posterior probability of this set among the single and combined explanations examined.
    pub score: f64,
    pub explains: Vec<&'static str>,
}

/// A question that would separate the leading candidates.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionOut {
    pub id: String,
    pub text: String,
    pub separates: Vec<String>,
    /// Expected information gain in bits, to four decimals.
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
    pub regions: Vec<&'static str>,
    pub unmatched: Vec<String>,
    pub candidates: Vec<Candidate>,
    pub combinations: Vec<Combination>,
    pub questions: Vec<QuestionOut>,
    /// How each term given in words was read, with the reading of symptom words.
    pub terms: Vec<TermReading>,
    /// Red-flag symptoms answered yes, in vocabulary order.
    pub red_flags: Vec<RedFlag>,
}

impl Finder {
    /// Ranks the trigger points behind a drawing, finds combinations and picks questions.
    pub fn find(&self, drawing: &Drawing) -> FindResult {
        let ranking = self.rank(drawing);
        let either = self.is_symmetric(drawing);
        // (instances, score): both sides' instances of a trigger point go together when the
        // drawing has no side; then the order follows their joint score.
        let mut picked: Vec<(usize, usize, f64)> = Vec::with_capacity(CANDIDATES);
        for &(node, score) in &ranking.order {
            let mirror = self.mirror[node];
            if !either || mirror == node {
                picked.push((node, node, score));
            } else if !picked.iter().any(|p| p.0 == mirror) {
                picked.push((
                    node,
                    mirror,
                    self.either_score(&ranking, node, mirror, score),
                ));
            }
            if !either && picked.len() == CANDIDATES {
                break;
            }
        }
        picked.sort_by_key(|p| std::cmp::Reverse(settled(p.2)));
        let candidates = picked
            .iter()
            .take(CANDIDATES)
            .enumerate()
            .map(|(i, &(node, mirror, score))| {
                let nodes = [node, mirror];
                let nodes = if node == mirror {
                    &nodes[..1]
                } else {
                    &nodes[..]
                };
                self.candidate(i + 1, nodes, score, drawing)
            })
            .collect();
        FindResult {
            regions: drawing
                .marks
                .iter()
                .map(|m| self.scheme.region(m.region).id.as_str())
                .collect(),
            unmatched: drawing.unmatched.clone(),
            candidates,
            combinations: self.reported_combinations(drawing, &ranking),
            questions: questions::best(self, drawing, &ranking.order),
            terms: drawing.terms.clone(),
            red_flags: self.red_flags(drawing),
        }
    }

    /// The vocabulary symptoms answered yes (on any side: `foot-drop:right`) that link to a
    /// screening question, each once.
    pub(crate) fn red_flags(&self, drawing: &Drawing) -> Vec<RedFlag> {
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

    /// True if the drawing is its own mirror image, answers included: it says nothing about
    /// the side.
    fn is_symmetric(&self, drawing: &Drawing) -> bool {
        let marks = drawing.marks.iter().all(|m| {
            let mirror = self.scheme.mirror(m.region);
            drawing
                .marks
                .iter()
                .any(|o| o.region == mirror && o.intensity == m.intensity && o.worst == m.worst)
        });
        let mirrored = |id: &str| {
            if let Some(base) = id.strip_suffix(":left") {
                Some(format!("{base}:right"))
            } else {
                id.strip_suffix(":right").map(|base| format!("{base}:left"))
            }
        };
        let answers = drawing.answers.iter().all(|(id, answer)| {
            mirrored(id).is_none_or(|other| drawing.answers.get(&other) == Some(answer))
        });
        marks && answers
    }

    /// P(the trigger point is active on one side or both): the two marginals less the sets
    /// that hold both.
    fn either_score(&self, ranking: &Ranking, node: usize, mirror: usize, score: f64) -> f64 {
        // The drawing is its own mirror image, so the mirror instance is exactly as likely;
        // it can fall just outside the ranked few, which end between the two.
        let other = ranking.marginal(mirror).unwrap_or(score);
        let both: f64 = ranking
            .sets
            .iter()
            .filter(|(set, _)| set.nodes().contains(&node) && set.nodes().contains(&mirror))
            .map(|(_, p)| p)
            .sum();
        (score + other - both).clamp(0.0, 1.0)
    }

    /// A candidate shown for one instance, or for both sides' instances of a trigger point.
    fn candidate(&self, rank: usize, nodes: &[usize], score: f64, drawing: &Drawing) -> Candidate {
        let n = &self.nodes[nodes[0]];
        let atlas: &'static knot_atlas::Atlas = self.atlas;
        let tp = &atlas.trigger_points()[n.tp];
        let scheme: &'static knot_body::Scheme = self.scheme;
        let id = |r: usize| -> &'static str { scheme.region(r).id.as_str() };
        let reached = |r: usize| nodes.iter().any(|&node| self.nodes[node].reaches(r));
        let mut explains = Vec::new();
        let mut near = Vec::new();
        for mark in &drawing.marks {
            let r = mark.region;
            if reached(r) {
                explains.push(id(r));
            } else if nodes.iter().any(|&node| self.is_near(node, r)) {
                near.push(id(r));
            }
        }
        // Unmarked regions of the essential zones, each once, in the order first met.
        let mut misses: Vec<&'static str> = Vec::new();
        for (k, &node) in nodes.iter().enumerate() {
            let essential = &self.nodes[node].essential;
            for (j, &r) in essential.iter().enumerate() {
                let seen = essential[..j].contains(&r)
                    || nodes[..k]
                        .iter()
                        .any(|&o| self.nodes[o].essential.contains(&r));
                if !seen && !drawing.is_marked(r) {
                    misses.push(id(r));
                }
            }
        }
        let side = if nodes.len() > 1 {
            CandidateSide::Either
        } else {
            CandidateSide::from(tp.side)
        };
        let check = self
            .asks
            .checks(nodes[0], side == CandidateSide::Either)
            .to_vec();
        Candidate {
            rank,
            muscle: self.muscle_name(nodes[0]),
            muscle_id: tp.muscle_id.as_str(),
            trigger_point: tp.id.as_str(),
            label: tp.label.as_str(),
            side,
            score: round(score),
            explains,
            near,
            misses,
            check,
        }
    }

    fn muscle_name(&self, node: usize) -> &'static str {
        let atlas: &'static knot_atlas::Atlas = self.atlas;
        atlas.muscles()[self.nodes[node].muscle].name.as_str()
    }

    fn reported_combinations(&self, drawing: &Drawing, ranking: &Ranking) -> Vec<Combination> {
        ranking
            .sets
            .iter()
            .filter(|(_, p)| *p >= MIN_COMBINATION_SCORE)
            .take(COMBINATIONS)
            .map(|(set, p)| {
                let explains = drawing
                    .marks
                    .iter()
                    .filter(|m| set.nodes().iter().any(|&i| self.nodes[i].reaches(m.region)))
                    .map(|m| self.scheme.region(m.region).id.as_str())
                    .collect();
                Combination {
                    trigger_points: set
                        .nodes()
                        .iter()
                        .map(|&i| self.asks.key(i).to_string())
                        .collect(),
                    muscles: set.nodes().iter().map(|&i| self.muscle_name(i)).collect(),
                    score: round(*p),
                    explains,
                }
            })
            .collect()
    }

    /// True if a region is one region off a trigger point's essential or spillover zone, on
    /// the zone's side of the midline (the link of an imprecise mark).
    fn is_near(&self, node: usize, region: usize) -> bool {
        self.nodes[node].link[region] > 0.0 && !self.nodes[node].reaches(region)
    }
}

fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}
