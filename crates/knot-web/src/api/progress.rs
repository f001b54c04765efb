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
    let minutes = query
        .utc_offset
        .unwrap_or_else(|| utc_offset_minutes(&headers));
    let offset = FixedOffset::east_opt(minutes.saturating_mul(60)).ok_or_else(|| {
        WebError::BadRequest(format!(
            "utc_offset={minutes} is not an offset; give minutes east of UTC, -840 to 840 \
             (e.g. -300 for New York in winter)"
        ))
    })?;
    let span = Span {
        since: parse_day("since", query.since.as_deref())?,
        until: parse_day("until", query.until.as_deref())?,
        offset,
    };
    Ok(Json(load_report(&state, &user.ctx(), span).await?))
}
