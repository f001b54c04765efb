//! `/account/password`: change the password of the signed-in account. The current password is
//! checked first, the way signing in checks it (so wrong guesses count against the sign-in
//! limits); the new one follows the sign-up's rules. Every other session of the account ends;
//! this one stays signed in.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::signed_in::{chrome, see_other};
use super::{render, Chrome};
use crate::auth::{ClientAddress, FieldErrors, PageUser, UserForm};
use crate::extract::QueryParams;
use crate::password_change::{change_password, PasswordChange, PasswordChangeError};
use crate::routes::Route;
use crate::{AppState, WebError};

pub(super) fn routes() -> Vec<Route> {
    vec![
        Route::get("/account/password", password_page),
        Route::post("/account/password", password_submit),
    ]
}

#[derive(Template)]
#[template(path = "account_password.html")]
struct PasswordPage {
    chrome: Chrome,
    csrf: String,
    email: String,
    done: bool,
    errors: FieldErrors,
}

#[derive(Debug, Deserialize)]
struct DoneQuery {
    #[serde(default)]
    done: Option<String>,
}

async fn password_page(
    PageUser(user): PageUser,
    QueryParams(query): QueryParams<DoneQuery>,
) -> Result<Response, WebError> {
    let page = PasswordPage {
        chrome: chrome("Change password", "account"),
        csrf: user.csrf().to_string(),
        email: user.account.email.clone(),
        done: query.done.is_some(),
        errors: FieldErrors::default(),
    };
    Ok(render(&page)?.into_response())
}

async fn password_submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    ClientAddress(address): ClientAddress,
    form: UserForm,
) -> Result<Response, WebError> {
    let change = PasswordChange {
        current: form.value("current_password").to_string(),
        new: form.value("new_password").to_string(),
        again: Some(form.value("new_password_again").to_string()),
    };
    let refused = |errors: FieldErrors, status: StatusCode| -> Result<Response, WebError> {
        let page = PasswordPage {
            chrome: chrome("Change password: check the form", "account"),
            csrf: form.user.csrf().to_string(),
            email: form.user.account.email.clone(),
            done: false,
            errors,
        };
        Ok((status, render(&page)?).into_response())
    };
    match change_password(&state, &form.user, &change, address, &headers).await {
        Ok(()) => Ok(see_other("/account/password?done=1")),
        Err(PasswordChangeError::Invalid(errors)) => {
            refused(errors, StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(PasswordChangeError::Locked {
            message,
            retry_after_seconds,
        }) => {
            let mut errors = FieldErrors::default();
            errors.add("current_password", message);
            let mut response = refused(errors, StatusCode::TOO_MANY_REQUESTS)?;
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from(retry_after_seconds),
            );
            Ok(response)
        }
        Err(PasswordChangeError::Failed(error)) => Err(error),
    }
}
