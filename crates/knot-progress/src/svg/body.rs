//! The body chart shaded by how often each region was marked: knot-body draws the figures,
//! this module only chooses each region's shade, its tooltip and the legend.

use std::sync::OnceLock;

use knot_body::chart::{Chart, ChartError, RenderOptions};
use knot_body::Scheme;

use crate::regions::{shade_step, RegionFrequency};

/// The body chart's class for a shading step: every other step of its 10-step pain ramp, so
/// the five steps are clearly apart.
fn shade_class(step: usize) -> String {
    format!("pain-{}", step * 2)
}

/// The legend: one swatch per shading step that some day count falls into.
fn legend(most: usize) -> Vec<(String, String)> {
    (1..=5)
        .filter_map(|step| {
            let low = (step - 1) * most / 5 + 1;
            let high = step * most / 5;
            let text = match (low, high) {
                (low, high) if low > high => return None,
                (1, 1) => "marked on 1 day".to_string(),
                (low, high) if low == high => format!("{low} days"),
                (low, high) => format!("{low}–{high} days"),
            };
            Some((shade_class(step), text))
        })
        .collect()
}

/// The built-in chart, parsed once (parsing its geometry costs more than drawing it).
fn chart() -> Result<&'static Chart, ChartError> {
    static CHART: OnceLock<Chart> = OnceLock::new();
    if let Some(chart) = CHART.get() {
        return Ok(chart);
    }
    let chart = Chart::builtin()?;
    Ok(CHART.get_or_init(|| chart))
}

/// The body chart with each marked region shaded by the number of days it was marked.
pub fn region_chart(frequency: &RegionFrequency, title: &str) -> Result<String, ChartError> {
    let chart = chart()?;
    let most = frequency.regions.iter().map(|r| r.days).max().unwrap_or(0);
    let mut opts = RenderOptions {
        title: title.to_string(),
        names: Scheme::builtin()
            .regions()
            .iter()
            .map(|r| (r.id.clone(), r.name.clone()))
            .collect(),
        legend: legend(most),
        ..RenderOptions::default()
    };
    for region in &frequency.regions {
        let step = shade_step(region.days, most);
        opts.classes
            .insert(region.region.clone(), vec![shade_class(step)]);
        opts.names.insert(
            region.region.clone(),
            format!(
                "{}: marked on {} of {} diary days",
                region.name, region.days, frequency.diary_days
            ),
        );
    }
    Ok(chart.render(&opts))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legend_ranges_match_the_shading_steps() {
        let most = 23;
        for (class, text) in legend(most) {
            let step: usize = class.trim_start_matches("pain-").parse::<usize>().unwrap() / 2;
            let days: Vec<usize> = (1..=most)
                .filter(|d| shade_step(*d, most) == step)
                .collect();
            let expected = if days.len() == 1 {
                format!("{} days", days[0])
            } else {
                format!("{}–{} days", days[0], days[days.len() - 1])
            };
            assert_eq!(text, expected);
        }
    }

    #[test]
    fn a_small_count_gives_fewer_legend_rows() {
        let rows = legend(2);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].1, "marked on 1 day");
    }
}
