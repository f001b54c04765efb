//! `GET /atlas[?q=words]`: every muscle by body part, with a server-side search (works without
//! JavaScript) over names, synonyms, summaries and where each muscle's knots send pain — so
//! "temple" finds the muscles that refer pain to the temple.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use knot_atlas::Muscle;

use super::{render, Chrome};
use crate::extract::QueryParams;
use crate::reference::Reference;
use crate::routes::Route;
use crate::{AppState, WebError};

pub(super) fn routes() -> Vec<Route> {
    vec![Route::get("/atlas", atlas_page)]
}

/// The longest search taken; longer text is cut (nobody types 200 characters into a search).
const MAX_QUERY_CHARS: usize = 200;

#[derive(Debug, Deserialize)]
struct AtlasQuery {
    #[serde(default)]
    q: String,
}

#[derive(Debug)]
struct MuscleItem {
    id: String,
    name: String,
    synonyms: String,
    summary: String,
    points: usize,
}

#[derive(Debug)]
struct PartGroup {
    name: String,
    muscles: Vec<MuscleItem>,
}

#[derive(Template)]
#[template(path = "atlas.html")]
struct AtlasPage {
    chrome: Chrome,
    query: String,
    groups: Vec<PartGroup>,
    matches: usize,
    total: usize,
}

async fn atlas_page(
    State(state): State<AppState>,
    QueryParams(query): QueryParams<AtlasQuery>,
) -> Result<Response, WebError> {
    let reference = &state.reference;
    let query: String = query.q.trim().chars().take(MAX_QUERY_CHARS).collect();
    let words = search_words(&query);
    let mut groups: Vec<PartGroup> = Vec::new();
    let mut matches = 0;
    for muscle in reference.atlas.muscles() {
        if !words.is_empty() && !matches_all(reference, muscle, &words) {
            continue;
        }
        matches += 1;
        let part = reference.part_title(&muscle.part);
        // Grouped by body part, parts in the order the atlas first names them.
        match groups.iter_mut().find(|g| g.name == part) {
            Some(group) => group.muscles.push(item(muscle)),
            None => groups.push(PartGroup {
                name: part,
                muscles: vec![item(muscle)],
            }),
        }
    }
    let title = if query.is_empty() {
        "Atlas".to_string()
    } else {
        format!("Atlas: {query}")
    };
    let page = AtlasPage {
        chrome: Chrome::new(title, "atlas"),
        query,
        groups,
        matches,
        total: reference.atlas.muscles().len(),
    };
    Ok(render(&page)?.into_response())
}

fn item(muscle: &Muscle) -> MuscleItem {
    MuscleItem {
        id: muscle.id.clone(),
        name: muscle.name.clone(),
        synonyms: muscle.synonyms.join(", "),
        summary: muscle.summary.clone(),
        points: muscle.trigger_points.len(),
    }
}

/// Lower-case words of the query, without punctuation.
fn search_words(query: &str) -> Vec<String> {
    query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// True if every word starts a word of the muscle's names, summary, or the places its knots
/// refer to ("trap" finds trapezius, "temple" the muscles that refer pain there).
fn matches_all(reference: &Reference, muscle: &Muscle, words: &[String]) -> bool {
    let mut haystack = format!(
        "{} {} {} {}",
        muscle.name,
        muscle.id,
        muscle.synonyms.join(" "),
        muscle.summary
    );
    for tp in reference.atlas.trigger_points_of(&muscle.id) {
        for id in tp.essential.iter().chain(&tp.spillover) {
            haystack.push(' ');
            haystack.push_str(reference.region_name(id));
        }
    }
    let known = search_words(&haystack);
    words
        .iter()
        .all(|w| known.iter().any(|k| k.starts_with(w.as_str())))
}
