//! Several trigger points at once: pain often comes from two or three. A beam search over the
//! best single candidates finds the sets that together explain the drawing best under the
//! noisy-OR network, each set paying the prior of every member (Occam's razor built in).

use crate::drawing::Drawing;
use crate::model::Finder;
use crate::rank::{mark_weight, Scored};

/// Single candidates the search draws from, and how many pairs it extends to triples.
const POOL: usize = 12;
const PAIRS_EXTENDED: usize = 8;

/// A set of two or three trigger points (node indices) with its log score.
#[derive(Debug, Clone)]
pub(crate) struct Set {
    members: [usize; 3],
    len: usize,
    pub log_score: f64,
}

impl Set {
    fn new(members: &[usize], log_score: f64) -> Set {
        let mut all = [0; 3];
        all[..members.len()].copy_from_slice(members);
        Set {
            members: all,
            len: members.len(),
            log_score,
        }
    }

    /// The members' node indices.
    pub fn nodes(&self) -> &[usize] {
        &self.members[..self.len]
    }
}

/// log [P(a mark | a set of link levels and the background) / P(a mark | background)] for every
/// pair and triple of link levels, taken once: the links take few distinct values.
#[derive(Debug)]
pub(crate) struct SetTable {
    levels: usize,
    pairs: Vec<f64>,
    triples: Vec<f64>,
}

impl SetTable {
    pub fn new(levels: &[f32], background: f64) -> SetTable {
        let b = background;
        let llr = |links: &[f32]| {
            let none = links
                .iter()
                .fold(1.0 - b, |acc, &l| acc * (1.0 - f64::from(l)));
            ((1.0 - none) / b).ln()
        };
        let mut pairs = Vec::new();
        let mut triples = Vec::new();
        for &x in levels {
            for &y in levels {
                pairs.push(llr(&[x, y]));
                for &z in levels {
                    triples.push(llr(&[x, y, z]));
                }
            }
        }
        SetTable {
            levels: levels.len(),
            pairs,
            triples,
        }
    }
}

impl Finder {
    /// Log likelihood ratio of the marks under a set of active trigger points versus the
    /// background alone (noisy-OR over the set), without the unmarked-zone terms.
    fn marks_llr(&self, members: &[usize], drawing: &Drawing) -> f64 {
        let table = &self.set_table;
        let level = |n: usize, r: usize| usize::from(self.nodes[n].level[r]);
        drawing
            .marks
            .iter()
            .map(|mark| {
                let r = mark.region;
                let pair = level(members[0], r) * table.levels + level(members[1], r);
                let llr = match members.get(2) {
                    None => table.pairs[pair],
                    Some(&c) => table.triples[pair * table.levels + level(c, r)],
                };
                mark_weight(mark) * llr
            })
            .sum()
    }

    /// A set's log score from its members (node indices) and their own-evidence terms.
    fn set_log_score(&self, members: &[usize], own_ll: &[f64], drawing: &Drawing) -> f64 {
        let evidence: f64 = own_ll.iter().sum();
        // Each muscle in the set pays the prior of its likeliest member once; further knots in
        // the same muscle pay the (higher) sibling probability.
        let mut prior = 0.0;
        for (i, &m) in members.iter().enumerate() {
            let node = &self.nodes[m];
            let earlier = members[..i]
                .iter()
                .any(|&o| self.nodes[o].muscle == node.muscle);
            if earlier {
                continue;
            }
            let (best, count) = members
                .iter()
                .filter(|&&o| self.nodes[o].muscle == node.muscle)
                .fold((f64::NEG_INFINITY, 0.0), |(best, count), &o| {
                    (best.max(self.nodes[o].log_prior), count + 1.0)
                });
            prior += best + (count - 1.0) * self.params.sibling.ln();
        }
        prior + evidence + self.marks_llr(members, drawing)
    }

    /// The best sets of two or three trigger points in which every member explains some marked
    /// region better than the others do, best first.
    pub(crate) fn combinations(&self, drawing: &Drawing, singles: &[Scored]) -> Vec<Set> {
        let pool = &singles[..POOL.min(singles.len())];
        let mut pairs: Vec<Set> = Vec::new();
        for (i, a) in pool.iter().enumerate() {
            for b in &pool[i + 1..] {
                let members = [a.node, b.node];
                if self.each_member_adds(&members, drawing) {
                    let score = self.set_log_score(&members, &[a.own_ll, b.own_ll], drawing);
                    pairs.push(Set::new(&members, score));
                }
            }
        }
        pairs.sort_unstable_by(best_first);
        let mut sets = pairs.clone();
        let mut seen: Vec<[usize; 3]> = Vec::new();
        for pair in pairs.iter().take(PAIRS_EXTENDED) {
            for c in pool {
                if pair.nodes().contains(&c.node) {
                    continue;
                }
                let mut members = [pair.nodes()[0], pair.nodes()[1], c.node];
                members.sort_unstable();
                if seen.contains(&members) || !self.each_member_adds(&members, drawing) {
                    continue;
                }
                seen.push(members);
                let own =
                    members.map(|m| pool.iter().find(|s| s.node == m).map_or(0.0, |s| s.own_ll));
                let score = self.set_log_score(&members, &own, drawing);
                sets.push(Set::new(&members, score));
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
        .then_with(|| x.nodes().cmp(y.nodes()))
}
