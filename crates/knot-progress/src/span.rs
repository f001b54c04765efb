//! The days a report covers ([`Span`]), what to read from the store for them, and the report
//! of what was read. The application layer (`knot-app`) reads the records in one store call and
//! one snapshot, then calls [`report_of`]; so the CLI (`knot progress`) and the web app (the
//! Progress page, `GET /api/v1/progress`) read the same records the same way. `today` comes from
//! the caller, so the crate reads no clock.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone, Utc};
use knot_record::{Entry, EntryFilter, ReportRecords, SessionRecord};

use crate::period::Period;
use crate::report::{analyse, Inputs, Report};
use crate::settings::Settings;

/// Which days to analyse, counted in `offset`; either end may be open.
#[derive(Debug, Clone, Copy)]
pub struct Span {
    /// The first day; `None` starts at the first record.
    pub since: Option<NaiveDate>,
    /// The last day; `None` runs to today, or to the last record if one is dated later.
    pub until: Option<NaiveDate>,
    pub offset: FixedOffset,
}

impl Span {
    /// The diary entries a report over the span reads: current ones, recorded within its days.
    pub fn entry_filter(&self) -> EntryFilter {
        EntryFilter {
            since: self.first_moment(),
            until: self
                .until
                .and_then(|d| start_of(d + Duration::days(1), self.offset)),
            kind: None,
            include_history: false,
        }
    }

    /// The sessions a report over the span reads: those started from its first day on.
    pub fn sessions_since(&self) -> Option<DateTime<Utc>> {
        self.first_moment()
    }

    fn first_moment(&self) -> Option<DateTime<Utc>> {
        self.since.and_then(|d| start_of(d, self.offset))
    }
}

/// The report over `span` of the records read for it, with `today` the current day in
/// `span.offset`.
pub fn report_of(records: &ReportRecords, span: Span, today: NaiveDate) -> Report {
    let inputs = Inputs {
        entries: &records.entries,
        sessions: &records.sessions,
        plan: records.plan.as_ref(),
    };
    let period = period_for(span, today, &records.entries, &records.sessions);
    analyse(inputs, period, &Settings::default())
}

/// The period of `span`: an open end runs to today, or to the last record if one is dated
/// later (a record entered with a time zone ahead of this one).
pub fn period_for(
    span: Span,
    today: NaiveDate,
    entries: &[Entry],
    sessions: &[SessionRecord],
) -> Period {
    let day_of = |at: DateTime<Utc>| at.with_timezone(&span.offset).date_naive();
    let last_record = entries
        .iter()
        .map(|e| day_of(e.entry.recorded_at))
        .chain(sessions.iter().map(|s| day_of(s.session.started_at)))
        .max();
    let until = span
        .until
        .unwrap_or_else(|| last_record.map_or(today, |last| last.max(today)));
    Period {
        since: span.since,
        until,
        offset: span.offset,
    }
}

/// The start of a local day, in UTC.
fn start_of(day: NaiveDate, offset: FixedOffset) -> Option<DateTime<Utc>> {
    offset
        .from_local_datetime(&day.and_hms_opt(0, 0, 0)?)
        .single()
        .map(|t| t.with_timezone(&Utc))
}
