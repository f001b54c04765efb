//! Audited reads on PostgreSQL: a read runs in a transaction of its own and its audit rows are
//! inserted and committed in that transaction before the answer is handed back, so no read of
//! health data is answered unaudited, and a read whose row cannot be written fails.
//!
//! A snapshot read (REPEATABLE READ) is the exception: appending moves its clinic's chain head,
//! which a concurrent append may have moved since the snapshot began, and PostgreSQL refuses
//! such an update in REPEATABLE READ. So a snapshot read commits its reads, then appends its
//! rows in a READ COMMITTED transaction of their own — still before it answers.
//!
//! SQLite batches these rows through one writer (it has one write lock for the whole file);
//! PostgreSQL writes concurrent transactions side by side and flushes their commits together,
//! so each read simply commits its own rows.

use sqlx::postgres::{PgConnection, PgPool};

use super::audit::{self, AuditRow};
use super::connect::{begin_snapshot, begin_write, WriteTx};
use crate::error::StoreResult;

/// A read in progress: query on [`AuditedRead::conn`], then [`AuditedRead::finish`].
#[derive(Debug)]
pub struct AuditedRead {
    tx: WriteTx,
    /// For a REPEATABLE READ snapshot, the pool its audit rows are appended from afterwards
    /// (see the module's notes).
    snapshot_of: Option<PgPool>,
}

impl AuditedRead {
    /// A read of one statement (READ COMMITTED).
    pub async fn begin(pool: &PgPool) -> StoreResult<AuditedRead> {
        Ok(AuditedRead {
            tx: begin_write(pool).await?,
            snapshot_of: None,
        })
    }

    /// A read of several statements that must see one snapshot (REPEATABLE READ).
    pub async fn snapshot(pool: &PgPool) -> StoreResult<AuditedRead> {
        Ok(AuditedRead {
            tx: begin_snapshot(pool).await?,
            snapshot_of: Some(pool.clone()),
        })
    }

    /// The connection to read on.
    pub fn conn(&mut self) -> &mut PgConnection {
        &mut self.tx
    }

    /// Writes the read's audit rows and commits them. Until this returns, the caller must not
    /// answer.
    pub async fn finish(mut self, rows: impl IntoIterator<Item = AuditRow>) -> StoreResult<()> {
        if let Some(pool) = self.snapshot_of.take() {
            self.tx.commit().await?;
            self.tx = begin_write(&pool).await?;
        }
        for row in rows {
            audit::insert(&mut self.tx, &row).await.map_err(|err| {
                match (err, row.actor.person_id) {
                    (crate::StoreError::Database(db), Some(person)) if is_foreign_key(&db) => {
                        crate::StoreError::NotFound {
                            record: "person",
                            id: person,
                        }
                    }
                    (other, _) => other,
                }
            })?;
        }
        self.tx.commit().await?;
        Ok(())
    }
}

fn is_foreign_key(err: &sqlx::Error) -> bool {
    matches!(err, sqlx::Error::Database(db) if db.kind() == sqlx::error::ErrorKind::ForeignKeyViolation)
}
