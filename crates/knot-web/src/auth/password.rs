//! Password hashing with Argon2id (RFC 9106) at the parameters OWASP recommends for it: 19 MiB of
//! memory, 2 passes, 1 lane. Hashing is slow on purpose, so it runs on the blocking pool and at
//! most a few at once (each takes 19 MiB). A sign-in for an unknown e-mail still verifies against
//! a dummy hash, so the time taken does not tell whether an account exists.

use std::sync::OnceLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use tokio::sync::Semaphore;

use super::tokens::{random_salt, random_token};
use crate::WebError;

/// The shortest password accepted.
pub(crate) const MIN_PASSWORD_CHARS: usize = 10;
/// The longest password accepted (longer input is refused before it reaches the hasher).
pub(crate) const MAX_PASSWORD_CHARS: usize = 1024;

/// Memory in KiB, passes and lanes (OWASP Password Storage Cheat Sheet, Argon2id option 2).
const MEMORY_KIB: u32 = 19 * 1024;
const PASSES: u32 = 2;
const LANES: u32 = 1;
/// Hashes computed at once; more wait their turn.
const CONCURRENT_HASHES: usize = 4;

fn hasher() -> Result<Argon2<'static>, WebError> {
    let params = Params::new(MEMORY_KIB, PASSES, LANES, None)
        .map_err(|e| WebError::Internal(format!("argon2 parameters: {e}")))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

fn permits() -> &'static Semaphore {
    static PERMITS: OnceLock<Semaphore> = OnceLock::new();
    PERMITS.get_or_init(|| Semaphore::new(CONCURRENT_HASHES))
}

/// Runs a hashing job on the blocking pool, a few at a time.
async fn on_blocking_pool<T: Send + 'static>(
    job: impl FnOnce() -> Result<T, WebError> + Send + 'static,
) -> Result<T, WebError> {
    let _permit = permits()
        .acquire()
        .await
        .map_err(|e| WebError::Internal(format!("hash permits: {e}")))?;
    tokio::task::spawn_blocking(job)
        .await
        .map_err(|e| WebError::Internal(format!("hashing task: {e}")))?
}

/// The PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`) for a new password.
pub(crate) async fn hash_password(password: &str) -> Result<String, WebError> {
    let password = password.to_owned();
    let salt = random_salt()?;
    on_blocking_pool(move || hash_now(&password, &salt)).await
}

fn hash_now(password: &str, salt: &[u8]) -> Result<String, WebError> {
    let salt = SaltString::encode_b64(salt)
        .map_err(|e| WebError::Internal(format!("password salt: {e}")))?;
    hasher()?
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| WebError::Internal(format!("password hashing: {e}")))
}

/// Whether `password` matches the stored PHC string. `None` checks against a dummy hash (an
/// unknown account) and is always false.
pub(crate) async fn verify_password(
    password: &str,
    stored: Option<&str>,
) -> Result<bool, WebError> {
    let password = password.to_owned();
    let known = stored.is_some();
    let stored = match stored {
        Some(hash) => hash.to_owned(),
        None => dummy_hash()?.to_owned(),
    };
    let matches = on_blocking_pool(move || {
        let parsed = PasswordHash::new(&stored).map_err(|e| {
            WebError::Internal(format!("a stored password hash is unreadable: {e}"))
        })?;
        Ok(hasher()?
            .verify_password(password.as_bytes(), &parsed)
            .is_ok())
    })
    .await?;
    Ok(known && matches)
}

/// A hash of a random password, made once, to verify unknown accounts against.
fn dummy_hash() -> Result<&'static str, WebError> {
    static DUMMY: OnceLock<String> = OnceLock::new();
    if let Some(hash) = DUMMY.get() {
        return Ok(hash);
    }
    let hash = hash_now(&random_token()?, &random_salt()?)?;
    Ok(DUMMY.get_or_init(|| hash))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_password_and_no_other() {
        let hash = hash_password("correct horse battery").await.expect("hash");
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(!hash.contains("correct horse"));
        assert!(verify_password("correct horse battery", Some(&hash))
            .await
            .expect("verify"));
        assert!(!verify_password("correct horse batterY", Some(&hash))
            .await
            .expect("verify"));
        assert!(!verify_password("correct horse battery", None)
            .await
            .expect("verify"));
    }

    #[tokio::test]
    async fn the_same_password_gets_a_new_salt_each_time() {
        let a = hash_password("a long enough password").await.expect("hash");
        let b = hash_password("a long enough password").await.expect("hash");
        assert_ne!(a, b);
    }
}
