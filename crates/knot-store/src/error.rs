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
    /// Another connection held the database for longer than a call waits (SQLite's busy
    /// timeout, PostgreSQL's lock timeout, or no pooled connection free in time). Nothing was
    /// written; retrying later may succeed.
    #[error("the database is busy: {0}")]
    Busy(String),
    /// The database failed.
    #[error("database error: {0}")]
    Database(#[source] sqlx::Error),
    /// The task running a store call ended without an answer (it panicked, or the runtime is
    /// shutting down). Its transaction, if any, was rolled back.
    #[error("a store call was interrupted: {0}")]
    Interrupted(String),
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

impl From<sqlx::Error> for StoreError {
    fn from(err: sqlx::Error) -> StoreError {
        if is_busy(&err) {
            StoreError::Busy(err.to_string())
        } else {
            StoreError::Database(err)
        }
    }
}

impl StoreError {
    /// Whether the call failed only because the database was busy, so that the same call
    /// later may succeed.
    pub fn is_busy(&self) -> bool {
        matches!(self, StoreError::Busy(_))
    }
}

/// Whether the database answered that another connection holds what this call needs, or the
/// pool had no connection free in time: SQLite's "busy" or "locked"; PostgreSQL's lock timeout
/// (`55P03`), a serialization failure (`40001`) or a deadlock (`40P01`).
pub(crate) fn is_busy(err: &sqlx::Error) -> bool {
    match err {
        sqlx::Error::PoolTimedOut => true,
        sqlx::Error::Database(db) => {
            if db
                .try_downcast_ref::<sqlx::postgres::PgDatabaseError>()
                .is_some()
            {
                return matches!(db.code().as_deref(), Some("55P03" | "40001" | "40P01"));
            }
            let primary = db
                .code()
                .and_then(|code| code.parse::<i32>().ok())
                .map(|code| code & 0xff);
            matches!(primary, Some(5 | 6))
        }
        _ => false,
    }
}
