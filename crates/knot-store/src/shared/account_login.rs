//! Giving an account a sign-in, or a new password: the local command-line user gains an e-mail
//! address and password, so the person signs in to the web as the same person whose diary the
//! CLI keeps; a web account's password is replaced. Every browser session of the account ends
//! in the same transaction (but the one the caller names, the browser that made the change),
//! and the change is audited without the password or its hash. Compiled once per backend.

use sqlx::Row;

use super::audit;
use super::connect::begin_write;
use super::Pool;
use crate::codec::{email_key, is_unique_violation};
use crate::error::{StoreError, StoreResult};
use knot_record::{NewLogin, TenantCtx};

/// Sets the login of the context's own account; `keep_session` (a session token's hash) stays
/// signed in. `Conflict` when another account has the address; `Invalid` for an empty hash, or
/// for the local user without an address.
pub async fn set(
    pool: &Pool,
    ctx: &TenantCtx,
    login: &NewLogin,
    keep_session: Option<&str>,
) -> StoreResult<()> {
    if login.password_hash.trim().is_empty() {
        return Err(StoreError::Invalid("a sign-in needs a password".into()));
    }
    let email = login.email.as_deref().map(str::trim);
    if email.is_some_and(|e| email_key(e).is_empty()) {
        return Err(StoreError::Invalid(
            "the e-mail address is empty; give the address to sign in with".into(),
        ));
    }
    let name = login.display_name.as_deref().map(str::trim);
    if name.is_some_and(str::is_empty) {
        return Err(StoreError::Invalid("the name to show is empty".into()));
    }
    let mut tx = begin_write(pool).await?;
    let row = sqlx::query("SELECT email_key FROM users WHERE id = $1 AND person_id = $2")
        .bind(ctx.user_id())
        .bind(ctx.person_id())
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound {
            record: "account",
            id: ctx.user_id(),
        })?;
    let current: Option<String> = row.try_get("email_key")?;
    if current.is_none() && email.is_none() {
        return Err(StoreError::Invalid(
            "this account has no e-mail address yet; give the address to sign in with".into(),
        ));
    }
    sqlx::query(
        "UPDATE users SET password_hash = $1,
             email = COALESCE($2, email), email_key = COALESCE($3, email_key),
             display_name = COALESCE($4, display_name)
         WHERE id = $5",
    )
    .bind(login.password_hash.trim())
    .bind(email)
    .bind(email.map(email_key))
    .bind(name)
    .bind(ctx.user_id())
    .execute(&mut *tx)
    .await
    .map_err(|err| {
        if is_unique_violation(&err) {
            StoreError::Conflict(
                "another account signs in with this e-mail address; choose another".into(),
            )
        } else {
            StoreError::from(err)
        }
    })?;
    sqlx::query("DELETE FROM web_sessions WHERE user_id = $1 AND token_hash <> $2")
        .bind(ctx.user_id())
        .bind(keep_session.unwrap_or(""))
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        ctx,
        audit::CHANGE_LOGIN,
        "account",
        Some(ctx.user_id()),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
