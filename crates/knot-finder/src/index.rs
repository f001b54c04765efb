//! The sparse look-ups behind the fast path of the ranking, built once with the finder.
//!
//! A mark bears on few trigger points: those whose zones, location or near neighbours hold it,
//! and those with an essential region next to it (which then counts as drawn one region off).
//! Every other trigger point scores as if nothing near it were marked, a score that depends only
//! on the number of marks; so for each count its order and the sum of its weights are kept, and a
//! drawing scores only the trigger points its marks bear on.

use knot_body::Scheme;

use crate::model::{Node, Params};
use crate::rank::misses_from_counts;

/// Drawings with more marks than this take the reference path (every trigger point scored).
pub(crate) const MAX_MARKS: usize = 16;

/// Every trigger point scored as if no mark bore on it, for one number of marks.
#[derive(Debug)]
pub(crate) struct Quiet {
    /// (node, score) best first; equal scores in node order.
    pub order: Vec<(u32, f64)>,
    /// The score of each node, by node index.
    pub score: Vec<f64>,
    /// The highest score, and Σ exp(score − highest) over every node.
    pub max: f64,
    pub sum: f64,
}

#[derive(Debug)]
pub(crate) struct Index {
    /// Per region: the nodes a mark there bears on, each with the mark's single-source log
    /// likelihood ratio for it.
    pub touch: Vec<Vec<(u32, f32)>>,
    /// Per number of marks k, at index k − 1.
    pub quiet: Vec<Quiet>,
    /// Per number of marks k ≤ MAX_MARKS, at index k: log P(unmarked) for an essential region
    /// far from every mark, one next to a mark, and a spillover region.
    pub miss_logs: Vec<[f64; 3]>,
}

/// log P(unmarked) for an essential region far from every mark, one next to a mark, and a
/// spillover region, in a drawing of `marks` marks.
pub(crate) fn miss_logs(params: &Params, marks: usize) -> [f64; 3] {
    [
        params.unmarked_log(params.essential, marks),
        params.unmarked_log(params.essential_when_neighbour_marked, marks),
        params.unmarked_log(params.spillover, marks),
    ]
}

impl Index {
    pub fn new(nodes: &[Node], scheme: &Scheme, params: &Params) -> Index {
        let mut touch: Vec<Vec<(u32, f32)>> = vec![Vec::new(); scheme.len()];
        for (i, node) in nodes.iter().enumerate() {
            let mut near = vec![false; scheme.len()];
            for &n in node.essential_near.iter().flatten() {
                near[n] = true;
            }
            for (region, list) in touch.iter_mut().enumerate() {
                if node.link[region] > 0.0 || near[region] {
                    list.push((i as u32, node.single_llr[region]));
                }
            }
        }
        let logs: Vec<[f64; 3]> = (0..=MAX_MARKS).map(|k| miss_logs(params, k)).collect();
        let quiet = (1..=MAX_MARKS)
            .map(|k| {
                let score: Vec<f64> = nodes.iter().map(|n| quiet_score(n, logs[k])).collect();
                let mut order: Vec<(u32, f64)> = score
                    .iter()
                    .enumerate()
                    .map(|(i, &s)| (i as u32, s))
                    .collect();
                order.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                let max = order.first().map_or(0.0, |o| o.1);
                let sum = score.iter().map(|s| (s - max).exp()).sum();
                Quiet {
                    order,
                    score,
                    max,
                    sum,
                }
            })
            .collect();
        Index {
            touch,
            quiet,
            miss_logs: logs,
        }
    }
}

/// A node's score when no mark bears on it: prior and every zone region unmarked, none near.
pub(crate) fn quiet_score(node: &Node, logs: [f64; 3]) -> f64 {
    node.log_prior + 0.0 + quiet_own(node, logs)
}

/// The unmarked-zone term of a node when no mark bears on it.
pub(crate) fn quiet_own(node: &Node, logs: [f64; 3]) -> f64 {
    misses_from_counts(node, logs, node.essential.len(), 0, node.spillover.len())
}
