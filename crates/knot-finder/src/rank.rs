//! Ranking single trigger points: the posterior that each one is the source of the drawing,
//! under the noisy-OR network with one active trigger point (plus the background leak), given
//! the marked regions and any answers.

use crate::drawing::{Drawing, Mark};
use crate::model::{Finder, Node};
use crate::questions;

/// How much one mark weighs: stronger and worst-flagged pain tells more about the source.
pub(crate) fn mark_weight(mark: &Mark) -> f64 {
    let intensity = 0.5 + mark.intensity.clamp(0.0, 10.0) / 10.0;
    if mark.worst {
        intensity * 1.5
    } else {
        intensity
    }
}

/// A trigger point's log score: log prior + log likelihood ratio of the drawing against the
/// background alone + log likelihood of the answers.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scored {
    pub node: usize,
    pub log_score: f64,
    /// The part of the score that belongs to the trigger point alone, whatever else is active:
    /// unmarked zone regions and answers. Reused when it is part of a set.
    pub own_ll: f64,
}

/// Which regions are marked, and which have a marked neighbour, for quick look-up.
struct MarkMap {
    marked: Vec<bool>,
    near: Vec<bool>,
}

impl MarkMap {
    fn new(finder: &Finder, drawing: &Drawing) -> MarkMap {
        let mut marked = vec![false; finder.scheme.len()];
        let mut near = vec![false; finder.scheme.len()];
        for m in &drawing.marks {
            marked[m.region] = true;
            for &n in finder.scheme.neighbours(m.region) {
                near[n] = true;
            }
        }
        MarkMap { marked, near }
    }
}

/// How many of the best single candidates are put in order (enough for every use: the
/// combination pool, the reported candidates and the validation's top 8 muscles).
const SORTED: usize = 96;

/// Single candidates re-ordered by marginal probability; below them the single-source order.
const LEADING: usize = 32;

impl Finder {
    /// Log likelihood ratio of the marks under a set of active trigger points versus the
    /// background alone (noisy-OR over the set), without the unmarked-zone terms.
    pub(crate) fn marks_llr(&self, nodes: &[&Node], drawing: &Drawing) -> f64 {
        let b = self.params.background;
        drawing
            .marks
            .iter()
            .map(|mark| {
                let none = nodes.iter().fold(1.0 - b, |acc, n| {
                    acc * (1.0 - f64::from(n.link[mark.region]))
                });
                mark_weight(mark) * ((1.0 - none) / b).ln()
            })
            .sum()
    }

    /// Log probability that the zone regions a trigger point would likely cause are unmarked.
    fn misses_ll(&self, node: &Node, marks: &MarkMap) -> f64 {
        let (far, near, spill) = self.miss_logs;
        let essential: f64 = node
            .essential
            .iter()
            .filter(|&&r| !marks.marked[r])
            .map(|&r| if marks.near[r] { near } else { far })
            .sum();
        let spillover = node.spillover.iter().filter(|&&r| !marks.marked[r]).count() as f64 * spill;
        essential * node.essential_weight + spillover * node.spillover_weight
    }

    /// Every trigger point's log score for a drawing, best first.
    pub(crate) fn score_all(&self, drawing: &Drawing) -> Vec<Scored> {
        let marks = MarkMap::new(self, drawing);
        let mut scored: Vec<Scored> = self
            .nodes
            .iter()
            .enumerate()
            .map(|(i, node)| {
                let own_ll =
                    self.misses_ll(node, &marks) + questions::answers_ll(self, node, drawing);
                let marks: f64 = drawing
                    .marks
                    .iter()
                    .map(|m| mark_weight(m) * f64::from(node.single_llr[m.region]))
                    .sum();
                Scored {
                    node: i,
                    log_score: node.log_prior + marks + own_ll,
                    own_ll,
                }
            })
            .collect();
        // Only the leaders need an order; the long tail stays in (deterministic) selection order.
        let by_score = |a: &Scored, b: &Scored| {
            b.log_score
                .total_cmp(&a.log_score)
                .then(a.node.cmp(&b.node))
        };
        if scored.len() > SORTED {
            scored.select_nth_unstable_by(SORTED, by_score);
            scored[..SORTED].sort_unstable_by(by_score);
        } else {
            scored.sort_unstable_by(by_score);
        }
        scored
    }
}

impl Finder {
    /// Every trigger point's key (`right:upper-trapezius-1`) with its log score, best first.
    /// The score is log prior + log likelihood of the drawing and answers; higher is likelier.
    pub fn log_scores(&self, drawing: &Drawing) -> Vec<(String, f64)> {
        let tps = self.atlas.trigger_points();
        let mut scored = self.score_all(drawing);
        scored.sort_by(|a, b| {
            b.log_score
                .total_cmp(&a.log_score)
                .then(a.node.cmp(&b.node))
        });
        scored
            .into_iter()
            .map(|s| (tps[self.nodes[s.node].tp].key(), s.log_score))
            .collect()
    }
}

/// The finder's ranking: each trigger point's marginal probability of being active, over the
/// hypotheses examined (no atlas source, every single trigger point, the best sets of two or
/// three), best first; with the sets themselves and their probabilities.
#[derive(Debug, Clone)]
pub(crate) struct Ranking {
    pub order: Vec<(usize, f64)>,
    pub sets: Vec<(crate::combine::Set, f64)>,
}

impl Finder {
    pub(crate) fn rank(&self, drawing: &Drawing) -> (Vec<Scored>, Ranking) {
        let singles = self.score_all(drawing);
        let sets = if drawing.marks.len() >= 2 {
            self.combinations(drawing, &singles)
        } else {
            Vec::new()
        };
        let none = self.params.prior_none.ln();
        let top = singles
            .iter()
            .map(|s| s.log_score)
            .chain(sets.iter().map(|s| s.log_score))
            .fold(none, f64::max);
        // Below e^-40 of the best, a weight changes nothing a person could see.
        let weight = |log: f64| {
            if log - top < -40.0 {
                0.0
            } else {
                (log - top).exp()
            }
        };
        let single_weights: Vec<f64> = singles.iter().map(|s| weight(s.log_score)).collect();
        let total: f64 = weight(none)
            + single_weights.iter().sum::<f64>()
            + sets.iter().map(|s| weight(s.log_score)).sum::<f64>();
        let mut marginal = vec![0.0; self.nodes.len()];
        for (s, w) in singles.iter().zip(&single_weights) {
            marginal[s.node] += w / total;
        }
        for set in &sets {
            for &n in &set.nodes {
                marginal[n] += weight(set.log_score) / total;
            }
        }
        // The leaders by marginal, then the long tail in single-source order (a trigger point
        // outside every examined set has its single-source share as its marginal).
        let mut leaders: Vec<(usize, f64)> = singles
            .iter()
            .take(LEADING)
            .map(|s| (s.node, marginal[s.node]))
            .collect();
        for set in &sets {
            for &n in &set.nodes {
                if !leaders.iter().any(|(l, _)| *l == n) {
                    leaders.push((n, marginal[n]));
                }
            }
        }
        let mut position = vec![0; self.nodes.len()];
        for (i, s) in singles.iter().enumerate() {
            position[s.node] = i;
        }
        leaders
            .sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(position[a.0].cmp(&position[b.0])));
        let mut placed = vec![false; self.nodes.len()];
        for (n, _) in &leaders {
            placed[*n] = true;
        }
        let mut order = leaders;
        order.extend(
            singles
                .iter()
                .filter(|s| !placed[s.node])
                .map(|s| (s.node, marginal[s.node])),
        );
        let sets = sets.into_iter().map(|s| {
            let p = weight(s.log_score) / total;
            (s, p)
        });
        (
            singles,
            Ranking {
                order,
                sets: sets.collect(),
            },
        )
    }
}
