//! `knot-atlas`: the trigger point knowledge base.
//!
//! Muscles, their trigger points, essential and spillover referral zones, palpation guides,
//! symptoms, aggravating activities, self-treatment and cautions, each with its source. The
//! knowledge lives in TOML files under `data/` (see `docs/atlas.md`), embedded in the binary and
//! validated against the region scheme of `knot-body` when loaded; nothing is read at run time.

mod load;
pub mod model;

use std::sync::OnceLock;

use serde::Serialize;

use knot_body::Scheme;

pub use model::{
    Cautions, Muscle, Named, Prevalence, Question, SelfCare, TriggerPoint, TriggerPointSpec,
    Vocabulary,
};

/// Problems found in the atlas data; each entry says which file, muscle or trigger point.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum AtlasError {
    #[error("the atlas data has {} problem(s):\n  {}", .0.len(), .0.join("\n  "))]
    Invalid(Vec<String>),
}

/// The loaded, validated atlas.
#[derive(Debug)]
pub struct Atlas {
    muscles: Vec<Muscle>,
    trigger_points: Vec<TriggerPoint>,
    vocabulary: Vocabulary,
}

/// The atlas as `knot atlas --json` prints it (DESIGN.md's contract).
#[derive(Debug, Serialize)]
pub struct AtlasDump<'a> {
    pub muscles: &'a [Muscle],
    pub trigger_points: &'a [TriggerPoint],
    pub vocabulary: &'a Vocabulary,
}

impl Atlas {
    /// The atlas embedded in the binary. Its tests keep it valid, so a failure here means the
    /// data was edited without running them.
    pub fn builtin() -> &'static Atlas {
        static BUILTIN: OnceLock<Atlas> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            load::load(load::FILES, Scheme::builtin())
                .unwrap_or_else(|e| panic!("embedded atlas is invalid: {e}"))
        })
    }

    /// Loads an atlas from the given `(file name, TOML text)` pairs.
    pub fn from_files(files: &[(&str, &str)], scheme: &Scheme) -> Result<Atlas, AtlasError> {
        load::load(files, scheme)
    }

    /// Every muscle, in file order.
    pub fn muscles(&self) -> &[Muscle] {
        &self.muscles
    }

    /// Every trigger point instance: one per side for lateral ones.
    pub fn trigger_points(&self) -> &[TriggerPoint] {
        &self.trigger_points
    }

    /// The shared vocabulary.
    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocabulary
    }

    /// The muscle with this id.
    pub fn muscle(&self, id: &str) -> Option<&Muscle> {
        self.muscles.iter().find(|m| m.id == id)
    }

    /// The trigger point instances of a muscle.
    pub fn trigger_points_of<'a>(
        &'a self,
        muscle_id: &'a str,
    ) -> impl Iterator<Item = &'a TriggerPoint> {
        self.trigger_points
            .iter()
            .filter(move |tp| tp.muscle_id == muscle_id)
    }

    /// Finds a muscle by id, name or synonym, ignoring case, hyphens and spacing
    /// ("upper trapezius", "Upper-Trapezius", "fibularis longus").
    pub fn find_muscle(&self, query: &str) -> Option<&Muscle> {
        let wanted = fold(query);
        self.muscles.iter().find(|m| {
            fold(&m.id) == wanted
                || fold(&m.name) == wanted
                || m.synonyms.iter().any(|s| fold(s) == wanted)
        })
    }

    /// Muscle names close to a query that matched nothing, best first (at most five).
    pub fn suggest_muscles(&self, query: &str) -> Vec<&str> {
        let wanted = fold(query);
        let mut scored: Vec<(f64, &str)> = self
            .muscles
            .iter()
            .map(|m| {
                let names = std::iter::once(&m.name)
                    .chain(&m.synonyms)
                    .chain(std::iter::once(&m.id));
                let best = names
                    .map(|n| {
                        let n = fold(n);
                        let contains = if n.contains(&wanted) || wanted.contains(&n) {
                            0.9
                        } else {
                            0.0
                        };
                        strsim::normalized_levenshtein(&n, &wanted).max(contains)
                    })
                    .fold(0.0, f64::max);
                (best, m.name.as_str())
            })
            .filter(|(s, _)| *s >= 0.75)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        scored.into_iter().take(5).map(|(_, n)| n).collect()
    }

    /// The whole atlas for JSON output.
    pub fn dump(&self) -> AtlasDump<'_> {
        AtlasDump {
            muscles: &self.muscles,
            trigger_points: &self.trigger_points,
            vocabulary: &self.vocabulary,
        }
    }
}

fn fold(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}
