//! A palpation finding: what the therapist felt at one trigger point on one side, in the terms
//! of the trigger point literature (Travell & Simons' criteria: a tender spot in a taut band,
//! referred pain the client recognises, a local twitch response, a jump sign), with an optional
//! pressure pain threshold from an algometer.

use chrono::{DateTime, Utc};
use knot_atlas::Atlas;
use knot_body::Scheme;
use serde::{Deserialize, Serialize};

use super::consent::{Charted, Place};
use super::error::{Invalid, Problem};
use super::point::{self, ChartSide};
use crate::measures::{KPA_PER_KG_CM2, NOTE_MAX_CHARS, THRESHOLD_MAX, THRESHOLD_MIN};

/// One palpation finding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// The atlas trigger point id (`upper-trapezius-1`).
    pub trigger_point: String,
    pub side: ChartSide,
    /// When it was palpated.
    pub at: DateTime<Utc>,
    pub tender: bool,
    pub taut_band: bool,
    /// Whether pressure reproduced referred pain.
    pub referral_reproduced: bool,
    /// Where the referred pain was felt (region ids), when reproduced.
    pub referred_to: Vec<String>,
    pub local_twitch: bool,
    pub jump_sign: bool,
    /// Pressure pain threshold in kPa, when measured.
    pub pressure_threshold_kpa: Option<f64>,
    pub note: String,
}

impl Finding {
    /// Where and when, for the consent check.
    pub fn charted(&self) -> Charted {
        Charted {
            at: self.at,
            place: Place::TriggerPoint {
                id: self.trigger_point.clone(),
                side: self.side,
            },
        }
    }

    /// Whether anything positive was felt (a negative finding is still worth charting).
    pub fn is_positive(&self) -> bool {
        self.tender
            || self.taut_band
            || self.referral_reproduced
            || self.local_twitch
            || self.jump_sign
    }
}

/// The plausible pressure pain threshold range in kPa: the diary's algometer range
/// (`crate::measures`, 0.1–15 kg/cm²) in kPa.
pub fn threshold_kpa_range() -> (f64, f64) {
    (
        THRESHOLD_MIN * KPA_PER_KG_CM2,
        THRESHOLD_MAX * KPA_PER_KG_CM2,
    )
}

/// Checks a finding against the atlas and the region scheme; every problem at once.
pub fn validate_finding(atlas: &Atlas, finding: &Finding) -> Result<(), Invalid> {
    let mut problems = Vec::new();
    if let Err(problem) = point::resolve(atlas, &finding.trigger_point, finding.side) {
        problems.push(problem);
    }
    let scheme = Scheme::builtin();
    for id in &finding.referred_to {
        if scheme.get(id).is_none() {
            problems.push(Problem::new(
                "referred_to",
                format!("`{id}` is not a body region id (e.g. right-temple)"),
            ));
        }
    }
    if !finding.referral_reproduced && !finding.referred_to.is_empty() {
        problems.push(Problem::new(
            "referred_to",
            "regions are given but the referral is not marked reproduced: tick it or clear the regions",
        ));
    }
    if let Some(kpa) = finding.pressure_threshold_kpa {
        let (low, high) = threshold_kpa_range();
        if !kpa.is_finite() || !(low..=high).contains(&kpa) {
            problems.push(Problem::new(
                "pressure_threshold_kpa",
                format!(
                    "{kpa} kPa is outside the plausible {low:.0}–{high:.0} kPa (0.1–15 kg/cm²); \
                     an algometer reading in kg/cm² is about 98 kPa per kg/cm²"
                ),
            ));
        }
    }
    if finding.note.chars().count() > NOTE_MAX_CHARS {
        problems.push(Problem::new(
            "note",
            format!("is longer than {NOTE_MAX_CHARS} characters"),
        ));
    }
    Invalid::check(problems)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use chrono::TimeZone;

    pub(crate) fn finding(id: &str, side: ChartSide) -> Finding {
        Finding {
            trigger_point: id.into(),
            side,
            at: Utc.with_ymd_and_hms(2027, 3, 1, 10, 0, 0).unwrap(),
            tender: true,
            taut_band: true,
            referral_reproduced: true,
            referred_to: vec!["right-temple".into()],
            local_twitch: false,
            jump_sign: false,
            pressure_threshold_kpa: Some(250.0),
            note: String::new(),
        }
    }

    #[test]
    fn a_typical_finding_is_valid() {
        let f = finding("upper-trapezius-1", ChartSide::Right);
        assert_eq!(validate_finding(Atlas::builtin(), &f), Ok(()));
    }

    #[test]
    fn threshold_bounds_are_the_algometer_range_in_kpa() {
        let mut f = finding("upper-trapezius-1", ChartSide::Right);
        for (kpa, ok) in [
            (9.0, false),
            (10.0, true),
            (1470.0, true),
            (1500.0, false),
            (f64::NAN, false),
            (-50.0, false),
        ] {
            f.pressure_threshold_kpa = Some(kpa);
            let result = validate_finding(Atlas::builtin(), &f);
            assert_eq!(result.is_ok(), ok, "{kpa}: {result:?}");
        }
    }

    #[test]
    fn referral_regions_without_a_reproduced_referral_are_refused() {
        let mut f = finding("upper-trapezius-1", ChartSide::Right);
        f.referral_reproduced = false;
        let error = validate_finding(Atlas::builtin(), &f).unwrap_err();
        assert!(error.names("referred_to"), "{error}");
        f.referred_to.clear();
        assert_eq!(validate_finding(Atlas::builtin(), &f), Ok(()));
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let mut f = finding("upper-trapezius-1", ChartSide::Bilateral);
        f.referred_to.push("temple".into());
        f.pressure_threshold_kpa = Some(0.0);
        f.note = "x".repeat(NOTE_MAX_CHARS + 1);
        let error = validate_finding(Atlas::builtin(), &f).unwrap_err();
        let fields: Vec<&str> = error.problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(
            fields,
            ["side", "referred_to", "pressure_threshold_kpa", "note"]
        );
    }
}
