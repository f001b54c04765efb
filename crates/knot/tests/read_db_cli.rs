//! `--read-db` / `KNOT_DATABASE_READ_URL` on the command line: with an SQLite database it exits
//! 2 saying a replica needs PostgreSQL; with PostgreSQL, commands write and read through it (the
//! primary itself stands in for the replica here; tests/read_replica.rs in knot-store checks a
//! real standby); an unreachable replica exits 2 naming it.

use std::process::{Command, Output};

use knot_store::testing::TempDatabase;

/// Runs `knot --db URL ARGS` with `KNOT_DATABASE_READ_URL` set to `read` (or unset).
fn knot(url: &str, read: Option<&str>, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_knot"));
    command
        .arg("--db")
        .arg(url)
        .args(args)
        .env_remove("KNOT_DATABASE_URL")
        .env_remove("KNOT_DATABASE_READ_URL");
    if let Some(read) = read {
        command.env("KNOT_DATABASE_READ_URL", read);
    }
    command.output().expect("knot runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_replica_with_sqlite_exits_2_saying_it_needs_postgres() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let file = dir.path().join("knot.db");
    let url = file.to_str().expect("a UTF-8 path");
    let out = knot(
        url,
        None,
        &["--read-db", "postgres://root@127.0.0.1/x", "history"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("needs a PostgreSQL database"),
        "{}",
        stderr(&out)
    );
    let out = knot(url, Some("postgres://root@127.0.0.1/x"), &["history"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(!file.exists(), "nothing was written to the SQLite file");
}

#[test]
fn commands_write_and_read_through_a_replica_on_postgres() {
    let db = TempDatabase::create().expect("a test database");
    let url = db.url();
    let out = knot(url, Some(url), &["log", "pain", "6"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = knot(url, Some(url), &["history", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let listing: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(listing["entries"].as_array().expect("entries").len(), 1);

    let not_postgres = knot(url, Some("sqlite:/tmp/replica.db"), &["history"]);
    assert_eq!(
        not_postgres.status.code(),
        Some(2),
        "{}",
        stderr(&not_postgres)
    );
    assert!(
        stderr(&not_postgres).contains("must be a PostgreSQL URL"),
        "{}",
        stderr(&not_postgres)
    );

    // Nothing listens on port 1.
    let gone = knot(url, Some("postgres://root@127.0.0.1:1/x"), &["history"]);
    assert_eq!(gone.status.code(), Some(2), "{}", stderr(&gone));
    assert!(stderr(&gone).contains("read replica"), "{}", stderr(&gone));
}
