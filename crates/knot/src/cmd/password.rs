//! Web-account passwords made at the terminal (`knot clinic init`, the clinic demo): read from
//! a file or the environment, checked by the same rules as the web's sign-up, and hashed in the
//! web's format (an Argon2id PHC string at OWASP's parameters: 19 MiB, 2 passes, 1 lane), so
//! `knot serve` verifies them like any other. The password is never printed or logged.

use std::path::Path;

use argon2::password_hash::{PasswordHasher, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

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

/// The Argon2id PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`) for `password`.
pub fn hash_password(password: &str) -> Result<String, Failure> {
    let mut salt = [0u8; 16];
    getrandom::getrandom(&mut salt)
        .map_err(|err| anyhow::anyhow!("the system random source failed: {err}"))?;
    let salt =
        SaltString::encode_b64(&salt).map_err(|err| anyhow::anyhow!("password salt: {err}"))?;
    let params = Params::new(19 * 1024, 2, 1, Some(32))
        .map_err(|err| anyhow::anyhow!("argon2 parameters: {err}"))?;
    let hash = Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password(password.as_bytes(), &salt)
        .map_err(|err| anyhow::anyhow!("password hashing: {err}"))?;
    Ok(hash.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_at_the_webs_parameters_with_a_fresh_salt() {
        let first = hash_password("long enough pw").unwrap();
        let second = hash_password("long enough pw").unwrap();
        assert!(
            first.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{first}"
        );
        assert_ne!(first, second);
    }
}
