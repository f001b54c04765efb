//! `/api/v1/plan`: build a home plan (`POST`) and read the active one with where today stands in
//! it (`GET`). The plan's JSON is `knot_app::PlanView`, the same object `knot plan --json`
//! prints. The application layer decides everything: which points are usable (422), that a
//! plan is saved only with a screening on record (409; a dry run needs none), which sitting is
//! next today and how much pressure time today's sessions used.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, FixedOffset, NaiveTime, Utc};
use knot_app::{PlanRequest, PlanView, Today};
use knot_care::hint::Hint;
use knot_care::plan::DEFAULT_CAP_MINUTES;
use knot_record::{PlanItem, Side};
use serde::{Deserialize, Serialize};

use super::progress::client_offset;
use crate::app_error::{from_app, nothing_stored};
use crate::auth::ApiUser;
use crate::extract::{BodyExample, JsonBody, QueryParams};
use crate::hints;
use crate::routes::Route;
use crate::{AppState, WebError};

pub(super) fn routes() -> Vec<Route> {
    vec![
        Route::get("/api/v1/plan", active),
        Route::post("/api/v1/plan", build),
    ]
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PlanBody {
    #[serde(default)]
    trigger_points: Vec<String>,
    #[serde(default)]
    muscles: Vec<String>,
    #[serde(default)]
    side: Option<Side>,
    #[serde(default = "default_cap")]
    cap_minutes: u32,
    #[serde(default)]
    dry_run: bool,
}

fn default_cap() -> u32 {
    DEFAULT_CAP_MINUTES
}

impl BodyExample for PlanBody {
    const EXAMPLE: &'static str = "{\"trigger_points\": [\"upper-trapezius-1:right\"], \
         \"muscles\": [\"levator scapulae\"], \"side\": \"right\", \"cap_minutes\": 20, \
         \"dry_run\": false}";
}

impl From<PlanBody> for PlanRequest {
    fn from(body: PlanBody) -> PlanRequest {
        PlanRequest {
            trigger_points: body.trigger_points,
            muscles: body.muscles,
            side: body.side,
            cap_minutes: body.cap_minutes,
            dry_run: body.dry_run,
        }
    }
}

#[derive(Debug, Deserialize)]
struct TodayQuery {
    utc_offset: Option<i32>,
}

/// The active plan and where today stands in it.
#[derive(Debug, Serialize)]
struct ActivePlan {
    #[serde(flatten)]
    plan: PlanView,
    today: TodayView,
}

/// Where today stands in the plan.
#[derive(Debug, Serialize)]
pub(crate) struct TodayView {
    /// The next sitting; `None` when every sitting is done today.
    pub next_sitting: Option<u32>,
    /// The items of the next sitting.
    pub items_left: Vec<PlanItem>,
    pub pressure_seconds_used: u32,
    pub cap_seconds: u32,
}

impl From<&Today> for TodayView {
    fn from(today: &Today) -> TodayView {
        let (next_sitting, items_left) = match &today.next {
            Some((sitting, items)) => (Some(*sitting), items.clone()),
            None => (None, Vec::new()),
        };
        TodayView {
            next_sitting,
            items_left,
            pressure_seconds_used: today.pressure_seconds_used,
            cap_seconds: today.plan.plan.daily_pressure_cap_seconds,
        }
    }
}

/// Midnight at the start of the person's today, in UTC.
pub(crate) fn start_of_today(offset: FixedOffset, now: DateTime<Utc>) -> DateTime<Utc> {
    now.with_timezone(&offset)
        .with_time(NaiveTime::MIN)
        .single()
        .map_or(now, |t| t.with_timezone(&Utc))
}

async fn build(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    JsonBody(body): JsonBody<PlanBody>,
) -> Result<Response, WebError> {
    let request = PlanRequest::from(body);
    let built = state
        .app
        .build_plan(&user.ctx(), &request)
        .await
        .map_err(|error| match request.dry_run {
            true => from_app(error),
            false => nothing_stored(from_app(error)),
        })?;
    let status = match built.id {
        Some(_) => StatusCode::CREATED,
        None => StatusCode::OK,
    };
    Ok((status, Json(PlanView::from(built))).into_response())
}

async fn active(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    headers: HeaderMap,
    QueryParams(query): QueryParams<TodayQuery>,
) -> Result<Json<ActivePlan>, WebError> {
    let offset = client_offset(query.utc_offset, &headers)?;
    let today = state
        .app
        .today(&user.ctx(), start_of_today(offset, Utc::now()))
        .await
        .map_err(from_app)?
        .ok_or_else(|| {
            WebError::not_found(
                hints::api("there is no home plan yet.", &Hint::BuildPlan),
                Vec::new(),
            )
        })?;
    Ok(Json(ActivePlan {
        plan: PlanView::from(&today.plan),
        today: TodayView::from(&today),
    }))
}
