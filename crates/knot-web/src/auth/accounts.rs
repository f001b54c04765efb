//! Registering, shared by the pages and the JSON API: the application layer's checks on what a
//! person typed (each problem named beside its field), the sign-up rate limit, the password
//! hash, and the application's `register`. A taken e-mail is refused in words that do not say it is taken
//! ([`SignUpError::Refused`]).

use chrono::Utc;
use std::net::IpAddr;

use knot_app::account::{check_sign_up, SignUp};
use knot_app::AppError;
use knot_record::{Account, SecurityEventKind};

use super::client::ClientGroup;
use super::events::{self, wait_text};
use super::password::hash_password;
use super::signup_limit::{self, SignUpLimit};
use crate::app_error::{from_app, from_store};
use crate::{AppState, WebError};

/// Problems with a form, by field name, in the order found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct FieldErrors(pub Vec<(&'static str, String)>);

impl FieldErrors {
    pub fn add(&mut self, field: &'static str, message: impl Into<String>) {
        self.0.push((field, message.into()));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The first problem with `field`.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(name, _)| *name == field)
            .map(|(_, message)| message.as_str())
    }

    /// Every problem in one line, for a JSON error.
    pub fn summary(&self) -> String {
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|(field, message)| format!("{field}: {message}"))
            .collect();
        parts.join("; ")
    }
}

/// Why a registration did not go through.
#[derive(Debug)]
pub(crate) enum SignUpError {
    Invalid(FieldErrors),
    /// Not created, for a reason not told: the e-mail is taken. Said in the same words as any
    /// refusal that is not the person's typing, so the answer does not confirm an account.
    Refused,
    /// Too many sign-ups from this address, or from everywhere: wait this many seconds.
    Limited {
        retry_after_seconds: u64,
    },
    Failed(WebError),
}

/// What the page and the API say for [`SignUpError::Refused`].
pub(crate) const SIGN_UP_REFUSED: &str =
    "An account could not be made with these details. If you have signed up with this e-mail      before, sign in instead; otherwise check the address or use another one.";

impl SignUpError {
    /// What to tell the person about a refusal that is not about one field.
    pub fn message(&self) -> String {
        match self {
            SignUpError::Invalid(errors) => errors.summary(),
            SignUpError::Refused => SIGN_UP_REFUSED.to_string(),
            SignUpError::Limited {
                retry_after_seconds,
            } => format!(
                "Too many accounts were made from here lately. Wait {} and try again.",
                wait_text(std::time::Duration::from_secs(*retry_after_seconds))
            ),
            SignUpError::Failed(error) => error.public_message().to_string(),
        }
    }
}

/// Registers an account (the password hashed with Argon2id), within the sign-up limits.
pub(crate) async fn register(
    state: &AppState,
    form: &SignUp,
    address: Option<IpAddr>,
) -> Result<Account, SignUpError> {
    let problems = check_sign_up(form);
    if !problems.is_empty() {
        return Err(SignUpError::Invalid(FieldErrors(problems)));
    }
    let client = address.map(ClientGroup::of);
    let filled = state
        .auth
        .sign_ups
        .admit(&*state.store, client, Utc::now())
        .await
        .map_err(|e| SignUpError::Failed(from_store(e)))?
        .map_err(|(locked, _)| SignUpError::Limited {
            retry_after_seconds: locked.retry_after.as_secs().max(1),
        })?;
    if let Some(limit) = filled {
        let detail = match limit {
            SignUpLimit::Client => format!(
                "sign-ups from one address reached {} an hour; more wait",
                signup_limit::PER_CLIENT
            ),
            SignUpLimit::Global => format!(
                "sign-ups from everywhere reached {} an hour; more wait",
                signup_limit::GLOBAL
            ),
        };
        events::record(
            &*state.store,
            SecurityEventKind::SignUpLimited,
            None,
            client,
            detail,
        )
        .await;
    }
    let hash = hash_password(&form.password)
        .await
        .map_err(SignUpError::Failed)?;
    match state.app.register(form, &hash).await {
        Ok(account) => Ok(account),
        Err(AppError::Conflict(_)) => Err(SignUpError::Refused),
        Err(other) => Err(SignUpError::Failed(from_app(other))),
    }
}
