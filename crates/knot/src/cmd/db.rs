//! Opening the store for commands that read or write the diary: the database URL comes from
//! `--db`, else `KNOT_DATABASE_URL`, else the personal file in the user's data directory.

use std::future::Future;

use anyhow::Context;
use knot_app::{Actor, App, AppError};
use knot_record::TenantCtx;
use knot_store::StoreError;

use crate::failure::{bad_input, Failure};
use crate::hints;

/// Where the database is, as given on the command line or in the environment.
#[derive(Debug, Clone, Default)]
pub struct Db {
    pub url: Option<String>,
    /// A PostgreSQL read replica for lists and reports (`--read-db`), if any.
    pub read_url: Option<String>,
    /// The web account to act as (`--user EMAIL`), rather than the CLI's own person.
    pub user: Option<String>,
}

/// The application over an open store, with the context the local user acts in (their own
/// records).
#[derive(Debug, Clone)]
pub struct Opened {
    pub app: App,
    pub actor: Actor,
    pub ctx: TenantCtx,
}

impl Db {
    /// The URL to open: the flag or variable, else the default personal file.
    pub fn url(&self) -> Result<String, Failure> {
        match &self.url {
            Some(url) => Ok(url.clone()),
            None => knot_store::default_database_url().map_err(store_failure),
        }
    }

    /// Opens the store (creating and migrating it) and the local user.
    pub async fn open(&self) -> Result<Opened, Failure> {
        let url = self.url()?;
        let store = knot_store::open_with_replica(&url, self.read_url.as_deref())
            .await
            .map_err(store_failure)?;
        let app = App::new(store);
        let actor = match &self.user {
            Some(email) => app.operator_acting_as(email).await,
            None => app.local_actor().await,
        }
        .map_err(app_failure)?;
        let ctx = actor.own_records();
        Ok(Opened { app, actor, ctx })
    }
}

/// Runs an async command body on a small runtime.
pub fn block_on<T>(future: impl Future<Output = Result<T, Failure>>) -> Result<T, Failure> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("could not start the async runtime")?;
    runtime.block_on(future)
}

/// Maps a store error to a failure: a bad URL, a missing record, a conflict or a value the
/// store refuses is the user's to fix (exit 2); anything else is exit 1.
pub fn store_failure(error: StoreError) -> Failure {
    match error {
        StoreError::Config(_)
        | StoreError::NotFound { .. }
        | StoreError::Conflict(_)
        | StoreError::Invalid(_) => bad_input(error.to_string()),
        other => Failure::Other(anyhow::Error::new(other)),
    }
}

/// Maps a use case's refusal to a failure, once for every command: what the person can change
/// is exit 2 with the message and where to go next; our own failure is exit 1.
pub fn app_failure(error: AppError) -> Failure {
    let hint = error.hint();
    match error {
        AppError::Busy(_) | AppError::Internal(_) => Failure::Other(anyhow::Error::new(error)),
        refusal => {
            let message = refusal.to_string();
            match hint {
                Some(hint) => bad_input(hints::with_hint(&message, &hint)),
                None => bad_input(message),
            }
        }
    }
}
