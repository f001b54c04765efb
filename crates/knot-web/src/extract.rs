//! Request extractors whose rejections are [`WebError`]s: axum's own rejection texts ("Failed to
//! deserialize…", plain-text bodies) never reach a client; every refusal says what was wrong and
//! what to send instead.

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, JsonRejection};
use axum::extract::{FromRequest, FromRequestParts, Path, Query, Request};
use axum::http::header::CONTENT_TYPE;
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::Json;
use serde::de::DeserializeOwned;

use crate::WebError;

/// A JSON body type with an example the error messages can show.
pub(crate) trait BodyExample {
    /// A short, valid example body.
    const EXAMPLE: &'static str;
}

/// A JSON request body.
#[derive(Debug)]
pub(crate) struct JsonBody<T>(pub T);

impl<S, T> FromRequest<S> for JsonBody<T>
where
    S: Send + Sync,
    T: DeserializeOwned + BodyExample,
{
    type Rejection = WebError;

    async fn from_request(request: Request, state: &S) -> Result<Self, WebError> {
        match Json::<T>::from_request(request, state).await {
            Ok(Json(value)) => Ok(JsonBody(value)),
            Err(rejection) => Err(json_refusal(&rejection, T::EXAMPLE)),
        }
    }
}

fn json_refusal(rejection: &JsonRejection, example: &str) -> WebError {
    match rejection {
        JsonRejection::JsonDataError(e) => WebError::Unprocessable(format!(
            "the JSON body does not have the expected fields: {}. Send e.g. {example}",
            detail(e)
        )),
        JsonRejection::JsonSyntaxError(e) => WebError::BadRequest(format!(
            "the body is not valid JSON: {}. Send e.g. {example}",
            detail(e)
        )),
        JsonRejection::MissingJsonContentType(_) => WebError::UnsupportedMediaType(format!(
            "send the body as JSON with the header Content-Type: application/json, e.g. {example}"
        )),
        JsonRejection::BytesRejection(e) => body_refusal(e),
        other => WebError::BadRequest(format!(
            "the request body could not be read ({}); send e.g. {example}",
            other.status()
        )),
    }
}

/// The innermost cause of a JSON rejection (serde's own words: field, line and column).
fn detail(error: &dyn std::error::Error) -> String {
    let mut inner = error;
    while let Some(source) = inner.source() {
        inner = source;
    }
    inner.to_string()
}

fn body_refusal(rejection: &BytesRejection) -> WebError {
    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        WebError::PayloadTooLarge(format!(
            "the request body is larger than {} KiB; send fewer regions or terms",
            crate::MAX_BODY_BYTES / 1024
        ))
    } else {
        WebError::BadRequest("the request body could not be read; send it again".to_string())
    }
}

/// A URL-encoded form body as (name, value) pairs, in order, repeated names kept.
#[derive(Debug)]
pub(crate) struct FormPairs(pub Vec<(String, String)>);

impl<S: Send + Sync> FromRequest<S> for FormPairs {
    type Rejection = WebError;

    async fn from_request(request: Request, state: &S) -> Result<Self, WebError> {
        let is_form = request
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
        if !is_form {
            return Err(WebError::UnsupportedMediaType(
                "send the form as application/x-www-form-urlencoded (what a browser form sends)"
                    .to_string(),
            ));
        }
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|e| body_refusal(&e))?;
        let pairs = form_urlencoded::parse(&bytes).into_owned().collect();
        Ok(FormPairs(pairs))
    }
}

/// Path parameters.
#[derive(Debug)]
pub(crate) struct PathParam<T>(pub T);

impl<S, T> FromRequestParts<S> for PathParam<T>
where
    S: Send + Sync,
    T: DeserializeOwned + Send,
{
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, WebError> {
        match Path::<T>::from_request_parts(parts, state).await {
            Ok(Path(value)) => Ok(PathParam(value)),
            Err(e) => Err(WebError::BadRequest(format!(
                "the address {} could not be read ({}); check it for stray characters",
                parts.uri.path(),
                detail(&e)
            ))),
        }
    }
}

/// Query-string parameters.
#[derive(Debug)]
pub(crate) struct QueryParams<T>(pub T);

impl<S, T> FromRequestParts<S> for QueryParams<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, WebError> {
        match Query::<T>::try_from_uri(&parts.uri) {
            Ok(Query(value)) => Ok(QueryParams(value)),
            Err(e) => Err(WebError::BadRequest(format!(
                "the query string could not be read ({}); check it for stray characters",
                detail(&e)
            ))),
        }
    }
}

/// A query value, trimmed; one sent empty (as an empty form field is) counts as left out.
pub(crate) fn given(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}
