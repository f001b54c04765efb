//! What a progress report reads — the diary entries of its days, the sessions since its first
//! day and the active plan — from one snapshot (a REPEATABLE READ transaction), so a write
//! landing between the three cannot make them disagree, and audited together in it.

use chrono::{DateTime, Utc};
use sqlx::postgres::PgPool;

use super::audit::AuditRow;
use super::read_audit::AuditedRead;
use super::{diary, plans, sessions};
use crate::error::StoreResult;
use knot_record::TenantCtx;
use knot_record::{EntryFilter, ReportRecords};

/// The records of a report over `filter` (entries) and `sessions_since` (sessions).
pub async fn read(
    pool: &PgPool,
    ctx: &TenantCtx,
    filter: &EntryFilter,
    sessions_since: Option<DateTime<Utc>>,
) -> StoreResult<ReportRecords> {
    let mut snapshot = AuditedRead::snapshot(pool).await?;
    let entries = diary::read_entries(snapshot.conn(), ctx, filter).await?;
    let sessions = sessions::read_sessions(snapshot.conn(), ctx, sessions_since).await?;
    let plan = plans::read_active(snapshot.conn(), ctx).await?;
    snapshot
        .finish([
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
