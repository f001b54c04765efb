//! A treatment entry: what the therapist did at one trigger point on one side — technique, tool,
//! the discomfort the client felt, hold time, passes and the response.
//!
//! Techniques and tools are the atlas vocabulary's ids (the same words as home plans and guided
//! sessions), plus the few that only a therapist's table uses ([`CLINIC_TECHNIQUES`],
//! [`CLINIC_TOOLS`]). "Ischemic compression" is charted as `sustained-compression` or
//! `pressure-release` (the atlas retired the older name, clinical review 2026-12 §2.5).

use chrono::{DateTime, Utc};
use knot_atlas::Atlas;
use serde::{Deserialize, Serialize};

use super::consent::{Charted, Place};
use super::error::{Invalid, Problem};
use super::point::{self, ChartSide};
use crate::measures::NOTE_MAX_CHARS;
use crate::plan::{MAX_HOLD_SECONDS, STROKING};

/// Techniques a therapist charts beyond the atlas vocabulary's self-treatment techniques.
pub const CLINIC_TECHNIQUES: &[&str] = &["warm-up-strokes", "stretching"];
/// Tools a therapist charts beyond the atlas vocabulary's.
pub const CLINIC_TOOLS: &[&str] = &["hands", "forearm"];
/// Davies: 6–12 short deep strokes per trigger point per sitting (shared/CLINICAL.md).
pub const DAVIES_MAX_STROKES: i64 = 12;
/// The longest hold of any kind taken as real rather than a typing slip (ten minutes on one
/// point); compression holds have the lower clinical cap [`MAX_HOLD_SECONDS`].
pub const MAX_PLAUSIBLE_HOLD_SECONDS: i64 = 600;

/// How a technique is dosed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Technique {
    /// Sustained pressure on the knot, timed: capped at [`MAX_HOLD_SECONDS`] a hold.
    Compression,
    /// Short deep strokes, counted in passes, not held.
    Strokes,
    /// Warm-up strokes and stretching: timed, without the compression cap.
    Other,
}

impl Technique {
    /// The kind of a technique id; `None` for an id neither the atlas nor the clinic knows.
    pub fn of(atlas: &Atlas, id: &str) -> Option<Technique> {
        if id == STROKING {
            return Some(Technique::Strokes);
        }
        if CLINIC_TECHNIQUES.contains(&id) {
            return Some(Technique::Other);
        }
        let in_atlas = atlas.vocabulary().techniques.iter().any(|t| t.id == id);
        in_atlas.then_some(Technique::Compression)
    }
}

/// One treatment entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TreatmentEntry {
    /// The atlas trigger point id.
    pub trigger_point: String,
    pub side: ChartSide,
    /// When it was done.
    pub at: DateTime<Utc>,
    /// Technique id (atlas vocabulary or [`CLINIC_TECHNIQUES`]).
    pub technique: String,
    /// Tool id (atlas vocabulary or [`CLINIC_TOOLS`]).
    pub tool: String,
    /// The discomfort the client reported, 0–10.
    pub discomfort: Option<i64>,
    /// Seconds per hold, for timed techniques.
    pub hold_seconds: Option<i64>,
    /// Holds, or strokes for short deep strokes.
    pub passes: Option<i64>,
    /// How the tissue and the client responded.
    pub response: String,
}

impl TreatmentEntry {
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
}

/// Checks an entry against the atlas and the dosing rules; every problem at once.
pub fn validate_treatment(atlas: &Atlas, entry: &TreatmentEntry) -> Result<(), Invalid> {
    let mut problems = Vec::new();
    if let Err(problem) = point::resolve(atlas, &entry.trigger_point, entry.side) {
        problems.push(problem);
    }
    let technique = Technique::of(atlas, &entry.technique);
    if technique.is_none() {
        problems.push(Problem::new(
            "technique",
            unknown_technique(atlas, &entry.technique),
        ));
    }
    let tool_known = CLINIC_TOOLS.contains(&entry.tool.as_str())
        || atlas.vocabulary().tools.iter().any(|t| t.id == entry.tool);
    if !tool_known {
        let mut known: Vec<&str> = atlas
            .vocabulary()
            .tools
            .iter()
            .map(|t| t.id.as_str())
            .collect();
        known.extend_from_slice(CLINIC_TOOLS);
        problems.push(Problem::new(
            "tool",
            format!(
                "`{}` is not a known tool; use one of {}",
                entry.tool,
                known.join(", ")
            ),
        ));
    }
    if let Some(d) = entry.discomfort.filter(|d| !(0..=10).contains(d)) {
        problems.push(Problem::new(
            "discomfort",
            format!("{d} is outside 0–10 (0 none, 10 the worst imaginable)"),
        ));
    }
    if let Some(technique) = technique {
        hold_problems(technique, entry, &mut problems);
    }
    if let Some(p) = entry.passes.filter(|&p| p < 1) {
        problems.push(Problem::new(
            "passes",
            format!("{p} passes: give at least 1, or leave it empty"),
        ));
    }
    if entry.response.chars().count() > NOTE_MAX_CHARS {
        problems.push(Problem::new(
            "response",
            format!("is longer than {NOTE_MAX_CHARS} characters"),
        ));
    }
    Invalid::check(problems)
}

fn hold_problems(technique: Technique, entry: &TreatmentEntry, problems: &mut Vec<Problem>) {
    let Some(hold) = entry.hold_seconds else {
        return;
    };
    let cap = i64::from(MAX_HOLD_SECONDS);
    let problem = if hold < 0 {
        Some(format!("{hold} s: a hold cannot be negative"))
    } else if technique == Technique::Strokes {
        Some("short deep strokes are counted in passes, not held: leave hold_seconds empty".into())
    } else if technique == Technique::Compression && hold > cap {
        Some(format!(
            "{hold} s is longer than the {cap} s a compression hold may last (the trials compare \
             30 s with 90 s); release at {cap} s and chart another pass"
        ))
    } else if hold > MAX_PLAUSIBLE_HOLD_SECONDS {
        Some(format!(
            "{hold} s is more than {MAX_PLAUSIBLE_HOLD_SECONDS} s on one point; check the entry"
        ))
    } else {
        None
    };
    if let Some(message) = problem {
        problems.push(Problem::new("hold_seconds", message));
    }
}

fn unknown_technique(atlas: &Atlas, given: &str) -> String {
    if given == "ischemic-compression" {
        return "chart ischemic compression as sustained-compression (or pressure-release)".into();
    }
    let mut known: Vec<&str> = atlas
        .vocabulary()
        .techniques
        .iter()
        .map(|t| t.id.as_str())
        .collect();
    known.extend_from_slice(CLINIC_TECHNIQUES);
    format!(
        "`{given}` is not a known technique; use one of {}",
        known.join(", ")
    )
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use chrono::TimeZone;

    pub(crate) fn entry(technique: &str, hold: Option<i64>) -> TreatmentEntry {
        TreatmentEntry {
            trigger_point: "upper-trapezius-1".into(),
            side: ChartSide::Right,
            at: Utc.with_ymd_and_hms(2027, 3, 1, 10, 5, 0).unwrap(),
            technique: technique.into(),
            tool: "thumb".into(),
            discomfort: Some(6),
            hold_seconds: hold,
            passes: Some(2),
            response: "softened on the second hold".into(),
        }
    }

    fn fields(entry: &TreatmentEntry) -> Vec<String> {
        match validate_treatment(Atlas::builtin(), entry) {
            Ok(()) => Vec::new(),
            Err(e) => e.problems.into_iter().map(|p| p.field).collect(),
        }
    }

    #[test]
    fn a_typical_compression_entry_is_valid() {
        assert_eq!(
            fields(&entry("sustained-compression", Some(60))),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_compression_hold_is_capped_at_ninety_seconds_but_a_stretch_is_not() {
        assert!(fields(&entry("pressure-release", Some(90))).is_empty());
        assert_eq!(
            fields(&entry("pressure-release", Some(91))),
            ["hold_seconds"]
        );
        assert!(fields(&entry("stretching", Some(120))).is_empty());
        assert_eq!(fields(&entry("stretching", Some(601))), ["hold_seconds"]);
    }

    #[test]
    fn negative_holds_and_passes_are_refused() {
        let mut e = entry("stretching", Some(-1));
        e.passes = Some(0);
        assert_eq!(fields(&e), ["hold_seconds", "passes"]);
    }

    #[test]
    fn strokes_are_counted_not_held() {
        assert_eq!(
            fields(&entry("short-deep-strokes", Some(30))),
            ["hold_seconds"]
        );
        assert!(fields(&entry("short-deep-strokes", None)).is_empty());
    }

    #[test]
    fn discomfort_must_be_on_the_zero_to_ten_scale() {
        for (value, ok) in [(-1, false), (0, true), (10, true), (11, false)] {
            let mut e = entry("sustained-compression", Some(60));
            e.discomfort = Some(value);
            assert_eq!(fields(&e).is_empty(), ok, "{value}");
        }
    }

    #[test]
    fn unknown_technique_tool_and_point_are_named() {
        let mut e = entry("ischemic-compression", Some(60));
        e.tool = "rolling-pin".into();
        e.trigger_point = "upper-trapezius-9".into();
        let error = validate_treatment(Atlas::builtin(), &e).unwrap_err();
        let text = error.to_string();
        assert!(text.contains("sustained-compression"), "{text}");
        assert!(
            text.contains("rolling-pin") && text.contains("upper-trapezius-9"),
            "{text}"
        );
        assert!(error.names("tool") && error.names("technique") && error.names("trigger_point"));
    }

    #[test]
    fn an_unknown_technique_does_not_also_complain_about_the_hold() {
        assert_eq!(fields(&entry("cupping", Some(500))), ["technique"]);
    }

    #[test]
    fn every_atlas_technique_has_a_dosing_kind() {
        let atlas = Atlas::builtin();
        for t in &atlas.vocabulary().techniques {
            assert!(Technique::of(atlas, &t.id).is_some(), "{}", t.id);
        }
    }
}
