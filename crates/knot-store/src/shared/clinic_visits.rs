//! Visits: opening one, charting in it (drawing, range of motion, SOAP text, findings,
//! treatments), signing it, addenda, and reading it back. Each change to a visit first holds
//! its row and checks it is unsigned, in the change's own transaction, so a change and a
//! signature cannot interleave; signing judges the visit and the client's consents and hashes
//! the visit as stored, all in that same transaction, with the consents held against a
//! concurrent withdrawal.
//! Clinical: a front-desk context is refused. Compiled once per backend.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::audit;
use super::clinic_consents;
use super::clinic_rows::{
    self as rows, clinical, hold_unsigned, ADDENDUM, FINDING, TREATMENT, VISIT,
};
use super::connect::{begin_write, WriteTx};
use super::{Pool, FOR_UPDATE};
use crate::clinic::{Seal, VisitChange};
use crate::codec::{tenant_error, time_text, to_json};
use crate::error::{StoreError, StoreResult};
use knot_record::clinic::{
    Addendum, Finding, NewFinding, NewTreatment, NewVisit, RomMeasure, Treatment, Visit,
    VisitRecord,
};
use knot_record::{RecordId, TenantCtx};

const RECORD: &str = "visit";

pub async fn start(pool: &Pool, ctx: &TenantCtx, new: &NewVisit) -> StoreResult<Visit> {
    clinical(ctx)?;
    let now = time_text(Utc::now())?;
    let mut tx = begin_write(pool).await?;
    let id: Option<RecordId> = sqlx::query_scalar(
        "INSERT INTO visits (clinic_id, person_id, therapist_id, created_at, started_at,
                             health_change, pain_drawing, rom, subjective, objective,
                             assessment, plan)
         SELECT $1, $2, $3, $4, $5, $6, '[]', '[]', '', '', '', ''
         WHERE EXISTS (SELECT 1 FROM clients
                       WHERE clinic_id = $1 AND person_id = $2 AND deleted_at IS NULL)
         RETURNING id",
    )
    .bind(ctx.clinic_id())
    .bind(ctx.person_id())
    .bind(ctx.user_id())
    .bind(&now)
    .bind(time_text(new.started_at)?)
    .bind(&new.health_change)
    .fetch_optional(&mut *tx)
    .await
    .map_err(tenant_error(ctx))?;
    let id = id.ok_or(StoreError::NotFound {
        record: "client",
        id: ctx.person_id(),
    })?;
    audit::record(&mut tx, ctx, audit::CREATE, RECORD, Some(id)).await?;
    let visit = read_visit(&mut tx, ctx, id).await?;
    tx.commit().await?;
    Ok(visit)
}

pub async fn change(
    pool: &Pool,
    ctx: &TenantCtx,
    visit: RecordId,
    change: &VisitChange,
) -> StoreResult<Visit> {
    clinical(ctx)?;
    let mut tx = begin_write(pool).await?;
    hold_unsigned(&mut tx, ctx, visit).await?;
    let (sql, values, record): (&str, Vec<String>, &'static str) = match change {
        VisitChange::PainDrawing(marks) => (
            "UPDATE visits SET pain_drawing = $1",
            vec![to_json(marks, "pain drawing")?],
            "visit-pain-drawing",
        ),
        VisitChange::RangeOfMotion(measures) => {
            check_rom(measures)?;
            (
                "UPDATE visits SET rom = $1",
                vec![to_json(measures, "range of motion")?],
                "visit-rom",
            )
        }
        VisitChange::Soap(soap) => (
            "UPDATE visits SET subjective = $1, objective = $2, assessment = $3, plan = $4",
            vec![
                soap.subjective.clone(),
                soap.objective.clone(),
                soap.assessment.clone(),
                soap.plan.clone(),
            ],
            "visit-note",
        ),
    };
    let n = values.len();
    let sql = format!(
        "{sql} WHERE id = ${} AND clinic_id = ${} AND person_id = ${} AND signed_at IS NULL",
        n + 1,
        n + 2,
        n + 3
    );
    let mut query = sqlx::query(&sql);
    for value in values {
        query = query.bind(value);
    }
    query
        .bind(visit)
        .bind(ctx.clinic_id())
        .bind(ctx.person_id())
        .execute(&mut *tx)
        .await?;
    audit::record(&mut tx, ctx, audit::CORRECT, record, Some(visit)).await?;
    let stored = read_visit(&mut tx, ctx, visit).await?;
    tx.commit().await?;
    Ok(stored)
}

pub async fn add_finding(
    pool: &Pool,
    ctx: &TenantCtx,
    visit: RecordId,
    new: &NewFinding,
) -> StoreResult<Finding> {
    clinical(ctx)?;
    let mut tx = begin_write(pool).await?;
    hold_unsigned(&mut tx, ctx, visit).await?;
    let row = sqlx::query(&format!(
        "INSERT INTO visit_findings (clinic_id, person_id, visit_id, trigger_point_id, side,
                                     tender, taut_band, referral_reproduced, referral_regions,
                                     twitch, jump_sign, ppt_kpa, note, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
         RETURNING {FINDING}"
    ))
    .bind(ctx.clinic_id())
    .bind(ctx.person_id())
    .bind(visit)
    .bind(&new.trigger_point_id)
    .bind(new.side.word())
    .bind(new.tender)
    .bind(new.taut_band)
    .bind(new.referral_reproduced)
    .bind(to_json(&new.referral_regions, "referral regions")?)
    .bind(new.twitch)
    .bind(new.jump_sign)
    .bind(new.ppt_kpa.map(i64::from))
    .bind(&new.note)
    .bind(ctx.user_id())
    .bind(time_text(Utc::now())?)
    .fetch_one(&mut *tx)
    .await
    .map_err(tenant_error(ctx))?;
    let finding = rows::finding(&row)?;
    audit::record(
        &mut tx,
        ctx,
        audit::CREATE,
        "visit-finding",
        Some(finding.id),
    )
    .await?;
    tx.commit().await?;
    Ok(finding)
}

pub async fn add_treatment(
    pool: &Pool,
    ctx: &TenantCtx,
    visit: RecordId,
    new: &NewTreatment,
) -> StoreResult<Treatment> {
    clinical(ctx)?;
    let mut tx = begin_write(pool).await?;
    hold_unsigned(&mut tx, ctx, visit).await?;
    let row = sqlx::query(&format!(
        "INSERT INTO visit_treatments (clinic_id, person_id, visit_id, trigger_point_id, side,
                                       technique, tool, discomfort, hold_seconds, passes,
                                       response, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
         RETURNING {TREATMENT}"
    ))
    .bind(ctx.clinic_id())
    .bind(ctx.person_id())
    .bind(visit)
    .bind(&new.trigger_point_id)
    .bind(new.side.word())
    .bind(&new.technique)
    .bind(&new.tool)
    .bind(i64::from(new.discomfort))
    .bind(i64::from(new.hold_seconds))
    .bind(i64::from(new.passes))
    .bind(&new.response)
    .bind(ctx.user_id())
    .bind(time_text(Utc::now())?)
    .fetch_one(&mut *tx)
    .await
    .map_err(tenant_error(ctx))?;
    let treatment = rows::treatment(&row)?;
    audit::record(
        &mut tx,
        ctx,
        audit::CREATE,
        "visit-treatment",
        Some(treatment.id),
    )
    .await?;
    tx.commit().await?;
    Ok(treatment)
}

pub async fn sign(
    pool: &Pool,
    ctx: &TenantCtx,
    visit: RecordId,
    at: DateTime<Utc>,
    seal: Seal,
) -> StoreResult<Visit> {
    clinical(ctx)?;
    let mut tx = begin_write(pool).await?;
    hold_unsigned(&mut tx, ctx, visit).await?;
    let record = read_record(&mut tx, ctx, visit).await?;
    let consents = clinic_consents::held(&mut tx, ctx).await?;
    let hash = seal(&record, &consents, at, ctx.user_id()).map_err(StoreError::Conflict)?;
    let signed = sqlx::query(
        "UPDATE visits SET signed_at = $1, signed_by = $2, signed_hash = $3
         WHERE id = $4 AND clinic_id = $5 AND person_id = $6 AND signed_at IS NULL",
    )
    .bind(time_text(at)?)
    .bind(ctx.user_id())
    .bind(&hash)
    .bind(visit)
    .bind(ctx.clinic_id())
    .bind(ctx.person_id())
    .execute(&mut *tx)
    .await
    .map_err(tenant_error(ctx))?
    .rows_affected();
    if signed != 1 {
        return Err(rows::signed());
    }
    audit::record(&mut tx, ctx, audit::CREATE, "visit-signature", Some(visit)).await?;
    let stored = read_visit(&mut tx, ctx, visit).await?;
    tx.commit().await?;
    Ok(stored)
}

pub async fn add_addendum(
    pool: &Pool,
    ctx: &TenantCtx,
    visit: RecordId,
    at: DateTime<Utc>,
    text: &str,
) -> StoreResult<Addendum> {
    clinical(ctx)?;
    let mut tx = begin_write(pool).await?;
    let signed_at: Option<Option<String>> = sqlx::query_scalar(&format!(
        "SELECT signed_at FROM visits WHERE id = $1 AND clinic_id = $2 AND person_id = $3 \
         {FOR_UPDATE}"
    ))
    .bind(visit)
    .bind(ctx.clinic_id())
    .bind(ctx.person_id())
    .fetch_optional(&mut *tx)
    .await?;
    match signed_at {
        None => {
            return Err(StoreError::NotFound {
                record: RECORD,
                id: visit,
            })
        }
        Some(None) => {
            return Err(StoreError::Conflict(
                "the visit is not signed yet: change its note instead of adding an addendum".into(),
            ))
        }
        Some(Some(_)) => {}
    }
    let row = sqlx::query(&format!(
        "INSERT INTO visit_addenda (clinic_id, person_id, visit_id, author_id, written_at, text)
         VALUES ($1, $2, $3, $4, $5, $6)
         RETURNING {ADDENDUM}"
    ))
    .bind(ctx.clinic_id())
    .bind(ctx.person_id())
    .bind(visit)
    .bind(ctx.user_id())
    .bind(time_text(at)?)
    .bind(text)
    .fetch_one(&mut *tx)
    .await
    .map_err(tenant_error(ctx))?;
    let addendum = rows::addendum(&row)?;
    audit::record(
        &mut tx,
        ctx,
        audit::CREATE,
        "visit-addendum",
        Some(addendum.id),
    )
    .await?;
    tx.commit().await?;
    Ok(addendum)
}

pub async fn get(pool: &Pool, ctx: &TenantCtx, visit: RecordId) -> StoreResult<VisitRecord> {
    clinical(ctx)?;
    let mut tx = super::begin_read(pool).await?;
    let record = read_record(&mut tx, ctx, visit).await?;
    rows::audit_read(&mut tx, ctx, RECORD, Some(visit)).await?;
    tx.commit().await?;
    Ok(record)
}

pub async fn list(pool: &Pool, ctx: &TenantCtx) -> StoreResult<Vec<VisitRecord>> {
    clinical(ctx)?;
    let mut tx = super::begin_read(pool).await?;
    // Four queries whatever the number of visits: the visits, then each kind of charted row of
    // all of them, sorted into their visits here.
    let visits = sqlx::query(&format!(
        "SELECT {VISIT} FROM visits WHERE clinic_id = $1 AND person_id = $2
         ORDER BY started_at, id"
    ))
    .bind(ctx.clinic_id())
    .bind(ctx.person_id())
    .fetch_all(&mut *tx)
    .await?
    .iter()
    .map(rows::visit)
    .collect::<StoreResult<Vec<_>>>()?;
    let of_person = |table: &str, columns: &str| {
        format!(
            "SELECT {columns} FROM {table} WHERE clinic_id = $1 AND person_id = $2
             ORDER BY visit_id, id"
        )
    };
    let findings = sqlx::query(&of_person("visit_findings", FINDING))
        .bind(ctx.clinic_id())
        .bind(ctx.person_id())
        .fetch_all(&mut *tx)
        .await?
        .iter()
        .map(rows::finding)
        .collect::<StoreResult<Vec<_>>>()?;
    let treatments = sqlx::query(&of_person("visit_treatments", TREATMENT))
        .bind(ctx.clinic_id())
        .bind(ctx.person_id())
        .fetch_all(&mut *tx)
        .await?
        .iter()
        .map(rows::treatment)
        .collect::<StoreResult<Vec<_>>>()?;
    let addenda = sqlx::query(&of_person("visit_addenda", ADDENDUM))
        .bind(ctx.clinic_id())
        .bind(ctx.person_id())
        .fetch_all(&mut *tx)
        .await?
        .iter()
        .map(rows::addendum)
        .collect::<StoreResult<Vec<_>>>()?;
    rows::audit_read(&mut tx, ctx, RECORD, None).await?;
    tx.commit().await?;
    let mut findings = by_visit(findings, |f| f.visit_id);
    let mut treatments = by_visit(treatments, |t| t.visit_id);
    let mut addenda = by_visit(addenda, |a| a.visit_id);
    Ok(visits
        .into_iter()
        .map(|visit| VisitRecord {
            findings: findings.remove(&visit.id).unwrap_or_default(),
            treatments: treatments.remove(&visit.id).unwrap_or_default(),
            addenda: addenda.remove(&visit.id).unwrap_or_default(),
            visit,
        })
        .collect())
}

/// Rows grouped by their visit, each group in the order given.
fn by_visit<T>(rows: Vec<T>, visit: impl Fn(&T) -> RecordId) -> HashMap<RecordId, Vec<T>> {
    let mut grouped: HashMap<RecordId, Vec<T>> = HashMap::new();
    for row in rows {
        grouped.entry(visit(&row)).or_default().push(row);
    }
    grouped
}

fn check_rom(measures: &[RomMeasure]) -> StoreResult<()> {
    match measures.iter().find(|measure| !measure.degrees.is_finite()) {
        Some(bad) => Err(StoreError::Invalid(format!(
            "the range of motion of {} is not a number that can be stored; give degrees as a \
             finite number",
            bad.movement
        ))),
        None => Ok(()),
    }
}

async fn read_visit(tx: &mut WriteTx, ctx: &TenantCtx, visit: RecordId) -> StoreResult<Visit> {
    let row = sqlx::query(&format!(
        "SELECT {VISIT} FROM visits WHERE id = $1 AND clinic_id = $2 AND person_id = $3"
    ))
    .bind(visit)
    .bind(ctx.clinic_id())
    .bind(ctx.person_id())
    .fetch_optional(&mut **tx)
    .await?
    .ok_or(StoreError::NotFound {
        record: RECORD,
        id: visit,
    })?;
    rows::visit(&row)
}

/// The visit with everything charted in it, in the caller's transaction.
async fn read_record(
    tx: &mut WriteTx,
    ctx: &TenantCtx,
    visit: RecordId,
) -> StoreResult<VisitRecord> {
    let stored = read_visit(tx, ctx, visit).await?;
    let of_visit = |table: &str, columns: &str| {
        format!(
            "SELECT {columns} FROM {table}
             WHERE visit_id = $1 AND clinic_id = $2 AND person_id = $3 ORDER BY id"
        )
    };
    let findings = sqlx::query(&of_visit("visit_findings", FINDING))
        .bind(visit)
        .bind(ctx.clinic_id())
        .bind(ctx.person_id())
        .fetch_all(&mut **tx)
        .await?
        .iter()
        .map(rows::finding)
        .collect::<StoreResult<Vec<_>>>()?;
    let treatments = sqlx::query(&of_visit("visit_treatments", TREATMENT))
        .bind(visit)
        .bind(ctx.clinic_id())
        .bind(ctx.person_id())
        .fetch_all(&mut **tx)
        .await?
        .iter()
        .map(rows::treatment)
        .collect::<StoreResult<Vec<_>>>()?;
    let addenda = sqlx::query(&of_visit("visit_addenda", ADDENDUM))
        .bind(visit)
        .bind(ctx.clinic_id())
        .bind(ctx.person_id())
        .fetch_all(&mut **tx)
        .await?
        .iter()
        .map(rows::addendum)
        .collect::<StoreResult<Vec<_>>>()?;
    Ok(VisitRecord {
        visit: stored,
        findings,
        treatments,
        addenda,
    })
}
