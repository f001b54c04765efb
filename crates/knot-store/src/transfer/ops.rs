//! The transfers themselves: export (a person or a whole database, to text), import (text into a
//! database) and copy (database to database), each checked end to end by counts and a checksum.

use std::collections::BTreeMap;

use chrono::{SecondsFormat, Utc};

use super::format::{self, Header, Row, Scope, Tally, Trailer};
use crate::error::{StoreError, StoreResult};
use crate::url::{self, Backend};
use crate::{postgres, sqlite};

/// An open database to read from or write to, on either backend.
#[derive(Debug, Clone)]
pub enum Target {
    Sqlite(sqlx::SqlitePool),
    Postgres(sqlx::PgPool),
}

impl Target {
    /// Opens (creating and migrating as needed) the database `database_url` names.
    pub async fn open(database_url: &str) -> StoreResult<Target> {
        Ok(match url::parse(database_url)? {
            Backend::Sqlite(path) => Target::Sqlite(sqlite::connect::open_pool(&path).await?),
            Backend::Postgres(url) => Target::Postgres(postgres::connect::open_pool(&url).await?),
        })
    }

    pub async fn close(&self) {
        match self {
            Target::Sqlite(pool) => pool.close().await,
            Target::Postgres(pool) => pool.close().await,
        }
    }

    async fn schema(&self) -> StoreResult<i64> {
        match self {
            Target::Sqlite(pool) => sqlite::transfer_io::schema_version(pool).await,
            Target::Postgres(pool) => postgres::transfer_io::schema_version(pool).await,
        }
    }

    async fn read(&self, person: Option<i64>) -> StoreResult<Vec<Row>> {
        match self {
            Target::Sqlite(pool) => sqlite::transfer_io::read(pool, person).await,
            Target::Postgres(pool) => postgres::transfer_io::read(pool, person).await,
        }
    }

    async fn write(&self, rows: &[Row], chain_unchained: bool) -> StoreResult<u64> {
        match self {
            Target::Sqlite(pool) => sqlite::transfer_io::write(pool, rows, chain_unchained).await,
            Target::Postgres(pool) => {
                postgres::transfer_io::write(pool, rows, chain_unchained).await
            }
        }
    }

    /// How many rows the carried tables hold in all.
    pub async fn row_count(&self) -> StoreResult<u64> {
        match self {
            Target::Sqlite(pool) => sqlite::transfer_io::row_count(pool).await,
            Target::Postgres(pool) => postgres::transfer_io::row_count(pool).await,
        }
    }

    /// The id of the person whose account has this e-mail (compared as sign-in does).
    pub async fn person_by_email(&self, email: &str) -> StoreResult<i64> {
        let key = email.trim().to_lowercase();
        let sql = "SELECT person_id FROM users WHERE email_key = $1";
        let found: Option<i64> = match self {
            Target::Sqlite(pool) => {
                sqlx::query_scalar(sql)
                    .bind(&key)
                    .fetch_optional(pool)
                    .await?
            }
            Target::Postgres(pool) => {
                sqlx::query_scalar(sql)
                    .bind(&key)
                    .fetch_optional(pool)
                    .await?
            }
        };
        found.ok_or_else(|| {
            StoreError::Invalid(format!(
                "no account has the e-mail {email:?}; check the address (or leave --person out \
                 to export the command line's own records)"
            ))
        })
    }

    /// The command line's own person, if it has used this database.
    pub async fn local_person(&self) -> StoreResult<Option<i64>> {
        let sql = "SELECT person_id FROM users WHERE local_cli";
        Ok(match self {
            Target::Sqlite(pool) => sqlx::query_scalar(sql).fetch_optional(pool).await?,
            Target::Postgres(pool) => sqlx::query_scalar(sql).fetch_optional(pool).await?,
        })
    }
}

/// Writes an export of `scope` from `source` as lines to `out`, and returns its trailer.
pub async fn export(
    source: &Target,
    scope: Scope,
    out: &mut dyn std::io::Write,
) -> StoreResult<Trailer> {
    let person = match scope {
        Scope::Database => None,
        Scope::Person { person_id } => Some(person_id),
    };
    let header = Header {
        format: format::FORMAT.into(),
        version: format::VERSION,
        scope,
        schema: source.schema().await?,
        created_at: Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true),
        knot: env!("CARGO_PKG_VERSION").into(),
    };
    let rows = source.read(person).await?;
    if person.is_some() && rows.is_empty() {
        return Err(StoreError::NotFound {
            record: "person",
            id: person.unwrap_or_default(),
        });
    }
    let io = |err: std::io::Error| StoreError::Invalid(format!("cannot write the export: {err}"));
    writeln!(out, "{}", format::header_line(&header)).map_err(io)?;
    let mut tally = Tally::default();
    for row in &rows {
        let line = row.line();
        writeln!(out, "{line}").map_err(io)?;
        tally.add(row.table.name, &line);
    }
    let trailer = tally.finish();
    writeln!(out, "{}", format::trailer_line(&trailer)).map_err(io)?;
    Ok(trailer)
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportReport {
    pub scope: Scope,
    /// The file's counts per table and checksum, as its last line gave them (and as the rows
    /// matched).
    pub trailer: Trailer,
    /// Rows that were not in the database yet.
    pub written: u64,
}

/// Imports an export's text into `target`: all of it or, on any refusal, nothing.
///
/// With `empty_only`, a database that already holds records is refused (a restore must not
/// merge into one).
pub async fn import(target: &Target, text: &str, empty_only: bool) -> StoreResult<ImportReport> {
    let parsed = format::parse(text)?;
    refuse_newer_schema(target, parsed.header.schema, "the file").await?;
    if empty_only {
        refuse_unless_empty(target).await?;
    }
    // Audit rows without their chain (a person's export, a file from before the chain) are new
    // here, so they are appended to this database's chains.
    let written = target.write(&parsed.rows, true).await?;
    Ok(ImportReport {
        scope: parsed.header.scope,
        trailer: parsed.trailer,
        written,
    })
}

/// What a copy did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyReport {
    pub counts: BTreeMap<String, u64>,
    pub sha256: String,
}

/// Copies every carried row of `from` into `to`, which must be empty, then reads `to` back and
/// compares it with what was read, row for row.
pub async fn copy(from: &Target, to: &Target) -> StoreResult<CopyReport> {
    refuse_newer_schema(to, from.schema().await?, "the source database").await?;
    refuse_unless_empty(to).await?;
    let rows = from.read(None).await?;
    // The chain travels exactly as it is: the copy verifies as the source does.
    to.write(&rows, false).await?;
    if to.read(None).await? != rows {
        return Err(StoreError::Corrupt(
            "the copy does not read back equal to the source; the target holds a partial copy \
             and should be dropped"
                .into(),
        ));
    }
    let mut tally = Tally::default();
    for row in &rows {
        tally.add(row.table.name, &row.line());
    }
    let trailer = tally.finish();
    Ok(CopyReport {
        counts: trailer.counts,
        sha256: trailer.sha256,
    })
}

async fn refuse_newer_schema(target: &Target, schema: i64, what: &str) -> StoreResult<()> {
    let ours = target.schema().await?;
    if schema > ours {
        return Err(StoreError::Invalid(format!(
            "{what} comes from a newer Knot (schema {schema}, this database {ours}); upgrade \
             Knot to import it"
        )));
    }
    Ok(())
}

/// A restore or a copy must not merge into a database that already holds records.
async fn refuse_unless_empty(target: &Target) -> StoreResult<()> {
    if target.row_count().await? > 0 {
        return Err(StoreError::Conflict(
            "the target database already holds records; restore or copy into an empty one \
             (create a new database or give a new file)"
                .into(),
        ));
    }
    Ok(())
}
