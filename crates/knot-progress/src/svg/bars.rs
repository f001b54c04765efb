//! The adherence chart: sittings per week as bars against the plan's target.

use std::fmt::Write as _;

use super::axes::{draw_value_axis, nice_ticks, Scale};
use super::{close, empty_chart, num, open, Canvas};
use crate::adherence::{Adherence, Week};
use crate::words;

/// Sittings per week as bars, with the plan's target per week as a dotted step.
pub fn adherence_chart(adherence: &Adherence, id: &str) -> String {
    let title = "Treatment sittings per week";
    if adherence.weeks.is_empty() {
        return empty_chart(id, title, "No treatment sessions in this period.");
    }
    let canvas = Canvas {
        width: 760.0,
        height: 320.0,
        left: 52.0,
        right: 24.0,
        top: 84.0,
        bottom: 48.0,
    };
    let most = adherence
        .weeks
        .iter()
        .map(|w| w.sittings.max(w.target.unwrap_or(0)))
        .max()
        .unwrap_or(0)
        .max(1);
    let ticks = nice_ticks(0.0, f64::from(most), 5);
    let values = Scale {
        from: (0.0, ticks.last().copied().unwrap_or(1.0).max(1.0)),
        to: (canvas.y1(), canvas.y0()),
    };
    let mut out = String::with_capacity(10_000);
    open(
        &mut out,
        id,
        &canvas,
        title,
        &words::adherence_desc(adherence),
    );
    out.push_str(if adherence.planned_per_day.is_some() {
        "<rect class=\"kp-bar\" x=\"52\" y=\"40\" width=\"16\" height=\"12\"/>\
         <text class=\"kp-small\" x=\"74\" y=\"50\">sittings done</text>\
         <line class=\"kp-target-line\" x1=\"180\" x2=\"200\" y1=\"46\" y2=\"46\"/>\
         <text class=\"kp-small\" x=\"206\" y=\"50\">sittings the plan asks for</text>\n"
    } else {
        "<rect class=\"kp-bar\" x=\"52\" y=\"40\" width=\"16\" height=\"12\"/>\
         <text class=\"kp-small\" x=\"74\" y=\"50\">sittings done (no plan saved)</text>\n"
    });
    draw_value_axis(&mut out, &canvas, &values, &ticks, "sittings");
    let slot = (canvas.x1() - canvas.x0()) / adherence.weeks.len() as f64;
    let label_every = (adherence.weeks.len() / 12) + 1;
    for (i, week) in adherence.weeks.iter().enumerate() {
        let x = canvas.x0() + slot * i as f64;
        draw_week(
            &mut out,
            week,
            (x, slot),
            &canvas,
            &values,
            i % label_every == 0,
        );
    }
    let _ = writeln!(
        out,
        "<line class=\"kp-axis\" x1=\"{}\" x2=\"{}\" y1=\"{y}\" y2=\"{y}\"/>\
         <text class=\"kp-small\" x=\"{}\" y=\"{}\" text-anchor=\"end\">weeks start on Monday</text>",
        num(canvas.x0()),
        num(canvas.x1()),
        num(canvas.x1()),
        num(canvas.y1() + 40.0),
        y = num(canvas.y1())
    );
    close(&mut out);
    out
}

/// One week's bar, its count, the plan's target and (if `labelled`) the week's date, in the
/// slot `(x, width)`.
fn draw_week(
    out: &mut String,
    week: &Week,
    (x, slot): (f64, f64),
    canvas: &Canvas,
    values: &Scale,
    labelled: bool,
) {
    let bar_width = slot * 0.62;
    let y = values.at(f64::from(week.sittings));
    let middle = num(x + slot / 2.0);
    let _ = writeln!(
        out,
        "<rect class=\"kp-bar\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"><title>Week of {}: \
         {} sittings ({} sessions){}</title></rect>",
        num(x + (slot - bar_width) / 2.0),
        num(y),
        num(bar_width),
        num(canvas.y1() - y),
        week.start.format("%b %-d"),
        week.sittings,
        week.sessions,
        week.target.map_or(String::new(), |t| format!(", plan {t}"))
    );
    if week.sittings > 0 {
        let _ = writeln!(
            out,
            "<text class=\"kp-value\" x=\"{middle}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            num(y - 5.0),
            week.sittings
        );
    }
    if let Some(target) = week.target {
        let ty = num(values.at(f64::from(target)));
        let _ = writeln!(
            out,
            "<line class=\"kp-target-line\" x1=\"{}\" x2=\"{}\" y1=\"{ty}\" y2=\"{ty}\"/>",
            num(x + 2.0),
            num(x + slot - 2.0)
        );
    }
    if labelled {
        let _ = writeln!(
            out,
            "<text class=\"kp-label\" x=\"{middle}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            num(canvas.y1() + 20.0),
            week.start.format("%b %-d")
        );
    }
}
