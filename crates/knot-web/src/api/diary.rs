//! `/api/v1/diary`: list (whole, or a page at a time: [`super::diary_page`]), add, correct
//! (`PUT`, the original is kept) and delete diary entries.
//! A measure arrives already built (`{"kind": "pain", "score": 6, "region": null}`); the
//! application layer checks it with the same rules as the forms and the CLI, so a refused one
//! is a 422 that says what is accepted, and nothing is stored.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, Duration, Utc};
use knot_app::AppError;
use knot_record::{Entry, EntryFilter, Measure, NewEntry, RecordId};
use serde::{Deserialize, Serialize};

use super::diary_page::{filtered_page, PagingQuery};
use crate::app_error::{from_app, nothing_stored};
use crate::auth::ApiUser;
use crate::extract::{BodyExample, JsonBody, PathParam, QueryParams};
use crate::routes::Route;
use crate::{AppState, WebError};

pub(super) fn routes() -> Vec<Route> {
    vec![
        Route::get("/api/v1/diary", list),
        Route::post("/api/v1/diary", add),
        Route::put("/api/v1/diary/{id}", correct),
        Route::delete("/api/v1/diary/{id}", delete),
    ]
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryRequest {
    measure: Measure,
    /// When it applies (RFC 3339); now when left out.
    #[serde(default)]
    recorded_at: Option<DateTime<Utc>>,
    #[serde(default)]
    note: Option<String>,
}

impl BodyExample for EntryRequest {
    const EXAMPLE: &'static str = "{\"measure\": {\"kind\": \"pain\", \"score\": 6, \"region\": \
         \"right-temple\"}, \"recorded_at\": \"2026-03-05T08:30:00Z\", \"note\": \"after work\"}";
}

#[derive(Debug, Deserialize)]
struct ListQuery {
    since: Option<String>,
    until: Option<String>,
    kind: Option<String>,
    #[serde(default)]
    history: bool,
    limit: Option<String>,
    order: Option<String>,
    after: Option<String>,
}

impl ListQuery {
    fn paging(&self) -> PagingQuery<'_> {
        PagingQuery {
            limit: self.limit.as_deref(),
            order: self.order.as_deref(),
            after: self.after.as_deref(),
        }
    }

    /// Whether the list is narrowed (an empty date is no bound, as when left out).
    fn filtered(&self) -> bool {
        let given = |v: &Option<String>| v.as_deref().is_some_and(|v| !v.trim().is_empty());
        given(&self.since) || given(&self.until) || given(&self.kind) || self.history
    }
}

/// The whole list (`next` null), or one page and the cursor of the next (null on the last).
#[derive(Debug, Serialize)]
struct EntryList {
    entries: Vec<Entry>,
    next: Option<String>,
}

impl EntryRequest {
    /// The entry as sent; the application layer checks it.
    fn into_entry(self) -> NewEntry {
        NewEntry {
            recorded_at: self.recorded_at.unwrap_or_else(Utc::now),
            measure: self.measure,
            note: self.note,
        }
    }
}

fn day_start(what: &str, text: Option<&str>) -> Result<Option<DateTime<Utc>>, WebError> {
    let day = crate::progress_load::parse_day(what, text)?;
    Ok(day
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc()))
}

async fn list(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    QueryParams(query): QueryParams<ListQuery>,
) -> Result<Json<EntryList>, WebError> {
    if let Some(request) = query.paging().request()? {
        if query.filtered() {
            return Err(filtered_page());
        }
        let page = super::diary_page::read(&state, &user.ctx(), &request).await?;
        return Ok(Json(EntryList {
            entries: page.entries,
            next: page.next.map(|cursor| cursor.to_string()),
        }));
    }
    let filter = EntryFilter {
        since: day_start("since", query.since.as_deref())?,
        until: day_start("until", query.until.as_deref())?.map(|t| t + Duration::days(1)),
        kind: query.kind,
        include_history: query.history,
    };
    let entries = state
        .app
        .entries(&user.ctx(), &filter)
        .await
        .map_err(from_app)?;
    Ok(Json(EntryList {
        entries,
        next: None,
    }))
}

async fn add(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    JsonBody(request): JsonBody<EntryRequest>,
) -> Result<Response, WebError> {
    let mut stored = state
        .app
        .log_entries(&user.ctx(), vec![request.into_entry()])
        .await
        .map_err(refused)?;
    let entry = stored
        .pop()
        .ok_or_else(|| WebError::Internal("no entry stored".into()))?;
    Ok((StatusCode::CREATED, Json(entry)).into_response())
}

async fn correct(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathParam(id): PathParam<RecordId>,
    JsonBody(request): JsonBody<EntryRequest>,
) -> Result<Json<Entry>, WebError> {
    let entry = state
        .app
        .correct_entry(&user.ctx(), id, request.into_entry())
        .await
        .map_err(refused)?;
    Ok(Json(entry))
}

async fn delete(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathParam(id): PathParam<RecordId>,
) -> Result<Json<Entry>, WebError> {
    let entry = state
        .app
        .delete_entry(&user.ctx(), id)
        .await
        .map_err(from_app)?;
    Ok(Json(entry))
}

/// A refused change: what was wrong, and that nothing was stored.
fn refused(error: AppError) -> WebError {
    nothing_stored(from_app(error))
}
