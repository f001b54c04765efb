//! Throwaway PostgreSQL databases for tests (the `testing` feature): each test creates a
//! database of its own on the server `KNOT_TEST_POSTGRES_URL` names (by default the local
//! `postgres://root@127.0.0.1:5432/test`), so tests run in parallel without seeing each other,
//! and the database is dropped when its guard is, a failed (panicking) test included.
//!
//! The guard works from synchronous and asynchronous tests alike: creating and dropping run on
//! a thread of their own with a small runtime, never on the caller's.
//!
//! [`TestDatabase`] lets a suite written once run on either backend: `KNOT_TEST_BACKEND=postgres`
//! gives each test a PostgreSQL database, anything else (the default) an SQLite file.

pub mod soundness;

use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use sqlx::postgres::PgConnectOptions;
use sqlx::{ConnectOptions, Connection};

/// The environment variable naming the server (and a database on it to connect to first).
pub const BASE_URL_ENV: &str = "KNOT_TEST_POSTGRES_URL";

/// The server tests use when [`BASE_URL_ENV`] is not set: the local PostgreSQL CI starts.
pub const DEFAULT_BASE_URL: &str = "postgres://root@127.0.0.1:5432/test";

/// The environment variable choosing the backend of [`TestDatabase`]: `postgres`, else SQLite.
pub const BACKEND_ENV: &str = "KNOT_TEST_BACKEND";

static CREATED: AtomicU64 = AtomicU64::new(0);

/// A fresh database for one test on the backend [`BACKEND_ENV`] names, removed with the guard.
#[derive(Debug)]
pub enum TestDatabase {
    /// A file in a temporary directory.
    Sqlite { dir: tempfile::TempDir, url: String },
    /// A database of its own on the test server.
    Postgres(TempDatabase),
}

impl TestDatabase {
    /// A database on the backend the environment chooses.
    pub fn from_env() -> Result<TestDatabase, String> {
        let backend = std::env::var(BACKEND_ENV).unwrap_or_default();
        match backend.trim() {
            "postgres" | "postgresql" => Ok(TestDatabase::Postgres(TempDatabase::create()?)),
            "" | "sqlite" => {
                let dir = tempfile::tempdir().map_err(|err| err.to_string())?;
                let url = format!("sqlite:{}", dir.path().join("knot.db").display());
                Ok(TestDatabase::Sqlite { dir, url })
            }
            other => Err(format!(
                "{BACKEND_ENV}={other:?} names no backend; write sqlite or postgres"
            )),
        }
    }

    /// The database's URL, for `knot_store::open` or `--db`.
    pub fn url(&self) -> &str {
        match self {
            TestDatabase::Sqlite { url, .. } => url,
            TestDatabase::Postgres(db) => db.url(),
        }
    }
}

/// A database of its own for one test, dropped with this guard.
#[derive(Debug)]
pub struct TempDatabase {
    name: String,
    url: String,
    base_url: String,
}

impl TempDatabase {
    /// Creates an empty database `knot_test_…` on the test server. The error says how to make
    /// the server available.
    pub fn create() -> Result<TempDatabase, String> {
        let base_url = base_url();
        let name = format!(
            "knot_test_{}_{}_{}",
            std::process::id(),
            CREATED.fetch_add(1, Ordering::Relaxed),
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |since| since.subsec_nanos())
        );
        let url = with_database(&base_url, &name)?;
        let statement = format!("CREATE DATABASE \"{name}\"");
        on_own_thread(admin(base_url.clone(), statement)).map_err(|err| {
            format!(
                "cannot create a test database on {base_url}: {err}; start PostgreSQL \
                 (pg_ctlcluster --skip-systemctl-redirect 15 main start) or set {BASE_URL_ENV} \
                 to a server where this user may create databases"
            )
        })?;
        Ok(TempDatabase {
            name,
            url,
            base_url,
        })
    }

    /// The database's URL (`postgres://…/knot_test_…`), for `knot_store::open` or `--db`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The database's name.
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl Drop for TempDatabase {
    fn drop(&mut self) {
        // FORCE ends the sessions of stores the test left open.
        let statement = format!("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", self.name);
        if let Err(err) = on_own_thread(admin(self.base_url.clone(), statement)) {
            eprintln!("could not drop the test database {}: {err}", self.name);
        }
    }
}

/// The server tests use: [`BASE_URL_ENV`], else [`DEFAULT_BASE_URL`].
pub fn base_url() -> String {
    std::env::var(BASE_URL_ENV)
        .ok()
        .filter(|url| !url.trim().is_empty())
        .unwrap_or_else(|| DEFAULT_BASE_URL.to_string())
}

/// `base` with its database replaced by `database` (user, host, port and parameters kept).
fn with_database(base: &str, database: &str) -> Result<String, String> {
    let (scheme, rest) = base
        .split_once("://")
        .ok_or_else(|| format!("{BASE_URL_ENV} {base:?} is not a postgres:// URL"))?;
    let (authority, path_and_query) = match rest.find('/') {
        Some(at) => rest.split_at(at),
        None => (rest, ""),
    };
    let query = path_and_query
        .find('?')
        .map_or("", |at| &path_and_query[at..]);
    Ok(format!("{scheme}://{authority}/{database}{query}"))
}

/// Runs one statement on the base database.
async fn admin(base_url: String, statement: String) -> Result<(), String> {
    let options = PgConnectOptions::from_str(&base_url).map_err(|err| err.to_string())?;
    let mut conn = options.connect().await.map_err(|err| err.to_string())?;
    sqlx::query(&statement)
        .execute(&mut conn)
        .await
        .map_err(|err| err.to_string())?;
    conn.close().await.map_err(|err| err.to_string())
}

/// Runs `work` to completion on a new thread with a runtime of its own.
fn on_own_thread<T: Send + 'static>(
    work: impl std::future::Future<Output = Result<T, String>> + Send + 'static,
) -> Result<T, String> {
    std::thread::spawn(move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|err| err.to_string())?
            .block_on(work)
    })
    .join()
    .map_err(|_| "the thread setting up the test database panicked".to_string())?
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn the_database_is_swapped_and_the_rest_kept() {
        assert_eq!(
            with_database("postgres://root@127.0.0.1:5432/test", "knot_x").unwrap(),
            "postgres://root@127.0.0.1:5432/knot_x"
        );
        assert_eq!(
            with_database("postgresql://u:p@h/db?sslmode=disable", "k").unwrap(),
            "postgresql://u:p@h/k?sslmode=disable"
        );
        assert_eq!(
            with_database("postgres://h", "k").unwrap(),
            "postgres://h/k"
        );
    }
}
