//! The clinic's safety warnings on findings and treatment entries come from the self-treatment
//! safety rules: the screening, the endangerment sites, and where an entry went past the verdict.

#[path = "screening_support/mod.rs"]
mod screening_support;

use chrono::{TimeZone, Utc};
use knot_atlas::Atlas;
use knot_care::clinic::{
    finding_warnings, treatment_warnings, ChartSide, Finding, TreatmentEntry, Warning,
};
use knot_care::safety::Permission;
use knot_record::Screening;
use screening_support::{calm, stored, with};

fn atlas() -> &'static Atlas {
    Atlas::builtin()
}

fn entry(point: &str, side: ChartSide, tool: &str, hold: i64, discomfort: i64) -> TreatmentEntry {
    TreatmentEntry {
        trigger_point: point.into(),
        side,
        at: Utc.with_ymd_and_hms(2027, 3, 1, 10, 0, 0).unwrap(),
        technique: "sustained-compression".into(),
        tool: tool.into(),
        discomfort: Some(discomfort),
        hold_seconds: Some(hold),
        passes: Some(1),
        response: String::new(),
    }
}

fn finding(point: &str, side: ChartSide) -> Finding {
    Finding {
        trigger_point: point.into(),
        side,
        at: Utc.with_ymd_and_hms(2027, 3, 1, 10, 0, 0).unwrap(),
        tender: true,
        taut_band: false,
        referral_reproduced: false,
        referred_to: vec![],
        local_twitch: false,
        jump_sign: false,
        pressure_threshold_kpa: None,
        note: String::new(),
    }
}

/// A point whose muscle lies near no endangerment site and has no contraindication.
const QUIET: &str = "infraspinatus-upper";

fn calm_screening() -> Screening {
    stored(calm())
}

fn levels(warnings: &[Warning]) -> Vec<Permission> {
    warnings.iter().map(|w| w.level).collect()
}

#[test]
fn an_ordinary_point_under_a_calm_screening_gives_no_warning() {
    let s = calm_screening();
    let e = entry(QUIET, ChartSide::Right, "thumb", 60, 6);
    assert_eq!(treatment_warnings(atlas(), Some(&s), &e), []);
    let f = finding(QUIET, ChartSide::Right);
    assert_eq!(finding_warnings(atlas(), Some(&s), &f), []);
}

#[test]
fn a_knot_on_an_endangerment_site_is_softened_and_an_elbow_there_is_flagged() {
    let s = calm_screening();
    let f = finding("adductor-brevis-1", ChartSide::Left);
    let on_site = finding_warnings(atlas(), Some(&s), &f);
    assert!(
        on_site
            .iter()
            .any(|w| w.level == Permission::Softened && w.message.contains("femoral")),
        "{on_site:?}"
    );
    let e = entry("adductor-brevis-1", ChartSide::Left, "elbow", 30, 4);
    let warnings = treatment_warnings(atlas(), Some(&s), &e);
    assert!(
        warnings.iter().any(|w| w.message.contains("elbow")),
        "{warnings:?}"
    );
}

#[test]
fn blood_thinners_flag_a_long_hold_a_firm_tool_and_high_discomfort() {
    let s = stored(with(calm(), "blood-thinners", "yes"));
    let gentle = entry(QUIET, ChartSide::Right, "fingers", 20, 4);
    let gentle_warnings = treatment_warnings(atlas(), Some(&s), &gentle);
    assert_eq!(
        levels(&gentle_warnings),
        [Permission::Softened],
        "{gentle_warnings:?}"
    );

    let firm = entry(QUIET, ChartSide::Right, "hook-tool", 90, 7);
    let warnings = treatment_warnings(atlas(), Some(&s), &firm);
    let text: Vec<&str> = warnings.iter().map(|w| w.message.as_str()).collect();
    assert!(text.iter().any(|m| m.contains("hook-tool")), "{text:?}");
    assert!(
        text.iter().any(|m| m.contains("shortens holds")),
        "{text:?}"
    );
    assert!(
        text.iter().any(|m| m.contains("discomfort 7/10")),
        "{text:?}"
    );
}

#[test]
fn discomfort_above_the_good_hurt_band_is_flagged_only_past_its_top() {
    let s = calm_screening();
    let at_top = entry(QUIET, ChartSide::Right, "thumb", 60, 8);
    assert_eq!(treatment_warnings(atlas(), Some(&s), &at_top), []);
    let past = entry(QUIET, ChartSide::Right, "thumb", 60, 9);
    assert_eq!(
        levels(&treatment_warnings(atlas(), Some(&s), &past)),
        [Permission::Warned]
    );
}

#[test]
fn a_red_flag_blocks_and_adds_nothing_about_the_dose() {
    let s = stored(with(calm(), "fever", "yes"));
    let e = entry(QUIET, ChartSide::Right, "hook-tool", 90, 9);
    let warnings = treatment_warnings(atlas(), Some(&s), &e);
    assert!(!warnings.is_empty());
    assert!(
        warnings.iter().all(|w| w.level == Permission::Blocked),
        "{warnings:?}"
    );
}

#[test]
fn a_therapist_is_not_told_to_leave_a_point_to_a_therapist() {
    let s = calm_screening();
    let tp = atlas()
        .trigger_points()
        .iter()
        .find(|tp| !tp.self_treat && tp.at_endangerment.is_empty())
        .expect("the atlas has a therapist-only point");
    let f = finding(&tp.id, ChartSide::from(tp.side));
    for w in finding_warnings(atlas(), Some(&s), &f) {
        assert!(!w.message.contains("to a therapist"), "{}", w.message);
    }
}

#[test]
fn pelvic_floor_points_are_flagged_as_internal_work() {
    let s = calm_screening();
    let f = finding("levator-ani-1", ChartSide::Midline);
    let warnings = finding_warnings(atlas(), Some(&s), &f);
    assert!(
        warnings.iter().any(|w| w.message.contains("internally")),
        "{warnings:?}"
    );
}

#[test]
fn without_a_screening_every_entry_is_warned_to_screen() {
    let e = entry("upper-trapezius-1", ChartSide::Right, "thumb", 60, 6);
    let warnings = treatment_warnings(atlas(), None, &e);
    assert!(
        warnings.iter().any(|w| w.message.contains("screening")),
        "{warnings:?}"
    );
}

#[test]
fn an_entry_the_atlas_does_not_know_gets_no_warnings_validation_refuses_it() {
    let e = entry("no-such-point", ChartSide::Right, "thumb", 60, 6);
    assert_eq!(treatment_warnings(atlas(), Some(&calm_screening()), &e), []);
}
