//! The account's signed-in browsers on `/account`: each live session (its short reference, the
//! one the activity list names, when it began and when it ends, which one is this browser),
//! with "Sign out" for each other one and "Sign out everywhere else". Ending a session is the
//! store's audited sign-out.

use axum::extract::State;
use axum::response::Response;
use chrono::{FixedOffset, Utc};

use super::signed_in::{local_time, see_other};
use crate::app_error::from_store;
use crate::audit_origin::session_ref;
use crate::auth::{SignedIn, UserForm};
use crate::extract::PathParam;
use crate::routes::Route;
use crate::{AppState, WebError};

pub(super) fn routes() -> Vec<Route> {
    vec![
        Route::post("/account/sessions/{session}/end", end_one),
        Route::post("/account/sessions/end-others", end_others),
    ]
}

/// One signed-in browser as the account page lists it.
pub(super) struct SessionRow {
    pub reference: String,
    pub started: String,
    pub expires: String,
    pub this_browser: bool,
}

/// The account's live sessions, this browser first.
pub(super) async fn rows(
    state: &AppState,
    user: &SignedIn,
    offset: FixedOffset,
) -> Result<Vec<SessionRow>, WebError> {
    let mut sessions = state
        .store
        .web_sessions_of(user.account.user_id, Utc::now())
        .await
        .map_err(from_store)?;
    sessions.sort_by_key(|s| s.token_hash != user.session.token_hash);
    Ok(sessions
        .iter()
        .map(|s| SessionRow {
            reference: session_ref(&s.token_hash).to_string(),
            started: local_time(s.created_at, offset),
            expires: local_time(s.expires_at, offset),
            this_browser: s.token_hash == user.session.token_hash,
        })
        .collect())
}

/// Ends the account's other session with this reference (this browser signs out with the
/// Sign out button instead).
async fn end_one(
    State(state): State<AppState>,
    PathParam(reference): PathParam<String>,
    form: UserForm,
) -> Result<Response, WebError> {
    let user = &form.user;
    let sessions = state
        .store
        .web_sessions_of(user.account.user_id, Utc::now())
        .await
        .map_err(from_store)?;
    let Some(found) = sessions
        .iter()
        .find(|s| session_ref(&s.token_hash) == reference)
    else {
        return Err(WebError::not_found(
            "that browser is not signed in to your account any more; the list on your account \
             page is up to date",
            Vec::new(),
        ));
    };
    if found.token_hash == user.session.token_hash {
        return Err(WebError::Conflict(
            "that is this browser: use Sign out at the top of the page".into(),
        ));
    }
    state
        .store
        .delete_web_session(&found.token_hash)
        .await
        .map_err(from_store)?;
    Ok(see_other("/account?ended=1#sessions"))
}

/// Ends every session of the account but this browser's.
async fn end_others(State(state): State<AppState>, form: UserForm) -> Result<Response, WebError> {
    let user = &form.user;
    let sessions = state
        .store
        .web_sessions_of(user.account.user_id, Utc::now())
        .await
        .map_err(from_store)?;
    for session in sessions
        .iter()
        .filter(|s| s.token_hash != user.session.token_hash)
    {
        state
            .store
            .delete_web_session(&session.token_hash)
            .await
            .map_err(from_store)?;
    }
    Ok(see_other("/account?ended=all#sessions"))
}
