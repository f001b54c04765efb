//! Random tokens and their hashes: the session cookie carries a random token, the database keeps
//! only its SHA-256 (so a leaked database cannot be replayed as cookies), and tokens are compared
//! in constant time.

use sha2::{Digest, Sha256};

use crate::WebError;

/// Bytes of randomness in a session or CSRF token (256 bits).
const TOKEN_BYTES: usize = 32;

/// A fresh random token, as 64 lower-case hex characters.
pub(crate) fn random_token() -> Result<String, WebError> {
    let mut bytes = [0u8; TOKEN_BYTES];
    getrandom::getrandom(&mut bytes)
        .map_err(|e| WebError::Internal(format!("the system random source failed: {e}")))?;
    Ok(hex(&bytes))
}

/// Fresh random bytes for a password salt.
pub(crate) fn random_salt() -> Result<[u8; 16], WebError> {
    random_bytes()
}

/// Fresh random bytes (salts, keys).
pub(crate) fn random_bytes<const N: usize>() -> Result<[u8; N], WebError> {
    let mut bytes = [0u8; N];
    getrandom::getrandom(&mut bytes)
        .map_err(|e| WebError::Internal(format!("the system random source failed: {e}")))?;
    Ok(bytes)
}

/// The SHA-256 of a token, as hex: what the store keeps.
pub(crate) fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// Whether two secrets are equal, taking the same time wherever they differ.
pub(crate) fn same_secret(a: &str, b: &str) -> bool {
    same_bytes(a.as_bytes(), b.as_bytes())
}

/// Whether two byte strings are equal, taking the same time wherever they differ.
pub(crate) fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Whether text looks like one of our tokens (so junk cookies never reach the database).
pub(crate) fn is_token(text: &str) -> bool {
    text.len() == TOKEN_BYTES * 2 && text.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Bytes as lower-case hex.
pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        out.push(char::from(DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_hex_and_hash_to_something_else() {
        let a = random_token().expect("token");
        let b = random_token().expect("token");
        assert_ne!(a, b);
        assert!(is_token(&a), "{a}");
        let hash = token_hash(&a);
        assert_eq!(hash.len(), 64);
        assert_ne!(hash, a);
        assert_eq!(hash, token_hash(&a));
    }

    #[test]
    fn secrets_compare_by_content_and_length() {
        assert!(same_secret("abc", "abc"));
        assert!(!same_secret("abc", "abd"));
        assert!(!same_secret("abc", "abcd"));
        assert!(!is_token("not-a-token"));
    }
}
