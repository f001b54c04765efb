//! Hand-written SVG charts: the pain trend, line charts for pressure threshold and range of
//! motion, bars for adherence and immediate response, and the body chart of where pain was.
//!
//! Every chart is a standalone `<svg role="img">` with a `<title>` and a `<desc>` that says
//! in words what the chart shows, so a screen reader gets the content, not just "image". The
//! look comes from one embedded stylesheet whose classes all start with `kp-`, so several
//! charts (and the body chart, which has its own) can sit in one HTML page. Output depends
//! only on the report: no clock, no random ids.

mod axes;
mod bars;
mod body;
mod lines;
mod pain;
mod response;

use std::fmt::Write as _;

pub use bars::adherence_chart;
pub use body::region_chart;
pub use knot_body::chart::escape_xml as esc;
pub use lines::{motion_chart, threshold_chart};
pub use pain::pain_chart;
pub use response::response_chart;

/// The shared stylesheet. Colours are the Okabe–Ito palette, which stays distinct for the
/// common kinds of colour blindness.
const STYLE: &str = "
.kp-chart { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; }
.kp-bg { fill: #ffffff; }
.kp-heading { font-size: 16px; font-weight: 700; fill: #1f2933; }
.kp-label { font-size: 13px; fill: #3e4c59; }
.kp-small { font-size: 12px; fill: #52606d; }
.kp-value { font-size: 12px; font-weight: 600; fill: #1f2933; }
.kp-grid { stroke: #e4e7eb; stroke-width: 1; }
.kp-axis { stroke: #7b8794; stroke-width: 1.2; }
.kp-point { fill: #d55e00; fill-opacity: 0.45; }
.kp-trend { fill: none; stroke: #a63c06; stroke-width: 3; stroke-linejoin: round;
  stroke-linecap: round; }
.kp-baseline-band { fill: #0072b2; fill-opacity: 0.09; }
.kp-recent-band { fill: #009e73; fill-opacity: 0.11; }
.kp-baseline-line { stroke: #0072b2; stroke-width: 1.5; stroke-dasharray: 6 4; }
.kp-target-line { stroke: #009e73; stroke-width: 2; stroke-dasharray: 2 4;
  stroke-linecap: round; }
.kp-baseline-text { font-size: 12px; font-weight: 600; fill: #005a8c; }
.kp-target-text { font-size: 12px; font-weight: 600; fill: #00704f; }
.kp-bar { fill: #0072b2; }
.kp-bar-worse { fill: #d55e00; }
.kp-series-line { fill: none; stroke-width: 2.5; stroke-linejoin: round; }
.kp-s0 { stroke: #0072b2; fill: #0072b2; } .kp-s1 { stroke: #d55e00; fill: #d55e00; }
.kp-s2 { stroke: #009e73; fill: #009e73; } .kp-s3 { stroke: #cc79a7; fill: #cc79a7; }
.kp-s4 { stroke: #e69f00; fill: #e69f00; } .kp-s5 { stroke: #56b4e9; fill: #56b4e9; }
.kp-series-line.kp-s0, .kp-series-line.kp-s1, .kp-series-line.kp-s2, .kp-series-line.kp-s3,
.kp-series-line.kp-s4, .kp-series-line.kp-s5 { fill: none; }
.kp-empty { font-size: 14px; fill: #52606d; }
";

/// Every chart the report has data for, as (file stem, SVG): the pain trend always, the
/// others when they have something to show. The stems double as the charts' element ids.
pub fn report_charts(
    report: &crate::Report,
) -> Result<Vec<(&'static str, String)>, knot_body::chart::ChartError> {
    let (first, last, settings) = (report.first_day, report.last_day, &report.settings);
    let tracked = &report.tracked;
    let response = &report.response;
    let mut charts = vec![(
        "pain-trend",
        pain_chart(&report.pain.overall, first, last, settings, "pain-trend"),
    )];
    if !report.regions.regions.is_empty() {
        let title = "Where pain was marked, by number of days";
        charts.push(("where-it-hurt", region_chart(&report.regions, title)?));
    }
    if !tracked.thresholds.is_empty() {
        let chart = threshold_chart(
            &tracked.thresholds,
            first,
            last,
            settings,
            "pressure-threshold",
        );
        charts.push(("pressure-threshold", chart));
    }
    if !tracked.motion.is_empty() {
        let chart = motion_chart(&tracked.motion, first, last, settings, "range-of-motion");
        charts.push(("range-of-motion", chart));
    }
    if !report.adherence.weeks.is_empty() {
        charts.push(("adherence", adherence_chart(&report.adherence, "adherence")));
    }
    if !response.by_trigger_point.is_empty() {
        let title = "Response by trigger point";
        let id = "response-trigger-point";
        charts.push((id, response_chart(title, &response.by_trigger_point, id)));
        let title = "Response by technique and tool";
        let id = "response-technique";
        charts.push((id, response_chart(title, &response.by_technique, id)));
    }
    Ok(charts)
}

/// The number of distinct series colours; further series reuse them.
pub const SERIES_COLOURS: usize = 6;

/// The size of a chart and its margins, in SVG user units.
#[derive(Debug, Clone, Copy)]
pub struct Canvas {
    pub width: f64,
    pub height: f64,
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
}

impl Canvas {
    /// The x of the plot area's left edge.
    pub fn x0(&self) -> f64 {
        self.left
    }
    /// The x of the plot area's right edge.
    pub fn x1(&self) -> f64 {
        self.width - self.right
    }
    /// The y of the plot area's top edge.
    pub fn y0(&self) -> f64 {
        self.top
    }
    /// The y of the plot area's bottom edge.
    pub fn y1(&self) -> f64 {
        self.height - self.bottom
    }
}

/// Opens a chart: the `<svg>` element, title, description, stylesheet, background and the
/// visible heading.
pub fn open(out: &mut String, id: &str, canvas: &Canvas, title: &str, desc: &str) {
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"kp-chart\" id=\"{id}\" \
         viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" \
         aria-labelledby=\"{id}-title {id}-desc\">\n<title id=\"{id}-title\">{t}</title>\n\
         <desc id=\"{id}-desc\">{d}</desc>\n<style>{STYLE}</style>\n\
         <rect class=\"kp-bg\" width=\"{w}\" height=\"{h}\"/>\n\
         <text class=\"kp-heading\" x=\"{x}\" y=\"24\">{t}</text>\n",
        id = esc(id),
        w = num(canvas.width),
        h = num(canvas.height),
        t = esc(title),
        d = esc(desc),
        x = num(canvas.left.min(16.0)),
    );
}

/// Closes a chart.
pub fn close(out: &mut String) {
    out.push_str("</svg>\n");
}

/// A chart with nothing to draw: the frame and a sentence saying why.
pub fn empty_chart(id: &str, title: &str, why: &str) -> String {
    let canvas = Canvas {
        width: 760.0,
        height: 120.0,
        left: 16.0,
        right: 16.0,
        top: 40.0,
        bottom: 16.0,
    };
    let mut out = String::new();
    open(&mut out, id, &canvas, title, why);
    let _ = writeln!(
        out,
        "<text class=\"kp-empty\" x=\"16\" y=\"70\">{}</text>",
        esc(why)
    );
    close(&mut out);
    out
}

/// A coordinate, to one decimal without trailing zeros (small, stable output).
pub fn num(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    let text = format!("{rounded:.1}");
    let trimmed = text.trim_end_matches('0').trim_end_matches('.');
    if trimmed == "-0" {
        "0".into()
    } else {
        trimmed.to_string()
    }
}

/// A value for a label, with `decimals` places and a real minus sign.
pub fn label(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    match text.strip_prefix('-') {
        Some(rest) if rest.chars().any(|c| c.is_ascii_digit() && c != '0') => {
            format!("\u{2212}{rest}")
        }
        Some(rest) => rest.to_string(),
        None => text,
    }
}

/// A signed value for a label: "+1.2", "−0.4", "0.0".
pub fn signed(value: f64, decimals: usize) -> String {
    let text = label(value, decimals);
    if value > 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
        format!("+{text}")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_compactly_and_with_a_real_minus_sign() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.34), "12.3");
        assert_eq!(num(-0.01), "0");
        assert_eq!(label(-1.25, 1), "\u{2212}1.2");
        assert_eq!(label(-0.04, 1), "0.0");
        assert_eq!(signed(0.5, 1), "+0.5");
        assert_eq!(signed(0.0, 1), "0.0");
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(esc("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
    }
}
