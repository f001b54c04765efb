//! Opening the SQLite file: the directory and file are created, every connection gets the
//! pragmas that keep typed data safe and let the CLI and a server share the file, and the
//! embedded migrations are run.
//!
//! Two processes may open a fresh file at the same moment. SQLite's migrator takes no lock, so
//! both may try the first migration; each migration is one transaction, so the loser's fails
//! whole and a retry finds it applied.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use sqlx::migrate::{MigrateError, Migrator};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Sqlite, SqliteConnection, Transaction, TransactionManager};

use crate::error::{StoreError, StoreResult};

/// How long a statement waits for another connection's write lock before failing.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Connections per store. SQLite writes one at a time; a few connections let reads proceed.
const MAX_CONNECTIONS: u32 = 4;

/// How long a call waits for a free connection before answering "busy".
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(10);

/// Attempts at opening and migrating before an error is reported.
const ATTEMPTS: u32 = 5;

/// Numbers in-memory databases, so each store opened in memory is its own.
static MEMORY_DATABASES: AtomicU64 = AtomicU64::new(0);

static MIGRATOR: Migrator = sqlx::migrate!("./migrations/sqlite");

/// A write transaction.
pub type WriteTx = Transaction<'static, Sqlite>;

/// Opens (creating as needed) and migrates the database at `path`.
pub async fn open_pool(path: &Path) -> StoreResult<SqlitePool> {
    create_parent_dir(path)?;
    private_file(path)?;
    let mut attempt = 1;
    loop {
        match try_open(path).await {
            Ok(pool) => return Ok(pool),
            Err(err) if attempt < ATTEMPTS && may_pass(&err) => {
                tokio::time::sleep(Duration::from_millis(50 * u64::from(attempt))).await;
                attempt += 1;
            }
            Err(err) => return Err(err),
        }
    }
}

/// Begins a write transaction, taking the write lock at once (`BEGIN IMMEDIATE`).
///
/// A deferred transaction that reads and then writes fails at once with "database is locked"
/// when another connection wrote in between; taking the lock first makes it wait (up to
/// [`BUSY_TIMEOUT`]) instead. A lock still held then is waited for once more, after a pause,
/// before the caller hears "busy".
pub async fn begin_write(pool: &SqlitePool) -> StoreResult<WriteTx> {
    match pool.begin_with("BEGIN IMMEDIATE").await {
        Err(err) if crate::error::is_busy(&err) => {
            tokio::time::sleep(RETRY_PAUSE).await;
            Ok(pool.begin_with("BEGIN IMMEDIATE").await?)
        }
        other => Ok(other?),
    }
}

/// The pause before the one retry of a busy write lock.
const RETRY_PAUSE: Duration = Duration::from_millis(100);

/// Whether a connection coming back to the pool may be lent out again: not if it is still
/// inside a transaction. Store calls run detached from their caller, so this should never
/// happen; if it does, the pool closes the connection (SQLite rolls its transaction back)
/// rather than lend out a held write lock.
async fn still_usable(conn: &mut SqliteConnection) -> Result<bool, sqlx::Error> {
    if in_transaction(conn) {
        // A transaction dropped on an early return queues its rollback on the connection's
        // worker without waiting; a round trip behind it lets the worker get there first.
        // (Closing such a connection would be safe for a file, and lose an in-memory
        // database whose last connection it is.)
        sqlx::Connection::ping(conn).await?;
    }
    Ok(!in_transaction(conn))
}

fn in_transaction(conn: &SqliteConnection) -> bool {
    <Sqlite as sqlx::Database>::TransactionManager::get_transaction_depth(conn) > 0
}

/// The name that asks for a database in memory (`sqlite::memory:`), for tests and demos.
const IN_MEMORY: &str = ":memory:";

fn is_in_memory(path: &Path) -> bool {
    path == Path::new(IN_MEMORY)
}

fn options(path: &Path) -> SqliteConnectOptions {
    let base = if is_in_memory(path) {
        // One private in-memory database shared by the pool's connections.
        SqliteConnectOptions::new()
            .in_memory(true)
            .shared_cache(true)
            .filename(format!(
                "file:knot-in-memory-{}",
                MEMORY_DATABASES.fetch_add(1, Ordering::Relaxed)
            ))
    } else {
        SqliteConnectOptions::new().filename(path)
    };
    base.create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .busy_timeout(BUSY_TIMEOUT)
        .foreign_keys(true)
        // Deleted rows are overwritten with zeros, not left in free space: an erased account's
        // diary must not be readable from the file (see `shared/account_erase.rs`).
        .pragma("secure_delete", "ON")
}

/// Copies the write-ahead log into the database file and truncates the log to nothing, so it
/// keeps no copy of pages that held erased rows. A reader in the middle of a transaction can
/// hold the log back for a moment: a few tries, then the next checkpoint finishes the job.
pub async fn checkpoint_truncate(pool: &SqlitePool) -> StoreResult<()> {
    for _ in 0..CHECKPOINT_TRIES {
        let busy: i64 = sqlx::query_scalar("PRAGMA wal_checkpoint(TRUNCATE)")
            .fetch_one(pool)
            .await?;
        if busy == 0 {
            return Ok(());
        }
        tokio::time::sleep(RETRY_PAUSE).await;
    }
    Ok(())
}

/// Tries at a full checkpoint after an erase.
const CHECKPOINT_TRIES: u32 = 20;

async fn try_open(path: &Path) -> StoreResult<SqlitePool> {
    let mut pool_options = SqlitePoolOptions::new()
        .max_connections(MAX_CONNECTIONS)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .after_release(|conn, _| Box::pin(async move { still_usable(conn).await }));
    if is_in_memory(path) {
        // The database lives as long as one connection to it: keep one, for good.
        pool_options = pool_options
            .min_connections(1)
            .idle_timeout(None)
            .max_lifetime(None);
    }
    let pool = pool_options
        .connect_with(options(path))
        .await
        .map_err(|err| cannot_open(path, err))?;
    if let Err(err) = MIGRATOR.run(&pool).await {
        pool.close().await;
        return Err(migrate_error(err));
    }
    if let Err(err) = super::audit_append::chain_old_rows(&pool).await {
        pool.close().await;
        return Err(err);
    }
    Ok(pool)
}

fn create_parent_dir(path: &Path) -> StoreResult<()> {
    if is_in_memory(path) {
        return Ok(());
    }
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => private_dir(dir).map_err(|err| {
            StoreError::Config(format!(
                "cannot create the directory {} for the database: {err}; \
                 choose another place with --db sqlite:/path/to/knot.db",
                dir.display()
            ))
        }),
        _ => Ok(()),
    }
}

/// Creates `dir` (and missing parents) readable by its owner alone: it holds health data and
/// password hashes.
fn private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Creates the database file readable and writable by its owner alone before SQLite opens it
/// (SQLite gives its `-wal` and `-shm` files the same mode), and takes group and other
/// permissions away from an existing one.
fn private_file(path: &Path) -> StoreResult<()> {
    if is_in_memory(path) {
        return Ok(());
    }
    let refused = |err: std::io::Error| {
        StoreError::Config(format!(
            "cannot create the database {}: {err}; check that you may write there, or pass \
             --db sqlite:/another/path.db",
            path.display()
        ))
    };
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(path).map_err(refused)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = file.metadata().map_err(refused)?.permissions().mode();
        if mode & 0o077 != 0 {
            // Best effort: a file we may write but not chmod (another owner) still opens.
            let _ = file.set_permissions(std::fs::Permissions::from_mode(mode & 0o700));
        }
    }
    Ok(())
}

/// An error that another process opening the same file at the same time can cause, and that
/// a retry may therefore get past.
fn may_pass(err: &StoreError) -> bool {
    matches!(
        err,
        StoreError::Migrate(_) | StoreError::Database(_) | StoreError::Busy(_)
    )
}

fn migrate_error(err: MigrateError) -> StoreError {
    match err {
        MigrateError::VersionMissing(version) => StoreError::Config(format!(
            "the database was written by a newer Knot (schema version {version} is unknown \
             here); upgrade Knot, or pass --db with another file"
        )),
        other => StoreError::Migrate(other),
    }
}

fn cannot_open(path: &Path, err: sqlx::Error) -> StoreError {
    if crate::error::is_busy(&err) {
        return StoreError::Busy(err.to_string());
    }
    StoreError::Config(format!(
        "cannot open the database {}: {err}; check that it is a Knot database you may write, \
         or pass --db sqlite:/another/path.db",
        path.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn every_connection_has_the_safety_pragmas() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a").join("b").join("knot.db");
        let pool = open_pool(&path).await.unwrap();
        assert!(path.is_file(), "the directory and file are created");
        // Take every connection at once, so each one is checked, not just the first.
        let mut held = Vec::new();
        for _ in 0..MAX_CONNECTIONS {
            let mut conn = pool.acquire().await.unwrap();
            let pragma = |name: &'static str| format!("PRAGMA {name}");
            let journal: String = sqlx::query_scalar(&pragma("journal_mode"))
                .fetch_one(&mut *conn)
                .await
                .unwrap();
            let synchronous: i64 = sqlx::query_scalar(&pragma("synchronous"))
                .fetch_one(&mut *conn)
                .await
                .unwrap();
            let foreign_keys: i64 = sqlx::query_scalar(&pragma("foreign_keys"))
                .fetch_one(&mut *conn)
                .await
                .unwrap();
            let busy: i64 = sqlx::query_scalar(&pragma("busy_timeout"))
                .fetch_one(&mut *conn)
                .await
                .unwrap();
            assert_eq!(journal, "wal");
            assert_eq!(synchronous, 2, "FULL");
            assert_eq!(foreign_keys, 1);
            assert_eq!(busy, BUSY_TIMEOUT.as_millis() as i64);
            held.push(conn);
        }
    }
}
