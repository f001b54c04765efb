//! Clinics, their settings and staff, and the invitations that bring staff in. Accepting an
//! invitation is one conditional update that only one caller can win, so a token works once
//! even when two browsers race with it. Compiled once per backend.

use chrono::{DateTime, Utc};
use sqlx::Row;

use super::audit::{self, Actor};
use super::clinic_rows::{self as rows, SETTINGS};
use super::connect::begin_write;
use super::{DbRow, Pool};
use crate::audit::READ;
use crate::clinic::ClientAccess;
use crate::codec::{is_unique_violation, parse_optional_time, parse_time, time_text};
use crate::error::{StoreError, StoreResult};
use knot_record::clinic::{
    Clinic, ClinicSettings, Invitation, Membership, NewInvitation, StaffMember,
};
use knot_record::{ClinicCtx, ClinicId, PersonId, Role, UserId};

fn actor(ctx: &ClinicCtx) -> Actor {
    Actor {
        clinic_id: ctx.clinic_id(),
        user_id: ctx.user_id(),
        person_id: None,
    }
}

/// Creates a practice with `creator` as its first admin.
pub async fn create_clinic(
    pool: &Pool,
    creator: UserId,
    name: &str,
    settings: &ClinicSettings,
) -> StoreResult<Clinic> {
    let now = time_text(Utc::now())?;
    let mut tx = begin_write(pool).await?;
    let row = sqlx::query(&format!(
        "INSERT INTO clinics (name, personal, created_at, {SETTINGS})
         VALUES ($1, FALSE, $2, $3, $4, $5, $6)
         RETURNING id, name, personal, created_at, {SETTINGS}"
    ))
    .bind(name)
    .bind(&now)
    .bind(i64::from(settings.retention_years))
    .bind(i64::from(settings.minor_until_age))
    .bind(settings.therapists_see_all)
    .bind(settings.admins_see_clinical)
    .fetch_one(&mut *tx)
    .await?;
    let clinic = clinic_from_row(&row)?;
    sqlx::query(
        "INSERT INTO clinic_staff (clinic_id, user_id, role, added_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(clinic.id)
    .bind(creator)
    .bind(Role::Admin.as_str())
    .bind(&now)
    .execute(&mut *tx)
    .await
    .map_err(|err| match &err {
        sqlx::Error::Database(db) if db.kind() == sqlx::error::ErrorKind::ForeignKeyViolation => {
            StoreError::NotFound {
                record: "account",
                id: creator,
            }
        }
        _ => StoreError::from(err),
    })?;
    let by = Actor {
        clinic_id: clinic.id,
        user_id: creator,
        person_id: None,
    };
    audit::record_as(&mut tx, by, audit::CREATE, "clinic", Some(clinic.id)).await?;
    tx.commit().await?;
    Ok(clinic)
}

/// The practices `user` is currently on the staff of, with the role held in each, by name.
pub async fn staff_clinics(pool: &Pool, user: UserId) -> StoreResult<Vec<(Clinic, Role)>> {
    let found = sqlx::query(&format!(
        "SELECT c.id, c.name, c.personal, c.created_at, {}, s.role
         FROM clinic_staff s JOIN clinics c ON c.id = s.clinic_id
         WHERE s.user_id = $1 AND s.removed_at IS NULL AND NOT c.personal
         ORDER BY c.name, c.id",
        prefixed_settings()
    ))
    .bind(user)
    .fetch_all(pool)
    .await?;
    found
        .iter()
        .map(|row| Ok((clinic_from_row(row)?, rows::role(row)?)))
        .collect()
}

/// The settings columns of `clinics` as `c`.
fn prefixed_settings() -> String {
    SETTINGS
        .split(", ")
        .map(|column| format!("c.{column}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `user`'s current membership of the practice `clinic`.
pub async fn membership(
    pool: &Pool,
    clinic: ClinicId,
    user: UserId,
) -> StoreResult<Option<Membership>> {
    let row = sqlx::query(&format!(
        "SELECT s.role, {SETTINGS} FROM clinic_staff s JOIN clinics c ON c.id = s.clinic_id
         WHERE s.clinic_id = $1 AND s.user_id = $2 AND s.removed_at IS NULL AND NOT c.personal"
    ))
    .bind(clinic)
    .bind(user)
    .fetch_optional(pool)
    .await?;
    row.map(|row| {
        Ok(Membership {
            clinic_id: clinic,
            user_id: user,
            role: rows::role(&row)?,
            settings: rows::settings(&row)?,
        })
    })
    .transpose()
}

/// The invitation whose token hashes to `token_hash`, with its clinic's name (see
/// `ClinicStore::invitation`).
pub async fn invitation(
    pool: &Pool,
    token_hash: &str,
) -> StoreResult<Option<(Invitation, String)>> {
    let found = sqlx::query(
        "SELECT i.id, i.clinic_id, i.role, i.email, i.created_by, i.created_at, i.expires_at,
                i.accepted_by, i.accepted_at, c.name AS clinic_name
         FROM staff_invitations i JOIN clinics c ON c.id = i.clinic_id
         WHERE i.token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(pool)
    .await?;
    found
        .map(|row| Ok((invitation_from_row(&row)?, row.try_get("clinic_name")?)))
        .transpose()
}

/// Whether `person` is a current client of `clinic`, and whether `user` treats them.
pub async fn client_access(
    pool: &Pool,
    clinic: ClinicId,
    user: UserId,
    person: PersonId,
) -> StoreResult<Option<ClientAccess>> {
    let treats: Option<bool> = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM client_therapists t
                        WHERE t.clinic_id = c.clinic_id AND t.person_id = c.person_id
                          AND t.user_id = $3)
         FROM clients c
         WHERE c.clinic_id = $1 AND c.person_id = $2 AND c.deleted_at IS NULL",
    )
    .bind(clinic)
    .bind(person)
    .bind(user)
    .fetch_optional(pool)
    .await?;
    Ok(treats.map(|treats| ClientAccess { treats }))
}

/// Accepts an invitation once (see `ClinicStore::accept_invitation`).
pub async fn accept_invitation(
    pool: &Pool,
    token_hash: &str,
    user: UserId,
    now: DateTime<Utc>,
) -> StoreResult<Membership> {
    let now_text = time_text(now)?;
    let mut tx = begin_write(pool).await?;
    let won = sqlx::query(
        "UPDATE staff_invitations SET accepted_by = $1, accepted_at = $2
         WHERE token_hash = $3 AND accepted_by IS NULL AND expires_at > $2
         RETURNING clinic_id, role",
    )
    .bind(user)
    .bind(&now_text)
    .bind(token_hash)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(won) = won else {
        let expires: Option<(String, Option<i64>)> = sqlx::query_as(
            "SELECT expires_at, accepted_by FROM staff_invitations WHERE token_hash = $1",
        )
        .bind(token_hash)
        .fetch_optional(&mut *tx)
        .await?;
        return Err(match expires {
            None => StoreError::NotFound {
                record: "invitation",
                id: 0,
            },
            Some((_, Some(_))) => StoreError::Conflict(
                "this invitation has already been used; ask the clinic for a new one".into(),
            ),
            Some((_, None)) => StoreError::Conflict(
                "this invitation has expired; ask the clinic for a new one".into(),
            ),
        });
    };
    let clinic: ClinicId = won.try_get("clinic_id")?;
    let role = rows::role(&won)?;
    let joined = sqlx::query(
        "INSERT INTO clinic_staff (clinic_id, user_id, role, added_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (clinic_id, user_id) DO UPDATE
         SET role = excluded.role, added_at = excluded.added_at, removed_at = NULL
         WHERE clinic_staff.removed_at IS NOT NULL",
    )
    .bind(clinic)
    .bind(user)
    .bind(role.as_str())
    .bind(&now_text)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if joined != 1 {
        return Err(StoreError::Conflict(
            "you are already on this clinic's staff; the invitation was not used".into(),
        ));
    }
    let by = Actor {
        clinic_id: clinic,
        user_id: user,
        person_id: None,
    };
    audit::record_as(&mut tx, by, audit::CREATE, "staff-member", Some(user)).await?;
    let settings_row = sqlx::query(&format!("SELECT {SETTINGS} FROM clinics WHERE id = $1"))
        .bind(clinic)
        .fetch_one(&mut *tx)
        .await?;
    let settings = rows::settings(&settings_row)?;
    tx.commit().await?;
    Ok(Membership {
        clinic_id: clinic,
        user_id: user,
        role,
        settings,
    })
}

pub async fn clinic(pool: &Pool, ctx: &ClinicCtx) -> StoreResult<Clinic> {
    let row = sqlx::query(&format!(
        "SELECT id, name, personal, created_at, {SETTINGS} FROM clinics WHERE id = $1"
    ))
    .bind(ctx.clinic_id())
    .fetch_optional(pool)
    .await?
    .ok_or(StoreError::NotFound {
        record: "clinic",
        id: ctx.clinic_id(),
    })?;
    clinic_from_row(&row)
}

pub async fn update_settings(
    pool: &Pool,
    ctx: &ClinicCtx,
    settings: &ClinicSettings,
) -> StoreResult<Clinic> {
    let mut tx = begin_write(pool).await?;
    let row = sqlx::query(&format!(
        "UPDATE clinics SET retention_years = $1, minor_until_age = $2, therapists_see_all = $3,
                            admins_see_clinical = $4
         WHERE id = $5 AND NOT personal
         RETURNING id, name, personal, created_at, {SETTINGS}"
    ))
    .bind(i64::from(settings.retention_years))
    .bind(i64::from(settings.minor_until_age))
    .bind(settings.therapists_see_all)
    .bind(settings.admins_see_clinical)
    .bind(ctx.clinic_id())
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(StoreError::NotFound {
        record: "clinic",
        id: ctx.clinic_id(),
    })?;
    let clinic = clinic_from_row(&row)?;
    audit::record_as(
        &mut tx,
        actor(ctx),
        audit::CORRECT,
        "clinic-settings",
        Some(clinic.id),
    )
    .await?;
    tx.commit().await?;
    Ok(clinic)
}

pub async fn create_invitation(
    pool: &Pool,
    ctx: &ClinicCtx,
    new: &NewInvitation,
) -> StoreResult<Invitation> {
    let mut tx = begin_write(pool).await?;
    let row = sqlx::query(
        "INSERT INTO staff_invitations (clinic_id, role, email, token_hash, created_by,
                                        created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         RETURNING id, clinic_id, role, email, created_by, created_at, expires_at,
                   accepted_by, accepted_at",
    )
    .bind(ctx.clinic_id())
    .bind(new.role.as_str())
    .bind(&new.email)
    .bind(&new.token_hash)
    .bind(ctx.user_id())
    .bind(time_text(Utc::now())?)
    .bind(time_text(new.expires_at)?)
    .fetch_one(&mut *tx)
    .await
    .map_err(|err| {
        if is_unique_violation(&err) {
            StoreError::Conflict("that invitation token is already in use; make a new one".into())
        } else {
            StoreError::from(err)
        }
    })?;
    let invitation = invitation_from_row(&row)?;
    audit::record_as(
        &mut tx,
        actor(ctx),
        audit::CREATE,
        "invitation",
        Some(invitation.id),
    )
    .await?;
    tx.commit().await?;
    Ok(invitation)
}

pub async fn staff(pool: &Pool, ctx: &ClinicCtx) -> StoreResult<Vec<StaffMember>> {
    let mut tx = begin_write(pool).await?;
    let found = sqlx::query(
        "SELECT s.user_id, u.display_name, u.email, s.role, s.added_at, s.removed_at
         FROM clinic_staff s JOIN users u ON u.id = s.user_id
         WHERE s.clinic_id = $1 ORDER BY s.added_at, s.id",
    )
    .bind(ctx.clinic_id())
    .fetch_all(&mut *tx)
    .await?;
    let staff = found
        .iter()
        .map(|row| {
            Ok(StaffMember {
                user_id: row.try_get("user_id")?,
                display_name: row.try_get("display_name")?,
                email: row.try_get("email")?,
                role: rows::role(row)?,
                added_at: parse_time(&row.try_get::<String, _>("added_at")?, "added_at")?,
                removed_at: parse_optional_time(row.try_get("removed_at")?, "removed_at")?,
            })
        })
        .collect::<StoreResult<Vec<_>>>()?;
    audit::record_as(&mut tx, actor(ctx), READ, "staff", None).await?;
    tx.commit().await?;
    Ok(staff)
}

pub async fn remove_staff(pool: &Pool, ctx: &ClinicCtx, user: UserId) -> StoreResult<()> {
    let mut tx = begin_write(pool).await?;
    let removed: Option<String> = sqlx::query_scalar(
        "UPDATE clinic_staff SET removed_at = $1
         WHERE clinic_id = $2 AND user_id = $3 AND removed_at IS NULL
         RETURNING role",
    )
    .bind(time_text(Utc::now())?)
    .bind(ctx.clinic_id())
    .bind(user)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(role) = removed else {
        return Err(StoreError::NotFound {
            record: "staff member",
            id: user,
        });
    };
    if role == Role::Admin.as_str() {
        let admins: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM clinic_staff
             WHERE clinic_id = $1 AND role = 'admin' AND removed_at IS NULL",
        )
        .bind(ctx.clinic_id())
        .fetch_one(&mut *tx)
        .await?;
        if admins == 0 {
            return Err(StoreError::Conflict(
                "this is the clinic's last admin; make someone else an admin first".into(),
            ));
        }
    }
    audit::record_as(
        &mut tx,
        actor(ctx),
        audit::DELETE,
        "staff-member",
        Some(user),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

fn clinic_from_row(row: &DbRow) -> StoreResult<Clinic> {
    Ok(Clinic {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        personal: row.try_get("personal")?,
        created_at: parse_time(
            &row.try_get::<String, _>("created_at")?,
            "clinics.created_at",
        )?,
        settings: rows::settings(row)?,
    })
}

fn invitation_from_row(row: &DbRow) -> StoreResult<Invitation> {
    Ok(Invitation {
        id: row.try_get("id")?,
        clinic_id: row.try_get("clinic_id")?,
        role: rows::role(row)?,
        email: row.try_get("email")?,
        created_by: row.try_get("created_by")?,
        created_at: parse_time(&row.try_get::<String, _>("created_at")?, "created_at")?,
        expires_at: parse_time(&row.try_get::<String, _>("expires_at")?, "expires_at")?,
        accepted_by: row.try_get("accepted_by")?,
        accepted_at: parse_optional_time(row.try_get("accepted_at")?, "accepted_at")?,
    })
}
