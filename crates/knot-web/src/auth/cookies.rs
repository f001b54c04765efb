//! The cookies the app reads and writes, by hand (three cookies do not need a crate):
//!
//! | cookie | holds | flags |
//! |---|---|---|
//! | `knot_session` | the session token (the database keeps its hash) | HttpOnly, SameSite=Lax, Path=/, Max-Age, Secure over https |
//! | `knot_form` | a token the sign-in and sign-up forms echo (CSRF before there is a session) | HttpOnly, SameSite=Strict, Path=/, Secure over https |
//! | `knot_device` | the account this browser signed in to and a device id, signed by the server ([`super::device`]) | HttpOnly, SameSite=Strict, Path=/, Max-Age 180 days, Secure over https |
//! | `knot_second_step` | the signed challenge between a right password and the two-factor code ([`super::second_step`]) | HttpOnly, SameSite=Strict, Path=/, Max-Age 300, Secure over https |
//! | `knot_tz` | the browser's offset from UTC in minutes, set by the page script | read only |

use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue};

use crate::WebError;

pub(crate) const SESSION_COOKIE: &str = "knot_session";
pub(crate) const FORM_COOKIE: &str = "knot_form";
pub(crate) const TZ_COOKIE: &str = "knot_tz";
pub(crate) const DEVICE_COOKIE: &str = "knot_device";
pub(crate) const SECOND_STEP_COOKIE: &str = "knot_second_step";

/// How long a device cookie is kept (each sign-in renews it).
const DEVICE_COOKIE_SECONDS: i64 = 180 * 24 * 60 * 60;

/// How long the form token lives: long enough to fill in a form.
const FORM_COOKIE_SECONDS: i64 = super::form_token::FORM_TOKEN_SECONDS;

/// The value of the first cookie called `name`.
pub(crate) fn read<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|line| line.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.trim_matches('"'))
}

/// A `Set-Cookie` value.
fn cookie(name: &str, value: &str, max_age: i64, same_site: &str, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{name}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite={same_site}{secure}")
}

/// The session cookie for a new session.
pub(crate) fn session_cookie(token: &str, max_age_seconds: i64, secure: bool) -> String {
    cookie(SESSION_COOKIE, token, max_age_seconds, "Lax", secure)
}

/// A cookie that removes the session cookie.
pub(crate) fn clear_session_cookie(secure: bool) -> String {
    cookie(SESSION_COOKIE, "", 0, "Lax", secure)
}

/// The form token cookie.
pub(crate) fn form_cookie(token: &str, secure: bool) -> String {
    cookie(FORM_COOKIE, token, FORM_COOKIE_SECONDS, "Strict", secure)
}

/// The device cookie.
pub(crate) fn device_cookie(value: &str, secure: bool) -> String {
    cookie(
        DEVICE_COOKIE,
        value,
        DEVICE_COOKIE_SECONDS,
        "Strict",
        secure,
    )
}

/// The second-step challenge cookie (empty with `max_age` 0: removes it).
pub(crate) fn second_step_cookie(challenge: &str, max_age: i64, secure: bool) -> String {
    cookie(SECOND_STEP_COOKIE, challenge, max_age, "Strict", secure)
}

/// Adds a `Set-Cookie` header.
pub(crate) fn set(headers: &mut HeaderMap, value: &str) -> Result<(), WebError> {
    let value = HeaderValue::from_str(value)
        .map_err(|e| WebError::Internal(format!("cookie header: {e}")))?;
    headers.append(SET_COOKIE, value);
    Ok(())
}

/// Whether the request came over https: directly, or through a proxy that says so.
pub(crate) fn over_https(headers: &HeaderMap, uri: &axum::http::Uri) -> bool {
    uri.scheme_str() == Some("https")
        || headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("https"))
}

/// The browser's offset from UTC in minutes east, from `knot_tz` (UTC when absent or odd).
pub(crate) fn utc_offset_minutes(headers: &HeaderMap) -> i32 {
    read(headers, TZ_COOKIE)
        .and_then(|v| v.parse::<i32>().ok())
        .filter(|m| m.abs() <= 14 * 60)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(cookie: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(COOKIE, HeaderValue::from_str(cookie).expect("header"));
        headers
    }

    #[test]
    fn cookies_are_read_by_exact_name() {
        let h = headers("knot_session_old=x; knot_session=abc; knot_tz=-300");
        assert_eq!(read(&h, SESSION_COOKIE), Some("abc"));
        assert_eq!(utc_offset_minutes(&h), -300);
        assert_eq!(read(&h, FORM_COOKIE), None);
        assert_eq!(utc_offset_minutes(&headers("knot_tz=99999")), 0);
    }

    #[test]
    fn the_session_cookie_is_http_only_lax_and_secure_when_asked() {
        let plain = session_cookie("t", 60, false);
        assert!(
            plain.contains("HttpOnly") && plain.contains("SameSite=Lax"),
            "{plain}"
        );
        assert!(!plain.contains("Secure"));
        assert!(session_cookie("t", 60, true).ends_with("; Secure"));
        assert!(clear_session_cookie(false).contains("Max-Age=0"));
    }
}
