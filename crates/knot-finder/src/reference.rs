//! The reference scoring: every trigger point scored from its definition, with no index. It
//! serves drawings with answers or very many marks and [`Finder::log_scores`], and the tests
//! hold the fast path of [`crate::rank`] equal to it.

use crate::drawing::Drawing;
use crate::model::Finder;
use crate::questions;
use crate::rank::{
    by_score, mark_weight, miss_counts, misses_from_counts, Scored, Singles, SORTED,
};

impl Finder {
    /// Every trigger point's score, best first.
    pub(crate) fn score_every(&self, drawing: &Drawing) -> Vec<Scored> {
        let logs = self.miss_logs(drawing.marks.len());
        let answers = questions::parse_answers(self, drawing);
        let mut scored: Vec<Scored> = self
            .nodes
            .iter()
            .enumerate()
            .map(|(i, node)| {
                let (far, near, spill) = miss_counts(node, |r| drawing.is_marked(r));
                let own_ll = misses_from_counts(
                    (node.essential_weight, node.spillover_weight),
                    logs,
                    far,
                    near,
                    spill,
                ) + questions::answers_ll(self, node, &answers);
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
        scored.sort_unstable_by(by_score);
        scored
    }

    /// The best single candidates, from every trigger point's score.
    pub(crate) fn singles_reference(&self, drawing: &Drawing) -> Singles {
        let mut scored = self.score_every(drawing);
        let max = scored.first().map_or(0.0, |s| s.log_score);
        let sum = scored.iter().map(|s| (s.log_score - max).exp()).sum();
        scored.truncate(SORTED);
        Singles {
            weights: scored.iter().map(|s| (s.log_score - max).exp()).collect(),
            top: scored,
            sum,
        }
    }

    /// Every trigger point's key (`right:upper-trapezius-1`) with its log score, best first.
    /// The score is log prior + log likelihood of the drawing and answers; higher is likelier.
    pub fn log_scores(&self, drawing: &Drawing) -> Vec<(String, f64)> {
        let tps = self.atlas.trigger_points();
        self.score_every(drawing)
            .into_iter()
            .map(|s| (tps[self.nodes[s.node].tp].key(), s.log_score))
            .collect()
    }

    /// The best single candidates (node, score, own evidence) by the fast path and by the
    /// reference, for the tests; last, `usize::MAX` with the weight of every candidate.
    #[doc(hidden)]
    pub fn top_both_ways(&self, drawing: &Drawing) -> [Vec<(usize, f64, f64)>; 2] {
        let view = |s: Singles| {
            let best = s.top.first().map_or(0.0, |t| t.log_score);
            s.top
                .iter()
                .map(|t| (t.node, t.log_score, t.own_ll))
                .chain(std::iter::once((usize::MAX, s.weight_sum(best), 0.0)))
                .collect()
        };
        [
            view(self.singles(drawing)),
            view(self.singles_reference(drawing)),
        ]
    }
}
