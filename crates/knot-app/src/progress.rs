//! The progress report: the records of the asked days, read in one store call from one snapshot,
//! analysed by `knot-progress`. The CLI and the web ask the same question and get the same
//! report.

use chrono::{Days, NaiveDate};
use knot_care::measures::earliest_day;
use knot_progress::{report_of, Report, Span};
use knot_record::TenantCtx;

use crate::error::{AppError, AppResult};
use crate::App;

impl App {
    /// The report over `span`; `today` is the person's current day (in `span.offset`). Days
    /// must be in order and within what records can be dated: reports run day by day, so the
    /// bounds keep them small.
    pub async fn progress(
        &self,
        ctx: &TenantCtx,
        span: Span,
        today: NaiveDate,
    ) -> AppResult<Report> {
        check_span(&span, today)?;
        let records = self
            .store
            .report_records(ctx, &span.entry_filter(), span.sessions_since())
            .await?;
        Ok(report_of(&records, span, today))
    }
}

/// Whether `day` (called `what`) is one records can have: from 1900 to tomorrow (today
/// somewhere ahead of the person).
pub fn check_day(what: &str, day: NaiveDate, today: NaiveDate) -> AppResult<()> {
    let earliest = earliest_day();
    let latest = today + Days::new(1);
    if day < earliest || day > latest {
        return Err(AppError::invalid(format!(
            "{what} {day} is outside the days records can have; give a day from {earliest} to \
             {latest}"
        )));
    }
    Ok(())
}

/// Days in order, each one records can have.
fn check_span(span: &Span, today: NaiveDate) -> AppResult<()> {
    for (what, day) in [("since", span.since), ("until", span.until)] {
        if let Some(day) = day {
            check_day(what, day, today)?;
        }
    }
    match (span.since, span.until) {
        (Some(since), Some(until)) if since > until => Err(AppError::invalid(format!(
            "since {since} is after until {until}; give the earlier day as since"
        ))),
        _ => Ok(()),
    }
}
