//! `/account/data` ("Your data"): the signed-in person's records to download — the diary and
//! the guided sessions as CSV for a spreadsheet (columns in docs/csv-export.md), and the whole
//! record as an HL7 FHIR R4 Bundle for another health system — the same files as
//! `knot export --format csv|fhir`. Each download reads through the store's audited reads.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use chrono::Utc;

use super::signed_in::chrome;
use super::{download, render, Chrome};
use crate::app_error::from_app_page;
use crate::auth::PageUser;
use crate::extract::PathParam;
use crate::routes::Route;
use crate::{AppState, WebError};

pub(super) fn routes() -> Vec<Route> {
    vec![
        Route::get("/account/data", data_page),
        Route::get("/account/data/{file}", data_file),
    ]
}

/// The files the page offers: name, what it is.
const FILES: [(&str, &str); 3] = [
    (
        "knot-diary.csv",
        "Every diary entry, one row each, with corrections and deletions marked.",
    ),
    (
        "knot-sessions.csv",
        "Every guided self-treatment session, one row each.",
    ),
    (
        "knot-record.fhir.json",
        "Your record as an HL7 FHIR R4 Bundle: pain, thresholds and range of motion as \
         Observations, the screening, sessions and home plan — for another health system.",
    ),
];

#[derive(Template)]
#[template(path = "account_data.html")]
struct DataPage {
    chrome: Chrome,
    files: Vec<(&'static str, &'static str)>,
}

async fn data_page(PageUser(_user): PageUser) -> Result<Response, WebError> {
    let page = DataPage {
        chrome: chrome("Your data", "account"),
        files: FILES.to_vec(),
    };
    Ok(render(&page)?.into_response())
}

async fn data_file(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    PathParam(file): PathParam<String>,
) -> Result<Response, WebError> {
    let ctx = user.ctx();
    match file.as_str() {
        "knot-diary.csv" | "knot-sessions.csv" => {
            let tables = state.app.export_csv(&ctx).await.map_err(from_app_page)?;
            let body = if file == "knot-diary.csv" {
                tables.diary
            } else {
                tables.sessions
            };
            download(body, "text/csv; charset=utf-8", &file)
        }
        "knot-record.fhir.json" => {
            let body = state
                .app
                .export_fhir(&ctx, Utc::now())
                .await
                .map_err(from_app_page)?;
            download(body, "application/fhir+json", &file)
        }
        _ => Err(WebError::not_found(
            format!(
                "there is no file {file:?} to download; Your data (/account/data) lists \
                 knot-diary.csv, knot-sessions.csv and knot-record.fhir.json"
            ),
            Vec::new(),
        )),
    }
}
