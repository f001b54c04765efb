//! The rendered charts, text and HTML, pinned by snapshots (insta) and checked for what a
//! reader and a browser need: titles and descriptions, no external requests, determinism.

#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

mod fixture;

use fixture::{day, plan, ten_weeks, Diary};
use knot_progress::{html_report, svg, text_report, Settings};

fn dump(name: &str, content: &str) {
    // Handy when changing the look: KNOT_CHART_DIR=/tmp/charts cargo test -p knot-progress
    if let Ok(dir) = std::env::var("KNOT_CHART_DIR") {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(format!("{dir}/{name}"), content).unwrap();
    }
}

#[test]
fn pain_trend_chart() {
    let report = ten_weeks().report(69, None);
    let chart = svg::pain_chart(
        &report.pain.overall,
        report.first_day,
        report.last_day,
        &Settings::default(),
        "pain",
    );
    dump("pain.svg", &chart);
    assert!(chart.contains("role=\"img\""));
    assert!(chart.contains("<title id=\"pain-title\">"));
    assert!(chart.contains("<desc id=\"pain-desc\">"));
    assert!(chart.contains("a clinically important improvement"));
    insta::assert_snapshot!(chart);
}

#[test]
fn pressure_threshold_and_motion_charts() {
    let mut diary = ten_weeks();
    for d in (3..70).step_by(7) {
        diary.motion(d, "cervical-rotation-left", 66.0 + 0.1 * d as f64);
    }
    let report = diary.report(69, None);
    let settings = Settings::default();
    let threshold = svg::threshold_chart(
        &report.tracked.thresholds,
        report.first_day,
        report.last_day,
        &settings,
        "ppt",
    );
    let motion = svg::motion_chart(
        &report.tracked.motion,
        report.first_day,
        report.last_day,
        &settings,
        "rom",
    );
    dump("ppt.svg", &threshold);
    dump("rom.svg", &motion);
    insta::assert_snapshot!("threshold", threshold);
    insta::assert_snapshot!("motion", motion);
}

#[test]
fn adherence_and_response_charts() {
    let plan = plan(0, 1);
    let report = ten_weeks().report(69, Some(&plan));
    let adherence = svg::adherence_chart(&report.adherence, "adherence");
    let response = svg::response_chart(
        "Response by technique and tool",
        &report.response.by_technique,
        "response",
    );
    dump("adherence.svg", &adherence);
    dump("response.svg", &response);
    insta::assert_snapshot!("adherence", adherence);
    insta::assert_snapshot!("response", response);
}

#[test]
fn charts_without_data_say_so() {
    let report = Diary::default().report(0, None);
    let chart = svg::adherence_chart(&report.adherence, "adherence");
    assert!(chart.contains("No treatment sessions in this period."));
    insta::assert_snapshot!(chart);
}

#[test]
fn body_chart_shades_regions_by_days_marked() {
    let report = ten_weeks().report(69, None);
    let chart = svg::region_chart(&report.regions, "Where pain was marked").unwrap();
    dump("regions.svg", &chart);
    // right-neck-angle is the most marked (24 days): the darkest step.
    let neck = chart
        .lines()
        .find(|l| l.contains("id=\"region-right-neck-angle\""))
        .unwrap();
    assert!(neck.contains("pain-10"), "{neck}");
    assert!(neck.contains("marked on 24 of 70 diary days"), "{neck}");
    let temple = chart
        .lines()
        .find(|l| l.contains("id=\"region-right-temple\""))
        .unwrap();
    assert!(temple.contains("pain-6"), "{temple}");
    assert!(chart.contains("20–24 days"));
}

#[test]
fn plain_text_report() {
    let plan = plan(0, 1);
    let text = text_report(&ten_weeks().report(69, Some(&plan)), &|text, _| {
        text.to_string()
    });
    assert!(text.contains("a clinically important improvement"));
    assert!(text.contains("does not diagnose"));
    insta::assert_snapshot!(text);
}

#[test]
fn html_report_is_self_contained_and_deterministic() {
    let plan = plan(0, 1);
    let diary = ten_weeks();
    let html = html_report(&diary.report(69, Some(&plan)), &|text, _| text.to_string()).unwrap();
    dump("report.html", &html);
    assert_eq!(
        html,
        html_report(&diary.report(69, Some(&plan)), &|text, _| text.to_string()).unwrap()
    );
    assert!(html.starts_with("<!doctype html>"));
    for forbidden in ["<script", "src=", "href=", "@import", "url(http"] {
        assert!(!html.contains(forbidden), "{forbidden}");
    }
    assert!(html.matches("<svg").count() >= 6);
    assert!(html.contains("Farrar 2001"));
    assert!(html.contains("Not a diagnosis."));
    assert!(html.contains("Long drive; neck stiff after."));
    // Every chart id is used once, so their titles stay tied to the right chart.
    for id in [
        "pain-trend-title",
        "adherence-title",
        "pressure-threshold-title",
    ] {
        assert_eq!(html.matches(&format!("id=\"{id}\"")).count(), 1, "{id}");
    }
}

#[test]
fn notes_are_listed_newest_first() {
    let mut diary = Diary::default();
    diary.add(
        1,
        9,
        knot_record::Measure::Note {
            text: "first".into(),
        },
    );
    diary.add(
        5,
        9,
        knot_record::Measure::Note {
            text: "second".into(),
        },
    );
    let report = diary.report(day(5).signed_duration_since(day(0)).num_days(), None);
    assert_eq!(report.notes[0].text, "second");
}
