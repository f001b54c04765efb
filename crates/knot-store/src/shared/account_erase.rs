//! Erasing an account ("Delete my account"): every record of the account's own person goes,
//! in one transaction — diary entries (corrected and deleted ones too: a deleted entry only
//! hides its text), sessions and their holds, live sessions, plans, screenings — and so do the
//! account's browser sessions and security events. One audit row, `erase` of the account, says
//! it happened; it names ids, never data. Compiled once per backend.
//!
//! What stays, and why:
//! - The audit log. Its rows hold ids and actions, no health data, and they are chained: a row
//!   removed would break `verify_audit_chain` for the whole clinic. They reference the user,
//!   person and personal clinic rows, so those rows stay too, emptied: the person's and the
//!   clinic's names are blanked, the e-mail address and password hash are removed (the e-mail
//!   key becomes `erased:<id>`, which no typed address can match, and the password hash a
//!   marker no password verifies against). Nobody can sign in as the account, it is not found
//!   by its e-mail, and the address can register again as a new, empty account.
//! - Records a clinic must keep. An account on a clinic's current staff is refused (Conflict):
//!   the visits and addenda it signed belong to the clinic, which must keep them for its
//!   retention period, and an admin of the clinic must first remove the account from the staff.
//!   An account that once worked on a staff keeps its display name, as the author of those
//!   records; everything of its own is erased as for anyone. A clinic's client record (the
//!   `clients` row) is the clinic's, not the account's: its link to the account is cleared.
//! - Sign-in rate-limit counters are keyed by a SHA-256 of what the web layer counts (the
//!   address typed, the client's network); the store cannot tell which are this account's.
//!   They hold no address, only counts, and are swept when they age out.
//!
//! Bytes on disk: SQLite connections run with `secure_delete`, so deleted rows are overwritten
//! with zeros, and the SQLite backend checkpoints the write-ahead log after an erase
//! (`wal_checkpoint(TRUNCATE)`) so the log keeps no copy. PostgreSQL keeps dead row versions
//! in its data files until (auto)vacuum reuses the space, and in its WAL and backups until those
//! age out; the operator runs `VACUUM` (or `VACUUM FULL`, which rewrites the tables) and keeps
//! backups no longer than the erasure promise allows.

use sqlx::Row;

use super::audit::{self, Actor};
use super::connect::begin_write;
use super::{Pool, FOR_UPDATE};
use crate::erase::ErasedCounts;
use crate::error::{StoreError, StoreResult};
use knot_record::TenantCtx;

/// The tables that hold the person's own records, keyed by `clinic_id` and `person_id`, in an
/// order that deletes a row before what it references (sessions name a plan).
const PERSON_TABLES: [&str; 5] = [
    "entries",
    "sessions",
    "plans",
    "screenings",
    "live_sessions",
];

/// Erases the context's own account (see the module header). `Conflict` for an account on a
/// clinic's current staff; `NotFound` for an account already erased or not the context's.
pub async fn erase(pool: &Pool, ctx: &TenantCtx) -> StoreResult<ErasedCounts> {
    let (clinic, person, user) = (ctx.clinic_id(), ctx.person_id(), ctx.user_id());
    let mut tx = begin_write(pool).await?;
    let row = sqlx::query(&format!(
        "SELECT local_cli, email_key FROM users
         WHERE id = $1 AND clinic_id = $2 AND person_id = $3 {FOR_UPDATE}"
    ))
    .bind(user)
    .bind(clinic)
    .bind(person)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(row) = row else {
        return Err(StoreError::NotFound {
            record: "account",
            id: user,
        });
    };
    let local: bool = row.try_get("local_cli")?;
    let key: Option<String> = row.try_get("email_key")?;
    if key.as_deref().is_some_and(|k| k.starts_with(ERASED_PREFIX)) {
        return Err(StoreError::NotFound {
            record: "account",
            id: user,
        });
    }
    // Holds off writes that reference the person (their foreign-key checks) until commit.
    sqlx::query(&format!("SELECT id FROM people WHERE id = $1 {FOR_UPDATE}"))
        .bind(person)
        .fetch_optional(&mut *tx)
        .await?;
    refuse_current_staff(&mut tx, user).await?;
    let kept_as_author: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM clinic_staff WHERE user_id = $1)")
            .bind(user)
            .fetch_one(&mut *tx)
            .await?;

    let mut counts = ErasedCounts {
        kept_as_author,
        ..ErasedCounts::default()
    };
    for table in PERSON_TABLES {
        let gone = sqlx::query(&format!(
            "DELETE FROM {table} WHERE clinic_id = $1 AND person_id = $2"
        ))
        .bind(clinic)
        .bind(person)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        match table {
            "entries" => counts.entries = gone,
            "sessions" => counts.sessions = gone,
            "plans" => counts.plans = gone,
            "screenings" => counts.screenings = gone,
            _ => counts.live_sessions = gone,
        }
    }
    sqlx::query("DELETE FROM person_writes WHERE person_id = $1")
        .bind(person)
        .execute(&mut *tx)
        .await?;
    counts.web_sessions = sqlx::query("DELETE FROM web_sessions WHERE user_id = $1")
        .bind(user)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    counts.security_events = sqlx::query("DELETE FROM security_events WHERE user_id = $1")
        .bind(user)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    sqlx::query("UPDATE clients SET linked_user_id = NULL WHERE linked_user_id = $1")
        .bind(user)
        .execute(&mut *tx)
        .await?;
    empty_identity(&mut tx, ctx, local, kept_as_author).await?;
    let actor = Actor::from(ctx);
    audit::record_as(&mut tx, actor, crate::audit::ERASE, "account", Some(user)).await?;
    tx.commit().await?;
    Ok(counts)
}

/// What an erased account's e-mail key starts with; no typed address is trimmed and
/// lower-cased into it and passes as an address (it has no `@`).
const ERASED_PREFIX: &str = "erased:";

/// The password hash an erased account keeps (the schema wants one): not a PHC string, so no
/// password verifies against it.
const ERASED_HASH: &str = "!erased";

/// Refuses to erase an account on a clinic's current staff, naming the clinics.
async fn refuse_current_staff(tx: &mut super::DbConn, user: i64) -> StoreResult<()> {
    let clinics: Vec<String> = sqlx::query_scalar(
        "SELECT c.name FROM clinic_staff s JOIN clinics c ON c.id = s.clinic_id
         WHERE s.user_id = $1 AND s.removed_at IS NULL ORDER BY c.name",
    )
    .bind(user)
    .fetch_all(&mut *tx)
    .await?;
    if clinics.is_empty() {
        return Ok(());
    }
    Err(StoreError::Conflict(format!(
        "this account is on the staff of {}, which keeps the records you signed for its \
         retention period; an admin of the clinic must remove you from the staff before the \
         account can be deleted",
        clinics.join(", ")
    )))
}

/// Empties the user, person and personal-clinic rows the audit log still references.
async fn empty_identity(
    tx: &mut super::DbConn,
    ctx: &TenantCtx,
    local: bool,
    kept_as_author: bool,
) -> StoreResult<()> {
    let user = ctx.user_id();
    // The local CLI user may have no sign-in; it stays the (now empty) local user.
    let (key, hash) = if local {
        (None, None)
    } else {
        (Some(format!("{ERASED_PREFIX}{user}")), Some(ERASED_HASH))
    };
    sqlx::query(
        "UPDATE users SET email = NULL, email_key = $1, password_hash = $2,
             display_name = CASE WHEN $3 THEN display_name ELSE '' END
         WHERE id = $4",
    )
    .bind(key)
    .bind(hash)
    .bind(kept_as_author)
    .bind(user)
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE people SET display_name = '' WHERE id = $1")
        .bind(ctx.person_id())
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE clinics SET name = '' WHERE id = $1 AND personal")
        .bind(ctx.clinic_id())
        .execute(&mut *tx)
        .await?;
    Ok(())
}
