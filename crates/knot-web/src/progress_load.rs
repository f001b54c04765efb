//! Reading a person's records and analysing them with `knot-progress`, for the Progress page and
//! `GET /api/v1/progress`: the same report from the same records, with days counted in the
//! person's time zone.

use chrono::{Days, NaiveDate, Utc};
use knot_care::measures::earliest_day;
use knot_progress::Report;
pub(crate) use knot_progress::Span;
use knot_store::TenantCtx;

use crate::records::from_store;
use crate::{AppState, WebError};

/// Reads a `YYYY-MM-DD` query value; `what` names it in the message. Not a date is a 400; a day
/// outside what records can be dated (before 1900, or after tomorrow in UTC, which is today
/// somewhere) is a 422: reports run day by day across the span, so the bounds keep them small.
pub(crate) fn parse_day(what: &str, text: Option<&str>) -> Result<Option<NaiveDate>, WebError> {
    let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    let day = NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
        WebError::BadRequest(format!(
            "{what}={text:?} is not a date; write it as YYYY-MM-DD, e.g. {what}=2026-09-01"
        ))
    })?;
    let earliest = earliest_day();
    let latest = Utc::now().date_naive() + Days::new(1);
    if day < earliest || day > latest {
        return Err(WebError::Unprocessable(format!(
            "{what}={day} is outside the days records can have; give a day from {earliest} to \
             {latest}"
        )));
    }
    Ok(Some(day))
}

/// Checks the days are in order.
fn check(span: &Span) -> Result<(), WebError> {
    match (span.since, span.until) {
        (Some(since), Some(until)) if since > until => Err(WebError::Unprocessable(format!(
            "since={since} is after until={until}; give the earlier day as since"
        ))),
        _ => Ok(()),
    }
}

/// The report over `span` (to today, or the last record if later, when `until` is open).
pub(crate) async fn load_report(
    state: &AppState,
    ctx: &TenantCtx,
    span: Span,
) -> Result<Report, WebError> {
    check(&span)?;
    let today = Utc::now().with_timezone(&span.offset).date_naive();
    knot_progress::load_report(state.store.as_ref(), ctx, span, today)
        .await
        .map_err(from_store)
}
