//! How a clinic's rows become records, and the checks every clinic write shares: a front-desk
//! context never reaches clinical data, and a signed visit is never changed. Compiled once per
//! backend, over its `DbRow` and write transaction.

use sqlx::Row;

use super::connect::WriteTx;
use super::{DbRow, FOR_UPDATE};
use crate::codec::{
    from_json, narrow, parse_date, parse_optional_time, parse_role, parse_side, parse_time,
};
use crate::error::{StoreError, StoreResult};
use knot_record::clinic::{
    Addendum, Client, ClientDetails, ClinicSettings, Consent, Finding, NewConsent, NewFinding,
    NewTreatment, NewVisit, Signature, SoapText, Treatment, Visit,
};
use knot_record::{RecordId, Role, TenantCtx};

/// The columns [`settings`] reads, from `clinics`.
pub const SETTINGS: &str =
    "retention_years, minor_until_age, therapists_see_all, admins_see_clinical";
/// The columns [`client`] reads, from `clients` joined with `people` as `p`.
pub const CLIENT: &str = "c.person_id, c.clinic_id, p.display_name, c.email, c.phone, \
     c.birth_date, c.address, c.emergency_contact, c.linked_user_id, c.created_at, c.deleted_at";
pub const CONSENT: &str = "id, person_id, kind, given_by, given_at, recorded_by, withdrawn_at, \
     withdrawal_note, withdrawn_recorded_by";
pub const VISIT: &str = "id, person_id, therapist_id, started_at, health_change, pain_drawing, \
     rom, subjective, objective, assessment, plan, signed_at, signed_by, signed_hash";
pub const FINDING: &str = "id, visit_id, trigger_point_id, side, tender, taut_band, \
     referral_reproduced, referral_regions, twitch, jump_sign, ppt_kpa, note, recorded_at";
pub const TREATMENT: &str = "id, visit_id, trigger_point_id, side, technique, tool, discomfort, \
     hold_seconds, passes, response, recorded_at";
pub const ADDENDUM: &str = "id, visit_id, author_id, written_at, text";

/// Refuses a front-desk context on clinical data, as if the record were not there.
pub fn clinical(ctx: &TenantCtx) -> StoreResult<()> {
    if ctx.role() == Role::FrontDesk {
        return Err(StoreError::NotFound {
            record: "clinical record",
            id: ctx.person_id(),
        });
    }
    Ok(())
}

/// Writes the audit row of a read in the read's own transaction. A context naming a person
/// who is not of its clinic fails here (the row's foreign key), as `NotFound`.
pub async fn audit_read(
    tx: &mut WriteTx,
    ctx: &TenantCtx,
    record: &'static str,
    id: Option<RecordId>,
) -> StoreResult<()> {
    super::audit::insert(tx, &super::audit::AuditRow::read(ctx, record, id))
        .await
        .map_err(|err| match err {
            StoreError::Database(db) => crate::codec::tenant_error(ctx)(db),
            other => other,
        })
}

/// The refusal of any change to a signed visit.
pub fn signed() -> StoreError {
    StoreError::Conflict(
        "the visit is signed, so its note and charted data stay as they are; add an addendum"
            .into(),
    )
}

/// Holds the visit's row for the rest of the transaction and checks that it is the client's
/// and not signed yet (`NotFound`, `Conflict`).
pub async fn hold_unsigned(tx: &mut WriteTx, ctx: &TenantCtx, visit: RecordId) -> StoreResult<()> {
    let signed_at: Option<Option<String>> = sqlx::query_scalar(&format!(
        "SELECT signed_at FROM visits WHERE id = $1 AND clinic_id = $2 AND person_id = $3 \
         {FOR_UPDATE}"
    ))
    .bind(visit)
    .bind(ctx.clinic_id())
    .bind(ctx.person_id())
    .fetch_optional(&mut **tx)
    .await?;
    match signed_at {
        None => Err(StoreError::NotFound {
            record: "visit",
            id: visit,
        }),
        Some(Some(_)) => Err(signed()),
        Some(None) => Ok(()),
    }
}

pub fn settings(row: &DbRow) -> StoreResult<ClinicSettings> {
    Ok(ClinicSettings {
        retention_years: narrow(row.try_get("retention_years")?, "retention_years")?,
        minor_until_age: narrow(row.try_get("minor_until_age")?, "minor_until_age")?,
        therapists_see_all: row.try_get("therapists_see_all")?,
        admins_see_clinical: row.try_get("admins_see_clinical")?,
    })
}

pub fn role(row: &DbRow) -> StoreResult<Role> {
    parse_role(&row.try_get::<String, _>("role")?)
}

pub fn client(row: &DbRow) -> StoreResult<Client> {
    let birth_date: Option<String> = row.try_get("birth_date")?;
    Ok(Client {
        person_id: row.try_get("person_id")?,
        clinic_id: row.try_get("clinic_id")?,
        details: ClientDetails {
            display_name: row.try_get("display_name")?,
            email: row.try_get("email")?,
            phone: row.try_get("phone")?,
            birth_date: birth_date
                .map(|text| parse_date(&text, "clients.birth_date"))
                .transpose()?,
            address: row.try_get("address")?,
            emergency_contact: row.try_get("emergency_contact")?,
        },
        linked_user_id: row.try_get("linked_user_id")?,
        created_at: parse_time(
            &row.try_get::<String, _>("created_at")?,
            "clients.created_at",
        )?,
        deleted_at: parse_optional_time(row.try_get("deleted_at")?, "clients.deleted_at")?,
    })
}

pub fn consent(row: &DbRow) -> StoreResult<Consent> {
    Ok(Consent {
        id: row.try_get("id")?,
        person_id: row.try_get("person_id")?,
        consent: NewConsent {
            kind: row.try_get("kind")?,
            given_by: row.try_get("given_by")?,
            given_at: parse_time(&row.try_get::<String, _>("given_at")?, "consents.given_at")?,
        },
        recorded_by: row.try_get("recorded_by")?,
        withdrawn_at: parse_optional_time(row.try_get("withdrawn_at")?, "consents.withdrawn_at")?,
        withdrawal_note: row.try_get("withdrawal_note")?,
        withdrawn_recorded_by: row.try_get("withdrawn_recorded_by")?,
    })
}

pub fn visit(row: &DbRow) -> StoreResult<Visit> {
    let text = |column: &str| row.try_get::<String, _>(column);
    let signed_at = parse_optional_time(row.try_get("signed_at")?, "visits.signed_at")?;
    let signed_by: Option<i64> = row.try_get("signed_by")?;
    let signed_hash: Option<String> = row.try_get("signed_hash")?;
    let signature = match (signed_at, signed_by, signed_hash) {
        (Some(signed_at), Some(signed_by), Some(hash)) => Some(Signature {
            signed_at,
            signed_by,
            hash,
        }),
        (None, None, None) => None,
        _ => {
            return Err(StoreError::Corrupt(
                "a visit's signature is only partly stored".into(),
            ))
        }
    };
    Ok(Visit {
        id: row.try_get("id")?,
        person_id: row.try_get("person_id")?,
        therapist_id: row.try_get("therapist_id")?,
        visit: NewVisit {
            started_at: parse_time(&text("started_at")?, "visits.started_at")?,
            health_change: text("health_change")?,
        },
        pain_drawing: from_json(&text("pain_drawing")?, "visits.pain_drawing")?,
        rom: from_json(&text("rom")?, "visits.rom")?,
        soap: SoapText {
            subjective: text("subjective")?,
            objective: text("objective")?,
            assessment: text("assessment")?,
            plan: text("plan")?,
        },
        signature,
    })
}

pub fn finding(row: &DbRow) -> StoreResult<Finding> {
    let ppt: Option<i64> = row.try_get("ppt_kpa")?;
    Ok(Finding {
        id: row.try_get("id")?,
        visit_id: row.try_get("visit_id")?,
        recorded_at: parse_time(
            &row.try_get::<String, _>("recorded_at")?,
            "visit_findings.recorded_at",
        )?,
        finding: NewFinding {
            trigger_point_id: row.try_get("trigger_point_id")?,
            side: parse_side(&row.try_get::<String, _>("side")?)?,
            tender: row.try_get("tender")?,
            taut_band: row.try_get("taut_band")?,
            referral_reproduced: row.try_get("referral_reproduced")?,
            referral_regions: from_json(
                &row.try_get::<String, _>("referral_regions")?,
                "visit_findings.referral_regions",
            )?,
            twitch: row.try_get("twitch")?,
            jump_sign: row.try_get("jump_sign")?,
            ppt_kpa: ppt
                .map(|value| narrow(value, "visit_findings.ppt_kpa"))
                .transpose()?,
            note: row.try_get("note")?,
        },
    })
}

pub fn treatment(row: &DbRow) -> StoreResult<Treatment> {
    Ok(Treatment {
        id: row.try_get("id")?,
        visit_id: row.try_get("visit_id")?,
        recorded_at: parse_time(
            &row.try_get::<String, _>("recorded_at")?,
            "visit_treatments.recorded_at",
        )?,
        treatment: NewTreatment {
            trigger_point_id: row.try_get("trigger_point_id")?,
            side: parse_side(&row.try_get::<String, _>("side")?)?,
            technique: row.try_get("technique")?,
            tool: row.try_get("tool")?,
            discomfort: narrow(row.try_get("discomfort")?, "visit_treatments.discomfort")?,
            hold_seconds: narrow(
                row.try_get("hold_seconds")?,
                "visit_treatments.hold_seconds",
            )?,
            passes: narrow(row.try_get("passes")?, "visit_treatments.passes")?,
            response: row.try_get("response")?,
        },
    })
}

pub fn addendum(row: &DbRow) -> StoreResult<Addendum> {
    Ok(Addendum {
        id: row.try_get("id")?,
        visit_id: row.try_get("visit_id")?,
        author_id: row.try_get("author_id")?,
        written_at: parse_time(
            &row.try_get::<String, _>("written_at")?,
            "visit_addenda.written_at",
        )?,
        text: row.try_get("text")?,
    })
}
