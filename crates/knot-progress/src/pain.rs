//! The pain trend: daily pain, the smoothed line, baseline against recent weeks, and whether
//! the change is clinically important — overall and for each region a person logged.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use knot_record::{Entry, Measure};
use serde::Serialize;

use crate::change::{classify_pain, PainChange};
use crate::names;
use crate::period::Period;
use crate::settings::Settings;
use crate::smoothing::{centred_moving_average, daily_means, mean, DayValue};

/// A run of days with data and their mean.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Window {
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// How many days with data it holds.
    pub days: usize,
    pub mean: f64,
}

/// Pain over time for one place (or overall).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PainTrend {
    /// "Overall", or the region's name.
    pub label: String,
    /// The region id, for a regional trend.
    pub region: Option<String>,
    /// How many diary entries it is built from.
    pub entries: usize,
    /// One mean per day with entries, oldest first.
    pub days: Vec<DayValue>,
    /// The centred moving average of `days` (see `smoothing`).
    pub smoothed: Vec<DayValue>,
    /// The first days with data; `None` with too little data.
    pub baseline: Option<Window>,
    /// The last days with data; `None` with too little data.
    pub recent: Option<Window>,
    /// Baseline against recent; `None` with too little data.
    pub change: Option<PainChange>,
    /// Days with data needed before a change is judged.
    pub days_needed: usize,
}

impl PainTrend {
    /// Whether there are too few days with data to judge a change.
    pub fn too_little_data(&self) -> bool {
        self.change.is_none()
    }

    /// Builds the trend from (day, score) readings.
    pub fn from_readings(
        label: String,
        region: Option<String>,
        readings: &[(NaiveDate, f64)],
        settings: &Settings,
    ) -> PainTrend {
        let days = daily_means(readings.iter().copied());
        let smoothed = centred_moving_average(&days, settings.smoothing_half_width);
        let days_needed = settings.min_pain_days.max(2);
        let (baseline, recent) = if days.len() >= days_needed {
            let width = settings.window_days.min(days.len() / 2).max(1);
            (window(&days[..width]), window(&days[days.len() - width..]))
        } else {
            (None, None)
        };
        let change = baseline
            .zip(recent)
            .map(|(b, r)| classify_pain(b.mean, r.mean, settings));
        PainTrend {
            label,
            region,
            entries: readings.len(),
            days,
            smoothed,
            baseline,
            recent,
            change,
            days_needed,
        }
    }
}

fn window(days: &[DayValue]) -> Option<Window> {
    Some(Window {
        first: days.first()?.day,
        last: days.last()?.day,
        days: days.len(),
        mean: mean(days.iter().map(|d| d.value))?,
    })
}

/// Overall pain and pain per region, from the current pain entries inside the period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PainReport {
    pub overall: PainTrend,
    /// True when no entry gave overall pain, so `overall` averages the regional entries.
    pub overall_from_regions: bool,
    /// One trend per region logged, the most often logged first.
    pub regions: Vec<PainTrend>,
}

/// Analyses the pain entries.
pub fn analyse(entries: &[Entry], period: &Period, settings: &Settings) -> PainReport {
    let mut overall = Vec::new();
    let mut regional: BTreeMap<String, Vec<(NaiveDate, f64)>> = BTreeMap::new();
    for (day, entry) in period.current_entries(entries) {
        let Measure::Pain { score, region } = &entry.entry.measure else {
            continue;
        };
        match region {
            None => overall.push((day, f64::from(*score))),
            Some(id) => regional
                .entry(id.clone())
                .or_default()
                .push((day, f64::from(*score))),
        }
    }
    let overall_from_regions = overall.is_empty() && !regional.is_empty();
    if overall_from_regions {
        overall = regional.values().flatten().copied().collect();
    }
    let mut regions: Vec<PainTrend> = regional
        .into_iter()
        .map(|(id, readings)| {
            PainTrend::from_readings(names::region(&id), Some(id), &readings, settings)
        })
        .collect();
    regions.sort_by(|a, b| b.entries.cmp(&a.entries).then(a.label.cmp(&b.label)));
    PainReport {
        overall: PainTrend::from_readings("Overall".into(), None, &overall, settings),
        overall_from_regions,
        regions,
    }
}
