//! The HTML report: one self-contained file (inline CSS and SVG, no scripts, no external
//! requests) with the summary in words, every chart, the tables behind them, and the reminder
//! that Knot does not diagnose.

use std::fmt::Write as _;

use knot_body::chart::ChartError;

use crate::names::capitalised;
use crate::report::Report;
use crate::svg::{self, esc, label, signed};
use crate::words::{self, Phrase, Worded};

const STYLE: &str = "
:root { color-scheme: light; }
body { margin: 0; background: #f5f7fa; color: #1f2933; font: 16px/1.5 system-ui, -apple-system,
  'Segoe UI', Roboto, sans-serif; }
main { max-width: 820px; margin: 0 auto; padding: 24px 16px 48px; }
h1 { font-size: 28px; margin: 0 0 4px; }
h2 { font-size: 21px; margin: 0 0 12px; }
.period { color: #52606d; margin: 0 0 20px; }
section, .notice { background: #ffffff; border-radius: 10px; padding: 18px 20px; margin: 0 0 18px;
  box-shadow: 0 1px 3px rgba(31, 41, 51, 0.12); }
.summary li { margin: 6px 0; }
.notice { background: #fff8e6; border-left: 5px solid #e69f00; }
figure { margin: 12px 0; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption, .how { color: #52606d; font-size: 14px; }
table { border-collapse: collapse; width: 100%; font-size: 15px; margin: 8px 0; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #e4e7eb; vertical-align: top; }
th { color: #3e4c59; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.body-chart svg { max-height: 620px; }
footer { color: #52606d; font-size: 14px; }
";

/// The whole report as one HTML document.
pub fn html_report(report: &Report, phrase: Phrase<'_>) -> Result<String, ChartError> {
    let mut out = String::with_capacity(400_000);
    let period = format!(
        "{} – {}",
        report.first_day.format("%b %-d, %Y"),
        report.last_day.format("%b %-d, %Y")
    );
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Knot progress report, {period}</title>\n<style>{STYLE}</style>\n</head>\n\
         <body>\n<main>\n<header>\n<h1>Progress report</h1>\n<p class=\"period\">{period} · \
         {} days · {} diary entries · {} treatment sessions</p>\n</header>\n",
        report.span_days(),
        report.entries,
        report.adherence.sessions
    );
    summary(&mut out, report, phrase);
    let _ = writeln!(
        out,
        "<aside class=\"notice\" role=\"note\"><strong>Not a diagnosis.</strong> {}</aside>",
        esc(words::NOT_A_DIAGNOSIS)
    );
    pain(&mut out, report);
    where_it_hurt(&mut out, report)?;
    measures(&mut out, report);
    activities(&mut out, report);
    treatment(&mut out, report, phrase);
    notes(&mut out, report);
    footer(&mut out, report);
    out.push_str("</main>\n</body>\n</html>\n");
    Ok(out)
}

/// The summary sentences, the ones the text output starts with.
pub fn summary_sentences(report: &Report) -> Vec<Worded> {
    let settings = &report.settings;
    let mut lines = vec![words::pain_sentence(&report.pain.overall, "Pain", settings)];
    let tracked = &report.tracked;
    for series in &tracked.thresholds {
        let sentence = words::tracked_sentence(series, settings);
        lines.push(Worded::from(format!(
            "Pressure pain threshold at {sentence}"
        )));
    }
    for series in &tracked.motion {
        lines.push(Worded::from(words::tracked_sentence(series, settings)));
    }
    let plain = |text: Option<String>| text.map(Worded::from);
    lines.extend(plain(words::activities_sentence(report)));
    lines.push(words::adherence_sentence(&report.adherence));
    lines.extend(plain(words::response_sentence(report)));
    lines.extend(plain(words::regions_sentence(report)));
    lines
}

fn summary(out: &mut String, report: &Report, phrase: Phrase<'_>) {
    out.push_str("<section class=\"summary\">\n<h2>Summary</h2>\n<ul>\n");
    for line in summary_sentences(report) {
        let _ = writeln!(out, "<li>{}</li>", esc(&line.phrased(phrase)));
    }
    out.push_str("</ul>\n</section>\n");
}

fn figure(out: &mut String, svg: &str, caption: &str) {
    let _ = writeln!(
        out,
        "<figure>\n{svg}<figcaption>{}</figcaption>\n</figure>",
        esc(caption)
    );
}

fn pain(out: &mut String, report: &Report) {
    let settings = &report.settings;
    out.push_str("<section>\n<h2>Pain</h2>\n");
    let chart = svg::pain_chart(
        &report.pain.overall,
        report.first_day,
        report.last_day,
        settings,
        "pain-trend",
    );
    figure(
        out,
        &chart,
        &format!(
            "Dots are daily means of your 0–10 ratings; the line is a centred {}-day moving \
             average. Baseline is the mean of the first {} days with entries, recent the mean of \
             the last {}. A fall of {} points or {}% from baseline is a clinically important \
             improvement (Farrar 2001).",
            settings.smoothing_half_width * 2 + 1,
            settings.window_days,
            settings.window_days,
            label(settings.pain_important_points, 0),
            label(settings.pain_important_percent, 0)
        ),
    );
    region_table(out, report);
    out.push_str("</section>\n");
}

/// Baseline, recent and change for each region logged.
fn region_table(out: &mut String, report: &Report) {
    if report.pain.regions.is_empty() {
        return;
    }
    out.push_str(
            "<table>\n<caption class=\"how\">Pain by region</caption>\n<tr><th>Region</th>\
             <th>Entries</th><th>Baseline</th><th>Recent</th><th>Change</th><th>Verdict</th></tr>\n",
        );
    for trend in &report.pain.regions {
        let cells = match trend.change {
                Some(c) => format!(
                    "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}{}</td><td>{}</td>",
                    label(c.baseline, 1),
                    label(c.recent, 1),
                    signed(c.points, 1),
                    c.percent.map_or(String::new(), |p| format!(" ({}%)", signed(p, 0))),
                    c.class.phrase()
                ),
                None => "<td colspan=\"4\">too few days with entries to judge</td>".into(),
            };
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td class=\"num\">{}</td>{cells}</tr>",
            esc(&capitalised(&trend.label)),
            trend.entries
        );
    }
    out.push_str("</table>\n");
}

fn where_it_hurt(out: &mut String, report: &Report) -> Result<(), ChartError> {
    if report.regions.regions.is_empty() {
        return Ok(());
    }
    out.push_str("<section class=\"body-chart\">\n<h2>Where it hurt</h2>\n");
    let chart = svg::region_chart(&report.regions, "Where pain was marked, by number of days")?;
    figure(
        out,
        &chart,
        &words::regions_sentence(report).unwrap_or_default(),
    );
    out.push_str("</section>\n");
    Ok(())
}

fn measures(out: &mut String, report: &Report) {
    let settings = &report.settings;
    let tracked = &report.tracked;
    if !tracked.thresholds.is_empty() {
        out.push_str("<section>\n<h2>Pressure pain threshold</h2>\n");
        let chart = svg::threshold_chart(
            &tracked.thresholds,
            report.first_day,
            report.last_day,
            settings,
            "pressure-threshold",
        );
        let caption = format!(
            "Pressure at which pressing starts to hurt, from an algometer: higher means less \
             tender. Changes under {} kg/cm² are within the measurement error reported for the \
             trapezius (0.34–0.62); about {} kg/cm² is the smallest change that matters.",
            label(settings.ppt_mdc, 2),
            label(settings.ppt_mcid, 2)
        );
        figure(out, &chart, &caption);
        sentence_list(out, &tracked.thresholds, report);
        out.push_str("</section>\n");
    }
    if !tracked.motion.is_empty() {
        out.push_str("<section>\n<h2>Range of motion</h2>\n");
        let chart = svg::motion_chart(
            &tracked.motion,
            report.first_day,
            report.last_day,
            settings,
            "range-of-motion",
        );
        let caption = format!(
            "Degrees per movement. Measurement error for neck movements is about {}–{}°: smaller \
             changes may be noise.",
            label(settings.rom_possible_degrees, 0),
            label(settings.rom_clear_degrees, 0)
        );
        figure(out, &chart, &caption);
        sentence_list(out, &tracked.motion, report);
        out.push_str("</section>\n");
    }
}

fn sentence_list(out: &mut String, series: &[crate::tracked::Tracked], report: &Report) {
    out.push_str("<ul>\n");
    for item in series {
        let _ = writeln!(
            out,
            "<li>{}</li>",
            esc(&words::tracked_sentence(item, &report.settings))
        );
    }
    out.push_str("</ul>\n");
}

fn activities(out: &mut String, report: &Report) {
    let tracked = &report.tracked;
    if tracked.activities.is_empty() {
        return;
    }
    out.push_str(
        "<section>\n<h2>Activities</h2>\n<p class=\"how\">Patient-Specific Functional \
                  Scale: how well you can do activities you chose, from 0 (unable) to 10 (as \
                  before the problem).</p>\n",
    );
    if let Some(sentence) = words::activities_sentence(report) {
        let _ = writeln!(out, "<p>{}</p>", esc(&sentence));
    }
    out.push_str(
        "<table>\n<tr><th>Activity</th><th>First</th><th>Latest</th><th>Change</th></tr>\n",
    );
    for activity in &tracked.activities {
        let (Some(first), Some(latest)) = (activity.first(), activity.latest()) else {
            continue;
        };
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td class=\"num\">{} <small>({})</small></td><td class=\"num\">{} \
             <small>({})</small></td><td class=\"num\">{}</td></tr>",
            esc(&capitalised(&activity.label)),
            label(first.value, 0),
            first.day.format("%b %-d"),
            label(latest.value, 0),
            latest.day.format("%b %-d"),
            signed(activity.change, 0)
        );
    }
    out.push_str("</table>\n</section>\n");
}

fn treatment(out: &mut String, report: &Report, phrase: Phrase<'_>) {
    let adherence = &report.adherence;
    if adherence.sessions == 0 && adherence.planned_per_day.is_none() {
        return;
    }
    out.push_str("<section>\n<h2>Treatment</h2>\n");
    let chart = svg::adherence_chart(adherence, "adherence");
    figure(
        out,
        &chart,
        &words::adherence_sentence(adherence).phrased(phrase),
    );
    let response = &report.response;
    if let Some(sentence) = words::response_sentence(report) {
        let _ = writeln!(
            out,
            "<h3>Immediate response</h3>\n<p>{}</p>",
            esc(&sentence)
        );
        let by_point = svg::response_chart(
            "Response by trigger point",
            &response.by_trigger_point,
            "response-trigger-point",
        );
        figure(
            out,
            &by_point,
            "Only sessions with pain rated both before and after count.",
        );
        let by_technique = svg::response_chart(
            "Response by technique and tool",
            &response.by_technique,
            "response-technique",
        );
        figure(
            out,
            &by_technique,
            "Only sessions with pain rated both before and after count.",
        );
    }
    out.push_str("</section>\n");
}

fn notes(out: &mut String, report: &Report) {
    if report.notes.is_empty() {
        return;
    }
    out.push_str("<section>\n<h2>Notes</h2>\n<ul>\n");
    for note in report.notes.iter().take(12) {
        let _ = writeln!(
            out,
            "<li><strong>{}</strong>: {}</li>",
            note.day.format("%b %-d"),
            esc(&note.text)
        );
    }
    out.push_str("</ul>\n</section>\n");
}

fn footer(out: &mut String, report: &Report) {
    let s = &report.settings;
    let _ = writeln!(
        out,
        "<footer>\n<p>Yardsticks: pain, {} points or {}% clinically important and {} point or {}% \
         slight (Farrar et al., Pain 2001;94:149); pressure pain threshold, MCID {} and MDC {} \
         kg/cm² (trapezius reliability studies); range of motion, measurement error {}–{}° (JOSPT \
         2008;38:640); Patient-Specific Functional Scale, {} points on average or {} for one \
         activity (Stratford 1995). Only current diary entries count: corrected and deleted ones \
         stay in the history but not in these figures.</p>\n<p>Made by Knot from your diary. \
         {}</p>\n</footer>",
        label(s.pain_important_points, 0),
        label(s.pain_important_percent, 0),
        label(s.pain_slight_points, 0),
        label(s.pain_slight_percent, 0),
        label(s.ppt_mcid, 2),
        label(s.ppt_mdc, 2),
        label(s.rom_possible_degrees, 0),
        label(s.rom_clear_degrees, 0),
        label(s.psfs_mean_points, 0),
        label(s.psfs_single_points, 0),
        esc(words::NOT_A_DIAGNOSIS)
    );
}
