//! `GET /screen`: the safety screening — the questions of `knot_care::screen`'s rule table, the
//! latest outcome — and `POST /screen`, which judges the answers and stores them with
//! `add_screening` (refused answers are shown beside their questions, and nothing is stored).

use std::collections::HashMap;

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use knot_care::screen::RuleTable;
use serde::Deserialize;

use super::screen_form::PostedScreening;
use super::screen_view::{self, GroupView, OutcomeView};
use super::signed_in::{chrome, local_offset, local_time, see_other};
use super::{render, Chrome};
use crate::app_error::from_store;
use crate::auth::{PageUser, SignedIn, UserForm};
use crate::extract::QueryParams;
use crate::routes::Route;
use crate::{AppState, WebError};

pub(super) fn routes() -> Vec<Route> {
    vec![
        Route::get("/screen", screen_page),
        Route::post("/screen", screen_submit),
    ]
}

#[derive(Template)]
#[template(path = "screen.html")]
struct ScreenPage {
    chrome: Chrome,
    csrf: String,
    latest: Option<OutcomeView>,
    just_saved: bool,
    groups: Vec<GroupView>,
    pain_regions: String,
    pain_error: Option<String>,
    form_error: Option<String>,
    has_errors: bool,
}

#[derive(Debug, Deserialize)]
struct SavedQuery {
    saved: Option<i64>,
}

async fn screen_page(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    headers: HeaderMap,
    QueryParams(query): QueryParams<SavedQuery>,
) -> Result<Response, WebError> {
    let latest = latest(&state, &user, &headers).await?;
    let just_saved = latest.as_ref().is_some_and(|l| Some(l.id) == query.saved);
    let page = ScreenPage {
        chrome: chrome("Safety screening", "screen"),
        csrf: user.csrf().to_string(),
        latest,
        just_saved,
        groups: screen_view::groups(RuleTable::builtin(), &HashMap::new(), &HashMap::new()),
        pain_regions: String::new(),
        pain_error: None,
        form_error: None,
        has_errors: false,
    };
    Ok(render(&page)?.into_response())
}

/// The latest screening, judged by today's rules.
async fn latest(
    state: &AppState,
    user: &SignedIn,
    headers: &HeaderMap,
) -> Result<Option<OutcomeView>, WebError> {
    let Some(latest) = state
        .store
        .latest_screening(&user.ctx())
        .await
        .map_err(from_store)?
    else {
        return Ok(None);
    };
    let table = RuleTable::builtin();
    let outcome = table.evaluate(&latest.screening);
    Ok(Some(screen_view::outcome(
        &state.reference,
        latest.id,
        local_time(latest.screening.taken_at, local_offset(headers)),
        &outcome,
        latest.screening.rules_version != table.version(),
    )))
}

async fn screen_submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    form: UserForm,
) -> Result<Response, WebError> {
    let table = RuleTable::builtin();
    let posted = PostedScreening::read(&form, table);
    let new = match posted.build(table) {
        Ok(new) => new,
        Err(errors) => {
            let refused = posted.refused(table, &errors);
            let page = ScreenPage {
                chrome: chrome("Safety screening: check your answers", "screen"),
                csrf: form.user.csrf().to_string(),
                latest: latest(&state, &form.user, &headers).await?,
                just_saved: false,
                pain_error: refused.pain_error,
                form_error: refused.form_error,
                groups: refused.groups,
                pain_regions: posted.pain_regions,
                has_errors: true,
            };
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
        }
    };
    let stored = state
        .store
        .add_screening(&form.user.ctx(), &new)
        .await
        .map_err(from_store)?;
    Ok(see_other(&format!("/screen?saved={}#outcome", stored.id)))
}
