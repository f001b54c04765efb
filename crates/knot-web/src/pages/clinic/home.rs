//! `GET /clinic`: the clinics the signed-in account works in and the form that starts one
//! (`POST /clinic`, its creator becomes the admin); `GET /clinic/join?token=…` and
//! `POST /clinic/join`: accepting an invitation link (a used, expired or unknown token is
//! refused with the reason and what to do).

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use knot_app::clinic::InvitationOffer;
use knot_app::AppError;
use serde::Deserialize;

use super::super::signed_in::{local_offset, local_time, see_other};
use super::super::{render, Chrome};
use super::frame::{chrome, refused, role_label};
use crate::auth::{PageUser, SignedIn, UserForm};
use crate::extract::QueryParams;
use crate::routes::Route;
use crate::{AppState, WebError};

pub(super) fn routes() -> Vec<Route> {
    vec![
        Route::get("/clinic", home_page),
        Route::post("/clinic", start_clinic),
        Route::get("/clinic/join", join_page),
        Route::post("/clinic/join", join_submit),
    ]
}

/// One clinic in the list.
struct ClinicRow {
    id: i64,
    name: String,
    role: &'static str,
}

#[derive(Template)]
#[template(path = "clinic_home.html")]
struct HomePage {
    chrome: Chrome,
    csrf: String,
    clinics: Vec<ClinicRow>,
    name: String,
    name_error: Option<String>,
}

#[derive(Template)]
#[template(path = "clinic_join.html")]
struct JoinPage {
    chrome: Chrome,
    csrf: String,
    token: String,
    /// The clinic and role offered ("Harbour Street Massage as Therapist"), when known.
    offer: Option<String>,
    problem: Option<String>,
}

#[derive(Debug, Deserialize)]
struct JoinQuery {
    #[serde(default)]
    token: String,
}

async fn home(
    state: &AppState,
    user: &SignedIn,
    name: String,
    name_error: Option<String>,
) -> Result<HomePage, WebError> {
    let clinics = state
        .app
        .my_clinics(&user.actor)
        .await
        .map_err(refused)?
        .into_iter()
        .filter(|(clinic, _)| !clinic.personal)
        .map(|(clinic, role)| ClinicRow {
            id: clinic.id,
            name: clinic.name,
            role: role_label(role),
        })
        .collect();
    Ok(HomePage {
        chrome: chrome("Clinic"),
        csrf: user.csrf().to_string(),
        clinics,
        name,
        name_error,
    })
}

async fn home_page(
    State(state): State<AppState>,
    PageUser(user): PageUser,
) -> Result<Response, WebError> {
    let page = home(&state, &user, String::new(), None).await?;
    Ok(render(&page)?.into_response())
}

async fn start_clinic(State(state): State<AppState>, form: UserForm) -> Result<Response, WebError> {
    let name = form.value("name").to_string();
    match state.app.create_clinic(&form.user.actor, &name).await {
        Ok(clinic) => Ok(see_other(&format!("/clinic/{}", clinic.id))),
        Err(AppError::Invalid { problems, .. }) => {
            let mut page = home(&state, &form.user, name, Some(problems.join("; "))).await?;
            page.chrome.title = "Clinic: check the name".into();
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(other) => Err(refused(other)),
    }
}

async fn join_page(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    headers: HeaderMap,
    QueryParams(query): QueryParams<JoinQuery>,
) -> Result<Response, WebError> {
    let token = query.token.trim().to_string();
    if token.is_empty() {
        let page = join(&user, token, Some(INCOMPLETE.into()));
        return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
    }
    let offer = state
        .app
        .invitation_offer(&token, Utc::now())
        .await
        .map_err(refused)?;
    let (status, problem) = match offer {
        InvitationOffer::Open {
            clinic_name,
            role,
            expires_at,
        } => {
            let mut page = join(&user, token, None);
            page.offer = Some(format!(
                "{clinic_name}, as {} (the link works until {})",
                role_label(role),
                local_time(expires_at, local_offset(&headers))
            ));
            return Ok(render(&page)?.into_response());
        }
        InvitationOffer::Unknown => (StatusCode::NOT_FOUND, UNKNOWN),
        InvitationOffer::Used => (StatusCode::GONE, USED),
        InvitationOffer::Expired => (StatusCode::GONE, EXPIRED),
    };
    let page = join(&user, token, Some(problem.into()));
    Ok((status, render(&page)?).into_response())
}

const UNKNOWN: &str = "No invitation has this link: check that the whole link was opened.";
const USED: &str = "This invitation has already been used: each link works once.";
const EXPIRED: &str = "This invitation has expired: a link works for 7 days.";

/// The join link came without its token.
const INCOMPLETE: &str =
    "This invitation link is incomplete: it has no token. Open the whole link from the invitation.";

fn join(user: &SignedIn, token: String, problem: Option<String>) -> JoinPage {
    // The page keeps the token only while it can still be used.
    let token = if problem.is_some() {
        String::new()
    } else {
        token
    };
    let title = if problem.is_some() {
        "Join a clinic: the invitation does not work"
    } else {
        "Join a clinic"
    };
    JoinPage {
        chrome: chrome(title),
        csrf: user.csrf().to_string(),
        token,
        offer: None,
        problem,
    }
}

async fn join_submit(State(state): State<AppState>, form: UserForm) -> Result<Response, WebError> {
    let token = form.value("token").trim().to_string();
    if token.is_empty() {
        let page = join(&form.user, token, Some(INCOMPLETE.into()));
        return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
    }
    match state
        .app
        .accept_invitation(&form.user.actor, &token, Utc::now())
        .await
    {
        Ok(joined) => Ok(see_other(&format!("/clinic/{}", joined.clinic_id))),
        Err(AppError::NotFound { .. }) => {
            let page = join(&form.user, token, Some(UNKNOWN.into()));
            Ok((StatusCode::NOT_FOUND, render(&page)?).into_response())
        }
        Err(AppError::Conflict(reason)) => {
            let problem = format!(
                "{}.",
                super::super::capitalized(reason.trim_end_matches('.'))
            );
            let page = join(&form.user, token, Some(problem));
            Ok((StatusCode::CONFLICT, render(&page)?).into_response())
        }
        Err(other) => Err(refused(other)),
    }
}
