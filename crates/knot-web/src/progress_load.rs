//! Reading a person's records and analysing them with `knot-progress`, for the Progress page and
//! `GET /api/v1/progress`: the same report from the same records, with days counted in the
//! person's time zone.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone, Utc};
use knot_progress::{analyse, Inputs, Period, Report, Settings};
use knot_store::{EntryFilter, TenantCtx};

use crate::records::from_store;
use crate::{AppState, WebError};

/// Which days to analyse.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Span {
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub offset: FixedOffset,
}

/// Reads a `YYYY-MM-DD` query value; `what` names it in the message.
pub(crate) fn parse_day(what: &str, text: Option<&str>) -> Result<Option<NaiveDate>, WebError> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(text) => NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| {
                WebError::BadRequest(format!(
                    "{what}={text:?} is not a date; write it as YYYY-MM-DD, e.g. {what}=2026-09-01"
                ))
            }),
    }
}

impl Span {
    /// Checks the days are in order.
    pub fn check(&self) -> Result<(), WebError> {
        match (self.since, self.until) {
            (Some(since), Some(until)) if since > until => Err(WebError::BadRequest(format!(
                "since={since} is after until={until}; give the earlier day as since"
            ))),
            _ => Ok(()),
        }
    }
}

/// The start of a local day, in UTC.
fn start_of(day: NaiveDate, offset: FixedOffset) -> Option<DateTime<Utc>> {
    offset
        .from_local_datetime(&day.and_hms_opt(0, 0, 0)?)
        .single()
        .map(|t| t.with_timezone(&Utc))
}

/// The report over `span` (to today, or the last record if later, when `until` is open).
pub(crate) async fn load_report(
    state: &AppState,
    ctx: &TenantCtx,
    span: Span,
) -> Result<Report, WebError> {
    span.check()?;
    let offset = span.offset;
    let from = span.since.and_then(|d| start_of(d, offset));
    let filter = EntryFilter {
        since: from,
        until: span
            .until
            .and_then(|d| start_of(d + Duration::days(1), offset)),
        kind: None,
        include_history: false,
    };
    let store = &state.store;
    let entries = store.entries(ctx, &filter).await.map_err(from_store)?;
    let sessions = store.sessions(ctx, from).await.map_err(from_store)?;
    let plan = store.active_plan(ctx).await.map_err(from_store)?;
    let day_of = |at: DateTime<Utc>| at.with_timezone(&offset).date_naive();
    let today = day_of(Utc::now());
    let last_record = entries
        .iter()
        .map(|e| day_of(e.entry.recorded_at))
        .chain(sessions.iter().map(|s| day_of(s.session.started_at)))
        .max();
    let until = span
        .until
        .unwrap_or_else(|| last_record.map_or(today, |last| last.max(today)));
    let period = Period {
        since: span.since,
        until,
        offset,
    };
    let inputs = Inputs {
        entries: &entries,
        sessions: &sessions,
        plan: plan.as_ref(),
    };
    Ok(analyse(inputs, period, &Settings::default()))
}
