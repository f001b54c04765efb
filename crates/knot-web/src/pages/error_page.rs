//! The HTML page for an error outside `/api`: what went wrong, in plain words, and where to go.

use askama::Template;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};

use super::Chrome;
use crate::error::Suggestion;
use crate::WebError;

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorTemplate<'a> {
    chrome: Chrome,
    heading: &'static str,
    message: String,
    suggestions: &'a [Suggestion],
}

/// The page for an error. The status is set by the caller.
pub(crate) fn error_page(error: &WebError) -> Response {
    let heading = match error {
        WebError::NotFound { .. } => "Not found",
        WebError::Internal(_) => "Something went wrong",
        _ => "That request could not be used",
    };
    let page = ErrorTemplate {
        chrome: Chrome::new(heading, ""),
        heading,
        message: super::capitalized(error.public_message()),
        suggestions: error.suggestions(),
    };
    match page.render() {
        Ok(html) => ([(CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response(),
        // The error page itself failed: fall back to plain text with the same message.
        Err(_) => error.public_message().to_string().into_response(),
    }
}
