//! Farrar's thresholds at their edges, and properties of the classification.

#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

use knot_progress::change::verdict;
use knot_progress::{classify_pain, PainClass, Settings, Verdict};
use proptest::prelude::*;

fn class(baseline: f64, recent: f64) -> PainClass {
    classify_pain(baseline, recent, &Settings::default()).class
}

#[test]
fn two_points_is_important_even_below_thirty_percent() {
    // 8 → 6 is −25%, but −2 points.
    assert_eq!(class(8.0, 6.0), PainClass::ImportantImprovement);
    assert_eq!(class(8.0, 6.1), PainClass::SlightImprovement);
}

#[test]
fn thirty_percent_is_important_even_below_two_points() {
    // 3 → 2.1 is −0.9 points but −30%.
    assert_eq!(class(3.0, 2.1), PainClass::ImportantImprovement);
    assert_eq!(class(3.0, 2.2), PainClass::SlightImprovement);
}

#[test]
fn one_point_or_fifteen_percent_is_slight() {
    assert_eq!(class(10.0, 9.0), PainClass::SlightImprovement);
    assert_eq!(class(10.0, 9.1), PainClass::NoClearChange);
    assert_eq!(class(4.0, 3.4), PainClass::SlightImprovement); // −15%
}

#[test]
fn worsening_mirrors_improvement() {
    assert_eq!(class(4.0, 6.0), PainClass::ImportantWorsening);
    assert_eq!(class(5.0, 5.9), PainClass::SlightWorsening); // +18%
    assert_eq!(class(8.0, 8.5), PainClass::NoClearChange);
}

#[test]
fn a_zero_baseline_has_no_percentage() {
    let change = classify_pain(0.0, 0.0, &Settings::default());
    assert_eq!(change.percent, None);
    assert_eq!(change.class, PainClass::NoClearChange);
    assert_eq!(class(0.0, 2.0), PainClass::ImportantWorsening);
}

#[test]
fn the_change_is_rounded_as_it_is_shown() {
    // −1.96 shows as −2.0 and is judged as −2.0.
    let change = classify_pain(8.0, 6.04, &Settings::default());
    assert_eq!(change.points, -2.0);
    assert_eq!(change.class, PainClass::ImportantImprovement);
}

#[test]
fn thresholds_are_settings() {
    let strict = Settings {
        pain_important_points: 3.0,
        pain_important_percent: 50.0,
        ..Settings::default()
    };
    assert_eq!(
        classify_pain(6.0, 4.0, &strict).class,
        PainClass::SlightImprovement
    );
}

#[test]
fn verdicts_have_inclusive_edges() {
    assert_eq!(verdict(0.34, 0.21, 0.34), Verdict::ClearlyBetter);
    assert_eq!(verdict(0.21, 0.21, 0.34), Verdict::PossiblyBetter);
    assert_eq!(verdict(0.2, 0.21, 0.34), Verdict::NoClearChange);
    assert_eq!(verdict(-0.21, 0.21, 0.34), Verdict::PossiblyWorse);
    assert_eq!(verdict(-10.0, 5.0, 10.0), Verdict::ClearlyWorse);
}

fn rank(class: PainClass) -> i32 {
    match class {
        PainClass::ImportantImprovement => 2,
        PainClass::SlightImprovement => 1,
        PainClass::NoClearChange => 0,
        PainClass::SlightWorsening => -1,
        PainClass::ImportantWorsening => -2,
    }
}

proptest! {
    #[test]
    fn identical_baseline_and_recent_is_no_change(value in 0.0f64..=10.0) {
        let change = classify_pain(value, value, &Settings::default());
        prop_assert_eq!(change.points, 0.0);
        prop_assert!(change.percent.is_none_or(|p| p == 0.0));
        prop_assert_eq!(change.class, PainClass::NoClearChange);
    }

    #[test]
    fn less_recent_pain_never_gives_a_worse_class(
        baseline in 0.0f64..=10.0,
        recent in 0.0f64..=10.0,
        less in 0.0f64..=10.0,
    ) {
        let lower = (recent - less).max(0.0);
        prop_assert!(rank(class(baseline, lower)) >= rank(class(baseline, recent)));
    }

    #[test]
    fn swapping_baseline_and_recent_never_keeps_an_improvement(
        baseline in 0.1f64..=10.0,
        recent in 0.1f64..=10.0,
    ) {
        if rank(class(baseline, recent)) > 0 {
            prop_assert!(rank(class(recent, baseline)) < 0);
        }
    }
}
