//! Registering, shared by the pages and the JSON API: the checks on what a person typed (each
//! problem named beside its field, common passwords refused), the sign-up rate limit, and the
//! store call. A taken e-mail is refused in words that do not say it is taken
//! ([`SignUpError::Refused`]).

use std::net::IpAddr;
use std::time::Instant;

use knot_store::{Account, SecurityEventKind, StoreError};

use super::client::ClientGroup;
use super::common::is_common;
use super::events::{self, wait_text};
use super::password::{hash_password, MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS};
use super::signup_limit::{self, SignUpLimit};
use crate::app_error::from_store;
use crate::{AppState, WebError};
use knot_app::text as text_checks;

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

/// A refusal from the text checks as a sentence beside its field.
fn sentence(text: String) -> String {
    format!("{text}.")
}

/// An e-mail address or name as it is stored: trimmed and NFC-normalised (checked first by
/// [`check_sign_up`], so the checks cannot fail here).
fn stored_form(text: &str) -> String {
    text_checks::name(text.trim()).unwrap_or_else(|_| text.trim().to_string())
}

/// Checks what was typed; every problem at once.
pub(crate) fn check_sign_up(form: &SignUp) -> FieldErrors {
    let mut errors = FieldErrors::default();
    if let Err(message) = check_email(&form.email) {
        errors.add("email", message);
    } else if let Err(problem) = text_checks::name(form.email.trim()) {
        errors.add("email", sentence(problem.describe("The address")));
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
    } else if let Err(problem) = text_checks::name(name) {
        errors.add("display_name", sentence(problem.describe("The name")));
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
    } else if is_common(&form.password) {
        errors.add(
            "password",
            "This password is on a list of the most common passwords, which are guessed first. \
             Choose another (a few unrelated words together are easy to remember).",
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

/// Registers an account (the password hashed with Argon2id), within the sign-up limits.
pub(crate) async fn register(
    state: &AppState,
    form: &SignUp,
    address: Option<IpAddr>,
) -> Result<Account, SignUpError> {
    let errors = check_sign_up(form);
    if !errors.is_empty() {
        return Err(SignUpError::Invalid(errors));
    }
    let client = address.map(ClientGroup::of);
    let filled = state
        .auth
        .sign_ups
        .admit(client, Instant::now())
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
    match state
        .store
        .create_account(
            &stored_form(&form.email),
            &stored_form(&form.display_name),
            &hash,
        )
        .await
    {
        Ok(account) => Ok(account),
        Err(StoreError::Conflict(_)) => Err(SignUpError::Refused),
        Err(other) => Err(SignUpError::Failed(from_store(other))),
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
    fn a_common_password_is_refused_with_a_reason() {
        let common = form("sam@example.org", "Sam", "Password123", None);
        let errors = check_sign_up(&common);
        assert!(
            errors
                .get("password")
                .is_some_and(|m| m.contains("most common")),
            "{errors:?}"
        );
    }

    #[test]
    fn names_and_addresses_that_reorder_text_are_refused() {
        let bad = form(
            "sam\u{202E}gro.elpmaxe@example.org",
            "Sam \u{202E}reversed",
            "long enough pw",
            None,
        );
        let errors = check_sign_up(&bad);
        assert!(errors.get("email").is_some_and(|m| m.contains("direction")));
        assert!(errors
            .get("display_name")
            .is_some_and(|m| m.contains("direction")));
        assert_eq!(stored_form(" Jose\u{301} "), "Jos\u{e9}");
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
