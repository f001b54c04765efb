//! `/api/v1/sessions`: the guided sessions a person has done, and a finished session sent by a
//! client that ran it. What is sent is checked like the browser's own sessions — a screening is
//! needed first, a treatment the screening blocks is refused (409), and every value must be one
//! a real session can have (422) — before it is stored.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::Utc;
use knot_care::safety::{check_treatment, Permission};
use knot_care::session::store_side;
use knot_store::{NewSession, SessionRecord};
use serde::{Deserialize, Serialize};

use crate::auth::ApiUser;
use crate::extract::{BodyExample, JsonBody, QueryParams};
use crate::records::from_store;
use crate::routes::Route;
use crate::session_check::session_problems;
use crate::{AppState, WebError};

pub(super) fn routes() -> Vec<Route> {
    vec![
        Route::get("/api/v1/sessions", list),
        Route::post("/api/v1/sessions", add),
    ]
}

impl BodyExample for NewSession {
    const EXAMPLE: &'static str = "{\"started_at\": \"2026-03-05T08:30:00Z\", \"ended_at\": \
         \"2026-03-05T08:36:00Z\", \"muscle_id\": \"upper-trapezius\", \"trigger_point_id\": \
         \"upper-trapezius-1\", \"side\": \"right\", \"technique\": \"sustained-compression\", \
         \"tool\": \"thumb\", \"target_discomfort\": 6, \"pain_before\": 6, \"pain_after\": 4, \
         \"holds\": [{\"seconds\": 60, \"discomfort\": [6, 5], \"softened\": true, \"skipped\": \
         false}], \"stretch_done\": true, \"outcome\": \"completed\", \"stop_reason\": null, \
         \"plan_id\": null}";
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
        .store
        .sessions(&user.ctx(), since)
        .await
        .map_err(from_store)?;
    Ok(Json(SessionList { sessions }))
}

async fn add(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    JsonBody(session): JsonBody<NewSession>,
) -> Result<Response, WebError> {
    let atlas = state.reference.atlas;
    let problems = session_problems(atlas, &session, Utc::now());
    if !problems.is_empty() {
        return Err(WebError::Unprocessable(format!(
            "{}. Nothing was stored.",
            problems.join("; ")
        )));
    }
    let ctx = user.ctx();
    let screening = state
        .store
        .latest_screening(&ctx)
        .await
        .map_err(from_store)?
        .ok_or_else(|| {
            WebError::Conflict(
                "take the safety screening first (POST /api/v1/screening); sessions are stored \
                 only after it"
                    .into(),
            )
        })?;
    let point = atlas
        .trigger_points_of(&session.muscle_id)
        .find(|tp| tp.id == session.trigger_point_id && store_side(tp.side) == session.side)
        .ok_or_else(|| WebError::Unprocessable("no such trigger point on that side".into()))?;
    let check = check_treatment(atlas, Some(&screening), point);
    if check.permission == Permission::Blocked {
        return Err(WebError::Conflict(format!(
            "the latest screening rules out treating this trigger point now: {} Update the \
             screening (POST /api/v1/screening) if things have changed.",
            check.messages.join(" ")
        )));
    }
    let stored = state
        .store
        .add_session(&ctx, &session)
        .await
        .map_err(from_store)?;
    Ok((StatusCode::CREATED, Json(stored)).into_response())
}
