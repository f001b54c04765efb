//! The pain diary on PostgreSQL. Nothing a person wrote is overwritten: a correction is a new
//! row naming the one it corrects (which is marked superseded in the same transaction), and a
//! deletion is a mark. Every query names the context's clinic and person in its `WHERE`, so
//! another person's entry id answers `NotFound`.
//!
//! A correction or deletion first locks the entry's row (`SELECT … FOR UPDATE`): of two racing
//! on one entry, the second waits for the first to commit, then reads the entry as the first
//! left it and answers `Conflict`. The conditional `UPDATE` and the unique `corrects` and
//! `superseded_by` keys would refuse a second correction even without the lock.

use chrono::Utc;
use sqlx::postgres::{PgConnection, PgPool, PgRow};
use sqlx::Row;

use super::audit::{self, AuditRow};
use super::connect::begin_write;
use super::read_audit::AuditedRead;
use crate::codec::{
    check_measure, from_json, parse_optional_time, parse_time, tenant_error, time_text, to_json,
};
use crate::error::{StoreError, StoreResult};
use knot_record::TenantCtx;
use knot_record::{Entry, EntryFilter, Measure, NewEntry, RecordId};

pub(super) const COLUMNS: &str =
    "id, person_id, created_by, created_at, recorded_at, measure, note, \
                       corrects, superseded_by, deleted_at";

pub const RECORD: &str = "entry";

/// Stores new entries together: all of them, or (when any fails) none.
pub async fn add(pool: &PgPool, ctx: &TenantCtx, entries: &[NewEntry]) -> StoreResult<Vec<Entry>> {
    for new in entries {
        check_measure(&new.measure)?;
    }
    let mut tx = begin_write(pool).await?;
    let mut stored = Vec::with_capacity(entries.len());
    for new in entries {
        let entry = insert(&mut tx, ctx, new, None).await?;
        audit::record(&mut tx, ctx, audit::CREATE, RECORD, Some(entry.id)).await?;
        stored.push(entry);
    }
    tx.commit().await?;
    Ok(stored)
}

/// Stores `new` as the correction of entry `id` and marks `id` superseded, together.
pub async fn correct(
    pool: &PgPool,
    ctx: &TenantCtx,
    id: RecordId,
    new: &NewEntry,
) -> StoreResult<Entry> {
    check_measure(&new.measure)?;
    let mut tx = begin_write(pool).await?;
    let old = fetch(&mut tx, ctx, id, Lock::ForUpdate).await?;
    if old.deleted_at.is_some() {
        return Err(StoreError::Conflict(format!(
            "entry {id} was deleted, so it can no longer be corrected; add a new entry instead"
        )));
    }
    if let Some(by) = old.superseded_by {
        return Err(StoreError::Conflict(format!(
            "entry {id} was already corrected by entry {by}; correct entry {by} instead"
        )));
    }
    let entry = insert(&mut tx, ctx, new, Some(id)).await?;
    let marked = sqlx::query(
        "UPDATE entries SET superseded_by = $1
         WHERE id = $2 AND clinic_id = $3 AND person_id = $4
           AND superseded_by IS NULL AND deleted_at IS NULL",
    )
    .bind(entry.id)
    .bind(id)
    .bind(ctx.clinic_id())
    .bind(ctx.person_id())
    .execute(&mut *tx)
    .await?;
    if marked.rows_affected() != 1 {
        return Err(StoreError::Conflict(format!(
            "entry {id} changed while it was being corrected; look at it again and retry"
        )));
    }
    audit::record(&mut tx, ctx, audit::CORRECT, RECORD, Some(entry.id)).await?;
    tx.commit().await?;
    Ok(entry)
}

/// Marks entry `id` deleted.
pub async fn delete(pool: &PgPool, ctx: &TenantCtx, id: RecordId) -> StoreResult<Entry> {
    let mut tx = begin_write(pool).await?;
    let old = fetch(&mut tx, ctx, id, Lock::ForUpdate).await?;
    if old.deleted_at.is_some() {
        return Err(StoreError::Conflict(format!(
            "entry {id} was already deleted"
        )));
    }
    if let Some(by) = old.superseded_by {
        return Err(StoreError::Conflict(format!(
            "entry {id} was corrected by entry {by}; delete entry {by} instead"
        )));
    }
    let row = sqlx::query(&format!(
        "UPDATE entries SET deleted_at = $1
         WHERE id = $2 AND clinic_id = $3 AND person_id = $4
           AND superseded_by IS NULL AND deleted_at IS NULL
         RETURNING {COLUMNS}"
    ))
    .bind(time_text(Utc::now())?)
    .bind(id)
    .bind(ctx.clinic_id())
    .bind(ctx.person_id())
    .fetch_optional(&mut *tx)
    .await?
    .ok_or_else(|| {
        StoreError::Conflict(format!(
            "entry {id} changed while it was being deleted; look at it again and retry"
        ))
    })?;
    let entry = entry_from_row(&row)?;
    audit::record(&mut tx, ctx, audit::DELETE, RECORD, Some(id)).await?;
    tx.commit().await?;
    Ok(entry)
}

/// One entry, whatever its state.
pub async fn get(pool: &PgPool, ctx: &TenantCtx, id: RecordId) -> StoreResult<Entry> {
    let mut read = AuditedRead::begin(pool).await?;
    let entry = fetch(read.conn(), ctx, id, Lock::None).await?;
    read.finish([AuditRow::read(ctx, RECORD, Some(id))]).await?;
    Ok(entry)
}

/// Entries matching `filter`, by recorded time then id.
pub async fn list(pool: &PgPool, ctx: &TenantCtx, filter: &EntryFilter) -> StoreResult<Vec<Entry>> {
    let mut read = AuditedRead::begin(pool).await?;
    let entries = read_entries(read.conn(), ctx, filter).await?;
    read.finish([AuditRow::read(ctx, RECORD, None)]).await?;
    Ok(entries)
}

/// The entries of [`list`], read on `conn` (inside the caller's snapshot) and not audited: the
/// caller audits.
pub async fn read_entries(
    conn: &mut PgConnection,
    ctx: &TenantCtx,
    filter: &EntryFilter,
) -> StoreResult<Vec<Entry>> {
    let (sql, texts) = list_query(filter)?;
    let mut query = sqlx::query(&sql)
        .bind(ctx.clinic_id())
        .bind(ctx.person_id());
    for text in &texts {
        query = query.bind(text);
    }
    let rows = query.fetch_all(conn).await?;
    rows.iter().map(entry_from_row).collect()
}

/// The list query for `filter` and the text values to bind after clinic and person.
fn list_query(filter: &EntryFilter) -> StoreResult<(String, Vec<String>)> {
    let mut sql = format!("SELECT {COLUMNS} FROM entries WHERE clinic_id = $1 AND person_id = $2");
    let mut texts = Vec::new();
    let mut condition = |clause: &str, value: String| {
        texts.push(value);
        sql.push_str(&format!(" AND {clause} ${}", texts.len() + 2));
    };
    if let Some(since) = filter.since {
        condition("recorded_at >=", time_text(since)?);
    }
    if let Some(until) = filter.until {
        condition("recorded_at <", time_text(until)?);
    }
    if let Some(kind) = &filter.kind {
        condition("kind =", kind.clone());
    }
    if !filter.include_history {
        sql.push_str(" AND superseded_by IS NULL AND deleted_at IS NULL");
    }
    sql.push_str(" ORDER BY recorded_at, id");
    Ok((sql, texts))
}

/// Whether [`fetch`] locks the row it reads until the transaction ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lock {
    None,
    ForUpdate,
}

async fn fetch(
    conn: &mut PgConnection,
    ctx: &TenantCtx,
    id: RecordId,
    lock: Lock,
) -> StoreResult<Entry> {
    let lock = match lock {
        Lock::None => "",
        Lock::ForUpdate => " FOR UPDATE",
    };
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM entries WHERE id = $1 AND clinic_id = $2 AND person_id = $3{lock}"
    ))
    .bind(id)
    .bind(ctx.clinic_id())
    .bind(ctx.person_id())
    .fetch_optional(conn)
    .await?;
    match row {
        Some(row) => entry_from_row(&row),
        None => Err(StoreError::NotFound { record: RECORD, id }),
    }
}

async fn insert(
    conn: &mut PgConnection,
    ctx: &TenantCtx,
    new: &NewEntry,
    corrects: Option<RecordId>,
) -> StoreResult<Entry> {
    let row = sqlx::query(&format!(
        "INSERT INTO entries (clinic_id, person_id, created_by, created_at, recorded_at, kind,
                              measure, note, corrects)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         RETURNING {COLUMNS}"
    ))
    .bind(ctx.clinic_id())
    .bind(ctx.person_id())
    .bind(ctx.user_id())
    .bind(time_text(Utc::now())?)
    .bind(time_text(new.recorded_at)?)
    .bind(new.measure.kind())
    .bind(to_json(&new.measure, "measure")?)
    .bind(&new.note)
    .bind(corrects)
    .fetch_one(conn)
    .await
    .map_err(tenant_error(ctx))?;
    entry_from_row(&row)
}

pub(super) fn entry_from_row(row: &PgRow) -> StoreResult<Entry> {
    let measure: Measure = from_json(&row.try_get::<String, _>("measure")?, "entries.measure")?;
    Ok(Entry {
        id: row.try_get("id")?,
        person_id: row.try_get("person_id")?,
        created_by: row.try_get("created_by")?,
        created_at: parse_time(
            &row.try_get::<String, _>("created_at")?,
            "entries.created_at",
        )?,
        corrects: row.try_get("corrects")?,
        superseded_by: row.try_get("superseded_by")?,
        deleted_at: parse_optional_time(row.try_get("deleted_at")?, "entries.deleted_at")?,
        entry: NewEntry {
            recorded_at: parse_time(
                &row.try_get::<String, _>("recorded_at")?,
                "entries.recorded_at",
            )?,
            measure,
            note: row.try_get("note")?,
        },
    })
}
