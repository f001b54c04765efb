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

use super::session_body::SessionBody;
use crate::auth::ApiUser;
use crate::extract::{JsonBody, QueryParams};
use crate::hints::sentences;
use crate::records::from_store;
use crate::routes::Route;
use crate::session_check::{session_problems, tidied};
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
        .store
        .sessions(&user.ctx(), since)
        .await
        .map_err(from_store)?;
    Ok(Json(SessionList { sessions }))
}

async fn add(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    JsonBody(body): JsonBody<SessionBody>,
) -> Result<Response, WebError> {
    let atlas = state.reference.atlas;
    let session = NewSession::from(body);
    let problems = session_problems(atlas, &session, Utc::now());
    if !problems.is_empty() {
        return Err(WebError::Unprocessable(sentences(
            &problems.join("; "),
            "Nothing was stored.",
        )));
    }
    let session = tidied(session);
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
        return Err(WebError::Conflict(sentences(
            &format!(
                "the latest screening rules out treating this trigger point now: {}",
                check.messages.join(" ")
            ),
            "Update the screening (POST /api/v1/screening) if things have changed.",
        )));
    }
    let stored = state
        .store
        .add_session(&ctx, &session)
        .await
        .map_err(from_store)?;
    Ok((StatusCode::CREATED, Json(stored)).into_response())
}
