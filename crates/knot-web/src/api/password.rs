//! `POST /api/v1/account/password`: change the signed-in account's password (the current one
//! checked like a sign-in, counted by the sign-in limits). Every other session of the account
//! ends; this one stays.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::auth::{ApiUser, ClientAddress};
use crate::extract::{BodyExample, JsonBody};
use crate::password_change::{change_password, PasswordChange, PasswordChangeError};
use crate::routes::Route;
use crate::{AppState, WebError};

pub(super) fn routes() -> Vec<Route> {
    vec![Route::post("/api/v1/account/password", change)]
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PasswordRequest {
    current_password: String,
    new_password: String,
}

impl BodyExample for PasswordRequest {
    const EXAMPLE: &'static str =
        "{\"current_password\": \"…\", \"new_password\": \"at least ten characters\"}";
}

async fn change(
    State(state): State<AppState>,
    headers: HeaderMap,
    ClientAddress(address): ClientAddress,
    ApiUser(user): ApiUser,
    JsonBody(request): JsonBody<PasswordRequest>,
) -> Result<Response, WebError> {
    let change = PasswordChange {
        current: request.current_password,
        new: request.new_password,
        again: None,
    };
    match change_password(&state, &user, &change, address, &headers).await {
        Ok(()) => Ok(StatusCode::NO_CONTENT.into_response()),
        Err(PasswordChangeError::Invalid(errors)) => Err(WebError::Unprocessable(format!(
            "{}. The password was not changed.",
            errors.summary()
        ))),
        Err(PasswordChangeError::Locked {
            message,
            retry_after_seconds,
        }) => Err(WebError::TooManyRequests {
            message,
            retry_after_seconds,
        }),
        Err(PasswordChangeError::Failed(error)) => Err(error),
    }
}
