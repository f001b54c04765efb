//! The pain trend chart: daily means as dots, the smoothed line, the baseline and recent
//! weeks as bands, the baseline level, and the level pain must fall to for a clinically
//! important change.

use std::fmt::Write as _;

use chrono::{Duration, NaiveDate};

use super::axes::{draw_date_axis, draw_value_axis, DateScale, Scale};
use super::{close, empty_chart, esc, label, num, open, Canvas};
use crate::pain::PainTrend;
use crate::settings::Settings;
use crate::words;

const CANVAS: Canvas = Canvas {
    width: 760.0,
    height: 380.0,
    left: 52.0,
    right: 150.0,
    top: 78.0,
    bottom: 44.0,
};

/// The pain level that would be a clinically important improvement from `baseline`: the
/// easier of the points and the percent thresholds, since reaching either one counts.
pub fn important_level(baseline: f64, settings: &Settings) -> f64 {
    let by_percent = baseline * settings.pain_important_percent / 100.0;
    (baseline - settings.pain_important_points.min(by_percent)).max(0.0)
}

/// The pain trend as SVG, over `first..=last` (the days the report covers).
pub fn pain_chart(
    trend: &PainTrend,
    first: NaiveDate,
    last: NaiveDate,
    settings: &Settings,
    id: &str,
) -> String {
    let title = format!("Pain over time — {}", trend.label.to_lowercase());
    if trend.days.is_empty() {
        return empty_chart(id, &title, "No pain entries in this period.");
    }
    let dates = DateScale::new(first, last, &CANVAS);
    let values = Scale {
        from: (0.0, 10.0),
        to: (CANVAS.y1(), CANVAS.y0()),
    };
    let mut out = String::with_capacity(24_000);
    open(
        &mut out,
        id,
        &CANVAS,
        &title,
        &words::pain_chart_desc(trend, first, last),
    );
    legend(&mut out, trend, settings);
    let ticks: Vec<f64> = (0..=5).map(|i| f64::from(i) * 2.0).collect();
    draw_value_axis(&mut out, &CANVAS, &values, &ticks, "pain (0–10)");
    bands(&mut out, trend, &dates);
    levels(&mut out, trend, &values, settings);
    points(&mut out, trend, &dates, &values);
    trend_line(&mut out, trend, &dates, &values, settings);
    draw_date_axis(&mut out, &CANVAS, &dates);
    close(&mut out);
    out
}

fn legend(out: &mut String, trend: &PainTrend, settings: &Settings) {
    let window = settings.smoothing_half_width * 2 + 1;
    let mut items = vec![
        ("point", "daily mean".to_string()),
        ("trend", format!("{window}-day average")),
    ];
    if let (Some(baseline), Some(recent)) = (trend.baseline, trend.recent) {
        items.push((
            "baseline-band",
            format!("baseline ({} days)", baseline.days),
        ));
        items.push(("recent-band", format!("recent ({} days)", recent.days)));
        items.push(("target-line", "important change".into()));
    }
    let mut x = CANVAS.x0();
    out.push_str("<g class=\"kp-legend\">\n");
    for (kind, text) in items {
        let y = 46.0;
        let swatch = match kind {
            "point" => format!(
                "<circle class=\"kp-point\" cx=\"{}\" cy=\"{y}\" r=\"4\"/>",
                num(x + 6.0)
            ),
            "trend" => format!(
                "<line class=\"kp-trend\" x1=\"{}\" x2=\"{}\" y1=\"{y}\" y2=\"{y}\"/>",
                num(x),
                num(x + 16.0)
            ),
            "target-line" => format!(
                "<line class=\"kp-target-line\" x1=\"{}\" x2=\"{}\" y1=\"{y}\" y2=\"{y}\"/>",
                num(x),
                num(x + 16.0)
            ),
            band => format!(
                "<rect class=\"kp-{band}\" x=\"{}\" y=\"{}\" width=\"16\" height=\"12\"/>",
                num(x),
                num(y - 6.0)
            ),
        };
        let _ = writeln!(
            out,
            "{swatch}<text class=\"kp-small\" x=\"{}\" y=\"{}\">{}</text>",
            num(x + 22.0),
            num(y + 4.0),
            esc(&text)
        );
        x += 22.0 + 6.8 * text.chars().count() as f64 + 22.0;
    }
    out.push_str("</g>\n");
}

fn bands(out: &mut String, trend: &PainTrend, dates: &DateScale) {
    for (window, class, name) in [
        (trend.baseline, "kp-baseline-band", "baseline"),
        (trend.recent, "kp-recent-band", "recent"),
    ] {
        let Some(window) = window else { continue };
        let x0 = dates.start_of(window.first);
        let x1 = dates.start_of(window.last + Duration::days(1));
        let _ = writeln!(
            out,
            "<rect class=\"{class}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\">\
             <title>{name}: {} to {}, mean {}</title></rect>",
            num(x0),
            num(CANVAS.y0()),
            num(x1 - x0),
            num(CANVAS.y1() - CANVAS.y0()),
            window.first.format("%b %-d"),
            window.last.format("%b %-d"),
            label(window.mean, 1)
        );
    }
}

fn levels(out: &mut String, trend: &PainTrend, values: &Scale, settings: &Settings) {
    let Some(baseline) = trend.baseline else {
        return;
    };
    let (x0, x1) = (num(CANVAS.x0()), num(CANVAS.x1()));
    let base_y = values.at(baseline.mean);
    let target = important_level(baseline.mean, settings);
    let target_y = values.at(target);
    // Keep the two labels apart when the levels are close.
    let target_text_y = target_y.max(base_y + 16.0);
    let _ = writeln!(
        out,
        "<line class=\"kp-baseline-line\" x1=\"{x0}\" x2=\"{x1}\" y1=\"{y}\" y2=\"{y}\"/>\
         <text class=\"kp-baseline-text\" x=\"{tx}\" y=\"{y}\" dy=\"4\">baseline {v}</text>",
        y = num(base_y),
        tx = num(CANVAS.x1() + 8.0),
        v = label(baseline.mean, 1)
    );
    let _ = writeln!(
        out,
        "<line class=\"kp-target-line\" x1=\"{x0}\" x2=\"{x1}\" y1=\"{y}\" y2=\"{y}\"/>\
         <text class=\"kp-target-text\" x=\"{tx}\" y=\"{ty}\" dy=\"4\">important: {v}</text>\
         <text class=\"kp-small\" x=\"{tx}\" y=\"{ty2}\" dy=\"4\">or less</text>",
        y = num(target_y),
        tx = num(CANVAS.x1() + 8.0),
        ty = num(target_text_y),
        ty2 = num(target_text_y + 14.0),
        v = label(target, 1)
    );
}

fn points(out: &mut String, trend: &PainTrend, dates: &DateScale, values: &Scale) {
    out.push_str("<g class=\"kp-points\">\n");
    for day in &trend.days {
        let _ = writeln!(
            out,
            "<circle class=\"kp-point\" cx=\"{}\" cy=\"{}\" r=\"3.5\"><title>{}: {}</title></circle>",
            num(dates.at(day.day)),
            num(values.at(day.value)),
            day.day.format("%a %b %-d"),
            label(day.value, 1)
        );
    }
    out.push_str("</g>\n");
    if let Some(recent) = trend.recent {
        let _ = writeln!(
            out,
            "<text class=\"kp-value\" x=\"{}\" y=\"{}\" text-anchor=\"end\">recent {}</text>",
            num(dates.at(recent.last)),
            num(CANVAS.y0() - 6.0),
            label(recent.mean, 1)
        );
    }
}

/// The smoothed line, broken where the diary has a gap wider than the smoothing window (a
/// line across weeks without data would claim values nobody recorded).
fn trend_line(
    out: &mut String,
    trend: &PainTrend,
    dates: &DateScale,
    values: &Scale,
    settings: &Settings,
) {
    let widest_gap = settings.smoothing_half_width * 2 + 1;
    let mut path = String::new();
    let mut previous: Option<NaiveDate> = None;
    for point in &trend.smoothed {
        let joined = previous.is_some_and(|p| (point.day - p).num_days() <= widest_gap);
        let _ = write!(
            path,
            "{}{} {}",
            if joined { 'L' } else { 'M' },
            num(dates.at(point.day)),
            num(values.at(point.value))
        );
        previous = Some(point.day);
    }
    if trend.smoothed.len() > 1 {
        let _ = writeln!(out, "<path class=\"kp-trend\" d=\"{path}\"/>");
    }
}
