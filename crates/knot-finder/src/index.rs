//! The sparse look-ups behind the fast path of the ranking, built once with the finder.
//!
//! A mark bears on few trigger points: those whose zones, location or near neighbours hold it,
//! and those with an essential region next to it (which then counts as drawn one region off).
//! Every other trigger point scores as if nothing near it were marked, a score that depends only
//! on the number of marks; so for each count its order and the sum of its weights are kept, and a
//! drawing scores only the trigger points its marks bear on.

use knot_body::Scheme;

use crate::model::{Node, Params};
use crate::rank::{by_score, misses_from_counts, Scored};

/// Drawings with more marks than this take the reference path (every trigger point scored).
pub(crate) const MAX_MARKS: usize = 16;

/// Every trigger point scored as if no mark bore on it, for one number of marks.
#[derive(Debug)]
pub(crate) struct Quiet {
    /// Every node scored, best first; equal scores in node order.
    pub order: Vec<Scored>,
    /// exp(score − max) of each node, by node index.
    pub weight: Vec<f64>,
    /// The highest score, and Σ exp(score − highest) over every node.
    pub max: f64,
    pub sum: f64,
}

/// What a mark in one region does to one trigger point: its evidence, and which of the trigger
/// point's zone regions it marks or sits next to, as bits over `Node::essential` and
/// `Node::spillover` (so counting the unmarked ones is a few bit operations per trigger point).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Touch {
    pub node: u32,
    /// The mark's single-source log likelihood ratio for the node.
    pub llr: f32,
    /// The essential regions it is.
    pub essential: u64,
    /// The essential regions it is next to (which then count as drawn one region off).
    pub near: u64,
    /// The spillover regions it is.
    pub spillover: u64,
}

/// The most zone regions of one kind a trigger point may have for the fast path's bit sets;
/// an atlas with more sends every drawing down the reference path.
pub(crate) const MAX_ZONE_BITS: usize = 64;

/// The `len` lowest bits.
fn low_bits(len: usize) -> u64 {
    if len >= MAX_ZONE_BITS {
        u64::MAX
    } else {
        (1u64 << len) - 1
    }
}

/// What the fast path reads of a node to score it, in one place.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Shape {
    pub log_prior: f64,
    pub essential_weight: f64,
    pub spillover_weight: f64,
    /// One bit per essential region.
    pub essential: u64,
    /// How many spillover regions it has.
    pub spillover: u32,
}

#[derive(Debug)]
pub(crate) struct Index {
    /// Per node, what scoring it reads.
    pub shapes: Vec<Shape>,
    /// Per region: the nodes a mark there bears on. Empty for every region when some node has
    /// more than [`MAX_ZONE_BITS`] essential or spillover regions.
    pub touch: Vec<Vec<Touch>>,
    /// False when the bit sets cannot hold some node's zones (see [`MAX_ZONE_BITS`]).
    pub usable: bool,
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
        let usable = nodes
            .iter()
            .all(|n| n.essential.len() <= MAX_ZONE_BITS && n.spillover.len() <= MAX_ZONE_BITS);
        let mut touch: Vec<Vec<Touch>> = vec![Vec::new(); scheme.len()];
        for (i, node) in nodes.iter().enumerate().filter(|_| usable) {
            let bits = |regions: &[usize], region: usize| {
                regions
                    .iter()
                    .enumerate()
                    .filter(|(_, &r)| r == region)
                    .fold(0u64, |bits, (b, _)| bits | 1 << b)
            };
            // Per region, the essential regions it is next to.
            let mut near_bits = vec![0u64; scheme.len()];
            for (b, near) in node.essential_near.iter().enumerate() {
                for &region in near {
                    near_bits[region] |= 1 << b;
                }
            }
            for (region, list) in touch.iter_mut().enumerate() {
                let near = near_bits[region];
                if node.link[region] > 0.0 || near != 0 {
                    list.push(Touch {
                        node: i as u32,
                        llr: node.single_llr[region],
                        essential: bits(&node.essential, region),
                        near,
                        spillover: bits(&node.spillover, region),
                    });
                }
            }
        }
        let logs: Vec<[f64; 3]> = (0..=MAX_MARKS).map(|k| miss_logs(params, k)).collect();
        let quiet = (1..=MAX_MARKS)
            .map(|k| {
                let score: Vec<f64> = nodes.iter().map(|n| quiet_score(n, logs[k])).collect();
                let mut order: Vec<Scored> = score
                    .iter()
                    .enumerate()
                    .map(|(i, &s)| Scored {
                        node: i,
                        log_score: s,
                        own_ll: quiet_own(&nodes[i], logs[k]),
                    })
                    .collect();
                order.sort_by(by_score);
                let max = order.first().map_or(0.0, |o| o.log_score);
                let weight: Vec<f64> = score.iter().map(|s| (s - max).exp()).collect();
                let sum = weight.iter().sum();
                Quiet {
                    order,
                    weight,
                    max,
                    sum,
                }
            })
            .collect();
        let shapes = nodes
            .iter()
            .map(|n| Shape {
                log_prior: n.log_prior,
                essential_weight: n.essential_weight,
                spillover_weight: n.spillover_weight,
                essential: low_bits(n.essential.len()),
                spillover: n.spillover.len() as u32,
            })
            .collect();
        Index {
            shapes,
            touch,
            usable,
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
    misses_from_counts(
        (node.essential_weight, node.spillover_weight),
        logs,
        node.essential.len(),
        0,
        node.spillover.len(),
    )
}
