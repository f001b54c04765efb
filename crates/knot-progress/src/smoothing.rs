//! Daily means and the smoothed line drawn through them.
//!
//! The smoothed line is a centred moving average over calendar days: each day with data gets
//! the mean of the daily values within `half_width` days either side (a 7-day window by
//! default). It was chosen over local regression because a person can check it by hand ("the
//! average of the week around that day"), it never overshoots the data at the ends, and a
//! week-wide window evens out weekday/weekend patterns. Days without data are skipped, not
//! filled, so gaps in the diary do not pull the line toward zero; near the ends the window
//! holds fewer days and the line follows the data more closely.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

/// One day's value: a mean of that day's readings, or a smoothed value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DayValue {
    pub day: NaiveDate,
    pub value: f64,
    /// How many readings (or daily values, for smoothed points) went into it.
    pub n: usize,
}

/// The arithmetic mean, `None` for no values.
pub fn mean(values: impl IntoIterator<Item = f64>) -> Option<f64> {
    let (sum, count) = values
        .into_iter()
        .fold((0.0, 0usize), |(sum, count), v| (sum + v, count + 1));
    (count > 0).then(|| sum / count as f64)
}

/// Groups readings by day and averages each day, oldest day first.
pub fn daily_means(readings: impl IntoIterator<Item = (NaiveDate, f64)>) -> Vec<DayValue> {
    let mut by_day: BTreeMap<NaiveDate, (f64, usize)> = BTreeMap::new();
    for (day, value) in readings {
        let slot = by_day.entry(day).or_insert((0.0, 0));
        slot.0 += value;
        slot.1 += 1;
    }
    by_day
        .into_iter()
        .map(|(day, (sum, n))| DayValue {
            day,
            value: sum / n as f64,
            n,
        })
        .collect()
}

/// The centred moving average of daily values (sorted by day) over ±`half_width` days.
pub fn centred_moving_average(days: &[DayValue], half_width: i64) -> Vec<DayValue> {
    let mut start = 0;
    let mut end = 0;
    let mut out = Vec::with_capacity(days.len());
    for current in days {
        while (current.day - days[start].day).num_days() > half_width {
            start += 1;
        }
        while end < days.len() && (days[end].day - current.day).num_days() <= half_width {
            end += 1;
        }
        let window = &days[start..end];
        let value = mean(window.iter().map(|d| d.value)).unwrap_or(current.value);
        out.push(DayValue {
            day: current.day,
            value,
            n: window.len(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(offset: i64) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Duration::days(offset)
    }

    #[test]
    fn daily_means_average_each_day_and_sort_by_day() {
        let days = daily_means([(day(2), 4.0), (day(0), 6.0), (day(2), 2.0)]);
        assert_eq!(days.len(), 2);
        assert_eq!((days[0].day, days[0].value, days[0].n), (day(0), 6.0, 1));
        assert_eq!((days[1].day, days[1].value, days[1].n), (day(2), 3.0, 2));
    }

    #[test]
    fn moving_average_uses_calendar_days_not_neighbouring_entries() {
        // Day 10 is more than 3 days from the others, so it is averaged alone.
        let days = daily_means([(day(0), 2.0), (day(1), 4.0), (day(10), 9.0)]);
        let smooth = centred_moving_average(&days, 3);
        assert_eq!(smooth[0].value, 3.0);
        assert_eq!(smooth[1].value, 3.0);
        assert_eq!(smooth[2].value, 9.0);
        assert_eq!(smooth[2].n, 1);
    }

    #[test]
    fn moving_average_of_a_straight_line_is_the_line_away_from_the_ends() {
        let days = daily_means((0..20).map(|i| (day(i), i as f64 * 0.5)));
        let smooth = centred_moving_average(&days, 3);
        for (raw, smoothed) in days.iter().zip(&smooth).skip(3).take(14) {
            assert!((raw.value - smoothed.value).abs() < 1e-9);
        }
    }

    proptest! {
        #[test]
        fn smoothing_a_constant_series_gives_the_constant(
            value in 0.0f64..10.0,
            gaps in proptest::collection::vec(1i64..5, 1..60),
            half_width in 0i64..10,
        ) {
            let mut offset = 0;
            let readings = gaps.iter().map(|gap| { offset += gap; (day(offset), value) });
            let days = daily_means(readings);
            for point in centred_moving_average(&days, half_width) {
                prop_assert!((point.value - value).abs() < 1e-9);
            }
        }

        #[test]
        fn smoothed_values_stay_within_the_range_of_the_data(
            values in proptest::collection::vec(0.0f64..10.0, 1..80),
        ) {
            let days = daily_means(values.iter().enumerate().map(|(i, v)| (day(i as i64), *v)));
            let low = values.iter().cloned().fold(f64::INFINITY, f64::min);
            let high = values.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
            for point in centred_moving_average(&days, 3) {
                prop_assert!(point.value >= low - 1e-9 && point.value <= high + 1e-9);
            }
        }
    }
}
