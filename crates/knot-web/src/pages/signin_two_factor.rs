//! `/signin/two-factor`: the second step of signing in to an account with two-factor sign-in
//! on. The sign-in form, given the right password, leaves the signed challenge in a cookie
//! (`knot_second_step`, five minutes) and sends the browser here; the code from the
//! authenticator app (or a recovery code) then starts the session exactly as a one-step
//! sign-in does. Wrong codes count under the sign-in limits ([`crate::auth`]).

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;

use super::account::{
    form_token_matches, new_form_token, next_query, signed_in_response, with_form_cookie,
    with_retry_after, NextQuery, EXPIRED,
};
use super::render;
use super::signed_in::{chrome, see_other};
use super::Chrome;
use crate::auth::cookies::{self, SECOND_STEP_COOKIE};
use crate::auth::{
    field, finish_second_step, safe_next, secure_cookies, ClientAddress, SignInError,
};
use crate::extract::{FormPairs, QueryParams};
use crate::routes::Route;
use crate::{AppState, WebError};

pub(super) fn routes() -> Vec<Route> {
    vec![
        Route::get("/signin/two-factor", code_page),
        Route::post("/signin/two-factor", code_submit),
    ]
}

#[derive(Template)]
#[template(path = "signin_two_factor.html")]
struct CodePage {
    chrome: Chrome,
    form_token: String,
    next: String,
    next_query: String,
    problem: Option<String>,
    /// The challenge is gone or stale: only a link back to the sign-in form.
    expired: bool,
}

fn page(form_token: &str, next: &str, problem: Option<String>, expired: bool) -> CodePage {
    CodePage {
        chrome: chrome("Two-factor sign-in", "signin"),
        form_token: form_token.to_string(),
        next: next.to_string(),
        next_query: next_query(next),
        problem,
        expired,
    }
}

async fn code_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    QueryParams(query): QueryParams<NextQuery>,
) -> Result<Response, WebError> {
    let next = safe_next(&query.next).to_string();
    if crate::auth::visitor().is_some() {
        return Ok(see_other(&next));
    }
    if cookies::read(&headers, SECOND_STEP_COOKIE).is_none_or(str::is_empty) {
        return Ok(see_other(&format!("/signin{}", next_query(&next))));
    }
    let token = new_form_token(&state).await?;
    with_form_cookie(
        StatusCode::OK,
        render(&page(&token, &next, None, false))?,
        &token,
        secure_cookies(&state, &headers, &uri),
    )
}

async fn code_submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    ClientAddress(address): ClientAddress,
    FormPairs(pairs): FormPairs,
) -> Result<Response, WebError> {
    let secure = secure_cookies(&state, &headers, &uri);
    let next = safe_next(field(&pairs, "next")).to_string();
    let token = new_form_token(&state).await?;
    let refused = |problem: String, status: StatusCode, expired: bool| {
        with_form_cookie(
            status,
            render(&page(&token, &next, Some(problem), expired))?,
            &token,
            secure,
        )
    };
    if !form_token_matches(&state, &headers, &pairs, address, "two-factor sign-in").await? {
        return refused(EXPIRED.to_string(), StatusCode::FORBIDDEN, false);
    }
    let challenge = cookies::read(&headers, SECOND_STEP_COOKIE).unwrap_or_default();
    let code = field(&pairs, "code");
    match finish_second_step(&state, challenge, code, address, &headers).await {
        Ok(account) => {
            let mut response = signed_in_response(&state, &account, secure, &next).await?;
            cookies::set(
                response.headers_mut(),
                &cookies::second_step_cookie("", 0, secure),
            )?;
            Ok(response)
        }
        Err(SignInError::Failed(error)) => Err(error),
        Err(error @ (SignInError::ChallengeExpired | SignInError::Wrong)) => {
            refused(error.message(), StatusCode::UNAUTHORIZED, true)
        }
        Err(error @ SignInError::WrongCode) => {
            refused(error.message(), StatusCode::UNPROCESSABLE_ENTITY, false)
        }
        Err(
            error @ SignInError::Locked {
                retry_after_seconds,
            },
        ) => {
            let response = refused(error.message(), StatusCode::TOO_MANY_REQUESTS, false)?;
            Ok(with_retry_after(response, retry_after_seconds))
        }
    }
}
