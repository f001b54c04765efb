//! Guided treatment sessions as they ended: dose, discomfort readings, pain before and after.
//! A session that names a plan must name one of the same person's plans.

use chrono::{DateTime, Utc};
use sqlx::sqlite::{SqlitePool, SqliteRow};
use sqlx::{Row, SqliteConnection};

use super::audit::AuditRow;
use super::connect::begin_write;
use super::read_audit::ReadAudit;
use super::{audit, plans};
use crate::codec::{
    from_json, narrow, outcome_word, parse_outcome, parse_side, parse_time, tenant_error,
    time_text, to_json,
};
use crate::error::{StoreError, StoreResult};
use knot_record::TenantCtx;
use knot_record::{NewSession, SessionRecord};

const COLUMNS: &str = "id, person_id, created_by, created_at, started_at, ended_at, muscle_id, \
                       trigger_point_id, side, technique, tool, target_discomfort, pain_before, \
                       pain_after, holds, stretch_done, outcome, stop_reason, plan_id";

pub const RECORD: &str = "session";

/// Stores a session.
pub async fn add(
    pool: &SqlitePool,
    ctx: &TenantCtx,
    new: &NewSession,
) -> StoreResult<SessionRecord> {
    let mut tx = begin_write(pool).await?;
    let session = add_in(&mut tx, ctx, new).await?;
    tx.commit().await?;
    Ok(session)
}

/// Stores a session inside a write transaction the caller commits (a guided session in
/// progress is ended and stored in one).
pub async fn add_in(
    tx: &mut super::connect::WriteTx,
    ctx: &TenantCtx,
    new: &NewSession,
) -> StoreResult<SessionRecord> {
    if let Some(plan_id) = new.plan_id {
        if !plans::owns(tx, ctx, plan_id).await? {
            return Err(StoreError::NotFound {
                record: "plan",
                id: plan_id,
            });
        }
    }
    let row = sqlx::query(&format!(
        "INSERT INTO sessions (clinic_id, person_id, created_by, created_at, started_at, ended_at,
                               muscle_id, trigger_point_id, side, technique, tool,
                               target_discomfort, pain_before, pain_after, holds, stretch_done,
                               outcome, stop_reason, plan_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
                 $19)
         RETURNING {COLUMNS}"
    ))
    .bind(ctx.clinic_id())
    .bind(ctx.person_id())
    .bind(ctx.user_id())
    .bind(time_text(Utc::now())?)
    .bind(time_text(new.started_at)?)
    .bind(time_text(new.ended_at)?)
    .bind(&new.muscle_id)
    .bind(&new.trigger_point_id)
    .bind(new.side.word())
    .bind(&new.technique)
    .bind(&new.tool)
    .bind(i64::from(new.target_discomfort))
    .bind(new.pain_before.map(i64::from))
    .bind(new.pain_after.map(i64::from))
    .bind(to_json(&new.holds, "holds")?)
    .bind(new.stretch_done)
    .bind(outcome_word(new.outcome))
    .bind(&new.stop_reason)
    .bind(new.plan_id)
    .fetch_one(&mut **tx)
    .await
    .map_err(tenant_error(ctx))?;
    let session = session_from_row(&row)?;
    audit::record(tx, ctx, audit::CREATE, RECORD, Some(session.id)).await?;
    Ok(session)
}

/// Sessions started at or after `since`, oldest first.
pub async fn list(
    pool: &SqlitePool,
    reads: &ReadAudit,
    ctx: &TenantCtx,
    since: Option<DateTime<Utc>>,
) -> StoreResult<Vec<SessionRecord>> {
    let mut conn = pool.acquire().await?;
    let sessions = read(&mut conn, ctx, since).await?;
    drop(conn);
    reads.record(AuditRow::read(ctx, RECORD, None)).await?;
    Ok(sessions)
}

/// The sessions of [`list`], read on `conn` (inside the caller's snapshot) and not audited:
/// the caller audits.
pub async fn read(
    conn: &mut SqliteConnection,
    ctx: &TenantCtx,
    since: Option<DateTime<Utc>>,
) -> StoreResult<Vec<SessionRecord>> {
    let since = since.map(time_text).transpose()?;
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM sessions
         WHERE clinic_id = $1 AND person_id = $2 AND ($3 IS NULL OR started_at >= $3)
         ORDER BY started_at, id"
    ))
    .bind(ctx.clinic_id())
    .bind(ctx.person_id())
    .bind(since)
    .fetch_all(conn)
    .await?;
    rows.iter().map(session_from_row).collect()
}

fn optional_score(row: &SqliteRow, column: &str) -> StoreResult<Option<u8>> {
    row.try_get::<Option<i64>, _>(column)?
        .map(|value| narrow(value, column))
        .transpose()
}

fn session_from_row(row: &SqliteRow) -> StoreResult<SessionRecord> {
    let text = |column: &str| row.try_get::<String, _>(column);
    Ok(SessionRecord {
        id: row.try_get("id")?,
        person_id: row.try_get("person_id")?,
        created_by: row.try_get("created_by")?,
        created_at: parse_time(&text("created_at")?, "sessions.created_at")?,
        session: NewSession {
            started_at: parse_time(&text("started_at")?, "sessions.started_at")?,
            ended_at: parse_time(&text("ended_at")?, "sessions.ended_at")?,
            muscle_id: text("muscle_id")?,
            trigger_point_id: text("trigger_point_id")?,
            side: parse_side(&text("side")?)?,
            technique: text("technique")?,
            tool: text("tool")?,
            target_discomfort: narrow(row.try_get("target_discomfort")?, "target_discomfort")?,
            pain_before: optional_score(row, "pain_before")?,
            pain_after: optional_score(row, "pain_after")?,
            holds: from_json(&text("holds")?, "sessions.holds")?,
            stretch_done: row.try_get("stretch_done")?,
            outcome: parse_outcome(&text("outcome")?)?,
            stop_reason: row.try_get("stop_reason")?,
            plan_id: row.try_get("plan_id")?,
        },
    })
}
