//! How a web account's password is hashed: Argon2id (RFC 9106) at the parameters OWASP
//! recommends for it (19 MiB, 2 passes, 1 lane). The web server hashes with pooled buffers on
//! its blocking threads (knot-web's `auth/password.rs`); the operator's CLI (`knot clinic init`,
//! the clinic demo) hashes here, once. Both take the parameters from this file, so a hash either
//! makes verifies in the other.

use argon2::password_hash::{PasswordHasher, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::error::{AppError, AppResult};

/// Memory in KiB (OWASP Password Storage Cheat Sheet, Argon2id option 2).
pub const ARGON2_MEMORY_KIB: u32 = 19 * 1024;
/// Passes over the memory.
pub const ARGON2_PASSES: u32 = 2;
/// Lanes (threads).
pub const ARGON2_LANES: u32 = 1;
/// Bytes of hash output (the PHC default).
pub const ARGON2_OUTPUT_BYTES: usize = 32;

/// The parameters above, as the `argon2` crate takes them.
pub fn argon2_params() -> Result<Params, argon2::Error> {
    Params::new(
        ARGON2_MEMORY_KIB,
        ARGON2_PASSES,
        ARGON2_LANES,
        Some(ARGON2_OUTPUT_BYTES),
    )
}

/// The Argon2id PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`) for `password`, with a fresh
/// salt. Blocks for the hash's ~40 ms: for the terminal, not a server's request path.
pub fn hash_password_now(password: &str) -> AppResult<String> {
    let mut salt = [0u8; 16];
    getrandom::getrandom(&mut salt)
        .map_err(|err| AppError::Internal(format!("the system random source failed: {err}")))?;
    let salt = SaltString::encode_b64(&salt)
        .map_err(|err| AppError::Internal(format!("password salt: {err}")))?;
    let params =
        argon2_params().map_err(|err| AppError::Internal(format!("argon2 parameters: {err}")))?;
    let hash = Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password(password.as_bytes(), &salt)
        .map_err(|err| AppError::Internal(format!("password hashing: {err}")))?;
    Ok(hash.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_at_these_parameters_with_a_fresh_salt() {
        let first = hash_password_now("long enough pw").expect("hashed");
        let second = hash_password_now("long enough pw").expect("hashed");
        assert!(
            first.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{first}"
        );
        assert_ne!(first, second);
    }
}
