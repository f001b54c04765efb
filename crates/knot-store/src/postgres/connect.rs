//! Connecting to PostgreSQL: the URL is read, one connection is tried within a few seconds so
//! an unreachable server or a wrong user or database is reported as such (with what to
//! check), then the pool is made and the embedded migrations are run.
//!
//! Every connection waits at most [`LOCK_TIMEOUT`] for a row lock, so a call held up by
//! another answers "busy" instead of hanging, and the server ends a session left idle inside a
//! transaction (which no store call does: each runs detached from its caller).
//!
//! PostgreSQL's migrator takes an advisory lock, so app servers starting at once on a fresh
//! database apply each migration once (the migrations run on a connection without the lock
//! timeout, so a server waits for another's migrations however long they take).

use std::str::FromStr;
use std::time::Duration;

use sqlx::migrate::{MigrateError, Migrator};
use sqlx::postgres::{PgConnectOptions, PgConnection, PgPool, PgPoolOptions};
use sqlx::{Connection, Postgres, Transaction, TransactionManager};

use crate::error::{StoreError, StoreResult};

/// How long a statement waits for a row lock another transaction holds before failing "busy".
pub const LOCK_TIMEOUT: Duration = Duration::from_secs(5);

/// How long the first connection may take before the server is reported unreachable.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// How long the server lets a session sit idle inside a transaction before ending it (and
/// rolling the transaction back): a last line of defence against a lock held for good.
const IDLE_IN_TRANSACTION_TIMEOUT: Duration = Duration::from_secs(60);

/// Connections per store.
const MAX_CONNECTIONS: u32 = 10;

/// How long a call waits for a free connection before answering "busy".
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(10);

static MIGRATOR: Migrator = sqlx::migrate!("./migrations/postgres");

/// A write transaction.
pub type WriteTx = Transaction<'static, Postgres>;

/// Connects to the database `url` names, brings its schema up to date and chains audit rows
/// written before the chain existed.
pub async fn open_pool(url: &str) -> StoreResult<PgPool> {
    let options = connect_options(url)?;
    probe(&options).await?;
    migrate(&options).await?;
    let pool = pool(options);
    super::audit_append::chain_old_rows(&pool).await?;
    Ok(pool)
}

/// Connects once, within [`CONNECT_TIMEOUT`], to report an unreachable server, a missing
/// database or a refused user as such: the pool retries a refused connection until its acquire
/// timeout and then reports only that it timed out.
pub(super) async fn probe(options: &PgConnectOptions) -> StoreResult<()> {
    let place = Place::of(options);
    match tokio::time::timeout(CONNECT_TIMEOUT, PgConnection::connect_with(options)).await {
        Err(_) => {
            Err(place.unreachable(&format!("no answer within {} s", CONNECT_TIMEOUT.as_secs())))
        }
        Ok(Err(err)) => Err(place.refused(err)),
        Ok(Ok(conn)) => {
            // Only a probe; a failure to say goodbye changes nothing.
            let _ = conn.close().await;
            Ok(())
        }
    }
}

/// Runs the embedded migrations, without the lock timeout: another server migrating at the
/// same moment holds the migrator's lock for as long as its migrations take.
async fn migrate(options: &PgConnectOptions) -> StoreResult<()> {
    let migrating = PgPoolOptions::new()
        .max_connections(1)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .connect_lazy_with(options.clone());
    let migrated = MIGRATOR.run(&migrating).await;
    migrating.close().await;
    migrated.map_err(migrate_error)
}

/// The store's pool: every connection with the lock and idle-in-transaction timeouts, and none
/// lent out again while inside a transaction.
fn pool(options: PgConnectOptions) -> PgPool {
    let seconds = |timeout: Duration| format!("{}s", timeout.as_secs());
    let options = options.options([
        ("lock_timeout", seconds(LOCK_TIMEOUT)),
        (
            "idle_in_transaction_session_timeout",
            seconds(IDLE_IN_TRANSACTION_TIMEOUT),
        ),
    ]);
    PgPoolOptions::new()
        .max_connections(MAX_CONNECTIONS)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .after_release(|conn, _| Box::pin(async move { still_usable(conn).await }))
        .connect_lazy_with(options)
}

/// Begins a write transaction (READ COMMITTED; the modules lock the rows a check depends on).
pub async fn begin_write(pool: &PgPool) -> StoreResult<WriteTx> {
    Ok(pool.begin().await?)
}

/// Begins a transaction on one snapshot (REPEATABLE READ), for reads that must agree.
pub async fn begin_snapshot(pool: &PgPool) -> StoreResult<WriteTx> {
    Ok(pool
        .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ")
        .await?)
}

/// The connection options of `url`.
pub(super) fn connect_options(url: &str) -> StoreResult<PgConnectOptions> {
    let options = PgConnectOptions::from_str(url).map_err(|err| {
        StoreError::Config(format!(
            "cannot read the PostgreSQL URL ({}); write postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE",
            without_secrets(&err.to_string(), url)
        ))
    })?;
    Ok(options.application_name("knot"))
}

/// An error text with the URL (which may hold a password) taken out.
fn without_secrets(text: &str, url: &str) -> String {
    text.replace(url, "the URL")
}

/// Where the store tried to connect, for messages (never the password).
struct Place {
    server: String,
    /// The `createdb` options that reach the same server as the same user.
    createdb: String,
    user: String,
    database: String,
}

impl Place {
    fn of(options: &PgConnectOptions) -> Place {
        let server = match options.get_socket() {
            Some(socket) => socket.display().to_string(),
            None => format!("{}:{}", options.get_host(), options.get_port()),
        };
        let user = options.get_username().to_string();
        let database = options.get_database().unwrap_or(&user).to_string();
        let host = match options.get_socket() {
            Some(socket) => socket.display().to_string(),
            None => options.get_host().to_string(),
        };
        let createdb = format!("-h {host} -p {} -U {user}", options.get_port());
        Place {
            server,
            createdb,
            user,
            database,
        }
    }

    fn unreachable(&self, why: &str) -> StoreError {
        StoreError::Config(format!(
            "cannot reach PostgreSQL at {} ({why}); is the server running? check the URL's \
             host, port, user and database",
            self.server
        ))
    }

    fn refused(&self, err: sqlx::Error) -> StoreError {
        let sqlx::Error::Database(db) = &err else {
            return match err {
                sqlx::Error::Io(io) => self.unreachable(&io.to_string()),
                other => StoreError::Config(format!(
                    "cannot connect to PostgreSQL at {}: {other}; check the URL's host, port, \
                     user and database",
                    self.server
                )),
            };
        };
        let message = db.message();
        StoreError::Config(match db.code().as_deref() {
            Some("3D000") => format!(
                "PostgreSQL at {} has no database {:?}; create it (createdb {} {}) or name \
                 another in the URL",
                self.server, self.database, self.createdb, self.database
            ),
            Some("28000" | "28P01") => format!(
                "PostgreSQL at {} refused user {:?} ({message}); check the URL's user and \
                 password",
                self.server, self.user
            ),
            _ => format!(
                "PostgreSQL at {} refused the connection ({message}); check the URL's host, \
                 port, user and database",
                self.server
            ),
        })
    }
}

/// Whether a connection coming back to the pool may be lent out again: not if it is still
/// inside a transaction. Store calls run detached from their caller, so this should never
/// happen; if it does, the pool closes the connection (the server rolls its transaction back)
/// rather than lend out its locks.
async fn still_usable(conn: &mut PgConnection) -> Result<bool, sqlx::Error> {
    if in_transaction(conn) {
        // A transaction dropped on an early return queues its ROLLBACK; a round trip sends it.
        conn.ping().await?;
    }
    Ok(!in_transaction(conn))
}

fn in_transaction(conn: &PgConnection) -> bool {
    <Postgres as sqlx::Database>::TransactionManager::get_transaction_depth(conn) > 0
}

fn migrate_error(err: MigrateError) -> StoreError {
    match err {
        MigrateError::VersionMissing(version) => StoreError::Config(format!(
            "the database was written by a newer Knot (schema version {version} is unknown \
             here); upgrade Knot, or pass --db with another database"
        )),
        other => StoreError::Migrate(other),
    }
}
