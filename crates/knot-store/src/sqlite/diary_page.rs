//! One page of the diary on SQLite, by keyset: an index seek on `entries_by_person`
//! (clinic, person, recorded time, id) past the cursor, however deep the page. Audited as one
//! read of the person's entries.

use sqlx::sqlite::SqlitePool;

use super::audit::AuditRow;
use super::diary::{entry_from_row, COLUMNS, RECORD};
use super::read_audit::ReadAudit;
use crate::codec::time_text;
use crate::error::StoreResult;
use crate::page::{keyset_sql, EntryPage, PageRequest};
use knot_record::TenantCtx;

/// The current entries of the page `request` asks for.
pub async fn page(
    pool: &SqlitePool,
    reads: &ReadAudit,
    ctx: &TenantCtx,
    request: &PageRequest,
) -> StoreResult<EntryPage> {
    request.check()?;
    let (after, order) = keyset_sql(request);
    let sql = format!(
        "SELECT {COLUMNS} FROM entries WHERE clinic_id = $1 AND person_id = $2{after} \
         AND superseded_by IS NULL AND deleted_at IS NULL{order} LIMIT {}",
        request.limit + 1
    );
    let mut query = sqlx::query(&sql)
        .bind(ctx.clinic_id())
        .bind(ctx.person_id());
    if let Some(cursor) = &request.after {
        query = query.bind(time_text(cursor.recorded_at)?).bind(cursor.id);
    }
    let mut conn = pool.acquire().await?;
    let rows = query.fetch_all(&mut *conn).await?;
    drop(conn);
    let entries = rows
        .iter()
        .map(entry_from_row)
        .collect::<StoreResult<Vec<_>>>()?;
    reads.record(AuditRow::read(ctx, RECORD, None)).await?;
    Ok(EntryPage::from_rows(entries, request.limit))
}
