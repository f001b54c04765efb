//! The JSON API under `/api`: one module per resource, and the OpenAPI document that describes
//! them all. Errors are JSON `{"error": "…"}` (see [`crate::error`]).

mod account;
mod atlas;
mod clinic;
mod clinic_doc;
mod clinic_pages_doc;
mod clinic_schemas;
mod diary;
mod diary_page;
mod find;
pub(crate) mod openapi;
mod openapi_refusals;
mod password;
mod password_doc;
pub(crate) mod plan;
mod progress;
mod regions;
mod schemas;
mod screening;
mod session_body;
mod sessions;
mod signed_in_doc;
mod signed_in_pages_doc;
mod signed_in_schemas;

use axum::http::Uri;

use crate::routes::Route;
use crate::WebError;

pub(crate) fn routes() -> Vec<Route> {
    let mut routes = find::routes();
    routes.extend(atlas::routes());
    routes.extend(regions::routes());
    routes.extend(openapi::routes());
    routes.extend(account::routes());
    routes.extend(password::routes());
    routes.extend(screening::routes());
    routes.extend(diary::routes());
    routes.extend(sessions::routes());
    routes.extend(progress::routes());
    routes.extend(plan::routes());
    routes.extend(clinic::routes());
    routes
}

/// Any `/api` address that does not exist.
pub(crate) async fn not_found(uri: Uri) -> WebError {
    WebError::not_found(
        format!(
            "there is no API endpoint at {}; GET /api/openapi.json lists every endpoint",
            uri.path()
        ),
        Vec::new(),
    )
}
