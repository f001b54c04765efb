//! `GET /api/v1/regions`: the body region scheme, as `knot regions --json` prints it.

use axum::extract::State;
use axum::Json;
use serde::Serialize;

use knot_body::{region_listing, RegionListing};

use crate::routes::Route;
use crate::AppState;

pub(super) fn routes() -> Vec<Route> {
    vec![Route::get("/api/v1/regions", regions)]
}

#[derive(Debug, Serialize)]
struct Regions<'a> {
    regions: Vec<RegionListing<'a>>,
}

async fn regions(State(state): State<AppState>) -> Json<Regions<'static>> {
    Json(Regions {
        regions: region_listing(state.reference.scheme),
    })
}
