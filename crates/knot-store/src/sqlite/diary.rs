//! The pain diary. Nothing a person wrote is overwritten: a correction is a new row naming
//! the one it corrects (which is marked superseded in the same transaction), and a deletion
//! is a mark. Every query names the context's clinic and person in its `WHERE`, so another
//! person's entry id answers `NotFound`.

use chrono::Utc;
use sqlx::sqlite::{SqlitePool, SqliteRow};
use sqlx::{Row, SqliteConnection};

use super::audit::{self, AuditRow};
use super::connect::begin_write;
use super::read_audit::ReadAudit;
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
pub async fn add(
    pool: &SqlitePool,
    ctx: &TenantCtx,
    entries: &[NewEntry],
) -> StoreResult<Vec<Entry>> {
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
    pool: &SqlitePool,
    ctx: &TenantCtx,
    id: RecordId,
    new: &NewEntry,
) -> StoreResult<Entry> {
    check_measure(&new.measure)?;
    let mut tx = begin_write(pool).await?;
    let old = fetch(&mut tx, ctx, id).await?;
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
pub async fn delete(pool: &SqlitePool, ctx: &TenantCtx, id: RecordId) -> StoreResult<Entry> {
    let mut tx = begin_write(pool).await?;
    let old = fetch(&mut tx, ctx, id).await?;
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
         WHERE id = $2 AND clinic_id = $3 AND person_id = $4 AND deleted_at IS NULL
         RETURNING {COLUMNS}"
    ))
    .bind(time_text(Utc::now())?)
    .bind(id)
    .bind(ctx.clinic_id())
    .bind(ctx.person_id())
    .fetch_one(&mut *tx)
    .await?;
    let entry = entry_from_row(&row)?;
    audit::record(&mut tx, ctx, audit::DELETE, RECORD, Some(id)).await?;
    tx.commit().await?;
    Ok(entry)
}

/// One entry, whatever its state.
pub async fn get(
    pool: &SqlitePool,
    reads: &ReadAudit,
    ctx: &TenantCtx,
    id: RecordId,
) -> StoreResult<Entry> {
    let mut conn = pool.acquire().await?;
    let entry = fetch(&mut conn, ctx, id).await?;
    drop(conn);
    reads.record(AuditRow::read(ctx, RECORD, Some(id))).await?;
    Ok(entry)
}

/// Entries matching `filter`, by recorded time then id.
///
/// The rows come back as one JSON array built by SQLite: a year of diary is hundreds of rows,
/// and handing each across from the database thread on its own cost most of a progress
/// report's time.
pub async fn list(
    pool: &SqlitePool,
    reads: &ReadAudit,
    ctx: &TenantCtx,
    filter: &EntryFilter,
) -> StoreResult<Vec<Entry>> {
    let mut conn = pool.acquire().await?;
    let entries = read(&mut conn, ctx, filter).await?;
    drop(conn);
    reads.record(AuditRow::read(ctx, RECORD, None)).await?;
    Ok(entries)
}

/// The entries of [`list`], read on `conn` (inside the caller's snapshot) and not audited: the
/// caller audits.
pub async fn read(
    conn: &mut SqliteConnection,
    ctx: &TenantCtx,
    filter: &EntryFilter,
) -> StoreResult<Vec<Entry>> {
    let (sql, texts) = list_query(filter)?;
    let mut query = sqlx::query_scalar::<_, String>(&sql)
        .bind(ctx.clinic_id())
        .bind(ctx.person_id());
    for text in &texts {
        query = query.bind(text);
    }
    let array = query.fetch_one(conn).await?;
    let rows: Vec<ListedRow> = from_json(&array, "entries")?;
    rows.into_iter().map(listed_entry).collect()
}

/// One entry as the list query's JSON array gives it, in [`LISTED`] order.
type ListedRow = (
    RecordId,
    i64,
    i64,
    String,
    String,
    Measure,
    Option<String>,
    Option<RecordId>,
    Option<RecordId>,
    Option<String>,
);

/// The list query's columns, as a JSON array per entry (the measure is JSON already).
const LISTED: &str = "json_array(id, person_id, created_by, created_at, recorded_at, \
                      json(measure), note, corrects, superseded_by, deleted_at)";

/// The entry that one row of the list query's array describes.
fn listed_entry(row: ListedRow) -> StoreResult<Entry> {
    let (
        id,
        person_id,
        created_by,
        created_at,
        recorded_at,
        measure,
        note,
        corrects,
        superseded_by,
        deleted_at,
    ) = row;
    Ok(Entry {
        id,
        person_id,
        created_by,
        created_at: parse_time(&created_at, "entries.created_at")?,
        corrects,
        superseded_by,
        deleted_at: parse_optional_time(deleted_at, "entries.deleted_at")?,
        entry: NewEntry {
            recorded_at: parse_time(&recorded_at, "entries.recorded_at")?,
            measure,
            note,
        },
    })
}

/// The list query for `filter` and the text values to bind after clinic and person.
fn list_query(filter: &EntryFilter) -> StoreResult<(String, Vec<String>)> {
    let mut sql = format!(
        "SELECT json_group_array({LISTED} ORDER BY recorded_at, id) FROM entries \
         WHERE clinic_id = $1 AND person_id = $2"
    );
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
    Ok((sql, texts))
}

async fn fetch(conn: &mut SqliteConnection, ctx: &TenantCtx, id: RecordId) -> StoreResult<Entry> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM entries WHERE id = $1 AND clinic_id = $2 AND person_id = $3"
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
    conn: &mut SqliteConnection,
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

pub(super) fn entry_from_row(row: &SqliteRow) -> StoreResult<Entry> {
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
