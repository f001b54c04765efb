//! A forgotten password: `/account/forgot` asks for the e-mail address and answers the same
//! whether or not an account has it (so addresses cannot be probed), within the reset limits
//! ([`crate::auth::reset_limit`]); when an account has it, a one-time link is e-mailed on a task
//! of its own (so neither the answer nor its timing depends on the account). Without an SMTP
//! relay the page says so, and that whoever runs the server can print a link with
//! `knot account reset EMAIL`. `/account/reset?token=…` takes the new password; using the link
//! ends every session of the account, and the person then signs in with the new password
//! (not signed in by the link itself, so a link can never stand in for a second factor).
//!
//! Both forms work before there is a session, so they carry the signed form token of
//! [`super::account`].

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use chrono::Utc;
use serde::Deserialize;

use super::account::{
    form_token_matches, new_form_token, with_form_cookie, with_retry_after, EXPIRED,
};
use super::signed_in::{chrome, see_other};
use super::{render, Chrome};
use crate::app_error::from_app;
use crate::auth::reset_limit;
use crate::auth::{field, secure_cookies, wait_text, ClientAddress, ClientGroup, FieldErrors};
use crate::extract::{FormPairs, QueryParams};
use crate::routes::Route;
use crate::{AppState, WebError};

pub(super) fn routes() -> Vec<Route> {
    vec![
        Route::get("/account/forgot", forgot_page),
        Route::post("/account/forgot", forgot_submit),
        Route::get("/account/reset", reset_page),
        Route::post("/account/reset", reset_submit),
    ]
}

#[derive(Template)]
#[template(path = "account_forgot.html")]
struct ForgotPage {
    chrome: Chrome,
    form_token: String,
    /// Whether this server can send e-mail.
    can_send: bool,
    sent: bool,
    email: String,
    errors: FieldErrors,
}

#[derive(Template)]
#[template(path = "account_reset.html")]
struct ResetPage {
    chrome: Chrome,
    form_token: String,
    token: String,
    /// The token works (else the page says it does not and how to ask again).
    usable: bool,
    done: bool,
    errors: FieldErrors,
}

#[derive(Debug, Deserialize)]
struct ForgotQuery {
    #[serde(default)]
    sent: Option<String>,
}

#[derive(Debug, Deserialize)]
struct ResetQuery {
    #[serde(default)]
    token: String,
    #[serde(default)]
    done: Option<String>,
}

async fn forgot_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    QueryParams(query): QueryParams<ForgotQuery>,
) -> Result<Response, WebError> {
    let token = new_form_token(&state).await?;
    let page = ForgotPage {
        chrome: chrome("Forgot your password?", "signin"),
        form_token: token.clone(),
        can_send: state.mailer.is_some(),
        sent: query.sent.is_some(),
        email: String::new(),
        errors: FieldErrors::default(),
    };
    let secure = secure_cookies(&state, &headers, &uri);
    with_form_cookie(StatusCode::OK, render(&page)?, &token, secure)
}

async fn forgot_submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    ClientAddress(address): ClientAddress,
    FormPairs(pairs): FormPairs,
) -> Result<Response, WebError> {
    let Some(mailer) = state.mailer.clone() else {
        return Ok(see_other("/account/forgot"));
    };
    let secure = secure_cookies(&state, &headers, &uri);
    let email = field(&pairs, "email").trim().to_string();
    let token = new_form_token(&state).await?;
    let refused = |errors: FieldErrors, status: StatusCode| -> Result<Response, WebError> {
        let page = ForgotPage {
            chrome: chrome("Forgot your password? Check the form", "signin"),
            form_token: token.clone(),
            can_send: true,
            sent: false,
            email: email.clone(),
            errors,
        };
        with_form_cookie(status, render(&page)?, &token, secure)
    };
    if !form_token_matches(&state, &headers, &pairs, address, "password reset").await? {
        let mut errors = FieldErrors::default();
        errors.add("form", EXPIRED);
        return refused(errors, StatusCode::FORBIDDEN);
    }
    if email.is_empty() || !email.contains('@') || email.chars().count() > 254 {
        let mut errors = FieldErrors::default();
        errors.add(
            "email",
            "Give the e-mail address you signed up with, like name@example.org.",
        );
        return refused(errors, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let now = Utc::now();
    let client = address.map(ClientGroup::of);
    let admitted = reset_limit::admit(&*state.store, &email, client, now)
        .await
        .map_err(crate::app_error::from_store)?;
    if let Err(locked) = admitted {
        let mut errors = FieldErrors::default();
        errors.add(
            "form",
            format!(
                "Reset links were asked for this address, or from here, too often lately. Wait \
                 {} and ask again; a link already sent still works for an hour.",
                wait_text(locked.retry_after)
            ),
        );
        let seconds = locked.retry_after.as_secs().max(1);
        return Ok(with_retry_after(
            refused(errors, StatusCode::TOO_MANY_REQUESTS)?,
            seconds,
        ));
    }
    let base = super::link_base(&state, &headers, &uri);
    let app = state.app.clone();
    // On a task of its own: the answer and its timing do not depend on whether an account
    // has the address, and a slow relay does not hold the request up.
    tokio::spawn(async move {
        let request = match app.request_password_reset(&email, now).await {
            Ok(Some(request)) => request,
            Ok(None) => return,
            Err(error) => {
                eprintln!("knot-web: a password reset could not be stored: {error}");
                return;
            }
        };
        let link = format!("{base}/account/reset?token={}", request.token);
        let body = reset_message(&request.account.display_name, &link);
        if let Err(error) = mailer
            .send(&request.account.email, "Reset your Knot password", body)
            .await
        {
            eprintln!("knot-web: a password-reset e-mail was not sent: {error}");
        }
    });
    Ok(see_other("/account/forgot?sent=1"))
}

/// The e-mail's text.
fn reset_message(name: &str, link: &str) -> String {
    format!(
        "Hello {name},\n\nSomeone (we hope you) asked to reset the password of your Knot \
         account. To choose a new password, open this link within the hour:\n\n{link}\n\n\
         The link works once. Using it signs you out everywhere; then sign in with the new \
         password.\n\nIf you did not ask, ignore this message: your password stays as it is.\n"
    )
}

async fn reset_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    QueryParams(query): QueryParams<ResetQuery>,
) -> Result<Response, WebError> {
    let done = query.done.is_some();
    let usable = !done
        && crate::auth::is_token(query.token.trim())
        && state
            .app
            .reset_token_works(&query.token, Utc::now())
            .await
            .map_err(from_app)?;
    let form_token = new_form_token(&state).await?;
    let page = ResetPage {
        chrome: chrome(
            if done {
                "Password set"
            } else {
                "Choose a new password"
            },
            "signin",
        ),
        form_token: form_token.clone(),
        token: if usable {
            query.token.trim().to_string()
        } else {
            String::new()
        },
        usable,
        done,
        errors: FieldErrors::default(),
    };
    let status = if usable || done {
        StatusCode::OK
    } else {
        StatusCode::GONE
    };
    let secure = secure_cookies(&state, &headers, &uri);
    with_form_cookie(status, render(&page)?, &form_token, secure)
}

async fn reset_submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    ClientAddress(address): ClientAddress,
    FormPairs(pairs): FormPairs,
) -> Result<Response, WebError> {
    let secure = secure_cookies(&state, &headers, &uri);
    let token = field(&pairs, "token").trim().to_string();
    let password = field(&pairs, "new_password");
    let again = field(&pairs, "new_password_again");
    let form_token = new_form_token(&state).await?;
    let refused = |errors: FieldErrors, usable: bool, status: StatusCode| {
        let page = ResetPage {
            chrome: chrome("Choose a new password: check the form", "signin"),
            form_token: form_token.clone(),
            token: if usable { token.clone() } else { String::new() },
            usable,
            done: false,
            errors,
        };
        with_form_cookie(status, render(&page)?, &form_token, secure)
    };
    if !form_token_matches(&state, &headers, &pairs, address, "password reset").await? {
        let mut errors = FieldErrors::default();
        errors.add("form", EXPIRED);
        return refused(errors, true, StatusCode::FORBIDDEN);
    }
    if !crate::auth::is_token(&token) {
        return refused(FieldErrors::default(), false, StatusCode::GONE);
    }
    if password != again {
        let mut errors = FieldErrors::default();
        errors.add(
            "new_password_again",
            "The two passwords differ; type the same password twice.",
        );
        return refused(errors, true, StatusCode::UNPROCESSABLE_ENTITY);
    }
    match state.app.reset_password(&token, password, Utc::now()).await {
        Ok(Some(_)) => Ok(see_other("/account/reset?done=1")),
        Ok(None) => refused(FieldErrors::default(), false, StatusCode::GONE),
        Err(knot_app::AppError::Invalid { problems, .. }) => {
            let mut errors = FieldErrors::default();
            for problem in problems {
                errors.add("new_password", problem);
            }
            refused(errors, true, StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(error) => Err(from_app(error)),
    }
}
