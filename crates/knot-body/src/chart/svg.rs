//! SVG output for the body chart: stylesheet, figures, side labels, markers and legend.

use std::fmt::Write as _;

use super::geometry::{num, path_data};
use super::{Chart, RenderOptions};

/// The embedded stylesheet. Pages may override any rule; the classes are the chart's API.
const STYLE: &str = "
.knot-chart { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; }
.silhouette { fill: #cfcfcf; stroke: #8c8c8c; stroke-width: 2.2; stroke-linejoin: round; }
.region, .swatch { fill: #e6e6e6; stroke: #ffffff; stroke-width: 1; stroke-linejoin: round; }
.swatch { stroke: #9a9a9a; }
.region[tabindex] { cursor: pointer; }
.region[tabindex]:hover { fill: #d3dbe6; }
.region[tabindex]:focus { outline: none; stroke: #1a5fb4; stroke-width: 2.5; }
.region[aria-pressed='true'], .marked { fill: #e53935; }
.pain-1 { fill: #fde5e1; } .pain-2 { fill: #fcd0c7; } .pain-3 { fill: #fcb5a6; }
.pain-4 { fill: #fc9a85; } .pain-5 { fill: #fb7d65; } .pain-6 { fill: #f35e47; }
.pain-7 { fill: #e2412f; } .pain-8 { fill: #c62a22; } .pain-9 { fill: #a11a18; }
.pain-10 { fill: #730d10; }
.essential { fill: #b71c1c; }
.spillover { fill: url(#knot-spillover); }
.marker path { stroke: #6d0000; stroke-width: 3; stroke-linecap: round; fill: none; }
.marker path.halo { stroke: #ffffff; stroke-width: 6; }
.marker text { fill: #6d0000; font-size: 13px; font-weight: 600; paint-order: stroke;
  stroke: #ffffff; stroke-width: 3px; }
.view-label { font-size: 22px; font-weight: 700; letter-spacing: 0.2em; fill: #444444; }
.side-label { font-size: 34px; font-weight: 800; fill: #2b2b2b; }
.side-word { font-size: 11px; fill: #6a6a6a; letter-spacing: 0.05em; }
.legend text { font-size: 15px; fill: #333333; }
";

/// Escapes text for XML content and attribute values (also used by the progress charts).
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// Height of one legend row.
const LEGEND_ROW: f64 = 28.0;

/// Lays the legend out in rows: (x, row) for each entry.
fn legend_layout(chart: &Chart, legend: &[(String, String)]) -> Vec<(f64, usize)> {
    let (mut x, mut row) = (40.0, 0);
    let mut out = Vec::with_capacity(legend.len());
    for (_, text) in legend {
        let w = 34.0 + 8.2 * text.chars().count() as f64 + 26.0;
        if x + w > chart.width - 20.0 && x > 40.0 {
            x = 40.0;
            row += 1;
        }
        out.push((x, row));
        x += w;
    }
    out
}

pub(super) fn render(chart: &Chart, opts: &RenderOptions) -> String {
    let layout = legend_layout(chart, &opts.legend);
    let rows = layout.last().map_or(0, |&(_, r)| r + 1);
    let height = chart.height + rows as f64 * LEGEND_ROW + if rows > 0 { 14.0 } else { 0.0 };
    let mut s = String::with_capacity(200_000);
    let role = if opts.interactive { "group" } else { "img" };
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"knot-chart\" viewBox=\"0 0 {w} {h}\" \
         width=\"100%\" preserveAspectRatio=\"xMidYMin meet\" role=\"{role}\" \
         aria-labelledby=\"knot-chart-title\">\n<title id=\"knot-chart-title\">{t}</title>\n\
         <style>{STYLE}</style>\n<defs><pattern id=\"knot-spillover\" width=\"7\" height=\"7\" \
         patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">\
         <rect width=\"7\" height=\"7\" fill=\"#fbd3d0\"/>\
         <rect width=\"3\" height=\"7\" fill=\"#d32f2f\"/></pattern></defs>\n\
         <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n",
        w = num(chart.width),
        h = num(height),
        t = esc(&opts.title),
    );
    for (vi, view) in chart.views.iter().enumerate() {
        let _ = writeln!(s, "<g class=\"view view-{}\">", esc(&view.id));
        let _ = writeln!(
            s,
            "<text class=\"view-label\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            num(view.midline),
            num(view.top - 26.0),
            esc(&view.label)
        );
        // The person's right and left, at shoulder height beside the figure.
        for (letter, word, sign) in [("R", "RIGHT", 1.0), ("L", "LEFT", -1.0)] {
            let x = view.midline + view.right_sign * sign * 205.0;
            let y = view.top + 150.0;
            let _ = writeln!(
                s,
                "<text class=\"side-label\" x=\"{x}\" y=\"{y}\" text-anchor=\"middle\">{letter}</text>\
                 <text class=\"side-word\" x=\"{x}\" y=\"{y2}\" text-anchor=\"middle\">{word}</text>",
                x = num(x),
                y = num(y),
                y2 = num(y + 16.0),
            );
        }
        let _ = writeln!(
            s,
            "<path class=\"silhouette\" d=\"{}\"/>",
            path_data(&view.outline)
        );
        for shape in chart.shapes.iter().filter(|sh| sh.view == vi) {
            let id = esc(&shape.id);
            let name = esc(opts
                .names
                .get(&shape.id)
                .map_or(shape.id.as_str(), |n| n.as_str()));
            let mut class = format!("region {} {}", esc(&view.id), shape.side.word());
            for c in opts.classes.get(&shape.id).into_iter().flatten() {
                class.push(' ');
                class.push_str(&esc(c));
            }
            let extra = if opts.interactive {
                format!(
                    " tabindex=\"0\" role=\"button\" aria-pressed=\"false\" aria-label=\"{name}\""
                )
            } else {
                String::new()
            };
            let _ = writeln!(
                s,
                "<path id=\"region-{id}\" class=\"{class}\" data-region=\"{id}\"{extra} d=\"{}\">\
                 <title>{name}</title></path>",
                path_data(&shape.points)
            );
        }
        s.push_str("</g>\n");
    }
    for (k, m) in opts.markers.iter().enumerate() {
        let Some((x, y)) = chart.anchor(&m.region) else {
            continue;
        };
        // Markers in the same region step down so that none hides another.
        let earlier = opts.markers[..k]
            .iter()
            .filter(|o| o.region == m.region)
            .count();
        let y = y + 14.0 * earlier as f64;
        let d = format!(
            "M{a} {b}L{c} {e}M{a} {e}L{c} {b}",
            a = num(x - 5.5),
            b = num(y - 5.5),
            c = num(x + 5.5),
            e = num(y + 5.5)
        );
        let _ = write!(
            s,
            "<g class=\"marker\" data-region=\"{}\"><title>{}</title>\
             <path class=\"halo\" d=\"{d}\"/><path d=\"{d}\"/>",
            esc(&m.region),
            esc(if m.label.is_empty() {
                &m.region
            } else {
                &m.label
            })
        );
        if !m.label.is_empty() {
            let _ = write!(
                s,
                "<text x=\"{}\" y=\"{}\">{}</text>",
                num(x + 8.0),
                num(y - 6.0),
                esc(&m.label)
            );
        }
        s.push_str("</g>\n");
    }
    if !opts.legend.is_empty() {
        s.push_str("<g class=\"legend\">\n");
        for ((class, text), &(x, row)) in opts.legend.iter().zip(&layout) {
            let y = chart.height + 8.0 + row as f64 * LEGEND_ROW;
            let _ = writeln!(
                s,
                "<rect class=\"swatch {}\" x=\"{}\" y=\"{}\" width=\"22\" height=\"18\" rx=\"3\"/>\
                 <text x=\"{}\" y=\"{}\">{}</text>",
                esc(class),
                num(x),
                num(y),
                num(x + 30.0),
                num(y + 14.5),
                esc(text)
            );
        }
        s.push_str("</g>\n");
    }
    s.push_str("</svg>\n");
    s
}
