//! Measures followed first-to-latest: pressure pain threshold per trigger point and side,
//! range of motion per movement, and Patient-Specific Functional Scale activities.
//!
//! Each is judged against its own yardstick from `shared/CLINICAL.md`: pressure threshold and
//! range of motion against measurement error (a change smaller than that may be noise), the
//! functional scale against Stratford's 2 points on average or 3 for one activity.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use knot_record::{Entry, Measure};
use serde::Serialize;

use crate::change::{verdict, Verdict};
use crate::names;
use crate::period::Period;
use crate::settings::Settings;
use crate::smoothing::{daily_means, mean, DayValue};

/// Which yardstick a tracked measure is judged by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TrackedKind {
    Threshold,
    Motion,
    Activity,
}

/// One measure followed over time.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tracked {
    pub kind: TrackedKind,
    /// What is measured, as stored: `upper-trapezius-1:right`, `cervical-rotation-right`.
    pub key: String,
    /// What is measured, in words.
    pub label: String,
    /// Printed right after a value: " kg/cm²", "°", " mm", or nothing for a 0–10 score.
    pub unit: &'static str,
    /// One mean per day with readings, oldest first.
    pub readings: Vec<DayValue>,
    /// Latest day's value minus the first day's.
    pub change: f64,
    /// How the change compares with the yardstick; `None` with one day of readings, or for a
    /// movement without a known measurement error.
    pub verdict: Option<Verdict>,
}

impl Tracked {
    /// The first day's value.
    pub fn first(&self) -> Option<&DayValue> {
        self.readings.first()
    }

    /// The latest day's value.
    pub fn latest(&self) -> Option<&DayValue> {
        self.readings.last()
    }
}

/// Pressure thresholds, ranges of motion and functional activities.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrackedReport {
    pub thresholds: Vec<Tracked>,
    pub motion: Vec<Tracked>,
    pub activities: Vec<Tracked>,
    /// Mean change over the activities with two or more days of scores.
    pub activity_mean_change: Option<f64>,
    /// Whether that mean reaches the clinically important change.
    pub activity_mean_important: bool,
}

/// One group's label, unit and (day, value) readings.
type Group = (String, &'static str, Vec<(NaiveDate, f64)>);

/// Readings of one kind grouped by key, each with its label and unit (from the first reading).
struct Grouped {
    kind: TrackedKind,
    readings: BTreeMap<String, Group>,
}

impl Grouped {
    fn new(kind: TrackedKind) -> Grouped {
        Grouped {
            kind,
            readings: BTreeMap::new(),
        }
    }

    fn add(
        &mut self,
        key: String,
        label_and_unit: impl FnOnce() -> (String, &'static str),
        day: NaiveDate,
        value: f64,
    ) {
        self.readings
            .entry(key)
            .or_insert_with(|| {
                let (label, unit) = label_and_unit();
                (label, unit, Vec::new())
            })
            .2
            .push((day, value));
    }

    /// Judges each group: `judge(key, unit, change)`.
    fn judge(self, judge: impl Fn(&str, &str, f64) -> Option<Verdict>) -> Vec<Tracked> {
        let kind = self.kind;
        self.readings
            .into_iter()
            .filter_map(|(key, (label, unit, readings))| {
                let readings = daily_means(readings);
                let change = readings.last()?.value - readings.first()?.value;
                let verdict = if readings.len() > 1 {
                    judge(&key, unit, change)
                } else {
                    None
                };
                Some(Tracked {
                    kind,
                    key,
                    label,
                    unit,
                    readings,
                    change,
                    verdict,
                })
            })
            .collect()
    }
}

/// Follows thresholds, motion and activities through the current entries in the period.
pub fn analyse(entries: &[Entry], period: &Period, settings: &Settings) -> TrackedReport {
    let mut thresholds = Grouped::new(TrackedKind::Threshold);
    let mut motion = Grouped::new(TrackedKind::Motion);
    let mut activities = Grouped::new(TrackedKind::Activity);
    for (day, entry) in period.current_entries(entries) {
        match &entry.entry.measure {
            Measure::Threshold {
                trigger_point,
                side,
                kg_per_cm2,
            } => thresholds.add(
                format!("{trigger_point}:{}", side.word()),
                || (names::trigger_point(trigger_point, *side), " kg/cm²"),
                day,
                *kg_per_cm2,
            ),
            Measure::RangeOfMotion { movement, degrees } => motion.add(
                movement.clone(),
                || names::movement(movement),
                day,
                *degrees,
            ),
            Measure::Function { activity, score } => activities.add(
                activity.trim().to_lowercase(),
                || (activity.trim().to_string(), ""),
                day,
                f64::from(*score),
            ),
            Measure::Pain { .. } | Measure::Note { .. } => {}
        }
    }
    let ppt = |_: &str, _: &str, change| Some(verdict(change, settings.ppt_mcid, settings.ppt_mdc));
    // Degrees are judged by the settings' 5–10° band; another unit (mouth opening in mm) by
    // the movement's own measurement error, when knot-care knows one.
    let rom = |key: &str, unit: &str, change| match unit {
        "°" => Some(verdict(
            change,
            settings.rom_possible_degrees,
            settings.rom_clear_degrees,
        )),
        _ => names::movement_mdc(key).map(|mdc| verdict(change, mdc, mdc)),
    };
    // For one activity the single-activity threshold is the only one: no "possible" band.
    let psfs = |_: &str, _: &str, change| {
        Some(verdict(
            change,
            settings.psfs_single_points,
            settings.psfs_single_points,
        ))
    };
    let activities = activities.judge(psfs);
    let activity_mean_change = mean(
        activities
            .iter()
            .filter(|a| a.verdict.is_some())
            .map(|a| a.change),
    );
    TrackedReport {
        thresholds: thresholds.judge(ppt),
        motion: motion.judge(rom),
        activity_mean_important: activity_mean_change
            .is_some_and(|c| c >= settings.psfs_mean_points - 1e-9),
        activities,
        activity_mean_change,
    }
}
