//! `GET /clinic/{clinic}/audit/export?format=csv|json`: the clinic's whole audit log as a
//! download, newest first. CSV follows RFC 4180 and neutralises cells a spreadsheet would read
//! as a formula (a leading `=`, `+`, `-` or `@` gets a `'`); JSON is an array of rows. Each page
//! read for it is audited, so the export is in the log.

use axum::extract::State;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};
use chrono::{SecondsFormat, Utc};
use knot_app::clinic::MAX_AUDIT_PAGE;
use knot_app::ClinicAction;
use knot_record::{AuditEvent, ClinicCtx, ClinicId};
use serde::{Deserialize, Serialize};

use super::super::frame::refused;
use super::names::Names;
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

/// One row of the export.
#[derive(Debug, Serialize)]
struct ExportRow {
    id: i64,
    at: String,
    user_id: i64,
    who: String,
    action: String,
    record: String,
    record_id: Option<i64>,
    client_id: Option<i64>,
    client: String,
    address: Option<String>,
    session: Option<String>,
}

const HEADER: [&str; 11] = [
    "id",
    "at",
    "user_id",
    "who",
    "action",
    "record",
    "record_id",
    "client_id",
    "client",
    "address",
    "session",
];

impl ExportRow {
    fn new(event: &AuditEvent, names: &Names) -> ExportRow {
        ExportRow {
            id: event.id,
            at: event.at.to_rfc3339_opts(SecondsFormat::Secs, true),
            user_id: event.user_id,
            who: names.who(event),
            action: event.action.clone(),
            record: event.record.clone(),
            record_id: event.record_id,
            client_id: event.person_id,
            client: names.client(event),
            address: event.address.clone(),
            session: event.session.clone(),
        }
    }

    fn cells(&self) -> [String; 11] {
        let opt = |value: Option<i64>| value.map(|v| v.to_string()).unwrap_or_default();
        [
            self.id.to_string(),
            self.at.clone(),
            self.user_id.to_string(),
            self.who.clone(),
            self.action.clone(),
            self.record.clone(),
            opt(self.record_id),
            opt(self.client_id),
            self.client.clone(),
            self.address.clone().unwrap_or_default(),
            self.session.clone().unwrap_or_default(),
        ]
    }
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
    let names = Names::load(&state, &ctx).await?;
    let rows: Vec<ExportRow> = whole_log(&state, &ctx)
        .await?
        .iter()
        .map(|event| ExportRow::new(event, &names))
        .collect();
    let date = Utc::now().format("%Y-%m-%d");
    let (body, content_type) = if format == "csv" {
        (csv(&rows), "text/csv; charset=utf-8")
    } else {
        let json = serde_json::to_string_pretty(&rows)
            .map_err(|e| WebError::Internal(format!("audit export: {e}")))?;
        (json, "application/json")
    };
    let disposition = format!("attachment; filename=\"knot-audit-{clinic}-{date}.{format}\"");
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(
        CONTENT_DISPOSITION,
        HeaderValue::from_str(&disposition)
            .map_err(|e| WebError::Internal(format!("audit export header: {e}")))?,
    );
    Ok(response)
}

/// Every row of the clinic's log, newest first, a full page at a time.
async fn whole_log(state: &AppState, ctx: &ClinicCtx) -> Result<Vec<AuditEvent>, WebError> {
    let mut all: Vec<AuditEvent> = Vec::new();
    loop {
        let before = all.last().map(|event| event.id);
        let page = state
            .app
            .clinic_audit(ctx, MAX_AUDIT_PAGE, before)
            .await
            .map_err(refused)?;
        let full = page.len() == MAX_AUDIT_PAGE as usize;
        all.extend(page);
        if !full {
            return Ok(all);
        }
    }
}

/// The rows as RFC 4180 CSV with a header row and CRLF line ends.
fn csv(rows: &[ExportRow]) -> String {
    let mut out = String::new();
    out.push_str(&HEADER.join(","));
    out.push_str("\r\n");
    for row in rows {
        let cells: Vec<String> = row.cells().iter().map(|cell| csv_cell(cell)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// One cell: a spreadsheet formula made inert with a leading `'`, then quoted when it holds a
/// comma, quote or line break (quotes doubled).
pub(super) fn csv_cell(value: &str) -> String {
    let inert = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if inert.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", inert.replace('"', "\"\""))
    } else {
        inert
    }
}

#[cfg(test)]
mod tests {
    use super::csv_cell;

    #[test]
    fn cells_are_quoted_and_formulas_made_inert() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("+1"), "'+1");
        assert_eq!(csv_cell("-2"), "'-2");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("two\nlines"), "\"two\nlines\"");
    }
}
