//! Who owns records on PostgreSQL: the personal context of the local command-line user, and
//! self-care accounts registered in the web app. Each owner is a clinic, the person whose
//! health data it holds, and the user who acts.
//!
//! Races are settled by the schema, not by a check first: one local user (`INSERT … ON
//! CONFLICT` on `users_one_local_cli`; the loser rolls its clinic and person back and reads the
//! winner's) and one account per e-mail address (`users.email_key` is unique; the loser gets
//! `Conflict`).

use chrono::Utc;
use sqlx::postgres::{PgConnection, PgPool, PgRow};
use sqlx::Row;

use super::audit::{self, Actor};
use super::connect::begin_write;
use crate::codec::{email_key, is_unique_violation, parse_role, time_text};
use crate::error::{StoreError, StoreResult};
use knot_record::{Account, Principal, Role, TenantCtx, UserId};

const ACCOUNT_COLUMNS: &str = "id, clinic_id, person_id, email, display_name, role, password_hash";

/// A new clinic, person and user, as one owner.
struct NewOwner<'a> {
    clinic_name: &'a str,
    display_name: &'a str,
    /// The address and password hash of a web account; `None` for the local CLI user.
    login: Option<(&'a str, &'a str)>,
}

/// The local user, created on first use, once, however many callers ask at the same moment.
pub async fn local_principal(pool: &PgPool) -> StoreResult<Principal> {
    if let Some(local) = find_local(pool).await? {
        return Ok(local);
    }
    let mut tx = begin_write(pool).await?;
    let owner = NewOwner {
        clinic_name: "Personal",
        display_name: "You",
        login: None,
    };
    match insert_owner(&mut tx, &owner).await? {
        Some(local) => {
            audit_created(&mut tx, &local).await?;
            tx.commit().await?;
            Ok(local)
        }
        None => {
            // Another caller created it first (and has committed: ON CONFLICT waited for it).
            tx.rollback().await?;
            find_local(pool).await?.ok_or_else(|| {
                StoreError::Corrupt("the local user exists but cannot be read".into())
            })
        }
    }
}

/// The audit row of a new account, written as the account acting on its own records.
async fn audit_created(conn: &mut PgConnection, owner: &Principal) -> StoreResult<()> {
    #[allow(clippy::disallowed_methods)] // the store backend: the account's own records
    let ctx = TenantCtx::new(owner, owner.person_id);
    audit::record(conn, &ctx, audit::CREATE, "account", Some(owner.user_id)).await
}

/// Registers a self-care account with its own personal clinic and person.
pub async fn create_account(
    pool: &PgPool,
    email: &str,
    display_name: &str,
    password_hash: &str,
) -> StoreResult<Account> {
    if email_key(email).is_empty() || password_hash.is_empty() {
        return Err(StoreError::Invalid(
            "an account needs an e-mail address and a password".into(),
        ));
    }
    let owner = NewOwner {
        clinic_name: display_name,
        display_name,
        login: Some((email.trim(), password_hash)),
    };
    let taken = || {
        StoreError::Conflict(format!(
            "the e-mail address {} is already registered; sign in instead, or use another address",
            email.trim()
        ))
    };
    let mut tx = begin_write(pool).await?;
    let owner = insert_owner(&mut tx, &owner)
        .await
        .map_err(|err| match err {
            StoreError::Database(db) if is_unique_violation(&db) => taken(),
            other => other,
        })?
        .ok_or_else(|| StoreError::Corrupt("a new account was taken for the local user".into()))?;
    audit_created(&mut tx, &owner).await?;
    tx.commit().await?;
    Ok(Account {
        user_id: owner.user_id,
        clinic_id: owner.clinic_id,
        person_id: owner.person_id,
        email: email.trim().to_string(),
        display_name: display_name.to_string(),
        role: owner.role,
        password_hash: password_hash.to_string(),
    })
}

/// The web account with this e-mail address, compared case-insensitively.
pub async fn account_by_email(pool: &PgPool, email: &str) -> StoreResult<Option<Account>> {
    let row = sqlx::query(&format!(
        "SELECT {ACCOUNT_COLUMNS} FROM users
         WHERE email_key = $1 AND password_hash IS NOT NULL AND email IS NOT NULL"
    ))
    .bind(email_key(email))
    .fetch_optional(pool)
    .await?;
    row.as_ref().map(account_from_row).transpose()
}

/// The web account with this id. The local CLI user is not a web account: `None`.
pub async fn account_by_id(pool: &PgPool, user_id: UserId) -> StoreResult<Option<Account>> {
    let row = sqlx::query(&format!(
        "SELECT {ACCOUNT_COLUMNS} FROM users
         WHERE id = $1 AND password_hash IS NOT NULL AND email IS NOT NULL"
    ))
    .bind(user_id)
    .fetch_optional(pool)
    .await?;
    row.as_ref().map(account_from_row).transpose()
}

/// The clinic and person a user acts for (for audit rows of sign-in events).
pub async fn actor_of(conn: &mut PgConnection, user_id: UserId) -> StoreResult<Option<Actor>> {
    let row = sqlx::query("SELECT clinic_id, person_id FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_optional(conn)
        .await?;
    row.map(|row| {
        Ok(Actor {
            clinic_id: row.try_get("clinic_id")?,
            user_id,
            person_id: Some(row.try_get("person_id")?),
        })
    })
    .transpose()
}

async fn find_local<'c, E>(executor: E) -> StoreResult<Option<Principal>>
where
    E: sqlx::Executor<'c, Database = sqlx::Postgres>,
{
    let row = sqlx::query("SELECT id, clinic_id, person_id, role FROM users WHERE local_cli")
        .fetch_optional(executor)
        .await?;
    row.map(|row| {
        Ok(Principal {
            clinic_id: row.try_get("clinic_id")?,
            user_id: row.try_get("id")?,
            person_id: row.try_get("person_id")?,
            role: parse_role(&row.try_get::<String, _>("role")?)?,
        })
    })
    .transpose()
}

/// Inserts the owner's clinic, person and user; `None` when the local user exists already
/// (the caller rolls back the clinic and person).
async fn insert_owner(
    conn: &mut PgConnection,
    owner: &NewOwner<'_>,
) -> StoreResult<Option<Principal>> {
    let now = time_text(Utc::now())?;
    let clinic_id: i64 = sqlx::query_scalar(
        "INSERT INTO clinics (name, personal, created_at) VALUES ($1, TRUE, $2) RETURNING id",
    )
    .bind(owner.clinic_name)
    .bind(&now)
    .fetch_one(&mut *conn)
    .await?;
    let person_id: i64 = sqlx::query_scalar(
        "INSERT INTO people (clinic_id, display_name, created_at) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(clinic_id)
    .bind(owner.display_name)
    .bind(&now)
    .fetch_one(&mut *conn)
    .await?;
    let (email, password_hash) = owner.login.unzip();
    let user_id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO users (clinic_id, person_id, email, email_key, display_name, role,
                            password_hash, local_cli, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (local_cli) WHERE local_cli DO NOTHING
         RETURNING id",
    )
    .bind(clinic_id)
    .bind(person_id)
    .bind(email)
    .bind(email.map(email_key))
    .bind(owner.display_name)
    .bind(Role::Person.as_str())
    .bind(password_hash)
    .bind(owner.login.is_none())
    .bind(&now)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(user_id.map(|user_id| Principal {
        clinic_id,
        user_id,
        person_id,
        role: Role::Person,
    }))
}

fn account_from_row(row: &PgRow) -> StoreResult<Account> {
    Ok(Account {
        user_id: row.try_get("id")?,
        clinic_id: row.try_get("clinic_id")?,
        person_id: row.try_get("person_id")?,
        email: row
            .try_get::<Option<String>, _>("email")?
            .unwrap_or_default(),
        display_name: row.try_get("display_name")?,
        role: parse_role(&row.try_get::<String, _>("role")?)?,
        password_hash: row
            .try_get::<Option<String>, _>("password_hash")?
            .unwrap_or_default(),
    })
}
