//! What the signed-in pages (and the sign-in pages) share: their frame — the site stylesheet
//! plus their own rules, and the small page script (time zone, the session timer) — and the
//! redirect that ends a successful form post (post/redirect/get, so a reload never posts twice).

use axum::http::header::LOCATION;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::Offset;

use super::Chrome;
use crate::assets;

/// The site stylesheet followed by the signed-in pages' rules, inlined like the site's.
const STYLESHEET: &str = concat!(
    include_str!("../../static/knot.css"),
    include_str!("../../static/signed_in.css")
);

/// The frame of a signed-in page.
pub(super) fn chrome(title: impl Into<String>, active: &'static str) -> Chrome {
    let mut chrome = Chrome::new(title, active);
    chrome.css = STYLESHEET;
    chrome.script = Some(assets::url("signed_in.js"));
    chrome
}

/// 303 See Other to a local path.
pub(super) fn see_other(path: &str) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(location) = HeaderValue::from_str(path) {
        response.headers_mut().insert(LOCATION, location);
    }
    response
}

/// The browser's offset from UTC (from the page script's cookie; UTC without it).
pub(super) fn local_offset(headers: &axum::http::HeaderMap) -> chrono::FixedOffset {
    let minutes = crate::auth::cookies::utc_offset_minutes(headers);
    chrono::FixedOffset::east_opt(minutes * 60).unwrap_or_else(|| chrono::Utc.fix())
}

/// A stored time as the person reads it: "Mar 5, 2026, 08:30".
pub(super) fn local_time(at: chrono::DateTime<chrono::Utc>, offset: chrono::FixedOffset) -> String {
    at.with_timezone(&offset)
        .format("%b %-d, %Y, %H:%M")
        .to_string()
}
