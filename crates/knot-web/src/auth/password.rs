//! Password hashing with Argon2id (RFC 9106) at the parameters OWASP recommends for it: 19 MiB of
//! memory, 2 passes, 1 lane. Hashing is slow on purpose, so it runs on the blocking pool and at
//! most [`CONCURRENT_HASHES`] at once. A sign-in for an unknown e-mail still verifies against a
//! dummy hash, so the time taken does not tell whether an account exists.
//!
//! Each hash needs 19 MiB of working memory. Allocated and freed per hash, glibc keeps those
//! blocks in its arenas (its mmap threshold rises after the first free), so a burst of sign-ins
//! left the server holding about a gigabyte. Instead a fixed set of buffers, one per permit, is
//! allocated once and reused: a job takes a permit and a buffer together and gives both back
//! when it ends — on the blocking thread, so a request dropped mid-hash cannot start another
//! job while its buffer is still in use. Verifying recomputes the raw hash from the stored PHC
//! string's parameters and salt into the same buffers and compares in constant time.

use std::sync::{Arc, Mutex, OnceLock};

use argon2::password_hash::{PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::tokens::{random_salt, random_token, same_bytes};
use crate::WebError;

/// The longest password accepted (longer input is refused before it reaches the hasher).
pub(crate) use knot_app::account::MAX_PASSWORD_CHARS;

// The parameters are knot-app's, so the CLI's hashes and these agree.
use knot_app::account::{argon2_params, ARGON2_OUTPUT_BYTES as OUTPUT_BYTES};
/// Hashes computed at once; more wait their turn. Also the number of memory buffers.
pub(crate) const CONCURRENT_HASHES: usize = 4;

fn params() -> Result<Params, WebError> {
    argon2_params().map_err(|e| WebError::Internal(format!("argon2 parameters: {e}")))
}

/// The permits and the memory buffers (as many as permits), made on first use.
struct Pool {
    permits: Arc<Semaphore>,
    buffers: Mutex<Vec<Vec<Block>>>,
}

fn pool() -> &'static Pool {
    static POOL: OnceLock<Pool> = OnceLock::new();
    POOL.get_or_init(|| Pool {
        permits: Arc::new(Semaphore::new(CONCURRENT_HASHES)),
        buffers: Mutex::new(Vec::with_capacity(CONCURRENT_HASHES)),
    })
}

/// A buffer of at least `blocks` blocks: a pooled one, or (for a hash stored with larger
/// parameters than today's) one of its own, never pooled.
fn take_buffer(blocks: usize) -> Vec<Block> {
    let pooled = pool()
        .buffers
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .pop();
    match pooled {
        Some(buffer) if buffer.len() >= blocks => buffer,
        Some(buffer) => {
            give_back(buffer);
            vec![Block::new(); blocks]
        }
        // First use of this permit's buffer.
        None => vec![Block::new(); blocks],
    }
}

fn give_back(buffer: Vec<Block>) {
    let standard = params().map(|p| p.block_count()).unwrap_or_default();
    if buffer.len() != standard {
        return;
    }
    let mut buffers = pool()
        .buffers
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if buffers.len() < CONCURRENT_HASHES {
        buffers.push(buffer);
    }
}

/// Runs a hashing job with a permit and a memory buffer on the blocking pool. The permit is
/// released on the blocking thread after the buffer is back, whether or not anyone still
/// awaits the result.
async fn with_memory<T: Send + 'static>(
    blocks: usize,
    job: impl FnOnce(&mut [Block]) -> Result<T, WebError> + Send + 'static,
) -> Result<T, WebError> {
    let permit: OwnedSemaphorePermit = pool()
        .permits
        .clone()
        .acquire_owned()
        .await
        .map_err(|e| WebError::Internal(format!("hash permits: {e}")))?;
    tokio::task::spawn_blocking(move || {
        let mut buffer = take_buffer(blocks);
        let result = job(&mut buffer);
        give_back(buffer);
        drop(permit);
        result
    })
    .await
    .map_err(|e| WebError::Internal(format!("hashing task: {e}")))?
}

/// Holds every hashing permit, so hashing jobs wait (tests that need a request to stop there).
#[cfg(test)]
pub(crate) async fn hold_every_permit() -> OwnedSemaphorePermit {
    let all = u32::try_from(CONCURRENT_HASHES).unwrap_or(u32::MAX);
    pool()
        .permits
        .clone()
        .acquire_many_owned(all)
        .await
        .unwrap_or_else(|_| unreachable!("the permits are never closed"))
}

/// The PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`) for a new password.
pub(crate) async fn hash_password(password: &str) -> Result<String, WebError> {
    let password = password.to_owned();
    let salt = random_salt()?;
    let params = params()?;
    with_memory(params.block_count(), move |memory| {
        hash_with(&password, &salt, params, memory)
    })
    .await
}

fn hash_with(
    password: &str,
    salt: &[u8],
    params: Params,
    memory: &mut [Block],
) -> Result<String, WebError> {
    let mut out = [0u8; OUTPUT_BYTES];
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone())
        .hash_password_into_with_memory(password.as_bytes(), salt, &mut out, memory)
        .map_err(|e| WebError::Internal(format!("password hashing: {e}")))?;
    let salt = SaltString::encode_b64(salt)
        .map_err(|e| WebError::Internal(format!("password salt: {e}")))?;
    let output = argon2::password_hash::Output::new(&out)
        .map_err(|e| WebError::Internal(format!("password hash output: {e}")))?;
    Ok(format!(
        "$argon2id$v=19$m={},t={},p={}${}${}",
        params.m_cost(),
        params.t_cost(),
        params.p_cost(),
        salt.as_str(),
        output
    ))
}

/// What verifying needs from a stored PHC string.
struct Stored {
    params: Params,
    salt: Vec<u8>,
    hash: Vec<u8>,
}

fn parse_stored(stored: &str) -> Result<Stored, WebError> {
    let unreadable =
        |what: &str| WebError::Internal(format!("a stored password hash is unreadable: {what}"));
    let parsed = PasswordHash::new(stored).map_err(|e| unreadable(&e.to_string()))?;
    if parsed.algorithm.as_str() != "argon2id" || parsed.version.is_some_and(|v| v != 0x13) {
        return Err(unreadable("not Argon2id version 19"));
    }
    let params = Params::try_from(&parsed).map_err(|e| unreadable(&e.to_string()))?;
    let mut salt = [0u8; 64];
    let salt = parsed
        .salt
        .ok_or_else(|| unreadable("no salt"))?
        .decode_b64(&mut salt)
        .map_err(|e| unreadable(&e.to_string()))?
        .to_vec();
    let hash = parsed
        .hash
        .ok_or_else(|| unreadable("no hash"))?
        .as_bytes()
        .to_vec();
    Ok(Stored { params, salt, hash })
}

/// Whether `password` matches the stored PHC string. `None` checks against a dummy hash (an
/// unknown account) and is always false.
pub(crate) async fn verify_password(
    password: &str,
    stored: Option<&str>,
) -> Result<bool, WebError> {
    let password = password.to_owned();
    let known = stored.is_some();
    let stored = parse_stored(match stored {
        Some(hash) => hash,
        None => dummy_hash().await?,
    })?;
    let blocks = stored.params.block_count();
    let matches = with_memory(blocks, move |memory| {
        let params = Params::new(
            stored.params.m_cost(),
            stored.params.t_cost(),
            stored.params.p_cost(),
            Some(stored.hash.len()),
        )
        .map_err(|e| WebError::Internal(format!("stored argon2 parameters: {e}")))?;
        let mut out = vec![0u8; stored.hash.len()];
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password_into_with_memory(password.as_bytes(), &stored.salt, &mut out, memory)
            .map_err(|e| WebError::Internal(format!("password verification: {e}")))?;
        Ok(same_bytes(&out, &stored.hash))
    })
    .await?;
    Ok(known && matches)
}

/// A hash of a random password, made once, to verify unknown accounts against.
async fn dummy_hash() -> Result<&'static str, WebError> {
    static DUMMY: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    let hash = DUMMY
        .get_or_try_init(|| async { hash_password(&random_token()?).await })
        .await?;
    Ok(hash)
}

#[cfg(test)]
mod tests {
    use super::*;
    use argon2::password_hash::{PasswordHasher, PasswordVerifier};

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

    #[tokio::test]
    async fn hashes_agree_with_the_argon2_crates_own_phc_hasher_both_ways() {
        let reference = Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            params().expect("params"),
        );
        let ours = hash_password("interoperable password").await.expect("hash");
        let parsed = PasswordHash::new(&ours).expect("a PHC string");
        assert!(reference
            .verify_password(b"interoperable password", &parsed)
            .is_ok());
        let salt = SaltString::encode_b64(b"sixteen byte slt").expect("salt");
        let theirs = reference
            .hash_password(b"interoperable password", &salt)
            .expect("hash")
            .to_string();
        assert!(verify_password("interoperable password", Some(&theirs))
            .await
            .expect("verify"));
    }

    #[tokio::test]
    async fn a_hash_with_other_parameters_still_verifies() {
        let cheap = Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(8 * 1024, 1, 1, None).expect("params"),
        );
        let salt = SaltString::encode_b64(b"another salt 123").expect("salt");
        let old = cheap
            .hash_password(b"an older password", &salt)
            .expect("hash")
            .to_string();
        assert!(verify_password("an older password", Some(&old))
            .await
            .expect("verify"));
        assert!(!verify_password("not the password", Some(&old))
            .await
            .expect("verify"));
    }

    #[tokio::test]
    async fn an_unreadable_stored_hash_is_an_internal_error() {
        let error = verify_password("whatever password", Some("$md5$nonsense"))
            .await
            .expect_err("refused");
        assert!(matches!(error, WebError::Internal(_)));
    }
}
