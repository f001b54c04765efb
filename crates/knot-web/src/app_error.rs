//! How the application layer's refusals reach a client, mapped once: a value that cannot be used
//! is 422, someone else's record (or none) 404, a clash with what is stored or the safety policy
//! 409, acting for someone one may not 403, a database that stayed busy 503 with `Retry-After`,
//! and anything else our own failure (500, logged, never shown). Where a refusal points
//! somewhere, the API names the endpoint and a page names the page.

use knot_app::AppError;

use crate::hints::{self, sentences};
use crate::WebError;

/// How long a client is asked to wait after the database stayed busy.
const BUSY_RETRY_AFTER_SECONDS: u64 = 2;

/// Who reads the message: an API client or a person on a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reader {
    Api,
    Page,
}

/// The web error for a refusal, phrased for an API client.
pub(crate) fn from_app(error: AppError) -> WebError {
    web_error(error, Reader::Api)
}

/// The web error for a refusal, phrased for a page.
pub(crate) fn from_app_page(error: AppError) -> WebError {
    web_error(error, Reader::Page)
}

/// The web error for a failed store call of the web's own (browser sessions, sign-in events).
pub(crate) fn from_store(error: knot_store::StoreError) -> WebError {
    from_app(AppError::from(error))
}

/// Adds "Nothing was stored." to a refusal of a change.
pub(crate) fn nothing_stored(error: WebError) -> WebError {
    match error {
        WebError::Unprocessable(m) => WebError::Unprocessable(sentences(&m, "Nothing was stored.")),
        WebError::Conflict(m) => WebError::Conflict(sentences(&m, "Nothing was stored.")),
        other => other,
    }
}

fn web_error(error: AppError, reader: Reader) -> WebError {
    let hint = error.hint();
    let message = error.to_string();
    let with_hint = |message: &str| match (&hint, reader) {
        (Some(hint), Reader::Api) => hints::api(message, hint),
        (Some(hint), Reader::Page) => hints::page(message, hint),
        (None, _) => message.to_string(),
    };
    match error {
        AppError::Invalid { .. } | AppError::Session(_) => {
            WebError::Unprocessable(with_hint(&message))
        }
        AppError::NotFound { record, id } => WebError::not_found(
            format!("there is no {record} {id} among your records; list yours to find its id"),
            Vec::new(),
        ),
        AppError::Conflict(message) => WebError::Conflict(message),
        AppError::NeedsScreening { .. } | AppError::Blocked { .. } => {
            WebError::Conflict(with_hint(&message))
        }
        AppError::Forbidden => WebError::Forbidden(message),
        AppError::TwoFactorRequired => WebError::TwoFactorRequired(message),
        AppError::Busy(detail) => {
            eprintln!("knot-web: database busy: {detail}");
            WebError::Unavailable {
                message: "the database is busy with other changes; nothing was changed, so \
                          send the same request again in a moment"
                    .into(),
                retry_after_seconds: BUSY_RETRY_AFTER_SECONDS,
            }
        }
        AppError::Config(detail) | AppError::Internal(detail) => {
            WebError::Internal(format!("app: {detail}"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_screening_policy_points_each_reader_to_its_own_door() {
        let api = from_app(AppError::NeedsScreening {
            guarded: knot_app::Guarded::Session,
        });
        let page = from_app_page(AppError::NeedsScreening {
            guarded: knot_app::Guarded::Session,
        });
        assert!(api.to_string().contains("POST /api/v1/screening"), "{api}");
        assert!(page.to_string().contains("Screen page"), "{page}");
        assert!(!page.to_string().contains('`'), "{page}");
    }
}
