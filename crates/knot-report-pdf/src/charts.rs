//! The report's charts drawn as PDF vector paths: the pain trend with the clinically important
//! difference marked, sessions per week against the plan, and the body map of where it hurt.

use chrono::NaiveDate;
use knot_body::chart::Chart;
use knot_progress::adherence::Adherence;
use knot_progress::pain::PainTrend;
use knot_progress::regions::{shade_step, RegionFrequency};
use knot_progress::Settings;
use pdf_writer::Content;

use crate::doc::{Doc, Rgb, INK, MARGIN, MUTED, RULE, TEXT_W};
use crate::encode::Face;

const LINE: Rgb = (0.0, 0.36, 0.6);
const DOT: Rgb = (0.45, 0.6, 0.75);
const BAND: Rgb = (0.9, 0.95, 0.9);
const GOOD: Rgb = (0.1, 0.5, 0.2);
const WINDOW: Rgb = (0.94, 0.94, 0.96);
/// The body map's five shading steps: every other step of knot-body's 10-step pain ramp, as
/// the SVG chart shades them.
const SHADES: [Rgb; 5] = [
    (0.988, 0.816, 0.78),
    (0.988, 0.604, 0.522),
    (0.953, 0.369, 0.278),
    (0.776, 0.165, 0.133),
    (0.451, 0.051, 0.063),
];

fn fill(page: &mut Content, c: Rgb) {
    page.set_fill_rgb(c.0, c.1, c.2);
}

fn stroke(page: &mut Content, c: Rgb, width: f32) {
    page.set_stroke_rgb(c.0, c.1, c.2);
    page.set_line_width(width);
}

/// A day's position along `x0..x0 + w` between `first` and `last`.
fn day_x(day: NaiveDate, first: NaiveDate, last: NaiveDate, x0: f32, w: f32) -> f32 {
    let span = (last - first).num_days().max(1) as f32;
    x0 + (day - first).num_days() as f32 / span * w
}

/// Filled circle of radius `r` from four Bézier arcs.
fn dot(page: &mut Content, x: f32, y: f32, r: f32) {
    let k = 0.552_284_8 * r;
    page.move_to(x + r, y);
    page.cubic_to(x + r, y + k, x + k, y + r, x, y + r);
    page.cubic_to(x - k, y + r, x - r, y + k, x - r, y);
    page.cubic_to(x - r, y - k, x - k, y - r, x, y - r);
    page.cubic_to(x + k, y - r, x + r, y - k, x + r, y);
    page.close_path();
    page.fill_nonzero();
}

/// How far below baseline pain must fall to be a clinically important improvement: the
/// points threshold or the percent one, whichever is reached first.
pub fn important_fall(baseline: f64, settings: &Settings) -> f64 {
    settings
        .pain_important_points
        .min(baseline * settings.pain_important_percent / 100.0)
}

/// The pain trend: daily means as dots, the moving average as a line, the baseline and recent
/// windows shaded, and the band of change smaller than clinically important around baseline.
pub fn pain_chart(
    doc: &mut Doc,
    trend: &PainTrend,
    first: NaiveDate,
    last: NaiveDate,
    settings: &Settings,
) {
    let height = 125.0;
    doc.room(height + 16.0);
    let (x0, w) = (MARGIN + 22.0, TEXT_W - 22.0);
    let y0 = doc.y - height + 2.0;
    let h = height - 16.0;
    let y_of = |v: f64| y0 + (v as f32 / 10.0) * h;
    let x_of = |d: NaiveDate| day_x(d, first, last, x0, w);
    // Windows and the band first, so the data draws over them.
    let page = doc.page();
    page.save_state();
    for window in [&trend.baseline, &trend.recent].into_iter().flatten() {
        fill(page, WINDOW);
        let (a, b) = (
            x_of(window.first),
            x_of(window.last).max(x_of(window.first) + 2.0),
        );
        page.rect(a, y0, b - a, h);
        page.fill_nonzero();
    }
    if let Some(baseline) = &trend.baseline {
        let fall = important_fall(baseline.mean, settings);
        let (low, high) = (
            (baseline.mean - fall).max(0.0),
            (baseline.mean + fall).min(10.0),
        );
        fill(page, BAND);
        page.rect(x0, y_of(low), w, y_of(high) - y_of(low));
        page.fill_nonzero();
        stroke(page, GOOD, 0.9);
        page.set_dash_pattern([3.0, 2.0], 0.0);
        page.move_to(x0, y_of(low));
        page.line_to(x0 + w, y_of(low));
        page.stroke();
        stroke(page, MUTED, 0.7);
        page.move_to(x0, y_of(baseline.mean));
        page.line_to(x0 + w, y_of(baseline.mean));
        page.stroke();
        page.set_dash_pattern([], 0.0);
    }
    // Axes: 0, 2, … 10.
    stroke(page, RULE, 0.4);
    for v in (0..=10).step_by(2) {
        page.move_to(x0, y_of(f64::from(v)));
        page.line_to(x0 + w, y_of(f64::from(v)));
        page.stroke();
    }
    fill(page, DOT);
    for d in &trend.days {
        dot(page, x_of(d.day), y_of(d.value), 1.6);
    }
    stroke(page, LINE, 1.5);
    for (i, d) in trend.smoothed.iter().enumerate() {
        if i == 0 {
            page.move_to(x_of(d.day), y_of(d.value));
        } else {
            page.line_to(x_of(d.day), y_of(d.value));
        }
    }
    if trend.smoothed.len() > 1 {
        page.stroke();
    }
    page.restore_state();
    for v in (0..=10).step_by(2) {
        doc.text_right(
            x0 - 4.0,
            y_of(f64::from(v)) - 2.5,
            Face::Regular,
            7.0,
            MUTED,
            &v.to_string(),
        );
    }
    let label_y = y0 - 10.0;
    doc.text_at(
        x0,
        label_y,
        Face::Regular,
        7.0,
        MUTED,
        &first.format("%b %-d").to_string(),
    );
    doc.text_right(
        x0 + w,
        label_y,
        Face::Regular,
        7.0,
        MUTED,
        &last.format("%b %-d").to_string(),
    );
    if let Some(baseline) = &trend.baseline {
        let fall = important_fall(baseline.mean, settings);
        let at = (baseline.mean - fall).max(0.0);
        let text = format!(
            "baseline {:.1}; clinically important improvement at {:.1} or below",
            baseline.mean, at
        );
        doc.text_right(
            x0 + w - 3.0,
            y_of(10.0) - 9.0,
            Face::Regular,
            7.0,
            GOOD,
            &text,
        );
    }
    doc.y = y0 - 16.0;
}

/// Treatment sittings per week as bars, with the plan's weekly target as a tick on each.
pub fn adherence_chart(doc: &mut Doc, adherence: &Adherence) {
    if adherence.weeks.is_empty() {
        return;
    }
    let height = 48.0;
    doc.room(height + 14.0);
    let (x0, w) = (MARGIN + 22.0, TEXT_W - 22.0);
    let y0 = doc.y - height + 4.0;
    let h = height - 12.0;
    let most = adherence
        .weeks
        .iter()
        .map(|wk| wk.sittings.max(wk.target.unwrap_or(0)))
        .max()
        .unwrap_or(0)
        .max(1) as f32;
    let slot = w / adherence.weeks.len() as f32;
    let page = doc.page();
    page.save_state();
    stroke(page, RULE, 0.4);
    page.move_to(x0, y0);
    page.line_to(x0 + w, y0);
    page.stroke();
    for (i, week) in adherence.weeks.iter().enumerate() {
        let x = x0 + slot * i as f32 + slot * 0.15;
        let bar_h = week.sittings as f32 / most * h;
        fill(page, LINE);
        page.rect(x, y0, slot * 0.7, bar_h);
        page.fill_nonzero();
        if let Some(target) = week.target {
            let ty = y0 + target as f32 / most * h;
            stroke(page, INK, 1.2);
            page.move_to(x - 2.0, ty);
            page.line_to(x + slot * 0.7 + 2.0, ty);
            page.stroke();
        }
    }
    page.restore_state();
    doc.text_right(
        x0 - 4.0,
        y0 + h - 2.5,
        Face::Regular,
        7.0,
        MUTED,
        &format!("{}", most as u32),
    );
    doc.text_right(x0 - 4.0, y0 - 2.5, Face::Regular, 7.0, MUTED, "0");
    if let (Some(a), Some(b)) = (adherence.weeks.first(), adherence.weeks.last()) {
        doc.text_at(
            x0,
            y0 - 9.0,
            Face::Regular,
            7.0,
            MUTED,
            &format!("week of {}", a.start.format("%b %-d")),
        );
        doc.text_right(
            x0 + w,
            y0 - 9.0,
            Face::Regular,
            7.0,
            MUTED,
            &format!("week of {}", b.start.format("%b %-d")),
        );
    }
    doc.y = y0 - 14.0;
}

/// The body map: both figures' silhouettes with each marked region filled by how many days it
/// was marked (five steps, darkest most often), and the legend beside it.
pub fn body_map(doc: &mut Doc, chart: &Chart, frequency: &RegionFrequency) {
    let (cw, ch) = chart.size();
    let height = 180.0_f32;
    let scale = (height / ch as f32).min(TEXT_W * 0.62 / cw as f32);
    doc.room(height + 8.0);
    let top = doc.y;
    let left = MARGIN;
    let at = |(x, y): (f64, f64)| (left + x as f32 * scale, top - y as f32 * scale);
    let most = frequency.regions.iter().map(|r| r.days).max().unwrap_or(0);
    let polygon = |page: &mut Content, points: &[(f64, f64)]| {
        for (i, &p) in points.iter().enumerate() {
            let (x, y) = at(p);
            if i == 0 {
                page.move_to(x, y);
            } else {
                page.line_to(x, y);
            }
        }
        page.close_path();
    };
    let labels: Vec<(String, f64)> = chart
        .figures()
        .map(|(label, mid, _)| (label.to_string(), mid))
        .collect();
    let page = doc.page();
    page.save_state();
    page.set_line_join(pdf_writer::types::LineJoinStyle::RoundJoin);
    for (_, _, outline) in chart.figures() {
        fill(page, (0.96, 0.96, 0.97));
        stroke(page, (0.6, 0.63, 0.67), 0.6);
        polygon(page, outline);
        page.fill_nonzero_and_stroke();
    }
    for (id, points) in chart.region_shapes() {
        let days = frequency
            .regions
            .iter()
            .find(|r| r.region == id)
            .map_or(0, |r| r.days);
        let step = shade_step(days, most);
        stroke(page, (0.78, 0.8, 0.83), 0.3);
        polygon(page, points);
        if step == 0 {
            page.stroke();
        } else {
            fill(page, SHADES[step - 1]);
            page.fill_nonzero_and_stroke();
        }
    }
    page.restore_state();
    for (label, mid) in labels {
        let (x, _) = at((mid, 0.0));
        let text_w = crate::encode::width(&label, Face::Bold, 7.5);
        doc.text_at(
            x - text_w / 2.0,
            top - height - 2.0,
            Face::Bold,
            7.5,
            MUTED,
            &label,
        );
    }
    // Legend and the most marked regions, to the right of the figures.
    let lx = left + cw as f32 * scale + 14.0;
    let mut ly = top - 10.0;
    doc.text_at(lx, ly, Face::Bold, 8.5, INK, "Days marked");
    for step in 1..=5usize {
        let low = (step - 1) * most / 5 + 1;
        let high = step * most / 5;
        if low > high {
            continue;
        }
        ly -= 12.0;
        let page = doc.page();
        fill(page, SHADES[step - 1]);
        page.rect(lx, ly - 1.0, 9.0, 8.0);
        page.fill_nonzero();
        let text = if low == high {
            format!("{low}")
        } else {
            format!("{low}–{high}")
        };
        doc.text_at(lx + 14.0, ly, Face::Regular, 8.0, INK, &text);
    }
    ly -= 20.0;
    doc.text_at(lx, ly, Face::Bold, 8.5, INK, "Most often marked");
    for region in frequency.regions.iter().take(8) {
        ly -= 11.0;
        let text = format!(
            "{}: {} of {} days",
            knot_progress::names::capitalised(&region.name),
            region.days,
            frequency.diary_days
        );
        doc.text_at(lx, ly, Face::Regular, 8.0, INK, &text);
    }
    doc.y = top - height - 12.0;
}
