//! The Diary: `GET /diary` lists the entries (the current ones a page at a time:
//! [`super::diary_pager`]) and offers a form per kind of measure;
//! `POST /diary` logs one (validated by `knot_care::measures`: a refusal is shown beside its
//! field with a 422, and nothing is stored); `GET /diary/{id}` shows an entry with its history
//! and a form to correct it; `POST /diary/{id}/correct` stores the correction (the original is
//! kept); `POST /diary/{id}/delete` deletes it. Every use case is called as the signed-in
//! person, so another person's entry is simply not found.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::FixedOffset;
use knot_app::AppError;
use knot_record::{EntryFilter, RecordId};
use serde::Deserialize;

use super::diary_form::{read_form, values_of, Submitted, KINDS};
use super::diary_pager::{Pager, Start};
use super::diary_view::{choices, row, Choices, EntryRow, FormView};
use super::signed_in::{chrome, local_offset, see_other};
use super::{render, Chrome};
use crate::app_error::from_app_page;
use crate::auth::{FieldErrors, PageUser, SignedIn, UserForm};
use crate::extract::{PathParam, QueryParams};
use crate::routes::Route;
use crate::{AppState, WebError};

pub(super) fn routes() -> Vec<Route> {
    vec![
        Route::get("/diary", diary_page),
        Route::post("/diary", diary_add),
        Route::get("/diary/{id}", entry_page),
        Route::post("/diary/{id}/correct", entry_correct),
        Route::post("/diary/{id}/delete", entry_delete),
    ]
}

/// The entries listed with their history (newest first), unless all are asked for.
const LISTED: usize = 60;
/// The most listed even when all are asked for.
const LISTED_ALL: usize = 5000;

#[derive(Template)]
#[template(path = "diary.html")]
struct DiaryPage {
    chrome: Chrome,
    csrf: String,
    options: &'static Choices,
    forms: Vec<FormView>,
    rows: Vec<EntryRow>,
    more: usize,
    pager: Pager,
    history: bool,
    saved: usize,
    failed: bool,
}

#[derive(Template)]
#[template(path = "diary_entry.html")]
struct EntryPage {
    chrome: Chrome,
    csrf: String,
    options: &'static Choices,
    entry: EntryRow,
    history: Vec<EntryRow>,
    correction: Option<FormView>,
    replaced_by: Option<i64>,
}

#[derive(Debug, Default, Deserialize)]
struct DiaryQuery {
    #[serde(default)]
    history: Option<String>,
    #[serde(default)]
    saved: Option<usize>,
    #[serde(default)]
    all: Option<String>,
    /// A cursor: the current entries older than it.
    #[serde(default)]
    after: Option<String>,
    /// A cursor: the current entries newer than it.
    #[serde(default)]
    before: Option<String>,
}

fn empty_forms() -> Vec<FormView> {
    KINDS
        .iter()
        .map(|kind| FormView::new(kind, "/diary".into(), false))
        .collect()
}

async fn diary_page(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    headers: HeaderMap,
    QueryParams(query): QueryParams<DiaryQuery>,
) -> Result<Response, WebError> {
    let shown = Shown {
        history: query.history.is_some(),
        all: query.all.is_some(),
        start: Start::of(query.after.as_deref(), query.before.as_deref())?,
    };
    let saved = query.saved.unwrap_or(0);
    let page = listing(&state, &user, &headers, empty_forms(), shown, saved).await?;
    Ok(render(&page)?.into_response())
}

/// Which entries the list shows.
#[derive(Debug, Clone, Default)]
struct Shown {
    /// Corrected and deleted ones too.
    history: bool,
    /// Every entry, not only the latest.
    all: bool,
    /// Where the page of current entries starts (with neither of the above).
    start: Start,
}

async fn listing(
    state: &AppState,
    user: &SignedIn,
    headers: &HeaderMap,
    forms: Vec<FormView>,
    shown: Shown,
    saved: usize,
) -> Result<DiaryPage, WebError> {
    let offset = local_offset(headers);
    let (rows, more, pager) = if shown.history || shown.all {
        let (rows, more) = whole_list(state, user, &shown, offset).await?;
        (rows, more, Pager::default())
    } else {
        let (entries, pager) = super::diary_pager::page(state, &user.ctx(), &shown.start).await?;
        let rows = entries.iter().map(|e| row(e, offset)).collect();
        (rows, 0, pager)
    };
    let failed = forms.iter().any(|f| !f.errors.is_empty());
    Ok(DiaryPage {
        chrome: chrome("Diary", "diary"),
        csrf: user.csrf().to_string(),
        options: choices(&state.reference),
        forms,
        more,
        rows,
        pager,
        history: shown.history,
        saved,
        failed,
    })
}

/// The newest rows of the whole list (history included when asked), and how many more there
/// are: the store pages current entries only, so the history is listed as before paging.
async fn whole_list(
    state: &AppState,
    user: &SignedIn,
    shown: &Shown,
    offset: FixedOffset,
) -> Result<(Vec<EntryRow>, usize), WebError> {
    let filter = EntryFilter {
        include_history: shown.history,
        ..EntryFilter::default()
    };
    let entries = state
        .app
        .entries(&user.ctx(), &filter)
        .await
        .map_err(from_app_page)?;
    let listed = if shown.all { LISTED_ALL } else { LISTED };
    let rows = entries
        .iter()
        .rev()
        .take(listed)
        .map(|e| row(e, offset))
        .collect();
    Ok((rows, entries.len().saturating_sub(listed)))
}

async fn diary_add(
    State(state): State<AppState>,
    headers: HeaderMap,
    form: UserForm,
) -> Result<Response, WebError> {
    let submitted = Submitted::from_pairs(&form.pairs);
    let offset = local_offset(&headers);
    let logged = match read_form(state.reference.atlas, &submitted, offset) {
        Ok(entries) => state
            .app
            .log_entries(&form.user.ctx(), entries)
            .await
            .map_err(FormRefusal::from),
        Err(errors) => Err(FormRefusal::from(errors)),
    };
    match refusal_beside_the_form(logged)? {
        Ok(stored) => Ok(see_other(&format!("/diary?saved={}", stored.len()))),
        Err(errors) => {
            let mut forms = empty_forms();
            for view in forms.iter_mut().filter(|f| f.kind == submitted.kind) {
                view.submitted = submitted.clone();
                view.errors = errors.clone();
            }
            if !KINDS.contains(&submitted.kind.as_str()) {
                return Err(WebError::BadRequest(
                    "the form did not say what to log; reload the Diary page and use its forms"
                        .into(),
                ));
            }
            let page = listing(&state, &form.user, &headers, forms, Shown::default(), 0).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
    }
}

async fn entry_page(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    headers: HeaderMap,
    PathParam(id): PathParam<RecordId>,
) -> Result<Response, WebError> {
    let page = entry_view(&state, &user, &headers, id, None).await?;
    Ok(render(&page)?.into_response())
}

/// An entry, the entries it replaced, and (when it is current) the form to correct it.
async fn entry_view(
    state: &AppState,
    user: &SignedIn,
    headers: &HeaderMap,
    id: RecordId,
    refused: Option<FormView>,
) -> Result<EntryPage, WebError> {
    let ctx = user.ctx();
    let entry = state.app.entry(&ctx, id).await.map_err(from_app_page)?;
    let offset = local_offset(headers);
    let mut history = Vec::new();
    let mut earlier = entry.corrects;
    while let Some(previous) = earlier.filter(|_| history.len() < 50) {
        let older = state
            .app
            .entry(&ctx, previous)
            .await
            .map_err(from_app_page)?;
        earlier = older.corrects;
        history.push(row(&older, offset));
    }
    let correction = entry.is_current().then(|| {
        refused.unwrap_or_else(|| {
            let kind = KINDS
                .iter()
                .copied()
                .find(|k| *k == entry.entry.measure.kind())
                .unwrap_or("note");
            let mut view = FormView::new(kind, format!("/diary/{id}/correct"), true);
            view.submitted = values_of(&entry.entry, offset);
            view
        })
    });
    Ok(EntryPage {
        chrome: chrome(format!("Diary entry {id}"), "diary"),
        csrf: user.csrf().to_string(),
        options: choices(&state.reference),
        replaced_by: entry.superseded_by,
        entry: row(&entry, offset),
        history,
        correction,
    })
}

async fn entry_correct(
    State(state): State<AppState>,
    headers: HeaderMap,
    PathParam(id): PathParam<RecordId>,
    form: UserForm,
) -> Result<Response, WebError> {
    let submitted = Submitted::from_pairs(&form.pairs);
    let offset = local_offset(&headers);
    let ctx = form.user.ctx();
    let stored = state.app.entry(&ctx, id).await.map_err(from_app_page)?;
    let corrected = match read_form(state.reference.atlas, &submitted, offset) {
        Ok(mut entries) if entries.len() == 1 => {
            let entry = entries.remove(0);
            state
                .app
                .correct_entry(&ctx, id, entry)
                .await
                .map_err(FormRefusal::from)
        }
        Ok(_) => {
            let mut errors = FieldErrors::default();
            errors.add(
                "region_words",
                "A correction replaces one entry: name one place (one side), or log the other side as a new entry.",
            );
            Err(FormRefusal::from(errors))
        }
        Err(errors) => Err(FormRefusal::from(errors)),
    };
    let errors = match refusal_beside_the_form(corrected)? {
        Ok(corrected) => return Ok(see_other(&format!("/diary/{}", corrected.id))),
        Err(errors) => errors,
    };
    let kind = KINDS
        .iter()
        .copied()
        .find(|k| *k == stored.entry.measure.kind())
        .unwrap_or("note");
    let mut view = FormView::new(kind, format!("/diary/{id}/correct"), true);
    view.submitted = submitted;
    view.errors = errors;
    let page = entry_view(&state, &form.user, &headers, id, Some(view)).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

async fn entry_delete(
    State(state): State<AppState>,
    PathParam(id): PathParam<RecordId>,
    form: UserForm,
) -> Result<Response, WebError> {
    state
        .app
        .delete_entry(&form.user.ctx(), id)
        .await
        .map_err(from_app_page)?;
    Ok(see_other("/diary"))
}

/// Why a form was not stored: its own fields' problems, or the application's refusal.
enum FormRefusal {
    Fields(FieldErrors),
    App(AppError),
}

impl From<FieldErrors> for FormRefusal {
    fn from(errors: FieldErrors) -> FormRefusal {
        FormRefusal::Fields(errors)
    }
}

impl From<AppError> for FormRefusal {
    fn from(error: AppError) -> FormRefusal {
        FormRefusal::App(error)
    }
}

/// What was stored, or the problems to show beside the form (a refusal of the values sent is
/// shown at the top of the form); any other failure is the page's.
fn refusal_beside_the_form<T>(
    outcome: Result<T, FormRefusal>,
) -> Result<Result<T, FieldErrors>, WebError> {
    match outcome {
        Ok(stored) => Ok(Ok(stored)),
        Err(FormRefusal::Fields(errors)) => Ok(Err(errors)),
        Err(FormRefusal::App(AppError::Invalid { problems, .. })) => {
            let mut errors = FieldErrors::default();
            errors.add("kind", super::capitalized(&problems.join("; ")));
            Ok(Err(errors))
        }
        Err(FormRefusal::App(other)) => Err(from_app_page(other)),
    }
}
