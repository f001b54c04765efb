//! What can go wrong in a store call.

use thiserror::Error;

/// A store failure. `NotFound` also covers records that exist but belong to someone else, so
/// the answer does not reveal that they exist.
#[derive(Debug, Error)]
pub enum StoreError {
    /// No such record for this person.
    #[error("no {record} with id {id} for this person")]
    NotFound { record: &'static str, id: i64 },
    /// The request conflicts with what is stored (an e-mail already registered, an entry that
    /// was already corrected or deleted).
    #[error("{0}")]
    Conflict(String),
    /// The database URL or file cannot be used; the message says what to write instead.
    #[error("{0}")]
    Config(String),
    /// The database failed.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// Running the embedded migrations failed.
    #[error("could not bring the database schema up to date: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A stored JSON column could not be read back.
    #[error("a stored record could not be read: {0}")]
    Corrupt(String),
    /// A value the store cannot keep exactly as given (a NaN or infinite number, a time
    /// outside the years 0–9999, an account without an e-mail). Callers validate first; this
    /// is the store's last line of defence, and nothing is written.
    #[error("{0}")]
    Invalid(String),
}

/// Shorthand for results of store calls.
pub type StoreResult<T> = Result<T, StoreError>;
