//! How store failures reach a client: someone else's record (or none) is 404, a clash with what
//! is stored is 409, a value the store refuses is 422, a database that stayed busy is 503 with
//! `Retry-After`, and anything else is our own failure (500, logged, never shown).

use knot_store::StoreError;

use crate::WebError;

/// How long a client is asked to wait after the database stayed busy.
const BUSY_RETRY_AFTER_SECONDS: u64 = 2;

/// The web error for a store error.
pub(crate) fn from_store(error: StoreError) -> WebError {
    match error {
        StoreError::NotFound { record, id } => WebError::not_found(
            format!("there is no {record} {id} among your records; list yours to find its id"),
            Vec::new(),
        ),
        StoreError::Conflict(message) => WebError::Conflict(message),
        StoreError::Invalid(message) => WebError::Unprocessable(message),
        StoreError::Busy(detail) => {
            eprintln!("knot-web: database busy: {detail}");
            WebError::Unavailable {
                message: "the database is busy with other changes; nothing was changed, so \
                          send the same request again in a moment"
                    .into(),
                retry_after_seconds: BUSY_RETRY_AFTER_SECONDS,
            }
        }
        other => WebError::Internal(format!("store: {other}")),
    }
}
