//! Opening the store for commands that read or write the diary: the database URL comes from
//! `--db`, else `KNOT_DATABASE_URL`, else the personal file in the user's data directory.

use std::future::Future;
use std::sync::Arc;

use anyhow::Context;
use knot_store::{Screening, Store, StoreError, TenantCtx};

use crate::failure::{bad_input, Failure};

/// Where the database is, as given on the command line or in the environment.
#[derive(Debug, Clone, Default)]
pub struct Db {
    pub url: Option<String>,
}

/// An open store with the personal context the CLI acts in.
#[derive(Debug, Clone)]
pub struct Opened {
    pub store: Arc<dyn Store>,
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

    /// Opens the store (creating and migrating it) and the personal context.
    pub async fn open(&self) -> Result<Opened, Failure> {
        let url = self.url()?;
        let store = knot_store::open(&url).await.map_err(store_failure)?;
        let ctx = store.personal_context().await.map_err(store_failure)?;
        Ok(Opened { store, ctx })
    }
}

impl Opened {
    /// The person's latest screening, if they have taken one.
    pub async fn latest_screening(&self) -> Result<Option<Screening>, Failure> {
        self.store
            .latest_screening(&self.ctx)
            .await
            .map_err(store_failure)
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
