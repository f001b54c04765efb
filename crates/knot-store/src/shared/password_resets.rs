//! Password-reset requests ([`crate::resets`]) on this backend. Taking one is a single
//! `UPDATE … WHERE used_at IS NULL … RETURNING`, which PostgreSQL runs against the row's latest
//! version and SQLite inside its one write transaction, so a token works once however many
//! requests race with it. The rows are short-lived secrets' hashes: not audited, not exported.

use super::Pool;
use sqlx::Row;

use chrono::{DateTime, Utc};

use super::connect::begin_write;
use crate::codec::time_text;
use crate::error::{StoreError, StoreResult};
use crate::resets::PasswordReset;
use knot_record::UserId;

/// Stores a request, replacing the account's unused ones and clearing expired ones.
pub async fn create(pool: &Pool, reset: &PasswordReset) -> StoreResult<()> {
    let mut tx = begin_write(pool).await?;
    let known = sqlx::query("SELECT 1 AS one FROM users WHERE id = $1")
        .bind(reset.user_id)
        .fetch_optional(&mut *tx)
        .await?;
    if known.is_none() {
        return Err(StoreError::NotFound {
            record: "account",
            id: reset.user_id,
        });
    }
    // The account's unused requests go, and everyone's that expired by now (no sweeper needed).
    sqlx::query(
        "DELETE FROM password_resets
         WHERE (user_id = $1 AND used_at IS NULL) OR expires_at < $2",
    )
    .bind(reset.user_id)
    .bind(time_text(reset.created_at)?)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO password_resets (token_hash, user_id, created_at, expires_at)
         VALUES ($1, $2, $3, $4)",
    )
    .bind(&reset.token_hash)
    .bind(reset.user_id)
    .bind(time_text(reset.created_at)?)
    .bind(time_text(reset.expires_at)?)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The account an unused, unexpired request resets, without using it.
pub async fn peek(
    pool: &Pool,
    token_hash: &str,
    now: DateTime<Utc>,
) -> StoreResult<Option<UserId>> {
    let row = sqlx::query(
        "SELECT user_id FROM password_resets
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
    )
    .bind(token_hash)
    .bind(time_text(now)?)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|row| row.try_get("user_id")).transpose()?)
}

/// Marks an unused, unexpired request used and says whose it was; `None` for any other.
pub async fn consume(
    pool: &Pool,
    token_hash: &str,
    now: DateTime<Utc>,
) -> StoreResult<Option<UserId>> {
    let now = time_text(now)?;
    let mut tx = begin_write(pool).await?;
    let row = sqlx::query(
        "UPDATE password_resets SET used_at = $2
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2
         RETURNING user_id",
    )
    .bind(token_hash)
    .bind(&now)
    .fetch_optional(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(row.map(|row| row.try_get("user_id")).transpose()?)
}

/// Deletes requests that expired before `before`; how many went.
pub async fn sweep(pool: &Pool, before: DateTime<Utc>) -> StoreResult<u64> {
    let mut tx = begin_write(pool).await?;
    let done = sqlx::query("DELETE FROM password_resets WHERE expires_at < $1")
        .bind(time_text(before)?)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(done.rows_affected())
}
