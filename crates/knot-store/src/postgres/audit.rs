//! The audit log on PostgreSQL: one row for every change and every read of health data,
//! written in the same transaction as what it records, so the log and the data never disagree.
//! What a row says is `crate::audit`'s; reads are audited through [`super::read_audit`].

use sqlx::postgres::{PgConnection, PgPool, PgRow};
use sqlx::Row;

pub use crate::audit::{Actor, AuditRow, CHANGE_LOGIN, CORRECT, CREATE, DELETE, SIGN_IN, SIGN_OUT};
use crate::codec::{parse_time, tenant_error};
use crate::error::StoreResult;
use crate::origin::current_origin;
use knot_record::{AuditEvent, RecordId, TenantCtx};

/// Writes one audit row for `ctx` inside the caller's transaction.
pub async fn record(
    conn: &mut PgConnection,
    ctx: &TenantCtx,
    action: &'static str,
    record: &'static str,
    record_id: Option<RecordId>,
) -> StoreResult<()> {
    record_as(conn, Actor::from(ctx), action, record, record_id)
        .await
        .map_err(|err| match err {
            crate::StoreError::Database(db) => tenant_error(ctx)(db),
            other => other,
        })?;
    bump_person_writes(conn, ctx).await
}

/// Counts one more write of the context's person, in the caller's transaction, after its
/// changes and audit row (the same lock order in every write, so two cannot deadlock). A read
/// replica answers for the person only once it has this count (see `postgres::replica`).
async fn bump_person_writes(conn: &mut PgConnection, ctx: &TenantCtx) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO person_writes (person_id, seq) VALUES ($1, 1)
         ON CONFLICT (person_id) DO UPDATE SET seq = person_writes.seq + 1",
    )
    .bind(ctx.person_id())
    .execute(conn)
    .await?;
    Ok(())
}

/// Writes one audit row for an explicit actor (account and sign-in events).
pub async fn record_as(
    conn: &mut PgConnection,
    actor: Actor,
    action: &'static str,
    record: &'static str,
    record_id: Option<RecordId>,
) -> StoreResult<()> {
    let row = AuditRow {
        at: chrono::Utc::now(),
        actor,
        action,
        record,
        record_id,
        origin: current_origin(),
    };
    insert(conn, &row).await
}

/// Appends `row` to its clinic's audit chain on `conn` (inside the caller's transaction).
pub async fn insert(conn: &mut PgConnection, row: &AuditRow) -> StoreResult<()> {
    super::audit_append::append(conn, row).await
}

/// The latest events about the context's person, newest first.
pub async fn latest(pool: &PgPool, ctx: &TenantCtx, limit: u32) -> StoreResult<Vec<AuditEvent>> {
    let rows = sqlx::query(
        "SELECT id, at, user_id, person_id, action, record, record_id, address, session
         FROM audit_log
         WHERE clinic_id = $1 AND person_id = $2
         ORDER BY id DESC LIMIT $3",
    )
    .bind(ctx.clinic_id())
    .bind(ctx.person_id())
    .bind(i64::from(limit))
    .fetch_all(pool)
    .await?;
    rows.iter().map(event_from_row).collect()
}

pub(super) fn event_from_row(row: &PgRow) -> StoreResult<AuditEvent> {
    Ok(AuditEvent {
        id: row.try_get("id")?,
        at: parse_time(&row.try_get::<String, _>("at")?, "audit_log.at")?,
        user_id: row.try_get("user_id")?,
        person_id: row.try_get("person_id")?,
        action: row.try_get("action")?,
        record: row.try_get("record")?,
        record_id: row.try_get("record_id")?,
        address: row.try_get("address")?,
        session: row.try_get("session")?,
    })
}
