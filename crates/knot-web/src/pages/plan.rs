//! The Plan page: `GET /plan` shows the active home plan by sitting, which sitting is next today
//! (each of its items links to the Treat page, prefilled) and how much of today's pressure cap
//! is used, with a form to build a new plan; `POST /plan` builds one through the application
//! layer — saved (303 back to the page) or, with "preview without saving", shown unsaved. A
//! refusal is shown above the form with the values kept: 422 for unusable points, 409 without a
//! screening (pointing to the Screen page).

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use knot_app::{AppError, PlanRequest};
use knot_care::hint::Hint;
use knot_care::plan::{CAP_MINUTES_RANGE, DEFAULT_CAP_MINUTES};
use serde::Deserialize;

use super::plan_view::{plan_shown, today_shown, PlanShown, TodayShown};
use super::signed_in::{chrome, local_offset, see_other};
use super::{capitalized, render, Chrome};
use crate::api::plan::start_of_today;
use crate::app_error::{from_app_page, nothing_stored};
use crate::auth::{PageUser, SignedIn, UserForm};
use crate::extract::QueryParams;
use crate::routes::Route;
use crate::{AppState, WebError};

pub(super) fn routes() -> Vec<Route> {
    vec![
        Route::get("/plan", plan_page),
        Route::post("/plan", plan_build),
    ]
}

#[derive(Template)]
#[template(path = "plan.html")]
struct PlanPage {
    chrome: Chrome,
    csrf: String,
    /// The active plan, or (after "preview without saving") the preview.
    plan: Option<PlanShown>,
    today: Option<TodayShown>,
    preview: bool,
    saved: bool,
    points: String,
    cap_minutes: String,
    min_cap: u32,
    max_cap: u32,
    dry_run: bool,
    problem: Option<String>,
    /// The refusal is the safety policy: point to the Screen page.
    needs_screening: bool,
}

impl PlanPage {
    fn new(user: &SignedIn) -> PlanPage {
        PlanPage {
            chrome: chrome("Home plan", "plan"),
            csrf: user.csrf().to_string(),
            plan: None,
            today: None,
            preview: false,
            saved: false,
            points: String::new(),
            cap_minutes: DEFAULT_CAP_MINUTES.to_string(),
            min_cap: *CAP_MINUTES_RANGE.start(),
            max_cap: *CAP_MINUTES_RANGE.end(),
            dry_run: false,
            problem: None,
            needs_screening: false,
        }
    }
}

#[derive(Debug, Default, Deserialize)]
struct PlanQuery {
    saved: Option<String>,
}

async fn plan_page(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    headers: HeaderMap,
    QueryParams(query): QueryParams<PlanQuery>,
) -> Result<Response, WebError> {
    let day_start = start_of_today(local_offset(&headers), Utc::now());
    let today = state
        .app
        .today(&user.ctx(), day_start)
        .await
        .map_err(from_app_page)?;
    let mut page = PlanPage::new(&user);
    page.saved = query.saved.is_some();
    if let Some(today) = today {
        let next = today.next.as_ref().map(|(sitting, _)| *sitting);
        page.plan = Some(plan_shown(
            state.reference.atlas,
            Some(today.plan.id),
            &today.plan.plan,
            next,
        ));
        page.today = Some(today_shown(&today));
    }
    Ok(render(&page)?.into_response())
}

/// The points as typed: separated by commas, spaces or new lines.
fn typed_points(text: &str) -> Vec<String> {
    text.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

async fn plan_build(State(state): State<AppState>, form: UserForm) -> Result<Response, WebError> {
    let mut page = PlanPage::new(&form.user);
    page.points = form.value("points").to_string();
    page.cap_minutes = form.value("cap_minutes").trim().to_string();
    page.dry_run = !form.value("dry_run").is_empty();
    let cap_minutes = match page.cap_minutes.as_str() {
        "" => Some(DEFAULT_CAP_MINUTES),
        text => text.parse::<u32>().ok(),
    };
    let Some(cap_minutes) = cap_minutes else {
        let problem = format!(
            "The cap must be a whole number of minutes, {} to {}",
            page.min_cap, page.max_cap
        );
        return refused(page, AppError::invalid(problem));
    };
    let request = PlanRequest {
        trigger_points: typed_points(&page.points),
        muscles: Vec::new(),
        side: None,
        cap_minutes,
        dry_run: page.dry_run,
    };
    match state.app.build_plan(&form.user.ctx(), &request).await {
        Ok(built) if built.id.is_some() => Ok(see_other("/plan?saved=1")),
        Ok(built) => {
            page.chrome.title = "Home plan preview".into();
            page.preview = true;
            page.plan = Some(plan_shown(state.reference.atlas, None, &built.plan, None));
            Ok(render(&page)?.into_response())
        }
        Err(error) => refused(page, error),
    }
}

/// A refusal shown above the form, with the values kept; anything but a refusal of what was
/// sent is the error page's.
fn refused(mut page: PlanPage, error: AppError) -> Result<Response, WebError> {
    page.needs_screening = matches!(error.hint(), Some(Hint::TakeScreening));
    let error = from_app_page(error);
    let error = if page.dry_run {
        error
    } else {
        nothing_stored(error)
    };
    let (status, message) = match error {
        WebError::Unprocessable(m) => (StatusCode::UNPROCESSABLE_ENTITY, m),
        WebError::Conflict(m) => (StatusCode::CONFLICT, m),
        other => return Err(other),
    };
    page.problem = Some(capitalized(&message));
    Ok((status, render(&page)?).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_may_be_separated_by_commas_spaces_or_lines() {
        assert_eq!(
            typed_points("upper-trapezius-1:right, levator-scapulae-upper:left\n x "),
            vec![
                "upper-trapezius-1:right",
                "levator-scapulae-upper:left",
                "x"
            ]
        );
        assert!(typed_points(" , ").is_empty());
    }
}
