//! The SQLite backend: one file in WAL mode with `synchronous=FULL`, shared safely by the CLI
//! and a running server. Each method is one transaction (`BEGIN IMMEDIATE` for anything that
//! writes, audit rows included), so a crash leaves the previous state whole.
//!
//! One module per concern: [`connect`] (file, pragmas, migrations), [`accounts`] and
//! [`web_sessions`] (who owns records), [`diary`], [`screenings`], [`sessions`] and [`plans`]
//! (health data), [`audit`], [`security`] (security events, signing keys), and [`codec`] for how values become columns.

mod accounts;
mod audit;
mod codec;
mod connect;
mod diary;
mod plans;
mod screenings;
mod security;
mod sessions;
mod web_sessions;

use std::path::{Path, PathBuf};

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::sqlite::SqlitePool;

use crate::error::StoreResult;
use crate::records::{
    AuditEvent, Entry, EntryFilter, NewEntry, NewPlan, NewScreening, NewSession, Plan, RecordId,
    Screening, SessionRecord,
};
use crate::security::{NewSecurityEvent, SecurityEvent};
use crate::tenant::{TenantCtx, UserId};
use crate::{Account, Store, WebSession};

/// The SQLite store.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
    path: PathBuf,
}

impl SqliteStore {
    /// Opens the database file at `path`, creating its directory and the file as needed and
    /// bringing the schema up to date.
    pub async fn open(path: &Path) -> StoreResult<SqliteStore> {
        let pool = connect::open_pool(path).await?;
        Ok(SqliteStore {
            pool,
            path: path.to_path_buf(),
        })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Closes every connection, waiting for work in progress to finish.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

#[async_trait]
impl Store for SqliteStore {
    async fn personal_context(&self) -> StoreResult<TenantCtx> {
        accounts::personal_context(&self.pool).await
    }

    async fn add_screening(&self, ctx: &TenantCtx, new: &NewScreening) -> StoreResult<Screening> {
        screenings::add(&self.pool, ctx, new).await
    }

    async fn latest_screening(&self, ctx: &TenantCtx) -> StoreResult<Option<Screening>> {
        screenings::latest(&self.pool, ctx).await
    }

    async fn add_entry(&self, ctx: &TenantCtx, new: &NewEntry) -> StoreResult<Entry> {
        diary::add(&self.pool, ctx, new).await
    }

    async fn correct_entry(
        &self,
        ctx: &TenantCtx,
        id: RecordId,
        new: &NewEntry,
    ) -> StoreResult<Entry> {
        diary::correct(&self.pool, ctx, id, new).await
    }

    async fn delete_entry(&self, ctx: &TenantCtx, id: RecordId) -> StoreResult<Entry> {
        diary::delete(&self.pool, ctx, id).await
    }

    async fn entry(&self, ctx: &TenantCtx, id: RecordId) -> StoreResult<Entry> {
        diary::get(&self.pool, ctx, id).await
    }

    async fn entries(&self, ctx: &TenantCtx, filter: &EntryFilter) -> StoreResult<Vec<Entry>> {
        diary::list(&self.pool, ctx, filter).await
    }

    async fn add_session(&self, ctx: &TenantCtx, new: &NewSession) -> StoreResult<SessionRecord> {
        sessions::add(&self.pool, ctx, new).await
    }

    async fn sessions(
        &self,
        ctx: &TenantCtx,
        since: Option<DateTime<Utc>>,
    ) -> StoreResult<Vec<SessionRecord>> {
        sessions::list(&self.pool, ctx, since).await
    }

    async fn save_plan(&self, ctx: &TenantCtx, new: &NewPlan) -> StoreResult<Plan> {
        plans::save(&self.pool, ctx, new).await
    }

    async fn active_plan(&self, ctx: &TenantCtx) -> StoreResult<Option<Plan>> {
        plans::active(&self.pool, ctx).await
    }

    async fn create_account(
        &self,
        email: &str,
        display_name: &str,
        password_hash: &str,
    ) -> StoreResult<Account> {
        accounts::create_account(&self.pool, email, display_name, password_hash).await
    }

    async fn account_by_email(&self, email: &str) -> StoreResult<Option<Account>> {
        accounts::account_by_email(&self.pool, email).await
    }

    async fn account_by_id(&self, user_id: UserId) -> StoreResult<Option<Account>> {
        accounts::account_by_id(&self.pool, user_id).await
    }

    async fn create_web_session(&self, session: &WebSession) -> StoreResult<()> {
        web_sessions::create(&self.pool, session).await
    }

    async fn web_session(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<WebSession>> {
        web_sessions::find(&self.pool, token_hash, now).await
    }

    async fn delete_web_session(&self, token_hash: &str) -> StoreResult<()> {
        web_sessions::delete(&self.pool, token_hash).await
    }

    async fn audit_log(&self, ctx: &TenantCtx, limit: u32) -> StoreResult<Vec<AuditEvent>> {
        audit::latest(&self.pool, ctx, limit).await
    }

    async fn record_security_event(&self, event: &NewSecurityEvent) -> StoreResult<()> {
        security::record(&self.pool, event).await
    }

    async fn security_events(
        &self,
        ctx: &TenantCtx,
        limit: u32,
    ) -> StoreResult<Vec<SecurityEvent>> {
        security::latest(&self.pool, ctx, limit).await
    }

    async fn server_key(&self, name: &str, fresh: &[u8]) -> StoreResult<Vec<u8>> {
        security::server_key(&self.pool, name, fresh).await
    }
}
