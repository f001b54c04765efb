//! `GET /api/v1/atlas` (the whole atlas, as `knot atlas --json` prints it) and
//! `GET /api/v1/atlas/muscles/{id}` (one muscle with its trigger points on each side).

use axum::extract::State;
use axum::Json;
use serde::Serialize;

use knot_atlas::{AtlasDump, Muscle, TriggerPoint};

use crate::error::Suggestion;
use crate::extract::PathParam;
use crate::routes::Route;
use crate::{AppState, WebError};

pub(super) fn routes() -> Vec<Route> {
    vec![
        Route::get("/api/v1/atlas", atlas),
        Route::get("/api/v1/atlas/muscles/{id}", muscle),
    ]
}

async fn atlas(State(state): State<AppState>) -> Json<AtlasDump<'static>> {
    Json(state.reference.atlas.dump())
}

/// One muscle and its trigger point instances (one per side for lateral ones).
#[derive(Debug, Serialize)]
struct MuscleOut {
    muscle: &'static Muscle,
    trigger_points: Vec<&'static TriggerPoint>,
}

async fn muscle(
    State(state): State<AppState>,
    PathParam(id): PathParam<String>,
) -> Result<Json<MuscleOut>, WebError> {
    let atlas = state.reference.atlas;
    let Some(muscle) = atlas.muscle(&id) else {
        return Err(unknown_muscle(&state, &id));
    };
    Ok(Json(MuscleOut {
        muscle,
        trigger_points: atlas.trigger_points_of(&muscle.id).collect(),
    }))
}

fn unknown_muscle(state: &AppState, id: &str) -> WebError {
    let atlas = state.reference.atlas;
    let exact = atlas.find_muscle(id).into_iter();
    let near = atlas
        .suggest_muscles(id)
        .into_iter()
        .filter_map(|name| atlas.find_muscle(name));
    let mut suggestions: Vec<Suggestion> = Vec::new();
    for m in exact.chain(near) {
        if suggestions.iter().all(|s| s.label != m.name) {
            suggestions.push(Suggestion {
                label: m.name.clone(),
                href: format!("/api/v1/atlas/muscles/{}", m.id),
            });
        }
    }
    WebError::not_found(
        format!("no muscle has the id {id:?}; GET /api/v1/atlas lists every muscle with its id"),
        suggestions,
    )
}
