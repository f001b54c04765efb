//! `/api/v1/diary`: list, add, correct (`PUT`, the original is kept) and delete diary entries.
//! A measure arrives already built (`{"kind": "pain", "score": 6, "region": null}`); it is
//! checked by `knot_care::measures::validate` with the same rules as the forms, so a refused
//! one is a 422 that says what is accepted, and nothing is stored.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, Duration, Utc};
use knot_care::measures::{check_when, earliest_day, remark, validate, OutOfBounds};
use knot_store::{Entry, EntryFilter, Measure, NewEntry, RecordId};
use serde::{Deserialize, Serialize};

use crate::auth::ApiUser;
use crate::extract::{BodyExample, JsonBody, PathParam, QueryParams};
use crate::hints::{self, sentences};
use crate::records::from_store;
use crate::routes::Route;
use crate::text_checks::{free_text, measure_text};
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
}

#[derive(Debug, Serialize)]
struct EntryList {
    entries: Vec<Entry>,
}

/// The entry to store, or why not.
fn checked(state: &AppState, request: EntryRequest) -> Result<NewEntry, WebError> {
    let refuse =
        |message: String| WebError::Unprocessable(sentences(&message, "Nothing was stored."));
    let measure = measure_text(request.measure)
        .map_err(|(field, problem)| refuse(problem.describe(&format!("measure.{field}"))))?;
    validate(state.reference.atlas, &measure).map_err(|e| refuse(hints::api_measure_error(&e)))?;
    let note = request
        .note
        .as_deref()
        .map(remark)
        .transpose()
        .map_err(|e| refuse(hints::api_measure_error(&e)))?
        .map(|note| free_text(&note).map_err(|p| refuse(p.describe("the note"))))
        .transpose()?;
    let now = Utc::now();
    let recorded_at = request.recorded_at.unwrap_or(now);
    match check_when(recorded_at, now) {
        Ok(()) => {}
        Err(OutOfBounds::Future) => {
            return Err(refuse(
                "recorded_at is in the future; a diary entry records something that happened"
                    .into(),
            ))
        }
        Err(OutOfBounds::TooEarly) => {
            return Err(refuse(format!(
                "recorded_at is before {}; check the year",
                earliest_day()
            )))
        }
    }
    Ok(NewEntry {
        recorded_at,
        measure,
        note,
    })
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
    const KINDS: &[&str] = &["pain", "threshold", "range_of_motion", "function", "note"];
    if let Some(kind) = query.kind.as_deref().filter(|k| !KINDS.contains(k)) {
        return Err(WebError::BadRequest(format!(
            "kind={kind:?} is not a kind of entry; use one of {}",
            KINDS.join(", ")
        )));
    }
    let filter = EntryFilter {
        since: day_start("since", query.since.as_deref())?,
        until: day_start("until", query.until.as_deref())?.map(|t| t + Duration::days(1)),
        kind: query.kind,
        include_history: query.history,
    };
    let entries = state
        .store
        .entries(&user.ctx(), &filter)
        .await
        .map_err(from_store)?;
    Ok(Json(EntryList { entries }))
}

async fn add(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    JsonBody(request): JsonBody<EntryRequest>,
) -> Result<Response, WebError> {
    let new = checked(&state, request)?;
    let entry = state
        .store
        .add_entry(&user.ctx(), &new)
        .await
        .map_err(from_store)?;
    Ok((StatusCode::CREATED, Json(entry)).into_response())
}

async fn correct(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathParam(id): PathParam<RecordId>,
    JsonBody(request): JsonBody<EntryRequest>,
) -> Result<Json<Entry>, WebError> {
    let new = checked(&state, request)?;
    let entry = state
        .store
        .correct_entry(&user.ctx(), id, &new)
        .await
        .map_err(from_store)?;
    Ok(Json(entry))
}

async fn delete(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathParam(id): PathParam<RecordId>,
) -> Result<Json<Entry>, WebError> {
    let entry = state
        .store
        .delete_entry(&user.ctx(), id)
        .await
        .map_err(from_store)?;
    Ok(Json(entry))
}
