//! Rate-limit counters ([`crate::limits`]) on this backend. Each key's row is taken with an
//! upsert that touches it, which on PostgreSQL holds the row until the transaction ends and on
//! SQLite happens inside the one write transaction (`BEGIN IMMEDIATE`); keys are taken in
//! sorted order so two transactions cannot deadlock. The rows are working state: not audited.

use super::Pool;
use sqlx::Row;

use chrono::{DateTime, Utc};

use super::connect::begin_write;
use crate::codec::{parse_time, time_text};
use crate::error::{StoreError, StoreResult};
use crate::limits::{LimitCounter, LimitOutcome, LimitRule};

/// The most counters one rule may touch.
const MAX_KEYS: usize = 16;

/// Reads the counters of `keys`, runs `rule` on them and stores its change, in one transaction.
pub async fn update(
    pool: &Pool,
    keys: &[String],
    rule: &LimitRule,
    now: DateTime<Utc>,
) -> StoreResult<LimitOutcome> {
    if keys.is_empty() || keys.len() > MAX_KEYS {
        return Err(StoreError::Invalid(format!(
            "a limit rule touches 1 to {MAX_KEYS} counters, not {}",
            keys.len()
        )));
    }
    let mut sorted: Vec<&String> = keys.iter().collect();
    sorted.sort();
    sorted.dedup();
    if sorted.len() != keys.len() {
        return Err(StoreError::Invalid(
            "a limit rule names one counter twice; name each once".into(),
        ));
    }
    let now_text = time_text(now)?;
    let mut tx = begin_write(pool).await?;
    let mut held = Vec::with_capacity(keys.len());
    for key in sorted {
        let row = sqlx::query(
            "INSERT INTO limit_counters (key, count, updated_at) VALUES ($1, 0, $2)
             ON CONFLICT (key) DO UPDATE SET updated_at = limit_counters.updated_at
             RETURNING count, window_start, last_event",
        )
        .bind(key)
        .bind(&now_text)
        .fetch_one(&mut *tx)
        .await?;
        let count: i64 = row.try_get("count")?;
        let window_start: Option<String> = row.try_get("window_start")?;
        let last_event: Option<String> = row.try_get("last_event")?;
        held.push(LimitCounter {
            key: key.clone(),
            count: u32::try_from(count).unwrap_or(u32::MAX),
            window_start: window_start
                .as_deref()
                .map(|t| parse_time(t, "window_start"))
                .transpose()?,
            last_event: last_event
                .as_deref()
                .map(|t| parse_time(t, "last_event"))
                .transpose()?,
        });
    }
    let mut counters: Vec<LimitCounter> = keys
        .iter()
        .map(|key| {
            held.iter()
                .find(|c| &c.key == key)
                .cloned()
                .unwrap_or_else(|| LimitCounter::zero(key.clone()))
        })
        .collect();
    let before = counters.clone();
    let applied = rule(&mut counters);
    if !applied {
        // Nothing changes; a row this call created at zero goes with the rollback.
        tx.rollback().await?;
        return Ok(LimitOutcome {
            applied,
            counters: before,
        });
    }
    for (counter, key) in counters.iter_mut().zip(keys) {
        // A rule changes counts and times, never which counter it holds.
        counter.key = key.clone();
        sqlx::query(
            "UPDATE limit_counters SET count = $1, window_start = $2, last_event = $3,
             updated_at = $4 WHERE key = $5",
        )
        .bind(i64::from(counter.count))
        .bind(counter.window_start.map(time_text).transpose()?)
        .bind(counter.last_event.map(time_text).transpose()?)
        .bind(&now_text)
        .bind(key)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(LimitOutcome { applied, counters })
}

/// Deletes counters not changed since `before`; how many went.
pub async fn sweep(pool: &Pool, before: DateTime<Utc>) -> StoreResult<u64> {
    let mut tx = begin_write(pool).await?;
    let done = sqlx::query("DELETE FROM limit_counters WHERE updated_at < $1")
        .bind(time_text(before)?)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(done.rows_affected())
}
