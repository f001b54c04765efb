//! Safety screenings as answered. The latest one is what treatment guidance honours; earlier
//! ones stay as history.

use chrono::Utc;
use sqlx::sqlite::{SqlitePool, SqliteRow};
use sqlx::Row;

use super::audit::{self, AuditRow};
use super::connect::begin_write;
use super::read_audit::ReadAudit;
use crate::codec::{from_json, parse_time, tenant_error, time_text, to_json};
use crate::error::StoreResult;
use knot_record::TenantCtx;
use knot_record::{NewScreening, Screening};

const COLUMNS: &str = "id, person_id, created_by, created_at, taken_at, answers, pain_regions, \
                       local_regions, rules_version";

const RECORD: &str = "screening";

/// Stores a screening.
pub async fn add(pool: &SqlitePool, ctx: &TenantCtx, new: &NewScreening) -> StoreResult<Screening> {
    let mut tx = begin_write(pool).await?;
    let row = sqlx::query(&format!(
        "INSERT INTO screenings (clinic_id, person_id, created_by, created_at, taken_at, answers,
                                 pain_regions, local_regions, rules_version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         RETURNING {COLUMNS}"
    ))
    .bind(ctx.clinic_id())
    .bind(ctx.person_id())
    .bind(ctx.user_id())
    .bind(time_text(Utc::now())?)
    .bind(time_text(new.taken_at)?)
    .bind(to_json(&new.answers, "answers")?)
    .bind(to_json(&new.pain_regions, "pain regions")?)
    .bind(to_json(&new.local_regions, "local regions")?)
    .bind(&new.rules_version)
    .fetch_one(&mut *tx)
    .await
    .map_err(tenant_error(ctx))?;
    let screening = screening_from_row(&row)?;
    audit::record(&mut tx, ctx, audit::CREATE, RECORD, Some(screening.id)).await?;
    tx.commit().await?;
    Ok(screening)
}

/// The screening taken last (by the time it was taken, then by id).
pub async fn latest(
    pool: &SqlitePool,
    reads: &ReadAudit,
    ctx: &TenantCtx,
) -> StoreResult<Option<Screening>> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM screenings WHERE clinic_id = $1 AND person_id = $2
         ORDER BY taken_at DESC, id DESC LIMIT 1"
    ))
    .bind(ctx.clinic_id())
    .bind(ctx.person_id())
    .fetch_optional(pool)
    .await?;
    let screening = row.as_ref().map(screening_from_row).transpose()?;
    let id = screening.as_ref().map(|screening| screening.id);
    reads.record(AuditRow::read(ctx, RECORD, id)).await?;
    Ok(screening)
}

fn screening_from_row(row: &SqliteRow) -> StoreResult<Screening> {
    let text = |column: &str| row.try_get::<String, _>(column);
    Ok(Screening {
        id: row.try_get("id")?,
        person_id: row.try_get("person_id")?,
        created_by: row.try_get("created_by")?,
        created_at: parse_time(&text("created_at")?, "screenings.created_at")?,
        screening: NewScreening {
            taken_at: parse_time(&text("taken_at")?, "screenings.taken_at")?,
            answers: from_json(&text("answers")?, "screenings.answers")?,
            pain_regions: from_json(&text("pain_regions")?, "screenings.pain_regions")?,
            local_regions: from_json(&text("local_regions")?, "screenings.local_regions")?,
            rules_version: text("rules_version")?,
        },
    })
}
