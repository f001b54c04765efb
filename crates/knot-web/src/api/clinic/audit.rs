//! `GET /api/v1/clinic/{clinic}/audit?limit=&before=`: the clinic's audit log for its admins,
//! newest first; pass the last row's id as `before` for the next page.

use axum::extract::State;
use axum::Json;
use knot_app::ClinicAction;
use knot_record::{AuditEvent, ClinicId, RecordId};
use serde::Deserialize;

use super::refused;
use crate::auth::ApiUser;
use crate::extract::{PathParam, QueryParams};
use crate::routes::Route;
use crate::{AppState, WebError};

const DEFAULT_LIMIT: u32 = 100;

pub(super) fn routes() -> Vec<Route> {
    vec![Route::get("/api/v1/clinic/{clinic}/audit", audit)]
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AuditQuery {
    limit: Option<u32>,
    before: Option<RecordId>,
}

async fn audit(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    PathParam(clinic): PathParam<ClinicId>,
    QueryParams(query): QueryParams<AuditQuery>,
) -> Result<Json<Vec<AuditEvent>>, WebError> {
    let ctx = state
        .app
        .clinic_ctx(&user.actor, clinic, ClinicAction::ViewAudit)
        .await
        .map_err(refused)?;
    let rows = state
        .app
        .clinic_audit(&ctx, query.limit.unwrap_or(DEFAULT_LIMIT), query.before)
        .await
        .map_err(refused)?;
    Ok(Json(rows))
}
