//! The audit log: one row for every change and every read of health data, written in the
//! same transaction as what it records, so the log and the data never disagree. Rows name
//! who, whose, what kind of record and its id, and where the request came from — never the
//! data itself or a secret. Reads are audited through [`super::read_audit`], which batches
//! their rows so that a read does not wait for a write lock of its own.

use chrono::Utc;
use sqlx::sqlite::{SqlitePool, SqliteRow};
use sqlx::{Row, SqliteConnection};

use super::codec::{parse_time, tenant_error, time_text};
use crate::error::StoreResult;
use crate::origin::{current_origin, AuditOrigin};
use knot_record::{AuditEvent, RecordId};
use knot_record::{ClinicId, PersonId, TenantCtx, UserId};

/// The actions the store writes.
pub const READ: &str = "read";
pub const CREATE: &str = "create";
pub const CORRECT: &str = "correct";
pub const DELETE: &str = "delete";
pub const SIGN_IN: &str = "sign-in";
pub const SIGN_OUT: &str = "sign-out";

/// Who acted, and on whose records.
#[derive(Debug, Clone, Copy)]
pub struct Actor {
    pub clinic_id: ClinicId,
    pub user_id: UserId,
    pub person_id: Option<PersonId>,
}

impl From<&TenantCtx> for Actor {
    fn from(ctx: &TenantCtx) -> Actor {
        Actor {
            clinic_id: ctx.clinic_id(),
            user_id: ctx.user_id(),
            person_id: Some(ctx.person_id()),
        }
    }
}

/// Writes one audit row for `ctx` inside the caller's transaction.
pub async fn record(
    conn: &mut SqliteConnection,
    ctx: &TenantCtx,
    action: &'static str,
    record: &'static str,
    record_id: Option<RecordId>,
) -> StoreResult<()> {
    record_as(conn, Actor::from(ctx), action, record, record_id)
        .await
        .map_err(|err| match err {
            crate::StoreError::Database(db) => tenant_error(ctx)(db),
            other => other,
        })
}

/// Writes one audit row for an explicit actor (account and sign-in events).
pub async fn record_as(
    conn: &mut SqliteConnection,
    actor: Actor,
    action: &'static str,
    record: &'static str,
    record_id: Option<RecordId>,
) -> StoreResult<()> {
    let row = AuditRow {
        at: Utc::now(),
        actor,
        action,
        record,
        record_id,
        origin: current_origin(),
    };
    insert(conn, &row).await
}

/// One audit row to write.
#[derive(Debug, Clone)]
pub struct AuditRow {
    pub at: chrono::DateTime<Utc>,
    pub actor: Actor,
    pub action: &'static str,
    pub record: &'static str,
    pub record_id: Option<RecordId>,
    pub origin: AuditOrigin,
}

impl AuditRow {
    /// The row for a read of `record` by `ctx`, from the current request's origin.
    pub fn read(ctx: &TenantCtx, record: &'static str, record_id: Option<RecordId>) -> AuditRow {
        AuditRow {
            at: Utc::now(),
            actor: Actor::from(ctx),
            action: READ,
            record,
            record_id,
            origin: current_origin(),
        }
    }
}

/// Inserts `row` on `conn` (inside the caller's transaction).
pub async fn insert(conn: &mut SqliteConnection, row: &AuditRow) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO audit_log (at, clinic_id, user_id, person_id, action, record, record_id,
                               address, session)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(time_text(row.at)?)
    .bind(row.actor.clinic_id)
    .bind(row.actor.user_id)
    .bind(row.actor.person_id)
    .bind(row.action)
    .bind(row.record)
    .bind(row.record_id)
    .bind(&row.origin.address)
    .bind(&row.origin.session)
    .execute(conn)
    .await?;
    Ok(())
}

/// The latest events about the context's person, newest first.
pub async fn latest(
    pool: &SqlitePool,
    ctx: &TenantCtx,
    limit: u32,
) -> StoreResult<Vec<AuditEvent>> {
    let rows = sqlx::query(
        "SELECT id, at, user_id, person_id, action, record, record_id, address, session
         FROM audit_log
         WHERE clinic_id = $1 AND person_id = $2
         ORDER BY id DESC LIMIT $3",
    )
    .bind(ctx.clinic_id())
    .bind(ctx.person_id())
    .bind(i64::from(limit))
    .fetch_all(pool)
    .await?;
    rows.iter().map(event_from_row).collect()
}

fn event_from_row(row: &SqliteRow) -> StoreResult<AuditEvent> {
    Ok(AuditEvent {
        id: row.try_get("id")?,
        at: parse_time(&row.try_get::<String, _>("at")?, "audit_log.at")?,
        user_id: row.try_get("user_id")?,
        person_id: row.try_get("person_id")?,
        action: row.try_get("action")?,
        record: row.try_get("record")?,
        record_id: row.try_get("record_id")?,
        address: row.try_get("address")?,
        session: row.try_get("session")?,
    })
}
