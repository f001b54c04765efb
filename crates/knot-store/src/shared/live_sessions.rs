//! Guided sessions in progress in a browser, kept in the database so that any app server can
//! take the next step and a restart loses nothing. Updates are compare-and-set on a version, so
//! two servers stepping one session at once cannot both win; ending a session deletes its row
//! and stores the finished record in one transaction, so it is stored exactly once.
//!
//! The rows are working state, not the person's record (the finished session is, and is
//! audited when stored), so writing them leaves no audit row.

use super::{DbRow, Pool};
use sqlx::Row;

use chrono::{DateTime, Utc};

use super::connect::begin_write;
use super::sessions;
use crate::codec::{parse_time, time_text};
use crate::error::{StoreError, StoreResult};
use knot_record::{LiveSession, NewSession, SessionRecord, TenantCtx};

const COLUMNS: &str = "key, state, started_at, counted_until, last_seen, version";

/// Starts (or restarts) the session of `live.key`, clearing sessions untouched since
/// `idle_before`. The stored version is 1.
pub async fn start(
    pool: &Pool,
    ctx: &TenantCtx,
    live: &LiveSession,
    idle_before: DateTime<Utc>,
) -> StoreResult<()> {
    let mut tx = begin_write(pool).await?;
    sqlx::query("DELETE FROM live_sessions WHERE last_seen < $1 OR key = $2")
        .bind(time_text(idle_before)?)
        .bind(&live.key)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO live_sessions (key, clinic_id, person_id, state, started_at, counted_until, \
         last_seen, version) VALUES ($1, $2, $3, $4, $5, $6, $7, 1)",
    )
    .bind(&live.key)
    .bind(ctx.clinic_id())
    .bind(ctx.person_id())
    .bind(&live.state)
    .bind(time_text(live.started_at)?)
    .bind(time_text(live.counted_until)?)
    .bind(time_text(live.last_seen)?)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The session in progress under `key`, if it is this person's.
pub async fn get(pool: &Pool, ctx: &TenantCtx, key: &str) -> StoreResult<Option<LiveSession>> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM live_sessions WHERE key = $1 AND clinic_id = $2 AND person_id = $3"
    ))
    .bind(key)
    .bind(ctx.clinic_id())
    .bind(ctx.person_id())
    .fetch_optional(pool)
    .await?;
    row.as_ref().map(from_row).transpose()
}

/// Stores `live` if the stored version is still `live.version`, as version + 1 (returned);
/// `Conflict` when another step came first or the session is gone.
pub async fn update(pool: &Pool, ctx: &TenantCtx, live: &LiveSession) -> StoreResult<i64> {
    let mut tx = begin_write(pool).await?;
    let changed = sqlx::query(
        "UPDATE live_sessions SET state = $1, counted_until = $2, last_seen = $3, \
         version = version + 1 \
         WHERE key = $4 AND clinic_id = $5 AND person_id = $6 AND version = $7",
    )
    .bind(&live.state)
    .bind(time_text(live.counted_until)?)
    .bind(time_text(live.last_seen)?)
    .bind(&live.key)
    .bind(ctx.clinic_id())
    .bind(ctx.person_id())
    .bind(live.version)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed != 1 {
        return Err(stale());
    }
    tx.commit().await?;
    Ok(live.version + 1)
}

/// Ends the session under `key` if its stored version is still `version`: deletes it and, in
/// the same transaction, stores `record` (when there is anything to store). `Conflict` when
/// another step came first, so a session is never stored twice.
pub async fn finish(
    pool: &Pool,
    ctx: &TenantCtx,
    key: &str,
    version: i64,
    record: Option<&NewSession>,
) -> StoreResult<Option<SessionRecord>> {
    let mut tx = begin_write(pool).await?;
    let deleted = sqlx::query(
        "DELETE FROM live_sessions \
         WHERE key = $1 AND clinic_id = $2 AND person_id = $3 AND version = $4",
    )
    .bind(key)
    .bind(ctx.clinic_id())
    .bind(ctx.person_id())
    .bind(version)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if deleted != 1 {
        return Err(stale());
    }
    let stored = match record {
        Some(record) => Some(sessions::add_in(&mut tx, ctx, record).await?),
        None => None,
    };
    tx.commit().await?;
    Ok(stored)
}

/// Drops the session under `key`, if any (signing out, or a new session replacing it).
pub async fn discard(pool: &Pool, key: &str) -> StoreResult<()> {
    sqlx::query("DELETE FROM live_sessions WHERE key = $1")
        .bind(key)
        .execute(pool)
        .await?;
    Ok(())
}

fn stale() -> StoreError {
    StoreError::Conflict(
        "the guided session changed meanwhile (another step came first, or it ended); \
         reload the Treat page"
            .into(),
    )
}

fn from_row(row: &DbRow) -> StoreResult<LiveSession> {
    Ok(LiveSession {
        key: row.try_get("key")?,
        state: row.try_get("state")?,
        started_at: parse_time(&row.try_get::<String, _>("started_at")?, "started_at")?,
        counted_until: parse_time(&row.try_get::<String, _>("counted_until")?, "counted_until")?,
        last_seen: parse_time(&row.try_get::<String, _>("last_seen")?, "last_seen")?,
        version: row.try_get("version")?,
    })
}
