//! Ranking single trigger points: the posterior that each one is the source of the drawing,
//! under the noisy-OR network with one active trigger point (plus the background leak), given
//! the marked regions and any answers.
//!
//! The fast path scores only the trigger points the marks bear on ([`crate::index`]); the rest
//! keep their precomputed order. Drawings with answers or very many marks take the reference
//! path ([`crate::reference`]), which scores every trigger point; a test holds the two equal.

use std::cell::RefCell;

use crate::combine::{best_first, Set};
use crate::drawing::{Drawing, Mark};
use crate::index::MAX_MARKS;
use crate::model::{Finder, Node};

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
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Scored {
    pub node: usize,
    pub log_score: f64,
    /// The part of the score that belongs to the trigger point alone, whatever else is active:
    /// unmarked zone regions and answers. Reused when it is part of a set.
    pub own_ll: f64,
}

/// Higher score first; equal scores in node order, so results are deterministic.
pub(crate) fn by_score(a: &Scored, b: &Scored) -> std::cmp::Ordering {
    b.log_score
        .total_cmp(&a.log_score)
        .then(a.node.cmp(&b.node))
}

/// How many of the best single candidates are put in order (enough for every use: the
/// combination pool, the reported candidates and the validation's top 8 muscles).
pub(crate) const SORTED: usize = 96;

/// The best single candidates, and what is needed to weigh all of them.
#[derive(Debug, Clone)]
pub(crate) struct Singles {
    /// Best first, at most [`SORTED`].
    pub top: Vec<Scored>,
    /// exp(score − the best score) of each of `top`.
    pub weights: Vec<f64>,
    /// Σ exp(score − the best score) over every trigger point.
    pub sum: f64,
}

impl Singles {
    /// Σ exp(score − top) over every trigger point.
    pub fn weight_sum(&self, top: f64) -> f64 {
        let best = self.top.first().map_or(top, |s| s.log_score);
        self.sum * (best - top).exp()
    }
}

/// log P(unmarked zone regions), from how many essential regions are unmarked far from every
/// mark and next to one, and how many spillover regions are unmarked.
pub(crate) fn misses_from_counts(
    (essential_weight, spillover_weight): (f64, f64),
    logs: [f64; 3],
    far: usize,
    near: usize,
    spill: usize,
) -> f64 {
    (far as f64 * logs[0] + near as f64 * logs[1]) * essential_weight
        + spill as f64 * logs[2] * spillover_weight
}

/// Counts a node's unmarked zone regions: essential far from marks, essential near, spillover.
pub(crate) fn miss_counts(node: &Node, marked: impl Fn(usize) -> bool) -> (usize, usize, usize) {
    let (mut far, mut near) = (0, 0);
    let mut start = 0;
    for (&r, &end) in node.essential.iter().zip(&node.near_end) {
        let end = end as usize;
        if !marked(r) {
            if node.near_flat[start..end]
                .iter()
                .any(|&n| marked(n as usize))
            {
                near += 1;
            } else {
                far += 1;
            }
        }
        start = end;
    }
    let spill = node.spillover.iter().filter(|&&r| !marked(r)).count();
    (far, near, spill)
}

/// Per-thread working space of the fast path, allocated once and cleaned after each drawing.
#[derive(Default)]
struct Scratch {
    /// Per node, what the marks did to it (valid where `hit`).
    nodes: Vec<Touched>,
    touched: Vec<u32>,
}

/// What the marks of a drawing did to one trigger point: one cache line per touched node.
#[derive(Debug, Clone, Copy, Default)]
struct Touched {
    evidence: f64,
    /// exp(score − the best score).
    weight: f64,
    /// Bits over its essential regions: marked, and next to a mark.
    essential_marked: u64,
    essential_near: u64,
    /// Bits over its spillover regions: marked.
    spillover_marked: u64,
    hit: bool,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

impl Finder {
    /// The log miss probabilities for a drawing of `marks` marks.
    pub(crate) fn miss_logs(&self, marks: usize) -> [f64; 3] {
        self.index
            .miss_logs
            .get(marks)
            .copied()
            .unwrap_or_else(|| crate::index::miss_logs(&self.params, marks))
    }

    /// The best single candidates for a drawing.
    pub(crate) fn singles(&self, drawing: &Drawing) -> Singles {
        let k = drawing.marks.len();
        if k == 0 || k > MAX_MARKS || !drawing.answers.is_empty() || !self.index.usable {
            return self.singles_reference(drawing);
        }
        SCRATCH.with(|scratch| self.singles_sparse(drawing, &mut scratch.borrow_mut()))
    }

    fn singles_sparse(&self, drawing: &Drawing, s: &mut Scratch) -> Singles {
        let k = drawing.marks.len();
        if s.nodes.len() < self.nodes.len() {
            s.nodes.resize(self.nodes.len(), Touched::default());
        }
        for mark in &drawing.marks {
            let weight = mark_weight(mark);
            for touch in &self.index.touch[mark.region] {
                let t = &mut s.nodes[touch.node as usize];
                if !t.hit {
                    *t = Touched {
                        hit: true,
                        ..Touched::default()
                    };
                    s.touched.push(touch.node);
                }
                t.evidence += weight * f64::from(touch.llr);
                t.essential_marked |= touch.essential;
                t.essential_near |= touch.near;
                t.spillover_marked |= touch.spillover;
            }
        }
        let logs = self.miss_logs(k);
        let mut touched: Vec<Scored> = s
            .touched
            .iter()
            .map(|&node| {
                let n = node as usize;
                let (t, shape) = (&s.nodes[n], &self.index.shapes[n]);
                let unmarked = shape.essential & !t.essential_marked;
                let near = (unmarked & t.essential_near).count_ones() as usize;
                let far = unmarked.count_ones() as usize - near;
                let spill = (shape.spillover - t.spillover_marked.count_ones()) as usize;
                let weights = (shape.essential_weight, shape.spillover_weight);
                let own_ll = misses_from_counts(weights, logs, far, near, spill);
                Scored {
                    node: n,
                    log_score: shape.log_prior + t.evidence + own_ll,
                    own_ll,
                }
            })
            .collect();
        // Only the best few of them can be among the best candidates.
        if touched.len() > SORTED {
            touched.select_nth_unstable_by(SORTED - 1, by_score);
        }
        let best_touched = SORTED.min(touched.len());
        touched[..best_touched].sort_unstable_by(by_score);
        let quiet = &self.index.quiet[k - 1];
        let mut rest = quiet
            .order
            .iter()
            .filter(|q| !s.nodes[q.node].hit)
            .copied()
            .peekable();
        let mut top = Vec::with_capacity(SORTED);
        let mut lead = touched[..best_touched].iter().peekable();
        while top.len() < SORTED {
            let next = match (lead.peek(), rest.peek()) {
                (Some(a), Some(b)) if by_score(a, b).is_le() => lead.next().copied(),
                (Some(_), None) => lead.next().copied(),
                _ => rest.next(),
            };
            let Some(next) = next else { break };
            top.push(next);
        }
        // Weights relative to the best: one exp per touched trigger point; the others scale
        // their precomputed weight.
        let best = top.first().map_or(quiet.max, |t| t.log_score);
        let scale = (quiet.max - best).exp();
        let mut sum = quiet.sum * scale;
        for t in &touched {
            let weight = (t.log_score - best).exp();
            s.nodes[t.node].weight = weight;
            sum += weight - quiet.weight[t.node] * scale;
        }
        let weights = top
            .iter()
            .map(|t| {
                let touched = &s.nodes[t.node];
                if touched.hit {
                    touched.weight
                } else {
                    quiet.weight[t.node] * scale
                }
            })
            .collect();
        for &node in &s.touched {
            s.nodes[node as usize].hit = false;
        }
        s.touched.clear();
        Singles { top, weights, sum }
    }
}

/// The finder's ranking: each trigger point's marginal probability of being active, over the
/// hypotheses examined (no atlas source, every single trigger point, the best sets of two or
/// three), best first; with the sets themselves and their probabilities.
#[derive(Debug, Clone)]
pub(crate) struct Ranking {
    pub order: Vec<(usize, f64)>,
    /// The best [`SETS_ORDERED`] first, in order; the rest after them in no particular order.
    pub sets: Vec<(Set, f64)>,
}

impl Ranking {
    /// The marginal of a trigger point among the ranked ones.
    pub fn marginal(&self, node: usize) -> Option<f64> {
        self.order.iter().find(|(n, _)| *n == node).map(|(_, p)| *p)
    }
}

/// A probability to 1e-12: candidates whose probabilities are equal in exact arithmetic (a
/// trigger point's left and right instances beside the midline) compare equal, whatever order
/// the floating-point sums were taken in, and keep their single-source order.
pub(crate) fn settled(p: f64) -> i64 {
    // A cast, not `round`: the probability is never negative, and the cast is one instruction.
    (p * 1e12 + 0.5) as i64
}

/// How many of the best sets are put in order; the rest follow in no particular order.
pub(crate) const SETS_ORDERED: usize = 8;

/// Single candidates re-ordered by marginal probability; below them the single-source order.
const LEADING: usize = 32;

impl Finder {
    pub(crate) fn rank(&self, drawing: &Drawing) -> Ranking {
        let singles = self.singles(drawing);
        let top = &singles.top;
        let sets = if drawing.marks.len() >= 2 {
            self.combinations(drawing, top)
        } else {
            Vec::new()
        };
        let none = self.params.prior_none.ln();
        let best = top
            .iter()
            .take(1)
            .map(|s| s.log_score)
            .chain(sets.iter().map(|s| s.log_score))
            .fold(none, f64::max);
        // Below e^-40 of the best, a weight changes nothing a person could see.
        let weight = |log: f64| {
            if log - best < -40.0 {
                0.0
            } else {
                (log - best).exp()
            }
        };
        // Sets of no weight change nothing. Of the rest only the best few are put in order:
        // they are all that is ever shown.
        let mut sets = sets;
        sets.retain(|s| s.log_score - best >= -40.0);
        if sets.len() > SETS_ORDERED {
            sets.select_nth_unstable_by(SETS_ORDERED - 1, best_first);
        }
        let ordered = SETS_ORDERED.min(sets.len());
        sets[..ordered].sort_unstable_by(best_first);
        let set_weights: Vec<f64> = sets.iter().map(|s| weight(s.log_score)).collect();
        // The singles' weights are relative to the best single; one factor brings them to
        // `best`.
        let factor = top.first().map_or(0.0, |s| (s.log_score - best).exp());
        let total: f64 = weight(none) + singles.sum * factor + set_weights.iter().sum::<f64>();
        let mut marginal: Vec<f64> = top
            .iter()
            .zip(&singles.weights)
            .map(|(s, w)| {
                if s.log_score - best < -40.0 {
                    0.0
                } else {
                    w * factor / total
                }
            })
            .collect();
        for (set, w) in sets.iter().zip(&set_weights) {
            let share = w / total;
            for &i in set.slots() {
                marginal[i] += share;
            }
        }
        // The leaders by marginal, then the tail in single-source order (every member of an
        // examined set is among the leaders, since the sets draw on the best few).
        let lead = LEADING.min(top.len());
        let by_marginal = |&a: &usize, &b: &usize| {
            settled(marginal[b])
                .cmp(&settled(marginal[a]))
                .then(a.cmp(&b))
        };
        // Only the pool's marginals gained from sets; below the pool they still follow the
        // single-source order, so sorting the pool and merging gives the full sort.
        let pooled = crate::combine::POOL.min(lead);
        let mut pool: Vec<usize> = (0..pooled).collect();
        pool.sort_unstable_by(by_marginal);
        let mut leaders: Vec<usize> = Vec::with_capacity(lead);
        let (mut p, mut rest) = (pool.into_iter().peekable(), (pooled..lead).peekable());
        while let Some(next) = match (p.peek(), rest.peek()) {
            (Some(a), Some(b)) if by_marginal(a, b).is_le() => p.next(),
            (Some(_), None) => p.next(),
            _ => rest.next(),
        } {
            leaders.push(next);
        }
        let order = leaders
            .into_iter()
            .chain(lead..top.len())
            .map(|i| (top[i].node, marginal[i]))
            .collect();
        let sets = sets
            .into_iter()
            .zip(set_weights)
            .map(|(s, w)| (s, w / total))
            .collect();
        Ranking { order, sets }
    }
}
