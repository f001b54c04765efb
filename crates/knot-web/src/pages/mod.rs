//! The HTML pages, one module per page, rendered with askama templates (`templates/`), which
//! escape every value unless it is marked safe (only the chart SVG, which `knot-body` escapes, and
//! fragments we rendered ourselves are).

mod account;
mod account_data;
pub(crate) mod account_delete;
mod account_password;
mod account_security;
mod account_sessions;
mod account_two_factor;
mod atlas;
mod clinic;
mod diary;
mod diary_form;
mod diary_pager;
mod diary_view;
mod error_page;
mod find;
mod find_view;
mod muscle;
mod password_reset;
mod plan;
mod plan_view;
mod progress;
mod progress_pdf;
mod screen;
mod screen_form;
mod screen_view;
mod signed_in;
mod signin_two_factor;
mod treat;
mod treat_view;

use askama::Template;
use axum::http::Uri;
use axum::response::{Html, IntoResponse, Response};

use crate::error::Suggestion;
use crate::routes::Route;
use crate::{assets, WebError};

pub(crate) use error_page::error_page;

pub(crate) fn routes() -> Vec<Route> {
    let mut routes = find::routes();
    routes.extend(atlas::routes());
    routes.extend(muscle::routes());
    routes.extend(account::routes());
    routes.extend(account_security::routes());
    routes.extend(account_data::routes());
    routes.extend(account_sessions::routes());
    routes.extend(account_password::routes());
    routes.extend(password_reset::routes());
    routes.extend(account_delete::routes());
    routes.extend(account_two_factor::routes());
    routes.extend(signin_two_factor::routes());
    routes.extend(screen::routes());
    routes.extend(diary::routes());
    routes.extend(progress::routes());
    routes.extend(progress_pdf::routes());
    routes.extend(treat::routes());
    routes.extend(plan::routes());
    routes.extend(clinic::routes());
    routes
}

/// What every page's frame needs: title, the active navigation item, the inlined stylesheet and
/// the asset links. (The accounts pages add who is signed in here.)
#[derive(Debug, Clone)]
pub(crate) struct Chrome {
    pub title: String,
    /// `find`, `atlas`, or empty: marks the current item in the navigation.
    pub active: &'static str,
    pub css: &'static str,
    pub favicon: String,
    /// The body-map script, on pages that use it.
    pub script: Option<String>,
    /// Who is signed in (for the navigation), if anyone.
    pub visitor: Option<crate::auth::Visitor>,
}

impl Chrome {
    pub fn new(title: impl Into<String>, active: &'static str) -> Chrome {
        Chrome {
            title: title.into(),
            active,
            css: assets::STYLESHEET,
            favicon: assets::url("favicon.svg"),
            script: None,
            visitor: crate::auth::visitor(),
        }
    }

    /// The same frame, loading the body-map script (a deferred module: it never blocks render).
    pub fn with_script(mut self) -> Chrome {
        self.script = Some(assets::url("bodymap.js"));
        self
    }
}

/// Renders a template into a response; a template failure is ours (500), never the client's.
pub(crate) fn render(template: &impl Template) -> Result<Html<String>, WebError> {
    template
        .render()
        .map(Html)
        .map_err(|e| WebError::Internal(format!("template: {e}")))
}

/// Any address outside `/api` that does not exist.
pub(crate) async fn not_found(uri: Uri) -> Response {
    WebError::not_found(
        format!("there is no page at {}", uri.path()),
        vec![
            Suggestion {
                label: "Find: where does it hurt?".into(),
                href: "/".into(),
            },
            Suggestion {
                label: "Atlas: every muscle".into(),
                href: "/atlas".into(),
            },
        ],
    )
    .into_response()
}

/// Where links sent to people start (invitations, password resets): `knot serve --public-url`,
/// else this server as the browser reached it (its Host header, https when the request came
/// over it). Set `--public-url` on any public install: a Host header is the client's to choose.
pub(crate) fn link_base(
    state: &crate::AppState,
    headers: &axum::http::HeaderMap,
    uri: &Uri,
) -> String {
    if let Some(url) = &state.public_url {
        return url.clone();
    }
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|value| value.to_str().ok())
        .filter(|host| {
            !host.is_empty()
                && host
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
        })
        .unwrap_or("localhost");
    let scheme = if crate::auth::cookies::over_https(headers, uri) {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://{host}")
}

/// A file to download: `body` (text or bytes) as `content_type`, saved by the browser as `filename` (which
/// must be plain ASCII without quotes: it is ours, never the visitor's).
pub(crate) fn download(
    body: impl IntoResponse,
    content_type: &'static str,
    filename: &str,
) -> Result<Response, WebError> {
    use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
    use axum::http::HeaderValue;
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\""))
        .map_err(|e| WebError::Internal(format!("download header: {e}")))?;
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(CONTENT_DISPOSITION, disposition);
    Ok(response)
}

/// The text with its first letter in upper case ("neck" → "Neck").
pub(crate) fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
