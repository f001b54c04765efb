//! Audit rows for reads, written in batches (group commit). Every read of health data is still
//! audited before its answer is handed back — [`ReadAudit::record`] returns only once its row
//! is committed — but concurrent reads share one write transaction and one fsync instead of
//! each taking the write lock for itself. A read whose row cannot be written fails.
//!
//! One task per store owns the queue and writes it; it ends when the store is dropped.

use sqlx::sqlite::SqlitePool;
use tokio::sync::{mpsc, oneshot};

use super::audit::{self, AuditRow};
use super::connect::begin_write;
use crate::error::{StoreError, StoreResult};

/// Rows written in one transaction at most.
const MAX_BATCH: usize = 512;
/// Rows waiting at most; further reads wait for room (back-pressure, not memory growth).
const QUEUE: usize = 4096;

/// Why a row was not written, told to its read (a `StoreError` is not `Clone`).
#[derive(Debug, Clone)]
enum Failure {
    Busy(String),
    NoSuchPerson(i64),
    Other(String),
}

impl Failure {
    fn of(err: StoreError, row: &AuditRow) -> Failure {
        match err {
            StoreError::Busy(message) => Failure::Busy(message),
            StoreError::Database(db) if is_foreign_key_violation(&db) => {
                Failure::NoSuchPerson(row.actor.person_id.unwrap_or(row.actor.user_id))
            }
            other => Failure::Other(other.to_string()),
        }
    }
}

impl From<Failure> for StoreError {
    fn from(failure: Failure) -> StoreError {
        match failure {
            Failure::Busy(message) => StoreError::Busy(message),
            Failure::NoSuchPerson(id) => StoreError::NotFound {
                record: "person",
                id,
            },
            Failure::Other(message) => {
                StoreError::Interrupted(format!("the audit row of a read: {message}"))
            }
        }
    }
}

fn is_foreign_key_violation(err: &sqlx::Error) -> bool {
    matches!(err, sqlx::Error::Database(db) if db.kind() == sqlx::error::ErrorKind::ForeignKeyViolation)
}

struct Pending {
    row: AuditRow,
    written: oneshot::Sender<Result<(), Failure>>,
}

/// The queue of read audit rows of one store.
#[derive(Debug, Clone)]
pub struct ReadAudit {
    queue: mpsc::Sender<Pending>,
}

impl std::fmt::Debug for Pending {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pending").field("row", &self.row).finish()
    }
}

impl ReadAudit {
    /// Starts the writer task for `pool` (on the current Tokio runtime).
    pub fn start(pool: SqlitePool) -> ReadAudit {
        let (queue, pending) = mpsc::channel(QUEUE);
        tokio::spawn(write_batches(pool, pending));
        ReadAudit { queue }
    }

    /// Queues `rows` and waits until each is committed.
    pub async fn record_all(&self, rows: impl IntoIterator<Item = AuditRow>) -> StoreResult<()> {
        let mut waiting = Vec::new();
        for row in rows {
            let (written, done) = oneshot::channel();
            self.queue
                .send(Pending { row, written })
                .await
                .map_err(|_| stopped())?;
            waiting.push(done);
        }
        for done in waiting {
            done.await
                .map_err(|_| stopped())?
                .map_err(StoreError::from)?;
        }
        Ok(())
    }

    /// Queues `row` and waits until it is committed.
    pub async fn record(&self, row: AuditRow) -> StoreResult<()> {
        self.record_all([row]).await
    }
}

fn stopped() -> StoreError {
    StoreError::Interrupted("the audit writer has stopped".into())
}

async fn write_batches(pool: SqlitePool, mut pending: mpsc::Receiver<Pending>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while pending.recv_many(&mut batch, MAX_BATCH).await > 0 {
        match write(&pool, batch.iter().map(|waiting| &waiting.row)).await {
            Ok(()) => batch.drain(..).for_each(|waiting| tell(waiting, Ok(()))),
            Err(err) if err.is_busy() => {
                let failure = Failure::of(err, &batch[0].row);
                batch
                    .drain(..)
                    .for_each(|waiting| tell(waiting, Err(failure.clone())));
            }
            // One bad row must not fail the reads of others: write them one by one.
            Err(_) => {
                for waiting in batch.drain(..) {
                    let result = write(&pool, std::iter::once(&waiting.row))
                        .await
                        .map_err(|err| Failure::of(err, &waiting.row));
                    tell(waiting, result);
                }
            }
        }
    }
}

fn tell(waiting: Pending, result: Result<(), Failure>) {
    // The read may have been abandoned; its row is written all the same.
    let _ = waiting.written.send(result);
}

async fn write<'a>(pool: &SqlitePool, rows: impl Iterator<Item = &'a AuditRow>) -> StoreResult<()> {
    let mut tx = begin_write(pool).await?;
    for row in rows {
        audit::insert(&mut tx, row).await?;
    }
    tx.commit().await?;
    Ok(())
}
