//! How the application layer's refusals reach a client, mapped once: a value that cannot be used
//! is 422, someone else's record (or none) 404, a clash with what is stored or the safety policy
//! 409, acting for someone one may not 403, a database that stayed busy 503 with `Retry-After`,
//! and anything else our own failure (500, logged, never shown). Where a refusal points
//! somewhere, the API names the endpoint and a page names the page.

use knot_app::AppError;
use knot_care::hint::Hint;

use crate::WebError;

/// How long a client is asked to wait after the database stayed busy.
const BUSY_RETRY_AFTER_SECONDS: u64 = 2;

/// Who reads the message: an API client or a person on a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reader {
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
    let with_hint = |message: &str| match &hint {
        Some(hint) => sentences(message, &hint_words(hint, reader)),
        None => message.to_string(),
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

/// Where a hint points, in the reader's terms.
pub(crate) fn hint_words(hint: &Hint, reader: Reader) -> String {
    match (hint, reader) {
        (Hint::TakeScreening, Reader::Api) => "Take it with POST /api/v1/screening.".into(),
        (Hint::TakeScreening, Reader::Page) => "Take it on the Screen page.".into(),
        (Hint::ListRegions, Reader::Api) => "GET /api/v1/regions lists the region ids.".into(),
        (Hint::ListRegions, Reader::Page) => "Choose a place from the list.".into(),
        (Hint::ListTriggerPoints { muscle: Some(m) }, Reader::Api) => {
            format!("GET /api/v1/atlas/muscles/{m} lists its trigger points.")
        }
        (Hint::ListTriggerPoints { muscle: None }, Reader::Api) => {
            "GET /api/v1/atlas lists the muscles.".into()
        }
        (Hint::ListTriggerPoints { .. }, Reader::Page) => "Choose one from the list.".into(),
        (Hint::ListMovements, Reader::Api) => {
            "The RangeOfMotion schema in GET /api/openapi.json lists them.".into()
        }
        (Hint::ListMovements, Reader::Page) => "Choose one from the list.".into(),
        (Hint::ShowMuscle { muscle, .. }, Reader::Api) => {
            format!("GET /api/v1/atlas/muscles/{muscle} describes it.")
        }
        (Hint::ShowMuscle { muscle, .. }, Reader::Page) => {
            format!("The atlas page /atlas/{muscle} shows it.")
        }
        (Hint::LogPain, Reader::Api) => "Log pain with POST /api/v1/diary.".into(),
        (Hint::LogPain, Reader::Page) => "Log pain on the Diary page.".into(),
        (Hint::StartSession, _) => "The Treat page guides a session.".into(),
        (Hint::BuildPlan, Reader::Api) => "Build one with POST /api/v1/plan.".into(),
        (Hint::BuildPlan, Reader::Page) => "Build one on the Plan page.".into(),
    }
}

/// `first` and `then` as two sentences, with exactly one full stop between them.
pub(crate) fn sentences(first: &str, then: &str) -> String {
    let first = first.trim_end().trim_end_matches('.');
    format!("{first}. {then}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_never_double_the_full_stop() {
        assert_eq!(
            sentences("lists them.", "Nothing was stored."),
            "lists them. Nothing was stored."
        );
        assert_eq!(
            sentences("is empty", "Nothing was stored."),
            "is empty. Nothing was stored."
        );
    }

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
