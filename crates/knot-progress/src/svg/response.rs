//! The immediate-response chart: mean pain before minus pain after per group (trigger point,
//! or technique with tool) as horizontal bars around zero, with n beside each bar.

use std::fmt::Write as _;

use super::axes::{nice_ticks, Scale};
use super::{close, empty_chart, esc, num, open, signed, Canvas};
use crate::response::Response;
use crate::words;

/// Height of one bar's row.
const ROW: f64 = 38.0;

/// Mean immediate response per group as horizontal bars around zero.
pub fn response_chart(title: &str, groups: &[Response], id: &str) -> String {
    if groups.is_empty() {
        return empty_chart(
            id,
            title,
            "No sessions with pain rated both before and after in this period.",
        );
    }
    let lines: Vec<Vec<String>> = groups.iter().map(|g| label_lines(&g.label)).collect();
    let longest = lines
        .iter()
        .flatten()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(10);
    let canvas = Canvas {
        width: 760.0,
        height: 96.0 + ROW * groups.len() as f64 + 36.0,
        left: (20.0 + 7.2 * longest as f64).clamp(140.0, 330.0),
        right: 150.0,
        top: 78.0,
        bottom: 48.0,
    };
    let low = groups.iter().map(|g| g.mean_relief).fold(0.0, f64::min);
    let high = groups.iter().map(|g| g.mean_relief).fold(1.0, f64::max);
    let ticks = nice_ticks(low, high, 5);
    let scale = Scale {
        from: (ticks[0], ticks[ticks.len() - 1]),
        to: (canvas.x0(), canvas.x1()),
    };
    let mut out = String::with_capacity(8_000);
    open(
        &mut out,
        id,
        &canvas,
        title,
        &words::response_desc(title, groups),
    );
    let _ = writeln!(
        out,
        "<text class=\"kp-small\" x=\"16\" y=\"50\">Mean of pain before minus pain after, in points \
         (right of 0 = less pain after the session)</text>"
    );
    relief_axis(&mut out, &canvas, &scale, &ticks);
    for (i, (group, lines)) in groups.iter().zip(&lines).enumerate() {
        let y = canvas.y0() + ROW * i as f64;
        relief_bar(&mut out, group, lines, y, &canvas, &scale);
    }
    let _ = writeln!(
        out,
        "<text class=\"kp-small\" x=\"16\" y=\"{}\">Felt relief right after a session; it does not \
         show which technique works better over weeks.</text>",
        num(canvas.height - 12.0)
    );
    close(&mut out);
    out
}

/// Vertical grid lines with signed labels; the zero line drawn as an axis.
fn relief_axis(out: &mut String, canvas: &Canvas, scale: &Scale, ticks: &[f64]) {
    let decimals = if ticks[1] - ticks[0] < 1.0 { 1 } else { 0 };
    for tick in ticks {
        let x = num(scale.at(*tick));
        let _ = writeln!(
            out,
            "<line class=\"{}\" x1=\"{x}\" x2=\"{x}\" y1=\"{}\" y2=\"{}\"/>\
             <text class=\"kp-label\" x=\"{x}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            if *tick == 0.0 { "kp-axis" } else { "kp-grid" },
            num(canvas.y0() - 8.0),
            num(canvas.y1()),
            num(canvas.y1() + 18.0),
            signed(*tick, decimals)
        );
    }
}

/// One group's label (one or two lines), bar and value, in the row starting at `y`.
fn relief_bar(
    out: &mut String,
    group: &Response,
    lines: &[String],
    y: f64,
    canvas: &Canvas,
    scale: &Scale,
) {
    let first_line = y + 14.0 - 7.5 * (lines.len() as f64 - 1.0);
    let tspans: String = lines
        .iter()
        .enumerate()
        .map(|(k, line)| {
            format!(
                "<tspan x=\"{}\" y=\"{}\">{}</tspan>",
                num(canvas.x0() - 10.0),
                num(first_line + 15.0 * k as f64),
                esc(line)
            )
        })
        .collect();
    let (zero, end) = (scale.at(0.0), scale.at(group.mean_relief));
    let class = if group.mean_relief < 0.0 {
        "kp-bar-worse"
    } else {
        "kp-bar"
    };
    let value = format!("{} (n = {})", signed(group.mean_relief, 1), group.n);
    let _ = writeln!(
        out,
        "<text class=\"kp-label\" text-anchor=\"end\">{tspans}</text>\
         <rect class=\"{class}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"20\"><title>{}: \
         {} points on average over {} sessions</title></rect>\
         <text class=\"kp-value\" x=\"{}\" y=\"{}\">{value}</text>",
        num(zero.min(end)),
        num(y),
        num((end - zero).abs().max(1.0)),
        esc(&group.label),
        signed(group.mean_relief, 1),
        group.n,
        num(zero.max(end) + 6.0),
        num(y + 14.0),
    );
}

/// A bar label on one line, or two when it is long (split at the space nearest the middle).
fn label_lines(label: &str) -> Vec<String> {
    const ONE_LINE: usize = 34;
    let length = label.chars().count();
    if length <= ONE_LINE {
        return vec![label.to_string()];
    }
    let middle = label
        .char_indices()
        .filter(|(_, c)| *c == ' ')
        .map(|(i, _)| i)
        .min_by_key(|i| i.abs_diff(label.len() / 2));
    match middle {
        Some(split) => vec![label[..split].to_string(), label[split + 1..].to_string()],
        None => vec![label.to_string()],
    }
}

#[cfg(test)]
mod tests {
    use super::label_lines;

    #[test]
    fn long_labels_split_near_the_middle_at_a_space() {
        assert_eq!(
            label_lines("Upper trapezius 1, right"),
            vec!["Upper trapezius 1, right"]
        );
        assert_eq!(
            label_lines("Ischemic compression with massage ball against a wall"),
            vec!["Ischemic compression with", "massage ball against a wall"]
        );
    }
}
