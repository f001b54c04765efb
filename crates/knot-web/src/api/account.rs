//! `/api/v1/account/…`: register, sign in, sign out, and who am I. Signing in (or up) sets the
//! same session cookie as the pages and returns the session's CSRF token, which every call that
//! changes data sends back in `X-CSRF-Token`.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};

use crate::auth::cookies;
use crate::auth::{
    authenticate, end_session, register, secure_cookies, start_session, ApiUser, ClientAddress,
    SignUp, SignUpError,
};
use crate::extract::{BodyExample, JsonBody};
use crate::routes::Route;
use crate::{AppState, WebError};

pub(super) fn routes() -> Vec<Route> {
    vec![
        Route::post("/api/v1/account/signup", signup),
        Route::post("/api/v1/account/signin", signin),
        Route::post("/api/v1/account/signout", signout),
        Route::get("/api/v1/account/me", me),
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
    cookie: Option<&str>,
) -> Result<Response, WebError> {
    let body = SignedInReply {
        account: AccountView {
            email: account.email.clone(),
            display_name: account.display_name.clone(),
        },
        csrf_token: csrf.to_string(),
    };
    let mut response = (status, Json(body)).into_response();
    if let Some(cookie) = cookie {
        cookies::set(response.headers_mut(), cookie)?;
    }
    Ok(response)
}

async fn signup(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    JsonBody(request): JsonBody<SignUpRequest>,
) -> Result<Response, WebError> {
    let form = SignUp {
        email: request.email,
        display_name: request.display_name,
        password: request.password,
        confirm: None,
    };
    let account = register(&state, &form).await.map_err(|error| match error {
        SignUpError::Invalid(errors) => {
            WebError::Unprocessable(format!("{}. Nothing was stored.", errors.summary()))
        }
        SignUpError::EmailTaken => WebError::Conflict(
            "an account with this e-mail already exists; sign in with POST \
             /api/v1/account/signin, or use another address"
                .into(),
        ),
        SignUpError::Failed(error) => error,
    })?;
    let secure = secure_cookies(&state, &headers, &uri);
    let (cookie, session) = start_session(&state, &account, secure).await?;
    reply(
        StatusCode::CREATED,
        &account,
        &session.csrf_token,
        Some(&cookie),
    )
}

async fn signin(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    ClientAddress(address): ClientAddress,
    JsonBody(request): JsonBody<SignInRequest>,
) -> Result<Response, WebError> {
    let account = authenticate(&state, &request.email, &request.password, address)
        .await
        .map_err(|e| e.into_web_error())?;
    let secure = secure_cookies(&state, &headers, &uri);
    let (cookie, session) = start_session(&state, &account, secure).await?;
    reply(StatusCode::OK, &account, &session.csrf_token, Some(&cookie))
}

async fn signout(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    ApiUser(user): ApiUser,
) -> Result<Response, WebError> {
    state.treatments.discard(&user.session.token_hash);
    let clear = end_session(&state, &user, secure_cookies(&state, &headers, &uri)).await?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    cookies::set(response.headers_mut(), &clear)?;
    Ok(response)
}

async fn me(ApiUser(user): ApiUser) -> Result<Response, WebError> {
    reply(StatusCode::OK, &user.account, user.csrf(), None)
}
