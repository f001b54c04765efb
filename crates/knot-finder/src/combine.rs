//! Several trigger points at once: pain often comes from two or three. A beam search over the
//! best single candidates finds the sets that together explain the drawing best under the
//! noisy-OR network, each set paying the prior of every member (Occam's razor built in).

use crate::drawing::Drawing;
use crate::model::Finder;
use crate::rank::{mark_weight, Scored};

/// Single candidates the search draws from, and how many pairs it extends to triples.
pub(crate) const POOL: usize = 12;
const PAIRS_EXTENDED: usize = 8;

/// A set of two or three trigger points (node indices) with its log score.
#[derive(Debug, Clone)]
pub(crate) struct Set {
    members: [usize; 3],
    /// Where each member is in the search's pool (the first [`POOL`] single candidates).
    slots: [usize; 3],
    len: usize,
    pub log_score: f64,
}

impl Set {
    fn new(members: &[usize], slots: &[usize], log_score: f64) -> Set {
        let mut all = [0; 3];
        all[..members.len()].copy_from_slice(members);
        let mut at = [0; 3];
        at[..slots.len()].copy_from_slice(slots);
        Set {
            members: all,
            slots: at,
            len: members.len(),
            log_score,
        }
    }

    /// The members' node indices.
    pub fn nodes(&self) -> &[usize] {
        &self.members[..self.len]
    }

    /// The members' places among the single candidates, best first.
    pub fn slots(&self) -> &[usize] {
        &self.slots[..self.len]
    }
}

/// log [P(a mark | a set of link levels and the background) / P(a mark | background)] for every
/// pair and triple of link levels, taken once: the links take few distinct values.
#[derive(Debug)]
pub(crate) struct SetTable {
    levels: usize,
    /// The distinct link values, in increasing order (a level is an index into it).
    values: Vec<f32>,
    /// log of the sibling probability (`Params::sibling`).
    pub log_sibling: f64,
    pairs: Vec<f64>,
    triples: Vec<f64>,
}

impl SetTable {
    /// The lowest level whose link is at least `link`.
    pub fn level_at_least(&self, link: f32) -> u8 {
        self.values.partition_point(|&v| v < link) as u8
    }

    pub fn new(levels: &[f32], background: f64, sibling: f64) -> SetTable {
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
            values: levels.to_vec(),
            log_sibling: sibling.ln(),
            pairs,
            triples,
        }
    }
}

/// What the search needs of each pool member, gathered once per drawing so that the pairs and
/// triples read a few small arrays instead of each member's region tables.
struct PoolView<'a> {
    marks: usize,
    /// Words of the bit sets over the marks.
    words: usize,
    /// Per member, the marks it links to strongly enough to explain (`member * words + word`).
    strong: Vec<u64>,
    /// Per ordered pair of members, the marks in the first's `strong` that it links to more
    /// strongly than the second (`(first * pool + second) * words + word`).
    beats: Vec<u64>,
    /// Per member, its link level at each mark (`member * marks + mark`).
    levels: Vec<u8>,
    weights: Vec<f64>,
    muscle: Vec<usize>,
    log_prior: Vec<f64>,
    pool: &'a [Scored],
}

impl<'a> PoolView<'a> {
    fn new(finder: &Finder, drawing: &Drawing, pool: &'a [Scored]) -> PoolView<'a> {
        let marks = drawing.marks.len();
        let words = marks.div_ceil(64).max(1);
        let size = pool.len();
        // Levels are the distinct links in increasing order, so they compare as the links do.
        let floor = finder
            .set_table
            .level_at_least(finder.params.near_essential as f32);
        let mut levels = Vec::with_capacity(size * marks);
        for member in pool {
            let node = &finder.nodes[member.node];
            levels.extend(drawing.marks.iter().map(|mark| node.level[mark.region]));
        }
        let link = |m: usize, mark: usize| levels[m * marks + mark];
        let mut strong = vec![0u64; size * words];
        let mut beats = vec![0u64; size * size * words];
        for m in 0..size {
            // Only the marks a member links to strongly can make it add to a set.
            for mark in (0..marks).filter(|&mark| link(m, mark) >= floor) {
                let (word, bit) = (mark / 64, 1u64 << (mark % 64));
                strong[m * words + word] |= bit;
                for o in 0..size {
                    if link(m, mark) > link(o, mark) {
                        beats[(m * size + o) * words + word] |= bit;
                    }
                }
            }
        }
        PoolView {
            marks,
            words,
            strong,
            beats,
            levels,
            weights: drawing.marks.iter().map(mark_weight).collect(),
            muscle: pool.iter().map(|s| finder.nodes[s.node].muscle).collect(),
            log_prior: pool
                .iter()
                .map(|s| finder.nodes[s.node].log_prior)
                .collect(),
            pool,
        }
    }

    fn level(&self, member: usize, mark: usize) -> usize {
        usize::from(self.levels[member * self.marks + mark])
    }

    /// True if each member is the set's best explanation of at least one marked region: it
    /// links to the mark strongly enough, and more strongly than every other member.
    fn each_member_adds(&self, slots: &[usize]) -> bool {
        let size = self.pool.len();
        slots.iter().all(|&m| {
            (0..self.words).any(|word| {
                slots
                    .iter()
                    .filter(|&&o| o != m)
                    .fold(self.strong[m * self.words + word], |bits, &o| {
                        bits & self.beats[(m * size + o) * self.words + word]
                    })
                    != 0
            })
        })
    }
}

impl Finder {
    /// Log likelihood ratio of the marks under a set of active trigger points (pool slots)
    /// versus the background alone (noisy-OR over the set), without the unmarked-zone terms.
    fn marks_llr(&self, slots: &[usize], view: &PoolView) -> f64 {
        let table = &self.set_table;
        (0..view.marks)
            .map(|mark| {
                let pair = view.level(slots[0], mark) * table.levels + view.level(slots[1], mark);
                let llr = match slots.get(2) {
                    None => table.pairs[pair],
                    Some(&c) => table.triples[pair * table.levels + view.level(c, mark)],
                };
                view.weights[mark] * llr
            })
            .sum()
    }

    /// A set's log score from its members (pool slots) and their own-evidence terms.
    fn set_log_score(&self, slots: &[usize], view: &PoolView) -> f64 {
        let evidence: f64 = slots.iter().map(|&m| view.pool[m].own_ll).sum();
        // Each muscle in the set pays the prior of its likeliest member once; further knots in
        // the same muscle pay the (higher) sibling probability. Summed muscle by muscle in the
        // order they first appear.
        let (muscle, prior, sibling) = (&view.muscle, &view.log_prior, self.set_table.log_sibling);
        let same = |x: usize, y: usize| muscle[x] == muscle[y];
        let prior = match *slots {
            [a, b] if same(a, b) => prior[a].max(prior[b]) + sibling,
            [a, b] => prior[a] + prior[b],
            [a, b, c] => match (same(a, b), same(a, c), same(b, c)) {
                (true, true, _) => prior[a].max(prior[b]).max(prior[c]) + 2.0 * sibling,
                (true, false, _) => prior[a].max(prior[b]) + sibling + prior[c],
                (false, true, _) => prior[a].max(prior[c]) + sibling + prior[b],
                (false, false, true) => prior[a] + (prior[b].max(prior[c]) + sibling),
                (false, false, false) => prior[a] + prior[b] + prior[c],
            },
            _ => slots.iter().map(|&m| prior[m]).sum(),
        };
        prior + evidence + self.marks_llr(slots, view)
    }

    /// The sets of two or three trigger points in which every member explains some marked
    /// region better than the others do, in no particular order ([`best_first`] orders them).
    pub(crate) fn combinations(&self, drawing: &Drawing, singles: &[Scored]) -> Vec<Set> {
        let pool = &singles[..POOL.min(singles.len())];
        let view = PoolView::new(self, drawing, pool);
        let set = |slots: &[usize], score: f64| {
            let mut nodes = [0; 3];
            for (node, &m) in nodes.iter_mut().zip(slots) {
                *node = pool[m].node;
            }
            Set::new(&nodes[..slots.len()], slots, score)
        };
        let mut pairs: Vec<([usize; 2], f64)> = Vec::with_capacity(POOL * (POOL - 1) / 2);
        for a in 0..pool.len() {
            for b in a + 1..pool.len() {
                if view.each_member_adds(&[a, b]) {
                    pairs.push(([a, b], self.set_log_score(&[a, b], &view)));
                }
            }
        }
        let mut sets: Vec<Set> = pairs.iter().map(|(slots, s)| set(slots, *s)).collect();
        // The pairs extended are the best few, best first.
        if sets.len() > PAIRS_EXTENDED {
            sets.select_nth_unstable_by(PAIRS_EXTENDED - 1, best_first);
        }
        let best_pairs = PAIRS_EXTENDED.min(sets.len());
        sets[..best_pairs].sort_unstable_by(best_first);
        let extended: Vec<[usize; 2]> = sets[..best_pairs]
            .iter()
            .map(|s| [s.slots()[0], s.slots()[1]])
            .collect();
        // A triple is one bit of a 12-bit key (its pool slots), so each is tried once.
        let mut seen = [0u64; 1 << (POOL - 6)];
        for [a, b] in extended {
            for c in 0..pool.len() {
                if c == a || c == b {
                    continue;
                }
                let key = (1usize << a) | (1 << b) | (1 << c);
                if seen[key >> 6] & (1 << (key & 63)) != 0 {
                    continue;
                }
                seen[key >> 6] |= 1 << (key & 63);
                let mut slots = [a, b, c];
                if view.each_member_adds(&slots) {
                    // Members in node order, so a set's score is summed the same way however
                    // it was reached.
                    slots.sort_unstable_by_key(|&m| pool[m].node);
                    sets.push(set(&slots, self.set_log_score(&slots, &view)));
                }
            }
        }
        sets
    }
}

/// Higher score first; equal scores in node order, so results are deterministic.
pub(crate) fn best_first(x: &Set, y: &Set) -> std::cmp::Ordering {
    y.log_score
        .total_cmp(&x.log_score)
        .then_with(|| x.nodes().cmp(y.nodes()))
}
