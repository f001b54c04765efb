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

    /// A body part's name without a side, capitalised: "head" → "Head".
    pub fn part_title(&self, part: &str) -> String {
        let name = self
            .scheme
            .regions()
            .iter()
            .find(|r| r.part == part)
            .map_or_else(
                || part.to_string(),
                |r| {
                    let sideless = knot_body::Region {
                        side: knot_body::Side::Midline,
                        ..r.clone()
                    };
                    self.scheme.part_name(&sideless)
                },
            );
        crate::pages::capitalized(&name)
    }

    /// Names for a list of region ids, in order.
    pub fn region_names<S: AsRef<str>>(&self, ids: &[S]) -> Vec<String> {
        ids.iter()
            .map(|id| self.region_name(id.as_ref()).to_string())
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
        let svg = self.chart.render(&RenderOptions {
            title: FIND_CHART_TITLE.to_string(),
            names: self.names.clone(),
            classes,
            interactive: true,
            ..RenderOptions::default()
        });
        without_region_titles(&svg)
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

/// The interactive chart names each region twice: `aria-label` (what assistive technology
/// reads) and a `<title>` child (the hover tooltip). The Find page shows the name of the place
/// under the pointer or focus beneath the chart instead, so the titles go: 232 of them are about
/// a tenth of the page.
fn without_region_titles(svg: &str) -> String {
    const OPEN: &str = "><title>";
    const CLOSE: &str = "</title></path>";
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(start) = rest.find(OPEN) {
        let name_start = start + OPEN.len();
        match rest[name_start..].find('<') {
            // Only a plain-text title that closes its path is a region's.
            Some(len) if rest[name_start + len..].starts_with(CLOSE) => {
                out.push_str(&rest[..start]);
                out.push_str("/>");
                rest = &rest[name_start + len + CLOSE.len()..];
            }
            _ => {
                out.push_str(&rest[..name_start]);
                rest = &rest[name_start..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_titles_go_and_everything_else_stays() {
        let svg = "<svg><title id=\"t\">Chart</title><path aria-label=\"right temple\" d=\"M0 0Z\">\
                   <title>right temple</title></path><g><title>1</title><path d=\"M1 1Z\"/></g></svg>";
        assert_eq!(
            without_region_titles(svg),
            "<svg><title id=\"t\">Chart</title><path aria-label=\"right temple\" d=\"M0 0Z\"/>\
             <g><title>1</title><path d=\"M1 1Z\"/></g></svg>"
        );
    }

    #[test]
    fn the_find_chart_keeps_every_region_named_for_assistive_technology() {
        let reference = Reference::load().unwrap();
        let svg = reference.find_chart(&BTreeMap::new());
        assert_eq!(
            svg.matches(" aria-label=\"").count(),
            reference.scheme.len()
        );
        assert!(!svg.contains("</title></path>"));
        assert!(svg.contains("<title id=\"knot-chart-title\">"));
    }
}
