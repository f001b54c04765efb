//! `/account/delete` ("Delete your account"): the person types their password and ticks that
//! they understand, and every record of theirs is erased — diary (deleted entries' text too),
//! sessions, plans, screenings — by `App::delete_account`; the browser is signed out and sent
//! to `/account/deleted`. A clinic's records stay with the clinic: an account on a clinic's
//! staff is refused until an admin removes it (`shared/account_erase.rs` says why).
//!
//! The password is checked through the sign-in's rate limits first ([`authenticate`]), so a
//! wrong one counts as a failed sign-in (and a security event) and guesses are held up alike;
//! the application then checks it once more before it erases. [`delete_signed_in`] is shared
//! with the JSON API (`POST /api/v1/account/delete`).

use std::net::IpAddr;

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use knot_app::account::{NOT_CONFIRMED, WRONG_PASSWORD};

use super::signed_in::{chrome, see_other};
use super::{render, Chrome};
use crate::app_error::{from_app_page, from_store};
use crate::auth::cookies;
use crate::auth::{
    authenticate, end_session, secure_cookies, ClientAddress, FieldErrors, PageUser, SignInError,
    SignedIn, UserForm,
};
use crate::routes::Route;
use crate::{AppState, WebError};

pub(super) fn routes() -> Vec<Route> {
    vec![
        Route::get("/account/delete", delete_page),
        Route::post("/account/delete", delete_submit),
        Route::get("/account/deleted", deleted_page),
    ]
}

#[derive(Template)]
#[template(path = "account_delete.html")]
struct DeletePage {
    chrome: Chrome,
    csrf: String,
    email: String,
    /// The clinics whose staff the account is on (deleting is refused until it leaves them).
    staff_of: Vec<String>,
    errors: FieldErrors,
}

#[derive(Template)]
#[template(path = "account_deleted.html")]
struct DeletedPage {
    chrome: Chrome,
}

/// Why a deletion did not go through: a problem with one field (422, or 429 when sign-in is
/// paused), or an error.
pub(crate) enum Refused {
    Field {
        field: &'static str,
        message: String,
        status: StatusCode,
        retry_after_seconds: Option<u64>,
    },
    Error(WebError),
    /// The application refused (a clinic's staff: `Conflict`); each front end phrases it.
    App(knot_app::AppError),
}

impl Refused {
    fn field(field: &'static str, message: impl Into<String>) -> Refused {
        Refused::Field {
            field,
            message: message.into(),
            status: StatusCode::UNPROCESSABLE_ENTITY,
            retry_after_seconds: None,
        }
    }
}

/// Deletes the signed-in account once `confirm` is set and `password` is its password (checked
/// within the sign-in's limits). The session is gone afterwards; the caller clears the cookie.
pub(crate) async fn delete_signed_in(
    state: &AppState,
    user: &SignedIn,
    password: &str,
    confirm: bool,
    address: Option<IpAddr>,
    headers: &HeaderMap,
) -> Result<(), Refused> {
    if !confirm {
        return Err(Refused::field("confirm", NOT_CONFIRMED));
    }
    match authenticate(state, &user.account.email, password, address, headers).await {
        Ok(account) if account.user_id == user.account.user_id => {}
        Ok(_)
        | Err(SignInError::Wrong | SignInError::WrongCode | SignInError::ChallengeExpired) => {
            return Err(Refused::field("password", WRONG_PASSWORD))
        }
        Err(
            error @ SignInError::Locked {
                retry_after_seconds,
            },
        ) => {
            return Err(Refused::Field {
                field: "password",
                message: error.message(),
                status: StatusCode::TOO_MANY_REQUESTS,
                retry_after_seconds: Some(retry_after_seconds),
            })
        }
        Err(SignInError::Failed(error)) => return Err(Refused::Error(error)),
    }
    state
        .app
        .discard_guided(&user.session.token_hash)
        .await
        .map_err(Refused::App)?;
    state
        .app
        .delete_account(&user.actor, password, true)
        .await
        .map_err(Refused::App)?;
    Ok(())
}

async fn staff_of(state: &AppState, user: &SignedIn) -> Result<Vec<String>, WebError> {
    let clinics = state
        .store
        .clinic()
        .staff_clinics(user.account.user_id)
        .await
        .map_err(from_store)?;
    Ok(clinics.into_iter().map(|(clinic, _)| clinic.name).collect())
}

async fn delete_page(
    State(state): State<AppState>,
    PageUser(user): PageUser,
) -> Result<Response, WebError> {
    let page = DeletePage {
        chrome: chrome("Delete your account", "account"),
        csrf: user.csrf().to_string(),
        email: user.account.email.clone(),
        staff_of: staff_of(&state, &user).await?,
        errors: FieldErrors::default(),
    };
    Ok(render(&page)?.into_response())
}

async fn delete_submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    ClientAddress(address): ClientAddress,
    form: UserForm,
) -> Result<Response, WebError> {
    let user = &form.user;
    let confirm = !form.value("confirm").is_empty();
    let deleted = delete_signed_in(
        &state,
        user,
        form.value("password"),
        confirm,
        address,
        &headers,
    )
    .await;
    match deleted {
        Ok(()) => {
            let clear = end_session(&state, user, secure_cookies(&state, &headers, &uri)).await?;
            let mut response = see_other("/account/deleted");
            cookies::set(response.headers_mut(), &clear)?;
            Ok(response)
        }
        Err(Refused::Error(error)) => Err(error),
        Err(Refused::App(error)) => Err(from_app_page(error)),
        Err(Refused::Field {
            field,
            message,
            status,
            retry_after_seconds,
        }) => {
            let mut errors = FieldErrors::default();
            errors.add(field, message);
            let page = DeletePage {
                chrome: chrome("Delete your account", "account"),
                csrf: user.csrf().to_string(),
                email: user.account.email.clone(),
                staff_of: staff_of(&state, user).await?,
                errors,
            };
            let mut response = (status, render(&page)?).into_response();
            if let Some(seconds) = retry_after_seconds {
                response.headers_mut().insert(
                    axum::http::header::RETRY_AFTER,
                    axum::http::HeaderValue::from(seconds),
                );
            }
            Ok(response)
        }
    }
}

async fn deleted_page() -> Result<Response, WebError> {
    let page = DeletedPage {
        chrome: chrome("Account deleted", "account"),
    };
    Ok(render(&page)?.into_response())
}
