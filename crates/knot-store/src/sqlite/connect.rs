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
use sqlx::{Sqlite, Transaction};

use crate::error::{StoreError, StoreResult};

/// How long a statement waits for another connection's write lock before failing.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Connections per store. SQLite writes one at a time; a few connections let reads proceed.
const MAX_CONNECTIONS: u32 = 4;

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
/// [`BUSY_TIMEOUT`]) instead.
pub async fn begin_write(pool: &SqlitePool) -> StoreResult<WriteTx> {
    Ok(pool.begin_with("BEGIN IMMEDIATE").await?)
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
}

async fn try_open(path: &Path) -> StoreResult<SqlitePool> {
    let mut pool_options = SqlitePoolOptions::new().max_connections(MAX_CONNECTIONS);
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
    Ok(pool)
}

fn create_parent_dir(path: &Path) -> StoreResult<()> {
    if is_in_memory(path) {
        return Ok(());
    }
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => std::fs::create_dir_all(dir).map_err(|err| {
            StoreError::Config(format!(
                "cannot create the directory {} for the database: {err}; \
                 choose another place with --db sqlite:/path/to/knot.db",
                dir.display()
            ))
        }),
        _ => Ok(()),
    }
}

/// An error that another process opening the same file at the same time can cause, and that
/// a retry may therefore get past.
fn may_pass(err: &StoreError) -> bool {
    matches!(err, StoreError::Migrate(_) | StoreError::Database(_))
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
    if is_busy(&err) {
        return StoreError::Database(err);
    }
    StoreError::Config(format!(
        "cannot open the database {}: {err}; check that it is a Knot database you may write, \
         or pass --db sqlite:/another/path.db",
        path.display()
    ))
}

/// Whether SQLite answered "busy" or "locked" (another connection holds the lock).
fn is_busy(err: &sqlx::Error) -> bool {
    let sqlx::Error::Database(db) = err else {
        return false;
    };
    let primary = db
        .code()
        .and_then(|code| code.parse::<i32>().ok())
        .map(|code| code & 0xff);
    matches!(primary, Some(5 | 6))
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
