//! The thresholds the analyses judge change by.
//!
//! The figures come from `shared/CLINICAL.md`. Where the sources give a range (the measurement
//! error of an algometer or a goniometer), the range is a setting and the default is stated, so
//! a clinic can choose the other end without touching code.

use serde::Serialize;

/// Every threshold and window the progress analyses use.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Settings {
    /// Days with pain data averaged for the baseline (the first ones) and for "recent" (the
    /// last ones). A week evens out good and bad days.
    pub window_days: usize,
    /// Fewer days with pain data than this and the trend is reported as too little data.
    pub min_pain_days: usize,
    /// Half-width, in calendar days, of the centred moving average drawn over daily pain
    /// (3 → a 7-day window).
    pub smoothing_half_width: i64,
    /// Pain: change in points that counts as clinically important (Farrar 2001: 2).
    pub pain_important_points: f64,
    /// Pain: change in percent of baseline that counts as clinically important (Farrar 2001: 30).
    pub pain_important_percent: f64,
    /// Pain: change in points that counts as "slightly" better or worse (Farrar 2001: 1).
    pub pain_slight_points: f64,
    /// Pain: change in percent that counts as "slightly" better or worse (Farrar 2001: 15).
    pub pain_slight_percent: f64,
    /// Pressure pain threshold: the smallest change that matters to a person, kg/cm² (≈ 0.21).
    pub ppt_mcid: f64,
    /// Pressure pain threshold: the minimal detectable change, kg/cm². Trapezius studies report
    /// 0.34–0.62; the default is the lower end, so a change is called real a little sooner.
    pub ppt_mdc: f64,
    /// Range of motion: a change this large may be real, degrees (lower end of the 5–10° MDC).
    pub rom_possible_degrees: f64,
    /// Range of motion: a change this large is beyond measurement error, degrees (upper end).
    pub rom_clear_degrees: f64,
    /// PSFS: mean change over the activities that is clinically important (Stratford 1995: 2).
    pub psfs_mean_points: f64,
    /// PSFS: change in one activity that is clinically important (Stratford 1995: 3).
    pub psfs_single_points: f64,
    /// Sessions that start within this many minutes of the previous one's end form one sitting.
    pub sitting_gap_minutes: i64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            window_days: 7,
            min_pain_days: 8,
            smoothing_half_width: 3,
            pain_important_points: 2.0,
            pain_important_percent: 30.0,
            pain_slight_points: 1.0,
            pain_slight_percent: 15.0,
            ppt_mcid: 0.21,
            ppt_mdc: 0.34,
            rom_possible_degrees: 5.0,
            rom_clear_degrees: 10.0,
            psfs_mean_points: 2.0,
            psfs_single_points: 3.0,
            sitting_gap_minutes: 30,
        }
    }
}
