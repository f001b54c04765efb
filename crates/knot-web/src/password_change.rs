//! Changing a signed-in account's password, shared by the page and the JSON API: the new
//! password's rules first (so a typo costs no sign-in attempt), then the current password
//! checked as signing in checks it (counted by the same limits), then the change, which ends
//! every session of the account but the one asking.

use std::net::IpAddr;

use axum::http::HeaderMap;
use knot_app::account::{password_problem, LoginChange};

use crate::app_error::from_app;
use crate::auth::{authenticate, FieldErrors, SignInError, SignedIn};
use crate::{AppState, WebError};

/// What the person typed.
#[derive(Debug, Clone)]
pub(crate) struct PasswordChange {
    pub current: String,
    pub new: String,
    /// The new password typed again (the form asks; the API does not).
    pub again: Option<String>,
}

/// Why the password did not change.
#[derive(Debug)]
pub(crate) enum PasswordChangeError {
    /// Problems by field: `current_password`, `new_password`, `new_password_again`.
    Invalid(FieldErrors),
    /// Too many wrong passwords lately: wait.
    Locked {
        message: String,
        retry_after_seconds: u64,
    },
    Failed(WebError),
}

/// What is said beside the current password when it is wrong.
pub(crate) const WRONG_CURRENT: &str =
    "This is not your current password. Type the password you sign in with now.";

/// Checks and makes the change (see the module).
pub(crate) async fn change_password(
    state: &AppState,
    user: &SignedIn,
    change: &PasswordChange,
    address: Option<IpAddr>,
    headers: &HeaderMap,
) -> Result<(), PasswordChangeError> {
    let mut errors = FieldErrors::default();
    if change.current.is_empty() {
        errors.add("current_password", "Type your current password.");
    }
    if let Some(problem) = password_problem(&change.new) {
        errors.add("new_password", problem);
    }
    if change
        .again
        .as_ref()
        .is_some_and(|again| *again != change.new)
    {
        errors.add(
            "new_password_again",
            "The two new passwords differ; type the same password twice.",
        );
    }
    if !errors.is_empty() {
        return Err(PasswordChangeError::Invalid(errors));
    }
    match authenticate(
        state,
        &user.account.email,
        &change.current,
        address,
        headers,
    )
    .await
    {
        Ok(account) if account.user_id == user.account.user_id => {}
        // The password alone is checked here: a second-step refusal cannot come back.
        Ok(_)
        | Err(SignInError::Wrong | SignInError::WrongCode | SignInError::ChallengeExpired) => {
            errors.add("current_password", WRONG_CURRENT);
            return Err(PasswordChangeError::Invalid(errors));
        }
        Err(
            error @ SignInError::Locked {
                retry_after_seconds,
            },
        ) => {
            return Err(PasswordChangeError::Locked {
                message: error.message(),
                retry_after_seconds,
            })
        }
        Err(SignInError::Failed(error)) => return Err(PasswordChangeError::Failed(error)),
    }
    let login = LoginChange {
        password: change.new.clone(),
        ..LoginChange::default()
    };
    state
        .app
        .set_login(&user.actor, &login, Some(&user.session.token_hash))
        .await
        .map_err(|e| PasswordChangeError::Failed(from_app(e)))
}
