//! A clinic's clients: adding one (a person of the clinic and their details in one
//! transaction), the client list, contact details, health details (clinical), who treats whom,
//! the facts the retention rule needs, and deletion. Compiled once per backend.

use chrono::{DateTime, Utc};
use sqlx::Row;

use super::audit::{self, Actor};
use super::clinic_rows::{self as rows, clinical, CLIENT, SETTINGS};
use super::connect::{begin_write, WriteTx};
use super::Pool;
use crate::audit::READ;
use crate::codec::{
    date_text, parse_date, parse_optional_time, parse_time, tenant_error, time_text,
};
use crate::error::{StoreError, StoreResult};
use knot_record::clinic::{Client, ClientDetails, ClientHealth, RetentionFacts};
use knot_record::{ClinicCtx, PersonId, TenantCtx, UserId};

fn actor(ctx: &ClinicCtx, person: Option<PersonId>) -> Actor {
    Actor {
        clinic_id: ctx.clinic_id(),
        user_id: ctx.user_id(),
        person_id: person,
    }
}

fn not_found(person: PersonId) -> StoreError {
    StoreError::NotFound {
        record: "client",
        id: person,
    }
}

pub async fn add(pool: &Pool, ctx: &ClinicCtx, details: &ClientDetails) -> StoreResult<Client> {
    let now = time_text(Utc::now())?;
    let mut tx = begin_write(pool).await?;
    let person: PersonId = sqlx::query_scalar(
        "INSERT INTO people (clinic_id, display_name, created_at) VALUES ($1, $2, $3)
         RETURNING id",
    )
    .bind(ctx.clinic_id())
    .bind(&details.display_name)
    .bind(&now)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO clients (person_id, clinic_id, email, phone, birth_date, address,
                              emergency_contact, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(person)
    .bind(ctx.clinic_id())
    .bind(&details.email)
    .bind(&details.phone)
    .bind(details.birth_date.map(date_text))
    .bind(&details.address)
    .bind(&details.emergency_contact)
    .bind(ctx.user_id())
    .bind(&now)
    .execute(&mut *tx)
    .await?;
    audit::record_as(
        &mut tx,
        actor(ctx, Some(person)),
        audit::CREATE,
        "client",
        Some(person),
    )
    .await?;
    let client = read_client(&mut tx, ctx.clinic_id(), person).await?;
    tx.commit().await?;
    Ok(client)
}

pub async fn list(
    pool: &Pool,
    ctx: &ClinicCtx,
    treated_by: Option<UserId>,
) -> StoreResult<Vec<Client>> {
    let mut tx = begin_write(pool).await?;
    let found = sqlx::query(&format!(
        "SELECT {CLIENT} FROM clients c JOIN people p ON p.id = c.person_id
         WHERE c.clinic_id = $1 AND c.deleted_at IS NULL
           AND ($2 IS NULL OR EXISTS (SELECT 1 FROM client_therapists t
                                      WHERE t.clinic_id = c.clinic_id
                                        AND t.person_id = c.person_id AND t.user_id = $2))
         ORDER BY p.display_name, c.person_id"
    ))
    .bind(ctx.clinic_id())
    .bind(treated_by)
    .fetch_all(&mut *tx)
    .await?;
    let clients = found
        .iter()
        .map(rows::client)
        .collect::<StoreResult<Vec<_>>>()?;
    audit::record_as(&mut tx, actor(ctx, None), READ, "client-list", None).await?;
    tx.commit().await?;
    Ok(clients)
}

pub async fn assign_therapist(
    pool: &Pool,
    ctx: &ClinicCtx,
    person: PersonId,
    therapist: UserId,
) -> StoreResult<()> {
    let mut tx = begin_write(pool).await?;
    read_client(&mut tx, ctx.clinic_id(), person).await?;
    let role: Option<String> = sqlx::query_scalar(
        "SELECT role FROM clinic_staff
         WHERE clinic_id = $1 AND user_id = $2 AND removed_at IS NULL",
    )
    .bind(ctx.clinic_id())
    .bind(therapist)
    .fetch_optional(&mut *tx)
    .await?;
    match role.as_deref() {
        Some("therapist" | "admin") => {}
        Some(_) => {
            return Err(StoreError::Invalid(
                "only a therapist (or an admin) of the clinic can treat a client; choose one of \
                 them"
                    .into(),
            ))
        }
        None => {
            return Err(StoreError::NotFound {
                record: "staff member",
                id: therapist,
            })
        }
    }
    sqlx::query(
        "INSERT INTO client_therapists (clinic_id, person_id, user_id, assigned_at)
         VALUES ($1, $2, $3, $4) ON CONFLICT (clinic_id, person_id, user_id) DO NOTHING",
    )
    .bind(ctx.clinic_id())
    .bind(person)
    .bind(therapist)
    .bind(time_text(Utc::now())?)
    .execute(&mut *tx)
    .await?;
    audit::record_as(
        &mut tx,
        actor(ctx, Some(person)),
        audit::CREATE,
        "client-therapist",
        Some(therapist),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn get(pool: &Pool, ctx: &TenantCtx) -> StoreResult<Client> {
    let mut tx = begin_write(pool).await?;
    let client = read_client(&mut tx, ctx.clinic_id(), ctx.person_id()).await?;
    rows::audit_read(&mut tx, ctx, "client", Some(ctx.person_id())).await?;
    tx.commit().await?;
    Ok(client)
}

pub async fn update(pool: &Pool, ctx: &TenantCtx, details: &ClientDetails) -> StoreResult<Client> {
    let mut tx = begin_write(pool).await?;
    let changed = sqlx::query(
        "UPDATE clients SET email = $1, phone = $2, birth_date = $3, address = $4,
                            emergency_contact = $5
         WHERE clinic_id = $6 AND person_id = $7 AND deleted_at IS NULL",
    )
    .bind(&details.email)
    .bind(&details.phone)
    .bind(details.birth_date.map(date_text))
    .bind(&details.address)
    .bind(&details.emergency_contact)
    .bind(ctx.clinic_id())
    .bind(ctx.person_id())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed != 1 {
        return Err(not_found(ctx.person_id()));
    }
    sqlx::query("UPDATE people SET display_name = $1 WHERE clinic_id = $2 AND id = $3")
        .bind(&details.display_name)
        .bind(ctx.clinic_id())
        .bind(ctx.person_id())
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        ctx,
        audit::CORRECT,
        "client",
        Some(ctx.person_id()),
    )
    .await?;
    let client = read_client(&mut tx, ctx.clinic_id(), ctx.person_id()).await?;
    tx.commit().await?;
    Ok(client)
}

pub async fn health(pool: &Pool, ctx: &TenantCtx) -> StoreResult<ClientHealth> {
    clinical(ctx)?;
    let mut tx = begin_write(pool).await?;
    let row = sqlx::query(
        "SELECT health_history, medications FROM clients
         WHERE clinic_id = $1 AND person_id = $2 AND deleted_at IS NULL",
    )
    .bind(ctx.clinic_id())
    .bind(ctx.person_id())
    .fetch_optional(&mut *tx)
    .await?
    .ok_or_else(|| not_found(ctx.person_id()))?;
    let health = ClientHealth {
        health_history: row.try_get("health_history")?,
        medications: row.try_get("medications")?,
    };
    rows::audit_read(&mut tx, ctx, "client-health", Some(ctx.person_id())).await?;
    tx.commit().await?;
    Ok(health)
}

pub async fn set_health(pool: &Pool, ctx: &TenantCtx, health: &ClientHealth) -> StoreResult<()> {
    clinical(ctx)?;
    let mut tx = begin_write(pool).await?;
    let changed = sqlx::query(
        "UPDATE clients SET health_history = $1, medications = $2
         WHERE clinic_id = $3 AND person_id = $4 AND deleted_at IS NULL",
    )
    .bind(&health.health_history)
    .bind(&health.medications)
    .bind(ctx.clinic_id())
    .bind(ctx.person_id())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed != 1 {
        return Err(not_found(ctx.person_id()));
    }
    audit::record(
        &mut tx,
        ctx,
        audit::CORRECT,
        "client-health",
        Some(ctx.person_id()),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn retention_facts(pool: &Pool, ctx: &TenantCtx) -> StoreResult<RetentionFacts> {
    let row = sqlx::query(&format!(
        "SELECT c.created_at, c.birth_date,
                (SELECT MAX(v.started_at) FROM visits v
                 WHERE v.clinic_id = c.clinic_id AND v.person_id = c.person_id) AS last_visit_at,
                {SETTINGS}
         FROM clients c JOIN clinics k ON k.id = c.clinic_id
         WHERE c.clinic_id = $1 AND c.person_id = $2 AND c.deleted_at IS NULL"
    ))
    .bind(ctx.clinic_id())
    .bind(ctx.person_id())
    .fetch_optional(pool)
    .await?
    .ok_or_else(|| not_found(ctx.person_id()))?;
    let birth_date: Option<String> = row.try_get("birth_date")?;
    Ok(RetentionFacts {
        created_at: parse_time(
            &row.try_get::<String, _>("created_at")?,
            "clients.created_at",
        )?,
        birth_date: birth_date
            .map(|text| parse_date(&text, "clients.birth_date"))
            .transpose()?,
        last_visit_at: parse_optional_time(row.try_get("last_visit_at")?, "last visit")?,
        settings: rows::settings(&row)?,
    })
}

pub async fn delete(pool: &Pool, ctx: &TenantCtx, now: DateTime<Utc>) -> StoreResult<()> {
    let mut tx = begin_write(pool).await?;
    let changed = sqlx::query(
        "UPDATE clients SET deleted_at = $1
         WHERE clinic_id = $2 AND person_id = $3 AND deleted_at IS NULL",
    )
    .bind(time_text(now)?)
    .bind(ctx.clinic_id())
    .bind(ctx.person_id())
    .execute(&mut *tx)
    .await
    .map_err(tenant_error(ctx))?
    .rows_affected();
    if changed != 1 {
        return Err(not_found(ctx.person_id()));
    }
    audit::record(&mut tx, ctx, audit::DELETE, "client", Some(ctx.person_id())).await?;
    tx.commit().await?;
    Ok(())
}

/// The client's contact details, read in the caller's transaction; `NotFound` for a person
/// who is not a current client of `clinic`.
async fn read_client(tx: &mut WriteTx, clinic: i64, person: PersonId) -> StoreResult<Client> {
    let row = sqlx::query(&format!(
        "SELECT {CLIENT} FROM clients c JOIN people p ON p.id = c.person_id
         WHERE c.clinic_id = $1 AND c.person_id = $2 AND c.deleted_at IS NULL"
    ))
    .bind(clinic)
    .bind(person)
    .fetch_optional(&mut **tx)
    .await?
    .ok_or_else(|| not_found(person))?;
    rows::client(&row)
}
