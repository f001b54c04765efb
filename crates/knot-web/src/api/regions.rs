//! `GET /api/v1/regions`: the body region scheme, as `knot regions --json` prints it.

use axum::extract::State;
use axum::Json;
use serde::Serialize;

use knot_body::Region;

use crate::routes::Route;
use crate::AppState;

pub(super) fn routes() -> Vec<Route> {
    vec![Route::get("/api/v1/regions", regions)]
}

/// One region with its area, body part and neighbours.
#[derive(Debug, Serialize)]
struct RegionRow<'a> {
    #[serde(flatten)]
    region: &'a Region,
    area_name: String,
    part_name: String,
    neighbours: Vec<&'a str>,
}

#[derive(Debug, Serialize)]
struct Regions<'a> {
    regions: Vec<RegionRow<'a>>,
}

async fn regions(State(state): State<AppState>) -> Json<Regions<'static>> {
    let scheme = state.reference.scheme;
    let rows = scheme
        .regions()
        .iter()
        .enumerate()
        .map(|(i, region)| RegionRow {
            region,
            area_name: scheme.area_name(region),
            part_name: scheme.part_name(region),
            neighbours: scheme
                .neighbours(i)
                .iter()
                .map(|&n| scheme.region(n).id.as_str())
                .collect(),
        })
        .collect();
    Json(Regions { regions: rows })
}
