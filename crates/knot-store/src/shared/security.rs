//! Security events and the web app's signing keys. Events are written on their own, outside any
//! other transaction: a refused sign-in has nothing else to write.

use super::{DbRow, Pool};
use sqlx::Row;

use super::connect::begin_write;
use crate::codec::{parse_time, time_text};
use crate::error::{StoreError, StoreResult};
use knot_record::TenantCtx;
use knot_record::{NewSecurityEvent, SecurityEvent, SecurityEventKind};

/// The longest detail kept; longer text is cut (details are short descriptions, not logs).
const MAX_DETAIL_CHARS: usize = 200;

/// Records one event.
pub async fn record(pool: &Pool, event: &NewSecurityEvent) -> StoreResult<()> {
    let detail: String = event.detail.chars().take(MAX_DETAIL_CHARS).collect();
    sqlx::query(
        "INSERT INTO security_events (at, kind, user_id, client, detail)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(time_text(event.at)?)
    .bind(event.kind.as_str())
    .bind(event.user_id)
    .bind(event.client.as_deref())
    .bind(detail)
    .execute(pool)
    .await?;
    Ok(())
}

/// The latest events of the context's own account, newest first.
pub async fn latest(pool: &Pool, ctx: &TenantCtx, limit: u32) -> StoreResult<Vec<SecurityEvent>> {
    let rows = sqlx::query(
        "SELECT id, at, kind, user_id, client, detail FROM security_events
         WHERE user_id = $1 ORDER BY id DESC LIMIT $2",
    )
    .bind(ctx.user_id())
    .bind(i64::from(limit))
    .fetch_all(pool)
    .await?;
    rows.iter().map(event_from_row).collect()
}

fn event_from_row(row: &DbRow) -> StoreResult<SecurityEvent> {
    let kind: String = row.try_get("kind")?;
    Ok(SecurityEvent {
        id: row.try_get("id")?,
        at: parse_time(&row.try_get::<String, _>("at")?, "security_events.at")?,
        kind: SecurityEventKind::parse(&kind).ok_or_else(|| {
            StoreError::Corrupt(format!(
                "security_events.kind {kind:?} is not a known kind; was the database written by \
                 a newer Knot?"
            ))
        })?,
        user_id: row.try_get("user_id")?,
        client: row.try_get("client")?,
        detail: row.try_get("detail")?,
    })
}

/// The key called `name`: the stored one, or `fresh` stored now when there is none (so every
/// app server on one database signs with the same key).
pub async fn server_key(pool: &Pool, name: &str, fresh: &[u8]) -> StoreResult<Vec<u8>> {
    let mut tx = begin_write(pool).await?;
    sqlx::query(
        "INSERT INTO server_keys (name, key) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
    )
    .bind(name)
    .bind(fresh)
    .execute(&mut *tx)
    .await?;
    let key: Vec<u8> = sqlx::query("SELECT key FROM server_keys WHERE name = $1")
        .bind(name)
        .fetch_one(&mut *tx)
        .await?
        .try_get("key")?;
    tx.commit().await?;
    Ok(key)
}
