//! Sign up (`/signup`), sign in (`/signin`) and sign out (`POST /signout`).
//!
//! The two forms work before there is a session, so their CSRF protection is a signed token in
//! a `SameSite=Strict` cookie that the form must echo (`auth::form_token`). A successful form
//! starts a session (the cookie), renews the browser's device cookie and redirects; a refused
//! one is shown again with each problem beside its field.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::signed_in::{chrome, see_other};
use super::{render, Chrome};
use crate::auth::cookies::{self, FORM_COOKIE};
use crate::auth::{
    authenticate, challenge_for, device_cookie, end_session, field, form_token_accepted,
    issue_form_token, needs_second_step, register, safe_next, secure_cookies, start_session,
    ClientAddress, FieldErrors, SignInError, SignUp, SignUpError, UserForm, CHALLENGE_SECONDS,
};
use crate::extract::{FormPairs, QueryParams};
use crate::routes::Route;
use crate::{AppState, WebError};

pub(super) fn routes() -> Vec<Route> {
    vec![
        Route::get("/signup", signup_page),
        Route::post("/signup", signup_submit),
        Route::get("/signin", signin_page),
        Route::post("/signin", signin_submit),
        Route::post("/signout", signout),
    ]
}

/// The hidden field that echoes the form cookie.
pub(super) const FORM_FIELD: &str = "form_token";

#[derive(Template)]
#[template(path = "signup.html")]
struct SignUpPage {
    chrome: Chrome,
    form_token: String,
    email: String,
    display_name: String,
    /// Where to go once the account is made (a local path; empty: the screening).
    next: String,
    errors: FieldErrors,
}

impl SignUpPage {
    /// The sign-in link's query, keeping where to go next.
    fn next_query(&self) -> String {
        next_query(&self.next)
    }
}

#[derive(Template)]
#[template(path = "signin.html")]
struct SignInPage {
    chrome: Chrome,
    form_token: String,
    email: String,
    next: String,
    problem: Option<String>,
}

impl SignInPage {
    /// The sign-up link's query, keeping where to go next (unless it is the default).
    fn next_query(&self) -> String {
        if self.next == safe_next("") {
            String::new()
        } else {
            next_query(&self.next)
        }
    }
}

/// `?next=…` for a link between the two forms, or nothing.
pub(super) fn next_query(next: &str) -> String {
    if next.is_empty() {
        return String::new();
    }
    let encoded: String = form_urlencoded::byte_serialize(next.as_bytes()).collect();
    format!("?next={encoded}")
}

/// Where a new account goes: the page it came for (an invitation link, say), else the
/// screening.
fn after_sign_up(next: &str) -> String {
    if next.trim().is_empty() {
        String::new()
    } else {
        safe_next(next).to_string()
    }
}

#[derive(Debug, Deserialize)]
pub(super) struct NextQuery {
    #[serde(default)]
    pub(super) next: String,
}

/// A page with a fresh form token, its cookie set, and the given status.
pub(super) fn with_form_cookie(
    status: StatusCode,
    html: axum::response::Html<String>,
    token: &str,
    secure: bool,
) -> Result<Response, WebError> {
    let mut response = (status, html).into_response();
    cookies::set(response.headers_mut(), &cookies::form_cookie(token, secure))?;
    Ok(response)
}

/// A fresh signed form token.
pub(super) async fn new_form_token(state: &AppState) -> Result<String, WebError> {
    issue_form_token(&state.auth.signer, &*state.store).await
}

/// Whether the form echoes the cookie's token and the token is ours and fresh; a refusal is
/// recorded as a security event.
pub(super) async fn form_token_matches(
    state: &AppState,
    headers: &HeaderMap,
    pairs: &[(String, String)],
    address: Option<std::net::IpAddr>,
    form: &str,
) -> Result<bool, WebError> {
    let accepted = form_token_accepted(
        &state.auth.signer,
        &*state.store,
        cookies::read(headers, FORM_COOKIE),
        field(pairs, FORM_FIELD),
    )
    .await?;
    if !accepted {
        crate::auth::record_refused_form(state, address, form).await;
    }
    Ok(accepted)
}

/// Adds `Retry-After`.
pub(super) fn with_retry_after(mut response: Response, seconds: u64) -> Response {
    response.headers_mut().insert(
        axum::http::header::RETRY_AFTER,
        axum::http::HeaderValue::from(seconds),
    );
    response
}

pub(super) const EXPIRED: &str =
    "This form had expired (or came from elsewhere), so nothing was sent. \
                       Check the details and send it again.";

async fn signup_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    QueryParams(query): QueryParams<NextQuery>,
) -> Result<Response, WebError> {
    let next = after_sign_up(&query.next);
    if crate::auth::visitor().is_some() {
        return Ok(see_other(if next.is_empty() { "/diary" } else { &next }));
    }
    let token = new_form_token(&state).await?;
    let page = SignUpPage {
        chrome: chrome("Sign up", "signup"),
        form_token: token.clone(),
        email: String::new(),
        display_name: String::new(),
        next,
        errors: FieldErrors::default(),
    };
    with_form_cookie(
        StatusCode::OK,
        render(&page)?,
        &token,
        secure_cookies(&state, &headers, &uri),
    )
}

async fn signup_submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    ClientAddress(address): ClientAddress,
    FormPairs(pairs): FormPairs,
) -> Result<Response, WebError> {
    let secure = secure_cookies(&state, &headers, &uri);
    let form = SignUp {
        email: field(&pairs, "email").trim().to_string(),
        display_name: field(&pairs, "display_name").to_string(),
        password: field(&pairs, "password").to_string(),
        confirm: Some(field(&pairs, "confirm").to_string()),
    };
    let next = after_sign_up(field(&pairs, "next"));
    let token = new_form_token(&state).await?;
    let refused = |errors: FieldErrors, status: StatusCode| -> Result<Response, WebError> {
        let page = SignUpPage {
            chrome: chrome("Sign up", "signup"),
            form_token: token.clone(),
            email: form.email.clone(),
            display_name: form.display_name.clone(),
            next: next.clone(),
            errors,
        };
        with_form_cookie(status, render(&page)?, &token, secure)
    };
    if !form_token_matches(&state, &headers, &pairs, address, "sign-up").await? {
        let mut errors = FieldErrors::default();
        errors.add("form", EXPIRED);
        return refused(errors, StatusCode::FORBIDDEN);
    }
    let account = match register(&state, &form, address).await {
        Ok(account) => account,
        Err(SignUpError::Invalid(errors)) => {
            return refused(errors, StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(error @ SignUpError::Refused) => {
            let mut errors = FieldErrors::default();
            errors.add("form", error.message());
            return refused(errors, StatusCode::UNPROCESSABLE_ENTITY);
        }
        Err(
            error @ SignUpError::Limited {
                retry_after_seconds,
            },
        ) => {
            let mut errors = FieldErrors::default();
            errors.add("form", error.message());
            let response = refused(errors, StatusCode::TOO_MANY_REQUESTS)?;
            return Ok(with_retry_after(response, retry_after_seconds));
        }
        Err(SignUpError::Failed(error)) => return Err(error),
    };
    let (cookie, _) = start_session(&state, &account, secure).await?;
    let device = device_cookie(&state, &account, secure).await?;
    let mut response = see_other(if next.is_empty() { "/screen" } else { &next });
    cookies::set(response.headers_mut(), &cookie)?;
    cookies::set(response.headers_mut(), &device)?;
    Ok(response)
}

async fn signin_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    QueryParams(query): QueryParams<NextQuery>,
) -> Result<Response, WebError> {
    let next = safe_next(&query.next).to_string();
    if crate::auth::visitor().is_some() {
        return Ok(see_other(&next));
    }
    let token = new_form_token(&state).await?;
    let page = SignInPage {
        chrome: chrome("Sign in", "signin"),
        form_token: token.clone(),
        email: String::new(),
        next,
        problem: None,
    };
    with_form_cookie(
        StatusCode::OK,
        render(&page)?,
        &token,
        secure_cookies(&state, &headers, &uri),
    )
}

async fn signin_submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    ClientAddress(address): ClientAddress,
    FormPairs(pairs): FormPairs,
) -> Result<Response, WebError> {
    let secure = secure_cookies(&state, &headers, &uri);
    let email = field(&pairs, "email").trim().to_string();
    let next = safe_next(field(&pairs, "next")).to_string();
    let token = new_form_token(&state).await?;
    let refused = |problem: String, status: StatusCode| -> Result<Response, WebError> {
        let page = SignInPage {
            chrome: chrome("Sign in", "signin"),
            form_token: token.clone(),
            email: email.clone(),
            next: next.clone(),
            problem: Some(problem),
        };
        with_form_cookie(status, render(&page)?, &token, secure)
    };
    if !form_token_matches(&state, &headers, &pairs, address, "sign-in").await? {
        return refused(EXPIRED.to_string(), StatusCode::FORBIDDEN);
    }
    let password = field(&pairs, "password");
    let account = match authenticate(&state, &email, password, address, &headers).await {
        Ok(account) => account,
        Err(SignInError::Failed(error)) => return Err(error),
        Err(
            error @ (SignInError::Wrong | SignInError::WrongCode | SignInError::ChallengeExpired),
        ) => return refused(error.message(), StatusCode::UNAUTHORIZED),
        Err(
            error @ SignInError::Locked {
                retry_after_seconds,
            },
        ) => {
            let response = refused(error.message(), StatusCode::TOO_MANY_REQUESTS)?;
            return Ok(with_retry_after(response, retry_after_seconds));
        }
    };
    if needs_second_step(&state, &account).await? {
        // The password was right, but no session yet: the code comes first.
        let challenge = challenge_for(&state, &account).await?;
        let mut response = see_other(&format!("/signin/two-factor{}", next_query(&next)));
        cookies::set(
            response.headers_mut(),
            &cookies::second_step_cookie(&challenge, CHALLENGE_SECONDS, secure),
        )?;
        return Ok(response);
    }
    signed_in_response(&state, &account, secure, &next).await
}

/// A session for `account` (with its device cookie), then on to `next`.
pub(super) async fn signed_in_response(
    state: &AppState,
    account: &knot_store::Account,
    secure: bool,
    next: &str,
) -> Result<Response, WebError> {
    let (cookie, _) = start_session(state, account, secure).await?;
    let device = device_cookie(state, account, secure).await?;
    let mut response = see_other(next);
    cookies::set(response.headers_mut(), &cookie)?;
    cookies::set(response.headers_mut(), &device)?;
    Ok(response)
}

async fn signout(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    form: UserForm,
) -> Result<Response, WebError> {
    let secure = secure_cookies(&state, &headers, &uri);
    state
        .app
        .discard_guided(&form.user.session.token_hash)
        .await
        .map_err(crate::app_error::from_app_page)?;
    let clear = end_session(&state, &form.user, secure).await?;
    let mut response = see_other("/");
    cookies::set(response.headers_mut(), &clear)?;
    Ok(response)
}
