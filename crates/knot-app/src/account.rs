//! Accounts: the rules for what a person types to register (a plausible e-mail address, a name
//! on one line, a password long enough and not on the list of common ones; text in one Unicode
//! form without characters that reorder it), registering, and how a password is hashed
//! ([`password_hash`]). How often one may try, and the cookies, are the web's.

mod common;
mod erase;
mod login;
mod password_hash;
mod reset;
pub mod totp;

use knot_record::Account;

use crate::error::{AppError, AppResult};
use crate::text as text_checks;
use crate::App;
use common::is_common;
pub use erase::{NOT_CONFIRMED, WRONG_PASSWORD};
pub use login::LoginChange;
pub use password_hash::{
    argon2_params, hash_password_now, ARGON2_LANES, ARGON2_MEMORY_KIB, ARGON2_OUTPUT_BYTES,
    ARGON2_PASSES,
};
pub use reset::{reset_token_hash, ResetRequest, RESET_LIFETIME_MINUTES};

/// The shortest password accepted (NIST SP 800-63B asks for at least 8; we ask a little more).
pub const MIN_PASSWORD_CHARS: usize = 10;
/// The longest password accepted (long enough for any passphrase; bounds the hashing work).
pub const MAX_PASSWORD_CHARS: usize = 1024;
const MAX_EMAIL_CHARS: usize = 254;
const MAX_NAME_CHARS: usize = 80;

/// What a person gives to register.
#[derive(Debug, Clone, Default)]
pub struct SignUp {
    pub email: String,
    pub display_name: String,
    pub password: String,
    /// The password typed again (the form asks; the API does not).
    pub confirm: Option<String>,
}

/// A problem with one field of a sign-up: the field's name and what to change.
pub type FieldProblem = (&'static str, String);

impl App {
    /// Registers an account whose password hashed to `password_hash`. What was typed must pass
    /// [`check_sign_up`]; an e-mail already registered is `Conflict`.
    pub async fn register(&self, form: &SignUp, password_hash: &str) -> AppResult<Account> {
        let problems = check_sign_up(form);
        if !problems.is_empty() {
            return Err(AppError::Invalid {
                problems: problems.into_iter().map(|(_, p)| p).collect(),
                hint: None,
            });
        }
        Ok(self
            .store
            .create_account(
                &stored_form(&form.email),
                &stored_form(&form.display_name),
                password_hash,
            )
            .await?)
    }
}

/// Checks what was typed; every problem at once.
pub fn check_sign_up(form: &SignUp) -> Vec<FieldProblem> {
    let mut errors = Vec::new();
    if let Err(message) = check_email(&form.email) {
        errors.push(("email", message));
    } else if let Err(problem) = text_checks::name(form.email.trim()) {
        errors.push(("email", sentence(problem.describe("The address"))));
    }
    let name = form.display_name.trim();
    if name.is_empty() {
        errors.push((
            "display_name",
            "Give a name to show on your pages (any name you like).".into(),
        ));
    } else if name.chars().count() > MAX_NAME_CHARS || name.chars().any(char::is_control) {
        errors.push((
            "display_name",
            format!("Use up to {MAX_NAME_CHARS} characters, on one line."),
        ));
    } else if let Err(problem) = text_checks::name(name) {
        errors.push(("display_name", sentence(problem.describe("The name"))));
    }
    if let Some(problem) = password_problem(&form.password) {
        errors.push(("password", problem));
    }
    if form.confirm.as_ref().is_some_and(|c| *c != form.password) {
        errors.push((
            "confirm",
            "The two passwords differ; type the same password twice.".into(),
        ));
    }
    errors
}

/// What is wrong with a new password, if anything: too short, too long, or a common one.
pub fn password_problem(password: &str) -> Option<String> {
    let length = password.chars().count();
    if length < MIN_PASSWORD_CHARS {
        Some(format!(
            "Use at least {MIN_PASSWORD_CHARS} characters (a few words together are easy to \
             remember)."
        ))
    } else if length > MAX_PASSWORD_CHARS {
        Some(format!("Use at most {MAX_PASSWORD_CHARS} characters."))
    } else if is_common(password) {
        Some(
            "This password is on a list of the most common passwords, which are guessed first. \
             Choose another (a few unrelated words together are easy to remember)."
                .into(),
        )
    } else {
        None
    }
}

/// Whether the address is plausible; the message says what to give when it is not.
pub(crate) fn check_email(email: &str) -> Result<(), String> {
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

/// An e-mail address or name as it is stored: trimmed and NFC-normalised (checked first by
/// [`check_sign_up`], so the checks cannot fail here).
pub(crate) fn stored_form(text: &str) -> String {
    text_checks::name(text.trim()).unwrap_or_else(|_| text.trim().to_string())
}

/// A refusal from the text checks as a sentence beside its field.
fn sentence(text: String) -> String {
    format!("{text}.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct Problems(Vec<FieldProblem>);

    impl Problems {
        fn get(&self, field: &str) -> Option<&str> {
            self.0
                .iter()
                .find(|(name, _)| *name == field)
                .map(|(_, problem)| problem.as_str())
        }
    }

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
        let errors = Problems(check_sign_up(&bad));
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
        let errors = Problems(check_sign_up(&common));
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
        let errors = Problems(check_sign_up(&bad));
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
