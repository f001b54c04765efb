//! Registering and signing in, shared by the pages and the JSON API: the checks on what a person
//! typed (each problem named beside its field), the store calls, and the rate limit.

use std::net::IpAddr;
use std::time::Instant;

use knot_store::{Account, StoreError};

use super::limit::{FAILURES_PER_ACCOUNT, WINDOW};
use super::password::{hash_password, verify_password, MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS};
use crate::records::from_store;
use crate::{AppState, WebError};

const MAX_EMAIL_CHARS: usize = 254;
const MAX_NAME_CHARS: usize = 80;

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

/// What a person gives to register.
#[derive(Debug, Clone, Default)]
pub(crate) struct SignUp {
    pub email: String,
    pub display_name: String,
    pub password: String,
    /// The password typed again (the form asks; the API does not).
    pub confirm: Option<String>,
}

/// Why a registration did not go through.
#[derive(Debug)]
pub(crate) enum SignUpError {
    Invalid(FieldErrors),
    EmailTaken,
    Failed(WebError),
}

/// Why a sign-in did not go through.
#[derive(Debug)]
pub(crate) enum SignInError {
    /// Too many failures: wait this many seconds.
    Locked {
        retry_after_seconds: u64,
    },
    /// Unknown e-mail or wrong password (which of the two is not said).
    Wrong,
    Failed(WebError),
}

impl SignInError {
    /// What to tell the person.
    pub fn message(&self) -> String {
        match self {
            SignInError::Locked {
                retry_after_seconds,
            } => format!(
                "Too many failed sign-ins. For your account's safety, wait {} and try again.",
                minutes(*retry_after_seconds)
            ),
            SignInError::Wrong => format!(
                "The e-mail or the password is not right. Check both and try again (after \
                 {FAILURES_PER_ACCOUNT} failed tries, sign-in pauses for {} minutes).",
                WINDOW.as_secs() / 60
            ),
            SignInError::Failed(error) => error.public_message().to_string(),
        }
    }

    /// The web error for the JSON API.
    pub fn into_web_error(self) -> WebError {
        let message = self.message();
        match self {
            SignInError::Locked {
                retry_after_seconds,
            } => WebError::TooManyRequests {
                message,
                retry_after_seconds,
            },
            SignInError::Wrong => WebError::Unauthorized(message),
            SignInError::Failed(error) => error,
        }
    }
}

fn minutes(seconds: u64) -> String {
    match seconds.div_ceil(60) {
        1 => "a minute".to_string(),
        n => format!("{n} minutes"),
    }
}

/// Checks what was typed; every problem at once.
pub(crate) fn check_sign_up(form: &SignUp) -> FieldErrors {
    let mut errors = FieldErrors::default();
    if let Err(message) = check_email(&form.email) {
        errors.add("email", message);
    }
    let name = form.display_name.trim();
    if name.is_empty() {
        errors.add(
            "display_name",
            "Give a name to show on your pages (any name you like).",
        );
    } else if name.chars().count() > MAX_NAME_CHARS || name.chars().any(char::is_control) {
        errors.add(
            "display_name",
            format!("Use up to {MAX_NAME_CHARS} characters, on one line."),
        );
    }
    let length = form.password.chars().count();
    if length < MIN_PASSWORD_CHARS {
        errors.add(
            "password",
            format!("Use at least {MIN_PASSWORD_CHARS} characters (a few words together are easy to remember)."),
        );
    } else if length > MAX_PASSWORD_CHARS {
        errors.add(
            "password",
            format!("Use at most {MAX_PASSWORD_CHARS} characters."),
        );
    }
    if form.confirm.as_ref().is_some_and(|c| *c != form.password) {
        errors.add(
            "confirm",
            "The two passwords differ; type the same password twice.",
        );
    }
    errors
}

fn check_email(email: &str) -> Result<(), String> {
    let email = email.trim();
    let usage = "Give your e-mail address, like name@example.org.";
    let Some((local, domain)) = email.split_once('@') else {
        return Err(usage.to_string());
    };
    let plausible = !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && email.chars().count() <= MAX_EMAIL_CHARS
        && !email.chars().any(|c| c.is_whitespace() || c.is_control());
    if plausible {
        Ok(())
    } else {
        Err(usage.to_string())
    }
}

/// Registers an account (the password hashed with Argon2id).
pub(crate) async fn register(state: &AppState, form: &SignUp) -> Result<Account, SignUpError> {
    let errors = check_sign_up(form);
    if !errors.is_empty() {
        return Err(SignUpError::Invalid(errors));
    }
    let hash = hash_password(&form.password)
        .await
        .map_err(SignUpError::Failed)?;
    match state
        .store
        .create_account(form.email.trim(), form.display_name.trim(), &hash)
        .await
    {
        Ok(account) => Ok(account),
        Err(StoreError::Conflict(_)) => Err(SignUpError::EmailTaken),
        Err(other) => Err(SignUpError::Failed(from_store(other))),
    }
}

/// Checks an e-mail and password, within the rate limit.
pub(crate) async fn authenticate(
    state: &AppState,
    email: &str,
    password: &str,
    address: Option<IpAddr>,
) -> Result<Account, SignInError> {
    let limiter = &state.auth.limiter;
    let email = email.trim();
    limiter
        .check(email, address, Instant::now())
        .map_err(|locked| SignInError::Locked {
            retry_after_seconds: locked.retry_after.as_secs().max(1),
        })?;
    let account = if email.is_empty() || password.chars().count() > MAX_PASSWORD_CHARS {
        None
    } else {
        state
            .store
            .account_by_email(email)
            .await
            .map_err(|e| SignInError::Failed(from_store(e)))?
    };
    let stored = account.as_ref().map(|a| a.password_hash.as_str());
    state
        .auth
        .verifications
        .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let matches = verify_password(password, stored)
        .await
        .map_err(SignInError::Failed)?;
    match account {
        Some(account) if matches => {
            limiter.succeeded(email);
            Ok(account)
        }
        _ => {
            limiter.failed(email, address, Instant::now());
            Err(SignInError::Wrong)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(email: &str, name: &str, password: &str, confirm: Option<&str>) -> SignUp {
        SignUp {
            email: email.into(),
            display_name: name.into(),
            password: password.into(),
            confirm: confirm.map(String::from),
        }
    }

    #[test]
    fn a_good_sign_up_has_no_problems() {
        let ok = form(
            "sam@example.org",
            "Sam",
            "long enough pw",
            Some("long enough pw"),
        );
        assert!(check_sign_up(&ok).is_empty());
    }

    #[test]
    fn each_problem_is_named_beside_its_field() {
        let bad = form("sam@", "", "short", Some("other"));
        let errors = check_sign_up(&bad);
        assert!(errors
            .get("email")
            .is_some_and(|m| m.contains("name@example.org")));
        assert!(errors.get("display_name").is_some());
        assert!(errors
            .get("password")
            .is_some_and(|m| m.contains("10 characters")));
        assert!(errors.get("confirm").is_some());
    }

    #[test]
    fn odd_addresses_are_refused() {
        for email in [
            "plain",
            "a@b",
            "a b@example.org",
            "@example.org",
            "a@.org",
            "a@b@c.org",
        ] {
            assert!(check_email(email).is_err(), "{email}");
        }
        assert!(check_email(" Sam.Lee+knot@mail.example.org ").is_ok());
    }
}
