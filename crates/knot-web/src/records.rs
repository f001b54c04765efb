//! How store failures reach a client: someone else's record (or none) is 404, a clash with what
//! is stored is 409, a value the store refuses is 422, and anything else is our own failure
//! (500, logged, never shown).

use knot_store::StoreError;

use crate::WebError;

/// The web error for a store error.
pub(crate) fn from_store(error: StoreError) -> WebError {
    match error {
        StoreError::NotFound { record, id } => WebError::not_found(
            format!("there is no {record} {id} among your records; list yours to find its id"),
            Vec::new(),
        ),
        StoreError::Conflict(message) => WebError::Conflict(message),
        StoreError::Invalid(message) => WebError::Unprocessable(message),
        other => WebError::Internal(format!("store: {other}")),
    }
}
