//! Days in query strings (`since=2026-09-01`), and the progress report over them, for the
//! Progress page and `GET /api/v1/progress`: the same report from the same records as `knot
//! progress`, with days counted in the person's time zone.

use chrono::{NaiveDate, Utc};
use knot_progress::Report;
pub(crate) use knot_progress::Span;
use knot_record::TenantCtx;

use crate::app_error::from_app;
use crate::{AppState, WebError};

/// Reads a `YYYY-MM-DD` query value; `what` names it in the message. Not a date is a 400; a day
/// records cannot have is a 422.
pub(crate) fn parse_day(what: &str, text: Option<&str>) -> Result<Option<NaiveDate>, WebError> {
    let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    let day = NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
        WebError::BadRequest(format!(
            "{what}={text:?} is not a date; write it as YYYY-MM-DD, e.g. {what}=2026-09-01"
        ))
    })?;
    knot_app::check_day(what, day, Utc::now().date_naive()).map_err(from_app)?;
    Ok(Some(day))
}

/// The report over `span` (to today, or the last record if later, when `until` is open).
pub(crate) async fn load_report(
    state: &AppState,
    ctx: &TenantCtx,
    span: Span,
) -> Result<Report, WebError> {
    let today = Utc::now().with_timezone(&span.offset).date_naive();
    state.app.progress(ctx, span, today).await.map_err(from_app)
}
