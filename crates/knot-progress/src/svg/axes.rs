//! Scales and axes: where a value or a date lands on the canvas, and which ticks to label.
//!
//! Date ticks adapt to the span: days for a fortnight, Mondays for a couple of months,
//! every other Monday for a quarter, then months — so a 12-week diary reads as dates a person
//! recognises, never as day numbers.

use std::fmt::Write as _;

use chrono::{Datelike, Duration, NaiveDate};

use super::{esc, label, num, Canvas};
use crate::adherence::week_start;

/// Maps a value range onto a pixel range (either may be reversed).
#[derive(Debug, Clone, Copy)]
pub struct Scale {
    pub from: (f64, f64),
    pub to: (f64, f64),
}

impl Scale {
    /// The pixel position of `value`.
    pub fn at(&self, value: f64) -> f64 {
        let (d0, d1) = self.from;
        let (r0, r1) = self.to;
        if (d1 - d0).abs() < f64::EPSILON {
            return (r0 + r1) / 2.0;
        }
        r0 + (value - d0) / (d1 - d0) * (r1 - r0)
    }
}

/// Maps days onto the x axis.
#[derive(Debug, Clone, Copy)]
pub struct DateScale {
    pub first: NaiveDate,
    pub last: NaiveDate,
    scale: Scale,
}

impl DateScale {
    /// A scale from `first` to `last` across the canvas's plot area, padded by half a day
    /// each side so that the first and last points are not drawn on the axes.
    pub fn new(first: NaiveDate, last: NaiveDate, canvas: &Canvas) -> DateScale {
        let last = last.max(first);
        let span = (last - first).num_days() as f64;
        DateScale {
            first,
            last,
            scale: Scale {
                from: (-0.5, span + 0.5),
                to: (canvas.x0(), canvas.x1()),
            },
        }
    }

    /// The x of the middle of a day.
    pub fn at(&self, day: NaiveDate) -> f64 {
        self.scale.at((day - self.first).num_days() as f64)
    }

    /// The x of the start (left edge) of a day.
    pub fn start_of(&self, day: NaiveDate) -> f64 {
        self.scale.at((day - self.first).num_days() as f64 - 0.5)
    }
}

/// Labelled date ticks for the span `first..=last`.
pub fn date_ticks(first: NaiveDate, last: NaiveDate) -> Vec<(NaiveDate, String)> {
    let span = (last - first).num_days();
    let day_label = |d: NaiveDate| d.format("%b %-d").to_string();
    if span <= 16 {
        let step = if span <= 8 { 1 } else { 2 };
        return (0..=span)
            .step_by(step)
            .map(|i| first + Duration::days(i))
            .map(|d| (d, day_label(d)))
            .collect();
    }
    if span <= 140 {
        let step = if span <= 63 { 7 } else { 14 };
        let mut monday = week_start(first);
        if monday < first {
            monday += Duration::days(7);
        }
        return std::iter::successors(Some(monday), |d| Some(*d + Duration::days(step)))
            .take_while(|d| *d <= last)
            .map(|d| (d, day_label(d)))
            .collect();
    }
    let months_step = if span <= 400 { 1 } else { 3 };
    month_starts(first, last)
        .filter(|d| d.month0() % months_step == 0)
        .map(|d| {
            let text = if d.month() == 1 {
                d.format("%b %Y").to_string()
            } else {
                d.format("%b").to_string()
            };
            (d, text)
        })
        .collect()
}

/// The first day of each month after `first` up to `last`.
fn month_starts(first: NaiveDate, last: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    let start = first.with_day(1).unwrap_or(first);
    std::iter::successors(Some(start), |d| {
        d.checked_add_months(chrono::Months::new(1))
    })
    .filter(move |d| *d >= first)
    .take_while(move |d| *d <= last)
}

/// About `count` round tick values covering `low..=high` (steps of 1, 2, 2.5 or 5 × 10ⁿ).
pub fn nice_ticks(low: f64, high: f64, count: usize) -> Vec<f64> {
    let step = nice_step((high - low).abs(), count);
    let start = (low / step).floor() as i64;
    let end = (high / step).ceil() as i64;
    (start..=end).map(|i| i as f64 * step).collect()
}

/// A round step that cuts `span` into about `count` parts.
pub fn nice_step(span: f64, count: usize) -> f64 {
    let raw = (span / count.max(1) as f64).max(1e-9);
    let magnitude = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw - 1e-12)
        .unwrap_or(10.0 * magnitude)
}

/// The decimals a tick step needs.
pub fn decimals_for(step: f64) -> usize {
    if step >= 1.0 {
        0
    } else if step >= 0.1 && ((step * 10.0).round() - step * 10.0).abs() < 1e-9 {
        1
    } else {
        2
    }
}

/// Draws horizontal grid lines with value labels on the left, and the x axis line.
pub fn draw_value_axis(
    out: &mut String,
    canvas: &Canvas,
    scale: &Scale,
    ticks: &[f64],
    unit: &str,
) {
    let decimals = ticks
        .windows(2)
        .map(|w| decimals_for(w[1] - w[0]))
        .max()
        .unwrap_or(0);
    out.push_str("<g class=\"kp-y-axis\">\n");
    for tick in ticks {
        let y = num(scale.at(*tick));
        let _ = writeln!(
            out,
            "<line class=\"kp-grid\" x1=\"{}\" x2=\"{}\" y1=\"{y}\" y2=\"{y}\"/>\
             <text class=\"kp-label\" x=\"{}\" y=\"{y}\" dy=\"4\" text-anchor=\"end\">{}</text>",
            num(canvas.x0()),
            num(canvas.x1()),
            num(canvas.x0() - 8.0),
            label(*tick, decimals),
        );
    }
    let _ = writeln!(
        out,
        "<text class=\"kp-small\" x=\"{}\" y=\"{}\" text-anchor=\"start\">{}</text>",
        num(canvas.x0() - 8.0),
        num(canvas.y0() - 10.0),
        esc(unit)
    );
    out.push_str("</g>\n");
}

/// Draws the date axis: the baseline, tick marks and labels.
pub fn draw_date_axis(out: &mut String, canvas: &Canvas, dates: &DateScale) {
    let y = canvas.y1();
    out.push_str("<g class=\"kp-x-axis\">\n");
    let _ = writeln!(
        out,
        "<line class=\"kp-axis\" x1=\"{}\" x2=\"{}\" y1=\"{y}\" y2=\"{y}\"/>",
        num(canvas.x0()),
        num(canvas.x1()),
        y = num(y)
    );
    for (day, text) in date_ticks(dates.first, dates.last) {
        let x = num(dates.at(day));
        let _ = writeln!(
            out,
            "<line class=\"kp-axis\" x1=\"{x}\" x2=\"{x}\" y1=\"{}\" y2=\"{}\"/>\
             <text class=\"kp-label\" x=\"{x}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            num(y),
            num(y + 5.0),
            num(y + 20.0),
            esc(&text)
        );
    }
    out.push_str("</g>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn twelve_weeks_are_labelled_every_other_monday() {
        let ticks = date_ticks(date(2026, 8, 29), date(2026, 11, 20));
        assert!(ticks
            .iter()
            .all(|(d, _)| d.weekday() == chrono::Weekday::Mon));
        assert!(ticks.windows(2).all(|w| (w[1].0 - w[0].0).num_days() == 14));
        assert_eq!(ticks[0].1, "Aug 31");
        assert!((5..=7).contains(&ticks.len()));
    }

    #[test]
    fn a_year_is_labelled_by_month_with_the_year_at_january() {
        let ticks = date_ticks(date(2026, 3, 10), date(2027, 2, 20));
        assert_eq!(ticks.first().unwrap().1, "Apr");
        assert!(ticks.iter().any(|(_, t)| t == "Jan 2027"));
        assert_eq!(ticks.len(), 11);
    }

    #[test]
    fn a_single_day_still_gets_a_label() {
        let ticks = date_ticks(date(2026, 5, 1), date(2026, 5, 1));
        assert_eq!(ticks, vec![(date(2026, 5, 1), "May 1".to_string())]);
    }

    #[test]
    fn nice_ticks_cover_the_range_with_round_steps() {
        assert_eq!(
            nice_ticks(0.0, 10.0, 5),
            vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0]
        );
        let ticks = nice_ticks(2.13, 3.87, 5);
        assert!(ticks[0] <= 2.13 && *ticks.last().unwrap() >= 3.87);
        assert!((ticks[1] - ticks[0] - 0.5).abs() < 1e-9);
    }

    #[test]
    fn a_scale_maps_its_ends_and_midpoint() {
        let scale = Scale {
            from: (0.0, 10.0),
            to: (300.0, 100.0),
        };
        assert_eq!(scale.at(0.0), 300.0);
        assert_eq!(scale.at(10.0), 100.0);
        assert_eq!(scale.at(5.0), 200.0);
    }
}
