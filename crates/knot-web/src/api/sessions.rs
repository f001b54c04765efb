//! `/api/v1/sessions`: the guided sessions a person has done, and a finished session sent by a
//! client that ran it. The application layer checks it like the browser's and the terminal's own
//! sessions — a screening is needed first, a treatment the screening blocks is refused (409),
//! and every value must be one a real session can have (422) — before it is stored.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use knot_record::{NewSession, SessionRecord};
use serde::{Deserialize, Serialize};

use super::session_body::SessionBody;
use crate::app_error::{from_app, nothing_stored};
use crate::auth::ApiUser;
use crate::extract::{JsonBody, QueryParams};
use crate::routes::Route;
use crate::{AppState, WebError};

pub(super) fn routes() -> Vec<Route> {
    vec![
        Route::get("/api/v1/sessions", list),
        Route::post("/api/v1/sessions", add),
    ]
}

#[derive(Debug, Deserialize)]
struct ListQuery {
    since: Option<String>,
}

#[derive(Debug, Serialize)]
struct SessionList {
    sessions: Vec<SessionRecord>,
}

async fn list(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    QueryParams(query): QueryParams<ListQuery>,
) -> Result<Json<SessionList>, WebError> {
    let since = crate::progress_load::parse_day("since", query.since.as_deref())?
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc());
    let sessions = state
        .app
        .sessions(&user.ctx(), since)
        .await
        .map_err(from_app)?;
    Ok(Json(SessionList { sessions }))
}

async fn add(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    JsonBody(body): JsonBody<SessionBody>,
) -> Result<Response, WebError> {
    let stored = state
        .app
        .record_session(&user.ctx(), NewSession::from(body))
        .await
        .map_err(|e| nothing_stored(from_app(e)))?;
    Ok((StatusCode::CREATED, Json(stored)).into_response())
}
