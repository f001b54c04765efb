//! Static assets, embedded in the binary: no CDN and nothing read from disk at run time, so the
//! app works offline on a LAN.
//!
//! Pages link an asset by [`url`], which carries a hash of its content: such a link is cached for
//! a year (`immutable`), because a changed asset gets a new link. Anything else revalidates with
//! its `ETag`. The stylesheet is inlined into every page ([`STYLESHEET`]), so first render waits
//! for no request beyond the page itself.

use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, ETAG, IF_NONE_MATCH};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::extract::{PathParam, QueryParams};
use crate::routes::Route;
use crate::WebError;

/// The page stylesheet, inlined into every page's `<head>`.
pub(crate) const STYLESHEET: &str = include_str!("../static/knot.css");

/// One embedded file.
struct Asset {
    name: &'static str,
    content_type: &'static str,
    bytes: &'static [u8],
    hash: u64,
}

const fn asset(name: &'static str, content_type: &'static str, bytes: &'static [u8]) -> Asset {
    Asset {
        name,
        content_type,
        bytes,
        hash: fnv1a(bytes),
    }
}

const ASSETS: &[Asset] = &[
    asset(
        "bodymap.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/bodymap.js"),
    ),
    asset(
        "favicon.svg",
        "image/svg+xml",
        include_bytes!("../static/favicon.svg"),
    ),
    // The signed-in pages' script: time zone for the diary, the guided session's timer.
    asset(
        "signed_in.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/signed_in.js"),
    ),
];

/// 64-bit FNV-1a: a content fingerprint for cache busting (not for security).
const fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    hash
}

fn find(name: &str) -> Option<&'static Asset> {
    ASSETS.iter().find(|a| a.name == name)
}

/// The versioned link to an embedded asset, e.g. `/static/bodymap.js?v=1f2e…`.
pub(crate) fn url(name: &str) -> String {
    match find(name) {
        Some(a) => format!("/static/{}?v={:016x}", a.name, a.hash),
        None => format!("/static/{name}"),
    }
}

pub(crate) fn routes() -> Vec<Route> {
    vec![Route::get("/static/{file}", serve_asset)]
}

#[derive(Debug, Deserialize)]
struct Version {
    v: Option<String>,
}

async fn serve_asset(
    PathParam(name): PathParam<String>,
    QueryParams(version): QueryParams<Version>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let Some(asset) = find(&name) else {
        return Err(WebError::not_found(
            format!("there is no file called {name:?} here"),
            Vec::new(),
        ));
    };
    let etag = format!("\"{:016x}\"", asset.hash);
    let versioned = version.v.as_deref() == Some(&etag[1..17]);
    let cache = if versioned {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let etag_value =
        HeaderValue::from_str(&etag).map_err(|e| WebError::Internal(format!("asset etag: {e}")))?;
    let fresh = headers
        .get(IF_NONE_MATCH)
        .is_some_and(|v| v.as_bytes() == etag.as_bytes());
    let common = [
        (CACHE_CONTROL, HeaderValue::from_static(cache)),
        (ETAG, etag_value),
    ];
    if fresh {
        return Ok((StatusCode::NOT_MODIFIED, common).into_response());
    }
    let content_type = [(CONTENT_TYPE, HeaderValue::from_static(asset.content_type))];
    Ok((common, content_type, asset.bytes).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asset_urls_change_when_content_changes() {
        assert_ne!(fnv1a(b"let a = 1;"), fnv1a(b"let a = 2;"));
        let link = url("bodymap.js");
        assert!(link.starts_with("/static/bodymap.js?v="), "{link}");
        assert_eq!(link.len(), "/static/bodymap.js?v=".len() + 16);
    }
}
