//! Several trigger points at once: pain often comes from two or three. A beam search over the
//! best single candidates finds the sets that together explain the drawing best under the
//! noisy-OR network, each set paying the prior of every member (Occam's razor built in).

use crate::drawing::Drawing;
use crate::model::{Finder, Node};
use crate::rank::Scored;

/// Single candidates the search draws from, and how many pairs it extends to triples.
const POOL: usize = 12;
const PAIRS_EXTENDED: usize = 8;

/// A set of trigger points (node indices) with its log score.
#[derive(Debug, Clone)]
pub(crate) struct Set {
    pub nodes: Vec<usize>,
    pub log_score: f64,
}

impl Finder {
    pub(crate) fn set_log_score(
        &self,
        members: &[usize],
        drawing: &Drawing,
        own_ll: &[f64],
    ) -> f64 {
        let nodes: Vec<&Node> = members.iter().map(|&i| &self.nodes[i]).collect();
        let evidence: f64 = members.iter().map(|&i| own_ll[i]).sum();
        // Each muscle in the set pays the prior of its likeliest member once; further knots in
        // the same muscle pay the (higher) sibling probability.
        let mut muscles: Vec<(usize, f64, usize)> = Vec::new();
        for n in &nodes {
            match muscles.iter_mut().find(|(m, _, _)| *m == n.muscle) {
                Some(entry) => {
                    entry.1 = entry.1.max(n.log_prior);
                    entry.2 += 1;
                }
                None => muscles.push((n.muscle, n.log_prior, 1)),
            }
        }
        let prior: f64 = muscles
            .iter()
            .map(|(_, p, count)| p + (*count as f64 - 1.0) * self.params.sibling.ln())
            .sum();
        let per_member = prior + evidence;
        per_member + self.marks_llr(&nodes, drawing)
    }

    /// The best sets of two or three trigger points in which every member explains some marked
    /// region better than the others do, best first.
    pub(crate) fn combinations(&self, drawing: &Drawing, singles: &[Scored]) -> Vec<Set> {
        let pool: Vec<usize> = singles.iter().take(POOL).map(|s| s.node).collect();
        let mut own_ll = vec![0.0; self.nodes.len()];
        for s in singles {
            own_ll[s.node] = s.own_ll;
        }
        let mut pairs: Vec<Set> = Vec::new();
        for (i, &a) in pool.iter().enumerate() {
            for &b in &pool[i + 1..] {
                let nodes = vec![a, b];
                if self.each_member_adds(&nodes, drawing) {
                    pairs.push(Set {
                        log_score: self.set_log_score(&nodes, drawing, &own_ll),
                        nodes,
                    });
                }
            }
        }
        pairs.sort_unstable_by(best_first);
        let mut sets = pairs.clone();
        let mut seen: Vec<Vec<usize>> = Vec::new();
        for pair in pairs.iter().take(PAIRS_EXTENDED) {
            for &c in &pool {
                if pair.nodes.contains(&c) {
                    continue;
                }
                let mut nodes = pair.nodes.clone();
                nodes.push(c);
                nodes.sort_unstable();
                if seen.contains(&nodes) || !self.each_member_adds(&nodes, drawing) {
                    continue;
                }
                seen.push(nodes.clone());
                sets.push(Set {
                    log_score: self.set_log_score(&nodes, drawing, &own_ll),
                    nodes,
                });
            }
        }
        sets.sort_unstable_by(best_first);
        sets
    }

    /// True if each member is the set's best explanation of at least one marked region.
    fn each_member_adds(&self, members: &[usize], drawing: &Drawing) -> bool {
        members.iter().all(|&m| {
            drawing.marks.iter().any(|mark| {
                let own = self.nodes[m].link[mark.region];
                own >= self.params.near_essential as f32
                    && members
                        .iter()
                        .filter(|&&o| o != m)
                        .all(|&o| self.nodes[o].link[mark.region] < own)
            })
        })
    }
}

/// Higher score first; equal scores in node order, so results are deterministic.
fn best_first(x: &Set, y: &Set) -> std::cmp::Ordering {
    y.log_score
        .total_cmp(&x.log_score)
        .then_with(|| x.nodes.cmp(&y.nodes))
}
