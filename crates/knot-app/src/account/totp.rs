//! Two-factor sign-in with time-based one-time codes (TOTP, RFC 6238), the kind every
//! authenticator app makes: HMAC-SHA1 over the number of 30-second steps since 1970, cut to 6
//! digits. A code is accepted for its step and one step either side (clocks drift); the caller
//! stores the step accepted and refuses it or any earlier one after, so a code cannot be
//! replayed. Also: fresh secrets (20 random bytes, shown in base32 as RFC 4648 writes it,
//! without padding), the `otpauth://` URI apps read from a QR code, and one-time recovery
//! codes (random, shown once, stored as SHA-256 digests).
//!
//! Pure except for the random source; the store keeps the secret, step and digests.

use hmac::{Hmac, Mac};
use sha1::Sha1;
use sha2::{Digest, Sha256};

/// Seconds in one step.
pub const STEP_SECONDS: i64 = 30;
/// Digits in a code.
pub const DIGITS: usize = 6;
/// Bytes in a fresh secret (160 bits, as RFC 4226 recommends).
pub const SECRET_BYTES: usize = 20;
/// Recovery codes made when two-factor sign-in is turned on.
pub const RECOVERY_CODES: usize = 10;
/// The issuer shown in the app.
pub const ISSUER: &str = "Knot";

const BASE32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// The random source failed.
#[derive(Debug, thiserror::Error)]
#[error("the system random source failed: {0}")]
pub struct NoRandom(String);

/// A fresh secret, base32 without padding (32 characters).
pub fn new_secret() -> Result<String, NoRandom> {
    let mut bytes = [0u8; SECRET_BYTES];
    getrandom::getrandom(&mut bytes).map_err(|e| NoRandom(e.to_string()))?;
    Ok(base32_encode(&bytes))
}

/// Bytes in base32 (RFC 4648), without padding.
pub fn base32_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for &byte in bytes {
        buffer = (buffer << 8) | u32::from(byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(BASE32[((buffer >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(BASE32[((buffer << (5 - bits)) & 31) as usize]));
    }
    out
}

/// Base32 text back to bytes (case, spaces and padding ignored); `None` for other characters.
pub fn base32_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 5 / 8);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for c in text.chars().filter(|c| !c.is_whitespace() && *c != '=') {
        let c = c.to_ascii_uppercase();
        let value = BASE32.iter().position(|&b| char::from(b) == c)?;
        buffer = (buffer << 5) | value as u32;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push(((buffer >> bits) & 0xff) as u8);
        }
    }
    Some(out)
}

/// The step a Unix time falls in.
pub fn step_at(unix_seconds: i64) -> i64 {
    unix_seconds.div_euclid(STEP_SECONDS)
}

/// The code of `step` for `key` (the secret's bytes), with `digits` digits (RFC 4226 §5.3).
pub fn code_with_digits(key: &[u8], step: i64, digits: u32) -> String {
    // HMAC takes a key of any length, so this cannot fail; an empty key still gives a code.
    let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(key) else {
        return String::new();
    };
    mac.update(&step.to_be_bytes());
    let hash = mac.finalize().into_bytes();
    let offset = usize::from(hash[hash.len() - 1] & 0x0f);
    let binary = u32::from_be_bytes([
        hash[offset] & 0x7f,
        hash[offset + 1],
        hash[offset + 2],
        hash[offset + 3],
    ]);
    let value = u64::from(binary) % 10u64.pow(digits);
    format!("{value:0width$}", width = digits as usize)
}

/// The 6-digit code of `step` for a base32 secret (empty when the secret is not base32).
pub fn code(secret: &str, step: i64) -> String {
    match base32_decode(secret) {
        Some(key) => code_with_digits(&key, step, DIGITS as u32),
        None => String::new(),
    }
}

/// Whether text looks like a 6-digit code (spaces ignored): the digits, or `None`.
pub fn as_code(text: &str) -> Option<String> {
    let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    (digits.len() == DIGITS && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits)
}

/// The latest step within one of `now`'s that is later than `last_step` and whose code is
/// `typed`; `None` when there is none (a wrong code, or one already used).
pub fn matching_step(secret: &str, typed: &str, unix_seconds: i64, last_step: i64) -> Option<i64> {
    let typed = as_code(typed)?;
    let key = base32_decode(secret)?;
    let now = step_at(unix_seconds);
    let mut found = None;
    for step in [now - 1, now, now + 1] {
        let expected = code_with_digits(&key, step, DIGITS as u32);
        // Every candidate is compared, whatever matched, so the time taken says nothing.
        if step > last_step && same(expected.as_bytes(), typed.as_bytes()) {
            found = Some(step);
        }
    }
    found
}

fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The `otpauth://` URI an authenticator app reads (from the QR code).
pub fn otpauth_uri(email: &str, secret: &str) -> String {
    let label: String = form_encode(&format!("{ISSUER}:{email}"));
    format!(
        "otpauth://totp/{label}?secret={secret}&issuer={ISSUER}&algorithm=SHA1&digits={DIGITS}&period={STEP_SECONDS}"
    )
}

/// Percent-encodes everything but unreserved characters and the label's colon.
fn form_encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~:@".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The secret in groups of four characters, for typing into an app by hand.
pub fn grouped(secret: &str) -> String {
    secret
        .as_bytes()
        .chunks(4)
        .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Fresh recovery codes: 10 of them, each 10 base32 characters (50 bits) as `XXXXX-XXXXX`.
pub fn new_recovery_codes() -> Result<Vec<String>, NoRandom> {
    (0..RECOVERY_CODES)
        .map(|_| {
            let mut bytes = [0u8; 7];
            getrandom::getrandom(&mut bytes).map_err(|e| NoRandom(e.to_string()))?;
            let text = base32_encode(&bytes);
            Ok(format!("{}-{}", &text[..5], &text[5..10]))
        })
        .collect()
}

/// The form a recovery code is compared in: upper case, without spaces or dashes; `None` when
/// it cannot be one (so a 6-digit code is never taken for one).
pub fn as_recovery_code(text: &str) -> Option<String> {
    let code: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (code.len() == 10 && code.bytes().all(|b| BASE32.contains(&b))).then_some(code)
}

/// The digest stored for a recovery code (SHA-256 of its compared form, hex). The codes carry
/// 50 random bits each and a wrong guess counts against the sign-in limits, so a fast hash is
/// enough.
pub fn recovery_digest(code: &str) -> Option<String> {
    let code = as_recovery_code(code)?;
    let digest = Sha256::digest(code.as_bytes());
    Some(digest.iter().map(|b| format!("{b:02x}")).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 Appendix B: the SHA-1 key and the 8-digit codes at its test times.
    const RFC_KEY: &[u8] = b"12345678901234567890";
    const RFC_VECTORS: &[(i64, &str)] = &[
        (59, "94287082"),
        (1_111_111_109, "07081804"),
        (1_111_111_111, "14050471"),
        (1_234_567_890, "89005924"),
        (2_000_000_000, "69279037"),
        (20_000_000_000, "65353130"),
    ];

    #[test]
    fn codes_match_the_rfc_6238_sha1_vectors() {
        for (time, expected) in RFC_VECTORS {
            assert_eq!(
                code_with_digits(RFC_KEY, step_at(*time), 8),
                *expected,
                "{time}"
            );
            // Six digits are the last six of the same number.
            let secret = base32_encode(RFC_KEY);
            assert_eq!(code(&secret, step_at(*time)), expected[2..], "{time}");
        }
    }

    #[test]
    fn base32_is_rfc_4648_without_padding() {
        assert_eq!(base32_encode(b"foobar"), "MZXW6YTBOI");
        assert_eq!(base32_encode(RFC_KEY), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assert_eq!(base32_decode("mzxw 6ytb oi===="), Some(b"foobar".to_vec()));
        assert_eq!(base32_decode("not base32!"), None);
        let secret = new_secret().unwrap();
        assert_eq!(secret.len(), 32);
        assert_eq!(base32_decode(&secret).map(|b| b.len()), Some(SECRET_BYTES));
        assert_eq!(grouped("ABCDEFGHIJ"), "ABCD EFGH IJ");
    }

    #[test]
    fn a_code_is_accepted_one_step_either_side_and_never_twice() {
        let secret = base32_encode(RFC_KEY);
        let now = 1_111_111_111;
        let step = step_at(now);
        for (drift, accepted) in [(-2, false), (-1, true), (0, true), (1, true), (2, false)] {
            let typed = code(&secret, step + drift);
            assert_eq!(
                matching_step(&secret, &typed, now, 0),
                accepted.then_some(step + drift),
                "drift {drift}"
            );
        }
        let typed = code(&secret, step);
        assert_eq!(
            matching_step(&secret, &typed, now, step),
            None,
            "already used"
        );
        assert_eq!(matching_step(&secret, &typed, now, step - 1), Some(step));
        let spaced = format!("{} {}", &typed[..3], &typed[3..]);
        assert_eq!(matching_step(&secret, &spaced, now, 0), Some(step));
        assert_eq!(matching_step(&secret, "12345", now, 0), None);
        assert_eq!(matching_step(&secret, "abcdef", now, 0), None);
    }

    #[test]
    fn the_uri_names_the_issuer_the_account_and_the_parameters() {
        assert_eq!(
            otpauth_uri("ana+x@example.org", "JBSWY3DPEHPK3PXP"),
            "otpauth://totp/Knot:ana%2Bx@example.org?secret=JBSWY3DPEHPK3PXP&issuer=Knot\
             &algorithm=SHA1&digits=6&period=30"
        );
    }

    #[test]
    fn recovery_codes_are_random_and_compared_loosely() {
        let codes = new_recovery_codes().unwrap();
        assert_eq!(codes.len(), RECOVERY_CODES);
        let mut unique = codes.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), RECOVERY_CODES);
        let first = &codes[0];
        assert_eq!(first.len(), 11);
        let digest = recovery_digest(first).unwrap();
        assert_eq!(
            recovery_digest(&first.to_lowercase().replace('-', " ")),
            Some(digest.clone())
        );
        assert_eq!(digest.len(), 64);
        assert_eq!(recovery_digest("123456"), None);
        assert_eq!(as_code(first), None);
    }
}
