//! Verifying the audit chain: each clinic's rows are walked in chain order, in keyset batches
//! (memory stays flat however long the log), from one snapshot (a server may keep writing).
//! Each row's hash is recomputed from what it holds, its place must follow the one before
//! without a gap, its `prev_hash` must be the hash of the row before, and the clinic's head
//! must name the last row. The first break found is reported; rows never chained are reported
//! after the chains themselves. Compiled once per backend; the SQL is the same on both.

use sqlx::Row;

use super::audit_append::{chained_from, CHAINED_COLUMNS};
use super::{DbConn, Pool};
use crate::audit_chain::{row_hash, GENESIS};
use crate::audit_report::{ChainBreak, ChainProblem, ChainReport};
use crate::error::{StoreError, StoreResult};

/// Rows read per batch.
const BATCH: i64 = 2000;

/// Verifies every clinic's chain, or only `clinic`'s (`NotFound` when there is no such clinic).
pub async fn verify(pool: &Pool, clinic: Option<i64>) -> StoreResult<ChainReport> {
    let mut tx = super::begin_snapshot(pool).await?;
    let clinics = clinics(&mut tx, clinic).await?;
    let mut report = ChainReport {
        clinics: 0,
        rows: 0,
        broken: None,
    };
    for clinic in clinics {
        report.clinics += 1;
        if let Some(broken) = walk(&mut tx, clinic, &mut report.rows).await? {
            report.broken = Some(broken);
            break;
        }
    }
    if report.broken.is_none() {
        report.broken = unchained(&mut tx, clinic).await?;
    }
    tx.commit().await?;
    Ok(report)
}

async fn clinics(conn: &mut DbConn, only: Option<i64>) -> StoreResult<Vec<i64>> {
    if let Some(clinic) = only {
        let known: Option<i64> = sqlx::query_scalar("SELECT id FROM clinics WHERE id = $1")
            .bind(clinic)
            .fetch_optional(&mut *conn)
            .await?;
        return match known {
            Some(_) => Ok(vec![clinic]),
            None => Err(StoreError::NotFound {
                record: "clinic",
                id: clinic,
            }),
        };
    }
    Ok(sqlx::query_scalar(
        "SELECT clinic_id FROM audit_heads
         UNION SELECT DISTINCT clinic_id FROM audit_log WHERE chain_seq IS NOT NULL
         ORDER BY clinic_id",
    )
    .fetch_all(&mut *conn)
    .await?)
}

/// Walks one clinic's chain, counting rows into `rows`; the first break, if any.
async fn walk(conn: &mut DbConn, clinic: i64, rows: &mut u64) -> StoreResult<Option<ChainBreak>> {
    let broken = |seq: i64, id: Option<i64>, problem| {
        Ok(Some(ChainBreak {
            clinic_id: clinic,
            seq: Some(seq),
            audit_id: id,
            problem,
        }))
    };
    let mut expected = 1;
    let mut prev = GENESIS.to_owned();
    let mut last_id = None;
    loop {
        let batch = sqlx::query(&format!(
            "SELECT {CHAINED_COLUMNS}, prev_hash, row_hash FROM audit_log
             WHERE clinic_id = $1 AND chain_seq IS NOT NULL AND chain_seq >= $2
             ORDER BY chain_seq LIMIT $3"
        ))
        .bind(clinic)
        .bind(expected)
        .bind(BATCH)
        .fetch_all(&mut *conn)
        .await?;
        if expected == 1 {
            // A place below 1 is never written; one there was put there by hand.
            let below: Option<i64> = sqlx::query_scalar(
                "SELECT id FROM audit_log WHERE clinic_id = $1 AND chain_seq < 1 LIMIT 1",
            )
            .bind(clinic)
            .fetch_optional(&mut *conn)
            .await?;
            if let Some(id) = below {
                return broken(0, Some(id), ChainProblem::Altered);
            }
        }
        let Some(_) = batch.last() else { break };
        for stored in &batch {
            let row = chained_from(stored)?;
            let stored_prev: Option<String> = stored.try_get("prev_hash")?;
            let stored_hash: Option<String> = stored.try_get("row_hash")?;
            if row.chain_seq != expected {
                let gap = ChainProblem::Missing {
                    from: expected,
                    to: row.chain_seq - 1,
                };
                return broken(row.chain_seq, Some(row.id), gap);
            }
            let (Some(stored_prev), Some(stored_hash)) = (stored_prev, stored_hash) else {
                return broken(row.chain_seq, Some(row.id), ChainProblem::Altered);
            };
            if row_hash(&stored_prev, &row) != stored_hash {
                return broken(row.chain_seq, Some(row.id), ChainProblem::Altered);
            }
            if stored_prev != prev {
                return broken(row.chain_seq, Some(row.id), ChainProblem::Unlinked);
            }
            prev = stored_hash;
            last_id = Some(row.id);
            expected += 1;
            *rows += 1;
        }
    }
    let last_seq = expected - 1;
    let head = sqlx::query("SELECT seq, hash FROM audit_heads WHERE clinic_id = $1")
        .bind(clinic)
        .fetch_optional(&mut *conn)
        .await?;
    let Some(head) = head else {
        return match last_seq {
            0 => Ok(None),
            _ => broken(last_seq, last_id, ChainProblem::NoHead),
        };
    };
    let (head_seq, head_hash): (i64, String) = (head.try_get("seq")?, head.try_get("hash")?);
    if head_seq > last_seq {
        return broken(
            head_seq,
            None,
            ChainProblem::HeadAhead { head_seq, last_seq },
        );
    }
    if head_seq < last_seq {
        return broken(
            head_seq,
            None,
            ChainProblem::HeadBehind { head_seq, last_seq },
        );
    }
    if head_hash != prev {
        return broken(head_seq, last_id, ChainProblem::HeadMismatch);
    }
    Ok(None)
}

/// Rows that are in no chain: the first of them and how many.
async fn unchained(conn: &mut DbConn, only: Option<i64>) -> StoreResult<Option<ChainBreak>> {
    let found = sqlx::query(
        "SELECT COUNT(*) AS count, MIN(id) AS first FROM audit_log
         WHERE chain_seq IS NULL AND ($1 IS NULL OR clinic_id = $1)",
    )
    .bind(only)
    .fetch_one(&mut *conn)
    .await?;
    let count: i64 = found.try_get("count")?;
    let Some(first) = found.try_get::<Option<i64>, _>("first")? else {
        return Ok(None);
    };
    let clinic: i64 = sqlx::query_scalar("SELECT clinic_id FROM audit_log WHERE id = $1")
        .bind(first)
        .fetch_one(&mut *conn)
        .await?;
    Ok(Some(ChainBreak {
        clinic_id: clinic,
        seq: None,
        audit_id: Some(first),
        problem: ChainProblem::Unchained {
            count: u64::try_from(count).unwrap_or(0),
        },
    }))
}
