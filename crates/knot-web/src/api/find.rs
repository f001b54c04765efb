//! `POST /api/v1/find`: a pain drawing in, ranked trigger points out — the same object as
//! `knot find --json` (DESIGN.md).

use axum::extract::State;
use axum::Json;

use knot_finder::{FindRequest, FindResult};

use crate::app_error::from_app;
use crate::extract::{BodyExample, JsonBody};
use crate::routes::Route;
use crate::{AppState, WebError};

pub(super) fn routes() -> Vec<Route> {
    vec![Route::post("/api/v1/find", find)]
}

impl BodyExample for FindRequest {
    const EXAMPLE: &'static str = "{\"terms\": [\"right temple\"]} or {\"regions\": [{\"id\": \
         \"right-temple\", \"intensity\": 6}], \"answers\": {\"neck-side-bend\": \"yes\"}}";
}

async fn find(
    State(state): State<AppState>,
    JsonBody(request): JsonBody<FindRequest>,
) -> Result<Json<FindResult>, WebError> {
    state.app.find(&request).map(Json).map_err(from_app)
}
