//! Reading what a report needs from the store — the diary entries and sessions of the asked
//! days and the active plan, in one call and one snapshot — and analysing them. The CLI (`knot progress`) and the web app
//! (the Progress page, `GET /api/v1/progress`) both call [`load_report`], so they read the same
//! records the same way. It reads only through the `Store` trait and takes `today` from the
//! caller, so the crate still reads no clock.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone, Utc};
use knot_store::{Entry, EntryFilter, SessionRecord, Store, StoreError, TenantCtx};

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

/// The report over `span`, with `today` the current day in `span.offset`.
pub async fn load_report(
    store: &dyn Store,
    ctx: &TenantCtx,
    span: Span,
    today: NaiveDate,
) -> Result<Report, StoreError> {
    let from = span.since.and_then(|d| start_of(d, span.offset));
    let filter = EntryFilter {
        since: from,
        until: span
            .until
            .and_then(|d| start_of(d + Duration::days(1), span.offset)),
        kind: None,
        include_history: false,
    };
    let records = store.report_records(ctx, &filter, from).await?;
    let inputs = Inputs {
        entries: &records.entries,
        sessions: &records.sessions,
        plan: records.plan.as_ref(),
    };
    let period = period_for(span, today, &records.entries, &records.sessions);
    Ok(analyse(inputs, period, &Settings::default()))
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
