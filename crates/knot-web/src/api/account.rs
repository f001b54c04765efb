//! `/api/v1/account/…`: register, sign in, sign out, who am I, and the account's security
//! events. Signing in (or up) sets the same session and device cookies as the pages and returns
//! the session's CSRF token, which every call that changes data sends back in `X-CSRF-Token`.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};

use crate::auth::cookies;
use crate::auth::{
    authenticate, challenge_for, device_cookie, end_session, finish_second_step, needs_second_step,
    register, secure_cookies, start_session, ApiUser, ClientAddress, SignUp, SignUpError,
};
use crate::extract::{BodyExample, JsonBody};
use crate::routes::Route;
use crate::{AppState, WebError};

pub(super) fn routes() -> Vec<Route> {
    vec![
        Route::post("/api/v1/account/signup", signup),
        Route::post("/api/v1/account/signin", signin),
        Route::post("/api/v1/account/signin/two-factor", signin_two_factor),
        Route::post("/api/v1/account/signout", signout),
        Route::post("/api/v1/account/delete", delete),
        Route::get("/api/v1/account/me", me),
        Route::get("/api/v1/account/security-events", security_events),
    ]
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SignUpRequest {
    email: String,
    display_name: String,
    password: String,
}

impl BodyExample for SignUpRequest {
    const EXAMPLE: &'static str = "{\"email\": \"sam@example.org\", \"display_name\": \"Sam\", \
         \"password\": \"at least ten characters\"}";
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SignInRequest {
    email: String,
    password: String,
}

impl BodyExample for SignInRequest {
    const EXAMPLE: &'static str = "{\"email\": \"sam@example.org\", \"password\": \"…\"}";
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DeleteRequest {
    password: String,
    #[serde(default)]
    confirm: bool,
}

impl BodyExample for DeleteRequest {
    const EXAMPLE: &'static str = "{\"password\": \"…\", \"confirm\": true}";
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SecondStepRequest {
    challenge: String,
    code: String,
}

impl BodyExample for SecondStepRequest {
    const EXAMPLE: &'static str = "{\"challenge\": \"<from POST /api/v1/account/signin>\", \
         \"code\": \"123456\"}";
}

/// The account as the API shows it (never the password hash).
#[derive(Debug, Serialize)]
struct AccountView {
    email: String,
    display_name: String,
}

/// A signed-in session: the account and the token for `X-CSRF-Token`.
#[derive(Debug, Serialize)]
struct SignedInReply {
    account: AccountView,
    csrf_token: String,
}

fn reply(
    status: StatusCode,
    account: &knot_store::Account,
    csrf: &str,
    set_cookies: &[&str],
) -> Result<Response, WebError> {
    let body = SignedInReply {
        account: AccountView {
            email: account.email.clone(),
            display_name: account.display_name.clone(),
        },
        csrf_token: csrf.to_string(),
    };
    let mut response = (status, Json(body)).into_response();
    for cookie in set_cookies {
        cookies::set(response.headers_mut(), cookie)?;
    }
    Ok(response)
}

async fn signup(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    ClientAddress(address): ClientAddress,
    JsonBody(request): JsonBody<SignUpRequest>,
) -> Result<Response, WebError> {
    let form = SignUp {
        email: request.email,
        display_name: request.display_name,
        password: request.password,
        confirm: None,
    };
    let account = register(&state, &form, address)
        .await
        .map_err(|error| match error {
            SignUpError::Invalid(errors) => {
                WebError::Unprocessable(format!("{}. Nothing was stored.", errors.summary()))
            }
            SignUpError::Refused => WebError::Unprocessable(format!(
                "{} (sign in with POST /api/v1/account/signin)",
                error.message()
            )),
            SignUpError::Limited {
                retry_after_seconds,
            } => WebError::TooManyRequests {
                message: error.message(),
                retry_after_seconds,
            },
            SignUpError::Failed(error) => error,
        })?;
    let secure = secure_cookies(&state, &headers, &uri);
    let (cookie, session) = start_session(&state, &account, secure).await?;
    let device = device_cookie(&state, &account, secure).await?;
    reply(
        StatusCode::CREATED,
        &account,
        &session.csrf_token,
        &[&cookie, &device],
    )
}

async fn signin(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    ClientAddress(address): ClientAddress,
    JsonBody(request): JsonBody<SignInRequest>,
) -> Result<Response, WebError> {
    let account = authenticate(&state, &request.email, &request.password, address, &headers)
        .await
        .map_err(|e| e.into_web_error())?;
    if needs_second_step(&state, &account).await? {
        // No session yet: the challenge and a code finish the sign-in.
        let challenge = challenge_for(&state, &account).await?;
        let body = serde_json::json!({
            "two_factor_required": true,
            "challenge": challenge,
            "expires_in_seconds": crate::auth::CHALLENGE_SECONDS,
        });
        return Ok((StatusCode::ACCEPTED, Json(body)).into_response());
    }
    signed_in_reply(&state, &headers, &uri, &account).await
}

async fn signin_two_factor(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    ClientAddress(address): ClientAddress,
    JsonBody(request): JsonBody<SecondStepRequest>,
) -> Result<Response, WebError> {
    let account = finish_second_step(&state, &request.challenge, &request.code, address, &headers)
        .await
        .map_err(|e| e.into_web_error())?;
    signed_in_reply(&state, &headers, &uri, &account).await
}

/// A new session for `account`: its cookies and the account with the CSRF token.
async fn signed_in_reply(
    state: &AppState,
    headers: &HeaderMap,
    uri: &Uri,
    account: &knot_store::Account,
) -> Result<Response, WebError> {
    let secure = secure_cookies(state, headers, uri);
    let (cookie, session) = start_session(state, account, secure).await?;
    let device = device_cookie(state, account, secure).await?;
    reply(
        StatusCode::OK,
        account,
        &session.csrf_token,
        &[&cookie, &device],
    )
}

async fn signout(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    ApiUser(user): ApiUser,
) -> Result<Response, WebError> {
    state
        .app
        .discard_guided(&user.session.token_hash)
        .await
        .map_err(crate::app_error::from_app)?;
    let clear = end_session(&state, &user, secure_cookies(&state, &headers, &uri)).await?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    cookies::set(response.headers_mut(), &clear)?;
    Ok(response)
}

/// Deletes the signed-in account and every record of it (`pages/account_delete.rs`): 204 and
/// the session cookie cleared; 422 without `confirm: true` or with a wrong password (counted as
/// a failed sign-in); 429 while sign-in is paused; 409 for a clinic's staff.
async fn delete(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    ClientAddress(address): ClientAddress,
    ApiUser(user): ApiUser,
    JsonBody(request): JsonBody<DeleteRequest>,
) -> Result<Response, WebError> {
    use crate::pages::account_delete::{delete_signed_in, Refused};
    let deleted = delete_signed_in(
        &state,
        &user,
        &request.password,
        request.confirm,
        address,
        &headers,
    )
    .await;
    match deleted {
        Ok(()) => {
            let clear = end_session(&state, &user, secure_cookies(&state, &headers, &uri)).await?;
            let mut response = StatusCode::NO_CONTENT.into_response();
            cookies::set(response.headers_mut(), &clear)?;
            Ok(response)
        }
        Err(Refused::Error(error)) => Err(error),
        Err(Refused::App(error)) => Err(crate::app_error::from_app(error)),
        Err(Refused::Field {
            field,
            message,
            retry_after_seconds: Some(seconds),
            ..
        }) => Err(WebError::TooManyRequests {
            message: format!("{field}: {message}"),
            retry_after_seconds: seconds,
        }),
        Err(Refused::Field { field, message, .. }) => Err(WebError::Unprocessable(format!(
            "{field}: {message} Nothing was deleted."
        ))),
    }
}

async fn me(ApiUser(user): ApiUser) -> Result<Response, WebError> {
    reply(StatusCode::OK, &user.account, user.csrf(), &[])
}

/// The most events `security-events` lists.
pub(crate) const SECURITY_EVENTS_SHOWN: u32 = 100;

/// One security event as the API shows it.
#[derive(Debug, Serialize)]
struct SecurityEventView {
    at: String,
    kind: &'static str,
    /// The client's address as the limits group it (an IPv6 /64), when known.
    client: Option<String>,
    detail: String,
}

async fn security_events(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
) -> Result<Response, WebError> {
    let events = state
        .store
        .security_events(&user.ctx(), SECURITY_EVENTS_SHOWN)
        .await
        .map_err(crate::app_error::from_store)?;
    let views: Vec<SecurityEventView> = events
        .into_iter()
        .map(|event| SecurityEventView {
            at: event.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            kind: event.kind.as_str(),
            client: event.client,
            detail: event.detail,
        })
        .collect();
    Ok(Json(serde_json::json!({ "events": views })).into_response())
}
