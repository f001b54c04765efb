//! The SQLite backend. (Placeholder until the backend lands: every call fails.)

use crate::error::{StoreError, StoreResult};
use std::path::Path;

/// The SQLite store.
#[derive(Debug)]
pub struct SqliteStore;

impl SqliteStore {
    /// Opens (creating and migrating) the database file at `path`.
    pub async fn open(_path: &Path) -> StoreResult<SqliteStore> {
        Err(StoreError::Config(
            "the SQLite backend is not built yet".into(),
        ))
    }
}

// Placeholder so the crate builds until the backend lands.
#[async_trait::async_trait]
impl crate::Store for SqliteStore {
    async fn personal_context(&self) -> StoreResult<crate::TenantCtx> {
        Err(not_built())
    }
    async fn add_screening(
        &self,
        _: &crate::TenantCtx,
        _: &crate::NewScreening,
    ) -> StoreResult<crate::Screening> {
        Err(not_built())
    }
    async fn latest_screening(
        &self,
        _: &crate::TenantCtx,
    ) -> StoreResult<Option<crate::Screening>> {
        Err(not_built())
    }
    async fn add_entry(
        &self,
        _: &crate::TenantCtx,
        _: &crate::NewEntry,
    ) -> StoreResult<crate::Entry> {
        Err(not_built())
    }
    async fn correct_entry(
        &self,
        _: &crate::TenantCtx,
        _: crate::RecordId,
        _: &crate::NewEntry,
    ) -> StoreResult<crate::Entry> {
        Err(not_built())
    }
    async fn delete_entry(
        &self,
        _: &crate::TenantCtx,
        _: crate::RecordId,
    ) -> StoreResult<crate::Entry> {
        Err(not_built())
    }
    async fn entry(&self, _: &crate::TenantCtx, _: crate::RecordId) -> StoreResult<crate::Entry> {
        Err(not_built())
    }
    async fn entries(
        &self,
        _: &crate::TenantCtx,
        _: &crate::EntryFilter,
    ) -> StoreResult<Vec<crate::Entry>> {
        Err(not_built())
    }
    async fn add_session(
        &self,
        _: &crate::TenantCtx,
        _: &crate::NewSession,
    ) -> StoreResult<crate::SessionRecord> {
        Err(not_built())
    }
    async fn sessions(
        &self,
        _: &crate::TenantCtx,
        _: Option<chrono::DateTime<chrono::Utc>>,
    ) -> StoreResult<Vec<crate::SessionRecord>> {
        Err(not_built())
    }
    async fn save_plan(
        &self,
        _: &crate::TenantCtx,
        _: &crate::NewPlan,
    ) -> StoreResult<crate::Plan> {
        Err(not_built())
    }
    async fn active_plan(&self, _: &crate::TenantCtx) -> StoreResult<Option<crate::Plan>> {
        Err(not_built())
    }
    async fn create_account(&self, _: &str, _: &str, _: &str) -> StoreResult<crate::Account> {
        Err(not_built())
    }
    async fn account_by_email(&self, _: &str) -> StoreResult<Option<crate::Account>> {
        Err(not_built())
    }
    async fn account_by_id(&self, _: crate::UserId) -> StoreResult<Option<crate::Account>> {
        Err(not_built())
    }
    async fn create_web_session(&self, _: &crate::WebSession) -> StoreResult<()> {
        Err(not_built())
    }
    async fn web_session(
        &self,
        _: &str,
        _: chrono::DateTime<chrono::Utc>,
    ) -> StoreResult<Option<crate::WebSession>> {
        Err(not_built())
    }
    async fn delete_web_session(&self, _: &str) -> StoreResult<()> {
        Err(not_built())
    }
    async fn audit_log(&self, _: &crate::TenantCtx, _: u32) -> StoreResult<Vec<crate::AuditEvent>> {
        Err(not_built())
    }
}

fn not_built() -> StoreError {
    StoreError::Config("the SQLite backend is not built yet".into())
}
