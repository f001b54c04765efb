//! The Find page: the body chart to mark, a box for words, and the ranked results beside them.
//!
//! `GET /` and `GET /find` show the empty page. `POST /find` takes the form — marked regions
//! (`region=id:level`), words (`where`) and answers (`answer=question-id=yes`) — and answers
//! with the whole page (works without JavaScript) or, when the body-map script asks with
//! `X-Knot-Fragment: 1`, with just the results panel to swap in place.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use knot_finder::{Answer, FindRequest};

use super::find_view::{self, MarkedView, ResultsView};
use super::{render, Chrome};
use crate::app_error::from_app_page;
use crate::extract::FormPairs;
use crate::routes::Route;
use crate::{AppState, WebError};

pub(super) fn routes() -> Vec<Route> {
    vec![
        Route::get("/", find_page),
        Route::get("/find", find_page),
        Route::post("/find", find_submit),
    ]
}

/// Pain levels the chart cycles through and the 0-10 intensity each stands for.
pub(super) const LEVELS: [(u8, &str, f64); 3] =
    [(1, "mild", 3.0), (2, "moderate", 6.0), (3, "strong", 9.0)];
/// More distinct places than the chart has cannot come from the page.
const MAX_FORM_REGIONS: usize = 300;
/// The level given to places named in words.
const WORDS_LEVEL: u8 = 2;

#[derive(Template)]
#[template(path = "find.html")]
struct FindPage {
    chrome: Chrome,
    chart: String,
    words: String,
    marked: Vec<MarkedView>,
    results: String,
}

/// What the form said.
#[derive(Debug, Default)]
struct FindForm {
    words: String,
    /// Region id → level 1-3, in the order marked.
    regions: Vec<(String, u8)>,
    answers: BTreeMap<String, Answer>,
}

async fn find_page(State(state): State<AppState>) -> Result<Response, WebError> {
    let page = FindPage {
        chrome: Chrome::new("Find", "find").with_script(),
        chart: state.reference.find_chart(&BTreeMap::new()),
        words: String::new(),
        marked: Vec::new(),
        results: ResultsView::default().render()?,
    };
    Ok(render(&page)?.into_response())
}

async fn find_submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    FormPairs(pairs): FormPairs,
) -> Result<Response, WebError> {
    let (form, problem) = parse_form(&pairs);
    let (status, view) = match problem {
        Some(message) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            ResultsView::problem(message),
        ),
        None => outcome(&state, &form)?,
    };
    let html = view.render()?;
    let page = respond(&state, &headers, &form, html, &view.from_words_ids)?;
    Ok((status, page).into_response())
}

/// Ranks the form's drawing; a drawing the finder refuses becomes a message in the panel, and
/// an empty one the invitation to mark something.
fn outcome(state: &AppState, form: &FindForm) -> Result<(StatusCode, ResultsView), WebError> {
    if form.words.trim().is_empty() && form.regions.is_empty() {
        return Ok((StatusCode::OK, ResultsView::default()));
    }
    let reference = &state.reference;
    let request = to_request(form);
    match state.app.find(&request).map_err(from_app_page) {
        Ok(result) => Ok((
            StatusCode::OK,
            ResultsView::build(reference, &result, &request, &form.answers),
        )),
        Err(WebError::Unprocessable(message)) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            ResultsView::problem(message),
        )),
        Err(other) => Err(other),
    }
}

/// The whole page, or only the results panel when the script asked for a fragment.
fn respond(
    state: &AppState,
    headers: &HeaderMap,
    form: &FindForm,
    results: String,
    term_regions: &[String],
) -> Result<Response, WebError> {
    if headers
        .get("x-knot-fragment")
        .is_some_and(|v| v.as_bytes() == b"1")
    {
        return Ok(axum::response::Html(results).into_response());
    }
    let mut levels: BTreeMap<String, u8> = form.regions.iter().cloned().collect();
    for id in term_regions {
        levels.entry(id.clone()).or_insert(WORDS_LEVEL);
    }
    let page = FindPage {
        chrome: Chrome::new("Find", "find").with_script(),
        chart: state.reference.find_chart(&levels),
        words: form.words.clone(),
        marked: find_view::marked(&state.reference, &form.regions),
        results,
    };
    Ok(render(&page)?.into_response())
}

/// Reads the form fields. A malformed value is skipped and reported, so the rest of the
/// drawing (and the words typed) survive.
fn parse_form(pairs: &[(String, String)]) -> (FindForm, Option<String>) {
    let mut form = FindForm::default();
    let mut problems = Vec::new();
    let mut forget = false;
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    for (name, value) in pairs {
        match name.as_str() {
            "where" => form.words = value.clone(),
            "region" => match parse_region(value) {
                Ok((id, level)) => match index.get(&id) {
                    Some(&at) => form.regions[at].1 = form.regions[at].1.max(level),
                    None if form.regions.len() >= MAX_FORM_REGIONS => {}
                    None => {
                        index.insert(id.clone(), form.regions.len());
                        form.regions.push((id, level));
                    }
                },
                Err(problem) => problems.push(problem),
            },
            "answer" => match parse_answer(value) {
                Ok((id, answer)) => {
                    form.answers.insert(id, answer);
                }
                Err(problem) => problems.push(problem),
            },
            "forget" => forget = true,
            // Buttons and anything a browser extension adds are not ours to refuse.
            _ => {}
        }
    }
    if forget {
        form.answers.clear();
    }
    if index.len() >= MAX_FORM_REGIONS {
        problems.push(format!(
            "more than {MAX_FORM_REGIONS} places were sent; the body chart has fewer, so mark \
             each place once"
        ));
    }
    // A flood of bad values gets a short answer.
    problems.truncate(3);
    let problem = (!problems.is_empty()).then(|| problems.join("; "));
    (form, problem)
}

fn parse_answer(value: &str) -> Result<(String, Answer), String> {
    let (id, answer) = value
        .split_once('=')
        .ok_or_else(|| format!("the answer {value:?} should read question-id=yes, no or unsure"))?;
    Ok((id.to_string(), answer.parse::<Answer>()?))
}

fn parse_region(value: &str) -> Result<(String, u8), String> {
    let (id, level) = match value.split_once(':') {
        Some((id, level)) => (id, level),
        None => (value, "1"),
    };
    let level = level
        .parse::<u8>()
        .ok()
        .filter(|l| LEVELS.iter().any(|(n, _, _)| n == l))
        .ok_or_else(|| format!("the pain level in {value:?} should be 1, 2 or 3"))?;
    Ok((id.trim().to_string(), level))
}

fn to_request(form: &FindForm) -> FindRequest {
    let terms = form
        .words
        .split([',', ';', '\n'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect();
    let regions = form
        .regions
        .iter()
        .map(|(id, level)| knot_finder::drawing::RegionMark {
            id: id.clone(),
            intensity: LEVELS
                .iter()
                .find(|(n, _, _)| n == level)
                .map(|(_, _, i)| *i),
            worst: false,
        })
        .collect();
    FindRequest {
        terms,
        regions,
        answers: form.answers.clone(),
    }
}
