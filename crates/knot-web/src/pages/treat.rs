//! The guided session in the browser, driven by `knot_care::session`'s state machine on the
//! server; the session in progress is kept in the database (`knot_app::App::guided`), so any
//! app server can take the next step.
//!
//! - `GET /treat`: the session in progress, or the form to start one (which says what is missing
//!   first: a screening) and the summary of the session just stored.
//! - `POST /treat/start`: asks the application layer to start the session, which refuses
//!   without a screening on record and when the screening rules the treatment out (the page
//!   shows the reasons).
//! - `POST /treat/step`: one event (continue, a score, a stop sensation, …); when the session
//!   ends it is recorded through the application layer, like the CLI's.
//! - `POST /treat/tick`: the page script's clock; answers JSON with the step panel.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::Utc;
use knot_app::AppError;
use knot_care::session::{
    choose_trigger_point, Event, Sensation, SessionError, SessionState, Target, DEFAULT_TARGET,
    MAX_TARGET, MIN_TARGET,
};
use serde::{Deserialize, Serialize};

use super::diary_view::{choices, Choices};
use super::signed_in::{chrome, see_other};
use super::treat_view::{panel, summary, Summary};
use super::{render, Chrome};
use crate::app_error::from_app_page;
use crate::auth::{PageUser, SignedIn, UserForm};
use crate::extract::QueryParams;
use crate::routes::Route;
use crate::{AppState, WebError};

pub(super) fn routes() -> Vec<Route> {
    vec![
        Route::get("/treat", treat_page),
        Route::post("/treat/start", treat_start),
        Route::post("/treat/step", treat_step),
        Route::post("/treat/tick", treat_tick),
    ]
}

#[derive(Template)]
#[template(path = "treat.html")]
struct TreatPage {
    chrome: Chrome,
    csrf: String,
    /// The step panel of a session in progress, rendered.
    step: Option<String>,
    screened: bool,
    options: &'static Choices,
    point: String,
    side: String,
    target: u8,
    targets: Vec<u8>,
    problem: Option<String>,
    reasons: Vec<String>,
    done: Option<Summary>,
}

#[derive(Debug, Default, Deserialize)]
struct TreatQuery {
    done: Option<i64>,
    point: Option<String>,
    side: Option<String>,
}

impl TreatPage {
    fn new(state: &AppState, user: &SignedIn, screened: bool) -> TreatPage {
        TreatPage {
            chrome: chrome("Guided session", "treat"),
            csrf: user.csrf().to_string(),
            step: None,
            screened,
            options: choices(&state.reference),
            point: String::new(),
            side: "right".into(),
            target: DEFAULT_TARGET,
            targets: (MIN_TARGET..=MAX_TARGET).collect(),
            problem: None,
            reasons: Vec::new(),
            done: None,
        }
    }
}

async fn treat_page(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    QueryParams(query): QueryParams<TreatQuery>,
) -> Result<Response, WebError> {
    let ctx = user.ctx();
    let screened = state
        .app
        .latest_screening(&ctx)
        .await
        .map_err(from_app_page)?
        .is_some();
    let mut page = TreatPage::new(&state, &user, screened);
    let live = state
        .app
        .guided(&ctx, &user.session.token_hash, None, None, Utc::now())
        .await
        .map_err(from_app_page)?;
    if let Some(live) = live.filter(|live| !live.ended) {
        page.chrome.title = "Guided session in progress".into();
        page.step = Some(panel(&live.state, user.csrf()).render()?);
        return Ok(render(&page)?.into_response());
    }
    page.point = query.point.unwrap_or_default();
    page.side = query.side.unwrap_or_else(|| "right".into());
    if let Some(id) = query.done {
        let sessions = state
            .app
            .sessions(&ctx, None)
            .await
            .map_err(from_app_page)?;
        page.done = sessions.iter().find(|s| s.id == id).map(|s| {
            let name = state
                .reference
                .atlas
                .muscle(&s.session.muscle_id)
                .map_or(s.session.muscle_id.as_str(), |m| m.name.as_str());
            summary(s, name)
        });
    }
    Ok(render(&page)?.into_response())
}

async fn treat_start(State(state): State<AppState>, form: UserForm) -> Result<Response, WebError> {
    let user = &form.user;
    let atlas = state.reference.atlas;
    let screened = state
        .app
        .latest_screening(&user.ctx())
        .await
        .map_err(from_app_page)?
        .is_some();
    let mut page = TreatPage::new(&state, user, screened);
    page.point = form.value("point").to_string();
    page.side = form.value("side").to_string();
    let target = form
        .value("target")
        .parse::<u8>()
        .ok()
        .and_then(Target::new);
    page.target = target.map_or(DEFAULT_TARGET, Target::value);
    let refuse =
        |mut page: TreatPage, status: StatusCode, problem: String| -> Result<Response, WebError> {
            page.problem = Some(problem);
            Ok((status, render(&page)?).into_response())
        };
    let Some(target) = target else {
        return refuse(
            page,
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("Choose a discomfort to aim for from {MIN_TARGET} to {MAX_TARGET} out of 10."),
        );
    };
    let Some(muscle) = atlas
        .muscles()
        .iter()
        .find(|m| m.trigger_points.iter().any(|tp| tp.id == page.point))
    else {
        return refuse(
            page,
            StatusCode::UNPROCESSABLE_ENTITY,
            "Choose a trigger point from the list.".into(),
        );
    };
    let side = match page.side.as_str() {
        "left" => Some(knot_body::Side::Left),
        "right" => Some(knot_body::Side::Right),
        _ => None,
    };
    let started = match choose_trigger_point(atlas, muscle, side, Some(&page.point)) {
        Ok(tp) => state.app.start_session(&user.ctx(), tp, target).await,
        Err(error) => Err(AppError::Session(error)),
    };
    match started {
        Ok(spec) => {
            state
                .app
                .start_guided(
                    &user.ctx(),
                    &user.session.token_hash,
                    &SessionState::new(spec),
                    Utc::now(),
                )
                .await
                .map_err(from_app_page)?;
            Ok(see_other("/treat"))
        }
        Err(AppError::NeedsScreening { .. }) => refuse(
            page,
            StatusCode::CONFLICT,
            "Take the safety screening first: it checks for signs that need a physician before \
             you press on knots."
                .into(),
        ),
        // The page itself links to the Screen page under the reasons, so the hints add nothing.
        Err(AppError::Session(SessionError::Blocked { reasons, .. })) => {
            page.reasons = reasons;
            refuse(
                page,
                StatusCode::CONFLICT,
                "Knot will not guide a session on this trigger point now, for these reasons:"
                    .into(),
            )
        }
        Err(AppError::Session(other)) => {
            refuse(page, StatusCode::UNPROCESSABLE_ENTITY, format!("{other}."))
        }
        Err(other) => Err(from_app_page(other)),
    }
}

/// The event a button names.
fn event_of(name: &str) -> Option<Event> {
    let number = |prefix: &str| {
        name.strip_prefix(prefix)
            .and_then(|n| n.parse::<u8>().ok())
            .filter(|n| *n <= 10)
    };
    if let Some(n) = number("pain-") {
        return Some(Event::Number(n));
    }
    if let Some(n) = number("discomfort-") {
        return Some(Event::Discomfort(n));
    }
    let sensation = match name.strip_prefix("sensation-") {
        Some("sharp") => Some(Sensation::Sharp),
        Some("burning") => Some(Sensation::Burning),
        Some("electrical") => Some(Sensation::Electrical),
        Some("numb") => Some(Sensation::Numb),
        Some("tingling") => Some(Sensation::Tingling),
        Some("dizzy") => Some(Sensation::Dizzy),
        Some(_) => Some(Sensation::Unnamed),
        None => None,
    };
    if let Some(sensation) = sensation {
        return Some(Event::Sensation(sensation));
    }
    Some(match name {
        "continue" => Event::Continue,
        "skip" => Event::Skip,
        "pause" => Event::Pause,
        "resume" => Event::Resume,
        "quit" => Event::Quit,
        "yes" => Event::Answer(true),
        "no" => Event::Answer(false),
        _ => return None,
    })
}

async fn treat_step(State(state): State<AppState>, form: UserForm) -> Result<Response, WebError> {
    let Some(event) = event_of(form.value("event")) else {
        return Err(WebError::BadRequest(
            "that button is not one of the session's; reload the Treat page and use its buttons"
                .into(),
        ));
    };
    let key = &form.user.session.token_hash;
    let Some(stepped) = state
        .app
        .guided(&form.user.ctx(), key, Some(event), None, Utc::now())
        .await
        .map_err(from_app_page)?
    else {
        return Ok(see_other("/treat"));
    };
    if !stepped.ended {
        return Ok(see_other("/treat#treat-step"));
    }
    Ok(match stepped.stored {
        Some(id) => see_other(&format!("/treat?done={id}")),
        None => see_other("/treat"),
    })
}

/// The clock's answer: the step panel, and whether the controls changed.
#[derive(Debug, Serialize)]
struct TickReply {
    key: String,
    seconds_left: Option<u32>,
    html: String,
}

async fn treat_tick(State(state): State<AppState>, form: UserForm) -> Result<Response, WebError> {
    let reported = form.value("elapsed").trim().parse::<u32>().unwrap_or(0);
    let key = &form.user.session.token_hash;
    let Some(stepped) = state
        .app
        .guided(&form.user.ctx(), key, None, Some(reported), Utc::now())
        .await
        .map_err(from_app_page)?
    else {
        return Err(WebError::not_found(
            "no guided session is in progress; start one on the Treat page",
            Vec::new(),
        ));
    };
    let step = panel(&stepped.state, form.user.csrf());
    Ok(Json(TickReply {
        key: step.key.clone(),
        seconds_left: step.running_seconds,
        html: step.render()?,
    })
    .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buttons_name_only_possible_events() {
        assert_eq!(event_of("pain-7"), Some(Event::Number(7)));
        assert_eq!(event_of("discomfort-10"), Some(Event::Discomfort(10)));
        assert_eq!(event_of("discomfort-11"), None);
        assert_eq!(event_of("pain--1"), None);
        assert_eq!(
            event_of("sensation-numb"),
            Some(Event::Sensation(Sensation::Numb))
        );
        assert_eq!(
            event_of("sensation-other"),
            Some(Event::Sensation(Sensation::Unnamed))
        );
        assert_eq!(event_of("teleport"), None);
    }
}
