//! What a progress report reads — the diary entries of its days, the sessions since its first
//! day and the active plan — from one snapshot (one read transaction), so a write landing
//! between the three cannot make them disagree, and audited together.

use chrono::{DateTime, Utc};
use sqlx::sqlite::SqlitePool;

use super::audit::AuditRow;
use super::read_audit::ReadAudit;
use super::{diary, plans, sessions};
use crate::error::StoreResult;
use knot_record::TenantCtx;
use knot_record::{EntryFilter, ReportRecords};

/// The records of a report over `filter` (entries) and `sessions_since` (sessions).
pub async fn read(
    pool: &SqlitePool,
    reads: &ReadAudit,
    ctx: &TenantCtx,
    filter: &EntryFilter,
    sessions_since: Option<DateTime<Utc>>,
) -> StoreResult<ReportRecords> {
    // A deferred transaction only reads: in WAL mode it takes no lock a writer waits for.
    let mut snapshot = pool.begin().await?;
    let entries = diary::read(&mut snapshot, ctx, filter).await?;
    let sessions = sessions::read(&mut snapshot, ctx, sessions_since).await?;
    let plan = plans::read_active(&mut snapshot, ctx).await?;
    snapshot.commit().await?;
    reads
        .record_all([
            AuditRow::read(ctx, diary::RECORD, None),
            AuditRow::read(ctx, sessions::RECORD, None),
            AuditRow::read(ctx, plans::RECORD, plan.as_ref().map(|plan| plan.id)),
        ])
        .await?;
    Ok(ReportRecords {
        entries,
        sessions,
        plan,
    })
}
