//! Two-factor sign-in rows ([`crate::two_factor`]) on this backend. Accepting a code moves
//! `last_step` forward with one conditional update, and using a recovery code marks it used
//! with one, so of two sign-ins racing with the same code exactly one wins. The rows are part
//! of the account, not health records: writing them leaves no audit row (and no secret ever
//! reaches one).

use super::Pool;
use sqlx::Row;

use chrono::{DateTime, Utc};

use super::connect::begin_write;
use crate::codec::{parse_time, time_text};
use crate::error::{StoreError, StoreResult};
use crate::two_factor::TwoFactor;
use knot_record::UserId;

/// The account's two-factor sign-in, if it is on.
pub async fn get(pool: &Pool, user: UserId) -> StoreResult<Option<TwoFactor>> {
    let row = sqlx::query(
        "SELECT secret, enabled_at, last_step, \
         (SELECT COUNT(*) FROM two_factor_recovery r \
          WHERE r.user_id = t.user_id AND r.used_at IS NULL) AS recovery_left \
         FROM two_factor t WHERE user_id = $1",
    )
    .bind(user)
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let enabled_at: String = row.try_get("enabled_at")?;
    let left: i64 = row.try_get("recovery_left")?;
    Ok(Some(TwoFactor {
        secret: row.try_get("secret")?,
        enabled_at: parse_time(&enabled_at, "two_factor.enabled_at")?,
        last_step: row.try_get("last_step")?,
        recovery_left: u32::try_from(left).unwrap_or(0),
    }))
}

/// Turns two-factor sign-in on with `secret`, the step whose code proved it and the recovery
/// codes' digests. `Conflict` when it is already on; `NotFound` for an unknown account.
pub async fn enable(
    pool: &Pool,
    user: UserId,
    secret: &str,
    step: i64,
    recovery_hashes: &[String],
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let mut tx = begin_write(pool).await?;
    let exists: Option<i64> = sqlx::query("SELECT id FROM users WHERE id = $1 AND NOT local_cli")
        .bind(user)
        .fetch_optional(&mut *tx)
        .await?
        .map(|row| row.try_get("id"))
        .transpose()?;
    if exists.is_none() {
        return Err(StoreError::NotFound {
            record: "account",
            id: user,
        });
    }
    let inserted = sqlx::query(
        "INSERT INTO two_factor (user_id, secret, enabled_at, last_step) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (user_id) DO NOTHING",
    )
    .bind(user)
    .bind(secret)
    .bind(time_text(now)?)
    .bind(step)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if inserted == 0 {
        return Err(StoreError::Conflict(
            "two-factor sign-in is already on for this account; turn it off first".into(),
        ));
    }
    for hash in recovery_hashes {
        sqlx::query("INSERT INTO two_factor_recovery (code_hash, user_id) VALUES ($1, $2)")
            .bind(hash)
            .bind(user)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Accepts `step` if it is later than the last accepted one; whether it was.
pub async fn use_step(pool: &Pool, user: UserId, step: i64) -> StoreResult<bool> {
    let mut tx = begin_write(pool).await?;
    let changed =
        sqlx::query("UPDATE two_factor SET last_step = $1 WHERE user_id = $2 AND last_step < $1")
            .bind(step)
            .bind(user)
            .execute(&mut *tx)
            .await?
            .rows_affected();
    tx.commit().await?;
    Ok(changed == 1)
}

/// Marks the recovery code with this digest used, if it is the account's and unused; whether
/// it was.
pub async fn use_recovery(
    pool: &Pool,
    user: UserId,
    code_hash: &str,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let mut tx = begin_write(pool).await?;
    let changed = sqlx::query(
        "UPDATE two_factor_recovery SET used_at = $1 \
         WHERE code_hash = $2 AND user_id = $3 AND used_at IS NULL",
    )
    .bind(time_text(now)?)
    .bind(code_hash)
    .bind(user)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    tx.commit().await?;
    Ok(changed == 1)
}

/// Turns two-factor sign-in off, dropping the secret and the recovery codes; whether it was on.
pub async fn disable(pool: &Pool, user: UserId) -> StoreResult<bool> {
    let mut tx = begin_write(pool).await?;
    sqlx::query("DELETE FROM two_factor_recovery WHERE user_id = $1")
        .bind(user)
        .execute(&mut *tx)
        .await?;
    let gone = sqlx::query("DELETE FROM two_factor WHERE user_id = $1")
        .bind(user)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    tx.commit().await?;
    Ok(gone == 1)
}
