//! Web-account passwords made at the terminal (`knot clinic init`, the clinic demo): read from
//! a file or the environment, checked by the same rules as the web's sign-up, and hashed by
//! knot-app's `hash_password_now`, as the web server hashes, so `knot serve` verifies them like
//! any other. The password is never printed or logged.

use std::path::Path;

use crate::failure::{bad_input, Failure};

/// The environment variable `knot clinic init` reads the admin's password from.
pub const PASSWORD_ENV: &str = "KNOT_ADMIN_PASSWORD";

/// The password from `--password-file` (its first line), else from [`PASSWORD_ENV`].
pub fn read_password(file: Option<&Path>) -> Result<String, Failure> {
    if let Some(path) = file {
        let text = std::fs::read_to_string(path).map_err(|err| {
            bad_input(format!(
                "could not read the password file {}: {err}; give a readable file with the \
                 password on its first line",
                path.display()
            ))
        })?;
        return Ok(text.lines().next().unwrap_or("").to_owned());
    }
    match std::env::var(PASSWORD_ENV) {
        Ok(password) if !password.is_empty() => Ok(password),
        _ => Err(bad_input(format!(
            "the admin's account needs a password: put it on the first line of a file and give \
             --password-file FILE, or set {PASSWORD_ENV} (it is not echoed or stored as typed)"
        ))),
    }
}

/// A new password for `knot account set-password`: from `--password-file` (its first line),
/// else from `env`, else asked twice at the terminal without echo.
pub fn read_new_password(file: Option<&Path>, env: &str) -> Result<String, Failure> {
    if file.is_some() {
        return read_password(file);
    }
    if let Ok(password) = std::env::var(env) {
        if !password.is_empty() {
            return Ok(password);
        }
    }
    let asked = |prompt: &str| {
        rpassword::prompt_password(prompt).map_err(|_| {
            bad_input(format!(
                "no terminal to ask the password at: put it on the first line of a file and give \
                 --password-file FILE, or set {env}"
            ))
        })
    };
    let password = asked("New password: ")?;
    if asked("The same password again: ")? != password {
        return Err(bad_input(
            "the two passwords differ; nothing was changed. Run the command again",
        ));
    }
    Ok(password)
}

/// The Argon2id PHC string for `password`, made as the web server makes it.
pub fn hash_password(password: &str) -> Result<String, Failure> {
    knot_app::account::hash_password_now(password).map_err(super::db::app_failure)
}
