//! The finder's network: for every trigger point instance, the probability that it causes pain
//! in each region, precomputed once from the atlas and the region scheme.
//!
//! Link probabilities (see [`Params`]) follow the definitions of the literature: the essential
//! zone is "nearly always" felt, the spillover zone "sometimes", the knot itself is often tender
//! locally. A mark one region away from a zone is forgiven in part, since people draw
//! imprecisely. A background leak stands for every cause outside the atlas.

use knot_atlas::{Atlas, Prevalence, TriggerPoint};
use knot_body::Scheme;

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
    /// … for a region touching the essential zone (an imprecise mark).
    pub near_essential: f64,
    /// … for a region touching the spillover zone.
    pub near_spillover: f64,
    /// P(an essential region left unmarked) is taken at this link instead of `essential` when a
    /// neighbour of it is marked: the person may have drawn it one region off.
    pub essential_when_neighbour_marked: f64,
    /// A zone counts for at most this many regions when its unmarked regions are held against
    /// a trigger point: a wide zone is seldom drawn in full.
    pub zone_weight_cap: f64,
    /// P(region marked) from causes outside the atlas: other knots, joints, nerves.
    pub background: f64,
    /// Prior probability that a trigger point of each prevalence is active.
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
            near_essential: 0.3,
            near_spillover: 0.1,
            essential_when_neighbour_marked: 0.35,
            zone_weight_cap: 3.0,
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
    fn prior(&self, prevalence: Prevalence) -> f64 {
        match prevalence {
            Prevalence::VeryCommon => self.prior_very_common,
            Prevalence::Common => self.prior_common,
            Prevalence::Occasional => self.prior_occasional,
            Prevalence::Uncommon => self.prior_uncommon,
        }
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
    /// log [P(marked | this trigger point and background) / P(marked | background alone)]
    /// per region: a mark's evidence when this trigger point is the only one considered.
    pub single_llr: Vec<f32>,
    /// Essential-zone regions, and the weight of each unmarked one.
    pub essential: Vec<usize>,
    pub essential_weight: f64,
    pub spillover: Vec<usize>,
    pub spillover_weight: f64,
}

/// The finder over an atlas and a scheme.
#[derive(Debug)]
pub struct Finder {
    pub(crate) scheme: &'static Scheme,
    pub(crate) atlas: &'static Atlas,
    pub(crate) params: Params,
    pub(crate) nodes: Vec<Node>,
    /// log P(unmarked) for an essential region far from any mark, one next to a mark, and a
    /// spillover region.
    pub(crate) miss_logs: (f64, f64, f64),
}

impl Finder {
    /// The finder over the built-in atlas and scheme, with default parameters.
    pub fn builtin() -> &'static Finder {
        static BUILTIN: std::sync::OnceLock<Finder> = std::sync::OnceLock::new();
        BUILTIN.get_or_init(|| Finder::new(Atlas::builtin(), Scheme::builtin(), Params::default()))
    }

    /// A finder with the given parameters.
    pub fn new(atlas: &'static Atlas, scheme: &'static Scheme, params: Params) -> Finder {
        let nodes = atlas
            .trigger_points()
            .iter()
            .enumerate()
            .map(|(i, tp)| {
                let muscle = atlas
                    .muscles()
                    .iter()
                    .position(|m| m.id == tp.muscle_id)
                    .unwrap_or(0);
                node(i, muscle, tp, scheme, &params)
            })
            .collect();
        let miss_logs = (
            (1.0 - params.essential).ln(),
            (1.0 - params.essential_when_neighbour_marked).ln(),
            (1.0 - params.spillover).ln(),
        );
        Finder {
            scheme,
            atlas,
            params,
            nodes,
            miss_logs,
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
}

fn node(index: usize, muscle: usize, tp: &TriggerPoint, scheme: &Scheme, params: &Params) -> Node {
    let ids = |zone: &[String]| -> Vec<usize> {
        zone.iter().filter_map(|id| scheme.index_of(id)).collect()
    };
    let essential = ids(&tp.essential);
    let spillover = ids(&tp.spillover);
    let mut link = vec![0.0f32; scheme.len()];
    let mut raise = |region: usize, p: f64| {
        link[region] = link[region].max(p as f32);
    };
    for &r in &spillover {
        for &n in scheme.neighbours(r) {
            raise(n, params.near_spillover);
        }
    }
    for &r in &essential {
        for &n in scheme.neighbours(r) {
            raise(n, params.near_essential);
        }
    }
    if let Some(location) = scheme.index_of(&tp.location) {
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
    let single_llr = link
        .iter()
        .map(|&p| ((1.0 - (1.0 - b) * (1.0 - f64::from(p))) / b).ln() as f32)
        .collect();
    Node {
        single_llr,
        tp: index,
        muscle,
        log_prior: params.prior(tp.prevalence).ln(),
        link,
        essential_weight: weight(essential.len()),
        spillover_weight: weight(spillover.len()),
        essential,
        spillover,
    }
}
