//! `GET /atlas/{id}[?side=left]`: one muscle — its referral chart, trigger points with palpation
//! guides and symptoms, self-treatment and dose, cautions and endangerment sites, and sources.
//! A name or synonym in place of the id redirects to the muscle; anything else is a 404 that
//! suggests close names.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use knot_atlas::{Muscle, TriggerPoint};
use knot_body::Side;

use super::{render, Chrome};
use crate::error::Suggestion;
use crate::extract::{PathParam, QueryParams};
use crate::reference::Reference;
use crate::routes::Route;
use crate::{AppState, WebError};

pub(super) fn routes() -> Vec<Route> {
    vec![Route::get("/atlas/{id}", muscle_page)]
}

#[derive(Debug, Deserialize)]
struct SideQuery {
    side: Option<String>,
}

#[derive(Debug)]
struct PointView {
    number: usize,
    label: String,
    side: &'static str,
    prevalence: &'static str,
    location: String,
    press_here: String,
    palpation: String,
    essential: String,
    spillover: String,
    checks: Vec<String>,
    perpetuating: Vec<String>,
    source: String,
}

#[derive(Debug)]
struct NamedView {
    name: String,
    how: String,
}

#[derive(Template)]
#[template(path = "muscle.html")]
struct MusclePage<'a> {
    chrome: Chrome,
    muscle: &'a Muscle,
    part: String,
    synonyms: String,
    chart: String,
    /// The side shown, and a link to the other when the muscle has lateral knots.
    side: &'static str,
    other_side: Option<&'static str>,
    points: Vec<PointView>,
    techniques: Vec<NamedView>,
    tools: String,
    dose: String,
    endangerment: Vec<NamedView>,
}

async fn muscle_page(
    State(state): State<AppState>,
    PathParam(id): PathParam<String>,
    QueryParams(query): QueryParams<SideQuery>,
) -> Result<Response, WebError> {
    let reference = &state.reference;
    let atlas = reference.atlas;
    let Some(muscle) = atlas.muscle(&id) else {
        return match atlas.find_muscle(&id) {
            Some(m) => Ok(Redirect::permanent(&format!("/atlas/{}", m.id)).into_response()),
            None => Err(unknown_muscle(reference, &id)),
        };
    };
    let side = match query.side.as_deref() {
        None | Some("right") => Side::Right,
        Some("left") => Side::Left,
        Some(other) => {
            return Err(WebError::BadRequest(format!(
                "side={other:?} is not a side: use side=left or side=right"
            )))
        }
    };
    let points: Vec<&TriggerPoint> = atlas
        .trigger_points_of(&muscle.id)
        .filter(|tp| tp.side == side || tp.side == Side::Midline)
        .collect();
    let lateral = atlas
        .trigger_points_of(&muscle.id)
        .any(|tp| tp.side != Side::Midline);
    let title = format!(
        "{}: trigger points (×) and where they send pain, {} side",
        muscle.name,
        side.word()
    );
    let page = MusclePage {
        chrome: Chrome::new(muscle.name.clone(), "atlas"),
        muscle,
        part: reference.part_title(&muscle.part),
        synonyms: muscle.synonyms.join(", "),
        chart: reference.referral_chart(&title, &points),
        side: side.word(),
        other_side: lateral.then_some(side.mirror().word()),
        points: point_views(reference, &points),
        techniques: named(reference, &muscle.self_care.technique),
        tools: named(reference, &muscle.self_care.tools)
            .into_iter()
            .map(|n| n.name)
            .collect::<Vec<_>>()
            .join(", "),
        dose: dose(muscle),
        endangerment: named(reference, &muscle.cautions.endangerment),
    };
    Ok(render(&page)?.into_response())
}

fn unknown_muscle(reference: &Reference, id: &str) -> WebError {
    let suggestions = reference
        .atlas
        .suggest_muscles(id)
        .into_iter()
        .filter_map(|name| reference.atlas.find_muscle(name))
        .map(|m| Suggestion {
            label: m.name.clone(),
            href: format!("/atlas/{}", m.id),
        })
        .collect();
    WebError::not_found(
        format!("the atlas has no muscle called “{id}”"),
        suggestions,
    )
}

fn point_views(reference: &Reference, points: &[&TriggerPoint]) -> Vec<PointView> {
    let vocabulary = reference.atlas.vocabulary();
    points
        .iter()
        .enumerate()
        .map(|(n, tp)| PointView {
            number: n + 1,
            label: tp.label.clone(),
            side: tp.side.word(),
            prevalence: tp.prevalence.word(),
            location: reference.region_name(&tp.location).to_string(),
            press_here: tp.press_here.clone(),
            palpation: tp.palpation.clone(),
            essential: reference.region_names(&tp.essential).join(", "),
            spillover: reference.region_names(&tp.spillover).join(", "),
            checks: tp
                .symptoms
                .iter()
                .chain(&tp.aggravating)
                .filter_map(|id| vocabulary.question(id))
                .map(|q| q.question.replace("{side}", tp.side.word()))
                .collect(),
            perpetuating: tp.perpetuating.clone(),
            source: tp.source.clone(),
        })
        .collect()
}

/// Vocabulary ids (techniques, tools, endangerment sites) with their names and how-tos.
fn named(reference: &Reference, ids: &[String]) -> Vec<NamedView> {
    let vocabulary = reference.atlas.vocabulary();
    ids.iter()
        .map(|id| match vocabulary.name(id) {
            Some(n) => NamedView {
                name: n.name.clone(),
                how: n.how.clone(),
            },
            None => NamedView {
                name: id.clone(),
                how: String::new(),
            },
        })
        .collect()
}

fn dose(muscle: &Muscle) -> String {
    let care = &muscle.self_care;
    let strokes = if care.strokes > 0 {
        format!(", or {} short, slow strokes", care.strokes)
    } else {
        String::new()
    };
    format!(
        "{} holds of about {} seconds on each trigger point{strokes}, up to {} times a day. \
         Press to a discomfort of about 5–7 out of 10 — never more.",
        care.holds, care.hold_seconds, care.sessions_per_day
    )
}
