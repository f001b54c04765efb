//! Informed consent: given (signed and dated), withdrawn (a mark on the row, with who recorded
//! it and why), and listed with its history. Clinical: a front-desk context is refused.
//! Compiled once per backend.

use chrono::{DateTime, Utc};

use super::audit;
use super::clinic_rows::{self as rows, clinical, CONSENT};
use super::connect::{begin_write, WriteTx};
use super::{Pool, FOR_SHARE, FOR_UPDATE};
use crate::codec::{tenant_error, time_text};
use crate::error::{StoreError, StoreResult};
use knot_record::clinic::{Consent, NewConsent};
use knot_record::{RecordId, TenantCtx};

const RECORD: &str = "consent";

pub async fn add(pool: &Pool, ctx: &TenantCtx, new: &NewConsent) -> StoreResult<Consent> {
    clinical(ctx)?;
    let mut tx = begin_write(pool).await?;
    let row = sqlx::query(&format!(
        "INSERT INTO consents (clinic_id, person_id, kind, given_by, given_at, recorded_by,
                               recorded_at)
         SELECT $1, $2, $3, $4, $5, $6, $7
         WHERE EXISTS (SELECT 1 FROM clients
                       WHERE clinic_id = $1 AND person_id = $2 AND deleted_at IS NULL)
         RETURNING {CONSENT}"
    ))
    .bind(ctx.clinic_id())
    .bind(ctx.person_id())
    .bind(&new.kind)
    .bind(&new.given_by)
    .bind(time_text(new.given_at)?)
    .bind(ctx.user_id())
    .bind(time_text(Utc::now())?)
    .fetch_optional(&mut *tx)
    .await
    .map_err(tenant_error(ctx))?
    .ok_or(StoreError::NotFound {
        record: "client",
        id: ctx.person_id(),
    })?;
    let consent = rows::consent(&row)?;
    audit::record(&mut tx, ctx, audit::CREATE, RECORD, Some(consent.id)).await?;
    tx.commit().await?;
    Ok(consent)
}

pub async fn withdraw(
    pool: &Pool,
    ctx: &TenantCtx,
    id: RecordId,
    at: DateTime<Utc>,
    note: &str,
) -> StoreResult<Consent> {
    clinical(ctx)?;
    let mut tx = begin_write(pool).await?;
    let withdrawn: Option<Option<String>> = sqlx::query_scalar(&format!(
        "SELECT withdrawn_at FROM consents WHERE id = $1 AND clinic_id = $2 AND person_id = $3
         {FOR_UPDATE}"
    ))
    .bind(id)
    .bind(ctx.clinic_id())
    .bind(ctx.person_id())
    .fetch_optional(&mut *tx)
    .await?;
    match withdrawn {
        None => return Err(StoreError::NotFound { record: RECORD, id }),
        Some(Some(_)) => {
            return Err(StoreError::Conflict(
                "this consent was already withdrawn; record new consent if it is given again"
                    .into(),
            ))
        }
        Some(None) => {}
    }
    let row = sqlx::query(&format!(
        "UPDATE consents SET withdrawn_at = $1, withdrawal_note = $2, withdrawn_recorded_by = $3
         WHERE id = $4 AND clinic_id = $5 AND person_id = $6
         RETURNING {CONSENT}"
    ))
    .bind(time_text(at)?)
    .bind(note)
    .bind(ctx.user_id())
    .bind(id)
    .bind(ctx.clinic_id())
    .bind(ctx.person_id())
    .fetch_one(&mut *tx)
    .await
    .map_err(tenant_error(ctx))?;
    let consent = rows::consent(&row)?;
    audit::record(&mut tx, ctx, audit::CORRECT, RECORD, Some(id)).await?;
    tx.commit().await?;
    Ok(consent)
}

/// The client's consents, held until `tx` ends so that a withdrawal waits for it (or, if it
/// committed first, is read). Not audited: the caller audits what it does with them.
pub async fn held(tx: &mut WriteTx, ctx: &TenantCtx) -> StoreResult<Vec<Consent>> {
    let found = sqlx::query(&format!(
        "SELECT {CONSENT} FROM consents WHERE clinic_id = $1 AND person_id = $2
         ORDER BY given_at, id {FOR_SHARE}"
    ))
    .bind(ctx.clinic_id())
    .bind(ctx.person_id())
    .fetch_all(&mut **tx)
    .await?;
    found.iter().map(rows::consent).collect()
}

pub async fn list(pool: &Pool, ctx: &TenantCtx) -> StoreResult<Vec<Consent>> {
    clinical(ctx)?;
    let mut tx = begin_write(pool).await?;
    let found = sqlx::query(&format!(
        "SELECT {CONSENT} FROM consents WHERE clinic_id = $1 AND person_id = $2
         ORDER BY given_at, id"
    ))
    .bind(ctx.clinic_id())
    .bind(ctx.person_id())
    .fetch_all(&mut *tx)
    .await?;
    let consents = found
        .iter()
        .map(rows::consent)
        .collect::<StoreResult<Vec<_>>>()?;
    rows::audit_read(&mut tx, ctx, RECORD, None).await?;
    tx.commit().await?;
    Ok(consents)
}
