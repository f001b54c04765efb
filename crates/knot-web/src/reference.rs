//! The read-only knowledge every page draws on — atlas, finder, region scheme, body chart — loaded
//! once at start-up, with the chart's blank interactive rendering cached (it is the same for
//! every visitor to the Find page).

use std::collections::BTreeMap;

use knot_atlas::Atlas;
use knot_body::chart::{Chart, ChartError, Marker, RenderOptions};
use knot_body::Scheme;
use knot_finder::Finder;

/// The app could not start: the embedded reference data is unusable.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The body chart data failed to load (only possible after editing `chart.toml`).
    #[error("the body chart could not be loaded: {0}")]
    Chart(#[from] ChartError),
}

/// Reference data shared by all handlers.
#[derive(Debug)]
pub(crate) struct Reference {
    pub finder: &'static Finder,
    pub atlas: &'static Atlas,
    pub scheme: &'static Scheme,
    pub chart: Chart,
    /// Region id → a person's name for it ("right temple").
    names: BTreeMap<String, String>,
    /// The Find page's chart with nothing marked.
    blank_find_chart: String,
}

/// The title of the Find page's chart (its accessible name).
pub(crate) const FIND_CHART_TITLE: &str =
    "Body chart, front and back: select each place that hurts";

impl Reference {
    pub fn load() -> Result<Reference, StartError> {
        let scheme = Scheme::builtin();
        let names: BTreeMap<String, String> = scheme
            .regions()
            .iter()
            .map(|r| (r.id.clone(), r.name.clone()))
            .collect();
        let chart = Chart::builtin()?;
        let mut reference = Reference {
            finder: Finder::builtin(),
            atlas: Atlas::builtin(),
            scheme,
            chart,
            names,
            blank_find_chart: String::new(),
        };
        reference.blank_find_chart = reference.find_chart(&BTreeMap::new());
        Ok(reference)
    }

    /// A person's name for a region; the id itself if the scheme has no such region.
    pub fn region_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.names.get(id).map_or(id, String::as_str)
    }

    /// Names for a list of region ids, in order.
    pub fn region_names(&self, ids: &[String]) -> Vec<String> {
        ids.iter()
            .map(|id| self.region_name(id).to_string())
            .collect()
    }

    /// The Find page's interactive chart, with the given regions filled at their levels.
    pub fn find_chart(&self, levels: &BTreeMap<String, u8>) -> String {
        if levels.is_empty() && !self.blank_find_chart.is_empty() {
            return self.blank_find_chart.clone();
        }
        let classes = levels
            .iter()
            .map(|(id, level)| (id.clone(), vec![format!("level-{level}")]))
            .collect();
        self.chart.render(&RenderOptions {
            title: FIND_CHART_TITLE.to_string(),
            names: self.names.clone(),
            classes,
            interactive: true,
            ..RenderOptions::default()
        })
    }

    /// A muscle's referral chart: essential zones solid, spillover hatched, numbered × marks.
    pub fn referral_chart(&self, title: &str, points: &[&knot_atlas::TriggerPoint]) -> String {
        let mut classes: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for tp in points {
            for id in &tp.spillover {
                classes
                    .entry(id.clone())
                    .or_default()
                    .push("spillover".into());
            }
        }
        // Essential wins where one point's essential zone is another's spillover.
        for tp in points {
            for id in &tp.essential {
                let list = classes.entry(id.clone()).or_default();
                list.retain(|c| c != "spillover");
                list.push("essential".into());
            }
        }
        let markers = points
            .iter()
            .enumerate()
            .map(|(n, tp)| Marker {
                region: tp.location.clone(),
                label: (n + 1).to_string(),
            })
            .collect();
        self.chart.render(&RenderOptions {
            title: title.to_string(),
            names: self.names.clone(),
            classes,
            markers,
            ..RenderOptions::default()
        })
    }
}
