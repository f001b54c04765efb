//! A clinic's audit log for its admins: the clinic's rows only (the clinic id is in the
//! WHERE), newest first, a page at a time; the reading is itself audited. Compiled once per
//! backend.

use super::audit::{self, Actor};
use super::connect::begin_write;
use super::Pool;
use crate::audit::READ;
use crate::error::StoreResult;
use knot_record::{AuditEvent, ClinicCtx, RecordId};

/// At most `limit` of the clinic's audit rows with an id below `before` (all when `None`),
/// newest first.
pub async fn audit_rows(
    pool: &Pool,
    ctx: &ClinicCtx,
    limit: u32,
    before: Option<RecordId>,
) -> StoreResult<Vec<AuditEvent>> {
    let mut tx = begin_write(pool).await?;
    let found = sqlx::query(
        "SELECT id, at, user_id, person_id, action, record, record_id, address, session
         FROM audit_log
         WHERE clinic_id = $1 AND id < $2
         ORDER BY id DESC LIMIT $3",
    )
    .bind(ctx.clinic_id())
    .bind(before.unwrap_or(i64::MAX))
    .bind(i64::from(limit))
    .fetch_all(&mut *tx)
    .await?;
    let events = found
        .iter()
        .map(super::audit::event_from_row)
        .collect::<StoreResult<Vec<_>>>()?;
    let actor = Actor {
        clinic_id: ctx.clinic_id(),
        user_id: ctx.user_id(),
        person_id: None,
    };
    audit::record_as(&mut tx, actor, READ, "audit", None).await?;
    tx.commit().await?;
    Ok(events)
}
