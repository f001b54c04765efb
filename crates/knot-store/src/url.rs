//! Which database a URL names, and where the personal database lives by default.

use std::path::PathBuf;

use crate::error::{StoreError, StoreResult};

/// The environment variable that overrides the database URL.
pub const DATABASE_URL_ENV: &str = "KNOT_DATABASE_URL";

/// A backend chosen from a URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Backend {
    /// An SQLite file.
    Sqlite(PathBuf),
    /// A PostgreSQL server: the URL as given (`postgres://…` or `postgresql://…`).
    Postgres(String),
}

/// The URL forms, for messages.
const FORMS: &str = "write sqlite:/path/to/knot.db (a file), or \
     postgres://USER@HOST:PORT/DATABASE or postgresql://USER@HOST:PORT/DATABASE (a server)";

/// Parses `sqlite:PATH`, `sqlite://PATH` or a plain file path (SQLite), or `postgres://…` /
/// `postgresql://…` (PostgreSQL).
pub fn parse(database_url: &str) -> StoreResult<Backend> {
    let url = database_url.trim();
    if let Some(path) = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
    {
        let path = path.split('?').next().unwrap_or_default();
        if path.is_empty() {
            return Err(StoreError::Config(
                "the SQLite URL names no file; write sqlite:/path/to/knot.db".into(),
            ));
        }
        return Ok(Backend::Sqlite(PathBuf::from(path)));
    }
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return Ok(Backend::Postgres(url.to_string()));
    }
    if !url.contains("://") && !url.is_empty() {
        return Ok(Backend::Sqlite(PathBuf::from(url)));
    }
    if url.is_empty() {
        return Err(StoreError::Config(format!(
            "the database URL is empty; {FORMS}"
        )));
    }
    // Only the scheme is repeated: the rest may hold a password.
    let scheme = url.split_once("://").map_or(url, |(scheme, _)| scheme);
    Err(StoreError::Config(format!(
        "cannot use a database URL starting {scheme:?}; {FORMS}"
    )))
}

/// `database_url` as it may be shown: a password in it (`scheme://user:PASSWORD@host…`) is
/// replaced by `***`.
pub fn redacted(database_url: &str) -> String {
    let Some((scheme, rest)) = database_url.split_once("://") else {
        return database_url.to_string();
    };
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let Some(at) = rest[..authority_end].rfind('@') else {
        return database_url.to_string();
    };
    match rest[..at].split_once(':') {
        Some((user, _password)) => format!("{scheme}://{user}:***{}", &rest[at..]),
        None => database_url.to_string(),
    }
}

/// `sqlite:` plus the personal database file in the user's data directory
/// (`$XDG_DATA_HOME/knot/knot.db`, else `~/.local/share/knot/knot.db`).
pub fn default_database_url() -> StoreResult<String> {
    let base = std::env::var_os("XDG_DATA_HOME")
        .filter(|dir| !dir.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".local/share")))
        .ok_or_else(|| {
            StoreError::Config(
                "cannot tell where your data directory is (HOME is not set); pass --db sqlite:/path/to/knot.db"
                    .into(),
            )
        })?;
    Ok(format!(
        "sqlite:{}",
        base.join("knot").join("knot.db").display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postgres_urls_choose_postgres_and_other_schemes_are_refused() {
        for url in [
            "postgres://u@h/db",
            "postgresql://u:p@h:5433/db?sslmode=disable",
        ] {
            assert_eq!(parse(url).ok(), Some(Backend::Postgres(url.to_string())));
        }
        assert_eq!(
            parse("sqlite:/tmp/k.db").ok(),
            Some(Backend::Sqlite(PathBuf::from("/tmp/k.db")))
        );
        for url in ["mysql://u:secret@h/db", "", "http://x"] {
            let message = parse(url).unwrap_err().to_string();
            assert!(message.contains("postgresql://"), "{message}");
            assert!(!message.contains("secret"), "{message}");
        }
    }

    #[test]
    fn a_password_is_never_shown() {
        assert_eq!(
            redacted("postgres://knot:s3cret@db:5432/knot"),
            "postgres://knot:***@db:5432/knot"
        );
        assert_eq!(
            redacted("postgres://knot@db/knot"),
            "postgres://knot@db/knot"
        );
        assert_eq!(redacted("sqlite:/tmp/a@b:c.db"), "sqlite:/tmp/a@b:c.db");
        assert_eq!(redacted("/tmp/knot.db"), "/tmp/knot.db");
    }
}
