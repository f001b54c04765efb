//! Home plans. Saving one makes it the active plan and the previous one inactive, in the same
//! transaction; a unique index allows one active plan per person.

use sqlx::sqlite::{SqlitePool, SqliteRow};
use sqlx::Row;

use super::audit::{self, AuditRow};
use super::connect::begin_write;
use super::read_audit::ReadAudit;
use crate::codec::{
    date_text, from_json, narrow, parse_date, parse_time, tenant_error, time_text, to_json,
};
use crate::error::StoreResult;
use knot_record::TenantCtx;
use knot_record::{NewPlan, Plan};

const COLUMNS: &str = "id, person_id, created_by, created_at, active, items, sittings_per_day, \
                       daily_pressure_cap_seconds, reassess_on, notes";

pub const RECORD: &str = "plan";

/// Saves `new` as the active plan.
pub async fn save(pool: &SqlitePool, ctx: &TenantCtx, new: &NewPlan) -> StoreResult<Plan> {
    let mut tx = begin_write(pool).await?;
    sqlx::query(
        "UPDATE plans SET active = FALSE WHERE clinic_id = $1 AND person_id = $2 AND active",
    )
    .bind(ctx.clinic_id())
    .bind(ctx.person_id())
    .execute(&mut *tx)
    .await?;
    let row = sqlx::query(&format!(
        "INSERT INTO plans (clinic_id, person_id, created_by, created_at, active, items,
                            sittings_per_day, daily_pressure_cap_seconds, reassess_on, notes)
         VALUES ($1, $2, $3, $4, TRUE, $5, $6, $7, $8, $9)
         RETURNING {COLUMNS}"
    ))
    .bind(ctx.clinic_id())
    .bind(ctx.person_id())
    .bind(ctx.user_id())
    .bind(time_text(new.created_at)?)
    .bind(to_json(&new.items, "plan items")?)
    .bind(i64::from(new.sittings_per_day))
    .bind(i64::from(new.daily_pressure_cap_seconds))
    .bind(date_text(new.reassess_on))
    .bind(to_json(&new.notes, "plan notes")?)
    .fetch_one(&mut *tx)
    .await
    .map_err(tenant_error(ctx))?;
    let plan = plan_from_row(&row)?;
    audit::record(&mut tx, ctx, audit::CREATE, RECORD, Some(plan.id)).await?;
    tx.commit().await?;
    Ok(plan)
}

/// The active plan, if the person has one.
pub async fn active(
    pool: &SqlitePool,
    reads: &ReadAudit,
    ctx: &TenantCtx,
) -> StoreResult<Option<Plan>> {
    let mut conn = pool.acquire().await?;
    let plan = read_active(&mut conn, ctx).await?;
    drop(conn);
    let id = plan.as_ref().map(|plan| plan.id);
    reads.record(AuditRow::read(ctx, RECORD, id)).await?;
    Ok(plan)
}

/// The plan of [`active`], read on `conn` (inside the caller's snapshot) and not audited: the
/// caller audits.
pub async fn read_active(
    conn: &mut sqlx::SqliteConnection,
    ctx: &TenantCtx,
) -> StoreResult<Option<Plan>> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM plans WHERE clinic_id = $1 AND person_id = $2 AND active"
    ))
    .bind(ctx.clinic_id())
    .bind(ctx.person_id())
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(plan_from_row).transpose()
}

/// Whether plan `id` belongs to the context's person (for sessions that name a plan).
pub async fn owns(
    conn: &mut sqlx::SqliteConnection,
    ctx: &TenantCtx,
    id: crate::RecordId,
) -> StoreResult<bool> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM plans WHERE id = $1 AND clinic_id = $2 AND person_id = $3",
    )
    .bind(id)
    .bind(ctx.clinic_id())
    .bind(ctx.person_id())
    .fetch_optional(conn)
    .await?;
    Ok(found.is_some())
}

fn plan_from_row(row: &SqliteRow) -> StoreResult<Plan> {
    let text = |column: &str| row.try_get::<String, _>(column);
    Ok(Plan {
        id: row.try_get("id")?,
        person_id: row.try_get("person_id")?,
        created_by: row.try_get("created_by")?,
        active: row.try_get("active")?,
        plan: NewPlan {
            created_at: parse_time(&text("created_at")?, "plans.created_at")?,
            items: from_json(&text("items")?, "plans.items")?,
            sittings_per_day: narrow(row.try_get("sittings_per_day")?, "plans.sittings_per_day")?,
            daily_pressure_cap_seconds: narrow(
                row.try_get("daily_pressure_cap_seconds")?,
                "plans.daily_pressure_cap_seconds",
            )?,
            reassess_on: parse_date(&text("reassess_on")?, "plans.reassess_on")?,
            notes: from_json(&text("notes")?, "plans.notes")?,
        },
    })
}
