//! The one error every use case returns. Each front end maps it once: the web to an HTTP status
//! and a message, the CLI to an exit code and a message. Where a refusal points somewhere (take
//! the screening, list the regions), it carries a [`Hint`] for the front end to phrase.

use knot_care::hint::Hint;
use knot_care::session::SessionError;
use knot_record::RecordId;
use knot_store::StoreError;
use thiserror::Error;

/// What a guarded use case needed a screening for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guarded {
    /// Starting or recording a guided treatment session.
    Session,
    /// Saving a home plan.
    Plan,
}

/// Why a use case did not do what was asked.
#[derive(Debug, Error)]
pub enum AppError {
    /// What was sent cannot be used as it is; each problem says what is accepted. Nothing was
    /// stored. (The web: 422; the CLI: exit 2.)
    #[error("{}", .problems.join("; "))]
    Invalid {
        problems: Vec<String>,
        hint: Option<Hint>,
    },
    /// No such record among the person's (someone else's counts as none). (404; exit 2.)
    #[error("there is no {record} {id} among your records")]
    NotFound { record: &'static str, id: RecordId },
    /// The request clashes with what is stored: an entry already corrected, an e-mail in use.
    /// (409; exit 2.)
    #[error("{0}")]
    Conflict(String),
    /// The safety policy: no guided session and no saved plan without a screening on record.
    /// (409; exit 2; the hint is to take the screening.)
    #[error("take the safety screening first: without one Knot cannot check that treatment is safe for you")]
    NeedsScreening { guarded: Guarded },
    /// The latest screening rules this treatment out; the reasons say why. (409; exit 2.)
    #[error("the latest screening rules out treating this trigger point now: {}", .reasons.join(" "))]
    Blocked { reasons: Vec<String> },
    /// A guided session cannot run as asked (no side chosen, no such trigger point, blocked by
    /// the screening, not for self-treatment); front ends add the flag or field that fixes it.
    /// (422, or 409 when blocked; exit 2.)
    #[error("{0}")]
    Session(SessionError),
    /// Clinic staff signed in through the web without two-factor sign-in. (403; pages send
    /// the member to turn it on.)
    #[error("clinic staff must sign in with two factors: turn on two-factor sign-in at /account/two-factor, then try again")]
    TwoFactorRequired,
    /// The actor may not act for this person. (403; exit 2.)
    #[error("you may not see or change this person's records")]
    Forbidden,
    /// The database stayed busy; nothing was changed and the same request may succeed later.
    /// (503 with Retry-After; exit 1.) The detail is for the log.
    #[error(
        "the database is busy with other changes; nothing was changed, so try again in a moment"
    )]
    Busy(String),
    /// The database URL or file cannot be used; the message says what to write. (exit 2.)
    #[error("{0}")]
    Config(String),
    /// Our own failure; the detail is for the log, never for the person. (500; exit 1.)
    #[error("{0}")]
    Internal(String),
}

/// Shorthand for a use case's result.
pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    /// A refusal of what was sent, with one problem.
    pub fn invalid(problem: impl Into<String>) -> AppError {
        AppError::Invalid {
            problems: vec![problem.into()],
            hint: None,
        }
    }

    /// Where to go next, if the refusal points somewhere.
    pub fn hint(&self) -> Option<Hint> {
        match self {
            AppError::Invalid { hint, .. } => hint.clone(),
            AppError::NeedsScreening { .. } => Some(Hint::TakeScreening),
            AppError::Blocked { .. } | AppError::Session(SessionError::Blocked { .. }) => {
                Some(Hint::TakeScreening)
            }
            _ => None,
        }
    }
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> AppError {
        match error {
            StoreError::NotFound { record, id } => AppError::NotFound { record, id },
            StoreError::Conflict(message) => AppError::Conflict(message),
            StoreError::Invalid(message) => AppError::invalid(message),
            StoreError::Config(message) => AppError::Config(message),
            StoreError::Busy(detail) => AppError::Busy(detail),
            other => AppError::Internal(format!("store: {other}")),
        }
    }
}
