//! `/account/two-factor`: turning two-factor sign-in (TOTP) on and off. Turning on offers a
//! fresh secret — as a QR code (inline SVG) and written out in groups of four — carried by the
//! form with a signed tag, and stores nothing until a code from the app proves it has the
//! secret; then the 10 recovery codes are shown, once. Turning off asks for the password again
//! (checked under the sign-in limits).

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use knot_app::account::totp;
use qrcode::render::svg;
use qrcode::QrCode;
use serde::Deserialize;

use super::render;
use super::signed_in::{chrome, local_offset, local_time, see_other};
use super::Chrome;
use crate::app_error::from_store;
use crate::auth::{
    authenticate, enrolment_accepts, enrolment_tag, safe_next, ClientAddress, PageUser,
    SignInError, SignedIn, UserForm,
};
use crate::extract::QueryParams;
use crate::routes::Route;
use crate::{AppState, WebError};

pub(super) fn routes() -> Vec<Route> {
    vec![
        Route::get("/account/two-factor", status_page),
        Route::post("/account/two-factor", turn_on),
        Route::post("/account/two-factor/off", turn_off),
    ]
}

#[derive(Template)]
#[template(path = "account_two_factor.html")]
struct TwoFactorPage {
    chrome: Chrome,
    csrf: String,
    on: bool,
    since: String,
    recovery_left: u32,
    secret: String,
    secret_grouped: String,
    tag: String,
    qr_svg: String,
    next: String,
    required: bool,
    problem: Option<String>,
    /// Shown once, right after turning on.
    recovery_codes: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
struct TwoFactorQuery {
    #[serde(default)]
    next: String,
    #[serde(default)]
    required: bool,
}

/// The QR code of `text` as an inline SVG element.
fn qr_svg(text: &str) -> Result<String, WebError> {
    let code =
        QrCode::new(text.as_bytes()).map_err(|e| WebError::Internal(format!("QR code: {e}")))?;
    let image = code
        .render()
        .min_dimensions(200, 200)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build();
    // Inline in HTML: no XML declaration.
    Ok(match image.find("<svg") {
        Some(start) => image[start..].to_string(),
        None => image,
    })
}

fn blank(user: &SignedIn, next: &str) -> TwoFactorPage {
    TwoFactorPage {
        chrome: chrome("Two-factor sign-in", "account"),
        csrf: user.csrf().to_string(),
        on: false,
        since: String::new(),
        recovery_left: 0,
        secret: String::new(),
        secret_grouped: String::new(),
        tag: String::new(),
        qr_svg: String::new(),
        next: next.to_string(),
        required: false,
        problem: None,
        recovery_codes: None,
    }
}

/// The page as it stands: the status when on, else an offer of `secret` (a fresh one if none).
async fn current(
    state: &AppState,
    headers: &HeaderMap,
    user: &SignedIn,
    next: &str,
    secret: Option<String>,
) -> Result<TwoFactorPage, WebError> {
    let mut page = blank(user, next);
    if let Some(on) = state
        .store
        .two_factor(user.account.user_id)
        .await
        .map_err(from_store)?
    {
        page.on = true;
        page.since = local_time(on.enabled_at, local_offset(headers));
        page.recovery_left = on.recovery_left;
        return Ok(page);
    }
    let secret = match secret {
        Some(secret) => secret,
        None => totp::new_secret().map_err(|e| WebError::Internal(e.to_string()))?,
    };
    page.tag = enrolment_tag(state, user.account.user_id, &secret).await?;
    page.qr_svg = qr_svg(&totp::otpauth_uri(&user.account.email, &secret))?;
    page.secret_grouped = totp::grouped(&secret);
    page.secret = secret;
    Ok(page)
}

/// Where to go after turning on: a local path given, else the account page.
fn next_or_account(next: &str) -> String {
    if next.trim().is_empty() {
        "/account".to_string()
    } else {
        safe_next(next).to_string()
    }
}

async fn status_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    PageUser(user): PageUser,
    QueryParams(query): QueryParams<TwoFactorQuery>,
) -> Result<Response, WebError> {
    let next = next_or_account(&query.next);
    let mut page = current(&state, &headers, &user, &next, None).await?;
    page.required = query.required && !page.on;
    Ok(render(&page)?.into_response())
}

async fn turn_on(
    State(state): State<AppState>,
    headers: HeaderMap,
    form: UserForm,
) -> Result<Response, WebError> {
    let user = &form.user;
    let next = next_or_account(form.value("next"));
    let secret = form.value("secret").trim().to_string();
    let offered = !secret.is_empty()
        && totp::base32_decode(&secret).is_some_and(|key| key.len() == totp::SECRET_BYTES)
        && enrolment_accepts(&state, user.account.user_id, &secret, form.value("tag")).await?;
    if !offered {
        let mut page = current(&state, &headers, user, &next, None).await?;
        page.problem = Some(
            "This offer had expired (or was changed), so nothing was turned on. Add the new key \
             below to your app and enter its code."
                .into(),
        );
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
    }
    let now = Utc::now();
    let Some(step) = totp::matching_step(&secret, form.value("code"), now.timestamp(), i64::MIN)
    else {
        let mut page = current(&state, &headers, user, &next, Some(secret)).await?;
        page.problem = Some(
            "That code is not right, so two-factor sign-in is still off. Check that the app's \
             entry is for this key and enter the 6 digits it shows now (they change every 30 \
             seconds)."
                .into(),
        );
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
    };
    let codes = totp::new_recovery_codes().map_err(|e| WebError::Internal(e.to_string()))?;
    let digests: Vec<String> = codes
        .iter()
        .filter_map(|code| totp::recovery_digest(code))
        .collect();
    match state
        .store
        .enable_two_factor(user.account.user_id, &secret, step, &digests, now)
        .await
    {
        Ok(()) => {}
        // Turned on already (another tab): its codes stand; show the status.
        Err(knot_store::StoreError::Conflict(_)) => return Ok(see_other("/account/two-factor")),
        Err(error) => return Err(from_store(error)),
    }
    let mut page = blank(user, &next);
    page.on = true;
    page.recovery_codes = Some(codes);
    Ok(render(&page)?.into_response())
}

async fn turn_off(
    State(state): State<AppState>,
    headers: HeaderMap,
    ClientAddress(address): ClientAddress,
    form: UserForm,
) -> Result<Response, WebError> {
    let user = &form.user;
    let checked = authenticate(
        &state,
        &user.account.email,
        form.value("password"),
        address,
        &headers,
    )
    .await;
    let problem = match checked {
        Ok(account) if account.user_id == user.account.user_id => None,
        Ok(_)
        | Err(SignInError::Wrong | SignInError::WrongCode | SignInError::ChallengeExpired) => {
            Some("That password is not right, so two-factor sign-in is still on.".to_string())
        }
        Err(error @ SignInError::Locked { .. }) => Some(error.message()),
        Err(SignInError::Failed(error)) => return Err(error),
    };
    if let Some(problem) = problem {
        let mut page = current(&state, &headers, user, "/account", None).await?;
        page.problem = Some(problem);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
    }
    state
        .store
        .disable_two_factor(user.account.user_id)
        .await
        .map_err(from_store)?;
    Ok(see_other("/account/two-factor"))
}
