//! The plain-text report `knot progress` prints: the summary sentences under headings, the
//! regional trends, activities and response groups one per line. Where a sentence points to
//! something to do, the caller's `phrase` words it (a command, for the terminal).

use std::fmt::Write as _;

use crate::names::capitalised;
use crate::report::Report;
use crate::svg::{label, signed};
use crate::words::{self, Phrase};

/// The whole report as plain text.
pub fn text_report(report: &Report, phrase: Phrase<'_>) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Progress from {} to {} ({} days)\n",
        report.first_day.format("%b %-d, %Y"),
        report.last_day.format("%b %-d, %Y"),
        report.span_days()
    );
    pain_section(&mut out, report, phrase);
    measures_section(&mut out, report);
    treatment_section(&mut out, report, phrase);
    if let Some(regions) = words::regions_sentence(report) {
        let _ = writeln!(out, "Where it hurt");
        line(&mut out, 2, &regions);
        out.push('\n');
    }
    line(&mut out, 0, words::NOT_A_DIAGNOSIS);
    out
}

/// The width text is wrapped to.
const WIDTH: usize = 96;

/// Writes `text` indented by `indent` spaces, wrapped at [`WIDTH`] with continuation lines
/// indented two more.
fn line(out: &mut String, indent: usize, text: &str) {
    let mut current = " ".repeat(indent);
    let mut empty = true;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let length = current.chars().count() + 1 + word.chars().count();
        if !empty && length > WIDTH {
            out.push_str(&current);
            out.push('\n');
            current = " ".repeat(indent + 2);
            empty = true;
        }
        if !empty {
            current.push(' ');
        }
        current.push_str(word);
        empty = false;
    }
    out.push_str(&current);
    out.push('\n');
}

fn pain_section(out: &mut String, report: &Report, phrase: Phrase<'_>) {
    let settings = &report.settings;
    let _ = writeln!(out, "Pain");
    let subject = if report.pain.overall_from_regions {
        "Pain (all regions together, no overall entries)"
    } else {
        "Pain"
    };
    line(
        out,
        2,
        &words::pain_sentence(&report.pain.overall, subject, settings).phrased(phrase),
    );
    for trend in &report.pain.regions {
        let text = match trend.change {
            Some(change) => format!(
                "{} → {} ({} points), {}",
                label(change.baseline, 1),
                label(change.recent, 1),
                signed(change.points, 1),
                change.class.phrase()
            ),
            None => format!("{} entries, too few to judge", trend.entries),
        };
        line(out, 4, &format!("{}: {text}", capitalised(&trend.label)));
    }
    out.push('\n');
}

fn measures_section(out: &mut String, report: &Report) {
    let settings = &report.settings;
    let tracked = &report.tracked;
    for (heading, series) in [
        ("Pressure pain threshold", &tracked.thresholds),
        ("Range of motion", &tracked.motion),
        ("Activities", &tracked.activities),
    ] {
        if series.is_empty() {
            continue;
        }
        let _ = writeln!(out, "{heading}");
        if heading == "Activities" {
            if let Some(sentence) = words::activities_sentence(report) {
                line(out, 2, &sentence);
            }
        }
        for item in series {
            line(out, 2, &words::tracked_sentence(item, settings));
        }
        out.push('\n');
    }
}

fn treatment_section(out: &mut String, report: &Report, phrase: Phrase<'_>) {
    let _ = writeln!(out, "Treatment");
    line(
        out,
        2,
        &words::adherence_sentence(&report.adherence).phrased(phrase),
    );
    if let Some(sentence) = words::response_sentence(report) {
        line(out, 2, &sentence);
        for group in &report.response.by_technique {
            line(
                out,
                4,
                &format!("{}: {}", group.label, words::relief_phrase(group)),
            );
        }
    }
    out.push('\n');
}
