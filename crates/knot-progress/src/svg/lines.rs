//! Line charts for measures followed over time: pressure pain threshold per trigger point and
//! range of motion per movement, one coloured line per series with its latest value at the end.

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::axes::{draw_date_axis, draw_value_axis, nice_step, nice_ticks, DateScale, Scale};
use super::{close, empty_chart, esc, label, num, open, Canvas, SERIES_COLOURS};
use crate::settings::Settings;
use crate::tracked::Tracked;
use crate::words;

/// What differs between the line charts.
struct LineSpec<'a> {
    id: &'a str,
    title: &'a str,
    axis_unit: &'a str,
    decimals: usize,
    /// The y axis spans at least this much, so that noise smaller than the measurement error
    /// does not fill the chart and look like change.
    min_span: f64,
    series: &'a [Tracked],
    first: NaiveDate,
    last: NaiveDate,
}

/// Pressure pain threshold per trigger point and side.
pub fn threshold_chart(
    series: &[Tracked],
    first: NaiveDate,
    last: NaiveDate,
    settings: &Settings,
    id: &str,
) -> String {
    line_chart(&LineSpec {
        id,
        title: "Pressure pain threshold",
        axis_unit: "kg/cm² (higher = less tender)",
        decimals: 2,
        min_span: settings.ppt_mdc * 4.0,
        series,
        first,
        last,
    })
}

/// Range of motion per movement.
pub fn motion_chart(
    series: &[Tracked],
    first: NaiveDate,
    last: NaiveDate,
    settings: &Settings,
    id: &str,
) -> String {
    // Only movements in degrees share this axis; one in millimetres is listed in words.
    let in_degrees: Vec<Tracked> = series.iter().filter(|s| s.unit == "°").cloned().collect();
    line_chart(&LineSpec {
        id,
        title: "Range of motion",
        axis_unit: "degrees",
        decimals: 0,
        min_span: settings.rom_clear_degrees * 3.0,
        series: &in_degrees,
        first,
        last,
    })
}

/// The y range: the data padded, at least `min_span` wide, on round ticks.
fn value_ticks(series: &[Tracked], min_span: f64) -> Vec<f64> {
    let values = series
        .iter()
        .flat_map(|s| s.readings.iter().map(|r| r.value));
    let (low, high) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    let middle = (low + high) / 2.0;
    let half = ((high - low) * 1.15).max(min_span) / 2.0;
    let (low, high) = ((middle - half).max(0.0), middle + half);
    let step = nice_step(high - low, 5);
    nice_ticks((low / step).floor() * step, high, 5)
}

/// Lays the legend out in rows within the plot width: (x, row) per series.
fn legend_layout(series: &[Tracked], left: f64, right: f64) -> Vec<(f64, usize)> {
    let (mut x, mut row) = (left, 0);
    series
        .iter()
        .map(|s| {
            let width = 24.0 + 6.6 * s.label.chars().count() as f64 + 18.0;
            if x + width > right && x > left {
                x = left;
                row += 1;
            }
            let at = (x, row);
            x += width;
            at
        })
        .collect()
}

fn line_chart(spec: &LineSpec) -> String {
    if spec.series.iter().all(|s| s.readings.is_empty()) {
        return empty_chart(spec.id, spec.title, "No readings in this period.");
    }
    let layout = legend_layout(spec.series, 56.0, 760.0 - 90.0);
    let rows = layout.last().map_or(1, |(_, row)| row + 1) as f64;
    let canvas = Canvas {
        width: 760.0,
        height: 300.0 + rows * 18.0,
        left: 56.0,
        right: 90.0,
        top: 62.0 + rows * 18.0,
        bottom: 44.0,
    };
    let ticks = value_ticks(spec.series, spec.min_span);
    let (low, high) = (ticks[0], ticks[ticks.len() - 1]);
    let values = Scale {
        from: (low, high),
        to: (canvas.y1(), canvas.y0()),
    };
    let dates = DateScale::new(spec.first, spec.last, &canvas);
    let desc = words::tracked_desc(spec.title, spec.series);
    let mut out = String::with_capacity(12_000);
    open(&mut out, spec.id, &canvas, spec.title, &desc);
    out.push_str("<g class=\"kp-legend\">\n");
    for (index, (series, (x, row))) in spec.series.iter().zip(&layout).enumerate() {
        let y = 48.0 + *row as f64 * 18.0;
        let _ = writeln!(
            out,
            "<line class=\"kp-series-line kp-s{c}\" x1=\"{}\" x2=\"{}\" y1=\"{y}\" y2=\"{y}\"/>\
             <circle class=\"kp-s{c}\" cx=\"{}\" cy=\"{y}\" r=\"3.5\"/>\
             <text class=\"kp-small\" x=\"{}\" y=\"{}\">{}</text>",
            num(*x),
            num(x + 18.0),
            num(x + 9.0),
            num(x + 24.0),
            num(y + 4.0),
            esc(&series.label),
            c = index % SERIES_COLOURS,
            y = num(y),
        );
    }
    out.push_str("</g>\n");
    draw_value_axis(&mut out, &canvas, &values, &ticks, spec.axis_unit);
    for (index, series) in spec.series.iter().enumerate() {
        draw_series(&mut out, series, index, &dates, &values, spec.decimals);
    }
    end_labels(&mut out, spec, &dates, &values);
    draw_date_axis(&mut out, &canvas, &dates);
    close(&mut out);
    out
}

fn draw_series(
    out: &mut String,
    series: &Tracked,
    index: usize,
    dates: &DateScale,
    values: &Scale,
    decimals: usize,
) {
    let colour = index % SERIES_COLOURS;
    let points: Vec<(f64, f64)> = series
        .readings
        .iter()
        .map(|r| (dates.at(r.day), values.at(r.value)))
        .collect();
    let _ = writeln!(
        out,
        "<g class=\"kp-series\"><title>{}</title>",
        esc(&series.label)
    );
    if points.len() > 1 {
        let path: String = points
            .iter()
            .enumerate()
            .map(|(i, (x, y))| format!("{}{} {}", if i == 0 { 'M' } else { 'L' }, num(*x), num(*y)))
            .collect();
        let _ = writeln!(
            out,
            "<path class=\"kp-series-line kp-s{colour}\" d=\"{path}\"/>"
        );
    }
    for (reading, (x, y)) in series.readings.iter().zip(&points) {
        let _ = writeln!(
            out,
            "<circle class=\"kp-s{colour}\" cx=\"{}\" cy=\"{}\" r=\"3.5\"><title>{}: {}{}</title></circle>",
            num(*x),
            num(*y),
            reading.day.format("%b %-d"),
            label(reading.value, decimals),
            esc(series.unit)
        );
    }
    out.push_str("</g>\n");
}

/// The latest value beside each line's last point, nudged apart vertically so that lines
/// ending close together keep readable labels.
fn end_labels(out: &mut String, spec: &LineSpec, dates: &DateScale, values: &Scale) {
    const GAP: f64 = 14.0;
    let mut ends: Vec<(f64, f64, String, usize)> = spec
        .series
        .iter()
        .enumerate()
        .filter_map(|(index, s)| {
            let last = s.latest()?;
            Some((
                dates.at(last.day) + 8.0,
                values.at(last.value),
                label(last.value, spec.decimals),
                index % SERIES_COLOURS,
            ))
        })
        .collect();
    ends.sort_by(|a, b| a.1.total_cmp(&b.1));
    for i in 1..ends.len() {
        let previous = ends[i - 1].1;
        if ends[i].1 - previous < GAP {
            ends[i].1 = previous + GAP;
        }
    }
    // The label takes its line's colour, so that nudged labels still say whose they are.
    for (x, y, text, colour) in ends {
        let _ = writeln!(
            out,
            "<text class=\"kp-value kp-s{colour}\" x=\"{}\" y=\"{}\" dy=\"4\">{text}</text>",
            num(x),
            num(y)
        );
    }
}
