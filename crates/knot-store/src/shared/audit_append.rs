//! Appending to the audit chain: the one way an audit row is written. Compiled once per
//! backend over its connection type; the SQL is the same on both.
//!
//! An append holds its clinic's head row from the moment it reads it until its transaction
//! ends (PostgreSQL: the upsert's row lock; SQLite: the write transaction, which already runs
//! alone), so two appends to one clinic cannot take the same place, and appends to different
//! clinics never wait for each other. A UNIQUE (clinic_id, chain_seq) index backs this up.
//!
//! Cost, on every audited request: three statements more than a bare INSERT (lock the head,
//! set the row's hash once its id is known, move the head) and one SHA-256 of a few hundred
//! bytes, inside a transaction that already writes. On SQLite these are in-process calls of
//! microseconds. On PostgreSQL they are round trips, and the head's lock is held until commit,
//! so one clinic's audited requests commit one after another: per clinic, about one commit
//! (one WAL flush) per audited request — hundreds a second — which a clinic's staff does not
//! approach; personal clinics have one person each and never contend.

use sqlx::Row;

use super::{DbConn, DbRow, Pool};

use super::connect::begin_write;
use crate::audit::AuditRow;
use crate::audit_chain::{row_hash, ChainedRow, GENESIS};
use crate::codec::time_text;
use crate::error::StoreResult;

/// Rows chained per statement batch when chaining rows that were written unchained.
const BATCH: i64 = 1000;

/// The columns a chained row's hash covers, as [`chained_from`] reads them.
pub const CHAINED_COLUMNS: &str =
    "id, clinic_id, chain_seq, at, user_id, person_id, action, record, record_id, address, session";

/// Writes `row` as the next link of its clinic's chain, inside the caller's transaction.
pub async fn append(conn: &mut DbConn, row: &AuditRow) -> StoreResult<()> {
    let clinic = row.actor.clinic_id;
    let (last, prev) = lock_head(conn, clinic).await?;
    let seq = last + 1;
    let at = time_text(row.at)?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO audit_log (at, clinic_id, user_id, person_id, action, record, record_id,
                               address, session, chain_seq, prev_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         RETURNING id",
    )
    .bind(&at)
    .bind(clinic)
    .bind(row.actor.user_id)
    .bind(row.actor.person_id)
    .bind(row.action)
    .bind(row.record)
    .bind(row.record_id)
    .bind(&row.origin.address)
    .bind(&row.origin.session)
    .bind(seq)
    .bind(&prev)
    .fetch_one(&mut *conn)
    .await?;
    let hash = row_hash(
        &prev,
        &ChainedRow {
            id,
            clinic_id: clinic,
            chain_seq: seq,
            at,
            user_id: row.actor.user_id,
            person_id: row.actor.person_id,
            action: row.action.to_owned(),
            record: row.record.to_owned(),
            record_id: row.record_id,
            address: row.origin.address.clone(),
            session: row.origin.session.clone(),
        },
    );
    sqlx::query("UPDATE audit_log SET row_hash = $1 WHERE id = $2")
        .bind(&hash)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    set_head(conn, clinic, seq, &hash).await
}

/// Reads the clinic's head — its last place and hash, (0, [`GENESIS`]) for a clinic with no
/// rows yet — and holds it until the transaction ends. The no-op update is what takes
/// PostgreSQL's row lock (SQLite has no `FOR UPDATE`, and needs none).
async fn lock_head(conn: &mut DbConn, clinic: i64) -> StoreResult<(i64, String)> {
    let head = sqlx::query(
        "INSERT INTO audit_heads (clinic_id, seq, hash) VALUES ($1, 0, $2)
         ON CONFLICT (clinic_id) DO UPDATE SET seq = audit_heads.seq
         RETURNING seq, hash",
    )
    .bind(clinic)
    .bind(GENESIS)
    .fetch_one(&mut *conn)
    .await?;
    Ok((head.try_get("seq")?, head.try_get("hash")?))
}

async fn set_head(conn: &mut DbConn, clinic: i64, seq: i64, hash: &str) -> StoreResult<()> {
    sqlx::query("UPDATE audit_heads SET seq = $2, hash = $3 WHERE clinic_id = $1")
        .bind(clinic)
        .bind(seq)
        .bind(hash)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// A stored audit row as its hash covers it (`chain_seq` 0 while it is unchained).
pub fn chained_from(row: &DbRow) -> StoreResult<ChainedRow> {
    Ok(ChainedRow {
        id: row.try_get("id")?,
        clinic_id: row.try_get("clinic_id")?,
        chain_seq: row.try_get::<Option<i64>, _>("chain_seq")?.unwrap_or(0),
        at: row.try_get("at")?,
        user_id: row.try_get("user_id")?,
        person_id: row.try_get("person_id")?,
        action: row.try_get("action")?,
        record: row.try_get("record")?,
        record_id: row.try_get("record_id")?,
        address: row.try_get("address")?,
        session: row.try_get("session")?,
    })
}

/// Chains `rows` (unchained, of `clinic`, in the order given) onto the clinic's head.
async fn chain_rows(conn: &mut DbConn, clinic: i64, rows: Vec<ChainedRow>) -> StoreResult<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let (mut seq, mut prev) = lock_head(conn, clinic).await?;
    for mut row in rows {
        seq += 1;
        row.chain_seq = seq;
        let hash = row_hash(&prev, &row);
        sqlx::query(
            "UPDATE audit_log SET chain_seq = $1, prev_hash = $2, row_hash = $3
             WHERE id = $4 AND chain_seq IS NULL",
        )
        .bind(seq)
        .bind(&prev)
        .bind(&hash)
        .bind(row.id)
        .execute(&mut *conn)
        .await?;
        prev = hash;
    }
    set_head(conn, clinic, seq, &prev).await
}

/// Chains the audit rows written before the chain existed, when a store opens: per clinic, in
/// id order, onto the clinic's head, all in one transaction (so a crash chains all or none,
/// and running it again finds nothing left). Cheap when there is nothing to do: one look at a
/// partial index of unchained rows.
///
/// Only rows older than the clinic's first chained row are chained here. An unchained row
/// newer than that was written around Knot after the chain began; it is left for
/// `knot audit verify` to report, never sealed in silently.
pub async fn chain_old_rows(pool: &Pool) -> StoreResult<()> {
    let any: Option<i64> =
        sqlx::query_scalar("SELECT id FROM audit_log WHERE chain_seq IS NULL LIMIT 1")
            .fetch_optional(pool)
            .await?;
    if any.is_none() {
        return Ok(());
    }
    let mut tx = begin_write(pool).await?;
    let clinics: Vec<i64> = sqlx::query_scalar(
        "SELECT DISTINCT clinic_id FROM audit_log WHERE chain_seq IS NULL ORDER BY clinic_id",
    )
    .fetch_all(&mut *tx)
    .await?;
    for clinic in clinics {
        // Taken before chaining: the first row chained below would otherwise become the bound.
        let first_chained: Option<i64> = sqlx::query_scalar(
            "SELECT MIN(id) FROM audit_log WHERE clinic_id = $1 AND chain_seq IS NOT NULL",
        )
        .bind(clinic)
        .fetch_one(&mut *tx)
        .await?;
        let bound = first_chained.unwrap_or(i64::MAX);
        let mut after = i64::MIN;
        loop {
            let found = sqlx::query(&format!(
                "SELECT {CHAINED_COLUMNS} FROM audit_log
                 WHERE clinic_id = $1 AND chain_seq IS NULL AND id > $2 AND id < $3
                 ORDER BY id LIMIT $4"
            ))
            .bind(clinic)
            .bind(after)
            .bind(bound)
            .bind(BATCH)
            .fetch_all(&mut *tx)
            .await?;
            let rows = found
                .iter()
                .map(chained_from)
                .collect::<StoreResult<Vec<_>>>()?;
            let Some(last) = rows.last() else { break };
            after = last.id;
            chain_rows(&mut tx, clinic, rows).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// Chains imported audit rows that came without their chain (a person's export, or a file
/// from a Knot before the chain), by id, onto their clinics' heads in the import's
/// transaction: they are new to this database, so they are appended as any new row is.
/// Rows that came with their chain are left exactly as they came.
pub async fn chain_imported(conn: &mut DbConn, ids: &[i64]) -> StoreResult<()> {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    for batch in ids.chunks(BATCH as usize) {
        let marks = (1..=batch.len())
            .map(|at| format!("${at}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "SELECT {CHAINED_COLUMNS} FROM audit_log
             WHERE chain_seq IS NULL AND id IN ({marks}) ORDER BY id"
        );
        let mut query = sqlx::query(&sql);
        for id in batch {
            query = query.bind(*id);
        }
        let mut by_clinic: std::collections::BTreeMap<i64, Vec<ChainedRow>> = Default::default();
        for found in query.fetch_all(&mut *conn).await? {
            let row = chained_from(&found)?;
            by_clinic.entry(row.clinic_id).or_default().push(row);
        }
        for (clinic, rows) in by_clinic {
            chain_rows(conn, clinic, rows).await?;
        }
    }
    Ok(())
}
