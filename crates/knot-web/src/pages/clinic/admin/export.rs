//! `GET /clinic/{clinic}/audit/export?format=csv|json`: the clinic's whole audit log as a
//! download, newest first (`App::export_clinic_audit`): CSV per RFC 4180 with formulas made
//! inert, or a JSON array. Each page of the log read for it is audited, so the export is in
//! the log.

use axum::extract::State;
use axum::response::Response;
use chrono::Utc;
use knot_app::clinic::audit_csv;
use knot_app::ClinicAction;
use knot_record::ClinicId;
use serde::Deserialize;

use super::super::frame::refused;
use crate::auth::PageUser;
use crate::extract::{PathParam, QueryParams};
use crate::routes::Route;
use crate::{AppState, WebError};

pub(super) fn routes() -> Vec<Route> {
    vec![Route::get("/clinic/{clinic}/audit/export", export)]
}

#[derive(Debug, Deserialize)]
struct ExportQuery {
    #[serde(default)]
    format: String,
}

async fn export(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    PathParam(clinic): PathParam<ClinicId>,
    QueryParams(query): QueryParams<ExportQuery>,
) -> Result<Response, WebError> {
    let format = query.format.trim().to_ascii_lowercase();
    if format != "csv" && format != "json" {
        return Err(WebError::BadRequest(format!(
            "format {:?} is not one Knot exports; use the Download CSV or Download JSON button \
             (format=csv or format=json)",
            query.format
        )));
    }
    let ctx = state
        .app
        .clinic_ctx(&user.actor, clinic, ClinicAction::ViewAudit)
        .await
        .map_err(refused)?;
    let rows = state.app.export_clinic_audit(&ctx).await.map_err(refused)?;
    let (body, content_type) = if format == "csv" {
        (audit_csv(&rows), "text/csv; charset=utf-8")
    } else {
        let json = serde_json::to_string_pretty(&rows)
            .map_err(|e| WebError::Internal(format!("audit export: {e}")))?;
        (json, "application/json")
    };
    let date = Utc::now().format("%Y-%m-%d");
    crate::pages::download(
        body,
        content_type,
        &format!("knot-audit-{clinic}-{date}.{format}"),
    )
}
