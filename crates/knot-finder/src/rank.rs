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
}

impl Finder {
    /// Log likelihood ratio of the marks under a set of active trigger points versus the
    /// background alone (noisy-OR over the set), without the unmarked-zone terms.
    pub(crate) fn marks_llr(&self, nodes: &[&Node], drawing: &Drawing) -> f64 {
        let b = self.params.background;
        drawing
            .marks
            .iter()
            .map(|mark| {
                let none = nodes.iter().fold(1.0 - b, |acc, n| acc * (1.0 - f64::from(n.link[mark.region])));
                mark_weight(mark) * ((1.0 - none) / b).ln()
            })
            .sum()
    }

    /// Log probability that the zone regions a trigger point would likely cause are unmarked.
    pub(crate) fn misses_ll(&self, node: &Node, drawing: &Drawing) -> f64 {
        let p = &self.params;
        let essential: f64 = node
            .essential
            .iter()
            .filter(|&&r| !drawing.is_marked(r))
            .map(|&r| {
                let near = self.scheme.neighbours(r).iter().any(|&n| drawing.is_marked(n));
                let link = if near { p.essential_when_neighbour_marked } else { p.essential };
                (1.0 - link).ln()
            })
            .sum();
        let spillover = node.spillover.iter().filter(|&&r| !drawing.is_marked(r)).count() as f64
            * (1.0 - p.spillover).ln();
        essential * node.essential_weight + spillover * node.spillover_weight
    }

    /// Every trigger point's log score for a drawing, best first.
    pub(crate) fn score_all(&self, drawing: &Drawing) -> Vec<Scored> {
        let mut scored: Vec<Scored> = self
            .nodes
            .iter()
            .enumerate()
            .map(|(i, node)| Scored { node: i, log_score: self.log_score(node, drawing) })
            .collect();
        scored.sort_by(|a, b| b.log_score.total_cmp(&a.log_score).then(a.node.cmp(&b.node)));
        scored
    }

    fn log_score(&self, node: &Node, drawing: &Drawing) -> f64 {
        node.log_prior
            + self.marks_llr(&[node], drawing)
            + self.misses_ll(node, drawing)
            + questions::answers_ll(self, node, drawing)
    }
}

impl Finder {
    /// Every trigger point's key (`right:upper-trapezius-1`) with its log score, best first.
    /// The score is log prior + log likelihood of the drawing and answers; higher is likelier.
    pub fn log_scores(&self, drawing: &Drawing) -> Vec<(String, f64)> {
        let tps = self.atlas.trigger_points();
        self.score_all(drawing)
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
        let sets = if drawing.marks.len() >= 2 { self.combinations(drawing, &singles) } else { Vec::new() };
        let none = self.params.prior_none.ln();
        let top = singles
            .iter()
            .map(|s| s.log_score)
            .chain(sets.iter().map(|s| s.log_score))
            .fold(none, f64::max);
        let weight = |log: f64| (log - top).exp();
        let total: f64 = weight(none)
            + singles.iter().map(|s| weight(s.log_score)).sum::<f64>()
            + sets.iter().map(|s| weight(s.log_score)).sum::<f64>();
        let mut marginal = vec![0.0; self.nodes.len()];
        for s in &singles {
            marginal[s.node] += weight(s.log_score) / total;
        }
        for set in &sets {
            for &n in &set.nodes {
                marginal[n] += weight(set.log_score) / total;
            }
        }
        // Order by marginal; ties (and the long tail) keep the single-source order.
        let single_rank: Vec<usize> = {
            let mut rank = vec![0; self.nodes.len()];
            for (i, s) in singles.iter().enumerate() {
                rank[s.node] = i;
            }
            rank
        };
        let mut order: Vec<(usize, f64)> = marginal.iter().copied().enumerate().collect();
        order.sort_by(|a, b| b.1.total_cmp(&a.1).then(single_rank[a.0].cmp(&single_rank[b.0])));
        let sets = sets.into_iter().map(|s| {
            let p = weight(s.log_score) / total;
            (s, p)
        });
        (singles, Ranking { order, sets: sets.collect() })
    }
}
