//! Behaviour of the analyses on hand-built diaries.

#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

mod fixture;

use fixture::{day, plan, ten_weeks, Diary};
use knot_progress::adherence::streaks;
use knot_progress::{analyse, Inputs, PainClass, Period, Settings, Verdict};
use knot_record::Measure;

#[test]
fn a_diary_falling_from_seven_to_three_is_a_clinically_important_improvement() {
    let report = ten_weeks().report(69, None);
    let trend = &report.pain.overall;
    let change = trend.change.expect("enough data");
    let baseline = trend.baseline.unwrap();
    assert_eq!(
        (baseline.first, baseline.last, baseline.days),
        (day(0), day(6), 7)
    );
    assert_eq!(trend.recent.unwrap().last, day(69));
    assert!(change.baseline > 6.0 && change.baseline < 7.5, "{change:?}");
    assert!(change.recent > 2.5 && change.recent < 4.0, "{change:?}");
    assert_eq!(change.class, PainClass::ImportantImprovement);
    assert!(change.percent.unwrap() <= -30.0);
    assert_eq!(trend.smoothed.len(), trend.days.len());
}

#[test]
fn too_few_days_are_reported_as_too_little_data_not_as_change() {
    let mut diary = Diary::default();
    for d in 0..5 {
        diary.pain(d, 8 - d as u8);
    }
    let report = diary.report(10, None);
    assert!(report.pain.overall.too_little_data());
    let worded =
        knot_progress::words::pain_sentence(&report.pain.overall, "Pain", &Settings::default());
    let sentence = &worded.text;
    assert!(sentence.contains("not enough entries"), "{sentence}");
    assert!(sentence.contains("5 days"), "{sentence}");
    assert_eq!(worded.hint, Some(knot_care::hint::Hint::LogPain));
    assert!(
        !sentence.contains('`') && !sentence.contains("knot "),
        "{sentence}"
    );
}

#[test]
fn with_fewer_than_fourteen_days_baseline_and_recent_do_not_overlap() {
    let mut diary = Diary::default();
    for d in 0..9 {
        diary.pain(d, 6);
    }
    let trend = diary.report(9, None).pain.overall;
    let (baseline, recent) = (trend.baseline.unwrap(), trend.recent.unwrap());
    assert_eq!(baseline.days, 4);
    assert!(baseline.last < recent.first);
}

#[test]
fn deleted_and_superseded_entries_do_not_count() {
    let mut diary = Diary::default();
    for d in 0..20 {
        diary.pain(d, 5);
    }
    let wrong = diary.pain(0, 10);
    diary.delete(wrong);
    let typo = diary.pain(19, 9);
    diary.correct(
        typo,
        Measure::Pain {
            score: 5,
            region: None,
        },
    );
    let report = diary.report(19, None);
    let change = report.pain.overall.change.unwrap();
    assert_eq!((change.baseline, change.recent), (5.0, 5.0));
    assert_eq!(change.class, PainClass::NoClearChange);
    assert_eq!(report.entries, 21);
}

#[test]
fn overall_pain_falls_back_to_regional_entries_when_there_are_no_overall_ones() {
    let mut diary = Diary::default();
    for d in 0..10 {
        diary.region_pain(d, 4, "right-temple");
        diary.region_pain(d, 6, "right-neck-angle");
    }
    let report = diary.report(9, None);
    assert!(report.pain.overall_from_regions);
    assert_eq!(report.pain.overall.days[0].value, 5.0);
    assert_eq!(report.pain.regions.len(), 2);
}

#[test]
fn regional_trends_are_named_and_ordered_by_entries() {
    let report = ten_weeks().report(69, None);
    let regions = &report.pain.regions;
    assert_eq!(regions[0].region.as_deref(), Some("right-neck-angle"));
    assert!(
        regions[0].label.contains("angle of the neck"),
        "{}",
        regions[0].label
    );
    assert!(regions[0].entries > regions[1].entries);
}

#[test]
fn the_period_limits_what_is_counted() {
    let diary = ten_weeks();
    let period = Period {
        since: Some(day(35)),
        ..Period::until(day(69))
    };
    let report = analyse(
        Inputs {
            entries: &diary.entries,
            sessions: &diary.sessions,
            plan: None,
        },
        period,
        &Settings::default(),
    );
    assert_eq!(report.first_day, day(35));
    assert_eq!(report.pain.overall.baseline.unwrap().first, day(35));
    assert_eq!(report.pain.overall.days.len(), 35);
    assert!(report.adherence.weeks[0].start <= day(35));
}

#[test]
fn pressure_threshold_is_judged_against_mcid_and_mdc() {
    let mut diary = Diary::default();
    diary.threshold(0, 2.0);
    diary.threshold(7, 2.25);
    let small = diary.report(7, None);
    assert_eq!(
        small.tracked.thresholds[0].verdict,
        Some(Verdict::PossiblyBetter)
    );
    diary.threshold(14, 2.4);
    let real = diary.report(14, None);
    assert_eq!(
        real.tracked.thresholds[0].verdict,
        Some(Verdict::ClearlyBetter)
    );
    assert!((real.tracked.thresholds[0].change - 0.4).abs() < 1e-9);
    assert_eq!(real.tracked.thresholds[0].key, "upper-trapezius-1:right");
    assert_eq!(real.tracked.thresholds[0].label, "Upper trapezius 1, right");
}

#[test]
fn a_single_reading_gets_no_verdict() {
    let mut diary = Diary::default();
    diary.motion(0, "cervical-rotation-left", 60.0);
    let report = diary.report(3, None);
    assert_eq!(report.tracked.motion[0].verdict, None);
}

#[test]
fn range_of_motion_uses_both_ends_of_the_measurement_error() {
    let mut diary = Diary::default();
    diary.motion(0, "cervical-rotation-right", 60.0);
    diary.motion(10, "cervical-rotation-right", 53.0);
    diary.motion(0, "cervical-flexion", 40.0);
    diary.motion(10, "cervical-flexion", 52.0);
    let report = diary.report(10, None);
    let by_key = |key: &str| {
        report
            .tracked
            .motion
            .iter()
            .find(|m| m.key == key)
            .unwrap()
            .verdict
    };
    assert_eq!(
        by_key("cervical-rotation-right"),
        Some(Verdict::PossiblyWorse)
    );
    assert_eq!(by_key("cervical-flexion"), Some(Verdict::ClearlyBetter));
}

#[test]
fn activities_are_matched_ignoring_case_and_averaged() {
    let mut diary = Diary::default();
    diary.activity(0, "Reading for an hour", 4);
    diary.activity(20, "reading for an hour ", 6);
    diary.activity(0, "Driving", 2);
    diary.activity(20, "Driving", 6);
    diary.activity(5, "Gardening", 3);
    let report = diary.report(20, None);
    let tracked = &report.tracked;
    assert_eq!(tracked.activities.len(), 3);
    assert_eq!(tracked.activity_mean_change, Some(3.0));
    assert!(tracked.activity_mean_important);
    let driving = tracked
        .activities
        .iter()
        .find(|a| a.label == "Driving")
        .unwrap();
    assert_eq!(driving.verdict, Some(Verdict::ClearlyBetter));
    let reading = tracked
        .activities
        .iter()
        .find(|a| a.key == "reading for an hour")
        .unwrap();
    assert_eq!(reading.verdict, Some(Verdict::NoClearChange));
}

#[test]
fn sessions_close_together_are_one_sitting_and_weeks_start_on_monday() {
    let diary = ten_weeks();
    let plan = plan(0, 1);
    let report = diary.report(69, Some(&plan));
    let adherence = &report.adherence;
    assert_eq!(adherence.sessions, 80);
    assert_eq!(adherence.sittings, 40);
    assert!(adherence
        .weeks
        .iter()
        .all(|w| w.start.weekday() == chrono::Weekday::Mon));
    // 2026-09-01 is a Tuesday: the first week counts six days of the plan.
    assert_eq!(adherence.weeks[0].target, Some(6));
    assert_eq!(adherence.weeks[1].target, Some(7));
    let share = adherence.share_of_target.unwrap();
    assert!((share - 40.0 / 70.0).abs() < 1e-9, "{share}");
    assert_eq!(adherence.longest_streak, 2);
}

#[test]
fn without_a_plan_there_is_no_target() {
    let report = ten_weeks().report(69, None);
    assert_eq!(report.adherence.share_of_target, None);
    assert!(report.adherence.weeks.iter().all(|w| w.target.is_none()));
}

#[test]
fn streaks_and_gaps_count_calendar_days() {
    let days = [day(0), day(1), day(2), day(6), day(7), day(12)];
    assert_eq!(streaks(&days, day(13)), (3, 1, 4));
    assert_eq!(streaks(&days, day(20)), (3, 0, 8));
    assert_eq!(streaks(&[], day(20)), (0, 0, 0));
}

#[test]
fn immediate_response_is_grouped_and_skips_sessions_without_both_ratings() {
    let mut diary = ten_weeks();
    diary.session(
        69,
        20,
        0,
        "suboccipitals-1",
        "ischemic-compression",
        "fingers",
        Some(5),
        None,
    );
    let report = diary.report(69, None);
    let response = &report.response;
    assert_eq!(response.overall.as_ref().unwrap().n, 80);
    let top = &response.by_trigger_point[0];
    assert_eq!(top.key, "upper-trapezius-1:right");
    assert!((top.mean_relief - 2.0).abs() < 1e-9);
    assert!(response
        .by_trigger_point
        .iter()
        .all(|r| !r.key.starts_with("suboccipitals")));
    assert_eq!(response.by_technique.len(), 2);
    assert_eq!(
        response.by_technique[0].label,
        "Ischemic compression with thumb"
    );
}

#[test]
fn regions_are_counted_once_per_day() {
    let mut diary = Diary::default();
    diary.region_pain(0, 5, "right-temple");
    diary.region_pain(0, 6, "right-temple");
    diary.region_pain(1, 4, "right-temple");
    diary.pain(2, 3);
    let report = diary.report(2, None);
    let temple = &report.regions.regions[0];
    assert_eq!((temple.days, temple.entries), (2, 3));
    assert_eq!(report.regions.diary_days, 3);
    assert!((temple.mean_score - 5.0).abs() < 1e-9);
}

#[test]
fn an_empty_diary_gives_an_empty_report() {
    let report = Diary::default().report(0, None);
    assert!(report.is_empty());
    assert!(report.pain.overall.too_little_data());
    let html = knot_progress::html_report(&report, &|text, _| text.to_string()).unwrap();
    assert!(html.contains("No pain entries in this period."));
}

use chrono::Datelike as _;
