//! Whether a change is large enough to matter: pain by Farrar et al. (2001), and the
//! "beyond measurement error" test used for pressure threshold and range of motion.
//!
//! Changes are judged on the figures a person is shown (points to one decimal, percent to a
//! whole number), so a report never prints "−2.0 points" beside "not clinically important".

use serde::Serialize;

use crate::settings::Settings;

/// How pain changed between baseline and recent weeks, in Farrar's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PainClass {
    /// At least 2 points or 30% less pain (by default).
    ImportantImprovement,
    /// At least 1 point or 15% less pain.
    SlightImprovement,
    /// Less than either threshold either way.
    NoClearChange,
    /// At least 1 point or 15% more pain.
    SlightWorsening,
    /// At least 2 points or 30% more pain.
    ImportantWorsening,
}

impl PainClass {
    /// The verdict in words, for sentences ("a clinically important improvement").
    pub fn phrase(self) -> &'static str {
        match self {
            PainClass::ImportantImprovement => "a clinically important improvement",
            PainClass::SlightImprovement => "a slight improvement",
            PainClass::NoClearChange => "no clear change",
            PainClass::SlightWorsening => "slightly worse",
            PainClass::ImportantWorsening => "a clinically important worsening",
        }
    }
}

/// Baseline against recent pain, with the change and its class.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PainChange {
    /// Mean pain over the baseline days (0–10).
    pub baseline: f64,
    /// Mean pain over the recent days (0–10).
    pub recent: f64,
    /// `recent − baseline`, to one decimal: negative means less pain.
    pub points: f64,
    /// The change as a whole percentage of baseline; `None` when baseline is 0.
    pub percent: Option<f64>,
    pub class: PainClass,
}

/// Rounds to one decimal, the precision pain means are shown with.
pub fn round1(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

/// Rounds to two decimals (pressure thresholds).
pub fn round2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

/// Compares baseline and recent mean pain.
pub fn classify_pain(baseline: f64, recent: f64, settings: &Settings) -> PainChange {
    let points = round1(recent - baseline);
    let percent = (baseline > 0.0).then(|| ((recent - baseline) / baseline * 100.0).round());
    let reaches = |points_at: f64, percent_at: f64, sign: f64| {
        points * sign >= points_at || percent.is_some_and(|p| p * sign >= percent_at)
    };
    let (important, slight) = (
        (
            settings.pain_important_points,
            settings.pain_important_percent,
        ),
        (settings.pain_slight_points, settings.pain_slight_percent),
    );
    let class = if reaches(important.0, important.1, -1.0) {
        PainClass::ImportantImprovement
    } else if reaches(important.0, important.1, 1.0) {
        PainClass::ImportantWorsening
    } else if reaches(slight.0, slight.1, -1.0) {
        PainClass::SlightImprovement
    } else if reaches(slight.0, slight.1, 1.0) {
        PainClass::SlightWorsening
    } else {
        PainClass::NoClearChange
    };
    PainChange {
        baseline,
        recent,
        points,
        percent,
        class,
    }
}

/// How a measured change compares with measurement error and the smallest change that
/// matters, for measures where a higher value is better (pressure threshold, range of motion).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Up by at least the "clear" threshold: beyond measurement error.
    ClearlyBetter,
    /// Up by at least the "possible" threshold but within measurement error.
    PossiblyBetter,
    /// Smaller than the "possible" threshold either way.
    NoClearChange,
    /// Down by at least the "possible" threshold but within measurement error.
    PossiblyWorse,
    /// Down by at least the "clear" threshold.
    ClearlyWorse,
}

impl Verdict {
    /// The verdict in words.
    pub fn phrase(self) -> &'static str {
        match self {
            Verdict::ClearlyBetter => "better, beyond measurement error",
            Verdict::PossiblyBetter => "possibly better (within measurement error)",
            Verdict::NoClearChange => "no clear change",
            Verdict::PossiblyWorse => "possibly worse (within measurement error)",
            Verdict::ClearlyWorse => "worse, beyond measurement error",
        }
    }
}

/// Judges `change` (positive = better) against a `possible` and a `clear` threshold.
pub fn verdict(change: f64, possible: f64, clear: f64) -> Verdict {
    // A tiny tolerance so that a change shown as exactly the threshold counts.
    let tolerance = 1e-9;
    match change {
        c if c >= clear - tolerance => Verdict::ClearlyBetter,
        c if c >= possible - tolerance => Verdict::PossiblyBetter,
        c if c <= -clear + tolerance => Verdict::ClearlyWorse,
        c if c <= -possible + tolerance => Verdict::PossiblyWorse,
        _ => Verdict::NoClearChange,
    }
}
