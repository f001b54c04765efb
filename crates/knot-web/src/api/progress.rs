//! `GET /api/v1/progress`: the whole `knot-progress` analysis of the person's diary and sessions
//! as JSON (what `knot progress --json` prints), with days counted in the offset the client
//! gives (`utc_offset` in minutes east; the page script's cookie, or UTC, otherwise).

use axum::extract::State;
use axum::http::HeaderMap;
use axum::Json;
use chrono::FixedOffset;
use knot_progress::Report;
use serde::Deserialize;

use crate::auth::cookies::utc_offset_minutes;
use crate::auth::ApiUser;
use crate::extract::QueryParams;
use crate::progress_load::{load_report, parse_day, Span};
use crate::routes::Route;
use crate::{AppState, WebError};

pub(super) fn routes() -> Vec<Route> {
    vec![Route::get("/api/v1/progress", progress)]
}

/// UTC+14:00 (Kiribati), the farthest any zone is from UTC; the same bound either way.
const MAX_OFFSET_MINUTES: i32 = 14 * 60;

#[derive(Debug, Deserialize)]
struct ProgressQuery {
    since: Option<String>,
    until: Option<String>,
    utc_offset: Option<i32>,
}

async fn progress(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    headers: HeaderMap,
    QueryParams(query): QueryParams<ProgressQuery>,
) -> Result<Json<Report>, WebError> {
    let offset = client_offset(query.utc_offset, &headers)?;
    let span = Span {
        since: parse_day("since", query.since.as_deref())?,
        until: parse_day("until", query.until.as_deref())?,
        offset,
    };
    Ok(Json(load_report(&state, &user.ctx(), span).await?))
}

/// The offset to count days in: `utc_offset` (minutes east) when given, else the page script's
/// cookie, else UTC.
pub(super) fn client_offset(
    utc_offset: Option<i32>,
    headers: &HeaderMap,
) -> Result<FixedOffset, WebError> {
    let minutes = utc_offset.unwrap_or_else(|| utc_offset_minutes(headers));
    // Real zones run from UTC-12:00 to UTC+14:00; chrono would accept almost a day either way.
    Some(minutes)
        .filter(|m| (-MAX_OFFSET_MINUTES..=MAX_OFFSET_MINUTES).contains(m))
        .and_then(|m| FixedOffset::east_opt(m * 60))
        .ok_or_else(|| {
            WebError::Unprocessable(format!(
                "utc_offset={minutes} is not an offset; give minutes east of UTC, \
                 -{MAX_OFFSET_MINUTES} to {MAX_OFFSET_MINUTES} (e.g. -300 for New York in winter)"
            ))
        })
}
