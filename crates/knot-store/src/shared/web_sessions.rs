//! Signed-in browser sessions, kept in the database so app servers stay stateless. Only a
//! hash of the cookie's token is stored; neither it nor the CSRF token reaches an audit row or
//! an error message.

use super::{DbRow, Pool};
use sqlx::Row;

use chrono::{DateTime, Utc};

use super::accounts::actor_of;
use super::audit;
use super::connect::begin_write;
use crate::codec::{is_unique_violation, parse_time, time_text};
use crate::error::{StoreError, StoreResult};
use knot_record::WebSession;

/// Stores a new session (clearing sessions that have expired by its start) and audits the
/// sign-in.
pub async fn create(pool: &Pool, session: &WebSession) -> StoreResult<()> {
    let created_at = time_text(session.created_at)?;
    let expires_at = time_text(session.expires_at)?;
    let mut tx = begin_write(pool).await?;
    let actor = actor_of(&mut tx, session.user_id)
        .await?
        .ok_or(StoreError::NotFound {
            record: "account",
            id: session.user_id,
        })?;
    sqlx::query("DELETE FROM web_sessions WHERE expires_at <= $1")
        .bind(&created_at)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO web_sessions (token_hash, user_id, csrf_token, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&session.token_hash)
    .bind(session.user_id)
    .bind(&session.csrf_token)
    .bind(&created_at)
    .bind(&expires_at)
    .execute(&mut *tx)
    .await
    .map_err(|err| {
        if is_unique_violation(&err) {
            StoreError::Conflict(
                "a browser session with this token already exists; generate a new token".into(),
            )
        } else {
            StoreError::from(err)
        }
    })?;
    audit::record_as(
        &mut tx,
        actor,
        audit::SIGN_IN,
        "account",
        Some(session.user_id),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The session with this token hash, if it exists and has not expired at `now`.
pub async fn find(
    pool: &Pool,
    token_hash: &str,
    now: DateTime<Utc>,
) -> StoreResult<Option<WebSession>> {
    let row = sqlx::query(
        "SELECT token_hash, user_id, csrf_token, created_at, expires_at FROM web_sessions
         WHERE token_hash = $1 AND expires_at > $2",
    )
    .bind(token_hash)
    .bind(time_text(now)?)
    .fetch_optional(pool)
    .await?;
    row.as_ref().map(session_from_row).transpose()
}

/// The account's sessions that have not expired at `now`, newest first.
pub async fn of_user(
    pool: &Pool,
    user_id: knot_record::UserId,
    now: DateTime<Utc>,
) -> StoreResult<Vec<WebSession>> {
    sqlx::query(
        "SELECT token_hash, user_id, csrf_token, created_at, expires_at FROM web_sessions
         WHERE user_id = $1 AND expires_at > $2 ORDER BY created_at DESC, token_hash",
    )
    .bind(user_id)
    .bind(time_text(now)?)
    .fetch_all(pool)
    .await?
    .iter()
    .map(session_from_row)
    .collect()
}

/// Ends a session and audits the sign-out. Ending one that does not exist is not an error:
/// signing out twice leaves the same state.
pub async fn delete(pool: &Pool, token_hash: &str) -> StoreResult<()> {
    let mut tx = begin_write(pool).await?;
    let user_id: Option<i64> =
        sqlx::query_scalar("DELETE FROM web_sessions WHERE token_hash = $1 RETURNING user_id")
            .bind(token_hash)
            .fetch_optional(&mut *tx)
            .await?;
    if let Some(user_id) = user_id {
        if let Some(actor) = actor_of(&mut tx, user_id).await? {
            audit::record_as(&mut tx, actor, audit::SIGN_OUT, "account", Some(user_id)).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

fn session_from_row(row: &DbRow) -> StoreResult<WebSession> {
    Ok(WebSession {
        token_hash: row.try_get("token_hash")?,
        user_id: row.try_get("user_id")?,
        csrf_token: row.try_get("csrf_token")?,
        created_at: parse_time(&row.try_get::<String, _>("created_at")?, "created_at")?,
        expires_at: parse_time(&row.try_get::<String, _>("expires_at")?, "expires_at")?,
    })
}
