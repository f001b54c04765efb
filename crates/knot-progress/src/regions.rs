//! Where pain was over the period: how often each region was marked in the diary.
//!
//! A region counts once per day it was marked, so logging the same place three times in one
//! day does not make it look three times as frequent.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use knot_record::{Entry, Measure};
use serde::Serialize;

use crate::names;
use crate::period::Period;
use crate::smoothing::mean;

/// One region's count.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegionCount {
    pub region: String,
    pub name: String,
    /// Days on which it was marked.
    pub days: usize,
    /// Entries naming it.
    pub entries: usize,
    /// Mean pain score of those entries.
    pub mean_score: f64,
}

/// How often each region was marked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegionFrequency {
    /// Days with any pain entry (overall or regional) in the period.
    pub diary_days: usize,
    /// Most often marked first.
    pub regions: Vec<RegionCount>,
}

/// Counts the regions named by current pain entries inside the period.
pub fn analyse(entries: &[Entry], period: &Period) -> RegionFrequency {
    let mut diary_days: BTreeSet<NaiveDate> = BTreeSet::new();
    let mut marked: BTreeMap<&str, (BTreeSet<NaiveDate>, Vec<f64>)> = BTreeMap::new();
    for (day, entry) in period.current_entries(entries) {
        let Measure::Pain { score, region } = &entry.entry.measure else {
            continue;
        };
        diary_days.insert(day);
        if let Some(region) = region {
            let slot = marked.entry(region.as_str()).or_default();
            slot.0.insert(day);
            slot.1.push(f64::from(*score));
        }
    }
    let mut regions: Vec<RegionCount> = marked
        .into_iter()
        .map(|(region, (days, scores))| RegionCount {
            region: region.to_string(),
            name: names::region(region),
            days: days.len(),
            entries: scores.len(),
            mean_score: mean(scores).unwrap_or(0.0),
        })
        .collect();
    regions.sort_by(|a, b| b.days.cmp(&a.days).then(a.region.cmp(&b.region)));
    RegionFrequency {
        diary_days: diary_days.len(),
        regions,
    }
}

/// The shading step (1–5) for a region marked on `days` days when the most marked region
/// was marked on `most` days; 0 for unmarked.
pub fn shade_step(days: usize, most: usize) -> usize {
    if days == 0 || most == 0 {
        return 0;
    }
    (days * 5).div_ceil(most).clamp(1, 5)
}
