//! `/api/v1/screening/…`: the questions of the safety screening, a new screening (judged by
//! `knot_care::screen` and stored), and the latest one with its outcome judged by today's rules.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, Utc};
use knot_app::{AppError, JudgedScreening};
use knot_body::Lexicon;
use knot_care::screen::{Group, Question, RuleTable, ScreeningOutcome};
use knot_record::TenantCtx;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::app_error::from_app;
use crate::auth::ApiUser;
use crate::extract::{BodyExample, JsonBody};
use crate::hints;
use crate::routes::Route;
use crate::{AppState, WebError};

pub(super) fn routes() -> Vec<Route> {
    vec![
        Route::get("/api/v1/screening/questions", questions),
        Route::post("/api/v1/screening", submit),
        Route::get("/api/v1/screening/latest", latest),
    ]
}

#[derive(Debug, Serialize)]
struct Questions<'a> {
    version: &'a str,
    groups: &'a [Group],
    questions: &'a [Question],
}

async fn questions() -> Json<Questions<'static>> {
    let table = RuleTable::builtin();
    Json(Questions {
        version: table.version(),
        groups: table.groups(),
        questions: table.questions(),
    })
}

/// Words or a list of words for where it hurt.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Places {
    One(String),
    Many(Vec<String>),
}

impl Places {
    fn terms(self) -> Vec<String> {
        match self {
            Places::One(text) => vec![text],
            Places::Many(list) => list,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ScreeningRequest {
    /// Question id → "yes"/"no", true/false, a number, or places in words.
    answers: BTreeMap<String, Value>,
    #[serde(default)]
    pain_regions: Option<Places>,
    #[serde(default)]
    local: Option<Places>,
}

impl BodyExample for ScreeningRequest {
    const EXAMPLE: &'static str = "{\"answers\": {\"chest-pain\": \"no\", \"age\": 45, …}, \
         \"pain_regions\": \"right shoulder, neck\"} (GET /api/v1/screening/questions lists the \
         questions)";
}

/// A stored screening with its outcome.
#[derive(Debug, Serialize)]
struct ScreeningReply {
    id: i64,
    taken_at: DateTime<Utc>,
    rules_version: String,
    answers: BTreeMap<String, String>,
    pain_regions: Vec<String>,
    local_regions: Vec<String>,
    outcome: ScreeningOutcome,
}

fn reply(judged: JudgedScreening) -> ScreeningReply {
    let JudgedScreening {
        screening: stored,
        outcome,
    } = judged;
    let screening = stored.screening;
    ScreeningReply {
        id: stored.id,
        taken_at: screening.taken_at,
        rules_version: screening.rules_version,
        answers: screening.answers.into_iter().collect(),
        pain_regions: screening.pain_regions,
        local_regions: screening.local_regions,
        outcome,
    }
}

fn answer_text(value: &Value) -> String {
    match value {
        Value::Bool(true) => "yes".into(),
        Value::Bool(false) => "no".into(),
        Value::String(text) => text.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

async fn submit(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    JsonBody(request): JsonBody<ScreeningRequest>,
) -> Result<Response, WebError> {
    save(&state, &user.ctx(), request, from_app).await
}

/// Judges and stores a screening for `ctx` (the person's own, or a clinic's client): 201 with
/// the outcome, 422 naming every unusable answer.
pub(super) async fn save(
    state: &AppState,
    ctx: &TenantCtx,
    request: ScreeningRequest,
    refused: fn(AppError) -> WebError,
) -> Result<Response, WebError> {
    let raw: Vec<(String, String)> = request
        .answers
        .iter()
        .map(|(id, value)| (id.clone(), answer_text(value)))
        .collect();
    let pain = request.pain_regions.map(Places::terms).unwrap_or_default();
    let local = request.local.map(Places::terms).unwrap_or_default();
    let new = RuleTable::builtin()
        .build_screening(&raw, &pain, &local, Utc::now(), Lexicon::builtin())
        .map_err(|errors| {
            let lines: Vec<String> = errors.iter().map(hints::api_answer_error).collect();
            WebError::Unprocessable(format!("{}. Nothing was stored.", lines.join("; ")))
        })?;
    let stored = state.app.save_screening(ctx, &new).await.map_err(refused)?;
    Ok((StatusCode::CREATED, Json(reply(stored))).into_response())
}

async fn latest(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
) -> Result<Response, WebError> {
    latest_of(&state, &user.ctx(), from_app, "POST /api/v1/screening").await
}

/// The latest screening of `ctx`, or 404 saying where to send one (`take_with`).
pub(super) async fn latest_of(
    state: &AppState,
    ctx: &TenantCtx,
    refused: fn(AppError) -> WebError,
    take_with: &str,
) -> Result<Response, WebError> {
    let latest = state
        .app
        .latest_screening(ctx)
        .await
        .map_err(refused)?
        .ok_or_else(|| {
            WebError::not_found(
                format!(
                    "no screening yet; take one with {take_with} (GET \
                     /api/v1/screening/questions lists the questions)"
                ),
                Vec::new(),
            )
        })?;
    Ok(Json(reply(latest)).into_response())
}
