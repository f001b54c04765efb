//! How a report's period is chosen from the asked days and the records read for it.

#![allow(clippy::unwrap_used)] // tests: a panic is the failure report

mod fixture;

use chrono::FixedOffset;
use fixture::{day, Diary};
use knot_progress::{period_for, Span};

fn open(offset: FixedOffset) -> Span {
    Span {
        since: None,
        until: None,
        offset,
    }
}

#[test]
fn an_open_period_runs_to_today_when_every_record_is_older() {
    let mut diary = Diary::default();
    diary.pain(0, 6);
    diary.pain(3, 5);
    let utc = FixedOffset::east_opt(0).unwrap();
    let period = period_for(open(utc), day(7), &diary.entries, &diary.sessions);
    assert_eq!(period.until, day(7));
    assert_eq!(period.since, None);
}

#[test]
fn an_open_period_runs_to_a_record_dated_after_today() {
    let mut diary = Diary::default();
    diary.pain(0, 6);
    diary.pain(12, 4);
    let utc = FixedOffset::east_opt(0).unwrap();
    let period = period_for(open(utc), day(7), &diary.entries, &diary.sessions);
    assert_eq!(period.until, day(12));
}

#[test]
fn the_last_record_day_is_counted_in_the_spans_offset() {
    let mut diary = Diary::default();
    // Recorded at 09:00 UTC on day 10, which is 23:00 on day 9 at UTC-10.
    diary.pain(10, 4);
    let behind = FixedOffset::west_opt(10 * 3600).unwrap();
    let period = period_for(open(behind), day(2), &diary.entries, &diary.sessions);
    assert_eq!(period.until, day(9));
    assert_eq!(period.offset, behind);
}

#[test]
fn an_asked_last_day_wins_over_later_records() {
    let mut diary = Diary::default();
    diary.pain(0, 6);
    diary.pain(20, 3);
    let utc = FixedOffset::east_opt(0).unwrap();
    let span = Span {
        since: Some(day(1)),
        until: Some(day(5)),
        offset: utc,
    };
    let period = period_for(span, day(30), &diary.entries, &diary.sessions);
    assert_eq!((period.since, period.until), (Some(day(1)), day(5)));
}
