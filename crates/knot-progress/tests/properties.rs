//! Properties over arbitrary small diaries: the report renders whatever was recorded, its
//! charts stay well-formed, and the pain figures stay on the 0–10 scale.

#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

mod fixture;

use fixture::{plan, Diary};
use knot_progress::{html_report, svg, text_report};
use proptest::prelude::*;

/// A diary from a list of (day, kind, value) triples.
fn diary(items: &[(i64, u8, u8)]) -> Diary {
    let mut diary = Diary::default();
    for &(day, kind, value) in items {
        match kind % 6 {
            0 => drop(diary.pain(day, value % 11)),
            1 => drop(diary.region_pain(day, value % 11, "right-temple")),
            2 => drop(diary.threshold(day, 0.5 + f64::from(value) / 20.0)),
            3 => drop(diary.motion(day, "cervical-rotation-left", f64::from(value % 90))),
            4 => drop(diary.activity(day, "Reading", value % 11)),
            _ => diary.session(
                day,
                18,
                0,
                "upper-trapezius-1",
                "ischemic-compression",
                "thumb",
                Some(value % 11),
                (value % 3 != 0).then_some(value % 7),
            ),
        }
    }
    diary
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_diary_renders_with_balanced_charts(
        items in proptest::collection::vec((0i64..60, 0u8..6, 0u8..=255), 0..80),
        with_plan in any::<bool>(),
    ) {
        let plan = plan(3, 2);
        let report = diary(&items).report(60, with_plan.then_some(&plan));
        let html = html_report(&report, &|text, _| text.to_string()).unwrap();
        prop_assert_eq!(html.matches("<svg").count(), html.matches("</svg>").count());
        prop_assert!(html.ends_with("</html>\n"));
        prop_assert!(!text_report(&report, &|text, _| text.to_string()).is_empty());
        for (_, chart) in svg::report_charts(&report).unwrap() {
            prop_assert!(chart.starts_with("<svg") && chart.ends_with("</svg>\n"));
            prop_assert!(!chart.contains("NaN") && !chart.contains("inf"));
        }
    }

}

proptest! {
    #[test]
    fn pain_figures_stay_on_the_scale(
        items in proptest::collection::vec((0i64..60, 0u8..2, 0u8..=10), 1..80),
    ) {
        let report = diary(&items).report(60, None);
        let trend = &report.pain.overall;
        for point in trend.days.iter().chain(&trend.smoothed) {
            prop_assert!((0.0..=10.0).contains(&point.value));
        }
        if let Some(change) = trend.change {
            prop_assert!((change.recent - change.baseline - change.points).abs() <= 0.05 + 1e-9);
            prop_assert!(trend.baseline.unwrap().last < trend.recent.unwrap().first);
        }
    }
}
