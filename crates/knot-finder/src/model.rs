//! The finder's network: for every trigger point instance, the probability that it causes pain
//! in each region, precomputed once from the atlas and the region scheme.
//!
//! Link probabilities (see [`Params`]) follow the definitions of the literature: the essential
//! zone is "nearly always" felt, the spillover zone "sometimes", the knot itself is often tender
//! locally. A mark one region away from a zone is forgiven in part, since people draw
//! imprecisely, but never across the midline onto the other side's copy of a zone. A background
//! leak stands for every cause outside the atlas.
//!
//! Priors are per muscle (review §2.3): the muscle's prevalence band is its prior, shared among
//! its trigger points by their own bands, so a muscle split into many trigger points (or into
//! copies with the same zones) gets no more prior than a muscle with one.

use knot_atlas::{Atlas, Prevalence, TriggerPoint};
use knot_body::{Scheme, Side};

use crate::index::Index;

/// The model's probabilities. Defaults are chosen from the meaning of the literature's terms,
/// not fitted to Knot's own validation set.
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    /// P(region marked | trigger point active) for a region of its essential zone.
    pub essential: f64,
    /// … of its spillover zone.
    pub spillover: f64,
    /// … for the region of the knot itself (local tenderness), when no zone holds it.
    pub location: f64,
    /// … for a region touching the essential zone (an imprecise mark). Half the spillover
    /// link: a mark one region off a zone must never weigh as much as a mark inside one, or
    /// a knot that reaches none of the marks outranks one that explains them.
    pub near_essential: f64,
    /// … for a region touching the spillover zone.
    pub near_spillover: f64,
    /// P(an essential region left unmarked) is taken at this link instead of `essential` when a
    /// neighbour of it is marked: the person may have drawn it one region off.
    pub essential_when_neighbour_marked: f64,
    /// A zone counts for at most this many regions when its unmarked regions are held against
    /// a trigger point: a wide zone is seldom drawn in full.
    pub zone_weight_cap: f64,
    /// People often mark only the worst place, not every place they feel. This is the chance
    /// that a one-mark drawing shows everything felt; each further mark is another such chance,
    /// so a drawing of `k` marks is complete with probability 1 − (1 − this)^k. An unmarked
    /// region is held against a trigger point only as far as the drawing is complete.
    pub one_mark_complete: f64,
    /// P(region marked) from causes outside the atlas: other knots, joints, nerves.
    pub background: f64,
    /// Prior probability that a muscle of each prevalence band has an active trigger point (on
    /// one side).
    pub prior_very_common: f64,
    pub prior_common: f64,
    pub prior_occasional: f64,
    pub prior_uncommon: f64,
    /// Prior of "none of the atlas's trigger points".
    pub prior_none: f64,
    /// P(another trigger point of the same muscle is active | one is): knots cluster in a
    /// muscle, so a second one in the same muscle costs less than an unrelated one.
    pub sibling: f64,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            essential: 0.8,
            spillover: 0.3,
            location: 0.3,
            near_essential: 0.15,
            near_spillover: 0.05,
            essential_when_neighbour_marked: 0.35,
            zone_weight_cap: 3.0,
            one_mark_complete: 0.5,
            background: 0.08,
            prior_very_common: 0.08,
            prior_common: 0.04,
            prior_occasional: 0.02,
            prior_uncommon: 0.01,
            prior_none: 0.2,
            sibling: 0.3,
        }
    }
}

impl Params {
    /// The prior of a muscle in a prevalence band.
    pub fn muscle_prior(&self, prevalence: Prevalence) -> f64 {
        match prevalence {
            Prevalence::VeryCommon => self.prior_very_common,
            Prevalence::Common => self.prior_common,
            Prevalence::Occasional => self.prior_occasional,
            Prevalence::Uncommon => self.prior_uncommon,
        }
    }

    /// log P(region unmarked | felt with probability `p`) in a drawing of `marks` marks.
    pub(crate) fn unmarked_log(&self, p: f64, marks: usize) -> f64 {
        let complete = 1.0 - (1.0 - self.one_mark_complete).powi(marks.min(64) as i32);
        (1.0 - p * complete).ln()
    }
}

/// A trigger point's weight in sharing its muscle's prior: a band's relative frequency.
fn share_weight(prevalence: Prevalence) -> f64 {
    match prevalence {
        Prevalence::VeryCommon => 4.0,
        Prevalence::Common => 2.0,
        Prevalence::Occasional => 1.0,
        Prevalence::Uncommon => 0.5,
    }
}

/// One trigger point instance as the network sees it.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    /// Index into `Atlas::trigger_points()`.
    pub tp: usize,
    /// Index into `Atlas::muscles()`.
    pub muscle: usize,
    pub log_prior: f64,
    /// P(region marked | this trigger point), for every region (0 for unrelated ones).
    pub link: Vec<f32>,
    /// The same as an index into the finder's distinct link values (for the set table).
    pub level: Vec<u8>,
    /// log [P(marked | this trigger point and background) / P(marked | background alone)]
    /// per region: a mark's evidence when this trigger point is the only one considered.
    pub single_llr: Vec<f32>,
    /// Essential-zone regions, each with the regions whose mark makes it "near" (its
    /// neighbours on its own side of the midline), and the weight of each unmarked one.
    pub essential: Vec<usize>,
    pub essential_near: Vec<Vec<usize>>,
    /// `essential_near` laid out in one array (the fast path reads it for every touched trigger
    /// point): the near regions of essential region i are `near_flat[near_end[i-1]..near_end[i]]`.
    pub near_flat: Vec<u32>,
    pub near_end: Vec<u32>,
    pub essential_weight: f64,
    pub spillover: Vec<usize>,
    pub spillover_weight: f64,
    /// The region of the knot itself.
    pub location: Option<usize>,
    /// The side of the body it is on.
    pub side: knot_body::Side,
    /// Bits over the regions: its essential and spillover zones and its location.
    pub reach: Vec<u64>,
}

impl Node {
    /// True if the trigger point's own zones or its location hold the region (on their sides).
    pub fn reaches(&self, region: usize) -> bool {
        self.reach
            .get(region / 64)
            .is_some_and(|bits| bits >> (region % 64) & 1 == 1)
    }
}

/// The finder over an atlas and a scheme.
#[derive(Debug)]
pub struct Finder {
    pub(crate) scheme: &'static Scheme,
    pub(crate) atlas: &'static Atlas,
    pub(crate) params: Params,
    pub(crate) nodes: Vec<Node>,
    /// Per trigger point instance, the node of the other side's instance (itself on the midline).
    pub(crate) mirror: Vec<usize>,
    /// The sparse look-ups of the fast path.
    pub(crate) index: Index,
    /// Set evidence per mark, by the members' link levels.
    pub(crate) set_table: crate::combine::SetTable,
    /// The vocabulary of the questions, as numbers.
    pub(crate) asks: crate::questions::Asks,
}

impl Finder {
    /// The finder over the built-in atlas and scheme, with default parameters.
    pub fn builtin() -> &'static Finder {
        static BUILTIN: std::sync::OnceLock<Finder> = std::sync::OnceLock::new();
        BUILTIN.get_or_init(|| Finder::new(Atlas::builtin(), Scheme::builtin(), Params::default()))
    }

    /// A finder with the given parameters.
    pub fn new(atlas: &'static Atlas, scheme: &'static Scheme, params: Params) -> Finder {
        let tps = atlas.trigger_points();
        let mut nodes: Vec<Node> = tps
            .iter()
            .enumerate()
            .map(|(i, tp)| {
                let muscle = atlas
                    .muscles()
                    .iter()
                    .position(|m| m.id == tp.muscle_id)
                    .unwrap_or(0);
                let log_prior = log_prior(atlas, muscle, tp, &params);
                node(i, muscle, log_prior, tp, scheme, &params)
            })
            .collect();
        let mirror = tps
            .iter()
            .enumerate()
            .map(|(i, tp)| {
                tps.iter()
                    .position(|t| t.id == tp.id && t.side == tp.side.mirror())
                    .unwrap_or(i)
            })
            .collect();
        // The distinct link values: a few per trigger point, so deduplicated per node first.
        let mut levels: Vec<f32> = Vec::new();
        for node in &nodes {
            let mut own = node.link.clone();
            own.sort_unstable_by(f32::total_cmp);
            own.dedup();
            levels.extend(own);
        }
        levels.sort_unstable_by(f32::total_cmp);
        levels.dedup();
        for node in &mut nodes {
            node.level = node
                .link
                .iter()
                .map(|l| levels.iter().position(|v| v == l).unwrap_or(0) as u8)
                .collect();
        }
        let set_table = crate::combine::SetTable::new(&levels, params.background, params.sibling);
        let index = Index::new(&nodes, scheme, &params);
        Finder {
            scheme,
            atlas,
            params,
            nodes,
            mirror,
            index,
            set_table,
            asks: crate::questions::Asks::new(atlas),
        }
    }

    /// The parameters in use.
    pub fn params(&self) -> &Params {
        &self.params
    }

    /// The atlas the finder ranks.
    pub fn atlas(&self) -> &'static Atlas {
        self.atlas
    }

    /// The scheme of the drawings.
    pub fn scheme(&self) -> &'static Scheme {
        self.scheme
    }

    /// The prior probability of each trigger point instance, by key (`right:upper-trapezius-1`).
    pub fn priors(&self) -> Vec<(String, f64)> {
        let tps = self.atlas.trigger_points();
        self.nodes
            .iter()
            .map(|n| (tps[n.tp].key(), n.log_prior.exp()))
            .collect()
    }
}

/// The muscle's prior times the trigger point's share of it.
fn log_prior(atlas: &Atlas, muscle: usize, tp: &TriggerPoint, params: &Params) -> f64 {
    let Some(m) = atlas.muscles().get(muscle) else {
        return params.muscle_prior(tp.prevalence).ln();
    };
    let total: f64 = m
        .trigger_points
        .iter()
        .map(|t| share_weight(t.prevalence))
        .sum();
    (params.muscle_prior(m.prevalence) * share_weight(tp.prevalence) / total).ln()
}

/// True if a mark on `n` may stand for the zone region `r` of an instance on `side`: the
/// forgiveness of an imprecise mark stays on the zone's own side of the midline.
pub(crate) fn same_side_neighbour(scheme: &Scheme, r: usize, n: usize, side: Side) -> bool {
    let zone_side = match scheme.region(r).side {
        Side::Midline => side,
        s => s,
    };
    let near_side = scheme.region(n).side;
    near_side == Side::Midline || zone_side == Side::Midline || near_side == zone_side
}

fn node(
    index: usize,
    muscle: usize,
    log_prior: f64,
    tp: &TriggerPoint,
    scheme: &Scheme,
    params: &Params,
) -> Node {
    let ids = |zone: &[String]| -> Vec<usize> {
        zone.iter().filter_map(|id| scheme.index_of(id)).collect()
    };
    let essential = ids(&tp.essential);
    let spillover = ids(&tp.spillover);
    let location = scheme.index_of(&tp.location);
    let near = |r: usize| -> Vec<usize> {
        scheme
            .neighbours(r)
            .iter()
            .copied()
            .filter(|&n| same_side_neighbour(scheme, r, n, tp.side))
            .collect()
    };
    let mut link = vec![0.0f32; scheme.len()];
    let mut raise = |region: usize, p: f64| {
        link[region] = link[region].max(p as f32);
    };
    for &r in &spillover {
        for n in near(r) {
            raise(n, params.near_spillover);
        }
    }
    let essential_near: Vec<Vec<usize>> = essential.iter().map(|&r| near(r)).collect();
    for n in essential_near.iter().flatten() {
        raise(*n, params.near_essential);
    }
    if let Some(location) = location {
        raise(location, params.location);
    }
    for &r in &spillover {
        raise(r, params.spillover);
    }
    for &r in &essential {
        raise(r, params.essential);
    }
    let weight = |n: usize| {
        if n == 0 {
            0.0
        } else {
            (params.zone_weight_cap / n as f64).min(1.0)
        }
    };
    let b = params.background;
    // An unlinked region is exactly no evidence (the formula would leave a rounding residue).
    let single_llr = link
        .iter()
        .map(|&p| match p {
            0.0 => 0.0,
            p => ((1.0 - (1.0 - b) * (1.0 - f64::from(p))) / b).ln() as f32,
        })
        .collect();
    let near_flat: Vec<u32> = essential_near.iter().flatten().map(|&n| n as u32).collect();
    let near_end: Vec<u32> = essential_near
        .iter()
        .scan(0u32, |end, near| {
            *end += near.len() as u32;
            Some(*end)
        })
        .collect();
    let mut reach = vec![0u64; scheme.len().div_ceil(64)];
    for &r in essential.iter().chain(&spillover).chain(&location) {
        reach[r / 64] |= 1 << (r % 64);
    }
    Node {
        reach,
        near_flat,
        near_end,
        single_llr,
        tp: index,
        muscle,
        log_prior,
        level: Vec::new(),
        link,
        essential_weight: weight(essential.len()),
        spillover_weight: weight(spillover.len()),
        essential,
        essential_near,
        spillover,
        location,
        side: tp.side,
    }
}
