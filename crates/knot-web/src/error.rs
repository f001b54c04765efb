//! The web app's one error type and how it becomes a response.
//!
//! A [`WebError`] turns into JSON `{"error": "…"}` (plus `"suggestions"` where there are some)
//! with a 4xx status for anything the client sent, and a 500 with a generic message — never the
//! internal text, which goes to the server's log — for our own failures. Outside `/api` the
//! [`html_errors`] middleware re-renders the same error as an HTML page, so handlers never care
//! who asked.

use std::any::Any;

use axum::extract::Request;
use axum::http::header::{ALLOW, RETRY_AFTER};
use axum::http::{HeaderValue, Method, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

/// What went wrong with a request, phrased for the person who sent it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WebError {
    /// The request is malformed: JSON that does not parse, a form that cannot be read.
    BadRequest(String),
    /// The request is well-formed but cannot be used: an unknown region, an empty drawing.
    Unprocessable(String),
    /// Nothing at this address; `suggestions` are places the person may have meant.
    NotFound {
        message: String,
        suggestions: Vec<Suggestion>,
    },
    /// The address exists but not for this method.
    MethodNotAllowed(String),
    /// The body is larger than the server accepts.
    PayloadTooLarge(String),
    /// The body is not in a format this address reads.
    UnsupportedMediaType(String),
    /// Our own failure. The text is logged, never sent.
    Internal(String),
    /// The request needs a signed-in account and has none (or its session ended).
    Unauthorized(String),
    /// Signed in, but this request may not be made: a missing or wrong CSRF token.
    Forbidden(String),
    /// Clinic staff without two-factor sign-in (403; a page asked for with GET is sent to
    /// turn it on by [`html_errors`]).
    TwoFactorRequired(String),
    /// The request clashes with what is stored: an e-mail already registered, an entry already
    /// corrected.
    Conflict(String),
    /// Too many attempts (failed sign-ins); `retry_after_seconds` becomes `Retry-After`.
    TooManyRequests {
        message: String,
        retry_after_seconds: u64,
    },
    /// The database stayed busy (another writer held it) past the wait and one retry; nothing
    /// was changed. `retry_after_seconds` becomes `Retry-After`.
    Unavailable {
        message: String,
        retry_after_seconds: u64,
    },
}

/// A place the person may have meant, e.g. a muscle close to the one asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    pub label: String,
    pub href: String,
}

/// The JSON error body.
#[derive(Serialize)]
struct ErrorBody<'a> {
    error: &'a str,
    #[serde(skip_serializing_if = "<[Suggestion]>::is_empty")]
    suggestions: &'a [Suggestion],
}

const INTERNAL_MESSAGE: &str =
    "something went wrong on the server; try again, and if it keeps happening, check the \
     server's log";

impl WebError {
    /// A 404 with places to try instead.
    pub fn not_found(message: impl Into<String>, suggestions: Vec<Suggestion>) -> WebError {
        WebError::NotFound {
            message: message.into(),
            suggestions,
        }
    }

    /// The HTTP status for this error.
    pub fn status(&self) -> StatusCode {
        match self {
            WebError::BadRequest(_) => StatusCode::BAD_REQUEST,
            WebError::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            WebError::NotFound { .. } => StatusCode::NOT_FOUND,
            WebError::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            WebError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            WebError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            WebError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            WebError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            WebError::Forbidden(_) | WebError::TwoFactorRequired(_) => StatusCode::FORBIDDEN,
            WebError::Conflict(_) => StatusCode::CONFLICT,
            WebError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            WebError::Unavailable { .. } => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    /// The message a client may see.
    pub fn public_message(&self) -> &str {
        match self {
            WebError::BadRequest(m)
            | WebError::Unprocessable(m)
            | WebError::MethodNotAllowed(m)
            | WebError::PayloadTooLarge(m)
            | WebError::UnsupportedMediaType(m)
            | WebError::Unauthorized(m)
            | WebError::Forbidden(m)
            | WebError::TwoFactorRequired(m)
            | WebError::Conflict(m) => m,
            WebError::TooManyRequests { message, .. } | WebError::Unavailable { message, .. } => {
                message
            }
            WebError::NotFound { message, .. } => message,
            WebError::Internal(_) => INTERNAL_MESSAGE,
        }
    }

    /// Places to try instead (only for "not found").
    pub fn suggestions(&self) -> &[Suggestion] {
        match self {
            WebError::NotFound { suggestions, .. } => suggestions,
            _ => &[],
        }
    }
}

impl std::fmt::Display for WebError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WebError::Internal(detail) => write!(f, "internal error: {detail}"),
            other => f.write_str(other.public_message()),
        }
    }
}

impl std::error::Error for WebError {}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        if let WebError::Internal(detail) = &self {
            eprintln!("knot-web: internal error: {detail}");
        }
        let body = ErrorBody {
            error: self.public_message(),
            suggestions: self.suggestions(),
        };
        let mut response = (self.status(), Json(&body)).into_response();
        if let WebError::TooManyRequests {
            retry_after_seconds,
            ..
        }
        | WebError::Unavailable {
            retry_after_seconds,
            ..
        } = &self
        {
            response
                .headers_mut()
                .insert(RETRY_AFTER, HeaderValue::from(*retry_after_seconds));
        }
        // Kept so that `html_errors` can render the same error as a page.
        response.extensions_mut().insert(self);
        response
    }
}

/// True for addresses that answer in JSON.
pub(crate) fn is_api_path(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/")
}

/// Renders errors as HTML pages outside `/api`; API responses pass through untouched.
pub(crate) async fn html_errors(request: Request, next: Next) -> Response {
    let api = is_api_path(request.uri().path());
    let get_target = (request.method() == Method::GET).then(|| request.uri().to_string());
    let response = next.run(request).await;
    if api {
        return response;
    }
    let Some(error) = response.extensions().get::<WebError>().cloned() else {
        return response;
    };
    if let (WebError::TwoFactorRequired(_), Some(back)) = (&error, &get_target) {
        // A clinic page opened by staff without two-factor sign-in: turn it on, then return.
        let next: String = form_urlencoded::byte_serialize(back.as_bytes()).collect();
        let to = format!("/account/two-factor?required=true&next={next}");
        let mut redirect = axum::http::StatusCode::SEE_OTHER.into_response();
        if let Ok(location) = HeaderValue::from_str(&to) {
            redirect
                .headers_mut()
                .insert(axum::http::header::LOCATION, location);
        }
        return redirect;
    }
    let mut page = crate::pages::error_page(&error);
    *page.status_mut() = response.status();
    if let Some(allow) = response.headers().get(ALLOW) {
        page.headers_mut().insert(ALLOW, allow.clone());
    }
    if let Some(retry_after) = response.headers().get(RETRY_AFTER) {
        page.headers_mut().insert(RETRY_AFTER, retry_after.clone());
    }
    page
}

/// The answer for a known address asked with the wrong method.
pub(crate) async fn method_not_allowed(method: Method, uri: Uri) -> WebError {
    WebError::MethodNotAllowed(format!(
        "{} does not accept {method} requests; see /api/openapi.json for the methods each \
         address takes",
        uri.path()
    ))
}

/// A handler panicked: log it and answer with a generic 500.
pub(crate) fn panic_response(panic: Box<dyn Any + Send + 'static>) -> Response {
    let detail = panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a handler panicked".to_string());
    WebError::Internal(format!("panic: {detail}")).into_response()
}

impl From<askama::Error> for WebError {
    fn from(error: askama::Error) -> Self {
        WebError::Internal(format!("template: {error}"))
    }
}
